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

        # The posterior precision alpha I + beta X^T X equals B^T B for the stacked matrix
        # B = [sqrt(beta) X; sqrt(alpha) I], and the posterior mean is the least-squares
        # solution of B w ~ [sqrt(beta) y; 0] (ridge as an augmented least-squares problem).
        # QR of B gives both without ever forming X^T X, whose condition number is the
        # square of X's: B = Q R, so B^T B = R^T R and the mean solves R w = Q^T b.
        B = np.vstack([np.sqrt(self.beta) * X, np.sqrt(self.alpha) * np.eye(d)])
        b = np.concatenate([np.sqrt(self.beta) * y, np.zeros(d)])
        Q, R = np.linalg.qr(B)
        self.mean_ = np.linalg.solve(R, Q.T @ b)
        # cov = (R^T R)^(-1) = R^(-1) R^(-T): a product M M^T is symmetric positive
        # semi-definite by construction, unlike a general inverse rounded entry by entry.
        # R is nonsingular because the sqrt(alpha) I rows give B full column rank.
        R_inv = np.linalg.solve(R, np.eye(d))
        cov = R_inv @ R_inv.T
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
