"""Tests for unsupervised/gmm: a Gaussian mixture with full covariances fitted by EM."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    import_scipy,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    python_lines,
    run_numerically,
)
from kata.validation import NotFittedError

mod = load_kata("unsupervised/gmm")

REG = 1e-6  # the default reg_covar
BLOB_CENTERS = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 6.0]])


# --- oracles computed here, independently of the kata ------------------------------------------


def log_joint(X, weights, means, covariances):
    """log w_k + log N(x_i | mu_k, S_k), (n, k), by scipy.stats.multivariate_normal."""
    stats = import_scipy("stats")
    return np.column_stack(
        [
            np.log(w) + stats.multivariate_normal(mean=mu, cov=cov).logpdf(X).reshape(len(X))
            for w, mu, cov in zip(weights, means, covariances, strict=True)
        ]
    )


def mixture_logpdf(X, weights, means, covariances):
    """log p(x_i) of the mixture (n,), by scipy's logsumexp."""
    return import_scipy("special").logsumexp(log_joint(X, weights, means, covariances), axis=1)


def responsibilities(X, weights, means, covariances):
    lj = log_joint(X, weights, means, covariances)
    return np.exp(lj - import_scipy("special").logsumexp(lj, axis=1, keepdims=True))


def params_of(model):
    return model.weights_, model.means_, model.covariances_


def m_step(X, R, reg=REG, centre=None):
    """The closed-form M-step; ``centre`` replaces the new means inside the covariance."""
    N = R.sum(axis=0)
    means = R.T @ X / N[:, None]
    centre = means if centre is None else centre
    d = X.shape[1]
    covs = np.array(
        [
            (R[:, k] * (X - centre[k]).T) @ (X - centre[k]) / N[k] + reg * np.eye(d)
            for k in range(len(N))
        ]
    )
    return N / N.sum(), means, covs


def initial_params(X, centers, reg=REG):
    """This kata's initialization: hard assignment to the nearest center, then an M-step."""
    d2 = ((X[:, None, :] - np.asarray(centers)[None, :, :]) ** 2).sum(-1)
    return m_step(X, np.eye(len(centers))[d2.argmin(axis=1)], reg)


def three_blobs(seed, sizes=(120, 90, 60)):
    """Three well-separated anisotropic Gaussian blobs (labels returned), shuffled."""
    rng = np.random.default_rng(seed)
    shapes = [
        np.array([[1.0, 0.4], [0.0, 0.5]]),
        np.array([[0.6, 0.0], [0.3, 0.8]]),
        np.eye(2) * 0.5,
    ]
    X = np.vstack(
        [
            rng.normal(size=(m, 2)) @ A + c
            for m, A, c in zip(sizes, shapes, BLOB_CENTERS, strict=True)
        ]
    )
    y = np.repeat(np.arange(3), sizes)
    perm = rng.permutation(len(X))
    return X[perm], y[perm]


def overlapping(seed, n=200):
    """Two overlapping 2-D Gaussians: EM needs many iterations, every r_ik is strictly soft."""
    rng = np.random.default_rng(seed)
    X = np.vstack(
        [rng.normal(size=(n // 2, 2)), rng.normal(size=(n - n // 2, 2)) * [1.5, 0.7] + [1.5, 0.5]]
    )
    return X[rng.permutation(n)], np.array([[-1.0, 0.0], [1.0, 1.0]])


def assert_params_close(model, expected, what, rtol=1e-9):
    for name, ours, want in zip(
        ("weights_", "means_", "covariances_"), params_of(model), expected, strict=True
    ):
        np.testing.assert_allclose(ours, want, rtol=rtol, atol=1e-12, err_msg=f"{name}: {what}")


# --- the classic mistakes, one test each ------------------------------------------------------


def test_one_component_is_the_mean_and_the_biased_covariance():
    X = np.random.default_rng(0).normal(size=(50, 3)) @ [
        [1.0, 0.3, 0.0],
        [0.0, 1.0, 0.5],
        [0.0, 0.0, 0.7],
    ]
    gm = mod.GaussianMixture(n_components=1).fit(X)
    biased = np.cov(X, rowvar=False, bias=True)
    cov = gm.covariances_[0]
    if np.allclose(cov, np.cov(X, rowvar=False) + REG * np.eye(3), rtol=1e-10):
        pytest.fail("the covariance divides by N_k - 1: the M-step's ML estimate divides by N_k")
    if np.allclose(cov, biased, rtol=1e-12, atol=1e-15):
        pytest.fail(
            "covariances_ lack reg_covar: add reg_covar to the diagonal of every covariance"
        )
    if np.allclose(cov, biased + REG, rtol=1e-12, atol=1e-15):
        pytest.fail("reg_covar was added to EVERY entry of the covariance: only the diagonal")
    np.testing.assert_allclose(
        gm.weights_,
        [1.0],
        rtol=1e-12,
        err_msg="one component: weight 1 (w_k = N_k / n, normalized so the weights sum to 1)",
    )
    assert np.allclose(gm.means_, X.mean(axis=0, keepdims=True), rtol=1e-10), (
        f"means_ = {gm.means_.round(4)} with ONE component, but the sample mean is "
        f"{X.mean(axis=0).round(4)}: every responsibility r_i1 must be exactly 1. Normalize "
        "the responsibilities over the components: r_ik = exp(log w_k + log N_k(x_i) - "
        "log p(x_i))"
    )
    np.testing.assert_allclose(
        cov,
        biased + REG * np.eye(3),
        rtol=1e-10,
        err_msg="sum (x - mu)(x - mu)^T / N + reg_covar I",
    )
    assert gm.converged_ and gm.n_iter_ == 2, (
        f"n_iter_ = {gm.n_iter_}, converged_ = {gm.converged_}: with one component the first "
        "M-step repeats the initial parameters, so iteration 2's log-likelihood equals "
        "iteration 1's (change 0 < tol) and EM stops there, converged. More iterations: "
        "the initial parameters must be ONE M-step on the hard assignment to the nearest "
        "center (see Conventions); fewer: n_iter_ must count every iteration"
    )


def test_hand_worked_example_one_dimension():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    gm = mod.GaussianMixture()
    assert gm.fit(X) is gm, "fit must return self"
    var = 1.25 + REG
    L = float(np.mean(-0.5 * (np.log(2 * np.pi * var) + (X[:, 0] - 1.5) ** 2 / var)))
    if np.isclose(gm.lower_bound_, 4 * L, rtol=1e-9):
        pytest.fail(
            f"lower_bound_ = {gm.lower_bound_:.6f} is the SUM of log p(x_i): it is the mean "
            "per sample"
        )
    np.testing.assert_allclose(gm.means_, [[1.5]], rtol=1e-12, err_msg="means_")
    np.testing.assert_allclose(gm.covariances_, [[[var]]], rtol=1e-12, err_msg="5/4 + reg_covar")
    if np.isclose(gm.lower_bound_, L + 0.25 * np.log(var), rtol=1e-9):
        pytest.fail(
            "lower_bound_ uses HALF of log det S: with the Cholesky factor, "
            "log det S = 2 sum log diag(L)"
        )
    if np.isclose(gm.lower_bound_, L + 0.5 * np.log(2 * np.pi), rtol=1e-9):
        pytest.fail("lower_bound_ lacks the normalizing constant -(d/2) log(2 pi) of the Gaussian")
    assert len(gm.lower_bounds_) == gm.n_iter_ == 2, (
        f"lower_bounds_ = {gm.lower_bounds_} with n_iter_ = {gm.n_iter_}: record L_t of "
        "EVERY iteration, the converged one included (append before testing the tol rule)"
    )
    np.testing.assert_allclose(
        gm.lower_bound_, L, rtol=1e-10, err_msg="lower_bound_ = mean log N(x | 1.5, 1.25)"
    )
    np.testing.assert_allclose(
        gm.lower_bounds_, [L, L], rtol=1e-10, err_msg="lower_bounds_ of the 2 iterations"
    )


def test_m_step_equations_hold_for_its_own_responsibilities():
    # Fit m iterations, take the responsibilities of that fit (scipy), do one M-step here:
    # a fit with m + 1 iterations must land on exactly those parameters.
    X, centers = overlapping(7)
    a = mod.GaussianMixture(n_components=2, max_iter=4, tol=0.0, means_init=centers).fit(X)
    b = mod.GaussianMixture(n_components=2, max_iter=5, tol=0.0, means_init=centers).fit(X)
    R = responsibilities(X, *params_of(a))
    N = R.sum(axis=0)
    expected = m_step(X, R)
    if not np.allclose(b.means_, expected[1], rtol=1e-8):
        if np.allclose(b.means_, R.T @ X / len(X), rtol=1e-8):
            pytest.fail("means_ = sum_i r_ik x_i / n: divide by N_k = sum_i r_ik instead")
        if np.allclose(b.means_, R.T @ X / N.sum(), rtol=1e-8):
            pytest.fail("means_ divide by sum_k N_k: divide each by its own N_k")
    np.testing.assert_allclose(
        b.means_, expected[1], rtol=1e-8, err_msg="means_ = sum_i r_ik x_i / N_k"
    )
    if not np.allclose(b.weights_, expected[0], rtol=1e-8):
        if np.allclose(b.weights_, N, rtol=1e-8):
            pytest.fail("weights_ are N_k = sum_i r_ik: divide by n so that they sum to 1")
        if np.allclose(b.weights_, 0.5, rtol=1e-12):
            pytest.fail("weights_ stay uniform: the M-step sets w_k = N_k / n")
        if np.allclose(b.weights_, initial_params(X, centers)[0], rtol=1e-10):
            pytest.fail(
                "weights_ are still the initial ones: every M-step must update them, w_k = N_k / n"
            )
    np.testing.assert_allclose(b.weights_, expected[0], rtol=1e-8, err_msg="weights_ = N_k / n")
    if not np.allclose(b.covariances_, expected[2], rtol=1e-8):
        wrong = {
            "the OLD means (from before the M-step) inside the covariance": m_step(
                X, R, centre=a.means_
            )[2],
            "a division by n instead of N_k": m_step(X, R)[2] * (N / len(X))[:, None, None]
            + REG * (1 - N / len(X))[:, None, None] * np.eye(2),
            "a division by N_k - 1 instead of N_k": (m_step(X, R, reg=0.0)[2])
            * (N / (N - 1))[:, None, None]
            + REG * np.eye(2),
            "no reg_covar": m_step(X, R, reg=0.0)[2],
            "every sample weighted 1 instead of r_ik": np.array(
                [
                    (X - mu).T @ (X - mu) / n_k + REG * np.eye(2)
                    for mu, n_k in zip(expected[1], N, strict=True)
                ]
            ),
            "the global mean of X inside the covariance": m_step(
                X, R, centre=np.tile(X.mean(axis=0), (2, 1))
            )[2],
        }
        for name, covs in wrong.items():
            if np.allclose(b.covariances_, covs, rtol=1e-8):
                pytest.fail(f"covariances_ follow the M-step with {name}")
    assert_params_close(b, expected, "one M-step on the previous fit's responsibilities")


def test_initialization_is_a_hard_assignment_then_an_m_step():
    X, centers = overlapping(8)
    gm = mod.GaussianMixture(n_components=2, max_iter=1, tol=0.0, means_init=centers).fit(X)
    start = initial_params(X, centers)
    own = gm.score_samples(X).mean()
    if not np.isclose(own, mixture_logpdf(X, *params_of(gm)).mean(), rtol=1e-9):
        pytest.fail(
            "the log-density itself is wrong: score_samples on the fitted parameters differs "
            "from scipy's (check log N(x | mu, S) = -1/2 (d log(2 pi) + log det S + "
            "Mahalanobis) and the log w_k terms)"
        )
    np.testing.assert_allclose(
        gm.lower_bounds_,
        [mixture_logpdf(X, *start).mean()],
        rtol=1e-10,
        err_msg="lower_bounds_[0] must be the mean log-likelihood of the INITIAL parameters: "
        "each sample hard-assigned to its nearest center of means_init, then one M-step",
    )
    assert_params_close(
        gm, m_step(X, responsibilities(X, *start)), "one EM iteration from the initialization"
    )


def test_initial_hard_assignment_breaks_ties_to_the_lowest_index():
    # x = 1 is exactly as far from the center 0 as from the center 2.
    X = np.array([[0.0], [0.5], [1.0], [2.0], [2.5]])
    centers = np.array([[0.0], [2.0]])
    gm = mod.GaussianMixture(n_components=2, max_iter=1, tol=0.0, means_init=centers).fit(X)
    low_start = initial_params(X, centers)
    high_start = m_step(X, np.eye(2)[[0, 0, 1, 1, 1]])
    low = mixture_logpdf(X, *low_start).mean()
    high_means = m_step(X, responsibilities(X, *high_start))[1]
    if np.allclose(gm.means_, high_means, rtol=1e-9):
        pytest.fail(
            "the sample at equal distance from two initial centers went to the HIGHER index: "
            "ties in the initial hard assignment go to the lowest index (np.argmin)"
        )
    np.testing.assert_allclose(
        gm.lower_bounds_[0],
        low,
        rtol=1e-10,
        err_msg="lower_bounds_[0]: the initial parameters from the hard assignment "
        "[0, 0, 0, 1, 1] (each sample to its NEAREST center, the tie at x = 1 to the lowest "
        "index)",
    )
    assert_params_close(
        gm, m_step(X, responsibilities(X, *low_start)), "one EM iteration after the tie"
    )


def test_predict_uses_the_weights():
    # A heavy component (190 points) and a light one (10): between them, the weighted
    # posterior and the bare densities disagree on a band of points.
    rng = np.random.default_rng(27)
    X = np.vstack([rng.normal(size=(190, 1)), rng.normal(size=(10, 1)) * 0.8 + 4.0])
    gm = mod.GaussianMixture(n_components=2, means_init=[[0.0], [4.0]]).fit(X)
    grid = np.linspace(-2.0, 6.0, 161)[:, None]
    weighted = log_joint(grid, *params_of(gm)).argmax(axis=1)
    bare = (log_joint(grid, *params_of(gm)) - np.log(gm.weights_)).argmax(axis=1)
    assert np.any(weighted != bare), "the data were built so that the weights matter"
    ours = gm.predict(grid)
    if np.array_equal(ours, bare):
        pytest.fail(
            "predict is the argmax of the densities N_k(x) alone: it must be the argmax of "
            "the posterior, log w_k + log N_k(x) (the weights matter)"
        )
    np.testing.assert_array_equal(
        ours, weighted, err_msg="predict = argmax_k (log w_k + log N_k(x))"
    )


def test_a_singular_covariance_without_reg_covar_is_a_value_error():
    # reg_covar=0 and a component on 8 identical points: its covariance is exactly 0.
    X, centers = collapse_data()
    try:
        mod.GaussianMixture(n_components=2, reg_covar=0.0, means_init=centers).fit(X)
    except ValueError as exc:
        assert "reg_covar" in str(exc), (
            f"fit raised {type(exc).__name__}({exc!r}): the message must tell to increase "
            "reg_covar (catch np.linalg.LinAlgError from the Cholesky factorization)"
        )
    except (FloatingPointError, ZeroDivisionError) as exc:
        pytest.fail(
            f"fit raised {exc!r} on a singular covariance (reg_covar=0): detect it (the "
            "Cholesky factorization fails) and raise a ValueError telling to increase reg_covar"
        )
    else:
        pytest.fail(
            "reg_covar=0 with a component on 8 identical points fitted without an error: its "
            "covariance is singular; raise a ValueError telling to increase reg_covar"
        )


def test_tol_zero_never_stops_early():
    # With one component the parameters repeat exactly: every change is 0, never < 0.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    gm = mod.GaussianMixture(tol=0.0, max_iter=4).fit(X)
    assert (gm.n_iter_, bool(gm.converged_)) == (4, False), (
        f"tol=0 gave n_iter_ = {gm.n_iter_}, converged_ = {gm.converged_}: the rule is "
        "STRICTLY below tol (|L_t - L_(t-1)| < tol, as scikit-learn), so a change of exactly "
        "0 does not stop EM when tol = 0; expected 4 iterations, not converged"
    )


def test_the_first_iteration_never_counts_as_converged():
    # Two points at +-s with s^2 = 1 / (2 pi e): the mean log-likelihood is ~0 (|L_1| < tol).
    s = np.sqrt(1.0 / (2.0 * np.pi * np.e))
    gm = mod.GaussianMixture().fit([[-s], [s]])
    assert abs(gm.lower_bounds_[0]) < 1e-3, "the data were built so that L_1 is ~0"
    assert gm.n_iter_ == 2, (
        f"n_iter_ = {gm.n_iter_} on data whose first mean log-likelihood is ~0: the previous "
        "value before iteration 1 is -inf (no change can be below tol yet), not 0"
    )


def test_an_empty_component_gives_no_nan():
    # A third center that no sample is nearest to: its N_k is 0 from the start.
    X, centers = overlapping(26)
    X, centers = X + 20.0, centers + 20.0
    far = np.vstack([centers, [[-50.0, -50.0]]])
    diagnosis = (
        "a component that no sample is nearest to has N_k = 0, and its mean is 0/0: add "
        "10 * machine epsilon to N_k before dividing (as scikit-learn)"
    )
    with fp_diagnosis(diagnosis):
        three = mod.GaussianMixture(n_components=3, means_init=far).fit(X)
    assert np.all(np.isfinite(three.means_)) and np.all(np.isfinite(three.covariances_)), diagnosis
    assert three.weights_[2] < 1e-12, (
        f"weights_ = {three.weights_}: the empty component must keep a weight ~ 0"
    )
    two = mod.GaussianMixture(n_components=2, means_init=centers).fit(X)
    np.testing.assert_allclose(
        three.means_[:2],
        two.means_,
        rtol=1e-9,
        err_msg="with an empty third component, the other two fit as a 2-component mixture",
    )


def test_score_samples_is_the_mixture_log_density():
    X, _ = three_blobs(1)
    gm = mod.GaussianMixture(n_components=3, means_init=BLOB_CENTERS).fit(X)
    X_new = np.random.default_rng(1).uniform(-3, 9, size=(40, 2))
    ours = gm.score_samples(X_new)
    lj = log_joint(X_new, *params_of(gm))
    special = import_scipy("special")
    want = special.logsumexp(lj, axis=1)
    if not np.allclose(ours, want, rtol=1e-9):
        if np.allclose(ours, special.logsumexp(lj - np.log(gm.weights_), axis=1), rtol=1e-9):
            pytest.fail(
                "score_samples ignores the weights: log p(x) = logsumexp_k (log w_k + log N_k(x))"
            )
        offset = ours - want
        if np.allclose(offset, offset[0], rtol=1e-9, atol=1e-9):
            pytest.fail(
                f"score_samples is off by the constant {offset[0]:.6f} at every point "
                f"((d/2) log(2 pi) = {np.log(2 * np.pi):.6f} for d = 2): check the "
                "normalizing constant -(d/2) log(2 pi) - (1/2) log det S"
            )
    np.testing.assert_allclose(
        ours, want, rtol=1e-9, err_msg="score_samples vs scipy's log-density"
    )


def test_predict_proba_are_the_posterior_responsibilities():
    X, _ = three_blobs(2)
    gm = mod.GaussianMixture(n_components=3, means_init=BLOB_CENTERS).fit(X)
    X_new = np.random.default_rng(2).uniform(-3, 9, size=(40, 2))
    proba = gm.predict_proba(X_new)
    assert proba.shape == (40, 3), f"predict_proba has shape {proba.shape}, expected (40, 3)"
    np.testing.assert_allclose(
        proba.sum(axis=1),
        1.0,
        rtol=1e-12,
        err_msg="rows of predict_proba must sum to 1: divide w_k N_k(x) by p(x) = "
        "sum_j w_j N_j(x) (subtract log p(x) in log space)",
    )
    np.testing.assert_allclose(
        proba,
        responsibilities(X_new, *params_of(gm)),
        rtol=1e-9,
        atol=1e-12,
        err_msg="predict_proba = w_k N_k(x) / sum_j w_j N_j(x)",
    )
    np.testing.assert_array_equal(
        gm.predict(X_new), proba.argmax(axis=1), err_msg="predict = argmax"
    )


def test_points_far_from_every_component_do_not_underflow():
    X, _ = three_blobs(3)
    gm = mod.GaussianMixture(n_components=3, means_init=BLOB_CENTERS).fit(X)
    far = np.array([[1e3, 1e3], [-1e3, 500.0], [40.0, -60.0]])
    diagnosis = (
        "for a point far from every component, exp(log w_k + log N_k(x)) underflows to 0 for "
        "all k and the responsibilities are 0/0: normalize in log space with log-sum-exp "
        "(subtract the row maximum before exponentiating)"
    )
    proba, error = run_numerically(gm.predict_proba, far)
    assert error is None and np.all(np.isfinite(proba)), (
        f"predict_proba(far) = {proba}: {diagnosis}"
    )
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg=diagnosis)
    with fp_diagnosis(diagnosis):
        score = gm.score_samples(far)
    np.testing.assert_allclose(
        score, mixture_logpdf(far, *params_of(gm)), rtol=1e-9, err_msg="score_samples far away"
    )


def test_fit_survives_an_outlier_far_from_everything():
    X, _ = three_blobs(4)
    X = np.vstack([X, [[300.0, -300.0]]])
    with fp_diagnosis(
        "fit failed on data with one far outlier: its densities underflow to 0 under every "
        "component; compute the responsibilities with log-sum-exp"
    ):
        gm = mod.GaussianMixture(n_components=3, means_init=BLOB_CENTERS).fit(X)
    assert np.all(np.isfinite(gm.means_)) and np.all(np.isfinite(gm.covariances_))


@pytest.mark.parametrize("std", [1e-2, 1e2], ids=["det underflows", "det overflows"])
def test_log_determinant_in_high_dimension(std):
    # 120 features with variance 1e-4 (or 1e4): det(S) ~ 1e-480 (or 1e480) is out of range.
    X = np.random.default_rng(5).normal(scale=std, size=(400, 120))
    diagnosis = (
        f"with 120 features of variance {std**2:g}, det(S) is out of float64's range: take "
        "log det S = 2 sum log diag(cholesky(S)) (or np.linalg.slogdet), never log(det(S))"
    )
    with fp_diagnosis(diagnosis):
        gm = mod.GaussianMixture(n_components=1).fit(X)
        score = gm.score_samples(X[:5])
    assert np.all(np.isfinite(score)), f"score_samples = {score}: {diagnosis}"
    np.testing.assert_allclose(
        score, mixture_logpdf(X[:5], *params_of(gm)), rtol=1e-8, err_msg=diagnosis
    )


def collapse_data():
    """Eight copies of (5, 5) and a blob at the origin: component 0 collapses onto the copies."""
    blob = np.random.default_rng(6).normal(size=(100, 2))
    return np.vstack([np.tile([5.0, 5.0], (8, 1)), blob]), np.array([[5.0, 5.0], [0.0, 0.0]])


@pytest.mark.parametrize("reg_covar", [1e-6, 1e-3])
def test_reg_covar_keeps_a_collapsing_component_positive_definite(reg_covar):
    X, centers = collapse_data()
    try:
        gm = mod.GaussianMixture(n_components=2, reg_covar=reg_covar, means_init=centers).fit(X)
    except (ValueError, FloatingPointError, ZeroDivisionError) as exc:
        pytest.fail(
            f"fit raised {exc!r} on a component that holds 8 identical points: its empirical "
            "covariance is 0 (singular). Add reg_covar to the diagonal of every covariance in "
            "the M-step (and in the initial one)"
        )
    np.testing.assert_allclose(
        gm.covariances_[0],
        reg_covar * np.eye(2),
        atol=1e-12,
        err_msg="a component on identical points has covariance exactly reg_covar * I",
    )
    assert np.linalg.eigvalsh(gm.covariances_).min() >= reg_covar * (1 - 1e-9)
    np.testing.assert_allclose(gm.weights_, [8 / 108, 100 / 108], rtol=1e-9, err_msg="weights_")
    assert np.all(np.isfinite(gm.score_samples(X[:3])))


def test_lower_bound_is_the_mean_log_likelihood_before_the_last_m_step():
    X, centers = overlapping(9)
    a = mod.GaussianMixture(n_components=2, max_iter=3, tol=0.0, means_init=centers).fit(X)
    b = mod.GaussianMixture(n_components=2, max_iter=4, tol=0.0, means_init=centers).fit(X)
    before = mixture_logpdf(X, *params_of(a)).mean()
    after = mixture_logpdf(X, *params_of(b)).mean()
    if np.isclose(b.lower_bound_, len(X) * before, rtol=1e-9):
        pytest.fail("lower_bound_ is the SUM of log p(x_i) over samples: take the mean")
    if np.isclose(b.lower_bound_, after, rtol=1e-11) and not np.isclose(before, after, rtol=1e-11):
        pytest.fail(
            "lower_bound_ is the log-likelihood of the FINAL parameters; as scikit-learn it is "
            "the one computed by the last E-step, before the last M-step"
        )
    np.testing.assert_allclose(b.lower_bound_, before, rtol=1e-10, err_msg="lower_bound_")
    assert b.lower_bounds_[-1] == b.lower_bound_, "lower_bounds_[-1] must be lower_bound_"


@pytest.mark.parametrize("seed", SEEDS)
def test_log_likelihood_never_decreases(seed):
    X, _ = overlapping(10 + seed)
    bad_start = np.array([[-2.0, -2.0], [-1.8, -2.1], [-2.2, -1.7]])  # three centers in a corner
    full = mod.GaussianMixture(n_components=3, max_iter=30, tol=0.0, means_init=bad_start).fit(X)
    history = np.asarray(full.lower_bounds_)
    assert history.shape == (30,), (
        f"lower_bounds_ has shape {history.shape}: one entry per iteration"
    )
    steps = np.diff(history)
    assert np.all(steps >= -1e-10), (
        f"the mean log-likelihood went DOWN at iterations {np.flatnonzero(steps < -1e-10) + 2}: "
        "EM can only raise it. Check the M-step (weights, means, then covariances around the "
        "new means, each term weighted by r_ik)"
    )
    # Independently: the log-likelihood of the fit after t iterations, recomputed by scipy.
    recomputed = [
        mixture_logpdf(
            X, *params_of(mod.GaussianMixture(3, max_iter=t, tol=0.0, means_init=bad_start).fit(X))
        ).mean()
        for t in range(1, 7)
    ]
    assert np.all(np.diff(recomputed) >= -1e-10), (
        f"log-likelihood after 1..6 iterations: {recomputed}"
    )
    np.testing.assert_allclose(
        history[1:7],
        recomputed,
        rtol=1e-10,
        err_msg="lower_bounds_[t] = log-likelihood after t iterations",
    )


def test_stops_at_the_first_change_below_tol():
    X, centers = overlapping(13)
    gm = mod.GaussianMixture(n_components=2, tol=1e-4, means_init=centers).fit(X)
    history = np.asarray(gm.lower_bounds_)
    assert gm.converged_ is True or gm.converged_ == np.True_, "EM should converge here"
    assert len(history) == gm.n_iter_, "lower_bounds_ has one entry per iteration (n_iter_)"
    changes = np.abs(np.diff(history))
    assert changes[-1] < 1e-4 and np.all(changes[:-1] >= 1e-4), (
        f"changes |L_t - L_(t-1)| = {changes}: stop after the FIRST iteration whose change is "
        "below tol (the absolute change of the mean log-likelihood, as scikit-learn)"
    )
    capped = mod.GaussianMixture(n_components=2, max_iter=3, tol=1e-4, means_init=centers).fit(X)
    assert capped.n_iter_ == 3 and not capped.converged_, (
        f"max_iter=3: n_iter_ = {capped.n_iter_}, converged_ = {capped.converged_}; "
        "expected 3 and False"
    )


# --- properties of the fit -------------------------------------------------------------------


def test_recovers_well_separated_blobs():
    X, y = three_blobs(14)
    gm = mod.GaussianMixture(n_components=3, means_init=BLOB_CENTERS + 0.5).fit(X)
    np.testing.assert_array_equal(gm.predict(X), y, err_msg="three well-separated blobs")
    np.testing.assert_allclose(
        gm.means_, BLOB_CENTERS, atol=0.25, err_msg="means near the blob centers"
    )
    np.testing.assert_allclose(gm.weights_, [120 / 270, 90 / 270, 60 / 270], atol=1e-3)


@pytest.mark.parametrize("seed", SEEDS)
def test_parameters_are_a_valid_mixture(seed):
    X, _ = three_blobs(seed + 15)
    gm = mod.GaussianMixture(n_components=4, random_state=seed).fit(X)
    assert gm.weights_.shape == (4,) and gm.means_.shape == (4, 2)
    assert gm.covariances_.shape == (4, 2, 2), f"covariances_ has shape {gm.covariances_.shape}"
    np.testing.assert_allclose(gm.weights_.sum(), 1.0, rtol=1e-12, err_msg="weights_ sum to 1")
    np.testing.assert_allclose(gm.covariances_, np.swapaxes(gm.covariances_, 1, 2), atol=1e-12)
    assert np.linalg.eigvalsh(gm.covariances_).min() > 0, "covariances must be positive definite"
    for name in ("weights_", "means_", "covariances_"):
        assert getattr(gm, name).dtype == np.float64, f"{name} is not float64"
    assert isinstance(gm.lower_bound_, float), f"lower_bound_ is a {type(gm.lower_bound_)}"
    assert isinstance(gm.n_iter_, int | np.integer) and 1 <= gm.n_iter_ <= 100
    assert gm.n_features_in_ == 2


def test_random_init_draws_distinct_samples():
    # k = n: with distinct draws every sample seeds its own component (weight 1/6 each).
    X = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0], [3.0, 3.0], [6.0, 0.0], [0.0, 6.0]])
    for seed in range(5):
        gm = mod.GaussianMixture(n_components=6, max_iter=1, tol=0.0, random_state=seed).fit(X)
        assert np.allclose(np.sort(gm.weights_), 1 / 6, rtol=1e-9), (
            f"random_state={seed}: weights_ {np.round(gm.weights_, 4)} with 6 components on "
            "6 points: the initial centers must be k DISTINCT samples (rng.choice(n, k, "
            "replace=False))"
        )


# --- randomness --------------------------------------------------------------------------------


@pytest.fixture
def restore_global_seed():
    state = np.random.get_state()  # noqa: NPY002
    yield
    np.random.set_state(state)  # noqa: NPY002


@pytest.mark.usefixtures("restore_global_seed")
def test_same_random_state_gives_the_same_fit_whatever_the_global_seed():
    X, _ = three_blobs(16)
    fits = []
    for global_seed in (0, 1):
        np.random.seed(global_seed)  # noqa: NPY002
        fits.append(mod.GaussianMixture(n_components=3, max_iter=5, random_state=7).fit(X))
    assert np.array_equal(fits[0].means_, fits[1].means_), (
        "GaussianMixture(random_state=7) gave two different fits: draw the initial centers "
        "from check_random_state(random_state), never from np.random's global state"
    )


def test_a_generator_is_accepted_and_seeds_matter():
    X, _ = three_blobs(17)
    a = mod.GaussianMixture(3, max_iter=2, random_state=np.random.default_rng(3)).fit(X)
    b = mod.GaussianMixture(3, max_iter=2, random_state=np.random.default_rng(3)).fit(X)
    np.testing.assert_array_equal(a.means_, b.means_, err_msg="same generator state, same fit")
    starts = {
        mod.GaussianMixture(3, max_iter=1, random_state=s).fit(X).means_.round(8).tobytes()
        for s in range(8)
    }
    assert len(starts) > 1, (
        "8 different random_state values gave the same fit: the seed is ignored"
    )


def test_m_step_equations_hold_with_a_random_start():
    X, _ = three_blobs(18)
    a = mod.GaussianMixture(n_components=3, max_iter=3, tol=0.0, random_state=5).fit(X)
    b = mod.GaussianMixture(n_components=3, max_iter=4, tol=0.0, random_state=5).fit(X)
    assert_params_close(
        b, m_step(X, responsibilities(X, *params_of(a))), "M-step with random_state"
    )


# --- agreement with scikit-learn --------------------------------------------------------------


@pytest.mark.parametrize("case", ["separated blobs", "overlapping"])
def test_matches_sklearn_from_the_same_initial_parameters(case):
    if case == "separated blobs":
        X, _ = three_blobs(19)
        centers = BLOB_CENTERS + np.array([[0.5, -0.5], [-0.5, 0.5], [0.5, 0.5]])
    else:
        X, centers = overlapping(20)
    k = len(centers)
    ours = mod.GaussianMixture(n_components=k, tol=1e-6, max_iter=300, means_init=centers).fit(X)
    w0, mu0, cov0 = initial_params(X, centers)
    mixture = import_sklearn("mixture")
    ref = mixture.GaussianMixture(
        n_components=k,
        tol=1e-6,
        max_iter=300,
        weights_init=w0,
        means_init=mu0,
        precisions_init=np.linalg.inv(cov0),
    ).fit(X)
    assert (ours.n_iter_, bool(ours.converged_)) == (ref.n_iter_, ref.converged_), (
        f"n_iter_, converged_ = {ours.n_iter_}, {ours.converged_}; scikit-learn: {ref.n_iter_}, "
        f"{ref.converged_}"
    )
    for name in ("weights_", "means_", "covariances_"):
        np.testing.assert_allclose(
            getattr(ours, name),
            getattr(ref, name),
            rtol=1e-8,
            atol=1e-10,
            err_msg=f"{name} differs from scikit-learn's from the same initial parameters",
        )
    np.testing.assert_allclose(
        ours.lower_bound_, ref.lower_bound_, rtol=1e-10, err_msg="lower_bound_"
    )
    np.testing.assert_allclose(
        ours.lower_bounds_, ref.lower_bounds_, rtol=1e-10, err_msg="lower_bounds_"
    )
    X_new = np.random.default_rng(21).uniform(-3, 8, size=(30, 2))
    np.testing.assert_allclose(ours.score_samples(X_new), ref.score_samples(X_new), rtol=1e-8)
    np.testing.assert_allclose(ours.predict_proba(X_new), ref.predict_proba(X_new), atol=1e-9)


# --- inputs and errors -----------------------------------------------------------------------


def test_fit_accepts_and_ignores_y():
    X, y = three_blobs(22)
    a = mod.GaussianMixture(3, means_init=BLOB_CENTERS).fit(X)
    b = mod.GaussianMixture(3, means_init=BLOB_CENTERS).fit(X, y)
    np.testing.assert_array_equal(a.means_, b.means_, err_msg="fit(X, y) must ignore y")


def test_inputs_are_not_modified():
    X, _ = three_blobs(23)
    centers = BLOB_CENTERS.copy()
    with inputs_unchanged("fit", X=X, means_init=centers):
        gm = mod.GaussianMixture(3, means_init=centers).fit(X)
    for method in ("predict", "predict_proba", "score_samples"):
        with inputs_unchanged(method, X=X):
            getattr(gm, method)(X)


def small_data():
    return np.random.default_rng(24).normal(size=(10, 2))


@pytest.mark.parametrize(
    "params, name",
    [
        ({"n_components": 0}, "n_components"),
        ({"n_components": 11}, "n_components"),
        ({"n_components": 1.5}, "n_components"),
        ({"max_iter": 0}, "max_iter"),
        ({"tol": -1e-3}, "tol"),
        ({"reg_covar": -1e-6}, "reg_covar"),
        ({"random_state": "seed"}, "random_state"),
        ({"means_init": np.zeros((3, 2))}, "means_init"),
        ({"means_init": np.zeros((2, 3))}, "means_init"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error(params, name):
    X = small_data()
    mod.GaussianMixture(n_components=2, random_state=0).fit(X)
    params = {"n_components": 2, **params}
    with pytest.raises(ValueError, match=name):
        mod.GaussianMixture(**params).fit(X)


@pytest.mark.parametrize(
    "X, match", [([[0.0, np.nan], [1.0, 1.0]], "NaN"), ([1.0, 2.0, 3.0], "2-D")]
)
def test_bad_x_is_a_value_error(X, match):
    mod.GaussianMixture(random_state=0).fit(small_data())
    with pytest.raises(ValueError, match=match):
        mod.GaussianMixture().fit(X)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score_samples"])
def test_a_different_feature_count_is_a_value_error(method):
    gm = mod.GaussianMixture(random_state=0).fit(small_data())
    with pytest.raises(ValueError, match="features"):
        getattr(gm, method)(np.zeros((3, 3)))


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score_samples"])
def test_use_before_fit_is_a_not_fitted_error(method):
    mod.GaussianMixture(random_state=0).fit(small_data()).predict(small_data())
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod.GaussianMixture(), method)(small_data())


# --- complexity, without a clock: Python lines counted -----------------------------------


def test_no_python_loop_over_samples():
    # 3000 samples, initialization and 3 EM iterations: whole-array code runs a few hundred
    # Python lines (a loop over the k components included); a loop over the samples in the
    # E- or M-step runs at least 3000 per iteration.
    X = np.random.default_rng(25).normal(size=(3000, 4))
    model = mod.GaussianMixture(n_components=4, max_iter=3, tol=0.0, random_state=0)
    budget = 1500
    lines = python_lines(model.fit, X, budget=budget)
    assert lines <= budget, (
        f"fit ran more than {budget} lines of Python for 3 EM iterations on 3000 samples: is "
        "there a Python loop over the samples? Loop over the k components only; within one, "
        "act on all samples at once ((X - mu) @ inv(L).T, r_k * diff.T @ diff)"
    )
