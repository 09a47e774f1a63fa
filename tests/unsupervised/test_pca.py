"""Tests for unsupervised/pca: PCA by the SVD of the centred data."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    run_numerically,
)
from kata.validation import NotFittedError

mod = load_kata("unsupervised/pca")

# The worked example: spread 3 along u = (0.6, 0.8) and 1 along v = (-0.8, 0.6), around
# the mean (10, 20). Centred rows: 3u, -3u, v, -v.
X_HAND = np.array([[11.8, 22.4], [8.2, 17.6], [9.2, 20.6], [10.8, 19.4]])
COMPONENTS_HAND = np.array([[0.6, 0.8], [0.8, -0.6]])  # signs: largest |entry| positive
VARIANCE_HAND = np.array([18.0 / 3.0, 2.0 / 3.0])  # S^2 / (n - 1), S^2 = 18 and 2
SCORES_HAND = np.array([[3.0, 0.0], [-3.0, 0.0], [0.0, -1.0], [0.0, 1.0]])

# A "plus" of four points: the two axes explain EXACTLY half of the variance each. With a
# power-of-two arm the two singular values (or covariance eigenvalues) come out equal bit for
# bit whichever decomposition computes them, so the ratio is exactly 0.5.
X_PLUS = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]]) * 2.0 + [5.0, -2.0]


# --- oracles computed here, independently of the kata ---------------------------------------


def correlated_data(seed, n=60, d=5, offset=0.0):
    """Gaussian data with a random covariance of distinct eigenvalues (no ties in S)."""
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(d, d)) * np.geomspace(3.0, 0.3, d)[:, None]
    return rng.normal(size=(n, d)) @ A + offset + rng.normal(size=d)


def eig_oracle(X):
    """Eigen-decomposition of np.cov (ddof=1): variances decreasing, axes with fixed signs."""
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1]
    values, axes = values[order], vectors[:, order].T
    rows = np.arange(len(axes))
    axes = axes * np.sign(axes[rows, np.abs(axes).argmax(axis=1)])[:, None]
    return values, axes


def sign_free_equal(A, B, atol):
    """Rows of A equal rows of B up to a sign each."""
    signs = np.sign(np.sum(A * B, axis=1))
    return np.allclose(A * signs[:, None], B, atol=atol)


def uncentred_axes(X):
    """What PCA without centring finds: the right singular vectors of the raw X."""
    return np.linalg.svd(X, full_matrices=False)[2]


# --- the classic mistakes, one test each ------------------------------------------------------


def test_fit_does_not_centre_x_in_place():
    # First: a fit that centres X in place corrupts every later check on the same X.
    X = correlated_data(0, offset=50.0)
    with inputs_unchanged("fit (centring X in place?)", X=X):
        mod.PCA().fit(X)


def test_data_is_centred_before_the_decomposition():
    X = correlated_data(0, offset=50.0)
    pca = mod.PCA().fit(X)
    np.testing.assert_allclose(pca.mean_, X.mean(axis=0), rtol=1e-12, err_msg="mean_")
    _, axes = eig_oracle(X)
    if sign_free_equal(pca.components_[:1], uncentred_axes(X)[:1], atol=1e-6):
        pytest.fail(
            "the first axis points at the data's mean, not along its spread: centre X "
            "(subtract mean_) before the SVD or the eigen-decomposition of X^T X"
        )
    if not sign_free_equal(pca.components_, axes, atol=1e-8) and np.allclose(
        np.abs(pca.components_), np.abs(axes), atol=1e-8
    ):
        pytest.fail(
            "components_ have the right entries up to sign but are not +-1 times the axes: "
            "the sign flip was applied per COLUMN (signs[None, :]); flip each ROW of "
            "components_ (signs[:, None])"
        )
    assert sign_free_equal(pca.components_, axes, atol=1e-8), (
        "components_ are not the eigenvectors of the covariance np.cov(X) by decreasing eigenvalue"
    )


def test_explained_variance_divides_by_n_minus_1():
    X = correlated_data(1)
    pca = mod.PCA().fit(X)
    values, _ = eig_oracle(X)
    n = len(X)
    if np.allclose(pca.explained_variance_, values * (n - 1) / n, rtol=1e-8):
        pytest.fail(
            "explained_variance_ is S^2 / n: scikit-learn's (and the unbiased) variance "
            "divides by n - 1"
        )
    np.testing.assert_allclose(
        pca.explained_variance_,
        values,
        rtol=1e-8,
        err_msg="explained_variance_ must be the covariance eigenvalues, S^2 / (n - 1)",
    )
    np.testing.assert_allclose(
        pca.singular_values_**2 / (n - 1),
        pca.explained_variance_,
        rtol=1e-10,
        err_msg="singular_values_**2 / (n - 1) must equal explained_variance_",
    )


def test_variance_ratio_is_over_the_total_variance():
    X = correlated_data(2)
    pca = mod.PCA(n_components=2).fit(X)
    values, _ = eig_oracle(X)
    if np.isclose(pca.explained_variance_ratio_.sum(), 1.0, rtol=1e-9):
        pytest.fail(
            "with 2 of 5 components the ratios sum to 1: explained_variance_ratio_ divides "
            "by the TOTAL variance (all components, the trace of the covariance), not by "
            "the variance of the kept components only"
        )
    if np.allclose(
        pca.explained_variance_ratio_, np.sqrt(values[:2]) / np.sqrt(values).sum(), rtol=1e-8
    ):
        pytest.fail(
            "explained_variance_ratio_ is S_j / sum(S): the ratio is of VARIANCES, "
            "S_j^2 / sum(S^2)"
        )
    np.testing.assert_allclose(
        pca.explained_variance_ratio_,
        values[:2] / values.sum(),
        rtol=1e-8,
        err_msg="explained_variance_ratio_ = variance of each kept axis / total variance",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_signs_follow_the_largest_absolute_entry(seed):
    X = correlated_data(seed, d=6)
    components = mod.PCA().fit(X).components_
    rows = np.arange(len(components))
    largest = components[rows, np.abs(components).argmax(axis=1)]
    assert np.all(largest > 0), (
        f"rows {np.flatnonzero(largest < 0).tolist()} of components_ have a negative entry "
        "of largest absolute value: an SVD's signs are arbitrary, flip each row so that its "
        "largest-|value| entry is positive (scikit-learn >= 1.5)"
    )


def test_transform_centres_with_the_training_mean():
    X = correlated_data(6)
    pca = mod.PCA(n_components=3).fit(X)
    one = pca.transform(X[:1])
    if np.allclose(one, 0.0, atol=1e-12):
        pytest.fail(
            "transform of one sample gave 0: it centred the NEW data by its own mean; "
            "subtract the training mean_ instead"
        )
    if np.allclose(one, X[:1] @ pca.components_.T, atol=1e-10):
        pytest.fail("transform did not centre: subtract the training mean_ before projecting")
    np.testing.assert_allclose(
        one,
        (X[:1] - X.mean(axis=0)) @ pca.components_.T,
        atol=1e-10,
        err_msg="transform(X) = (X - mean_) @ components_.T",
    )


# --- hand-worked cases ----------------------------------------------------------------------


def diagnose_hand_fit(pca):
    """Fail with the name of the mistake when the worked example shows a classic one."""
    raw_axes = uncentred_axes(X_HAND)
    if sign_free_equal(pca.components_, raw_axes, atol=1e-6):
        pytest.fail(
            "components_ are the singular vectors of the RAW X: centre X (subtract mean_) "
            "before the SVD"
        )
    if not np.allclose(pca.components_, COMPONENTS_HAND, atol=1e-9) and sign_free_equal(
        pca.components_, COMPONENTS_HAND, atol=1e-9
    ):
        pytest.fail(
            f"components_ = {pca.components_.round(6).tolist()} are the right axes with the "
            "wrong signs: flip each row so that its entry of largest ABSOLUTE value is "
            f"positive, giving {COMPONENTS_HAND.tolist()}"
        )
    if np.allclose(pca.explained_variance_, VARIANCE_HAND * 3.0 / 4.0, rtol=1e-9):
        pytest.fail("explained_variance_ = S^2 / n = [4.5, 0.5]: divide by n - 1, giving [6, 2/3]")
    if np.allclose(pca.singular_values_, np.sqrt(VARIANCE_HAND), rtol=1e-9):
        pytest.fail(
            "singular_values_ = sqrt(explained_variance_): they are the singular values S of "
            "the centred X, sqrt(18) and sqrt(2) here"
        )


def test_hand_worked_example():
    pca = mod.PCA()
    assert pca.fit(X_HAND) is pca, "fit must return self"
    diagnose_hand_fit(pca)
    np.testing.assert_allclose(pca.mean_, [10.0, 20.0], rtol=1e-12, err_msg="mean_ of X")
    np.testing.assert_allclose(
        pca.components_,
        COMPONENTS_HAND,
        atol=1e-12,
        err_msg="components_: the axes (0.6, 0.8) and (0.8, -0.6), largest |entry| positive",
    )
    np.testing.assert_allclose(
        pca.explained_variance_, VARIANCE_HAND, rtol=1e-12, err_msg="S^2 / (n - 1)"
    )
    np.testing.assert_allclose(
        pca.explained_variance_ratio_, [0.9, 0.1], rtol=1e-12, err_msg="18 / 20 and 2 / 20"
    )
    np.testing.assert_allclose(
        pca.singular_values_, np.sqrt([18.0, 2.0]), rtol=1e-12, err_msg="sqrt(18), sqrt(2)"
    )
    assert pca.n_components_ == 2, f"n_components_ = {pca.n_components_}, expected 2"
    np.testing.assert_allclose(
        pca.transform(X_HAND), SCORES_HAND, atol=1e-12, err_msg="scores (X - mean_) @ V^T"
    )


def test_hand_worked_example_whitened():
    pca = mod.PCA(whiten=True).fit(X_HAND)
    scores = pca.transform(X_HAND)
    expected = SCORES_HAND / np.sqrt(VARIANCE_HAND)
    if np.allclose(scores, SCORES_HAND / np.sqrt([18.0, 2.0]), atol=1e-12):
        pytest.fail(
            "whitened scores are divided by the singular values S: divide by "
            "sqrt(explained_variance_) = S / sqrt(n - 1), so that each column has variance 1"
        )
    if np.allclose(scores, SCORES_HAND / VARIANCE_HAND, atol=1e-12):
        pytest.fail(
            "whitened scores are divided by explained_variance_ itself: divide by its "
            "SQUARE ROOT (the standard deviation), so that each column has variance 1"
        )
    np.testing.assert_allclose(
        scores, expected, atol=1e-12, err_msg="whitened scores: divided by sqrt(6), sqrt(2/3)"
    )
    back = pca.inverse_transform(scores)
    mean = np.array([10.0, 20.0])
    if np.allclose(back, X_HAND - mean, atol=1e-9):
        pytest.fail("inverse_transform gave the CENTRED data: add mean_ back at the end")
    if np.allclose(back, scores @ COMPONENTS_HAND + mean, atol=1e-9):
        pytest.fail(
            "inverse_transform did not undo the whitening: multiply the scores by "
            "sqrt(explained_variance_) before Z @ components_ + mean_"
        )
    if np.allclose(back, scores / np.sqrt(VARIANCE_HAND) @ COMPONENTS_HAND + mean, atol=1e-9):
        pytest.fail(
            "inverse_transform DIVIDED the whitened scores by sqrt(explained_variance_) "
            "again: undoing the whitening multiplies by it"
        )
    np.testing.assert_allclose(
        back,
        X_HAND,
        atol=1e-12,
        err_msg="inverse_transform must undo the whitening, then add mean_ back",
    )


def test_float_n_components_needs_strictly_more_variance():
    # Each axis of the plus explains exactly 0.5: 0.5 is not STRICTLY exceeded by one axis.
    low = mod.PCA(n_components=0.3).fit(X_PLUS).n_components_
    assert low == 1, (
        f"n_components=0.3 kept {low} component(s) where the first axis alone explains 0.5: "
        "k is the smallest number of axes whose cumulative ratio exceeds 0.3, i.e. 1 plus "
        "the count of cumulative ratios <= 0.3 (an off-by-one in the count?)"
    )
    pca = mod.PCA(n_components=0.5).fit(X_PLUS)
    assert pca.n_components_ == 2, (
        f"n_components=0.5 kept {pca.n_components_} component(s) on data whose first axis "
        "explains exactly half of the variance: keep the smallest k whose cumulative ratio "
        "is STRICTLY greater than 0.5 (as scikit-learn), so 2 here, not 1 (>= instead of >)"
    )
    assert pca.components_.shape == (2, 2)


@pytest.mark.parametrize("threshold, expected", [(0.3, 1), (0.85, 2), (0.95, 3), (0.9999, 5)])
def test_float_n_components_keeps_enough_variance(threshold, expected):
    # Variances 40, 8, 3, 1, 0.01 (by construction), totals: 0.77, 0.92, 0.98, 0.9998, 1.
    rng = np.random.default_rng(3)
    Q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    Z = rng.normal(size=(400, 5))
    Z = (Z - Z.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(Z, rowvar=False))).T
    X = Z * np.sqrt([40.0, 8.0, 3.0, 1.0, 0.01]) @ Q.T
    pca = mod.PCA(n_components=threshold).fit(X)
    assert pca.n_components_ == expected, (
        f"n_components={threshold} kept {pca.n_components_} components; the cumulative "
        f"ratios are {np.round(np.cumsum([40, 8, 3, 1, 0.01]) / 52.01, 4).tolist()}, so the "
        f"smallest k above {threshold} is {expected}"
    )
    assert pca.components_.shape == (expected, 5)
    assert pca.explained_variance_ratio_.sum() > threshold


def test_float_n_components_just_below_one_keeps_at_most_r():
    # 1 - 1e-16, the largest float below 1: on some of these data sets the cumulative ratio
    # rounds to exactly that (which ones depends on how it is computed), so no k is strictly
    # above it. The answer is then all r = 5 axes, never 6.
    threshold = float(np.nextafter(1.0, 0.0))
    for seed in range(40):
        X = np.random.default_rng(seed).normal(size=(20, 5))
        pca = mod.PCA(n_components=threshold).fit(X)
        assert pca.n_components_ == 5, (
            f"n_components=1 - 1e-16 kept n_components_ = {pca.n_components_} of 5 axes "
            f"(data seed {seed}): rounding can leave the last cumulative ratio a hair below "
            "the threshold, so cap k at min(n_samples, n_features)"
        )
        assert pca.components_.shape == (5, 5)


def test_n_components_int_keeps_the_leading_axes():
    X = correlated_data(4)
    full = mod.PCA().fit(X)
    two = mod.PCA(n_components=2).fit(X)
    assert two.n_components_ == 2 and two.components_.shape == (2, 5)
    np.testing.assert_allclose(two.components_, full.components_[:2], atol=1e-10)
    np.testing.assert_allclose(two.explained_variance_, full.explained_variance_[:2], rtol=1e-10)
    np.testing.assert_allclose(two.singular_values_, full.singular_values_[:2], rtol=1e-10)
    assert two.transform(X).shape == (len(X), 2)


def test_none_keeps_min_of_samples_and_features():
    X = correlated_data(5, n=4, d=7)
    pca = mod.PCA().fit(X)
    assert pca.n_components_ == 4, f"n_components_ = {pca.n_components_}, min(4, 7) = 4"
    assert pca.components_.shape == (4, 7)


# --- properties of the fit ---------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_components_are_orthonormal(seed):
    C = mod.PCA().fit(correlated_data(seed)).components_
    np.testing.assert_allclose(
        C @ C.T, np.eye(len(C)), atol=1e-10, err_msg="components_ rows must be orthonormal"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scores_are_uncorrelated_with_the_explained_variances(seed):
    X = correlated_data(seed)
    pca = mod.PCA().fit(X)
    scores = pca.transform(X)
    np.testing.assert_allclose(
        np.cov(scores, rowvar=False),
        np.diag(pca.explained_variance_),
        atol=1e-9,
        err_msg="the covariance of the scores must be diag(explained_variance_)",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_whitened_scores_have_identity_covariance(seed):
    X = correlated_data(seed)
    scores = mod.PCA(n_components=3, whiten=True).fit(X).transform(X)
    cov = np.cov(scores, rowvar=False)
    n = len(X)
    if np.allclose(cov, np.eye(3) / (n - 1), atol=1e-9):
        pytest.fail(
            "whitened scores have variance 1 / (n - 1): they were divided by the singular "
            "values; divide by sqrt(explained_variance_) instead"
        )
    np.testing.assert_allclose(
        cov, np.eye(3), atol=1e-9, err_msg="whitened training scores must have covariance I"
    )


@pytest.mark.parametrize("whiten", [False, True])
def test_inverse_transform_of_all_components_recovers_the_data(whiten):
    X = correlated_data(7)
    pca = mod.PCA(whiten=whiten).fit(X)
    np.testing.assert_allclose(
        pca.inverse_transform(pca.transform(X)),
        X,
        atol=1e-9,
        err_msg=f"with every component kept (whiten={whiten}), inverse_transform(transform(X))"
        " must give X back",
    )


@pytest.mark.parametrize("whiten", [False, True])
def test_inverse_transform_is_the_projection_onto_the_kept_axes(whiten):
    X = correlated_data(8)
    pca = mod.PCA(n_components=2, whiten=whiten).fit(X)
    back = pca.inverse_transform(pca.transform(X))
    _, axes = eig_oracle(X)
    P = axes[:2].T @ axes[:2]
    np.testing.assert_allclose(
        back,
        (X - X.mean(0)) @ P + X.mean(0),
        atol=1e-8,
        err_msg="inverse_transform(transform(X)) must be the projection of X onto the kept "
        "axes through mean_",
    )
    residual = np.sum((X - back) ** 2)
    values, _ = eig_oracle(X)
    np.testing.assert_allclose(
        residual,
        (len(X) - 1) * values[2:].sum(),
        rtol=1e-8,
        err_msg="the squared reconstruction error is (n - 1) times the discarded variance",
    )


def test_whitening_an_axis_of_zero_variance_gives_no_nan():
    # The second feature is constant: the second axis has variance exactly 0.
    X = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [3.0, 1.0]])
    pca = mod.PCA(whiten=True).fit(X)
    diagnosis = (
        "whitening divides by sqrt(explained_variance_), which is 0 for an axis without "
        "variance: floor the divisor at machine epsilon (np.finfo(float).eps, as "
        "scikit-learn) so that this column of scores is 0, not 0/0"
    )
    scores, error = run_numerically(pca.transform, X)
    assert error is None and np.all(np.isfinite(scores)), f"{error or scores}: {diagnosis}"
    np.testing.assert_allclose(
        scores[:, 1], 0.0, atol=1e-12, err_msg=f"the zero-variance column: {diagnosis}"
    )
    np.testing.assert_allclose(
        scores[:, 0],
        [-1.5, -0.5, 0.5, 1.5] / np.sqrt(5.0 / 3.0),
        rtol=1e-12,
        err_msg="the first column: centred x divided by its standard deviation sqrt(5/3)",
    )
    np.testing.assert_allclose(
        pca.inverse_transform(scores), X, atol=1e-12, err_msg="inverse_transform gives X back"
    )
    np.testing.assert_allclose(
        pca.explained_variance_ratio_, [1.0, 0.0], atol=1e-15, err_msg="ratios 1 and 0"
    )


def test_constant_data_has_zero_ratios_not_nan():
    # No variance at all: total = 0, so every ratio would be 0 / 0 (scikit-learn gives NaN
    # and a warning; here the convention is 0).
    X = np.full((5, 3), 2.5)
    pca, error = run_numerically(mod.PCA().fit, X)
    diagnosis = (
        "constant X has total variance 0: explained_variance_ratio_ must be all 0, not "
        "0 / 0 (guard the division by the total)"
    )
    assert error is None, f"{error}: {diagnosis}"
    np.testing.assert_array_equal(
        pca.explained_variance_ratio_, np.zeros(pca.n_components_), err_msg=diagnosis
    )
    np.testing.assert_allclose(pca.mean_, [2.5, 2.5, 2.5], err_msg="mean_ of constant data")
    np.testing.assert_allclose(pca.explained_variance_, 0.0, atol=1e-20)


def test_fit_transform_equals_fit_then_transform():
    X = correlated_data(9)
    Z = mod.PCA(n_components=3, whiten=True).fit_transform(X)
    np.testing.assert_allclose(
        Z,
        mod.PCA(n_components=3, whiten=True).fit(X).transform(X),
        atol=1e-10,
        err_msg="fit_transform(X) must equal fit(X).transform(X)",
    )


def test_fit_accepts_and_ignores_y():
    X = correlated_data(10)
    a = mod.PCA(n_components=2).fit(X)
    b = mod.PCA(n_components=2).fit(X, np.arange(len(X)))
    np.testing.assert_array_equal(
        a.components_, b.components_, err_msg="fit(X, y) must ignore y (unsupervised)"
    )
    np.testing.assert_array_equal(
        mod.PCA(n_components=2).fit_transform(X, np.arange(len(X))), a.transform(X)
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_changes_nothing(seed):
    X = correlated_data(seed)
    perm = np.random.default_rng(seed + 20).permutation(len(X))
    a, b = mod.PCA().fit(X), mod.PCA().fit(X[perm])
    np.testing.assert_allclose(b.components_, a.components_, atol=1e-9)
    np.testing.assert_allclose(b.explained_variance_, a.explained_variance_, rtol=1e-10)


def test_data_far_from_the_origin_keeps_its_precision():
    # Unit spread around 1e6: X^T X / n - mean mean^T subtracts numbers ~1e12 and keeps
    # about 4 digits of a variance ~1; centring first keeps all of them.
    X = correlated_data(11, n=200, d=3)
    near = mod.PCA().fit(X)
    far = mod.PCA().fit(X + 1e6)
    ours = far.explained_variance_
    assert np.allclose(ours, near.explained_variance_, rtol=1e-6), (
        f"explained_variance_ of X + 1e6 is {ours}, of X {near.explained_variance_}: a "
        "shift must change nothing. Centre X (X - mean_) before decomposing; the "
        "covariance as X^T X / n - mean mean^T cancels catastrophically far from the origin"
    )
    np.testing.assert_allclose(far.components_, near.components_, atol=1e-6)


def test_outputs_are_float64_for_integer_input():
    X = np.random.default_rng(12).integers(-5, 6, size=(30, 4))
    pca = mod.PCA().fit(X)
    for name in ("components_", "explained_variance_", "explained_variance_ratio_", "mean_"):
        assert getattr(pca, name).dtype == np.float64, f"{name} is not float64"
    assert pca.transform(X).dtype == np.float64
    assert isinstance(pca.n_components_, int | np.integer)


def test_fit_and_transform_do_not_modify_their_inputs():
    X = correlated_data(13)
    with inputs_unchanged("fit", X=X):
        pca = mod.PCA(n_components=3, whiten=True).fit(X)
    with inputs_unchanged("transform", X=X):
        Z = pca.transform(X)
    with inputs_unchanged("inverse_transform", Z=Z):
        pca.inverse_transform(Z)
    with inputs_unchanged("fit_transform", X=X):
        mod.PCA(n_components=2).fit_transform(X)


def test_thin_svd_memory():
    # 4000 x 5: the full SVD's U is 4000 x 4000 (128 MB); the thin one is 4000 x 5.
    X = correlated_data(14, n=4000, d=5)
    _, peak = peak_memory(mod.PCA().fit, X)
    assert peak < 50 * X.nbytes, (
        f"fit allocated {peak / 1e6:.0f} MB for a {X.nbytes / 1e6:.2f} MB X: "
        "np.linalg.svd(X) builds U of shape (n, n); pass full_matrices=False"
    )


# --- agreement with scikit-learn --------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"n_components": 3},
        {"n_components": 0.8},
        {"n_components": 0.95},
        {"whiten": True},
        {"n_components": 2, "whiten": True},
        {"n_components": 0.9, "whiten": True},
    ],
    ids=str,
)
@pytest.mark.parametrize("shape", [(80, 6), (7, 12)], ids=["n > d", "n < d"])
def test_matches_sklearn(params, shape):
    n, d = shape
    X = correlated_data(15, n=n, d=d, offset=3.0)
    if n < d and params.get("n_components") is None:
        params = {**params, "n_components": n - 2}  # axis n - 1 has variance 0: any sign
    ours = mod.PCA(**params).fit(X)
    decomposition = import_sklearn("decomposition")
    ref = decomposition.PCA(svd_solver="full", **params).fit(X)
    assert ours.n_components_ == ref.n_components_, (
        f"n_components_ = {ours.n_components_}, scikit-learn keeps {ref.n_components_}"
    )
    for name in (
        "mean_",
        "components_",
        "explained_variance_",
        "explained_variance_ratio_",
        "singular_values_",
    ):
        np.testing.assert_allclose(
            getattr(ours, name),
            getattr(ref, name),
            rtol=1e-8,
            atol=1e-10,
            err_msg=f"{name} differs from scikit-learn's PCA(svd_solver='full', {params})",
        )
    X_new = correlated_data(16, n=10, d=d)
    np.testing.assert_allclose(
        ours.transform(X_new),
        ref.transform(X_new),
        rtol=1e-8,
        atol=1e-9,
        err_msg="transform differs from scikit-learn's",
    )
    Z = ref.transform(X_new)
    np.testing.assert_allclose(
        ours.inverse_transform(Z),
        ref.inverse_transform(Z),
        rtol=1e-8,
        atol=1e-9,
        err_msg="inverse_transform differs from scikit-learn's",
    )


def test_exact_half_matches_sklearn():
    ours = mod.PCA(n_components=0.5).fit(X_PLUS)
    ref = import_sklearn("decomposition").PCA(n_components=0.5, svd_solver="full").fit(X_PLUS)
    assert ours.n_components_ == ref.n_components_ == 2


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("n_components", [0, -1, 6, 1.0, 1.5, 0.0, -0.2, "mle", True])
def test_invalid_n_components_is_a_value_error(n_components):
    X = correlated_data(17, n=20, d=5)
    mod.PCA(n_components=2).fit(X)
    with pytest.raises(ValueError, match="n_components"):
        mod.PCA(n_components=n_components).fit(X)


def test_invalid_whiten_is_a_value_error():
    X = correlated_data(17, n=20, d=5)
    mod.PCA(whiten=True).fit(X)
    with pytest.raises(ValueError, match="whiten"):
        mod.PCA(whiten="yes").fit(X)


@pytest.mark.parametrize(
    "X, match",
    [
        ([[0.0, np.nan], [1.0, 1.0]], "NaN"),
        ([1.0, 2.0, 3.0], "2-D"),
        ([[1.0, 2.0]], "2 samples"),
        (np.zeros((0, 3)), "empty"),
    ],
    ids=["nan", "1-D", "one sample", "empty"],
)
def test_bad_x_is_a_value_error(X, match):
    mod.PCA().fit(correlated_data(18, n=10, d=3))
    with pytest.raises(ValueError, match=match):
        mod.PCA().fit(X)


def test_transform_with_a_different_feature_count_is_a_value_error():
    pca = mod.PCA(n_components=2).fit(correlated_data(19, n=20, d=4))
    with pytest.raises(ValueError, match="features"):
        pca.transform(np.zeros((3, 5)))


def test_inverse_transform_with_the_wrong_number_of_columns_is_a_value_error():
    pca = mod.PCA(n_components=2).fit(correlated_data(19, n=20, d=4))
    pca.inverse_transform(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="components"):
        pca.inverse_transform(np.zeros((3, 4)))


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_use_before_fit_is_a_not_fitted_error(method):
    X = correlated_data(20, n=20, d=3)
    mod.PCA().fit(X)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod.PCA(), method)(X)
