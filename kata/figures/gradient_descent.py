"""Figure for foundations/gradient_descent: paths on an ill-conditioned quadratic."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("foundations/gradient_descent", "gradient_descent_learning_rates.png")
def learning_rates():
    gd = load_kata("foundations/gradient_descent", "solutions")
    # f(x) = (x1^2 + 10 x2^2) / 2: curvatures 1 and 10, condition number 10.
    curv = np.array([1.0, 10.0])

    def f(x):
        return 0.5 * np.sum(curv * np.asarray(x) ** 2, axis=-1)

    x0 = np.array([-9.0, 2.5])
    runs = [
        (0.02, "lr = 0.02: too small, crawls along the valley"),
        (2 / 11, "lr = 2/(L+μ) = 0.18: fastest fixed step"),
        (0.205, "lr = 0.205 > 2/L: diverges across the valley"),
    ]
    fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(8, 3.5), width_ratios=[1.25, 1])
    g1, g2 = np.meshgrid(np.linspace(-10, 3, 200), np.linspace(-6, 6, 200))
    ax.contour(
        g1,
        g2,
        f(np.stack([g1, g2], axis=-1)),
        levels=np.geomspace(0.5, 150, 12),
        colors="lightgray",
        linewidths=0.8,
    )
    for lr, label in runs:
        _, history = gd.gradient_descent(lambda x: curv * x, x0, lr=lr, n_iter=40, tol=1e-6)
        ax.plot(history[:16, 0], history[:16, 1], ".-", ms=3, lw=1)
        ax_loss.semilogy(f(history), lw=1.2, label=label)
    ax.plot(0, 0, "k*", ms=8)
    ax.set_xlim(-10, 3)
    ax.set_ylim(-6, 6)
    ax.set_title("First 15 steps on f = (x₁² + 10 x₂²) / 2", fontsize=10)
    ax_loss.legend(fontsize=7, loc="lower left")
    ax_loss.set_title("f(x_k): linear convergence rate max|1 - lr·λ|", fontsize=10)
    ax_loss.set_xlabel("step k")
    ax_loss.set_ylim(1e-9, 1e4)
    ax_loss.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig
