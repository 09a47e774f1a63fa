"""Kata unsupervised/pca: Principal component analysis via SVD.

Difficulty 2 (standard), target time 30 minutes.

Write `PCA`: learn the directions along which centred data vary most (the principal
axes), project data onto the first few (`transform`), and map scores back
(`inverse_transform`), optionally whitening the scores to unit variance. Your results must
equal scikit-learn's `PCA(svd_solver='full')` to 1e-8, signs included.

Math:
    centre          X_c = X - mean_                     mean_ = column means of X
    thin SVD        X_c = U S V^T                       S sorted decreasing, V^T (r, d)
    axes            components_ = the first k rows of V^T (orthonormal)
    variance        explained_variance_[j] = S_j^2 / (n - 1)
                    = the sample variance (ddof=1) of the scores X_c v_j
    ratio           explained_variance_ratio_[j] = S_j^2 / sum over ALL r values of S^2
                    (the denominator is the total variance, trace of the covariance)
    scores          transform(X) = (X - mean_) @ components_.T            (n, k)
    whitening       scores[:, j] / sqrt(explained_variance_[j])  (unit variance)
    reconstruction  inverse_transform(Z) = Z @ components_ + mean_
                    (multiply Z by sqrt(explained_variance_) first if whitened)
    The right singular vectors of X_c are the eigenvectors of the covariance
    X_c^T X_c / (n - 1), with eigenvalues S^2 / (n - 1); the SVD gets them without
    squaring the condition number.

Shapes: X (n_samples, n_features) with n_samples >= 2; r = min(n_samples, n_features);
components_ (k, n_features); explained_variance_, explained_variance_ratio_ and
singular_values_ (k,); mean_ (n_features,); transform gives (n, k); inverse_transform
takes (m, k) and gives (m, n_features).

Conventions:
- n_components=None keeps k = r; an int must lie in [1, r]; a float in (0, 1) keeps the
  smallest k whose cumulative explained_variance_ratio_ is STRICTLY greater than it (as
  scikit-learn), so 0.5 on data whose first axis explains exactly half keeps 2.
  k never exceeds r, even when rounding leaves the last cumulative ratio a hair
  below the float (e.g. 1 - 1e-16).
  `n_components_` holds the k chosen. Anything else is a ValueError naming n_components.
- Sign of each axis (scikit-learn >= 1.5): the entry of largest absolute value in every
  row of components_ is positive.
- `whiten=True` divides the scores by sqrt(explained_variance_) (floored at machine
  epsilon, as scikit-learn); inverse_transform undoes it.
- `fit(X, y=None)` accepts and ignores y and returns self; `fit_transform(X)` equals
  `fit(X).transform(X)`.
- transform centres new data with the TRAINING mean_; a feature count that differs from
  fit is a ValueError; transform and inverse_transform before fit raise NotFittedError.
- Results are float64; X is never modified.
- Constant X (total variance 0): explained_variance_ratio_ is all 0, never 0/0
  (scikit-learn gives NaN there).

Complexity: O(n d r) time for the thin SVD, O(n r + d r) memory. Call
np.linalg.svd(X_c, full_matrices=False): the default builds U of shape (n, n).

Pitfalls:
- Forgetting to centre: the SVD (or eig of X^T X) of raw data finds the direction of the
  mean, not of the spread.
- explained_variance_ divides by n - 1, not n.
- explained_variance_ratio_ is over the TOTAL variance: with k < r kept axes the ratios
  sum to less than 1.
- Signs are arbitrary out of the SVD: flip them to the convention above.
- Whitening divides by sqrt(explained_variance_), not by the singular values.
- A float n_components with >= instead of > keeps one axis too few at an exact tie.
- Forming the covariance as X^T X / n - mean mean^T cancels catastrophically for data
  far from the origin: centre first.

Worked example (the spread along (0.6, 0.8) is three times that along (0.8, -0.6)):
    X = [[11.8, 22.4], [8.2, 17.6], [9.2, 20.6], [10.8, 19.4]]
    mean_ = [10, 20];  X_c = [[1.8, 2.4], [-1.8, -2.4], [-0.8, 0.6], [0.8, -0.6]]
    S = [sqrt(18), sqrt(2)];  components_ = [[0.6, 0.8], [0.8, -0.6]]  (signs fixed)
    explained_variance_ = [18/3, 2/3] = [6, 0.667];  explained_variance_ratio_ = [0.9, 0.1]
    transform(X) = [[3, 0], [-3, 0], [0, -1], [0, 1]]
    whitened: columns divided by sqrt(6) and sqrt(2/3)

Run `pytest --kata unsupervised/pca` to check your work; hints are in hints/unsupervised/pca.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_fitted_input, check_is_fitted


class PCA:
    """Principal component analysis by the SVD of the centred data.

    Parameters
    ----------
    n_components : int, float or None, default None
        How many components to keep: an int in ``[1, min(n_samples, n_features)]``; a
        float in (0, 1), the fraction of variance to keep (the smallest k whose
        cumulative explained-variance ratio is strictly greater than it); None keeps
        ``min(n_samples, n_features)``.
    whiten : bool, default False
        If True, ``transform`` divides each projected coordinate by the square root of
        its explained variance, so the training scores have unit variance.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        Orthonormal principal axes, by decreasing explained variance; the entry of
        largest absolute value in each row is positive.
    explained_variance_ : ndarray of shape (n_components_,)
        The variance (ddof=1) of the data along each axis: ``singular_values_**2 / (n - 1)``.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Each axis's share of the TOTAL variance (over all ``min(n, d)`` axes).
    singular_values_ : ndarray of shape (n_components_,)
        The singular values of the centred data for the kept axes.
    mean_ : ndarray of shape (n_features,)
        The per-feature mean of the training data.
    n_components_ : int
        The number of components kept.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[11.8, 22.4], [8.2, 17.6], [9.2, 20.6], [10.8, 19.4]]
    >>> pca = PCA().fit(X)
    >>> pca.components_.round(12), pca.explained_variance_ratio_.round(12)
    (array([[ 0.6,  0.8],
           [ 0.8, -0.6]]), array([0.9, 0.1]))
    """

    def __init__(self, n_components=None, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X, y=None):
        """Learn the mean and the principal axes of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            At least two samples (the variance divides by n - 1).
        y : ignored
            Accepted for compatibility with supervised estimators.

        Returns
        -------
        self : PCA
            The fitted estimator.
        """
        X = check_array(X)
        n_samples, n_features = X.shape
        if n_samples < 2:
            raise ValueError(
                f"PCA needs at least 2 samples, got {n_samples}: the variance divides by n - 1"
            )
        n_components = self.n_components
        if n_components is not None:
            if isinstance(n_components, bool) or not isinstance(n_components, numbers.Real):
                raise ValueError(
                    f"n_components must be None, an int or a float in (0, 1), got {n_components!r}"
                )
            if isinstance(n_components, numbers.Integral):
                limit = min(n_samples, n_features)
                if not 1 <= n_components <= limit:
                    raise ValueError(
                        f"n_components={n_components} must lie in [1, min(n_samples, "
                        f"n_features)] = [1, {limit}]"
                    )
            elif not 0.0 < n_components < 1.0:
                raise ValueError(
                    f"n_components={n_components!r}: a float is the fraction "
                    "of variance to keep, strictly between 0 and 1"
                )
        if self.whiten not in (True, False):
            raise ValueError(f"whiten must be True or False, got {self.whiten!r}")
        self.n_features_in_ = n_features
        raise NotImplementedError("PCA.fit")

    def transform(self, X):
        """Project ``X`` onto the principal axes (whitened if ``whiten``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_components_)
            ``(X - mean_) @ components_.T``, divided column-wise by
            ``sqrt(explained_variance_)`` when ``whiten`` is True.
        """
        X = check_fitted_input(self, X, attribute="components_")
        raise NotImplementedError("PCA.transform")

    def fit_transform(self, X, y=None):
        """Fit on ``X`` and return ``transform(X)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        ndarray of shape (n_samples, n_components_)
        """
        raise NotImplementedError("PCA.fit_transform")

    def inverse_transform(self, X):
        """Map scores back to the original feature space.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_components_)
            Scores as returned by ``transform``.

        Returns
        -------
        ndarray of shape (n_samples, n_features)
            ``X @ components_ + mean_`` (whitening undone first when ``whiten`` is
            True): exact for data in the span of the kept axes, the orthogonal
            projection onto it otherwise.
        """
        check_is_fitted(self, "components_")
        X = check_array(X)
        if X.shape[1] != self.n_components_:
            raise ValueError(
                f"X has {X.shape[1]} columns, but this PCA keeps {self.n_components_} "
                "components: inverse_transform takes scores from transform"
            )
        raise NotImplementedError("PCA.inverse_transform")
