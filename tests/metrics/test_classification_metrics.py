"""Tests for metrics/classification_metrics: accuracy, confusion matrix, P/R/F1, log-loss."""

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

cm = load_kata("metrics/classification_metrics")

SCORES = ["precision_score", "recall_score", "f1_score"]
AVERAGES = ["binary", "macro", "micro", "weighted"]
EPS = np.finfo(np.float64).eps

# Binary: TP = 2 (samples 0, 1), FN = 2 (samples 2, 3), FP = 1 (sample 4), TN = 1 (sample 5).
BIN_TRUE = [1, 1, 1, 1, 0, 0]
BIN_PRED = [1, 1, 0, 0, 1, 0]

# Multiclass (the statement's worked example):
#   confusion matrix [[1, 1, 0], [0, 2, 0], [1, 0, 0]], supports [2, 2, 1].
MC_TRUE = [0, 0, 1, 1, 2]
MC_PRED = [0, 1, 1, 1, 0]
MC_PRECISION = np.array([1 / 2, 2 / 3, 0.0])  # label 2 is never predicted: 0/0 -> 0
MC_RECALL = np.array([1 / 2, 1.0, 0.0])
MC_F1 = np.array([2 / 4, 4 / 5, 0 / 1])  # 2 TP / (pred count + true count)
MC_SUPPORT = np.array([2, 2, 1])


def call(func, *args, what, **kwargs):
    """Call a metric; a 0/0 or log(0) (raised by the test harness) fails with ``what``."""
    try:
        return func(*args, **kwargs)
    except FloatingPointError as exc:
        pytest.fail(f"{what} (NumPy: {exc})")


def brute_force_confusion(y_true, y_pred, labels):
    """The oracle: count every (true, predicted) pair one sample at a time."""
    index = {label: i for i, label in enumerate(labels)}
    out = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        if t in index and p in index:
            out[index[t], index[p]] += 1
    return out


def oracle_scores(y_true, y_pred, average, zero_division):
    """Precision, recall and F1 from the brute-force confusion matrix, by the definitions."""
    labels = sorted(set(y_true) | set(y_pred))
    c = brute_force_confusion(y_true, y_pred, labels).astype(float)
    tp, pred, true = np.diag(c), c.sum(axis=0), c.sum(axis=1)
    if average == "micro":
        tp, pred, true = tp.sum(keepdims=True), pred.sum(keepdims=True), true.sum(keepdims=True)

    def ratio(a, b):
        return np.array([x / y if y > 0 else zero_division for x, y in zip(a, b, strict=True)])

    scores = [ratio(tp, pred), ratio(tp, true), ratio(2 * tp, pred + true)]
    if average == "weighted":
        return [float(np.sum(s * true) / np.sum(true)) for s in scores]
    return [float(np.mean(s)) for s in scores]


def random_labels(rng, n, labels):
    """y_true and a y_pred that agrees with it about 60% of the time."""
    labels = np.asarray(labels)
    y_true = labels[rng.integers(0, len(labels), n)]
    noise = labels[rng.integers(0, len(labels), n)]
    return y_true, np.where(rng.random(n) < 0.6, y_true, noise)


# --- accuracy --------------------------------------------------------------------------------


def test_accuracy_by_hand():
    got = cm.accuracy_score(MC_TRUE, MC_PRED)
    assert got == pytest.approx(3 / 5, rel=1e-12), f"accuracy gave {got}: 3 of 5 labels match"
    got = cm.accuracy_score(["cat", "dog", "dog", "bird"], ["cat", "dog", "cat", "cat"])
    assert got == pytest.approx(2 / 4, rel=1e-12), (
        f"accuracy of string labels gave {got}: 2 of 4 match (compare the labels elementwise)"
    )


def test_accuracy_of_perfect_and_of_all_wrong_predictions():
    y = np.array([3, 1, 2, 3])
    assert cm.accuracy_score(y, y) == 1.0, "accuracy of perfect predictions must be 1"
    assert cm.accuracy_score(y, y + 10) == 0.0, "accuracy of all-wrong predictions must be 0"


# --- confusion matrix ------------------------------------------------------------------------


def test_confusion_matrix_rows_are_true_labels_and_columns_predictions():
    expected = np.array([[1, 1, 0], [0, 2, 0], [1, 0, 0]])
    got = np.asarray(cm.confusion_matrix(MC_TRUE, MC_PRED))
    if got.shape == expected.shape and np.array_equal(got, expected.T):
        pytest.fail(
            "confusion_matrix is transposed: row i must count the samples whose TRUE label is "
            "labels[i], column j those PREDICTED as labels[j] (scikit-learn's layout)"
        )
    np.testing.assert_array_equal(got, expected)


def test_confusion_matrix_returns_integer_counts():
    got = cm.confusion_matrix(MC_TRUE, MC_PRED)
    assert isinstance(got, np.ndarray) and np.issubdtype(got.dtype, np.integer), (
        f"confusion_matrix returned {type(got).__name__} of dtype {getattr(got, 'dtype', '?')}: "
        "counts are an integer ndarray (int64, as scikit-learn)"
    )


def test_confusion_matrix_default_labels_are_the_sorted_union():
    # "ant" is only predicted and "cow" only true: both get a row and a column.
    got = np.asarray(cm.confusion_matrix(["cow", "bee", "bee"], ["bee", "bee", "ant"]))
    assert got.shape == (3, 3), (
        f"confusion_matrix has shape {got.shape}, expected (3, 3): the labels are the sorted "
        "union of y_true and y_pred (ant, bee, cow), including labels seen in only one of them"
    )
    np.testing.assert_array_equal(
        got, [[0, 0, 0], [1, 1, 0], [0, 1, 0]], err_msg="counts with labels (ant, bee, cow)"
    )


def test_confusion_matrix_works_for_labels_that_are_not_0_to_k_minus_1():
    got = np.asarray(cm.confusion_matrix([10, 30, 30, -5], [10, 10, 30, -5]))
    assert got.shape == (3, 3), (
        f"confusion_matrix of labels (-5, 10, 30) has shape {got.shape}: index rows by the "
        "position of each label in the sorted label set, not by the label's value"
    )
    np.testing.assert_array_equal(
        got, [[1, 0, 0], [0, 1, 0], [0, 1, 1]], err_msg="confusion_matrix of labels -5, 10, 30"
    )


def test_confusion_matrix_respects_the_order_of_labels():
    got = np.asarray(cm.confusion_matrix(MC_TRUE, MC_PRED, labels=[2, 0, 1]))
    expected = np.array([[0, 1, 0], [0, 1, 1], [0, 0, 2]])  # rows/columns in order 2, 0, 1
    assert np.array_equal(got, expected), (
        f"confusion_matrix(labels=[2, 0, 1]) gave\n{got}\nexpected\n{expected}\n"
        "rows and columns must follow the order given in labels, not the sorted order"
    )


def test_confusion_matrix_leaves_out_unlisted_labels_and_keeps_absent_ones():
    # Label 2 is not listed: the sample (true 2, pred 0) is left out. Label 7 never occurs.
    got = np.asarray(cm.confusion_matrix(MC_TRUE, MC_PRED, labels=[0, 1, 7]))
    expected = np.array([[1, 1, 0], [0, 2, 0], [0, 0, 0]])
    assert np.array_equal(got, expected), (
        f"confusion_matrix(labels=[0, 1, 7]) gave\n{got}\nexpected\n{expected}\nthe sample "
        "(true 2, predicted 0) must be left out, since 2 is not listed; 7 never occurs, so its "
        "row and column are zeros"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_confusion_matrix_matches_a_brute_force_count(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = random_labels(rng, 60, ["x", "y", "z", "w"])
    labels = sorted(set(y_true) | set(y_pred))
    got = np.asarray(cm.confusion_matrix(y_true, y_pred))
    np.testing.assert_array_equal(
        got,
        brute_force_confusion(y_true, y_pred, labels),
        err_msg="confusion_matrix against a sample-by-sample count (string labels)",
    )
    assert got.sum() == 60 and np.trace(got) == np.sum(y_true == y_pred), (
        "the counts must sum to n and the diagonal to the number of correct predictions"
    )
    subset = ["z", "x"]
    got = np.asarray(cm.confusion_matrix(y_true, y_pred, labels=subset))
    np.testing.assert_array_equal(
        got,
        brute_force_confusion(y_true, y_pred, subset),
        err_msg="confusion_matrix(labels=['z', 'x']): a subset in a given, unsorted order",
    )


@pytest.mark.parametrize("labels", [None, [2, 0, 1], [1, 5, 0]])
def test_confusion_matrix_matches_scikit_learn(labels):
    metrics = import_sklearn("metrics")
    y_true, y_pred = random_labels(np.random.default_rng(11), 80, [0, 1, 2])
    np.testing.assert_array_equal(
        cm.confusion_matrix(y_true, y_pred, labels=labels),
        metrics.confusion_matrix(y_true, y_pred, labels=labels),
        err_msg=f"confusion_matrix(labels={labels}) against scikit-learn's",
    )


# --- precision, recall, F1: binary -----------------------------------------------------------


def test_binary_scores_by_hand():
    precision = cm.precision_score(BIN_TRUE, BIN_PRED)
    recall = cm.recall_score(BIN_TRUE, BIN_PRED)
    if precision == pytest.approx(1 / 2) and recall == pytest.approx(2 / 3):
        pytest.fail("precision and recall are swapped: precision = TP / (TP + FP) = 2/3")
    assert precision == pytest.approx(2 / 3, rel=1e-12), "precision = TP / (TP + FP) = 2/3"
    assert recall == pytest.approx(2 / 4, rel=1e-12), "recall = TP / (TP + FN) = 2/4"
    assert cm.f1_score(BIN_TRUE, BIN_PRED) == pytest.approx(4 / 7, rel=1e-12), (
        "F1 = 2 TP / (2 TP + FP + FN) = 4/7"
    )


def test_pos_label_chooses_the_positive_class():
    # With 0 as positive: TP = 1 (sample 5), FP = 2 (samples 2, 3), FN = 1 (sample 4).
    got = [cm.precision_score(BIN_TRUE, BIN_PRED, pos_label=0)]
    got += [cm.recall_score(BIN_TRUE, BIN_PRED, pos_label=0)]
    got += [cm.f1_score(BIN_TRUE, BIN_PRED, pos_label=0)]
    assert got == pytest.approx([1 / 3, 1 / 2, 2 / 5], rel=1e-12), (
        f"pos_label=0 gave (P, R, F1) = {got}, expected (1/3, 1/2, 2/5): the positive class "
        "is pos_label, not whichever label is 1 or truthy"
    )


def test_binary_with_string_labels_uses_pos_label():
    y_true = ["spam", "spam", "ham", "ham", "ham"]
    y_pred = ["spam", "ham", "spam", "ham", "ham"]
    what = "with string labels the positive class is pos_label"
    got = cm.precision_score(y_true, y_pred, pos_label="spam")
    assert got == pytest.approx(1 / 2), f"precision(pos_label='spam') = {got}, not 1/2: {what}"
    got = cm.recall_score(y_true, y_pred, pos_label="ham")
    assert got == pytest.approx(2 / 3), f"recall(pos_label='ham') = {got}, not 2/3: {what}"
    got = cm.f1_score(y_true, y_pred, pos_label="ham")
    assert got == pytest.approx(4 / 6), f"f1(pos_label='ham') = {got}, not 4/6: {what}"


def test_binary_with_minus_one_plus_one_labels():
    y_true, y_pred = [1, 1, -1, -1, -1], [1, -1, 1, 1, -1]
    got = cm.precision_score(y_true, y_pred)
    assert got == pytest.approx(1 / 3, rel=1e-12), (
        f"precision with labels -1/+1 gave {got}, expected 1/3: the positive class is "
        "pos_label=1, and -1 is the negative class (it is not 'false' like 0, but not 1 either)"
    )


def test_binary_with_a_pos_label_that_is_not_a_label_is_a_value_error():
    y_true, y_pred = ["spam", "ham", "ham"], ["spam", "spam", "ham"]
    cm.precision_score(y_true, y_pred, pos_label="spam")  # works with a valid pos_label first
    for name in SCORES:
        with pytest.raises(ValueError, match="pos_label"):
            getattr(cm, name)(y_true, y_pred)  # pos_label=1 is not "spam" or "ham"


def test_binary_average_refuses_more_than_two_labels():
    cm.f1_score(MC_TRUE, MC_PRED, average="macro")  # works with another average first
    for name in SCORES:
        try:
            got = getattr(cm, name)(MC_TRUE, MC_PRED)  # average='binary' by default
        except ValueError as exc:
            assert "binary" in str(exc), f"{name}: the error must name 'binary', got: {exc}"
            continue
        pytest.fail(
            f"{name}(MC_TRUE, MC_PRED) with average='binary' returned {got}: the labels are "
            "0, 1 and 2, and 'binary' scores one positive class against one negative class. "
            "Raise a ValueError naming 'binary' when there are more than two labels"
        )


def test_binary_average_counts_labels_that_only_appear_in_the_predictions():
    # y_true holds two labels, but y_pred adds a third: the label set is the union, so this
    # is a 3-label problem and average='binary' has no meaning (scikit-learn refuses it too).
    y_true, y_pred = [0, 1, 1, 0], [0, 1, 2, 0]
    cm.f1_score(y_true, y_pred, average="macro")  # works with another average first
    for name in SCORES:
        try:
            got = getattr(cm, name)(y_true, y_pred)
        except ValueError as exc:
            assert "binary" in str(exc), f"{name}: the error must name 'binary', got: {exc}"
            continue
        pytest.fail(
            f"{name}({y_true}, {y_pred}) with average='binary' returned {got}: y_pred holds a "
            "third label, so there are 3 labels (the union of y_true and y_pred), not 2. "
            "Count the labels of both arrays before allowing average='binary'."
        )


def test_pos_label_is_ignored_by_the_other_averages():
    for name in SCORES:
        for average in ("macro", "micro", "weighted"):
            func = getattr(cm, name)
            plain = func(MC_TRUE, MC_PRED, average=average)
            assert func(MC_TRUE, MC_PRED, average=average, pos_label=2) == plain, (
                f"{name}(average={average!r}) changed with pos_label: it only matters for "
                "average='binary'"
            )


@pytest.mark.parametrize("seed", SEEDS)
def test_swapping_the_arguments_swaps_precision_and_recall(seed):
    y_true, y_pred = random_labels(np.random.default_rng(seed), 40, [0, 1])
    assert cm.precision_score(y_true, y_pred) == pytest.approx(
        cm.recall_score(y_pred, y_true), rel=1e-12
    ), "precision(y_true, y_pred) must equal recall(y_pred, y_true) (FP and FN swap)"
    assert cm.f1_score(y_true, y_pred) == pytest.approx(cm.f1_score(y_pred, y_true), rel=1e-12), (
        "F1 is symmetric in its two arguments"
    )


# --- zero_division ---------------------------------------------------------------------------


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_precision_with_no_predicted_positive_is_zero_division(zero_division):
    got = call(
        cm.precision_score,
        [1, 0, 1],
        [0, 0, 0],
        zero_division=zero_division,
        what="precision with nothing predicted positive divided 0 by 0: return zero_division",
    )
    assert got == zero_division, (
        f"precision with TP + FP = 0 gave {got}, expected zero_division={zero_division} "
        "(the zero_division argument must not be ignored, and never give NaN)"
    )


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_recall_with_no_true_positive_sample_is_zero_division(zero_division):
    got = call(
        cm.recall_score,
        [0, 0, 0],
        [1, 0, 1],
        zero_division=zero_division,
        what="recall with no positive in y_true divided 0 by 0: return zero_division",
    )
    assert got == zero_division, (
        f"recall with TP + FN = 0 gave {got}, expected zero_division={zero_division}"
    )


def test_f1_is_zero_division_only_when_tp_fp_and_fn_are_all_zero():
    what = "F1 divided 0 by 0: use 2 TP / (2 TP + FP + FN) and zero_division when that is 0/0"
    for zd in (1.0, 0.0):
        got = call(cm.f1_score, [0, 0], [0, 0], zero_division=zd, what=what)
        assert got == zd, (
            f"f1_score([0, 0], [0, 0], zero_division={zd}) gave {got}: TP + FP + FN = 0, so "
            "the score is zero_division"
        )
    # Precision is 0/0 here but recall is 0/1: F1 = 0 / (0 + 1) = 0 whatever zero_division.
    got = call(cm.f1_score, [1, 0], [0, 0], zero_division=1.0, what=what)
    assert got == 0.0, (
        f"f1_score([1, 0], [0, 0], zero_division=1.0) gave {got}: FN = 1, so F1 = 2TP / "
        "(2TP + FP + FN) = 0 is defined; zero_division only applies when TP + FP + FN = 0"
    )
    # Precision 0/1 and recall 0/1 are both 0: 2PR / (P + R) would be 0/0, but F1 = 0/2 = 0.
    got = call(cm.f1_score, [1, 0], [0, 1], zero_division=1.0, what=what)
    assert got == 0.0, (
        f"f1_score([1, 0], [0, 1], zero_division=1.0) gave {got}: TP = 0 with FP = FN = 1, so "
        "F1 = 2TP / (2TP + FP + FN) = 0. Computing 2PR / (P + R) from P = R = 0 hits 0/0; "
        "zero_division is only for TP + FP + FN = 0"
    )


def test_macro_precision_with_a_never_predicted_label_uses_zero_division():
    what = "macro precision divided 0 by 0 for a label nobody predicted: use zero_division"
    got0 = call(cm.precision_score, MC_TRUE, MC_PRED, average="macro", what=what)
    got1 = call(
        cm.precision_score, MC_TRUE, MC_PRED, average="macro", zero_division=1.0, what=what
    )
    assert not math.isnan(got0), "macro precision is NaN: label 2 is never predicted (0/0)"
    assert got0 == pytest.approx((1 / 2 + 2 / 3 + 0) / 3, rel=1e-12), (
        f"macro precision gave {got0}, expected (1/2 + 2/3 + 0) / 3"
    )
    assert got1 == pytest.approx((1 / 2 + 2 / 3 + 1) / 3, rel=1e-12), (
        "with zero_division=1.0 the never-predicted label 2 has precision 1"
    )


# --- averaging -------------------------------------------------------------------------------


def test_macro_scores_by_hand():
    got = [getattr(cm, name)(MC_TRUE, MC_PRED, average="macro") for name in SCORES]
    expected = [MC_PRECISION.mean(), MC_RECALL.mean(), MC_F1.mean()]
    assert got == pytest.approx(expected, rel=1e-12), (
        f"macro (P, R, F1) = {got}, expected {expected}: the plain mean of per-label scores"
    )


def test_macro_f1_is_the_mean_of_per_label_f1_not_f1_of_the_means():
    got = cm.f1_score(MC_TRUE, MC_PRED, average="macro")
    p, r = MC_PRECISION.mean(), MC_RECALL.mean()
    if got == pytest.approx(2 * p * r / (p + r), rel=1e-9):
        pytest.fail(
            "macro F1 was computed as the F1 of macro precision and macro recall: average the "
            "per-label F1 scores instead (scikit-learn's definition)"
        )
    assert got == pytest.approx(MC_F1.mean(), rel=1e-12), (
        f"macro F1 = {got}, expected the mean of per-label F1 {MC_F1.tolist()}"
    )


def test_macro_averages_only_over_labels_present_in_y_true_or_y_pred():
    # Labels {0, 2, 5}: per-label F1 = 1/2, 4/5, 2/3. Labels 1, 3, 4 appear nowhere.
    y_true, y_pred = [0, 0, 2, 2, 5, 5], [0, 2, 2, 2, 5, 0]
    per_label = np.array([1 / 2, 4 / 5, 2 / 3])
    got = cm.f1_score(y_true, y_pred, average="macro")
    if got == pytest.approx(per_label.sum() / 6, rel=1e-9):
        pytest.fail(
            "macro F1 averaged over labels 0..5, including 1, 3 and 4 that appear in neither "
            "y_true nor y_pred: the labels are the union of the two arrays, not range(max + 1)"
        )
    assert got == pytest.approx(per_label.mean(), rel=1e-12), (
        f"macro F1 = {got}, expected the mean of per-label F1 over labels 0, 2, 5"
    )


def test_macro_counts_labels_that_only_appear_in_the_predictions():
    # Label 2 is predicted once but never true: precision 0/1, recall 0/0 -> 0, F1 0/1.
    y_true, y_pred = [0, 0, 1, 1], [0, 2, 1, 1]
    got_p = cm.precision_score(y_true, y_pred, average="macro")
    got_r = cm.recall_score(y_true, y_pred, average="macro")
    if got_p == pytest.approx(1.0) or got_r == pytest.approx(0.75):
        pytest.fail(
            f"macro (P, R) = ({got_p}, {got_r}): the label set was taken from y_true only. "
            "Label 2 is predicted (a false positive) so it is a label too: use the union"
        )
    assert got_p == pytest.approx((1 + 1 + 0) / 3, rel=1e-12), (
        f"macro precision = {got_p}, expected (1 + 1 + 0) / 3 (label 2: 0 of 1 predicted)"
    )
    assert got_r == pytest.approx((1 / 2 + 1 + 0) / 3, rel=1e-12), (
        f"macro recall = {got_r}, expected (1/2 + 1 + 0) / 3 (label 2: 0/0 -> zero_division)"
    )


def test_weighted_average_weights_by_support():
    got = [getattr(cm, name)(MC_TRUE, MC_PRED, average="weighted") for name in SCORES]
    w = MC_SUPPORT / MC_SUPPORT.sum()
    expected = [w @ MC_PRECISION, w @ MC_RECALL, w @ MC_F1]
    pred_count = np.array([2, 3, 0])
    wrong = pred_count / pred_count.sum() @ MC_PRECISION
    if got[0] == pytest.approx(wrong, rel=1e-9):
        pytest.fail("weighted precision used predicted counts as weights: weight by support")
    assert got == pytest.approx(expected, rel=1e-12), (
        f"weighted (P, R, F1) = {got}, expected {expected}: weight each label's score by its "
        "support, the number of times it occurs in y_true"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_micro_average_equals_accuracy_for_single_label_data(seed):
    y_true, y_pred = random_labels(np.random.default_rng(seed), 50, ["a", "b", "c", "d"])
    accuracy = cm.accuracy_score(y_true, y_pred)
    for name in SCORES:
        got = getattr(cm, name)(y_true, y_pred, average="micro")
        assert got == pytest.approx(accuracy, rel=1e-12), (
            f"micro {name} = {got} but accuracy = {accuracy}: micro averaging sums TP, FP and "
            "FN over all labels before dividing, which for single-label data is the accuracy"
        )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("average", ["macro", "micro", "weighted"])
@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_scores_match_the_confusion_matrix_oracle(seed, average, zero_division):
    rng = np.random.default_rng(seed)
    # Sparse labels, some predicted but never true and the other way round.
    y_true = rng.choice([3, 7, 11, 20], size=25)
    y_pred = np.where(rng.random(25) < 0.5, y_true, rng.choice([3, 7, 11, 42], size=25))
    expected = oracle_scores(y_true.tolist(), y_pred.tolist(), average, zero_division)
    got = [
        getattr(cm, name)(y_true, y_pred, average=average, zero_division=zero_division)
        for name in SCORES
    ]
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-15), (
        f"(P, R, F1) with average={average!r}, zero_division={zero_division} = {got}, "
        f"a confusion-matrix oracle gives {expected}"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scores_do_not_depend_on_sample_order_or_label_names(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = random_labels(rng, 30, [0, 1, 2])
    perm = rng.permutation(30)
    names = np.array(["zebra", "ant", "moose"])  # a relabelling that changes the sort order
    for name in SCORES:
        func = getattr(cm, name)
        for average in ("macro", "weighted", "micro"):
            base = func(y_true, y_pred, average=average)
            assert func(y_true[perm], y_pred[perm], average=average) == pytest.approx(base), (
                f"{name}(average={average!r}) changed when the samples were permuted"
            )
            assert func(names[y_true], names[y_pred], average=average) == pytest.approx(base), (
                f"{name}(average={average!r}) changed when the labels were renamed to strings"
            )


@pytest.mark.parametrize("name", SCORES)
@pytest.mark.parametrize("average", AVERAGES)
@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_scores_match_scikit_learn(name, average, zero_division):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(3)
    if average == "binary":
        cases = [(random_labels(rng, 40, ["neg", "pos"]), "pos"), (([0, 0], [0, 0]), 1)]
        cases += [(random_labels(rng, 40, [-1, 1]), -1)]
    else:
        cases = [(random_labels(rng, 60, [0, 2, 5, 9]), 1), (([0, 0, 1], [0, 2, 2]), 1)]
        cases += [(random_labels(rng, 60, ["a", "b", "c"]), 1)]
    for (y_true, y_pred), pos_label in cases:
        kwargs = {"average": average, "zero_division": zero_division}
        if average == "binary":
            kwargs["pos_label"] = pos_label
        expected = getattr(metrics, name)(y_true, y_pred, **kwargs)
        got = getattr(cm, name)(y_true, y_pred, **kwargs)
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-15), (
            f"{name}({y_true!r}, {y_pred!r}, **{kwargs}) = {got}, scikit-learn: {expected}"
        )


@pytest.mark.parametrize("name", ["accuracy_score", *SCORES])
def test_scores_return_python_floats(name):
    got = getattr(cm, name)(BIN_TRUE, BIN_PRED)
    assert isinstance(got, float), f"{name} returned {type(got).__name__}, expected float"


def test_accuracy_matches_scikit_learn():
    metrics = import_sklearn("metrics")
    y_true, y_pred = random_labels(np.random.default_rng(4), 70, ["a", "b", "c"])
    expected = metrics.accuracy_score(y_true, y_pred)
    assert cm.accuracy_score(y_true, y_pred) == pytest.approx(expected, rel=1e-12), (
        "accuracy against scikit-learn's accuracy_score"
    )


# --- F-beta ----------------------------------------------------------------------------------

# The binary case of the statement: TP = 1, FN = 2, FP = 0 (P = 1, R = 1/3).
FB_TRUE, FB_PRED = [1, 1, 1, 0], [1, 0, 0, 0]


def fbeta_by_counts(tp, fp, fn, beta, zero_division=0.0):
    """The definition written out: (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP)."""
    b2 = beta**2
    den = (1 + b2) * tp + b2 * fn + fp
    return (1 + b2) * tp / den if den > 0 else zero_division


def test_fbeta_by_hand():
    for beta, expected in [(2.0, 5 / 13), (0.5, 1.25 / (1.25 + 0.25 * 2)), (3.0, 10 / 28)]:
        got = cm.fbeta_score(FB_TRUE, FB_PRED, beta=beta)
        if got == pytest.approx(fbeta_by_counts(1, 2, 0, beta), rel=1e-9):
            pytest.fail(
                f"fbeta_score(beta={beta}) = {got}: beta^2 weighs FP instead of FN. F_beta = "
                "(1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP): recall counts beta times as much"
            )
        b = beta  # the formula with beta where beta^2 belongs
        if got == pytest.approx((1 + b) * 1 / ((1 + b) * 1 + b * 2 + 0), rel=1e-9):
            pytest.fail(
                f"fbeta_score(beta={beta}) = {got}: beta was used where beta**2 belongs. "
                "F_beta = (1 + beta^2) TP / ((1 + beta^2) TP + beta^2 FN + FP)"
            )
        assert got == pytest.approx(expected, rel=1e-12), (
            f"fbeta_score({FB_TRUE}, {FB_PRED}, beta={beta}) = {got}, expected {expected} "
            "(TP = 1, FN = 2, FP = 0)"
        )


def test_fbeta_macro_is_the_mean_of_per_label_fbeta():
    # MC example per label (TP, FP, FN): 0 -> (1, 1, 1), 1 -> (2, 1, 0), 2 -> (0, 0, 1).
    per_label = [fbeta_by_counts(*c, beta=2.0) for c in [(1, 1, 1), (2, 1, 0), (0, 0, 1)]]
    got = cm.fbeta_score(MC_TRUE, MC_PRED, beta=2.0, average="macro")
    p, r = MC_PRECISION.mean(), MC_RECALL.mean()
    if got == pytest.approx(5 * p * r / (4 * p + r), rel=1e-9):
        pytest.fail(
            "macro F-beta was computed from macro precision and macro recall: average the "
            "per-label F-beta scores instead (as f1_score)"
        )
    assert got == pytest.approx(np.mean(per_label), rel=1e-12), (
        f"macro F2 = {got}, expected the mean of per-label F2 {per_label}"
    )
    got = cm.fbeta_score(MC_TRUE, MC_PRED, beta=2.0, average="weighted")
    expected = float(np.dot(per_label, MC_SUPPORT) / MC_SUPPORT.sum())
    assert got == pytest.approx(expected, rel=1e-12), (
        f"weighted F2 = {got}, expected {expected}: per-label F2 weighted by support [2, 2, 1]"
    )
    got = cm.fbeta_score(MC_TRUE, MC_PRED, beta=2.0, average="micro")
    assert got == pytest.approx(3 / 5, rel=1e-12), (
        f"micro F2 = {got}, expected 3/5: pooled FP = FN, so micro F-beta is the accuracy"
    )


def test_fbeta_of_beta_one_is_f1_and_beta_zero_is_precision():
    rng = np.random.default_rng(12)
    y_true, y_pred = random_labels(rng, 40, [0, 1, 2])
    for average in AVERAGES[1:]:
        got = cm.fbeta_score(y_true, y_pred, beta=1.0, average=average)
        expected = cm.f1_score(y_true, y_pred, average=average)
        assert got == pytest.approx(expected, rel=1e-12), (
            f"fbeta_score(beta=1, average={average!r}) = {got} but f1_score = {expected}"
        )
        got = cm.fbeta_score(y_true, y_pred, beta=0.0, average=average)
        expected = cm.precision_score(y_true, y_pred, average=average)
        assert got == pytest.approx(expected, rel=1e-12), (
            f"fbeta_score(beta=0, average={average!r}) = {got} but precision = {expected}"
        )


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_fbeta_zero_division(zero_division):
    what = "fbeta_score divided 0 by 0: use zero_division when the denominator is 0"
    got = call(cm.fbeta_score, [0, 0], [0, 0], beta=2.0, zero_division=zero_division, what=what)
    assert got == zero_division, (
        f"fbeta_score([0, 0], [0, 0]) gave {got}: TP = FP = FN = 0, so the score is "
        f"zero_division={zero_division}"
    )
    # P = 0/0 but R = 0/1: F2 = 0 / (0 + 4 * 1 + 0) = 0 is defined.
    got = call(cm.fbeta_score, [1, 0], [0, 0], beta=2.0, zero_division=zero_division, what=what)
    assert got == 0.0, (
        f"fbeta_score([1, 0], [0, 0], beta=2) gave {got}: FN = 1 makes the denominator "
        "b^2 FN = 4, so F2 = 0; zero_division is only for a zero denominator"
    )


@pytest.mark.parametrize("average", AVERAGES)
@pytest.mark.parametrize("beta", [0.0, 0.5, 2.0, 10.0])
def test_fbeta_matches_scikit_learn(average, beta):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(13)
    if average == "binary":
        cases = [(random_labels(rng, 40, ["neg", "pos"]), "pos"), (([0, 0], [0, 0]), 1)]
        cases += [(([1, 1, 0], [0, 0, 0]), 1), (random_labels(rng, 40, [-1, 1]), -1)]
    else:
        cases = [(random_labels(rng, 60, [0, 2, 5, 9]), 1), (([0, 0, 1], [0, 2, 2]), 1)]
    for zero_division in (0.0, 1.0):
        for (y_true, y_pred), pos_label in cases:
            kwargs = {"average": average, "zero_division": zero_division, "pos_label": pos_label}
            expected = metrics.fbeta_score(y_true, y_pred, beta=beta, **kwargs)
            got = cm.fbeta_score(y_true, y_pred, beta=beta, **kwargs)
            assert got == pytest.approx(expected, rel=1e-12, abs=1e-15), (
                f"fbeta_score({y_true!r}, {y_pred!r}, beta={beta}, **{kwargs}) = {got}, "
                f"scikit-learn: {expected}"
            )


def test_fbeta_returns_a_python_float_and_refuses_a_bad_beta():
    got = cm.fbeta_score(BIN_TRUE, BIN_PRED, beta=2.0)
    assert isinstance(got, float), f"fbeta_score returned {type(got).__name__}, expected float"
    for beta in (-1.0, np.inf):
        with pytest.raises(ValueError, match="beta"):
            cm.fbeta_score(BIN_TRUE, BIN_PRED, beta=beta)


# --- log-loss --------------------------------------------------------------------------------


def test_log_loss_binary_by_hand():
    # P(class 1) = 0.2 for a 0 (prob. 0.8 of the truth) and 0.9 for a 1.
    got = cm.log_loss([0, 1], [0.2, 0.9])
    assert got == pytest.approx(-(math.log(0.8) + math.log(0.9)) / 2, rel=1e-12), (
        f"log_loss([0, 1], [0.2, 0.9]) = {got}, expected -(log 0.8 + log 0.9) / 2: a 1-D "
        "proba is P(class 1), so a 0 scores log(1 - p)"
    )


def test_log_loss_columns_follow_the_sorted_labels():
    # First appearance order is dog, cat; the columns are in sorted order: cat, dog.
    y_true = ["dog", "cat", "dog"]
    proba = [[0.1, 0.9], [0.6, 0.4], [0.2, 0.8]]
    got = cm.log_loss(y_true, proba)
    expected = -(math.log(0.9) + math.log(0.6) + math.log(0.8)) / 3
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss = {got}, expected {expected}: column j of proba belongs to the j-th label "
        "in SORTED order (np.unique), as predict_proba's classes_, not in order of appearance"
    )


def test_log_loss_multiclass_by_hand():
    proba = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.5, 0.2], [0.25, 0.25, 0.5]]
    got = cm.log_loss([0, 2, 0, 1], proba)
    expected = -(math.log(0.7) + math.log(0.8) + math.log(0.3) + math.log(0.25)) / 4
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss = {got}, expected {expected}: the mean of -log proba[i, y_i] (natural log)"
    )


def test_log_loss_one_d_proba_is_the_probability_of_the_larger_label():
    # Labels -1 and 1: a 1-D proba is P(1); samples are (1, 0.9) and (-1, 0.3).
    got = cm.log_loss([1, -1], [0.9, 0.3])
    expected = -(math.log(0.9) + math.log(0.7)) / 2
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss([1, -1], [0.9, 0.3]) = {got}, expected {expected}: a 1-D proba is the "
        "probability of classes[1] (the larger label, here 1), whatever the labels are"
    )


def test_log_loss_one_d_and_two_column_forms_agree():
    rng = np.random.default_rng(8)
    y = rng.choice(["no", "yes"], size=20)
    p = rng.uniform(0.01, 0.99, size=20)
    assert cm.log_loss(y, p) == pytest.approx(
        cm.log_loss(y, np.column_stack([1 - p, p])), rel=1e-12
    ), "a 1-D proba p must score as the two columns [1 - p, p]"


def test_log_loss_clips_exact_zeros_and_ones():
    what = "log_loss took log(0): clip proba to [eps, 1 - eps] with eps = np.finfo(float).eps"
    got = call(cm.log_loss, [0, 1], [1.0, 0.0], what=what)  # both confidently wrong
    assert got == pytest.approx(-math.log(EPS), rel=1e-12), (
        f"log_loss of two certain mistakes gave {got}, expected -log(eps) = 36.04: clip with "
        "float64's machine epsilon (np.finfo(np.float64).eps), as scikit-learn >= 1.5"
    )
    got = call(cm.log_loss, [0, 1, 2], np.eye(3), what=what)  # perfect predictions
    assert got == pytest.approx(-math.log1p(-EPS), rel=1e-9, abs=0.0), (
        f"log_loss of certain correct predictions gave {got}, expected -log(1 - eps) = 2.2e-16: "
        "clip at the top as well as the bottom, to [eps, 1 - eps]"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_log_loss_matches_a_sample_by_sample_oracle(seed):
    rng = np.random.default_rng(seed)
    labels = np.array([4, 9, 13])
    y = labels[rng.integers(0, 3, 30)]
    y[:3] = labels  # every class present
    proba = rng.dirichlet(np.ones(3), size=30)
    expected = -sum(math.log(proba[i, list(labels).index(t)]) for i, t in enumerate(y)) / 30
    assert cm.log_loss(y, proba) == pytest.approx(expected, rel=1e-12), (
        "log_loss with labels 4, 9, 13 against a sample-by-sample sum"
    )
    perm = rng.permutation(30)
    assert cm.log_loss(y[perm], proba[perm]) == pytest.approx(expected, rel=1e-12), (
        "log_loss changed when the samples were permuted"
    )


@pytest.mark.parametrize("case", ["binary_1d", "binary_strings", "multiclass", "with_zeros"])
def test_log_loss_matches_scikit_learn(case):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(9)
    if case == "binary_1d":
        y, proba = rng.integers(0, 2, 40), rng.uniform(size=40)
    elif case == "binary_strings":
        y, proba = rng.choice(["ham", "spam"], 40), rng.dirichlet([1, 1], size=40)
    elif case == "multiclass":
        y, proba = rng.integers(0, 4, 40), rng.dirichlet(np.ones(4), size=40)
    else:
        y = np.array([0, 1, 2, 2])
        proba = np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0], [0, 0, 1.0]])
    what = "log_loss took log(0): clip proba to [eps, 1 - eps] first"
    assert call(cm.log_loss, y, proba, what=what) == pytest.approx(
        metrics.log_loss(y, proba), rel=1e-12
    ), f"log_loss ({case}) against scikit-learn's"


def test_log_loss_needs_at_least_two_classes():
    cm.log_loss([0, 1], [0.5, 0.5])  # works on good input first
    with pytest.raises(ValueError, match="class"):
        cm.log_loss([1, 1, 1], [0.9, 0.8, 0.7])


def test_log_loss_needs_one_column_per_class():
    cm.log_loss([0, 1, 2], np.full((3, 3), 1 / 3))  # works on good input first
    with pytest.raises(ValueError, match="class"):
        cm.log_loss([0, 1, 0], np.full((3, 3), 1 / 3))  # 3 columns, 2 classes
    with pytest.raises(ValueError, match="class"):
        cm.log_loss([0, 1, 2], [0.5, 0.5, 0.5])  # 1-D proba, 3 classes


@pytest.mark.parametrize(
    "proba, match",
    [
        ([0.5, 1.5], r"\[0, 1\]"),
        ([[0.5, 0.6], [0.5, 0.5]], "sum to 1"),
        ([0.5, np.nan], "NaN"),
        ([0.5, 0.5, 0.5], "y_true has 2 but proba has 3 samples"),
        (np.full((2, 1, 2), 0.5), "1-D or 2-D"),
    ],
)
def test_log_loss_bad_proba_is_a_value_error(proba, match):
    cm.log_loss([0, 1], [0.4, 0.6])  # works on good input first
    with pytest.raises(ValueError, match=match):
        cm.log_loss([0, 1], proba)


def test_log_loss_returns_a_python_float():
    got = cm.log_loss([0, 1], [0.5, 0.5])
    assert isinstance(got, float), f"log_loss returned {type(got).__name__}, expected float"


# --- log-loss with labels= -------------------------------------------------------------------


def test_log_loss_with_labels_scores_a_batch_that_lacks_a_class():
    # Only class 2 occurs; the columns stand for labels 0, 1, 2.
    proba = [[0.1, 0.1, 0.8], [0.2, 0.2, 0.6]]
    expected = -(math.log(0.8) + math.log(0.6)) / 2
    try:
        got = cm.log_loss([2, 2], proba, labels=[0, 1, 2])
    except ValueError as exc:
        pytest.fail(
            f"log_loss([2, 2], proba, labels=[0, 1, 2]) raised {exc!r}: with labels= the "
            "classes are the given labels, not the distinct values of y_true, so a batch "
            "holding one class can be scored"
        )
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss([2, 2], labels=[0, 1, 2]) = {got}, expected -(log 0.8 + log 0.6) / 2: "
        "class 2 is column 2 (its position in labels)"
    )


def test_log_loss_with_labels_finds_the_column_by_the_label_not_the_batch():
    # Class 0 is missing from the batch: classes 1 and 2 are columns 1 and 2, not 0 and 1.
    proba = np.array([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7], [0.6, 0.1, 0.3]])
    y = [1, 2, 2]
    expected = -(math.log(0.3) + math.log(0.7) + math.log(0.3)) / 3
    batch_columns = -(math.log(0.5) + math.log(0.2) + math.log(0.1)) / 3
    try:
        got = cm.log_loss(y, proba, labels=[0, 1, 2])
    except ValueError as exc:
        pytest.fail(
            f"log_loss({y}, labels=[0, 1, 2]) raised {exc!r}: with labels= the columns stand "
            "for the given labels even when the batch lacks some of them"
        )
    if got == pytest.approx(batch_columns, rel=1e-9):
        pytest.fail(
            f"log_loss({y}, labels=[0, 1, 2]) = {got}: the columns were indexed by the batch's "
            "own classes (np.unique(y_true) = [1, 2] -> columns 0, 1). The column of a label is "
            "its position in labels"
        )
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss({y}, labels=[0, 1, 2]) = {got}, expected {expected}"
    )


def test_log_loss_with_labels_and_a_one_d_proba():
    # A batch of one class: without labels it cannot be scored, with labels=[0, 1] it can.
    got = cm.log_loss([0, 0], [0.2, 0.3], labels=[0, 1])
    expected = -(math.log(0.8) + math.log(0.7)) / 2
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss([0, 0], [0.2, 0.3], labels=[0, 1]) = {got}, expected {expected}: a 1-D "
        "proba is P(labels[1]), so each 0 scores log(1 - p)"
    )
    got = cm.log_loss(["yes", "yes"], [0.9, 0.6], labels=["no", "yes"])
    expected = -(math.log(0.9) + math.log(0.6)) / 2
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss(['yes', 'yes'], [0.9, 0.6], labels=['no', 'yes']) = {got}, expected "
        f"{expected}: 'yes' is labels[1], so its probability is p itself"
    )


def test_log_loss_with_labels_that_match_y_true_changes_nothing():
    rng = np.random.default_rng(14)
    y = rng.integers(0, 3, 30)
    y[:3] = [0, 1, 2]
    proba = rng.dirichlet(np.ones(3), size=30)
    plain = cm.log_loss(y, proba)
    assert cm.log_loss(y, proba, labels=[0, 1, 2]) == pytest.approx(plain, rel=1e-12), (
        "labels=[0, 1, 2] on a batch that holds all three classes must give the plain log_loss"
    )


def test_log_loss_with_labels_refuses_a_label_outside_labels():
    cm.log_loss([0, 1], [0.4, 0.6], labels=[0, 1])  # works on good input first
    try:
        got = cm.log_loss([0, 3], [[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]], labels=[0, 1, 2])
    except ValueError as exc:
        assert "labels" in str(exc), f"the error should name labels: {exc}"
        return
    pytest.fail(
        f"log_loss([0, 3], ..., labels=[0, 1, 2]) returned {got}: the true label 3 is not one "
        "of labels, so no column holds its probability; raise a ValueError naming labels"
    )


def test_log_loss_with_labels_needs_one_column_per_label():
    cm.log_loss([0, 1], [[0.6, 0.4], [0.3, 0.7]], labels=[0, 1])  # works on good input first
    with pytest.raises(ValueError, match="class"):
        cm.log_loss([0, 1], [[0.6, 0.4], [0.3, 0.7]], labels=[0, 1, 2])  # 2 columns, 3 labels
    with pytest.raises(ValueError, match="class"):
        cm.log_loss([0, 1], [0.4, 0.6], labels=[0, 1, 2])  # 1-D proba, 3 labels


@pytest.mark.parametrize(
    "labels, match", [([1, 0], "sorted"), ([0], "two"), ([0, 1, 1], "duplicate")]
)
def test_log_loss_bad_labels_are_a_value_error(labels, match):
    cm.log_loss([0, 1], [0.4, 0.6], labels=[0, 1])  # works on good input first
    with pytest.raises(ValueError, match=match):
        cm.log_loss([0, 1], [0.4, 0.6], labels=labels)


@pytest.mark.parametrize("case", ["one_class_1d", "missing_middle", "strings", "all_present"])
def test_log_loss_with_labels_matches_scikit_learn(case):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(15)
    if case == "one_class_1d":
        y, proba, labels = np.ones(10, dtype=int), rng.uniform(size=10), [0, 1]
    elif case == "missing_middle":
        y, labels = rng.choice([0, 3], 20), [0, 1, 3]
        proba = rng.dirichlet(np.ones(3), size=20)
    elif case == "strings":
        y, labels = rng.choice(["b", "c"], 20), ["a", "b", "c", "d"]
        proba = rng.dirichlet(np.ones(4), size=20)
    else:
        y, labels = rng.integers(0, 3, 20), [0, 1, 2]
        y[:3] = labels
        proba = rng.dirichlet(np.ones(3), size=20)
    expected = metrics.log_loss(y, proba, labels=labels)
    got = cm.log_loss(y, proba, labels=labels)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"log_loss(labels={labels}) ({case}) = {got}, scikit-learn: {expected}"
    )


# --- bad input, inputs unchanged -------------------------------------------------------------

PAIR_FUNCTIONS = ["accuracy_score", "confusion_matrix", *SCORES]


def pair_function(name):
    """The metric ``name`` as a function of (y_true, y_pred); fbeta_score gets beta=2."""
    if name == "fbeta_score":
        return lambda y_true, y_pred, **kw: cm.fbeta_score(y_true, y_pred, beta=2.0, **kw)
    return getattr(cm, name)


@pytest.mark.parametrize("name", [*PAIR_FUNCTIONS, "fbeta_score"])
@pytest.mark.parametrize(
    "y_true, y_pred, match",
    [
        ([0, 1, 1], [0, 1], "y_true has 3 but y_pred has 2 samples"),
        ([[0, 1]], [[0, 1]], "1-D"),
        ([], [], "empty"),
        ([0.0, np.nan], [0.0, 1.0], "NaN"),
    ],
)
def test_bad_labels_are_a_value_error(name, y_true, y_pred, match):
    func = pair_function(name)
    func([0, 1, 1], [0, 1, 0])  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(y_true, y_pred)


@pytest.mark.parametrize("name", [*SCORES, "fbeta_score"])
@pytest.mark.parametrize(
    "kwargs, match",
    [({"average": "samples"}, "average"), ({"zero_division": 2.0}, "zero_division")],
)
def test_bad_options_are_a_value_error(name, kwargs, match):
    func = pair_function(name)
    func([0, 1, 1], [0, 1, 0])
    with pytest.raises(ValueError, match=match):
        func([0, 1, 1], [0, 1, 0], **kwargs)


def test_duplicate_labels_are_a_value_error():
    cm.confusion_matrix([0, 1], [0, 1], labels=[1, 0])
    with pytest.raises(ValueError, match="duplicate"):
        cm.confusion_matrix([0, 1], [0, 1], labels=[1, 0, 1])


@pytest.mark.parametrize("name", [*PAIR_FUNCTIONS, "fbeta_score"])
def test_label_inputs_are_not_modified(name):
    y_true, y_pred = np.array(MC_TRUE), np.array(MC_PRED)
    kwargs = {} if name in ("accuracy_score", "confusion_matrix") else {"average": "macro"}
    with inputs_unchanged(name, y_true=y_true, y_pred=y_pred):
        pair_function(name)(y_true, y_pred, **kwargs)


def test_log_loss_does_not_modify_its_inputs():
    y = np.array([0, 1, 1])
    proba = np.array([[1.0, 0.0], [0.3, 0.7], [0.0, 1.0]])  # exact 0s and 1s get clipped
    with inputs_unchanged("log_loss", y_true=y, proba=proba):
        cm.log_loss(y, proba)
    with inputs_unchanged("log_loss", y_true=y, proba=proba, labels=np.array([0, 1])):
        cm.log_loss(y, proba, labels=np.array([0, 1]))


# --- complexity, without a clock: Python lines counted, peak memory measured -----------------


def test_confusion_matrix_has_no_python_loop_over_samples_or_pairs_of_labels():
    # 5000 samples, 100 labels. Positions by np.searchsorted (or np.unique) and one
    # np.bincount of true * k + pred run about 20 Python lines (the reference 19); a loop
    # over the labels with a mask each, O(n k) but k steps, about 300. A loop over the
    # samples runs 3 lines per sample (15 000), a double loop over the (true, predicted)
    # pairs of labels 2 per pair (20 000).
    rng = np.random.default_rng(5)
    y_true, y_pred = rng.integers(0, 100, 5000), rng.integers(0, 100, 5000)
    budget = 1000
    lines = python_lines(cm.confusion_matrix, y_true, y_pred, budget=budget)
    assert lines <= budget, (
        f"confusion_matrix of 5000 samples and 100 labels ran more than {budget} lines of "
        "Python: is there a Python loop over the samples, or over every (true, predicted) "
        "pair of labels? Turn the labels into positions 0..k-1 at once (np.searchsorted on "
        "the sorted labels, or np.unique(..., return_inverse=True)) and count every cell "
        "with one np.bincount(true_idx * k + pred_idx, minlength=k * k)"
    )


def test_confusion_matrix_builds_no_samples_by_labels_matrix():
    # An (n, k) one-hot matrix per argument (for onehot_true.T @ onehot_pred) or an
    # (n, k) comparison y[:, None] == labels[None, :] takes 8 * k bytes per sample as numbers,
    # k as booleans; positions and one bincount need O(n + k^2), some 40-90 bytes per
    # sample. Measured: 20 000 samples, 40 labels: 0.9 MB for the reference and for a
    # np.searchsorted + np.add.at version, 13.6 MB for the one-hot product (checked first,
    # on few labels: an integer one-hot product is itself slow with many). 30 000 samples,
    # 400 labels: 2.1 and 2.5 MB, 27 MB for two boolean comparisons, 15 MB for one.
    cm.confusion_matrix([0, 1], [1, 0])  # any one-time set-up is not counted
    for n, k, limit in [(20_000, 40, 4e6), (30_000, 400, 8e6)]:
        rng = np.random.default_rng(6)
        y_true, y_pred = rng.integers(0, k, n), rng.integers(0, k, n)
        got, peak = peak_memory(cm.confusion_matrix, y_true, y_pred)
        assert peak < limit, (
            f"confusion_matrix of {n} samples and {k} labels allocated {peak / 1e6:.0f} MB: "
            "is there an (n_samples, n_labels) one-hot matrix, or a comparison "
            "y[:, None] == labels[None, :]? Find each sample's label position with "
            "np.searchsorted (or np.unique(..., return_inverse=True)) and count with one "
            "np.bincount: O(n + k^2) memory"
        )
        expected = np.zeros((k, k), dtype=np.int64)
        np.add.at(expected, (y_true, y_pred), 1)
        np.testing.assert_array_equal(
            np.asarray(got), expected, err_msg=f"confusion_matrix of {n} samples, {k} labels"
        )


def test_scores_have_no_python_loop_over_samples():
    # 5000 samples, 3 labels. Whole-array counts run 4 Python lines for accuracy, about 40
    # for a macro precision, recall or F1 (a loop over the 3 labels would be fine) and 14
    # for log_loss (the reference); a loop over the samples runs 5000 or more.
    rng = np.random.default_rng(22)
    y_true, y_pred = rng.integers(0, 3, 5000), rng.integers(0, 3, 5000)
    proba = rng.dirichlet(np.ones(3), 5000)
    budget = 200
    calls = [
        ("accuracy_score", (y_true, y_pred), {}),
        ("precision_score", (y_true, y_pred), {"average": "macro"}),
        ("recall_score", (y_true % 2, y_pred % 2), {}),
        ("f1_score", (y_true, y_pred), {"average": "weighted"}),
        ("fbeta_score", (y_true, y_pred, 2.0), {"average": "micro"}),
        ("log_loss", (y_true, proba), {}),
    ]
    for name, args, kwargs in calls:
        lines = python_lines(getattr(cm, name), *args, budget=budget, **kwargs)
        assert lines <= budget, (
            f"{name} on 5000 samples ran more than {budget} lines of Python: is there a "
            "Python loop over the samples? Count with whole-array comparisons and sums "
            "((y_true == c) & (y_pred == c)).sum(), or from the confusion matrix; for "
            "log_loss, pick each sample's probability by fancy indexing"
        )
