"""Reference solution for regression/bayesian_linear_regression.

The statement is in exercises/regression/bayesian_linear_regression.py.
"""

import numpy as np

from kata.validation import check_fitted_input, check_scalar, check_X_y


class BayesianLinearRegression:
    """Bayesian linear regression with a Gaussian prior and known noise precision.

    Model: ``y = X @ w + noise`` with ``noise ~ N(0, 1/beta)`` per sample and the prior
    ``w ~ N(0, I / alpha)``. There is no separate intercept: add a column of ones to ``X``
    to get one (it is then shrunk by the prior like every other weight). The posterior
    over ``w`` is Gaussian, ``N(mean_, cov_)``, with

        cov_  = (alpha * I + beta * X^T X)^(-1)
        mean_ = beta * cov_ @ X^T @ y

    Parameters
    ----------
    alpha : float, default 1.0
        Precision (inverse variance) of the prior on each weight, ``alpha > 0``.
    beta : float, default 1.0
        Precision of the observation noise, ``beta > 0``.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        Posterior mean of the weights (also the MAP estimate: ridge with
        ``lambda = alpha / beta``).
    cov_ : ndarray of shape (n_features, n_features)
        Posterior covariance of the weights; symmetric positive definite.
    n_features_in_ : int

    Examples
    --------
    >>> model = BayesianLinearRegression(alpha=1.0, beta=1.0).fit([[1.0], [2.0]], [1.0, 2.0])
    >>> model.mean_, model.cov_  # precision 1 + 1 + 4 = 6
    (array([0.83333333]), array([[0.16666667]]))
    >>> mean, std = model.predict([[3.0]], return_std=True)  # var = 1 + 9 / 6
    >>> mean, std**2
    (array([2.5]), array([2.5]))
    """

    def __init__(self, alpha=1.0, beta=1.0):
        self.alpha = alpha
        self.beta = beta

    def fit(self, X, y):
        """Compute the posterior ``N(mean_, cov_)`` of the weights given the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
            The fitted model, with ``mean_`` and ``cov_``.
        """
        check_scalar(self.alpha, "alpha", low=0, low_inclusive=False)
        check_scalar(self.beta, "beta", low=0, low_inclusive=False)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        d = X.shape[1]

        # The posterior precision alpha I + beta X^T X, formed directly: X^T X is one
        # O(n d^2) symmetric product (BLAS-3), everything after it is O(d^3). Squaring X's
        # condition number is harmless here because the prior bounds the precision's
        # eigenvalues below by alpha; Cholesky, a backward-stable factorization, then
        # solves the normal equations to machine precision (what the kata promises).
        precision = self.beta * (X.T @ X)
        precision[np.diag_indices(d)] += self.alpha
        rhs = self.beta * (X.T @ y)
        try:
            L = np.linalg.cholesky(precision)  # precision = L L^T
            # Two triangular solves, L z = rhs then L^T w = z: never inv(precision) @ rhs.
            mean = np.linalg.solve(L.T, np.linalg.solve(L, rhs))
        except np.linalg.LinAlgError:
            # alpha below the rounding error of beta X^T X (a nearly flat prior on
            # collinear columns): the precision as formed is not numerically positive
            # definite. Fall back to least squares on the stacked B = [sqrt(beta) X;
            # sqrt(alpha) I], which never forms X^T X: B^T B is the precision, so its R
            # factor is a Cholesky factor (L = R^T). QR of [B | b] with
            # b = [sqrt(beta) y; 0] gives R and Q^T b in its last column without ever
            # building Q; the mean solves R w = Q^T b.
            B = np.vstack([np.sqrt(self.beta) * X, np.sqrt(self.alpha) * np.eye(d)])
            b = np.concatenate([np.sqrt(self.beta) * y, np.zeros(d)])
            R = np.linalg.qr(np.column_stack([B, b]), mode="r")
            L = R[:d, :d].T
            mean = np.linalg.solve(R[:d, :d], R[:d, d])
        self.mean_ = mean
        # cov = (L L^T)^(-1) = L^(-T) L^(-1) = M^T M with M = L^(-1): a product M^T M is
        # symmetric positive semi-definite by construction, unlike a general inverse
        # rounded entry by entry.
        M = np.linalg.solve(L, np.eye(d))
        cov = M.T @ M
        self.cov_ = 0.5 * (cov + cov.T)  # exact symmetry, whatever the BLAS rounding
        return self

    def predict(self, X, return_std=False):
        """Predictive mean, and optionally the predictive standard deviation.

        The predictive distribution of a new target is ``N(x @ mean_, 1/beta + x^T cov_ x)``:
        the noise plus the uncertainty about the weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default False
            Also return the standard deviation of the predictive distribution.

        Returns
        -------
        mean : ndarray of shape (n_samples,)
        std : ndarray of shape (n_samples,)
            Only when ``return_std`` is True; always ``>= 1 / sqrt(beta)``.
        """
        X = check_fitted_input(self, X, attribute="mean_")
        mean = X @ self.mean_
        if not return_std:
            return mean
        # x^T cov x for every row at once, in O(n d^2) without an (n, n) matrix; clipped at
        # 0 so rounding can never hand a negative number to sqrt.
        weight_var = np.maximum(np.einsum("ij,jk,ik->i", X, self.cov_, X), 0.0)
        return mean, np.sqrt(1.0 / self.beta + weight_var)
