"""Figure for trees/random_forest: one deep tree against a forest of 100 on the same data."""

import numpy as np

from kata.datasets import make_moons
from kata.figures import figure
from kata.loader import load_kata


@figure("trees/random_forest", "random_forest_boundary.png")
def random_forest_boundary():
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap, ListedColormap

    trees = load_kata("trees/decision_tree", "solutions")
    forests = load_kata("trees/random_forest", "solutions")
    X, y = make_moons(200, noise=0.3, random_state=0)
    X_test, y_test = make_moons(1000, noise=0.3, random_state=1)
    lo, hi = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 260), np.linspace(lo[1], hi[1], 190))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    dark = ListedColormap(["#2171b5", "#d94801"])
    shade = LinearSegmentedColormap.from_list("blue_orange", ["#9ecae1", "#ffffff", "#fdae6b"])

    models = (
        ("one full tree", trees.DecisionTreeClassifier().fit(X, y)),
        (
            "random forest, 100 trees",
            forests.RandomForestClassifier(n_estimators=100, oob_score=True, random_state=0).fit(
                X, y
            ),
        ),
    )
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.9), sharey=True)
    for ax, (name, model) in zip(axes, models, strict=True):
        p1 = model.predict_proba(grid)[:, 1].reshape(xx.shape)
        ax.contourf(xx, yy, p1, levels=np.linspace(0, 1, 11), cmap=shade)
        ax.contour(xx, yy, p1, levels=[0.5], colors="black", linewidths=1.0)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=dark, s=10, edgecolors="white", linewidths=0.3)
        title = f"{name}: test accuracy {np.mean(model.predict(X_test) == y_test):.0%}"
        if hasattr(model, "oob_score_"):
            title += f"\n(out-of-bag estimate {model.oob_score_:.0%}, no test set needed)"
        else:
            title += "\n(training accuracy 100%)"
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("$x_1$")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].set_ylabel("$x_2$")
    fig.suptitle("P(orange): averaging 100 bootstrap trees smooths one tree's jagged boxes")
    fig.tight_layout()
    return fig
