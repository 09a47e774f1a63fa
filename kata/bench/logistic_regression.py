"""Benchmark row of classification/logistic_regression: fit, against scikit-learn's lbfgs."""

import numpy as np

from kata.bench import Row, close, row


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@row("classification/logistic_regression")
class LogisticRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "plain gradient descent takes hundreds of steps; Newton's method (IRLS) converges "
        "in about ten"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d) / np.sqrt(d)
        y = (rng.random(n) < _sigmoid(X @ w + 0.5)).astype(int)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.LogisticRegression(C=1.0)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        # scikit-learn stops at its default tol (1e-4), so it is itself ~1e-5 from the optimum.
        return close(yours, baseline, rtol=1e-3, what="coef_, intercept_")


def _params(model):
    return np.ravel(model.coef_), np.ravel(model.intercept_)
