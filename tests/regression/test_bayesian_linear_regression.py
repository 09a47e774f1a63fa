"""Tests for regression/bayesian_linear_regression: posterior and predictive distribution."""

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, peak_memory, python_lines
from kata.validation import NotFittedError

mod = load_kata("regression/bayesian_linear_regression")

PARAMS = [(1.0, 1.0), (0.1, 25.0), (10.0, 0.5)]  # (alpha, beta)


def make_data(seed, n=40, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d) + rng.normal(size=d)
    y = X @ rng.normal(size=d) + 0.3 * rng.normal(size=n)
    return X, y


def closed_form(X, y, alpha, beta):
    """The textbook posterior with np.linalg (fine on the well-conditioned data used here)."""
    S = np.linalg.inv(alpha * np.eye(X.shape[1]) + beta * X.T @ X)
    return beta * S @ X.T @ y, S


def ill_conditioned_data(seed):
    """Degree-10 polynomial features of x in [0, 1]: the columns are nearly collinear."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, size=40)
    X = np.vander(x, 11, increasing=True)
    return X, np.sin(6 * x) + 0.05 * rng.normal(size=40)


def bias_and_x(x):
    return np.column_stack([np.ones_like(x), x])


# --- hand-worked and closed-form cases -------------------------------------------------------


def test_hand_worked_one_feature_example():
    # Posterior precision 1 + (1 + 4) = 6: cov = 1/6, mean = (1*1 + 2*2) / 6 = 5/6.
    # At x = 3: mean 3 * 5/6 = 2.5 and variance 1/beta + 9/6 = 2.5.
    model = mod.BayesianLinearRegression(alpha=1.0, beta=1.0).fit([[1.0], [2.0]], [1.0, 2.0])
    np.testing.assert_allclose(
        model.mean_, [5 / 6], rtol=1e-12, err_msg="mean_ = beta * cov_ @ X^T y = 5/6"
    )
    np.testing.assert_allclose(
        model.cov_, [[1 / 6]], rtol=1e-12, err_msg="cov_ = 1 / (alpha + beta * (1 + 4)) = 1/6"
    )
    mean, std = model.predict([[3.0]], return_std=True)
    np.testing.assert_allclose(mean, [2.5], rtol=1e-12, err_msg="predictive mean 3 * 5/6")
    if np.allclose(std, [np.sqrt(9 / 6)], rtol=1e-9):
        pytest.fail(
            f"predictive std at x = 3 is {std}, sqrt(x^T cov_ x) = sqrt(9/6): the noise is "
            "missing. The predictive variance is 1/beta + x^T cov_ x = 2.5"
        )
    np.testing.assert_allclose(
        std, [np.sqrt(2.5)], rtol=1e-12, err_msg="predictive std sqrt(1/beta + 9/6)"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, beta", PARAMS)
def test_posterior_matches_the_closed_form(seed, alpha, beta):
    X, y = make_data(seed)
    mean, cov = closed_form(X, y, alpha, beta)
    model = mod.BayesianLinearRegression(alpha=alpha, beta=beta).fit(X, y)
    assert model.mean_.shape == (3,) and model.cov_.shape == (3, 3), (
        f"mean_ has shape {model.mean_.shape} and cov_ {model.cov_.shape}; expected (3,), (3, 3)"
    )
    if alpha != 1.0 and np.allclose(model.cov_, closed_form(X, y, 1 / alpha, beta)[1], rtol=1e-6):
        pytest.fail(
            f"cov_ is the posterior for a prior of precision 1/alpha: alpha={alpha} is the prior "
            "PRECISION (prior covariance I / alpha), so the posterior precision is "
            "alpha I + beta X^T X"
        )
    if beta != 1.0 and np.allclose(model.cov_, closed_form(X, y, alpha, 1 / beta)[1], rtol=1e-6):
        pytest.fail(
            f"cov_ treats beta={beta} as the noise variance: beta is the noise PRECISION, so "
            "the posterior precision is alpha I + beta X^T X"
        )
    # With precision = L L^T (Cholesky), the inverse is L^-T L^-1; the factors swapped,
    # L^-1 L^-T, is symmetric PSD too but a different matrix.
    Li = np.linalg.inv(np.linalg.cholesky(alpha * np.eye(3) + beta * X.T @ X))
    if not np.allclose(model.cov_, cov, rtol=1e-6) and np.allclose(model.cov_, Li @ Li.T):
        pytest.fail(
            "cov_ is L^-1 L^-T for the Cholesky factor L of the precision L L^T: the "
            "inverse of L L^T is L^-T L^-1 (M.T @ M with M = L^-1), the factors swapped"
        )
    np.testing.assert_allclose(
        model.cov_,
        cov,
        rtol=1e-9,
        atol=1e-14,
        err_msg="cov_ != (alpha I + beta X^T X)^-1",
    )
    np.testing.assert_allclose(
        model.mean_, mean, rtol=1e-9, atol=1e-12, err_msg="mean_ != beta cov_ X^T y"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, beta", PARAMS)
def test_posterior_mean_is_ridge_with_lambda_alpha_over_beta(seed, alpha, beta):
    X, y = make_data(seed)
    lam = alpha / beta
    ridge = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y)
    got = mod.BayesianLinearRegression(alpha=alpha, beta=beta).fit(X, y).mean_
    assert np.allclose(got, ridge, rtol=1e-9, atol=1e-12), (
        f"mean_ = {np.round(got, 5)} but the posterior mean is the ridge solution with "
        f"lambda = alpha / beta = {lam:g}: {np.round(ridge, 5)}. Check that alpha is the "
        "prior precision (not a variance) and that beta multiplies both X^T X and X^T y."
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_more_features_than_samples_matches_the_dual_form(seed):
    # Woodbury: mean = X^T (X X^T + (alpha/beta) I_n)^-1 y, an n x n solve instead.
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(5, 12)), rng.normal(size=5)
    alpha, beta = 0.5, 4.0
    dual = X.T @ np.linalg.solve(X @ X.T + alpha / beta * np.eye(5), y)
    model = mod.BayesianLinearRegression(alpha=alpha, beta=beta).fit(X, y)
    np.testing.assert_allclose(
        model.mean_,
        dual,
        rtol=1e-9,
        atol=1e-12,
        err_msg="mean_: more features than samples matches the dual form",
    )
    # The posterior precision is the prior's plus the data's: cov_^-1 = alpha I + beta X^T X.
    np.testing.assert_allclose(
        np.linalg.inv(model.cov_), alpha * np.eye(12) + beta * X.T @ X, rtol=1e-9, atol=1e-9
    )


def test_with_almost_no_information_the_posterior_is_the_prior():
    X, y = make_data(3)
    model = mod.BayesianLinearRegression(alpha=4.0, beta=1e-12).fit(X, y)
    assert np.allclose(model.cov_, np.eye(3) / 4.0, rtol=1e-6), (
        f"with beta ~ 0 the data say nothing and cov_ should be the prior covariance "
        f"I / alpha = 0.25 I, got diag {np.round(np.diag(model.cov_), 4)}: alpha is a "
        "precision, so the prior covariance is I / alpha, not alpha I"
    )
    assert np.allclose(model.mean_, 0.0, atol=1e-6), "with beta ~ 0, mean_ should be the prior's 0"


def test_noise_free_limit_gives_least_squares():
    X, y = make_data(4)
    model = mod.BayesianLinearRegression(alpha=1e-6, beta=1e6).fit(X, y)
    np.testing.assert_allclose(
        model.mean_,
        np.linalg.lstsq(X, y, rcond=None)[0],
        atol=1e-8,
        err_msg="mean_: noise free limit gives least squares",
    )


# --- the predictive distribution ----------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, beta", PARAMS)
def test_predictive_mean_and_std_match_the_closed_form(seed, alpha, beta):
    X, y = make_data(seed)
    mean, cov = closed_form(X, y, alpha, beta)
    X_new = np.random.default_rng(seed + 10).normal(scale=3.0, size=(15, 3))
    expected_std = np.sqrt(1 / beta + np.sum((X_new @ cov) * X_new, axis=1))
    model = mod.BayesianLinearRegression(alpha=alpha, beta=beta).fit(X, y)
    pred, std = model.predict(X_new, return_std=True)
    np.testing.assert_allclose(
        pred,
        X_new @ mean,
        rtol=1e-9,
        atol=1e-12,
        err_msg="pred: predictive mean and std match the closed form",
    )
    assert std.shape == (15,), f"std has shape {std.shape}, expected (15,)"
    if np.allclose(std**2, expected_std**2 - 1 / beta, rtol=1e-6):
        pytest.fail(
            "std leaves out the observation noise: the predictive variance is "
            "1/beta + x^T cov_ x, not only the weight uncertainty x^T cov_ x"
        )
    if np.allclose(std, expected_std**2, rtol=1e-6):
        pytest.fail("predict returned the variance where the standard deviation is asked for")
    if beta != 1.0 and np.allclose(std**2, expected_std**2 - 1 / beta + beta, rtol=1e-6):
        pytest.fail(
            f"the noise term of the predictive variance is beta={beta}: beta is a precision, "
            "so the noise variance is 1/beta"
        )
    np.testing.assert_allclose(std, expected_std, rtol=1e-9, err_msg="std != sqrt(1/beta + xSx)")


def test_predict_without_return_std_returns_only_the_mean():
    X, y = make_data(5)
    model = mod.BayesianLinearRegression().fit(X, y)
    got = model.predict(X[:4])
    assert isinstance(got, np.ndarray) and got.shape == (4,), (
        f"predict(X) should return one array of shape (4,), got {type(got).__name__}"
    )
    np.testing.assert_allclose(
        got,
        X[:4] @ model.mean_,
        rtol=1e-12,
        err_msg="got: predict without return std returns only the mean",
    )
    pair = model.predict(X[:4], return_std=True)
    assert isinstance(pair, tuple) and len(pair) == 2, "predict(X, return_std=True) -> (mean, std)"
    np.testing.assert_allclose(
        pair[0],
        got,
        rtol=1e-12,
        err_msg="pair[0]: predict without return std returns only the mean",
    )


@pytest.mark.parametrize("beta", [0.25, 1.0, 16.0])
def test_std_is_never_below_the_noise_level(beta):
    X, y = make_data(6)
    model = mod.BayesianLinearRegression(alpha=1.0, beta=beta).fit(X, y)
    _, std = model.predict(np.vstack([X, 10 * X]), return_std=True)
    floor = 1 / np.sqrt(beta)
    assert np.all(std >= floor * (1 - 1e-12)), (
        f"min std {std.min():.4f} is below the noise level 1/sqrt(beta) = {floor:.4f}: the "
        "predictive distribution includes the noise, var = 1/beta + x^T cov_ x"
    )


def test_uncertainty_grows_away_from_the_data():
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, size=30)
    y = 0.5 + 2.0 * x + 0.2 * rng.normal(size=30)
    model = mod.BayesianLinearRegression(alpha=1.0, beta=25.0).fit(bias_and_x(x), y)
    _, std = model.predict(bias_and_x(np.array([0.0, 1.0, 2.0, 5.0, 20.0])), return_std=True)
    assert np.all(np.diff(std) > 0), (
        f"predictive std at x = 0, 1, 2, 5, 20 (data in [-1, 1]): {np.round(std, 4)}; it "
        "should grow away from the data (the x^T cov_ x term), not stay constant"
    )
    assert std[-1] > 5 * std[0]


# --- invariances -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_duplicating_the_data_equals_doubling_beta(seed):
    X, y = make_data(seed)
    twice = mod.BayesianLinearRegression(alpha=2.0, beta=3.0).fit(np.vstack([X, X]), np.r_[y, y])
    doubled = mod.BayesianLinearRegression(alpha=2.0, beta=6.0).fit(X, y)
    np.testing.assert_allclose(
        twice.mean_,
        doubled.mean_,
        rtol=1e-9,
        err_msg="mean_: duplicating the data equals doubling beta",
    )
    np.testing.assert_allclose(
        twice.cov_,
        doubled.cov_,
        rtol=1e-9,
        atol=1e-15,
        err_msg="cov_: duplicating the data equals doubling beta",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_more_data_never_increases_the_posterior_variance(seed):
    X, y = make_data(seed, n=60)
    few = mod.BayesianLinearRegression(alpha=1.0, beta=2.0).fit(X[:20], y[:20])
    many = mod.BayesianLinearRegression(alpha=1.0, beta=2.0).fit(X, y)
    gap = np.linalg.eigvalsh(few.cov_ - many.cov_)
    assert gap.min() > -1e-12, "cov_ with 60 samples is not below cov_ with the first 20"


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_samples_does_not_change_the_posterior(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(len(y))
    a = mod.BayesianLinearRegression(alpha=0.5, beta=2.0).fit(X, y)
    b = mod.BayesianLinearRegression(alpha=0.5, beta=2.0).fit(X[perm], y[perm])
    np.testing.assert_allclose(
        b.mean_,
        a.mean_,
        rtol=1e-10,
        err_msg="mean_: permuting samples does not change the posterior",
    )
    np.testing.assert_allclose(
        b.cov_,
        a.cov_,
        rtol=1e-10,
        atol=1e-15,
        err_msg="cov_: permuting samples does not change the posterior",
    )


def test_no_hidden_intercept():
    # y = 5 with X = 0 everywhere: without an intercept the model can only predict 0.
    X, y = np.zeros((10, 2)), np.full(10, 5.0)
    model = mod.BayesianLinearRegression(alpha=1.0, beta=1.0).fit(X, y)
    assert np.allclose(model.predict(X), 0.0), (
        f"X is all zeros but predict gives {model.predict(X)[:3]}...: the model has no "
        "separate intercept (add a column of ones to X to get one), so do not centre y"
    )
    np.testing.assert_allclose(
        model.cov_, np.eye(2), rtol=1e-12, err_msg="cov_: no hidden intercept"
    )


# --- numerical stability -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_mean_solves_the_normal_equations_to_machine_precision(seed):
    # Backward stability: a solver or factorization leaves a relative residual of order
    # 1e-17 in (alpha I + beta X^T X) m = beta X^T y; inv(A) @ b leaves ~1e-16 * cond(A),
    # here ~1e-10.
    X, y = ill_conditioned_data(seed)
    alpha, beta = 1e-8, 100.0
    A = alpha * np.eye(11) + beta * X.T @ X
    model = mod.BayesianLinearRegression(alpha=alpha, beta=beta).fit(X, y)
    m = model.mean_
    residual = np.linalg.norm(A @ m - beta * X.T @ y) / (np.linalg.norm(A, 2) * np.linalg.norm(m))
    assert residual < 1e-13, (
        f"relative residual of the posterior-mean equations is {residual:.1e} (cond(A) = "
        f"{np.linalg.cond(A):.0e}): multiplying by an explicit inverse is not stable. Solve "
        "for mean_ with np.linalg.solve, a Cholesky factor or a QR of X instead."
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_cov_is_symmetric_positive_semidefinite_when_ill_conditioned(seed):
    X, y = ill_conditioned_data(seed)
    model = mod.BayesianLinearRegression(alpha=1e-8, beta=100.0).fit(X, y)
    cov = model.cov_
    asym = np.max(np.abs(cov - cov.T)) / np.max(np.abs(cov))
    assert asym < 1e-12, (
        f"cov_ is not symmetric (relative asymmetry {asym:.1e}): an inverse of an "
        "ill-conditioned matrix is rounded entry by entry. Build cov_ as M @ M.T from a "
        "factorization, or symmetrize with (S + S.T) / 2."
    )
    eig = np.linalg.eigvalsh(0.5 * (cov + cov.T))
    assert eig.min() >= -1e-12 * eig.max(), f"cov_ has a negative eigenvalue {eig.min():.2e}"
    _, std = model.predict(np.vander(np.linspace(-0.5, 1.5, 9), 11, increasing=True), True)
    assert np.all(np.isfinite(std)) and np.all(std >= 0.1 * (1 - 1e-12))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_nearly_flat_prior_on_collinear_columns_does_not_break_the_fit(seed):
    # [a, b, a, 3a - b] has rank 2, and alpha = 1e-16 is below the rounding error of
    # X^T X: the precision as formed is not numerically positive definite, so a plain
    # np.linalg.cholesky raises there. The posterior is still well defined, and its mean
    # fits the data as well as least squares does.
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=50), rng.normal(size=50)
    X = np.column_stack([a, b, a, 3 * a - b])
    y = 2 * a - b + 0.1 * rng.normal(size=50)
    try:
        model = mod.BayesianLinearRegression(alpha=1e-16, beta=1.0).fit(X, y)
    except np.linalg.LinAlgError as exc:
        pytest.fail(
            f"fit raised LinAlgError ({exc}) for collinear columns and alpha = 1e-16: the "
            "formed precision alpha I + beta X^T X is numerically singular (not positive "
            "definite), so Cholesky or np.linalg.solve fails on it. Catch it and fall "
            "back to a QR of the stacked [sqrt(beta) X; sqrt(alpha) I] (np.linalg.qr "
            "with mode='r'), which never forms X^T X."
        )
    cov = model.cov_
    assert np.all(np.isfinite(model.mean_)) and np.all(np.isfinite(cov)), (
        "mean_ or cov_ is not finite for collinear columns and a nearly flat prior"
    )
    assert np.array_equal(cov, cov.T), "cov_ is not exactly symmetric"
    fitted = X @ np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(
        X @ model.mean_,
        fitted,
        atol=1e-8,
        err_msg="with a nearly flat prior, X @ mean_ should be the least-squares fitted values",
    )


# --- plumbing ----------------------------------------------------------------------------------


def test_fit_returns_self_and_results_are_float64():
    X, y = make_data(8)
    model = mod.BayesianLinearRegression()
    assert model.fit(X.astype(np.float32), y) is model, "fit must return self"
    assert model.mean_.dtype == np.float64 and model.cov_.dtype == np.float64
    pred, std = model.predict(X, return_std=True)
    assert pred.dtype == np.float64 and std.dtype == np.float64


def test_hyperparameters_are_stored_unchanged():
    model = mod.BayesianLinearRegression(alpha=0.3, beta=7)
    assert (model.alpha, model.beta) == (0.3, 7)
    X, y = make_data(0)
    model.fit(X, y)
    assert (model.alpha, model.beta) == (0.3, 7)


def test_fit_is_deterministic():
    X, y = make_data(9)
    a = mod.BayesianLinearRegression().fit(X, y)
    b = mod.BayesianLinearRegression().fit(X, y)
    assert np.array_equal(a.mean_, b.mean_) and np.array_equal(a.cov_, b.cov_)


def test_fit_and_predict_do_not_modify_their_inputs():
    X, y = make_data(10)
    model = mod.BayesianLinearRegression(alpha=0.5, beta=4.0)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X, return_std=True)


# --- complexity, without a clock: Python lines counted, peak memory measured ---------------------


def test_fit_builds_no_n_by_n_matrix():
    # 4000 samples, 5 features: X takes 160 kB; the noise precision written as a matrix,
    # beta * I_n (or a Woodbury/dual form X X^T), would take 128 MB.
    rng = np.random.default_rng(13)
    X, y = rng.normal(size=(4000, 5)), rng.normal(size=4000)
    model = mod.BayesianLinearRegression(alpha=1.0, beta=2.0)
    _, peak = peak_memory(model.fit, X, y)
    assert peak < 50 * X.nbytes, (
        f"fit used {peak / 1e6:.0f} MB for a {X.nbytes / 1e3:.0f} kB X: the noise is "
        "i.i.d., so X^T (beta I_n) X is just beta * X^T X; never build an (n, n) matrix"
    )


def test_predict_with_std_builds_no_n_by_n_matrix():
    # Only the diagonal of X cov_ X^T is needed: for 4000 rows the full matrix is 128 MB.
    X, y = make_data(11, n=200, d=5)
    model = mod.BayesianLinearRegression().fit(X, y)
    X_new = np.random.default_rng(11).normal(size=(4000, 5))
    (_, std), peak = peak_memory(model.predict, X_new, return_std=True)
    assert peak < 50 * X_new.nbytes, (
        f"predict used {peak / 1e6:.0f} MB for {len(X_new)} rows: X @ cov_ @ X.T is an "
        "(n, n) matrix; compute only its diagonal, x^T cov_ x for all rows at once (einsum "
        "or sum((X @ cov_) * X, axis=1))"
    )
    expected = np.sqrt(1.0 + np.einsum("ij,jk,ik->i", X_new[:5], model.cov_, X_new[:5]))
    np.testing.assert_allclose(std[:5], expected, rtol=1e-10)


def test_no_python_loop_over_samples():
    # 1000 x 5: fit runs about 15 Python lines (25 with the prior added on the diagonal in
    # a loop over the features) and predict with its std about 5 (17 with x^T cov_ x
    # summed in a loop over the features); a Python loop over the rows (to accumulate
    # X^T X, or for x^T cov_ x or x @ mean_) runs 1000 or more.
    rng = np.random.default_rng(12)
    X = rng.normal(size=(1000, 5))
    y = X @ rng.normal(size=5) + 0.3 * rng.normal(size=1000)
    model = mod.BayesianLinearRegression(alpha=1.0, beta=4.0)
    budget = 100
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit ran more than {budget} lines of Python on 1000 samples: is there a Python loop "
        "over the rows? The data enter only through X.T @ X and X.T @ y, two products"
    )
    model.fit(X, y)
    lines = python_lines(model.predict, X, return_std=True, budget=budget)
    assert lines <= budget, (
        f"predict(return_std=True) ran more than {budget} lines of Python on 1000 rows: is "
        "there a Python loop over the rows? Compute X @ mean_ and every x^T cov_ x at once "
        "(np.einsum('ij,jk,ik->i', X, cov_, X) or np.sum((X @ cov_) * X, axis=1))"
    )


# --- bad input ---------------------------------------------------------------------------


def test_refitting_conditions_the_prior_not_the_previous_posterior():
    X1, y1 = make_data(21, n=30, d=3)
    X2, y2 = make_data(22, n=25, d=3)
    model = mod.BayesianLinearRegression(alpha=2.0, beta=3.0).fit(X1, y1)
    model.fit(X2, y2)
    mean, cov = closed_form(X2, y2, 2.0, 3.0)
    both, _ = closed_form(np.vstack([X1, X2]), np.concatenate([y1, y2]), 2.0, 3.0)
    if np.allclose(model.mean_, both, rtol=1e-8):
        pytest.fail(
            "after fit(X1, y1) then fit(X2, y2), mean_ is the posterior given BOTH data sets: "
            "the second fit started from the first posterior. Every fit conditions the "
            "prior N(0, I / alpha) on the data it is given"
        )
    np.testing.assert_allclose(
        model.mean_, mean, rtol=1e-10, err_msg="mean_ after a refit: the closed form on X2"
    )
    np.testing.assert_allclose(
        model.cov_, cov, rtol=1e-10, atol=1e-14, err_msg="cov_ after a refit: closed form on X2"
    )


def test_std_at_the_origin_is_exactly_the_noise_level():
    # x = 0 carries no weight uncertainty: x^T cov_ x = 0, so std = 1 / sqrt(beta) exactly.
    X, y = make_data(23)
    for beta in (0.5, 4.0):
        model = mod.BayesianLinearRegression(alpha=1.0, beta=beta).fit(X, y)
        mean, std = model.predict(np.zeros((2, X.shape[1])), return_std=True)
        np.testing.assert_allclose(
            std,
            1 / np.sqrt(beta),
            rtol=1e-15,
            err_msg=f"predictive std at x = 0 (beta={beta}): only the noise 1/beta remains",
        )
        np.testing.assert_array_equal(mean, 0.0, err_msg="predictive mean at x = 0")


def test_predict_before_fit_raises_not_fitted():
    X, y = make_data(0)
    mod.BayesianLinearRegression().fit(X, y).predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        mod.BayesianLinearRegression().predict(X)


@pytest.mark.parametrize(
    "params, match",
    [({"alpha": 0.0}, "alpha"), ({"alpha": -1.0}, "alpha"), ({"beta": 0.0}, "beta")],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    X, y = make_data(0)
    mod.BayesianLinearRegression().fit(X, y)
    with pytest.raises(ValueError, match=match):
        mod.BayesianLinearRegression(**params).fit(X, y)


def test_bad_shapes_and_values_are_value_errors():
    X, y = make_data(0)
    model = mod.BayesianLinearRegression().fit(X, y)
    with pytest.raises(ValueError, match="2-D"):
        mod.BayesianLinearRegression().fit(X[:, 0], y)
    with pytest.raises(ValueError, match="samples"):
        mod.BayesianLinearRegression().fit(X, y[:-1])
    X_nan = X.copy()
    X_nan[1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.BayesianLinearRegression().fit(X_nan, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :2], return_std=True)
