"""Benchmark row of regression/bayesian_linear_regression: fit, against the closed form.

scikit-learn has no estimator with the kata's fixed precisions: ``BayesianRidge`` re-estimates
its alpha and lambda by evidence maximisation at every iteration (its ``alpha_init`` and
``lambda_init`` are only starting values) and centres the data for an intercept. So the
baseline computes the same posterior by its closed form: the mean is the ridge solution with
``lambda = alpha / beta`` and no intercept (scikit-learn's ``Ridge``), and the covariance is
``inv(alpha I + beta X^T X)`` (``np.linalg.inv``). Both are compared with yours.
"""

import numpy as np

from kata.bench import Row, close, row

ALPHA = 1.0  # prior precision
BETA = 4.0  # noise precision: noise std 0.5


@row("regression/bayesian_linear_regression")
class BayesianLinearRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "a QR of the stacked (n + d, d) matrix with Q formed, or a posterior updated one "
        "sample at a time, where X^T X (one O(n d^2) product) and one factorisation of the "
        "d x d precision give the mean and the covariance?"
    )

    def data(self, n, d, rng):
        # The last column is all ones: the kata's way of getting an intercept.
        X = np.column_stack([rng.standard_normal((n, d - 1)), np.ones(n)])
        y = X @ rng.standard_normal(d) + rng.standard_normal(n) / np.sqrt(BETA)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.BayesianLinearRegression(alpha=ALPHA, beta=BETA)

        def fit():
            model.fit(data["X"], data["y"])
            return np.ravel(model.mean_).copy(), np.asarray(model.cov_).copy()

        return fit

    def sklearn(self, data):
        from sklearn.linear_model import Ridge

        X, y = data["X"], data["y"]
        ridge = Ridge(alpha=ALPHA / BETA, fit_intercept=False)

        def fit():
            mean = ridge.fit(X, y).coef_
            precision = BETA * (X.T @ X)
            precision[np.diag_indices_from(precision)] += ALPHA
            return mean, np.linalg.inv(precision)

        return fit

    def agree(self, yours, baseline, data):
        ok_m, text_m = close(yours[0], baseline[0], rtol=1e-8, what="mean_")
        ok_c, text_c = close(yours[1], baseline[1], rtol=1e-8, what="cov_")
        return ok_m and ok_c, f"{text_m}, {text_c}"
