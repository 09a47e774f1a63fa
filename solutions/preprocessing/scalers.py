"""Reference solution for preprocessing/scalers.

The statement is in exercises/preprocessing/scalers.py.
"""

import numpy as np

from kata.validation import check_array, check_fitted_input, check_scalar

_EPS = np.finfo(np.float64).eps


class StandardScaler:
    """Standardize features: subtract the mean, divide by the (population) standard deviation.

    Parameters
    ----------
    with_mean : bool, default True
        Subtract the per-feature mean in ``transform``.
    with_std : bool, default True
        Divide by the per-feature standard deviation in ``transform``.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,) or None
        Per-feature mean of the training data; None when both ``with_mean`` and
        ``with_std`` are False (as scikit-learn).
    scale_ : ndarray of shape (n_features,) or None
        Per-feature population standard deviation (ddof=0), with 1.0 for constant
        features; None when ``with_std`` is False (as scikit-learn).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Examples
    --------
    >>> scaler = StandardScaler().fit([[1.0, 5.0], [3.0, 5.0]])
    >>> scaler.mean_, scaler.scale_
    (array([2., 5.]), array([1., 1.]))
    >>> scaler.transform([[1.0, 5.0], [5.0, 6.0]])
    array([[-1.,  0.],
           [ 3.,  1.]])
    """

    def __init__(self, with_mean=True, with_std=True):
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Learn the per-feature mean and standard deviation of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted so the scaler fits in the same places as a model.

        Returns
        -------
        self : StandardScaler
        """
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        if not (self.with_mean or self.with_std):
            self.mean_, self.scale_ = None, None
            return self
        n_samples = X.shape[0]
        self.mean_ = X.mean(axis=0)
        if self.with_std:
            # Population variance (ddof=0): the scaler describes this data, it does not
            # estimate a population parameter, and scikit-learn uses ddof=0 too.
            var = X.var(axis=0)
            # A constant column rarely has var exactly 0 (mean of ten 1/3's is not 1/3), so
            # call it constant when var is within the two-pass algorithm's rounding error
            # bound (Chan, Golub & LeVeque; the rule scikit-learn uses). Its scale becomes 1,
            # so the centred column stays 0 instead of exploding to +-1 or NaN.
            constant = var <= n_samples * _EPS * var + (n_samples * _EPS * self.mean_) ** 2
            self.scale_ = np.where(constant, 1.0, np.sqrt(var))
        else:
            self.scale_ = None
        return self

    def transform(self, X):
        """Standardize ``X`` with the statistics learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
            ``(X - mean_) / scale_`` (each step only if enabled); a new array.
        """
        X = check_fitted_input(self, X, attribute="n_features_in_")
        # Out-of-place arithmetic: X may be the caller's own float64 array.
        Xt = X - self.mean_ if self.with_mean else X.copy()
        if self.with_std:
            Xt /= self.scale_  # in place on our own copy only
        return Xt

    def fit_transform(self, X, y=None):
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, X):
        """Undo ``transform``: ``X * scale_ + mean_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Standardized data.

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
            The data in the original units; a new array.
        """
        X = check_fitted_input(self, X, attribute="n_features_in_")
        Xt = X * self.scale_ if self.with_std else X.copy()
        if self.with_mean:
            Xt += self.mean_
        return Xt


class MinMaxScaler:
    """Scale each feature linearly so that its training range maps onto ``feature_range``.

    Parameters
    ----------
    feature_range : tuple (min, max), default (0, 1)
        The target range; ``min < max``, checked in ``fit``.

    Attributes
    ----------
    data_min_ : ndarray of shape (n_features,)
        Per-feature minimum of the training data.
    data_max_ : ndarray of shape (n_features,)
        Per-feature maximum of the training data.
    data_range_ : ndarray of shape (n_features,)
        ``data_max_ - data_min_``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Examples
    --------
    >>> scaler = MinMaxScaler(feature_range=(-1, 1)).fit([[0.0, 7.0], [4.0, 7.0]])
    >>> scaler.transform([[1.0, 7.0], [8.0, 7.0]])
    array([[-0.5, -1. ],
           [ 3. , -1. ]])
    """

    def __init__(self, feature_range=(0, 1)):
        self.feature_range = feature_range

    def fit(self, X, y=None):
        """Learn the per-feature minimum and maximum of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted so the scaler fits in the same places as a model.

        Returns
        -------
        self : MinMaxScaler

        Raises
        ------
        ValueError
            If ``feature_range`` is not a pair of finite numbers ``(min, max)`` with
            ``min < max``.
        """
        try:
            low, high = self.feature_range
        except (TypeError, ValueError):
            raise ValueError(
                f"feature_range must be a pair (min, max), got {self.feature_range!r}"
            ) from None
        check_scalar(low, "feature_range[0]")
        check_scalar(high, "feature_range[1]")
        if not low < high:
            raise ValueError(f"feature_range must have min < max, got {self.feature_range!r}")
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        self.data_range_ = self.data_max_ - self.data_min_
        return self

    def _safe_range(self):
        # A constant feature has range 0; dividing by 1 instead maps it to the lower end of
        # feature_range (scikit-learn's choice, and its threshold for "zero").
        return np.where(self.data_range_ < 10 * _EPS, 1.0, self.data_range_)

    def transform(self, X):
        """Map ``X`` linearly with the minimum and maximum learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
            ``min + (X - data_min_) / data_range_ * (max - min)``; values outside the
            training range land outside ``feature_range`` (no clipping).
        """
        X = check_fitted_input(self, X, attribute="data_min_")
        low, high = self.feature_range
        return (X - self.data_min_) / self._safe_range() * (high - low) + low

    def fit_transform(self, X, y=None):
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, X):
        """Undo ``transform``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Scaled data.

        Returns
        -------
        ndarray of float64, shape (n_samples, n_features)
            The data in the original units; a new array.
        """
        X = check_fitted_input(self, X, attribute="data_min_")
        low, high = self.feature_range
        return (X - low) / (high - low) * self._safe_range() + self.data_min_
