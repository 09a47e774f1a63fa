"""Kata regression/huber_regression: Huber regression.

Difficulty 2 (standard), target time 30 minutes.

Fit a linear model that is robust to outliers in y by replacing the squared error with
the Huber loss, which is quadratic for small residuals and linear for large ones. Write
huber_loss and huber_grad (elementwise, any shape), then HuberRegressor.fit, which
minimises J, and predict (X @ coef_ + intercept_).

Math:
    huber_loss(r) = 0.5 * r^2                    if |r| <= delta
                    delta * (|r| - delta / 2)    otherwise
    huber_grad(r) = d huber_loss / dr = r inside the band, delta * sign(r) outside
    J(w, b) = (1/n) * sum_i huber_loss(y_i - x_i @ w - b) + alpha * ||w||^2
    At the optimum the gradient of J is 0: -(1/n) X^T huber_grad(r) + 2 alpha w = 0 and
    the mean of huber_grad(r) is 0 (the tests check exactly this).
    J is convex and once differentiable, so any method that reaches the minimum passes:
    iteratively reweighted least squares (IRLS) converges in tens of iterations and needs
    no step size. Plain gradient descent also works if it takes the safe step 1/L
    (L = largest curvature of J) and runs on centred X; without centring, the intercept
    direction is so badly conditioned that max_iter steps do not reach the optimum. With
    a large alpha, L >= 2 alpha, and one step 1/L for all parameters barely moves the
    intercept (its curvature is at most 1): give w and b their own safe steps.

Shapes: X (n_samples, n_features), y (n_samples,); coef_ (n_features,), intercept_ float,
n_iter_ an int; huber_loss and huber_grad keep the shape of r (float64).

Conventions:
- Defaults: delta=1.35 (> 0, in the units of y: fixed, unlike scikit-learn's
  HuberRegressor this kata estimates no scale), alpha=0.0 (>= 0), max_iter=1000,
  tol=1e-8. Invalid values are a ValueError; huber_loss and huber_grad refuse delta <= 0.
- J is the MEAN Huber loss of the residuals plus alpha ||w||^2 (no 1/2 on the penalty);
  the intercept b is not penalized.
- Stop after the first iteration that changes no parameter by more than tol (an absolute
  change), or after max_iter iterations; n_iter_ = iterations run, the last one included
  (so refitting with max_iter=n_iter_ gives the same answer). Every fit starts afresh: a
  refit keeps nothing from an earlier fit.
- predict before fit raises NotFittedError (the stub's validation does it); X and y are
  never modified.

Complexity: O(n d^2 + d^3) per IRLS iteration: one product for the (d+1) x (d+1)
weighted normal equations, then a small solve (an SVD of the n x (d+1) weighted rows at
every iteration is the same order but ~15x slower); O(n d) per gradient step, O(n d)
memory.

Pitfalls:
- A loss that jumps at |r| = delta (both pieces must equal delta^2 / 2 there), or a
  gradient that loses the sign of r outside the band.
- Dividing by a zero residual in the IRLS weights delta / |r| (a perfect fit has every
  residual exactly 0).
- Penalizing the intercept, or alpha * ||w||^2 with a factor 1/2 or 1/n slipped in.
- Gradient descent on uncentred X or with a step above 1/L: it stalls or diverges.
- Counting n_iter_ from 0, a stopping rule relative to the parameters' size, or warm
  starting a refit from the previous coefficients.
- Modifying X or y in place.

Worked example (delta = 1, alpha = 0):
    X = [[-1], [-1], [1], [1], [1]], y = [0, 0, 0, 0, 10]
    x = -1 samples: {0, 0} -> fitted value 0;  x = +1 samples: {0, 0, 10} -> the m with
    sum huber_grad(y - m) = 0, i.e. 1 - 2m = 0 -> m = 0.5 (least squares would give 10/3)
    b - w = 0 and b + w = 0.5  ->  coef_ = [0.25], intercept_ = 0.25

Run `pytest --kata regression/huber_regression` to check your work; hints are in
hints/regression/huber_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("huber_loss")


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
    raise NotImplementedError("huber_grad")


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
        raise NotImplementedError("HuberRegressor.fit")

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
        raise NotImplementedError("HuberRegressor.predict")
