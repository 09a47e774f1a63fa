"""Kata regression/ridge: Ridge regression.

Difficulty 1 (warm-up), target time 15 minutes.

Least squares with an L2 penalty that shrinks the weights towards 0 but leaves the
intercept alone. The penalty makes the problem well-posed even when X^T X is singular.

Math:
    objective:   ||y - X w - b||^2 + alpha * ||w||^2        (b is NOT penalized)
    closed form: centre Xc = X - mean(X, axis=0), yc = y - mean(y), then
                 (Xc^T Xc + alpha I) w = Xc^T yc,   b = mean(y) - mean(X)·w
    without an intercept: (X^T X + alpha I) w = X^T y, b = 0

Shapes: X is (n_samples, n_features), y is (n_samples,); coef_ is (n_features,),
intercept_ a float, predict returns (n_samples,).

Conventions:
- Defaults: alpha=1.0, fit_intercept=True. This is exactly scikit-learn's Ridge: a sum of
  squared errors (not a mean: no alpha/n), and no factor 1/2 anywhere (no 2*alpha).
- The intercept is not penalized; with fit_intercept=False, intercept_ is exactly 0.0.
- alpha >= 0, validated at the start of fit (a negative alpha is a ValueError: the
  objective would be unbounded below). alpha = 0 is ordinary least squares and returns
  the minimum-norm solution on collinear columns, as scikit-learn does.
- fit returns self; refitting starts afresh. predict before fit raises NotFittedError (the
  stub's validation does it); a feature count differing from fit is a ValueError. X and y
  are never modified.

Complexity: O(n d^2 + d^3) time, O(n d + d^2) memory; never an (n, n) matrix when
n >= d, and no Python loop over samples.

Pitfalls:
- Penalizing the intercept (a ones column inside alpha I): with a large offset in y and a
  large alpha the intercept is shrunk towards 0 instead of mean(y) - mean(X)·w.
- alpha / n (a mean-squared-error objective), 2 * alpha or alpha / 2.
- np.linalg.solve or inv with alpha = 0 on collinear columns: singular or garbage.
- X -= mean changes the caller's array.

Worked example:
    X = [[0], [1], [2], [3]], y = [1, 2, 2, 4], alpha = 1
    mean(x) = 1.5, mean(y) = 2.25, sum (x - 1.5)(y - 2.25) = 4.5, sum (x - 1.5)^2 = 5
    coef_ = [4.5 / (5 + 1)] = [0.75]  (least squares would give 0.9)
    intercept_ = 2.25 - 1.5 * 0.75 = 1.125

Run `pytest --kata regression/ridge` to check your work; hints are in hints/regression/ridge.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_scalar, check_X_y


class Ridge:
    """Least squares with an L2 penalty on the weights (not on the intercept).

    Minimises ``||y - X @ coef_ - intercept_||² + alpha * ||coef_||²``, the objective of
    scikit-learn's ``Ridge``: a sum of squared errors, not a mean, and no factor 1/2.

    Parameters
    ----------
    alpha : float, default 1.0
        Strength of the penalty (>= 0). ``alpha = 0`` is ordinary least squares, with the
        minimum-norm ``coef_`` when the columns are collinear.
    fit_intercept : bool, default True
        Fit an unpenalized ``intercept_``; with False, ``intercept_`` is 0.0.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int

    Examples
    --------
    >>> model = Ridge(alpha=1.0).fit([[0.0], [1.0], [2.0], [3.0]], [1.0, 2.0, 2.0, 4.0])
    >>> model.coef_.round(10), round(model.intercept_, 10)  # 4.5 / (5 + 1), 2.25 - 1.5 * 0.75
    (array([0.75]), 1.125)
    """

    def __init__(self, alpha=1.0, fit_intercept=True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit ``coef_`` and ``intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : Ridge
            The fitted estimator.

        Examples
        --------
        >>> Ridge(alpha=2.0, fit_intercept=False).fit([[1.0], [1.0]], [3.0, 3.0]).coef_
        array([1.5])
        """
        check_scalar(self.alpha, "alpha", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("Ridge.fit")

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)

        Examples
        --------
        >>> model = Ridge(alpha=1.0).fit([[0.0], [1.0], [2.0], [3.0]], [1.0, 2.0, 2.0, 4.0])
        >>> model.predict([[1.5], [5.5]]).round(10)
        array([2.25, 5.25])
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("Ridge.predict")
