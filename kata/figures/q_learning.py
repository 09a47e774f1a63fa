"""Figures for the applied/q_learning cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata

MOVES = np.array([[-1, 0], [0, 1], [1, 0], [0, -1]])  # up, right, down, left
ARROWS = np.array([[0, 0.35], [0.35, 0], [0, -0.35], [-0.35, 0]])  # (dx, dy) on the plot


def gridworld(size=5, slip=0.2, goal=(0, 4), pit=(1, 3), walls=((2, 1), (2, 2), (2, 3))):
    """A slippery grid: the chosen move happens with probability 1 - slip, else a random one.

    Entering the goal pays +1, the pit -1; both are absorbing with no further reward.
    """
    n = size * size
    P, R = np.zeros((n, 4, n)), np.zeros((n, 4))
    index = {(r, c): r * size + c for r in range(size) for c in range(size)}
    for (r, c), s in index.items():
        if (r, c) in (goal, pit) or (r, c) in walls:
            P[s, :, s] = 1.0
            continue
        for a in range(4):
            for b in range(4):
                p = (1 - slip) * (a == b) + slip / 4
                nr, nc = r + MOVES[b, 0], c + MOVES[b, 1]
                if not (0 <= nr < size and 0 <= nc < size) or (nr, nc) in walls:
                    nr, nc = r, c  # bump into the edge or a wall: stay
                t = index[(nr, nc)]
                P[s, a, t] += p
                R[s, a] += p * ((nr, nc) == goal) - p * ((nr, nc) == pit)
    return P, R, index, goal, pit, walls


@figure("applied/q_learning", "value_iteration.png")
def value_iteration_figure():
    """V* and the greedy policy on a slippery grid; the sup-norm error per sweep."""
    import matplotlib.pyplot as plt

    mod = load_kata("applied/q_learning", "solutions")
    P, R, index, goal, pit, walls = gridworld()
    gamma = 0.9
    _, policy = mod.value_iteration(P, R, gamma, 1e-10)
    # The exact V* of that policy: its Bellman equations solved as a linear system.
    states = np.arange(len(R))
    V = np.linalg.solve(np.eye(len(R)) - gamma * P[states, policy], R[states, policy])
    size = int(np.sqrt(len(V)))

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    ax = axes[0]
    grid = V.reshape(size, size).copy()
    for cell in (*walls, goal, pit):
        grid[cell] = np.nan
    im = ax.imshow(grid, cmap="RdYlGn", vmin=-1, vmax=1)
    for (r, c), s in index.items():
        if (r, c) in walls:
            ax.text(c, r, "wall", ha="center", va="center", fontsize=7, color="0.4")
        elif (r, c) in (goal, pit):
            ax.text(
                c,
                r,
                "+1" if (r, c) == goal else "-1",
                ha="center",
                va="center",
                fontsize=11,
                weight="bold",
            )
        else:
            dx, dy = ARROWS[policy[s]]
            ax.annotate(
                "",
                xy=(c + dx, r - dy),
                xytext=(c - dx, r + dy),
                arrowprops={"arrowstyle": "->", "lw": 1.4},
            )
            ax.text(c, r + 0.38, f"{V[s]:.2f}", ha="center", va="center", fontsize=7)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("V* and the greedy policy (slip 0.2, gamma 0.9)", fontsize=10)
    fig.colorbar(im, ax=ax, shrink=0.8)

    ax = axes[1]
    errors, Vk = [], np.zeros_like(V)
    for _ in range(40):
        Vk = (R + gamma * P @ Vk).max(axis=1)
        errors.append(np.max(np.abs(Vk - V)))
    k = np.arange(1, 41)
    ax.semilogy(k, errors, "o-", ms=3, label=r"$\|V_k - V^*\|_\infty$")
    ax.semilogy(k, gamma**k * np.max(np.abs(V)), "k--", lw=1, label=r"$\gamma^k \|V^*\|_\infty$")
    ax.set_ylim(1e-12, 2)
    ax.set_xlabel("sweep k")
    ax.set_title("value iteration contracts by gamma per sweep (or faster)", fontsize=10)
    ax.legend(fontsize=9)
    fig.tight_layout()
    return fig
