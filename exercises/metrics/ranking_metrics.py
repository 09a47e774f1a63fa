"""Kata metrics/ranking_metrics: DCG, NDCG, MAP@k and MRR.

Difficulty 2 (standard), target time 30 minutes.

A search or recommendation system returns a ranked list; these scores say how good the
ranking is: discounted cumulative gain and its normalized form for graded relevance, average
precision at k for a set of relevant items, and the mean reciprocal rank over queries.
MAP@k, the mean of AP@k over queries, is the usual headline number; here you write AP@k for
one query.

Math:
    Ranks i count from 1 (the best position).
    DCG@k  = sum_{i=1}^{min(k, n)} rel_i / log2(i + 1)        relevance in ranked order,
                                                              linear gains (scikit-learn)
    NDCG@k = DCG@k / IDCG@k,  IDCG@k = DCG@k of the same relevances sorted decreasingly
    AP@k   = (1 / min(|actual|, k)) * sum_{i=1}^{k} P@i * hit_i
             hit_i = 1 if predicted[i] is in actual and did not appear before in predicted
             P@i   = (number of hits among the first i predictions) / i
    MRR    = mean over queries of 1 / (rank of the first relevant item), 0 if there is none

Shapes: relevance is 1-D (n_items,) of real numbers, listed in ranked order; actual and
predicted are 1-D lists of item ids (ints, strings, ...); ranked_relevance is a list of 1-D
relevance lists, one per query, possibly of different lengths (or a 2-D array). Every
function returns a Python float.

Conventions:
- k is an int >= 1 (else ValueError); a k larger than the list counts the whole list.
- dcg_at_k and ndcg_at_k match scikit-learn's dcg_score and ndcg_score to 1e-12, called as
  ndcg_score([relevance], [scores], k=k) with scores decreasing along the ranked list.
- Relevance is graded (any real values, fractions included) with linear gains. dcg_at_k
  accepts negative relevances and adds them as they are (as dcg_score); ndcg_at_k refuses
  them with a ValueError naming "non-negative" (the stub checks it).
- NDCG's ideal ranking sorts ALL the relevances in decreasing order, then takes the top k.
  A list whose IDCG@k is 0 (nothing relevant) has NDCG 0.0, never NaN.
- AP@k: actual is a set (its duplicates count once; empty actual gives 0.0); a repeated
  prediction is not a second hit; the denominator is min(|actual|, k).
- MRR: an item is relevant when its value is > 0 (graded values count, 0 and negative
  values do not); a query without one contributes 0 to the mean over ALL queries; an empty
  list of queries is a ValueError.
- Never modify the inputs.

Complexity: O(n log n) for NDCG (one sort), O(k log k) for AP@k, O(total length) for MRR;
no Python loop over items.

Pitfalls:
- Discounting rank i by log2(i) with i from 1: log2(1) = 0 divides by zero at rank 1.
- Exponential gains 2^rel - 1 instead of the linear rel of this kata and scikit-learn.
- The ideal DCG from the ranked top k sorted, instead of the top k of ALL relevances sorted.
- The ideal DCG from binary relevance (ones for every relevant item): with graded relevance
  the ideal list holds the actual grades.
- Clipping or dropping negative relevances in DCG; counting a negative value as relevant
  in MRR (nonzero is not the same as > 0).
- 0/0 = NaN for a list with nothing relevant.
- In AP@k, counting a repeated prediction twice, or dividing by |actual| or by the number
  of hits found.
- Skipping queries without a relevant item in MRR (they count as 0).

Worked example: relevance = [3, 2, 3, 0, 1, 2]
    DCG@6  = 3/1 + 2/1.585 + 3/2 + 0/2.322 + 1/2.585 + 2/2.807 = 6.861
    ideal  = [3, 3, 2, 2, 1, 0],  IDCG@6 = 7.141,  NDCG@6 = 0.961
    dcg_at_k([-1, 2], 2) = -1 + 2/1.585 = 0.262
    average_precision_at_k(actual=[1, 2, 3], predicted=[1, 4, 3], k=3)
           = (1/1 + 2/3) / min(3, 3) = 0.556
    mean_reciprocal_rank([[0, 0, 1], [0, 1, 0], [0, 0, 0]]) = (1/3 + 1/2 + 0) / 3 = 0.278
    mean_reciprocal_rank([[-1, 0, 2]]) = 1/3

Run `pytest --kata metrics/ranking_metrics` to check your work; hints are in
hints/metrics/ranking_metrics.md.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_labels, check_scalar


def dcg_at_k(relevance, k):
    """Discounted cumulative gain of the top ``k`` positions of a ranked list.

    ``DCG@k = sum_{i=1}^{min(k, n)} rel_i / log2(i + 1)`` with linear gains and ranks
    ``i`` counted from 1, as scikit-learn's ``dcg_score``.

    Parameters
    ----------
    relevance : array-like of shape (n_items,)
        Relevance of each item, listed in the order the system ranked them (best first).
    k : int
        How many top positions count (k >= 1); a k above ``n_items`` counts them all.

    Returns
    -------
    float

    Examples
    --------
    >>> dcg_at_k([3, 2, 0, 1], k=2)  # 3 / log2(2) + 2 / log2(3)
    4.2618595071429155
    """
    relevance = check_array(relevance, name="relevance", ndim=1)
    check_scalar(k, "k", kind=numbers.Integral, low=1)
    raise NotImplementedError("dcg_at_k")


def ndcg_at_k(relevance, k):
    """Normalized DCG: ``DCG@k`` divided by the DCG@k of the ideal ordering.

    The ideal ordering is the same relevances sorted in decreasing order, so its top k are
    the k largest relevances of the WHOLE list, not of the ranked top k. A list with no
    relevant item (ideal DCG 0) scores 0.0.

    Parameters
    ----------
    relevance : array-like of shape (n_items,)
        Non-negative relevance of each item, listed in ranked order (best first).
    k : int
        How many top positions count (k >= 1); a k above ``n_items`` counts them all.

    Returns
    -------
    float
        In [0, 1]; 1 for an ideal ranking.

    Examples
    --------
    >>> ndcg_at_k([0, 1], k=2)  # (1 / log2(3)) / (1 / log2(2))
    0.6309297535714575
    >>> ndcg_at_k([0, 0, 0], k=2)
    0.0
    """
    relevance = check_array(relevance, name="relevance", ndim=1)
    check_scalar(k, "k", kind=numbers.Integral, low=1)
    if np.any(relevance < 0):
        raise ValueError("relevance must be non-negative for NDCG (it would not be in [0, 1])")
    raise NotImplementedError("ndcg_at_k")


def average_precision_at_k(actual, predicted, k):
    """Average precision of the top ``k`` predictions against a set of relevant items.

    ``AP@k = (1 / min(|actual|, k)) * sum_{i=1}^{k} P@i * hit_i``, where ``hit_i`` is 1
    when ``predicted[i]`` is relevant and has not appeared earlier in ``predicted`` (a
    repeated item is never a second hit), and ``P@i`` is the number of hits among the first
    ``i`` predictions divided by ``i``. ``actual`` is a set: its duplicates count once. An
    empty ``actual`` scores 0.0.

    Parameters
    ----------
    actual : array-like of shape (n_relevant,)
        The relevant items (ints, strings, ...); may be empty.
    predicted : array-like of shape (n_predicted,)
        The items in ranked order, best first; at least one.
    k : int
        How many top predictions count (k >= 1).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> average_precision_at_k([1, 2, 3], [1, 4, 3], k=3)  # (1/1 + 2/3) / 3
    0.5555555555555555
    >>> average_precision_at_k(["a", "b"], ["a", "a", "b"], k=3)  # (1/1 + 2/3) / 2
    0.8333333333333333
    """
    actual = np.asarray(actual)
    if actual.ndim != 1:
        raise ValueError(f"actual must be 1-D, got an array of shape {actual.shape}")
    predicted = check_labels(predicted, name="predicted")
    check_scalar(k, "k", kind=numbers.Integral, low=1)
    raise NotImplementedError("average_precision_at_k")


def mean_reciprocal_rank(ranked_relevance):
    """Mean over queries of ``1 / rank`` of the first relevant item (0 when there is none).

    Parameters
    ----------
    ranked_relevance : sequence of array-likes
        One relevance list per query, in ranked order (best first); lists may differ in
        length. An item is relevant when its value is > 0 (typically 0/1 flags).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> mean_reciprocal_rank([[0, 0, 1], [0, 1, 0], [1, 0, 0]])  # (1/3 + 1/2 + 1) / 3
    0.611111111111111
    >>> mean_reciprocal_rank([[0, 1], [0, 0]])  # (1/2 + 0) / 2
    0.25
    """
    if len(ranked_relevance) == 0:
        raise ValueError("ranked_relevance is empty: at least one query is needed")
    queries = [
        check_array(q, name=f"ranked_relevance[{i}]", ndim=1, allow_empty=True)
        for i, q in enumerate(ranked_relevance)
    ]
    raise NotImplementedError("mean_reciprocal_rank")
