"""Tests for neural/dense_layer: dense_forward and dense_backward."""

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

mod = load_kata("neural/dense_layer")

# (shape of x, m): a plain batch, a 4-D image batch, n = 1 with a size-1 axis, square W.
SHAPES = [((4, 5), 3), ((3, 2, 3, 4), 5), ((1, 3, 1, 2), 2), ((5, 4), 4)]
SHAPE_IDS = ["2-D x", "4-D x", "n=1 with a size-1 axis", "square W"]


def make_layer(x_shape, m, seed):
    rng = np.random.default_rng(seed)
    d = int(np.prod(x_shape[1:]))
    x = rng.normal(size=x_shape)
    W = rng.normal(size=(d, m))
    b = rng.normal(size=m)
    dout = rng.normal(size=(x_shape[0], m))
    return x, W, b, dout


def check_gradient(name, analytic, numeric, hints=()):
    """Fail with a message naming the mistake when analytic != numeric."""
    analytic = np.asarray(analytic)
    assert analytic.shape == numeric.shape, (
        f"{name} has shape {analytic.shape}, expected {numeric.shape} (the shape of the "
        f"array it is the gradient of)"
    )
    err = relative_error(analytic, numeric)
    if err > 1e-6:
        for looks_like, candidate in hints:
            if candidate.shape == analytic.shape and np.allclose(analytic, candidate):
                pytest.fail(f"{name} looks like {looks_like} (relative error {err:.1e})")
        pytest.fail(f"{name} does not match the numerical gradient (relative error {err:.1e})")


def backward(dout, cache):
    """dense_backward on valid input; a ValueError here is a shape bug, named as such."""
    try:
        return mod.dense_backward(dout, cache)
    except ValueError as exc:
        pytest.fail(
            f"dense_backward raised {exc!r} on valid input: a matrix product has its shapes "
            "crossed. dx = dout (n, m) times an (m, d) matrix: W.T, not W; dW = an (d, n) "
            "matrix times dout (n, m)"
        )


def assert_gradient_shapes(dx, dW, db, x, W):
    dW_shape = np.shape(dW)
    assert dW_shape == W.shape, f"dW has shape {dW_shape}, but W has shape {W.shape}" + (
        ": dW is transposed" if dW_shape == W.shape[::-1] else ""
    )
    assert np.shape(dx) == x.shape, f"dx has shape {np.shape(dx)}, expected x's {x.shape}"
    assert np.shape(db) == (W.shape[1],), f"db has shape {np.shape(db)}, expected (m,)"


# --- forward -------------------------------------------------------------------------------


def test_forward_hand_worked():
    x = [[1.0, 2.0], [3.0, 4.0]]
    W = [[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]]
    b = [0.5, 0.0, -1.0]
    out, _ = mod.dense_forward(x, W, b)
    assert np.shape(out) == (2, 3), f"out has shape {np.shape(out)}, expected (n, m) = (2, 3)"
    if np.allclose(out, np.array(x) @ np.array(W)):
        pytest.fail("out = x @ W without the bias: add b (broadcast over the rows)")
    if np.allclose(out, np.array(x) @ np.array(W) + np.array(b).sum()):
        pytest.fail("the bias was summed into one number: add b[j] to column j")
    np.testing.assert_allclose(
        out, [[1.5, 2.0, 2.0], [3.5, 4.0, 4.0]], rtol=1e-12, err_msg="out = x @ W + b by hand"
    )
    assert out.dtype == np.float64, f"out has dtype {out.dtype}, expected float64"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("x_shape, m", SHAPES, ids=SHAPE_IDS)
def test_forward_matches_an_explicit_sum(x_shape, m, seed):
    x, W, b, _ = make_layer(x_shape, m, seed)
    out, _ = mod.dense_forward(x, W, b)
    n = x_shape[0]
    # out[i, j] = sum_k x_flat[i, k] W[k, j] + b[j], x flattened in C order per sample.
    expected = np.einsum("ik,kj->ij", x.reshape(n, -1), W) + b
    assert np.shape(out) == (n, m), (
        f"out has shape {np.shape(out)}, expected (n, m) = {(n, m)}: flatten x to "
        "(n, d) with x.reshape(n, -1) (squeeze or reshape(-1) loses the batch axis)"
    )
    if len(x_shape) > 2 and np.allclose(out, x.reshape(n, -1, order="F") @ W + b):
        pytest.fail(
            "x was flattened in Fortran (column-major) order: flatten each sample in C "
            "order, x.reshape(n, -1), as PyTorch's nn.Flatten does"
        )
    np.testing.assert_allclose(
        out,
        expected,
        rtol=1e-12,
        atol=1e-12,
        err_msg="out != x.reshape(n, -1) @ W + b (is x flattened per sample, in C order?)",
    )


def test_forward_returns_float64_for_integer_input():
    out, _ = mod.dense_forward(np.arange(6).reshape(2, 3), np.ones((3, 2), dtype=int), [1, 2])
    assert out.dtype == np.float64, f"out has dtype {out.dtype}, expected float64"
    np.testing.assert_array_equal(out, [[4.0, 5.0], [13.0, 14.0]], err_msg="x @ W + b")


# --- backward ------------------------------------------------------------------------------


def test_backward_hand_worked():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]])
    _, cache = mod.dense_forward(x, W, np.array([0.5, 0.0, -1.0]))
    dx, dW, db = backward(np.ones((2, 3)), cache)
    assert_gradient_shapes(dx, dW, db, x, W)
    if np.allclose(dW, [[2.0, 2.0, 2.0], [3.0, 3.0, 3.0]]):
        pytest.fail(
            "dW looks like x.T @ dout / n: do not average over the batch; dW sums over it "
            "(any 1/n belongs to the loss, already inside dout)"
        )
    np.testing.assert_allclose(
        dx, [[0.0, 3.0], [0.0, 3.0]], rtol=1e-12, atol=1e-12, err_msg="dx = dout @ W.T"
    )
    np.testing.assert_allclose(
        dW,
        [[4.0, 4.0, 4.0], [6.0, 6.0, 6.0]],
        rtol=1e-12,
        err_msg="dW[k, j] = sum over the batch of x[i, k] * dout[i, j] (a sum, not a mean)",
    )
    assert not np.allclose(db, [1.0, 1.0, 1.0]), (
        "db looks like dout.mean(axis=0): the bias is added to every sample, so its "
        "gradient is the SUM of dout over the batch (any 1/n belongs to the loss)"
    )
    np.testing.assert_allclose(db, [2.0, 2.0, 2.0], rtol=1e-12, err_msg="db = dout.sum(axis=0)")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("x_shape, m", SHAPES, ids=SHAPE_IDS)
def test_backward_matches_the_numerical_gradient(x_shape, m, seed):
    # L = sum(out * dout) has dL/dout = dout, so the numerical gradients of L with respect
    # to x, W and b are exactly what dense_backward must return.
    x, W, b, dout = make_layer(x_shape, m, seed)
    _, cache = mod.dense_forward(x, W, b)
    dx, dW, db = backward(dout, cache)

    def loss(x_, W_, b_):
        return float(np.sum(mod.dense_forward(x_, W_, b_)[0] * dout))

    num_dx = numerical_gradient(lambda v: loss(v, W, b), x)
    num_dW = numerical_gradient(lambda v: loss(x, v, b), W)
    num_db = numerical_gradient(lambda v: loss(x, W, v), b)
    n = x_shape[0]
    x_flat = x.reshape(n, -1)

    dx = np.asarray(dx)
    if dx.shape != x.shape and dx.size == x.size:
        pytest.fail(
            f"dx has shape {dx.shape} but x has shape {x.shape}: reshape dx back to x's shape"
        )
    square = W.shape[0] == W.shape[1]  # only then can dout @ W pass for dout @ W.T
    check_gradient(
        "dx",
        dx,
        num_dx,
        hints=[("dout @ W: W transposed, use dout @ W.T", (dout @ W).reshape(x.shape))]
        if square
        else [],
    )
    dW = np.asarray(dW)
    if dW.shape == (m, x_flat.shape[1]) and dW.shape != W.shape:
        pytest.fail(
            f"dW has shape {dW.shape}, the shape of W transposed: dW must have W's shape "
            f"{W.shape} (x_flat.T @ dout)"
        )
    check_gradient(
        "dW",
        dW,
        num_dW,
        hints=[
            ("the transpose of the true gradient (dout.T @ x_flat)", dout.T @ x_flat),
            ("x_flat.T @ dout / n: do not average over the batch", x_flat.T @ dout / n),
        ],
    )
    check_gradient(
        "db",
        db,
        num_db,
        hints=[
            (
                "dout.mean(axis=0): the bias is added to every sample, so its gradient "
                "is the SUM of dout over the batch",
                dout.mean(axis=0),
            ),
            ("dout.sum(axis=1): sum over the batch axis 0, not over units", dout.sum(axis=1)),
        ],
    )


def test_batch_of_one_keeps_every_axis():
    x, W, b, dout = make_layer((1, 3, 1, 2), 4, seed=5)
    out, cache = mod.dense_forward(x, W, b)
    assert np.shape(out) == (1, 4), (
        f"out has shape {np.shape(out)} for n = 1, expected (1, 4): keep the batch axis "
        "(x.reshape(n, -1), never squeeze)"
    )
    dx, dW, db = mod.dense_backward(dout, cache)
    assert np.shape(dx) == (1, 3, 1, 2), (
        f"dx has shape {np.shape(dx)}, expected x's shape (1, 3, 1, 2): reshape to the "
        "shape x had, do not squeeze size-1 axes"
    )
    assert np.shape(dW) == (6, 4) and np.shape(db) == (4,)
    np.testing.assert_allclose(db, dout[0], rtol=1e-12, err_msg="for n = 1, db = dout[0]")
    np.testing.assert_allclose(
        dW, np.outer(x.ravel(), dout[0]), rtol=1e-12, err_msg="for n = 1, dW = outer(x, dout)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_gradients_add_up_over_samples(seed):
    # Backprop through a batch equals the sum of the per-sample backprops for dW and db,
    # and the per-sample dx stacked: the layer treats samples independently.
    x, W, b, dout = make_layer((4, 2, 3), 3, seed)
    _, cache = mod.dense_forward(x, W, b)
    dx, dW, db = mod.dense_backward(dout, cache)
    parts = [
        mod.dense_backward(dout[i : i + 1], mod.dense_forward(x[i : i + 1], W, b)[1])
        for i in range(4)
    ]
    np.testing.assert_allclose(
        dx, np.concatenate([p[0] for p in parts]), rtol=1e-12,
        err_msg="dx of a batch must stack the per-sample dx",
    )  # fmt: skip
    np.testing.assert_allclose(
        dW, sum(p[1] for p in parts), rtol=1e-10,
        err_msg="dW of a batch must be the sum of the per-sample dW (a sum, not a mean)",
    )  # fmt: skip
    np.testing.assert_allclose(
        db,
        sum(p[2] for p in parts),
        rtol=1e-12,
        err_msg="db of a batch must be the sum of the per-sample db (a sum, not a mean)",
    )


def test_cache_is_self_contained():
    first = make_layer((3, 4), 2, seed=6)
    second = make_layer((5, 4), 2, seed=7)
    _, cache1 = mod.dense_forward(*first[:3])
    mod.dense_forward(*second[:3])  # a second forward pass before the first backward
    try:
        dx, dW, db = mod.dense_backward(first[3], cache1)
    except ValueError as exc:
        pytest.fail(
            f"dense_backward raised {exc!r} after a second forward pass: it used the other "
            "call's data. Keep everything the backward pass needs in the cache"
        )
    x, W, _, dout = first
    np.testing.assert_allclose(
        dW,
        x.T @ dout,
        rtol=1e-12,
        err_msg="the backward pass used another forward call's data: keep it in the cache",
    )
    np.testing.assert_allclose(
        dx, dout @ W.T, rtol=1e-12, err_msg="dx used another forward call's data"
    )
    np.testing.assert_allclose(
        db, dout.sum(axis=0), rtol=1e-12, err_msg="db used another forward call's data"
    )


def test_backward_returns_float64():
    _, cache = mod.dense_forward(np.ones((2, 3)), np.ones((3, 2)), np.zeros(2))
    grads = mod.dense_backward(np.ones((2, 2), dtype=int), cache)
    dtypes = [np.asarray(g).dtype for g in grads]
    assert dtypes == [np.float64] * 3, f"dx, dW, db have dtypes {dtypes}, expected float64"


# --- inputs and bad input ---------------------------------------------------------------------


def test_passes_do_not_modify_their_inputs():
    x, W, b, dout = make_layer((3, 2, 2), 4, seed=8)
    with inputs_unchanged("dense_forward", x=x, W=W, b=b):
        _, cache = mod.dense_forward(x, W, b)
    with inputs_unchanged("dense_backward", dout=dout, x=x, W=W, b=b):
        mod.dense_backward(dout, cache)


@pytest.mark.parametrize(
    "x_shape, W_shape, b_shape, match",
    [
        ((4, 5), (6, 3), (3,), "W"),  # W has the wrong number of rows
        ((4, 2, 3), (5, 3), (3,), "W"),  # 2 * 3 = 6 values per sample, not 5
        ((4, 5), (5, 3), (2,), "b"),  # b does not match W's columns
        ((4, 5), (5, 3), (1, 3), "b"),  # b must be 1-D (m,)
        ((5,), (5, 3), (3,), "x"),  # no batch axis
        ((4, 5), (5,), (3,), "W"),  # W must be 2-D
    ],
)
def test_mismatched_shapes_are_a_value_error(x_shape, W_shape, b_shape, match):
    mod.dense_forward(np.ones((4, 5)), np.ones((5, 3)), np.ones(3))
    with pytest.raises(ValueError, match=match):
        mod.dense_forward(np.ones(x_shape), np.ones(W_shape), np.ones(b_shape))


@pytest.mark.parametrize("dout_shape", [(4, 2), (3, 3), (12,)])
def test_dout_of_the_wrong_shape_is_a_value_error(dout_shape):
    _, cache = mod.dense_forward(np.ones((4, 5)), np.ones((5, 3)), np.ones(3))
    mod.dense_backward(np.ones((4, 3)), cache)
    try:
        mod.dense_backward(np.ones(dout_shape), cache)
    except ValueError as exc:
        assert "dout" in str(exc), (
            f"dout of shape {dout_shape} (the output was (4, 3)) raised {exc!r}, a message "
            "that does not name dout: compare dout.shape with the forward output's shape "
            "(n, m) yourself and raise ValueError naming dout"
        )
    else:
        pytest.fail(
            f"dense_backward accepted dout of shape {dout_shape} for an output of shape "
            "(4, 3): raise ValueError naming dout"
        )


def test_nan_input_is_a_value_error():
    mod.dense_forward(np.ones((2, 2)), np.ones((2, 2)), np.ones(2))
    with pytest.raises(ValueError, match="NaN"):
        mod.dense_forward([[1.0, np.nan]], np.ones((2, 2)), np.ones(2))


# --- complexity, without a clock: Python lines counted --------------------------------------


def test_passes_have_no_python_loop():
    # 300 images of 3 x 10 x 10 (d = 300) into m = 300 units. The reference runs 10 lines
    # forward and 7 backward; a plainer loop-free answer (einsum, np.dot, a bias reshaped
    # to (1, m)), 15 and 12. A loop over the 300 samples, the 300 units or the 300 inputs
    # runs over 600 lines (608 to 1210), and db as sum(...) over the rows still 308.
    x, W, b, dout = make_layer((300, 3, 10, 10), 300, seed=9)
    _, cache = mod.dense_forward(x, W, b)
    budget = 60
    passes = [
        ("dense_forward", lambda: mod.dense_forward(x, W, b), "out = x_flat @ W + b"),
        (
            "dense_backward",
            lambda: mod.dense_backward(dout, cache),
            "dx = dout @ W.T reshaped to x's shape, dW = x_flat.T @ dout, db = dout.sum(0)",
        ),
    ]
    for name, call, fix in passes:
        lines = python_lines(call, budget=budget)
        assert lines <= budget, (
            f"{name} ran more than {budget} lines of Python on 300 samples of 300 values "
            "into 300 units: is there a Python loop over the samples, the units or the "
            f"inputs? Each pass is whole-matrix products, no loop: {fix}"
        )
