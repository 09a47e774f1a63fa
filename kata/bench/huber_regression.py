"""Benchmark row of regression/huber_regression: fit, against scikit-learn's HuberRegressor.

The two objectives differ. The kata minimises ``(1/n) sum huber(r_i, delta) + alpha ||w||^2``
with a FIXED ``delta`` in the units of y. scikit-learn's ``HuberRegressor`` also fits a
scale ``sigma``: it minimises ``n sigma + sum_i (2 / sigma) huber(r_i, epsilon sigma)
+ alpha ||w||^2`` over ``(w, b, sigma)`` jointly, so its threshold ``epsilon * sigma`` is
learned from the data. For a given sigma its ``(w, b)`` part is the kata's objective with
``delta = epsilon * sigma`` (and alpha rescaled), so the two optima coincide exactly when
``delta = epsilon * sigma*``, sigma* being scikit-learn's optimal scale.

The data is built so that this holds with a known answer: residuals ``e`` (Gaussian, plus
10% gross outliers) are adjusted until, with ``delta = epsilon * sigma``,

* ``[X 1]^T clip(e, -delta, delta) = 0``: the kata's gradient at ``theta`` is zero, and
* ``mean(min(e^2 / sigma^2, epsilon^2)) = 1``: scikit-learn's derivative in sigma is zero,

then ``y = X w + b + e``. Both objectives are convex (scikit-learn's jointly in
``(w, b, sigma)``), so ``(w, b)`` is the optimum of both: the kata gets that ``delta``, and
scikit-learn ``epsilon`` with ``alpha = 0`` on both sides. Agreement is then a real check:
yours within 1e-6 of the constructed optimum, and within 1e-4 of scikit-learn's answer
(L-BFGS stops at its default ``tol = 1e-5``, ~1e-6 from the optimum).
"""

import numpy as np

from kata.bench import Row, close, row

EPSILON = 1.35  # scikit-learn's default; delta = EPSILON * sigma
OUTLIER_SHARE = 0.1


def _scale(e):
    """The sigma with mean(min(e^2 / sigma^2, EPSILON^2)) = 1 (decreasing in sigma)."""
    lo, hi = 1e-6 * np.max(np.abs(e)) + 1e-300, np.max(np.abs(e)) / EPSILON * 1e3 + 1.0
    for _ in range(200):  # bisection on log sigma: to the last bit
        mid = np.sqrt(lo * hi)
        if np.mean(np.minimum((e / mid) ** 2, EPSILON**2)) > 1.0:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * hi:
            break
    return np.sqrt(lo * hi)


def _optimal_residuals(A, e):
    """Adjust the inlier residuals until both optimality conditions hold (see above)."""
    for _ in range(200):
        sigma = _scale(e)
        delta = EPSILON * sigma
        inlier = np.abs(e) <= delta
        # Moving inliers (which stay inliers) by -A_I c changes A^T clip(e) by -A_I^T A_I c:
        # solve for the c that zeroes it.
        grad = A[inlier].T @ e[inlier] + A[~inlier].T @ (delta * np.sign(e[~inlier]))
        step = A[inlier] @ np.linalg.solve(A[inlier].T @ A[inlier], grad)
        e = e.copy()
        e[inlier] -= step
        if np.max(np.abs(step)) <= 1e-14 * np.max(np.abs(e)):
            break
    return e, _scale(e)


@row("regression/huber_regression")
class HuberRegressionFit(Row):
    timed = "fit"
    slow_hint = (
        "an SVD (np.linalg.lstsq) of a freshly stacked weighted copy of X at every IRLS "
        "step, where the weighted normal equations [X 1]^T W [X 1] need one O(n d^2) "
        "product and a small solve; or plain gradient descent, where IRLS takes a dozen?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        A = np.column_stack([X, np.ones(n)])
        theta = np.r_[rng.standard_normal(d), 0.5]
        e = rng.standard_normal(n)
        outlier = rng.random(n) < OUTLIER_SHARE
        e[outlier] += rng.choice([-1.0, 1.0], outlier.sum()) * rng.uniform(5, 20, outlier.sum())
        e, sigma = _optimal_residuals(A, e)
        delta = EPSILON * sigma
        psi = np.clip(e, -delta, delta)
        # The construction must have converged, else the "known optimum" would be a lie.
        assert np.max(np.abs(A.T @ psi)) <= 1e-9 * n, "Huber data: gradient not zero"
        assert abs(np.mean(np.minimum((e / sigma) ** 2, EPSILON**2)) - 1.0) <= 1e-12
        return {"X": X, "y": A @ theta + e, "theta": theta, "delta": delta}

    def ours(self, mod, data):
        model = mod.HuberRegressor(delta=data["delta"], alpha=0.0)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import HuberRegressor

        model = HuberRegressor(epsilon=EPSILON, alpha=0.0, max_iter=1000)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def agree(self, yours, baseline, data):
        optimum = (data["theta"][:-1], data["theta"][-1])
        ok_base, text_base = close(yours, baseline, rtol=1e-4, what="coef_ and intercept_")
        ok_opt, text_opt = close(yours, optimum, rtol=1e-6, what="vs the known optimum")
        return ok_base and ok_opt, f"{text_base}; {text_opt}"


def _params(model):
    return np.ravel(model.coef_).copy(), float(model.intercept_)
