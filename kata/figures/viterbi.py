"""Figures for the sequence/viterbi cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("sequence/viterbi", "viterbi_trellis.png")
def viterbi_trellis():
    """The trellis of the worked example: every cell's best score, its back-pointer, the path."""
    import matplotlib.pyplot as plt

    vit = load_kata("sequence/viterbi", "solutions")
    start, trans = np.log([0.6, 0.4]), np.log([[0.7, 0.3], [0.4, 0.6]])
    emit = np.log([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]])
    obs = [0, 1, 2, 2, 0, 1]
    symbols, states = ["walk", "shop", "clean"], ["rainy", "sunny"]
    n_steps, n_states = len(obs), len(start)

    # The recursion written out for the picture (the kata's own answer draws the path).
    delta = np.empty((n_steps, n_states))
    back = np.zeros((n_steps, n_states), dtype=int)
    delta[0] = start + emit[:, obs[0]]
    for t in range(1, n_steps):
        scores = delta[t - 1][:, None] + trans
        back[t] = scores.argmax(axis=0)
        delta[t] = scores.max(axis=0) + emit[:, obs[t]]
    path, _ = vit.viterbi(start, trans, emit, obs)

    fig, ax = plt.subplots(figsize=(9, 3.4))
    for t in range(1, n_steps):
        for j in range(n_states):
            i = back[t, j]
            on_path = path[t] == j and path[t - 1] == i
            ax.annotate(
                "",
                xy=(t - 0.17, 1 - j),
                xytext=(t - 1 + 0.17, 1 - i),
                arrowprops={
                    "arrowstyle": "->",
                    "lw": 2.6 if on_path else 1.0,
                    "color": "tab:red" if on_path else "0.6",
                },
            )
    for t in range(n_steps):
        for j in range(n_states):
            on_path = path[t] == j
            ax.scatter(
                t,
                1 - j,
                s=1500,
                c="mistyrose" if on_path else "white",
                edgecolors="tab:red" if on_path else "0.4",
                linewidths=2 if on_path else 1,
                zorder=3,
            )
            # Bold: the best cell of its column, which the best path need not visit.
            weight = "bold" if j == int(np.argmax(delta[t])) else "normal"
            ax.text(
                t,
                1 - j,
                f"{delta[t, j]:.2f}",
                ha="center",
                va="center",
                fontsize=8,
                fontweight=weight,
                zorder=4,
            )
        ax.text(t, 1.55, f"t={t}\n{symbols[obs[t]]}", ha="center", va="center", fontsize=8)
    ax.set_yticks([1, 0])
    ax.set_yticklabels(states)
    ax.set_xticks([])
    ax.set_xlim(-0.6, n_steps - 0.4)
    ax.set_ylim(-0.6, 1.9)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(
        "Viterbi trellis: each cell holds delta_t = the best log-probability of a path ending "
        "there (bold: best of its column);\narrows are back-pointers (best predecessor), red is "
        "the backtracked best path, which skips the bold cell at t = 1",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
