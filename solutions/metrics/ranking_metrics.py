"""Reference solution for metrics/ranking_metrics.

The statement is in exercises/metrics/ranking_metrics.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_labels, check_scalar


def _discounted_sum(relevance, k):
    """``sum_{i=1..min(k, n)} rel_i / log2(i + 1)`` for relevances in ranked order."""
    top = relevance[:k]  # slicing past the end is fine: k > n keeps the whole list
    # Rank i (1-based) is discounted by log2(i + 1): rank 1 gets log2(2) = 1, never log2(1) = 0.
    return float(np.sum(top / np.log2(np.arange(2, top.size + 2))))


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
    return _discounted_sum(relevance, k)


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
    # The best possible ranking of the same items: all of them sorted, then cut at k.
    ideal = _discounted_sum(np.sort(relevance)[::-1], k)
    if ideal == 0.0:
        return 0.0  # nothing relevant: no ranking is better than another (scikit-learn: 0)
    return _discounted_sum(relevance, k) / ideal


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
    relevant = np.unique(actual)
    if relevant.size == 0:
        return 0.0
    top = predicted[:k]
    # Only the first occurrence of an item can be a hit, so duplicates are never counted
    # twice (which could push AP above 1).
    first = np.zeros(top.size, dtype=bool)
    first[np.unique(top, return_index=True)[1]] = True
    hit = first & np.isin(top, relevant)
    precision_at_i = np.cumsum(hit) / np.arange(1, top.size + 1)
    # The denominator is the most hits k predictions can make, so a perfect top-k scores 1
    # even when there are more relevant items than k.
    return float(np.sum(precision_at_i[hit]) / min(relevant.size, k))


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
    reciprocal = np.zeros(len(queries))
    for j, q in enumerate(queries):  # one short step per query, not per item
        hits = np.flatnonzero(q > 0)
        if hits.size:
            reciprocal[j] = 1.0 / (hits[0] + 1)  # ranks count from 1
    return float(np.mean(reciprocal))
