"""Figure for neural/optimizers: trajectories on an ill-conditioned quadratic bowl."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata

# f(w) = (w1^2 + 30 w2^2) / 2: curvatures 1 and 30, condition number 30.
CURVATURE = np.array([1.0, 30.0])
START = np.array([-4.5, 1.2])
N_STEPS = 50


def _run(opt):
    params = {"w": START.copy()}
    path = [params["w"].copy()]
    for _ in range(N_STEPS):
        opt.step(params, {"w": CURVATURE * params["w"]})
        path.append(params["w"].copy())
    return np.array(path)


@figure("neural/optimizers", "optimizers_trajectories.png")
def optimizer_trajectories():
    import matplotlib.pyplot as plt

    optim = load_kata("neural/optimizers", "solutions")
    groups = [
        [
            ("SGD, lr 0.06", optim.SGD(lr=0.06), "C0"),
            ("momentum 0.6, lr 0.04", optim.SGD(lr=0.04, momentum=0.6), "C1"),
            ("Nesterov 0.6, lr 0.04", optim.SGD(lr=0.04, momentum=0.6, nesterov=True), "C4"),
        ],
        [
            ("RMSprop, lr 0.1", optim.RMSprop(lr=0.1), "C2"),
            ("Adam, lr 0.3", optim.Adam(lr=0.3), "C3"),
            ("Adam, betas (0.5, 0.9), lr 0.3", optim.Adam(lr=0.3, betas=(0.5, 0.9)), "C5"),
        ],
    ]

    def f(w):
        return 0.5 * np.sum(CURVATURE * w**2, axis=-1)

    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), width_ratios=[1, 1, 0.8])
    g1, g2 = np.meshgrid(np.linspace(-5, 1.5, 300), np.linspace(-1.6, 1.6, 200))
    levels = np.geomspace(0.05, 40, 12)
    ax_loss = axes[2]
    for ax, runs, title in zip(
        axes[:2],
        groups,
        ["SGD, with momentum", "adaptive: per-coordinate step sizes"],
        strict=True,
    ):
        ax.contour(
            g1,
            g2,
            f(np.stack([g1, g2], axis=-1)),
            levels=levels,
            colors="lightgray",
            linewidths=0.8,
        )
        for label, opt, color in runs:
            path = _run(opt)
            ax.plot(path[:, 0], path[:, 1], ".-", color=color, ms=2.5, lw=1, label=label)
            ax_loss.semilogy(f(path) + 1e-300, color=color, lw=1.3, label=label)
        ax.plot(0, 0, "k*", ms=9)
        ax.set_xlim(-5, 1.5)
        ax.set_ylim(-1.6, 1.6)
        ax.set_title(f"{title}: {N_STEPS} steps", fontsize=10)
        ax.legend(fontsize=7, loc="lower right")
    ax_loss.set_title("f(w_t) on f = (w₁² + 30 w₂²) / 2", fontsize=10)
    ax_loss.set_xlabel("step t")
    ax_loss.set_ylim(1e-10, 1e2)
    ax_loss.grid(True, alpha=0.3)
    ax_loss.legend(fontsize=6, loc="lower left")
    fig.tight_layout()
    return fig
