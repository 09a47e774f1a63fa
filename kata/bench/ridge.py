"""Benchmark row of regression/ridge: fit, against scikit-learn's Ridge (same objective)."""

import numpy as np

from kata.bench import Row, close, row

ALPHA = 1.0


@row("regression/ridge")
class RidgeFit(Row):
    timed = "fit"
    slow_hint = (
        "np.linalg.inv(X^T X + alpha I) then a product, where one np.linalg.solve of the "
        "d x d system is cheaper and more accurate; or a ones column inside the penalty?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d)) + 0.5
        y = X @ rng.standard_normal(d) - 1.0 + rng.standard_normal(n)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.Ridge(alpha=ALPHA)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import Ridge

        # Both minimise ||y - Xw - b||^2 + alpha ||w||^2 with b unpenalized.
        model = Ridge(alpha=ALPHA)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-8, what="coef_ and intercept_")


def _params(model):
    return np.ravel(model.coef_), float(model.intercept_)
