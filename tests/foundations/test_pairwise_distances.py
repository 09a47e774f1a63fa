"""Tests for foundations/pairwise_distances: Euclidean, Manhattan and cosine, row against row."""

import math

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
    run_numerically,
)

pd = load_kata("foundations/pairwise_distances")

FUNCTIONS = ["euclidean_distances", "manhattan_distances", "cosine_similarity"]
#: (n, m, d) shapes for the brute-force comparisons: square (n == m) with B given, wide,
#: tall, one feature, one row.
SHAPES = [(4, 4, 3), (3, 6, 5), (7, 2, 4), (5, 3, 1), (1, 4, 2)]


# --- independent oracles ------------------------------------------------------------------


def brute_force(A, B, metric):
    """The definition itself: a double loop over pairs of rows (fine for tiny inputs)."""
    out = np.empty((len(A), len(B)))
    for i, a in enumerate(A):
        for j, b in enumerate(B):
            out[i, j] = metric(a, b)
    return out


def euclid(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))


def manhattan(a, b):
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def cosine(a, b):
    na, nb = math.sqrt(sum(x * x for x in a)), math.sqrt(sum(y * y for y in b))
    return 0.0 if na == 0 or nb == 0 else sum(x * y for x, y in zip(a, b, strict=True)) / (na * nb)


def random_pair(seed, n, m, d):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(m, d))


# --- euclidean_distances ------------------------------------------------------------------


@pytest.mark.parametrize("name", FUNCTIONS)
def test_inputs_are_not_modified(name):
    func = getattr(pd, name)
    A, B = random_pair(6, 5, 4, 3)
    with inputs_unchanged(name, A=A, B=B):
        func(A, B)
    with inputs_unchanged(name, A=A):
        func(A)


def test_euclidean_hand_values():
    # A 3-4-5 right triangle: the distance between (0, 0) and (3, 4) is 5.
    A = np.array([[0.0, 0.0], [3.0, 4.0]])
    B = np.array([[6.0, 8.0], [3.0, 0.0], [0.0, 0.0]])
    expected = np.array([[10.0, 3.0, 0.0], [5.0, 4.0, 5.0]])
    got = pd.euclidean_distances(A, B)
    assert got.shape == (2, 3), (
        f"euclidean_distances(A of shape (2, 2), B of shape (3, 2)) has shape {got.shape}: "
        "expected (n, m) = (2, 3), one row per row of A and one column per row of B"
    )
    if np.allclose(got, expected**2):
        pytest.fail(
            "euclidean_distances(A, B) returned the SQUARED distances with squared=False: take "
            "the square root unless squared=True",
            pytrace=False,
        )
    if np.allclose(got, np.sqrt(expected**2 + 1e-12), atol=1e-9) or got[0, 2] > 0:
        pytest.fail(
            f"euclidean_distances gave {got[0, 2]:.3g}, not 0, for two equal points: adding an "
            "eps before the square root (sqrt(D + 1e-12)) biases every small distance; clip "
            "the squared distances at 0 instead",
            pytrace=False,
        )
    np.testing.assert_allclose(
        got,
        expected,
        atol=1e-12,
        err_msg="euclidean_distances of a 3-4-5 triangle: check the expansion "
        "||a||^2 - 2 a.b + ||b||^2 (each row's own squared norm, a factor 2 on the product)",
    )
    np.testing.assert_allclose(
        pd.euclidean_distances(A),
        [[0.0, 5.0], [5.0, 0.0]],
        atol=1e-12,
        err_msg="euclidean_distances(A) with B=None compares A with itself",
    )


def test_euclidean_diagonal_is_exactly_zero_when_A_is_passed_as_both_arguments():
    # euclidean_distances(A, A) with the very same array is B=None by another name (as in
    # scikit-learn, which tests `X is Y`): the stub's check_pairwise_arrays returns the same
    # object twice, so test `B is A` after it, not `B is None` before it.
    A = 100.0 + 10.0 * np.random.default_rng(2).normal(size=(30, 4))
    for squared in (False, True):
        diagonal = np.diag(pd.euclidean_distances(A, A, squared=squared))
        assert np.all(diagonal == 0.0), (
            f"euclidean_distances(A, A, squared={squared}) has a non-zero diagonal "
            f"(max {diagonal.max():.3g}) although euclidean_distances(A) must not: when B is "
            "the same array as A (test `B is A` after the validation line), set the diagonal "
            "to exactly 0 too"
        )


def test_euclidean_diagonal_is_not_zeroed_when_B_is_given():
    # With a separate B, D[i, i] is the distance between A[i] and B[i]: 5 and 1 here.
    A = np.array([[0.0, 0.0], [1.0, 1.0]])
    B = np.array([[3.0, 4.0], [1.0, 2.0]])
    diagonal = np.diag(pd.euclidean_distances(A, B))
    assert np.all(diagonal > 0), (
        f"euclidean_distances(A, B) has diagonal {diagonal.tolist()}, expected [5, 1]: only "
        "zero the diagonal when B is None or B is A (then D[i, i] compares a row with "
        "itself), not whenever the result is square"
    )
    np.testing.assert_allclose(diagonal, [5.0, 1.0], atol=1e-12, err_msg="D[i, i] = ||a_i - b_i||")


def test_euclidean_squared_flag_returns_squared_distances():
    A = np.array([[0.0, 0.0], [3.0, 4.0]])
    B = np.array([[6.0, 8.0], [0.0, 1.0]])
    plain = pd.euclidean_distances(A, B)
    squared = pd.euclidean_distances(A, B, squared=True)
    np.testing.assert_allclose(
        plain,
        [[10.0, 1.0], [5.0, math.sqrt(18.0)]],
        atol=1e-12,
        err_msg="squared=False (the default) returns the distances themselves",
    )
    assert not np.allclose(squared, plain), (
        "squared=True gave the same result as squared=False: the squared flag is ignored"
    )
    np.testing.assert_allclose(
        squared,
        [[100.0, 1.0], [25.0, 18.0]],
        atol=1e-12,
        err_msg="squared=True must return ||a - b||^2 (no square root)",
    )


@pytest.mark.parametrize("n, m, d", SHAPES)
def test_euclidean_matches_a_brute_force_loop(n, m, d):
    A, B = random_pair(n * 100 + m, n, m, d)
    expected = brute_force(A, B, euclid)
    got = pd.euclidean_distances(A, B)
    assert got.shape == (n, m), f"expected shape {(n, m)}, got {got.shape}"
    np.testing.assert_allclose(
        got, expected, rtol=1e-10, atol=1e-10, err_msg=f"distances for A {A.shape}, B {B.shape}"
    )
    np.testing.assert_allclose(
        pd.euclidean_distances(A, B, squared=True),
        expected**2,
        rtol=1e-10,
        atol=1e-10,
        err_msg=f"squared distances for A {A.shape}, B {B.shape}",
    )


def test_euclidean_is_never_negative_when_nearly_equal_rows_cancel():
    # Rows near 1e4 that differ by ~1e-6: ||a||^2 + ||b||^2 - 2 a.b subtracts numbers near
    # 5e8 whose true difference is ~1e-12, so rounding (~1e-7) decides the sign.
    rng = np.random.default_rng(0)
    A = 1e4 + 1e-3 * rng.normal(size=(20, 5))
    B = A + 1e-6 * rng.normal(size=(20, 5))  # a different array: no diagonal special case
    squared = pd.euclidean_distances(A, B, squared=True)
    assert squared.min() >= 0, (
        f"squared distances went negative (min {squared.min():.3g}): the expansion "
        "||a||^2 + ||b||^2 - 2 a.b cancels for nearly equal rows; clip the result at 0"
    )
    with np.errstate(invalid="ignore"):  # let a sqrt of a negative show up as NaN below
        plain = pd.euclidean_distances(A, B)
    assert not np.isnan(plain).any(), (
        "euclidean_distances returned NaN for nearly equal rows: the squared distance went "
        "slightly negative by rounding and sqrt gave NaN; clip at 0 before the square root"
    )
    assert plain.min() >= 0, f"negative distances (min {plain.min():.3g})"
    # Up to the rounding of the expansion, the distances are still right.
    np.testing.assert_allclose(
        plain, brute_force(A, B, euclid), atol=1e-3, err_msg="distances of nearly equal rows"
    )


def test_euclidean_diagonal_is_exactly_zero_when_B_is_None():
    # Large offsets make ||a||^2 + ||a||^2 - 2 a.a round to something other than 0.
    A = 100.0 + 10.0 * np.random.default_rng(1).normal(size=(30, 4))
    for squared in (False, True):
        diagonal = np.diag(pd.euclidean_distances(A, squared=squared))
        assert np.all(diagonal == 0.0), (
            f"euclidean_distances(A, squared={squared}) has a non-zero diagonal "
            f"(max {diagonal.max():.3g}): a row's distance to itself must be exactly 0. "
            "The expansion only gets 0 up to rounding; when B is None, set the diagonal to 0 "
            "(np.fill_diagonal), as scikit-learn does"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_euclidean_is_symmetric_and_B_none_means_B_equals_A(seed):
    A, B = random_pair(seed, 6, 4, 3)
    np.testing.assert_allclose(
        pd.euclidean_distances(A, B),
        pd.euclidean_distances(B, A).T,
        rtol=1e-12,
        err_msg="D(A, B) must equal D(B, A).T",
    )
    D = pd.euclidean_distances(A)
    assert D.shape == (6, 6), f"euclidean_distances(A) of 6 rows has shape {D.shape}"
    np.testing.assert_allclose(D, D.T, rtol=1e-12, atol=1e-12, err_msg="D(A) is not symmetric")
    np.testing.assert_allclose(
        pd.euclidean_distances(A, squared=True),
        pd.euclidean_distances(A, A.copy(), squared=True),
        rtol=1e-10,
        atol=1e-12,
        err_msg="B=None must mean B = A",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_euclidean_permuting_rows_permutes_the_result(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(7, 3)), rng.normal(size=(5, 3))
    p, q = rng.permutation(7), rng.permutation(5)
    np.testing.assert_allclose(
        pd.euclidean_distances(A[p], B[q]),
        pd.euclidean_distances(A, B)[np.ix_(p, q)],
        rtol=1e-12,
        atol=1e-12,
        err_msg="permuting the rows of A and B must permute the rows and columns of D",
    )


@pytest.mark.parametrize("squared", [False, True])
def test_euclidean_scales_with_rows_of_tiny_norm(squared):
    # Rows of norm ~1e-150 are rows like any other: their squared norms (1e-300) are still
    # normal float64 numbers, so the distances must scale exactly with the data.
    A, B = random_pair(8, 5, 4, 3)
    c = 1e-150
    got = pd.euclidean_distances(c * A, c * B, squared=squared)
    expected = pd.euclidean_distances(A, B, squared=squared) * (c**2 if squared else c)
    assert np.all(got > 0), (
        f"euclidean_distances of rows of norm ~1e-150 gave zeros ({got.ravel()[:4]}...): a "
        "threshold such as D[D < 1e-12] = 0 wipes out every small distance; clip only the "
        "negative rounding errors (np.maximum(D, 0))"
    )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-9,
        err_msg="euclidean_distances(c A, c B) must be c times euclidean_distances(A, B) for "
        "c = 1e-150: no eps added to D and no threshold on small values",
    )


def test_euclidean_of_rows_whose_squares_underflow_is_finite():
    # At 1e-200 the squares (1e-400) underflow to 0: the distances may come out as 0, but
    # never as NaN, negative or with a floating-point error.
    A = 1e-200 * np.array([[1.0, 2.0], [3.0, -4.0], [0.0, 0.0]])
    with fp_diagnosis(
        "euclidean_distances of rows of norm 1e-200 raised a floating-point "
        "error: never divide by a norm or a distance that can be 0"
    ):
        got = pd.euclidean_distances(A)
        got_b = pd.euclidean_distances(A, A[::-1].copy())
    for D in (got, got_b):
        assert np.all(np.isfinite(D)) and np.all(D >= 0), (
            f"euclidean_distances of rows of norm 1e-200 gave {D.tolist()}: expected finite, "
            "non-negative values"
        )
    assert np.all(np.diag(got) == 0.0), f"the diagonal of D(A) must be 0, got {np.diag(got)}"


def test_euclidean_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(2, 40, 25, 6)
    for squared in (False, True):
        np.testing.assert_allclose(
            pd.euclidean_distances(A, B, squared=squared),
            pairwise.euclidean_distances(A, B, squared=squared),
            rtol=1e-10,
            atol=1e-10,
            err_msg=f"against scikit-learn, A and B given, squared={squared}",
        )
        np.testing.assert_allclose(
            pd.euclidean_distances(A, squared=squared),
            pairwise.euclidean_distances(A, squared=squared),
            rtol=1e-10,
            atol=1e-10,
            err_msg=f"against scikit-learn, B=None, squared={squared}",
        )


# --- manhattan_distances ------------------------------------------------------------------


def test_manhattan_hand_values():
    # |0 - 3| + |0 - (-4)| = 7: without the absolute value, -4 would cancel the 3.
    got = pd.manhattan_distances([[0.0, 0.0]], [[3.0, -4.0], [1.0, 1.0]])
    assert np.shape(got) == (1, 2), f"expected shape (1, 2), got {np.shape(got)}"
    assert np.all(got >= 0), (
        f"manhattan_distances([[0, 0]], [[3, -4], [1, 1]]) gave {got.tolist()}: take the "
        "absolute value of each coordinate difference before summing (-4 cancels the 3)"
    )
    if np.allclose(got, [[25.0, 2.0]]):
        pytest.fail(
            "manhattan_distances([[0, 0]], [[3, -4]]) gave 25 = 3^2 + 4^2: that is the squared "
            "Euclidean distance; Manhattan sums |differences|, not their squares",
            pytrace=False,
        )
    np.testing.assert_allclose(got, [[7.0, 2.0]], atol=1e-12, err_msg="|0 - 3| + |0 + 4| = 7")
    A = np.array([[1.0, 2.0], [4.0, 0.0]])
    np.testing.assert_allclose(
        pd.manhattan_distances(A),
        [[0.0, 5.0], [5.0, 0.0]],
        atol=1e-12,
        err_msg="manhattan_distances(A) with B=None compares A with itself",
    )


@pytest.mark.parametrize("n, m, d", SHAPES)
def test_manhattan_matches_a_brute_force_loop(n, m, d):
    A, B = random_pair(n * 100 + m + 7, n, m, d)
    got = pd.manhattan_distances(A, B)
    assert got.shape == (n, m), (
        f"expected shape {(n, m)}, got {got.shape}: sum the |differences| over the features"
    )
    np.testing.assert_allclose(
        got,
        brute_force(A, B, manhattan),
        rtol=1e-12,
        atol=1e-12,
        err_msg=f"Manhattan distances for A {A.shape}, B {B.shape}",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_manhattan_is_symmetric_with_a_zero_diagonal(seed):
    A, B = random_pair(seed, 5, 8, 4)
    np.testing.assert_allclose(
        pd.manhattan_distances(A, B),
        pd.manhattan_distances(B, A).T,
        rtol=1e-12,
        err_msg="M(A, B) must equal M(B, A).T",
    )
    D = pd.manhattan_distances(A)
    np.testing.assert_array_equal(np.diag(D), 0.0, err_msg="a row is at distance 0 from itself")
    np.testing.assert_allclose(D, D.T, rtol=1e-12, err_msg="M(A) is not symmetric")


def test_manhattan_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(3, 30, 20, 7)
    np.testing.assert_allclose(
        pd.manhattan_distances(A, B),
        pairwise.manhattan_distances(A, B),
        rtol=1e-10,
        atol=1e-10,
        err_msg="against scikit-learn, A and B given",
    )
    np.testing.assert_allclose(
        pd.manhattan_distances(A),
        pairwise.manhattan_distances(A),
        rtol=1e-10,
        atol=1e-10,
        err_msg="against scikit-learn, B=None",
    )


# --- cosine_similarity --------------------------------------------------------------------


def test_cosine_hand_values():
    A = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    r = 1 / math.sqrt(2.0)
    expected = [[1.0, 0.0, r], [0.0, 1.0, r], [r, r, 1.0]]
    got = pd.cosine_similarity(A)
    assert np.allclose(np.diag(got), 1.0, atol=1e-12), (
        f"cosine_similarity(A) has diagonal {np.diag(got).round(4).tolist()}, expected all 1 "
        "(a row is parallel to itself): divide each row by its OWN norm, "
        "np.linalg.norm(A, axis=1, keepdims=True), not by the norm of the whole matrix"
    )
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg="cosines of three 2-D rows")
    # Opposite directions give -1, whatever the lengths; shape is (n, m).
    got = pd.cosine_similarity([[2.0, 0.0]], [[-5.0, 0.0], [1.0, 1.0], [0.0, -7.0]])
    np.testing.assert_allclose(
        got, [[-1.0, r, 0.0]], atol=1e-12, err_msg="cosines at 180, 45 and 90 degrees"
    )


def test_cosine_of_a_zero_row_is_zero_not_nan():
    A = np.array([[0.0, 0.0], [1.0, 2.0]])
    B = np.array([[3.0, 1.0], [0.0, 0.0]])
    for name, args in (("cosine_similarity(A, B)", (A, B)), ("cosine_similarity(A)", (A,))):
        S, fp_error = run_numerically(pd.cosine_similarity, *args)
        if fp_error is not None and np.all(np.isfinite(S)):
            pytest.fail(
                f"{name} with a zero row computed 0/0 ({fp_error}) and then replaced the NaN "
                "(np.nan_to_num, or np.where(norm == 0, 0, dot / norm), which evaluates both "
                "branches): divide the zero row by 1 instead of by its zero norm",
                pytrace=False,
            )
        assert fp_error is None and np.all(np.isfinite(S)), (
            f"{name} with a zero row gave {S.tolist()}: dividing by a zero norm is 0/0 = NaN. "
            "A zero row has similarity 0 with everything (as scikit-learn): divide it by 1 "
            "instead of by its zero norm"
        )
    got = pd.cosine_similarity(A, B)
    np.testing.assert_allclose(
        got,
        [[0.0, 0.0], [5 / math.sqrt(50.0), 0.0]],
        atol=1e-12,
        err_msg="a zero row has similarity 0 with every row",
    )
    got_self = pd.cosine_similarity(A)
    assert got_self[0, 0] == 0.0, (
        f"a zero row's similarity with itself is {got_self[0, 0]}, expected 0 (as scikit-learn)"
    )
    np.testing.assert_allclose(got_self[1, 1], 1.0, atol=1e-12, err_msg="a row with itself")


def test_cosine_is_scale_invariant_down_to_rows_of_tiny_norm():
    # A row of norm 1e-150 is not a zero row: its cosines are those of the row scaled up.
    # A threshold (norm < 1e-12 counts as zero) or an eps (norm + 1e-8, max(norm, 1e-12))
    # breaks this; only an exactly zero norm makes a zero row.
    A, B = random_pair(9, 4, 3, 3)
    expected = pd.cosine_similarity(A, B)
    got = pd.cosine_similarity(1e-150 * A, 1e-150 * B)
    assert np.allclose(got, expected, rtol=1e-10, atol=1e-12), (
        f"cosine_similarity of rows of norm ~1e-150 gave {got.ravel()[:3]}..., but the same "
        f"rows scaled up give {expected.ravel()[:3]}...: cosine ignores lengths. Do not "
        "treat a small norm as zero or add an eps to the norms: replace only a norm that is "
        "exactly 0"
    )


def test_cosine_of_rows_whose_squares_underflow_is_finite():
    # At 1e-200 the squared entries (1e-400) underflow to 0, so the computed norm is 0
    # although the row is not all zeros: the row may then count as a zero row (similarity
    # 0), but it must not divide by that zero norm.
    A = 1e-200 * np.array([[1.0, 2.0], [3.0, -4.0]])
    B = np.array([[1.0, 2.0], [0.0, 0.0]])
    with fp_diagnosis(
        "cosine_similarity of rows of norm 1e-200 divided by zero: their squares underflow, so "
        "the computed norm is 0 although the row is not all zeros. Test the NORM for zero "
        "(np.where(norm == 0, 1, norm)), not the entries of the row"
    ):
        got = pd.cosine_similarity(A, B)
        got_self = pd.cosine_similarity(A)
    for S in (got, got_self):
        assert np.all(np.isfinite(S)) and np.all(np.abs(S) <= 1.0), (
            f"cosine_similarity of rows of norm 1e-200 gave {S.tolist()}: expected finite "
            "values in [-1, 1]"
        )


def test_cosine_never_leaves_minus_one_to_one():
    # Parallel rows (a row and 3.7 times it): the rounded dot product of the unit rows can
    # be 1 + 2e-16, and arccos of it is NaN. Clip to [-1, 1].
    A = np.random.default_rng(0).normal(size=(20, 5))
    A = np.vstack([A, 3.7 * A, -A])
    S = pd.cosine_similarity(A)
    assert S.max() <= 1.0 and S.min() >= -1.0, (
        f"cosine_similarity of parallel rows reached [{S.min()!r}, {S.max()!r}]: rounding "
        "pushes the cosine of parallel rows a hair past +-1 (np.arccos then gives NaN); clip "
        "the result to [-1, 1]"
    )


@pytest.mark.parametrize("n, m, d", [s for s in SHAPES if s[2] > 1])
def test_cosine_matches_a_brute_force_loop(n, m, d):
    A, B = random_pair(n * 100 + m + 13, n, m, d)
    got = pd.cosine_similarity(A, B)
    assert got.shape == (n, m), f"expected shape {(n, m)}, got {got.shape}"
    np.testing.assert_allclose(
        got,
        brute_force(A, B, cosine),
        rtol=1e-10,
        atol=1e-12,
        err_msg="cosine similarities differ from a.b / (||a|| ||b||): divide each row of A "
        "and of B by its own norm (adding an eps to the norms biases every value)",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_cosine_ignores_row_lengths_but_not_signs(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(6, 4)), rng.normal(size=(5, 4))
    S = pd.cosine_similarity(A, B)
    scale_A, scale_B = rng.uniform(0.1, 10, size=(6, 1)), rng.uniform(0.1, 10, size=(5, 1))
    np.testing.assert_allclose(
        pd.cosine_similarity(scale_A * A, scale_B * B),
        S,
        atol=1e-12,
        err_msg="scaling the rows must not change the cosines",
    )
    np.testing.assert_allclose(
        pd.cosine_similarity(-A, B), -S, atol=1e-12, err_msg="cos(-a, b) = -cos(a, b)"
    )
    assert np.all(np.abs(S) <= 1.0 + 1e-12), "a cosine must lie in [-1, 1]"
    np.testing.assert_allclose(
        np.diag(pd.cosine_similarity(A)), 1.0, atol=1e-12, err_msg="a row with itself has cos 1"
    )


def test_cosine_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(4, 30, 20, 5)
    A[3] = 0.0  # a zero row, which scikit-learn maps to similarity 0
    with fp_diagnosis("cosine_similarity with a zero row divided by its zero norm"):
        got, got_self = pd.cosine_similarity(A, B), pd.cosine_similarity(A)
    np.testing.assert_allclose(
        got,
        pairwise.cosine_similarity(A, B),
        rtol=1e-10,
        atol=1e-10,
        err_msg="against scikit-learn, A (with a zero row) and B given",
    )
    np.testing.assert_allclose(
        got_self,
        pairwise.cosine_similarity(A),
        rtol=1e-10,
        atol=1e-10,
        err_msg="against scikit-learn, B=None",
    )


# --- shared behaviour -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FUNCTIONS)
def test_integer_input_gives_float64(name):
    func = getattr(pd, name)
    got = func(np.array([[1, 2], [3, 5]]), np.array([[0, 1]]))
    assert got.dtype == np.float64, f"{name} returned {got.dtype}, expected float64"
    assert got.shape == (2, 1), f"{name} returned shape {got.shape}, expected (2, 1)"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_different_feature_counts_are_a_value_error(name):
    func = getattr(pd, name)
    func(np.ones((3, 2)), np.ones((4, 2)))  # works on good input first
    with pytest.raises(ValueError, match="features"):
        func(np.ones((3, 2)), np.ones((4, 3)))


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize(
    "A, match",
    [
        ([1.0, 2.0, 3.0], "2-D"),
        (np.ones((2, 1, 2)), "2-D"),
        ([[1.0, np.nan]], "NaN"),
        (np.ones((0, 2)), "empty"),
    ],
    ids=["1-D", "3-D", "NaN", "empty"],
)
def test_bad_input_is_a_value_error(name, A, match):
    func = getattr(pd, name)
    func([[1.0, 2.0]])  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(A)
    with pytest.raises(ValueError, match=match):
        func([[1.0, 2.0]], A)


# --- complexity, without a clock: Python lines counted, peak memory measured -------------


@pytest.mark.parametrize("name", FUNCTIONS)
def test_memory_stays_of_the_order_of_the_output(name):
    # n = m = 400, d = 100: the (n, m) output is 1.3 MB; an (n, m, d) temporary is 128 MB.
    func = getattr(pd, name)
    A, B = random_pair(5, 400, 400, 100)
    result, peak = peak_memory(func, A, B)
    out_bytes = 400 * 400 * 8
    assert np.shape(result) == (400, 400), f"{name} returned shape {np.shape(result)}"
    assert peak < 10 * out_bytes, (
        f"{name} peaked at {peak / 1e6:.0f} MB for a {out_bytes / 1e6:.1f} MB result: it "
        "seems to build an (n, m, d) broadcast such as A[:, None, :] - B[None, :, :] "
        f"({400 * 400 * 100 * 8 / 1e6:.0f} MB here). Keep intermediates of size (n, m): a "
        "matrix product, or accumulate over the features (or over chunks of rows)"
    )


@pytest.mark.parametrize("name", FUNCTIONS)
def test_no_python_loop_over_pairs_of_rows(name):
    # 200 x 150 rows of 8 features, 30 000 pairs: whole-array code runs under 30 Python
    # lines (Manhattan's loop over the features included), a loop over the rows of A about
    # 400; a Python double loop over the pairs of rows runs 30 000 or more.
    func = getattr(pd, name)
    A, B = random_pair(7, 200, 150, 8)
    budget = 3000
    lines = python_lines(func, A, B, budget=budget)
    fix = {
        "euclidean_distances": "expand ||a||^2 - 2 a.b + ||b||^2, one matrix product A @ B.T",
        "manhattan_distances": "add one (n, m) block |A[:, k, None] - B[None, :, k]| per "
        "feature k",
        "cosine_similarity": "divide each row by its norm, then one matrix product",
    }[name]
    assert lines <= budget, (
        f"{name} ran more than {budget} lines of Python for 200 x 150 rows: is there a Python "
        f"double loop over the pairs of rows? Compute all pairs at once: {fix}"
    )
