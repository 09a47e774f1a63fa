"""Figures for the trees/gradient_boosting cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("trees/gradient_boosting", "gradient_boosting_curves.png")
def gradient_boosting_curves():
    """Training and test MSE stage by stage (staged_predict) for three settings, and the fit
    of a 1-D function after a few stages."""
    import matplotlib.pyplot as plt

    gb = load_kata("trees/gradient_boosting", "solutions")
    rng = np.random.default_rng(1)

    def sample(n):
        x = rng.uniform(0.0, 6.0, n)
        return x[:, None], np.sin(x) + 0.3 * x + 0.35 * rng.standard_normal(n)

    X, y = sample(120)
    X_test, y_test = sample(2000)
    settings = [
        ("learning_rate 1.0", {"learning_rate": 1.0}, "tab:red"),
        ("learning_rate 0.1", {"learning_rate": 0.1}, "tab:blue"),
        ("0.1, subsample 0.5", {"learning_rate": 0.1, "subsample": 0.5}, "tab:green"),
    ]
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    ax = axes[0]
    for label, params, colour in settings:
        model = gb.GradientBoostingRegressor(
            n_estimators=300, max_depth=3, random_state=0, **params
        ).fit(X, y)
        test = [np.mean((y_test - F) ** 2) for F in model.staged_predict(X_test)]
        stages = np.arange(1, len(test) + 1)
        ax.plot(stages, model.train_score_, color=colour, ls="--", lw=1)
        ax.plot(stages, test, color=colour, lw=1.5, label=label)
    ax.axhline(0.35**2, color="grey", ls=":", lw=1)
    ax.text(300, 0.35**2, "noise variance", ha="right", va="bottom", fontsize=7)
    ax.set_xscale("log")
    ax.set_ylim(0.0, 0.45)
    ax.set_xlabel("stage m")
    ax.set_ylabel("MSE (dashed: train_score_, solid: test)")
    ax.legend(fontsize=8)
    ax.set_title("shrinkage: smaller steps, more stages, lower test error", fontsize=9)

    ax = axes[1]
    grid = np.linspace(0.0, 6.0, 400)[:, None]
    model = gb.GradientBoostingRegressor(n_estimators=50, learning_rate=0.3, max_depth=1)
    model.fit(X, y)
    ax.scatter(X[:, 0], y, s=8, color="grey", alpha=0.6)
    curves = list(model.staged_predict(grid))
    for m, shade in [(1, 0.25), (5, 0.5), (50, 1.0)]:
        ax.plot(grid[:, 0], curves[m - 1], color=(0.1, 0.2, 0.6, shade), lw=1.5, label=f"{m}")
    ax.axhline(model.init_, color="k", ls=":", lw=1, label="init_ (mean)")
    ax.legend(title="stages of stumps", fontsize=8, title_fontsize=8)
    ax.set_title("each stage adds a step fitted to the residuals", fontsize=9)
    fig.suptitle(
        "Gradient boosting (squared error): F_m = F_(m-1) + learning_rate * tree fitted to y - F",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
