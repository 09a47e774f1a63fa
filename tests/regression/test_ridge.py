"""Tests for regression/ridge: Ridge(alpha, fit_intercept)."""

from itertools import pairwise

import numpy as np
import pytest

from kata.datasets import make_linear_regression
from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, peak_memory
from kata.validation import NotFittedError

mod = load_kata("regression/ridge")

ALPHAS = [0.01, 1.0, 30.0, 1e4]


def closed_form(X, y, alpha, fit_intercept=True):
    """The oracle: solve(XcᵀXc + αI, Xcᵀyc), then b = ȳ - x̄·w (or b = 0 without one)."""
    if fit_intercept:
        x_mean, y_mean = X.mean(axis=0), y.mean()
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    Xc, yc = X - x_mean, y - y_mean
    coef = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return coef, y_mean - x_mean @ coef


def data(seed, n=60, d=5, intercept=4.0, noise=0.5):
    X, y, _ = make_linear_regression(n, d, noise=noise, intercept=intercept, random_state=seed)
    return X + np.random.default_rng(seed).normal(scale=3.0, size=d), y  # off-centre columns


def explain(model, X, y, alpha, fit_intercept=True):
    """Name the classic mistake when coef_ is off the closed form."""
    n = len(y)

    def matches(a, with_intercept=fit_intercept):
        return np.allclose(model.coef_, closed_form(X, y, a, with_intercept)[0], atol=1e-9)

    if not fit_intercept and matches(alpha, with_intercept=True):
        return "fit_intercept=False, yet coef_ is the centred solution: do not centre then"
    if fit_intercept and matches(alpha, with_intercept=False):
        return "coef_ ignores the intercept: centre X and y before solving"
    if alpha > 0 and matches(0.0):
        return f"coef_ is the unpenalized least-squares fit: alpha={alpha} was ignored"
    for wrong, name in [
        (alpha / n, "alpha / n (a mean-squared-error objective)"),
        (2 * alpha, "2 * alpha"),
        (alpha / 2, "alpha / 2"),
        (n * alpha, "n * alpha"),
    ]:
        if alpha > 0 and matches(wrong):
            return (
                f"coef_ matches ridge with a penalty of {name}: the objective is "
                "||y - Xw - b||² + alpha·||w||² (a sum of squares, as scikit-learn's Ridge)"
            )
    if fit_intercept:
        A = np.column_stack([np.ones(n), X])
        theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
        if np.allclose(model.coef_, theta[1:], atol=1e-9):
            return (
                "coef_ matches ridge on [1, X] with the ones column inside the penalty: the "
                "intercept must not be penalized (centre X and y, or leave it out of alpha·I)"
            )
    return "coef_ differs from the closed form solve(XcᵀXc + alpha·I, Xcᵀyc)"


def assert_closed_form(model, X, y, alpha, fit_intercept=True, atol=1e-8):
    coef, intercept = closed_form(X, y, alpha, fit_intercept)
    assert np.allclose(model.coef_, coef, rtol=0, atol=atol), explain(
        model, X, y, alpha, fit_intercept
    )
    assert model.intercept_ == pytest.approx(intercept, abs=atol), (
        f"intercept_ = {model.intercept_}, expected {intercept} = mean(y) - mean(X)·coef_"
    )


# --- worked by hand ------------------------------------------------------------------------


def test_shrinks_the_hand_worked_slope():
    # Σ(x - x̄)(y - ȳ) = 4.5 and Σ(x - x̄)² = 5: least squares gives 0.9, ridge with α = 1
    # gives 4.5 / (5 + 1) = 0.75, and the intercept 2.25 - 1.5 · 0.75 = 1.125.
    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 2.0, 4.0])
    model = mod.Ridge(alpha=1.0).fit(X, y)
    assert model.coef_[0] != pytest.approx(0.9), "coef_ is the OLS slope: alpha was ignored"
    for wrong, name in [(4.5 / 5.25, "alpha / n"), (4.5 / 7, "2 * alpha")]:
        assert model.coef_[0] != pytest.approx(wrong), f"the penalty was applied as {name}"
    assert np.allclose(model.coef_, [0.75], atol=1e-12), (
        f"coef_ = {model.coef_}, expected [4.5 / (5 + 1)] = [0.75]: " + explain(model, X, y, 1.0)
    )
    assert model.intercept_ == pytest.approx(1.125, abs=1e-12), (
        f"intercept_ = {model.intercept_}, expected 2.25 - 1.5 * 0.75 = 1.125: the intercept "
        "is mean(y) - mean(X)·coef_, never penalized or shrunk"
    )
    np.testing.assert_allclose(
        model.predict([[1.5], [5.5]]),
        [2.25, 5.25],
        atol=1e-12,
        err_msg="predict is X @ coef_ + intercept_",
    )


def test_orthogonal_columns_are_shrunk_independently():
    # Centred, orthogonal columns make XcᵀXc diagonal: w_j = (x_jᵀ y) / (x_jᵀ x_j + α).
    X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    y = np.array([3.0, 1.0, -1.0, -3.0])  # x1ᵀy = 8, x2ᵀy = 4, each xᵀx = 4, mean 0
    model = mod.Ridge(alpha=4.0).fit(X, y + 10.0)
    np.testing.assert_allclose(
        model.coef_,
        [8 / 8, 4 / 8],
        atol=1e-12,
        err_msg="coef_: orthogonal columns are shrunk independently",
    )
    assert model.intercept_ == pytest.approx(10.0, abs=1e-12), (
        "orthogonal columns are shrunk independently"
    )


# --- independent oracles -----------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha", ALPHAS)
def test_matches_the_closed_form(seed, alpha):
    X, y = data(seed)
    assert_closed_form(mod.Ridge(alpha=alpha).fit(X, y), X, y, alpha)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha", [0.5, 50.0])
def test_gradient_of_the_objective_is_zero_at_the_fit(seed, alpha):
    # First-order optimality of ||y - Xw - b||² + α||w||²: Xᵀr = αw and Σr = 0.
    X, y = data(seed)
    model = mod.Ridge(alpha=alpha).fit(X, y)
    r = y - X @ model.coef_ - model.intercept_
    assert abs(r.sum()) < 1e-8, (
        f"the residuals sum to {r.sum():.3g}, not 0: the intercept is not optimal (it must "
        "not be penalized: intercept_ = mean(y) - mean(X)·coef_)"
    )
    np.testing.assert_allclose(
        X.T @ r, alpha * model.coef_, atol=1e-7, err_msg="Xᵀ(y - Xw - b) must equal alpha·w"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha", [0.0, 0.1, 10.0, 1000.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_matches_sklearn(seed, alpha, fit_intercept):
    X, y = data(seed)
    ours = mod.Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    assert np.allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-8), explain(
        ours, X, y, alpha, fit_intercept
    )
    assert ours.intercept_ == pytest.approx(ref.intercept_, abs=1e-8), (
        "intercept_ against scikit-learn's (unpenalized intercept)"
    )


@pytest.mark.parametrize("alpha", [0.1, 10.0])
def test_matches_sklearn_with_more_features_than_samples(alpha):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(8, 20)), rng.normal(size=8) + 3.0
    ours = mod.Ridge(alpha=alpha).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(
        ours.coef_,
        ref.coef_,
        atol=1e-8,
        err_msg="coef_: matches sklearn with more features than samples",
    )
    assert ours.intercept_ == pytest.approx(ref.intercept_, abs=1e-8), (
        "matches sklearn with more features than samples"
    )


# --- the intercept and alpha --------------------------------------------------------------


def test_intercept_is_not_penalized():
    # Offset 1000 and α = 1e5: the weights shrink to nearly 0, but the intercept must
    # stay at mean(y) - mean(X)·w ≈ 1000, not be pulled towards 0.
    X, y = data(4, intercept=1000.0)
    model = mod.Ridge(alpha=1e5).fit(X, y)
    assert abs(model.intercept_ - y.mean()) < 10.0, (
        f"intercept_ = {model.intercept_:.1f} but mean(y) = {y.mean():.1f}: the intercept "
        "is being penalized; centre X and y (or keep the ones column out of alpha·I)"
    )
    assert_closed_form(model, X, y, 1e5)


def test_fit_intercept_false_goes_through_the_origin():
    X, y = data(5)
    model = mod.Ridge(alpha=3.0, fit_intercept=False).fit(X, y)
    assert np.ndim(model.intercept_) == 0 and model.intercept_ == 0.0, (
        f"fit_intercept=False but intercept_ = {model.intercept_}: no centring, no intercept"
    )
    coef, _ = closed_form(X, y, 3.0, fit_intercept=False)
    np.testing.assert_allclose(
        model.coef_, coef, atol=1e-8, err_msg="fit_intercept=False: solve (XᵀX + αI)w = Xᵀy"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_larger_alpha_shrinks_the_weights_towards_zero(seed):
    X, y = data(seed)
    alphas = [0.0, 0.1, 10.0, 1e3, 1e10]
    norms = [np.linalg.norm(mod.Ridge(alpha=a).fit(X, y).coef_) for a in alphas]
    assert all(a > b for a, b in pairwise(norms)), (
        f"||coef_|| for alpha = {alphas} is {np.round(norms, 5)}: it must fall as alpha grows"
    )
    huge = mod.Ridge(alpha=1e10).fit(X, y)
    assert norms[-1] < 1e-6 and huge.intercept_ == pytest.approx(y.mean(), abs=1e-4), (
        "with a huge alpha the weights vanish and the intercept tends to mean(y)"
    )


def test_alpha_zero_is_least_squares_even_with_collinear_columns():
    rng = np.random.default_rng(6)
    base = rng.normal(size=(30, 3))
    X = np.column_stack([base, base[:, 0], 2.0 * base[:, 1]])  # XᵀX is singular
    y = base @ [1.0, -2.0, 0.5] + 3.0 + 0.1 * rng.normal(size=30)
    try:
        model = mod.Ridge(alpha=0.0).fit(X, y)
    except (np.linalg.LinAlgError, FloatingPointError) as exc:
        pytest.fail(
            f"Ridge(alpha=0) raised {type(exc).__name__} ({exc}) on collinear columns: "
            "XᵀX + 0·I is singular; for alpha = 0 fall back to np.linalg.lstsq (or pinv)"
        )
    x_mean, y_mean = X.mean(axis=0), y.mean()
    coef = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    assert np.allclose(model.coef_, coef, atol=1e-8), (
        f"Ridge(alpha=0) gave coef_ = {np.round(model.coef_, 4)}, not the minimum-norm "
        f"least-squares solution {np.round(coef, 4)}: solving with a singular XᵀX gives "
        "garbage; use lstsq or pinv when alpha = 0"
    )
    assert model.intercept_ == pytest.approx(y_mean - x_mean @ coef, abs=1e-8), (
        "alpha zero is least squares even with collinear columns"
    )


def test_alpha_zero_handles_collinear_columns_that_rounding_hides():
    # The last column is 0.1·a + 0.3·c, which rounds: XᵀX is singular in exact arithmetic
    # but not in floating point, so np.linalg.solve does not raise, it returns garbage
    # (here ~1 off). A try/except LinAlgError fallback never triggers.
    rng = np.random.default_rng(6)
    base = rng.normal(size=(30, 3))
    X = np.column_stack([base, 0.1 * base[:, 0] + 0.3 * base[:, 2]])
    y = base @ [1.0, -2.0, 0.5] + 3.0 + 0.1 * rng.normal(size=30)
    model = mod.Ridge(alpha=0.0).fit(X, y)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    coef = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    assert np.allclose(model.coef_, coef, rtol=0, atol=1e-8), (
        f"Ridge(alpha=0) gave coef_ = {np.round(model.coef_, 4)}, not the minimum-norm "
        f"least-squares solution {np.round(coef, 4)}: XᵀX is singular up to rounding, so "
        "solve (or a LinAlgError fallback, or a small jitter on the diagonal) is not "
        "enough; use lstsq or pinv on X itself when alpha = 0"
    )
    assert model.intercept_ == pytest.approx(y_mean - x_mean @ coef, abs=1e-8), (
        "alpha zero handles collinear columns that rounding hides"
    )


def test_alpha_zero_is_accurate_on_ill_conditioned_columns():
    # Two columns 1e-5 apart: cond(X) ≈ 2e5, cond(XᵀX) ≈ 4e10. Exact data, so the true
    # weights are the oracle; an SVD on X keeps ~11 digits, anything built on XᵀX ~6.
    rng = np.random.default_rng(3)
    a = rng.normal(size=50)
    X = np.column_stack([a, a + 1e-5 * rng.normal(size=50), rng.normal(size=50)])
    w = np.array([1.0, 2.0, -1.0])
    model = mod.Ridge(alpha=0.0).fit(X, X @ w + 3.0)
    err = np.max(np.abs(model.coef_ - w))
    assert err < 1e-8, (
        f"Ridge(alpha=0) is off by {err:.1e} on exact, ill-conditioned data: pinv(XᵀX) or "
        "solve(XᵀX) squares the condition number; with alpha = 0 use np.linalg.lstsq on "
        "the centred X"
    )


def test_positive_alpha_handles_collinear_columns_without_fuss():
    # XᵀX + αI is positive definite for α > 0, however collinear the columns: a duplicated
    # column then shares its weight equally with its twin (the penalty prefers the split).
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=40), rng.normal(size=40)
    X = np.column_stack([a, b, a])
    model = mod.Ridge(alpha=1.0).fit(X, 2.0 * a - b + 1.0)
    assert model.coef_[0] == pytest.approx(model.coef_[2], abs=1e-10), (
        f"the duplicated column got weights {model.coef_[0]:.4f} and {model.coef_[2]:.4f}: "
        "ridge splits a duplicated feature's weight equally"
    )
    assert_closed_form(model, X, 2.0 * a - b + 1.0, 1.0)


@pytest.mark.parametrize("seed", SEEDS)
def test_shifting_the_data_only_moves_the_intercept(seed):
    X, y = data(seed)
    shift = np.random.default_rng(seed).normal(scale=20.0, size=X.shape[1])
    base = mod.Ridge(alpha=5.0).fit(X, y)
    moved = mod.Ridge(alpha=5.0).fit(X + shift, y - 300.0)
    np.testing.assert_allclose(
        moved.coef_,
        base.coef_,
        atol=1e-8,
        err_msg="shifting X or y changed coef_: the intercept is being penalized",
    )
    expected = base.intercept_ - 300.0 - shift @ base.coef_
    assert moved.intercept_ == pytest.approx(expected, abs=1e-7), (
        "shifting the data only moves the intercept"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_does_not_change_the_fit(seed):
    X, y = data(seed)
    perm = np.random.default_rng(seed + 10).permutation(len(y))
    a = mod.Ridge(alpha=2.0).fit(X, y)
    b = mod.Ridge(alpha=2.0).fit(X[perm], y[perm])
    np.testing.assert_allclose(
        b.coef_,
        a.coef_,
        atol=1e-10,
        err_msg="coef_: permuting the samples does not change the fit",
    )
    assert b.intercept_ == pytest.approx(a.intercept_, abs=1e-10), (
        "permuting the samples does not change the fit"
    )


# --- inputs, attributes and bad input --------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.0, 1.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_fit_and_predict_do_not_modify_their_inputs(alpha, fit_intercept):
    X, y = data(8)
    model = mod.Ridge(alpha=alpha, fit_intercept=fit_intercept)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


def test_fit_returns_self_with_the_documented_attributes():
    X, y = data(9, n=20, d=3)
    model = mod.Ridge()
    assert model.fit(X.tolist(), y.tolist()) is model, "fit must return self"
    assert model.coef_.shape == (3,) and model.coef_.dtype == np.float64
    assert np.ndim(model.intercept_) == 0, "intercept_ must be a float, not an array"
    assert model.n_features_in_ == 3
    pred = model.predict(X)
    assert pred.shape == (20,) and pred.dtype == np.float64


def test_negative_alpha_is_a_value_error():
    X, y = data(10, n=10, d=2)
    mod.Ridge(alpha=1.0).fit(X, y)
    with pytest.raises(ValueError, match="alpha"):
        mod.Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="alpha"):
        mod.Ridge(alpha="1").fit(X, y)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_refitting_on_new_data_starts_afresh(fit_intercept):
    X1, y1 = data(13, n=40, d=4)
    X2, y2 = data(14, n=30, d=2, intercept=-7.0)
    model = mod.Ridge(alpha=2.0, fit_intercept=fit_intercept).fit(X1, y1)
    model.fit(X2, y2)
    coef, intercept = closed_form(X2, y2, 2.0, fit_intercept)
    assert np.shape(model.coef_) == (2,), (
        f"after refitting on 2 features coef_ has shape {np.shape(model.coef_)}: fit must "
        "replace the learned state"
    )
    np.testing.assert_allclose(
        np.append(model.coef_, model.intercept_),
        np.append(coef, intercept),
        rtol=1e-10,
        atol=1e-10,
        err_msg="refitting on new data must equal the closed form on the new data (nothing "
        "kept from the first fit, e.g. its means)",
    )


def test_constant_target_and_constant_feature():
    rng = np.random.default_rng(15)
    X = np.column_stack([rng.normal(size=20), np.full(20, 3.0)])
    model = mod.Ridge(alpha=1.0).fit(X, np.full(20, -4.0))
    np.testing.assert_allclose(
        model.coef_, 0.0, atol=1e-12, err_msg="a constant y needs no slope: coef_ must be 0"
    )
    assert model.intercept_ == pytest.approx(-4.0, abs=1e-12), (
        f"a constant y = -4 gave intercept_ {model.intercept_}: the unpenalized intercept "
        "is mean(y) - mean(X)·coef = -4"
    )
    y = X[:, 0] * 2.0 + 1.0
    model = mod.Ridge(alpha=1.0).fit(X, y)
    assert model.coef_[1] == pytest.approx(0.0, abs=1e-12), (
        f"the constant feature got coefficient {model.coef_[1]}: centred, it is all zeros, "
        "so ridge gives it exactly 0"
    )


def test_predict_before_fit_raises_not_fitted_error():
    X, y = data(11, n=10, d=2)
    mod.Ridge().fit(X, y).predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        mod.Ridge().predict(X)


def test_predict_with_the_wrong_number_of_features_is_a_value_error():
    X, y = data(12, n=10, d=3)
    model = mod.Ridge().fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :2])


def test_bad_training_data_is_a_value_error():
    X, y = data(13, n=10, d=2)
    mod.Ridge().fit(X, y)
    bad = X.copy()
    bad[2, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.Ridge().fit(bad, y)
    with pytest.raises(ValueError, match="samples"):
        mod.Ridge().fit(X, y[:-1])
    with pytest.raises(ValueError, match="2-D"):
        mod.Ridge().fit(X[:, 0], y)


@pytest.mark.parametrize("alpha", [0.0, 1.0])
def test_fit_memory_grows_linearly_with_the_number_of_samples(alpha):
    # 4000 samples, 5 features: X takes 160 kB; an (n, n) matrix (the dual form
    # Xᵀ(XXᵀ + αI)⁻¹y, a centring matrix) would take 128 MB.
    rng = np.random.default_rng(14)
    X, y = rng.normal(size=(4000, 5)), rng.normal(size=4000)
    model = mod.Ridge(alpha=alpha)
    _, peak = peak_memory(model.fit, X, y)
    assert peak < 50 * X.nbytes, (
        f"fit used {peak / 1e6:.0f} MB for a {X.nbytes / 1e3:.0f} kB X: with n_samples >= "
        "n_features, solve the (n_features, n_features) system, never an (n, n) one"
    )
