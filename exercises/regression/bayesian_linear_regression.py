"""Kata regression/bayesian_linear_regression: Bayesian linear regression.

Difficulty 3 (hard), target time 45 minutes.

Put a Gaussian prior on the weights of a linear model, condition on the data, and predict
with error bars. With a Gaussian prior and Gaussian noise the posterior is Gaussian too,
in closed form.

Math:
    prior       w ~ N(0, I / alpha)                    (alpha: prior PRECISION)
    likelihood  y_i ~ N(x_i @ w, 1 / beta)             (beta: noise precision)
    posterior   w | X, y ~ N(mean_, cov_)
                cov_  = (alpha * I + beta * X^T X)^(-1)
                mean_ = beta * cov_ @ X^T y
    predictive  y_new ~ N(x @ mean_, 1/beta + x^T cov_ x)
    The posterior mean is ridge regression with lambda = alpha / beta (a good self-check).

Shapes: X (n_samples, n_features), y (n_samples,); mean_ (n_features,), cov_ (n_features,
n_features); predict gives arrays of shape (n_samples,).

Conventions:
- Defaults: alpha=1.0, beta=1.0, both > 0 (else ValueError at the start of fit). Both
  are precisions: the prior is w ~ N(0, I / alpha), the noise variance is 1 / beta.
- There is no separate intercept: a column of ones in X gives one (shrunk by the prior
  like every weight).
- predict(X) returns the predictive mean; predict(X, return_std=True) returns (mean, std)
  where std is the predictive standard deviation, noise included (never below
  1 / sqrt(beta); exactly that at x = 0).
- Every fit conditions the PRIOR on the data it is given: a refit does not start from an
  earlier posterior.
- mean_ satisfies (alpha I + beta X^T X) mean_ = beta X^T y to machine precision, also on
  an ill-conditioned X; cov_ is exactly symmetric and positive semi-definite. fit never
  raises LinAlgError, even for collinear columns with alpha far below the rounding error
  of beta X^T X (then X @ mean_ is the least-squares fit).
- predict before fit raises NotFittedError (the stub's validation does it); X and y are
  never modified.

Complexity: O(n d^2 + d^3) for fit: one product X^T X, then factorizations of the d x d
precision (a QR of the stacked (n + d) x d matrix is the same order but several times
slower); O(n d^2) for predict with std, never an (n, n) matrix.

Pitfalls:
- alpha taken as a variance: the prior covariance is I / alpha, not alpha I.
- Forgetting the noise term 1/beta in the predictive variance (the std then shrinks to 0
  near the data), or beta as a variance.
- inv(...) @ vector for mean_: not accurate enough on an ill-conditioned X; use a solver
  or a factorization (np.linalg.solve, Cholesky, QR).
- An inverse rounded entry by entry is not quite symmetric: build cov_ from a
  factorization, or symmetrize it. With precision = L L^T, the inverse is L^-T L^-1, not
  L^-1 L^-T.
- A Cholesky with no way out: with a tiny alpha and collinear columns the precision as
  rounded is not positive definite and np.linalg.cholesky raises.
- The diagonal of X @ cov_ @ X.T for the predictive variance: an (n, n) matrix.
- Using the previous posterior as the prior of a refit (sequential updating), or
  modifying X or y in place.

Worked example (alpha = 1, beta = 1):
    X = [[1], [2]], y = [1, 2]:   precision 1 + (1 + 4) = 6
    cov_ = [[1/6]], mean_ = [1 * (1*1 + 2*2) / 6] = [5/6]
    at x = 3: predictive mean 2.5, variance 1 + 9/6 = 2.5, std = 1.5811

Run `pytest --kata regression/bayesian_linear_regression` to check your work; hints are in
hints/regression/bayesian_linear_regression.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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
        raise NotImplementedError("BayesianLinearRegression.fit")

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
        raise NotImplementedError("BayesianLinearRegression.predict")
