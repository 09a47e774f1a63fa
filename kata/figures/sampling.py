"""Figures for the sequence/sampling cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


def _softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


@figure("sequence/sampling", "sampling_filters.png")
def sampling_filters():
    """One next-token distribution under three temperatures, then top-k and top-p."""
    import matplotlib.pyplot as plt

    smp = load_kata("sequence/sampling", "solutions")
    logits = np.array([3.0, 2.2, 1.9, 1.2, 0.8, 0.3, -0.2, -0.6, -1.1, -1.8])
    tokens = np.arange(logits.size)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)

    ax = axes[0]
    width = 0.27
    for shift, t, colour in [(-1, 0.5, "tab:red"), (0, 1.0, "tab:gray"), (1, 2.0, "tab:blue")]:
        probs = _softmax(smp.apply_temperature(logits, t))
        ax.bar(tokens + shift * width, probs, width, color=colour, label=f"t = {t}")
    ax.set_title("temperature: softmax(z / t)\nt < 1 sharpens, t > 1 flattens", fontsize=9)
    ax.legend(fontsize=8)

    base = _softmax(logits)
    for ax, filtered, title in [
        (axes[1], smp.top_k_filter(logits, 3), "top_k = 3: the 3 largest logits survive"),
        (axes[2], smp.top_p_filter(logits, 0.9), "top_p = 0.9: smallest prefix with mass >= 0.9"),
    ]:
        kept = np.isfinite(filtered)
        renorm = _softmax(filtered)
        ax.bar(tokens, base, 0.8, color=np.where(kept, "tab:green", "0.8"), label="before")
        ax.plot(tokens[kept], renorm[kept], "k_", ms=18, mew=2, label="after (renormalized)")
        ax.set_title(title, fontsize=9)
        ax.legend(fontsize=8, loc="center right")
    # The cumulative mass that top-p walks along (the tokens are already sorted here).
    ax = axes[2]
    before = np.concatenate(([0.0], np.cumsum(base)[:-1]))
    ax2 = ax.twinx()
    ax2.step(tokens, before, where="mid", color="tab:purple", lw=1.2)
    ax2.axhline(0.9, color="tab:purple", ls=":", lw=1)
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("mass before the token (kept while < p)", fontsize=8, color="tab:purple")
    ax2.tick_params(labelsize=7, colors="tab:purple")
    for a in axes:
        a.set_xlabel("token (sorted by logit)", fontsize=8)
        a.set_xticks(tokens)
        a.tick_params(labelsize=7)
    axes[0].set_ylabel("probability", fontsize=8)
    fig.tight_layout()
    return fig
