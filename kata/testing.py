"""Helpers for the test suite: the loader, independent oracles and readable assertions.

Everything here is independent of the katas: the numerical gradient below is the test
suite's own, so a learner's ``foundations/gradient_check`` is never its own judge.
"""

from __future__ import annotations

import contextlib
import tracemalloc
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from kata.loader import load_kata

__all__ = [
    "SEEDS",
    "import_scipy",
    "import_sklearn",
    "inputs_unchanged",
    "load_kata",
    "numerical_gradient",
    "relative_error",
]

#: Seeds for invariants checked over several random draws.
SEEDS = (0, 1, 2)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-6):
    """Central-difference gradient of scalar ``f`` at ``x`` (on a float64 copy of x)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        orig = flat_x[i]
        flat_x[i] = orig + eps
        f_plus = f(x)
        flat_x[i] = orig - eps
        f_minus = f(x)
        flat_x[i] = orig
        flat_g[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b) -> float:
    """Norm-wise relative error ``||a - b|| / max(||a|| + ||b||, tiny)``.

    Norm-wise rather than entry by entry: an entry where both gradients are ~1e-10 and
    differ only by finite-difference noise would otherwise score near 1 on correct code.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denom = max(float(np.linalg.norm(a) + np.linalg.norm(b)), 1e-300)
    return float(np.linalg.norm(a - b) / denom)


def import_sklearn(submodule: str):
    """Import ``sklearn.<submodule>`` or skip the test cleanly when it is absent."""
    return pytest.importorskip(
        f"sklearn.{submodule}",
        reason="scikit-learn is not installed (pip install -r requirements-dev.txt)",
    )


def import_scipy(submodule: str):
    """Import ``scipy.<submodule>`` or skip (SciPy comes with scikit-learn)."""
    return pytest.importorskip(
        f"scipy.{submodule}",
        reason="SciPy is not installed (pip install -r requirements-dev.txt)",
    )


@contextlib.contextmanager
def inputs_unchanged(what: str, **arrays) -> Iterator[None]:
    """Fail if the code in the block modifies any of the named arrays in place.

    >>> with inputs_unchanged("fit", X=X, y=y):
    ...     model.fit(X, y)
    """
    copies = {name: np.array(a, copy=True) for name, a in arrays.items()}
    yield
    for name, before in copies.items():
        after = np.asarray(arrays[name])
        if before.shape != after.shape or not np.array_equal(before, after, equal_nan=True):
            pytest.fail(
                f"{what} modified its input {name} in place; work on a copy "
                f"(e.g. `{name} = {name} - shift`, not `{name} -= shift`)."
            )


def peak_memory(func: Callable, *args, **kwargs) -> tuple[object, int]:
    """Run ``func(*args, **kwargs)``; return its result and the peak bytes it allocated.

    NumPy reports its array buffers to tracemalloc, so temporaries count too: this is how
    the suite catches an (n, m, d) broadcast or an (n, n) matrix that a vectorized answer
    never needs.
    """
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = func(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak - before
