"""Tests for neural/losses: mse_loss, softmax_cross_entropy, binary_cross_entropy_with_logits."""

import math

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    inputs_unchanged,
    load_kata,
    numerical_gradient,
    relative_error,
    run_numerically,
)

mod = load_kata("neural/losses")


# --- the test's own reference losses, written from the definitions --------------------------


def ref_mse(pred, target):
    return float(np.mean((pred - target) ** 2))


def ref_log_softmax(z):
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def ref_softmax_ce(z, y):
    return float(-ref_log_softmax(z)[np.arange(len(y)), y].mean())


def ref_bce(z, y):
    # log(1 + e^z) - y z, with the softplus written stably.
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def ref_sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def as_float(loss, name):
    assert np.ndim(loss) == 0, (
        f"{name} returned a loss of shape {np.shape(loss)}: the loss is one number (a mean), "
        "a Python float"
    )
    return float(loss)


def check_gradient(name, got, expected, wrong=()):
    """Compare with a central-difference gradient, naming a recognisable mistake first."""
    got = np.asarray(got)
    assert got.shape == expected.shape, (
        f"{name} has shape {got.shape}, expected {expected.shape} (the shape of the array it "
        "is the gradient of)"
    )
    err = relative_error(got, expected)
    if err > 1e-6:
        for looks_like, candidate in wrong:
            if np.allclose(got, candidate, rtol=1e-7, atol=1e-15):
                pytest.fail(f"{name} looks like {looks_like} (relative error {err:.1e})")
        pytest.fail(
            f"{name} does not match the central-difference gradient of the loss (relative "
            f"error {err:.1e})"
        )


def call_without_fp_error(func, args, what, causes):
    """Call func(*args); on a NumPy floating-point error, fail naming the likely cause.

    ``causes`` maps a word of NumPy's message ("overflow", "divide", "invalid") to the
    mistake that produces it.
    """
    value, fp_error = run_numerically(func, *args)
    if fp_error is not None:
        why = next((c for word, c in causes.items() if word in fp_error), "")
        pytest.fail(f"{what} raised NumPy's '{fp_error}': {why}", pytrace=False)
    return value


# ============================== mse_loss ===================================================


def mse_loss(pred, target):
    return mod.mse_loss(pred, target)


def test_mse_hand_worked():
    loss, dpred = mse_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
    # diff = [0, 2, 3]: mean of squares 13 / 3; gradient 2 * diff / 3.
    if math.isclose(loss, 13 / 6):
        pytest.fail("mse_loss gave 13/6: the kata's MSE has no factor 1/2 (mean of squares)")
    if math.isclose(loss, 13.0):
        pytest.fail("mse_loss gave 13 = the SUM of squares: the loss is the mean over elements")
    assert math.isclose(loss, 13 / 3, rel_tol=1e-12), f"mse_loss gave {loss}, expected 13/3"
    dpred = np.asarray(dpred)
    named = [
        ([0.0, 2 / 3, 1.0], "diff / size: the derivative of diff**2 is 2 diff"),
        ([0.0, 4.0, 6.0], "2 * diff, not divided by size: the mean's 1/size stays in dpred"),
        ([0.0, -4 / 3, -2.0], "2 (target - pred) / size: the sign is flipped"),
    ]
    for wrong, what in named:
        if dpred.shape == (3,) and np.allclose(dpred, wrong):
            pytest.fail(f"dpred looks like {what}")
    np.testing.assert_allclose(
        dpred, [0.0, 4 / 3, 2.0], rtol=1e-12, err_msg="dpred = 2 (pred - target) / size"
    )


def test_mse_divides_by_every_element_not_by_rows():
    # (2, 3): size 6, not n = 2.
    pred = np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 3.0]])
    loss, dpred = mse_loss(pred, np.zeros((2, 3)))
    if math.isclose(loss, 14 / 2):
        pytest.fail(
            "mse_loss on a (2, 3) array gave sum / 2: divide by every element (6), not by rows"
        )
    assert math.isclose(loss, 14 / 6, rel_tol=1e-12), f"mse_loss gave {loss}, expected 14/6"
    if np.allclose(dpred, 2 * pred / 2):
        pytest.fail("dpred was divided by the number of rows (2), not by pred.size (6)")
    np.testing.assert_allclose(dpred, 2 * pred / 6, rtol=1e-12, err_msg="dpred = 2 diff / 6")


MSE_SHAPES = [(1,), (1, 1), (4, 3), (2, 3, 4)]
MSE_IDS = ["n=1", "1x1", "4x3", "2x3x4"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", MSE_SHAPES, ids=MSE_IDS)
def test_mse_gradient_matches_central_differences(shape, seed):
    rng = np.random.default_rng(seed)
    pred, target = rng.normal(size=shape), rng.normal(size=shape)
    loss, dpred = mse_loss(pred, target)
    assert math.isclose(as_float(loss, "mse_loss"), ref_mse(pred, target), rel_tol=1e-12), (
        "mse_loss != mean((pred - target) ** 2)"
    )
    expected = numerical_gradient(lambda p: ref_mse(p, target), pred)
    diff, size, rows = pred - target, pred.size, shape[0]
    check_gradient(
        "dpred",
        dpred,
        expected,
        [
            ("diff / size: the factor 2 is missing", diff / size),
            ("2 diff / n_rows: divide by pred.size, every element", 2 * diff / rows),
            ("2 diff: the mean's 1/size is missing", 2 * diff),
        ],
    )


def test_mse_returns_float64_for_integer_input():
    loss, dpred = mse_loss(np.array([[1, 2]]), np.array([[0, 0]]))
    assert np.asarray(dpred).dtype == np.float64, f"dpred has dtype {np.asarray(dpred).dtype}"
    assert math.isclose(as_float(loss, "mse_loss"), 2.5), f"mse_loss gave {loss}, expected 2.5"


# ============================== softmax_cross_entropy =====================================


def sce(logits, y):
    return mod.softmax_cross_entropy(logits, y)


def test_softmax_ce_hand_worked():
    loss, dlogits = sce([[0.0, 0.0]], [1])
    if np.ndim(loss) == 0 and abs(loss) < 1e-12:
        pytest.fail(
            "softmax_cross_entropy([[0, 0]], [1]) gave 0: softmax over axis 0 (the batch) "
            "makes every entry of a single row 1. The classes are axis 1, one distribution "
            "per row"
        )
    assert math.isclose(as_float(loss, "softmax_cross_entropy"), math.log(2.0), rel_tol=1e-12), (
        f"softmax_cross_entropy([[0, 0]], [1]) gave {loss}, expected log 2"
    )
    dlogits = np.asarray(dlogits)
    if dlogits.shape == (1, 2) and np.allclose(dlogits, [[-0.5, 0.5]]):
        pytest.fail("dlogits is onehot - softmax: the gradient is softmax - onehot(y)")
    np.testing.assert_allclose(
        dlogits, [[0.5, -0.5]], rtol=1e-12, err_msg="dlogits = softmax(z) - onehot(y), n = 1"
    )


def test_softmax_ce_divides_dlogits_by_the_batch_size():
    # Two samples: p = softmax([1, 2, 3]) for both rows, labels 2 and 0.
    z = np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])
    y = np.array([2, 0])
    e = np.exp([1.0, 2.0, 3.0])
    p = e / e.sum()
    per_sample = [-math.log(p[2]), -math.log(p[0])]
    loss, dlogits = sce(z, y)
    if math.isclose(loss, sum(per_sample), rel_tol=1e-9):
        pytest.fail(
            "softmax_cross_entropy gave the SUM over the batch; the loss is the mean over the "
            "n samples"
        )
    assert math.isclose(loss, sum(per_sample) / 2, rel_tol=1e-12), (
        f"softmax_cross_entropy gave {loss}, expected the mean {sum(per_sample) / 2}"
    )
    onehot = np.eye(3)[y]
    expected = (p - onehot) / 2
    dlogits = np.asarray(dlogits)
    if dlogits.shape == (2, 3) and np.allclose(dlogits, p - onehot):
        pytest.fail(
            "dlogits is softmax - onehot without the 1/n: the loss is a mean over the batch, "
            "so dlogits must be divided by the batch size n"
        )
    np.testing.assert_allclose(
        dlogits, expected, rtol=1e-12, err_msg="dlogits = (softmax - onehot(y)) / n"
    )


def test_softmax_ce_scores_each_row_against_its_own_label():
    z = np.array([[2.0, 0.0, -1.0], [0.5, 1.5, 0.0], [0.0, 0.0, 3.0], [1.0, -1.0, 0.0]])
    y = np.array([0, 2, 1, 0])
    log_p = ref_log_softmax(z)
    loss, _ = sce(z, y)
    if math.isclose(loss, -log_p[:, y].mean(), rel_tol=1e-9):
        pytest.fail(
            "the loss is the mean of logp[:, y], an (n, n) matrix that scores every sample "
            "against every label: index logp[np.arange(n), y]"
        )
    col_log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    if math.isclose(loss, -col_log_p[np.arange(4), y].mean(), rel_tol=1e-9):
        pytest.fail(
            "softmax was taken over axis 0 (the batch): the classes are axis 1, one "
            "distribution per row"
        )
    assert math.isclose(loss, ref_softmax_ce(z, y), rel_tol=1e-12), (
        f"softmax_cross_entropy gave {loss}, expected {ref_softmax_ce(z, y)}"
    )


SCE_SHAPES = [(1, 2), (1, 4), (5, 3), (3, 7)]
SCE_IDS = ["n=1 C=2", "n=1 C=4", "5x3", "3x7"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", SCE_SHAPES, ids=SCE_IDS)
def test_softmax_ce_gradient_matches_central_differences(shape, seed):
    rng = np.random.default_rng(seed)
    n, c = shape
    z = rng.normal(scale=2.0, size=shape)
    y = rng.integers(0, c, size=n)
    loss, dlogits = sce(z, y)
    assert math.isclose(
        as_float(loss, "softmax_cross_entropy"), ref_softmax_ce(z, y), rel_tol=1e-12, abs_tol=1e-15
    ), "softmax_cross_entropy != mean over rows of logsumexp(z_i) - z_i[y_i]"
    expected = numerical_gradient(lambda v: ref_softmax_ce(v, y), z)
    p, onehot = np.exp(ref_log_softmax(z)), np.eye(c)[y]
    col_softmax = np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)
    check_gradient(
        "dlogits",
        dlogits,
        expected,
        [
            ("(softmax - onehot) without the 1/n: divide by the batch size", p - onehot),
            ("(onehot - softmax) / n: the sign is flipped", (onehot - p) / n),
            ("softmax over axis 0: the classes are axis 1", (col_softmax - onehot) / n),
        ],
    )


def test_softmax_ce_with_a_single_class_is_zero():
    # C = 1: softmax is [1] whatever the logit, so the loss and its gradient are 0 (up to
    # rounding, which is why this is not a relative-error check).
    loss, dlogits = sce([[3.0], [-2.0]], [0, 0])
    assert abs(loss) < 1e-12, f"with one class the loss is 0, got {loss}"
    np.testing.assert_allclose(dlogits, np.zeros((2, 1)), atol=1e-12, err_msg="one class")


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_ce_is_invariant_to_a_shift_of_each_row(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(6, 4))
    y = rng.integers(0, 4, size=6)
    shift = rng.normal(scale=50.0, size=(6, 1))
    loss, dlogits = sce(z, y)
    loss2, dlogits2 = sce(z + shift, y)
    assert math.isclose(loss, loss2, rel_tol=1e-10), "adding a constant to a row changed the loss"
    np.testing.assert_allclose(dlogits2, dlogits, rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(
        np.sum(dlogits, axis=1), 0.0, atol=1e-15, err_msg="each row of dlogits sums to 0"
    )


def test_softmax_ce_at_logits_1000_is_exact():
    z = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0]])
    y = np.array([0, 2])
    loss, dlogits = call_without_fp_error(
        sce,
        (z, y),
        "softmax_cross_entropy at logits of magnitude 1000",
        {
            "overflow": "exp(1000) is inf. Subtract each row's max before exp (log-sum-exp)",
            "divide": "a probability underflowed to 0 and its log was taken. Compute the "
            "log-softmax directly, z - logsumexp(z), never log(softmax(z))",
            "invalid": "inf / inf or inf - inf: exp(1000) overflowed. Subtract each row's max "
            "before exp",
        },
    )
    # Row 0: its label has the max logit, loss 0; row 1: logsumexp = 1000, loss 1000 - 0.
    assert np.isfinite(loss) and np.all(np.isfinite(dlogits)), (
        f"softmax_cross_entropy gave loss {loss} and dlogits {dlogits}: not finite"
    )
    if 10 < loss < 400:
        pytest.fail(
            f"softmax_cross_entropy at logits ±1000 gave {loss:.4g}, not 500: the probability "
            "was clipped before the log (log(1e-15) is -34.5, not -1000). Use the log-softmax "
            "z - logsumexp(z)"
        )
    assert math.isclose(loss, 500.0, rel_tol=1e-12), (
        f"softmax_cross_entropy gave {loss}, expected (0 + 1000) / 2 = 500"
    )
    np.testing.assert_allclose(
        dlogits,
        [[0.0, 0.0, 0.0], [0.0, 0.5, -0.5]],
        atol=1e-300,
        err_msg="dlogits at logits 1e3: (softmax - onehot) / 2",
    )


def test_softmax_ce_takes_no_log_of_an_underflowed_probability():
    z = np.array([[0.0, -1000.0]])
    with fp_diagnosis(
        "softmax_cross_entropy([[0, -1000]], [1]) raised a floating-point error: the "
        "probability of class 1 underflows to 0 and log(0) is -inf. Compute the log-softmax "
        "directly, z - logsumexp(z), never log(softmax(z))"
    ):
        loss, _ = sce(z, [1])
    if 30 < loss < 800:
        pytest.fail(
            f"softmax_cross_entropy([[0, -1000]], [1]) gave {loss:.4g}, not 1000: the "
            "probability was clipped before the log. Use the log-softmax z - logsumexp(z)"
        )
    assert math.isclose(loss, 1000.0, rel_tol=1e-12), f"expected 1000, got {loss}"


def test_softmax_ce_shifts_each_row_by_its_own_max():
    # One row at +1000, one at -1000: a single global shift underflows the second row.
    z = np.array([[1000.0, 1000.0], [-1000.0, -1000.0]])
    with fp_diagnosis(
        "softmax_cross_entropy raised a floating-point error on a row at +1000 next to a row "
        "at -1000: shift each ROW by its own max (axis=1, keepdims=True), not by the max of "
        "the whole array"
    ):
        loss, dlogits = sce(z, [0, 1])
    assert math.isclose(loss, math.log(2.0), rel_tol=1e-12), f"expected log 2, got {loss}"
    np.testing.assert_allclose(dlogits, [[-0.25, 0.25], [0.25, -0.25]], rtol=1e-12)


def test_softmax_ce_accepts_integral_float_labels_and_returns_float64():
    loss, dlogits = sce(np.array([[1, 0], [0, 1]]), np.array([0.0, 1.0]))
    assert np.asarray(dlogits).dtype == np.float64
    assert math.isclose(loss, math.log(1 + math.exp(-1.0)), rel_tol=1e-12)


# ============================== binary_cross_entropy_with_logits ==========================


def bce(logits, y):
    return mod.binary_cross_entropy_with_logits(logits, y)


def test_bce_hand_worked():
    loss, dlogits = bce([0.0, 0.0], [1.0, 0.0])
    assert math.isclose(as_float(loss, "binary_cross_entropy_with_logits"), math.log(2.0)), (
        f"bce([0, 0], [1, 0]) gave {loss}, expected log 2"
    )
    dlogits = np.asarray(dlogits)
    if dlogits.shape == (2,) and np.allclose(dlogits, [-0.5, 0.5]):
        pytest.fail("dlogits is sigmoid(z) - y without the 1/size: the loss is a mean")
    if dlogits.shape == (2,) and np.allclose(dlogits, [0.25, -0.25]):
        pytest.fail("dlogits is (y - sigmoid(z)) / size: the sign is flipped")
    np.testing.assert_allclose(
        dlogits, [-0.25, 0.25], rtol=1e-12, err_msg="dlogits = (sigmoid(z) - y) / size"
    )
    # z = [2, -1], y = [1, 0]: losses log(1 + e^-2) and log(1 + e^-1).
    loss, dlogits = bce([[2.0, -1.0]], [[1.0, 0.0]])
    expected = (math.log1p(math.exp(-2.0)) + math.log1p(math.exp(-1.0))) / 2
    if math.isclose(loss, 2 * expected, rel_tol=1e-9):
        pytest.fail(
            "bce([[2, -1]], [[1, 0]]) is the sum over the row: divide by every element "
            "(logits.size = 2), not by the number of rows (1)"
        )
    assert math.isclose(loss, expected, rel_tol=1e-12), f"bce gave {loss}, expected {expected}"


def test_bce_means_over_every_element():
    z = np.array([[2.0, -1.0, 0.5], [0.0, 1.0, -3.0]])
    y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    per_element = np.logaddexp(0.0, z) - y * z
    loss, dlogits = bce(z, y)
    if math.isclose(loss, per_element.sum() / 2, rel_tol=1e-9):
        pytest.fail("bce was divided by the number of rows (2), not by every element (6)")
    if math.isclose(loss, per_element.sum(), rel_tol=1e-9):
        pytest.fail("bce is the SUM over elements: the loss is the mean over all elements")
    assert math.isclose(loss, per_element.mean(), rel_tol=1e-12), f"bce gave {loss}"
    if np.allclose(dlogits, (ref_sigmoid(z) - y) / 2):
        pytest.fail("dlogits was divided by the number of rows (2), not by logits.size (6)")
    np.testing.assert_allclose(dlogits, (ref_sigmoid(z) - y) / 6, rtol=1e-12)


BCE_SHAPES = [(1,), (1, 1), (4,), (3, 5), (2, 3, 4)]
BCE_IDS = ["n=1", "1x1", "4", "3x5", "2x3x4"]


@pytest.mark.parametrize("soft", [False, True], ids=["0/1 targets", "soft targets"])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", BCE_SHAPES, ids=BCE_IDS)
def test_bce_gradient_matches_central_differences(shape, seed, soft):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3.0, size=shape)
    y = rng.random(size=shape) if soft else rng.integers(0, 2, size=shape).astype(float)
    loss, dlogits = bce(z, y)
    assert math.isclose(
        as_float(loss, "binary_cross_entropy_with_logits"), ref_bce(z, y), rel_tol=1e-12
    ), "bce != mean(log(1 + e^z) - y z)"
    expected = numerical_gradient(lambda v: ref_bce(v, y), z)
    s = ref_sigmoid(z)
    check_gradient(
        "dlogits",
        dlogits,
        expected,
        [
            ("sigmoid(z) - y without the 1/size: the loss is a mean", s - y),
            ("(sigmoid(z) - y) / n_rows: divide by logits.size", (s - y) / shape[0]),
            ("(y - sigmoid(z)) / size: the sign is flipped", (y - s) / z.size),
        ],
    )


def test_bce_at_logits_1000_is_exact():
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    stable = "the loss is max(z, 0) - y z + log1p(exp(-|z|)), whose exponent is never positive"
    loss, dlogits = call_without_fp_error(
        bce,
        (z, y),
        "binary_cross_entropy_with_logits at logits ±1000",
        {
            "divide": "the log of a sigmoid: sigmoid(-1000) is 0 in float64 and log(0) is "
            "-inf. Never take the log of a sigmoid; " + stable,
            "overflow": "exp(1000) is inf (a softplus log(1 + exp(z)) written as it reads, "
            "or a naive sigmoid); " + stable,
            "invalid": "0 * log(0) or inf - inf: never take the log of a sigmoid; " + stable,
        },
    )
    assert np.isfinite(loss) and np.all(np.isfinite(dlogits)), f"bce gave {loss}, {dlogits}"
    # Right with certainty: 0; wrong with certainty: |z| = 1000. Mean (0 + 0 + 1000 + 1000) / 4.
    if 10 < loss < 400:
        pytest.fail(
            f"bce at logits ±1000 gave {loss:.4g}, not 500: a clipped probability (log(1e-15) "
            "is -34.5, not -1000). Use the log-sum-exp form max(z, 0) - y z + log1p(exp(-|z|))"
        )
    assert math.isclose(loss, 500.0, rel_tol=1e-12), f"bce gave {loss}, expected 500"
    np.testing.assert_allclose(
        dlogits, [0.0, 0.0, 0.25, -0.25], atol=1e-300, err_msg="(sigmoid(z) - y) / 4"
    )


def test_bce_is_exact_where_one_minus_sigmoid_rounds_to_zero():
    # sigmoid(40) rounds to 1 in float64, so log(1 - sigmoid(40)) is log(0); the loss is
    # log(1 + e^40) = 40 + log1p(e^-40).
    z = np.array([40.0, -40.0])
    y = np.array([0.0, 1.0])
    with fp_diagnosis(
        "bce([40, -40], [0, 1]) raised a floating-point error: 1 - sigmoid(40) is exactly 0 "
        "in float64 and its log is -inf. Never take the log of a sigmoid: use "
        "max(z, 0) - y z + log1p(exp(-|z|))"
    ):
        loss, _ = bce(z, y)
    expected = 40.0 + math.log1p(math.exp(-40.0))
    assert math.isclose(loss, expected, rel_tol=1e-12), (
        f"bce([40, -40], [0, 1]) gave {loss}, expected {expected}: the log of 1 - sigmoid "
        "loses everything once sigmoid rounds to 1"
    )


# ============================== all three: inputs and bad input ===========================


def test_inputs_are_not_modified():
    rng = np.random.default_rng(4)
    pred, target = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    with inputs_unchanged("mse_loss", pred=pred, target=target):
        mse_loss(pred, target)
    z, y = rng.normal(size=(4, 3)), np.array([0, 2, 1, 1])
    with inputs_unchanged("softmax_cross_entropy", logits=z, y=y):
        sce(z, y)
    zb, yb = rng.normal(size=(2, 3)), rng.integers(0, 2, size=(2, 3)).astype(float)
    with inputs_unchanged("binary_cross_entropy_with_logits", logits=zb, y=yb):
        bce(zb, yb)


@pytest.mark.parametrize(
    "pred_shape, target_shape", [((4, 1), (4,)), ((3,), (4,)), ((2, 3), (3, 2))]
)
def test_mse_mismatched_shapes_are_a_value_error(pred_shape, target_shape):
    mse_loss(np.ones(3), np.zeros(3))
    with pytest.raises(ValueError, match="shape"):
        mse_loss(np.ones(pred_shape), np.zeros(target_shape))


@pytest.mark.parametrize(
    "y, match",
    [
        ([0, 3], "0..2"),  # class 3 of 3 classes: out of range
        ([0, -1], "0..2"),
        ([0, 1, 2], "y"),  # one label too many
        ([[1, 0, 0], [0, 1, 0]], "y"),  # one-hot rows
        ([0.5, 1.0], "integer"),
    ],
    ids=["too large", "negative", "wrong length", "one-hot", "fractional"],
)
def test_softmax_ce_bad_labels_are_a_value_error(y, match):
    z = np.zeros((2, 3))
    sce(z, [0, 2])
    with pytest.raises(ValueError, match=match):
        sce(z, y)


@pytest.mark.parametrize(
    "z_shape, y",
    [((4, 1), np.zeros(4)), ((3,), np.array([0.0, 1.0, 1.5])), ((2,), np.array([-0.1, 1.0]))],
    ids=["(n, 1) against (n,)", "target above 1", "negative target"],
)
def test_bce_bad_targets_are_a_value_error(z_shape, y):
    bce(np.zeros(2), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="y"):
        bce(np.zeros(z_shape), y)


def test_nan_is_a_value_error():
    mse_loss(np.ones(2), np.zeros(2))
    with pytest.raises(ValueError, match="NaN"):
        mse_loss([1.0, np.nan], [0.0, 0.0])
    with pytest.raises(ValueError, match="NaN"):
        sce([[0.0, np.nan]], [0])
    with pytest.raises(ValueError, match="NaN"):
        bce([0.0, np.nan], [0.0, 1.0])
