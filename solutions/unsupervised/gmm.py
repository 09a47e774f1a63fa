"""Reference solution for unsupervised/gmm.

The statement is in exercises/unsupervised/gmm.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_fitted_input, check_random_state, check_scalar


def _log_gaussian(X, means, covariances):
    """log N(x_i | mu_k, Sigma_k) for every sample and component: shape (n, k)."""
    n, d = X.shape
    out = np.empty((n, means.shape[0]))
    for k, (mu, cov) in enumerate(zip(means, covariances, strict=True)):
        try:
            L = np.linalg.cholesky(cov)  # Sigma = L L^T
        except np.linalg.LinAlgError:
            raise ValueError(
                f"the covariance of component {k} is not positive definite (a component "
                "collapsed onto too few points): increase reg_covar"
            ) from None
        # Mahalanobis distance via the triangular factor: ||L^-1 (x - mu)||^2, never the
        # explicit inverse of Sigma. Inverting the small (d, d) factor once and applying it
        # to all samples in one matrix product (as scikit-learn's precisions_cholesky_) is
        # several times faster than a solve with n right-hand sides.
        # log det Sigma = 2 sum log diag(L): no determinant, which under- or overflows in
        # high dimension.
        z = (X - mu) @ np.linalg.inv(L).T
        maha = np.einsum("ij,ij->i", z, z)  # row-wise squared norms, no (n, d) temporary
        log_det = 2.0 * np.sum(np.log(np.diag(L)))
        out[:, k] = -0.5 * (d * np.log(2.0 * np.pi) + log_det + maha)
    return out


def _m_step(X, resp, reg_covar):
    """Weights, means and covariances that maximize the expected log-likelihood."""
    # The tiny 10 eps (as scikit-learn) keeps an empty component from dividing 0 by 0.
    nk = resp.sum(axis=0) + 10.0 * np.finfo(np.float64).eps
    weights = nk / nk.sum()
    means = (resp.T @ X) / nk[:, None]
    d = X.shape[1]
    covariances = np.empty((means.shape[0], d, d))
    for k in range(means.shape[0]):
        diff = X - means[k]  # deviations from the NEW mean
        covariances[k] = (resp[:, k] * diff.T) @ diff / nk[k]
        # reg_covar on the diagonal keeps a component that collapses onto one point (or
        # onto duplicates) positive definite instead of singular.
        covariances[k].flat[:: d + 1] += reg_covar
    return weights, means, covariances


def _e_step(X, weights, means, covariances):
    """Per-sample log-likelihood (n,) and log-responsibilities (n, k)."""
    log_joint = np.log(weights) + _log_gaussian(X, means, covariances)
    # log-sum-exp: shift by the row maximum so that exp never underflows to 0 for every
    # component (a sample far from all of them would give 0 / 0).
    top = log_joint.max(axis=1, keepdims=True)
    log_norm = top[:, 0] + np.log(np.sum(np.exp(log_joint - top), axis=1))
    return log_norm, log_joint - log_norm[:, None]


class GaussianMixture:
    """Gaussian mixture with full covariances, fitted by expectation-maximization.

    Parameters
    ----------
    n_components : int, default 1
        The number of Gaussian components, ``1 <= n_components <= n_samples``.
    max_iter : int, default 100
        The maximum number of EM iterations (E-step + M-step), at least 1.
    tol : float, default 1e-3
        EM stops after the first iteration whose mean log-likelihood changed by less
        than ``tol`` from the previous iteration's.
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance (non-negative), so none is singular.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the initial centers (when ``means_init`` is None).
    means_init : array-like of shape (n_components, n_features) or None, default None
        Initial centers; None draws ``n_components`` distinct samples from
        ``random_state``.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
        The mixing proportions (they sum to 1).
    means_ : ndarray of shape (n_components, n_features)
    covariances_ : ndarray of shape (n_components, n_features, n_features)
    converged_ : bool
        Whether the tol rule stopped EM (False when it ran ``max_iter`` iterations).
    n_iter_ : int
        The number of EM iterations run.
    lower_bound_ : float
        The mean log-likelihood per sample computed by the last E-step (that is, of the
        parameters before the last M-step), as scikit-learn.
    lower_bounds_ : ndarray of shape (n_iter_,)
        The mean log-likelihood computed by each E-step, in order; never decreasing.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[0.0], [0.5], [1.0], [10.0], [10.5], [11.0]]
    >>> gm = GaussianMixture(n_components=2, means_init=[[0.0], [10.0]]).fit(X)
    >>> gm.weights_.round(6), gm.means_.ravel().round(6), gm.predict([[2.0], [9.0]])
    (array([0.5, 0.5]), array([ 0.5, 10.5]), array([0, 1]))
    """

    def __init__(
        self,
        n_components=1,
        max_iter=100,
        tol=1e-3,
        reg_covar=1e-6,
        random_state=None,
        means_init=None,
    ):
        self.n_components = n_components
        self.max_iter = max_iter
        self.tol = tol
        self.reg_covar = reg_covar
        self.random_state = random_state
        self.means_init = means_init

    def fit(self, X, y=None):
        """Fit the mixture to ``X`` by EM.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted for compatibility with supervised estimators.

        Returns
        -------
        self : GaussianMixture
            The fitted estimator.
        """
        X = check_array(X)
        n_samples, n_features = X.shape
        check_scalar(self.n_components, "n_components", kind=numbers.Integral, low=1)
        if self.n_components > n_samples:
            raise ValueError(
                f"n_components={self.n_components} is larger than n_samples={n_samples}"
            )
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0.0)
        check_scalar(self.reg_covar, "reg_covar", low=0.0)
        if self.means_init is not None:
            means_init = check_array(self.means_init, name="means_init")
            if means_init.shape != (self.n_components, n_features):
                raise ValueError(
                    f"means_init has shape {means_init.shape}, expected (n_components, "
                    f"n_features) = ({self.n_components}, {n_features})"
                )
        rng = check_random_state(self.random_state)
        self.n_features_in_ = n_features

        # Initialization: centers (given, or distinct samples drawn from rng), each sample
        # hard-assigned to its nearest center, then one M-step on those 0/1 weights.
        if self.means_init is not None:
            centers = means_init
        else:
            centers = X[rng.choice(n_samples, self.n_components, replace=False)]
        d2 = np.stack([np.sum((X - c) ** 2, axis=1) for c in centers], axis=1)  # (n, k)
        resp = np.zeros((n_samples, self.n_components))
        resp[np.arange(n_samples), np.argmin(d2, axis=1)] = 1.0
        weights, means, covariances = _m_step(X, resp, self.reg_covar)

        lower_bound = -np.inf
        history = []
        converged = False
        for n_iter in range(1, self.max_iter + 1):  # noqa: B007  (the count is kept)
            previous = lower_bound
            log_norm, log_resp = _e_step(X, weights, means, covariances)
            weights, means, covariances = _m_step(X, np.exp(log_resp), self.reg_covar)
            # EM never lowers the log-likelihood, so this sequence only goes up; it is
            # the likelihood of the parameters BEFORE this M-step (as scikit-learn).
            lower_bound = float(log_norm.mean())
            history.append(lower_bound)
            if abs(lower_bound - previous) < self.tol:
                converged = True
                break

        self.weights_, self.means_, self.covariances_ = weights, means, covariances
        self.converged_ = converged
        self.n_iter_ = n_iter
        self.lower_bound_ = lower_bound
        self.lower_bounds_ = np.array(history)
        return self

    def score_samples(self, X):
        """Log-density of the mixture at each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            ``log sum_k weights_[k] N(x | means_[k], covariances_[k])``.
        """
        X = check_fitted_input(self, X, attribute="means_")
        return _e_step(X, self.weights_, self.means_, self.covariances_)[0]

    def predict_proba(self, X):
        """Posterior probability of each component for each sample (responsibilities).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_components)
            Rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="means_")
        return np.exp(_e_step(X, self.weights_, self.means_, self.covariances_)[1])

    def predict(self, X):
        """The most probable component of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), int
            ``argmax`` of ``predict_proba`` (ties to the lowest index).
        """
        X = check_fitted_input(self, X, attribute="means_")
        return np.argmax(_e_step(X, self.weights_, self.means_, self.covariances_)[1], axis=1)
