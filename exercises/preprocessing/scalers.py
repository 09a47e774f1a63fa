"""Kata preprocessing/scalers: standard and min-max scaling.

Difficulty 1 (warm-up), target time 15 minutes.

Write the two feature scalers that come before almost every model (k-NN, SVMs, gradient
descent, PCA), with scikit-learn's interface: `fit` learns per-feature statistics on the
training data, `transform` applies them to any data, `inverse_transform` undoes it, and
`fit_transform` is fit then transform on the same data.

Math:
    StandardScaler:   mean_j  = (1/n) sum_i X_ij
                      scale_j = sqrt((1/n) sum_i (X_ij - mean_j)^2)    population std, ddof=0
                      transform(X)_ij = (X_ij - mean_j) / scale_j
                      inverse_transform(Z)_ij = Z_ij * scale_j + mean_j

    MinMaxScaler:     data_min_j, data_max_j = min and max of column j
                      data_range_j = data_max_j - data_min_j
                      transform(X)_ij = lo + (X_ij - data_min_j) / data_range_j * (hi - lo)
                                        with (lo, hi) = feature_range

Shapes: X is (n_samples, n_features); the learned attributes are (n_features,); every
method returns a new float64 array of X's shape.

Conventions (scikit-learn does the same, and the tests compare with it to 1e-12):
- Population standard deviation (ddof=0), not the sample one (ddof=1).
- A constant feature never gives NaN or inf, in transform, fit_transform and
  inverse_transform alike. StandardScaler sets its scale_ to 1, so it transforms to 0; a
  variance within rounding error of 0 counts as constant (ten copies of 1/3 have a
  computed variance of about 1e-33), by scikit-learn's rule
  var <= n*eps*var + (n*eps*mean)^2 with eps the float64 machine epsilon, while a real but
  tiny spread (values around 1e-10) still scales. All-zero columns are constant too.
- MinMaxScaler maps a constant feature to the lower end of feature_range: a data_range_
  below 10*eps counts as zero and is replaced by 1 in the division only; data_range_
  itself stays data_max_ - data_min_ (0 for a constant column), as scikit-learn.
- transform uses the statistics learned in fit: never recompute them on the data being
  transformed. Data outside the training range lands outside feature_range (no clipping).
- with_mean=False skips the centring, with_std=False the division. scale_ is None when
  with_std is False, and mean_ is None when both are False (mean_ is still learned with
  with_mean=False alone).
- MinMaxScaler.fit raises ValueError (mentioning feature_range) unless feature_range is a
  pair of finite numbers (min, max) with min < max.
- transform and inverse_transform before fit raise NotFittedError, and X with another
  number of features than in fit a ValueError (the stub's check_fitted_input calls do it;
  keep them first). Never modify X in place (`X -= mean` changes the caller's array).

Complexity: O(n_samples * n_features) time, no Python loop over samples or features.

Pitfalls:
- X.std(ddof=1) (or np.var with ddof=1): scale_ too large by sqrt(n / (n - 1)).
- np.where(std == 0, 1, std): a constant column of 1/3's has std 1e-17, not 0, and its
  rounding noise is blown up to +-1; an absolute threshold (std < 1e-8) flattens a genuine
  tiny spread instead.
- A fit_transform written on its own as (X - X.mean(0)) / X.std(0): NaN on constant
  columns that fit + transform handles.
- Recomputing the mean / min / max in transform (leaks test data, breaks single rows).
- Storing the safe range (1 for a constant column) as data_range_, or mapping a constant
  column to the middle or upper end of feature_range.
- X -= mean_ on the caller's array.

Worked example:
    X = [[1, 5], [3, 5]]   ->  mean_ = [2, 5], scale_ = [1, 1]   (column 2 is constant)
    StandardScaler().fit(X).transform([[5, 6]])        -> [[3, 1]]
    MinMaxScaler((-1, 1)).fit([[0], [4]]).transform([[1], [8]])   -> [[-0.5], [3]]
    MinMaxScaler().fit([[2, 7], [4, 7]]).data_range_   -> [2, 0]

Run `pytest --kata preprocessing/scalers` to check your work; hints are in
hints/preprocessing/scalers.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_fitted_input, check_scalar  # noqa: F401


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
        raise NotImplementedError("StandardScaler.fit")

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
        raise NotImplementedError("StandardScaler.transform")

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
        raise NotImplementedError("StandardScaler.fit_transform")

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
        raise NotImplementedError("StandardScaler.inverse_transform")


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
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("MinMaxScaler.fit")

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
        raise NotImplementedError("MinMaxScaler.transform")

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
        raise NotImplementedError("MinMaxScaler.fit_transform")

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
        raise NotImplementedError("MinMaxScaler.inverse_transform")
