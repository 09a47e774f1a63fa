"""Figure for neural/activations: the five activations and their derivatives."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("neural/activations", "activations_curves.png")
def activation_curves():
    import matplotlib.pyplot as plt

    act = load_kata("neural/activations", "solutions")
    x = np.linspace(-4.0, 4.0, 801)
    curves = [
        ("relu", act.relu, act.relu_grad, "C0"),
        (
            "leaky_relu (α = 0.1)",
            lambda v: act.leaky_relu(v, 0.1),
            lambda v: act.leaky_relu_grad(v, 0.1),
            "C1",
        ),
        ("tanh", act.tanh, act.tanh_grad, "C2"),
        ("sigmoid", act.sigmoid, act.sigmoid_grad, "C3"),
        ("gelu (tanh approx.)", act.gelu, act.gelu_grad, "C4"),
    ]
    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(9, 3.6))
    for label, f, df, color in curves:
        # relu is drawn wide and pale: leaky_relu covers it for x > 0.
        style = {"lw": 4, "alpha": 0.45} if label == "relu" else {"lw": 1.5}
        ax_f.plot(x, f(x), color=color, label=label, **style)
        d = df(x)
        if label.startswith(("relu", "leaky")):
            # The derivative jumps at 0: draw each side separately, no vertical segment.
            for side in (x < 0, x > 0):
                ax_d.plot(x[side], d[side], color=color, **style)
        else:
            ax_d.plot(x, d, color=color, **style)
    ax_f.set_ylim(-1.6, 4.0)
    ax_f.set_title("f(x)", fontsize=10)
    ax_f.legend(fontsize=8, loc="upper left")
    ax_d.set_ylim(-0.2, 1.25)
    ax_d.set_title("f'(x): tanh and sigmoid saturate for large |x|; sigmoid' ≤ 1/4", fontsize=10)
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.grid(True, alpha=0.3)
        ax.set_xlabel("x")
    fig.tight_layout()
    return fig
