"""Tests for foundations/gradient_check: central-difference gradient and relative error."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata

gc = load_kata("foundations/gradient_check")

SHAPES = [(), (5,), (3, 4), (2, 3, 2)]


def cubic(v):
    return float(np.sum(v**3))


def coupled_quadratic(C, D, k=10.0):
    """f(X) = sum(C X^2) / 2 + sum(D X) + k (sum X)^2, with gradient C X + D + 2 k sum(X).

    The (sum X)^2 term couples every entry to every other, so an entry left perturbed
    while the next one is differentiated shifts that next derivative by about 2 k eps.
    """

    def f(X):
        return float(0.5 * np.sum(C * X**2) + np.sum(D * X) + k * np.sum(X) ** 2)

    def grad(X):
        return C * X + D + 2 * k * np.sum(X)

    return f, grad


# --- numerical_gradient: values -----------------------------------------------------------


def test_cubic_gives_three_x_squared_plus_eps_squared():
    # ((x + h)^3 - (x - h)^3) / (2h) = 3x^2 + h^2 exactly: the O(h) terms cancel.
    x = np.array([1.0, -2.0, 0.5])
    h = 1e-2
    got = gc.numerical_gradient(cubic, x, eps=h)
    assert np.shape(got) == x.shape, f"expected shape {x.shape}, got {np.shape(got)}"
    expected = 3 * x**2 + h**2
    forward = ((x + h) ** 3 - x**3) / h  # what (f(x + h) - f(x)) / h gives
    assert not np.allclose(got, forward, rtol=1e-9), (
        f"numerical_gradient gave {got}, the forward difference (f(x + eps) - f(x)) / eps, "
        f"whose error is O(eps) (here {np.abs(forward - 3 * x**2).max():.2g}). Use the "
        "central difference (f(x + eps) - f(x - eps)) / (2 eps): error O(eps^2)"
    )
    assert not np.allclose(got, 2 * expected, rtol=1e-9), (
        "numerical_gradient is twice the derivative: divide f(x + eps) - f(x - eps) by 2 eps"
    )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-10,
        err_msg=f"with eps={h}, central differences of x^3 give exactly 3x^2 + eps^2; is the "
        "eps argument used?",
    )


def test_the_eps_argument_is_used():
    x = np.array([1.0, -2.0])
    for h in (0.5, 0.1):
        np.testing.assert_allclose(
            gc.numerical_gradient(cubic, x, eps=h),
            3 * x**2 + h**2,
            rtol=1e-12,
            err_msg=f"for f = sum(x^3) and eps={h}, expected 3x^2 + eps^2: use the given eps",
        )


def test_error_shrinks_like_eps_squared():
    # For a smooth f the central-difference error is about eps^2 f'''/6: dividing eps by
    # 10 divides the error by 100 (a forward difference would only gain a factor 10).
    x = np.array([0.3, 1.0, -0.7])

    def f(v):
        return float(np.sum(np.exp(v)))

    err = [np.abs(gc.numerical_gradient(f, x, eps=h) - np.exp(x)).max() for h in (1e-2, 1e-3)]
    ratio = err[0] / err[1]
    assert 60 < ratio < 140, (
        f"the error fell by a factor {ratio:.1f} when eps went from 1e-2 to 1e-3; central "
        "differences give ~100 (error O(eps^2)), forward differences ~10 (error O(eps))"
    )


def test_f_sees_x_with_one_entry_moved_by_plus_and_minus_eps():
    x = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -0.25]])
    h = 1e-3
    seen = []

    def f(v):
        v = np.asarray(v)
        assert v.shape == x.shape, f"f was called with shape {v.shape}, expected {x.shape}"
        seen.append(v - x)  # the perturbation relative to x
        return float(np.sum(v**2))

    gc.numerical_gradient(f, x.copy(), eps=h)
    moves = set()
    for delta in seen:
        moved = np.flatnonzero(np.abs(delta) > h / 2)
        assert moved.size <= 1, (
            f"f was called with {moved.size} entries of x moved at once "
            f"(positions {moved.tolist()}): perturb a single entry at a time, over every "
            "axis (perturbing x[i] of a 2-D x moves a whole row)"
        )
        if moved.size == 1:
            step = delta.flat[moved[0]]
            np.testing.assert_allclose(abs(step), h, rtol=1e-6, err_msg="the step must be eps")
            moves.add((int(moved[0]), step > 0))
    missing = {(i, s) for i in range(x.size) for s in (True, False)} - moves
    assert not missing, (
        "f was never evaluated at x + eps e_i / x - eps e_i for (flat index, plus?) "
        f"{sorted(missing)[:4]}: central differences need both sides for every entry"
    )


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("seed", SEEDS)
def test_matches_the_analytic_gradient_for_every_shape(shape, seed):
    rng = np.random.default_rng(seed)
    C, D, X = rng.uniform(0.5, 2.0, size=shape), rng.normal(size=shape), rng.normal(size=shape)
    f, grad = coupled_quadratic(C, D)
    got = gc.numerical_gradient(f, X)
    assert np.shape(got) == X.shape, (
        f"numerical_gradient returned shape {np.shape(got)} for x of shape {X.shape}: the "
        "gradient has x's shape (reshape a flat result back)"
    )
    np.testing.assert_allclose(
        got,
        grad(X),
        rtol=1e-6,
        atol=1e-6,
        err_msg=f"wrong gradient for x of shape {shape}. Perturb one entry at a time over "
        "every axis (not whole rows), and put each entry back to its saved value before the "
        "next one: f couples all entries, so a leftover perturbation skews the rest",
    )


def test_returns_float64_for_integer_x():
    got = gc.numerical_gradient(cubic, np.array([1, 2, -3]), eps=1e-3)
    assert got.dtype == np.float64, (
        f"the gradient has dtype {got.dtype}: for integer x, x + eps would be truncated; "
        "work in float64"
    )
    np.testing.assert_allclose(
        got,
        3 * np.array([1.0, 4.0, 9.0]) + 1e-6,
        rtol=1e-9,
        err_msg="integer x: the gradient of sum(x^3) at [1, 2, -3] with eps=1e-3",
    )


@pytest.mark.parametrize("view", ["a block of columns", "every other row and column", "transpose"])
def test_non_contiguous_x_is_handled(view):
    rng = np.random.default_rng(3)
    base = rng.normal(size=(4, 6))
    X = {
        "a block of columns": base[:, 1:4],
        "every other row and column": base[::2, ::2],
        "transpose": base.T,
    }[view]
    assert not X.flags.c_contiguous
    C, D = rng.uniform(0.5, 2.0, size=X.shape), rng.normal(size=X.shape)
    f, grad = coupled_quadratic(C, D)
    got = gc.numerical_gradient(f, X)
    assert np.any(got != 0), (
        f"the gradient is all zeros for a non-contiguous x ({view}): x.reshape(-1) of such a "
        "view is usually a copy, so perturbing it never reaches the array f sees. Index x by "
        "np.ndindex(x.shape), or perturb a contiguous copy"
    )
    np.testing.assert_allclose(
        got,
        grad(X),
        rtol=1e-6,
        atol=1e-6,
        err_msg="non-contiguous x: against the analytic gradient",
    )


# --- numerical_gradient: how f is called ------------------------------------------------


def test_x_is_unchanged_after_the_call():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(3, 4)) / 3.0  # values that x + eps - eps does not restore exactly
    before = X.copy()
    f, _ = coupled_quadratic(np.ones((3, 4)), rng.normal(size=(3, 4)))
    gc.numerical_gradient(f, X)
    changed = np.argwhere(X != before)
    assert changed.size == 0, (
        f"numerical_gradient changed x at {len(changed)} entries (first {changed[0].tolist()}"
        f": {before[tuple(changed[0])]!r} -> {X[tuple(changed[0])]!r}). Save each entry and "
        "put the saved value back (x + eps - eps is not always x in floating point), or "
        "perturb a copy of x"
    )


def test_x_is_unchanged_even_if_f_raises():
    x = np.linspace(-1.0, 1.0, 5)
    before = x.copy()
    gc.numerical_gradient(cubic, x)  # works on a well-behaved f first
    calls = []

    def failing(v):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("f failed on its third call")
        return cubic(v)

    with pytest.raises(RuntimeError, match="third call"):
        gc.numerical_gradient(failing, x)
    assert np.array_equal(x, before), (
        f"after f raised, x is {x.tolist()} instead of {before.tolist()}: an entry was left "
        "perturbed. Restore it in a `finally:` block, or perturb a copy of x"
    )


def wrong_relative_error(a, b, got):
    """The classic wrong formulas that give ``got`` for (a, b), or None."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff, s = np.abs(a - b), np.abs(a) + np.abs(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        candidates = {
            "averages the entries instead of taking the largest": np.mean(
                diff / np.maximum(s, 1e-12)
            ),
            "divides by |b| only (asymmetric, and x/0 where b is 0)": np.max(diff / np.abs(b)),
            "adds 1e-12 to |a| + |b| instead of flooring it, max(|a| + |b|, 1e-12)": np.max(
                diff / (s + 1e-12)
            ),
            "divides by max(|a|, |b|) instead of |a| + |b|": np.max(
                diff / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-12)
            ),
            "has no floor (or 0/0 -> 0 only), so rounding noise near 0 counts as a 100% error": (
                np.max(diff / np.where(s == 0, 1.0, s))
            ),
            "floors the denominator far above 1e-12": np.max(diff / np.maximum(s, 1e-8)),
        }
        if a.size > 1:
            candidates[
                "compares norms, ||a - b|| / (||a|| + ||b||), instead of the largest entry"
            ] = np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))
    right = np.max(diff / np.maximum(s, 1e-12))
    matches = [
        mistake
        for mistake, value in candidates.items()
        if np.isfinite(value)
        and not math.isclose(value, right, rel_tol=1e-9)
        and math.isclose(got, value, rel_tol=1e-9)
    ]
    return " (or it ".join(matches) + ")" * (len(matches) - 1) if matches else None


# --- relative_error -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([1.0], [1.0], 0.0),
        ([1.0], [3.0], 0.5),  # |1 - 3| / (1 + 3)
        ([3.0], [1.0], 0.5),  # symmetric
        ([1.0], [-1.0], 1.0),  # opposite signs: the worst possible
        ([1000.0], [1001.0], 1.0 / 2001.0),  # relative, not absolute
        ([1e-8], [2e-8], 1.0 / 3.0),  # small but both far above the floor
        ([1e-11], [3e-11], 0.5),  # tiny gradients still compared relatively (floor 1e-12)
        ([[1.0, 1.0], [2.0, 2.0]], [[1.0, 3.0], [2.0, 2.0]], 0.5),  # the largest entry
    ],
)
def test_relative_error_hand_values(a, b, expected):
    got = gc.relative_error(a, b)
    mistake = wrong_relative_error(a, b, got)
    if mistake is not None:
        pytest.fail(
            f"relative_error({a}, {b}) = {got}, expected {expected}: your formula {mistake}. "
            "The rule is max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-12)",
            pytrace=False,
        )
    assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-15), (
        f"relative_error({a}, {b}) = {got}, expected {expected} = max |a - b| / (|a| + |b|)"
    )


def test_relative_error_of_zeros_is_zero_not_nan():
    with np.errstate(invalid="ignore", divide="ignore"):  # let 0/0 show up as NaN below
        got = gc.relative_error([0.0, 0.0], [0.0, 0.0])
        mixed = gc.relative_error([0.0, 1.0], [0.0, 1.1])
    assert got == 0.0, (
        f"relative_error of two zero arrays is {got}, expected 0: 0 / (0 + 0) is NaN; floor "
        "the denominator (max(|a| + |b|, 1e-12))"
    )
    assert math.isclose(mixed, 0.1 / 2.1, rel_tol=1e-12), (
        f"relative_error([0, 1], [0, 1.1]) = {mixed}, expected 0.1 / 2.1: the 0-vs-0 entry "
        "agrees perfectly and must not dominate"
    )


def test_relative_error_of_zeros_computes_no_zero_division():
    # np.where(denom == 0, 0, diff / denom) still evaluates 0/0 for the zero entries.
    try:
        got = gc.relative_error([0.0, 1.0], [0.0, 1.1])
        zeros = gc.relative_error(np.zeros((2, 2)), np.zeros((2, 2)))
    except FloatingPointError as exc:
        pytest.fail(
            f"relative_error with 0-vs-0 entries computed 0/0 ({exc}), even if the NaN is "
            "replaced afterwards (np.where evaluates both branches): floor the denominator "
            "instead, max(|a| + |b|, 1e-12)"
        )
    assert zeros == 0.0, f"relative_error of two zero arrays is {zeros}, expected 0"
    assert math.isclose(got, 0.1 / 2.1, rel_tol=1e-12), f"got {got}, expected 0.1 / 2.1"


def test_relative_error_where_one_side_is_near_zero():
    # A gradient entry that should be 0: the comparison must still be relative to the
    # entries themselves, floored at 1e-12 only where both are (nearly) zero.
    cases = [
        # (a, b, expected, what a wrong formula gives)
        ([0.0], [1e-3], 1.0, "one side 0, the other not: the worst disagreement"),
        ([1e-3], [0.0], 1.0, "the same with the sides swapped (symmetry)"),
        ([2e-12], [0.0], 1.0, "above the floor: 2e-12 / max(2e-12, 1e-12)"),
        ([5e-13], [0.0], 0.5, "below the floor: 5e-13 / 1e-12, numerical noise near 0"),
        ([1e-20], [0.0], 1e-8, "1e-20 against 0 is rounding noise, not a 100% error"),
        ([1.0, 1e-9], [1.0, -1e-9], 1.0, "a tiny entry with the wrong sign"),
    ]
    for a, b, expected, what in cases:
        got = gc.relative_error(a, b)
        mistake = wrong_relative_error(a, b, got)
        if mistake is not None:
            pytest.fail(
                f"relative_error({a}, {b}) = {got}, expected {expected} ({what}): your "
                f"formula {mistake}. The rule is max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-12)",
                pytrace=False,
            )
        assert math.isclose(got, expected, rel_tol=1e-9), (
            f"relative_error({a}, {b}) = {got}, expected {expected}: {what}"
        )


def test_relative_error_returns_a_python_float():
    got = gc.relative_error(np.ones((2, 3)), np.full((2, 3), 2.0))
    assert isinstance(got, float) and np.ndim(got) == 0, (
        f"relative_error returned {type(got).__name__} {got!r}: return one number (float)"
    )
    assert math.isclose(got, 1.0 / 3.0, rel_tol=1e-12), f"|1 - 2| / (1 + 2) = 1/3, got {got}"


@pytest.mark.parametrize("seed", SEEDS)
def test_relative_error_is_symmetric_scale_free_and_in_zero_one(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    r = gc.relative_error(a, b)
    assert 0.0 <= r <= 1.0, f"relative_error = {r} is outside [0, 1]"
    assert math.isclose(gc.relative_error(b, a), r, rel_tol=1e-12), "not symmetric in a, b"
    assert math.isclose(gc.relative_error(7.5 * a, 7.5 * b), r, rel_tol=1e-12), (
        "scaling both arrays by 7.5 changed the relative error: divide by |a| + |b|"
    )
    assert gc.relative_error(a, a) == 0.0, "relative_error(a, a) must be exactly 0"


def test_relative_error_confirms_a_correct_gradient_and_flags_a_wrong_one():
    rng = np.random.default_rng(5)
    C, D, X = rng.uniform(0.5, 2.0, size=(3, 3)), rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    f, grad = coupled_quadratic(C, D)
    numeric = gc.numerical_gradient(f, X)
    r = gc.relative_error(grad(X), numeric)
    assert r < 1e-6, f"a correct gradient against the numerical one gave {r}, expected < 1e-6"
    wrong = grad(X)
    wrong[1, 2] *= 1.01  # a 1% mistake in one entry
    r = gc.relative_error(wrong, numeric)
    assert r > 1e-3, f"a 1% mistake in one entry gave {r}: the largest entry must show it"


def test_relative_error_does_not_modify_its_inputs():
    a, b = np.array([1.0, -2.0, 3.0]), np.array([1.5, -2.0, 0.0])
    with inputs_unchanged("relative_error", a=a, b=b):
        gc.relative_error(a, b)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("eps", [0.0, -1e-6])
def test_non_positive_eps_is_a_value_error(eps):
    gc.numerical_gradient(cubic, [1.0, 2.0])  # works on good input first
    with pytest.raises(ValueError, match="eps"):
        gc.numerical_gradient(cubic, [1.0, 2.0], eps=eps)


def test_nan_in_x_is_a_value_error():
    gc.numerical_gradient(cubic, [1.0, 2.0])
    with pytest.raises(ValueError, match="NaN"):
        gc.numerical_gradient(cubic, [1.0, np.nan])


def test_relative_error_of_different_shapes_is_a_value_error():
    gc.relative_error([1.0, 2.0], [1.0, 2.0])  # works on good input first
    with pytest.raises(ValueError, match="shape"):
        gc.relative_error([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="shape"):
        gc.relative_error(np.ones((2, 1)), np.ones(2))  # would broadcast to (2, 2)
