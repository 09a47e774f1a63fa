"""Tests for foundations/softmax: sigmoid, logsumexp, softmax, log_softmax."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_scipy, inputs_unchanged, load_kata, run_numerically

sm = load_kata("foundations/softmax")


def overflows_at(func, values):
    """The values of ``values`` at which ``func([value])`` raises a floating-point error."""
    return [v for v in values if run_numerically(func, np.array([v])).fp_error is not None]


# --- sigmoid ---------------------------------------------------------------------------


def test_sigmoid_hand_values():
    # sigmoid(log 3) = 1 / (1 + 1/3) = 3/4, and sigmoid(-log 3) = 1/4.
    got = sm.sigmoid([0.0, math.log(3.0), -math.log(3.0)])
    np.testing.assert_allclose(
        got, [0.5, 0.75, 0.25], rtol=1e-12, err_msg="sigmoid([0, log 3, -log 3])"
    )


def test_sigmoid_keeps_shape_and_returns_float64():
    z = np.arange(-3, 3).reshape(2, 3)  # integer input
    got = sm.sigmoid(z)
    assert got.shape == (2, 3), f"sigmoid changed the shape {z.shape} to {got.shape}"
    assert got.dtype == np.float64, f"sigmoid returned {got.dtype}, expected float64"


def test_sigmoid_does_not_overflow_at_1000():
    got, fp_error = run_numerically(sm.sigmoid, np.array([-1000.0, 1000.0]))
    if fp_error is not None:
        bad = overflows_at(sm.sigmoid, [-1000.0, 1000.0])
        if len(bad) == 2:
            why = (
                "it fails at both signs, which is what np.where(z >= 0, 1/(1+exp(-z)), "
                "exp(z)/(1+exp(z))) does: np.where evaluates BOTH branches for every element, "
                "so exp(z) overflows at z = 1000 in the branch you do not select"
            )
        elif bad == [-1000.0]:
            why = "exp(-z) is inf at z = -1000 (1 / (1 + exp(-z)) is only safe for z >= 0)"
        else:
            why = "exp(z) is inf at z = 1000 (exp(z) / (1 + exp(z)) is only safe for z < 0)"
        pytest.fail(
            f"sigmoid([-1000, 1000]) raised NumPy's '{fp_error}': {why}. Compute "
            "e = exp(-|z|), which lies in (0, 1], then 1 / (1 + e) for z >= 0 and e / (1 + e) "
            "for z < 0.",
            pytrace=False,
        )
    assert np.array_equal(got, [0.0, 1.0]), (
        f"sigmoid([-1000, 1000]) gave {got.tolist()}; in float64 the exact values round to "
        "0 and 1. A tiny non-zero value such as 7e-218 or 0.99999999999991 means z was "
        "clipped (here at +-500 or +-30): clipping changes the answer wherever |z| is above "
        "the clip level. Use exp(-|z|), which never overflows, instead of clipping."
    )


def test_sigmoid_keeps_relative_precision_in_the_lower_tail():
    z = np.array([-30.0, -700.0])
    expected = np.array([1 / (1 + math.exp(30.0)), math.exp(-700.0)])
    got = sm.sigmoid(z)
    assert np.all(got > 0), (
        f"sigmoid({z}) gave {got}: the tail cancelled to 0. Computing 1 - sigmoid(-z), "
        "0.5 * (1 + tanh(z / 2)), or clipping z, loses it; for z < 0 use exp(z) / (1 + exp(z))."
    )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-12,
        err_msg="sigmoid's lower tail is inexact: for z < 0 use exp(z) / (1 + exp(z)), with "
        "no subtraction from 1",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_is_symmetric(seed):
    z = np.random.default_rng(seed).normal(scale=5, size=50)
    np.testing.assert_allclose(
        sm.sigmoid(z) + sm.sigmoid(-z), 1.0, rtol=1e-12, err_msg="sigmoid(z) + sigmoid(-z) = 1"
    )


def test_sigmoid_matches_scipy():
    special = import_scipy("special")
    z = np.linspace(-50, 50, 101).reshape(1, -1, 1)
    np.testing.assert_allclose(
        sm.sigmoid(z), special.expit(z), rtol=1e-12, err_msg="sigmoid against scipy's expit"
    )


def test_sigmoid_does_not_modify_its_input():
    z = np.random.default_rng(11).normal(size=(3, 4))
    with inputs_unchanged("sigmoid", z=z):
        sm.sigmoid(z)


# --- logsumexp ---------------------------------------------------------------------------


def test_logsumexp_hand_values():
    np.testing.assert_allclose(
        sm.logsumexp([0.0, 0.0]), math.log(2.0), rtol=1e-12, err_msg="logsumexp([0, 0]) = log 2"
    )
    np.testing.assert_allclose(
        sm.logsumexp([math.log(2.0), math.log(6.0)]),
        math.log(8.0),
        rtol=1e-12,
        err_msg="logsumexp([log 2, log 6]) = log 8",
    )


@pytest.mark.parametrize("value", [1000.0, -1000.0])
def test_logsumexp_is_stable_for_large_magnitudes(value):
    z = np.array([value, value])
    got, fp_error = run_numerically(sm.logsumexp, z)
    what = "exp(1000) overflows to inf" if value > 0 else "exp(-1000) underflows to 0, log(0)"
    assert fp_error is None and np.isfinite(got), (
        f"logsumexp([{value}, {value}]) gave {got}"
        + (f" (NumPy: {fp_error})" if fp_error else "")
        + f": {what}. Shift by the max before exp: logsumexp(z) = m + log(sum(exp(z - m)))."
    )
    np.testing.assert_allclose(
        got, value + math.log(2.0), rtol=1e-12, err_msg=f"logsumexp([{value}, {value}])"
    )


def test_logsumexp_shifts_each_slice_by_its_own_max():
    z = np.array([[1000.0, 1000.0], [-1000.0, -1000.0]])
    got, fp_error = run_numerically(sm.logsumexp, z, axis=1)
    assert fp_error is None and np.all(np.isfinite(got)), (
        f"logsumexp of rows at +1000 and -1000 gave {got}"
        + (f" (NumPy: {fp_error})" if fp_error else "")
        + ": shift each slice by its own max (np.max(z, axis=axis, keepdims=True)), not by "
        "the global max, or the row at -1000 underflows to log(0)"
    )
    np.testing.assert_allclose(
        got,
        [1000.0 + math.log(2.0), -1000.0 + math.log(2.0)],
        rtol=1e-12,
        err_msg="logsumexp of the rows [1000, 1000] and [-1000, -1000]",
    )


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
def test_logsumexp_reduces_the_given_axis(axis):
    z = np.random.default_rng(0).normal(size=(2, 3, 4))
    expected = np.log(np.sum(np.exp(z), axis=axis))  # safe: |z| is small here
    got = sm.logsumexp(z, axis=axis)
    assert np.shape(got) == expected.shape, (
        f"logsumexp(z of shape {z.shape}, axis={axis}) has shape {np.shape(got)}, "
        f"expected {expected.shape}: reduce the given axis"
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg=f"logsumexp of a 3-D z along axis={axis}"
    )


@pytest.mark.parametrize(
    "shape, axis, expected_shape",
    [((1, 4), -1, (1,)), ((4, 1), 0, (1,)), ((1, 3, 1), 1, (1, 1)), ((1, 1), 0, (1,))],
)
def test_logsumexp_keeps_other_length_one_axes(shape, axis, expected_shape):
    # A batch of one sample is a (1, k) array: only the reduced axis may disappear.
    z = np.random.default_rng(10).normal(size=shape)
    got = sm.logsumexp(z, axis=axis)
    assert np.shape(got) == expected_shape, (
        f"logsumexp(z of shape {shape}, axis={axis}) has shape {np.shape(got)}, expected "
        f"{expected_shape}: np.squeeze without axis= also drops the other length-1 axes "
        "(a batch of one sample); squeeze only the reduced axis"
    )
    np.testing.assert_allclose(
        got,
        np.log(np.exp(z).sum(axis=axis)),
        rtol=1e-12,
        err_msg=f"logsumexp of shape {shape} along axis={axis}",
    )


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_logsumexp_keepdims_keeps_the_reduced_axis_in_place(axis):
    z = np.random.default_rng(1).normal(size=(2, 3, 4))
    expected = np.log(np.exp(z).sum(axis=axis, keepdims=True))
    got = sm.logsumexp(z, axis=axis, keepdims=True)
    if np.ndim(got) < z.ndim:
        why = "keepdims=True was ignored: keep the reduced axis with length 1"
    else:
        why = (
            "keep the reduced axis with length 1 where it was (np.max/np.sum with "
            "keepdims=True), not appended at the end"
        )
    assert np.shape(got) == expected.shape, (
        f"logsumexp(z of shape (2, 3, 4), axis={axis}, keepdims=True) has shape "
        f"{np.shape(got)}, expected {expected.shape}: {why}"
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg=f"logsumexp keepdims=True along axis={axis}"
    )


def test_logsumexp_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(2).normal(scale=300, size=(4, 6))
    for axis in (0, 1):
        np.testing.assert_allclose(
            sm.logsumexp(z, axis=axis),
            special.logsumexp(z, axis=axis),
            rtol=1e-12,
            err_msg=f"logsumexp against scipy at logits of scale 300, axis={axis}",
        )


def test_logsumexp_does_not_modify_its_input():
    z = np.random.default_rng(12).normal(size=(3, 4))
    with inputs_unchanged("logsumexp", z=z):
        sm.logsumexp(z, axis=0)


# --- softmax -----------------------------------------------------------------------------


def test_softmax_hand_values():
    z = np.array([1.0, 2.0, 3.0])
    e = np.array([math.exp(1), math.exp(2), math.exp(3)])
    np.testing.assert_allclose(
        sm.softmax(z), e / e.sum(), rtol=1e-12, err_msg="softmax([1, 2, 3])"
    )


def test_softmax_of_equal_logits_is_uniform():
    np.testing.assert_allclose(
        sm.softmax(np.zeros(4)), np.full(4, 0.25), rtol=1e-12, err_msg="softmax of 4 zeros"
    )


@pytest.mark.parametrize(
    "shape, axis",
    [
        ((5,), -1),
        ((5,), 0),
        ((3, 4), -1),
        ((3, 4), 1),
        ((3, 4), 0),
        ((2, 3, 4), 1),
        ((2, 3, 4), 0),
        ((2, 3, 4), -1),
        ((2, 3, 4), -2),
    ],
)
def test_softmax_sums_to_one_along_the_given_axis(shape, axis):
    z = np.random.default_rng(3).normal(scale=3, size=shape)
    got = sm.softmax(z, axis=axis)
    assert got.shape == z.shape, f"softmax changed the shape {z.shape} to {got.shape}"
    sums = got.sum(axis=axis)
    assert np.allclose(sums, 1.0, rtol=1e-12), (
        f"softmax(z of shape {shape}, axis={axis}) does not sum to 1 along axis {axis} "
        f"(sums: {np.round(sums, 4).ravel()[:4]}...): normalize along the axis argument, "
        "with keepdims=True so the sum broadcasts back"
    )
    assert np.all(got >= 0), f"softmax gave negative values {got[got < 0][:3]}"


def test_softmax_of_large_logits_does_not_overflow():
    z = np.array([[1000.0, 1000.0], [1000.0, 0.0]])
    got, fp_error = run_numerically(sm.softmax, z)
    assert fp_error is None and np.all(np.isfinite(got)), (
        f"softmax([[1000, 1000], [1000, 0]]) gave {got.tolist()}"
        + (f" (NumPy: {fp_error})" if fp_error else "")
        + ": exp(1000) overflows to inf and inf / inf is NaN. Subtract the max along the axis "
        "first: softmax(z) = softmax(z - max(z))."
    )
    np.testing.assert_allclose(
        got, [[0.5, 0.5], [1.0, 0.0]], atol=1e-300, err_msg="softmax of logits at 1000"
    )


def test_softmax_shifts_each_row_by_its_own_max():
    z = np.array([[1000.0, 1000.0], [-1000.0, -1000.0]])
    got, fp_error = run_numerically(sm.softmax, z)
    assert fp_error is None and np.all(np.isfinite(got)), (
        f"softmax of the rows [1000, 1000] and [-1000, -1000] gave {got.tolist()}"
        + (f" (NumPy: {fp_error})" if fp_error else "")
        + ": shift each row by its own max (np.max(z, axis=axis, keepdims=True)), not by the "
        "global max: after a global shift the second row is exp(-2000) = 0, and 0 / 0 is NaN"
    )
    np.testing.assert_allclose(got, 0.5, rtol=1e-12, err_msg="each row of equal logits is uniform")


def test_softmax_default_axis_is_the_last():
    z = np.random.default_rng(4).normal(size=(3, 4))
    sums = sm.softmax(z).sum(axis=-1)
    assert np.allclose(sums, 1.0, rtol=1e-12), (
        f"softmax(z) of a (3, 4) z has row sums {sums}: the default axis is -1 (the last)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_is_invariant_to_a_shift_per_row(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(5, 7))
    shift = rng.normal(scale=100, size=(5, 1))
    np.testing.assert_allclose(
        sm.softmax(z + shift), sm.softmax(z), rtol=1e-9, err_msg="softmax(z + c) = softmax(z)"
    )


def test_softmax_does_not_modify_its_input():
    z = np.random.default_rng(5).normal(size=(4, 3))
    with inputs_unchanged("softmax", z=z):
        sm.softmax(z)


def test_softmax_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(6).normal(scale=10, size=(3, 4, 5))
    for axis in (0, 1, 2):
        np.testing.assert_allclose(
            sm.softmax(z, axis=axis),
            special.softmax(z, axis=axis),
            rtol=1e-12,
            err_msg=f"softmax of a 3-D z against scipy, axis={axis}",
        )


# --- log_softmax ---------------------------------------------------------------------------


def test_log_softmax_is_exact_where_softmax_underflows():
    got, fp_error = run_numerically(sm.log_softmax, np.array([0.0, -1000.0]))
    if fp_error is not None or not np.all(np.isfinite(got)):
        pytest.fail(
            f"log_softmax([0, -1000]) gave {got}: log(softmax(z)) takes log of an underflowed "
            "0 (exp(-1000) is 0 in float64). Compute z - logsumexp(z) instead."
            + (f"\n(NumPy raised: {fp_error})" if fp_error else ""),
            pytrace=False,
        )
    if got[1] > -999.0:
        pytest.fail(
            f"log_softmax([0, -1000]) gave {got}: the second entry should be -1000. A value "
            "like -690.8 is log(1e-300): clipping the probabilities before the log only hides "
            "the underflow. Compute z - logsumexp(z), which is exact.",
            pytrace=False,
        )
    np.testing.assert_allclose(
        got, [0.0, -1000.0], rtol=1e-12, atol=1e-300, err_msg="log_softmax([0, -1000])"
    )


def test_log_softmax_is_stable_for_large_logits():
    z = np.array([1000.0, 1000.0, 0.0])
    got, fp_error = run_numerically(sm.log_softmax, z)
    assert fp_error is None and np.all(np.isfinite(got)), (
        f"log_softmax([1000, 1000, 0]) gave {got}"
        + (f" (NumPy: {fp_error})" if fp_error else "")
        + ": exp(1000) overflowed. Use z - logsumexp(z) with logsumexp shifted by the max."
    )
    np.testing.assert_allclose(
        got,
        [-math.log(2), -math.log(2), -1000.0 - math.log(2)],
        rtol=1e-12,
        err_msg="log_softmax([1000, 1000, 0])",
    )


@pytest.mark.parametrize("axis", [0, 1, 2, -2])
def test_log_softmax_of_a_3d_array_normalizes_the_given_axis(axis):
    z = np.random.default_rng(13).normal(size=(2, 3, 4))
    got = sm.log_softmax(z, axis=axis)
    assert np.shape(got) == z.shape, f"log_softmax changed the shape {z.shape} to {got.shape}"
    sums = np.exp(got).sum(axis=axis)
    assert np.allclose(sums, 1.0, rtol=1e-12), (
        f"exp(log_softmax(z, axis={axis})) of a (2, 3, 4) z sums to {sums.ravel()[:4]}... "
        f"along axis {axis}, not 1: subtract logsumexp(z, axis=axis, keepdims=True)"
    )
    e = np.exp(z)
    np.testing.assert_allclose(
        got,
        np.log(e / e.sum(axis=axis, keepdims=True)),
        rtol=1e-12,
        err_msg=f"log_softmax of a 3-D z along axis={axis}",
    )


@pytest.mark.parametrize("axis", [0, -1])
def test_log_softmax_equals_log_of_softmax_for_moderate_logits(axis):
    z = np.random.default_rng(7).normal(size=(4, 5))
    e = np.exp(z)
    expected = np.log(e / e.sum(axis=axis, keepdims=True))
    got = sm.log_softmax(z, axis=axis)
    sums = np.exp(got).sum(axis=axis)
    assert np.allclose(sums, 1.0, rtol=1e-12), (
        f"exp(log_softmax(z, axis={axis})) of a (4, 5) z sums to {sums.round(4)} along axis "
        f"{axis}, not 1: subtract logsumexp(z, axis=axis, keepdims=True)"
    )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-12,
        err_msg=f"log_softmax of a (4, 5) z along axis={axis}: normalize along the given axis",
    )


def test_log_softmax_does_not_modify_its_input():
    z = np.random.default_rng(8).normal(size=(2, 6))
    with inputs_unchanged("log_softmax", z=z):
        sm.log_softmax(z)


def test_log_softmax_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(9).normal(scale=400, size=(5, 3))
    for axis in (0, 1):
        np.testing.assert_allclose(
            sm.log_softmax(z, axis=axis),
            special.log_softmax(z, axis=axis),
            rtol=1e-12,
            err_msg=f"log_softmax against scipy at logits of scale 400, axis={axis}",
        )


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sigmoid", "logsumexp", "softmax", "log_softmax"])
def test_nan_input_is_a_value_error(name):
    func = getattr(sm, name)
    func([0.0, 1.0])  # works on good input first
    with pytest.raises(ValueError, match="NaN"):
        func([0.0, np.nan])


@pytest.mark.parametrize("name", ["logsumexp", "softmax", "log_softmax"])
def test_axis_out_of_range_is_a_value_error(name):
    func = getattr(sm, name)
    func(np.zeros((2, 3)), axis=1)
    with pytest.raises(ValueError, match="axis"):
        func(np.zeros((2, 3)), axis=2)
