"""Benchmark row of regression/polynomial_regression: fit (degree 2, least squares).

Against scikit-learn's pipeline ``PolynomialFeatures(degree=2, include_bias=False)`` then
``LinearRegression()``: the same monomials in the same order, the same unpenalized
intercept, ``alpha = 0`` (the kata's default) on our side.
"""

import numpy as np

from kata.bench import Row, close, row

DEGREE = 2


@row("regression/polynomial_regression")
class PolynomialRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "a thin SVD of the features that forms the (n, p) factor U, where a least-squares "
        "solve (lstsq) or a Cholesky of the p x p normal equations is enough; or a power "
        "and a product over the inputs for every monomial column?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        # A target with real quadratic structure (every monomial present, some noise).
        y = X @ rng.standard_normal(d) + 0.5 * (X**2) @ rng.standard_normal(d)
        y += 0.3 * X[:, 0] * X[:, -1] + 1.0 + 0.1 * rng.standard_normal(n)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.PolynomialRegression(degree=DEGREE, alpha=0.0)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import LinearRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures

        model = make_pipeline(
            PolynomialFeatures(degree=DEGREE, include_bias=False), LinearRegression()
        )

        def fit():
            last = model.fit(data["X"], data["y"])[-1]
            return np.ravel(last.coef_).copy(), float(last.intercept_)

        return fit

    def agree(self, yours, baseline, data):
        # Gaussian inputs at degree 2: a well-conditioned least-squares problem, so both are
        # its exact solution up to rounding.
        return close(yours, baseline, rtol=1e-8, what="coef_ and intercept_")


def _params(model):
    return np.ravel(model.coef_).copy(), float(model.intercept_)
