"""Figure for regression/ridge: the regularization path on the diabetes data."""

import matplotlib.pyplot as plt
import numpy as np

from kata.datasets import load_diabetes
from kata.figures import figure
from kata.loader import load_kata


@figure("regression/ridge", "ridge_path.png")
def path():
    kata = load_kata("regression/ridge", "solutions")
    data = load_diabetes()
    X = (data.X - data.X.mean(axis=0)) / data.X.std(axis=0)  # the penalty needs one scale
    y = data.y
    alphas = np.logspace(-2, 5, 60)
    coefs = np.array([kata.Ridge(alpha=a).fit(X, y).coef_ for a in alphas])

    rng = np.random.default_rng(0)
    test = rng.permutation(len(y))[: len(y) // 3]
    train = np.setdiff1d(np.arange(len(y)), test)
    errors = [
        np.mean((y[test] - kata.Ridge(alpha=a).fit(X[train], y[train]).predict(X[test])) ** 2)
        for a in alphas
    ]

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))
    for j, name in enumerate(data.feature_names):
        ax1.semilogx(alphas, coefs[:, j], lw=1.2, label=name)
    ax1.axhline(0.0, color="grey", lw=0.8)
    ax1.set(xlabel="alpha", ylabel="coef_ (standardized X)", title="Ridge path: diabetes")
    ax1.legend(fontsize=6, ncol=2, loc="upper right")

    best = alphas[int(np.argmin(errors))]
    ax2.semilogx(alphas, errors, color="tab:purple")
    ax2.axvline(best, color="grey", ls=":", lw=1, label=f"best alpha ≈ {best:.0f}")
    ax2.set(xlabel="alpha", ylabel="test MSE", title="Held-out error (1/3 of the samples)")
    ax2.legend(fontsize=8)
    fig.tight_layout()
    return fig
