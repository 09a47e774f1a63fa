"""Figures for the unsupervised/kmeans cheatsheet section."""

import numpy as np

from kata.datasets import make_blobs
from kata.figures import figure
from kata.loader import load_kata


@figure("unsupervised/kmeans", "kmeans_steps.png")
def kmeans_steps():
    """Lloyd's iterations from a poor start: labels and centers after 0, 1, 2 and all steps."""
    import matplotlib.pyplot as plt

    km = load_kata("unsupervised/kmeans", "solutions")
    blob_centers = np.array([[-5.0, -3.0], [0.0, 4.0], [5.0, -2.0]])
    X, _, _ = make_blobs(240, centers=blob_centers, cluster_std=1.3, random_state=3)
    # Three seeds bunched in a corner, so the centers have a long way to travel.
    init = np.array([[-6.0, -6.0], [-5.0, -5.0], [-4.0, -6.0]])
    n_final = km.KMeans(n_clusters=3, init=init, tol=0.0).fit(X).n_iter_
    colours = np.array(["tab:blue", "tab:orange", "tab:green"])

    fig, axes = plt.subplots(1, 4, figsize=(10, 3), sharex=True, sharey=True)
    previous = None
    for ax, step in zip(axes, [0, 1, 2, n_final], strict=True):
        if step == 0:
            centers = init
            labels = np.argmin(((X[:, None, :] - init[None, :, :]) ** 2).sum(-1), axis=1)
            title = "start: nearest seed"
        else:
            fit = km.KMeans(n_clusters=3, init=init, max_iter=step, tol=0.0).fit(X)
            centers, labels = fit.cluster_centers_, fit.labels_
            title = f"after iteration {step}"
            if step == n_final:
                title = f"converged: {step} iterations"
            for a, b in zip(previous, centers, strict=True):
                ax.annotate("", xy=b, xytext=a, arrowprops={"arrowstyle": "->", "lw": 1.3})
        ax.scatter(X[:, 0], X[:, 1], s=6, c=colours[labels], alpha=0.55)
        ax.scatter(centers[:, 0], centers[:, 1], s=110, c=colours, marker="X", edgecolors="k")
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        previous = centers
    fig.suptitle(
        "Lloyd's algorithm: assign points to the nearest center (colours), "
        "move each center (X) to its points' mean",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
