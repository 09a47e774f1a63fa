"""Cheatsheet figure for classification/logistic_regression."""

import matplotlib.pyplot as plt
import numpy as np

from kata.datasets import make_logistic
from kata.figures import figure
from kata.loader import load_kata


@figure("classification/logistic_regression", "logistic_regression_boundary.png")
def boundary_and_loss():
    lr = load_kata("classification/logistic_regression", "solutions")
    X, y, _ = make_logistic(150, 2, scale=3.0, intercept=0.5, random_state=0)
    model = lr.LogisticRegression(C=1.0).fit(X, y)  # Newton, the default solver
    gd = lr.LogisticRegression(C=1.0, solver="gd", learning_rate=1.0, max_iter=5000).fit(X, y)

    fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(8, 3.5), width_ratios=(1.1, 1))
    xx, yy = np.meshgrid(np.linspace(-3.2, 3.2, 200), np.linspace(-3.2, 3.2, 200))
    proba = model.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 1]
    filled = ax.contourf(
        xx, yy, proba.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6
    )
    lines = ax.contour(
        xx,
        yy,
        proba.reshape(xx.shape),
        levels=[0.1, 0.5, 0.9],
        colors="k",
        linewidths=[0.8, 1.8, 0.8],
        linestyles=["--", "-", "--"],
    )
    ax.clabel(lines, fmt={0.1: "p=0.1", 0.5: "p=0.5", 0.9: "p=0.9"}, fontsize=7)
    for label, colour in ((0, "tab:blue"), (1, "tab:red")):
        ax.scatter(
            *X[y == label].T, s=12, c=colour, edgecolors="k", linewidths=0.3, label=f"y = {label}"
        )
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title="P(y = 1 | x); boundary w·x + b = 0")
    ax.legend(loc="lower left", fontsize=7)
    fig.colorbar(filled, ax=ax, fraction=0.046, pad=0.03)

    # Suboptimality L(t) - L* on a log scale: Newton's quadratic convergence against the
    # straight line (linear convergence) of gradient descent.
    best = min(model.loss_history_[-1], gd.loss_history_[-1])
    for fitted, name, style in ((gd, "gradient descent", "-"), (model, "Newton", "o-")):
        gap = np.asarray(fitted.loss_history_) - best
        steps = np.arange(1, len(gap) + 1)
        keep = gap > 0
        ax_loss.semilogy(
            steps[keep], gap[keep], style, markersize=4, label=f"{name}: {len(gap)} iterations"
        )
    ax_loss.set(
        xscale="log",
        xlabel="iteration (log scale)",
        ylabel="L − L* (log scale)",
        title="Iterations to tol = 1e-8",
    )
    ax_loss.legend(fontsize=7)
    fig.tight_layout()
    return fig
