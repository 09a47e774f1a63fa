"""Benchmark row of classification/softmax_regression: fit, against scikit-learn's lbfgs."""

import numpy as np

from kata.bench import Row, close, row

N_CLASSES = 4


@row("classification/softmax_regression")
class SoftmaxRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "plain gradient descent takes hundreds of steps; Newton's method converges in about "
        "ten (or use an accelerated solver)"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        W = rng.standard_normal((N_CLASSES, d)) / np.sqrt(d)
        Z = X @ W.T
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        # One draw per sample from its softmax probabilities (inverse-CDF sampling).
        y = (rng.random(n)[:, None] > np.cumsum(P, axis=1)).sum(axis=1)
        return {"X": X, "y": np.minimum(y, N_CLASSES - 1)}

    def ours(self, mod, data):
        model = mod.SoftmaxRegression(C=1.0)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0)  # multinomial for more than two classes
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-3, what="coef_, intercept_")


def _params(model):
    b = np.ravel(model.intercept_)
    return np.ravel(model.coef_), b - b.mean()  # intercepts are defined up to a constant
