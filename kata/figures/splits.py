"""Figure for preprocessing/splits: which samples each fold tests, plain, shuffled, stratified."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from kata.figures import figure
from kata.loader import load_kata


@figure("preprocessing/splits", "splits_kfold_layout.png")
def kfold_layout():
    sp = load_kata("preprocessing/splits", "solutions")
    n, k = 23, 5
    # Imbalanced labels in a fixed order: 13 of class A, 7 of B, 3 of C.
    y = np.repeat([0, 1, 2], [13, 7, 3])
    panels = [
        ("k_fold_indices (no shuffle)", list(sp.k_fold_indices(n, n_splits=k))),
        ("k_fold_indices (shuffle=True)", list(sp.k_fold_indices(n, k, True, random_state=0))),
        ("stratified_k_fold_indices", list(sp.stratified_k_fold_indices(y, n_splits=k))),
    ]
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.5), sharey=True)
    fold_cmap = ListedColormap(["#d9e6f2", "#e4572e"])  # train, test
    class_cmap = ListedColormap(["#4c72b0", "#55a868", "#8172b3"])
    for ax, (title, folds) in zip(axes, panels, strict=True):
        grid = np.zeros((k, n))
        for i, (_, test) in enumerate(folds):
            grid[i, test] = 1
        ax.imshow(grid, cmap=fold_cmap, aspect="auto", extent=(-0.5, n - 0.5, k + 0.5, 0.5))
        # The class of each sample, as a strip under the folds.
        ax.imshow(
            y[None, :], cmap=class_cmap, aspect="auto", extent=(-0.5, n - 0.5, k + 1.5, k + 0.9)
        )
        for label, centre in zip("ABC", [6, 16, 21], strict=True):
            ax.text(centre, k + 1.2, label, ha="center", va="center", color="white", fontsize=8)
        ax.set_ylim(k + 1.5, 0.5)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("sample index")
        sizes = [len(test) for _, test in folds]
        for i, size in enumerate(sizes):
            ax.text(n - 0.2, i + 1, f" {size}", va="center", fontsize=7)
    axes[0].set_yticks([*range(1, k + 1), k + 1.2])
    axes[0].set_yticklabels([*(f"fold {i}" for i in range(k)), "class"], fontsize=8)
    fig.suptitle(
        "23 samples, 5 folds: red = test fold (first 23 % 5 = 3 folds get one extra sample); "
        "stratified folds hold 2-3 A, 1-2 B, 0-1 C each",
        fontsize=9,
    )
    fig.tight_layout()
    return fig
