"""Cheatsheet figure for classification/linear_svm."""

import matplotlib.pyplot as plt
import numpy as np

from kata.datasets import make_blobs
from kata.figures import figure
from kata.loader import load_kata


@figure("classification/linear_svm", "linear_svm_margin.png")
def margin_and_objective():
    svm = load_kata("classification/linear_svm", "solutions")
    centers = np.array([[-1.6, -0.6], [1.6, 0.8]])
    X, y, _ = make_blobs(80, centers=centers, cluster_std=0.8, random_state=4)
    model = svm.LinearSVM(C=1.0, max_iter=2000).fit(X, y)
    w1, w2 = model.coef_[0]
    s = np.where(y == 1, 1.0, -1.0)
    margins = s * model.decision_function(X)

    fig, (ax, ax_obj) = plt.subplots(1, 2, figsize=(8, 3.5), width_ratios=(1.2, 1))
    xx, yy = np.meshgrid(np.linspace(-4, 4, 200), np.linspace(-4, 4, 200))
    zz = model.decision_function(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=[-100, 0, 100], colors=["tab:blue", "tab:red"], alpha=0.12)
    ax.contour(
        xx,
        yy,
        zz,
        levels=[-1, 0, 1],
        colors="k",
        linestyles=["--", "-", "--"],
        linewidths=[1, 1.8, 1],
    )
    for label, colour in ((0, "tab:blue"), (1, "tab:red")):
        ax.scatter(
            *X[y == label].T, s=14, c=colour, edgecolors="k", linewidths=0.3, label=f"y = {label}"
        )
    support = margins <= 1 + 1e-3  # on or inside the margin: the points that set w
    ax.scatter(
        *X[support].T,
        s=90,
        facecolors="none",
        edgecolors="k",
        linewidths=1,
        label=f"margin ≤ 1 ({support.sum()})",
    )
    ax.set(
        xlim=(-4, 4),
        ylim=(-4, 4),
        xlabel="$x_1$",
        ylabel="$x_2$",
        title=f"w·x + b = 0, ±1; margin width 2/‖w‖ = {2 / np.hypot(w1, w2):.2f}",
    )
    ax.legend(fontsize=7, loc="lower right")

    history = np.asarray(model.objective_history_)
    ax_obj.semilogx(np.arange(1, history.size + 1), history, color="tab:purple", lw=1)
    ax_obj.axhline(history.min(), color="grey", ls=":", label=f"best: {history.min():.3f}")
    ax_obj.set(
        xlabel="epoch (log scale)",
        ylabel="primal objective J(w, b)",
        ylim=(history.min() * 0.95, history.min() * 1.6),
        title="objective_history_ (best epoch kept)",
    )
    ax_obj.legend(fontsize=7)
    fig.tight_layout()
    return fig
