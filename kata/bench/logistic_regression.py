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
        # scikit-learn stops at its default tol (1e-4), up to ~1e-3 (relative) from the exact
        # optimum in coef_. So: an objective no higher than scikit-learn's (a converged answer
        # is at least as low), and coefficients close to its.
        j_yours, j_base = _objective(*yours, data), _objective(*baseline, data)
        ok_j = j_yours <= j_base * (1 + OBJECTIVE_RTOL)
        ok_c, text = close(yours, baseline, rtol=COEF_RTOL, what="coef_")
        rel = (j_yours - j_base) / j_base
        sign = "<=" if ok_j else ">"
        return ok_j and ok_c, f"objective {rel:+.1e} {sign} {OBJECTIVE_RTOL:.0e}, {text}"


OBJECTIVE_RTOL = 1e-6
COEF_RTOL = 1e-2


def _params(model):
    return np.ravel(model.coef_), float(np.ravel(model.intercept_)[0])


def _objective(w, b, data):
    """J / n = (1/2 ||w||^2 + C sum logloss) / n at C = 1."""
    z = data["X"] @ w + b
    s = 2.0 * data["y"] - 1.0
    return (0.5 * float(w @ w) + float(np.logaddexp(0.0, -s * z).sum())) / len(z)
