"""Kata metrics/ranking_metrics: DCG, NDCG, MAP@k and MRR.

Difficulty 2 (standard), target time 30 minutes.

A search or recommendation system returns a ranked list; these scores say how good the
ranking is. Ranks i count from 1 (the best position).

    DCG@k  = sum_{i=1}^{min(k, n)} rel_i / log2(i + 1)        relevance in ranked order,
                                                              linear gains (scikit-learn)
    NDCG@k = DCG@k / IDCG@k,  IDCG@k = DCG@k of the same relevances sorted decreasingly
             (0.0 when IDCG@k = 0: nothing is relevant)
    AP@k   = (1 / min(|actual|, k)) * sum_{i=1}^{k} P@i * hit_i
             hit_i = 1 if predicted[i] is in actual and did not appear before in predicted
             P@i   = (number of hits among the first i predictions) / i
    MRR    = mean over queries of 1 / (rank of the first relevant item), 0 if there is none

MAP@k, the mean of AP@k over queries, is the usual headline number; here you write AP@k for
one query.

Shapes: relevance is 1-D (n_items,) of non-negative numbers for NDCG (any reals for DCG);
actual and predicted are 1-D lists of item ids (ints, strings, ...); ranked_relevance is a
list of 1-D relevance lists, one per query, possibly of different lengths. Every function
returns a Python float; k is an int >= 1, and a k larger than the list counts the whole list.

Complexity: O(n log n) for NDCG (one sort), O(k log k) for AP@k, O(total length) for MRR;
no Python loop over items.

Requirements:
- dcg_at_k and ndcg_at_k match scikit-learn's dcg_score and ndcg_score to 1e-12, called as
  ndcg_score([relevance], [scores], k=k) with scores decreasing along the ranked list.
- Rank 1 is discounted by log2(2) = 1: log2(i) with i from 1 divides by log2(1) = 0.
- The ideal DCG sorts ALL the relevances and then takes the top k, not the top k of the
  ranked list sorted.
- A list with no relevant item has NDCG 0.0: never 0/0 = NaN.
- In AP@k a repeated prediction is not a second hit, and the denominator is the number of
  possible hits min(|actual|, k), not |actual| and not the number of hits found.
- Never modify the inputs.

Worked example: relevance = [3, 2, 3, 0, 1, 2]
    DCG@6  = 3/1 + 2/1.585 + 3/2 + 0/2.322 + 1/2.585 + 2/2.807 = 6.861
    ideal  = [3, 3, 2, 2, 1, 0],  IDCG@6 = 7.141,  NDCG@6 = 0.961
    average_precision_at_k(actual=[1, 2, 3], predicted=[1, 4, 3], k=3)
           = (1/1 + 2/3) / min(3, 3) = 0.556
    mean_reciprocal_rank([[0, 0, 1], [0, 1, 0], [0, 0, 0]]) = (1/3 + 1/2 + 0) / 3 = 0.278

Run `pytest -k ranking_metrics` to check your work; hints are in
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
