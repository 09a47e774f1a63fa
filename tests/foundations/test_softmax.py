"""Tests for foundations/softmax: sigmoid, logsumexp, softmax, log_softmax."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_scipy, inputs_unchanged, load_kata

sm = load_kata("foundations/softmax")


# --- sigmoid ---------------------------------------------------------------------------


def test_sigmoid_hand_values():
    # sigmoid(log 3) = 1 / (1 + 1/3) = 3/4, and sigmoid(-log 3) = 1/4.
    got = sm.sigmoid([0.0, math.log(3.0), -math.log(3.0)])
    np.testing.assert_allclose(got, [0.5, 0.75, 0.25], rtol=1e-12)


def test_sigmoid_keeps_shape_and_returns_float64():
    z = np.arange(-3, 3).reshape(2, 3)  # integer input
    got = sm.sigmoid(z)
    assert got.shape == (2, 3), f"sigmoid changed the shape {z.shape} to {got.shape}"
    assert got.dtype == np.float64, f"sigmoid returned {got.dtype}, expected float64"


def test_sigmoid_saturates_without_overflow_at_1000():
    got = sm.sigmoid([-1000.0, 1000.0])
    assert np.all(np.isfinite(got)), f"sigmoid(+-1000) gave {got}: exp overflowed"
    np.testing.assert_array_equal(got, [0.0, 1.0])


def test_sigmoid_keeps_relative_precision_in_the_lower_tail():
    z = np.array([-30.0, -700.0])
    expected = np.array([1 / (1 + math.exp(30.0)), math.exp(-700.0)])
    got = sm.sigmoid(z)
    assert np.all(got > 0), (
        f"sigmoid({z}) gave {got}: the tail cancelled to 0. Computing 1 - sigmoid(-z), or "
        "clipping z, loses it; for z < 0 use exp(z) / (1 + exp(z))."
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg="sigmoid tail is inexact")


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_is_symmetric(seed):
    z = np.random.default_rng(seed).normal(scale=5, size=50)
    np.testing.assert_allclose(sm.sigmoid(z) + sm.sigmoid(-z), 1.0, rtol=1e-12)


def test_sigmoid_matches_scipy():
    special = import_scipy("special")
    z = np.linspace(-50, 50, 101).reshape(1, -1, 1)
    np.testing.assert_allclose(sm.sigmoid(z), special.expit(z), rtol=1e-12)


# --- logsumexp ---------------------------------------------------------------------------


def test_logsumexp_hand_values():
    np.testing.assert_allclose(sm.logsumexp([0.0, 0.0]), math.log(2.0), rtol=1e-12)
    np.testing.assert_allclose(sm.logsumexp([math.log(2.0), math.log(6.0)]), math.log(8.0))


@pytest.mark.parametrize("value", [1000.0, -1000.0])
def test_logsumexp_is_stable_for_large_magnitudes(value):
    got = sm.logsumexp([value, value])
    assert np.isfinite(got), (
        f"logsumexp([{value}, {value}]) gave {got}: shift by the max before exp "
        "(exp(1000) overflows, exp(-1000) underflows to 0 and log(0) = -inf)"
    )
    np.testing.assert_allclose(got, value + math.log(2.0), rtol=1e-12)


def test_logsumexp_shifts_each_slice_by_its_own_max():
    z = np.array([[1000.0, 1000.0], [-1000.0, -1000.0]])
    got = sm.logsumexp(z, axis=1)
    assert np.all(np.isfinite(got)), (
        f"logsumexp of rows at +1000 and -1000 gave {got}: shift each slice by its own max "
        "(np.max(z, axis=axis, keepdims=True)), not by the global max"
    )
    np.testing.assert_allclose(got, [1000.0 + math.log(2.0), -1000.0 + math.log(2.0)])


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
def test_logsumexp_reduces_the_given_axis(axis):
    z = np.random.default_rng(0).normal(size=(2, 3, 4))
    expected = np.log(np.sum(np.exp(z), axis=axis))  # safe: |z| is small here
    got = sm.logsumexp(z, axis=axis)
    assert np.shape(got) == expected.shape, (
        f"logsumexp(z of shape {z.shape}, axis={axis}) has shape {np.shape(got)}, "
        f"expected {expected.shape}: reduce the given axis"
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12)


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
    np.testing.assert_allclose(got, np.log(np.exp(z).sum(axis=axis)), rtol=1e-12)


def test_logsumexp_keepdims_keeps_a_length_one_axis():
    z = np.random.default_rng(1).normal(size=(3, 5))
    got = sm.logsumexp(z, axis=1, keepdims=True)
    assert np.shape(got) == (3, 1), f"keepdims=True should give shape (3, 1), got {np.shape(got)}"
    np.testing.assert_allclose(got[:, 0], np.log(np.exp(z).sum(axis=1)), rtol=1e-12)


def test_logsumexp_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(2).normal(scale=300, size=(4, 6))
    for axis in (0, 1):
        np.testing.assert_allclose(
            sm.logsumexp(z, axis=axis), special.logsumexp(z, axis=axis), rtol=1e-12
        )


# --- softmax -----------------------------------------------------------------------------


def test_softmax_hand_values():
    z = np.array([1.0, 2.0, 3.0])
    e = np.array([math.exp(1), math.exp(2), math.exp(3)])
    np.testing.assert_allclose(sm.softmax(z), e / e.sum(), rtol=1e-12)


def test_softmax_of_equal_logits_is_uniform():
    np.testing.assert_allclose(sm.softmax(np.zeros(4)), np.full(4, 0.25), rtol=1e-12)


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
    assert np.all(got >= 0)


def test_softmax_default_axis_is_the_last():
    z = np.random.default_rng(4).normal(size=(3, 4))
    np.testing.assert_allclose(sm.softmax(z).sum(axis=-1), 1.0, rtol=1e-12)


def test_softmax_of_large_logits_does_not_overflow():
    got = sm.softmax(np.array([[1000.0, 1000.0], [1000.0, 0.0], [-1000.0, -1000.0]]))
    assert np.all(np.isfinite(got)), (
        f"softmax of logits near +-1000 gave {got}: subtract the max along the axis first"
    )
    np.testing.assert_allclose(got, [[0.5, 0.5], [1.0, 0.0], [0.5, 0.5]], atol=1e-300)


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_is_invariant_to_a_shift_per_row(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(5, 7))
    shift = rng.normal(scale=100, size=(5, 1))
    np.testing.assert_allclose(sm.softmax(z + shift), sm.softmax(z), rtol=1e-9)


def test_softmax_does_not_modify_its_input():
    z = np.random.default_rng(5).normal(size=(4, 3))
    with inputs_unchanged("softmax", z=z):
        sm.softmax(z)


def test_softmax_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(6).normal(scale=10, size=(3, 4, 5))
    for axis in (0, 1, 2):
        np.testing.assert_allclose(
            sm.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-12
        )


# --- log_softmax ---------------------------------------------------------------------------


@pytest.mark.parametrize("axis", [0, -1])
def test_log_softmax_equals_log_of_softmax_for_moderate_logits(axis):
    z = np.random.default_rng(7).normal(size=(4, 5))
    e = np.exp(z)
    expected = np.log(e / e.sum(axis=axis, keepdims=True))
    np.testing.assert_allclose(sm.log_softmax(z, axis=axis), expected, rtol=1e-12)


def test_log_softmax_is_exact_where_softmax_underflows():
    got = sm.log_softmax(np.array([0.0, -1000.0]))
    assert np.all(np.isfinite(got)), (
        f"log_softmax([0, -1000]) gave {got}: log(softmax(z)) takes log of an underflowed 0. "
        "Compute z - logsumexp(z) instead."
    )
    np.testing.assert_allclose(got, [0.0, -1000.0], rtol=1e-12, atol=1e-300)


def test_log_softmax_is_stable_for_large_logits():
    got = sm.log_softmax(np.array([1000.0, 1000.0, 0.0]))
    np.testing.assert_allclose(got, [-math.log(2), -math.log(2), -1000.0 - math.log(2)])


def test_log_softmax_does_not_modify_its_input():
    z = np.random.default_rng(8).normal(size=(2, 6))
    with inputs_unchanged("log_softmax", z=z):
        sm.log_softmax(z)


def test_log_softmax_matches_scipy():
    special = import_scipy("special")
    z = np.random.default_rng(9).normal(scale=400, size=(5, 3))
    for axis in (0, 1):
        np.testing.assert_allclose(
            sm.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=1e-12
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
