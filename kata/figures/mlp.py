"""Figure for neural/mlp: the decision boundary on two spirals and the loss curves."""

import numpy as np

from kata.datasets import make_spirals
from kata.figures import figure
from kata.loader import load_kata


@figure("neural/mlp", "mlp_spirals.png")
def mlp_spirals():
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    mlp = load_kata("neural/mlp", "solutions")
    X, y = make_spirals(300, noise=0.5, random_state=0)
    kwargs = dict(hidden_layer_sizes=(64,), batch_size=32, max_epochs=100, random_state=0)
    adam = mlp.MLPClassifier(learning_rate=0.02, **kwargs).fit(X, y)
    sgd = mlp.MLPClassifier(solver="sgd", learning_rate=0.5, **kwargs).fit(X, y)
    # The same network started from equal weights (preset through warm_start): every
    # hidden unit gets the same gradient, so the 64 units act as one forever.
    same = mlp.MLPClassifier(learning_rate=0.02, warm_start=True, **kwargs)
    same.coefs_ = [np.full((2, 64), 0.1), np.full((64, 2), 0.1)]
    same.intercepts_ = [np.zeros(64), np.zeros(2)]
    same.fit(X, y)
    linear = mlp.MLPClassifier(**{**kwargs, "hidden_layer_sizes": ()}, learning_rate=0.02)
    linear.fit(X, y)

    lo, hi = X.min(axis=0) - 0.15, X.max(axis=0) + 0.15
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 250), np.linspace(lo[1], hi[1], 250))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    prob = adam.predict_proba(grid)[:, 1].reshape(xx.shape)
    axes[0].contourf(xx, yy, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    axes[0].contour(xx, yy, prob, levels=[0.5], colors="k", linewidths=1)
    dark = ListedColormap(["#2166ac", "#b2182b"])
    axes[0].scatter(X[:, 0], X[:, 1], c=y, cmap=dark, s=10, edgecolors="white", linewidths=0.3)
    acc = np.mean(adam.predict(X) == y)
    axes[0].set_title(f"64 ReLU units, Adam: training accuracy {acc:.0%}", fontsize=10)
    axes[0].set_xticks([])
    axes[0].set_yticks([])

    for model, label in [
        (adam, "He init, Adam (lr 0.02)"),
        (sgd, "He init, SGD (lr 0.5)"),
        (same, "constant init, Adam: 64 units act as one"),
        (linear, "no hidden layer (softmax regression)"),
    ]:
        acc = np.mean(model.predict(X) == y)
        axes[1].semilogy(model.loss_curve_, label=f"{label}, {acc:.0%}")
    axes[1].set_xlabel("epoch")
    axes[1].set_ylabel("mean training cross-entropy (loss_curve_)")
    axes[1].set_title("loss curves (final training accuracy)", fontsize=10)
    axes[1].legend(fontsize=8)
    fig.suptitle("An MLP on two noisy interleaved spirals", fontsize=11)
    fig.tight_layout()
    return fig
