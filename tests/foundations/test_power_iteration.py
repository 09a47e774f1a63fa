"""Tests for foundations/power_iteration: the dominant eigenpair from matrix-vector products."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, python_lines

pi = load_kata("foundations/power_iteration")


def with_spectrum(eigenvalues, seed):
    """A symmetric matrix V diag(eigenvalues) V^T with random orthonormal V; returns (A, V)."""
    rng = np.random.default_rng(seed)
    V, _ = np.linalg.qr(rng.normal(size=(len(eigenvalues), len(eigenvalues))))
    return V @ np.diag(eigenvalues) @ V.T, V


def sign_fixed(v):
    """The convention the kata asks for: largest-magnitude entry positive."""
    return v * np.sign(v[np.argmax(np.abs(v))])


def rank_one_plus(u, top, rest):
    """Symmetric matrix with eigenvector u (eigenvalue top) and eigenvalue rest elsewhere."""
    u = np.asarray(u, dtype=float) / np.linalg.norm(u)
    return top * np.outer(u, u) + rest * (np.eye(len(u)) - np.outer(u, u)), u


# --- hand-worked ------------------------------------------------------------------------


def test_hand_worked_two_by_two():
    # [[2, 2], [2, 5]]: trace 7, determinant 6, so eigenvalues 6 and 1; (A - 6I) v = 0
    # gives v = [1, 2] / sqrt(5).
    value, vector = pi.power_iteration([[2.0, 2.0], [2.0, 5.0]], random_state=0)
    assert isinstance(value, float), f"the eigenvalue should be a float, got {type(value)}"
    assert np.shape(vector) == (2,), (
        f"the eigenvector should have shape (2,), got {np.shape(vector)}"
    )
    assert math.isclose(value, 6.0, rel_tol=1e-12), f"expected eigenvalue 6.0, got {value}"
    assert not np.allclose(vector, -np.array([1.0, 2.0]) / math.sqrt(5.0), atol=1e-10), (
        f"the eigenvector is {vector.tolist()}, minus the expected one: an eigenvector's sign "
        "is arbitrary, so the kata fixes it: flip v so that its largest-magnitude entry is "
        "positive"
    )
    np.testing.assert_allclose(
        vector,
        np.array([1.0, 2.0]) / math.sqrt(5.0),
        atol=1e-10,
        err_msg="eigenvector of [[2, 2], [2, 5]] for 6: [1, 2] / sqrt(5)",
    )


def test_one_by_one_matrix():
    value, vector = pi.power_iteration([[-3.0]], random_state=0)
    assert math.isclose(value, -3.0, rel_tol=1e-12), f"expected eigenvalue -3.0, got {value}"
    np.testing.assert_allclose(
        vector, [1.0], atol=1e-15, err_msg="a 1 x 1 matrix: the eigenvector is [1]"
    )


def test_negative_dominant_eigenvalue_keeps_its_sign():
    A = np.diag([-6.0, 3.0, 1.0])
    value, vector = pi.power_iteration(A, random_state=0)
    assert not math.isclose(value, 6.0, rel_tol=1e-6), (
        "power_iteration returned +6 for diag(-6, 3, 1): ||A v|| loses the eigenvalue's sign; "
        "use the Rayleigh quotient v . A v of the unit vector v"
    )
    assert math.isclose(value, -6.0, rel_tol=1e-10), f"expected -6, got {value}"
    np.testing.assert_allclose(
        vector,
        [1.0, 0.0, 0.0],
        atol=1e-8,
        err_msg="the eigenvector of the negative dominant eigenvalue, sign fixed",
    )


def test_eigenvector_sign_makes_the_largest_magnitude_entry_positive():
    # The dominant eigenvector is +-[-1, 3] / sqrt(10): the convention picks the sign that
    # makes the 3 positive, even though the first entry is then negative.
    A, u = rank_one_plus([-1.0, 3.0], top=6.0, rest=1.0)
    for seed in SEEDS:
        _, vector = pi.power_iteration(A, random_state=seed)
        assert vector[1] > 0, (
            f"eigenvector {vector.round(4)} (random_state={seed}): make the largest-magnitude "
            "entry positive (v * sign(v[argmax |v|])), not the first entry"
        )
        np.testing.assert_allclose(
            vector, u, atol=1e-9, err_msg="eigenvector with its largest-magnitude entry positive"
        )


def test_eigenvector_sign_follows_the_largest_entry_not_the_sum():
    # +-[-2, -2, 3] / sqrt(17): the entries sum to -1, yet the convention makes the 3
    # (largest magnitude) positive, so the returned vector has a negative sum.
    A, u = rank_one_plus([-2.0, -2.0, 3.0], top=4.0, rest=0.5)
    for seed in SEEDS:
        _, vector = pi.power_iteration(A, random_state=seed)
        assert vector[2] > 0, (
            f"eigenvector {vector.round(4)} (random_state={seed}): the sign convention makes "
            "the largest-magnitude entry positive (v * sign(v[argmax |v|])), not the sum of "
            "the entries or the first entry"
        )
        np.testing.assert_allclose(
            vector, u, atol=1e-9, err_msg="eigenvector with its largest-magnitude entry positive"
        )


# --- against np.linalg ------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("sign", [1.0, -1.0], ids=["positive", "negative"])
def test_matches_eigh_on_symmetric_matrices(seed, sign):
    A, _ = with_spectrum([sign * 8.0, 5.0, -3.0, 2.0, 1.0, 0.5], seed)
    values, vectors = np.linalg.eigh(A)
    top = np.argmax(np.abs(values))
    value, vector = pi.power_iteration(A, random_state=seed)
    assert math.isclose(value, values[top], rel_tol=1e-10), (
        f"eigenvalue {value}, np.linalg.eigh says {values[top]}"
    )
    assert math.isclose(np.linalg.norm(vector), 1.0, rel_tol=1e-12), (
        f"the eigenvector has norm {np.linalg.norm(vector)}: normalize it to unit length"
    )
    np.testing.assert_allclose(
        vector,
        sign_fixed(vectors[:, top]),
        atol=1e-8,
        err_msg="eigenvector against np.linalg.eigh",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_result_is_an_eigenpair(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(8, 8))
    A = M @ M.T  # symmetric positive semi-definite: the largest eigenvalue is dominant
    values = np.linalg.eigvalsh(A)
    value, vector = pi.power_iteration(A, n_iter=10_000, tol=1e-12, random_state=seed)
    residual = np.linalg.norm(A @ vector - value * vector)
    assert residual < 1e-6 * values[-1], f"||A v - lambda v|| = {residual:.3g}: not an eigenpair"
    assert math.isclose(value, values[-1], rel_tol=1e-10), (
        f"expected the dominant eigenvalue {values[-1]}, got {value}"
    )


def test_non_symmetric_matrix_with_a_real_dominant_eigenvalue():
    rng = np.random.default_rng(5)
    P = rng.normal(size=(4, 4)) + 4 * np.eye(4)
    A = P @ np.diag([4.0, 2.0, -1.0, 0.5]) @ np.linalg.inv(P)
    value, vector = pi.power_iteration(A, random_state=0)
    u = P[:, 0] / np.linalg.norm(P[:, 0])  # the eigenvector of 4
    assert math.isclose(value, 4.0, rel_tol=1e-8), f"expected 4, got {value}"
    np.testing.assert_allclose(
        vector,
        sign_fixed(u),
        atol=1e-8,
        err_msg="the dominant eigenvector, found from a random start",
    )


# --- pitfalls ---------------------------------------------------------------------------


def test_start_vector_orthogonal_to_ones_still_finds_the_dominant_pair():
    # The dominant eigenvector [1, 2, -3] sums to 0: a start at ones(3) has no component
    # along it and converges to the eigenvalue-1 eigenvector instead.
    A, u = rank_one_plus([1.0, 2.0, -3.0], top=5.0, rest=0.0)
    A += np.full((3, 3), 1.0 / 3.0)  # eigenvalue 1 along ones / sqrt(3)
    value, vector = pi.power_iteration(A, random_state=0)
    assert not math.isclose(value, 1.0, rel_tol=1e-6), (
        "power_iteration found eigenvalue 1 instead of 5: the start vector ones(n) is "
        "orthogonal to the dominant eigenvector here. Start from a random vector"
    )
    assert math.isclose(value, 5.0, rel_tol=1e-10), f"expected eigenvalue 5.0, got {value}"
    np.testing.assert_allclose(
        vector,
        sign_fixed(u),
        atol=1e-8,
        err_msg="the dominant eigenvector, found from a random start",
    )


def test_start_vector_e1_is_not_enough_either():
    # e_1 is itself an eigenvector here (eigenvalue 1): a start there never moves.
    value, vector = pi.power_iteration(np.diag([1.0, 5.0, 2.0]), random_state=0)
    assert not math.isclose(value, 1.0, rel_tol=1e-6), (
        "power_iteration found eigenvalue 1 of diag(1, 5, 2): a start at e_1 is an eigenvector "
        "already. Start from a random vector"
    )
    assert math.isclose(value, 5.0, rel_tol=1e-10)
    np.testing.assert_allclose(
        vector,
        [0.0, 1.0, 0.0],
        atol=1e-8,
        err_msg="the dominant eigenvector e_2, found from a random start",
    )


def test_zero_matrix_gives_eigenvalue_zero_without_dividing_by_zero():
    with np.errstate(invalid="ignore", divide="ignore"):  # let 0/0 show up as NaN below
        value, vector = pi.power_iteration(np.zeros((3, 3)), random_state=0)
    assert np.isfinite(value) and np.all(np.isfinite(vector)), (
        f"the zero matrix gave eigenvalue {value} and vector {vector}: A v = 0, and dividing "
        "by ||A v|| = 0 makes NaN. Stop when ||A v|| is 0: v is an eigenvector for 0"
    )
    assert value == 0.0, f"the zero matrix has eigenvalue 0, got {value}"
    assert math.isclose(np.linalg.norm(vector), 1.0, rel_tol=1e-12), "return a unit vector"


def test_nilpotent_matrix_returns_its_null_vector():
    # [[0, 1], [0, 0]]: A v0 is along e_1, and A e_1 = 0. Both eigenvalues are 0.
    with np.errstate(invalid="ignore", divide="ignore"):
        value, vector = pi.power_iteration([[0.0, 1.0], [0.0, 0.0]], random_state=0)
    assert np.all(np.isfinite(vector)), "dividing by ||A v|| = 0 gave NaN"
    assert value == 0.0, f"[[0, 1], [0, 0]] has eigenvalue 0, got {value}"
    np.testing.assert_allclose(
        vector, [1.0, 0.0], atol=1e-15, err_msg="A v0 is along e_1, and A e_1 = 0: stop at e_1"
    )


@pytest.mark.parametrize(
    "A", [np.zeros((3, 3)), np.array([[0.0, 1.0], [0.0, 0.0]])], ids=["zero", "nilpotent"]
)
def test_a_v_equal_to_zero_divides_nothing_by_zero(A):
    # Dividing by ||A v|| = 0 and then spotting the NaN still computes 0/0 (a warning):
    # test the norm before dividing.
    try:
        value, vector = pi.power_iteration(A, random_state=0)
    except FloatingPointError as exc:
        pytest.fail(
            f"power_iteration computed 0/0 when A v = 0 ({exc}): check ||A v|| == 0 before "
            "dividing by it, and stop there (v is an eigenvector for 0)"
        )
    assert value == 0.0, f"A v = 0 means eigenvalue 0, got {value}"
    assert math.isclose(np.linalg.norm(vector), 1.0, rel_tol=1e-12), "return a unit vector"


def test_n_iter_counts_the_products_and_the_last_iterate_is_returned():
    # The shift S e_1 = 0, S e_2 = e_1, S e_3 = e_2: S v0 = (v0_2, v0_3, 0) and S^2 v0 is
    # along e_1, whatever the (random) start. So exactly one product leaves a vector with a
    # zero last entry that is not e_1, and exactly two give e_1.
    S = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    for seed in SEEDS:
        _, one = pi.power_iteration(S, n_iter=1, tol=0.0, random_state=seed)
        _, two = pi.power_iteration(S, n_iter=2, tol=0.0, random_state=seed)
        assert one[2] != 0.0 or not np.allclose(one, [1.0, 0.0, 0.0]), (
            f"n_iter=1 returned {one.tolist()}, which has taken TWO products (S^2 v0 is along "
            "e_1): n_iter is the number of products; loop range(n_iter), not n_iter + 1"
        )
        assert one[2] == 0.0, (
            f"n_iter=1 returned {one.tolist()}: after one product S v0 = (v0_2, v0_3, 0) its "
            "last entry is 0. Did it take no product (range(n_iter - 1)), or return the "
            "start vector instead of the last iterate?"
        )
        assert np.allclose(two, [1.0, 0.0, 0.0], atol=1e-15), (
            f"n_iter=2 returned {two.tolist()}, expected e_1 = [1, 0, 0] = S^2 v0 / ||S^2 v0||: "
            "return the LAST unit iterate (the one after the final product), not the one "
            "before it"
        )


def test_a_generator_random_state_is_used_and_advanced():
    A, _ = with_spectrum([3.0, 2.9, 1.0, 0.5], seed=0)
    gen = np.random.default_rng(7)
    state = gen.bit_generator.state
    first = pi.power_iteration(A, n_iter=2, random_state=gen)
    assert gen.bit_generator.state != state, (
        "the Generator passed as random_state was not advanced: draw the start vector from "
        "it as given (check_random_state returns it unchanged), not from np.random or a copy"
    )
    second = pi.power_iteration(A, n_iter=2, random_state=gen)
    assert not np.allclose(first[1], second[1]), (
        "two calls with the same Generator started from the same vector: the second call "
        "must continue the generator's stream"
    )
    again = pi.power_iteration(A, n_iter=2, random_state=np.random.default_rng(7))
    assert np.array_equal(again[1], first[1]), (
        "a fresh default_rng(7) did not reproduce the first call: draw the start only from "
        "the generator made from random_state"
    )


def test_the_same_random_state_gives_the_same_result():
    A, _ = with_spectrum([3.0, 2.9, 1.0, 0.5], seed=0)
    # After two products the start vector still matters: results depend on the seed.
    first = pi.power_iteration(A, n_iter=2, random_state=0)
    second = pi.power_iteration(A, n_iter=2, random_state=0)
    other = pi.power_iteration(A, n_iter=2, random_state=1)
    assert first[0] == second[0] and np.array_equal(first[1], second[1]), (
        "random_state=0 twice gave different results: draw the start vector from the "
        "generator that check_random_state(random_state) returns"
    )
    assert not np.allclose(first[1], other[1]), (
        "random_state=0 and random_state=1 gave the same result after 2 steps: is the start "
        "vector drawn from random_state?"
    )
    gen = pi.power_iteration(A, n_iter=2, random_state=np.random.default_rng(0))
    np.testing.assert_array_equal(
        gen[1], first[1], err_msg="random_state=default_rng(0) must start as random_state=0"
    )


@pytest.mark.parametrize("sign", [1.0, -1.0], ids=["positive", "negative"])
def test_tol_and_n_iter_control_when_to_stop(sign):
    # |lambda_2 / lambda_1| = 0.95: the error shrinks by only 5% per product.
    A, V = with_spectrum([sign * 10.0, 9.5, 2.0, 1.0], seed=3)
    u = sign_fixed(V[:, 0])
    error = {}
    for n_iter, tol in ((5, 1e-14), (100_000, 1e-3), (100_000, 1e-13)):
        _, vector = pi.power_iteration(A, n_iter=n_iter, tol=tol, random_state=0)
        error[n_iter, tol] = np.linalg.norm(vector - u)
    assert error[5, 1e-14] > 1e-4, (
        f"after n_iter=5 products the eigenvector is already within {error[5, 1e-14]:.1e}: is "
        "n_iter used as the maximum number of products?"
    )
    hint = (
        "stop as soon as successive unit iterates differ by less than tol"
        if sign > 0
        else "with a negative dominant eigenvalue the iterate flips sign at every step, so "
        "v_new - v never gets small: compare up to sign, min(||v_new - v||, ||v_new + v||)"
    )
    assert error[100_000, 1e-3] > 1e-6, (
        f"with tol=1e-3 the error is {error[100_000, 1e-3]:.1e}, as small as with tol=1e-13: "
        f"the iteration did not stop at tol ({hint})"
    )
    assert error[100_000, 1e-13] < 1e-8, (
        f"with tol=1e-13 the eigenvector error is {error[100_000, 1e-13]:.1e}"
    )


def test_does_not_modify_A():
    A, _ = with_spectrum([4.0, 1.0, 0.5], seed=6)
    with inputs_unchanged("power_iteration", A=A):
        pi.power_iteration(A, random_state=0)


def test_integer_matrix_gives_float64():
    value, vector = pi.power_iteration(np.array([[2, 2], [2, 5]]), random_state=0)
    assert vector.dtype == np.float64, f"eigenvector dtype {vector.dtype}, expected float64"
    assert math.isclose(value, 6.0, rel_tol=1e-12)


# --- complexity, without a clock: Python lines counted -----------------------------------


@pytest.mark.parametrize("sign", [1.0, -1.0], ids=["positive", "negative"])
def test_stops_early_once_converged(sign):
    # Ratio 0.25: converged to 1e-10 in about 20 products, some 160 Python lines (240 with
    # the Rayleigh quotient and both distances computed at every step). With n_iter = 10**8
    # an answer that ignores tol, or that never sees convergence because a negative
    # eigenvalue flips the iterate's sign every step, runs 10**8 products: stopped here
    # once it passes the budget, 1000 lines (over 100 products).
    A, V = with_spectrum([sign * 4.0, 1.0, -0.5, 0.2, 0.1], seed=4)
    budget = 1000
    lines = python_lines(
        pi.power_iteration, A, n_iter=10**8, tol=1e-10, random_state=0, budget=budget
    )
    hint = (
        "stop as soon as two successive unit iterates differ by less than tol"
        if sign > 0
        else "with a negative dominant eigenvalue the iterate flips sign at every step, so "
        "v_new - v never gets small: compare up to sign, min(||v_new - v||, ||v_new + v||)"
    )
    assert lines <= budget, (
        f"with n_iter=10**8 and tol=1e-10 power_iteration ran more than {budget} lines of "
        "Python on a matrix that converges in about 20 products: it did not stop at tol "
        f"({hint})"
    )
    value, vector = pi.power_iteration(A, n_iter=10**8, tol=1e-10, random_state=0)
    assert math.isclose(value, sign * 4.0, rel_tol=1e-12), f"expected {sign * 4.0}, got {value}"
    np.testing.assert_allclose(
        vector,
        sign_fixed(V[:, 0]),
        atol=1e-9,
        err_msg="the eigenvector after stopping early at tol",
    )


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "A, match",
    [
        (np.ones((2, 3)), "square"),
        (np.ones(3), "2-D"),
        ([[1.0, np.nan], [0.0, 1.0]], "NaN"),
    ],
    ids=["non-square", "1-D", "NaN"],
)
def test_bad_matrix_is_a_value_error(A, match):
    pi.power_iteration(np.eye(2), random_state=0)  # works on good input first
    with pytest.raises(ValueError, match=match):
        pi.power_iteration(A)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"n_iter": 0}, "n_iter"), ({"n_iter": 1.5}, "n_iter"), ({"tol": -1.0}, "tol")],
)
def test_bad_hyperparameters_are_value_errors(kwargs, match):
    pi.power_iteration(np.eye(2), random_state=0)
    with pytest.raises(ValueError, match=match):
        pi.power_iteration(np.eye(2), **kwargs)
