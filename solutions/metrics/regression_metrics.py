"""Reference solution for metrics/regression_metrics.

The statement is in exercises/metrics/regression_metrics.py.
"""

import numpy as np

from kata.validation import check_targets


def mean_squared_error(y_true, y_pred):
    """Mean of the squared errors, ``mean((y_true - y_pred) ** 2)``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Ground-truth targets.
    y_pred : array-like of shape (n_samples,)
        Predictions.

    Returns
    -------
    float
        Non-negative; 0 for a perfect prediction.

    Examples
    --------
    >>> mean_squared_error([3.0, 0.0], [1.0, 1.0])
    2.5
    """
    y_true, y_pred = check_targets(y_true, y_pred)
    return float(np.mean((y_true - y_pred) ** 2))


def root_mean_squared_error(y_true, y_pred):
    """Square root of the mean squared error, in the units of the target.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Ground-truth targets.
    y_pred : array-like of shape (n_samples,)
        Predictions.

    Returns
    -------
    float
        Non-negative.

    Examples
    --------
    >>> root_mean_squared_error([3.0, 0.0], [0.0, 4.0])
    3.5355339059327378
    """
    y_true, y_pred = check_targets(y_true, y_pred)
    # The root of the mean, not the mean of the roots (which would be the MAE).
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


def mean_absolute_error(y_true, y_pred):
    """Mean of the absolute errors, ``mean(|y_true - y_pred|)``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Ground-truth targets.
    y_pred : array-like of shape (n_samples,)
        Predictions.

    Returns
    -------
    float
        Non-negative.

    Examples
    --------
    >>> mean_absolute_error([3.0, 0.0], [1.0, 1.0])
    1.5
    """
    y_true, y_pred = check_targets(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def r2_score(y_true, y_pred):
    """Coefficient of determination, ``1 - SS_res / SS_tot``.

    ``SS_res = sum((y_true - y_pred) ** 2)`` and ``SS_tot = sum((y_true - mean(y_true)) ** 2)``.
    When ``y_true`` is constant (``SS_tot = 0``) the score is 1.0 for a perfect prediction and
    0.0 otherwise, as scikit-learn does.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Ground-truth targets (the argument order matters: R² is not symmetric).
    y_pred : array-like of shape (n_samples,)
        Predictions.

    Returns
    -------
    float
        At most 1; 0 for always predicting the mean of ``y_true``; negative for worse.

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 2.0])
    0.5
    """
    y_true, y_pred = check_targets(y_true, y_pred)
    ss_res = np.sum((y_true - y_pred) ** 2)
    # Deviations from the mean of the TRUE targets: the baseline that always predicts it.
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    # Constant targets make R² undefined (0/0 or x/0): return 1.0 for a perfect prediction,
    # else 0.0 (scikit-learn's convention). Test constancy on the values themselves: the
    # rounded mean of [0.1, 0.1, 0.1] is not exactly 0.1, so ss_tot is ~1e-34, not 0.
    if np.all(y_true == y_true[0]):
        return 1.0 if ss_res == 0.0 else 0.0
    return float(1.0 - ss_res / ss_tot)
