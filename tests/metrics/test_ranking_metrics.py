"""Tests for metrics/ranking_metrics: DCG@k, NDCG@k, AP@k and MRR."""

import math

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)

rk = load_kata("metrics/ranking_metrics")

# The statement's worked example (Wikipedia's DCG example).
REL = [3, 2, 3, 0, 1, 2]


def call(func, *args, what, **kwargs):
    """Call a metric; a division by zero (raised by the test harness) fails with ``what``."""
    try:
        return func(*args, **kwargs)
    except (FloatingPointError, ZeroDivisionError) as exc:
        pytest.fail(f"{what} ({type(exc).__name__}: {exc})")


def dcg_oracle(relevance, k):
    """DCG by the definition, one rank at a time (ranks from 1)."""
    return sum(rel / math.log2(i + 1) for i, rel in enumerate(relevance[:k], start=1))


def ndcg_oracle(relevance, k):
    ideal = dcg_oracle(sorted(relevance, reverse=True), k)
    return dcg_oracle(list(relevance), k) / ideal if ideal > 0 else 0.0


def apk_oracle(actual, predicted, k):
    """AP@k by the definition, one prediction at a time."""
    relevant, seen, hits, total = set(actual), set(), 0, 0.0
    for i, item in enumerate(predicted[:k], start=1):
        if item in relevant and item not in seen:
            hits += 1
            total += hits / i
        seen.add(item)
    return total / min(len(relevant), k) if relevant else 0.0


def mrr_oracle(queries):
    rr = []
    for q in queries:
        ranks = [i for i, v in enumerate(q, start=1) if v > 0]
        rr.append(1 / ranks[0] if ranks else 0.0)
    return sum(rr) / len(rr)


# --- dcg_at_k ------------------------------------------------------------------------------------


def test_dcg_by_hand():
    expected = 3 + 2 / math.log2(3) + 3 / 2 + 0 + 1 / math.log2(6) + 2 / math.log2(7)
    got = rk.dcg_at_k(REL, 6)
    exp_gains = sum((2.0**r - 1) / math.log2(i + 1) for i, r in enumerate(REL, start=1))
    if got == pytest.approx(exp_gains, rel=1e-9):
        pytest.fail(
            f"dcg_at_k({REL}, 6) = {got}: exponential gains 2^rel - 1 were used; this kata "
            "(and scikit-learn) uses linear gains rel_i / log2(i + 1)"
        )
    assert got == pytest.approx(expected, rel=1e-12), (
        f"dcg_at_k({REL}, 6) = {got}, expected {expected}: sum of rel_i / log2(i + 1)"
    )
    got = rk.dcg_at_k(REL, 3)
    assert got == pytest.approx(3 + 2 / math.log2(3) + 3 / 2, rel=1e-12), (
        f"dcg_at_k({REL}, 3) = {got}: only the first 3 positions count"
    )


def test_dcg_discounts_rank_i_by_log2_of_i_plus_1():
    what = "dcg_at_k divided by log2(1) = 0 at rank 1: the discount of rank i is log2(i + 1)"
    got = call(rk.dcg_at_k, [5.0], 1, what=what)
    assert got == pytest.approx(5.0, rel=1e-12), (
        f"dcg_at_k([5], 1) = {got}, expected 5: rank 1 is discounted by log2(2) = 1"
    )
    got = call(rk.dcg_at_k, [0.0, 4.0, 1.0], 3, what=what)
    expected = 4 / math.log2(3) + 1 / math.log2(4)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"dcg_at_k([0, 4, 1], 3) = {got}, expected 4/log2(3) + 1/log2(4) = {expected}: ranks "
        "count from 1 and rank i is discounted by log2(i + 1)"
    )


def test_dcg_uses_linear_gains():
    got = rk.dcg_at_k([3.0, 1.0], 2)
    if got == pytest.approx(7 + 1 / math.log2(3)):
        pytest.fail(
            "dcg_at_k used exponential gains 2^rel - 1: this kata (and scikit-learn) uses rel"
        )
    assert got == pytest.approx(3 + 1 / math.log2(3), rel=1e-12), (
        f"dcg_at_k([3, 1], 2) = {got}, expected 3 + 1/log2(3) (linear gains)"
    )


def test_dcg_adds_negative_relevance_as_it_is():
    # dcg_score accepts negative relevance (a harmful result): it lowers the sum.
    got = rk.dcg_at_k([-1.0, 2.0, 0.5], 3)
    expected = -1 + 2 / math.log2(3) + 0.5 / 2
    if got == pytest.approx(2 / math.log2(3) + 0.5 / 2, rel=1e-9):
        pytest.fail(
            f"dcg_at_k([-1, 2, 0.5], 3) = {got}: the negative relevance was clipped to 0 or "
            "dropped. DCG adds every gain as it is, negative ones included (as dcg_score)"
        )
    if got == pytest.approx(1 + 2 / math.log2(3) + 0.5 / 2, rel=1e-9):
        pytest.fail(
            f"dcg_at_k([-1, 2, 0.5], 3) = {got}: the absolute value of the relevance was "
            "used; a negative gain lowers DCG"
        )
    assert got == pytest.approx(expected, rel=1e-12), (
        f"dcg_at_k([-1, 2, 0.5], 3) = {got}, expected -1 + 2/log2(3) + 0.5/2 = {expected}"
    )


def test_dcg_only_counts_the_top_k_positions():
    base = rk.dcg_at_k([2.0, 1.0, 0.0, 5.0], 2)
    assert base == pytest.approx(2 + 1 / math.log2(3), rel=1e-12), (
        f"dcg_at_k([2, 1, 0, 5], 2) = {base}, expected 2 + 1/log2(3): the top 2 positions only"
    )
    assert rk.dcg_at_k([2.0, 1.0, 7.0, 9.0], 2) == pytest.approx(base, rel=1e-12), (
        "items ranked below k changed DCG@k: only the first k positions count"
    )


def test_dcg_with_k_larger_than_the_list_counts_the_whole_list():
    what = "k larger than the list"
    got = call(rk.dcg_at_k, REL, 100, what=what)
    assert got == pytest.approx(dcg_oracle(REL, 6), rel=1e-12), (
        f"dcg_at_k(6 items, k=100) = {got}: a k above the list length counts the whole list "
        "(cut the discounts to the length of the list, not to k)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_dcg_matches_the_definition(seed):
    rng = np.random.default_rng(seed)
    relevance = rng.integers(0, 4, 15).astype(float) * rng.uniform(0.5, 1.5, 15)
    for k in (1, 4, 15, 40):
        got = rk.dcg_at_k(relevance, k)
        assert got == pytest.approx(dcg_oracle(list(relevance), k), rel=1e-12), (
            f"dcg_at_k (graded relevance, k={k}) against a rank-by-rank sum"
        )


def test_dcg_returns_a_python_float():
    got = rk.dcg_at_k([1, 0, 2], 2)  # integer input
    assert isinstance(got, float), f"dcg_at_k returned {type(got).__name__}, expected float"


# --- ndcg_at_k -----------------------------------------------------------------------------------


def test_ndcg_ideal_keeps_the_grades_of_graded_relevance():
    # Graded relevance [1, 3]: the ideal list is [3, 1], not [1, 1] (binary relevance).
    got = rk.ndcg_at_k([1.0, 3.0], 2)
    dcg = 1 + 3 / math.log2(3)
    if got == pytest.approx(dcg / (1 + 1 / math.log2(3)), rel=1e-9):
        pytest.fail(
            f"ndcg_at_k([1, 3], 2) = {got} > 1: the ideal DCG counted every relevant item as "
            "1 (binary relevance). The ideal list is the relevances themselves, sorted "
            "decreasingly ([3, 1])"
        )
    if got == pytest.approx(1.0, rel=1e-9):
        pytest.fail(
            "ndcg_at_k([1, 3], 2) = 1: the ranked list itself was used as the ideal. Sort "
            "the relevances in DECREASING order for the ideal DCG ([3, 1])"
        )
    expected = dcg / (3 + 1 / math.log2(3))
    assert got == pytest.approx(expected, rel=1e-12), (
        f"ndcg_at_k([1, 3], 2) = {got}, expected DCG([1, 3]) / DCG([3, 1]) = {expected}"
    )


def test_ndcg_by_hand():
    ideal = 3 + 3 / math.log2(3) + 2 / 2 + 2 / math.log2(5) + 1 / math.log2(6)
    got = rk.ndcg_at_k(REL, 6)
    assert got == pytest.approx(dcg_oracle(REL, 6) / ideal, rel=1e-12), (
        f"ndcg_at_k({REL}, 6) = {got}, expected DCG / IDCG = 0.9608 with the ideal order "
        "[3, 3, 2, 2, 1, 0]"
    )


def test_ndcg_ideal_dcg_uses_the_top_k_of_all_relevances():
    # The best item (3) is ranked third. With k = 2 the ideal top 2 are [3, 1], not the
    # ranked top 2 [1, 0] sorted.
    got = rk.ndcg_at_k([1.0, 0.0, 3.0], 2)
    expected = 1 / (3 + 1 / math.log2(3))
    if got == pytest.approx(1.0):
        pytest.fail(
            "ndcg_at_k([1, 0, 3], k=2) = 1: the ideal DCG was computed from the ranked top k "
            "sorted ([1, 0]); sort ALL the relevances, then take the top k ([3, 1])"
        )
    assert got == pytest.approx(expected, rel=1e-12), (
        f"ndcg_at_k([1, 0, 3], 2) = {got}, expected 1 / (3 + 1/log2(3)): ideal top 2 [3, 1]"
    )


def test_ndcg_with_fractional_grades_and_ties():
    # Fractional grades and ties.
    rel = [0.5, 2.5, 2.5, 0.0, 1.25]
    got = rk.ndcg_at_k(rel, 3)
    assert got == pytest.approx(ndcg_oracle(rel, 3), rel=1e-12), (
        f"ndcg_at_k({rel}, 3) = {got}, expected {ndcg_oracle(rel, 3)} (fractional grades)"
    )


def test_ndcg_of_a_list_with_nothing_relevant_is_zero():
    what = "ndcg_at_k of an all-zero list divided 0 by 0: return 0.0 when the ideal DCG is 0"
    got = call(rk.ndcg_at_k, [0.0, 0.0, 0.0], 2, what=what)
    assert got == 0.0 and not math.isnan(got), (
        f"ndcg_at_k of an all-zero list is {got}: return 0.0 (scikit-learn's convention)"
    )
    # Relevant items exist but only below k: DCG@k = 0, ideal DCG@k > 0, NDCG = 0.
    got = call(rk.ndcg_at_k, [0.0, 0.0, 2.0], 1, what=what)
    assert got == 0.0, f"ndcg_at_k([0, 0, 2], 1) = {got}: DCG@1 is 0 while IDCG@1 = 2"


@pytest.mark.parametrize("seed", SEEDS)
def test_ndcg_of_the_ideal_ranking_is_one(seed):
    relevance = np.sort(np.random.default_rng(seed).integers(0, 5, 12))[::-1]
    for k in (1, 5, 12, 30):
        got = rk.ndcg_at_k(relevance, k)
        assert got == pytest.approx(1.0, rel=1e-12), (
            f"ndcg_at_k of an ideally ordered list (k={k}) is {got}, expected 1: the ideal "
            "ordering sorts relevances in DECREASING order"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_ndcg_invariants(seed):
    rng = np.random.default_rng(seed)
    relevance = rng.integers(0, 4, 10).astype(float)
    relevance[0] = 1.0  # something relevant
    for k in (1, 3, 10):
        got = rk.ndcg_at_k(relevance, k)
        assert 0 <= got <= 1 + 1e-12, f"ndcg_at_k (k={k}) = {got} is outside [0, 1]"
        assert got == pytest.approx(ndcg_oracle(list(relevance), k), rel=1e-12), (
            f"ndcg_at_k (k={k}) = {got} against DCG / IDCG computed rank by rank"
        )
        # Linear gains: scaling every relevance by c leaves NDCG unchanged.
        assert rk.ndcg_at_k(2.5 * relevance, k) == pytest.approx(got, rel=1e-12), (
            "scaling every relevance by 2.5 changed NDCG: with linear gains it cancels"
        )
    assert rk.ndcg_at_k(relevance, 50) == pytest.approx(rk.ndcg_at_k(relevance, 10), rel=1e-12), (
        "k = 50 on a list of 10 must equal k = 10"
    )


def test_ndcg_of_a_single_item():
    got = rk.ndcg_at_k([2.0], 1)
    assert got == pytest.approx(1.0), f"ndcg_at_k([2], 1) = {got}: one item is ideal, NDCG 1"
    got = rk.ndcg_at_k([0.0], 3)
    assert got == 0.0, f"ndcg_at_k([0], 3) = {got}: nothing relevant, NDCG 0.0"


@pytest.mark.parametrize("seed", SEEDS)
def test_dcg_and_ndcg_match_scikit_learn(seed):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(seed)
    relevance = rng.integers(0, 4, 9).astype(float) * rng.uniform(0.5, 2.0, 9)
    scores = np.arange(9, 0, -1)  # decreasing along the ranked list: the ranking as given
    signed = relevance - 1.0  # dcg_score takes negative relevance too
    for k in (1, 3, 9, 20):
        assert rk.dcg_at_k(relevance, k) == pytest.approx(
            metrics.dcg_score([relevance], [scores], k=k), rel=1e-12
        ), f"dcg_at_k (k={k}) against scikit-learn's dcg_score"
        assert rk.dcg_at_k(signed, k) == pytest.approx(
            metrics.dcg_score([signed], [scores], k=k), rel=1e-12
        ), f"dcg_at_k with negative relevances (k={k}) against scikit-learn's dcg_score"
        assert rk.ndcg_at_k(relevance, k) == pytest.approx(
            metrics.ndcg_score([relevance], [scores], k=k), rel=1e-12
        ), f"ndcg_at_k (k={k}) against scikit-learn's ndcg_score"


def test_ndcg_refuses_negative_relevance():
    rk.ndcg_at_k([1.0, 0.0], 2)  # works on good input first
    with pytest.raises(ValueError, match="non-negative"):
        rk.ndcg_at_k([1.0, -1.0], 2)


# --- average_precision_at_k ---------------------------------------------------------------------


def test_average_precision_at_k_by_hand():
    # Hits at ranks 1 and 3: precisions 1/1 and 2/3, over min(3, 3) possible hits.
    got = rk.average_precision_at_k([1, 2, 3], [1, 4, 3], 3)
    if got == pytest.approx((1 + 2 / 3) / 2, rel=1e-9):
        pytest.fail(
            f"AP@3([1, 2, 3], [1, 4, 3]) = {got} = (1 + 2/3) / 2: divided by the number of hits "
            "found; the denominator is the number of possible hits min(|actual|, k) = 3"
        )
    assert got == pytest.approx((1 + 2 / 3) / 3, rel=1e-12), (
        f"AP@3([1, 2, 3], [1, 4, 3]) = {got}, expected (1/1 + 2/3) / 3"
    )
    got = rk.average_precision_at_k(["x", "y"], ["z", "y", "x", "w"], 4)
    assert got == pytest.approx((1 / 2 + 2 / 3) / 2, rel=1e-12), (
        f"AP@4 with string ids = {got}, expected (1/2 + 2/3) / 2"
    )


def test_duplicates_in_predicted_are_not_counted_twice():
    got = rk.average_precision_at_k([1, 2], [1, 1, 2], 3)
    assert got <= 1.0, (
        f"AP@k = {got} > 1: the repeated prediction 1 was counted as a second hit. Only the "
        "first occurrence of an item can be a hit"
    )
    # Hits at ranks 1 and 3 (rank 2 repeats item 1): (1/1 + 2/3) / 2.
    assert got == pytest.approx((1 + 2 / 3) / 2, rel=1e-12), (
        f"AP@k = {got}, expected 5/6: a repeated item is a miss (it takes a rank, no hit)"
    )


def test_the_denominator_is_the_number_of_possible_hits():
    # 4 relevant items, k = 2, both predictions right: a perfect top 2.
    got = rk.average_precision_at_k([1, 2, 3, 4], [2, 1], 2)
    assert got == pytest.approx(1.0, rel=1e-12), (
        f"AP@2 of a perfect top 2 is {got}, expected 1: divide by min(|actual|, k) = 2, "
        "not by |actual| = 4"
    )
    # 3 relevant items, 1 found at rank 1 out of k = 3.
    got = rk.average_precision_at_k([1, 2, 3], [1, 9, 8], 3)
    assert got == pytest.approx(1 / 3, rel=1e-12), (
        f"AP@3 = {got}, expected 1/3: divide by the number of possible hits min(|actual|, k) "
        "= 3, not by the number of hits found (which would reward finding little)"
    )


def test_a_list_shorter_than_k_is_still_divided_by_min_actual_k():
    # 3 relevant items, k = 3, but only one prediction (right): 1 hit out of 3 possible.
    got = rk.average_precision_at_k([1, 2, 3], [1], 3)
    assert got == pytest.approx(1 / 3, rel=1e-12), (
        f"AP@3 of the single prediction [1] against 3 relevant items is {got}, expected 1/3: "
        "the denominator is min(|actual|, k) = 3 with k as given, not min(|actual|, "
        "len(predicted)) = 1, which would let a shorter list score higher"
    )


def test_average_precision_at_k_only_counts_the_top_k():
    actual, predicted = [1, 2], [9, 1, 2]
    got = rk.average_precision_at_k(actual, predicted, 1)
    assert got == 0.0, f"AP@1 of [9, 1, 2] against [1, 2] = {got}: rank 1 is a miss"
    got = rk.average_precision_at_k(actual, predicted, 2)
    assert got == pytest.approx((1 / 2) / 2), f"AP@2 = {got}, expected (1/2) / min(2, 2)"
    got = rk.average_precision_at_k(actual, predicted, 10)
    assert got == pytest.approx((1 / 2 + 2 / 3) / 2, rel=1e-12), (
        f"AP@10 of 3 predictions is {got}: k above the list length counts the whole list"
    )


def test_duplicates_in_actual_count_once():
    # Two distinct relevant items, one found at rank 1: (1/1) / min(2, 3).
    got = rk.average_precision_at_k([1, 1, 2], [1, 5], 3)
    assert got == pytest.approx(1 / 2, rel=1e-12), (
        f"AP@3 = {got}, expected 1/2: actual is a SET of relevant items, so [1, 1, 2] holds 2 "
        "of them and the denominator is min(2, k), not min(len(actual), k)"
    )


def test_empty_actual_scores_zero():
    what = "AP@k with no relevant item divided by zero: return 0.0"
    got = call(rk.average_precision_at_k, [], [1, 2, 3], 3, what=what)
    assert got == 0.0, f"AP@k with an empty actual = {got}, expected 0.0"


def test_perfect_predictions_score_one():
    got = rk.average_precision_at_k(["a", "b", "c"], ["c", "a", "b"], 3)
    assert got == pytest.approx(1.0), f"AP@3 of a perfect ranking = {got}, expected 1"
    got = rk.average_precision_at_k(["a", "b", "c"], ["c", "a", "b", "d"], 10)
    assert got == pytest.approx(1.0), f"AP@10 with all hits first = {got}, expected 1"


@pytest.mark.parametrize("seed", SEEDS)
def test_average_precision_at_k_matches_the_definition(seed):
    rng = np.random.default_rng(seed)
    for _ in range(10):
        actual = rng.choice(20, size=rng.integers(1, 8), replace=False)
        predicted = rng.integers(0, 20, size=rng.integers(1, 15))  # with repeats
        for k in (1, 3, 10, 30):
            got = rk.average_precision_at_k(actual, predicted, k)
            expected = apk_oracle(actual.tolist(), predicted.tolist(), k)
            assert got == pytest.approx(expected, rel=1e-12, abs=1e-15), (
                f"AP@{k}(actual={actual.tolist()}, predicted={predicted.tolist()}) = {got}, "
                f"expected {expected}"
            )


def test_average_precision_at_k_returns_a_python_float():
    got = rk.average_precision_at_k([1], [1, 2], 2)
    assert isinstance(got, float), f"returned {type(got).__name__}, expected float"


# --- mean_reciprocal_rank ------------------------------------------------------------------------


def test_mean_reciprocal_rank_by_hand():
    got = rk.mean_reciprocal_rank([[0, 0, 1], [0, 1, 0], [1, 0, 0]])
    if got == pytest.approx((1 / 2 + 1 + 1) / 3, rel=1e-9):
        pytest.fail(
            f"MRR gave {got} = (1/2 + 1/1 + 1/1) / 3: the ranks were counted from 0 (the array "
            "index) with rank 0 patched to 1; rank = index + 1"
        )
    assert got == pytest.approx((1 / 3 + 1 / 2 + 1) / 3, rel=1e-12), (
        f"MRR gave {got}, expected (1/3 + 1/2 + 1) / 3"
    )


def test_ranks_count_from_one():
    what = "mean_reciprocal_rank divided by rank 0: ranks count from 1 (1 / (index + 1))"
    got = call(rk.mean_reciprocal_rank, [[1, 0, 0]], what=what)
    assert got == pytest.approx(1.0, rel=1e-12), (
        f"a relevant first item gave RR {got}, expected 1: ranks count from 1"
    )


def test_a_query_with_no_relevant_item_counts_zero():
    what = "a query with no relevant item must contribute 0"
    got = call(rk.mean_reciprocal_rank, [[0, 1, 0], [0, 0, 0], [1, 0]], what=what)
    if got == pytest.approx((1 / 2 + 1) / 2):
        pytest.fail(
            "the query with no relevant item was skipped: it must count as 0 in the mean "
            "over ALL queries"
        )
    assert got == pytest.approx((1 / 2 + 0 + 1) / 3, rel=1e-12), (
        f"MRR gave {got}, expected (1/2 + 0 + 1) / 3"
    )


def test_only_the_first_relevant_item_counts():
    got = rk.mean_reciprocal_rank([[0, 1, 1, 1]])
    assert got == pytest.approx(1 / 2, rel=1e-12), (
        f"RR of [0, 1, 1, 1] is {got}, expected 1/2: only the FIRST relevant item counts "
        "(not the mean or sum over all relevant items, not the last one)"
    )


def test_queries_may_have_different_lengths_and_arrays_work():
    got = rk.mean_reciprocal_rank([[0, 0, 0, 0, 1], [1]])
    assert got == pytest.approx((1 / 5 + 1) / 2), f"MRR of queries of lengths 5 and 1: {got}"
    got = rk.mean_reciprocal_rank(np.array([[0, 1], [0, 0]]))
    assert got == pytest.approx(0.25, rel=1e-12), f"MRR of a 2-D array of queries: {got}"
    assert rk.mean_reciprocal_rank([[], [1]]) == pytest.approx(0.5), "an empty query scores 0"


def test_graded_relevance_counts_any_positive_value():
    got = rk.mean_reciprocal_rank([[0, 0, 3, 1]])
    assert got == pytest.approx(1 / 3, rel=1e-12), (
        f"MRR of [0, 0, 3, 1] = {got}, expected 1/3: any value > 0 is relevant, not only 1"
    )
    got = rk.mean_reciprocal_rank([[0, 0.5, 2]])
    assert got == pytest.approx(1 / 2, rel=1e-12), (
        f"MRR of [0, 0.5, 2] = {got}, expected 1/2: a fractional grade > 0 is relevant"
    )


def test_negative_relevance_is_not_relevant():
    got = rk.mean_reciprocal_rank([[-1, 0, 2], [-2, -1]])
    if got == pytest.approx((1 + 1) / 2, rel=1e-9):
        pytest.fail(
            f"MRR of [[-1, 0, 2], [-2, -1]] = {got}: a negative relevance was counted as "
            "relevant (nonzero is not > 0). Only values > 0 are relevant"
        )
    assert got == pytest.approx((1 / 3 + 0) / 2, rel=1e-12), (
        f"MRR of [[-1, 0, 2], [-2, -1]] = {got}, expected (1/3 + 0) / 2"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_mean_reciprocal_rank_matches_the_definition(seed):
    rng = np.random.default_rng(seed)
    queries = [(rng.random(rng.integers(1, 12)) < 0.2).astype(int) for _ in range(30)]
    got = rk.mean_reciprocal_rank(queries)
    assert got == pytest.approx(mrr_oracle([q.tolist() for q in queries]), rel=1e-12), (
        "MRR of 30 random 0/1 queries against a query-by-query oracle"
    )
    perm = rng.permutation(30)
    assert rk.mean_reciprocal_rank([queries[i] for i in perm]) == pytest.approx(got, rel=1e-12), (
        "MRR changed when the queries were permuted"
    )


def test_mean_reciprocal_rank_returns_a_python_float():
    got = rk.mean_reciprocal_rank([[0, 1]])
    assert isinstance(got, float), f"returned {type(got).__name__}, expected float"


# --- bad input, inputs unchanged -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["dcg_at_k", "ndcg_at_k"])
@pytest.mark.parametrize(
    "relevance, k, match",
    [
        ([[1.0, 0.0]], 1, "1-D"),
        ([1.0, np.nan], 1, "NaN"),
        ([], 1, "empty"),
        ([1.0, 0.0], 0, "k must be >= 1"),
        ([1.0, 0.0], 1.5, "k must be an integer"),
        ([1.0, 0.0], True, "k must be an integer"),
    ],
)
def test_bad_relevance_or_k_is_a_value_error(name, relevance, k, match):
    func = getattr(rk, name)
    func([1.0, 0.0], 1)  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(relevance, k)


@pytest.mark.parametrize(
    "actual, predicted, k, match",
    [
        ([1], [], 1, "predicted is empty"),
        ([[1, 2]], [1], 1, "actual must be 1-D"),
        ([1], [[1, 2]], 1, "predicted must be 1-D"),
        ([1], [1, 2], 0, "k must be >= 1"),
    ],
)
def test_bad_average_precision_input_is_a_value_error(actual, predicted, k, match):
    rk.average_precision_at_k([1], [1, 2], 2)
    with pytest.raises(ValueError, match=match):
        rk.average_precision_at_k(actual, predicted, k)


@pytest.mark.parametrize(
    "queries, match",
    [([], "empty"), ([[0, 1], [np.nan]], "NaN"), ([[0, 1], [[1, 0]]], "1-D")],
)
def test_bad_mean_reciprocal_rank_input_is_a_value_error(queries, match):
    rk.mean_reciprocal_rank([[0, 1]])
    with pytest.raises(ValueError, match=match):
        rk.mean_reciprocal_rank(queries)


@pytest.mark.parametrize("name", ["dcg_at_k", "ndcg_at_k"])
def test_relevance_is_not_modified(name):
    relevance = np.array([1.0, 3.0, 0.0, 2.0])  # not sorted: sorting in place would show
    with inputs_unchanged(name, relevance=relevance):
        getattr(rk, name)(relevance, 3)


def test_average_precision_inputs_are_not_modified():
    actual, predicted = np.array([3, 1]), np.array([2, 3, 3, 1])
    with inputs_unchanged("average_precision_at_k", actual=actual, predicted=predicted):
        rk.average_precision_at_k(actual, predicted, 3)


def test_mean_reciprocal_rank_input_is_not_modified():
    queries = np.array([[0.0, 1.0], [1.0, 0.0]])
    with inputs_unchanged("mean_reciprocal_rank", ranked_relevance=queries):
        rk.mean_reciprocal_rank(queries)


# --- complexity, without a clock: Python lines counted, peak memory measured ---------------------


def test_average_precision_at_k_has_no_python_loop_over_the_predictions():
    # 2000 predictions (with repeats), 500 relevant items. Whole-array code (np.unique for
    # the first occurrences, np.isin or np.searchsorted for the hits, one cumulative sum)
    # runs a few dozen Python lines: the reference 12, a plainer sort-and-search version
    # 23. A loop over the predictions runs at least one line per prediction: 6 200 here.
    rng = np.random.default_rng(3)
    predicted = rng.integers(0, 10_000, 2000)
    actual = rng.choice(10_000, size=500, replace=False)
    budget = 500
    lines = python_lines(rk.average_precision_at_k, actual, predicted, 2000, budget=budget)
    assert lines <= budget, (
        f"average_precision_at_k of 2000 predictions ran more than {budget} lines of Python: "
        "is there a Python loop over the predictions (and with `item in actual` on a list, "
        "a scan of every relevant item at each step)? Mark the first occurrence of each "
        "prediction with np.unique(top, return_index=True), the hits with np.isin(top, "
        "actual), and get every P@i at once from np.cumsum(hit) / np.arange(1, k + 1)"
    )


def test_average_precision_at_k_builds_no_pairwise_comparison_matrix():
    # 4000 predictions against 2000 relevant items: comparing every prediction with every
    # relevant item, (k, |actual|) booleans, takes 8 MB, and every prediction with every
    # earlier one (to spot repeats) 16 MB or more (48 MB as measured); np.unique and
    # np.isin need O(k + |actual|): 0.2 MB for the reference, 0.3 MB for a sort-and-search
    # version, 0.5 MB for a loop over Python sets.
    rng = np.random.default_rng(4)
    predicted = rng.integers(0, 20_000, 4000)  # many repeats
    actual = rng.choice(20_000, size=2000, replace=False)
    rk.average_precision_at_k([1], [1, 2], 2)  # any one-time set-up is not counted
    got, peak = peak_memory(rk.average_precision_at_k, actual, predicted, 4000)
    assert peak < 2_000_000, (
        f"average_precision_at_k of 4000 predictions and 2000 relevant items allocated "
        f"{peak / 1e6:.1f} MB: is there a (k, |actual|) or (k, k) comparison matrix, such "
        "as top[:, None] == actual[None, :]? Use np.isin(top, actual) for the hits and "
        "np.unique(top, return_index=True) for the first occurrences: O(k + |actual|) memory"
    )
    expected = apk_oracle(actual.tolist(), predicted.tolist(), 4000)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"AP@4000 of 4000 predictions with repeats = {got}, expected {expected} (a "
        "one-at-a-time oracle)"
    )


def test_dcg_ndcg_and_mrr_have_no_python_loop_over_the_items():
    # 3000 graded items: the discounted sum is one vectorized expression, 5 Python lines
    # for dcg_at_k and 10 for ndcg_at_k (the reference); a loop over the ranks runs 3000 or
    # more. MRR over 50 queries of 200 items (1% relevant): a loop over the queries is fine
    # (8 lines each in the reference, 401 in all); a scan over each query's items up to the
    # first relevant one runs about 100 iterations per query, 5000+ in all.
    rng = np.random.default_rng(21)
    relevance = rng.integers(0, 4, 3000).astype(float)
    for name in ("dcg_at_k", "ndcg_at_k"):
        budget = 100
        lines = python_lines(getattr(rk, name), relevance, 3000, budget=budget)
        assert lines <= budget, (
            f"{name} on 3000 items ran more than {budget} lines of Python: is there a Python "
            "loop over the ranks? Discount all at once: sum(rel[:k] / np.log2(np.arange(2, "
            "k + 2)))"
        )
    queries = [(rng.random(200) < 0.01).astype(float) for _ in range(50)]
    budget = 25 * 50
    lines = python_lines(rk.mean_reciprocal_rank, queries, budget=budget)
    assert lines <= budget, (
        f"mean_reciprocal_rank on 50 queries of 200 items ran more than {budget} lines of "
        "Python (25 per query): is there a Python loop over each query's items? Find the "
        "first relevant rank at once: np.flatnonzero(q > 0), or np.argmax(q > 0) and a check"
    )
