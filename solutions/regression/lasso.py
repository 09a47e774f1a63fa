"""Reference solution for regression/lasso.

The statement is in exercises/regression/lasso.py.
"""

import math
import numbers

import numpy as np

from kata.validation import check_array, check_fitted_input, check_scalar, check_X_y


def soft_threshold(x, t):
    """Soft-thresholding operator ``sign(x) * max(|x| - t, 0)``, elementwise.

    It is the proximal operator of ``t * |x|``: the exact minimiser of
    ``0.5 * (w - x)**2 + t * |w|`` over ``w``.

    Parameters
    ----------
    x : array-like of any shape
        The values to shrink.
    t : float
        The threshold, ``t >= 0``.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``: entries with ``|x| <= t`` become exactly 0, the others move
        ``t`` towards 0.

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.0, 2.0], 1.0)
    array([-2.,  0.,  0.,  1.])
    """
    x = check_array(x, name="x", ndim=None)
    check_scalar(t, "t", low=0)
    # max(|x| - t, 0) is exactly 0 inside the band, which is where the lasso's exact zeros
    # come from; the sign puts the shrunken magnitude back on the right side of 0.
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


class ElasticNet:
    """Linear regression with a mixed L1 + L2 penalty, fitted by cyclic coordinate descent.

    Minimises scikit-learn's objective

        1/(2n) * ||y - X w - b||^2 + alpha * l1_ratio * ||w||_1
                                   + alpha * (1 - l1_ratio) / 2 * ||w||^2

    The intercept ``b`` is not penalized.

    Parameters
    ----------
    alpha : float, default 1.0
        Overall penalty strength, ``alpha >= 0``.
    l1_ratio : float, default 0.5
        Share of the L1 penalty, in [0, 1]: 1 is the lasso, 0 is ridge.
    max_iter : int, default 1000
        Maximum number of full sweeps over the features.
    tol : float, default 1e-4
        Stop after the first sweep whose largest coefficient change is at most
        ``tol * max(|coef_|)``.
    fit_intercept : bool, default True
        Whether to fit an (unpenalized) intercept.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The coefficients, with exact zeros for the features the L1 penalty removed.
    intercept_ : float
        The intercept (0.0 when ``fit_intercept=False``).
    n_iter_ : int
        The number of sweeps run.
    n_features_in_ : int
        The number of features seen in ``fit``.

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    >>> y = np.array([0.0, 2.0, 4.0, 6.0])
    >>> model = ElasticNet(alpha=0.1, l1_ratio=0.5).fit(X, y)
    >>> bool(model.coef_[1] == 0.0)
    True
    """

    def __init__(self, alpha=1.0, l1_ratio=0.5, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit the coefficients by cyclic coordinate descent.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
            The fitted model, with ``coef_``, ``intercept_`` and ``n_iter_``.
        """
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.l1_ratio, "l1_ratio", low=0, high=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        n, d = X.shape

        if self.fit_intercept:
            # The intercept is unpenalized, so its optimum is b = ȳ - x̄·w for any w;
            # substituting it back leaves the same problem on centred X and y.
            x_mean, y_mean = X.mean(axis=0), y.mean()
            X, y = X - x_mean, y - y_mean  # new arrays: the caller's are untouched
            # A constant column centres to 0 exactly in theory but to ~1e-17 in floating
            # point (the mean of 0.1s is not 0.1), which would give it an arbitrary weight
            # when alpha is 0: make it exactly 0 so the z_j == 0 guard below skips it.
            X[:, np.all(X == X[0], axis=0)] = 0.0
        else:
            x_mean, y_mean = np.zeros(d), 0.0
        X = np.asfortranarray(X)  # contiguous columns: each step reads one column

        l1 = self.alpha * self.l1_ratio
        l2 = self.alpha * (1.0 - self.l1_ratio)
        # z_j = ||X_j||^2 / n, computed once: the curvature of the objective along w_j.
        z = np.einsum("ij,ij->j", X, X) / n
        w = np.zeros(d)
        r = y.copy()  # residual y - X w, kept up to date instead of recomputed

        n_sweeps = 0
        while n_sweeps < self.max_iter:
            n_sweeps += 1
            max_step = 0.0
            for j in range(d):
                if z[j] == 0.0:
                    continue  # a zero column: w_j stays 0 (and 0/0 is avoided)
                w_old = w[j]
                # Partial residual correlation X_j·(r + X_j w_j)/n: the least-squares
                # optimum of w_j alone, times z_j. Soft-thresholding it by the L1 weight
                # and dividing by the curvature (plus the L2 weight) minimises the
                # objective exactly along w_j.
                rho = X[:, j] @ r / n + z[j] * w_old
                w_new = math.copysign(max(abs(rho) - l1, 0.0), rho) / (z[j] + l2)
                if w_new != w_old:
                    r -= (w_new - w_old) * X[:, j]
                    w[j] = w_new
                    max_step = max(max_step, abs(w_new - w_old))
            if max_step <= self.tol * np.max(np.abs(w)):
                break

        self.coef_ = w
        self.intercept_ = float(y_mean - x_mean @ w)
        self.n_iter_ = n_sweeps
        return self

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="coef_")
        return X @ self.coef_ + self.intercept_


class Lasso(ElasticNet):
    """L1-penalized linear regression: ``ElasticNet`` with ``l1_ratio = 1``.

    Minimises ``1/(2n) * ||y - X w - b||^2 + alpha * ||w||_1`` (intercept not penalized).

    Parameters
    ----------
    alpha : float, default 1.0
        Penalty strength, ``alpha >= 0``; at or above ``max|Xc^T yc| / n`` (centred data)
        every coefficient is exactly 0.
    max_iter : int, default 1000
        Maximum number of full sweeps over the features.
    tol : float, default 1e-4
        Stop after the first sweep whose largest coefficient change is at most
        ``tol * max(|coef_|)``.
    fit_intercept : bool, default True
        Whether to fit an (unpenalized) intercept.

    Attributes
    ----------
    coef_, intercept_, n_iter_, n_features_in_
        As in ``ElasticNet``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 3.0, 4.0])
    >>> Lasso(alpha=0.1).fit(X, y).coef_
    array([0.92, 0.  ])
    """

    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-4, fit_intercept=True):
        super().__init__(
            alpha=alpha, l1_ratio=1.0, max_iter=max_iter, tol=tol, fit_intercept=fit_intercept
        )
