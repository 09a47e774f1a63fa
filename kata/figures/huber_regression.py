"""Figure for regression/huber_regression: the loss against squared/absolute, and a fit."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("regression/huber_regression", "huber_loss_and_fit.png")
def loss_and_fit():
    kata = load_kata("regression/huber_regression", "solutions")
    delta = 1.0
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))

    r = np.linspace(-3, 3, 601)
    ax1.axvspan(-delta, delta, color="0.93", label="|r| ≤ δ (quadratic)")
    ax1.plot(r, 0.5 * r**2, color="tab:blue", ls="--", label="squared  r²/2")
    ax1.plot(r, np.abs(r), color="tab:green", ls=":", label="absolute  |r|")
    ax1.plot(r, kata.huber_loss(r, delta), color="black", lw=2, label="Huber, δ = 1")
    ax1.plot(
        r, kata.huber_grad(r, delta), color="tab:red", lw=1, label="Huber slope ψ(r) = clip(r, ±δ)"
    )
    ax1.set(
        xlabel="residual r", ylabel="loss", ylim=(-1.3, 5.3), title="Quadratic core, linear tails"
    )
    ax1.legend(fontsize=7, loc="upper center")

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, size=40)
    y = 1.0 + 0.8 * x + 0.4 * rng.normal(size=40)
    far = np.argsort(x)[-4:]  # outliers at the right end, where they have leverage
    y[far] -= rng.uniform(8, 12, size=4)
    X = x[:, None]
    huber = kata.HuberRegressor(delta=delta).fit(X, y)
    slope, intercept = np.polyfit(x, y, 1)
    grid = np.array([0.0, 10.0])
    ax2.scatter(x, y, s=14, color="tab:blue", zorder=3, label="data")
    ax2.scatter(x[far], y[far], s=30, facecolors="none", edgecolors="tab:red", label="outliers")
    ax2.plot(grid, 1.0 + 0.8 * grid, color="0.6", ls=":", label="truth")
    ax2.plot(grid, intercept + slope * grid, color="tab:blue", ls="--", label="least squares")
    ax2.plot(grid, huber.predict(grid[:, None]), color="black", lw=2, label="Huber (δ = 1)")
    ax2.set(xlabel="x", ylabel="y", title="Four outliers: OLS tilts, Huber holds")
    ax2.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    return fig
