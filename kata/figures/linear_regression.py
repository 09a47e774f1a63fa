"""Figure for regression/linear_regression: the fitted line and the GD loss curves."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("regression/linear_regression", "linear_regression_fit_and_loss.png")
def fit_and_loss():
    kata = load_kata("regression/linear_regression", "solutions")
    rng = np.random.default_rng(3)
    X = rng.uniform(1.0, 9.0, size=(40, 1))  # off-centre, so the intercept matters
    y = 1.5 + 0.8 * X[:, 0] + rng.normal(scale=0.8, size=40)
    model = kata.LinearRegression().fit(X, y)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))
    grid = np.linspace(X.min() - 0.5, X.max() + 0.5, 2)[:, None]
    ax1.vlines(X[:, 0], y, model.predict(X), color="tab:red", lw=0.8, label="residuals")
    ax1.scatter(X[:, 0], y, s=14, color="tab:blue", zorder=3, label="data")
    ax1.plot(
        grid[:, 0],
        model.predict(grid),
        color="black",
        label=f"ŷ = {model.intercept_:.2f} + {model.coef_[0]:.2f}x",
    )
    ax1.set(xlabel="x", ylabel="y", title="Least squares minimises Σ residual²")
    ax1.legend(fontsize=8, loc="upper left")

    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    best = kata.LinearRegression().fit(Xs, y)
    optimum = np.mean((y - best.predict(Xs)) ** 2)
    for rate in (0.01, 0.1, 0.4, 0.95):
        gd = kata.LinearRegression(solver="gd", learning_rate=rate, n_iter=300, tol=0.0)
        history = gd.fit(Xs, y).loss_history_
        ax2.semilogy(np.maximum(history - optimum, 1e-13), label=f"learning_rate={rate}")
    ax2.set(
        xlabel="step",
        ylabel="MSE − optimal MSE",
        title="GD on standardized x (rate ≥ 1 diverges)",
        ylim=(1e-13, None),
    )
    ax2.legend(fontsize=8)
    fig.tight_layout()
    return fig
