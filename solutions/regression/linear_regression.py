"""Reference solution for regression/linear_regression.

The statement is in exercises/regression/linear_regression.py.
"""

import numbers

import numpy as np

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
        if self.solver == "normal":
            self._fit_normal(X, y)
        else:
            self._fit_gd(X, y)
        return self

    def _fit_normal(self, X, y):
        if self.fit_intercept:
            # The intercept only absorbs the means: minimising over b first gives
            # b = ȳ - x̄·w, and what is left is least squares on the centred data.
            # New arrays (X - mean), never X -= mean: X may be the caller's array.
            x_mean, y_mean = X.mean(axis=0), y.mean()
            Xc, yc = X - x_mean, y - y_mean
        else:
            Xc, yc = X, y
        # lstsq (SVD) instead of inv(XᵀX): no squared condition number, and with collinear
        # columns or n < d it returns the minimum-norm solution instead of failing.
        self.coef_ = np.linalg.lstsq(Xc, yc, rcond=None)[0]
        self.intercept_ = float(y_mean - x_mean @ self.coef_) if self.fit_intercept else 0.0

    def _fit_gd(self, X, y):
        n, d = X.shape
        w, b = np.zeros(d), 0.0
        residual = y - b - X @ w
        history = [np.mean(residual**2)]
        for _ in range(self.n_iter):
            # MSE = (1/n)||r||², r = y - Xw - b:  ∂/∂w = -(2/n) Xᵀr,  ∂/∂b = -(2/n) Σr.
            w = w + self.learning_rate * (2.0 / n) * (X.T @ residual)
            if self.fit_intercept:
                b = b + self.learning_rate * 2.0 * residual.mean()
            residual = y - b - X @ w
            loss = np.mean(residual**2)
            # On a quadratic, a step of at most 2/L (L = largest curvature) never raises the
            # loss, so a rise means divergence: stop before it overflows into NaN. The slack
            # (relative to the starting loss) only absorbs rounding near a zero loss;
            # `not <=` also catches a NaN loss.
            if not loss <= history[-1] + 1e-9 * history[0]:
                raise ValueError(
                    f"gradient descent diverges: the loss grew from {history[-1]:.3g} to "
                    f"{loss:.3g}; learning_rate={self.learning_rate} is too large for this "
                    "data (lower it, or standardize X)"
                )
            history.append(loss)
            if history[-2] - loss < self.tol:
                break
        self.coef_, self.intercept_ = w, float(b)
        self.loss_history_ = np.array(history)

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
        return X @ self.coef_ + self.intercept_

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
        ss_res = np.sum((y - self.predict(X)) ** 2)
        ss_tot = np.sum((y - y.mean()) ** 2)
        # Constant y: R² is 0/0; follow scikit-learn's convention. Test the values, not
        # ss_tot == 0: the rounded mean of [0.1, 0.1, 0.1] leaves ss_tot ~1e-34.
        if np.all(y == y[0]):
            return 1.0 if ss_res == 0.0 else 0.0
        return float(1.0 - ss_res / ss_tot)
