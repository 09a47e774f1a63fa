"""Tests for neural/activations: relu, leaky_relu, tanh, sigmoid, gelu and their *_grad."""

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

mod = load_kata("neural/activations")

GELU_C = math.sqrt(2.0 / math.pi)


# --- the test's own reference functions (written from the definitions, in plain NumPy) ------


def ref_sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    out[~pos] = np.exp(x[~pos]) / (1.0 + np.exp(x[~pos]))
    return out


def ref_gelu(x):
    x = np.asarray(x, dtype=float)
    return 0.5 * x * (1.0 + np.tanh(GELU_C * (x + 0.044715 * x**3)))


def erf_gelu(x):
    """The exact GELU x * Phi(x): what a learner writes who missed the tanh approximation."""
    return np.array([v * 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))) for v in np.ravel(x)])


REFERENCE = {
    "relu": lambda x: np.maximum(x, 0.0),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "tanh": np.tanh,
    "sigmoid": ref_sigmoid,
    "gelu": ref_gelu,
}
NAMES = list(REFERENCE)

# Shapes that catch a reduction or a lost axis: a scalar, a batch of one with d = 1,
# a non-square batch, a 3-D array.
SHAPES = [(), (1, 1), (3, 5), (2, 3, 4)]
SHAPE_IDS = ["0-d", "1x1", "3x5", "2x3x4"]


def random_input(shape, seed, scale=2.0):
    """Normal values kept away from the kink at 0 (central differences straddle it)."""
    x = np.random.default_rng(seed).normal(scale=scale, size=shape)
    return np.where(np.abs(x) < 1e-2, 0.5, x)


def numeric_derivative(f, x):
    """d f(x_i) / d x_i by central differences: f is elementwise, so the gradient of
    sum(f(x)) holds exactly the elementwise derivatives."""
    return numerical_gradient(lambda v: float(np.sum(f(v))), x)


# Wrong derivatives a learner writes, recognisable by value: (description, function of x).
WRONG_GRADS = {
    "relu": [],
    "leaky_relu": [],
    "tanh": [
        (
            "1 - x**2: tanh_grad receives the INPUT x, so it is 1 - tanh(x)**2 (1 - y**2 is "
            "the formula in terms of the output y = tanh(x))",
            lambda x: 1 - x**2,
        ),
        ("1 - tanh(x): the derivative is 1 - tanh(x)**2 (squared)", lambda x: 1 - np.tanh(x)),
    ],
    "sigmoid": [
        (
            "x * (1 - x): sigmoid_grad receives the INPUT x, so it is s(x) * (1 - s(x)) with "
            "s = sigmoid (y * (1 - y) is the formula in terms of the output y)",
            lambda x: x * (1 - x),
        ),
        ("sigmoid(x) itself: the (1 - sigmoid(x)) factor is missing", ref_sigmoid),
    ],
    "gelu": [
        (
            "0.5 * (1 + tanh(u)) alone: gelu = 0.5 x (1 + tanh(u)) is a PRODUCT of x and "
            "(1 + tanh(u)), so the product rule adds 0.5 x (1 - tanh(u)**2) du/dx",
            lambda x: 0.5 * (1 + np.tanh(GELU_C * (x + 0.044715 * x**3))),
        ),
        (
            "the derivative without the factor 3 in du/dx = sqrt(2/pi) (1 + 3 * 0.044715 x**2)",
            lambda x: (
                0.5 * (1 + np.tanh(GELU_C * (x + 0.044715 * x**3)))
                + 0.5
                * x
                * (1 - np.tanh(GELU_C * (x + 0.044715 * x**3)) ** 2)
                * GELU_C
                * (1 + 0.044715 * x**2)
            ),
        ),
    ],
}


def check_derivative(name, got, expected, x, wrong=()):
    got = np.asarray(got)
    assert got.shape == np.shape(x), (
        f"{name}_grad returned shape {got.shape} for x of shape {np.shape(x)}: an elementwise "
        "derivative has x's shape"
    )
    err = relative_error(got, expected)
    if err > 1e-6:
        for looks_like, candidate in wrong:
            if np.allclose(got, candidate(x), rtol=1e-9, atol=1e-12):
                pytest.fail(f"{name}_grad(x) looks like {looks_like}")
        pytest.fail(
            f"{name}_grad(x) does not match the central-difference derivative of {name} "
            f"(relative error {err:.1e}; first entries: got {got.ravel()[:3]}, expected "
            f"{expected.ravel()[:3]})"
        )


def assert_derivative_values(name, got, expected, x, label):
    """Hand-worked derivative values, naming a recognisable wrong formula first."""
    x = np.asarray(x, dtype=float)
    got = np.asarray(got, dtype=float)
    if got.shape == x.shape:
        for looks_like, candidate in WRONG_GRADS[name]:
            if np.allclose(got, candidate(x), rtol=1e-9, atol=1e-12):
                pytest.fail(f"{name}_grad({label}) looks like {looks_like}")
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg=f"{name}_grad({label}), worked by hand"
    )


# --- hand-worked values --------------------------------------------------------------------


def test_relu_hand_values():
    np.testing.assert_array_equal(
        mod.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0], err_msg="relu([-2, 0, 3])"
    )


def test_relu_grad_is_zero_at_zero():
    got = mod.relu_grad([-2.0, 0.0, 3.0])
    if np.shape(got) == (3,) and got[1] == 1.0:
        pytest.fail(
            "relu_grad(0) is 1: the convention is relu_grad(0) = 0 (as PyTorch), so the "
            "test is x > 0, not x >= 0"
        )
    np.testing.assert_array_equal(got, [0.0, 0.0, 1.0], err_msg="relu_grad([-2, 0, 3])")


def test_leaky_relu_hand_values_with_default_alpha():
    np.testing.assert_allclose(
        mod.leaky_relu([-2.0, 0.0, 3.0]),
        [-0.02, 0.0, 3.0],
        rtol=1e-12,
        err_msg="leaky_relu([-2, 0, 3]) with the default alpha = 0.01",
    )


def test_leaky_relu_uses_the_alpha_passed_in():
    got = mod.leaky_relu([-2.0, 3.0], alpha=0.2)
    assert not np.allclose(got, [-0.02, 3.0]), (
        "leaky_relu(x, alpha=0.2) gave the default slope 0.01: use the alpha argument"
    )
    np.testing.assert_allclose(got, [-0.4, 3.0], rtol=1e-12, err_msg="leaky_relu, alpha = 0.2")


def test_leaky_relu_grad_hand_values():
    got = mod.leaky_relu_grad([-2.0, 0.0, 3.0], alpha=0.2)
    assert not np.allclose(got, [0.01, 0.01, 1.0]), (
        "leaky_relu_grad(x, alpha=0.2) used the default slope 0.01: use the alpha argument"
    )
    if np.shape(got) == (3,) and got[1] == 1.0:
        pytest.fail("leaky_relu_grad(0) is 1: the convention is alpha at x = 0 (x > 0 is strict)")
    np.testing.assert_allclose(
        got, [0.2, 0.2, 1.0], rtol=1e-12, err_msg="leaky_relu_grad([-2, 0, 3], alpha=0.2)"
    )
    np.testing.assert_allclose(
        mod.leaky_relu_grad([-1.0, 1.0]),
        [0.01, 1.0],
        rtol=1e-12,
        err_msg="leaky_relu_grad with the default alpha = 0.01",
    )


def test_tanh_hand_values():
    # tanh(log 2) = (2 - 1/2) / (2 + 1/2) = 0.6, so tanh'(log 2) = 1 - 0.36 = 0.64.
    x = [0.0, math.log(2.0), -math.log(2.0)]
    np.testing.assert_allclose(
        mod.tanh(x), [0.0, 0.6, -0.6], rtol=1e-12, atol=1e-15, err_msg="tanh([0, ±log 2])"
    )
    assert_derivative_values("tanh", mod.tanh_grad(x), [1.0, 0.64, 0.64], x, "[0, ±log 2]")


def test_sigmoid_hand_values():
    # sigmoid(log 3) = 1 / (1 + 1/3) = 0.75, so sigmoid'(log 3) = 0.75 * 0.25 = 0.1875.
    x = [0.0, math.log(3.0), -math.log(3.0)]
    np.testing.assert_allclose(
        mod.sigmoid(x), [0.5, 0.75, 0.25], rtol=1e-12, err_msg="sigmoid([0, ±log 3])"
    )
    assert_derivative_values(
        "sigmoid", mod.sigmoid_grad(x), [0.25, 0.1875, 0.1875], x, "[0, ±log 3]"
    )


def test_gelu_hand_values():
    # u(1) = sqrt(2/pi) * 1.044715; gelu(1) = 0.5 (1 + tanh u(1)) = 0.8411919906...
    u = GELU_C * 1.044715
    expected = 0.5 * (1.0 + math.tanh(u))
    got = mod.gelu([0.0, 1.0, -1.0])
    if np.allclose(got, [0.0, 0.8413447461, -0.1586552539], rtol=1e-9):
        pytest.fail(
            "gelu(1) gave 0.841345 = Phi(1): that is the exact GELU x * Phi(x) (with erf); "
            "the kata asks for the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + "
            "0.044715 x**3))), which gives 0.841192"
        )
    if np.allclose(got, [0.0, 1.0 / (1.0 + math.exp(-1.702)), -1.0 / (1.0 + math.exp(1.702))]):
        pytest.fail(
            "gelu is x * sigmoid(1.702 x), the sigmoid approximation; the kata asks for the "
            "tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3)))"
        )
    np.testing.assert_allclose(
        got,
        [0.0, expected, expected - 1.0],
        rtol=1e-12,
        err_msg="gelu([0, 1, -1]): check the constants, sqrt(2 / pi) (not sqrt(2) / pi) and "
        "0.044715 x**3, and the factor 0.5 x",
    )
    grad = mod.gelu_grad([0.0])
    np.testing.assert_allclose(
        grad, [0.5], rtol=1e-12, err_msg="gelu_grad(0) = 0.5 (the slope of 0.5 x at 0)"
    )


# --- forward against the definitions, shapes and dtype ------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", SHAPES, ids=SHAPE_IDS)
@pytest.mark.parametrize("name", NAMES)
def test_forward_matches_the_definition(name, shape, seed):
    x = random_input(shape, seed)
    got = np.asarray(getattr(mod, name)(x))
    assert got.shape == x.shape, f"{name} changed the shape {x.shape} to {got.shape}"
    assert got.dtype == np.float64, f"{name} returned dtype {got.dtype}, expected float64"
    if name == "gelu" and np.allclose(got, erf_gelu(x).reshape(x.shape), rtol=1e-9):
        pytest.fail(
            "gelu is the exact erf form x * Phi(x); the kata asks for the tanh approximation"
        )
    np.testing.assert_allclose(
        got,
        REFERENCE[name](x),
        rtol=1e-10,
        atol=1e-12,
        err_msg=f"{name}(x) differs from its definition",
    )


@pytest.mark.parametrize("name", NAMES + [n + "_grad" for n in NAMES])
def test_integer_input_gives_float64(name):
    got = np.asarray(getattr(mod, name)(np.array([[-2, 0, 3]])))
    assert got.dtype == np.float64, f"{name} returned dtype {got.dtype} for integers"
    assert got.shape == (1, 3), f"{name} changed the shape (1, 3) to {got.shape}"


@pytest.mark.parametrize("name", NAMES + [n + "_grad" for n in NAMES])
def test_empty_input_gives_an_empty_array(name):
    got = np.asarray(getattr(mod, name)(np.zeros((0, 3))))
    assert got.shape == (0, 3), f"{name} of an empty (0, 3) array gave shape {got.shape}"


# --- derivatives against central differences ------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", SHAPES, ids=SHAPE_IDS)
@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name, shape, seed):
    # The reference function's own central differences: *_grad is judged on its own,
    # whether or not the forward pass is right.
    x = random_input(shape, seed)
    expected = numeric_derivative(REFERENCE[name], x)
    got = getattr(mod, name + "_grad")(x)
    check_derivative(name, got, expected, x, WRONG_GRADS[name])


@pytest.mark.parametrize("seed", SEEDS)
def test_leaky_relu_grad_matches_central_differences_for_another_alpha(seed):
    x = random_input((4, 3), seed)
    expected = numeric_derivative(lambda v: np.where(v > 0, v, 0.3 * v), x)
    got = mod.leaky_relu_grad(x, alpha=0.3)
    check_derivative(
        "leaky_relu",
        got,
        expected,
        x,
        [("the default alpha 0.01: use the alpha argument", lambda v: np.where(v > 0, 1, 0.01))],
    )


@pytest.mark.parametrize("name", NAMES)
def test_derivative_over_a_wide_range(name):
    # Large arguments are where s(1 - s) or 1 - tanh**2 saturate; gelu's cubic term dominates.
    x = np.linspace(-8.0, 8.0, 41) + 0.013
    expected = numeric_derivative(REFERENCE[name], x)
    check_derivative(name, getattr(mod, name + "_grad")(x), expected, x, WRONG_GRADS[name])


# --- numerical stability --------------------------------------------------------------------

STABLE = {
    # name: (values at [-1000, 1000], the likely cause of an overflow)
    "sigmoid": (
        [0.0, 1.0],
        "sigmoid at -1000 overflowed: exp(-x) is inf at x = -1000 (and np.where evaluates both "
        "of its branches for every element). Compute e = exp(-|x|), in (0, 1], then "
        "1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0",
    ),
    "sigmoid_grad": (
        [0.0, 0.0],
        "sigmoid_grad at ±1000 overflowed: build it from a stable sigmoid (exp(-|x|))",
    ),
    "tanh": (
        [-1.0, 1.0],
        "tanh at ±1000 overflowed: (exp(2x) - 1) / (exp(2x) + 1) is inf / inf; use np.tanh",
    ),
    "tanh_grad": ([0.0, 0.0], "tanh_grad at ±1000 overflowed: use np.tanh"),
    "gelu": ([0.0, 1000.0], "gelu at ±1000 overflowed: use np.tanh for tanh(u)"),
    "gelu_grad": ([0.0, 1.0], "gelu_grad at ±1000 overflowed: use np.tanh for tanh(u)"),
    "relu": ([0.0, 1000.0], "relu overflowed"),
    "relu_grad": ([0.0, 1.0], "relu_grad overflowed"),
    "leaky_relu": ([-10.0, 1000.0], "leaky_relu overflowed"),
    "leaky_relu_grad": ([0.01, 1.0], "leaky_relu_grad overflowed"),
}


@pytest.mark.parametrize("name", list(STABLE))
def test_no_overflow_at_magnitude_1000(name):
    expected, diagnosis = STABLE[name]
    with fp_diagnosis(diagnosis):
        got = getattr(mod, name)(np.array([-1000.0, 1000.0]))
    assert np.all(np.isfinite(got)), f"{name}([-1000, 1000]) gave {got}: not finite"
    if name == "sigmoid" and np.shape(got) == (2,) and 0 < got[0] < 1e-100:
        pytest.fail(
            f"sigmoid(-1000) gave {got[0]:.3g}, not 0: x was clipped, which changes the answer "
            "wherever |x| is above the clip level. Use exp(-|x|), which never overflows"
        )
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, atol=1e-300, err_msg=f"{name}([-1000, 1000])"
    )


def test_sigmoid_keeps_the_lower_tail():
    x = np.array([-30.0, -700.0])
    got, fp_error = run_numerically(mod.sigmoid, x)
    assert fp_error is None, f"sigmoid({x.tolist()}) raised NumPy's '{fp_error}'"
    assert np.all(got > 0), (
        f"sigmoid({x.tolist()}) gave {got}: the tail cancelled to 0. 1 - sigmoid(-x) (or "
        "clipping x) loses it; for x < 0 use exp(x) / (1 + exp(x))"
    )
    np.testing.assert_allclose(
        got,
        [1.0 / (1.0 + math.exp(30.0)), math.exp(-700.0)],
        rtol=1e-12,
        err_msg="sigmoid's lower tail is inexact: for x < 0 use exp(x) / (1 + exp(x)), with "
        "no subtraction from 1",
    )


# --- inputs and bad input -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES + [n + "_grad" for n in NAMES])
def test_input_is_not_modified(name):
    x = np.random.default_rng(3).normal(size=(3, 4))
    with inputs_unchanged(name, x=x):
        getattr(mod, name)(x)


@pytest.mark.parametrize("name", NAMES + [n + "_grad" for n in NAMES])
def test_nan_input_is_a_value_error(name):
    func = getattr(mod, name)
    func(np.array([0.5, -0.5]))
    with pytest.raises(ValueError, match="NaN"):
        func(np.array([0.5, np.nan]))


@pytest.mark.parametrize("name", ["leaky_relu", "leaky_relu_grad"])
@pytest.mark.parametrize("alpha", [-0.1, "0.1", None])
def test_invalid_alpha_is_a_value_error(name, alpha):
    func = getattr(mod, name)
    func(np.array([0.5, -0.5]), alpha=0.1)
    with pytest.raises(ValueError, match="alpha"):
        func(np.array([0.5, -0.5]), alpha=alpha)
