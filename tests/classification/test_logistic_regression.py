"""Tests for classification/logistic_regression: binary logistic regression with L2 penalty."""

import math

import numpy as np
import pytest

from kata.datasets import load_breast_cancer, make_logistic
from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, python_lines
from kata.validation import NotFittedError

mod = load_kata("classification/logistic_regression")

#: Step size and budget under which plain gradient descent converges (to tol = 1e-8) on
#: standardized toy data: the objective divided by n*C has curvature below 1 there.
GD = {"solver": "gd", "learning_rate": 1.0, "max_iter": 5000}
#: Newton's method reaches tol = 1e-8 in about ten iterations on these problems.
NEWTON_ITERATIONS = 20
SOLVERS = ["newton", "gd"]


def make_data(seed, n=120, d=3, intercept=1.0, scale=2.0):
    X, y, _ = make_logistic(n, d, scale=scale, intercept=intercept, random_state=seed)
    return X, y


def fit(X, y, solver="newton", **params):
    """Fit to convergence: the default solver, or gradient descent with a safe step."""
    base = GD if solver == "gd" else {}
    return mod.LogisticRegression(**{**base, **params}).fit(X, y)


# --- the test's own oracles ----------------------------------------------------------------


def stable_sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def objective_gradient(X, t, w, b, C):
    """Gradient of J(w, b) = 1/2 ||w||^2 + C * sum_i logloss_i, with t in {0, 1}."""
    r = stable_sigmoid(X @ w + b) - t
    return w + C * (X.T @ r), C * r.sum()


def mean_objective(X, t, w, b, C):
    """J / (n C) = mean logloss + ||w||^2 / (2 n C): what loss_history_ records."""
    z = X @ w + b
    n = X.shape[0]
    return np.mean(np.logaddexp(0.0, -(2 * t - 1) * z)) + (w @ w) / (2 * n * C)


def params(model):
    return np.asarray(model.coef_)[0], float(np.asarray(model.intercept_)[0])


# --- small cases worked out by hand -------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_symmetric_two_point_problem_has_the_hand_solution(solver):
    # b = 0 by symmetry; dJ/dw = w - 2C sigmoid(-w) = 0 at w = ln 3 when C = 2 ln 3.
    model = fit(np.array([[-1.0], [1.0]]), np.array([0, 1]), solver, C=2 * math.log(3.0))
    np.testing.assert_allclose(
        model.coef_,
        [[math.log(3.0)]],
        rtol=1e-6,
        err_msg=f"solver={solver!r}: dJ/dw = w - 2 C sigmoid(-w) vanishes at w = ln 3 for "
        "C = 2 ln 3. Another value: does C weight the loss (penalty weight 1 / (n C) once "
        "divided by n C, not C / n)? Is the gradient a mean, X^T (p - t) / n?",
    )
    np.testing.assert_allclose(
        model.intercept_, [0.0], atol=1e-7, err_msg=f"solver={solver!r}: b = 0 by symmetry"
    )
    proba = model.predict_proba([[1.0]])
    assert not np.allclose(proba, [[0.75, 0.25]], rtol=1e-6), (
        f"predict_proba([[1]]) is {proba.round(4)}: the columns are swapped. Column j is "
        "P(y = classes_[j]), so column 1 is sigmoid(z) (here 3/4)"
    )
    np.testing.assert_allclose(
        proba,
        [[0.25, 0.75]],
        rtol=1e-6,
        err_msg="predict_proba([[1]]) = [1 - sigmoid(ln 3), sigmoid(ln 3)] = [1/4, 3/4]",
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_intercept_only_problem_gives_the_log_odds_of_the_class_frequency(solver):
    # With all-zero features only b matters, and dJ/db = C * sum(p - t) = 0 gives
    # sigmoid(b) = fraction of positives = 1/4, so b = log(1/3) = -ln 3, for any C.
    X = np.zeros((8, 2))
    y = np.array([0, 0, 0, 1, 0, 0, 1, 0])
    model = fit(X, y, solver, C=0.5)
    b = float(np.asarray(model.intercept_)[0])
    assert abs(b - (-math.log(3.0))) < 1e-6, (
        f"intercept_ is {b:.6f}, expected log-odds -ln 3 = {-math.log(3.0):.6f}. "
        + (
            "It is shrunk towards 0: the intercept must not be penalized "
            "(the penalty is 1/2 ||w||^2, without b)."
            if -math.log(3.0) < b < 0
            else "Check the sign and the scale of the intercept's gradient, mean(p - t)."
        )
    )
    np.testing.assert_allclose(
        model.coef_, [[0.0, 0.0]], atol=1e-12, err_msg="all-zero features give w = 0"
    )
    np.testing.assert_allclose(
        model.predict_proba(X),
        np.tile([0.75, 0.25], (8, 1)),
        rtol=1e-6,
        err_msg="with no signal, P(classes_[1]) is the fraction of positives, 1/4",
    )


def test_first_gradient_step_from_zero():
    # From w = 0, b = 0 every p is 1/2: one step moves w to -lr * X^T (1/2 - t) / n.
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -1.0]])
    y = np.array([1, 0, 1])
    t = y.astype(float)
    lr = 0.3
    model = mod.LogisticRegression(C=1.0, learning_rate=lr, max_iter=1, tol=0.0, solver="gd").fit(
        X, y
    )
    np.testing.assert_array_equal(
        model.classes_, [0, 1], err_msg="classes_ must be the SORTED unique labels"
    )
    expected_w = -lr * X.T @ (0.5 - t) / 3
    expected_b = -lr * np.mean(0.5 - t)
    assert np.allclose(model.coef_, [expected_w], rtol=1e-12), (
        f"after one step from w = 0, coef_ is {model.coef_}, expected {[expected_w]} = "
        "-learning_rate * X^T (p - t) / n: check the gradient's sign and its 1/n "
        "(the step is taken on the objective divided by n*C)"
    )
    np.testing.assert_allclose(
        model.intercept_,
        [expected_b],
        rtol=1e-12,
        err_msg="after one step, b = -learning_rate * mean(p - t)",
    )
    np.testing.assert_allclose(
        model.loss_history_,
        [math.log(2.0)],
        rtol=1e-12,
        err_msg="max_iter=1 must take one step, and the loss at w = 0, b = 0 is log 2",
    )


def newton_steps(X, t, C, k, fit_intercept=True):
    """The test's own Newton's method on L = J / (n C): k full steps from 0."""
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))]) if fit_intercept else X
    penalty = np.zeros(A.shape[1])
    penalty[:d] = 1.0 / (n * C)
    theta = np.zeros(A.shape[1])
    for _ in range(k):
        p = stable_sigmoid(A @ theta)
        g = A.T @ (p - t) / n + penalty * theta
        H = A.T @ (A * (p * (1 - p) / n)[:, None]) + np.diag(penalty)
        theta = theta - np.linalg.solve(H, g)
    return theta


def test_default_solver_is_newton_and_converges_in_a_few_iterations():
    X, y = make_data(0, n=200, d=4)
    model = mod.LogisticRegression().fit(X, y)  # tol = 1e-8, max_iter = 1000
    k = len(model.loss_history_)
    assert k <= NEWTON_ITERATIONS, (
        f"the default solver took {k} iterations to reach tol = 1e-8: is it still gradient "
        "descent? solver='newton' (the default) steps by H^-1 grad, the Hessian "
        "H = X^T S X / n + I / (nC) with S = diag(p (1 - p)), and converges in about ten; "
        "keep the fixed-step descent for solver='gd'. A Newton step that converges slowly "
        "has a Hessian that is not the gradient's derivative (the 1/n, the penalty's "
        "I / (nC)) or is scaled by learning_rate"
    )
    w, b = params(model)
    gw, gb = objective_gradient(X, y.astype(float), w, b, 1.0)
    assert max(np.max(np.abs(gw)), abs(gb)) / len(y) < 1e-8, (
        "the default solver stopped before the gradient of J / (n C) was below tol"
    )


def test_first_newton_step_from_zero():
    # At w = 0, b = 0 every p is 1/2 and S = 1/4: one full Newton step, H^-1 g, computed
    # here with np.linalg.solve (the full step decreases L here, so no line search cuts it).
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -1.0], [0.5, 0.5]])
    y = np.array([1, 0, 1, 0])
    t, C = y.astype(float), 0.7
    expected = newton_steps(X, t, C, 1)
    model = mod.LogisticRegression(C=C, max_iter=1, tol=0.0).fit(X, y)
    w, b = params(model)
    assert mean_objective(X, t, expected[:2], expected[2], C) < math.log(2.0)
    np.testing.assert_allclose(
        np.append(w, b),
        expected,
        rtol=1e-9,
        err_msg="one Newton step from 0 (max_iter=1) must be -H^-1 g, with the gradient g and "
        "the Hessian H both of L = J / (n C): H = [X 1]^T S [X 1] / n + diag(1/(nC), ..., 0), "
        "S = p (1 - p). The intercept's row and column have no penalty; the step has no "
        "learning_rate",
    )
    model = mod.LogisticRegression(C=C, max_iter=3, tol=0.0).fit(X, y)
    np.testing.assert_allclose(
        np.append(*params(model)),
        newton_steps(X, t, C, 3),
        rtol=1e-9,
        err_msg="max_iter=3, tol=0 must return the iterate after exactly three Newton steps "
        "(recompute p and the Hessian at every iterate)",
    )


def test_newton_without_intercept_has_no_intercept_row():
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -1.0], [0.5, 0.5]])
    y = np.array([1, 0, 1, 0])
    t = y.astype(float)
    model = mod.LogisticRegression(max_iter=2, tol=0.0, fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(
        params(model)[0],
        newton_steps(X, t, 1.0, 2, fit_intercept=False),
        rtol=1e-9,
        err_msg="with fit_intercept=False the Newton system is X^T S X / n + I / (nC) alone",
    )
    assert params(model)[1] == 0.0, "fit_intercept=False: the intercept stays exactly 0"


def test_C_inf_is_unpenalized_maximum_likelihood():
    # Overlapping classes: the unpenalized optimum is finite, and there the gradient of the
    # mean log-loss alone (no w / (nC) term) is 0.
    X, y = make_data(1, n=200, d=3, scale=1.0)
    t = y.astype(float)
    for solver in SOLVERS:
        model = fit(X, y, solver, C=np.inf)
        w, b = params(model)
        r = stable_sigmoid(X @ w + b) - t
        grad = np.append(X.T @ r, r.sum()) / len(y)
        assert np.max(np.abs(grad)) < 1e-7, (
            f"solver={solver!r}, C=np.inf: the gradient of the mean log-loss is "
            f"{grad.round(8)} at your solution, not 0. C = inf means no penalty: the penalty "
            "weight 1 / (n C) is 0 (1 / inf is 0.0 in NumPy; no special case needed)"
        )
        history = np.asarray(model.loss_history_)
        assert np.all(np.isfinite(history)), f"loss_history_ is not finite with C=inf: {history}"
        z = X @ w + b
        assert history[-1] == pytest.approx(np.mean(np.logaddexp(0.0, -(2 * t - 1) * z))), (
            "with C=inf loss_history_ records the mean log-loss alone"
        )


def test_C_inf_matches_sklearn_unpenalized():
    linear_model = import_sklearn("linear_model")
    X, y = make_data(2, n=150, d=3, scale=1.0)
    ours = mod.LogisticRegression(C=np.inf).fit(X, y)
    ref = linear_model.LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-10)
    ref.fit(X, y)
    np.testing.assert_allclose(
        np.append(ours.coef_, ours.intercept_),
        np.append(ref.coef_, ref.intercept_),
        rtol=1e-5,
        err_msg="C=np.inf must equal scikit-learn's unpenalized logistic regression",
    )


def test_a_logit_of_exactly_zero_predicts_classes_0():
    # One step from 0 on this symmetric pair gives w = 1/2 and b = 0 exactly (every p is
    # 1/2, so the intercept's gradient mean(1/2 - t) is exactly 0): at x = 0 the logit is 0.
    X = np.array([[-1.0], [1.0]])
    model = mod.LogisticRegression(learning_rate=1.0, max_iter=1, tol=0.0, solver="gd")
    model.fit(X, [0, 1])
    z = model.decision_function([[0.0]])
    assert z[0] == 0.0, f"expected w = 1/2, b = 0 after one step, so a logit of 0 at x = 0: {z}"
    np.testing.assert_array_equal(
        model.predict_proba([[0.0]]), [[0.5, 0.5]], err_msg="a logit of 0 is P = 1/2 each"
    )
    assert model.predict([[0.0]])[0] == 0, (
        "a logit of exactly 0 (P = 1/2) must predict classes_[0]: classes_[1] needs a logit "
        "> 0, as in scikit-learn; did you use >= 0 (or P >= 0.5)?"
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_start_that_is_already_optimal_records_one_loss_and_stops(solver):
    # No signal in X and balanced classes: at w = 0, b = 0 the gradient is exactly 0.
    X = np.zeros((4, 2))
    model = mod.LogisticRegression(solver=solver).fit(X, [0, 1, 1, 0])
    assert len(model.loss_history_) == 1, (
        f"loss_history_ has {len(model.loss_history_)} entries, expected 1: the gradient is "
        "exactly 0 at the start, so the first iteration appends L(0, 0) = log 2 and then stops "
        "(append the loss first, then test the gradient against tol)"
    )
    assert model.loss_history_[0] == pytest.approx(math.log(2.0), rel=1e-12)
    np.testing.assert_array_equal(model.coef_, [[0.0, 0.0]], err_msg="no step from an optimum")
    np.testing.assert_array_equal(model.intercept_, [0.0], err_msg="no step from an optimum")


@pytest.mark.parametrize("solver", SOLVERS)
def test_without_intercept_the_intercept_stays_zero(solver):
    X = np.array([[1.0, 0.0], [2.0, 1.0], [0.5, -1.0], [-1.0, 0.5], [-2.0, -0.5]])
    y = np.array([1, 1, 0, 0, 1])
    model = fit(X, y, solver, fit_intercept=False)
    assert np.array_equal(model.intercept_, [0.0]), (
        f"fit_intercept=False but intercept_ is {model.intercept_}: b must stay 0"
    )
    gw, _ = objective_gradient(X, y.astype(float), params(model)[0], 0.0, 1.0)
    np.testing.assert_allclose(gw, 0.0, atol=1e-6, err_msg="w is not optimal for b = 0")


def test_fitted_attributes_have_the_documented_shapes():
    X, y = make_data(0, n=40, d=4)
    model = mod.LogisticRegression()
    assert model.fit(X, y) is model, "fit must return self"
    assert model.coef_.shape == (1, 4), f"coef_ has shape {model.coef_.shape}, expected (1, 4)"
    assert model.intercept_.shape == (1,), f"intercept_ shape {model.intercept_.shape} != (1,)"
    assert model.coef_.dtype == np.float64 and model.intercept_.dtype == np.float64
    np.testing.assert_array_equal(model.classes_, [0, 1], err_msg="classes_ = sorted labels")
    z_shape = model.decision_function(X).shape
    assert z_shape == (40,), f"decision_function has shape {z_shape}, expected (n_samples,)"
    proba = model.predict_proba(X)
    assert proba.shape == (40, 2), f"predict_proba has shape {proba.shape}, expected (40, 2)"
    assert proba.dtype == np.float64
    assert model.predict(X).shape == (40,), "predict must return one label per sample"
    assert len(model.loss_history_) <= model.max_iter


# --- optimality: the test's own oracle, then scikit-learn --------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
@pytest.mark.parametrize("solver", SOLVERS)
def test_gradient_of_the_objective_vanishes_at_the_solution(seed, C, solver):
    X, y = make_data(seed)
    model = fit(X, y, solver, C=C)
    w, b = params(model)
    gw, gb = objective_gradient(X, y.astype(float), w, b, C)
    scale = X.shape[0] * C
    assert np.max(np.abs(gw)) / scale < 1e-6, (
        f"solver={solver!r}: the gradient of 1/2||w||^2 + C*sum(logloss) w.r.t. w is {gw} at "
        "your coef_, not 0: the penalty is 1/2 ||w||^2 (gradient w) and the loss is weighted "
        "by C (for Newton: the Hessian's penalty term is I / (nC), like the gradient's)"
    )
    assert abs(gb) / scale < 1e-6, (
        f"dJ/db = C * sum(p - t) is {gb:.3g} at your intercept_, not 0: "
        "is the intercept penalized, or missing from the logit?"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_mean_probability_equals_the_fraction_of_positives(seed):
    # dJ/db = C * sum(p - t) = 0: a property of the unpenalized intercept.
    X, y = make_data(seed, intercept=3.0)
    model = fit(X, y, C=0.05)
    mean_p = model.predict_proba(X)[:, 1].mean()
    assert abs(mean_p - y.mean()) < 1e-6, (
        f"mean predicted P(classes_[1]) is {mean_p:.6f} but the fraction of positives is "
        f"{y.mean():.6f}: with an unpenalized intercept they are equal at the optimum. "
        "Is b in the penalty (b^2 / (2nC)), or is the intercept not learned?"
    )


def test_matches_sklearn_with_strong_regularization_and_a_big_offset():
    linear_model = import_sklearn("linear_model")
    X, y = make_data(3, n=200, intercept=4.0)
    ours = fit(X, y, C=0.01)
    ref = linear_model.LogisticRegression(C=0.01, solver="newton-cholesky", tol=1e-10).fit(X, y)
    assert np.allclose(ours.intercept_, ref.intercept_, rtol=1e-3), (
        f"intercept_ is {ours.intercept_} but scikit-learn's is {ref.intercept_}: "
        "scikit-learn does not penalize the intercept; only w is in 1/2 ||w||^2"
    )
    np.testing.assert_allclose(
        ours.coef_, ref.coef_, rtol=1e-3, err_msg="coef_ must equal scikit-learn's at C=0.01"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_matches_sklearn(seed, fit_intercept):
    linear_model = import_sklearn("linear_model")
    X, y = make_data(seed, n=150, d=4)
    ours = fit(X, y, C=0.5, fit_intercept=fit_intercept)
    ref = linear_model.LogisticRegression(
        C=0.5, fit_intercept=fit_intercept, solver="newton-cholesky", tol=1e-10
    ).fit(X, y)
    rel = np.max(np.abs(ours.coef_ - ref.coef_)) / np.max(np.abs(ref.coef_))
    assert rel < 1e-3, (
        f"coef_ differs from scikit-learn's by {rel:.2e} (relative): the objective is "
        "1/2 ||w||^2 + C * sum_i logloss_i, not a mean, and not C * ||w||^2"
    )
    np.testing.assert_allclose(
        ours.intercept_, ref.intercept_, rtol=1e-3, atol=1e-6, err_msg="intercept_ vs sklearn"
    )
    np.testing.assert_allclose(
        ours.predict_proba(X), ref.predict_proba(X), atol=1e-4, err_msg="predict_proba vs sklearn"
    )


def test_matches_sklearn_on_standardized_breast_cancer_data():
    linear_model = import_sklearn("linear_model")
    data = load_breast_cancer()
    X = (data.X - data.X.mean(axis=0)) / data.X.std(axis=0)
    ours = mod.LogisticRegression(C=0.05).fit(X, data.y)
    ref = linear_model.LogisticRegression(C=0.05, solver="newton-cholesky", tol=1e-10).fit(
        X, data.y
    )
    rel = np.max(np.abs(ours.coef_ - ref.coef_)) / np.max(np.abs(ref.coef_))
    assert rel < 1e-3, f"coef_ differs from scikit-learn's by {rel:.2e} (relative)"
    assert len(ours.loss_history_) <= NEWTON_ITERATIONS, (
        f"{len(ours.loss_history_)} iterations on 30 correlated features: Newton's method "
        "needs about ten whatever the conditioning (gradient descent needs thousands)"
    )
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X), err_msg="labels vs sklearn")


# --- the role of C ------------------------------------------------------------------------


def test_larger_C_gives_larger_weights():
    X, y = make_data(4)
    norms = [np.linalg.norm(fit(X, y, C=C).coef_) for C in (0.01, 0.1, 1.0, 10.0)]
    assert np.all(np.diff(norms) > 0), (
        f"||coef_|| for C = 0.01, 0.1, 1, 10 is {np.round(norms, 4)}: it must grow with C. "
        "C is the INVERSE regularization strength (it weights the loss, not the penalty)."
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_duplicating_the_data_equals_doubling_C(seed):
    # 1/2||w||^2 + C * sum over two copies = 1/2||w||^2 + 2C * sum over one copy.
    X, y = make_data(seed, n=60)
    twice = fit(np.vstack([X, X]), np.concatenate([y, y]), C=0.3)
    once = fit(X, y, C=0.6)
    assert np.allclose(twice.coef_, once.coef_, rtol=1e-5), (
        f"fitting every sample twice with C = 0.3 gave coef_ {twice.coef_}, but one copy with "
        f"C = 0.6 gave {once.coef_}: they solve the same problem. The loss is a SUM over "
        "samples weighted by C (the penalty must shrink as 1/(nC) when you divide by n)."
    )


# --- invariants ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_does_not_change_the_model(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(len(y))
    a, b = fit(X, y), fit(X[perm], y[perm])
    np.testing.assert_allclose(
        a.coef_, b.coef_, rtol=1e-7, err_msg="the order of the samples must not matter"
    )
    np.testing.assert_allclose(
        a.intercept_, b.intercept_, rtol=1e-7, atol=1e-10, err_msg="sample order changed b"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_swapping_the_two_classes_negates_the_model(seed):
    X, y = make_data(seed)
    a, b = fit(X, y), fit(X, 1 - y)
    np.testing.assert_allclose(
        b.coef_, -a.coef_, rtol=1e-7, err_msg="swapping the classes must negate coef_"
    )
    np.testing.assert_allclose(
        b.intercept_, -a.intercept_, rtol=1e-7, err_msg="swapping the classes negates b"
    )
    np.testing.assert_allclose(
        b.predict_proba(X),
        a.predict_proba(X)[:, ::-1],
        atol=1e-10,
        err_msg="swapping the classes swaps the columns of predict_proba",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_probabilities_follow_the_logit(seed):
    X, y = make_data(seed)
    model = fit(X, y)
    z = model.decision_function(X)
    np.testing.assert_allclose(
        z,
        X @ model.coef_[0] + model.intercept_[0],
        rtol=1e-12,
        err_msg="decision_function must be X @ coef_[0] + intercept_[0]",
    )
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
    assert np.all((proba >= 0) & (proba <= 1))
    np.testing.assert_allclose(
        proba[:, 1],
        stable_sigmoid(z),
        rtol=1e-12,
        atol=1e-300,
        err_msg="predict_proba[:, 1] must be sigmoid(decision_function)",
    )
    np.testing.assert_array_equal(
        model.predict(X),
        model.classes_[(z > 0).astype(int)],
        err_msg="predict must give classes_[1] where the logit is > 0 (P(classes_[1]) > 1/2) "
        "and classes_[0] elsewhere",
    )


# --- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [("no", "yes"), (-1, 1), (3, 7), (-5, 10), ("apple", "zebra")],
    ids=["strings", "minus-one-plus-one", "three-seven", "negative-ints", "more-strings"],
)
def test_any_two_labels_give_the_same_model_as_0_1(labels):
    X, y01 = make_data(5, n=80)
    first_positive = int(np.argmax(y01 == 1))  # so the larger label comes first in y
    X, y01 = np.roll(X, -first_positive, axis=0), np.roll(y01, -first_positive)
    reference = fit(X, y01)
    low, high = sorted(labels)
    y = np.where(y01 == 1, high, low)  # classes_[1] = the larger label plays "1"
    try:
        model = fit(X, y)
    except (TypeError, ValueError) as exc:
        pytest.fail(
            f"fit with labels {labels} raised {type(exc).__name__}: {exc}. Labels are not "
            "always 0/1: set classes_ = sorted unique labels and use t = (y == classes_[1])."
        )
    np.testing.assert_array_equal(
        model.classes_,
        [low, high],
        err_msg=f"classes_ must be the sorted labels {[low, high]}, whatever their order in y",
    )
    assert np.allclose(model.coef_, reference.coef_, rtol=1e-10), (
        f"labels {labels} gave coef_ {model.coef_}, but the same data labelled 0/1 gave "
        f"{reference.coef_}: the labels were used as numbers. Map them to 0/1 through classes_."
    )
    np.testing.assert_array_equal(
        model.predict(X),
        np.where(reference.predict(X) == 1, high, low),
        err_msg="predict must return the original labels, mapped through classes_",
    )


def test_predict_proba_column_one_is_the_probability_of_classes_1():
    # "zebra" sorts after "apple": classes_ = ["apple", "zebra"], and zebra lives at x > 0.
    X = np.array([[-3.0], [-2.0], [-1.0], [0.5], [1.0], [2.0], [3.0], [-0.5]])
    y = np.array(["apple", "apple", "apple", "zebra", "zebra", "zebra", "zebra", "zebra"])
    model = fit(X, y)
    np.testing.assert_array_equal(model.classes_, ["apple", "zebra"], err_msg="sorted labels")
    proba = model.predict_proba([[5.0], [-5.0]])
    assert proba[0, 1] > 0.9 and proba[1, 0] > 0.9, (
        f"predict_proba([[5], [-5]]) is {proba.round(3)}, but x = 5 is surely 'zebra' "
        "(classes_[1]): the columns are swapped. Column j is P(y = classes_[j])."
    )
    np.testing.assert_array_equal(
        model.predict([[5.0], [-5.0]]), ["zebra", "apple"], err_msg="labels from classes_"
    )


@pytest.mark.parametrize(
    "y", [[1, 1, 1, 1], [0, 1, 2, 1], ["a", "b", "c", "a"]], ids=["one", "three", "three-str"]
)
def test_not_exactly_two_classes_is_a_value_error(y):
    X = np.arange(8.0).reshape(4, 2)
    mod.LogisticRegression(max_iter=5).fit(X, [0, 1, 0, 1])
    with pytest.raises(ValueError, match="2 classes"):
        mod.LogisticRegression().fit(X, y)


# --- numerics ------------------------------------------------------------------------------


def test_logits_in_the_thousands_do_not_overflow():
    X, y = make_data(6)
    model = fit(X, y)
    big = 1000.0 * X  # logits of order 1e3: exp(-z) overflows in the naive sigmoid
    try:
        proba = model.predict_proba(big)
    except FloatingPointError as exc:
        pytest.fail(
            f"predict_proba overflowed on logits of order 1e3 ({exc}): 1 / (1 + exp(-z)) "
            "overflows for z < -709. Use exp(-|z|), which is always <= 1."
        )
    assert np.all(np.isfinite(proba)), f"predict_proba gave non-finite values: {proba[:3]}"
    z = model.decision_function(big)
    np.testing.assert_allclose(
        proba[:, 1],
        stable_sigmoid(z),
        rtol=1e-12,
        atol=1e-300,
        err_msg="predict_proba at logits ~1e3 must be the exact sigmoid (no clipping of z)",
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_fitting_features_of_magnitude_1e3_stays_finite(solver):
    X, y = make_data(7)
    try:
        model = mod.LogisticRegression(max_iter=200, solver=solver).fit(1000.0 * X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"fit overflowed on features of order 1e3 ({exc}): compute the sigmoid with "
            "exp(-|z|) and the loss as logaddexp(0, -s z)."
        )
    assert np.all(np.isfinite(model.coef_)) and np.all(np.isfinite(model.loss_history_))


@pytest.mark.parametrize("solver", SOLVERS)
def test_separable_data_gives_a_finite_loss(solver):
    # Perfectly separable and (almost) no penalty: gradient descent with a bold step, or
    # Newton with C = inf until the gradient is exactly 0, drives the logits past 37, where
    # sigmoid rounds to exactly 0 or 1, and the loss must still be finite.
    X = np.array([[-4.0], [-3.0], [-2.0], [2.0], [3.0], [4.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    if solver == "gd":
        params_ = {"C": 1e6, "learning_rate": 100.0, "max_iter": 50, "solver": "gd"}
    else:
        params_ = {"C": np.inf, "max_iter": 60, "tol": 0.0}
    try:
        model = mod.LogisticRegression(**params_).fit(X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"fit on separable data raised {exc}: log(p) or log(1 - p) is log(0) once p rounds "
            "to exactly 0 or 1. Compute the loss from the logit: log(1 + exp(-s z)) with "
            "np.logaddexp(0, -s z)."
        )
    history = np.asarray(model.loss_history_)
    assert np.all(np.isfinite(history)), "loss_history_ contains inf or NaN"
    np.testing.assert_array_equal(model.predict(X), y, err_msg="separable data: all right")
    assert model.decision_function([[2.0]])[0] > 37, "on separable data the logits grow large"


# --- loss_history_ and stopping ------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("solver", SOLVERS)
def test_loss_history_decreases_and_ends_at_the_final_objective(seed, solver):
    X, y = make_data(seed)
    model = fit(X, y, solver, C=0.7)
    history = np.asarray(model.loss_history_, dtype=float)
    assert history[0] == pytest.approx(math.log(2.0), rel=1e-12), (
        f"loss_history_[0] is {history[0]}, but at w = 0, b = 0 the mean log-loss is log 2"
    )
    assert np.all(np.diff(history) <= 1e-12), (
        f"solver={solver!r}: the loss went up: {history[:6]}. With gradient descent the step "
        "is safe here; a Newton step that raises L must be halved (backtracking)"
    )
    w, b = params(model)
    expected = mean_objective(X, y.astype(float), w, b, 0.7)
    assert history[-1] == pytest.approx(expected, rel=1e-9), (
        f"loss_history_[-1] is {history[-1]}, expected {expected}: loss_history_ records "
        "J / (n C) = mean log-loss + ||w||^2 / (2 n C)"
    )


def test_loss_history_is_exact_for_confidently_wrong_predictions():
    # A bold first step from 0 (w1 = -lr X^T (1/2 - t) / n = 75, b1 = -lr mean(1/2 - t) = 50)
    # puts x = 1 (label 0) at logit 125 and x = -1 (label 1) at logit -25: their losses are
    # about 125 and 25. A probability is 0 or 1 to float64 there; only the logit knows.
    X = np.array([[1.0], [2.0], [3.0], [-1.0]])
    y = np.array([0, 1, 1, 1])
    C = 1e6
    model = mod.LogisticRegression(C=C, learning_rate=200.0, max_iter=2, tol=0.0, solver="gd")
    model.fit(X, y)
    w1, b1 = np.array([75.0]), 50.0
    expected = mean_objective(X, y.astype(float), w1, b1, C)  # about (125 + 25) / 4
    history = np.asarray(model.loss_history_, dtype=float)
    assert history.shape == (2,) and history[1] == pytest.approx(expected, rel=1e-9), (
        f"loss_history_[1] is {history[1:]}, expected {expected:.6f}: a wrong prediction "
        "with logit z costs log(1 + e^|z|), about |z|, so it is not capped. Clipping p to "
        "[eps, 1 - eps] before the log caps it near 34.5: compute the loss from the logits "
        "with np.logaddexp(0, -s z)."
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_max_iter_bounds_the_number_of_steps(solver):
    X, y = make_data(8)
    model = mod.LogisticRegression(max_iter=7, tol=0.0, solver=solver).fit(X, y)
    assert len(model.loss_history_) == 7, (
        f"solver={solver!r}: max_iter=7 and tol=0 gave {len(model.loss_history_)} "
        "loss_history_ entries, expected 7 (one per iteration)"
    )


def test_gd_returns_the_last_iterate():
    # Three plain steps, replayed here: fit returns the iterate after the LAST step (not the
    # best one, not the one before).
    X, y = make_data(8, n=30)
    t, lr, n = y.astype(float), 0.5, len(y)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(3):
        r = stable_sigmoid(X @ w + b) - t
        w, b = w - lr * (X.T @ r / n + w / n), b - lr * r.mean()
    model = mod.LogisticRegression(learning_rate=lr, max_iter=3, tol=0.0, solver="gd")
    model.fit(X, y)
    np.testing.assert_allclose(
        np.append(*params(model)),
        np.append(w, b),
        rtol=1e-12,
        err_msg="max_iter=3, tol=0 with solver='gd': coef_ must be the iterate after the third "
        "step (w - lr * grad each time, the penalty's gradient w / (nC) included)",
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_stops_once_the_gradient_is_below_tol(solver):
    X, y = make_data(9)
    base = GD if solver == "gd" else {}
    loose = mod.LogisticRegression(**base, tol=1e-3).fit(X, y)
    tight = mod.LogisticRegression(**base, tol=1e-10).fit(X, y)
    n_loose, n_tight = len(loose.loss_history_), len(tight.loss_history_)
    assert n_loose < n_tight < 5000, (
        f"tol=1e-3 ran {n_loose} iterations and tol=1e-10 ran {n_tight} (max_iter=5000): stop "
        "as soon as every gradient entry is below tol"
    )
    # At tol = 1e-3 the gradient of J / (nC) is small but not zero.
    w, b = params(loose)
    gw, gb = objective_gradient(X, y.astype(float), w, b, 1.0)
    assert max(np.max(np.abs(gw)), abs(gb)) / len(y) < 1e-3


@pytest.mark.parametrize("solver", SOLVERS)
def test_stops_at_the_first_iterate_whose_scaled_gradient_is_below_tol(solver):
    # tol applies to the gradient of L = J / (n C), entry by entry. With k = len(history),
    # the run took k - 1 steps; max_iter = k - 2 with tol = 0 replays it one step short,
    # to the last iterate whose gradient was NOT yet below tol.
    X, y = make_data(9)
    t, C, tol = y.astype(float), 0.2, 1e-4 if solver == "gd" else 1e-7
    base = {**GD, "max_iter": 5000} if solver == "gd" else {}
    model = mod.LogisticRegression(**base, C=C, tol=tol).fit(X, y)
    k = len(model.loss_history_)
    assert 3 <= k < 1000, f"tol={tol} ran {k} iterations: stop once the gradient is below tol"

    def scaled_gradient(m):
        gw, gb = objective_gradient(X, t, *params(m), C)
        return max(np.max(np.abs(gw)), abs(gb)) / (len(y) * C)

    previous = mod.LogisticRegression(**{**base, "max_iter": k - 2}, C=C, tol=0.0).fit(X, y)
    assert scaled_gradient(model) < tol, "the returned model's gradient is not below tol"
    assert scaled_gradient(previous) >= tol, (
        f"the iterate one step before yours already had every entry of the gradient of "
        f"J / (n C) below tol = {tol} ({scaled_gradient(previous):.3g}): stop at the FIRST "
        "such iterate. Test the gradient of L = J / (n C) (the one you step on), entry by "
        "entry, not the gradient of J (n C times larger) or its norm."
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_fit_is_deterministic_and_a_refit_starts_afresh(solver):
    X1, y1 = make_data(10)
    X2, y2 = make_data(11, d=3)
    model = mod.LogisticRegression(max_iter=300, solver=solver)
    first = model.fit(X1, y1).coef_.copy()
    np.testing.assert_array_equal(model.fit(X1, y1).coef_, first, "fit is not deterministic")
    model.fit(X2, y2)
    fresh = mod.LogisticRegression(max_iter=300, solver=solver).fit(X2, y2)
    np.testing.assert_array_equal(
        model.coef_, fresh.coef_, "a second fit must start from w = 0, not warm-start"
    )
    assert len(model.loss_history_) == len(fresh.loss_history_), (
        "loss_history_ kept the entries of the previous fit: reset it in fit"
    )


# --- inputs and validation -----------------------------------------------------------------


def test_inputs_are_not_modified():
    X, y01 = make_data(12)
    y = np.where(y01 == 1, 1, -1)  # -1/+1 labels: relabelling them in place is a classic
    model = mod.LogisticRegression(max_iter=5)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict_proba", X=X):
        model.predict_proba(X)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


def test_integer_features_give_float64_results():
    X = np.array([[0, 1], [1, 3], [2, 0], [3, 2], [4, 5]])
    y = np.array([0, 1, 0, 1, 1])
    model = mod.LogisticRegression(max_iter=5).fit(X, y)
    assert model.coef_.dtype == np.float64, f"coef_ is {model.coef_.dtype}, expected float64"
    assert model.predict_proba(X).dtype == np.float64


BAD_FIT_INPUT = {
    "nan": (lambda X, y: (np.where(X > 1, np.nan, X), y), "NaN"),
    "1-D X": (lambda X, y: (X[:, 0], y), "2-D"),
    "length mismatch": (lambda X, y: (X, y[:-1]), "samples"),
    "empty X": (lambda X, y: (X[:0], y[:0]), "empty"),
    "2-D y": (lambda X, y: (X, y.reshape(-1, 1)), "1-D"),
}


@pytest.mark.parametrize("case", BAD_FIT_INPUT, ids=list(BAD_FIT_INPUT))
def test_bad_training_input_is_a_value_error(case):
    X, y = make_data(13, n=20)
    mod.LogisticRegression(max_iter=5).fit(X, y)  # works on good input first
    make_bad, message = BAD_FIT_INPUT[case]
    with pytest.raises(ValueError, match=message):
        mod.LogisticRegression(max_iter=5).fit(*make_bad(X, y))


@pytest.mark.parametrize(
    "hyper, value",
    [
        ("C", 0.0),
        ("C", -1.0),
        ("learning_rate", 0.0),
        ("max_iter", 0),
        ("max_iter", 2.5),
        ("tol", -1e-3),
        ("C", -np.inf),
        ("C", np.nan),
        ("solver", "lbfgs"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error_at_fit(hyper, value):
    X, y = make_data(14, n=20)
    mod.LogisticRegression(max_iter=5).fit(X, y)
    model = mod.LogisticRegression(**{hyper: value})  # __init__ only stores it
    assert getattr(model, hyper) is value, "__init__ must store hyperparameters unchanged"
    with pytest.raises(ValueError, match=hyper):
        model.fit(X, y)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_using_the_model_before_fit_raises_not_fitted(method):
    X, y = make_data(15, n=20)
    mod.LogisticRegression(max_iter=5).fit(X, y)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod.LogisticRegression(), method)(X)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_wrong_feature_count_at_predict_is_a_value_error(method):
    X, y = make_data(16, n=20)
    model = mod.LogisticRegression(max_iter=5).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        getattr(model, method)(X[:, :2])


# --- complexity, without a clock: Python lines counted -------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_fit_runs_no_python_loop_over_samples(solver):
    # 2000 samples, 3 features, 5 iterations: whole-array code runs about 100 Python lines
    # (gd) or 200 (newton); a plainer answer that loops over the features for the gradient
    # or the Hessian entries runs 140 / 510. A Python loop over the samples (the gradient
    # summed r_i x_i one sample at a time, or the Hessian as a sum of outer products) runs
    # at least 2000 lines per iteration: 10 000 in all.
    X, y = make_data(17, n=2000, d=3)
    model = mod.LogisticRegression(learning_rate=1.0, max_iter=5, tol=0.0, solver=solver)
    budget = 2000
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit(solver={solver!r}) ran more than {budget} lines of Python for 5 iterations on "
        "2000 samples: is there a Python loop over the samples? Act on all samples at once: "
        "the gradient is X.T @ (p - t) / n, the Hessian (X * s[:, None]).T @ X / n with "
        "s = p (1 - p)"
    )


def test_predict_runs_no_python_loop_over_samples():
    # 2000 samples: decision_function, predict_proba and predict run 15 Python lines in all
    # as whole-array code; a loop (or comprehension) over the samples runs 2000 per call.
    X, y = make_data(18, n=2000, d=3)
    model = mod.LogisticRegression(max_iter=5).fit(X, y)
    budget = 200
    for method in ("decision_function", "predict_proba", "predict"):
        lines = python_lines(getattr(model, method), X, budget=budget)
        assert lines <= budget, (
            f"{method} ran more than {budget} lines of Python on 2000 samples: is there a "
            "Python loop over the samples? Score them all at once: X @ coef_[0] + intercept_[0]"
        )
