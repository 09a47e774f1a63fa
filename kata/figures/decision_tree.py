"""Figure for trees/decision_tree: the axis-aligned partition of the plane as depth grows."""

import numpy as np

from kata.datasets import make_moons
from kata.figures import figure
from kata.loader import load_kata


@figure("trees/decision_tree", "decision_tree_partition.png")
def decision_tree_partition():
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    trees = load_kata("trees/decision_tree", "solutions")
    X, y = make_moons(200, noise=0.3, random_state=0)
    X_test, y_test = make_moons(1000, noise=0.3, random_state=1)
    lo, hi = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 300), np.linspace(lo[1], hi[1], 220))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    light = ListedColormap(["#c6dbef", "#fdd0a2"])
    dark = ListedColormap(["#2171b5", "#d94801"])

    fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharey=True)
    for ax, depth in zip(axes, (1, 3, None), strict=True):
        tree = trees.DecisionTreeClassifier(max_depth=depth).fit(X, y)
        zz = tree.predict(grid).reshape(xx.shape)
        ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], cmap=light)
        # Leaf borders: grid points whose right or upper neighbour is in another leaf.
        leaf = tree.apply(grid).reshape(xx.shape)
        edge = np.zeros(leaf.shape, dtype=bool)
        edge[:, :-1] |= leaf[:, 1:] != leaf[:, :-1]
        edge[:-1, :] |= leaf[1:, :] != leaf[:-1, :]
        ax.contour(xx, yy, edge.astype(float), levels=[0.5], colors="#666666", linewidths=0.5)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=dark, s=10, edgecolors="white", linewidths=0.3)
        test_acc = np.mean(tree.predict(X_test) == y_test)
        name = "no limit" if depth is None else f"max_depth={depth}"
        ax.set_title(
            f"{name}: {tree.n_leaves_} leaves\ntrain {np.mean(tree.predict(X) == y):.0%}, "
            f"test {test_acc:.0%}",
            fontsize=10,
        )
        ax.set_xlabel("$x_1$")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].set_ylabel("$x_2$")
    fig.suptitle("A CART tree cuts the plane into axis-aligned boxes; unlimited depth overfits")
    fig.tight_layout()
    return fig
