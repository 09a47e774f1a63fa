"""Kata regression/lasso: Lasso and elastic net by coordinate descent.

Difficulty 3 (hard), target time 45 minutes.

Fit linear regression with an L1 (lasso) or mixed L1 + L2 (elastic net) penalty by cyclic
coordinate descent, minimising scikit-learn's objective over w (n_features,) and b. The
L1 term makes the objective non-differentiable at w_j = 0; that kink is what sets
coefficients to exactly 0. Write soft_threshold, then ElasticNet.fit and predict; Lasso is
ElasticNet with l1_ratio = 1 (already written for you as a subclass).

Math:
    J(w, b) = 1/(2n) * ||y - X w - b||^2
              + alpha * l1_ratio * ||w||_1 + alpha * (1 - l1_ratio) / 2 * ||w||^2
    soft_threshold(x, t) = sign(x) * max(|x| - t, 0), elementwise: the exact minimiser of
    0.5 * (w - x)^2 + t * |w|.
    Coordinate descent minimises J exactly along one coordinate w_j at a time (all others
    fixed). Along w_j, J is a 1-D quadratic plus t * |w_j|, so its minimiser has a closed
    form built on soft_threshold: work out which quantity gets thresholded, by how much,
    and what it is divided by.

Shapes: X (n_samples, n_features), y (n_samples,); coef_ (n_features,), intercept_ float,
n_iter_ an int; soft_threshold keeps the shape of x.

Conventions:
- Defaults: alpha=1.0, l1_ratio=0.5 (ElasticNet), max_iter=1000, tol=1e-4,
  fit_intercept=True; hyperparameters are validated at the start of fit (the calls are in
  place). soft_threshold refuses a negative t with a ValueError.
- The objective is scikit-learn's: 1/(2n) ||y - Xw - b||^2 + alpha l1_ratio ||w||_1
  + alpha (1 - l1_ratio) / 2 ||w||^2. The intercept b is NOT penalized or shrunk:
  b = mean(y) - mean(X)·w.
- Start from w = 0 on every fit (a refit keeps nothing from the previous one). Sweep
  j = 0..d-1 in order, each update using the latest values of the other coordinates.
- After each sweep, stop if the largest change of any coefficient in that sweep was at
  most tol * max_j |w_j| (<=, so a sweep that changes nothing always stops, even with
  tol=0), or after max_iter sweeps. n_iter_ = number of sweeps run, the last included;
  coef_ is the result of the last sweep.
- Matches scikit-learn's Lasso and ElasticNet to 1e-5, with exact zeros (0.0, not 1e-17)
  where it has them; a column of zeros, or a constant column when fitting an intercept,
  gets coefficient exactly 0.
- predict before fit raises NotFittedError (the stub's validation does it); X and y are
  never modified.

Complexity: O(n * d) per sweep (one pass over each column, no recomputation of X w from
scratch per coordinate), O(n * d) memory.

Pitfalls:
- Forgetting the 1/(2n) in J: the threshold and the divisor must be on the same scale as
  the data term (scikit-learn's alpha is per sample).
- A (sub)gradient method: it never lands exactly on 0; coordinate descent does.
- Recomputing the full residual y - X w for every coordinate (O(n d^2) per sweep), or not
  updating it at all after w_j changes.
- Dividing by ||X_j||^2 for a zero column (0/0); centring a constant column of 0.1s leaves
  ~1e-17, not 0: test the values.
- Stopping with < instead of <= (never stops when nothing moves), counting n_iter_ from 0,
  an absolute instead of a relative tol, or returning the weights of the previous sweep.
- Penalizing the intercept, or modifying X or y in place.

Worked example (Lasso, alpha = 0.1):
    X = [[1, 0], [2, 1], [3, 0], [4, 1]], y = [1, 2, 3, 4]    (y is exactly column 0)
    coef_ = [0.92, 0.0]   (column 0 shrunk by the penalty, column 1 exactly 0)
    intercept_ = 0.2      (= mean(y) - mean(X, axis=0) @ coef_, so predictions stay centred)

Run `pytest --kata regression/lasso` to check your work; hints are in hints/regression/lasso.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("soft_threshold")


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
        raise NotImplementedError("ElasticNet.fit")

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
        raise NotImplementedError("ElasticNet.predict")


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
