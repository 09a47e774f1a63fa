"""Figure for regression/polynomial_regression: under- and over-fitting."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _truth(x):
    return np.sin(2 * np.pi * x)


@figure("regression/polynomial_regression", "polynomial_regression_degrees.png")
def degrees():
    kata = load_kata("regression/polynomial_regression", "solutions")
    rng = np.random.default_rng(2)
    x = np.sort(rng.uniform(0.0, 1.0, 20))
    y = _truth(x) + rng.normal(scale=0.25, size=20)
    x_test = rng.uniform(x.min(), x.max(), 200)  # interpolation only
    y_test = _truth(x_test) + rng.normal(scale=0.25, size=200)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))
    grid = np.linspace(0.0, 1.0, 400)
    ax1.plot(grid, _truth(grid), color="grey", ls="--", lw=1, label="truth")
    ax1.scatter(x, y, s=14, color="black", zorder=3, label="training data")
    for degree, colour in [(1, "tab:blue"), (3, "tab:green"), (15, "tab:red")]:
        model = kata.PolynomialRegression(degree=degree).fit(x[:, None], y)
        ax1.plot(grid, model.predict(grid[:, None]), color=colour, label=f"degree {degree}")
    ax1.set(ylim=(-2.0, 2.0), xlabel="x", ylabel="y", title="Under- and over-fitting")
    ax1.legend(fontsize=7, loc="lower left")

    degrees = np.arange(1, 16)
    train, test = [], []
    for degree in degrees:
        model = kata.PolynomialRegression(degree=int(degree)).fit(x[:, None], y)
        train.append(np.mean((y - model.predict(x[:, None])) ** 2))
        test.append(np.mean((y_test - model.predict(x_test[:, None])) ** 2))
    ax2.semilogy(degrees, train, "o-", ms=3, label="training MSE")
    ax2.semilogy(degrees, test, "o-", ms=3, label="test MSE")
    ax2.axhline(0.25**2, color="grey", ls=":", lw=1, label="noise variance")
    ax2.set(xlabel="degree", ylabel="MSE", title="Training vs test error")
    ax2.set_xticks([1, 3, 5, 7, 9, 11, 13, 15])
    ax2.legend(fontsize=7)
    fig.tight_layout()
    return fig
