"""Figure for regression/lasso: the regularization paths of the lasso and the elastic net."""

import matplotlib.pyplot as plt
import numpy as np

from kata.datasets import load_diabetes
from kata.figures import figure
from kata.loader import load_kata


@figure("regression/lasso", "lasso_path.png")
def regularization_path():
    kata = load_kata("regression/lasso", "solutions")
    data = load_diabetes()
    X = (data.X - data.X.mean(axis=0)) / data.X.std(axis=0)
    y = data.y
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alpha_max = np.max(np.abs(Xc.T @ yc)) / len(y)  # every coefficient is 0 from here on

    fig, axes = plt.subplots(1, 2, figsize=(8, 3.5), sharey=True)
    for ax, l1_ratio in zip(axes, (1.0, 0.5), strict=True):
        alphas = np.geomspace(alpha_max / l1_ratio, alpha_max / l1_ratio * 1e-3, 60)
        path = np.array(
            [
                kata.ElasticNet(alpha=a, l1_ratio=l1_ratio, tol=1e-8, max_iter=10_000)
                .fit(X, y)
                .coef_
                for a in alphas
            ]
        )
        for j, name in enumerate(data.feature_names):
            ax.plot(alphas, path[:, j], lw=1.2, label=name)
        ax.axvline(alpha_max / l1_ratio, color="grey", ls=":", lw=1)
        ax.text(
            alpha_max / l1_ratio,
            0.97,
            " alpha_max: all 0 ",
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=7,
            color="grey",
        )
        ax.set_xscale("log")
        ax.invert_xaxis()  # read left to right as the penalty is relaxed
        name = "Lasso" if l1_ratio == 1.0 else f"Elastic net (l1_ratio={l1_ratio})"
        ax.set(xlabel="alpha (log scale, decreasing →)", title=f"{name} path")
    axes[0].set_ylabel("coefficient (standardized X)")
    axes[1].legend(fontsize=6, ncol=2, loc="lower left")
    fig.tight_layout()
    return fig
