"""Figure for regression/bayesian_linear_regression: predictive mean ± 2 std on 1-D data."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _rbf_features(x, centers, width):
    return np.column_stack([np.ones_like(x), np.exp(-0.5 * ((x[:, None] - centers) / width) ** 2)])


@figure("regression/bayesian_linear_regression", "bayesian_linear_regression_predictive.png")
def predictive_band():
    kata = load_kata("regression/bayesian_linear_regression", "solutions")
    rng = np.random.default_rng(1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))

    # Left: a straight line (features [1, x]) from 8 points; posterior samples of the line.
    beta = 1 / 0.3**2
    x = rng.uniform(-1, 1, size=8)
    y = 0.5 + 1.0 * x + rng.normal(scale=0.3, size=8)
    model = kata.BayesianLinearRegression(alpha=1.0, beta=beta).fit(
        np.column_stack([np.ones_like(x), x]), y
    )
    grid = np.linspace(-3, 3, 200)
    G = np.column_stack([np.ones_like(grid), grid])
    mean, std = model.predict(G, return_std=True)
    for w in rng.multivariate_normal(model.mean_, model.cov_, size=6):
        ax1.plot(grid, G @ w, color="tab:orange", lw=0.7, alpha=0.7)
    ax1.fill_between(grid, mean - 2 * std, mean + 2 * std, color="tab:blue", alpha=0.2)
    ax1.plot(grid, mean, color="tab:blue", label="predictive mean ± 2 std")
    ax1.plot([], [], color="tab:orange", lw=0.7, label="lines w ~ posterior")
    ax1.scatter(x, y, s=16, color="black", zorder=3, label="data")
    ax1.set(xlabel="x", ylabel="y", title="Features [1, x]: wider off the data")
    ax1.legend(fontsize=7, loc="upper left")

    # Right: Gaussian bumps on sin data with a gap; std never drops below 1/sqrt(beta).
    beta = 1 / 0.15**2
    x = np.concatenate([rng.uniform(0, 0.3, 12), rng.uniform(0.75, 1.0, 10)])
    y = np.sin(2 * np.pi * x) + rng.normal(scale=0.15, size=x.size)
    centers = np.linspace(-0.2, 1.2, 15)
    model = kata.BayesianLinearRegression(alpha=2.0, beta=beta).fit(
        _rbf_features(x, centers, 0.08), y
    )
    grid = np.linspace(-0.3, 1.3, 300)
    mean, std = model.predict(_rbf_features(grid, centers, 0.08), return_std=True)
    ax2.fill_between(grid, mean - 2 * std, mean + 2 * std, color="tab:blue", alpha=0.2)
    noise = 2 / np.sqrt(beta)
    ax2.plot(grid, mean + noise, color="tab:blue", ls=":", lw=0.8)
    ax2.plot(grid, mean - noise, color="tab:blue", ls=":", lw=0.8, label="± 2/√β (noise alone)")
    ax2.plot(grid, mean, color="tab:blue", label="predictive mean ± 2 std")
    ax2.plot(grid, np.sin(2 * np.pi * grid), color="0.5", ls="--", lw=0.8, label="sin 2πx")
    ax2.scatter(x, y, s=16, color="black", zorder=3)
    ax2.set(xlabel="x", title="15 Gaussian bumps: wider in the gap")
    ax2.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig
