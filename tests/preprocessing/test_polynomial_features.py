"""Tests for preprocessing/polynomial_features: PolynomialFeatures."""

import math
from collections import Counter

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)
from kata.validation import NotFittedError

mod = load_kata("preprocessing/polynomial_features")


def poly(**params):
    return mod.PolynomialFeatures(**params)


def brute_force_exponents(n_features, degree, include_bias, interaction_only):
    """Every exponent vector that should appear, as a multiset (order ignored)."""
    exps = Counter()
    for e in np.ndindex(*([degree + 1] * n_features)):
        total = sum(e)
        if total > degree or (total == 0 and not include_bias):
            continue
        if interaction_only and max(e, default=0) > 1:
            continue
        exps[e] += 1
    return exps


def column_exponents(X_out, X, max_power):
    """Recover each output column's exponent vector by matching it against every candidate
    monomial of X (X must be generic enough that different monomials differ)."""
    candidates = list(np.ndindex(*([max_power + 1] * X.shape[1])))
    values = np.stack([np.prod(X ** np.array(e), axis=1) for e in candidates], axis=1)
    found = []
    for col in X_out.T:
        match = np.flatnonzero(np.all(np.isclose(values, col[:, None], rtol=1e-10), axis=0))
        found.append(candidates[match[0]] if match.size else None)
    return found


# --- hand-worked cases ---------------------------------------------------------------------


def test_two_features_degree_three_in_the_documented_order():
    a, b = 2.0, 3.0
    got = poly(degree=3).fit_transform([[a, b]])
    expected = [1, a, b, a * a, a * b, b * b, a**3, a * a * b, a * b * b, b**3]
    names = ["1", "a", "b", "a^2", "ab", "b^2", "a^3", "a^2b", "ab^2", "b^3"]
    assert got.ndim == 2 and got.shape[0] == 1, f"expected shape (1, 10), got {got.shape}"
    row = got[0].tolist()
    if len(row) > 10:
        assert len(set(row)) == len(row), (
            f"{len(row)} columns {row} for 10 monomials, some repeated: a*b and b*a are the "
            "same monomial; enumerate multisets (combinations_with_replacement), not "
            "ordered tuples (product, permutations)"
        )
    assert len(row) != 6, (
        f"6 columns {row} for degree=3: the degree-3 monomials are missing; the degrees run "
        "over 0, 1, ..., degree (range(degree + 1))"
    )
    assert len(row) != 9 or 1.0 in row, (
        f"9 columns {row}: the leading column of ones (include_bias=True by default) is missing"
    )
    assert got.shape == (1, 10), f"expected 10 columns ({names}), got shape {got.shape}"
    assert row[0] == 1.0, (
        f"columns are {row}: with include_bias=True the column of ones comes FIRST"
    )
    assert np.allclose(got[0], expected, rtol=1e-12), (
        f"columns are {got[0].tolist()}, expected {expected} = {names}: order the monomials by "
        "degree, then lexicographically by feature index (scikit-learn's order)"
    )


def test_two_features_degree_three_powers():
    p = poly(degree=3).fit([[2.0, 3.0]])
    expected = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2], [3, 0], [2, 1], [1, 2], [0, 3]]
    np.testing.assert_array_equal(
        p.powers_, expected, err_msg="powers_ rows: exponents of (a, b) in each column, in order"
    )
    assert p.n_output_features_ == 10, f"n_output_features_ is {p.n_output_features_}, not 10"


def test_three_features_degree_two_order():
    a, b, c = 2.0, 3.0, 5.0
    got = poly(degree=2).fit_transform([[a, b, c]])
    expected = [1, a, b, c, a * a, a * b, a * c, b * b, b * c, c * c]
    assert np.allclose(got[0], expected, rtol=1e-12), (
        f"got {got[0].tolist()}, expected 1, a, b, c, aa, ab, ac, bb, bc, cc = {expected}"
    )


def test_include_bias_false_drops_the_column_of_ones():
    p = poly(degree=2, include_bias=False)
    got = p.fit_transform([[2.0, 3.0], [1.0, -1.0]])
    assert got.shape[1] == 5 and p.n_output_features_ == 5, (
        f"include_bias=False must drop the column of ones: expected 5 columns (a, b, a^2, ab, "
        f"b^2), got {got.shape[1]}"
    )
    np.testing.assert_allclose(
        got, [[2, 3, 4, 6, 9], [1, -1, 1, -1, 1]], rtol=1e-12, err_msg="a, b, a^2, ab, b^2"
    )


def test_interaction_only_keeps_products_of_distinct_features():
    a, b, c = 2.0, 3.0, 5.0
    p = poly(degree=3, interaction_only=True)
    got = p.fit_transform([[a, b, c]])
    expected = [1, a, b, c, a * b, a * c, b * c, a * b * c]
    assert got.shape[1] == 8, (
        f"interaction_only=True gave {got.shape[1]} columns, expected 8 (1, a, b, c, ab, ac, "
        "bc, abc): it must drop every power of a single feature (a^2, a^2 b, ...)"
    )
    np.testing.assert_allclose(
        got[0], expected, rtol=1e-12, err_msg="interaction_only: 1, a, b, c, ab, ac, bc, abc"
    )
    assert p.powers_.max() == 1, "interaction_only: every exponent in powers_ is 0 or 1"


def test_interaction_only_with_degree_above_the_feature_count():
    got = poly(degree=5, interaction_only=True, include_bias=False).fit_transform([[2.0, 3.0]])
    np.testing.assert_allclose(
        got, [[2.0, 3.0, 6.0]], rtol=1e-12, err_msg="degree 5 > 2 features: a, b, ab only"
    )


def test_degree_one_and_degree_zero():
    X = np.array([[2.0, 3.0], [4.0, 5.0]])
    np.testing.assert_array_equal(
        poly(degree=1).fit_transform(X), [[1, 2, 3], [1, 4, 5]], err_msg="degree=1: 1, a, b"
    )
    np.testing.assert_array_equal(
        poly(degree=1, include_bias=False).fit_transform(X), X, err_msg="degree=1, no bias: X"
    )
    np.testing.assert_array_equal(
        poly(degree=0).fit_transform(X), [[1.0], [1.0]], err_msg="degree=0: the ones only"
    )


def test_zero_and_negative_values():
    got = poly(degree=3).fit_transform([[0.0, -2.0]])
    np.testing.assert_allclose(
        got,
        [[1, 0, -2, 0, 0, 4, 0, 0, 0, -8]],
        rtol=1e-12,
        err_msg="zeros and negative values: 0 ** k is 0 for k >= 1, odd powers keep the sign",
    )


# --- counts, duplicates, completeness --------------------------------------------------------


@pytest.mark.parametrize("n_features", [1, 2, 3, 5])
@pytest.mark.parametrize("degree", [1, 2, 3, 4])
@pytest.mark.parametrize("interaction_only", [False, True])
@pytest.mark.parametrize("include_bias", [True, False])
def test_n_output_features_follows_the_counting_formula(
    n_features, degree, interaction_only, include_bias
):
    # Monomials of degree k in n variables: multisets C(n + k - 1, k), or subsets C(n, k).
    def per_degree(k):
        return math.comb(n_features, k) if interaction_only else math.comb(n_features + k - 1, k)

    start = 0 if include_bias else 1
    expected = sum(per_degree(k) for k in range(start, degree + 1))
    X = np.ones((2, n_features))
    p = poly(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
    got = p.fit_transform(X)
    assert p.n_output_features_ == expected and got.shape == (2, expected), (
        f"{n_features} features, degree {degree}, interaction_only={interaction_only}, "
        f"include_bias={include_bias}: expected {expected} columns, got n_output_features_="
        f"{p.n_output_features_} and output shape {got.shape} (duplicate or missing monomials?)"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("interaction_only", [False, True])
def test_every_monomial_appears_exactly_once(seed, interaction_only):
    X = np.random.default_rng(seed).uniform(0.5, 2.0, size=(6, 3))
    got = poly(degree=3, interaction_only=interaction_only).fit_transform(X)
    found = column_exponents(got, X, 3)
    assert None not in found, "some output column is not a monomial of the features"
    counts = Counter(found)
    duplicates = [e for e, c in counts.items() if c > 1]
    assert not duplicates, (
        f"monomials with exponents {duplicates} appear more than once: a*b and b*a are the "
        "same column (enumerate combinations with replacement, not all ordered tuples)"
    )
    assert counts == brute_force_exponents(3, 3, True, interaction_only), (
        "the set of monomials is wrong: missing "
        f"{sorted(set(brute_force_exponents(3, 3, True, interaction_only)) - set(counts))}, "
        f"extra {sorted(set(counts) - set(brute_force_exponents(3, 3, True, interaction_only)))}"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_columns_are_the_products_given_by_powers(seed):
    X = np.random.default_rng(seed).normal(size=(8, 3))
    p = poly(degree=3).fit(X)
    got = p.transform(X)
    expected = np.stack([np.prod(X**e, axis=1) for e in p.powers_], axis=1)  # 0 ** 0 = 1
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-12,
        atol=1e-14,
        err_msg="each column against the product of X ** powers_ of that column",
    )


# --- scikit-learn ----------------------------------------------------------------------------


SKLEARN_CASES = [
    (degree, interaction_only, include_bias)
    for degree in (0, 1, 2, 3, 4)
    for interaction_only in (False, True)
    for include_bias in (True, False)
    if degree > 0 or include_bias  # degree 0 without bias is a ValueError, tested below
]


@pytest.mark.parametrize("degree, interaction_only, include_bias", SKLEARN_CASES)
def test_matches_sklearn(degree, interaction_only, include_bias):
    preprocessing = import_sklearn("preprocessing")
    X = np.random.default_rng(degree).normal(size=(7, 3))
    params = dict(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
    ours, ref = poly(**params).fit(X), preprocessing.PolynomialFeatures(**params).fit(X)
    assert ours.n_output_features_ == ref.n_output_features_, (
        f"n_output_features_ is {ours.n_output_features_}, scikit-learn's {ref.n_output_features_}"
    )
    np.testing.assert_array_equal(
        ours.powers_,
        ref.powers_,
        err_msg=("powers_ (the column order) differs from scikit-learn's"),
    )
    X_new = np.random.default_rng(10 + degree).normal(size=(4, 3))
    np.testing.assert_allclose(
        ours.transform(X_new),
        ref.transform(X_new),
        rtol=1e-12,
        atol=1e-12,
        err_msg="transform against scikit-learn's on new data",
    )


def test_matches_sklearn_on_real_data():
    preprocessing = import_sklearn("preprocessing")
    from kata.datasets import load_iris

    X = load_iris().X
    np.testing.assert_allclose(
        poly(degree=3).fit_transform(X),
        preprocessing.PolynomialFeatures(degree=3).fit_transform(X),
        rtol=1e-12,
        err_msg="degree-3 features of the iris data against scikit-learn's",
    )


# --- fit / transform contract ------------------------------------------------------------------


def test_fit_returns_self_and_fit_transform_equals_fit_then_transform():
    X = np.random.default_rng(0).normal(size=(5, 2))
    p = poly(degree=2)
    assert p.fit(X) is p, "fit must return self"
    np.testing.assert_allclose(
        poly(degree=2).fit_transform(X),
        p.transform(X),
        err_msg="fit_transform(X) must equal fit(X).transform(X)",
    )


def test_transform_applies_the_fitted_columns_to_new_data():
    p = poly(degree=2, include_bias=False).fit(np.zeros((3, 2)))
    np.testing.assert_allclose(
        p.transform([[1.0, 2.0]]),
        [[1, 2, 1, 2, 4]],
        rtol=1e-12,
        err_msg="transform of new data uses the fitted monomials a, b, a^2, ab, b^2",
    )


def test_refitting_on_more_features_replaces_the_fitted_columns():
    p = poly(degree=2).fit(np.ones((3, 2)))
    assert p.n_output_features_ == 6, (
        f"2 features, degree 2: 6 columns, got {p.n_output_features_}"
    )
    p.fit(np.ones((3, 3)))
    assert p.n_features_in_ == 3 and p.n_output_features_ == 10, (
        f"after refitting on 3 features, n_features_in_={p.n_features_in_} and "
        f"n_output_features_={p.n_output_features_} (expected 3 and 10): fit must recompute "
        "the monomials every time, not keep those of an earlier fit"
    )
    got = p.transform([[2.0, 3.0, 5.0]])
    np.testing.assert_allclose(
        got,
        [[1, 2, 3, 5, 4, 6, 10, 9, 15, 25]],
        rtol=1e-12,
        err_msg="after a refit on 3 features, transform gives their 10 monomials",
    )


def test_integer_input_gives_float64():
    got = poly(degree=2).fit_transform(np.array([[1, 2], [3, 4]]))
    assert got.dtype == np.float64, f"output dtype is {got.dtype}, expected float64"


def test_does_not_modify_its_input():
    X = np.random.default_rng(1).normal(size=(4, 3))
    p = poly(degree=3)
    with inputs_unchanged("fit", X=X):
        p.fit(X)
    with inputs_unchanged("transform", X=X):
        p.transform(X)


def test_transform_before_fit_is_not_fitted_error():
    X = np.ones((2, 2))
    poly().fit_transform(X)
    with pytest.raises(NotFittedError, match="fit"):
        poly().transform(X)


def test_bad_degree_is_a_value_error():
    X = np.ones((2, 2))
    poly(degree=2).fit_transform(X)
    for bad in (-1, 1.5, "2", None):
        with pytest.raises(ValueError, match="degree"):
            poly(degree=bad).fit(X)
    with pytest.raises(ValueError, match="degree"):
        poly(degree=0, include_bias=False).fit(X)


def test_bad_input_is_a_value_error():
    X = np.ones((2, 2))
    p = poly().fit(X)
    p.transform(X)
    with pytest.raises(ValueError, match="features"):
        p.transform(np.ones((2, 3)))
    with pytest.raises(ValueError, match="2-D"):
        poly().fit(np.ones(3))
    with pytest.raises(ValueError, match="2-D"):
        poly().fit(np.ones((2, 2, 2)))  # 3-D: a ValueError, not features of a flattened X
    with pytest.raises(ValueError, match="2-D"):
        p.transform(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        poly().fit([[1.0, np.nan]])


# --- complexity, without a clock: Python lines counted, peak memory measured ---------------


def test_transform_needs_no_temporary_larger_than_the_output():
    X = np.random.default_rng(0).uniform(-1, 1, size=(2000, 6))
    p = poly(degree=3).fit(X)
    out, peak = peak_memory(p.transform, X)
    out_bytes = out.nbytes  # 2000 x 84 float64, 1.3 MB
    cube = X.shape[0] * p.n_output_features_ * X.shape[1] * 8
    assert peak < 3 * out_bytes, (
        f"transform allocated {peak / 1e6:.1f} MB at its peak for a {out_bytes / 1e6:.1f} MB "
        f"output (an (n_samples, n_output_features_, n_features) array is {cube / 1e6:.1f} "
        "MB): X[:, None, :] ** powers_ broadcasts every feature into every column; compute "
        "one column at a time, ideally as one product of an earlier column by one feature"
    )


def test_no_python_loop_over_samples():
    # 5000 x 4, degree 3: 35 columns. transform runs about 100 Python lines (80 with a loop
    # over the output columns, each a power and a product over the features); fit about
    # 170 (340 with each exponent vector counted in a loop). A Python loop over the samples
    # in transform runs 5000 lines or more.
    X = np.random.default_rng(0).uniform(-1, 1, size=(5000, 4))
    p = poly(degree=3).fit(X)
    budget = 300
    lines = python_lines(p.transform, X, budget=budget)
    assert lines <= budget, (
        f"transform ran more than {budget} lines of Python on 5000 samples: is there a Python "
        "loop over the samples? Loop over the output columns (few) and build each one for "
        "all samples at once, as one product of an earlier column by one feature"
    )
    budget = 1500
    lines = python_lines(poly(degree=3).fit_transform, X, budget=budget)
    assert lines <= budget, (
        f"fit_transform ran more than {budget} lines of Python on 5000 samples (transform "
        "alone stays within 300): is there a Python loop over the samples in "
        "fit_transform? Make it fit(X).transform(X)"
    )
