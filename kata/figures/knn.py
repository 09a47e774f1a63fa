"""Figure for classification/knn: decision boundaries for a small and a large k."""

import numpy as np

from kata.datasets import make_moons
from kata.figures import figure
from kata.loader import load_kata


@figure("classification/knn", "knn_boundaries.png")
def knn_boundaries():
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    knn = load_kata("classification/knn", "solutions")
    X, y = make_moons(200, noise=0.3, random_state=0)
    lo, hi = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 230), np.linspace(lo[1], hi[1], 170))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    light = ListedColormap(["#c6dbef", "#fdd0a2"])
    dark = ListedColormap(["#2171b5", "#d94801"])

    fig, axes = plt.subplots(1, 2, figsize=(8, 3.5), sharey=True)
    for ax, k in zip(axes, (1, 15), strict=True):
        model = knn.KNNClassifier(n_neighbors=k).fit(X, y)
        zz = model.predict(grid).reshape(xx.shape)
        ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], cmap=light)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=dark, s=12, edgecolors="white", linewidths=0.4)
        train_acc = np.mean(model.predict(X) == y)
        ax.set_title(f"k = {k}: training accuracy {train_acc:.0%}")
        ax.set_xlabel("$x_1$")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].set_ylabel("$x_2$")
    fig.suptitle("k-NN on noisy moons: small k overfits, larger k smooths the boundary")
    fig.tight_layout()
    return fig
