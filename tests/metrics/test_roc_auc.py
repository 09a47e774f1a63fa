"""Tests for metrics/roc_auc: ROC curve, AUC, precision-recall curve, average precision."""

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

ra = load_kata("metrics/roc_auc")

NAMES = ["roc_curve", "roc_auc_score", "precision_recall_curve", "average_precision_score"]

# The statement's worked example (scikit-learn's documentation example).
Y = [0, 0, 1, 1]
S = [0.1, 0.4, 0.35, 0.8]


def pairwise_auc(y_true, y_score, pos_label=1):
    """The oracle: the fraction of (positive, negative) pairs ranked right, ties as 1/2."""
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    pos, neg = y_score[y_true == pos_label], y_score[y_true != pos_label]
    diff = pos[:, None] - neg[None, :]
    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))


def sorted_search_auc(y_true, y_score, pos_label=1):
    """An O(n log n) oracle for large inputs: count the negatives below each positive."""
    pos, neg = y_score[y_true == pos_label], np.sort(y_score[y_true != pos_label])
    below = np.searchsorted(neg, pos, side="left")
    equal = np.searchsorted(neg, pos, side="right") - below
    return float(np.sum(below + 0.5 * equal) / (pos.size * neg.size))


def threshold_oracle(y_true, y_score, pos_label=1):
    """TP and FP counts for every distinct score, highest first, by direct comparison."""
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    positive = y_true == pos_label
    thresholds = np.unique(y_score)[::-1]
    tp = np.array([np.sum(positive & (y_score >= t)) for t in thresholds])
    fp = np.array([np.sum(~positive & (y_score >= t)) for t in thresholds])
    return thresholds, tp, fp


def tied_scores(rng, n, levels=6):
    """Binary labels with scores on a few levels (many ties), informative on average."""
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]  # both classes present
    score = np.round(y * 0.8 + rng.normal(size=n), 0) / levels
    return y, score


def trapezoid(y, x):
    """Trapezoid area, written out (the test's own, not np.trapezoid)."""
    x, y = np.asarray(x), np.asarray(y)
    return float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))


# --- roc_curve -------------------------------------------------------------------------------


def test_roc_curve_by_hand():
    fpr, tpr, thresholds = ra.roc_curve(Y, S)
    if len(thresholds) > 2 and np.all(np.diff(np.asarray(thresholds)[1:]) > 0):
        pytest.fail(
            f"roc_curve thresholds {thresholds} increase: lower the threshold from the "
            "HIGHEST score down (sort the scores in decreasing order)"
        )
    assert len(thresholds) > 0 and thresholds[0] == np.inf, (
        f"roc_curve's first threshold is {thresholds[0] if len(thresholds) else None}: the "
        "point (0, 0) has threshold +inf (nothing predicted positive), as scikit-learn >= 1.3, "
        "not max(score) + 1"
    )
    np.testing.assert_allclose(
        fpr, [0, 0, 0.5, 0.5, 1], atol=1e-15, err_msg="fpr: roc curve by hand"
    )
    np.testing.assert_allclose(
        tpr, [0, 0.5, 0.5, 1, 1], atol=1e-15, err_msg="tpr: roc curve by hand"
    )
    np.testing.assert_array_equal(
        thresholds, [np.inf, 0.8, 0.4, 0.35, 0.1], err_msg="thresholds: roc curve by hand"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_curve_starts_at_the_origin_and_ends_at_one_one(seed):
    y, score = tied_scores(np.random.default_rng(seed), 40)
    for drop in (True, False):
        fpr, tpr, thresholds = ra.roc_curve(y, score, drop_intermediate=drop)
        assert fpr[0] == 0 and tpr[0] == 0 and thresholds[0] == np.inf, (
            f"the ROC curve starts at ({fpr[0]}, {tpr[0]}) with threshold {thresholds[0]}: "
            "prepend the point (0, 0) for the threshold +inf (nothing predicted positive)"
        )
        assert fpr[-1] == 1 and tpr[-1] == 1, "the ROC curve must end at (1, 1)"
        assert len(fpr) == len(tpr) == len(thresholds)
        assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0), (
            "FPR and TPR must be non-decreasing: thresholds go from the highest score down "
            "(a ranking inverted to increasing scores walks the curve backwards)"
        )
        assert np.all(np.diff(thresholds) < 0), (
            "thresholds must be strictly decreasing, one per DISTINCT score: tied scores "
            "collapse into one point (group the run of equal scores, keep its last position)"
        )


def test_roc_curve_collapses_tied_scores_into_one_point():
    fpr, tpr, thresholds = ra.roc_curve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])
    assert len(fpr) == 2, (
        f"four equal scores gave {len(fpr)} ROC points {list(zip(fpr, tpr, strict=True))}: "
        "no threshold separates tied samples, so they are ONE point, (1, 1) here"
    )
    np.testing.assert_array_equal(
        fpr, [0, 1], err_msg="fpr: roc curve collapses tied scores into one point"
    )
    np.testing.assert_array_equal(
        tpr, [0, 1], err_msg="tpr: roc curve collapses tied scores into one point"
    )
    # Thresholds 0.9, 0.7 (one positive, two negatives tied), 0.2; P = 2, N = 3.
    fpr, tpr, thresholds = ra.roc_curve(
        [1, 0, 1, 0, 0], [0.9, 0.7, 0.7, 0.7, 0.2], drop_intermediate=False
    )
    np.testing.assert_array_equal(
        thresholds,
        [np.inf, 0.9, 0.7, 0.2],
        err_msg="thresholds: roc curve collapses tied scores into one point",
    )
    np.testing.assert_allclose(
        fpr,
        [0, 0, 2 / 3, 1],
        rtol=1e-12,
        err_msg="fpr: roc curve collapses tied scores into one point",
    )
    np.testing.assert_allclose(
        tpr,
        [0, 1 / 2, 1, 1],
        rtol=1e-12,
        err_msg="tpr: roc curve collapses tied scores into one point",
    )


def test_drop_intermediate_drops_only_the_middle_of_straight_runs():
    # Counts (FP, TP) at thresholds 4, 3, 2, 1: (0, 1), (0, 2), (1, 2), (2, 2). The point at
    # threshold 2 has zero second differences in both counts: it is dropped.
    y, score = [1, 1, 0, 0], [4.0, 3.0, 2.0, 1.0]
    fpr, tpr, thresholds = ra.roc_curve(y, score, drop_intermediate=False)
    np.testing.assert_array_equal(
        thresholds,
        [np.inf, 4, 3, 2, 1],
        err_msg="thresholds: drop intermediate drops only the middle of straight runs",
    )
    np.testing.assert_allclose(
        fpr,
        [0, 0, 0, 0.5, 1],
        err_msg="fpr: drop intermediate drops only the middle of straight runs",
    )
    np.testing.assert_allclose(
        tpr,
        [0, 0.5, 1, 1, 1],
        err_msg="tpr: drop intermediate drops only the middle of straight runs",
    )
    fpr, tpr, thresholds = ra.roc_curve(y, score)  # drop_intermediate=True by default
    assert len(thresholds) == 4, (
        f"with drop_intermediate=True (the default, as scikit-learn) the ROC curve has "
        f"thresholds {thresholds}, expected [inf, 4, 3, 1]: drop points whose FP and TP counts "
        "both have a zero second difference"
    )
    np.testing.assert_array_equal(
        thresholds,
        [np.inf, 4, 3, 1],
        err_msg="thresholds: drop intermediate drops only the middle of straight runs",
    )
    np.testing.assert_allclose(
        fpr, [0, 0, 0, 1], err_msg="fpr: drop intermediate drops only the middle of straight runs"
    )
    np.testing.assert_allclose(
        tpr,
        [0, 0.5, 1, 1],
        err_msg="tpr: drop intermediate drops only the middle of straight runs",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_full_roc_curve_matches_a_threshold_by_threshold_oracle(seed):
    rng = np.random.default_rng(seed)
    y, score = tied_scores(rng, 50)
    labels = np.array([-1, 1])[y]  # -1/+1 labels: the positive class is 1
    fpr, tpr, thresholds = ra.roc_curve(labels, score, drop_intermediate=False)
    t, tp, fp = threshold_oracle(labels, score)
    n_pos, n_neg = np.sum(labels == 1), np.sum(labels == -1)
    assert len(thresholds) == len(t) + 1, (
        f"the full curve has {len(thresholds)} thresholds, expected {len(t) + 1}: one per "
        "distinct score plus +inf (tied scores collapse into one point)"
    )
    np.testing.assert_array_equal(thresholds[1:], t)
    np.testing.assert_allclose(tpr[1:], tp / n_pos, rtol=1e-12, err_msg="TPR = TP / #positives")
    np.testing.assert_allclose(fpr[1:], fp / n_neg, rtol=1e-12, err_msg="FPR = FP / #negatives")


@pytest.mark.parametrize("seed", SEEDS)
def test_dropping_intermediate_points_keeps_the_curve_and_its_area(seed):
    y, score = tied_scores(np.random.default_rng(seed), 60, levels=20)
    full = ra.roc_curve(y, score, drop_intermediate=False)
    dropped = ra.roc_curve(y, score)
    # Every kept point is a point of the full curve, and both areas are the same.
    kept = np.isin(full[2], dropped[2])
    np.testing.assert_allclose(
        full[0][kept],
        dropped[0],
        rtol=1e-12,
        err_msg="full[0][kept]: dropping intermediate points keeps the curve and its area",
    )
    np.testing.assert_allclose(
        full[1][kept],
        dropped[1],
        rtol=1e-12,
        err_msg="full[1][kept]: dropping intermediate points keeps the curve and its area",
    )
    assert trapezoid(dropped[1], dropped[0]) == pytest.approx(
        trapezoid(full[1], full[0]), rel=1e-12
    )


def test_roc_curve_returns_float64_arrays():
    out = ra.roc_curve([0, 1, 1], [1, 2, 3])  # integer scores
    for name, arr in zip(("fpr", "tpr", "thresholds"), out, strict=True):
        assert isinstance(arr, np.ndarray) and arr.dtype == np.float64, (
            f"{name} is {type(arr).__name__} {getattr(arr, 'dtype', '')}, expected float64"
        )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("drop_intermediate", [True, False])
def test_roc_curve_matches_scikit_learn(seed, drop_intermediate):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(seed)
    y, score = tied_scores(rng, 80, levels=10)
    for labels, pos_label in [([0, 1], None), ([-1, 1], None), (["ham", "spam"], "ham")]:
        y_lab = np.asarray(labels)[y]
        got = ra.roc_curve(y_lab, score, pos_label=pos_label, drop_intermediate=drop_intermediate)
        expected = metrics.roc_curve(
            y_lab,
            score,
            pos_label=1 if pos_label is None else pos_label,
            drop_intermediate=drop_intermediate,
        )
        for name, g, e in zip(("fpr", "tpr", "thresholds"), got, expected, strict=True):
            assert np.shape(g) == np.shape(e), (
                f"{name} has shape {np.shape(g)}, scikit-learn's {np.shape(e)} "
                f"(labels {labels}, drop_intermediate={drop_intermediate})"
            )
            np.testing.assert_allclose(
                g,
                e,
                rtol=1e-12,
                atol=1e-15,
                err_msg=f"{name} against scikit-learn's roc_curve (labels {labels}, "
                f"pos_label={pos_label!r}: the positive class is pos_label, or the larger "
                "label when it is None)",
            )


# --- roc_auc_score ----------------------------------------------------------------------------


def test_roc_auc_by_hand():
    # Pairs (positive, negative): 0.35 > 0.1, 0.35 < 0.4, 0.8 > both: 3 of 4.
    assert ra.roc_auc_score(Y, S) == pytest.approx(0.75, rel=1e-12), "roc auc by hand"


@pytest.mark.parametrize("order", ["positive_first", "negative_first"])
def test_roc_auc_counts_a_tie_as_one_half(order):
    # The tie at 0.5 holds one positive and one negative; listing it in either order must
    # not matter. Pairs: 0.9 beats 0.5 and 0.1; 0.5 ties 0.5 (1/2) and beats 0.1: 3.5 of 4.
    y = [1, 0, 1, 0] if order == "positive_first" else [0, 1, 1, 0]
    got = ra.roc_auc_score(y, [0.5, 0.5, 0.9, 0.1])
    assert got == pytest.approx(0.875, rel=1e-12), (
        f"AUC = {got}, expected 0.875: a positive and a negative with the same score count 1/2. "
        "Sorting and counting one sample at a time breaks the tie by the sort order instead "
        "(group equal scores into one threshold), and a rectangle sum instead of the "
        "trapezoid rule counts the tie's diagonal segment as 0 or 1"
    )
    got = ra.roc_auc_score([0, 1, 1, 0, 1], np.full(5, 0.3))
    assert got == pytest.approx(0.5, rel=1e-12), f"all scores tied gave AUC {got}, not 0.5"


def test_perfect_and_inverted_rankings():
    y = [0, 0, 1, 1, 1]
    assert ra.roc_auc_score(y, [0.1, 0.2, 0.7, 0.8, 0.9]) == pytest.approx(1.0), (
        "perfect and inverted rankings"
    )
    got = ra.roc_auc_score(y, [0.9, 0.8, 0.3, 0.2, 0.1])
    assert got == pytest.approx(0.0, abs=1e-12), (
        f"AUC of a perfectly inverted ranking is {got}, expected 0: higher scores mean MORE "
        "positive; sort the scores in decreasing order"
    )


def test_scores_one_float_step_apart_are_not_a_tie():
    # 0.5 and the next float64 above it are two thresholds: the positive ranks above.
    hi = np.nextafter(0.5, 1.0)
    got = ra.roc_auc_score([0, 1], [0.5, hi])
    if got == pytest.approx(0.5, rel=1e-12):
        pytest.fail(
            f"roc_auc_score([0, 1], [0.5, 0.5 + 1 ulp]) = {got}: two distinct scores were "
            "grouped as a tie (np.isclose or rounding?). Scores tie only when exactly equal"
        )
    assert got == pytest.approx(1.0, rel=1e-12), (
        f"roc_auc_score([0, 1], [0.5, 0.5 + 1 ulp]) = {got}, expected 1 (positive ranked first)"
    )
    _, _, thresholds = ra.roc_curve([0, 1, 0], [0.5, hi, 1e-300], drop_intermediate=False)
    assert len(thresholds) == 4, (
        f"roc_curve of three distinct scores (0.5, 0.5 + 1 ulp, 1e-300) gave thresholds "
        f"{thresholds}: expected inf and the three scores (no tolerance in the tie test)"
    )


def test_scores_of_any_magnitude_and_sign():
    y = [0, 1, 0, 1, 1, 0]
    score = np.array([-3.0, 2.0, -1.0, 0.5, 7.0, 0.5])
    expected = pairwise_auc(y, score)
    for factor in (1.0, 1e-300, 1e300):
        got = ra.roc_auc_score(y, factor * score)
        assert got == pytest.approx(expected, rel=1e-12), (
            f"roc_auc_score with scores scaled by {factor} gave {got}, expected {expected}: "
            "only the order of the scores matters (no exp, no sigmoid, no eps)"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_auc_matches_the_pairwise_oracle(seed):
    rng = np.random.default_rng(seed)
    for levels in (3, 10, 1000):
        y, score = tied_scores(rng, 70, levels=levels)
        assert ra.roc_auc_score(y, score) == pytest.approx(pairwise_auc(y, score), rel=1e-12), (
            "roc auc matches the pairwise oracle"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_auc_is_the_trapezoid_area_under_the_returned_curve(seed):
    y, score = tied_scores(np.random.default_rng(seed), 50, levels=8)
    fpr, tpr, _ = ra.roc_curve(y, score)
    assert ra.roc_auc_score(y, score) == pytest.approx(trapezoid(tpr, fpr), rel=1e-12), (
        "roc auc is the trapezoid area under the returned curve"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_auc_invariants(seed):
    rng = np.random.default_rng(seed)
    y, score = tied_scores(rng, 60, levels=5)
    auc = ra.roc_auc_score(y, score)
    perm = rng.permutation(60)
    assert ra.roc_auc_score(y[perm], score[perm]) == pytest.approx(auc, rel=1e-12), (
        "AUC changed when the samples were permuted"
    )
    # Only the ranking matters: any strictly increasing transform keeps the AUC.
    assert ra.roc_auc_score(y, np.exp(3 * score) - 7) == pytest.approx(auc, rel=1e-12), (
        "AUC changed under a strictly increasing transform of the scores: only the ranking counts"
    )
    # Reversing the ranking or swapping the positive class mirrors it.
    assert ra.roc_auc_score(y, -score) == pytest.approx(1 - auc, rel=1e-12), (
        "AUC of the negated scores must be 1 - AUC"
    )
    assert ra.roc_auc_score(y, score, pos_label=0) == pytest.approx(1 - auc, rel=1e-12), (
        "pos_label=0 must make 0 the positive class, mirroring the AUC to 1 - AUC (do not "
        "assume the positive class is 1 or > 0)"
    )


def test_labels_minus_one_and_plus_one():
    y, score = [-1, -1, 1, 1, -1, 1], [0.2, 0.6, 0.4, 0.9, 0.1, 0.7]
    got = ra.roc_auc_score(y, score)
    expected = pairwise_auc(y, score, pos_label=1)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"AUC with labels -1/+1 is {got}, expected {expected}: the positive class is 1 and -1 "
        "is negative (cumsum(y_true) on -1/+1 labels does not count positives)"
    )


def test_string_labels_and_pos_label():
    y = ["spam", "ham", "spam", "ham", "ham"]
    score = [0.9, 0.2, 0.4, 0.5, 0.1]  # P(spam): pairs 0.9 > all, 0.4 beats 0.2 and 0.1
    assert ra.roc_auc_score(y, score, pos_label="spam") == pytest.approx(5 / 6, rel=1e-12), (
        "string labels and pos label"
    )
    got = ra.roc_auc_score(y, score)
    assert got == pytest.approx(5 / 6, rel=1e-12), (
        f"pos_label=None gave AUC {got}: None means the larger label ('spam' > 'ham')"
    )
    # Scores of 'spam' used with 'ham' as the positive class rank it backwards.
    assert ra.roc_auc_score(y, score, pos_label="ham") == pytest.approx(1 / 6, rel=1e-12), (
        "string labels and pos label"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_auc_matches_scikit_learn(seed):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(seed)
    for levels in (4, 1000):
        y, score = tied_scores(rng, 90, levels=levels)
        for labels in ([0, 1], [-1, 1], ["no", "yes"]):
            y_lab = np.asarray(labels)[y]
            assert ra.roc_auc_score(y_lab, score) == pytest.approx(
                metrics.roc_auc_score(y_lab, score), rel=1e-12
            )


# --- precision_recall_curve ----------------------------------------------------------------


def test_precision_recall_curve_by_hand():
    precision, recall, thresholds = ra.precision_recall_curve(Y, S)
    if len(precision) == len(thresholds):
        pytest.fail(
            f"precision_recall_curve returned {len(precision)} precisions for "
            f"{len(thresholds)} thresholds: append the closing point precision 1, recall 0 "
            "(one more value than thresholds, as scikit-learn)"
        )
    np.testing.assert_allclose(
        precision,
        [1 / 2, 2 / 3, 1 / 2, 1, 1],
        rtol=1e-12,
        err_msg="precision: precision recall curve by hand",
    )
    np.testing.assert_allclose(
        recall,
        [1, 1, 1 / 2, 1 / 2, 0],
        rtol=1e-12,
        err_msg="recall: precision recall curve by hand",
    )
    np.testing.assert_array_equal(
        thresholds, [0.1, 0.35, 0.4, 0.8], err_msg="thresholds: precision recall curve by hand"
    )


def test_precision_recall_curve_layout():
    precision, recall, thresholds = ra.precision_recall_curve(Y, S)
    assert len(precision) == len(recall) == len(thresholds) + 1, (
        f"lengths {len(precision)}, {len(recall)}, {len(thresholds)}: precision and recall "
        "have one more entry than thresholds, the closing point (recall 0, precision 1)"
    )
    assert precision[-1] == 1 and recall[-1] == 0, (
        f"the last point is (precision {precision[-1]}, recall {recall[-1]}): scikit-learn "
        "closes the curve with precision 1 at recall 0"
    )
    assert np.all(np.diff(thresholds) > 0), (
        f"thresholds {thresholds} must INCREASE (scikit-learn's order: the reverse of the ROC "
        "curve's), with recall decreasing along the arrays"
    )
    assert np.all(np.diff(recall) <= 0)


def test_precision_recall_curve_collapses_ties():
    # Threshold 0.5 holds one positive and one negative in either order.
    for y in ([1, 0, 1, 0], [0, 1, 1, 0]):
        precision, recall, thresholds = ra.precision_recall_curve(y, [0.5, 0.5, 0.9, 0.1])
        np.testing.assert_array_equal(
            thresholds,
            [0.1, 0.5, 0.9],
            err_msg="thresholds: precision recall curve collapses ties",
        )
        np.testing.assert_allclose(
            precision,
            [1 / 2, 2 / 3, 1, 1],
            rtol=1e-12,
            err_msg="precision: precision recall curve collapses ties",
        )
        np.testing.assert_allclose(
            recall,
            [1, 1, 1 / 2, 0],
            rtol=1e-12,
            err_msg="recall: precision recall curve collapses ties",
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_precision_recall_curve_matches_a_threshold_by_threshold_oracle(seed):
    y, score = tied_scores(np.random.default_rng(seed), 50)
    labels = np.array(["neg", "pos"])[y]
    precision, recall, thresholds = ra.precision_recall_curve(labels, score, pos_label="pos")
    t, tp, fp = threshold_oracle(labels, score, pos_label="pos")
    np.testing.assert_array_equal(
        thresholds,
        t[::-1],
        err_msg="thresholds: precision recall curve matches a threshold by threshold oracle",
    )
    np.testing.assert_allclose(precision[:-1], (tp / (tp + fp))[::-1], rtol=1e-12)
    np.testing.assert_allclose(recall[:-1], (tp / np.sum(y))[::-1], rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_precision_recall_curve_matches_scikit_learn(seed):
    metrics = import_sklearn("metrics")
    y, score = tied_scores(np.random.default_rng(seed), 80, levels=8)
    for labels, pos_label in [([0, 1], 1), ([-1, 1], 1), (["a", "b"], "a")]:
        y_lab = np.asarray(labels)[y]
        got = ra.precision_recall_curve(y_lab, score, pos_label=pos_label)
        expected = metrics.precision_recall_curve(y_lab, score, pos_label=pos_label)
        for name, g, e in zip(("precision", "recall", "thresholds"), got, expected, strict=True):
            assert np.shape(g) == np.shape(e), f"{name}: shape {np.shape(g)} vs {np.shape(e)}"
            np.testing.assert_allclose(g, e, rtol=1e-12, err_msg=name)


# --- average_precision_score ---------------------------------------------------------------


def test_average_precision_is_a_step_sum_without_interpolation():
    # Ranked: +, -, -, +, +. Precision at the hits: 1, 2/4, 3/5; each hit adds recall 1/3.
    y, score = [1, 0, 0, 1, 1], [5.0, 4.0, 3.0, 2.0, 1.0]
    got = ra.average_precision_score(y, score)
    interpolated = (1 + 3 / 5 + 3 / 5) / 3  # max precision at recall >= r
    if got == pytest.approx(interpolated, rel=1e-9):
        pytest.fail(
            "average precision was interpolated (max precision to the right): scikit-learn's AP "
            "is the plain step sum sum_n (R_n - R_(n-1)) P_n"
        )
    precision, recall, _ = ra.precision_recall_curve(y, score)
    if got == pytest.approx(abs(trapezoid(precision, recall)), rel=1e-9):
        pytest.fail("average precision used the trapezoid rule: use the step sum instead")
    assert got == pytest.approx((1 + 2 / 4 + 3 / 5) / 3, rel=1e-12), (
        "average precision is a step sum without interpolation"
    )


def test_average_precision_by_hand():
    # Highest first: 0.8 (positive, P = 1, R = 1/2), 0.4 (negative), 0.35 (positive, P = 2/3).
    got = ra.average_precision_score(Y, S)
    assert got == pytest.approx(1 / 2 * 1 + 1 / 2 * 2 / 3, rel=1e-12), (
        f"AP = {got}, expected 1/2 * 1 + 1/2 * 2/3: the precision at each hit times the "
        "recall it adds"
    )


@pytest.mark.parametrize("order", ["positive_first", "negative_first"])
def test_average_precision_with_tied_scores(order):
    # The tie at 0.5 holds one positive and one negative: they enter together, at precision
    # 2/3. Counting the positive first (precision 2/2) would give AP = 1.
    y = [1, 0, 1, 0] if order == "positive_first" else [0, 1, 1, 0]
    got = ra.average_precision_score(y, [0.5, 0.5, 0.9, 0.1])
    assert got == pytest.approx(1 / 2 * 1 + 1 / 2 * 2 / 3, rel=1e-12), (
        f"AP = {got}, expected 5/6: samples with equal scores share one threshold, so the tied "
        "positive is found at the precision of the whole tie group (2/3)"
    )


def test_average_precision_with_minus_one_and_plus_one_labels():
    y, score = [-1, -1, 1, 1, -1, 1], [0.2, 0.6, 0.4, 0.9, 0.1, 0.7]
    # Ranked: 0.9 +, 0.7 +, 0.6 -, 0.4 +: precision at the hits 1, 1, 3/4.
    got = ra.average_precision_score(y, score)
    assert got == pytest.approx((1 + 1 + 3 / 4) / 3, rel=1e-12), (
        f"AP with labels -1/+1 is {got}, expected 11/12: positives are the samples equal to 1"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_average_precision_invariants(seed):
    rng = np.random.default_rng(seed)
    y, score = tied_scores(rng, 60, levels=7)
    ap = ra.average_precision_score(y, score)
    perm = rng.permutation(60)
    assert ra.average_precision_score(y[perm], score[perm]) == pytest.approx(ap, rel=1e-12), (
        "AP changed when the samples were permuted"
    )
    assert ra.average_precision_score(y, 2 * score + 1) == pytest.approx(ap, rel=1e-12), (
        "AP changed under an increasing transform of the scores: only the ranking counts"
    )
    assert 0 < ap <= 1
    # Constant scores: AP = the fraction of positives (one threshold, recall 0 -> 1).
    assert ra.average_precision_score(y, np.zeros(60)) == pytest.approx(np.mean(y), rel=1e-12), (
        "AP of constant scores must be the fraction of positives (one threshold)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_average_precision_matches_scikit_learn(seed):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(seed)
    for levels in (3, 1000):
        y, score = tied_scores(rng, 90, levels=levels)
        for labels, pos_label in [([0, 1], 1), ([-1, 1], 1), (["x", "y"], "x")]:
            y_lab = np.asarray(labels)[y]
            expected = metrics.average_precision_score(y_lab, score, pos_label=pos_label)
            got = ra.average_precision_score(y_lab, score, pos_label=pos_label)
            assert got == pytest.approx(expected, rel=1e-12), (
                "average precision matches scikit learn"
            )


@pytest.mark.parametrize("name", ["roc_auc_score", "average_precision_score"])
def test_scores_return_python_floats(name):
    got = getattr(ra, name)(Y, S)
    assert isinstance(got, float), f"{name} returned {type(got).__name__}, expected float"


# --- bad input, inputs unchanged ------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "y_true, kwargs, match",
    [
        ([1, 1, 1, 1], {}, "two classes"),
        ([0, 1, 2, 1], {}, "two classes"),
        ([0, 0, 1, 1], {"pos_label": 2}, "pos_label"),
        (["a", "a", "b", "b"], {"pos_label": 1}, "pos_label"),
    ],
)
def test_labels_that_are_not_two_classes_are_a_value_error(name, y_true, kwargs, match):
    func = getattr(ra, name)
    func(Y, S)  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(y_true, S, **kwargs)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "y_true, y_score, match",
    [
        ([0, 1, 1], [0.1, 0.2], "y_true has 3 but y_score has 2 samples"),
        ([0, 1], [0.1, np.nan], "NaN"),
        ([0, 1], [[0.1, 0.9], [0.2, 0.8]], "1-D"),
        ([], [], "empty"),
    ],
)
def test_bad_input_is_a_value_error(name, y_true, y_score, match):
    func = getattr(ra, name)
    func(Y, S)
    with pytest.raises(ValueError, match=match):
        func(y_true, y_score)


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_not_modified(name):
    y, score = np.array([1, 0, 1, 1, 0]), np.array([0.3, 0.5, 0.3, 0.9, 0.1])
    with inputs_unchanged(name, y_true=y, y_score=score):
        getattr(ra, name)(y, score)


# --- complexity, without a clock: Python lines counted, peak memory measured -----------------


@pytest.mark.parametrize("name", NAMES)
def test_no_python_loop_over_the_thresholds(name):
    # 2000 samples with 2000 distinct scores. One sort and cumulative sums of the sorted
    # labels give TP and FP at every threshold: about 25 Python lines (the reference, or
    # np.unique with return_inverse and np.bincount). A loop over the thresholds, each
    # counting the samples scored above it, runs 4 lines per threshold: 8000.
    rng = np.random.default_rng(12)
    y = rng.integers(0, 2, 2000)
    score = y + rng.normal(size=2000)
    budget = 500
    lines = python_lines(getattr(ra, name), y, score, budget=budget)
    assert lines <= budget, (
        f"{name} of 2000 samples ran more than {budget} lines of Python: is there a Python "
        "loop over the thresholds (np.sum(y_score >= t) for each t)? That is O(n) per "
        "threshold, O(n^2) in all. Sort the scores once (highest first); np.cumsum of the "
        "sorted positives gives TP at every position, position + 1 - TP gives FP, and the "
        "last position of each run of tied scores is the point of that threshold"
    )


@pytest.mark.parametrize("name", NAMES)
def test_no_pairwise_or_threshold_by_sample_matrix(name):
    # 8000 samples, about 4000 positives and 3700 distinct scores. Comparing every positive
    # with every negative, an (n_pos, n_neg) boolean matrix, takes 16 MB (288 MB as float
    # differences); every threshold with every sample, (n_thresholds, n), 30 MB or more.
    # One sort and cumulative sums need O(n): 0.3 MB for the reference, 0.4 MB with
    # np.unique and np.bincount.
    rng = np.random.default_rng(13)
    y = rng.integers(0, 2, 8000)
    score = np.round(y + rng.normal(size=8000), 3)  # some ties
    getattr(ra, name)(Y, S)  # any one-time set-up is not counted
    got, peak = peak_memory(getattr(ra, name), y, score)
    assert peak < 4_000_000, (
        f"{name} of 8000 samples allocated {peak / 1e6:.0f} MB: is there a pairwise "
        "comparison of the positives with the negatives (pos[:, None] > neg[None, :]), or "
        "of every threshold with every sample? That is O(n^2) memory and time, hopeless "
        "at n = 10^5. Sort the scores once and take cumulative sums of the sorted labels: "
        "O(n log n) time, O(n) memory"
    )
    if name == "roc_auc_score":
        assert got == pytest.approx(sorted_search_auc(y, score), rel=1e-12), (
            f"roc_auc_score of 8000 samples with ties = {got}, expected "
            f"{sorted_search_auc(y, score)} (the fraction of positive-negative pairs "
            "ranked right, a tie counting 1/2)"
        )
