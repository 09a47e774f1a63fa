"""Kata metrics/classification_metrics: accuracy, confusion matrix, P/R/F1/F-beta, log-loss.

Difficulty 2 (standard), target time 30 minutes.

Write the scores a classifier is judged by, with scikit-learn's exact conventions: accuracy,
the confusion matrix, precision, recall, F1 and F-beta under four averaging modes, and the
log-loss of predicted probabilities. Labels can be anything hashable (ints, strings, -1/+1).

Math:
    For one label c taken as "positive":
    TP = #(true c, predicted c)   FP = #(true not c, predicted c)   FN = #(true c, predicted not c)
    precision = TP / (TP + FP)      recall = TP / (TP + FN)
    F1 = 2 P R / (P + R) = 2 TP / (2 TP + FP + FN)
    F_beta = (1 + b^2) P R / (b^2 P + R) = (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP)
    accuracy  = #(y_pred == y_true) / n
    confusion_matrix C[i, j] = #(true labels[i], predicted labels[j])     (rows = TRUE labels)
    log_loss  = -(1/n) * sum_i log p_i[y_i],  p clipped to [eps, 1 - eps], eps = 2.22e-16
    Averaging (precision, recall, F1 and F-beta take average=):
    'binary'   the score of pos_label alone
    'macro'    plain mean of the per-label scores, each label counting the same
    'weighted' mean of the per-label scores weighted by support (the count in y_true)
    'micro'    sum TP, FP, FN over the labels first, then divide once

Shapes: y_true and y_pred are 1-D of length n >= 1. The scores are Python floats; the
confusion matrix is an int64 (k, k) array. proba is (n,) for two classes (the probability of
the larger label, classes[1]) or (n, k) with one column per class in sorted-label order (as
predict_proba's classes_).

Conventions:
- Match scikit-learn's functions of the same names to 1e-12 (explicit zero_division).
- The label set of the scores is the sorted UNION of y_true and y_pred; 'macro' and
  'weighted' average over every label in it ('macro' plainly, 'weighted' by support, the
  count in y_true); 'micro' pools TP, FP and FN over the labels before dividing.
- 0/0 gives zero_division (0.0 by default), never NaN and never a warning: precision of a
  label nobody predicted, recall of a label absent from y_true, F when its denominator is 0.
- average='binary' scores pos_label (default 1) and allows at most two labels: more is a
  ValueError naming 'binary'; a pos_label that is not one of two labels present is a
  ValueError naming pos_label. pos_label is ignored by the other averages.
- fbeta_score(beta=...): beta is a finite real >= 0 (else ValueError); beta = 1 is F1,
  beta = 0 is precision.
- confusion_matrix(labels=None): None means the sorted union; a given list keeps its order,
  leaves out samples whose true or predicted label is not listed, gives zero rows/columns
  for listed labels that never occur; duplicates are a ValueError (the stub checks).
- log_loss(labels=None): the classes are the sorted labels of y_true, which must hold at
  least two; labels= names the classes instead (sorted, at least two, no duplicates: the
  stub checks), so a batch lacking a class, even one holding a single class, can be scored.
  A y_true value not in labels, or a proba whose column count is not the number of classes,
  is a ValueError. Rows of a 2-D proba must sum to 1 and are NOT renormalised (the stub
  refuses them). Probabilities are clipped to [eps, 1 - eps], eps = np.finfo(float).eps.
- Never modify the inputs.

Complexity: O(n log k) time with no Python loop over samples (np.unique / np.searchsorted /
np.bincount), O(n + k^2) memory.

Pitfalls:
- A transposed confusion matrix (rows must be the TRUE labels).
- range(max + 1) or the labels of y_true alone as the label set: a label that is only
  predicted has precision 0 and drags the macro average down; string labels break.
- Dividing 0/0 into NaN (or a RuntimeWarning) instead of returning zero_division.
- Macro F1 as the F1 of the macro precision and recall, instead of the mean of per-label F1.
- Weighting 'weighted' by the predicted counts instead of the true counts (support).
- F-beta with beta in the wrong place (beta^2 on FP, or beta instead of beta^2): beta > 1
  must favour recall.
- log(0) for a confident mistake: clip first; clipping only the bottom leaves log(1 - 1).
- log_loss columns taken in order of first appearance, or a batch's own classes used when
  labels= is given (a batch lacking a class then picks the wrong column).

Worked example: y_true = [0, 0, 1, 1, 2], y_pred = [0, 1, 1, 1, 0]
    confusion_matrix -> [[1, 1, 0],      accuracy = 3/5
                         [0, 2, 0],      precision per label = [1/2, 2/3, 0/0 -> 0]
                         [1, 0, 0]]      recall per label    = [1/2, 2/2, 0/1]
    precision(average='macro') = (1/2 + 2/3 + 0) / 3 = 0.3889
    recall(average='weighted') = (2 * 1/2 + 2 * 1 + 1 * 0) / 5 = 0.6 = micro = accuracy
    fbeta_score([1, 1, 1, 0], [1, 0, 0, 0], beta=2) = 5 * 1 / (5 * 1 + 4 * 2 + 0) = 5/13
    log_loss([0, 1], [0.2, 0.9]) = -(log 0.8 + log 0.9) / 2 = 0.1643
    log_loss([2, 2], [[.1, .1, .8], [.2, .2, .6]], labels=[0, 1, 2]) = -(log .8 + log .6) / 2

Run `pytest --kata metrics/classification_metrics` to check your work; hints are in
hints/metrics/classification_metrics.md.
"""

import numbers

import numpy as np

from kata.validation import (
    check_array,
    check_consistent_length,
    check_labels,
    check_option,
    check_scalar,
)

_AVERAGES = ("binary", "macro", "micro", "weighted")
#: How far a row of ``proba`` may sum from 1 (scikit-learn's tolerance, sqrt of float64 eps).
_ROW_SUM_TOL = np.sqrt(np.finfo(np.float64).eps)


def accuracy_score(y_true, y_pred):
    """Fraction of samples whose predicted label equals the true label.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (ints, strings, ...).
    y_pred : array-like of shape (n_samples,)
        Predicted labels.

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> accuracy_score(["a", "b", "b", "c"], ["a", "b", "c", "c"])
    0.75
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    raise NotImplementedError("accuracy_score")


def confusion_matrix(y_true, y_pred, labels=None):
    """Counts ``C[i, j]`` of samples with true label ``labels[i]`` predicted as ``labels[j]``.

    Rows are the true labels, columns the predicted ones (scikit-learn's layout).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_labels,), default None
        The labels that index the rows and columns, in this order. None means the sorted
        union of the labels in ``y_true`` and ``y_pred``. Samples whose true or predicted
        label is not listed are left out; a listed label that never occurs gives a row and
        a column of zeros.

    Returns
    -------
    ndarray of int64, shape (n_labels, n_labels)

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 1])
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 1, 0]])
    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 1], labels=[1, 0])
    array([[1, 0],
           [1, 1]])
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    if labels is not None:
        labels = check_labels(labels, name="labels")
        if np.unique(labels).size != labels.size:
            raise ValueError(f"labels contains duplicates: {labels.tolist()}")
    raise NotImplementedError("confusion_matrix")


def precision_score(y_true, y_pred, average="binary", pos_label=1, zero_division=0.0):
    """Precision ``TP / (TP + FP)``: of the samples predicted positive, the fraction that are.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    average : {'binary', 'macro', 'micro', 'weighted'}, default 'binary'
        'binary' scores ``pos_label`` only (at most two labels allowed). The others score
        every label in the union of ``y_true`` and ``y_pred``: 'macro' takes the plain mean
        of the per-label scores, 'weighted' the mean weighted by each label's support (its
        count in ``y_true``), 'micro' pools TP and FP over the labels before dividing.
    pos_label : label, default 1
        The positive class for ``average='binary'``; ignored otherwise.
    zero_division : float in [0, 1], default 0.0
        The score of a label whose denominator is 0 (nothing predicted as it), without a
        warning or a NaN.

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> precision_score([1, 1, 0, 0], [1, 0, 1, 0])
    0.5
    >>> precision_score(["a", "b", "b"], ["a", "a", "b"], average="macro")
    0.75
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    check_option(average, "average", _AVERAGES)
    check_scalar(zero_division, "zero_division", kind=numbers.Real, low=0.0, high=1.0)
    raise NotImplementedError("precision_score")


def recall_score(y_true, y_pred, average="binary", pos_label=1, zero_division=0.0):
    """Recall ``TP / (TP + FN)``: of the truly positive samples, the fraction predicted so.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    average : {'binary', 'macro', 'micro', 'weighted'}, default 'binary'
        As in ``precision_score``; 'micro' pools TP and FN.
    pos_label : label, default 1
        The positive class for ``average='binary'``; ignored otherwise.
    zero_division : float in [0, 1], default 0.0
        The score of a label whose denominator is 0 (absent from ``y_true``).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> recall_score([1, 1, 0, 0], [1, 0, 1, 0])
    0.5
    >>> recall_score(["a", "b", "b"], ["a", "a", "b"], average="macro")
    0.75
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    check_option(average, "average", _AVERAGES)
    check_scalar(zero_division, "zero_division", kind=numbers.Real, low=0.0, high=1.0)
    raise NotImplementedError("recall_score")


def f1_score(y_true, y_pred, average="binary", pos_label=1, zero_division=0.0):
    """F1, the harmonic mean of precision and recall: ``2 TP / (2 TP + FP + FN)``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    average : {'binary', 'macro', 'micro', 'weighted'}, default 'binary'
        As in ``precision_score``: 'macro' and 'weighted' average the per-label F1 scores
        (not the F1 of the averaged precision and recall).
    pos_label : label, default 1
        The positive class for ``average='binary'``; ignored otherwise.
    zero_division : float in [0, 1], default 0.0
        The score of a label with ``TP + FP + FN = 0`` (absent from both arrays).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> f1_score([1, 1, 1, 0], [1, 0, 0, 0])
    0.5
    >>> f1_score(["a", "b", "b"], ["a", "a", "b"], average="macro")
    0.6666666666666666
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    check_option(average, "average", _AVERAGES)
    check_scalar(zero_division, "zero_division", kind=numbers.Real, low=0.0, high=1.0)
    raise NotImplementedError("f1_score")


def fbeta_score(y_true, y_pred, beta, average="binary", pos_label=1, zero_division=0.0):
    """F-beta, the weighted harmonic mean of precision and recall.

    ``F_beta = (1 + beta^2) P R / (beta^2 P + R) = (1 + beta^2) TP / ((1 + beta^2) TP +
    beta^2 FN + FP)``: recall counts ``beta`` times as much as precision. ``beta = 1`` is
    F1, ``beta = 0`` is precision, and a large ``beta`` tends to recall.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    beta : float >= 0
        The weight of recall relative to precision (finite).
    average : {'binary', 'macro', 'micro', 'weighted'}, default 'binary'
        As in ``f1_score``: 'macro' and 'weighted' average the per-label F-beta scores.
    pos_label : label, default 1
        The positive class for ``average='binary'``; ignored otherwise.
    zero_division : float in [0, 1], default 0.0
        The score of a label whose denominator ``(1 + beta^2) TP + beta^2 FN + FP`` is 0.

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> fbeta_score([1, 1, 1, 0], [1, 0, 0, 0], beta=2.0)  # P = 1, R = 1/3: 5/13
    0.38461538461538464
    >>> fbeta_score([1, 1, 1, 0], [1, 0, 0, 0], beta=0.5)  # 1.25 / 1.5833
    0.7142857142857143
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    check_option(average, "average", _AVERAGES)
    check_scalar(zero_division, "zero_division", kind=numbers.Real, low=0.0, high=1.0)
    check_scalar(beta, "beta", kind=numbers.Real, low=0.0)
    raise NotImplementedError("fbeta_score")


def log_loss(y_true, proba, labels=None):
    """Mean negative log-likelihood of the true labels, ``-mean(log p_i[y_i])``.

    Probabilities are clipped to ``[eps, 1 - eps]`` with ``eps = np.finfo(np.float64).eps``
    (as scikit-learn >= 1.5), so a confident mistake costs ``-log(eps) = 36.04``, not inf.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels. Without ``labels`` they must hold at least two distinct classes.
    proba : array-like of shape (n_samples,) or (n_samples, n_classes)
        Predicted probabilities. 1-D: the probability of the larger of two classes
        (``classes[1]``). 2-D: one column per class, in sorted order; each row must sum to 1
        (it is not renormalised).
    labels : array-like of shape (n_classes,), default None
        The classes that the columns of ``proba`` stand for, in sorted order (as
        ``predict_proba``'s ``classes_``; an unsorted list is a ValueError). Lets a batch
        that lacks some class (even one holding a single class) be scored. None means the
        sorted distinct labels of ``y_true``.

    Returns
    -------
    float
        Non-negative; natural log.

    Examples
    --------
    >>> log_loss([0, 1], [0.5, 0.5])  # log 2
    0.6931471805599453
    >>> log_loss(["cat", "dog"], [[0.8, 0.2], [0.5, 0.5]])  # -(log 0.8 + log 0.5) / 2
    0.4581453659370775
    >>> log_loss([2, 2], [[0.1, 0.1, 0.8], [0.2, 0.2, 0.6]], labels=[0, 1, 2])
    0.3669845875401002
    """
    y_true = check_labels(y_true, name="y_true")
    proba = check_array(proba, name="proba", ndim=(1, 2))
    check_consistent_length(y_true=y_true, proba=proba)
    if proba.min() < 0.0 or proba.max() > 1.0:
        raise ValueError(
            f"proba must hold probabilities in [0, 1], got values in "
            f"[{proba.min()}, {proba.max()}]"
        )
    if proba.ndim == 2 and np.any(np.abs(proba.sum(axis=1) - 1.0) > _ROW_SUM_TOL):
        raise ValueError("each row of proba must sum to 1 (rows are not renormalised)")
    if labels is not None:
        labels = check_labels(labels, name="labels")
        if np.unique(labels).size != labels.size:
            raise ValueError(f"labels contains duplicates: {labels.tolist()}")
        if not np.array_equal(np.sort(labels), labels):
            raise ValueError(
                f"labels must be sorted, got {labels.tolist()}: the columns of proba follow "
                "the sorted classes (as predict_proba's classes_)"
            )
        if labels.size < 2:
            raise ValueError(f"labels must hold at least two classes, got {labels.tolist()}")
    raise NotImplementedError("log_loss")
