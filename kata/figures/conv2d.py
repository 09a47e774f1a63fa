"""Figure for neural/conv2d: how many windows read each pixel, i.e. where dx collects."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("neural/conv2d", "conv2d_coverage.png")
def conv2d_coverage():
    import matplotlib.pyplot as plt

    conv = load_kata("neural/conv2d", "solutions")
    x = np.zeros((1, 1, 8, 8))
    cases = [(3, 1, 1), (3, 2, 1), (2, 3, 0)]  # (kernel, stride, padding)
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.7))
    for ax, (k, s, p) in zip(axes, cases, strict=True):
        out, cache = conv.conv2d_forward(x, np.ones((1, 1, k, k)), [0.0], stride=s, padding=p)
        # With w = 1 and dout = 1, dx[i, j] counts the windows that read pixel (i, j).
        counts = conv.conv2d_backward(np.ones_like(out), cache)[0][0, 0]
        ax.imshow(counts, cmap="Blues", vmin=0, vmax=9)
        for (i, j), c in np.ndenumerate(counts):
            ax.text(
                j,
                i,
                f"{c:.0f}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if c > 5 else "black",
            )
        ax.set_title(
            f"kernel {k}, stride {s}, padding {p}: output {out.shape[2]}x{out.shape[3]}",
            fontsize=9,
        )
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(
        "dx with w = 1 and dout = 1 on an 8x8 input: the number of windows that read each "
        "pixel (overlaps add up; 0 = never read)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig
