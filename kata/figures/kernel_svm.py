"""Figure for classification/kernel_svm: RBF decision boundary, margins and support vectors."""

import numpy as np

from kata.datasets import make_moons
from kata.figures import figure
from kata.loader import load_kata


@figure("classification/kernel_svm", "kernel_svm_rbf.png")
def rbf_boundary_and_support_vectors():
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    ksvm = load_kata("classification/kernel_svm", "solutions")
    X, y = make_moons(150, noise=0.25, random_state=0)
    lo, hi = X.min(axis=0) - 0.4, X.max(axis=0) + 0.4
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 220), np.linspace(lo[1], hi[1], 160))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    dark = ListedColormap(["#2166ac", "#b2182b"])

    fig, axes = plt.subplots(1, 2, figsize=(8, 3.5), sharey=True)
    for ax, C in zip(axes, (0.5, 50.0), strict=True):
        model = ksvm.KernelSVM(C=C, kernel="rbf", gamma=1.0).fit(X, y)
        f = model.decision_function(grid).reshape(xx.shape)
        ax.contourf(xx, yy, f, levels=[-100, 0, 100], colors=["#d1e5f0", "#fddbc7"])
        ax.contour(
            xx,
            yy,
            f,
            levels=[-1, 0, 1],
            colors="k",
            linestyles=["--", "-", "--"],
            linewidths=[0.8, 1.5, 0.8],
        )
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=dark, s=10)
        alpha = np.abs(model.dual_coef_[0])
        sv = model.support_vectors_
        bounded = alpha >= C * (1 - 1e-9)
        ax.scatter(
            *sv[~bounded].T,
            s=60,
            facecolors="none",
            edgecolors="k",
            linewidths=1.0,
            label="free SV (0 < a < C)",
        )
        ax.scatter(
            *sv[bounded].T,
            s=60,
            facecolors="none",
            edgecolors="#7f7f7f",
            linewidths=1.0,
            linestyle=":",
            label="bounded SV (a = C)",
        )
        ax.set_title(f"C = {C:g}: {len(sv)} support vectors")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("$x_1$")
    axes[0].set_ylabel("$x_2$")
    axes[0].legend(loc="lower left", fontsize=7)
    fig.suptitle("RBF kernel SVM (gamma = 1): f(x) = 0 solid, margins f(x) = ±1 dashed")
    fig.tight_layout()
    return fig
