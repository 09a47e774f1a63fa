"""Tests for neural/rnn: rnn_step_forward, rnn_forward, rnn_backward, lstm_step_forward."""

import itertools
import math

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    inputs_unchanged,
    load_kata,
    numerical_gradient,
    python_lines,
    relative_error,
    sigmoid_reference,
)

mod = load_kata("neural/rnn")

# (N, T, D, H): sequences of length 1 and 7, a batch of one, one feature, one unit.
SEQ_CASES = [(3, 7, 4, 5), (1, 1, 3, 2), (2, 7, 1, 3), (2, 3, 3, 1), (1, 4, 2, 4)]
SEQ_IDS = ["N3-T7-D4-H5", "N1-T1", "D1-T7", "H1", "N1-T4-D2-H4"]
GATES = "ifog"


def make_rnn(case, seed, scale=0.5):
    N, T, D, H = case
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(N, T, D)),
        rng.normal(size=(N, H)),
        scale * rng.normal(size=(D, H)),
        scale * rng.normal(size=(H, H)),
        scale * rng.normal(size=H),
        rng.normal(size=(N, T, H)),  # dh
    )


def reference_forward(x, h0, Wx, Wh, b):
    """The recurrence, one sequence and one step at a time."""
    N, T, _ = x.shape
    h = np.zeros((N, T, Wx.shape[1]))
    for n in range(N):
        prev = h0[n]
        for t in range(T):
            prev = np.tanh(x[n, t] @ Wx + prev @ Wh + b)
            h[n, t] = prev
    return h


def reference_backward(x, h0, Wx, Wh, b, dh, mistake=None):
    """BPTT by a loop; ``mistake`` gives the value a classic wrong backward returns."""
    h = reference_forward(x, h0, Wx, Wh, b)
    N, T, _ = x.shape
    a = x @ Wx + np.concatenate([h0[:, None], h[:, :-1]], axis=1) @ Wh + b
    dx, dWx, dWh, db = np.zeros(x.shape), np.zeros(Wx.shape), np.zeros(Wh.shape), 0.0
    carry = np.zeros(h0.shape)
    for t in reversed(range(T)):
        g = dh[:, t] + (0.0 if mistake == "no carry" else carry)
        if mistake == "only carry" and t < T - 1:
            g = carry
        if mistake == "1 - a^2":
            da = g * (1.0 - a[:, t] ** 2)
        elif mistake == "1 - h":
            da = g * (1.0 - h[:, t])
        else:
            da = g * (1.0 - h[:, t] ** 2)
        h_prev = h0 if t == 0 else h[:, t - 1]
        if mistake == "h_t in dWh":
            h_prev = h[:, t]
        dx[:, t] = da @ Wx.T
        step_dWx, step_dWh = x[:, t].T @ da, h_prev.T @ da
        if mistake == "last step only":
            if t == T - 1:
                dWx, dWh, db = step_dWx, step_dWh, da.sum(0)
        elif mistake == "first step only":
            dWx, dWh, db = step_dWx, step_dWh, da.sum(0)  # t = 0 is written last
        else:
            dWx, dWh, db = dWx + step_dWx, dWh + step_dWh, db + da.sum(0)
        carry = da @ (Wh if mistake == "Wh not transposed" else Wh.T)
        last_da = da
    dh0 = carry
    if mistake == "mean over time":
        dWx, dWh, db = dWx / T, dWh / T, db / T
    if mistake == "mean over batch":
        dWx, dWh, db = dWx / N, dWh / N, db / N
    if mistake == "dh0 = da_0":
        dh0 = last_da
    if mistake == "dh0 = 0":
        dh0 = np.zeros(h0.shape)
    return dx, dh0, dWx, dWh, db


#: Classic BPTT mistakes (keys of reference_backward) and what a failure says about them.
BPTT_MISTAKES = {
    "dh0 = da_0": "da_0, the gradient on the first pre-activation: dh0 = da_0 @ Wh.T",
    "dh0 = 0": "zeros: h0 feeds the first step, dh0 = da_0 @ Wh.T",
    "no carry": "the gradient without the path through later steps: the gradient on "
    "h_t is dh[:, t] PLUS da_{t+1} @ Wh.T (BPTT accumulates over time)",
    "only carry": "the carried gradient without dh[:, t]: add the loss's own gradient "
    "on h_t to what comes back from step t+1",
    "1 - a^2": "tanh' computed as 1 - a^2 on the pre-activation: use 1 - h_t^2",
    "1 - h": "tanh' computed as 1 - h_t: square it, 1 - h_t^2",
    "Wh not transposed": "the gradient carried back as da_t @ Wh: it is da_t @ Wh.T "
    "(h_{t-1} was multiplied as h_{t-1} @ Wh)",
    "h_t in dWh": "dWh pairing da_t with h_t instead of h_{t-1} (h0 at t = 0)",
    "last step only": "the last step's contribution only: sum over every time step",
    "first step only": "one step's contribution only (overwritten in the loop): sum "
    "over every time step (+=)",
    "mean over time": "the sum over time divided by T: weights shared by every step "
    "get the SUM of the steps' gradients",
    "mean over batch": "the sum divided by N: the weights' gradients sum over the batch "
    "(the loss's 1/N, if any, is already in dh)",
}
GRADIENTS = [
    ("dx", ("N", "T", "D")),
    ("dh0", ("N", "H")),
    ("dWx", ("D", "H")),
    ("dWh", ("H", "H")),
    ("db", ("H",)),
]


def check_bptt(grads, args, dh, expected):
    """Compare rnn_backward's five gradients with ``expected``, naming known mistakes."""
    mistakes = {m: reference_backward(*args, dh, m) for m in BPTT_MISTAKES}
    for k, (name, axes) in enumerate(GRADIENTS):
        got = np.asarray(grads[k], dtype=float)
        want = expected[k]
        if name == "db" and got.shape == (dh.shape[1], dh.shape[2]):
            pytest.fail(f"db has shape {got.shape}, (T, H): sum da over time AND the batch")
        check_gradient(
            name,
            got,
            want,
            axes,
            [(BPTT_MISTAKES[m], np.asarray(mistakes[m][k], dtype=float)) for m in mistakes],
        )


def where_wrong(analytic, numeric, axes):
    """Say along which axes the wrong entries sit, e.g. 'only at T index [0, 1, 2]'."""
    scale = max(float(np.abs(numeric).max()), 1e-3)
    bad = np.abs(analytic - numeric) > 1e-6 * scale
    if not bad.any():
        return ""
    located = []
    for k, axis in enumerate(axes):
        idx = np.unique(np.nonzero(bad)[k])
        if len(idx) < analytic.shape[k]:
            located.append(f"{axis} index {idx.tolist()} (of 0..{analytic.shape[k] - 1})")
    if not located:
        return "; wrong entries on every index of every axis"
    return "; the wrong entries are only at " + ", ".join(located)


def check_gradient(name, analytic, numeric, axes, candidates=()):
    """Fail naming the tensor, the axis and, when recognised, the mistake."""
    analytic = np.asarray(analytic, dtype=float)
    if analytic.shape != numeric.shape:
        if analytic.shape == numeric.shape[::-1]:
            pytest.fail(f"{name} has shape {analytic.shape}: transposed, expected {numeric.shape}")
        pytest.fail(
            f"{name} has shape {analytic.shape}, expected {numeric.shape} {tuple(axes)}, "
            "the shape of the array it is the gradient of"
        )
    err = relative_error(analytic, numeric)
    if err > 1e-6:
        for looks_like, candidate in candidates:
            if candidate.shape == analytic.shape and not np.allclose(candidate, numeric):
                if np.allclose(analytic, candidate, rtol=1e-6, atol=1e-10):
                    pytest.fail(f"{name} looks like {looks_like} (relative error {err:.1e})")
        pytest.fail(
            f"{name} does not match the numerical gradient (relative error {err:.1e})"
            + where_wrong(analytic, numeric, axes)
        )


def backward(dh, cache):
    dh = np.asarray(dh, dtype=float)
    before = dh.copy()
    try:
        grads = mod.rnn_backward(dh, cache)
    except ValueError as exc:
        pytest.fail(
            f"rnn_backward raised {exc!r} on a valid dh: a product has its shapes crossed "
            "(da_t is (N, H): dx_t = da_t @ Wx.T, dWx = x_t.T @ da_t, carry = da_t @ Wh.T)"
        )
    if not np.array_equal(dh, before):
        pytest.fail(
            "rnn_backward modified dh in place (e.g. dh[:, t] += carry): add into a new "
            "array, the caller's dh must stay as it was"
        )
    assert len(grads) == 5, "rnn_backward returns (dx, dh0, dWx, dWh, db), in that order"
    return grads


# --- one step -------------------------------------------------------------------------------


def test_step_hand_worked():
    # x Wx = [1, -1]; h Wh = [0, 1] (h Wh.T would give [0, 0]); b = [0, -1]: a = [1, -1].
    x, h = [[1.0, -1.0]], [[0.5, 0.0]]
    Wx, Wh, b = np.eye(2), [[0.0, 2.0], [0.0, 0.0]], [0.0, -1.0]
    next_h, _ = mod.rnn_step_forward(x, h, Wx, Wh, b)
    next_h = np.asarray(next_h)
    if next_h.shape == (1, 2) and np.allclose(next_h, np.tanh([[1.0, -2.0]])):
        pytest.fail("next_h used h @ Wh.T (or Wh @ h): the convention is h @ Wh, Wh is (H, H)")
    if next_h.shape == (1, 2) and np.allclose(next_h, np.tanh([[1.0, 0.0]])):
        pytest.fail("next_h is missing the bias b: next_h = tanh(x Wx + h Wh + b)")
    np.testing.assert_allclose(
        next_h, np.tanh([[1.0, -1.0]]), rtol=1e-12, err_msg="next_h = tanh(x Wx + h Wh + b)"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("N, D, H", [(3, 4, 5), (1, 1, 3), (2, 3, 1)])
def test_step_matches_the_formula(N, D, H, seed):
    rng = np.random.default_rng(seed)
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    Wx, Wh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=H)
    next_h, _ = mod.rnn_step_forward(x, h, Wx, Wh, b)
    assert np.shape(next_h) == (N, H), f"next_h has shape {np.shape(next_h)}, expected (N, H)"
    np.testing.assert_allclose(
        next_h,
        np.tanh(x @ Wx + h @ Wh + b),
        rtol=1e-12,
        atol=1e-14,
        err_msg="next_h = tanh(x @ Wx + h @ Wh + b)",
    )


# --- forward over a sequence ----------------------------------------------------------------


def test_forward_hand_worked():
    h, _ = mod.rnn_forward([[[1.0], [2.0]]], [[0.0]], [[0.5]], [[0.5]], [0.0])
    h = np.asarray(h)
    h_0 = math.tanh(0.5)
    h_1 = math.tanh(1.0 + 0.5 * h_0)
    assert h.shape == (1, 2, 1), f"h has shape {h.shape}, expected (N, T, H) = (1, 2, 1)"
    if np.allclose(h.ravel(), [0.0, h_0]):
        pytest.fail("h[:, 0] is h0: h holds the T NEW states, h[:, t] after reading x[:, t]")
    if np.allclose(h.ravel(), [h_0, math.tanh(1.0)]):
        pytest.fail(
            "h[:, 1] = tanh(x_1 Wx + b) ignores h_0: each step reads the previous state, "
            "h_t = tanh(x_t Wx + h_{t-1} Wh + b), not h0 every time"
        )
    np.testing.assert_allclose(
        h.ravel(), [h_0, h_1], rtol=1e-12, err_msg="h_0 = tanh(0.5), h_1 = tanh(1 + 0.5 h_0)"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", SEQ_CASES, ids=SEQ_IDS)
def test_forward_matches_a_loop_over_steps(case, seed):
    x, h0, Wx, Wh, b, _ = make_rnn(case, seed)
    h, _ = mod.rnn_forward(x, h0, Wx, Wh, b)
    N, T, _, H = case
    assert np.shape(h) == (N, T, H), (
        f"h has shape {np.shape(h)}, expected (N, T, H) = {(N, T, H)}: batch first, one "
        "state per step"
    )
    transposed = reference_forward(x, h0, Wx, Wh.T, b)
    if not np.allclose(Wh, Wh.T) and np.allclose(h, transposed, atol=1e-12):
        pytest.fail("h used h_{t-1} @ Wh.T: the convention is h_{t-1} @ Wh, Wh is (H, H)")
    if np.allclose(h, reference_forward(x, h0, Wx, Wh, np.zeros_like(b)), atol=1e-12):
        pytest.fail("h is missing the bias b: h_t = tanh(x_t Wx + h_{t-1} Wh + b)")
    np.testing.assert_allclose(
        h,
        reference_forward(x, h0, Wx, Wh, b),
        rtol=1e-12,
        atol=1e-14,
        err_msg="h[:, t] = tanh(x[:, t] @ Wx + h[:, t - 1] @ Wh + b), h[:, -1] read as h0",
    )


def test_forward_agrees_with_repeated_steps():
    x, h0, Wx, Wh, b, _ = make_rnn((2, 5, 3, 4), seed=3)
    h, _ = mod.rnn_forward(x, h0, Wx, Wh, b)
    prev = h0
    for t in range(5):
        prev, _ = mod.rnn_step_forward(x[:, t], prev, Wx, Wh, b)
        np.testing.assert_allclose(
            np.asarray(h)[:, t],
            prev,
            rtol=1e-12,
            err_msg=f"rnn_forward's h[:, {t}] differs from chaining rnn_step_forward",
        )


# --- backward through time ------------------------------------------------------------------


def test_tanh_derivative_uses_the_output():
    # One step, one unit, pre-activation a = 2: tanh'(2) = 1 - tanh(2)^2 = 0.0707.
    _, cache = mod.rnn_forward([[[2.0]]], [[0.0]], [[1.0]], [[0.0]], [0.0])
    dx = float(np.ravel(backward([[[1.0]]], cache)[0])[0])
    if np.isclose(dx, 1.0 - 2.0**2):
        pytest.fail("dx = 1 - a^2 with a the pre-activation: tanh'(a) = 1 - tanh(a)^2 = 1 - h^2")
    if np.isclose(dx, 1.0 - math.tanh(2.0)):
        pytest.fail("dx = 1 - tanh(a): tanh'(a) = 1 - tanh(a)^2 = 1 - h^2 (square it)")
    assert np.isclose(dx, 1.0 - math.tanh(2.0) ** 2, rtol=1e-10), (
        f"dx = {dx} for a = 2, dh = 1: expected tanh'(2) = 1 - tanh(2)^2 = 0.0707"
    )


def test_backward_hand_worked():
    # The worked example: only the last state is scored, so every gradient on step 0
    # comes through the recurrence.
    args = [np.array([[[1.0], [2.0]]]), np.zeros((1, 1)), [[0.5]], [[0.5]], [0.0]]
    args = [np.asarray(a, dtype=float) for a in args]
    dh = np.array([[[0.0], [1.0]]])
    _, cache = mod.rnn_forward(*args)
    grads = backward(dh, cache)
    h_0 = math.tanh(0.5)
    h_1 = math.tanh(1.0 + 0.5 * h_0)
    da_1 = 1.0 * (1.0 - h_1**2)
    da_0 = (0.0 + 0.5 * da_1) * (1.0 - h_0**2)
    dx = np.asarray(grads[0], dtype=float)
    if dx.shape == (1, 2, 1) and dx[0, 0, 0] == 0.0:
        pytest.fail(
            "dx[:, 0] = 0 although h_1 depends on x_0 through h_0: the gradient on h_t must "
            "add what comes back from step t+1 (dh[:, t] + da_{t+1} @ Wh.T); BPTT "
            "accumulates over time"
        )
    expected = [
        np.array([[[0.5 * da_0], [0.5 * da_1]]]),  # dx_t = da_t Wx^T
        np.array([[0.5 * da_0]]),  # dh0 = da_0 Wh^T
        np.array([[1.0 * da_0 + 2.0 * da_1]]),  # dWx = sum_t x_t da_t
        np.array([[0.0 * da_0 + h_0 * da_1]]),  # dWh = sum_t h_{t-1} da_t
        np.array([da_0 + da_1]),  # db = sum_t da_t
    ]
    check_bptt(grads, args, dh, expected)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", SEQ_CASES, ids=SEQ_IDS)
def test_backward_matches_the_numerical_gradient(case, seed):
    # L = sum(h * dh) has dL/dh = dh on every state, exactly rnn_backward's input.
    x, h0, Wx, Wh, b, dh = make_rnn(case, seed)
    _, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
    grads = backward(dh, cache)
    args = [x, h0, Wx, Wh, b]

    def numeric(k):
        def loss(v):
            return float(np.sum(mod.rnn_forward(*args[:k], v, *args[k + 1 :])[0] * dh))

        return numerical_gradient(loss, args[k])

    check_bptt(grads, args, dh, [numeric(k) for k in range(5)])


def test_backward_of_a_length_one_sequence_is_one_step():
    # T = 1: no recurrence to follow, da = dh (1 - h^2), dh0 = da Wh^T.
    x, h0, Wx, Wh, b, dh = make_rnn((2, 1, 3, 4), seed=4)
    _, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
    dx, dh0, dWx, dWh, db = backward(dh, cache)
    h = np.tanh(x[:, 0] @ Wx + h0 @ Wh + b)
    da = dh[:, 0] * (1.0 - h**2)
    np.testing.assert_allclose(dx[:, 0], da @ Wx.T, rtol=1e-10, err_msg="dx for T = 1")
    np.testing.assert_allclose(dh0, da @ Wh.T, rtol=1e-10, err_msg="dh0 = da Wh^T for T = 1")
    np.testing.assert_allclose(dWh, h0.T @ da, rtol=1e-10, err_msg="dWh = h0^T da for T = 1")
    np.testing.assert_allclose(db, da.sum(axis=0), rtol=1e-10, err_msg="db = da summed over N")
    np.testing.assert_allclose(dWx, x[:, 0].T @ da, rtol=1e-10, err_msg="dWx for T = 1")


def test_rnn_cache_is_self_contained():
    first = make_rnn((2, 4, 3, 2), seed=5)
    second = make_rnn((3, 6, 3, 2), seed=6)
    _, cache = mod.rnn_forward(*first[:5])
    mod.rnn_forward(*second[:5])
    try:
        grads = mod.rnn_backward(first[5], cache)
    except ValueError as exc:
        pytest.fail(
            f"rnn_backward raised {exc!r} after a second forward pass: it used the other "
            "call's data. Keep everything the backward pass needs in the cache"
        )
    for name, got, want in zip(
        ["dx", "dh0", "dWx", "dWh", "db"], grads, reference_backward(*first), strict=True
    ):
        np.testing.assert_allclose(
            got, want, rtol=1e-10, atol=1e-12, err_msg=f"{name} used another call's data"
        )


def test_outputs_are_float64():
    ints = (np.ones((1, 2, 1), dtype=int), np.zeros((1, 1), dtype=int))
    h, cache = mod.rnn_forward(*ints, np.ones((1, 1), dtype=int), np.ones((1, 1), int), [0])
    grads = mod.rnn_backward(np.ones((1, 2, 1), dtype=int), cache)
    assert [np.asarray(a).dtype for a in (h, *grads)] == [np.float64] * 6
    next_h, next_c, _ = mod.lstm_step_forward(
        [[1]], [[0]], [[0]], np.ones((1, 4), int), np.ones((1, 4), int), np.zeros(4, int)
    )
    assert np.asarray(next_h).dtype == np.float64 and np.asarray(next_c).dtype == np.float64


# --- LSTM step ------------------------------------------------------------------------------


def lstm_reference(x, h, c, Wx, Wh, b, order="ifog", act=None):
    """The LSTM step with the blocks read in ``order``, for naming a swapped order."""
    H = h.shape[1]
    a = x @ Wx + h @ Wh + b
    block = {gate: a[:, k * H : (k + 1) * H] for k, gate in enumerate(order)}
    i, f, o = (
        sigmoid_reference(block["i"]),
        sigmoid_reference(block["f"]),
        sigmoid_reference(block["o"]),
    )
    g = sigmoid_reference(block["g"]) if act == "sigmoid g" else np.tanh(block["g"])
    next_c = f * c + i * g
    next_h = o * next_c if act == "no tanh" else o * np.tanh(next_c)
    if act == "tanh of old c":
        next_h = o * np.tanh(c)
    return next_h, next_c


def check_lstm(x, h, c, Wx, Wh, b):
    c = np.asarray(c, dtype=float)
    c_before = c.copy()
    next_h, next_c, _ = mod.lstm_step_forward(x, h, c, Wx, Wh, b)
    if not np.array_equal(c, c_before):
        pytest.fail("lstm_step_forward modified c in place: compute next_c as a new array")
    next_h, next_c = np.asarray(next_h), np.asarray(next_c)
    want_h, want_c = lstm_reference(x, h, c, Wx, Wh, b)
    for name, got, want in (("next_c", next_c, want_c), ("next_h", next_h, want_h)):
        assert got.shape == want.shape, f"{name} has shape {got.shape}, expected (N, H)"
    if np.allclose(next_c, want_c, rtol=1e-10, atol=1e-12) and np.allclose(
        next_h, want_h, rtol=1e-10, atol=1e-12
    ):
        return
    for order in map("".join, itertools.permutations(GATES)):
        cand_h, cand_c = lstm_reference(x, h, c, Wx, Wh, b, order)
        if order != GATES and np.allclose(next_c, cand_c) and np.allclose(next_h, cand_h):
            pytest.fail(
                f"the gates were read in the order {', '.join(order)}: the 4H blocks of Wx, "
                "Wh and b are i, f, o, g (input, forget, output, candidate)"
            )
    for act, what in [
        ("sigmoid g", "g used a sigmoid: the candidate g is tanh(a_g), in (-1, 1)"),
        ("no tanh", "next_h = o * next_c: it is o * tanh(next_c)"),
        ("tanh of old c", "next_h = o * tanh(c) with the OLD cell: use next_c"),
    ]:
        cand_h, cand_c = lstm_reference(x, h, c, Wx, Wh, b, act=act)
        if np.allclose(next_c, cand_c) and np.allclose(next_h, cand_h):
            pytest.fail(what)
    np.testing.assert_allclose(
        next_c, want_c, rtol=1e-10, atol=1e-12, err_msg="next_c = f * c + i * g"
    )
    np.testing.assert_allclose(
        next_h, want_h, rtol=1e-10, atol=1e-12, err_msg="next_h = o * tanh(next_c)"
    )


def test_lstm_hand_worked():
    # x Wx = h Wh = 0, so each gate is its bias: i = 0.5, f = 0.75, o = 0.25, g = 0.6.
    b = [0.0, math.log(3.0), -math.log(3.0), math.atanh(0.6)]
    next_h, next_c, _ = mod.lstm_step_forward(
        [[0.0]], [[0.0]], [[2.0]], [[0.0] * 4], [[0.0] * 4], b
    )
    check_lstm(np.zeros((1, 1)), np.zeros((1, 1)), [[2.0]], np.zeros((1, 4)), np.zeros((1, 4)), b)
    np.testing.assert_allclose(
        next_c, [[0.75 * 2.0 + 0.5 * 0.6]], rtol=1e-12, err_msg="next_c = f c + i g = 1.8"
    )
    np.testing.assert_allclose(
        next_h, [[0.25 * math.tanh(1.8)]], rtol=1e-12, err_msg="next_h = o tanh(1.8)"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("N, D, H", [(3, 4, 2), (1, 1, 3), (2, 3, 1)])
def test_lstm_matches_the_gate_equations(N, D, H, seed):
    rng = np.random.default_rng(seed)
    check_lstm(
        rng.normal(size=(N, D)),
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)),
        rng.normal(size=(D, 4 * H)),
        rng.normal(size=(H, 4 * H)),
        rng.normal(size=4 * H),
    )


def test_lstm_saturates_without_overflow():
    # Pre-activations of +-1000: every gate is exactly 0 or 1, and nothing overflows.
    b = np.array([1000.0, -1000.0, -1000.0, 1000.0, 1000.0, 1000.0, 1000.0, -1000.0])
    with fp_diagnosis(
        "lstm_step_forward overflowed at pre-activations of -1000: 1 / (1 + exp(-a)) "
        "computes exp(1000) = inf. Use a stable sigmoid (exp(-|a|) on each side of 0)"
    ):
        next_h, next_c, _ = mod.lstm_step_forward(
            np.zeros((1, 1)), np.zeros((1, 2)), [[3.0, 5.0]], np.zeros((1, 8)), np.zeros((2, 8)), b
        )
    # i = [1, 0], f = [0, 1], o = [1, 1], g = [1, -1]: next_c = [1, 5].
    np.testing.assert_allclose(next_c, [[1.0, 5.0]], err_msg="saturated gates, next_c")
    np.testing.assert_allclose(next_h, np.tanh([[1.0, 5.0]]), err_msg="saturated gates, next_h")


# --- inputs and bad input -------------------------------------------------------------------


def test_functions_do_not_modify_their_inputs():
    x, h0, Wx, Wh, b, dh = make_rnn((2, 3, 2, 3), seed=7)
    with inputs_unchanged("rnn_step_forward", x=x[:, 0], h=h0, Wx=Wx, Wh=Wh, b=b):
        mod.rnn_step_forward(x[:, 0], h0, Wx, Wh, b)
    with inputs_unchanged("rnn_forward", x=x, h0=h0, Wx=Wx, Wh=Wh, b=b):
        _, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
    with inputs_unchanged("rnn_backward", dh=dh, x=x, h0=h0, Wx=Wx, Wh=Wh, b=b):
        mod.rnn_backward(dh, cache)
    rng = np.random.default_rng(7)
    args = dict(
        x=rng.normal(size=(2, 2)),
        h=rng.normal(size=(2, 3)),
        c=rng.normal(size=(2, 3)),
        Wx=rng.normal(size=(2, 12)),
        Wh=rng.normal(size=(3, 12)),
        b=rng.normal(size=12),
    )
    with inputs_unchanged("lstm_step_forward", **args):
        mod.lstm_step_forward(**args)


@pytest.mark.parametrize(
    "shapes, match",
    [
        (((2, 3, 4), (2, 5), (3, 5), (5, 5), (5,)), "Wx"),  # D = 4 but Wx has 3 rows
        (((2, 3, 4), (2, 5), (4, 5), (5, 4), (5,)), "Wh"),  # Wh must be (H, H)
        (((2, 3, 4), (2, 5), (4, 5), (5, 5), (4,)), "b"),
        (((2, 3, 4), (3, 5), (4, 5), (5, 5), (5,)), "h0"),  # h0 for 3 sequences, x has 2
        (((2, 4), (2, 5), (4, 5), (5, 5), (5,)), "x"),  # x must be (N, T, D)
    ],
)
def test_rnn_forward_bad_shapes_are_a_value_error(shapes, match):
    mod.rnn_forward(np.ones((2, 3, 4)), np.ones((2, 5)), np.ones((4, 5)), np.ones((5, 5)), [0] * 5)
    with pytest.raises(ValueError, match=match):
        mod.rnn_forward(*(np.ones(s) for s in shapes))


@pytest.mark.parametrize(
    "shapes, match",
    [
        (((2, 4), (2, 5), (3, 5), (5, 5), (5,)), "Wx"),
        (((2, 4), (2, 5), (4, 5), (4, 5), (5,)), "Wh"),
        (((2, 4), (2, 5), (4, 5), (5, 5), (1, 5)), "b"),
        (((2, 4), (1, 5), (4, 5), (5, 5), (5,)), "h"),
    ],
)
def test_rnn_step_bad_shapes_are_a_value_error(shapes, match):
    mod.rnn_step_forward(
        np.ones((2, 4)), np.ones((2, 5)), np.ones((4, 5)), np.ones((5, 5)), [0] * 5
    )
    with pytest.raises(ValueError, match=match):
        mod.rnn_step_forward(*(np.ones(s) for s in shapes))


@pytest.mark.parametrize(
    "shapes, match",
    [
        (((2, 3), (2, 2), (2, 2), (3, 6), (2, 6), (6,)), "4H"),  # 6 columns is not 4H
        (((2, 3), (2, 2), (2, 2), (3, 8), (2, 4), (8,)), "Wh"),
        (((2, 3), (2, 2), (2, 2), (3, 8), (2, 8), (2,)), "b"),
        (((2, 3), (2, 2), (2, 3), (3, 8), (2, 8), (8,)), "c"),
        (((2, 3), (1, 2), (2, 2), (3, 8), (2, 8), (8,)), "h"),
        (((2, 4), (2, 2), (2, 2), (3, 8), (2, 8), (8,)), "x"),
    ],
)
def test_lstm_bad_shapes_are_a_value_error(shapes, match):
    ok = [(2, 3), (2, 2), (2, 2), (3, 8), (2, 8), (8,)]
    mod.lstm_step_forward(*(np.zeros(s) for s in ok))
    with pytest.raises(ValueError, match=match):
        mod.lstm_step_forward(*(np.zeros(s) for s in shapes))


def test_dh_of_the_wrong_shape_is_a_value_error():
    x, h0, Wx, Wh, b, dh = make_rnn((2, 3, 2, 4), seed=8)
    _, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
    mod.rnn_backward(dh, cache)
    for shape in [(2, 4, 4), (3, 2, 4), (2, 3, 3)]:
        try:
            mod.rnn_backward(np.ones(shape), cache)
        except ValueError as exc:
            assert "dh" in str(exc), (
                f"dh of shape {shape} (h is (2, 3, 4)) raised {exc!r}: check dh's shape "
                "first and name dh in the message"
            )
        else:
            pytest.fail(
                f"rnn_backward accepted dh of shape {shape} although h is (2, 3, 4): raise "
                "a ValueError naming dh when dh's shape is not h's"
            )


def test_nan_input_is_a_value_error():
    x, h0, Wx, Wh, b, _ = make_rnn((1, 2, 2, 2), seed=9)
    mod.rnn_forward(x, h0, Wx, Wh, b)
    x[0, 1, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.rnn_forward(x, h0, Wx, Wh, b)


# --- long sequences: no recursion, and Python lines counted (no clock) ----------------------


def test_a_long_sequence_runs_in_linear_time_without_recursion():
    # T = 2000 steps, twice Python's default recursion limit: recursing once per step
    # raises RecursionError. Lines of Python per pass: the reference runs 3 per step (6016
    # forward, 6013 backward); a plainer loop calling rnn_step_forward at each step and
    # summing dWx, dWh, db inside the backward loop, 15 and 10 per step (30015, 20012).
    # Recomputing every state from h0 at each step (or pushing each dh[:, t] back to step 0
    # on its own) runs T^2 / 2 = 2 million steps, over 4 million lines.
    N, T, D, H = 4, 2000, 3, 8
    x, h0, Wx, Wh, b, dh = make_rnn((N, T, D, H), seed=10, scale=0.3)
    budget = 50 * T
    quadratic = (
        f"ran more than {budget} lines of Python ({budget // T} per step) on a {T}-step "
        "sequence: is the pass quadratic in T, recomputing every state from h0 at each step "
        "(or carrying each dh[:, t] back to step 0 on its own)? One loop over t: h_t from "
        "h_{t-1} alone forward; backward, one reversed loop that adds the carried gradient "
        "from step t+1 to dh[:, t]"
    )
    recursed = False
    try:
        lines = python_lines(mod.rnn_forward, x, h0, Wx, Wh, b, budget=budget)
        assert lines <= budget, f"rnn_forward {quadratic}"
        h, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
        assert np.shape(h) == (N, T, H)
        lines = python_lines(mod.rnn_backward, dh, cache, budget=budget)
        assert lines <= budget, f"rnn_backward {quadratic}"
        dx, _, _, dWh, _ = mod.rnn_backward(dh, cache)
    except RecursionError:
        recursed = True  # failed outside the handler: no traceback of 1000 frames
    if recursed:
        pytest.fail(
            f"RecursionError on a {T}-step sequence: the pass recurses once per time step; "
            "loop over t instead (reversed(range(T)) in backward)"
        )
    assert np.shape(dx) == x.shape and np.isfinite(dWh).all()
    np.testing.assert_allclose(
        dx[:, -1],
        (dh[:, -1] * (1.0 - np.asarray(h)[:, -1] ** 2)) @ Wx.T,
        rtol=1e-10,
        err_msg="the last step's dx has no later step to add",
    )


def test_each_step_has_no_python_loop_over_the_batch_or_the_units():
    # 400 sequences of 5 steps, 16 hidden units. Whole-batch steps run a few lines per step
    # (the reference about 3, a plainer pass calling rnn_step_forward 15, as above): 300
    # lines allowed in all. A loop over the N sequences (or the H units) inside a step runs
    # at least 5 * 400 = 2000.
    N, T, D, H = 400, 5, 3, 16
    x, h0, Wx, Wh, b, dh = make_rnn((N, T, D, H), seed=11, scale=0.3)
    budget = 300
    advice = (
        "is there a Python loop over the batch (or the hidden units) inside a step? One step "
        "is whole-array: h_t = tanh(x_t @ Wx + h_prev @ Wh + b) for all N sequences at once"
    )
    lines = python_lines(mod.rnn_forward, x, h0, Wx, Wh, b, budget=budget)
    assert lines <= budget, (
        f"rnn_forward on {N} sequences of {T} steps ran more than {budget} lines of Python: "
        f"{advice}"
    )
    _, cache = mod.rnn_forward(x, h0, Wx, Wh, b)
    lines = python_lines(mod.rnn_backward, dh, cache, budget=budget)
    assert lines <= budget, (
        f"rnn_backward on {N} sequences of {T} steps ran more than {budget} lines of Python: "
        f"{advice}; backward, the products dWh += h_prev.T @ da and dh_prev = da @ Wh.T sum "
        "over the batch for you"
    )
