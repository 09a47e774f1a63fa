"""Kata regression/linear_regression: Linear regression: normal equations and gradient descent.

Difficulty 2 (standard), target time 30 minutes.

Fit y ≈ X @ w + b by least squares, two ways: exactly (the normal equations, solved
stably) and iteratively (batch gradient descent), and report the fit's R².

Math:
    loss(w, b)  = (1/n) * sum_i (y_i - x_i·w - b)^2                 the mean squared error
    normal:       centre: Xc = X - mean(X, axis=0), yc = y - mean(y)
                  w = argmin ||yc - Xc w||  (minimum-norm if several), b = mean(y) - mean(X)·w
    gd:           grad_w = -(2/n) X^T r,  grad_b = -(2/n) sum(r),  r = y - X w - b
                  w <- w - learning_rate * grad_w,  b <- b - learning_rate * grad_b
    R^2         = 1 - sum (y - y_hat)^2 / sum (y - mean(y))^2

Shapes: X is (n_samples, n_features), y is (n_samples,); coef_ is (n_features,),
intercept_ a float, predict returns (n_samples,). With solver='gd', loss_history_ holds
the training MSE at the start (w = 0, b = 0) and after every step: n_steps + 1 values.

Conventions:
- Defaults: fit_intercept=True, solver='normal', learning_rate=0.01, n_iter=1000,
  tol=1e-10. fit returns self; refitting starts afresh (nothing kept from an earlier fit).
- The intercept is fitted by centring, never penalized or treated as a feature; with
  fit_intercept=False the line goes through the origin and intercept_ is exactly 0.0.
- normal: with collinear columns or n < d, the minimum-norm solution (as scikit-learn).
- gd minimises the MSE (1/n) sum r^2 with steps w <- w - learning_rate * grad (the
  gradient of the MSE, factor 2 included). It starts from w = 0, b = 0; both updates of a
  step use the residual of the same (w, b).
  It runs at most n_iter steps and stops after the first step that lowers the loss by
  less than tol (an absolute decrease; tol=0 never stops early). coef_ and intercept_ are
  the LAST iterate, whose MSE is loss_history_[-1].
- gd raises a ValueError naming learning_rate at the first step that makes the loss grow
  (instead of iterating into inf/NaN).
- score is R² on the (X, y) given; for a constant y (all values equal) it is 1.0 for a
  perfect prediction, else 0.0 (scikit-learn's convention).
- predict and score before fit raise NotFittedError (the stub's validation does it); a
  feature count differing from fit, NaN/inf, mismatched lengths and invalid
  hyperparameters are ValueErrors. X and y are never modified.

Complexity: normal equations O(n d^2 + d^3) time, O(n d) memory; each gradient step
O(n d). No Python loop over samples, and never an (n, n) matrix.

Pitfalls:
- Appending a ones column and solving for it with the weights: fine for plain least
  squares, but the minimum-norm solution then shrinks the intercept (collinear or n < d).
- Inverting X^T X: it fails (or returns garbage) when two columns are collinear, and it
  squares the condition number. Use lstsq (SVD).
- A gradient without the factor 2 or the 1/n, or the intercept updated from a residual
  recomputed after the w step.
- Off-by-one step counts (n_iter - 1 or n_iter + 1 steps), a relative instead of an
  absolute decrease in the tol test, or returning the iterate before the last step.
- Raising only once the loss is NaN or above its start: the first rise is the signal.
- score returning the MSE, the squared correlation, or R² about the training mean; testing
  a constant y with SS_tot == 0 (the mean of [0.1, 0.1, 0.1] is not exactly 0.1, so SS_tot
  is ~1e-34) or with a tolerance (a y in tiny units is not constant).
- X -= mean changes the caller's array.

Worked example:
    X = [[0], [1], [2], [3]], y = [1, 2, 2, 4]
    mean(x) = 1.5, mean(y) = 2.25, sum (x - 1.5)(y - 2.25) = 4.5, sum (x - 1.5)^2 = 5
    coef_ = [0.9], intercept_ = 2.25 - 1.5 * 0.9 = 0.9, training R^2 = 1 - 0.7 / 4.75

Run `pytest --kata regression/linear_regression` to check your work; hints are in
hints/regression/linear_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (
    check_array,
    check_consistent_length,
    check_fitted_input,
    check_option,
    check_scalar,
    check_X_y,
)


class LinearRegression:
    """Ordinary least squares, by the normal equations or by batch gradient descent.

    Minimises the mean squared error ``(1/n) * ||y - X @ coef_ - intercept_||^2``.

    Parameters
    ----------
    fit_intercept : bool, default True
        Fit an unpenalized ``intercept_``; with False the model goes through the origin
        and ``intercept_`` is 0.0.
    solver : {'normal', 'gd'}, default 'normal'
        'normal': the least-squares solution of the centred problem (the minimum-norm one
        when the columns are collinear or n < d), as scikit-learn's ``LinearRegression``.
        'gd': full-batch gradient descent on the mean squared error, from all zeros.
    learning_rate : float, default 0.01
        Step size of 'gd' (> 0). A step that makes the loss grow means the rate is too
        large for the data: ``fit`` then raises a ``ValueError`` naming ``learning_rate``
        rather than returning NaN.
    n_iter : int, default 1000
        Maximum number of gradient steps of 'gd' (>= 1).
    tol : float, default 1e-10
        'gd' stops once one step lowers the loss by less than ``tol`` (>= 0).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int
    loss_history_ : ndarray of shape (n_steps + 1,)
        Only with solver='gd': the training MSE at the start and after each step.

    Examples
    --------
    >>> model = LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    >>> model.coef_.round(12), round(model.intercept_, 12)
    (array([2.]), 1.0)
    >>> model.predict([[3.0]]).round(12)
    array([7.])
    """

    def __init__(
        self, fit_intercept=True, solver="normal", learning_rate=0.01, n_iter=1000, tol=1e-10
    ):
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.learning_rate = learning_rate
        self.n_iter = n_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit ``coef_`` and ``intercept_`` to the training data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : LinearRegression
            The fitted estimator.

        Examples
        --------
        >>> LinearRegression(fit_intercept=False).fit([[1.0], [2.0]], [2.0, 4.0]).coef_
        array([2.])
        """
        check_option(self.solver, "solver", ("normal", "gd"))
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.n_iter, "n_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("LinearRegression.fit")

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
        >>> LinearRegression().fit([[0.0], [1.0]], [1.0, 3.0]).predict([[2.0], [-1.0]]).round(12)
        array([ 5., -1.])
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("LinearRegression.predict")

    def score(self, X, y):
        """Coefficient of determination R² = 1 - SS_res / SS_tot of the predictions on X.

        ``SS_tot`` is the spread of this ``y`` about its own mean. R² is 1 for a perfect
        fit, 0 for predicting the mean and negative for worse. If ``y`` is constant
        (SS_tot = 0), the score is 1.0 for a perfect prediction and 0.0 otherwise, as in
        scikit-learn.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        float

        Examples
        --------
        >>> model = LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
        >>> round(model.score([[0.0], [1.0]], [1.0, 5.0]), 12)  # predictions 1 and 3
        0.5
        """
        X = check_fitted_input(self, X, attribute="coef_")
        y = check_array(y, name="y", ndim=1)
        check_consistent_length(X=X, y=y)
        raise NotImplementedError("LinearRegression.score")
