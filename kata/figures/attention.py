"""Figures for the sequence/attention cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("sequence/attention", "attention_causal.png")
def attention_causal():
    """Attention weights of one sequence: the causal mask, then weights without and with it."""
    import matplotlib.pyplot as plt

    att = load_kata("sequence/attention", "solutions")
    T, d = 8, 16
    rng = np.random.default_rng(4)
    # Queries that resemble their own key a little, so the weights show some structure.
    k = rng.normal(size=(T, d))
    q = 0.35 * k + rng.normal(size=(T, d))
    v = rng.normal(size=(T, 4))
    mask = att.causal_mask(T)
    _, w_full = att.scaled_dot_product_attention(q, k, v)
    _, w_causal = att.scaled_dot_product_attention(q, k, v, mask=mask)

    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.6))
    # The masked pairs (weight exactly 0) are drawn blank.
    cmap = plt.get_cmap("viridis").with_extremes(bad="white")
    panels = [
        (mask.astype(float), "causal_mask(8): True (dark) = keep j <= i", "Greys"),
        (w_full, "weights, no mask: each row sums to 1", cmap),
        (np.ma.masked_where(~mask, w_causal), "weights, causal: blank = exactly 0", cmap),
    ]
    vmax = max(w_full.max(), w_causal.max())
    for ax, (img, title, colours) in zip(axes, panels, strict=True):
        top = 1.0 if colours == "Greys" else vmax
        shown = ax.imshow(img, cmap=colours, vmin=0.0, vmax=top)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("key position j", fontsize=8)
        ax.set_ylabel("query position i", fontsize=8)
        ax.set_xticks(range(T))
        ax.set_yticks(range(T))
        ax.tick_params(labelsize=7)
        if colours != "Greys":
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    fig.suptitle(
        "softmax(q k^T / sqrt(d)) with -inf above the diagonal: row 0 attends only to itself, "
        "row i renormalizes over keys 0..i",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
