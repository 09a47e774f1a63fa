"""Benchmark row of regression/lasso: fit (cyclic coordinate descent) against Lasso.

Both sides minimise the same objective, ``1/(2n) ||y - Xw - b||^2 + alpha ||w||_1`` with
``b`` unpenalized, by cyclic coordinate descent from zero, and both stop after the first
sweep whose largest coefficient change is at most ``tol * max|w|`` (scikit-learn then also
checks its duality gap against ``tol``). On the independent Gaussian features used here
both take the same few sweeps and land on the same ``coef_``, exact zeros included.
"""

import numpy as np

from kata.bench import Row, close, row

ALPHA = 0.1
TOL = 1e-4  # the default of both


@row("regression/lasso")
class LassoFit(Row):
    timed = "fit"
    slow_hint = (
        "the full residual y - X w recomputed for every coordinate (O(n d) per step, "
        "O(n d^2) per sweep), where updating it by (w_new - w_old) * X[:, j] costs O(n)?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d)
        w[::2] = 0.0  # half the true coefficients are 0: the lasso has zeros to find
        return {"X": X, "y": X @ w + 0.5 + rng.standard_normal(n)}

    def ours(self, mod, data):
        model = mod.Lasso(alpha=ALPHA, tol=TOL)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import Lasso

        model = Lasso(alpha=ALPHA, tol=TOL)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        # The same sweeps on the same objective: equal to rounding (the catalog pins 1e-5),
        # and zero exactly where scikit-learn's coefficients are zero.
        ok, text = close(yours, baseline, rtol=1e-5, what="coef_ and intercept_")
        zeros_yours = yours[0] == 0.0
        zeros_base = baseline[0] == 0.0
        same_zeros = bool(np.array_equal(zeros_yours, zeros_base))
        zeros = f"{int(zeros_yours.sum())} zeros in coef_ vs {int(zeros_base.sum())}"
        if not same_zeros:
            zeros += " (not the same features)"
        return ok and same_zeros, f"{text}, {zeros}"


def _params(model):
    return np.ravel(model.coef_).copy(), float(model.intercept_)
