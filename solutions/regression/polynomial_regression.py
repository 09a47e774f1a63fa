"""Reference solution for regression/polynomial_regression.

The statement is in exercises/regression/polynomial_regression.py.
"""

import numbers
from math import comb

import numpy as np

from kata.validation import check_fitted_input, check_scalar, check_X_y


class PolynomialRegression:
    """Least squares (ridge when ``alpha > 0``) on the polynomial features of X.

    The features are every monomial of the input columns of total degree 1 to ``degree``,
    in scikit-learn's ``PolynomialFeatures(degree, include_bias=False)`` order (for two
    columns and degree 2: x0, x1, x0², x0·x1, x1²). The model is then
    ``y ≈ features @ coef_ + intercept_``, fitted by minimising
    ``||y - features @ coef_ - intercept_||² + alpha * ||coef_||²``: the intercept is not
    penalized, as in scikit-learn's ``Ridge``; with ``alpha = 0`` (least squares), the
    minimum-norm ``coef_`` when the features are collinear.

    Parameters
    ----------
    degree : int, default 2
        Highest total degree of the monomials (>= 1).
    alpha : float, default 0.0
        Strength of the L2 penalty on ``coef_`` (>= 0).

    Attributes
    ----------
    coef_ : ndarray of shape (n_output_features,)
        One weight per monomial, in the order above: ``degree`` weights for one input
        column (x, x², ..., x^degree), ``C(d + degree, degree) - 1`` for ``d`` columns.
    intercept_ : float
    n_features_in_ : int

    Examples
    --------
    >>> x = np.array([[-1.0], [0.0], [1.0], [2.0]])
    >>> model = PolynomialRegression(degree=2).fit(x, 1 - 2 * x[:, 0] + 3 * x[:, 0] ** 2)
    >>> model.coef_.round(10), round(model.intercept_, 10)
    (array([-2.,  3.]), 1.0)
    """

    def __init__(self, degree=2, alpha=0.0):
        self.degree = degree
        self.alpha = alpha

    def fit(self, X, y):
        """Fit ``coef_`` and ``intercept_`` on the polynomial features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            For a single variable ``x`` pass ``x.reshape(-1, 1)``.
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : PolynomialRegression
            The fitted estimator.

        Examples
        --------
        >>> model = PolynomialRegression(degree=3).fit([[0], [1], [2], [3]], [0, 3, 14, 39])
        >>> model.coef_.round(10)  # y = x + x² + x³
        array([1., 1., 1.])
        """
        check_scalar(self.degree, "degree", kind=numbers.Integral, low=1)
        check_scalar(self.alpha, "alpha", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        Z = self._features(X)
        # The intercept is not penalized: for any coef the best intercept is
        # mean(y) - mean(Z)·coef, so solve the centred problem and recover it afterwards.
        z_mean, y_mean = Z.mean(axis=0), y.mean()
        Z -= z_mean  # Z is this fit's own array: centre it in place, no second (n, m) copy
        yc = y - y_mean
        if self.alpha > 0:
            # Ridge as least squares on Z stacked over sqrt(alpha) I (targets 0): its
            # squared residual is ||yc - Zc w||² + alpha ||w||², the same minimiser.
            m = Z.shape[1]
            Z = np.vstack([Z, np.sqrt(self.alpha) * np.eye(m)])
            yc = np.concatenate([yc, np.zeros(m)])
        # lstsq (an SVD-based LAPACK solver) works on Zc itself and never forms ZcᵀZc,
        # whose condition number (the square of Zc's) explodes with the degree. It drops
        # singular values below max(shape)·eps·s_max, so collinear features get the
        # minimum-norm answer. A hand-written thin SVD would also build the (n, m) factor U
        # (about twice the time); Cholesky of ZcᵀZc is ~3x faster still but loses every
        # digit at degree 10.
        self.coef_ = np.linalg.lstsq(Z, yc, rcond=None)[0]
        self.intercept_ = float(y_mean - z_mean @ self.coef_)
        return self

    def _features(self, X):
        # Degree by degree, in scikit-learn's order: the degree-k monomials whose smallest
        # input index is j are x_j times the degree-(k-1) monomials whose smallest index is
        # >= j, and those form one contiguous tail of the previous block. So each block is
        # d slice products (one multiplication per output entry), not a product over the
        # inputs of every column. first[j] is where that tail starts, relative to the block.
        n, d = X.shape
        Z = np.empty((n, comb(d + self.degree, d) - 1))
        Z[:, :d] = X
        lo, hi, first = 0, d, np.arange(d)  # the previous block is Z[:, lo:hi]
        for _ in range(2, self.degree + 1):
            col, new_first = hi, np.empty(d, dtype=np.intp)
            for j in range(d):
                new_first[j] = col - hi
                tail = Z[:, lo + first[j] : hi]
                np.multiply(tail, X[:, j : j + 1], out=Z[:, col : col + tail.shape[1]])
                col += tail.shape[1]
            lo, hi, first = hi, col, new_first
        return Z

    def predict(self, X):
        """Predict ``features(X) @ coef_ + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)

        Examples
        --------
        >>> model = PolynomialRegression(degree=2).fit([[0.0], [1.0], [2.0]], [0.0, 1.0, 4.0])
        >>> model.predict([[3.0], [-1.0]]).round(10)
        array([9., 1.])
        """
        X = check_fitted_input(self, X, attribute="coef_")
        return self._features(X) @ self.coef_ + self.intercept_
