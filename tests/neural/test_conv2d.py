"""Tests for neural/conv2d: conv2d_forward/backward and maxpool2d_forward/backward."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    inputs_unchanged,
    load_kata,
    numerical_gradient,
    python_lines,
    relative_error,
)

mod = load_kata("neural/conv2d")

# (N, C, H, W, F, kh, kw, stride, padding): every shape is chosen to expose an axis mistake.
CONV_CASES = [
    (2, 3, 5, 7, 4, 3, 3, 1, 0),  # non-square image: H and W cannot be swapped unnoticed
    (2, 2, 6, 5, 3, 3, 3, 2, 1),  # stride 2 with padding 1
    (1, 2, 4, 6, 2, 2, 3, 1, 2),  # batch of one, non-square kernel, padding 2
    (2, 1, 8, 7, 2, 2, 2, 3, 0),  # stride 3 > kernel 2: gaps, trailing rows never read
    (2, 3, 4, 5, 2, 1, 1, 2, 0),  # 1x1 kernel with stride 2
    (1, 2, 3, 4, 3, 3, 4, 1, 0),  # kernel as large as the image: a 1x1 output
]
CONV_IDS = ["5x7", "stride2-pad1", "N=1-2x3kernel-pad2", "stride3-gaps", "1x1-stride2", "full"]

# (N, C, H, W, size, stride)
POOL_CASES = [
    (2, 3, 4, 6, 2, 2),  # the usual 2x2 / 2, non-square
    (1, 2, 5, 7, 3, 2),  # overlapping windows, batch of one
    (2, 1, 7, 5, 2, 3),  # gaps between windows, trailing rows unread
    (1, 2, 5, 4, 3, 1),  # heavy overlap: a pixel can be the max of up to 9 windows
]
POOL_IDS = ["2x2/2", "3x3/2-overlap", "2x2/3-gaps", "3x3/1-overlap"]

X_HAND = np.arange(9.0).reshape(1, 1, 3, 3)
W_HAND = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])


# --- independent references (plain loops) ---------------------------------------------------


def out_size(n, k, s, p):
    return (n + 2 * p - k) // s + 1


def naive_conv(x, w, b, s, p):
    """Cross-correlation by the definition, one output entry at a time."""
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    out = np.zeros((N, F, out_size(H, kh, s, p), out_size(W, kw, s, p)))
    for n in range(N):
        for f in range(F):
            for i in range(out.shape[2]):
                for j in range(out.shape[3]):
                    window = xp[n, :, s * i : s * i + kh, s * j : s * j + kw]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return out


def reference_conv_dx(x, w, dout, s, p, mistake=None):
    """dx by scattering each output's gradient back onto the pixels it read.

    ``mistake`` computes what a classic wrong backward returns, to name it in a failure.
    """
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    if mistake == "flipped":
        w = w[:, :, ::-1, ::-1]
    step = 1 if mistake == "no stride" else s
    dxp = np.zeros((N, C, H + 2 * p, W + 2 * p))
    for n in range(N):
        for f in range(F):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    rows = slice(step * i, step * i + kh)
                    cols = slice(step * j, step * j + kw)
                    if dxp[n, :, rows, cols].shape != w[f].shape:
                        return None  # this mistake would not even run on these shapes
                    dxp[n, :, rows, cols] += dout[n, f, i, j] * w[f]
    if mistake == "uncropped":
        return dxp
    if mistake == "cropped the first H rows":
        return dxp[:, :, :H, :W]
    return dxp[:, :, p : p + H, p : p + W]


def reference_conv_dw(x, dout, w_shape, s, p):
    """dw[f, c, u, v] = sum over (n, i, j) of dout[n, f, i, j] xpad[n, c, s*i + u, s*j + v]."""
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    Ho, Wo = dout.shape[2:]
    dw = np.zeros(w_shape)
    for u in range(w_shape[2]):
        for v in range(w_shape[3]):
            patch = xp[:, :, u : u + s * Ho : s, v : v + s * Wo : s]  # (N, C, Ho, Wo)
            dw[:, :, u, v] = np.einsum("nfij,ncij->fc", dout, patch)
    return dw


def naive_pool(x, size, s):
    """Max pooling by the definition, and the row-major index of the first maximum."""
    N, C, H, W = x.shape
    Ho, Wo = (H - size) // s + 1, (W - size) // s + 1
    out = np.zeros((N, C, Ho, Wo))
    first = np.zeros((N, C, Ho, Wo, 2), dtype=int)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    best = None
                    for u in range(size):
                        for v in range(size):
                            value = x[n, c, s * i + u, s * j + v]
                            if best is None or value > best:  # strict: the first max wins
                                best, first[n, c, i, j] = value, (s * i + u, s * j + v)
                    out[n, c, i, j] = best
    return out, first


def reference_pool_dx(x, dout, size, s, mistake=None):
    """Max-pool dx by a loop; ``mistake`` gives a classic wrong answer's value."""
    N, C = x.shape[:2]
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    window = x[n, c, s * i : s * i + size, s * j : s * j + size]
                    g = dout[n, c, i, j]
                    target = dx[n, c, s * i : s * i + size, s * j : s * j + size]
                    ties = window == window.max()
                    if mistake == "every position":
                        target += g
                    elif mistake == "average":
                        target += g / size**2
                    elif mistake == "every tie":
                        target[ties] += g
                    else:
                        flat = np.flatnonzero(ties)
                        k = flat[-1] if mistake == "last tie" else flat[0]
                        if mistake == "overwrite":
                            target.flat[k] = g
                        else:
                            target.flat[k] += g
    return dx


# --- helpers ------------------------------------------------------------------------------


def make_conv(case, seed):
    N, C, H, W, F, kh, kw, s, p = case
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, C, H, W))
    w = rng.normal(size=(F, C, kh, kw))
    b = rng.normal(size=F)
    dout = rng.normal(size=(N, F, out_size(H, kh, s, p), out_size(W, kw, s, p)))
    return x, w, b, dout, s, p


def make_pool(case, seed):
    N, C, H, W, size, s = case
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, C, H, W))  # continuous: no ties, the max is locally linear
    dout = rng.normal(size=(N, C, (H - size) // s + 1, (W - size) // s + 1))
    return x, dout, size, s


def where_wrong(analytic, numeric, axes):
    """Say along which axes the wrong entries sit, e.g. 'only at H index [0, 4]'."""
    scale = max(float(np.abs(numeric).max()), 1.0)
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
    """Fail with a message naming the tensor, the axis and, if recognised, the mistake.

    ``candidates`` are (description, callable) pairs; each callable gives the value that
    mistake produces (computed only when the gradient is wrong).
    """
    analytic = np.asarray(analytic, dtype=float)
    if analytic.shape != numeric.shape:
        differ = [
            f"{axis}: {a} instead of {b}"
            for axis, a, b in zip(axes, analytic.shape, numeric.shape, strict=False)
            if a != b
        ]
        pytest.fail(
            f"{name} has shape {analytic.shape}, expected {numeric.shape} {tuple(axes)}, "
            f"the shape of the array it is the gradient of"
            + (f" (axis {', '.join(differ)})" if differ else "")
        )
    err = relative_error(analytic, numeric)
    if err > 1e-6:
        for looks_like, make in candidates:
            candidate = make()
            if candidate is not None and candidate.shape == analytic.shape:
                if np.allclose(analytic, candidate, rtol=1e-6, atol=1e-9):
                    pytest.fail(f"{name} looks like {looks_like} (relative error {err:.1e})")
        pytest.fail(
            f"{name} does not match the numerical gradient (relative error {err:.1e})"
            + where_wrong(analytic, numeric, axes)
        )


def conv_backward(dout, cache):
    """conv2d_backward on valid input; a ValueError here is a shape bug, named as such."""
    try:
        return mod.conv2d_backward(dout, cache)
    except ValueError as exc:
        pytest.fail(
            f"conv2d_backward raised {exc!r} on a valid dout: the axes of a product or a "
            "reshape are crossed (dout is (N, F, H_out, W_out), w is (F, C, kh, kw))"
        )


# --- conv2d forward -------------------------------------------------------------------------


def diagnose_forward(out, x, w, b, s, p):
    """Fail naming the mistake when ``out`` is what a classic wrong forward pass gives."""
    out = np.asarray(out, dtype=float)
    want = naive_conv(x, w, b, s, p)
    if out.shape == want.shape[:1] + want.shape[2:] + want.shape[1:2] and out.shape != want.shape:
        pytest.fail(f"out has shape {out.shape} (N, H_out, W_out, F): NCHW puts F on axis 1")
    if out.shape != want.shape:
        return
    mistakes = [
        ("flipped along kh and kw (a true convolution)", w[:, :, ::-1, ::-1], b),
        ("flipped along kw", w[:, :, :, ::-1], b),
        ("flipped along kh", w[:, :, ::-1, :], b),
        ("missing the bias", w, np.zeros_like(b)),
    ]
    for what, w_, b_ in mistakes:
        wrong = naive_conv(x, w_, b_, s, p)
        if not np.allclose(wrong, want) and np.allclose(out, wrong, atol=1e-10):
            pytest.fail(
                f"out is the correct result with the kernel {what}: a conv layer "
                "cross-correlates, out[n, f, i, j] = b[f] + sum_{c,u,v} w[f, c, u, v] "
                "xpad[n, c, s*i + u, s*j + v], no flip"
                if what != "missing the bias"
                else "out is missing the bias b[f] (added at every position of filter f)"
            )


def test_conv_forward_hand_worked():
    out, _ = mod.conv2d_forward(X_HAND, W_HAND, [0.5])
    diagnose_forward(out, X_HAND, W_HAND, np.array([0.5]), 1, 0)
    np.testing.assert_allclose(
        out,
        np.full((1, 1, 2, 2), -3.5),
        rtol=1e-12,
        err_msg="out[i, j] = x[i, j] - x[i + 1, j + 1] + 0.5 for w = [[1, 0], [0, -1]]",
    )


def test_conv_forward_does_not_flip_a_one_sided_kernel():
    # A kernel that only looks right: flipping it along W alone (or transposing it) shows.
    x = np.arange(12.0).reshape(1, 1, 3, 4)
    w = np.array([[[[0.0, 0.0, 1.0]]]])  # picks the pixel 2 to the right
    out, _ = mod.conv2d_forward(x, w, [0.0])
    want = x[:, :, :, 2:]
    out = np.asarray(out)
    if out.shape == want.shape and np.allclose(out, x[:, :, :, :2]):
        pytest.fail(
            "with w = [[0, 0, 1]] out[i, j] should be x[i, j + 2] but is x[i, j]: the kernel "
            "was flipped along W (a convolution); conv layers cross-correlate, no flip"
        )
    np.testing.assert_allclose(out, want, err_msg="w = [[0, 0, 1]] must give x[i, j + 2]")


@pytest.mark.parametrize("case", CONV_CASES, ids=CONV_IDS)
def test_conv_output_shape_follows_the_floor_formula(case):
    N, _, H, W, F, kh, kw, s, p = case
    x, w, b, *_ = make_conv(case, 0)
    out, _ = mod.conv2d_forward(x, w, b, stride=s, padding=p)
    want = (N, F, out_size(H, kh, s, p), out_size(W, kw, s, p))
    got = np.shape(out)
    if got == want:
        return
    ceil_shape = (N, F, -(-(H + 2 * p - kh) // s) + 1, -(-(W + 2 * p - kw) // s) + 1)
    diagnoses = [
        ((N, F, out_size(H, kh, s, 0), out_size(W, kw, s, 0)), "padding was ignored"),
        (
            (N, F, (H + p - kh) // s + 1, (W + p - kw) // s + 1),
            "the padding was added on one side only (it goes on both: H + 2p)",
        ),
        ((N, F, out_size(H, kh, 1, p), out_size(W, kw, 1, p)), "the stride was ignored"),
        ((N, F, want[3], want[2]), "H and W are swapped"),
        ((N, want[2], want[3], F), "the filters axis is last (NHWC), expected NCHW"),
        (ceil_shape, "the size was rounded up: use floor((H + 2p - kh) / s) + 1"),
        ((N, F, (H + 2 * p - kh) // s, (W + 2 * p - kw) // s), "the + 1 is missing"),
    ]
    named = [what for shape, what in diagnoses if shape == got] or ["wrong output size"]
    pytest.fail(
        f"out has shape {got}, expected (N, F, H_out, W_out) = {want} with H_out = "
        f"floor((H + 2p - kh) / s) + 1: " + ", or ".join(named)
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", CONV_CASES, ids=CONV_IDS)
def test_conv_forward_matches_a_naive_loop(case, seed):
    x, w, b, _, s, p = make_conv(case, seed)
    out, _ = mod.conv2d_forward(x, w, b, stride=s, padding=p)
    want = naive_conv(x, w, b, s, p)
    assert np.shape(out) == want.shape, f"out has shape {np.shape(out)}, expected {want.shape}"
    if not np.allclose(out, want, rtol=1e-10, atol=1e-10):
        diagnose_forward(out, x, w, b, s, p)
    np.testing.assert_allclose(
        out,
        want,
        rtol=1e-10,
        atol=1e-10,
        err_msg="out != b[f] + sum_{c,u,v} w[f,c,u,v] xpad[n, c, s*i + u, s*j + v]",
    )


def test_conv_forward_returns_float64_for_integer_input():
    x = np.arange(16).reshape(1, 1, 4, 4)
    out, _ = mod.conv2d_forward(x, np.ones((1, 1, 2, 2), dtype=int), [1])
    assert np.asarray(out).dtype == np.float64, f"out has dtype {np.asarray(out).dtype}"
    np.testing.assert_array_equal(out[0, 0, 0], [11.0, 15.0, 19.0])


# --- conv2d backward ------------------------------------------------------------------------


def test_conv_backward_adds_up_overlapping_windows():
    # A 2x2 kernel of ones with dout = 1: dx counts the windows that read each pixel.
    x = np.arange(12.0).reshape(1, 1, 3, 4)
    _, cache = mod.conv2d_forward(x, np.ones((1, 1, 2, 2)), [0.0])
    dx = np.asarray(conv_backward(np.ones((1, 1, 2, 3)), cache)[0], dtype=float)
    counts = np.array([[[[1.0, 2.0, 2.0, 1.0], [2.0, 4.0, 4.0, 2.0], [1.0, 2.0, 2.0, 1.0]]]])
    if dx.shape == counts.shape and dx.max() <= 1.0:
        pytest.fail(
            f"dx = {dx[0, 0].tolist()} for a kernel of ones: pixels read by several windows "
            "must collect every window's gradient (+=), not keep the last one (=)"
        )
    np.testing.assert_allclose(
        dx, counts, err_msg="dx[p, q] = the number of 2x2 windows that read pixel (p, q)"
    )


def test_conv_backward_hand_worked():
    _, cache = mod.conv2d_forward(X_HAND, W_HAND, [0.5])
    dout = np.ones((1, 1, 2, 2))
    dx, dw, db = conv_backward(dout, cache)
    db, dw, dx = (np.asarray(g, dtype=float) for g in (db, dw, dx))
    if db.shape == (1,) and np.allclose(db, 1.0):
        pytest.fail(
            "db = 1 for dout = ones(1, 1, 2, 2): it is a mean; the bias is added at every "
            "(n, i, j), so db sums dout over N, H_out and W_out (= 4 here)"
        )
    if db.shape != (1,):
        pytest.fail(
            f"db has shape {db.shape}, expected (F,) = (1,): sum dout over axes (0, 2, 3), "
            "the batch AND both spatial axes"
        )
    np.testing.assert_allclose(db, [4.0], err_msg="db = sum of dout over N, H_out, W_out")
    want_dw = np.array([[[[8.0, 12.0], [20.0, 24.0]]]])
    if dw.shape == want_dw.shape and np.allclose(dw, want_dw[:, :, ::-1, ::-1]):
        pytest.fail(
            "dw is flipped along kh and kw: dw[u, v] = sum over windows of dout[i, j] "
            "x[i + u, j + v], in the forward pass's orientation"
        )
    np.testing.assert_allclose(
        dw, want_dw, err_msg="dw[u, v] = sum over the windows of dout[i, j] x[i + u, j + v]"
    )
    want_dx = reference_conv_dx(X_HAND, W_HAND, dout, 1, 0)
    if dx.shape == want_dx.shape and np.allclose(
        dx, reference_conv_dx(X_HAND, W_HAND, dout, 1, 0, "flipped")
    ):
        pytest.fail(
            "dx was computed with the flipped kernel: scatter dout[i, j] * w[u, v] back onto "
            "x[i + u, j + v], the same w[u, v] that read that pixel in the forward pass"
        )
    np.testing.assert_allclose(
        dx,
        [[[[1.0, 1.0, 0.0], [1.0, 0.0, -1.0], [0.0, -1.0, -1.0]]]],
        atol=1e-12,
        err_msg="dx[i + u, j + v] += dout[i, j] w[u, v], summed over the overlapping windows",
    )


def test_conv_backward_with_stride_sends_gradient_to_the_pixels_read():
    # A 1x1 kernel with stride 2 reads only the even rows and columns.
    x = np.ones((1, 1, 4, 5))
    _, cache = mod.conv2d_forward(x, [[[[2.0]]]], [0.0], stride=2)
    dx, dw, _ = conv_backward(np.ones((1, 1, 2, 3)), cache)
    want = np.zeros((1, 1, 4, 5))
    want[0, 0, ::2, ::2] = 2.0
    dx = np.asarray(dx)
    if dx.shape == want.shape and np.allclose(dx[0, 0, :2, :3], 2.0):
        pytest.fail(
            "dx puts the gradient of output (i, j) at input (i, j): the stride was ignored in "
            "backward; output (i, j) read the window starting at (s*i, s*j)"
        )
    np.testing.assert_allclose(
        dx, want, err_msg="with stride 2 only the even rows and columns get a gradient"
    )
    np.testing.assert_allclose(dw, [[[[6.0]]]], err_msg="dw sums x over the 6 pixels read")


def test_conv_backward_crops_the_padding():
    x = np.arange(6.0).reshape(1, 1, 2, 3)
    w = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    dout = np.arange(1.0, 7.0).reshape(1, 1, 2, 3)
    _, cache = mod.conv2d_forward(x, w, [0.0], padding=1)
    dx = np.asarray(conv_backward(dout, cache)[0])
    if dx.shape == (1, 1, 4, 5):
        pytest.fail(
            "dx has shape (1, 1, 4, 5), the PADDED input's: crop the padding border, "
            "dx = dx_padded[:, :, p : p + H, p : p + W]"
        )
    want = reference_conv_dx(x, w, dout, 1, 1)
    wrong_crop = reference_conv_dx(x, w, dout, 1, 1, mistake="cropped the first H rows")
    if dx.shape == want.shape and np.allclose(dx, wrong_crop):
        pytest.fail(
            "dx is dx_padded[:, :, :H, :W]: that crops the bottom and right border only; "
            "the padding is on every side, so keep [p : p + H, p : p + W]"
        )
    np.testing.assert_allclose(dx, want, err_msg="dx with padding 1 (reference scatter loop)")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", CONV_CASES, ids=CONV_IDS)
def test_conv_backward_matches_the_numerical_gradient(case, seed):
    # L = sum(out * dout) has dL/dout = dout, so the numerical gradients of L are exactly
    # what conv2d_backward must return.
    x, w, b, dout, s, p = make_conv(case, seed)
    _, cache = mod.conv2d_forward(x, w, b, stride=s, padding=p)
    dx, dw, db = conv_backward(dout, cache)

    def loss(x_, w_, b_):
        return float(np.sum(mod.conv2d_forward(x_, w_, b_, stride=s, padding=p)[0] * dout))

    N = x.shape[0]
    check_gradient(
        "dx",
        dx,
        numerical_gradient(lambda v: loss(v, w, b), x),
        ("N", "C", "H", "W"),
        [
            (
                "the padded gradient cropped as [:H, :W]: keep [p : p + H, p : p + W]",
                lambda: reference_conv_dx(x, w, dout, s, p, "cropped the first H rows"),
            ),
            (
                "the gradient of a stride-1 convolution: window (i, j) starts at "
                "(s*i, s*j) in backward too",
                lambda: reference_conv_dx(x, w, dout, s, p, "no stride"),
            ),
            (
                "the gradient for the flipped kernel: scatter dout[i, j] * w[u, v] onto "
                "x[s*i + u, s*j + v], the same orientation as the forward pass",
                lambda: reference_conv_dx(x, w, dout, s, p, "flipped"),
            ),
        ],
    )
    num_dw = numerical_gradient(lambda v: loss(x, v, b), w)
    check_gradient(
        "dw",
        dw,
        num_dw,
        ("F", "C", "kh", "kw"),
        [
            ("the true dw flipped along kh and kw", lambda: num_dw[:, :, ::-1, ::-1]),
            ("the true dw divided by N: do not average over the batch", lambda: num_dw / N),
            (
                "the first sample's dw only: dw sums over the batch axis N",
                lambda: reference_conv_dw(x[:1], dout[:1], w.shape, s, p),
            ),
            (
                "the last sample's dw only: dw sums over the batch axis N",
                lambda: reference_conv_dw(x[-1:], dout[-1:], w.shape, s, p),
            ),
        ],
    )
    check_gradient(
        "db",
        db,
        numerical_gradient(lambda v: loss(x, w, v), b),
        ("F",),
        [
            (
                "dout.mean over (N, H_out, W_out): db is a SUM, the bias is added at every "
                "position",
                lambda: dout.mean(axis=(0, 2, 3)),
            ),
            ("dout summed over N and divided by N", lambda: dout.sum(axis=(0, 2, 3)) / N),
        ],
    )


def test_conv_cache_is_self_contained():
    first = make_conv(CONV_CASES[1], seed=3)
    second = make_conv(CONV_CASES[0], seed=4)
    x, w, b, dout, s, p = first
    _, cache = mod.conv2d_forward(x, w, b, stride=s, padding=p)
    mod.conv2d_forward(*second[:3], stride=second[4], padding=second[5])
    try:
        dx, dw, db = mod.conv2d_backward(dout, cache)
    except ValueError as exc:
        pytest.fail(
            f"conv2d_backward raised {exc!r} after a second forward pass: it used the other "
            "call's data. Keep everything the backward pass needs in the cache"
        )
    np.testing.assert_allclose(
        dx,
        reference_conv_dx(x, w, dout, s, p),
        atol=1e-10,
        err_msg="the backward pass used another forward call's data: keep it in the cache",
    )
    np.testing.assert_allclose(dw, reference_conv_dw(x, dout, w.shape, s, p), atol=1e-10)
    np.testing.assert_allclose(db, dout.sum(axis=(0, 2, 3)), rtol=1e-12)


def test_conv_backward_returns_float64():
    _, cache = mod.conv2d_forward(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2)), [0.0])
    grads = mod.conv2d_backward(np.ones((1, 1, 2, 2), dtype=int), cache)
    assert [np.asarray(g).dtype for g in grads] == [np.float64] * 3


# --- max pooling ----------------------------------------------------------------------------


def pool_backward(dout, cache):
    try:
        return np.asarray(mod.maxpool2d_backward(dout, cache))
    except ValueError as exc:
        pytest.fail(f"maxpool2d_backward raised {exc!r} on a valid dout")


def test_maxpool_hand_worked():
    x = np.array([[[[1.0, 2.0, 0.0, 1.0], [3.0, 0.0, 1.0, 1.0]]]])
    out, cache = mod.maxpool2d_forward(x)
    np.testing.assert_array_equal(out, [[[[3.0, 1.0]]]], err_msg="the max of each 2x2 window")
    dx = pool_backward([[[[10.0, 20.0]]]], cache)
    want = np.array([[[[0.0, 0.0, 0.0, 20.0], [10.0, 0.0, 0.0, 0.0]]]])
    if dx.shape == want.shape and np.allclose(dx[0, 0, :, :2], 10.0):
        pytest.fail(
            "maxpool2d_backward sent dout to every position of the window: only the maximum "
            "(the input that was copied to the output) gets the gradient"
        )
    if dx.shape == want.shape and np.allclose(dx[0, 0, :, :2], 2.5):
        pytest.fail(
            "maxpool2d_backward spread dout / size^2 over the window: that is average "
            "pooling; max pooling sends all of it to the maximum"
        )
    tied = dx[0, 0, [0, 1, 1], [3, 2, 3]] if dx.shape == want.shape else None
    if tied is not None and np.count_nonzero(tied) > 1:
        pytest.fail(
            f"window 2 = [[0, 1], [1, 1]] ties three ways and its gradient went to "
            f"{np.count_nonzero(tied)} of them (x == max): send it to ONE input, the first "
            "maximum in row-major order (argmax of the flattened window), here row 0 column 3"
        )
    if tied is not None and tied[0] == 0 and tied.sum() == 20.0:
        pytest.fail(
            "window 2 = [[0, 1], [1, 1]] sent its gradient to a 1 in row 1: a tie goes to the "
            "FIRST maximum in row-major order (row 0 before row 1), here row 0 column 3"
        )
    np.testing.assert_array_equal(
        dx, want, err_msg="window 1's max is x[1, 0]; window 2 ties (three 1s): the first wins"
    )


@pytest.mark.parametrize("case", POOL_CASES, ids=POOL_IDS)
def test_maxpool_forward_matches_a_naive_loop(case):
    x, _, size, s = make_pool(case, seed=0)
    out, _ = mod.maxpool2d_forward(x, size=size, stride=s)
    want, _ = naive_pool(x, size, s)
    N, C, H, W = x.shape
    got = np.shape(out)
    if got == (N, C, (H - size) // size + 1, (W - size) // size + 1) and got != want.shape:
        pytest.fail(f"out has shape {got}, expected {want.shape}: the stride was ignored")
    assert got == want.shape, (
        f"out has shape {got}, expected {want.shape}: H_out = floor((H - size) / stride) + 1"
    )
    np.testing.assert_array_equal(out, want, err_msg="out[i, j] = max of window (s*i, s*j)")


def test_maxpool_tie_goes_to_the_first_maximum_in_row_major_order():
    # Window [[0, 5], [5, 1]] ties at (0, 1) and (1, 0); [[7, 7], [7, 7]] ties everywhere.
    x = np.array([[[[0.0, 5.0, 7.0, 7.0], [5.0, 1.0, 7.0, 7.0]]]])
    _, cache = mod.maxpool2d_forward(x)
    dx = pool_backward([[[[1.0, 2.0]]]], cache)
    want = np.array([[[[0.0, 1.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]])
    if dx.shape == want.shape and dx[0, 0, 1, 0] != 0 and dx[0, 0, 0, 1] != 0:
        pytest.fail(
            "a tie sent the gradient to every tied maximum (x == max): the max picks ONE "
            "input, the first in row-major order (argmax of the flattened window)"
        )
    if dx.shape == want.shape and dx[0, 0, 1, 0] != 0:
        pytest.fail(
            "in window [[0, 5], [5, 1]] the gradient went to the 5 at (1, 0): a tie goes to "
            "the FIRST maximum in row-major order (along row 0 first), here (0, 1), not to "
            "the last one nor to the first in column-major order"
        )
    np.testing.assert_array_equal(dx, want, err_msg="ties go to the first max, row-major")


def test_maxpool_overlapping_windows_accumulate():
    # 3x3 windows with stride 1 on a 4x4 image: the 9 at (1, 2) is the max of all four.
    rng = np.random.default_rng(0)
    x = -rng.uniform(1.0, 2.0, size=(1, 1, 4, 4))
    x[0, 0, 1, 2] = 9.0
    _, cache = mod.maxpool2d_forward(x, size=3, stride=1)
    dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dx = pool_backward(dout, cache)
    if dx.shape == x.shape and dx[0, 0, 1, 2] in (1.0, 2.0, 3.0, 4.0):
        pytest.fail(
            f"dx at the shared maximum is {dx[0, 0, 1, 2]}, one window's gradient: "
            "overlapping windows must ADD their gradients (+=), not overwrite each other"
        )
    want = np.zeros_like(x)
    want[0, 0, 1, 2] = 10.0
    np.testing.assert_array_equal(dx, want, err_msg="the four windows' gradients add up")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", POOL_CASES, ids=POOL_IDS)
def test_maxpool_backward_matches_the_numerical_gradient(case, seed):
    x, dout, size, s = make_pool(case, seed)
    _, cache = mod.maxpool2d_forward(x, size=size, stride=s)
    dx = pool_backward(dout, cache)

    def loss(x_):
        return float(np.sum(mod.maxpool2d_forward(x_, size=size, stride=s)[0] * dout))

    check_gradient(
        "dx",
        dx,
        numerical_gradient(loss, x),
        ("N", "C", "H", "W"),
        [
            (
                f"dout sent to every position of each window: only the max gets it "
                f"({s=}, {size=})",
                lambda: reference_pool_dx(x, dout, size, s, "every position"),
            ),
            (
                "average pooling's gradient (dout / size^2 everywhere)",
                lambda: reference_pool_dx(x, dout, size, s, "average"),
            ),
            (
                "overlapping windows overwriting each other: add (+=) their gradients",
                lambda: reference_pool_dx(x, dout, size, s, "overwrite"),
            ),
        ],
    )


def test_maxpool_cache_is_self_contained():
    x1, dout1, size, s = make_pool(POOL_CASES[1], seed=5)
    _, cache = mod.maxpool2d_forward(x1, size=size, stride=s)
    mod.maxpool2d_forward(make_pool(POOL_CASES[0], seed=6)[0])
    np.testing.assert_allclose(
        pool_backward(dout1, cache),
        reference_pool_dx(x1, dout1, size, s),
        err_msg="the backward pass used another forward call's data: keep it in the cache",
    )


def test_maxpool_returns_float64():
    out, cache = mod.maxpool2d_forward(np.arange(16).reshape(1, 1, 4, 4))
    dx = mod.maxpool2d_backward(np.ones((1, 1, 2, 2), dtype=int), cache)
    assert np.asarray(out).dtype == np.float64 and np.asarray(dx).dtype == np.float64


# --- inputs and bad input -------------------------------------------------------------------


def test_passes_do_not_modify_their_inputs():
    x, w, b, dout, s, p = make_conv(CONV_CASES[1], seed=7)
    with inputs_unchanged("conv2d_forward", x=x, w=w, b=b):
        _, cache = mod.conv2d_forward(x, w, b, stride=s, padding=p)
    with inputs_unchanged("conv2d_backward", dout=dout, x=x, w=w, b=b):
        mod.conv2d_backward(dout, cache)
    x, dout, size, s = make_pool(POOL_CASES[1], seed=7)
    with inputs_unchanged("maxpool2d_forward", x=x):
        _, cache = mod.maxpool2d_forward(x, size=size, stride=s)
    with inputs_unchanged("maxpool2d_backward", dout=dout, x=x):
        mod.maxpool2d_backward(dout, cache)


@pytest.mark.parametrize(
    "x_shape, w_shape, b_shape, kwargs, match",
    [
        ((2, 3, 5, 5), (4, 2, 3, 3), (4,), {}, "channels"),  # C of x and w differ
        ((2, 3, 5, 5), (4, 3, 3, 3), (3,), {}, "b"),  # one bias per filter
        ((2, 3, 5, 5), (4, 3, 6, 3), (4,), {}, "kernel"),  # kernel larger than the image
        ((3, 5, 5), (4, 3, 3, 3), (4,), {}, "x"),  # no batch axis
        ((2, 3, 5, 5), (4, 3, 3), (4,), {}, "w"),  # w must be 4-D
        ((2, 3, 5, 5), (4, 3, 3, 3), (4,), {"stride": 0}, "stride"),
        ((2, 3, 5, 5), (4, 3, 3, 3), (4,), {"stride": 1.5}, "stride"),
        ((2, 3, 5, 5), (4, 3, 3, 3), (4,), {"padding": -1}, "padding"),
    ],
)
def test_conv_bad_input_is_a_value_error(x_shape, w_shape, b_shape, kwargs, match):
    mod.conv2d_forward(np.ones((2, 3, 5, 5)), np.ones((4, 3, 3, 3)), np.ones(4))
    with pytest.raises(ValueError, match=match):
        mod.conv2d_forward(np.ones(x_shape), np.ones(w_shape), np.ones(b_shape), **kwargs)


def test_conv_dout_of_the_wrong_shape_is_a_value_error():
    _, cache = mod.conv2d_forward(np.ones((2, 3, 5, 5)), np.ones((4, 3, 3, 3)), np.ones(4))
    mod.conv2d_backward(np.ones((2, 4, 3, 3)), cache)
    for shape in [(2, 4, 3, 4), (2, 3, 3, 3), (1, 4, 3, 3)]:
        try:
            mod.conv2d_backward(np.ones(shape), cache)
        except ValueError as exc:
            assert "dout" in str(exc), (
                f"dout of shape {shape} (the forward output is (2, 4, 3, 3)) raised "
                f"{exc!r}: check dout's shape first and name dout in the message"
            )
        else:
            pytest.fail(
                f"conv2d_backward accepted dout of shape {shape}, the forward output is "
                "(2, 4, 3, 3): raise a ValueError naming dout"
            )


@pytest.mark.parametrize(
    "x_shape, kwargs, match",
    [
        ((1, 1, 3, 4), {"size": 4}, "window"),  # window taller than the image
        ((1, 1, 4, 4), {"size": 0}, "size"),
        ((1, 1, 4, 4), {"stride": 0}, "stride"),
        ((4, 4), {}, "x"),
    ],
)
def test_maxpool_bad_input_is_a_value_error(x_shape, kwargs, match):
    mod.maxpool2d_forward(np.ones((1, 1, 4, 4)))
    with pytest.raises(ValueError, match=match):
        mod.maxpool2d_forward(np.ones(x_shape), **kwargs)


def test_maxpool_dout_of_the_wrong_shape_is_a_value_error():
    _, cache = mod.maxpool2d_forward(np.arange(20.0).reshape(1, 1, 4, 5))
    mod.maxpool2d_backward(np.ones((1, 1, 2, 2)), cache)
    try:
        mod.maxpool2d_backward(np.ones((1, 1, 2, 3)), cache)
    except ValueError as exc:
        assert "dout" in str(exc), (
            f"dout of shape (1, 1, 2, 3) (the forward output is (1, 1, 2, 2)) raised "
            f"{exc!r}: check dout's shape first and name dout in the message"
        )
    else:
        pytest.fail(
            "maxpool2d_backward accepted dout of shape (1, 1, 2, 3), the forward output is "
            "(1, 1, 2, 2): raise a ValueError naming dout"
        )


def test_nan_input_is_a_value_error():
    mod.conv2d_forward(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2)), [0.0])
    bad = np.ones((1, 1, 3, 3))
    bad[0, 0, 1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.conv2d_forward(bad, np.ones((1, 1, 2, 2)), [0.0])
    with pytest.raises(ValueError, match="NaN"):
        mod.maxpool2d_forward(bad)


# --- complexity, without a clock: Python lines counted --------------------------------------

# (N images, side): few images with many output positions, then many small images. Each
# pass gets its own budget of Python lines, the same for all four.
LINE_CASES = [(2, 28), (800, 4)]
LINE_IDS = ["2-images-28x28", "800-images-4x4"]
LINE_BUDGET = 250


def suspected_loop(N, side, positions, what):
    """The input, and the loop a count over budget points to on it."""
    loop = f"the {N} images" if N > positions else f"the {positions} {what}"
    return f"{N} images of {side} x {side}: is there a Python loop over {loop}?"


@pytest.mark.parametrize("N, side", LINE_CASES, ids=LINE_IDS)
def test_conv_has_no_python_loop_over_positions_or_images(N, side):
    # C = F = 2, 3 x 3 kernel, padding 1 (H_out = W_out = side). Forward / backward: im2col
    # by sliding_window_view and tensordot runs 15 / 56 lines (the backward's col2im loops
    # over the 9 kernel offsets); a plainer answer with a loop over the 9 offsets in both
    # passes, 62 / 73. A loop over the 784 output positions (vectorized over n and f) runs
    # 2436 / 3989 lines at 28 x 28, and 829 as a one-line comprehension; a loop over the 800
    # images, each vectorized, 15204 / 48804, and 816 as a one-line comprehension.
    rng = np.random.default_rng(8)
    x = rng.normal(size=(N, 2, side, side))
    w = rng.normal(size=(2, 2, 3, 3))
    b = rng.normal(size=2)
    out, cache = mod.conv2d_forward(x, w, b, padding=1)
    dout = rng.normal(size=np.shape(out))
    passes = [
        ("conv2d_forward", lambda: mod.conv2d_forward(x, w, b, padding=1)),
        ("conv2d_backward", lambda: mod.conv2d_backward(dout, cache)),
    ]
    for name, call in passes:
        lines = python_lines(call, budget=LINE_BUDGET)
        assert lines <= LINE_BUDGET, (
            f"{name} ran more than {LINE_BUDGET} lines of Python on "
            f"{suspected_loop(N, side, side * side, 'output positions (i, j)')} "
            "Build the windows of the padded input once (im2col, or sliding_window_view) and "
            "contract them with w in one tensordot / einsum, over all images and positions at "
            "once; a loop over the kh * kw kernel offsets is fine"
        )


POOL_LINE_CASES = [(2, 56), (800, 8)]
POOL_LINE_IDS = ["2-images-56x56", "800-images-8x8"]


@pytest.mark.parametrize("N, side", POOL_LINE_CASES, ids=POOL_LINE_IDS)
def test_maxpool_has_no_python_loop_over_windows_or_images(N, side):
    # C = 2, 2 x 2 windows with stride 2. Forward / backward: argmax over a strided view runs
    # 9 / 27 lines (the backward loops over the 4 offsets inside the window); a plainer
    # answer with a loop over the 4 offsets in both passes, 42 / 27. A loop over the 784
    # windows of a 56 x 56 image (vectorized over n and c) runs 3210 / 2417 lines; a loop
    # over the 800 images, each vectorized, 10404 / 22403.
    x = np.random.default_rng(9).normal(size=(N, 2, side, side))
    out, cache = mod.maxpool2d_forward(x)
    dout = np.ones(np.shape(out))
    passes = [
        ("maxpool2d_forward", lambda: mod.maxpool2d_forward(x)),
        ("maxpool2d_backward", lambda: mod.maxpool2d_backward(dout, cache)),
    ]
    for name, call in passes:
        lines = python_lines(call, budget=LINE_BUDGET)
        assert lines <= LINE_BUDGET, (
            f"{name} ran more than {LINE_BUDGET} lines of Python on "
            f"{suspected_loop(N, side, (side // 2) ** 2, 'pooling windows')} "
            "Take the max (and its argmax) over a strided view of all windows at once, and in "
            "backward add dout back with one vectorized add per offset inside the window"
        )
