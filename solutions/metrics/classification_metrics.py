"""Reference solution for metrics/classification_metrics.

The statement is in exercises/metrics/classification_metrics.py.
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
    return float(np.mean(y_true == y_pred))


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
    if labels is None:
        labels = np.union1d(y_true, y_pred)
    else:
        labels = check_labels(labels, name="labels")
        if np.unique(labels).size != labels.size:
            raise ValueError(f"labels contains duplicates: {labels.tolist()}")
    k = labels.size
    true_idx, true_known = _positions(labels, y_true)
    pred_idx, pred_known = _positions(labels, y_pred)
    keep = true_known & pred_known
    # One bincount over the flattened cell index i * k + j counts every (true, pred) pair in
    # O(n + k^2), with no Python loop over samples or labels.
    counts = np.bincount(true_idx[keep] * k + pred_idx[keep], minlength=k * k)
    return counts.reshape(k, k).astype(np.int64, copy=False)


def _positions(labels, y):
    """Index of each ``y`` in ``labels`` (any order) and whether it is in ``labels`` at all."""
    # Binary search needs sorted keys: search a sorted copy, then map back through the sort
    # permutation so that the caller's order of `labels` is kept.
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    pos = np.minimum(np.searchsorted(sorted_labels, y), labels.size - 1)
    return order[pos], sorted_labels[pos] == y


def _check_scores_args(y_true, y_pred, average, zero_division):
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    check_option(average, "average", _AVERAGES)
    check_scalar(zero_division, "zero_division", kind=numbers.Real, low=0.0, high=1.0)
    return y_true, y_pred


def _counts(y_true, y_pred, average, pos_label):
    """Per-label TP, predicted count (TP + FP) and true count (TP + FN = support)."""
    # scikit-learn's label set: the union of both arrays. A label in neither cannot have a
    # score, and one that only appears in y_pred still has false positives.
    labels = np.union1d(y_true, y_pred)
    if average == "binary":
        if labels.size > 2:
            raise ValueError(
                f"average='binary' needs at most 2 labels, but y_true and y_pred hold "
                f"{labels.size}: {labels.tolist()}; use average='macro', 'micro' or 'weighted'"
            )
        if labels.size == 2 and pos_label not in labels.tolist():
            raise ValueError(
                f"pos_label={pos_label!r} is not one of the labels {labels.tolist()}: "
                "pass the positive class explicitly"
            )
        is_true, is_pred = y_true == pos_label, y_pred == pos_label
        tp = np.array([np.sum(is_true & is_pred)])
        return tp, np.array([np.sum(is_pred)]), np.array([np.sum(is_true)])
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    tp, pred_count, true_count = np.diag(cm), cm.sum(axis=0), cm.sum(axis=1)
    if average == "micro":
        # Pool the counts before dividing: every sample is one TP or one (FP, FN) pair, so
        # micro precision = micro recall = micro F1 = accuracy for single-label data.
        return tp.sum(keepdims=True), pred_count.sum(keepdims=True), true_count.sum(keepdims=True)
    return tp, pred_count, true_count


def _divide(numerator, denominator, zero_division):
    """Elementwise ratio, with ``zero_division`` where the denominator is 0 (no warning)."""
    out = np.full(numerator.shape, float(zero_division))
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _average(scores, true_count, average):
    if average == "weighted":
        # Weighted by support (true count); the supports sum to n_samples > 0.
        return float(np.average(scores, weights=true_count))
    return float(np.mean(scores))  # macro: unweighted; binary and micro: a single score


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
    y_true, y_pred = _check_scores_args(y_true, y_pred, average, zero_division)
    tp, pred_count, true_count = _counts(y_true, y_pred, average, pos_label)
    return _average(_divide(tp, pred_count, zero_division), true_count, average)


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
    y_true, y_pred = _check_scores_args(y_true, y_pred, average, zero_division)
    tp, _, true_count = _counts(y_true, y_pred, average, pos_label)
    return _average(_divide(tp, true_count, zero_division), true_count, average)


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
    y_true, y_pred = _check_scores_args(y_true, y_pred, average, zero_division)
    tp, pred_count, true_count = _counts(y_true, y_pred, average, pos_label)
    # 2PR / (P + R) simplifies to 2TP / (2TP + FP + FN) = 2TP / (pred_count + true_count):
    # no 0/0 from a precision or recall that is itself undefined.
    return _average(_divide(2 * tp, pred_count + true_count, zero_division), true_count, average)


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
    y_true, y_pred = _check_scores_args(y_true, y_pred, average, zero_division)
    check_scalar(beta, "beta", kind=numbers.Real, low=0.0)
    tp, pred_count, true_count = _counts(y_true, y_pred, average, pos_label)
    b2 = float(beta) ** 2
    # (1 + b2) TP + b2 FN + FP = b2 (TP + FN) + (TP + FP) = b2 * true_count + pred_count:
    # counts only, so an undefined precision or recall never enters.
    numerator, denominator = (1.0 + b2) * tp, b2 * true_count + pred_count
    return _average(_divide(numerator, denominator, zero_division), true_count, average)


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
    if labels is None:
        # Columns follow the sorted distinct labels (predict_proba's classes_ order); the
        # inverse indices say which column holds each sample's true class.
        classes, y_idx = np.unique(y_true, return_inverse=True)
        if classes.size < 2:
            raise ValueError(
                f"y_true holds a single class {classes[0]!r}: log_loss needs at least two "
                "classes; pass labels= to score a batch that lacks some of them"
            )
    else:
        # The given classes fix the columns even if the batch lacks some of them; a
        # binary search finds each true label's column (labels is sorted).
        classes = labels
        y_idx = np.minimum(np.searchsorted(classes, y_true), classes.size - 1)
        unknown = classes[y_idx] != y_true
        if unknown.any():
            raise ValueError(
                f"y_true contains labels {np.unique(y_true[unknown]).tolist()} that are not in "
                f"labels {classes.tolist()}"
            )
    if proba.ndim == 1:
        if classes.size != 2:
            raise ValueError(
                f"1-D proba needs exactly 2 classes, got {classes.size}: "
                f"{classes.tolist()}; pass one column per class"
            )
        proba = np.column_stack([1.0 - proba, proba])  # P(classes[0]), P(classes[1])
    if proba.shape[1] != classes.size:
        raise ValueError(
            f"proba has {proba.shape[1]} columns but there are {classes.size} classes "
            f"{classes.tolist()}: one column per class, in sorted order"
        )
    p_true = proba[np.arange(y_idx.size), y_idx]
    # Clipping keeps log finite at exact 0 (and symmetric at exact 1), as scikit-learn does.
    eps = np.finfo(np.float64).eps
    return float(-np.mean(np.log(np.clip(p_true, eps, 1.0 - eps))))
