"""Benchmark row of regression/linear_regression: fit (normal equations) vs LinearRegression."""

import numpy as np

from kata.bench import Row, close, row


@row("regression/linear_regression")
class LinearRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "np.linalg.inv(X^T X) or a Python loop over samples, where one least-squares solve "
        "(np.linalg.lstsq) of the centred data does it in O(n d^2)?"
    )

    def data(self, n, d, rng):
        X = 2.0 * rng.standard_normal((n, d)) + 1.0  # an offset, so the intercept matters
        y = X @ rng.standard_normal(d) + 3.0 + rng.standard_normal(n)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.LinearRegression()  # solver='normal', fit_intercept=True
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import LinearRegression

        model = LinearRegression()
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        # The catalog pins the normal-equation answer to scikit-learn's to 1e-8; the data
        # is well conditioned, so both are the exact least-squares solution up to rounding.
        return close(yours, baseline, rtol=1e-8, what="coef_ and intercept_")


def _params(model):
    return np.ravel(model.coef_), float(model.intercept_)
