"""Figure for foundations/power_iteration: the error shrinks like |lambda_2 / lambda_1|^k."""

import matplotlib.pyplot as plt
import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("foundations/power_iteration", "power_iteration_convergence.png")
def convergence():
    pi = load_kata("foundations/power_iteration", "solutions")
    rng = np.random.default_rng(0)
    V, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    steps = np.arange(1, 61)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    for i, ratio in enumerate([0.3, 0.6, 0.9, 0.97]):
        eigenvalues = np.array([10.0, 10.0 * ratio, 2.0, 1.0, 0.5, 0.1])
        A = V @ np.diag(eigenvalues) @ V.T
        u = V[:, 0] * np.sign(V[np.argmax(np.abs(V[:, 0])), 0])
        # tol=0 runs exactly k products; the same seed gives the same start each time.
        vec_err, val_err = [], []
        for k in steps:
            value, vector = pi.power_iteration(A, n_iter=int(k), tol=0.0, random_state=1)
            vec_err.append(np.linalg.norm(vector - u))
            val_err.append(abs(value - 10.0) / 10.0)
        colour = f"C{i}"
        ax.semilogy(steps, vec_err, "-", color=colour, label=f"|λ₂/λ₁| = {ratio}")
        ax.semilogy(steps, val_err, ":", color=colour)
    ax.plot([], [], "k-", label="eigenvector error")
    ax.plot([], [], "k:", label="eigenvalue rel. error")
    ax.set_ylim(1e-16, 2)
    ax.set_xlabel("matrix-vector products k")
    ax.set_ylabel("error")
    ax.set_title(
        "Error ~ |λ₂/λ₁|^k (vector) and ~ |λ₂/λ₁|^2k (Rayleigh quotient, symmetric A)",
        fontsize=10,
    )
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig
