"""Cheatsheet figure for classification/perceptron."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("classification/perceptron", "perceptron_epochs.png")
def boundary_per_epoch():
    pc = load_kata("classification/perceptron", "solutions")
    rng = np.random.default_rng(7)
    X = rng.normal(size=(400, 2)) * 1.6
    score = X @ np.array([1.0, 0.6]) - 0.4
    keep = np.abs(score) > 0.15  # a margin, so the perceptron must converge
    X, y = X[keep][:80], (score[keep][:80] > 0).astype(int)

    fig, (ax, ax_err) = plt.subplots(1, 2, figsize=(8, 3.5), width_ratios=(1.2, 1))
    ax.scatter(*X[y == 0].T, s=14, c="tab:blue", edgecolors="k", linewidths=0.3, label="y = 0")
    ax.scatter(*X[y == 1].T, s=14, c="tab:red", edgecolors="k", linewidths=0.3, label="y = 1")
    full = pc.Perceptron(max_iter=100).fit(X, y)
    xs = np.linspace(-4, 4, 2)
    shades = plt.cm.viridis(np.linspace(0.15, 0.9, full.n_iter_))
    for epoch in range(1, full.n_iter_ + 1):
        model = pc.Perceptron(max_iter=epoch).fit(X, y)  # the state after `epoch` epochs
        (w1, w2), b = model.coef_[0], model.intercept_[0]
        style = {"lw": 2.2, "ls": "-"} if epoch == full.n_iter_ else {"lw": 1, "ls": "--"}
        ax.plot(
            xs, -(w1 * xs + b) / w2, color=shades[epoch - 1], label=f"after epoch {epoch}", **style
        )
    ax.set(
        xlim=(-4, 4),
        ylim=(-4, 4),
        xlabel="$x_1$",
        ylabel="$x_2$",
        title="Boundary w·x + b = 0 after each epoch",
    )
    ax.legend(fontsize=6, loc="lower left", ncol=2)

    epochs = np.arange(1, full.n_iter_ + 1)
    ax_err.bar(epochs, full.errors_, color=shades)
    ax_err.set(
        xlabel="epoch",
        ylabel="mistakes (updates)",
        xticks=epochs,
        title="errors_ (stop after a clean epoch)",
    )
    fig.tight_layout()
    return fig
