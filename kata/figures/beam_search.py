"""Figures for the sequence/beam_search cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata

# The statement's worked example: vocab {0: a, 1: b, 2: eos}, bos = 9.
TABLE = {(9,): (0.5, 0.4, 0.1), (9, 0): (0.3, 0.3, 0.4), (9, 1): (0.05, 0.05, 0.9)}
NAMES = {0: "a", 1: "b", 2: "eos"}


@figure("sequence/beam_search", "beam_search_tree.png")
def beam_search_tree():
    """The search tree of the worked example: greedy's path against a beam of two."""
    import matplotlib.pyplot as plt

    bs = load_kata("sequence/beam_search", "solutions")

    def model(prefix):
        return np.log(TABLE.get(tuple(prefix), (0.25, 0.25, 0.5)))

    greedy = bs.beam_search(model, 9, 2, beam_width=1, max_len=2)[0][0]
    beam = [tokens for tokens, _ in bs.beam_search(model, 9, 2, beam_width=2, max_len=2)]
    kept_step1 = {(9, 0), (9, 1)}  # the beam after step 1 (width 2)

    # Node positions: step on x, a fixed slot per sequence on y.
    nodes = {(9,): (0, 0.0)}
    for i, first in enumerate((0, 1, 2)):
        nodes[(9, first)] = (1, 3.0 - 3.0 * i)
        if first != 2:
            for j, second in enumerate((0, 1, 2)):
                nodes[(9, first, second)] = (2, 3.0 - 3.0 * i + 1.0 - j)

    fig, ax = plt.subplots(figsize=(9, 5.2))
    for seq, (x, y) in nodes.items():
        if len(seq) > 1:
            px, py = nodes[seq[:-1]]
            p = TABLE.get(seq[:-1], (0.25, 0.25, 0.5))[seq[-1]]
            on_greedy = list(seq) == greedy[: len(seq)]
            ax.plot(
                [px, x],
                [py, y],
                color="tab:orange" if on_greedy else "0.75",
                lw=2.5 if on_greedy else 1,
                ls="--" if on_greedy else "-",
                zorder=1,
            )
            ax.text(
                (px + x) / 2, (py + y) / 2 + 0.12, f"{p:g}", fontsize=7, color="0.35", ha="center"
            )
        prob = np.prod([TABLE.get(seq[:k], (0.25, 0.25, 0.5))[seq[k]] for k in range(1, len(seq))])
        if len(seq) == 1:
            colour, label = "white", "bos"
        else:
            kept = (len(seq) == 2 and seq in kept_step1) or list(seq) in beam
            colour = "lightsteelblue" if kept else "whitesmoke"
            label = f"{NAMES[seq[-1]]}\n{prob:.3g}"
        final = list(seq) in beam
        ax.scatter(
            x,
            y,
            s=900,
            c=colour,
            edgecolors="tab:blue" if final else "0.5",
            linewidths=2.5 if final else 1,
            zorder=2,
        )
        ax.text(x, y, label, ha="center", va="center", fontsize=7, zorder=3)
    ax.text(
        1,
        -3.6,
        "eos at step 1: finished,\nbut pruned (0.1 < 0.4)",
        fontsize=7,
        ha="center",
        va="top",
        color="0.35",
    )
    ax.set_xlim(-0.4, 2.6)
    ax.set_ylim(-4.6, 4.7)
    ax.set_xticks([0, 1, 2])
    ax.set_xticklabels(["start", "step 1", "step 2"])
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(
        "Greedy (orange, dashed) commits to a (0.5) and ends with a eos = 0.2; a beam of 2\n"
        "(blue: kept) also keeps b (0.4), whose eos (0.36) wins. Bold outline: the result",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
