"""Kata metrics/regression_metrics: MSE, RMSE, MAE and R².

Difficulty 1 (warm-up), target time 15 minutes.

Write the four scores every regression model is judged by, with scikit-learn's conventions:
the mean squared error, its root, the mean absolute error and the coefficient of
determination R².

Math:
    For targets y and predictions p of length n, residuals r = y - p and ybar = mean(y):
    MSE  = (1/n) * sum(r_i^2)
    RMSE = sqrt(MSE)                              (root of the mean, in the target's units)
    MAE  = (1/n) * sum(|r_i|)
    R2   = 1 - SS_res / SS_tot,   SS_res = sum(r_i^2),   SS_tot = sum((y_i - ybar)^2)

Shapes: y_true and y_pred are 1-D of the same length n >= 1; each function returns a
Python float.

Conventions:
- Match scikit-learn's functions of the same names to 1e-12.
- The arguments are (y_true, y_pred): R²'s baseline is the mean of y_true.
- R² can be negative (a model worse than predicting the mean); it is never clipped.
- Constant y_true (every value equal to the first) makes SS_tot = 0: R² is 1.0 for a
  perfect prediction and 0.0 otherwise (scikit-learn's convention), never NaN, a warning or
  a huge number. Any y_true that is not constant, however small its spread or however large
  its offset, gets the plain formula.
- Bad input (lengths that differ, NaN, not 1-D, empty) is a ValueError: the stub checks it.
- Never modify the inputs.

Complexity: O(n) time, O(n) memory, no Python loops.

Pitfalls:
- RMSE as mean(sqrt(r^2)) (that is the MAE): take the root after the mean.
- MAE without the absolute value (positive and negative errors cancel).
- R² with the mean of y_pred as the baseline (arguments swapped), or clipped at 0.
- SS_tot as sum(y^2) - n * ybar^2: catastrophic cancellation for targets with a large offset.
- Detecting constant targets with SS_tot == 0: for y_true = [0.1, 0.1, 0.1] the computed mean
  is not exactly 0.1, so SS_tot is ~1e-34 and R² becomes a huge negative number.
- Detecting them with a tolerance (np.isclose(SS_tot, 0), SS_tot < 1e-12, a relative eps):
  targets measured in tiny units, or with a large offset, are then wrongly called constant.

Worked example: y_true = [1, 2, 3], y_pred = [1, 2, 2]
    MSE = 1/3, RMSE = 0.5774, MAE = 1/3, R2 = 1 - 1/2 = 0.5
    r2_score([2, 2, 2], [2, 2, 3]) = 0.0 (constant y_true, imperfect prediction)

Run `pytest --kata metrics/regression_metrics` to check your work; hints are in
hints/metrics/regression_metrics.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("mean_squared_error")


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
    raise NotImplementedError("root_mean_squared_error")


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
    raise NotImplementedError("mean_absolute_error")


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
    raise NotImplementedError("r2_score")
