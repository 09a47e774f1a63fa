"""Data for tests, demos and figures: toy generators and small real datasets.

Generators take ``random_state`` like the katas do and return float64 ``X`` with labels
(int) or targets (float). The real datasets ship as CSV files in ``kata/data/`` (their
sources and licences are in ``kata/data/README.md``); loading needs no network.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kata.validation import check_random_state, check_scalar

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Dataset:
    """A loaded dataset: features, target and their names."""

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]  # class names; empty for regression


def _load_csv(name: str, target_dtype) -> Dataset:
    target_names: tuple[str, ...] = ()
    with (DATA_DIR / f"{name}.csv").open(newline="") as fh:
        first = fh.readline()
        if first.startswith("# target names:"):
            target_names = tuple(first.split(":", 1)[1].strip().split(","))
            header = next(csv.reader(fh))
        else:
            header = next(csv.reader([first]))
        rows = np.array([[float(v) for v in row] for row in csv.reader(fh)])
    return Dataset(
        X=rows[:, :-1],
        y=rows[:, -1].astype(target_dtype),
        feature_names=tuple(header[:-1]),
        target_names=target_names,
    )


def load_iris() -> Dataset:
    """Fisher's iris: 150 flowers, 4 measurements (cm), 3 species (0, 1, 2)."""
    return _load_csv("iris", np.int64)


def load_wine() -> Dataset:
    """Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars (0, 1, 2)."""
    return _load_csv("wine", np.int64)


def load_breast_cancer() -> Dataset:
    """Wisconsin diagnostic breast cancer: 569 samples, 30 features, 0 = malignant."""
    return _load_csv("breast_cancer", np.int64)


def load_diabetes() -> Dataset:
    """Diabetes progression: 442 patients, 10 unscaled baseline variables, float target."""
    return _load_csv("diabetes", np.float64)


def make_blobs(
    n_samples: int = 300,
    centers=3,
    n_features: int = 2,
    cluster_std: float = 1.0,
    random_state=None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Isotropic Gaussian blobs.

    ``centers`` is a count (drawn uniformly in [-10, 10]^d) or an explicit (k, d) array.
    Returns ``(X, labels, centers)``; samples are split as evenly as possible.
    """
    rng = check_random_state(random_state)
    check_scalar(n_samples, "n_samples", kind=int, low=1)
    check_scalar(cluster_std, "cluster_std", low=0)
    if np.isscalar(centers):
        check_scalar(centers, "centers", kind=int, low=1)
        centers = rng.uniform(-10, 10, size=(centers, n_features))
    centers = np.asarray(centers, dtype=float)
    k = centers.shape[0]
    labels = np.arange(n_samples) % k
    rng.shuffle(labels)
    X = centers[labels] + cluster_std * rng.standard_normal((n_samples, centers.shape[1]))
    return X, labels, centers


def make_moons(n_samples: int = 200, noise: float = 0.1, random_state=None):
    """Two interleaving half circles. Returns ``(X, y)`` with y in {0, 1}."""
    rng = check_random_state(random_state)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = np.linspace(0, np.pi, n_outer)
    t_inner = np.linspace(0, np.pi, n_inner)
    outer = np.column_stack([np.cos(t_outer), np.sin(t_outer)])
    inner = np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)])
    X = np.vstack([outer, inner]) + noise * rng.standard_normal((n_samples, 2))
    y = np.concatenate([np.zeros(n_outer, dtype=np.int64), np.ones(n_inner, dtype=np.int64)])
    return X, y


def make_spirals(n_samples: int = 300, n_classes: int = 2, noise: float = 0.2, random_state=None):
    """Interleaved spiral arms, one per class. Returns ``(X, y)``."""
    rng = check_random_state(random_state)
    y = np.arange(n_samples) % n_classes
    radius = np.linspace(0.2, 1.0, n_samples)
    theta = 4 * radius + 2 * np.pi * y / n_classes + noise * rng.standard_normal(n_samples)
    X = np.column_stack([radius * np.cos(theta), radius * np.sin(theta)])
    return X, y.astype(np.int64)


def make_linear_regression(
    n_samples: int = 100,
    n_features: int = 3,
    noise: float = 0.1,
    intercept: float = 0.0,
    random_state=None,
):
    """Gaussian features and ``y = X @ coef + intercept + noise``.

    Returns ``(X, y, coef)`` with ``coef`` drawn from N(0, 1) per feature.
    """
    rng = check_random_state(random_state)
    X = rng.standard_normal((n_samples, n_features))
    coef = rng.standard_normal(n_features)
    y = X @ coef + intercept + noise * rng.standard_normal(n_samples)
    return X, y, coef


def make_logistic(
    n_samples: int = 200,
    n_features: int = 2,
    scale: float = 2.0,
    intercept: float = 0.0,
    random_state=None,
):
    """Labels drawn from a logistic model: P(y=1 | x) = sigmoid(x @ coef + intercept).

    ``scale`` is the norm of ``coef``: larger means less overlap between the classes.
    Returns ``(X, y, coef)`` with y in {0, 1}.
    """
    rng = check_random_state(random_state)
    X = rng.standard_normal((n_samples, n_features))
    coef = rng.standard_normal(n_features)
    coef *= scale / np.linalg.norm(coef)
    logits = X @ coef + intercept
    p = np.exp(-np.logaddexp(0.0, -logits))  # sigmoid without overflow
    y = (rng.random(n_samples) < p).astype(np.int64)
    return X, y, coef
