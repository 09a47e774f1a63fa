"""Reference solution for regression/ridge.

The statement is in exercises/regression/ridge.py.
"""

import numpy as np

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
        if self.fit_intercept:
            # Leaving b out of the penalty: for any w the best b is ȳ - x̄·w, so solve the
            # centred problem for w and recover b afterwards. (A ones column inside αI
            # would shrink b towards 0.)
            x_mean, y_mean = X.mean(axis=0), y.mean()
            Xc, yc = X - x_mean, y - y_mean
        else:
            Xc, yc = X, y
        if self.alpha > 0:
            # Setting the gradient -2Xcᵀ(yc - Xc w) + 2αw to 0: (XcᵀXc + αI) w = Xcᵀyc.
            # The matrix is symmetric positive definite for α > 0: always solvable, and
            # better conditioned than XcᵀXc alone.
            A = Xc.T @ Xc
            A[np.diag_indices_from(A)] += self.alpha
            self.coef_ = np.linalg.solve(A, Xc.T @ yc)
        else:
            # α = 0: XcᵀXc may be singular (collinear columns, n < d); lstsq gives the
            # minimum-norm solution there, as scikit-learn does.
            self.coef_ = np.linalg.lstsq(Xc, yc, rcond=None)[0]
        self.intercept_ = float(y_mean - x_mean @ self.coef_) if self.fit_intercept else 0.0
        return self

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
        return X @ self.coef_ + self.intercept_
