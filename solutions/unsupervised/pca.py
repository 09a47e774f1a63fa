"""Reference solution for unsupervised/pca.

The statement is in exercises/unsupervised/pca.py.
"""

import numbers

import numpy as np

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

        self.mean_ = X.mean(axis=0)
        # SVD of the CENTRED data: X_c = U S V^T, the rows of V^T are the principal axes.
        # This never forms X^T X, whose condition number is the square of X's, and
        # full_matrices=False keeps U at (n, min(n, d)) instead of (n, n).
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)

        # Each singular vector is defined up to sign; pin it as scikit-learn >= 1.5 does:
        # the largest-|value| entry of every row of components_ is positive.
        rows = np.arange(Vt.shape[0])
        signs = np.sign(Vt[rows, np.argmax(np.abs(Vt), axis=1)])
        Vt *= signs[:, None]

        explained_variance = S**2 / (n_samples - 1)  # the unbiased variance along each axis
        total = explained_variance.sum()  # = trace of the covariance: ALL the variance
        if total > 0:
            ratio = explained_variance / total
        else:  # constant data: there is no variance to explain
            ratio = np.zeros_like(explained_variance)

        if n_components is None:
            k = S.size
        elif not isinstance(n_components, numbers.Integral):
            # The smallest k whose cumulative ratio is STRICTLY above the threshold
            # (searchsorted 'right' skips entries equal to it), as scikit-learn.
            k = int(np.searchsorted(np.cumsum(ratio), n_components, side="right")) + 1
            k = min(k, S.size)  # rounding can leave the last cumsum a hair below 1
        else:
            k = int(n_components)

        self.n_components_ = k
        self.components_ = Vt[:k].copy()
        self.explained_variance_ = explained_variance[:k].copy()
        self.explained_variance_ratio_ = ratio[:k].copy()
        self.singular_values_ = S[:k].copy()
        return self

    def _scale(self):
        """sqrt(explained_variance_), floored at machine epsilon (as scikit-learn)."""
        return np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)

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
        scores = (X - self.mean_) @ self.components_.T  # centre with the TRAINING mean
        if self.whiten:
            scores /= self._scale()
        return scores

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
        return self.fit(X).transform(X)

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
        if self.whiten:
            X = X * self._scale()  # a new array: the caller's scores stay untouched
        return X @ self.components_ + self.mean_
