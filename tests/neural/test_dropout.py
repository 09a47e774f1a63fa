"""Tests for neural/dropout: dropout_forward and dropout_backward (inverted dropout)."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, numerical_gradient, relative_error

mod = load_kata("neural/dropout")


def forward(x, p, **kwargs):
    return mod.dropout_forward(x, p, **kwargs)


def mask_values_diagnosis(mask, p):
    """A message naming the mistake if the kept entries of mask are not exactly 1/(1 - p)."""
    mask = np.asarray(mask)
    if mask.dtype == bool:
        return (
            "mask is boolean: the mask carries the 1/(1 - p) scale (0 for a dropped entry, "
            "1/(1 - p) for a kept one), as float64"
        )
    dropped = float(np.mean(mask == 0))
    if mask.size >= 1000 and abs(p - 0.5) > 0.1 and abs(dropped - (1 - p)) < 0.08:
        return (
            f"{dropped:.2f} of the entries were dropped with p = {p}: p was treated as the "
            "KEEP probability. p is the drop probability (as PyTorch's nn.Dropout(p))"
        )
    kept = np.unique(mask[mask != 0])
    if kept.size == 0:
        return "mask is all zeros: every entry was dropped"
    if kept.size > 1:
        return f"the kept entries of mask take several values {kept[:5]}: each is 1/(1 - p)"
    value = kept[0]
    scale = 1.0 / (1.0 - p)
    if math.isclose(value, scale, rel_tol=1e-12):
        return None
    named = [
        (
            1.0,
            "the kept entries are 1: no scaling. Inverted dropout divides the kept "
            "activations by 1 - p at training time so that E[out] = x",
        ),
        (
            p,
            "the kept entries are p: dropout scaled by p. Inverted dropout divides by the "
            "KEEP probability 1 - p",
        ),
        (
            1.0 / p,
            "the kept entries are 1/p: the scale is 1/(1 - p), the inverse of the keep "
            "probability, not of the drop probability p",
        ),
        (
            1.0 - p,
            "the kept entries are 1 - p: that is the old (non-inverted) evaluation-time "
            "scaling; inverted dropout divides by 1 - p at training time instead",
        ),
    ]
    for wrong, what in named:
        if math.isclose(value, wrong, rel_tol=1e-12):
            return what
    return f"the kept entries of mask are {value}, expected 1/(1 - p) = {scale}"


# --- the mask and the output -----------------------------------------------------------------


@pytest.mark.parametrize("p", [0.25, 0.6])
def test_mask_entries_are_zero_or_the_inverse_keep_probability(p):
    x = np.random.default_rng(0).normal(size=(40, 30))
    _, mask = forward(x, p, random_state=1)
    assert mask is not None, "dropout_forward in training mode returned mask None"
    assert np.shape(mask) == x.shape, f"mask has shape {np.shape(mask)}, expected {x.shape}"
    problem = mask_values_diagnosis(mask, p)
    if problem:
        pytest.fail(problem)
    assert np.asarray(mask).dtype == np.float64, f"mask has dtype {np.asarray(mask).dtype}"


@pytest.mark.parametrize("p", [0.25, 0.6])
def test_out_is_x_times_the_returned_mask(p):
    x = np.random.default_rng(2).normal(size=(20, 15)) + 3.0  # no zeros in x
    with inputs_unchanged("dropout_forward", x=x):
        out, mask = forward(x, p, random_state=3)
    out = np.asarray(out)
    assert out.shape == x.shape and out.dtype == np.float64, (
        f"out has shape {out.shape} and dtype {out.dtype}, expected {x.shape} float64"
    )
    if np.allclose(out, x * (np.asarray(mask) != 0)) and not np.allclose(out, x * mask):
        pytest.fail(
            "out is x with entries zeroed but not scaled: out = x * mask, where the mask's "
            "kept entries are 1/(1 - p)"
        )
    np.testing.assert_array_equal(
        out,
        x * mask,
        err_msg="out != x * mask: the mask returned is not the one applied to x (draw it "
        "once, use it for out, return it)",
    )


def test_every_entry_is_dropped_independently():
    _, mask = forward(np.ones((300, 40)), 0.5, random_state=7)
    mask = np.asarray(mask)
    if np.all(mask == mask[:1]):
        pytest.fail(
            "every sample (row) got the same mask: draw the mask with x's full shape, not "
            "x.shape[1:] broadcast over the batch"
        )
    assert not np.all(mask == mask[:, :1]), (
        "every unit of a sample (column) shares one value: draw one value per entry"
    )
    # Each row and each column keeps about half: no axis is systematically dropped.
    assert 0.3 < float(np.mean(mask[:, 0] != 0)) < 0.7, "column 0 is dropped far from p"
    assert 0.3 < float(np.mean(mask[0] != 0)) < 0.7, "row 0 is dropped far from p"


def test_p_is_the_drop_probability():
    # 100 000 entries at p = 0.2: the dropped share has standard deviation 0.0013, so a
    # tolerance of 0.01 is more than 7 standard deviations.
    p = 0.2
    _, mask = forward(np.ones((200, 500)), p, random_state=4)
    dropped = float(np.mean(np.asarray(mask) == 0))
    if abs(dropped - (1 - p)) < 0.01:
        pytest.fail(
            f"{dropped:.3f} of the entries were dropped with p = {p}: p was treated as the "
            "KEEP probability. p is the drop probability (as PyTorch's nn.Dropout(p))"
        )
    assert abs(dropped - p) < 0.01, (
        f"{dropped:.3f} of the entries were dropped, expected p = {p} within 0.01"
    )


def test_expected_output_equals_the_input():
    # Averaged over 4000 masks, out -> x entry by entry. Each entry's average has standard
    # deviation |x| sqrt(p / ((1 - p) 4000)) = 0.0137 |x| at p = 0.3; the tolerance is 6 of them.
    p, n_draws = 0.3, 4000
    rng = np.random.default_rng(5)
    x = rng.normal(size=(6, 5)) + np.sign(rng.normal(size=(6, 5)))
    gen = np.random.default_rng(6)
    batch = np.tile(x, (n_draws, 1, 1))
    out, _ = forward(batch, p, random_state=gen)
    mean = np.asarray(out).mean(axis=0)
    tol = 6 * np.abs(x) * math.sqrt(p / ((1 - p) * n_draws))
    ratio = float(np.sum(mean * x) / np.sum(x * x))
    for wrong, what in [
        (1 - p, "no 1/(1 - p) scaling: the kept units must be divided by the keep probability"),
        ((1 - p) * p, "scaled by p instead of divided by 1 - p"),
        (p / (1 - p), "p treated as the keep probability"),
    ]:
        if abs(ratio - wrong) < 0.03:
            pytest.fail(f"E[out] is about {ratio:.3f} x, not x: {what}")
    assert np.all(np.abs(mean - x) <= tol), (
        f"the average of out over {n_draws} masks is not x (worst gap "
        f"{np.max(np.abs(mean - x) / tol) * 6:.1f} standard deviations; tolerance 6): inverted "
        "dropout keeps E[out] = x"
    )


def test_p_zero_keeps_everything():
    x = np.random.default_rng(8).normal(size=(4, 3))
    out, mask = forward(x, 0.0, random_state=9)
    np.testing.assert_array_equal(out, x, err_msg="with p = 0 the output is x exactly")
    np.testing.assert_array_equal(mask, np.ones_like(x), err_msg="with p = 0 the mask is 1")


@pytest.mark.parametrize("p", [0.99, 0.999])
def test_p_close_to_one(p):
    x = np.ones((100, 100))
    out, mask = forward(x, p, random_state=10)
    assert np.all(np.isfinite(out)), f"dropout with p = {p} gave non-finite values"
    problem = mask_values_diagnosis(mask, p)
    if problem and "all zeros" not in problem:
        pytest.fail(problem)
    kept = float(np.mean(np.asarray(mask) != 0))
    # 10 000 entries: the kept share has standard deviation <= 0.001; 0.006 is 6 of them.
    assert abs(kept - (1 - p)) < 0.006, f"kept {kept:.4f} of the entries, expected {1 - p:.4f}"


# --- randomness --------------------------------------------------------------------------------


def test_the_same_int_seed_gives_the_same_mask():
    x = np.ones((20, 10))
    out1, mask1 = forward(x, 0.5, random_state=17)
    out2, mask2 = forward(x, 0.5, random_state=17)
    np.testing.assert_array_equal(
        mask1,
        mask2,
        err_msg="random_state=17 twice gave different masks: draw from "
        "check_random_state(random_state), never from the global np.random",
    )
    np.testing.assert_array_equal(out1, out2)
    _, mask3 = forward(x, 0.5, random_state=18)
    assert not np.array_equal(mask1, mask3), "random_state 17 and 18 gave the same mask"


def test_a_generator_is_used_and_advanced():
    x = np.ones((20, 10))
    gen = np.random.default_rng(19)
    _, mask1 = forward(x, 0.5, random_state=gen)
    _, mask2 = forward(x, 0.5, random_state=gen)
    assert not np.array_equal(mask1, mask2), (
        "two calls with the same Generator gave the same mask: use the Generator as given "
        "(it advances), do not re-seed from it"
    )
    _, again = forward(x, 0.5, random_state=np.random.default_rng(19))
    np.testing.assert_array_equal(
        again, mask1, err_msg="a fresh Generator with the same seed must give the same mask"
    )


def test_random_state_none_draws_fresh_masks():
    x = np.ones((30, 30))
    _, mask1 = forward(x, 0.5)
    _, mask2 = forward(x, 0.5)
    assert not np.array_equal(mask1, mask2), "random_state=None gave the same mask twice"


# --- evaluation mode ---------------------------------------------------------------------------


def test_eval_mode_is_the_identity():
    x = np.random.default_rng(11).normal(size=(5, 4)) + 3.0
    out, mask = forward(x, 0.3, train=False, random_state=12)
    out = np.asarray(out)
    if out.shape == x.shape and np.any(out == 0):
        pytest.fail("evaluation mode dropped entries: with train=False nothing is dropped")
    for factor, what in [(0.7, "multiplied by 1 - p"), (1 / 0.7, "divided by 1 - p")]:
        if out.shape == x.shape and np.allclose(out, factor * x):
            pytest.fail(
                f"evaluation mode {what}: with inverted dropout the scaling happens at "
                "training time, so evaluation is the plain identity"
            )
    np.testing.assert_array_equal(out, x, err_msg="train=False: out is x")
    assert mask is None, (
        f"in evaluation mode the mask is None (nothing is drawn), got a {type(mask).__name__}"
    )


def test_eval_mode_backward_is_the_identity():
    dout = np.random.default_rng(13).normal(size=(3, 2))
    _, mask = forward(np.ones((3, 2)), 0.5, train=False)
    try:
        dx = mod.dropout_backward(dout, mask)
    except TypeError as exc:
        pytest.fail(
            f"dropout_backward(dout, None) raised {exc!r}: mask None comes from evaluation "
            "mode, where dropout is the identity, so dx = dout"
        )
    np.testing.assert_array_equal(dx, dout, err_msg="dropout_backward(dout, None) is dout")


# --- backward ----------------------------------------------------------------------------------


def test_backward_uses_the_forward_mask():
    x = np.random.default_rng(14).normal(size=(30, 20))
    dout = np.random.default_rng(15).normal(size=(30, 20))
    _, mask = forward(x, 0.4, random_state=16)
    dx = np.asarray(mod.dropout_backward(dout, mask))
    assert dx.shape == dout.shape, f"dx has shape {dx.shape}, expected {dout.shape}"
    if np.allclose(dx, dout * (mask != 0)):
        pytest.fail(
            "dx = dout * (mask != 0): the 1/(1 - p) scale is missing. The forward pass "
            "multiplied x by mask, scale included, so dx = dout * mask"
        )
    if np.allclose(dx, dout * mask * mask):
        pytest.fail("dx = dout * mask**2: the scale was applied twice; dx = dout * mask")
    if np.allclose(dx, dout):
        pytest.fail("dx = dout: in training mode the gradient goes through the mask")
    np.testing.assert_array_equal(dx, dout * mask, err_msg="dx = dout * mask")


SHAPES = [(1, 1), (3, 5), (2, 3, 4)]
SHAPE_IDS = ["1x1", "3x5", "2x3x4"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", SHAPES, ids=SHAPE_IDS)
def test_backward_matches_central_differences(shape, seed):
    # A fixed random_state gives the same mask at every evaluation, so L(x) = sum(out * dout)
    # is a fixed linear function of x whose numerical gradient is what backward must return.
    rng = np.random.default_rng(seed)
    x, dout = rng.normal(size=shape), rng.normal(size=shape)
    p, state = 0.3, 100 + seed
    _, mask = forward(x, p, random_state=state)
    dx = mod.dropout_backward(dout, mask)

    def loss(v):
        return float(np.sum(forward(v, p, random_state=state)[0] * dout))

    expected = numerical_gradient(loss, x)
    dx = np.asarray(dx)
    assert dx.shape == x.shape, f"dx has shape {dx.shape}, expected x's {x.shape}"
    err = relative_error(dx, expected)
    assert err < 1e-6, (
        f"dx does not match the central-difference gradient of sum(out * dout) (relative "
        f"error {err:.1e})"
    )


# --- inputs, dtype and bad input --------------------------------------------------------------


def test_inputs_are_not_modified():
    rng = np.random.default_rng(20)
    x, dout = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    with inputs_unchanged("dropout_forward", x=x):
        _, mask = forward(x, 0.5, random_state=21)
    with inputs_unchanged("dropout_backward", dout=dout, mask=mask):
        mod.dropout_backward(dout, mask)


def test_integer_input_gives_float64():
    out, mask = forward(np.arange(12).reshape(3, 4), 0.5, random_state=22)
    assert np.asarray(out).dtype == np.float64, f"out has dtype {np.asarray(out).dtype}"
    assert np.asarray(mask).dtype == np.float64, f"mask has dtype {np.asarray(mask).dtype}"


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, "0.5", None, float("nan")])
def test_invalid_p_is_a_value_error(p):
    forward(np.ones((2, 2)), 0.5, random_state=0)
    with pytest.raises(ValueError, match="p"):
        forward(np.ones((2, 2)), p, random_state=0)


def test_train_must_be_a_bool():
    forward(np.ones((2, 2)), 0.5, random_state=0)
    with pytest.raises(ValueError, match="train"):
        forward(np.ones((2, 2)), 0.5, train="False", random_state=0)


def test_dout_of_the_wrong_shape_is_a_value_error():
    _, mask = forward(np.ones((3, 4)), 0.5, random_state=0)
    mod.dropout_backward(np.ones((3, 4)), mask)
    with pytest.raises(ValueError, match="dout"):
        mod.dropout_backward(np.ones((4, 3)), mask)


def test_nan_input_is_a_value_error():
    forward(np.ones((2, 2)), 0.5, random_state=0)
    with pytest.raises(ValueError, match="NaN"):
        forward(np.array([[1.0, np.nan]]), 0.5, random_state=0)
