"""Tests for regression/linear_regression: LinearRegression (normal equations and GD)."""

import numpy as np
import pytest

from kata.datasets import make_linear_regression
from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)
from kata.validation import NotFittedError

mod = load_kata("regression/linear_regression")

#: Settings under which gradient descent must land on the closed form (standardized data).
GD = {"solver": "gd", "learning_rate": 0.1, "n_iter": 5000, "tol": 1e-14}
SOLVERS = {"normal": {"solver": "normal"}, "gd": GD}


def centred_lstsq(X, y, fit_intercept=True):
    """The oracle: minimum-norm least squares of the centred problem, then the intercept."""
    if not fit_intercept:
        return np.linalg.lstsq(X, y, rcond=None)[0], 0.0
    x_mean, y_mean = X.mean(axis=0), y.mean()
    coef = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    return coef, y_mean - x_mean @ coef


def ones_column_lstsq(X, y):
    """What a learner gets by appending a column of ones and taking the minimum norm."""
    theta = np.linalg.lstsq(np.column_stack([np.ones(len(X)), X]), y, rcond=None)[0]
    return theta[1:], theta[0]


def standardized_data(seed, n=200, d=4, intercept=3.0, noise=0.5):
    X, y, _ = make_linear_regression(n, d, noise=noise, intercept=intercept, random_state=seed)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def assert_coef(model, coef, intercept, atol, what):
    np.testing.assert_allclose(model.coef_, coef, rtol=0, atol=atol, err_msg=f"coef_: {what}")
    np.testing.assert_allclose(
        model.intercept_, intercept, rtol=0, atol=atol, err_msg=f"intercept_: {what}"
    )


def fit_normal_or_explain(X, y, **params):
    """Fit with the normal solver; a LinAlgError means XᵀX was inverted."""
    try:
        return mod.LinearRegression(**params).fit(X, y)
    except (np.linalg.LinAlgError, FloatingPointError) as exc:
        pytest.fail(
            f"fit raised {type(exc).__name__}: {exc}. XᵀX is singular here; do not invert it "
            "(inv/solve): use np.linalg.lstsq or pinv, which return the minimum-norm solution"
        )


def fit_gd_or_explain(model, X, y):
    """Fit with settings under which gradient descent converges; explain a divergence."""
    try:
        return model.fit(X, y)
    except ValueError as exc:
        pytest.fail(
            f"fit raised '{exc}' with learning_rate={model.learning_rate}, a rate at which "
            "gradient descent converges on this data: check the gradient's sign (step "
            "against it) and its 1/n factor (a mean over samples, not a sum)"
        )


def check_minimum_norm(model, X, y):
    coef, intercept = centred_lstsq(X, y)
    if np.allclose(model.coef_, coef, rtol=0, atol=1e-8):
        np.testing.assert_allclose(model.intercept_, intercept, rtol=0, atol=1e-8)
        return
    ones_coef, _ = ones_column_lstsq(X, y)
    if np.allclose(model.coef_, ones_coef, rtol=0, atol=1e-8):
        pytest.fail(
            "coef_ is the minimum-norm solution of [1, X], which shrinks the intercept "
            "together with the weights: centre X and y, solve for coef_, then set "
            "intercept_ = mean(y) - mean(X)·coef_"
        )
    pytest.fail(
        f"coef_ = {np.round(model.coef_, 6)} is not the minimum-norm least-squares solution "
        f"{np.round(coef, 6)}: inverting (or solving with) a singular XᵀX gives an arbitrary "
        "or garbage answer; use np.linalg.lstsq or pinv on the centred data"
    )


# --- worked by hand ------------------------------------------------------------------------


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_fits_the_hand_worked_line(solver):
    # x̄ = 1.5, ȳ = 2.25, Σ(x - x̄)(y - ȳ) = 4.5, Σ(x - x̄)² = 5: slope 0.9, intercept 0.9.
    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 2.0, 4.0])
    params = {"solver": "gd", "learning_rate": 0.1, "n_iter": 2000, "tol": 0.0}
    model = fit_gd_or_explain(mod.LinearRegression(**(params if solver == "gd" else {})), X, y)
    atol = 1e-10 if solver == "normal" else 1e-6  # GD stalls at rounding level
    assert_coef(model, [0.9], 0.9, atol, "the least-squares line is y = 0.9 + 0.9 x")
    np.testing.assert_allclose(model.predict([[10.0]]), [9.9], atol=10 * atol)
    np.testing.assert_allclose(model.score(X, y), 1 - 0.7 / 4.75, atol=atol)


def test_recovers_an_exact_plane():
    # y = 1 + 2a - 3b with no noise: least squares must recover it exactly.
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 5.0]])
    y = 1 + 2 * X[:, 0] - 3 * X[:, 1]
    model = mod.LinearRegression().fit(X, y)
    assert_coef(model, [2.0, -3.0], 1.0, 1e-10, "exact data y = 1 + 2a - 3b")
    assert model.score(X, y) == pytest.approx(1.0, abs=1e-12)


# --- the intercept -------------------------------------------------------------------------


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_intercept_is_fitted_when_the_data_has_an_offset(solver):
    X, y = standardized_data(0, intercept=5.0, noise=0.1)
    model = mod.LinearRegression(**SOLVERS[solver]).fit(X, y)
    assert model.intercept_ != 0.0, (
        "intercept_ is 0 but the data has an offset of 5: did you forget the bias column "
        "(or to centre X and y)?"
    )
    assert abs(model.intercept_ - 5.0) < 0.1, (
        f"intercept_ = {model.intercept_:.4f}, but the data were generated with an offset of 5"
    )


def test_intercept_is_mean_y_minus_mean_x_dot_coef():
    # Features far from 0: the intercept is ȳ - x̄·w, not ȳ (and not 0).
    rng = np.random.default_rng(1)
    X = rng.normal(loc=[10.0, -4.0], size=(50, 2))
    y = X @ [2.0, 0.5] + 1.0 + 0.01 * rng.normal(size=50)
    coef, intercept = centred_lstsq(X, y)
    model = mod.LinearRegression().fit(X, y)
    assert not np.isclose(model.intercept_, y.mean()), (
        f"intercept_ equals mean(y) = {y.mean():.4f}: after centring, the intercept is "
        "mean(y) - mean(X)·coef_, not mean(y)"
    )
    assert_coef(model, coef, intercept, 1e-8, "not the least-squares fit")


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_fit_intercept_false_goes_through_the_origin(solver):
    X, y = standardized_data(2, intercept=4.0)
    X = X + 0.5  # columns with a non-zero mean: centring them changes the answer
    model = mod.LinearRegression(fit_intercept=False, **SOLVERS[solver]).fit(X, y)
    assert np.ndim(model.intercept_) == 0 and model.intercept_ == 0.0, (
        f"fit_intercept=False but intercept_ = {model.intercept_}: the model must go "
        "through the origin (no centring, no bias column)"
    )
    coef, _ = centred_lstsq(X, y, fit_intercept=False)
    centred, _ = centred_lstsq(X, y)
    if not np.allclose(coef, centred, atol=1e-6):
        assert not np.allclose(model.coef_, centred, atol=1e-6), (
            "fit_intercept=False but coef_ is the centred solution: without an intercept "
            "do not centre X and y"
        )
    atol = 1e-8 if solver == "normal" else 1e-4
    np.testing.assert_allclose(
        model.coef_,
        coef,
        rtol=0,
        atol=atol,
        err_msg="fit_intercept=False: coef_ must be the least-squares fit of y on X itself",
    )


# --- independent oracles -----------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_matches_lstsq_on_a_design_with_a_ones_column(seed):
    X, y, _ = make_linear_regression(60, 5, noise=0.3, intercept=-2.0, random_state=seed)
    theta = np.linalg.lstsq(np.column_stack([np.ones(60), X]), y, rcond=None)[0]
    model = mod.LinearRegression().fit(X, y)
    assert_coef(model, theta[1:], theta[0], 1e-8, "differs from lstsq on [1, X]")


@pytest.mark.parametrize("seed", SEEDS)
def test_residuals_are_orthogonal_to_the_features_and_sum_to_zero(seed):
    # First-order optimality of least squares: Xᵀr = 0 and Σr = 0 (the intercept's equation).
    X, y, _ = make_linear_regression(80, 3, noise=1.0, intercept=7.0, random_state=seed)
    model = mod.LinearRegression().fit(X, y)
    r = y - model.predict(X)
    assert abs(r.sum()) < 1e-8, (
        f"the residuals sum to {r.sum():.3g}, not 0: the intercept is not optimal "
        "(intercept_ = mean(y) - mean(X)·coef_)"
    )
    np.testing.assert_allclose(
        X.T @ r, 0.0, atol=1e-8, err_msg="Xᵀ(y - Xw - b) must be 0 at the least-squares fit"
    )


def test_ill_conditioned_features_are_solved_accurately():
    # Two columns 1e-5 apart: cond(X) ≈ 2e5, so cond(XᵀX) ≈ 4e10 and the normal equations
    # lose ~6 digits; an SVD-based solver keeps ~11. The data are exact, so the true
    # weights are the oracle.
    rng = np.random.default_rng(3)
    a = rng.normal(size=50)
    X = np.column_stack([a, a + 1e-5 * rng.normal(size=50), rng.normal(size=50)])
    w = np.array([1.0, 2.0, -1.0])
    model = mod.LinearRegression().fit(X, X @ w + 3.0)
    err = np.max(np.abs(model.coef_ - w))
    assert err < 1e-8, (
        f"coef_ is off by {err:.1e} on exact, ill-conditioned data: forming XᵀX squares the "
        "condition number; solve the least-squares problem with np.linalg.lstsq (or pinv)"
    )


def test_collinear_columns_give_the_minimum_norm_solution():
    rng = np.random.default_rng(4)
    base = rng.normal(size=(40, 3))
    # A duplicated column, a doubled one and a sum: XᵀX is singular.
    X = np.column_stack([base, base[:, 0], 2.0 * base[:, 1], base[:, 0] + base[:, 2]])
    y = base @ [1.0, -2.0, 0.5] + 3.0 + 0.1 * rng.normal(size=40)
    model = fit_normal_or_explain(X, y)
    check_minimum_norm(model, X, y)
    coef, intercept = centred_lstsq(X, y)
    np.testing.assert_allclose(model.predict(X), X @ coef + intercept, atol=1e-8)


def test_a_constant_feature_gets_a_zero_coefficient():
    # A constant column is collinear with the intercept: after centring it is all zeros,
    # so the minimum-norm solution (and scikit-learn) gives it weight 0.
    rng = np.random.default_rng(20)
    X = np.column_stack([rng.normal(size=30), np.full(30, 5.0), rng.normal(size=30)])
    y = 2.0 * X[:, 0] - X[:, 2] + 4.0 + 0.1 * rng.normal(size=30)
    model = fit_normal_or_explain(X, y)
    assert abs(model.coef_[1]) < 1e-8, (
        f"the constant feature got weight {model.coef_[1]:.4g}: it shares the intercept's "
        "job. Appending a ones column and taking the minimum norm splits the offset "
        "between them; centre X and y instead (the centred column is 0)"
    )
    check_minimum_norm(model, X, y)


def test_more_features_than_samples_gives_the_minimum_norm_solution():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(5, 10)), rng.normal(size=5) + 2.0
    model = fit_normal_or_explain(X, y)
    check_minimum_norm(model, X, y)
    np.testing.assert_allclose(
        model.predict(X), y, atol=1e-8, err_msg="with n < d the fit interpolates the data"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_matches_sklearn(seed, fit_intercept):
    X, y, _ = make_linear_regression(70, 4, noise=0.5, intercept=1.5, random_state=seed)
    ours = mod.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    assert_coef(ours, ref.coef_, ref.intercept_, 1e-8, "differs from scikit-learn")
    np.testing.assert_allclose(
        ours.score(X, y), ref.score(X, y), rtol=1e-10, err_msg="score against scikit-learn's"
    )


@pytest.mark.parametrize("shape", [(30, 3), (6, 12)], ids=["collinear", "wide"])
def test_matches_sklearn_on_collinear_and_wide_data(shape):
    rng = np.random.default_rng(6)
    X = rng.normal(size=shape)
    X = np.column_stack([X, X[:, 0] - X[:, 1], 0.5 * X[:, 2]])
    y = rng.normal(size=shape[0]) + 10.0
    ours = fit_normal_or_explain(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.LinearRegression().fit(X, y)
    assert_coef(ours, ref.coef_, ref.intercept_, 1e-8, "differs from scikit-learn")


# --- invariants --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_does_not_change_the_fit(seed):
    X, y, _ = make_linear_regression(50, 3, noise=0.5, intercept=1.0, random_state=seed)
    perm = np.random.default_rng(seed).permutation(50)
    a = mod.LinearRegression().fit(X, y)
    b = mod.LinearRegression().fit(X[perm], y[perm])
    assert_coef(b, a.coef_, a.intercept_, 1e-10, "changed when the samples were permuted")


@pytest.mark.parametrize("seed", SEEDS)
def test_shifting_the_data_only_moves_the_intercept(seed):
    X, y, _ = make_linear_regression(50, 3, noise=0.5, random_state=seed)
    shift = np.random.default_rng(seed).normal(scale=10, size=3)
    base = mod.LinearRegression().fit(X, y)
    moved = mod.LinearRegression().fit(X + shift, y + 100.0)
    assert_coef(
        moved,
        base.coef_,
        base.intercept_ + 100.0 - shift @ base.coef_,
        1e-8,
        "shifting X by s and y by c must keep coef_ and change intercept_ by c - s·coef_",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scaling_a_feature_scales_its_coefficient_inversely(seed):
    X, y, _ = make_linear_regression(50, 3, noise=0.5, intercept=2.0, random_state=seed)
    scale = np.array([1.0, 1000.0, 0.01])
    base = mod.LinearRegression().fit(X, y)
    scaled = mod.LinearRegression().fit(X * scale, y)
    assert_coef(scaled, base.coef_ / scale, base.intercept_, 1e-8, "not scale-equivariant")


# --- score -------------------------------------------------------------------------------


def test_score_is_r2_not_mse():
    # Fit y = 2x + 1 exactly, then score on points whose last target is off by 1:
    # predictions [1, 3, 5, 7], SS_res = 1, mean(y) = 4.25, SS_tot = 26.75, MSE = 0.25.
    model = mod.LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    X_test, y_test = [[0.0], [1.0], [2.0], [3.0]], [1.0, 3.0, 5.0, 8.0]
    got = model.score(X_test, y_test)
    assert np.ndim(got) == 0, f"score must return a float, got {got!r}"
    assert not np.isclose(got, 0.25), "score returned the MSE (0.25); it must return R²"
    assert not np.isclose(got, 1 - 1 / 33), (
        "score measured SS_tot about the training mean (3): use the mean of the y passed in"
    )
    corr2 = np.corrcoef(y_test, [1.0, 3.0, 5.0, 7.0])[0, 1] ** 2
    assert not np.isclose(got, corr2), (
        "score returned the squared correlation of y and the prediction; R² is "
        "1 - SS_res / SS_tot, which differs from it on new data"
    )
    assert got == pytest.approx(1 - 1 / 26.75, rel=1e-10), "R² = 1 - SS_res / SS_tot"


def test_score_is_negative_for_a_model_worse_than_the_mean():
    # y = 2x + 1 predicts [1, 3] at x = [0, 1]; the targets [1, -1] have mean 0:
    # SS_res = 16, SS_tot = 2, R² = 1 - 8 = -7.
    model = mod.LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    got = model.score([[0.0], [1.0]], [1.0, -1.0])
    assert got == pytest.approx(-7.0, rel=1e-10), (
        f"score = {got}, expected -7: R² is negative for a model worse than the mean; do not "
        "clip it or take an absolute value"
    )


def test_score_of_a_constant_target_follows_scikit_learn():
    # SS_tot = 0: a perfect prediction scores 1.0, any other 0.0 (no division by zero).
    model = mod.LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    try:
        got = model.score([[0.0], [1.0]], [2.0, 2.0])
    except FloatingPointError:
        pytest.fail("score divided by SS_tot = 0 for a constant y: handle that case apart")
    assert got == 0.0, (
        "for a constant y (SS_tot = 0) with an imperfect prediction, score must be 0.0 "
        "(scikit-learn's convention), not a division by zero"
    )
    zero = mod.LinearRegression().fit([[0.0], [1.0], [2.0]], [0.0, 0.0, 0.0])  # predicts 0
    assert zero.score([[5.0], [7.0]], [0.0, 0.0]) == 1.0, (
        "a perfect prediction of a constant y must score 1.0 (scikit-learn's convention)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_training_score_is_between_zero_and_one_and_matches_its_definition(seed):
    X, y, _ = make_linear_regression(40, 3, noise=2.0, intercept=1.0, random_state=seed)
    coef, intercept = centred_lstsq(X, y)
    expected = 1 - np.sum((y - X @ coef - intercept) ** 2) / np.sum((y - y.mean()) ** 2)
    got = mod.LinearRegression().fit(X, y).score(X, y)
    assert 0.0 <= got <= 1.0
    assert got == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("unit", [1e-9, 1e9])
def test_score_does_not_depend_on_the_units_of_y(unit):
    # R² is a ratio of two sums of squares, so it is the same in nanometres and in metres;
    # a threshold like SS_tot < 1e-12 (or an epsilon added to SS_tot) breaks that.
    X, y, _ = make_linear_regression(40, 3, noise=2.0, intercept=1.0, random_state=22)
    y = unit * y
    coef, intercept = centred_lstsq(X, y)
    expected = 1 - np.sum((y - X @ coef - intercept) ** 2) / np.sum((y - y.mean()) ** 2)
    got = mod.LinearRegression().fit(X, y).score(X, y)
    assert got == pytest.approx(expected, rel=1e-8), (
        f"score = {got} for y in units of {unit:g}, expected R² = {expected:.6f} (R² is "
        "unit-free): test SS_tot == 0 exactly (or y constant), with no tolerance or epsilon "
        "tied to the scale of y"
    )


# --- inputs unchanged ----------------------------------------------------------------------


@pytest.mark.parametrize("solver", ["normal", "gd"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_fit_does_not_modify_X_or_y(solver, fit_intercept):
    rng = np.random.default_rng(7)
    X, y = rng.normal(loc=3.0, size=(30, 2)), rng.normal(loc=5.0, size=30)
    params = {**SOLVERS[solver], "learning_rate": 0.01, "n_iter": 100}  # X is not centred
    model = mod.LinearRegression(fit_intercept=fit_intercept, **params)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)


def test_predict_and_score_do_not_modify_their_inputs():
    rng = np.random.default_rng(8)
    X, y = rng.normal(loc=3.0, size=(30, 2)), rng.normal(loc=5.0, size=30)
    model = mod.LinearRegression().fit(X, y)
    with inputs_unchanged("predict/score", X=X, y=y):
        model.predict(X)
        model.score(X, y)


# --- gradient descent ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_gd_matches_the_normal_equations_on_standardized_data(seed):
    X, y = standardized_data(seed)
    coef, intercept = centred_lstsq(X, y)
    model = fit_gd_or_explain(mod.LinearRegression(**GD), X, y)
    err = max(np.max(np.abs(model.coef_ - coef)), abs(model.intercept_ - intercept))
    assert err < 1e-4, (
        f"gradient descent ended {err:.2g} away from the closed form: check the gradient "
        "-(2/n) Xᵀr and -(2/n) Σr (sign, 1/n, the intercept's update) and that it "
        "runs n_iter steps"
    )


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gd_records_a_decreasing_loss_history(fit_intercept):
    X, y = standardized_data(9)
    model = mod.LinearRegression(fit_intercept=fit_intercept, **GD).fit(X, y)
    assert hasattr(model, "loss_history_"), (
        "solver='gd' must record loss_history_ (the training MSE at the start and after each step)"
    )
    history = np.asarray(model.loss_history_, dtype=float)
    assert history.ndim == 1 and history.size >= 2, (
        f"loss_history_ has shape {history.shape}: record one loss per step, not only "
        "the final one"
    )
    assert np.all(np.isfinite(history))
    assert history[0] == pytest.approx(np.mean(y**2), rel=1e-10), (
        "loss_history_[0] must be the MSE of the starting point w = 0, b = 0, i.e. mean(y²)"
    )
    rises = np.diff(history) > 1e-12 * history[0]
    assert not rises.any(), (
        f"the loss rose at step {np.argmax(rises) + 1}: with a small enough learning rate "
        "every gradient step on least squares lowers the loss"
    )
    assert history[-1] < history[0]


def test_gd_loss_history_is_the_mean_squared_error():
    X, y = standardized_data(10)
    model = mod.LinearRegression(**GD).fit(X, y)
    mse = np.mean((y - model.predict(X)) ** 2)
    last = float(np.asarray(model.loss_history_)[-1])
    for factor, name in [(0.5, "half the MSE"), (len(y), "the sum of squares")]:
        assert not np.isclose(last, factor * mse, rtol=1e-6), (
            f"loss_history_ holds {name}; record the mean squared error (1/n)·Σr²"
        )
    assert last == pytest.approx(mse, rel=1e-6), (
        "loss_history_[-1] should be the training MSE of the fitted model"
    )


def test_gd_stops_early_at_tol_and_otherwise_runs_n_iter_steps():
    X, y = standardized_data(11)
    early = mod.LinearRegression(solver="gd", learning_rate=0.1, n_iter=5000, tol=1e-3)
    n_early = len(early.fit(X, y).loss_history_) - 1
    assert n_early < 500, (
        f"gradient descent ran {n_early} steps with tol=1e-3: stop once a step lowers the "
        "loss by less than tol"
    )
    # A tiny rate: far from converged after n_iter steps, so all of them must run.
    capped = mod.LinearRegression(solver="gd", learning_rate=1e-4, n_iter=200, tol=0.0)
    n_capped = len(capped.fit(X, y).loss_history_) - 1
    assert n_capped == 200, (
        f"n_iter=200 with tol=0 but gradient descent ran {n_capped} steps (loss_history_ has "
        f"{n_capped + 1} values): tol=0 never stops early, so exactly n_iter steps run and "
        "loss_history_ holds n_iter + 1 values (an off-by-one in the loop?)"
    )
    one = mod.LinearRegression(solver="gd", learning_rate=1e-4, n_iter=1, tol=0.0).fit(X, y)
    assert len(one.loss_history_) == 2, (
        f"n_iter=1 gave loss_history_ of length {len(one.loss_history_)}: one step, so the "
        "starting MSE and the MSE after that step"
    )


def test_gd_returns_the_last_iterate_when_it_stops_early():
    # A coarse tol stops after a few dozen steps, where consecutive iterates still differ.
    X, y = standardized_data(25)
    model = mod.LinearRegression(solver="gd", learning_rate=0.05, n_iter=5000, tol=1e-2)
    fit_gd_or_explain(model, X, 30.0 * y)
    history = np.asarray(model.loss_history_)
    mse = np.mean((30.0 * y - model.predict(X)) ** 2)
    if len(history) >= 2 and mse == pytest.approx(history[-2], rel=1e-9):
        pytest.fail(
            "coef_ and intercept_ are the iterate BEFORE the last step (their MSE is "
            "loss_history_[-2]): keep the weights of the step that triggered the stop"
        )
    assert mse == pytest.approx(history[-1], rel=1e-10), (
        f"the fitted model's training MSE {mse:.6g} is not loss_history_[-1] = "
        f"{history[-1]:.6g}: coef_ and intercept_ must be the last iterate"
    )


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_refitting_on_new_data_starts_afresh(solver):
    # Fit on one data set, then on another with a different number of features: the second
    # fit must equal a fresh model's fit (no warm start, no appended history).
    params = SOLVERS[solver]
    X1, y1 = standardized_data(26, n=80, d=4)
    X2, y2 = standardized_data(27, n=60, d=2, intercept=-2.0)
    model = fit_gd_or_explain(mod.LinearRegression(**params), X1, y1)
    model = fit_gd_or_explain(model, X2, y2)
    fresh = fit_gd_or_explain(mod.LinearRegression(**params), X2, y2)
    assert np.shape(model.coef_) == (2,), (
        f"after refitting on 2 features coef_ has shape {np.shape(model.coef_)}: fit must "
        "replace the learned state"
    )
    np.testing.assert_allclose(
        np.append(model.coef_, model.intercept_),
        np.append(fresh.coef_, fresh.intercept_),
        rtol=1e-12,
        atol=1e-12,
        err_msg="refitting on new data differs from a fresh fit: start from w = 0, b = 0 "
        "every time (no warm start from the previous coef_)",
    )
    if solver == "gd":
        assert len(model.loss_history_) == len(fresh.loss_history_), (
            f"after a refit loss_history_ has {len(model.loss_history_)} values, a fresh fit "
            f"{len(fresh.loss_history_)}: start a new history in each fit, do not append"
        )
    pred = model.predict(X2)
    assert pred.shape == (60,), "predict after a refit must use the new feature count"


def test_score_before_fit_raises_not_fitted_error():
    X, y = standardized_data(28, n=10, d=2)
    mod.LinearRegression().fit(X, y).score(X, y)
    with pytest.raises(NotFittedError, match="fit"):
        mod.LinearRegression().score(X, y)


def test_score_of_a_nearly_constant_target_uses_the_formula():
    # y = 1e6 + [0, 1, 2, 3] * 1e-4 is not constant: R² follows 1 - SS_res / SS_tot.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = mod.LinearRegression().fit(X, [0.0, 1.0, 2.0, 3.0])  # predicts 0, 1, 2, 3
    y = 1e6 + np.array([0.0, 1.0, 2.0, 3.0]) * 1e-4
    got = model.score(X, y)
    expected = 1 - np.sum((y - X[:, 0]) ** 2) / np.sum((y - y.mean()) ** 2)
    assert got == pytest.approx(expected, rel=1e-9), (
        f"score on y = 1e6 + [0, 1, 2, 3]e-4 gave {got}, expected {expected}: y is not "
        "constant, so do not decide 'constant' with a tolerance on SS_tot (or relative to "
        "mean(y)^2); compare the values themselves"
    )


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gd_steps_follow_the_documented_update(fit_intercept):
    # Three steps of w <- w + lr (2/n) Xᵀr, b <- b + lr (2/n) Σr from zeros, with r the
    # residual of the current (w, b) for both updates; X is not centred, so updating b from
    # a residual recomputed after the w step is a different algorithm.
    rng = np.random.default_rng(23)
    X, y = rng.normal(loc=0.5, size=(50, 2)), rng.normal(loc=2.0, size=50)
    lr, n = 0.05, len(y)
    w, b = np.zeros(2), 0.0
    history = [np.mean(y**2)]
    for _ in range(3):
        r = y - X @ w - b
        w, b = w + lr * (2 / n) * X.T @ r, b + lr * 2 * r.mean() * fit_intercept
        history.append(np.mean((y - X @ w - b) ** 2))
    model = mod.LinearRegression(
        fit_intercept=fit_intercept, solver="gd", learning_rate=lr, n_iter=3, tol=0.0
    )
    fit_gd_or_explain(model, X, y)
    got = np.append(model.coef_, model.intercept_)
    np.testing.assert_allclose(
        got,
        np.append(w, b),
        rtol=1e-10,
        err_msg="after n_iter=3 steps from zeros, (coef_, intercept_) differ from "
        "w <- w + lr (2/n) Xᵀr, b <- b + lr (2/n) Σr: check the factor 2, the 1/n, that "
        "w and b are updated from the same residual, and that exactly n_iter steps ran",
    )
    np.testing.assert_allclose(
        model.loss_history_,
        history,
        rtol=1e-10,
        err_msg="loss_history_ must hold n_iter + 1 values: the MSE at w = 0, b = 0 and "
        "the MSE after each step (the last one is the fitted model's)",
    )


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gd_step_count_at_the_tol_boundary(fit_intercept):
    # X = [[1], [-1]] with learning_rate=0.5 lands exactly on the optimum in one step; every
    # later step lowers the loss by exactly 0.
    X, y = [[1.0], [-1.0]], [3.0, 1.0] if fit_intercept else [1.0, -1.0]
    kw = {"fit_intercept": fit_intercept, "solver": "gd", "learning_rate": 0.5, "n_iter": 5}
    never = mod.LinearRegression(tol=0.0, **kw).fit(X, y)
    np.testing.assert_allclose(
        np.append(never.coef_, never.intercept_),
        [1.0, 2.0] if fit_intercept else [1.0, 0.0],
        atol=1e-12,
        err_msg="one documented step w <- w + lr (2/n) Xᵀr, b <- b + lr (2/n) Σr with lr=0.5 "
        "lands exactly on the optimum here: check the factor 2 and the 1/n",
    )
    n_steps = len(never.loss_history_) - 1
    assert n_steps == 5, (
        f"tol=0 ran {n_steps} of n_iter=5 steps: a step that lowers the loss by exactly 0 "
        "is not below tol=0, so it must not stop. Stop when decrease < tol, not <= tol"
    )
    once = mod.LinearRegression(tol=1e-12, **kw).fit(X, y)
    n_steps = len(once.loss_history_) - 1
    assert n_steps == 2, (
        f"tol=1e-12 ran {n_steps} steps, expected 2: step 1 reaches the optimum (decrease "
        "> tol), step 2 lowers the loss by 0 < tol and is the last one"
    )
    np.testing.assert_allclose(
        np.append(once.coef_, once.intercept_),
        [1.0, 2.0] if fit_intercept else [1.0, 0.0],
        atol=1e-12,
        err_msg="coef_ and intercept_ after landing on the exact optimum",
    )


def test_gd_stops_on_an_absolute_decrease_below_tol():
    # y in large units: the loss is ~1e4, so a relative test (decrease / loss < tol) stops
    # far earlier than the documented one (decrease < tol).
    X, y = standardized_data(24)
    tol = 1e-2
    model = mod.LinearRegression(solver="gd", learning_rate=0.1, n_iter=5000, tol=tol)
    history = np.asarray(fit_gd_or_explain(model, X, 30.0 * y).loss_history_)
    drops = -np.diff(history)
    assert len(drops) < 5000, "with tol=1e-2 gradient descent must stop before n_iter"
    assert drops[-1] < tol and np.all(drops[:-1] >= tol), (
        f"gradient descent stopped after a step that lowered the loss by {drops[-1]:.3g} "
        f"(tol={tol}): stop at the first step whose absolute decrease "
        "loss_before - loss_after is below tol, not a relative decrease"
    )


def test_gd_raises_at_the_first_step_that_raises_the_loss():
    # Two nearly collinear standardized columns: the Hessian's top eigenvalue is ~4, so
    # learning_rate=0.55 (> 2/4) diverges along it, slowly (x1.4 per step). The large
    # offset goes first, so the loss falls from ~103 to ~4, then grows, still far below
    # its start (and finite) after 8 steps.
    rng = np.random.default_rng(0)
    a = rng.normal(size=100)
    X = np.column_stack([a, a + 0.1 * rng.normal(size=100), rng.normal(size=100)])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ [1.0, 0.5, -1.0] + 10.0 + 0.1 * rng.normal(size=100)
    mod.LinearRegression(**GD).fit(X, y)  # converges with a sensible rate
    model = mod.LinearRegression(solver="gd", learning_rate=0.55, n_iter=8, tol=0.0)
    try:
        model.fit(X, y)
    except ValueError as exc:
        assert "learning_rate" in str(exc), f"the error should name learning_rate: {exc}"
        return
    pytest.fail(
        "the loss rose from step 2 on (learning_rate=0.55 is above 2/L here) but fit "
        "returned silently: raise as soon as one step makes the loss grow, not only once "
        "it exceeds the starting loss or becomes NaN"
    )


@pytest.mark.parametrize("learning_rate", [10.0, 1e6])
def test_gd_with_a_huge_learning_rate_raises_instead_of_returning_nan(learning_rate):
    X, y = standardized_data(12)
    mod.LinearRegression(**GD).fit(X, y)  # converges with a sensible rate
    model = mod.LinearRegression(solver="gd", learning_rate=learning_rate, n_iter=1000)
    # The suite usually turns overflow into an error; here we want to see what fit returns.
    with np.errstate(all="ignore"):
        try:
            model.fit(X, y)
        except ValueError as exc:
            assert "learning_rate" in str(exc), (
                f"the divergence error should name learning_rate, got: {exc}"
            )
            return
    pytest.fail(
        f"learning_rate={learning_rate} diverges, yet fit returned coef_={model.coef_} "
        "silently: detect a loss that grows and raise a ValueError naming learning_rate"
    )


# --- attributes and bad input ----------------------------------------------------------------


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_fit_returns_self_with_the_documented_attributes(solver):
    X, y = standardized_data(13, n=20, d=3)
    model = mod.LinearRegression(**SOLVERS[solver])
    assert model.fit(X.tolist(), y.tolist()) is model, "fit must return self"
    assert model.coef_.shape == (3,) and model.coef_.dtype == np.float64
    assert np.ndim(model.intercept_) == 0, "intercept_ must be a float, not an array"
    assert model.n_features_in_ == 3
    pred = model.predict(X)
    assert pred.shape == (20,) and pred.dtype == np.float64


def test_predict_before_fit_raises_not_fitted_error():
    X, y = standardized_data(14, n=10, d=2)
    mod.LinearRegression().fit(X, y).predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        mod.LinearRegression().predict(X)


def test_predict_with_the_wrong_number_of_features_is_a_value_error():
    X, y = standardized_data(15, n=10, d=3)
    model = mod.LinearRegression().fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :2])


@pytest.mark.parametrize("where", ["X", "y"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_is_a_value_error(where, bad):
    X, y = standardized_data(16, n=10, d=2)
    mod.LinearRegression().fit(X, y)
    X, y = X.copy(), y.copy()
    if where == "X":
        X[3, 0] = bad
    else:
        y[3] = bad
    with pytest.raises(ValueError, match="NaN or infinity"):
        mod.LinearRegression().fit(X, y)


def test_mismatched_lengths_and_wrong_dimensions_are_value_errors():
    X, y = standardized_data(17, n=10, d=2)
    mod.LinearRegression().fit(X, y)
    with pytest.raises(ValueError, match="samples"):
        mod.LinearRegression().fit(X, y[:-1])
    with pytest.raises(ValueError, match="2-D"):
        mod.LinearRegression().fit(X[:, 0], y)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"solver": "sgd"}, "solver"),
        ({"solver": "gd", "learning_rate": 0.0}, "learning_rate"),
        ({"solver": "gd", "learning_rate": -0.1}, "learning_rate"),
        ({"solver": "gd", "n_iter": 0}, "n_iter"),
        ({"solver": "gd", "n_iter": 2.5}, "n_iter"),
        ({"solver": "gd", "tol": -1.0}, "tol"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    X, y = standardized_data(18, n=10, d=2)
    mod.LinearRegression(solver="gd").fit(X, y)
    with pytest.raises(ValueError, match=match):
        mod.LinearRegression(**params).fit(X, y)


def test_score_recognises_a_constant_target_whose_mean_does_not_round_exactly():
    # mean([0.1, 0.1, 0.1]) is 0.10000000000000002: sum (y - mean)^2 is ~6e-34, not 0.
    X = np.array([[0.0], [1.0], [2.0]])
    model = mod.LinearRegression().fit(X, [1.0, 2.0, 3.0])  # predicts 1, 2, 3
    got = model.score(X, [0.1, 0.1, 0.1])
    assert got == 0.0, (
        f"score on the constant target [0.1, 0.1, 0.1] gave {got}: the rounded mean leaves "
        "SS_tot ~1e-34 instead of 0; test for a constant y on the values (all equal to the "
        "first), not with SS_tot == 0"
    )


# --- complexity, without a clock: Python lines counted, peak memory measured -----------------


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_fit_memory_grows_linearly_with_the_number_of_samples(solver):
    # 4000 samples: X takes 160 kB, an (n, n) matrix (a centring matrix I - 11ᵀ/n, a hat
    # matrix X(XᵀX)⁻¹Xᵀ) would take 128 MB.
    rng = np.random.default_rng(21)
    X, y = rng.normal(size=(4000, 5)), rng.normal(size=4000)
    model = mod.LinearRegression(**{**SOLVERS[solver], "n_iter": 20})
    _, peak = peak_memory(model.fit, X, y)
    assert peak < 50 * X.nbytes, (
        f"fit used {peak / 1e6:.0f} MB for a {X.nbytes / 1e3:.0f} kB X: do not build an "
        "(n_samples, n_samples) matrix; subtract the column means directly"
    )


def test_fit_runs_no_python_loop_over_samples():
    # 1000 x 5. The normal equations run about 15 Python lines (25 with the centring done
    # in a loop over the features), 10 gradient steps about 110 (170 with the gradient as
    # a loop over the features); a Python loop over the samples (to accumulate XᵀX and Xᵀy,
    # or the gradient) runs 3000 lines for the normal equations and 10 000 for 10 steps.
    rng = np.random.default_rng(19)
    X = rng.normal(size=(1000, 5))
    y = X @ rng.normal(size=5) + 1.0 + rng.normal(size=1000)
    budget = 200
    lines = python_lines(mod.LinearRegression().fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit with solver='normal' ran more than {budget} lines of Python on 1000 samples: is "
        "there a Python loop over the samples? Centre X as a whole array (X - X.mean(axis=0)) "
        "and solve with one np.linalg.lstsq call"
    )
    model = mod.LinearRegression(solver="gd", learning_rate=0.1, n_iter=10, tol=0.0)
    budget = 50 * 10
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"10 gradient steps on 1000 samples ran more than {budget} lines of Python (50 per "
        "step): is the gradient a Python loop over the samples? Compute it for all samples "
        "at once: r = y - X @ w - b, grad_w = -(2/n) X.T @ r, grad_b = -(2/n) r.sum()"
    )


def test_predict_and_score_run_no_python_loop_over_samples():
    # 1000 x 5: predict and score run about 10 Python lines together (35 with predict as a
    # loop over the features); a loop over the samples in predict runs 1000 in each.
    rng = np.random.default_rng(20)
    X, y = rng.normal(size=(1000, 5)), rng.normal(size=1000)
    model = mod.LinearRegression().fit(X, y)
    budget = 150
    lines = python_lines(model.predict, X, budget=budget)
    lines += python_lines(model.score, X, y, budget=budget)
    assert lines <= budget, (
        f"predict and score ran more than {budget} lines of Python on 1000 samples: is there "
        "a Python loop over the rows? Predict all of them with one product, X @ coef_ + "
        "intercept_, and score from whole-array sums"
    )
