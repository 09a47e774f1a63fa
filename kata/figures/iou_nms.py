"""Figures for the applied/iou_nms cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("applied/iou_nms", "nms_before_after.png")
def nms_before_after():
    """Jittered detections of three objects, before and after greedy NMS at IoU 0.5."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    mod = load_kata("applied/iou_nms", "solutions")
    rng = np.random.default_rng(4)
    objects = np.array([[1.0, 1.0, 4.0, 5.0], [3.2, 2.0, 7.0, 4.5], [7.5, 0.5, 9.5, 2.5]])
    sides = np.repeat(objects[:, 2:] - objects[:, :2], 7, axis=0)
    # Jitter proportional to each object's size, as a detector's errors are.
    boxes = np.repeat(objects, 7, axis=0) + 0.07 * np.tile(sides, 2) * rng.normal(size=(21, 4))
    scores = np.clip(0.95 - rng.gamma(2.0, 0.12, size=21), 0.05, 0.99)
    keep = mod.nms(boxes, scores, 0.5)
    colours = plt.cm.viridis(scores)

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharex=True, sharey=True)
    for ax, shown, title in [
        (axes[0], np.arange(len(boxes)), f"before: {len(boxes)} detections"),
        (axes[1], keep, f"after NMS (IoU > 0.5 suppressed): {len(keep)} kept"),
    ]:
        for i in shown:
            x1, y1, x2, y2 = boxes[i]
            ax.add_patch(Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, lw=1.6, ec=colours[i]))
            if ax is axes[1]:
                ax.text(x1 + 0.05, y2 - 0.35, f"{scores[i]:.2f}", fontsize=8)
        ax.set_xlim(0, 10.5)
        ax.set_ylim(-0.5, 6.5)
        ax.set_aspect("equal")
        ax.set_title(title, fontsize=10)
    sm = plt.cm.ScalarMappable(cmap="viridis", norm=plt.Normalize(0, 1))
    fig.colorbar(sm, ax=axes, label="score", shrink=0.8)
    fig.suptitle(
        "Greedy NMS keeps the best box of each cluster; the overlapping object pair survives",
        fontsize=10,
    )
    return fig
