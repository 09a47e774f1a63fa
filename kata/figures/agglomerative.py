"""Figures for the unsupervised/agglomerative cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _dendrogram(ax, children, distances, labels, palette):
    """Draw the merge tree from children_ and distances_ (ids >= n are merge steps)."""
    n = len(children) + 1

    def leaves(node):  # the samples under a node, left to right (iterative: no recursion)
        out, stack = [], [node]
        while stack:
            top = stack.pop()
            if top < n:
                out.append(top)
            else:
                a, b = children[top - n]
                stack.extend([b, a])
        return out

    order = leaves(2 * n - 2)
    x = {leaf: float(pos) for pos, leaf in enumerate(order)}
    height = dict.fromkeys(range(n), 0.0)
    for step, (a, b) in enumerate(children):
        node, h = n + step, distances[step]
        for child in (a, b):
            ax.plot([x[child], x[child]], [height[child], h], color="0.3", lw=1)
        ax.plot([x[a], x[b]], [h, h], color="0.3", lw=1)
        x[node], height[node] = (x[a] + x[b]) / 2.0, h
    ax.scatter(range(n), np.zeros(n), c=palette[labels[order]], s=30, zorder=3)
    ax.set_xticks(range(n))
    ax.set_xticklabels(order, fontsize=7)
    ax.set_xlabel("sample index (leaf order)")
    ax.set_ylabel("merge distance (distances_)")


@figure("unsupervised/agglomerative", "agglomerative_dendrograms.png")
def agglomerative_dendrograms():
    """Single vs complete linkage on two blobs joined by a chain: partitions and dendrograms."""
    import matplotlib.pyplot as plt

    agg = load_kata("unsupervised/agglomerative", "solutions")
    rng = np.random.default_rng(3)
    X = np.vstack(
        [
            rng.normal(size=(8, 2)) * 0.35 + [0.0, 0.0],
            rng.normal(size=(8, 2)) * 0.35 + [4.2, 0.3],
            np.column_stack([np.linspace(0.9, 3.3, 4), 0.15 + 0.05 * rng.normal(size=4)]),
            rng.normal(size=(5, 2)) * 0.3 + [2.0, 2.6],
        ]
    )
    palette = np.array(["tab:blue", "tab:orange", "tab:green"])
    k = 3
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), height_ratios=[1, 1.15])
    for col, linkage in enumerate(["single", "complete"]):
        model = agg.AgglomerativeClustering(n_clusters=k, linkage=linkage).fit(X)
        ax = axes[0, col]
        ax.scatter(X[:, 0], X[:, 1], c=palette[model.labels_], s=45, edgecolors="k", lw=0.4)
        for i, point in enumerate(X):
            ax.annotate(str(i), point, xytext=(3, 3), textcoords="offset points", fontsize=6)
        ax.set_aspect("equal")
        ax.set_title(
            f"linkage='{linkage}', n_clusters={k}: "
            + ("the chain joins the two blobs" if linkage == "single" else "compact groups"),
            fontsize=9,
        )
        ax = axes[1, col]
        _dendrogram(ax, model.children_, model.distances_, model.labels_, palette)
        cut = (model.distances_[-k] + model.distances_[-k + 1]) / 2.0
        ax.axhline(cut, color="tab:red", ls="--", lw=1)
        ax.text(0.0, cut, f" cut: {k} clusters", color="tab:red", fontsize=8, va="bottom")
        ax.set_title(
            "D(A, B) = min over pairs" if linkage == "single" else "D(A, B) = max over pairs",
            fontsize=9,
        )
    fig.suptitle(
        "Agglomerative clustering: merge the two closest clusters n - 1 times; cutting the "
        "tree (dendrogram) gives labels_",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
