"""Kata metrics/roc_auc: ROC curve, AUC and average precision.

Difficulty 2 (standard), target time 30 minutes.

A binary classifier outputs a score per sample; a threshold t turns it into a prediction
(positive when score >= t). Write the threshold-free scores, with scikit-learn's exact
conventions: the ROC curve and the area under it, the precision-recall curve and average
precision.

Math:
    With P positives and N negatives, for each threshold t:
    TP(t) = #(positives with score >= t)      FP(t) = #(negatives with score >= t)
    TPR = recall = TP / P       FPR = FP / N       precision = TP / (TP + FP)
    roc_curve:                (FPR, TPR) at every DISTINCT score, from the highest down,
                              after a first point (0, 0) at threshold +inf
    roc_auc_score:            trapezoid area under that curve
                              = P(score of a random positive > score of a random negative),
                                a tie counting 1/2
    precision_recall_curve:   (precision, recall) at every distinct score, thresholds
                              INCREASING, plus a last point precision 1, recall 0
    average_precision_score:  AP = sum_n (R_n - R_{n-1}) * P_n over thresholds from the
                              highest down (R_0 = 0), no interpolation
    Samples with equal scores are on the same side of every threshold, so they give ONE
    point of the curve; a run of tied positives and negatives is a diagonal segment, which
    is why the trapezoid area counts a tie as one half.

Shapes: y_true and y_score are 1-D of length n. Curves are float64 arrays; roc_curve returns
three arrays of the same length, precision_recall_curve two of length m + 1 and the m
thresholds (m distinct scores); the AUC and AP are Python floats.

Conventions:
- Match scikit-learn (roc_curve, roc_auc_score, precision_recall_curve,
  average_precision_score) to 1e-12, ties included.
- y_true holds exactly two classes of any type; pos_label names the positive one (None: the
  larger label, which is 1 for 0/1 and for -1/+1). A single class, three classes or a
  pos_label that is not a label is a ValueError.
- Scores tie only when they are exactly equal: two scores one float64 step apart are two
  thresholds. Any real scores work (negative, or as large as 1e300).
- Layouts: roc_curve's thresholds are +inf, then the distinct scores decreasing (the curve
  starts at (0, 0)); precision_recall_curve's thresholds are the distinct scores
  INCREASING, and precision and recall end with the extra point (1, 0). AUC is the
  trapezoid area; AP is the step sum, without interpolation.
- roc_curve(drop_intermediate=True) by default drops every point whose FP and TP counts both
  have a zero second difference (the middle of an evenly spaced straight run); this changes
  neither the curve nor the area. Its thresholds start with +inf and strictly decrease.
- Bad input (lengths that differ, NaN, not 1-D, empty) is a ValueError: the stub checks it.
- Never modify the inputs.

Complexity: O(n log n) time (one sort), O(n) memory. Comparing every positive with every
negative is O(P N): too slow for n = 10^5.

Pitfalls:
- Assuming 0/1 labels: cumsum(y_true) on -1/+1 labels counts nonsense.
- One curve point per sample instead of per distinct score: ties are then broken by the
  sort order and the AUC of a tie is 0 or 1 instead of 1/2.
- Grouping "ties" with a tolerance (np.isclose, rounding): distinct scores are merged.
- Sorting the scores in increasing order for the ROC curve (the curve is walked backwards).
- Forgetting the first point (0, 0) at +inf, or the last PR point (precision 1, recall 0).
- Average precision by the trapezoid rule or with interpolated precision: it is a step sum.

Worked example: y_true = [0, 0, 1, 1], y_score = [0.1, 0.4, 0.35, 0.8]
    roc_curve -> fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1],
                 thresholds [inf, 0.8, 0.4, 0.35, 0.1]
    AUC = 0.75 (3 of the 4 positive-negative pairs are ordered correctly)
    precision_recall_curve -> precision [1/2, 2/3, 1/2, 1, 1], recall [1, 1, 1/2, 1/2, 0],
                              thresholds [0.1, 0.35, 0.4, 0.8]
    AP = (1/2 - 0) * 1 + (1 - 1/2) * 2/3 = 0.8333

Run `pytest --kata metrics/roc_auc` to check your work; hints are in hints/metrics/roc_auc.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_consistent_length, check_labels


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
    raise NotImplementedError("roc_curve")


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
    raise NotImplementedError("roc_auc_score")


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
    raise NotImplementedError("precision_recall_curve")


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
    raise NotImplementedError("average_precision_score")
