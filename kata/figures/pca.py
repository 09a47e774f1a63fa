"""Figures for the unsupervised/pca cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("unsupervised/pca", "pca_axes.png")
def pca_axes():
    """Principal axes on correlated data, the rotated scores and the whitened scores."""
    import matplotlib.pyplot as plt

    pca_mod = load_kata("unsupervised/pca", "solutions")
    rng = np.random.default_rng(4)
    # Standard deviations 2.0 and 0.6 along axes rotated by 30 degrees, far from the origin.
    angle = np.deg2rad(30.0)
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    X = rng.normal(size=(300, 2)) * [2.0, 0.6] @ R.T + [6.0, 3.0]

    pca = pca_mod.PCA().fit(X)
    raw_axis = np.linalg.svd(X, full_matrices=False)[2][0]  # the mistake: no centring
    raw_axis *= np.sign(raw_axis.sum())
    colour = X[:, 0] - X[:, 0].min()  # the same colour for a point in all three panels

    fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), width_ratios=[1.5, 1, 1])
    ax = axes[0]
    ax.scatter(X[:, 0], X[:, 1], s=6, c=colour, cmap="viridis", alpha=0.7)
    for j, (axis, var) in enumerate(zip(pca.components_, pca.explained_variance_, strict=True)):
        tip = pca.mean_ + 2.0 * np.sqrt(var) * axis
        ax.annotate(
            "",
            xy=tip,
            xytext=pca.mean_,
            arrowprops={"arrowstyle": "->", "lw": 2.2, "color": "tab:red"},
            zorder=3,
        )
        ax.text(
            *(tip + 0.25 * axis),
            f"PC{j + 1}: {pca.explained_variance_ratio_[j]:.0%}",
            color="tab:red",
            fontsize=9,
            ha="center",
        )
    ax.plot([0.0, 12.0 * raw_axis[0]], [0.0, 12.0 * raw_axis[1]], "--", color="tab:gray", lw=1.4)
    note = "first axis of the RAW X\n(no centring): points\nat the mean, not the spread"
    ax.text(0.3, 5.2, note, color="tab:gray", fontsize=8)
    ax.plot(0.0, 0.0, "k+", ms=8)
    ax.set_title("principal axes from mean_ (arrows: 2 std), explained-variance ratio", fontsize=9)
    ax.set_xlim(-1.0, 13.0)
    ax.set_ylim(-1.0, 8.0)
    ax.set_aspect("equal")

    for ax, whiten, title in [
        (axes[1], False, "scores: (X - mean_) @ components_.T"),
        (axes[2], True, "whitened: scores / sqrt(explained_variance_)"),
    ]:
        Z = pca_mod.PCA(whiten=whiten).fit(X).transform(X)
        ax.scatter(Z[:, 0], Z[:, 1], s=6, c=colour, cmap="viridis", alpha=0.7)
        ax.axhline(0.0, color="k", lw=0.5)
        ax.axvline(0.0, color="k", lw=0.5)
        std = Z.std(axis=0, ddof=1)
        ax.set_title(f"{title}\nstd per column: {std[0]:.2f}, {std[1]:.2f}", fontsize=9)
        ax.set_xlabel("PC1")
        ax.set_ylabel("PC2")
        ax.set_aspect("equal")
        lim = 1.1 * np.abs(Z).max()
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
    fig.suptitle(
        "PCA = rotate the centred data onto the directions of largest variance "
        "(then optionally rescale each to unit variance)",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
