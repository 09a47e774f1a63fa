"""Figures for the sequence/positional_encoding cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("sequence/positional_encoding", "positional_encoding.png")
def positional_encoding():
    """The sinusoidal table, RoPE turning one pair, and a RoPE score against the offset."""
    import matplotlib.pyplot as plt

    pe = load_kata("sequence/positional_encoding", "solutions")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.7))

    table = pe.sinusoidal_encoding(64, 32)
    shown = axes[0].imshow(table, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1)
    axes[0].set_title("sinusoidal_encoding(64, 32)\nfast pairs on the left, slow on the right",
                      fontsize=9)  # fmt: skip
    axes[0].set_xlabel("column (2i: sin, 2i + 1: cos)", fontsize=8)
    axes[0].set_ylabel("position p", fontsize=8)
    fig.colorbar(shown, ax=axes[0], fraction=0.046, pad=0.04)

    # One d = 4 vector at positions 0..7: pair 0 turns by 1 rad per step, pair 1 by 0.1 rad
    # (base = 100, so theta_1 = 100^(-2/4)).
    x = np.tile([1.0, 0.0, 1.0, 0.0], (8, 1))
    rotated = pe.apply_rope(x, base=100.0)
    ax = axes[1]
    circle = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(circle), np.sin(circle), color="0.85", lw=1)
    for cols, colour, label in [((0, 1), "tab:blue", "pair 0: theta = 1"),
                                ((2, 3), "tab:orange", "pair 1: theta = 0.1")]:  # fmt: skip
        pts = rotated[:, list(cols)]
        ax.plot(pts[:, 0], pts[:, 1], "o-", color=colour, ms=4, lw=1, label=label)
        shift = (5, 2) if cols[0] else (-12, -10)  # labels of the two pairs apart
        for p in (0, 3, 7):
            ax.annotate(f"{p}", pts[p], textcoords="offset points", xytext=shift, fontsize=7,
                        color=colour)  # fmt: skip
    ax.set_aspect("equal")
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.legend(fontsize=7, loc="lower left")
    ax.set_title("apply_rope: (1, 0) at positions 0..7\neach pair turns by pos * theta_i",
                 fontsize=9)  # fmt: skip

    # Relative position: the score of a fixed q at position m with a fixed k at position n,
    # plotted against n - m for three different m: the curves coincide.
    rng = np.random.default_rng(0)
    q, k = rng.normal(size=64), rng.normal(size=64)
    offsets = np.arange(-40, 41)
    ax = axes[2]
    for m, style in [(0, "-"), (100, "--"), (1000, ":")]:
        rq = pe.apply_rope(q[None, :], positions=[m])[0]
        rk = pe.apply_rope(np.tile(k, (offsets.size, 1)), positions=m + offsets)
        ax.plot(offsets, rk @ rq, style, lw=1.6, label=f"q at m = {m}")
    ax.set_xlabel("relative position n - m", fontsize=8)
    ax.set_ylabel("<rope(q, m), rope(k, n)>", fontsize=8)
    ax.legend(fontsize=7)
    ax.set_title("the score depends on n - m only\n(three curves, one line)", fontsize=9)
    for a in axes:
        a.tick_params(labelsize=7)
    fig.tight_layout()
    return fig
