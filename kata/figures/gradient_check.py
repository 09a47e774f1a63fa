"""Figure for foundations/gradient_check: error of forward and central differences vs eps."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("foundations/gradient_check", "gradient_check_error_vs_eps.png")
def error_vs_eps():
    gc = load_kata("foundations/gradient_check", "solutions")
    x = np.array([1.0])
    exact = np.exp(1.0)  # d/dx exp(x) at x = 1

    def f(v):
        return float(np.exp(v[0]))

    eps = np.logspace(-13, -1, 61)
    central = [abs(gc.numerical_gradient(f, x, eps=h)[0] - exact) for h in eps]
    forward = [abs((f(x + h) - f(x)) / h - exact) for h in eps]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.loglog(eps, forward, ".-", label="forward  (f(x+h) - f(x)) / h")
    ax.loglog(eps, central, ".-", label="central  (f(x+h) - f(x-h)) / 2h")
    # Reference slopes: truncation error h e/2 (forward) and h^2 e/6 (central); rounding
    # error ~ machine eps * f / h grows to the left.
    ax.loglog(eps, eps * exact / 2, "--", color="C0", alpha=0.5, lw=1)
    ax.loglog(eps, eps**2 * exact / 6, "--", color="C1", alpha=0.5, lw=1)
    ax.loglog(eps, 2.2e-16 * exact / eps, ":", color="gray", lw=1, label="rounding ~ 1e-16 f / h")
    ax.set_ylim(1e-13, 1e0)
    ax.set_xlabel("step eps")
    ax.set_ylabel("|error| of d/dx exp(x) at x = 1")
    ax.set_title(
        "Truncation error falls as eps (forward) or eps² (central); rounding grows as 1/eps"
    )
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    return fig
