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
        # As for logistic regression: scikit-learn stops at tol 1e-4, so compare objectives
        # (yours no higher than its) and coefficients (close to its).
        j_yours, j_base = _objective(*yours, data), _objective(*baseline, data)
        ok_j = j_yours <= j_base * (1 + OBJECTIVE_RTOL)
        ok_c, text = close(yours, baseline, rtol=COEF_RTOL, what="coef_")
        rel = (j_yours - j_base) / j_base
        sign = "<=" if ok_j else ">"
        return ok_j and ok_c, f"objective {rel:+.1e} {sign} {OBJECTIVE_RTOL:.0e}, {text}"


OBJECTIVE_RTOL = 1e-6
COEF_RTOL = 1e-2


def _params(model):
    b = np.ravel(model.intercept_)
    return np.asarray(model.coef_, dtype=float), b - b.mean()  # b is defined up to a constant


def _objective(W, b, data):
    """J / n = (1/2 ||W||^2 + C sum cross-entropy) / n at C = 1."""
    Z = data["X"] @ W.T + b
    Z = Z - Z.max(axis=1, keepdims=True)
    log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    n = len(Z)
    return (0.5 * float(np.sum(W * W)) - float(log_p[np.arange(n), data["y"]].sum())) / n
