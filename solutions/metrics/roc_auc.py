"""Reference solution for metrics/roc_auc.

The statement is in exercises/metrics/roc_auc.py.
"""

import numpy as np

from kata.validation import check_array, check_consistent_length, check_labels


def _positives(y_true, pos_label):
    """Boolean mask of the positive samples, after checking there are exactly two classes."""
    classes = np.unique(y_true)
    if classes.size != 2:
        raise ValueError(
            f"y_true must hold exactly two classes (positives and negatives), got "
            f"{classes.size}: {classes.tolist()}"
        )
    if pos_label is None:
        pos_label = classes[1]  # the larger label, as predict_proba's column 1
    elif pos_label not in classes.tolist():
        raise ValueError(f"pos_label={pos_label!r} is not one of the labels {classes.tolist()}")
    return y_true == pos_label


def _counts_at_thresholds(y_true, y_score, pos_label):
    """FP and TP counts when predicting positive for ``score >= t``, for each distinct t.

    Thresholds run from the highest score down, so both counts are non-decreasing.
    """
    positive = _positives(y_true, pos_label)
    order = np.argsort(y_score, kind="stable")[::-1]  # highest score first
    score, positive = y_score[order], positive[order]
    # Tied scores cannot be separated by any threshold: they form ONE point of the curve.
    # Keeping the last index of each run of equal scores makes a threshold count every
    # sample scored >= it, whatever order the sort left the ties in.
    last = np.r_[np.flatnonzero(np.diff(score)), score.size - 1]
    tps = np.cumsum(positive)[last]
    fps = (last + 1) - tps  # samples at or above the threshold that are not positives
    return fps, tps, score[last]


def roc_curve(y_true, y_score, pos_label=None, drop_intermediate=True):
    """Receiver operating characteristic: (FPR, TPR) for every distinct score threshold.

    Sample ``i`` is predicted positive when ``y_score[i] >= threshold``. Thresholds are the
    distinct scores in decreasing order, preceded by ``inf`` (nothing predicted positive), so
    the curve starts at (0, 0) and ends at (1, 1). Tied scores give one point.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: exactly two classes (ints, strings, -1/+1, ...).
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more positive (probabilities or decision values).
    pos_label : label or None, default None
        The positive class; None means the larger of the two labels (1 for 0/1 or -1/+1).
    drop_intermediate : bool, default True
        Drop the points whose FP and TP counts both have a zero second difference (the
        middle of an evenly spaced straight run), as scikit-learn does: the curve and its
        area do not change.

    Returns
    -------
    fpr : ndarray of float64, shape (n_points,)
        False positive rate FP / (number of negatives), non-decreasing from 0 to 1.
    tpr : ndarray of float64, shape (n_points,)
        True positive rate (recall) TP / (number of positives), non-decreasing from 0 to 1.
    thresholds : ndarray of float64, shape (n_points,)
        Decreasing; ``thresholds[0]`` is ``inf``.

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fpr, tpr
    (array([0. , 0. , 0.5, 0.5, 1. ]), array([0. , 0.5, 0.5, 1. , 1. ]))
    >>> thresholds
    array([ inf, 0.8 , 0.4 , 0.35, 0.1 ])
    """
    y_true = check_labels(y_true, name="y_true")
    y_score = check_array(y_score, name="y_score", ndim=1)
    check_consistent_length(y_true=y_true, y_score=y_score)
    fps, tps, thresholds = _counts_at_thresholds(y_true, y_score, pos_label)
    if drop_intermediate and fps.size > 2:
        # Zero second differences in both counts: the point lies on the straight segment
        # between its neighbours, so dropping it changes neither the curve nor its area.
        corner = (np.diff(fps, 2) != 0) | (np.diff(tps, 2) != 0)
        keep = np.r_[True, corner, True]
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    # Prepend the threshold +inf, above every score: nothing predicted positive, (0, 0).
    fpr = np.r_[0.0, fps] / fps[-1]
    tpr = np.r_[0.0, tps] / tps[-1]
    return fpr, tpr, np.r_[np.inf, thresholds]


def roc_auc_score(y_true, y_score, pos_label=None):
    """Area under the ROC curve, ties between a positive and a negative counting one half.

    It equals the probability that a random positive scores higher than a random negative
    (the Mann-Whitney U statistic divided by n_positives * n_negatives).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: exactly two classes.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more positive.
    pos_label : label or None, default None
        The positive class; None means the larger of the two labels.

    Returns
    -------
    float
        In [0, 1]; 0.5 for uninformative scores, 1 for a perfect ranking.

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> roc_auc_score([0, 1], [0.5, 0.5])  # a tie counts one half
    0.5
    """
    y_true = check_labels(y_true, name="y_true")
    y_score = check_array(y_score, name="y_score", ndim=1)
    check_consistent_length(y_true=y_true, y_score=y_score)
    fpr, tpr, _ = roc_curve(y_true, y_score, pos_label=pos_label)
    # The trapezoid rule is exact here: between two thresholds the curve is a straight line,
    # diagonal across a block of tied positives and negatives, whose area is the "tie = 1/2".
    return float(np.trapezoid(tpr, fpr))


def precision_recall_curve(y_true, y_score, pos_label=None):
    """Precision and recall for every distinct score threshold, in scikit-learn's layout.

    Thresholds are the distinct scores in INCREASING order; ``precision[i]`` and
    ``recall[i]`` are those of predicting positive for ``y_score >= thresholds[i]``. One
    last point, precision 1 and recall 0 (no threshold), closes the curve.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: exactly two classes.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more positive.
    pos_label : label or None, default None
        The positive class; None means the larger of the two labels.

    Returns
    -------
    precision : ndarray of float64, shape (n_thresholds + 1,)
        TP / (TP + FP); the last entry is 1.
    recall : ndarray of float64, shape (n_thresholds + 1,)
        TP / (number of positives), non-increasing; the first entry is 1, the last 0.
    thresholds : ndarray of float64, shape (n_thresholds,)
        The distinct scores, increasing.

    Examples
    --------
    >>> precision, recall, thresholds = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> precision
    array([0.5       , 0.66666667, 0.5       , 1.        , 1.        ])
    >>> recall
    array([1. , 1. , 0.5, 0.5, 0. ])
    >>> thresholds
    array([0.1 , 0.35, 0.4 , 0.8 ])
    """
    y_true = check_labels(y_true, name="y_true")
    y_score = check_array(y_score, name="y_score", ndim=1)
    check_consistent_length(y_true=y_true, y_score=y_score)
    fps, tps, thresholds = _counts_at_thresholds(y_true, y_score, pos_label)
    # TP + FP >= 1 at every distinct score (the samples at that score are predicted
    # positive), so precision is never 0/0; tps[-1] > 0 because both classes are present.
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    # Reverse to increasing thresholds, then close with the (recall 0, precision 1) point.
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def average_precision_score(y_true, y_score, pos_label=None):
    """Average precision ``AP = sum_n (R_n - R_{n-1}) P_n`` over decreasing thresholds.

    Each gain in recall is weighted by the precision at the threshold where it happens
    (a step function, no interpolation), as scikit-learn.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: exactly two classes.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more positive.
    pos_label : label or None, default None
        The positive class; None means the larger of the two labels.

    Returns
    -------
    float
        In (0, 1]; the fraction of positives for uninformative scores, 1 for a perfect
        ranking.

    Examples
    --------
    >>> average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])  # 1/2 * 1 + 1/2 * 2/3
    0.8333333333333333
    """
    y_true = check_labels(y_true, name="y_true")
    y_score = check_array(y_score, name="y_score", ndim=1)
    check_consistent_length(y_true=y_true, y_score=y_score)
    precision, recall, _ = precision_recall_curve(y_true, y_score, pos_label=pos_label)
    # Recall decreases along the arrays, so -diff(recall) is the recall gained at each
    # threshold, paid at that threshold's precision.
    return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))
