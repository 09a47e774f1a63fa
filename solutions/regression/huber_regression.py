"""Reference solution for regression/huber_regression.

The statement is in exercises/regression/huber_regression.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_fitted_input, check_scalar, check_X_y


def huber_loss(r, delta=1.35):
    """Huber loss of residuals: quadratic near 0, linear in the tails.

    ``0.5 * r**2`` where ``|r| <= delta`` and ``delta * (|r| - delta / 2)`` elsewhere; the
    two pieces meet with equal value and slope at ``|r| = delta``.

    Parameters
    ----------
    r : array-like of any shape
        Residuals.
    delta : float, default 1.35
        Where the quadratic part ends, ``delta > 0``.

    Returns
    -------
    ndarray of float64
        Same shape as ``r``, elementwise losses (>= 0).

    Examples
    --------
    >>> huber_loss([0.5, -1.0, 3.0], delta=1.0)
    array([0.125, 0.5  , 2.5  ])
    """
    r = check_array(r, name="r", ndim=None)
    check_scalar(delta, "delta", low=0, low_inclusive=False)
    a = np.abs(r)
    # With q = min(|r|, delta): 0.5 q^2 + delta (|r| - q) is 0.5 r^2 inside and
    # delta |r| - delta^2 / 2 outside. The -delta^2/2 makes the pieces meet at |r| = delta,
    # and nothing is squared beyond delta, so huge residuals cannot overflow.
    q = np.minimum(a, delta)
    return 0.5 * q**2 + delta * (a - q)


def huber_grad(r, delta=1.35):
    """Derivative of ``huber_loss`` with respect to ``r``, elementwise.

    ``r`` where ``|r| <= delta`` and ``delta * sign(r)`` elsewhere.

    Parameters
    ----------
    r : array-like of any shape
        Residuals.
    delta : float, default 1.35
        Where the quadratic part ends, ``delta > 0``.

    Returns
    -------
    ndarray of float64
        Same shape as ``r``, values in ``[-delta, delta]``.

    Examples
    --------
    >>> huber_grad([0.5, -1.0, 3.0, -3.0], delta=1.0)
    array([ 0.5, -1. ,  1. , -1. ])
    """
    r = check_array(r, name="r", ndim=None)
    check_scalar(delta, "delta", low=0, low_inclusive=False)
    # The slope of 0.5 r^2 is r; outside the band it is capped at +-delta, keeping the
    # sign of r. That cap is what bounds an outlier's pull on the fit.
    return np.clip(r, -delta, delta)


class HuberRegressor:
    """Linear regression with the Huber loss: robust to outliers in ``y``.

    Minimises the mean Huber loss of the residuals plus an L2 penalty on the coefficients
    (the intercept is not penalized), with a fixed ``delta``:

        J(w, b) = (1/n) * sum_i huber_loss(y_i - x_i @ w - b, delta) + alpha * ||w||^2

    Parameters
    ----------
    delta : float, default 1.35
        Residuals with ``|r| <= delta`` are inliers (squared loss); beyond, the loss
        grows linearly. ``delta > 0``, in the units of ``y``.
    alpha : float, default 0.0
        Strength of the ``alpha * ||w||^2`` penalty, ``alpha >= 0``.
    max_iter : int, default 1000
        Maximum number of iterations, ``>= 1``.
    tol : float, default 1e-8
        Stop once an iteration changes no parameter (coefficient or intercept) by more
        than ``tol``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        The number of iterations run.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
    >>> y = 2.0 * X[:, 0] + 1.0
    >>> y[4] = 100.0  # one gross outlier
    >>> model = HuberRegressor(delta=1.0).fit(X, y)
    >>> bool(abs(model.coef_[0] - 2.0) < abs(np.polyfit(X[:, 0], y, 1)[0] - 2.0))
    True
    """

    def __init__(self, delta=1.35, alpha=0.0, max_iter=1000, tol=1e-8):
        self.delta = delta
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Minimise the penalized mean Huber loss.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
            The fitted model, with ``coef_``, ``intercept_`` and ``n_iter_``.
        """
        check_scalar(self.delta, "delta", low=0, low_inclusive=False)
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        n, d = X.shape

        # Iteratively reweighted least squares. Writing huber_grad(r) = omega * r with
        # omega = min(1, delta / |r|), the stationarity condition
        #     -(1/n) [X 1]^T huber_grad(r) + 2 alpha [w; 0] = 0
        # is a weighted ridge problem for fixed omega. Solving it and updating omega never
        # increases J (the weighted square is a majorizer of the Huber loss: an MM step),
        # so the iterates converge to the minimum of this convex objective.
        A = np.column_stack([X, np.ones(n)])  # the last parameter is the intercept
        # n times the weighted ridge objective is sum_i omega_i r_i^2 + 2 n alpha ||w||^2,
        # whose normal equations are (A^T W A + 2 n alpha P) theta = A^T W y, P the identity
        # with a 0 in the intercept's corner (the intercept is not penalized).
        penalty = np.diag(np.r_[np.full(d, 2.0 * n * self.alpha), 0.0])
        theta = np.zeros(d + 1)
        omega = np.ones(n)  # the first solve is plain least squares (or ridge)
        n_iter = 0
        while n_iter < self.max_iter:
            n_iter += 1
            # The weighted normal equations: with B = sqrt(W) A, one O(n d^2) product B^T B
            # (NumPy computes an array times its own transpose as one symmetric rank-k
            # update: half the work of a general product, exactly symmetric), then a
            # (d+1) x (d+1) solve. An SVD of the (n, d+1) rows B would avoid squaring
            # cond(A) but costs ~15x more per step, at every one of the dozen steps.
            # lstsq on the small system still gives the minimum-norm answer when columns
            # are collinear (B^T B is then singular, and solve would raise or blow up):
            # its null space is that of B.
            s = np.sqrt(omega)
            B = s[:, None] * A
            new = np.linalg.lstsq(B.T @ B + penalty, B.T @ (s * y), rcond=None)[0]
            step = np.max(np.abs(new - theta))
            theta = new
            if step <= self.tol:
                break
            # delta / max(|r|, delta) equals min(1, delta / |r|) without dividing by a zero
            # residual (an exact fit makes every r_i = 0).
            omega = self.delta / np.maximum(np.abs(y - A @ theta), self.delta)

        self.coef_ = theta[:d]
        self.intercept_ = float(theta[d])
        self.n_iter_ = n_iter
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
