"""Kata unsupervised/gmm: Gaussian mixture model fitted by EM.

Difficulty 3 (hard), target time 45 minutes.

Write `GaussianMixture`: model the data as drawn from k Gaussians with full covariances,
p(x) = sum_k w_k N(x | mu_k, Sigma_k), and fit the weights, means and covariances by
expectation-maximization (EM). Then `predict_proba` gives each sample's soft assignment,
`predict` its most probable component and `score_samples` the log-density log p(x).
From the same initial parameters your fit must equal scikit-learn's `GaussianMixture`.

Math:
    Gaussian     log N(x | mu, S) = -1/2 (d log(2 pi) + log det S + (x-mu)^T S^-1 (x-mu))
    E-step       log r_ik = log w_k + log N(x_i | mu_k, S_k) - log p(x_i)
                 log p(x_i) = logsumexp_k (log w_k + log N(x_i | mu_k, S_k))
    M-step       N_k  = sum_i r_ik  (+ 10 eps, see Conventions)
                 w_k  = N_k / sum_j N_j
                 mu_k = sum_i r_ik x_i / N_k
                 S_k  = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg_covar I
                 (the NEW mu_k inside S_k; divide by N_k, not by n or N_k - 1)
    Each EM iteration cannot lower the log-likelihood L = (1/n) sum_i log p(x_i): the
    E-step makes a lower bound of L tight at the current parameters and the M-step
    maximizes that bound in closed form.
    With the Cholesky factor S = L L^T: log det S = 2 sum log diag(L) and the
    Mahalanobis term is ||L^-1 (x - mu)||^2 (solve with L, or invert the small
    triangular L once and apply it to all samples in one product; never inv(S)).

Shapes: X (n_samples, n_features); weights_ (k,); means_ (k, d); covariances_ (k, d, d);
predict_proba (n, k); predict (n,) ints; score_samples (n,); lower_bounds_ (n_iter_,).

Conventions:
- Initialization (this kata's choice): centers = means_init if given, else k distinct
  samples drawn with `rng.choice(n, k, replace=False)` from check_random_state(
  random_state); each sample is hard-assigned (r_ik = 1) to its nearest center (squared
  Euclidean, ties to the lowest index); one M-step on those r gives the initial weights,
  means and covariances. The same int random_state gives the same fit.
- One iteration = an E-step on the current parameters, whose mean log-likelihood L_t is
  recorded in lower_bounds_, then an M-step. Stop after the first iteration with
  |L_t - L_(t-1)| < tol (L_0 = -inf): converged_ = True; otherwise after max_iter
  iterations with converged_ = False. n_iter_ counts the iterations (as scikit-learn).
- lower_bound_ = L of the last iteration: the mean log-likelihood PER SAMPLE of the
  parameters before the last M-step (as scikit-learn), not the sum over samples.
- N_k gets + 10 * machine epsilon (np.finfo(float).eps) before dividing, as scikit-learn,
  so an empty component gives no 0/0.
- A covariance that is not positive definite is a ValueError telling to raise reg_covar.
- `fit(X, y=None)` accepts and ignores y and returns self. predict, predict_proba and
  score_samples before fit raise NotFittedError; a feature count that differs from fit
  is a ValueError. Invalid n_components (1 <= k <= n), max_iter (>= 1), tol (>= 0),
  reg_covar (>= 0) or means_init shape: ValueError. Inputs are never modified.

Complexity: per iteration O(n k d^2 + k d^3) time and O(n k + k d^2) memory: loop over the
k components (k is small), vectorize over samples. No Python loop over samples.

Pitfalls:
- Responsibilities from exp of log-densities underflow to 0 for a sample far from every
  component (0/0 = NaN): normalize in log space with log-sum-exp.
- det(S) underflows (or overflows) in high dimension: use the Cholesky diagonal (or
  slogdet), never log(det(S)).
- Without reg_covar a component that collapses onto one point or onto duplicates has a
  singular covariance and an infinite likelihood.
- The M-step covariance uses the new means and weights each term by r_ik.
- lower_bound_ is a mean per sample, and score_samples includes the log weights.

Worked example (1-D, k = 1): X = [0, 1, 2, 3]
    mean 1.5; covariance (2.25 + 0.25 + 0.25 + 2.25) / 4 + 1e-6 = 1.250001 (divide by n)
    iteration 1: L_1 = mean log N(x | 1.5, 1.250001) = -1.5305, change inf
    iteration 2: the M-step gave the same parameters, change 0 < tol: converged, n_iter_ 2

Run `pytest --kata unsupervised/gmm` to check your work; hints are in hints/unsupervised/gmm.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_fitted_input, check_random_state, check_scalar


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
        raise NotImplementedError("GaussianMixture.fit")

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
        raise NotImplementedError("GaussianMixture.score_samples")

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
        raise NotImplementedError("GaussianMixture.predict_proba")

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
        raise NotImplementedError("GaussianMixture.predict")
