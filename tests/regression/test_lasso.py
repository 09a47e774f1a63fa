"""Tests for regression/lasso: soft_threshold, Lasso and ElasticNet by coordinate descent."""

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, python_lines
from kata.validation import NotFittedError

mod = load_kata("regression/lasso")

TIGHT = {"tol": 1e-12, "max_iter": 3000}  # the reference needs < 300 sweeps here


def make_data(seed, n=50, d=8, offset=5.0):
    """Correlated features of unequal scales and a sparse true coefficient vector."""
    rng = np.random.default_rng(seed)
    mix = np.eye(d) + 0.3 * rng.normal(size=(d, d))
    X = rng.normal(size=(n, d)) @ mix * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d)
    coef = np.zeros(d)
    coef[:3] = [3.0, -2.0, 1.5]
    y = X @ coef + offset + rng.normal(size=n)
    return X, y


def centred(X, y):
    return X - X.mean(axis=0), y - y.mean()


def alpha_max(X, y, l1_ratio=1.0):
    """Smallest alpha giving all-zero coefficients: max |Xc^T yc| / (n * l1_ratio)."""
    Xc, yc = centred(X, y)
    return np.max(np.abs(Xc.T @ yc)) / (len(y) * l1_ratio)


def objective(X, y, w, b, alpha, l1_ratio):
    r = y - X @ w - b
    return (
        r @ r / (2 * len(y))
        + alpha * l1_ratio * np.abs(w).sum()
        + alpha * (1 - l1_ratio) / 2 * (w @ w)
    )


# --- soft_threshold ----------------------------------------------------------------------


def test_soft_threshold_hand_values():
    x = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5])
    got = mod.soft_threshold(x, 1.0)
    expected = np.array([-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5])
    np.testing.assert_allclose(
        got,
        expected,
        atol=1e-15,
        err_msg="soft_threshold(x, 1) should be sign(x) * max(|x| - 1, 0)",
    )


def test_soft_threshold_sets_the_band_to_exact_zeros():
    x = np.array([-0.999, -0.3, 0.0, 0.2, 0.999])
    got = mod.soft_threshold(x, 1.0)
    assert np.all(got == 0.0), (
        f"soft_threshold({x}, 1) gave {got}: every |x| <= t must become exactly 0. "
        "Subtracting t * sign(x) without clamping at 0 pushes small values across 0."
    )


def test_soft_threshold_shrinks_by_t_instead_of_keeping_x():
    got = mod.soft_threshold(np.array([3.0, -3.0]), 1.0)
    assert not np.allclose(got, [3.0, -3.0]), (
        "soft_threshold kept x unchanged above the threshold: that is hard thresholding. "
        "Soft thresholding also moves the survivors t towards 0."
    )
    np.testing.assert_allclose(
        got,
        [2.0, -2.0],
        rtol=1e-15,
        err_msg="got: soft threshold shrinks by t instead of keeping x",
    )


def test_soft_threshold_treats_negative_values_symmetrically():
    x = np.random.default_rng(0).normal(scale=3, size=20)
    got_pos, got_neg = mod.soft_threshold(x, 0.7), mod.soft_threshold(-x, 0.7)
    assert np.allclose(got_neg, -got_pos, atol=1e-15), (
        "soft_threshold(-x, t) is not -soft_threshold(x, t): max(x - t, 0) alone only "
        "handles positive x; use sign(x) * max(|x| - t, 0)."
    )


def test_soft_threshold_with_zero_threshold_is_the_identity():
    x = np.random.default_rng(1).normal(size=(3, 4))
    np.testing.assert_allclose(mod.soft_threshold(x, 0.0), x, rtol=1e-15)


def test_soft_threshold_keeps_shape_and_returns_float64():
    x = np.arange(-6, 6).reshape(3, 4)  # integer input
    got = mod.soft_threshold(x, 2)
    assert got.shape == (3, 4), f"soft_threshold changed the shape (3, 4) to {got.shape}"
    assert got.dtype == np.float64, f"soft_threshold returned {got.dtype}, expected float64"


@pytest.mark.parametrize("seed", SEEDS)
def test_soft_threshold_is_the_proximal_operator_of_the_l1_norm(seed):
    # Brute force: minimise 0.5 * (w - x)^2 + t * |w| over a fine grid of w, per x.
    rng = np.random.default_rng(seed)
    x, t = rng.normal(scale=2, size=15), rng.uniform(0.1, 2.0)
    grid = np.linspace(-8, 8, 16_001)  # step 1e-3
    cost = 0.5 * (grid[None, :] - x[:, None]) ** 2 + t * np.abs(grid)[None, :]
    expected = grid[np.argmin(cost, axis=1)]
    np.testing.assert_allclose(mod.soft_threshold(x, t), expected, atol=1e-3)


def test_soft_threshold_does_not_modify_its_input():
    x = np.random.default_rng(2).normal(size=10)
    with inputs_unchanged("soft_threshold", x=x):
        mod.soft_threshold(x, 0.5)


def test_soft_threshold_negative_threshold_is_a_value_error():
    mod.soft_threshold([1.0, -2.0], 0.5)
    with pytest.raises(ValueError, match="t must be >= 0"):
        mod.soft_threshold([1.0, -2.0], -0.5)


# --- hand-worked and closed-form cases -----------------------------------------------------


def test_lasso_hand_worked_example():
    # Centred x1 = [-1.5, -0.5, 0.5, 1.5] equals centred y, ||x1||^2 / n = 1.25 and
    # x1.y / n = 1.25, so w1 = (1.25 - alpha) / 1.25 = 0.92. The residual is then
    # 0.08 * x1, whose correlation with centred x2 = [-.5, .5, -.5, .5] is
    # 0.08 * 0.25 = 0.02 <= alpha: w2 = 0 exactly. b = 2.5 - 0.92 * 2.5 = 0.2.
    X = np.array([[1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0]])
    y = np.array([1.0, 2.0, 3.0, 4.0])
    model = mod.Lasso(alpha=0.1).fit(X, y)
    # Forgetting the 1/n (threshold alpha against x1.y = 5, divisor ||x1||^2 = 5): 0.98.
    if np.isclose(model.coef_[0], (5 - 0.1) / 5, atol=1e-10):
        pytest.fail(
            f"coef_[0] = {model.coef_[0]}: the data term's 1/(2n) was dropped (rho = X_j·r and "
            "z_j = ||X_j||^2 without the 1/n), so alpha acts n times too weakly"
        )
    np.testing.assert_allclose(
        model.coef_,
        [0.92, 0.0],
        atol=1e-10,
        err_msg="coef_ of the hand-worked lasso: w1 = (1.25 - alpha) / 1.25, w2 = 0",
    )
    assert model.coef_[1] == 0.0, f"coef_[1] is {model.coef_[1]!r}, expected exactly 0"
    if np.isclose(model.intercept_, 2.5, atol=1e-10):
        pytest.fail(
            "intercept_ = mean(y) = 2.5: with an intercept, b = mean(y) - mean(X)·coef_ "
            "= 2.5 - 0.92 * 2.5 = 0.2 (the predictions must stay centred)"
        )
    np.testing.assert_allclose(
        model.intercept_,
        0.2,
        atol=1e-10,
        err_msg="intercept_ = mean(y) - mean(X)·coef_ = 0.2 (not penalized or shrunk)",
    )
    np.testing.assert_allclose(
        model.predict(X), 0.2 + 0.92 * X[:, 0], atol=1e-10, err_msg="predict = X coef_ + b"
    )


def test_single_feature_lasso_is_a_shrunken_least_squares_slope():
    # One centred feature: w = S(x.y / n, alpha) / (x.x / n), in closed form.
    rng = np.random.default_rng(3)
    x = rng.normal(scale=2.0, size=40)
    y = 1.5 * x + rng.normal(size=40)
    xc, yc = centred(x[:, None], y)
    xc = xc[:, 0]
    alpha = 0.4
    cov, var = xc @ yc / 40, xc @ xc / 40
    expected = np.sign(cov) * max(abs(cov) - alpha, 0.0) / var
    got = mod.Lasso(alpha=alpha, **TIGHT).fit(x[:, None], y).coef_[0]
    assert abs(got - expected) < 1e-10, (
        f"one-feature lasso gave {got:.6f}, expected S(x.y/n, alpha) / (x.x/n) = "
        f"{expected:.6f}. The objective has 1/(2n) in front of the squared error: threshold "
        "x.y/n by alpha (or x.y by alpha * n) and divide by x.x/n (or x.x), not a mix."
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_alpha_above_alpha_max_gives_exactly_zero_coefficients(l1_ratio):
    X, y = make_data(0)
    a_max = alpha_max(X, y, l1_ratio)
    model = mod.ElasticNet(alpha=1.01 * a_max, l1_ratio=l1_ratio).fit(X, y)
    assert np.all(model.coef_ == 0.0), (
        f"alpha = 1.01 * alpha_max, where alpha_max = max|Xc^T yc| / (n * l1_ratio), but "
        f"coef_ = {model.coef_} is not exactly 0: coordinate descent with soft-thresholding "
        "lands on exact zeros; (sub)gradient descent only hovers near them."
    )
    assert model.intercept_ == pytest.approx(y.mean(), abs=1e-10), (
        f"all coefficients are 0, so intercept_ should be mean(y) = {y.mean():.4f}, "
        f"got {model.intercept_:.4f}: is the intercept penalized?"
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_just_below_alpha_max_only_the_most_correlated_feature_enters(l1_ratio):
    X, y = make_data(1)
    Xc, yc = centred(X, y)
    first = int(np.argmax(np.abs(Xc.T @ yc)))
    model = mod.ElasticNet(alpha=0.99 * alpha_max(X, y, l1_ratio), l1_ratio=l1_ratio, **TIGHT)
    coef = model.fit(X, y).coef_
    assert np.flatnonzero(coef).tolist() == [first], (
        f"just below alpha_max only feature {first} (largest |Xc^T yc|) should be nonzero, "
        f"got nonzero features {np.flatnonzero(coef).tolist()}"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_zero_alpha_gives_least_squares(seed):
    X, y = make_data(seed, n=60, d=5)
    Xc, yc = centred(X, y)
    expected = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    got = mod.Lasso(alpha=0.0, **TIGHT).fit(X, y).coef_
    assert np.allclose(got, expected, atol=1e-6), (
        f"with alpha = 0 the lasso is least squares: expected {np.round(expected, 4)}, got "
        f"{np.round(got, 4)}. Each coordinate step must divide by the column's squared "
        "norm (||X_j||^2 / n with the 1/(2n) objective): did you assume unit-norm columns?"
    )


@pytest.mark.parametrize("alpha", [0.1, 1.0])
def test_l1_ratio_zero_is_ridge_in_closed_form(alpha):
    # Pure L2: (Xc^T Xc / n + alpha I) w = Xc^T yc / n.
    X, y = make_data(2)
    Xc, yc = centred(X, y)
    n, d = X.shape
    expected = np.linalg.solve(Xc.T @ Xc / n + alpha * np.eye(d), Xc.T @ yc / n)
    got = mod.ElasticNet(alpha=alpha, l1_ratio=0.0, **TIGHT).fit(X, y).coef_
    assert np.allclose(got, expected, atol=1e-8), (
        f"ElasticNet(l1_ratio=0) should equal ridge with the penalty alpha/2 * ||w||^2: "
        f"expected {np.round(expected, 4)}, got {np.round(got, 4)}. Along w_j the "
        "curvature is ||X_j||^2 / n + alpha * (1 - l1_ratio)."
    )


# --- optimality (KKT) ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, l1_ratio", [(0.3, 1.0), (0.2, 0.5), (1.0, 0.8)])
def test_solution_satisfies_the_kkt_conditions(seed, alpha, l1_ratio):
    # Subgradient optimality of the centred problem: with g = Xc^T r / n - l2 * w,
    # g_j = l1 * sign(w_j) where w_j != 0 and |g_j| <= l1 where w_j == 0.
    X, y = make_data(seed)
    model = mod.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    w = model.coef_
    Xc, yc = centred(X, y)
    l1, l2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    g = Xc.T @ (yc - Xc @ w) / len(y) - l2 * w
    active = w != 0
    assert np.allclose(g[active], l1 * np.sign(w[active]), atol=1e-6), (
        f"KKT violated on nonzero coefficients: Xc^T r / n - alpha (1 - l1_ratio) w = "
        f"{np.round(g[active], 5)}, expected +-alpha * l1_ratio = {l1} with the sign of w"
    )
    assert np.all(np.abs(g[~active]) <= l1 + 1e-6), (
        f"KKT violated on zero coefficients: |Xc^T r / n| = {np.round(np.abs(g[~active]), 5)}"
        f" exceeds alpha * l1_ratio = {l1}, so these features should not be 0"
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_without_intercept_satisfies_the_kkt_conditions_of_the_raw_data(l1_ratio):
    # fit_intercept=False: no centring. The optimality conditions are on X and y as given:
    # g = X^T (y - X w) / n - l2 * w is l1 * sign(w_j) on the support, |g_j| <= l1 off it.
    X, y = make_data(4, offset=3.0)
    alpha = 0.2
    model = mod.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, **TIGHT)
    w = model.fit(X, y).coef_
    assert model.intercept_ == 0.0, f"fit_intercept=False but intercept_ = {model.intercept_}"
    l1, l2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    g = X.T @ (y - X @ w) / len(y) - l2 * w
    active = w != 0
    assert np.allclose(g[active], l1 * np.sign(w[active]), atol=1e-6) and np.all(
        np.abs(g[~active]) <= l1 + 1e-6
    ), (
        "with fit_intercept=False, coef_ does not minimise the objective on the raw X and "
        "y: do not centre X and y when there is no intercept"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_objective_is_not_beaten_by_small_perturbations(seed):
    X, y = make_data(seed)
    alpha, l1_ratio = 0.3, 0.7
    model = mod.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    w, b = model.coef_, model.intercept_
    best = objective(X, y, w, b, alpha, l1_ratio)
    rng = np.random.default_rng(seed + 10)
    for _ in range(20):
        dw, db = 1e-3 * rng.normal(size=w.shape), 1e-3 * rng.normal()
        assert objective(X, y, w + dw, b + db, alpha, l1_ratio) >= best - 1e-12, (
            "a small random perturbation of (coef_, intercept_) lowers the elastic-net "
            "objective: the fit is not at the minimum"
        )


# --- agreement with scikit-learn ----------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha", [0.05, 0.3, 1.0])
def test_lasso_matches_sklearn(seed, alpha):
    X, y = make_data(seed)
    ours = mod.Lasso(alpha=alpha, **TIGHT).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5, err_msg="coef_ != sklearn's")
    np.testing.assert_allclose(
        ours.intercept_,
        ref.intercept_,
        atol=1e-5,
        err_msg="intercept_: lasso matches sklearn",
    )
    assert np.array_equal(ours.coef_ == 0, ref.coef_ == 0), (
        f"exact zeros differ from scikit-learn's: ours at {np.flatnonzero(ours.coef_ == 0)}, "
        f"sklearn's at {np.flatnonzero(ref.coef_ == 0)}"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, l1_ratio", [(0.1, 0.2), (0.3, 0.5), (1.0, 0.9)])
def test_elastic_net_matches_sklearn(seed, alpha, l1_ratio):
    X, y = make_data(seed)
    ours = mod.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=100_000)
    ref.fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5, err_msg="coef_ != sklearn's")
    np.testing.assert_allclose(
        ours.intercept_,
        ref.intercept_,
        atol=1e-5,
        err_msg="intercept_: elastic net matches sklearn",
    )
    assert np.array_equal(ours.coef_ == 0, ref.coef_ == 0), "exact zeros differ from sklearn's"


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_without_intercept_matches_sklearn(l1_ratio):
    X, y = make_data(4, offset=0.0)
    ours = mod.ElasticNet(alpha=0.2, l1_ratio=l1_ratio, fit_intercept=False, **TIGHT).fit(X, y)
    linear_model = import_sklearn("linear_model")
    ref = linear_model.ElasticNet(
        alpha=0.2, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-14, max_iter=100_000
    ).fit(X, y)
    assert ours.intercept_ == 0.0, f"fit_intercept=False but intercept_ = {ours.intercept_}"
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5, err_msg="coef_ != sklearn's")


def test_lasso_on_the_diabetes_data_matches_sklearn():
    linear_model = import_sklearn("linear_model")
    from kata.datasets import load_diabetes

    data = load_diabetes()
    X = (data.X - data.X.mean(axis=0)) / data.X.std(axis=0)
    ours = mod.Lasso(alpha=2.0, **TIGHT).fit(X, data.y)
    ref = linear_model.Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, data.y)
    np.testing.assert_allclose(
        ours.coef_,
        ref.coef_,
        atol=1e-5,
        err_msg="coef_: lasso on the diabetes data matches sklearn",
    )
    assert np.array_equal(ours.coef_ == 0, ref.coef_ == 0), "exact zeros differ from sklearn's"


# --- the intercept ---------------------------------------------------------------------------


def test_intercept_is_not_penalized():
    X, y = make_data(5, offset=100.0)
    model = mod.Lasso(alpha=0.5, **TIGHT).fit(X, y)
    expected = y.mean() - X.mean(axis=0) @ model.coef_
    assert model.intercept_ == pytest.approx(expected, abs=1e-8), (
        f"intercept_ = {model.intercept_:.4f}, but an unpenalized intercept is "
        f"mean(y) - mean(X) @ coef_ = {expected:.4f}: the intercept must not be shrunk "
        "(centre X and y, fit coef_, then recover the intercept)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_shifting_y_moves_only_the_intercept(seed):
    X, y = make_data(seed)
    base = mod.Lasso(alpha=0.3, **TIGHT).fit(X, y)
    shifted = mod.Lasso(alpha=0.3, **TIGHT).fit(X, y + 1000.0)
    np.testing.assert_allclose(
        shifted.coef_,
        base.coef_,
        atol=1e-8,
        err_msg="adding 1000 to y changed coef_: the intercept must absorb the shift",
    )
    assert shifted.intercept_ == pytest.approx(base.intercept_ + 1000.0, abs=1e-7), (
        "shifting y moves only the intercept"
    )


# --- zero columns, invariances ---------------------------------------------------------------


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_zero_column_gets_zero_coefficient_without_dividing_by_zero(fit_intercept, l1_ratio):
    X, y = make_data(6, d=4, offset=0.0)
    X0 = np.insert(X, 2, 0.0, axis=1)  # a column of exact zeros at position 2
    params = {"alpha": 0.2, "l1_ratio": l1_ratio, "fit_intercept": fit_intercept, **TIGHT}
    with_zero = mod.ElasticNet(**params).fit(X0, y)  # 0/0 would raise here (errstate)
    assert np.all(np.isfinite(with_zero.coef_)), f"coef_ = {with_zero.coef_}: 0/0?"
    assert with_zero.coef_[2] == 0.0, "a column of zeros must get coefficient exactly 0"
    without = mod.ElasticNet(**params).fit(X, y)
    np.testing.assert_allclose(np.delete(with_zero.coef_, 2), without.coef_, atol=1e-10)


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_samples_does_not_change_the_fit(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(len(y))
    a = mod.ElasticNet(alpha=0.2, l1_ratio=0.7, **TIGHT).fit(X, y)
    b = mod.ElasticNet(alpha=0.2, l1_ratio=0.7, **TIGHT).fit(X[perm], y[perm])
    np.testing.assert_allclose(
        b.coef_, a.coef_, atol=1e-8, err_msg="coef_: permuting samples does not change the fit"
    )
    np.testing.assert_allclose(
        b.intercept_,
        a.intercept_,
        atol=1e-8,
        err_msg="intercept_: permuting samples does not change the fit",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_features_permutes_the_coefficients(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    a = mod.Lasso(alpha=0.3, **TIGHT).fit(X, y)
    b = mod.Lasso(alpha=0.3, **TIGHT).fit(X[:, perm], y)
    np.testing.assert_allclose(
        b.coef_,
        a.coef_[perm],
        atol=1e-8,
        err_msg="coef_: permuting features permutes the coefficients",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_duplicating_the_samples_does_not_change_the_fit(seed):
    # The data term is a mean over samples, so stacking the data twice leaves J unchanged.
    X, y = make_data(seed)
    a = mod.ElasticNet(alpha=0.3, l1_ratio=0.6, **TIGHT).fit(X, y)
    b = mod.ElasticNet(alpha=0.3, l1_ratio=0.6, **TIGHT).fit(np.vstack([X, X]), np.r_[y, y])
    assert np.allclose(b.coef_, a.coef_, atol=1e-8), (
        "fitting the data stacked twice changed coef_: the squared error must be averaged "
        "over samples (1/(2n)), not summed, so that alpha means the same for any n"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scaling_y_and_alpha_together_scales_the_lasso_coefficients(seed):
    X, y = make_data(seed)
    a = mod.Lasso(alpha=0.3, **TIGHT).fit(X, y)
    b = mod.Lasso(alpha=0.3 * 7.0, **TIGHT).fit(X, 7.0 * y)
    np.testing.assert_allclose(
        b.coef_,
        7.0 * a.coef_,
        atol=1e-7,
        err_msg="coef_: scaling y and alpha together scales the lasso coefficients",
    )


def test_larger_alpha_never_adds_features():
    X, y = make_data(7)
    counts = [
        np.count_nonzero(mod.Lasso(alpha=a, **TIGHT).fit(X, y).coef_)
        for a in (0.01, 0.1, 0.5, 2.0, 10.0)
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1], (
        f"nonzero coefficients for increasing alpha: {counts}; stronger L1 must give "
        "sparser (or equally sparse) solutions here"
    )


# --- n_iter_, predict, determinism ------------------------------------------------------------


def test_n_iter_counts_sweeps_and_stops_at_tol():
    X, y = make_data(8)
    one = mod.Lasso(alpha=0.3, max_iter=1).fit(X, y)
    assert one.n_iter_ == 1, f"max_iter=1 but n_iter_ = {one.n_iter_}"
    loose = mod.Lasso(alpha=0.3, tol=1e-2, max_iter=1000).fit(X, y)
    tight = mod.Lasso(alpha=0.3, tol=1e-10, max_iter=1000).fit(X, y)
    assert isinstance(tight.n_iter_, int | np.integer), "n_iter_ must be an int"
    assert 1 <= loose.n_iter_ <= tight.n_iter_ < 1000, (
        f"n_iter_ = {loose.n_iter_} with tol=1e-2 and {tight.n_iter_} with tol=1e-10 "
        "(max_iter=1000): stop after the first sweep whose largest coefficient change is "
        "at most tol * max|w|"
    )
    assert loose.n_iter_ < tight.n_iter_, "a looser tol should stop earlier on this problem"


@pytest.mark.parametrize("seed", SEEDS)
def test_stopping_rule_is_relative_to_the_size_of_the_coefficients(seed):
    # Scaling y and alpha by 1024 (a power of two, so every step scales exactly) scales
    # the lasso's coef_ by 1024 at every sweep; the stopping rule max change <=
    # tol * max|w| is unchanged, so the same number of sweeps must run. An absolute rule
    # (max change <= tol) runs longer.
    X, y = make_data(seed)
    a = mod.Lasso(alpha=0.3, tol=1e-4).fit(X, y)
    b = mod.Lasso(alpha=0.3 * 1024, tol=1e-4).fit(X, 1024 * y)
    assert b.n_iter_ == a.n_iter_, (
        f"n_iter_ = {a.n_iter_} for (y, alpha) but {b.n_iter_} for (1024 y, 1024 alpha): "
        "stop when the largest change in a sweep is at most tol * max|w_j| (relative to "
        "the coefficients), not at most tol"
    )
    np.testing.assert_allclose(
        b.coef_,
        1024 * a.coef_,
        rtol=1e-10,
        atol=1e-12,
        err_msg="scaling y and alpha by 1024 must scale coef_ by 1024 (the same sweeps)",
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_above_alpha_max_one_sweep_is_enough(l1_ratio):
    # Every coefficient stays exactly 0 in the first sweep: its largest change, 0, is
    # at most tol * max|w| = 0, so fitting stops there with n_iter_ = 1.
    X, y = make_data(3)
    model = mod.ElasticNet(alpha=2 * alpha_max(X, y, l1_ratio), l1_ratio=l1_ratio).fit(X, y)
    assert np.all(model.coef_ == 0.0)
    assert model.n_iter_ == 1, (
        f"n_iter_ = {model.n_iter_}, but nothing changed in the first sweep: stop when "
        "the largest change is at most (<=, not <) tol * max|w|, which is 0 == 0 here; "
        "n_iter_ counts the sweeps run, including the last"
    )


def cd_sweeps(X, y, alpha, l1_ratio, n_sweeps):
    """The test's own cyclic coordinate descent on centred data, n_sweeps full sweeps."""
    X, y = np.asarray(X, float), np.asarray(y, float)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n, d = Xc.shape
    w = np.zeros(d)
    for _ in range(n_sweeps):
        for j in range(d):
            r_j = yc - Xc @ w + Xc[:, j] * w[j]  # residual without feature j
            rho = Xc[:, j] @ r_j / n
            z = Xc[:, j] @ Xc[:, j] / n
            w[j] = (
                np.sign(rho) * max(abs(rho) - alpha * l1_ratio, 0) / (z + alpha * (1 - l1_ratio))
            )
    return w, y.mean() - X.mean(axis=0) @ w


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_tol_zero_stops_only_after_a_sweep_that_changes_nothing(l1_ratio):
    # Centred orthogonal ±1 columns and dyadic targets: the first sweep lands exactly on
    # the optimum, the second changes nothing (a largest change of 0 <= 0 * max|w|).
    X, y = [[1, 1], [1, -1], [-1, 1], [-1, -1]], [3.0, 1.0, 2.0, 0.0]
    model = mod.ElasticNet(alpha=0.25, l1_ratio=l1_ratio, tol=0.0, max_iter=50).fit(X, y)
    coef, intercept = cd_sweeps(X, y, 0.25, l1_ratio, 1)
    np.testing.assert_allclose(
        np.append(model.coef_, model.intercept_),
        np.append(coef, intercept),
        atol=1e-12,
        err_msg="on orthogonal columns one exact coordinate sweep is the optimum",
    )
    assert model.n_iter_ == 2, (
        f"tol=0 on a problem solved by the first sweep gave n_iter_ = {model.n_iter_}, "
        "expected 2: sweep 1 moves the coefficients, sweep 2 moves nothing and stops "
        "(largest change 0 <= tol * max|w| = 0; '<' would never stop, and n_iter_ counts "
        "every sweep run, the last one included)"
    )


@pytest.mark.parametrize("max_iter", [1, 2, 3])
def test_max_iter_sweeps_return_the_last_iterate(max_iter):
    # Correlated columns: each sweep still moves the coefficients, so max_iter stops it.
    X, y = make_data(30, n=40, d=4)
    X[:, 1] = X[:, 0] + 0.1 * X[:, 1]
    model = mod.ElasticNet(alpha=0.05, l1_ratio=0.7, tol=0.0, max_iter=max_iter).fit(X, y)
    assert model.n_iter_ == max_iter, (
        f"max_iter={max_iter} with tol=0 gave n_iter_ = {model.n_iter_}: exactly max_iter "
        "sweeps run when none of them is still"
    )
    coef, intercept = cd_sweeps(X, y, 0.05, 0.7, max_iter)
    before, _ = cd_sweeps(X, y, 0.05, 0.7, max_iter - 1)
    if max_iter > 1 and np.allclose(model.coef_, before, atol=1e-10):
        pytest.fail(
            f"after max_iter={max_iter} sweeps coef_ equals the result of {max_iter - 1}: "
            "return the coefficients of the last sweep run"
        )
    np.testing.assert_allclose(
        model.coef_,
        coef,
        rtol=1e-10,
        atol=1e-12,
        err_msg=f"coef_ after exactly {max_iter} cyclic sweeps j = 0..d-1 (each coordinate "
        "minimised exactly with the others fixed, using the latest values)",
    )
    assert model.intercept_ == pytest.approx(intercept, rel=1e-10, abs=1e-12), (
        "intercept_ must be mean(y) - mean(X)·coef_ of the last iterate"
    )


@pytest.mark.parametrize("estimator", ["Lasso", "ElasticNet"])
def test_refitting_on_new_data_starts_afresh(estimator):
    X1, y1 = make_data(31, n=40, d=3)  # same feature count: a warm start would fit
    X2, y2 = make_data(32, n=30, d=3)
    model = getattr(mod, estimator)(alpha=0.1, max_iter=2).fit(X1, y1)
    model.fit(X2, y2)
    fresh = getattr(mod, estimator)(alpha=0.1, max_iter=2).fit(X2, y2)
    assert np.shape(model.coef_) == (3,), (
        f"after refitting coef_ has shape {np.shape(model.coef_)}, expected (3,)"
    )
    np.testing.assert_allclose(
        model.coef_,
        fresh.coef_,
        rtol=1e-12,
        atol=1e-12,
        err_msg="a refit (2 sweeps) differs from a fresh fit: start from w = 0 every time, "
        "not from the previous coef_",
    )
    assert model.n_iter_ == fresh.n_iter_, "n_iter_ must count the sweeps of this fit only"


def test_fit_returns_self_and_predict_is_linear():
    X, y = make_data(9)
    model = mod.ElasticNet(alpha=0.1)
    assert model.fit(X, y) is model, "fit must return self"
    X_new = np.random.default_rng(9).normal(size=(7, X.shape[1]))
    pred = model.predict(X_new)
    assert pred.shape == (7,) and pred.dtype == np.float64
    np.testing.assert_allclose(
        pred,
        X_new @ model.coef_ + model.intercept_,
        rtol=1e-12,
        err_msg="pred: fit returns self and predict is linear",
    )
    assert model.coef_.shape == (X.shape[1],) and model.coef_.dtype == np.float64


def test_hyperparameters_are_stored_unchanged():
    model = mod.Lasso(alpha=0.25, max_iter=7, tol=1e-3, fit_intercept=False)
    assert (model.alpha, model.max_iter, model.tol, model.fit_intercept) == (
        0.25,
        7,
        1e-3,
        False,
    )
    X, y = make_data(0)
    model.fit(X, y)
    assert model.alpha == 0.25 and model.l1_ratio == 1.0


def test_fit_is_deterministic():
    X, y = make_data(10)
    a = mod.ElasticNet(alpha=0.2).fit(X, y)
    b = mod.ElasticNet(alpha=0.2).fit(X, y)
    assert np.array_equal(a.coef_, b.coef_) and a.n_iter_ == b.n_iter_


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_fit_and_predict_do_not_modify_their_inputs(fit_intercept):
    # Without an intercept nothing is centred, so a residual r = y (not y.copy()) updated
    # in place would be the caller's y.
    X, y = make_data(11)
    model = mod.ElasticNet(alpha=0.1, fit_intercept=fit_intercept)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


# --- complexity, without a clock: Python lines counted -------------------------------------


def test_no_python_loop_over_samples_in_a_coordinate_step():
    # 1000 x 5, 3 sweeps: 15 coordinate steps. Coordinate descent loops over the sweeps and
    # the features in Python, about 11 lines per step for the reference (about 18 for a
    # plainer one calling soft_threshold, keeping a list of the steps and z in a loop);
    # a Python loop over the samples (for rho = X_j . r or for the residual update) runs
    # at least 1000 per step, 15 000 in all. (Recomputing r = y - X w at every coordinate,
    # O(n d) per step instead of O(n), runs the same lines and allocates the same (n,)
    # temporaries: no count here sees it; the benchmark's timing does.)
    rng = np.random.default_rng(12)
    X = rng.normal(size=(1000, 5))
    y = X[:, :3] @ [3.0, -2.0, 1.5] + 5.0 + rng.normal(size=1000)
    model = mod.ElasticNet(alpha=0.1, max_iter=3, tol=0.0)
    budget = 60 * 3 * 5
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"3 sweeps over 5 features of 1000 samples ran more than {budget} lines of Python (60 "
        "per coordinate step): is there a Python loop over the samples? Each step works on "
        "whole columns: rho = X[:, j] @ r / n + z_j w_j, then r -= (w_new - w_old) * X[:, j]"
    )


# --- bad input ---------------------------------------------------------------------------


def test_predict_before_fit_raises_not_fitted():
    X, y = make_data(0)
    mod.Lasso().fit(X, y).predict(X)  # works once fitted
    with pytest.raises(NotFittedError, match="fit"):
        mod.Lasso().predict(X)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"alpha": -0.1}, "alpha"),
        ({"l1_ratio": 1.5}, "l1_ratio"),
        ({"l1_ratio": -0.1}, "l1_ratio"),
        ({"max_iter": 0}, "max_iter"),
        ({"tol": -1.0}, "tol"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    X, y = make_data(0)
    mod.ElasticNet().fit(X, y)
    with pytest.raises(ValueError, match=match):
        mod.ElasticNet(**params).fit(X, y)


def test_bad_shapes_and_values_are_value_errors():
    X, y = make_data(0)
    model = mod.Lasso(alpha=0.1).fit(X, y)
    with pytest.raises(ValueError, match="2-D"):
        mod.Lasso().fit(X[:, 0], y)
    with pytest.raises(ValueError, match="samples"):
        mod.Lasso().fit(X, y[:-1])
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.Lasso().fit(X_nan, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])


@pytest.mark.parametrize("estimator", ["Lasso", "ElasticNet"])
def test_a_constant_column_gets_exactly_zero_weight_even_at_alpha_zero(estimator):
    # A column of 0.1s centres to ~1e-17 in floating point, not to 0: with no penalty to
    # hold it down, dividing by that tiny norm would give it an arbitrary weight.
    rng = np.random.default_rng(3)
    a = rng.normal(size=40)
    X = np.column_stack([a, np.full(40, 0.1)])
    y = 2.0 * a + 1.0
    model = getattr(mod, estimator)(alpha=0.0, max_iter=5000, tol=1e-10).fit(X, y)
    assert model.coef_[1] == 0.0, (
        f"{estimator}(alpha=0) gave the constant column weight {model.coef_[1]}: after "
        "centring it is zero up to rounding; treat a column whose values are all equal as "
        "a zero column (w_j = 0) instead of dividing by its ~1e-34 squared norm"
    )
    np.testing.assert_allclose(
        model.coef_[0],
        2.0,
        rtol=1e-6,
        err_msg="model.coef_[0]: a constant column gets exactly zero weight even at alpha zero",
    )
