"""Tests for neural/normalization: batchnorm and layernorm, forward and backward."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, numerical_gradient, relative_error

mod = load_kata("neural/normalization")

EPS = 1e-5


# --- the test's own references ----------------------------------------------------------------


def ref_normalize(x, axis, eps=EPS, ddof=0):
    mean = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True, ddof=ddof)
    return (x - mean) / np.sqrt(var + eps)


def ref_batchnorm_train(x, gamma, beta, eps=EPS):
    return gamma * ref_normalize(x, 0, eps) + beta


def ref_layernorm(x, gamma, beta, eps=EPS):
    return gamma * ref_normalize(x, -1, eps) + beta


def make(shape, seed, scale=2.0, shift=1.0):
    rng = np.random.default_rng(seed)
    d = shape[-1]
    x = rng.normal(scale=scale, size=shape) + shift
    gamma = rng.uniform(0.5, 2.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    beta = rng.normal(size=d)
    dout = rng.normal(size=shape)
    return x, gamma, beta, dout


def check_gradient(name, got, expected, wrong=()):
    """Compare with a central-difference gradient; name a recognisable mistake first."""
    got = np.asarray(got)
    assert got.shape == expected.shape, (
        f"{name} has shape {got.shape}, expected {expected.shape} (the shape of the array it "
        "is the gradient of)"
    )
    if np.linalg.norm(got - expected) < 1e-9:  # both ~0 (d = 1): nothing to compare
        return
    err = relative_error(got, expected)
    if err > 1e-6:
        for looks_like, candidate in wrong:
            if candidate.shape == got.shape and np.allclose(got, candidate, rtol=1e-7, atol=1e-12):
                pytest.fail(f"{name} looks like {looks_like} (relative error {err:.1e})")
        pytest.fail(f"{name} does not match the numerical gradient (relative error {err:.1e})")


def wrong_dx(x_hat, dx_hat, inv_std, axis):
    """The backward passes that forget the paths through the mean and the variance."""
    m = x_hat.shape[axis]
    s1 = dx_hat.sum(axis=axis, keepdims=True)
    s2 = (dx_hat * x_hat).sum(axis=axis, keepdims=True)
    return [
        (
            "dout * gamma / sqrt(var + eps): the backward pass treats the mean and the variance "
            "as constants, but both are computed from x. Add the two terms through mu and var",
            dx_hat * inv_std,
        ),
        (
            "the backward pass without the term through the variance (x_hat times the sum of "
            "dx_hat * x_hat)",
            inv_std / m * (m * dx_hat - s1),
        ),
        (
            "the backward pass without the term through the mean (the sum of dx_hat)",
            inv_std / m * (m * dx_hat - x_hat * s2),
        ),
    ]


# ================================ batchnorm: forward ============================================


def bn(x, gamma, beta, state=None, **kwargs):
    return mod.batchnorm_forward(x, gamma, beta, {} if state is None else state, **kwargs)


def test_batchnorm_hand_worked():
    # Column means [2, 4], biased variances [1, 4]: out = ±1 (up to eps) in both columns.
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    state = {}
    with inputs_unchanged("batchnorm_forward", x=x):
        out, _ = mod.batchnorm_forward(x, [1.0, 1.0], [0.0, 0.0], state)
    out = np.asarray(out)
    if out.shape == (2, 2) and np.allclose(
        out, [[-1 / (1 + EPS), -2 / (2 + EPS)], [1 / (1 + EPS), 2 / (2 + EPS)]], rtol=1e-12
    ):
        pytest.fail("eps was added outside the square root: divide by sqrt(var + eps)")
    expected = np.array([[-1.0, -1.0], [1.0, 1.0]]) * np.sqrt(
        [1.0, 4.0] / np.array([1 + EPS, 4 + EPS])
    )
    if out.shape == (2, 2) and np.allclose(out, [[-1, 1], [-1, 1]], atol=1e-4):
        pytest.fail(
            "batchnorm normalized each ROW (sample) over its features: batchnorm normalizes "
            "each feature (column) over the batch, axis 0. Over the features is layernorm"
        )
    if out.shape == (2, 2) and np.allclose(out, expected / math.sqrt(2), atol=1e-4):
        pytest.fail(
            "batchnorm normalized the batch with the UNBIASED variance (ddof=1): the batch is "
            "normalized with the biased variance (divide by N); only the running variance "
            "accumulates the unbiased one"
        )
    np.testing.assert_allclose(
        out, expected, rtol=1e-12, err_msg="(x - column mean) / sqrt(biased var + eps)"
    )


def test_batchnorm_running_statistics_after_one_step():
    # From an empty state: running_mean = 0.9 * 0 + 0.1 * [2, 4]; running_var =
    # 0.9 * 1 + 0.1 * unbiased var [2, 8].
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    state = {}
    mod.batchnorm_forward(x, [1.0, 1.0], [0.0, 0.0], state)
    if "running_mean" not in state or "running_var" not in state:
        pytest.fail(
            f"after a training step state has keys {sorted(state)}: write running_mean and "
            "running_var into the dict passed in (state['running_mean'] = ...), do not bind "
            "a new dict to the name state"
        )
    rm, rv = np.asarray(state["running_mean"]), np.asarray(state["running_var"])
    if np.allclose(rm, [1.8, 3.6]):
        pytest.fail(
            "running_mean is 0.1 * old + 0.9 * batch mean: momentum is the weight of the OLD "
            "value, running = momentum * running + (1 - momentum) * batch"
        )
    np.testing.assert_allclose(
        rm, [0.2, 0.4], rtol=1e-12, err_msg="running_mean = 0.9 * 0 + 0.1 * batch mean"
    )
    for wrong, what in [
        (
            [1.0, 1.3],
            "running_var accumulated the BIASED batch variance: PyTorch's running "
            "variance uses the unbiased one, var * N / (N - 1)",
        ),
        ([0.2, 0.8], "running_var started at 0: it starts at 1 (ones(D))"),
        ([1.9, 7.3], "running_var is 0.1 * old + 0.9 * batch: momentum weighs the OLD value"),
        ([0.1, 0.4], "running_var started at 0 and used the biased variance"),
    ]:
        if np.allclose(rv, wrong):
            pytest.fail(what)
    np.testing.assert_allclose(
        rv, [1.1, 1.7], rtol=1e-12, err_msg="running_var = 0.9 * 1 + 0.1 * unbiased var"
    )


def test_batchnorm_eval_mode_uses_the_running_statistics():
    x, gamma, beta, _ = make((5, 3), seed=0)
    state = {"running_mean": np.array([1.0, -1.0, 0.5]), "running_var": np.array([4.0, 0.25, 2.0])}
    before = {k: v.copy() for k, v in state.items()}
    with inputs_unchanged("batchnorm_forward", x=x, gamma=gamma, beta=beta):
        out, _ = mod.batchnorm_forward(x, gamma, beta, state, train=False)
    expected = gamma * (x - before["running_mean"]) / np.sqrt(before["running_var"] + EPS) + beta
    for mean, var, what in [
        (0.0, before["running_var"], "running_mean"),
        (before["running_mean"], 1.0, "running_var"),
    ]:
        if np.allclose(out, gamma * (x - mean) / np.sqrt(var + EPS) + beta, rtol=1e-12):
            pytest.fail(
                f"evaluation mode ignored state[{what!r}] and used its initial value: read "
                "the running statistics from state when they are there"
            )
    if np.allclose(out, ref_batchnorm_train(x, gamma, beta)):
        pytest.fail(
            "evaluation mode (train=False) normalized with the BATCH statistics: evaluation "
            "uses state's running_mean and running_var, so a prediction does not depend on "
            "the rest of the batch"
        )
    for key in before:
        if not np.array_equal(state.get(key), before[key]):
            pytest.fail(f"evaluation mode changed state[{key!r}]: only training updates it")
    np.testing.assert_allclose(
        out,
        expected,
        rtol=1e-12,
        err_msg="eval: gamma (x - running_mean) / sqrt(running_var + eps) + beta",
    )


def test_batchnorm_eval_mode_with_an_empty_state_and_a_batch_of_one():
    # Running statistics start at 0 and 1: out = gamma x / sqrt(1 + eps) + beta.
    x = np.array([[2.0, -1.0, 0.5]])
    gamma, beta = np.array([1.0, 2.0, -1.0]), np.array([0.0, 1.0, 0.5])
    out, _ = mod.batchnorm_forward(x, gamma, beta, {}, train=False)
    if np.allclose(out, beta):
        pytest.fail(
            "a batch of one in evaluation mode gave beta: it was normalized with its own "
            "(zero) variance. Evaluation uses the running statistics (0 and 1 at the start)"
        )
    np.testing.assert_allclose(
        out, gamma * x / np.sqrt(1 + EPS) + beta, rtol=1e-12, err_msg="running stats 0 and 1"
    )


BN_SHAPES = [(2, 3), (5, 3), (4, 1), (3, 7)]
BN_IDS = ["N=2", "5x3", "D=1", "3x7"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", BN_SHAPES, ids=BN_IDS)
def test_batchnorm_train_forward_matches_the_definition(shape, seed):
    x, gamma, beta, _ = make(shape, seed)
    out, _ = bn(x, gamma, beta)
    out = np.asarray(out)
    assert out.shape == x.shape and out.dtype == np.float64, (
        f"out has shape {out.shape} and dtype {out.dtype}, expected {x.shape} float64"
    )
    eps_outside = gamma * (x - x.mean(0)) / (x.std(0) + EPS) + beta
    if not np.allclose(out, ref_batchnorm_train(x, gamma, beta), rtol=1e-12) and np.allclose(
        out, eps_outside, rtol=1e-12
    ):
        pytest.fail("eps was added outside the square root: divide by sqrt(var + eps)")
    np.testing.assert_allclose(
        out,
        ref_batchnorm_train(x, gamma, beta),
        rtol=1e-12,
        atol=1e-12,
        err_msg="gamma * (x - mean over axis 0) / sqrt(biased var over axis 0 + eps) + beta",
    )


def test_batchnorm_eps_matters_for_a_nearly_constant_feature():
    # A feature with variance 1e-6: eps = 1e-5 dominates, out = x_c / sqrt(1.1e-5).
    x = np.array([[1.0, 0.001], [3.0, -0.001]])
    out, _ = bn(x, [1.0, 1.0], [0.0, 0.0], eps=1e-5)
    expected = ref_batchnorm_train(x, np.ones(2), np.zeros(2), eps=1e-5)
    if np.allclose(out[:, 1], [0.001 / (0.001 + 1e-5), -0.001 / (0.001 + 1e-5)]):
        pytest.fail("eps was added outside the square root: divide by sqrt(var + eps)")
    np.testing.assert_allclose(
        out, expected, rtol=1e-12, err_msg="eps inside the square root, the one passed in"
    )


@pytest.mark.parametrize("momentum", [0.9, 0.7])
def test_batchnorm_running_statistics_over_several_steps(momentum):
    rng = np.random.default_rng(3)
    state = {}
    rm, rv = np.zeros(3), np.ones(3)
    for n in (4, 6, 5):
        x = rng.normal(loc=[1.0, -2.0, 0.0], scale=[1.0, 3.0, 0.5], size=(n, 3))
        mod.batchnorm_forward(x, np.ones(3), np.zeros(3), state, momentum=momentum)
        rm = momentum * rm + (1 - momentum) * x.mean(0)
        rv = momentum * rv + (1 - momentum) * x.var(0, ddof=1)
    np.testing.assert_allclose(
        state["running_mean"],
        rm,
        rtol=1e-12,
        err_msg=f"running_mean after 3 steps, momentum {momentum} (use the momentum passed in)",
    )
    np.testing.assert_allclose(
        state["running_var"],
        rv,
        rtol=1e-12,
        err_msg=f"running_var after 3 steps, momentum "
        f"{momentum}: the unbiased batch variance, N / (N - 1) times the biased one",
    )


def test_batchnorm_train_then_eval():
    # After training steps, eval mode uses exactly what training accumulated.
    x, gamma, beta, _ = make((6, 2), seed=4)
    state = {}
    bn(x, gamma, beta, state)
    bn(x + 1.0, gamma, beta, state)
    rm, rv = np.array(state["running_mean"]), np.array(state["running_var"])
    test_x = np.array([[0.5, -0.5]])
    out, _ = bn(test_x, gamma, beta, state, train=False)
    np.testing.assert_allclose(out, gamma * (test_x - rm) / np.sqrt(rv + EPS) + beta, rtol=1e-12)


# ================================ batchnorm: backward ===========================================


def bn_backward(dout, cache):
    try:
        return mod.batchnorm_backward(dout, cache)
    except ValueError as exc:
        pytest.fail(
            f"batchnorm_backward raised {exc!r} on valid input: check the shapes of the "
            "products, and that the backward pass reads this call's cache (no global state)"
        )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", BN_SHAPES, ids=BN_IDS)
def test_batchnorm_backward_matches_the_numerical_gradient(shape, seed):
    # L = sum(out * dout); a fresh state per call (the output does not depend on it).
    x, gamma, beta, dout = make(shape, seed)
    eps = 0.5 if shape[0] == 2 else EPS  # with N = 2, x_hat is ±1 and dx is O(eps)
    _, cache = bn(x, gamma, beta, eps=eps)
    dx, dgamma, dbeta = bn_backward(dout, cache)

    def loss(x_, g_, b_):
        return float(np.sum(bn(x_, g_, b_, eps=eps)[0] * dout))

    num_dx = numerical_gradient(lambda v: loss(v, gamma, beta), x)
    num_dgamma = numerical_gradient(lambda v: loss(x, v, beta), gamma)
    num_dbeta = numerical_gradient(lambda v: loss(x, gamma, v), beta)
    x_hat = ref_normalize(x, 0, eps)
    inv_std = 1 / np.sqrt(x.var(0) + eps)
    n = shape[0]
    check_gradient("dx", dx, num_dx, wrong_dx(x_hat, dout * gamma, inv_std, 0))
    check_gradient(
        "dgamma",
        dgamma,
        num_dgamma,
        [
            (
                "(dout * x_hat).mean(axis=0): gamma is used by every sample, so its gradient "
                "is the SUM over the batch",
                (dout * x_hat).mean(0),
            ),
            ("dout.sum(axis=0): dgamma = sum of dout * x_hat", dout.sum(0)),
        ]
        if n > 1
        else [],
    )
    check_gradient(
        "dbeta",
        dbeta,
        num_dbeta,
        [("dout.mean(axis=0): beta's gradient is the SUM of dout over the batch", dout.mean(0))],
    )


@pytest.mark.parametrize("shape", [(1, 4), (5, 3)], ids=["N=1", "5x3"])
def test_batchnorm_eval_backward_matches_the_numerical_gradient(shape):
    # In evaluation mode the running statistics are constants: the layer is affine in x.
    x, gamma, beta, dout = make(shape, seed=5)
    d = shape[1]
    state = {"running_mean": np.linspace(-1, 1, d), "running_var": np.linspace(0.5, 2.0, d)}
    _, cache = mod.batchnorm_forward(x, gamma, beta, state, train=False)
    dx, dgamma, dbeta = bn_backward(dout, cache)

    def loss(x_, g_, b_):
        return float(np.sum(mod.batchnorm_forward(x_, g_, b_, state, train=False)[0] * dout))

    num_dx = numerical_gradient(lambda v: loss(v, gamma, beta), x)
    # The training-mode formula applied to an evaluation cache, with the batch's or with
    # the running statistics: both are wrong, the running statistics are constants.
    n, dx_hat = shape[0], dout * gamma
    candidates = []
    for mean, var in [(x.mean(0), x.var(0)), (state["running_mean"], state["running_var"])]:
        inv_std = 1 / np.sqrt(var + EPS)
        x_hat = (x - mean) * inv_std
        train_dx = inv_std / n * (n * dx_hat - dx_hat.sum(0) - x_hat * (dx_hat * x_hat).sum(0))
        candidates.append(
            (
                "the training-mode backward: in evaluation mode the running statistics are "
                "constants, so dx = dout * gamma / sqrt(running_var + eps)",
                train_dx,
            )
        )
    check_gradient("dx (evaluation mode)", dx, num_dx, candidates)
    check_gradient(
        "dgamma (evaluation mode)", dgamma, numerical_gradient(lambda v: loss(x, v, beta), gamma)
    )
    check_gradient(
        "dbeta (evaluation mode)", dbeta, numerical_gradient(lambda v: loss(x, gamma, v), beta)
    )


def test_batchnorm_cache_is_self_contained():
    a = make((4, 3), seed=6)
    b = make((6, 3), seed=7)
    _, cache_a = bn(*a[:3])
    bn(*b[:3])  # a second forward pass before the first backward
    _, dgamma, dbeta = bn_backward(a[3], cache_a)
    x, _, _, dout = a
    np.testing.assert_allclose(
        dbeta, dout.sum(0), rtol=1e-12, err_msg="the backward pass used the other call's data"
    )
    np.testing.assert_allclose(dgamma, (dout * ref_normalize(x, 0)).sum(0), rtol=1e-10)


# ================================ layernorm ======================================================


def test_layernorm_hand_worked():
    # Row means [2, 4], biased variances [1, 4]: out = [-1, 1] in both rows (up to eps).
    x = np.array([[1.0, 3.0], [2.0, 6.0]])
    out, _ = mod.layernorm_forward(x, [1.0, 1.0], [0.0, 0.0])
    out = np.asarray(out)
    expected = np.array([[-1.0, 1.0], [-1.0, 1.0]]) * np.sqrt(
        np.array([[1.0], [4.0]]) / np.array([[1 + EPS], [4 + EPS]])
    )
    if out.shape == (2, 2) and np.allclose(out, [[-1, -1], [1, 1]], atol=1e-4):
        pytest.fail(
            "layernorm normalized over the BATCH axis (axis 0): layernorm normalizes each "
            "sample over its own features, the last axis"
        )
    no_keepdims = (x - x.mean(-1)) / np.sqrt(x.var(-1) + EPS)
    for wrong, what in [
        (
            no_keepdims,
            "the row statistics broadcast along the wrong axis: keep them as a "
            "column, mean(axis=-1, keepdims=True), so row i uses its own mean and variance",
        ),
        (ref_normalize(x, -1, ddof=1), "the UNBIASED variance (ddof=1): LayerNorm divides by D"),
        (
            np.array([[-1 / (1 + EPS), 1 / (1 + EPS)], [-2 / (2 + EPS), 2 / (2 + EPS)]]),
            "eps added outside the square root: divide by sqrt(var + eps)",
        ),
    ]:
        if out.shape == (2, 2) and np.allclose(out, wrong, rtol=1e-12):
            pytest.fail(f"layernorm: {what}")
    np.testing.assert_allclose(
        out, expected, rtol=1e-12, err_msg="(x - row mean) / sqrt(biased row var + eps)"
    )


LN_SHAPES = [(1, 4), (3, 5), (4, 1), (2, 3, 4)]
LN_IDS = ["N=1", "3x5", "D=1", "N=2 T=3 D=4"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", LN_SHAPES, ids=LN_IDS)
def test_layernorm_forward_matches_the_definition(shape, seed):
    x, gamma, beta, _ = make(shape, seed)
    out, _ = mod.layernorm_forward(x, gamma, beta)
    out = np.asarray(out)
    assert out.shape == x.shape and out.dtype == np.float64, (
        f"out has shape {out.shape} and dtype {out.dtype}, expected {x.shape} float64"
    )
    if shape[0] > 1 and np.allclose(out, gamma * ref_normalize(x, 0) + beta, rtol=1e-9):
        pytest.fail("layernorm normalized over the batch axis 0: it normalizes over the last axis")
    if len(shape) == 3 and np.allclose(out, gamma * ref_normalize(x, 1) + beta, rtol=1e-9):
        pytest.fail(
            "layernorm of a (N, T, D) input normalized over axis 1: it normalizes over the "
            "LAST axis (axis=-1), whatever the number of leading axes"
        )
    np.testing.assert_allclose(
        out,
        ref_layernorm(x, gamma, beta),
        rtol=1e-12,
        atol=1e-12,
        err_msg="gamma * (x - mean over the last axis) / sqrt(biased var + eps) + beta",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_layernorm_treats_samples_independently(seed):
    # Each row's output depends on that row only: the same as normalizing it alone.
    x, gamma, beta, _ = make((5, 4), seed)
    out, _ = mod.layernorm_forward(x, gamma, beta)
    alone = np.concatenate([mod.layernorm_forward(x[i : i + 1], gamma, beta)[0] for i in range(5)])
    np.testing.assert_allclose(
        out,
        alone,
        rtol=1e-12,
        err_msg="a sample's layernorm depends on the other samples: "
        "the statistics must be over the last axis (keepdims=True), not over the batch",
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", LN_SHAPES, ids=LN_IDS)
def test_layernorm_backward_matches_the_numerical_gradient(shape, seed):
    x, gamma, beta, dout = make(shape, seed)
    _, cache = mod.layernorm_forward(x, gamma, beta)
    try:
        dx, dgamma, dbeta = mod.layernorm_backward(dout, cache)
    except ValueError as exc:
        pytest.fail(
            f"layernorm_backward raised {exc!r} on valid input: check the axes of the sums "
            "(the statistics are over the last axis, keepdims=True)"
        )

    def loss(x_, g_, b_):
        return float(np.sum(mod.layernorm_forward(x_, g_, b_)[0] * dout))

    num_dx = numerical_gradient(lambda v: loss(v, gamma, beta), x)
    num_dgamma = numerical_gradient(lambda v: loss(x, v, beta), gamma)
    num_dbeta = numerical_gradient(lambda v: loss(x, gamma, v), beta)
    x_hat = ref_normalize(x, -1)
    inv_std = 1 / np.sqrt(x.var(-1, keepdims=True) + EPS)
    wrong = wrong_dx(x_hat, dout * gamma, inv_std, -1)
    if len(shape) == 2:
        n, dxh = shape[0], dout * gamma
        wrong.append(
            (
                "the batchnorm backward (sums over axis 0): layernorm's statistics, and so its "
                "sums, are over the last axis",
                inv_std / n * (n * dxh - dxh.sum(0) - x_hat * (dxh * x_hat).sum(0)),
            )
        )
    check_gradient("dx", dx, num_dx, wrong)
    d = shape[-1]
    dgamma = np.asarray(dgamma)
    if len(shape) == 3 and dgamma.shape == shape[1:]:
        pytest.fail(
            f"dgamma has shape {dgamma.shape} for x of shape {shape}: gamma is shared by every "
            "sample AND every position, so sum over every axis but the last (reshape to "
            "(-1, D) first)"
        )
    check_gradient(
        "dgamma",
        dgamma,
        num_dgamma,
        [
            (
                "a mean over the samples: gamma's gradient is the SUM of dout * x_hat",
                (dout * x_hat).reshape(-1, d).mean(0),
            )
        ],
    )
    check_gradient(
        "dbeta",
        dbeta,
        num_dbeta,
        [
            (
                "a mean over the samples: beta's gradient is the SUM of dout",
                dout.reshape(-1, d).mean(0),
            )
        ],
    )


def test_layernorm_cache_is_self_contained():
    a = make((3, 4), seed=8)
    b = make((5, 4), seed=9)
    _, cache_a = mod.layernorm_forward(*a[:3])
    mod.layernorm_forward(*b[:3])
    _, dgamma, dbeta = mod.layernorm_backward(a[3], cache_a)
    x, _, _, dout = a
    np.testing.assert_allclose(
        dbeta, dout.sum(0), rtol=1e-12, err_msg="the backward pass used the other call's data"
    )
    np.testing.assert_allclose(dgamma, (dout * ref_normalize(x, -1)).sum(0), rtol=1e-10)


# ================================ both: inputs and bad input =====================================


def test_inputs_are_not_modified():
    x, gamma, beta, dout = make((4, 3), seed=10)
    state = {}
    with inputs_unchanged("batchnorm_forward", x=x, gamma=gamma, beta=beta):
        _, cache = mod.batchnorm_forward(x, gamma, beta, state)
    with inputs_unchanged("batchnorm_backward", dout=dout, x=x, gamma=gamma):
        mod.batchnorm_backward(dout, cache)
    with inputs_unchanged("layernorm_forward", x=x, gamma=gamma, beta=beta):
        _, cache = mod.layernorm_forward(x, gamma, beta)
    with inputs_unchanged("layernorm_backward", dout=dout, x=x, gamma=gamma):
        mod.layernorm_backward(dout, cache)


def test_the_state_passed_in_is_the_one_updated():
    # A caller keeps its dict: the running statistics must appear in it, and an existing
    # running_mean array given by the caller is read, not ignored.
    x, gamma, beta, _ = make((4, 2), seed=11)
    state = {"running_mean": np.array([10.0, -10.0]), "running_var": np.array([3.0, 3.0])}
    mod.batchnorm_forward(x, gamma, beta, state, momentum=0.5)
    np.testing.assert_allclose(
        state["running_mean"],
        0.5 * np.array([10.0, -10.0]) + 0.5 * x.mean(0),
        rtol=1e-12,
        err_msg="running_mean must start from the state's existing value",
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"x": np.ones((1, 3))}, "2 samples"),
        ({"gamma": np.ones(2)}, "gamma"),
        ({"beta": np.ones((3, 1))}, "beta"),
        ({"state": None}, "state"),
        ({"state": {"running_mean": np.zeros(2)}}, "running_mean"),
        ({"momentum": 1.5}, "momentum"),
        ({"eps": 0.0}, "eps"),
        ({"x": np.ones(3)}, "x"),
        ({"x": np.array([[1.0, np.nan, 0.0], [0.0, 1.0, 2.0]])}, "NaN"),
        ({"train": "yes"}, "train"),
    ],
    ids=[
        "N=1 in training",
        "gamma shape",
        "beta 2-D",
        "state None",
        "state shape",
        "momentum",
        "eps",
        "x 1-D",
        "NaN",
        "train",
    ],
)
def test_batchnorm_bad_input_is_a_value_error(kwargs, match):
    args = {
        "x": np.arange(6.0).reshape(2, 3),
        "gamma": np.ones(3),
        "beta": np.zeros(3),
        "state": {},
    }
    mod.batchnorm_forward(**args)
    with pytest.raises(ValueError, match=match):
        mod.batchnorm_forward(**{**args, **kwargs})


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"x": np.ones(3)}, "x"),
        ({"gamma": np.ones(2)}, "gamma"),
        ({"beta": np.ones(4)}, "beta"),
        ({"eps": -1e-5}, "eps"),
    ],
    ids=["x 1-D", "gamma shape", "beta shape", "eps"],
)
def test_layernorm_bad_input_is_a_value_error(kwargs, match):
    args = {"x": np.arange(6.0).reshape(2, 3), "gamma": np.ones(3), "beta": np.zeros(3)}
    mod.layernorm_forward(**args)
    with pytest.raises(ValueError, match=match):
        mod.layernorm_forward(**{**args, **kwargs})


@pytest.mark.parametrize("which", ["batchnorm", "layernorm"])
def test_dout_of_the_wrong_shape_is_a_value_error(which):
    forward, backward = (
        (bn, mod.batchnorm_backward)
        if which == "batchnorm"
        else (mod.layernorm_forward, mod.layernorm_backward)
    )
    _, cache = forward(np.arange(12.0).reshape(4, 3), np.ones(3), np.zeros(3))
    backward(np.ones((4, 3)), cache)
    with pytest.raises(ValueError, match="dout"):
        backward(np.ones((3, 4)), cache)
