"""Figure for neural/rnn: how the gradient reaching step t shrinks or grows with T - t."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("neural/rnn", "rnn_vanishing_gradients.png")
def rnn_vanishing_gradients():
    import matplotlib.pyplot as plt

    rnn = load_kata("neural/rnn", "solutions")
    rng = np.random.default_rng(0)
    T, D, H = 60, 4, 32
    x = 0.5 * rng.standard_normal((1, T, D))
    Wx = rng.standard_normal((D, H)) / np.sqrt(D)
    Q, _ = np.linalg.qr(rng.standard_normal((H, H)))  # orthogonal: every singular value 1
    dh = np.zeros((1, T, H))
    dh[0, -1] = rng.standard_normal(H) / np.sqrt(H)  # the loss reads the last state only

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for scale, color in zip(
        (0.6, 0.9, 1.0, 1.5, 3.0), plt.cm.viridis(np.linspace(0, 0.9, 5)), strict=True
    ):
        Wh = scale * Q  # spectral radius = scale
        h, cache = rnn.rnn_forward(x, np.zeros((1, H)), Wx, Wh, np.zeros(H))
        dx = rnn.rnn_backward(dh, cache)[0]
        norms = np.linalg.norm(dx[0], axis=1)
        axes[0].semilogy(np.arange(T), norms, color=color, label=f"$W_h$ = {scale} Q")
        axes[1].plot(np.arange(T), np.mean(1 - h[0] ** 2, axis=1), color=color)
    axes[0].set_xlabel("time step t (the loss reads step 59)")
    axes[0].set_ylabel(r"$\Vert \partial L / \partial x_t \Vert$")
    axes[0].set_title("gradient reaching step t", fontsize=10)
    axes[0].legend(fontsize=8, loc="lower right")
    axes[1].set_xlabel("time step t")
    axes[1].set_ylabel(r"mean of $1 - h_t^2$ (tanh')")
    axes[1].set_ylim(0, 1.05)
    axes[1].set_title("tanh' < 1 at every step; large weights saturate", fontsize=10)
    fig.suptitle(
        "Each BPTT step multiplies by diag(1 - $h_t^2$) $W_h^T$: with a gain below about 1 "
        "the gradient vanishes geometrically, above it explodes",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
