"""Figure for classification/naive_bayes: axis-aligned Gaussians and a quadratic boundary."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("classification/naive_bayes", "naive_bayes_gaussian.png")
def gaussian_nb_posterior():
    import matplotlib.pyplot as plt
    from matplotlib.patches import Ellipse

    nb = load_kata("classification/naive_bayes", "solutions")
    rng = np.random.default_rng(0)
    # Two classes with different spreads (and a correlated one, which the model ignores).
    a = rng.normal(size=(120, 2)) * [0.6, 0.6] + [-1.0, 0.0]
    b = rng.normal(size=(120, 2)) @ np.array([[1.6, 0.9], [0.0, 0.8]]) + [1.5, 0.5]
    X, y = np.vstack([a, b]), np.repeat([0, 1], 120)
    model = nb.GaussianNB().fit(X, y)

    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 250), np.linspace(lo[1], hi[1], 200))
    proba = model.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 1]

    fig, ax = plt.subplots(figsize=(8, 3.5))
    shade = ax.contourf(xx, yy, proba.reshape(xx.shape), levels=20, cmap="RdBu_r", alpha=0.55)
    ax.contour(xx, yy, proba.reshape(xx.shape), levels=[0.5], colors="black", linewidths=1.5)
    colors = ["#2166ac", "#b2182b"]
    for k in (0, 1):
        ax.scatter(*X[y == k].T, s=9, color=colors[k], label=f"class {k}")
        sd = np.sqrt(model.var_[k])
        for n_sd in (1, 2):
            ax.add_patch(
                Ellipse(
                    model.theta_[k],
                    2 * n_sd * sd[0],
                    2 * n_sd * sd[1],
                    fill=False,
                    color=colors[k],
                    linestyle="--",
                    linewidth=1,
                )
            )
    fig.colorbar(shade, ax=ax, label="p(class 1 | x)")
    ax.set_title("Gaussian NB: axis-aligned 1σ and 2σ ellipses per class, p = 0.5 in black")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig
