"""Figures for the unsupervised/dbscan cheatsheet section."""

import numpy as np

from kata.datasets import make_moons
from kata.figures import figure
from kata.loader import load_kata


def _roles(model, n):
    """'core', 'border' or 'noise' for each sample of a fitted DBSCAN."""
    roles = np.where(model.labels_ >= 0, "border", "noise")
    roles[model.core_sample_indices_] = "core"
    return roles


def _draw(ax, X, model, palette):
    roles = _roles(model, len(X))
    colours = palette[model.labels_ % len(palette)]
    core, border, noise = (roles == r for r in ("core", "border", "noise"))
    ax.scatter(
        X[core, 0],
        X[core, 1],
        s=40,
        c=colours[core],
        edgecolors="k",
        lw=0.5,
        label=f"core ({core.sum()})",
        zorder=3,
    )
    ax.scatter(
        X[border, 0],
        X[border, 1],
        s=40,
        facecolors="white",
        edgecolors=colours[border],
        lw=1.6,
        label=f"border ({border.sum()})",
        zorder=3,
    )
    ax.scatter(
        X[noise, 0],
        X[noise, 1],
        s=30,
        c="k",
        marker="x",
        lw=1.2,
        label=f"noise, -1 ({noise.sum()})",
        zorder=3,
    )
    return roles


@figure("unsupervised/dbscan", "dbscan_core_border_noise.png")
def dbscan_core_border_noise():
    """Core, border and noise points with eps-discs on a small example, and two moons."""
    import matplotlib.pyplot as plt

    db = load_kata("unsupervised/dbscan", "solutions")
    palette = np.array(["tab:blue", "tab:orange", "tab:green", "tab:purple"])
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6))

    # Left: a dense row of points, a sparse tail and an isolated point; eps = 1, min_samples = 4.
    ax = axes[0]
    rng = np.random.default_rng(5)
    dense = rng.normal(size=(14, 2)) * [0.7, 0.35] + [1.5, 1.0]
    edge = dense[np.argmax(dense[:, 0])]
    X = np.vstack(
        [
            dense,
            edge + np.array([[0.8, 0.1], [1.6, 0.2]]),  # a tail: one border point, then noise
            [[0.2, 3.0]],  # isolated: noise
            rng.normal(size=(9, 2)) * 0.3 + [5.6, 3.2],
        ]
    )
    eps, min_samples = 1.0, 4
    model = db.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    roles = _draw(ax, X, model, palette)
    # One disc per role: |N(x)| counts x itself, compared with min_samples.
    offsets = {"core": (-0.6, 1.15), "border": (-1.9, 1.3), "noise": (0.2, 1.15)}
    for role, style in [("core", "-"), ("border", "--"), ("noise", ":")]:
        i = int(np.flatnonzero(roles == role)[-1]) if role != "noise" else 15
        count = int(np.sum(np.linalg.norm(X - X[i], axis=1) <= eps))
        ax.add_patch(plt.Circle(X[i], eps, fill=False, ls=style, color="0.35", lw=1.2))
        ax.annotate(
            f"{role}: |N| = {count}",
            X[i],
            xytext=X[i] + offsets[role],
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": "0.5"},
        )
    ax.set_aspect("equal")
    ax.set_xlim(-1.0, 7.0)
    ax.set_ylim(-0.6, 4.8)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(
        f"eps = {eps:g}, min_samples = {min_samples} (the point itself counts):\n"
        "borders join a cluster but do not extend it",
        fontsize=9,
    )

    # Right: shapes k-means cannot separate, with uniform background noise.
    ax = axes[1]
    X, _ = make_moons(300, noise=0.06, random_state=0)
    X = np.vstack([X, np.random.default_rng(1).uniform([-1.2, -0.8], [2.2, 1.3], (30, 2))])
    model = db.DBSCAN(eps=0.2, min_samples=6).fit(X)
    _draw(ax, X, model, palette)
    ax.set_aspect("equal")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title(
        f"two moons + uniform noise, eps = 0.2, min_samples = 6: "
        f"{model.labels_.max() + 1} clusters",
        fontsize=9,
    )
    fig.suptitle(
        "DBSCAN: clusters are chains of core points (|N_eps(x)| >= min_samples); "
        "what they reach is border, the rest noise",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
