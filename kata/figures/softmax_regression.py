"""Cheatsheet figure for classification/softmax_regression."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from kata.datasets import make_blobs
from kata.figures import figure
from kata.loader import load_kata


@figure("classification/softmax_regression", "softmax_regression_regions.png")
def regions_and_confidence():
    sr = load_kata("classification/softmax_regression", "solutions")
    centers = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])
    X, y, _ = make_blobs(180, centers=centers, cluster_std=1.1, random_state=0)
    colours = ["tab:blue", "tab:orange", "tab:green"]
    xx, yy = np.meshgrid(np.linspace(-5, 5, 250), np.linspace(-4.5, 5, 250))
    grid = np.column_stack([xx.ravel(), yy.ravel()])

    fig, axes = plt.subplots(1, 2, figsize=(8, 3.5), sharey=True)
    for ax, C in zip(axes, (0.002, 1.0), strict=True):
        model = sr.SoftmaxRegression(C=C, learning_rate=0.5, max_iter=5000).fit(X, y)
        proba = model.predict_proba(grid)
        region = proba.argmax(axis=1).reshape(xx.shape)
        ax.contourf(
            xx, yy, region, levels=[-0.5, 0.5, 1.5, 2.5], cmap=ListedColormap(colours), alpha=0.25
        )
        confidence = ax.contour(
            xx,
            yy,
            proba.max(axis=1).reshape(xx.shape),
            levels=[0.5, 0.9],
            colors="k",
            linewidths=0.7,
        )
        ax.clabel(confidence, fontsize=7, fmt="%.1f")
        for k, colour in enumerate(colours):
            ax.scatter(
                *X[y == k].T, s=10, c=colour, edgecolors="k", linewidths=0.3, label=f"class {k}"
            )
        ax.set(
            xlim=(-5, 5),
            ylim=(-4.5, 5),
            xlabel="$x_1$",
            title=f"C = {C}: ‖W‖ = {np.linalg.norm(model.coef_):.2f}",
        )
    axes[0].set_ylabel("$x_2$")
    axes[0].legend(loc="lower left", fontsize=7)
    fig.suptitle(
        "Softmax regression: linear class regions; contours of max_k p_k at 0.5 and 0.9",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
