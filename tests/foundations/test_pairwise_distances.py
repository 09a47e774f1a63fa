"""Tests for foundations/pairwise_distances: Euclidean, Manhattan and cosine, row against row."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, peak_memory

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


ORACLES = {"euclidean_distances": euclid, "manhattan_distances": manhattan}


def random_pair(seed, n, m, d):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(m, d))


# --- euclidean_distances ------------------------------------------------------------------


def test_euclidean_hand_values():
    # A 3-4-5 right triangle: the distance between (0, 0) and (3, 4) is 5.
    A = np.array([[0.0, 0.0], [3.0, 4.0]])
    np.testing.assert_allclose(pd.euclidean_distances(A), [[0.0, 5.0], [5.0, 0.0]], atol=1e-12)
    B = np.array([[6.0, 8.0], [3.0, 0.0], [0.0, 0.0]])
    got = pd.euclidean_distances(A, B)
    assert got.shape == (2, 3), (
        f"euclidean_distances(A of shape (2, 2), B of shape (3, 2)) has shape {got.shape}: "
        "expected (n, m) = (2, 3), one row per row of A and one column per row of B"
    )
    np.testing.assert_allclose(got, [[10.0, 3.0, 0.0], [5.0, 4.0, 5.0]], atol=1e-12)


def test_euclidean_squared_flag_returns_squared_distances():
    A = np.array([[0.0, 0.0], [3.0, 4.0]])
    B = np.array([[6.0, 8.0], [0.0, 1.0]])
    plain = pd.euclidean_distances(A, B)
    squared = pd.euclidean_distances(A, B, squared=True)
    np.testing.assert_allclose(plain, [[10.0, 1.0], [5.0, math.sqrt(18.0)]], atol=1e-12)
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
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(
        pd.euclidean_distances(A, B, squared=True), expected**2, rtol=1e-10, atol=1e-10
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
    assert plain.min() >= 0
    # Up to the rounding of the expansion, the distances are still right.
    np.testing.assert_allclose(plain, brute_force(A, B, euclid), atol=1e-3)


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


def test_euclidean_diagonal_is_not_zeroed_when_B_is_given():
    # With a separate B, D[i, i] is the distance between A[i] and B[i]: 5 and 1 here.
    A = np.array([[0.0, 0.0], [1.0, 1.0]])
    B = np.array([[3.0, 4.0], [1.0, 2.0]])
    diagonal = np.diag(pd.euclidean_distances(A, B))
    assert np.all(diagonal > 0), (
        f"euclidean_distances(A, B) has diagonal {diagonal.tolist()}, expected [5, 1]: only "
        "zero the diagonal when B is None (then D[i, i] compares a row with itself)"
    )
    np.testing.assert_allclose(diagonal, [5.0, 1.0], atol=1e-12)


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
    assert D.shape == (6, 6)
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
    )


def test_euclidean_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(2, 40, 25, 6)
    for squared in (False, True):
        np.testing.assert_allclose(
            pd.euclidean_distances(A, B, squared=squared),
            pairwise.euclidean_distances(A, B, squared=squared),
            rtol=1e-10,
            atol=1e-10,
        )
        np.testing.assert_allclose(
            pd.euclidean_distances(A, squared=squared),
            pairwise.euclidean_distances(A, squared=squared),
            rtol=1e-10,
            atol=1e-10,
        )


# --- manhattan_distances ------------------------------------------------------------------


def test_manhattan_hand_values():
    # |0 - 3| + |0 - (-4)| = 7: without the absolute value, -4 would cancel the 3.
    got = pd.manhattan_distances([[0.0, 0.0]], [[3.0, -4.0], [1.0, 1.0]])
    assert np.shape(got) == (1, 2), f"expected shape (1, 2), got {np.shape(got)}"
    assert not np.allclose(got, [[-1.0, 2.0]]), (
        "manhattan_distances([[0, 0]], [[3, -4]]) gave -1: take the absolute value of each "
        "coordinate difference before summing"
    )
    np.testing.assert_allclose(got, [[7.0, 2.0]], atol=1e-12)
    A = np.array([[1.0, 2.0], [4.0, 0.0]])
    np.testing.assert_allclose(pd.manhattan_distances(A), [[0.0, 5.0], [5.0, 0.0]], atol=1e-12)


@pytest.mark.parametrize("n, m, d", SHAPES)
def test_manhattan_matches_a_brute_force_loop(n, m, d):
    A, B = random_pair(n * 100 + m + 7, n, m, d)
    got = pd.manhattan_distances(A, B)
    assert got.shape == (n, m), (
        f"expected shape {(n, m)}, got {got.shape}: sum the |differences| over the features"
    )
    np.testing.assert_allclose(got, brute_force(A, B, manhattan), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_manhattan_is_symmetric_with_a_zero_diagonal(seed):
    A, B = random_pair(seed, 5, 8, 4)
    np.testing.assert_allclose(
        pd.manhattan_distances(A, B), pd.manhattan_distances(B, A).T, rtol=1e-12
    )
    D = pd.manhattan_distances(A)
    np.testing.assert_array_equal(np.diag(D), 0.0)
    np.testing.assert_allclose(D, D.T, rtol=1e-12)


def test_manhattan_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(3, 30, 20, 7)
    np.testing.assert_allclose(
        pd.manhattan_distances(A, B), pairwise.manhattan_distances(A, B), rtol=1e-10, atol=1e-10
    )
    np.testing.assert_allclose(
        pd.manhattan_distances(A), pairwise.manhattan_distances(A), rtol=1e-10, atol=1e-10
    )


# --- cosine_similarity --------------------------------------------------------------------


def test_cosine_hand_values():
    A = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    r = 1 / math.sqrt(2.0)
    expected = [[1.0, 0.0, r], [0.0, 1.0, r], [r, r, 1.0]]
    np.testing.assert_allclose(pd.cosine_similarity(A), expected, atol=1e-12)
    # Opposite directions give -1, whatever the lengths; shape is (n, m).
    got = pd.cosine_similarity([[2.0, 0.0]], [[-5.0, 0.0], [1.0, 1.0], [0.0, -7.0]])
    np.testing.assert_allclose(got, [[-1.0, r, 0.0]], atol=1e-12)


def test_cosine_of_a_zero_row_is_zero_not_nan():
    A = np.array([[0.0, 0.0], [1.0, 2.0]])
    B = np.array([[3.0, 1.0], [0.0, 0.0]])
    with np.errstate(invalid="ignore", divide="ignore"):  # let 0/0 show up as NaN below
        got = pd.cosine_similarity(A, B)
        got_self = pd.cosine_similarity(A)
    for name, S in (("cosine_similarity(A, B)", got), ("cosine_similarity(A)", got_self)):
        assert np.all(np.isfinite(S)), (
            f"{name} with a zero row gave {S.tolist()}: dividing by a zero norm is 0/0 = NaN. "
            "A zero row has similarity 0 with everything (as scikit-learn): divide it by 1 "
            "instead of by its zero norm"
        )
    np.testing.assert_allclose(got, [[0.0, 0.0], [5 / math.sqrt(50.0), 0.0]], atol=1e-12)
    assert got_self[0, 0] == 0.0, (
        f"a zero row's similarity with itself is {got_self[0, 0]}, expected 0 (as scikit-learn)"
    )
    np.testing.assert_allclose(got_self[1, 1], 1.0, atol=1e-12)


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
    np.testing.assert_allclose(pd.cosine_similarity(scale_A * A, scale_B * B), S, atol=1e-12)
    np.testing.assert_allclose(pd.cosine_similarity(-A, B), -S, atol=1e-12)
    assert np.all(np.abs(S) <= 1.0 + 1e-12), "a cosine must lie in [-1, 1]"
    np.testing.assert_allclose(np.diag(pd.cosine_similarity(A)), 1.0, atol=1e-12)


def test_cosine_matches_sklearn():
    pairwise = import_sklearn("metrics.pairwise")
    A, B = random_pair(4, 30, 20, 5)
    A[3] = 0.0  # a zero row, which scikit-learn maps to similarity 0
    np.testing.assert_allclose(
        pd.cosine_similarity(A, B), pairwise.cosine_similarity(A, B), rtol=1e-10, atol=1e-10
    )
    np.testing.assert_allclose(
        pd.cosine_similarity(A), pairwise.cosine_similarity(A), rtol=1e-10, atol=1e-10
    )


# --- shared behaviour -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FUNCTIONS)
def test_memory_stays_of_the_order_of_the_output(name):
    # n = m = 400, d = 100: the (n, m) output is 1.3 MB; an (n, m, d) temporary is 128 MB.
    func = getattr(pd, name)
    A, B = random_pair(5, 400, 400, 100)
    result, peak = peak_memory(func, A, B)
    out_bytes = 400 * 400 * 8
    assert np.shape(result) == (400, 400)
    assert peak < 10 * out_bytes, (
        f"{name} peaked at {peak / 1e6:.0f} MB for a {out_bytes / 1e6:.1f} MB result: it "
        "seems to build an (n, m, d) broadcast such as A[:, None, :] - B[None, :, :] "
        f"({400 * 400 * 100 * 8 / 1e6:.0f} MB here). Keep intermediates of size (n, m): a "
        "matrix product, or accumulate over the features (or over chunks of rows)"
    )


@pytest.mark.slow
@pytest.mark.timeout(10)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_large_inputs_are_fast(name):
    # n = m = 2000: a vectorized answer (or a loop over features or rows) takes tens of
    # milliseconds; a Python double loop over the 4 million pairs takes half a minute.
    func = getattr(pd, name)
    A, B = random_pair(7, 2000, 2000, 8)
    got = func(A, B)
    assert np.shape(got) == (2000, 2000)
    idx = np.array([0, 17, 1999])
    expected = brute_force(A[idx], B[idx], ORACLES.get(name, cosine))
    np.testing.assert_allclose(got[np.ix_(idx, idx)], expected, rtol=1e-10, atol=1e-10)


def test_cosine_of_a_zero_row_divides_nothing_by_zero():
    # Replacing NaN afterwards (np.nan_to_num, np.where(norm == 0, 0, dot / norm)) still
    # computes 0/0 first: np.where evaluates both branches for every entry.
    A = np.array([[0.0, 0.0], [1.0, 2.0]])
    try:
        got = pd.cosine_similarity(A, [[3.0, 1.0], [0.0, 0.0]])
        got_self = pd.cosine_similarity(A)
    except FloatingPointError as exc:
        pytest.fail(
            f"cosine_similarity with a zero row computed 0/0 ({exc}), even if the NaN is "
            "replaced afterwards: divide the zero row by 1 instead of by its zero norm"
        )
    np.testing.assert_allclose(got, [[0.0, 0.0], [5 / math.sqrt(50.0), 0.0]], atol=1e-12)
    np.testing.assert_allclose(got_self, [[0.0, 0.0], [0.0, 1.0]], atol=1e-12)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_inputs_are_not_modified(name):
    func = getattr(pd, name)
    A, B = random_pair(6, 5, 4, 3)
    with inputs_unchanged(name, A=A, B=B):
        func(A, B)
    with inputs_unchanged(name, A=A):
        func(A)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_integer_input_gives_float64(name):
    func = getattr(pd, name)
    got = func(np.array([[1, 2], [3, 5]]), np.array([[0, 1]]))
    assert got.dtype == np.float64, f"{name} returned {got.dtype}, expected float64"
    assert got.shape == (2, 1)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_different_feature_counts_are_a_value_error(name):
    func = getattr(pd, name)
    func(np.ones((3, 2)), np.ones((4, 2)))  # works on good input first
    with pytest.raises(ValueError, match="features"):
        func(np.ones((3, 2)), np.ones((4, 3)))


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize(
    "A, match",
    [([1.0, 2.0, 3.0], "2-D"), ([[1.0, np.nan]], "NaN"), (np.ones((0, 2)), "empty")],
    ids=["1-D", "NaN", "empty"],
)
def test_bad_input_is_a_value_error(name, A, match):
    func = getattr(pd, name)
    func([[1.0, 2.0]])  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(A)
    with pytest.raises(ValueError, match=match):
        func([[1.0, 2.0]], A)
