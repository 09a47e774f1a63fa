"""Figures for the trees/adaboost cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _two_moons(n, rng, noise=0.3):
    """Two interleaved half circles with Gaussian noise (labels 0 and 1)."""
    t = rng.uniform(0.0, np.pi, n)
    label = rng.integers(0, 2, n)
    X = np.where(
        label[:, None] == 0,
        np.column_stack([np.cos(t), np.sin(t)]),
        np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)]),
    )
    return X + noise * rng.standard_normal((n, 2)), label


@figure("trees/adaboost", "adaboost_rounds.png")
def adaboost_rounds():
    """Per round: the stump's weighted error and its alpha; the ensemble's error as rounds
    are added; the final boundary of 200 stumps."""
    import matplotlib.pyplot as plt

    ada = load_kata("trees/adaboost", "solutions")
    rng = np.random.default_rng(0)
    X, y = _two_moons(300, rng)
    X_test, y_test = _two_moons(2000, rng)
    model = ada.AdaBoostClassifier(n_estimators=200).fit(X, y)
    alphas, errors = model.estimator_weights_, model.estimator_errors_
    rounds = np.arange(1, alphas.size + 1)

    def staged_error(Z, labels):
        # The vote after m stumps: cumulative sums of each stump's signed alpha.
        signed = np.array([a * np.where(s.predict(Z) == 1, 1.0, -1.0)
                           for s, a in zip(model.estimators_, alphas, strict=True)])  # fmt: skip
        return np.mean((np.cumsum(signed, axis=0) > 0) != labels, axis=1)

    fig, axes = plt.subplots(1, 3, figsize=(12, 3.4))
    ax = axes[0]
    ax.plot(rounds, errors, color="tab:red", lw=1, label="weighted error err_m")
    ax.axhline(0.5, color="grey", ls=":", lw=1)
    ax.set_xlabel("round m")
    ax.set_ylabel("err_m", color="tab:red")
    twin = ax.twinx()
    twin.plot(rounds, alphas, color="tab:blue", lw=1)
    twin.set_ylabel("alpha_m = log((1 - err) / err)", color="tab:blue")
    ax.set_title("each stump: error under the current weights", fontsize=9)

    ax = axes[1]
    ax.plot(rounds, staged_error(X, y), label="training error")
    ax.plot(rounds, staged_error(X_test, y_test), label="test error")
    ax.set_xlabel("number of stumps")
    ax.set_ylabel("error of the vote")
    ax.set_xscale("log")
    ax.legend(fontsize=8)
    ax.set_title("the ensemble: training error keeps falling", fontsize=9)

    ax = axes[2]
    g0, g1 = np.meshgrid(np.linspace(-2, 3, 250), np.linspace(-1.6, 2.1, 200))
    score = model.decision_function(np.column_stack([g0.ravel(), g1.ravel()]))
    ax.contourf(g0, g1, score.reshape(g0.shape), levels=20, cmap="RdBu_r", alpha=0.6)
    ax.contour(g0, g1, score.reshape(g0.shape), levels=[0.0], colors="k", linewidths=1)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", s=8, edgecolors="k", linewidths=0.3)
    ax.set_title(f"{alphas.size} stumps: an axis-aligned staircase", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    fig.suptitle(
        "AdaBoost (SAMME) on two moons: every stump is weak (err_m near 1/2 later on), "
        "their alpha-weighted vote is not",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
