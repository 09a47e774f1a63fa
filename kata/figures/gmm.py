"""Figures for the unsupervised/gmm cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _ellipse(ax, mean, cov, n_std, **style):
    """The n_std contour of N(mean, cov): the unit circle mapped by sqrt of the eigen-pairs."""
    values, vectors = np.linalg.eigh(cov)
    t = np.linspace(0.0, 2.0 * np.pi, 200)
    circle = np.stack([np.cos(t), np.sin(t)])
    curve = mean[:, None] + n_std * vectors @ (np.sqrt(values)[:, None] * circle)
    ax.plot(curve[0], curve[1], **style)


@figure("unsupervised/gmm", "gmm_ellipses.png")
def gmm_ellipses():
    """A fitted mixture's 1- and 2-sigma ellipses with soft colours, and EM's likelihood curve."""
    import matplotlib.pyplot as plt

    gmm = load_kata("unsupervised/gmm", "solutions")
    rng = np.random.default_rng(2)
    shapes = [
        np.array([[1.6, 0.9], [0.0, 0.45]]),
        np.array([[0.5, 0.0], [-0.6, 1.2]]),
        np.array([[0.7, 0.0], [0.0, 0.7]]),
    ]
    centers = np.array([[0.0, 0.0], [4.0, 2.5], [0.5, 4.5]])
    sizes = (220, 140, 100)
    X = np.vstack(
        [rng.normal(size=(m, 2)) @ A + c for m, A, c in zip(sizes, shapes, centers, strict=True)]
    )
    model = gmm.GaussianMixture(n_components=3, tol=1e-6, means_init=centers + 0.8).fit(X)
    colours = np.array([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17]])
    mixed = np.clip(model.predict_proba(X) @ colours, 0.0, 1.0)  # soft assignment as a blend

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), width_ratios=[1.2, 1])
    ax = axes[0]
    ax.scatter(X[:, 0], X[:, 1], s=7, c=mixed, alpha=0.8)
    for k in range(3):
        for n_std, ls in [(1.0, "-"), (2.0, "--")]:
            _ellipse(
                ax,
                model.means_[k],
                model.covariances_[k],
                n_std,
                color=colours[k] * 0.7,
                ls=ls,
                lw=1.6,
            )
        ax.plot(*model.means_[k], "k+", ms=10, mew=2)
        ax.text(
            model.means_[k][0] + 0.4,
            model.means_[k][1] + 0.4,
            f"w = {model.weights_[k]:.2f}",
            fontsize=8,
            bbox={"fc": "white", "ec": "none", "alpha": 0.7, "pad": 1},
        )
    ax.set_aspect("equal")
    ax.set_title(
        "full covariances: 1 and 2 std ellipses;\ncolour = predict_proba blend (soft assignment)",
        fontsize=9,
    )

    ax = axes[1]
    # The same data from other starts: each curve only climbs, but not all to the same top.
    runs = [("start near the blobs", {"means_init": centers + 0.8})]
    runs += [(f"random_state={seed}", {"random_state": seed}) for seed in (0, 1, 2)]
    runs += [
        (
            "three centers in a corner",
            {"means_init": centers[[0, 0, 0]] - [[2.0, 1.5], [1.5, 2.0], [2.5, 2.2]]},
        )
    ]
    for label, start in runs:
        fit = gmm.GaussianMixture(n_components=3, tol=1e-6, max_iter=500, **start).fit(X)
        history = fit.lower_bounds_
        ax.plot(
            np.arange(1, len(history) + 1),
            history,
            "-",
            lw=1.4,
            label=f"{label}: {history[-1]:.3f}",
        )
    ax.set_xscale("log")
    ax.set_xlabel("EM iteration")
    ax.set_ylabel("mean log-likelihood (lower_bounds_)")
    ax.set_title("EM never lowers the likelihood, but stops at a LOCAL maximum", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(alpha=0.3)
    fig.suptitle(
        "Gaussian mixture by EM: the E-step computes responsibilities, the M-step refits "
        "weighted Gaussians",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
