"""Tests for regression/polynomial_regression: PolynomialRegression(degree, alpha)."""

from itertools import combinations_with_replacement, pairwise

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, peak_memory
from kata.validation import NotFittedError

mod = load_kata("regression/polynomial_regression")


def monomials(X, degree):
    """The test's own feature map: sklearn's PolynomialFeatures(include_bias=False) order."""
    X = np.asarray(X, dtype=float)
    return np.column_stack(
        [
            np.prod(X[:, list(combo)], axis=1)
            for k in range(1, degree + 1)
            for combo in combinations_with_replacement(range(X.shape[1]), k)
        ]
    )


def ridge_oracle(Z, y, alpha):
    """Closed form with an unpenalized intercept: solve(ZcᵀZc + αI, Zcᵀyc)."""
    z_mean, y_mean = Z.mean(axis=0), y.mean()
    Zc, yc = Z - z_mean, y - y_mean
    coef = np.linalg.solve(Zc.T @ Zc + alpha * np.eye(Z.shape[1]), Zc.T @ yc)
    return coef, y_mean - z_mean @ coef


def curve(seed, n=40, noise=0.3):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=n)
    return x, np.sin(3 * x) + 0.5 * x + noise * rng.normal(size=n)


def explain_alpha(model, Z, y, alpha):
    """Name the classic mistake if coef_ matches a mis-scaled or intercept-penalizing ridge."""
    n = len(y)
    if np.allclose(model.coef_, ridge_oracle(Z, y, 0.0)[0], rtol=1e-6, atol=1e-9):
        return f"coef_ is the unpenalized least-squares fit: alpha={alpha} was ignored"
    for wrong, name in [
        (alpha / n, "alpha / n (a mean-squared-error objective)"),
        (2 * alpha, "2 * alpha"),
        (alpha / 2, "alpha / 2"),
        (n * alpha, "n * alpha"),
    ]:
        if np.allclose(model.coef_, ridge_oracle(Z, y, wrong)[0], rtol=1e-6, atol=1e-9):
            return (
                f"coef_ matches ridge with a penalty of {name}: the objective is "
                "||y - Z coef - b||² + alpha·||coef||² (a sum of squares, as scikit-learn's Ridge)"
            )
    A = np.column_stack([np.ones(n), Z])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    if np.allclose(model.coef_, theta[1:], rtol=1e-6, atol=1e-9):
        return (
            "coef_ matches ridge on [1, Z] with the ones column inside the penalty: the "
            "intercept must not be penalized (centre Z and y, or leave it out of alpha·I)"
        )
    return "coef_ differs from the closed form solve(ZcᵀZc + alpha·I, Zcᵀyc)"


# --- worked by hand ------------------------------------------------------------------------


def test_recovers_the_hand_worked_quadratic():
    # y = 1 - 2x + 3x² at x = -1, 0, 1, 2 is [6, 1, 2, 9]; features [x, x²].
    X = np.array([[-1.0], [0.0], [1.0], [2.0]])
    model = mod.PolynomialRegression(degree=2).fit(X, [6.0, 1.0, 2.0, 9.0])
    assert np.shape(model.coef_) == (2,), (
        f"coef_ has shape {np.shape(model.coef_)}, expected (2,) for degree 2 and one input "
        "column: the features are x and x² (no column of ones: the intercept is separate)"
    )
    Z = np.column_stack([X[:, 0], X[:, 0] ** 2])
    for yy, what in [([6.0, 1.0, 2.0, 9.0], "y"), ([1.5, -3.5, -2.5, 4.5], "y - mean(y)")]:
        uncentred = np.linalg.lstsq(Z, yy, rcond=None)[0]
        assert not np.allclose(model.coef_, uncentred, atol=1e-6), (
            f"coef_ = {np.round(model.coef_, 4)} is least squares of {what} on Z WITHOUT "
            "centring Z (a fit through the origin): centre Z and y both, or the intercept "
            "is lost"
        )
    np.testing.assert_allclose(
        model.coef_,
        [-2.0, 3.0],
        atol=1e-10,
        err_msg="coef_: recovers the hand worked quadratic",
    )
    assert model.intercept_ != pytest.approx(4.5), (
        "intercept_ equals mean(y) = 4.5: after centring it is mean(y) - mean(Z)·coef_"
    )
    assert model.intercept_ == pytest.approx(1.0, abs=1e-10), (
        f"intercept_ = {model.intercept_}, expected 1 (y = 1 - 2x + 3x^2)"
    )
    np.testing.assert_allclose(model.predict([[3.0], [0.5]]), [22.0, 0.75], atol=1e-9)


def test_degree_one_is_a_straight_line():
    # The least-squares line through (0, 1), (1, 2), (2, 2), (3, 4) is y = 0.9 + 0.9x.
    model = mod.PolynomialRegression(degree=1).fit([[0], [1], [2], [3]], [1, 2, 2, 4])
    np.testing.assert_allclose(
        model.coef_, [0.9], atol=1e-10, err_msg="coef_: degree one is a straight line"
    )
    assert model.intercept_ == pytest.approx(0.9, abs=1e-10), "degree one is a straight line"


def test_two_inputs_use_scikit_learns_column_order():
    # Exact data y = 2 + a - b + 3a² + 0.5ab - b²: order a, b, a², ab, b².
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    a, b = X[:, 0], X[:, 1]
    y = 2 + a - b + 3 * a**2 + 0.5 * a * b - b**2
    model = mod.PolynomialRegression(degree=2).fit(X, y)
    expected = [1.0, -1.0, 3.0, 0.5, -1.0]
    assert np.shape(model.coef_) == (5,), (
        f"coef_ has shape {np.shape(model.coef_)}: two inputs at degree 2 give 5 monomials "
        "(a, b, a², ab, b²), including the interaction ab"
    )
    if not np.allclose(model.coef_, expected, atol=1e-8) and np.allclose(
        np.sort(model.coef_), np.sort(expected), atol=1e-8
    ):
        pytest.fail(
            f"coef_ = {np.round(model.coef_, 6)}: the right monomials in the wrong order; use "
            "PolynomialFeatures' order a, b, a², ab, b² (by degree, then lexicographic)"
        )
    np.testing.assert_allclose(
        model.coef_,
        expected,
        atol=1e-8,
        err_msg="coef_: two inputs use scikit learns column order",
    )
    assert model.intercept_ == pytest.approx(2.0, abs=1e-8), (
        "two inputs use scikit learns column order"
    )


def test_three_inputs_use_scikit_learns_column_order():
    # Exact data on a, b, c at degree 2: the order is a, b, c, a², ab, ac, b², bc, c²
    # (lexicographic multisets). Ordering by the last index first (a², ab, b², ac, bc, c²)
    # agrees with it for two inputs, not for three.
    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 3))
    expected = np.array([1.0, -2.0, 0.5, 3.0, -1.0, 2.0, 0.25, -3.0, 1.5])
    y = 4.0 + monomials(X, 2) @ expected
    model = mod.PolynomialRegression(degree=2).fit(X, y)
    assert np.shape(model.coef_) == (9,), (
        f"coef_ has shape {np.shape(model.coef_)}: three inputs at degree 2 give 9 monomials"
    )
    if not np.allclose(model.coef_, expected, atol=1e-8) and np.allclose(
        np.sort(model.coef_), np.sort(expected), atol=1e-8
    ):
        pytest.fail(
            f"coef_ = {np.round(model.coef_, 6)}: the right monomials in the wrong order; "
            "within a degree, list the sorted index tuples lexicographically: "
            "a², ab, ac, b², bc, c² (itertools.combinations_with_replacement)"
        )
    np.testing.assert_allclose(
        model.coef_,
        expected,
        atol=1e-8,
        err_msg="coef_: three inputs use scikit learns column order",
    )
    assert model.intercept_ == pytest.approx(4.0, abs=1e-8), (
        "three inputs use scikit learns column order"
    )


# --- independent oracles -----------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("degree", [1, 3, 5])
def test_matches_np_polyfit(seed, degree):
    x, y = curve(seed)
    c = np.polyfit(x, y, degree)[::-1]  # c[k] multiplies x**k
    model = mod.PolynomialRegression(degree=degree).fit(x.reshape(-1, 1), y)
    np.testing.assert_allclose(
        model.coef_, c[1:], atol=1e-8, err_msg="coef_ must be [c1, ..., c_degree] of polyfit"
    )
    assert model.intercept_ == pytest.approx(c[0], abs=1e-8), "matches np polyfit"
    x_new = np.linspace(-1.2, 1.2, 7)
    np.testing.assert_allclose(
        model.predict(x_new[:, None]), np.polyval(c[::-1], x_new), atol=1e-8
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha", [0.1, 3.0, 100.0])
def test_ridge_matches_the_closed_form(seed, alpha):
    x, y = curve(seed)
    Z = monomials(x[:, None], 4)
    coef, intercept = ridge_oracle(Z, y, alpha)
    model = mod.PolynomialRegression(degree=4, alpha=alpha).fit(x[:, None], y)
    assert np.allclose(model.coef_, coef, rtol=0, atol=1e-8), explain_alpha(model, Z, y, alpha)
    assert model.intercept_ == pytest.approx(intercept, abs=1e-8), (
        f"intercept_ = {model.intercept_}, expected {intercept} = mean(y) - mean(Z)·coef_: the "
        "intercept is neither penalized nor shrunk"
    )


def test_intercept_is_not_penalized():
    # A big offset and a big alpha: the coefficients shrink to ~0 but the intercept stays
    # at mean(y) ≈ 1000; a penalized intercept is dragged towards 0.
    x, y = curve(3)
    y = y + 1000.0
    model = mod.PolynomialRegression(degree=3, alpha=1e4).fit(x[:, None], y)
    assert abs(model.intercept_ - y.mean()) < 5.0, (
        f"intercept_ = {model.intercept_:.2f} but mean(y) = {y.mean():.2f}: the intercept "
        "must not be penalized (centre Z and y, or leave the ones column out of alpha·I)"
    )
    Z = monomials(x[:, None], 3)
    assert np.allclose(model.coef_, ridge_oracle(Z, y, 1e4)[0], atol=1e-8), explain_alpha(
        model, Z, y, 1e4
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_larger_alpha_shrinks_the_coefficients(seed):
    x, y = curve(seed)
    norms = [
        np.linalg.norm(mod.PolynomialRegression(degree=6, alpha=a).fit(x[:, None], y).coef_)
        for a in (0.0, 0.01, 1.0, 100.0, 1e8)
    ]
    assert all(a > b for a, b in pairwise(norms)), (
        f"||coef_|| for alpha = 0, 0.01, 1, 100, 1e8 is {np.round(norms, 4)}: the ridge "
        "penalty must shrink the coefficients more as alpha grows (alpha ignored?)"
    )
    assert norms[-1] < 1e-6


def test_alpha_is_used_when_positive():
    x, y = curve(4)
    plain = mod.PolynomialRegression(degree=5).fit(x[:, None], y)
    ridge = mod.PolynomialRegression(degree=5, alpha=1.0).fit(x[:, None], y)
    assert not np.allclose(plain.coef_, ridge.coef_), (
        "alpha=1 gave the same coef_ as alpha=0: add alpha·I to the centred normal equations"
    )


def test_high_degree_on_an_ill_conditioned_range_stays_accurate():
    # Degree 10 on x in [0, 3]: the columns x, ..., x¹⁰ have a condition number ~3e8, so
    # Zᵀ Z has ~1e17 and inverting it loses every digit. Exact data: the true
    # coefficients are the oracle.
    rng = np.random.default_rng(5)
    x = np.linspace(0.0, 3.0, 40)
    c = rng.normal(size=11)
    model = mod.PolynomialRegression(degree=10).fit(x[:, None], np.polyval(c[::-1], x))
    err = np.max(np.abs(model.coef_ - c[1:]))
    assert err < 1e-6, (
        f"coef_ is off by {err:.2g} on exact degree-10 data: forming ZᵀZ squares the "
        "condition number; solve the least-squares problem with np.linalg.lstsq, or the SVD"
    )


def test_more_features_than_distinct_points_gives_the_minimum_norm_fit():
    # Degree 5 through 4 points: many polynomials interpolate them; alpha = 0 must give the
    # minimum-norm coefficients (of the centred problem), as lstsq/pinv do.
    X = np.array([[-1.0], [0.0], [0.5], [2.0]])
    y = np.array([1.0, -1.0, 0.0, 3.0])
    try:
        model = mod.PolynomialRegression(degree=5).fit(X, y)
    except np.linalg.LinAlgError as exc:
        pytest.fail(f"fit raised LinAlgError ({exc}): ZᵀZ is singular here; use lstsq or pinv")
    Z = monomials(X, 5)
    coef = np.linalg.pinv(Z - Z.mean(axis=0)) @ (y - y.mean())
    assert np.allclose(model.coef_, coef, atol=1e-8), (
        f"coef_ = {np.round(model.coef_, 4)}, but the minimum-norm solution is "
        f"{np.round(coef, 4)}: ZᵀZ is singular here and solving with it gives an arbitrary "
        "or garbage answer; use np.linalg.lstsq or pinv (or the SVD)"
    )
    np.testing.assert_allclose(model.predict(X), y, atol=1e-8, err_msg="must interpolate")


@pytest.mark.parametrize("alpha", [0.0, 0.5])
@pytest.mark.parametrize("n_features, degree", [(1, 4), (2, 3), (3, 2)])
def test_matches_scikit_learn_pipeline(alpha, n_features, degree):
    rng = np.random.default_rng(6)
    X = rng.uniform(-1.0, 1.0, size=(50, n_features))
    y = np.cos(2 * X[:, 0]) + X[:, -1] ** 2 + 0.1 * rng.normal(size=50)
    model = mod.PolynomialRegression(degree=degree, alpha=alpha).fit(X, y)
    preprocessing = import_sklearn("preprocessing")
    linear_model = import_sklearn("linear_model")
    Z = preprocessing.PolynomialFeatures(degree, include_bias=False).fit_transform(X)
    ref = linear_model.Ridge(alpha=alpha) if alpha else linear_model.LinearRegression()
    ref.fit(Z, y)
    np.testing.assert_allclose(
        model.coef_,
        ref.coef_,
        atol=1e-8,
        err_msg=f"coef_ against PolynomialFeatures(include_bias=False) + "
        f"{'Ridge' if alpha else 'LinearRegression'} (same column order, same alpha scale)",
    )
    assert model.intercept_ == pytest.approx(ref.intercept_, abs=1e-8), (
        "intercept_ against scikit-learn's pipeline (unpenalized intercept)"
    )
    np.testing.assert_allclose(model.predict(X), ref.predict(Z), atol=1e-8)


@pytest.mark.parametrize("unit", [1e-4, 1e3])
def test_rescaling_x_rescales_the_coefficients(unit):
    # Least squares is equivariant: fitting on unit·x gives coef_k / unit^k and the same
    # intercept. At unit = 1e-4 the x³ column is ~1e-12 and its singular value ~1e-11: an
    # absolute cut-off (s > 1e-10) or a fixed jitter drops it; a relative one keeps it.
    x, y = curve(0)
    c = np.polyfit(x, y, 3)[::-1]
    model = mod.PolynomialRegression(degree=3).fit(unit * x[:, None], y)
    expected = c[1:] / unit ** np.arange(1, 4)
    rel = np.max(np.abs(np.asarray(model.coef_) / expected - 1))
    assert rel < 1e-6, (
        f"with x in units of {unit:g}, coef_ is off by a relative {rel:.2g}: every coefficient "
        "must scale as unit^-k. Drop singular values relative to the largest one "
        "(lstsq/pinv's rcond), never below an absolute threshold, and add no fixed jitter"
    )
    assert model.intercept_ == pytest.approx(c[0], abs=1e-8), (
        "rescaling x rescales the coefficients"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_shifting_y_only_moves_the_intercept(seed):
    x, y = curve(seed)
    base = mod.PolynomialRegression(degree=3, alpha=2.0).fit(x[:, None], y)
    moved = mod.PolynomialRegression(degree=3, alpha=2.0).fit(x[:, None], y - 50.0)
    np.testing.assert_allclose(
        moved.coef_,
        base.coef_,
        atol=1e-8,
        err_msg="shifting y changed coef_: the intercept is being penalized",
    )
    assert moved.intercept_ == pytest.approx(base.intercept_ - 50.0, abs=1e-8), (
        "shifting y only moves the intercept"
    )


# --- inputs, attributes and bad input --------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.0, 1.0])
def test_fit_and_predict_do_not_modify_their_inputs(alpha):
    rng = np.random.default_rng(7)
    X, y = rng.normal(loc=2.0, size=(30, 2)), rng.normal(loc=5.0, size=30)
    model = mod.PolynomialRegression(degree=3, alpha=alpha)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


def test_fit_returns_self_with_the_documented_attributes():
    X, y = np.random.default_rng(8).normal(size=(20, 3)), np.arange(20.0)
    model = mod.PolynomialRegression(degree=2)
    assert model.fit(X.tolist(), y.tolist()) is model, "fit must return self"
    assert model.coef_.shape == (9,) and model.coef_.dtype == np.float64
    assert np.ndim(model.intercept_) == 0, "intercept_ must be a float, not an array"
    assert model.n_features_in_ == 3
    pred = model.predict(X)
    assert pred.shape == (20,) and pred.dtype == np.float64


@pytest.mark.parametrize("alpha", [0.0, 2.0])
def test_refitting_on_new_data_starts_afresh(alpha):
    # One input column first, then two: the monomials (and coef_) must follow the new X.
    rng = np.random.default_rng(12)
    x1 = rng.uniform(-1, 1, size=(30, 1))
    X2 = rng.uniform(-1, 1, size=(25, 2))
    y1, y2 = 1 + x1[:, 0] ** 2, X2[:, 0] * X2[:, 1] - 3.0
    model = mod.PolynomialRegression(degree=2, alpha=alpha).fit(x1, y1)
    model.fit(X2, y2)
    fresh = mod.PolynomialRegression(degree=2, alpha=alpha).fit(X2, y2)
    assert np.shape(model.coef_) == (5,), (
        f"after refitting on 2 columns coef_ has shape {np.shape(model.coef_)}, expected (5,) "
        "(a, b, a^2, ab, b^2): build the features from the X passed to this fit"
    )
    np.testing.assert_allclose(
        np.append(model.coef_, model.intercept_),
        np.append(fresh.coef_, fresh.intercept_),
        rtol=1e-10,
        atol=1e-10,
        err_msg="refitting on new data must give what a fresh model fitted on it gives",
    )
    np.testing.assert_allclose(
        model.predict(X2), fresh.predict(X2), atol=1e-10, err_msg="predict after a refit"
    )


def test_a_constant_target_gives_zero_coefficients_and_its_value_as_intercept():
    x = np.linspace(-1, 1, 9).reshape(-1, 1)
    for alpha in (0.0, 1.0):
        model = mod.PolynomialRegression(degree=3, alpha=alpha).fit(x, np.full(9, 2.5))
        np.testing.assert_allclose(
            model.coef_,
            0.0,
            atol=1e-10,
            err_msg=f"a constant y (alpha={alpha}) needs no curve: every coefficient is 0",
        )
        assert model.intercept_ == pytest.approx(2.5, abs=1e-10), (
            f"a constant y = 2.5 (alpha={alpha}) gave intercept_ {model.intercept_}: the "
            "intercept is mean(y), never shrunk by the penalty"
        )


def test_predict_before_fit_raises_not_fitted_error():
    X, y = [[0.0], [1.0], [2.0]], [0.0, 1.0, 4.0]
    mod.PolynomialRegression().fit(X, y).predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        mod.PolynomialRegression().predict(X)


def test_predict_with_the_wrong_number_of_features_is_a_value_error():
    X = np.random.default_rng(9).normal(size=(10, 2))
    model = mod.PolynomialRegression().fit(X, X[:, 0])
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :1])


def test_bad_input_is_a_value_error():
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([0.0, 1.0, 4.0])
    mod.PolynomialRegression().fit(X, y)
    with pytest.raises(ValueError, match="NaN"):
        mod.PolynomialRegression().fit([[0.0], [np.nan], [2.0]], y)
    with pytest.raises(ValueError, match="samples"):
        mod.PolynomialRegression().fit(X, y[:2])
    with pytest.raises(ValueError, match="2-D"):
        mod.PolynomialRegression().fit(X[:, 0], y)


@pytest.mark.parametrize(
    "params, match",
    [({"degree": 0}, "degree"), ({"degree": 2.5}, "degree"), ({"alpha": -1.0}, "alpha")],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    X, y = [[0.0], [1.0], [2.0]], [0.0, 1.0, 4.0]
    mod.PolynomialRegression().fit(X, y)
    with pytest.raises(ValueError, match=match):
        mod.PolynomialRegression(**params).fit(X, y)


@pytest.mark.parametrize("alpha", [0.0, 1.0])
def test_fit_memory_grows_linearly_with_the_number_of_samples(alpha):
    # 4000 samples and 3 features: Z takes 96 kB; an (n, n) matrix (the dual form
    # Zᵀ(ZZᵀ + alpha·I)⁻¹y, a centring matrix) would take 128 MB.
    rng = np.random.default_rng(10)
    X = rng.uniform(-1.0, 1.0, size=(4000, 1))
    y = X[:, 0] ** 3 + 0.1 * rng.normal(size=4000)
    model = mod.PolynomialRegression(degree=3, alpha=alpha)
    _, peak = peak_memory(model.fit, X, y)
    assert peak < 20e6, (
        f"fit used {peak / 1e6:.0f} MB for 4000 samples and 3 features: do not build an "
        "(n_samples, n_samples) matrix; work with the (n_features, n_features) one"
    )
