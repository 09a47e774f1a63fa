"""Tests for classification/softmax_regression: multinomial (softmax) regression."""

import math

import numpy as np
import pytest

from kata.datasets import load_iris, load_wine, make_blobs
from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, python_lines
from kata.validation import NotFittedError

mod = load_kata("classification/softmax_regression")

#: Step size and budget under which plain gradient descent converges (to tol = 1e-8) on
#: standardized data: the objective divided by n*C has curvature below 1 there.
GD = {"solver": "gd", "learning_rate": 2.0, "max_iter": 5000}
#: Newton's method reaches tol = 1e-8 in about ten iterations on these problems.
NEWTON_ITERATIONS = 20
SOLVERS = ["newton", "gd"]


def standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def make_data(seed, n=120, d=3, k=3, spread=4.0):
    X, y, _ = make_blobs(n, centers=k, n_features=d, cluster_std=spread, random_state=seed)
    return standardize(X), y


def fit(X, y, solver="newton", **params):
    """Fit to convergence: the default solver, or gradient descent with a safe step."""
    base = GD if solver == "gd" else {}
    return mod.SoftmaxRegression(**{**base, **params}).fit(X, y)


# --- the test's own oracles ----------------------------------------------------------------


def log_softmax_rows(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def one_hot(y):
    classes, idx = np.unique(y, return_inverse=True)
    Y = np.zeros((len(y), classes.size))
    Y[np.arange(len(y)), idx] = 1.0
    return Y


def objective_gradient(X, Y, W, b, C):
    """Gradient of J = 1/2 ||W||_F^2 + C * sum_i CE_i, with one-hot Y."""
    R = np.exp(log_softmax_rows(X @ W.T + b)) - Y
    return W + C * (R.T @ X), C * R.sum(axis=0)


def mean_objective(X, Y, W, b, C):
    """J / (n C) = mean CE + ||W||_F^2 / (2 n C): what loss_history_ records."""
    n = X.shape[0]
    return -np.sum(Y * log_softmax_rows(X @ W.T + b)) / n + np.sum(W * W) / (2 * n * C)


# --- small cases worked out by hand -------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_intercept_only_problem_gives_the_centred_log_frequencies(solver):
    # All-zero features: W stays 0 and softmax(b) must equal the class frequencies.
    X = np.zeros((6, 2))
    y = np.array(["c", "b", "a", "c", "b", "c"])
    try:
        model = fit(X, y, solver, C=0.5)
    except (TypeError, ValueError, IndexError) as exc:
        pytest.fail(
            f"fit with string labels raised {type(exc).__name__}: {exc}. Labels are not "
            "column indices: take classes_ = sorted unique labels and one-hot the position "
            "of each label in classes_ (np.unique(y, return_inverse=True))."
        )
    sums = model.predict_proba(X).sum(axis=1)
    assert np.allclose(sums, 1.0), (
        f"rows of predict_proba sum to {sums.round(4)}: the softmax normalizes over the CLASS "
        "axis (axis=1, keepdims=True), not over the samples"
    )
    freq = np.array([1 / 6, 2 / 6, 3 / 6])
    expected = np.log(freq) - np.log(freq).mean()
    b = np.asarray(model.intercept_)
    assert np.allclose(b, expected, atol=1e-6), (
        f"intercept_ is {b.round(6)}, expected log(freq) - mean(log(freq)) = "
        f"{expected.round(6)}. "
        + (
            "It is shrunk towards 0: the intercepts must not be penalized."
            if np.all(np.abs(b) < np.abs(expected))
            else "softmax(intercept_) must be the class frequencies, and intercept_ sum to 0."
        )
    )
    np.testing.assert_allclose(
        model.coef_, np.zeros((3, 2)), atol=1e-12, err_msg="all-zero features give W = 0"
    )
    np.testing.assert_allclose(
        model.predict_proba(X),
        np.tile(freq, (6, 1)),
        rtol=1e-6,
        err_msg="with no signal in X, predict_proba is the class frequencies",
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_symmetric_three_point_problem_has_the_hand_solution(solver):
    # One sample per class at unit vectors 120 degrees apart. By symmetry W_k = a x_k and
    # b = 0; dJ/dW_k = 0 gives a = (3/2) C (1 - p) with p = 1 / (1 + 2 exp(-3a/2)).
    # For C = (8/3) ln 2 that is a = (4/3) ln 2, p = 2/3 and the others 1/6 each.
    angles = np.array([0.0, 2.0, 4.0]) * np.pi / 3
    X = np.column_stack([np.cos(angles), np.sin(angles)])
    model = fit(X, [0, 1, 2], solver, C=8 / 3 * math.log(2.0))
    np.testing.assert_allclose(
        model.coef_,
        4 / 3 * math.log(2.0) * X,
        rtol=1e-6,
        atol=1e-9,
        err_msg=f"solver={solver!r}: W_k = (4/3) ln 2 x_k by symmetry. Another value: does C "
        "weight the loss (penalty weight 1 / (n C) once divided by n C, not C / n)? Is the "
        "gradient a mean, (P - Y)^T X / n?",
    )
    np.testing.assert_allclose(
        model.intercept_, np.zeros(3), atol=1e-8, err_msg="b = 0 by symmetry"
    )
    np.testing.assert_allclose(
        model.predict_proba(X[:1]),
        [[2 / 3, 1 / 6, 1 / 6]],
        rtol=1e-6,
        err_msg="P at x_0 is (2/3, 1/6, 1/6)",
    )
    np.testing.assert_array_equal(model.predict(X), [0, 1, 2], err_msg="each point its class")


def test_first_gradient_step_from_zero():
    # From W = 0, b = 0 every probability is 1/k: one step gives W = -lr (1/k - Y)^T X / n.
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -1.0], [0.0, 1.0]])
    y = np.array([2, 0, 2, 1])
    Y = one_hot(y)
    lr = 0.3
    model = mod.SoftmaxRegression(C=1.0, learning_rate=lr, max_iter=1, tol=0.0, solver="gd")
    model.fit(X, y)
    expected_W = -lr * (1 / 3 - Y).T @ X / 4
    assert np.shape(model.coef_) == (3, 2), (
        f"coef_ has shape {np.shape(model.coef_)}, expected (n_classes, n_features) = (3, 2)"
    )
    assert np.allclose(model.coef_, expected_W, rtol=1e-12), (
        f"after one step from W = 0, coef_ is {model.coef_.tolist()}, expected "
        f"{expected_W.tolist()} = -learning_rate * (P - Y)^T X / n: check the gradient's "
        "sign, its 1/n, and that row k of coef_ belongs to classes_[k]"
    )
    np.testing.assert_allclose(
        model.intercept_,
        -lr * (1 / 3 - Y).mean(axis=0),
        atol=1e-15,
        err_msg="after one step, b = -learning_rate * mean(P - Y) over the samples",
    )
    np.testing.assert_allclose(
        model.loss_history_,
        [math.log(3.0)],
        rtol=1e-12,
        err_msg="max_iter=1 must take one step, and the loss at W = 0, b = 0 is log k",
    )


def test_default_solver_is_newton_and_converges_in_a_few_iterations():
    X, y = make_data(0, n=200, d=4, k=4)
    model = mod.SoftmaxRegression().fit(X, y)  # tol = 1e-8, max_iter = 1000
    k = len(model.loss_history_)
    assert k <= NEWTON_ITERATIONS, (
        f"the default solver took {k} iterations to reach tol = 1e-8: is it still gradient "
        "descent? solver='newton' (the default) steps by H^-1 grad (H the Hessian of "
        "L = J / (n C), or Hessian-vector products and conjugate gradients) and converges "
        "in about ten; keep the fixed-step descent for solver='gd'. A Newton step that "
        "converges slowly has a Hessian that is not the gradient's derivative: the 1/n, the "
        "penalty's V / (n C), the softmax Jacobian diag(p) - p p^T"
    )
    gW, gb = objective_gradient(X, one_hot(y), model.coef_, model.intercept_, 1.0)
    assert max(np.max(np.abs(gW)), np.max(np.abs(gb))) / len(y) < 1e-8, (
        "the default solver stopped before the gradient of J / (n C) was below tol"
    )


def test_newton_ignores_the_learning_rate():
    X, y = make_data(1, n=100, k=3)
    a = mod.SoftmaxRegression(learning_rate=1e-4).fit(X, y)
    b = mod.SoftmaxRegression(learning_rate=10.0).fit(X, y)
    assert len(a.loss_history_) <= NEWTON_ITERATIONS, (
        f"with learning_rate=1e-4 the default solver took {len(a.loss_history_)} iterations: "
        "a Newton step is H^-1 grad, not scaled by learning_rate (that is solver='gd' only)"
    )
    np.testing.assert_allclose(
        a.coef_, b.coef_, rtol=1e-6, atol=1e-9, err_msg="Newton's result must not depend on lr"
    )


def test_gd_returns_the_last_iterate():
    # Three plain steps, replayed here: fit returns the iterate after the LAST step.
    X, y = make_data(2, n=30, k=3)
    Y, lr, n = one_hot(y), 0.5, len(y)
    W, b = np.zeros((3, X.shape[1])), np.zeros(3)
    for _ in range(3):
        R = np.exp(log_softmax_rows(X @ W.T + b)) - Y
        W, b = W - lr * (R.T @ X / n + W / n), b - lr * R.mean(axis=0)
    model = mod.SoftmaxRegression(learning_rate=lr, max_iter=3, tol=0.0, solver="gd")
    model.fit(X, y)
    np.testing.assert_allclose(
        model.coef_,
        W,
        rtol=1e-12,
        atol=1e-15,
        err_msg="max_iter=3, tol=0 with solver='gd': coef_ must be the iterate after the third "
        "step (W - lr * grad each time, the penalty's gradient W / (nC) included)",
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_C_inf_is_unpenalized_maximum_likelihood(solver):
    # Overlapping classes: the unpenalized optimum is finite, and there the gradient of the
    # mean cross-entropy alone (no W / (nC) term) is 0.
    X, y = make_data(3, n=150, k=3, spread=6.0)
    Y = one_hot(y)
    model = fit(X, y, solver, C=np.inf)
    R = np.exp(log_softmax_rows(X @ model.coef_.T + model.intercept_)) - Y
    grad = np.concatenate([(R.T @ X).ravel(), R.sum(axis=0)]) / len(y)
    assert np.max(np.abs(grad)) < 1e-7, (
        f"solver={solver!r}, C=np.inf: the gradient of the mean cross-entropy is "
        f"{np.max(np.abs(grad)):.2e} at your solution, not 0. C = inf means no penalty: "
        "1 / (n C) is 0 (1 / inf is 0.0 in NumPy)"
    )
    assert np.all(np.isfinite(model.loss_history_)), "loss_history_ is not finite with C=inf"


def test_C_inf_matches_sklearn_unpenalized():
    linear_model = import_sklearn("linear_model")
    X, y = make_data(4, n=150, k=3, spread=6.0)
    ours = mod.SoftmaxRegression(C=np.inf).fit(X, y)
    ref = linear_model.LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-10)
    ref.fit(X, y)
    # Unpenalized, W is defined up to a vector added to every row: compare class contrasts.
    np.testing.assert_allclose(
        ours.coef_ - ours.coef_.mean(axis=0),
        ref.coef_ - ref.coef_.mean(axis=0),
        rtol=1e-5,
        atol=1e-7,
        err_msg="C=np.inf must equal scikit-learn's unpenalized multinomial regression",
    )
    np.testing.assert_allclose(
        ours.predict_proba(X), ref.predict_proba(X), atol=1e-7, err_msg="probabilities, C=inf"
    )


def test_a_tie_between_logits_goes_to_the_earlier_class():
    # One step from 0 on this symmetric pair gives W = [[1/2], [-1/2]] and b = [0, 0]:
    # at x = 0 both logits are exactly 0.
    X = np.array([[1.0], [-1.0]])
    model = mod.SoftmaxRegression(learning_rate=1.0, max_iter=1, tol=0.0, solver="gd")
    model.fit(X, ["a", "b"])
    z = model.decision_function([[0.0]])
    assert z[0, 0] == z[0, 1], f"expected equal logits at x = 0 after one step, got {z}"
    assert model.predict([[0.0]])[0] == "a", (
        "the logits tie at x = 0, and a tie must go to the earlier class in classes_ "
        "(np.argmax returns the first maximum, as scikit-learn)"
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_start_that_is_already_optimal_records_one_loss_and_stops(solver):
    # No signal in X and equal class counts: at W = 0, b = 0 the gradient is 0.
    X = np.zeros((6, 2))
    model = mod.SoftmaxRegression(solver=solver).fit(X, [0, 1, 2, 2, 1, 0])
    assert len(model.loss_history_) == 1, (
        f"loss_history_ has {len(model.loss_history_)} entries, expected 1: the gradient is "
        "0 at the start, so the first iteration appends L(0, 0) = log 3 and then stops "
        "(append the loss first, then test the gradient against tol)"
    )
    assert model.loss_history_[0] == pytest.approx(math.log(3.0), rel=1e-12)
    np.testing.assert_array_equal(model.coef_, np.zeros((3, 2)), err_msg="no step from an optimum")


def test_fitted_attributes_have_the_documented_shapes():
    X, y = make_data(0, n=40, d=4, k=3)
    model = mod.SoftmaxRegression(max_iter=50)
    assert model.fit(X, y) is model, "fit must return self"
    assert model.coef_.shape == (3, 4), f"coef_ has shape {model.coef_.shape}, expected (3, 4)"
    assert model.intercept_.shape == (3,), f"intercept_ shape {model.intercept_.shape} != (3,)"
    assert model.coef_.dtype == np.float64 and model.intercept_.dtype == np.float64
    np.testing.assert_array_equal(model.classes_, [0, 1, 2], err_msg="classes_ = sorted labels")
    assert model.decision_function(X).shape == (40, 3)
    proba = model.predict_proba(X)
    assert proba.shape == (40, 3), f"predict_proba has shape {proba.shape}, expected (40, 3)"
    assert proba.dtype == np.float64
    assert model.predict(X).shape == (40,), "predict must return one label per sample"
    assert len(model.loss_history_) <= 50


def test_two_classes_keep_one_row_per_class():
    X, y = make_data(1, n=40, k=2)
    model = mod.SoftmaxRegression(max_iter=50).fit(X, y)
    assert model.coef_.shape == (2, 3), (
        f"with two classes coef_ has shape {model.coef_.shape}, expected (2, 3): softmax "
        "regression keeps one row per class (no binary special case)"
    )
    assert model.predict_proba(X).shape == (40, 2)


# --- optimality: the test's own oracle, then scikit-learn --------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("C", [0.1, 0.5])
@pytest.mark.parametrize("solver", SOLVERS)
def test_gradient_of_the_objective_vanishes_at_the_solution(seed, C, solver):
    X, y = make_data(seed, k=4)
    model = fit(X, y, solver, C=C)
    gW, gb = objective_gradient(X, one_hot(y), model.coef_, model.intercept_, C)
    scale = X.shape[0] * C
    assert np.max(np.abs(gW)) / scale < 1e-6, (
        f"solver={solver!r}: the gradient of 1/2||W||^2 + C*sum(CE) w.r.t. W is "
        f"{gW.round(4).tolist()} at your coef_, not 0: the penalty is 1/2 ||W||_F^2 "
        "(gradient W), the loss is weighted by C (Newton: the Hessian's penalty is I / (nC))"
    )
    assert np.max(np.abs(gb)) / scale < 1e-6, (
        f"dJ/db = C * sum_i (P_i - Y_i) is {gb.round(4)} at your intercept_, not 0: "
        "are the intercepts penalized, or not learned?"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_mean_probability_of_each_class_equals_its_frequency(seed):
    X, y = make_data(seed, k=4)
    model = fit(X, y, C=0.05)
    mean_p = model.predict_proba(X).mean(axis=0)
    freq = one_hot(y).mean(axis=0)
    assert np.allclose(mean_p, freq, atol=1e-6), (
        f"mean predicted probabilities {mean_p.round(6)} differ from the class frequencies "
        f"{freq.round(6)}: with unpenalized intercepts they are equal at the optimum. "
        "Is b in the penalty, or not learned?"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_weights_and_intercepts_sum_to_zero_over_the_classes(seed):
    # Sum_k dJ/dW_k = Sum_k W_k at any point (rows of P - Y sum to 0), so the optimum has
    # Sum_k W_k = 0; for b it is the documented convention (the loss ignores a common shift).
    X, y = make_data(seed, k=4)
    model = fit(X, y, C=0.5)
    np.testing.assert_allclose(
        model.coef_.sum(axis=0),
        0.0,
        atol=1e-6,
        err_msg="the rows of coef_ must sum to 0 at the optimum (the penalty's gradient is W)",
    )
    assert abs(np.sum(model.intercept_)) < 1e-8, (
        f"intercept_ sums to {np.sum(model.intercept_):.3g}: report it centred (sum 0), as "
        "scikit-learn does; gradient descent from b = 0 keeps the sum at 0 by itself"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_matches_sklearn_multinomial(seed):
    linear_model = import_sklearn("linear_model")
    X, y = make_data(seed, n=150, d=3, k=4)
    ours = fit(X, y, C=0.3)
    ref = linear_model.LogisticRegression(C=0.3, solver="newton-cholesky", tol=1e-10).fit(X, y)
    rel = np.max(np.abs(ours.coef_ - ref.coef_)) / np.max(np.abs(ref.coef_))
    assert rel < 1e-3, (
        f"coef_ differs from scikit-learn's multinomial fit by {rel:.2e} (relative): the "
        "objective is 1/2 ||W||_F^2 + C * sum_i CE_i (a sum over samples, W not W^T)"
    )
    np.testing.assert_allclose(
        ours.intercept_, ref.intercept_, rtol=1e-3, atol=1e-5, err_msg="intercept_ vs sklearn"
    )
    np.testing.assert_allclose(
        ours.predict_proba(X), ref.predict_proba(X), atol=1e-4, err_msg="predict_proba vs sklearn"
    )


@pytest.mark.parametrize("loader", [load_iris, load_wine], ids=["iris", "wine"])
def test_matches_sklearn_on_real_data(loader):
    linear_model = import_sklearn("linear_model")
    data = loader()
    X = standardize(data.X)
    ours = fit(X, data.y, C=0.1)
    ref = linear_model.LogisticRegression(C=0.1, solver="newton-cholesky", tol=1e-10)
    ref.fit(X, data.y)
    rel = np.max(np.abs(ours.coef_ - ref.coef_)) / np.max(np.abs(ref.coef_))
    assert rel < 1e-3, f"coef_ differs from scikit-learn's by {rel:.2e} (relative)"
    assert len(ours.loss_history_) <= NEWTON_ITERATIONS, (
        f"{len(ours.loss_history_)} iterations on real data: Newton's method needs about ten "
        "whatever the conditioning (gradient descent needs thousands)"
    )
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X), err_msg="labels vs sklearn")


def test_two_classes_equal_logistic_regression_with_twice_C():
    # With two classes the optimum has W = [-v/2, v/2] and ||W||^2 = ||v||^2 / 2, so
    # J = 1/4 ||v||^2 + C sum(logloss): binary logistic regression with C' = 2C, w = v.
    linear_model = import_sklearn("linear_model")
    X, y = make_data(2, n=100, k=2)
    ours = fit(X, y, C=0.4)
    ref = linear_model.LogisticRegression(C=0.8, solver="newton-cholesky", tol=1e-10).fit(X, y)
    np.testing.assert_allclose(
        ours.coef_[1] - ours.coef_[0],
        ref.coef_[0],
        rtol=1e-4,
        err_msg="two classes: W_1 - W_0 is binary logistic regression's w at C' = 2C",
    )
    np.testing.assert_allclose(
        ours.intercept_[1] - ours.intercept_[0],
        ref.intercept_[0],
        rtol=1e-4,
        atol=1e-7,
        err_msg="two classes: b_1 - b_0 is binary logistic regression's b at C' = 2C",
    )


# --- the role of C ------------------------------------------------------------------------


def test_larger_C_gives_larger_weights():
    X, y = make_data(4)
    # learning_rate=1: with C = 0.01 the penalty's curvature 1/(nC) is close to 1.
    norms = [np.linalg.norm(fit(X, y, C=C, learning_rate=1.0).coef_) for C in (0.01, 0.1, 0.5)]
    assert np.all(np.diff(norms) > 0), (
        f"||coef_|| for C = 0.01, 0.1, 0.5 is {np.round(norms, 4)}: it must grow with C. "
        "C is the INVERSE regularization strength (it weights the loss, not the penalty)."
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_duplicating_the_data_equals_doubling_C(seed):
    X, y = make_data(seed, n=60)
    twice = fit(np.vstack([X, X]), np.concatenate([y, y]), C=0.2)
    once = fit(X, y, C=0.4)
    assert np.allclose(twice.coef_, once.coef_, rtol=1e-5, atol=1e-8), (
        "fitting every sample twice with C = 0.2 must give the model of one copy with "
        "C = 0.4: the loss is a SUM over samples weighted by C (divided by n C, the "
        "penalty becomes ||W||^2 / (2 n C))"
    )


# --- invariants ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_does_not_change_the_model(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(len(y))
    a, b = fit(X, y, C=0.3), fit(X[perm], y[perm], C=0.3)
    np.testing.assert_allclose(
        a.coef_, b.coef_, rtol=1e-7, atol=1e-10, err_msg="sample order must not matter"
    )
    np.testing.assert_allclose(
        a.intercept_, b.intercept_, rtol=1e-7, atol=1e-10, err_msg="sample order changed b"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_renaming_the_classes_permutes_the_rows(seed):
    # Class j is renamed names[j]; sorted, the new classes_ visit the classes in another order.
    X, y = make_data(seed, k=3)
    names = np.array(["kiwi", "apple", "mango"])  # sorted order: apple(1), kiwi(0), mango(2)
    a, b = fit(X, y, C=0.3), fit(X, names[y], C=0.3)
    order = [1, 0, 2]
    np.testing.assert_array_equal(
        b.classes_, ["apple", "kiwi", "mango"], err_msg="classes_ = sorted labels"
    )
    assert np.allclose(b.coef_, a.coef_[order], rtol=1e-7, atol=1e-10), (
        "renaming the classes must only reorder the rows of coef_ (row k is classes_[k], "
        "the sorted labels): the labels must not be used as numbers or in order of appearance"
    )
    np.testing.assert_allclose(
        b.predict_proba(X),
        a.predict_proba(X)[:, order],
        atol=1e-10,
        err_msg="renaming the classes reorders the columns of predict_proba",
    )
    np.testing.assert_array_equal(
        b.predict(X), names[a.predict(X)], err_msg="predict returns the new names"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_probabilities_are_the_softmax_of_the_logits_along_the_classes(seed):
    X, y = make_data(seed, k=4)
    model = fit(X, y, C=0.3)
    Z = model.decision_function(X)
    np.testing.assert_allclose(
        Z,
        X @ model.coef_.T + model.intercept_,
        rtol=1e-12,
        atol=1e-12,
        err_msg="decision_function must be X @ coef_.T + intercept_, shape (n, k)",
    )
    proba = model.predict_proba(X)
    sums = proba.sum(axis=1)
    assert np.allclose(sums, 1.0, rtol=1e-12), (
        f"rows of predict_proba sum to {sums[:4].round(4)}...: normalize over the CLASS "
        "axis (axis=1, keepdims=True), not over the samples"
    )
    assert np.all(proba >= 0)
    np.testing.assert_allclose(
        proba,
        np.exp(log_softmax_rows(Z)),
        rtol=1e-12,
        atol=1e-300,
        err_msg="predict_proba must be the softmax of decision_function along the classes",
    )
    np.testing.assert_array_equal(
        model.predict(X),
        model.classes_[np.argmax(Z, axis=1)],
        err_msg="predict must return the label (from classes_) of the largest probability",
    )


# --- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [("cat", "dog", "emu"), (3, 7, 11), (-1, 0, 1), (0, 2, 5), (10, 20, 30)],
    ids=["strings", "three-seven-eleven", "negative", "gaps", "tens"],
)
def test_any_labels_give_the_same_model_as_0_to_k(labels):
    X, y = make_data(5, n=90)
    first_last = int(np.argmax(y == 2))  # so the largest label comes first in y
    X, y = np.roll(X, -first_last, axis=0), np.roll(y, -first_last)
    reference = fit(X, y, C=0.3)
    relabelled = np.asarray(labels)[y]
    try:
        model = fit(X, relabelled, C=0.3)
    except (TypeError, ValueError, IndexError) as exc:
        pytest.fail(
            f"fit with labels {labels} raised {type(exc).__name__}: {exc}. Labels are not "
            "column indices: take classes_ = sorted unique labels and one-hot the position "
            "of each label in classes_ (np.unique(y, return_inverse=True))."
        )
    np.testing.assert_array_equal(
        model.classes_, sorted(labels), err_msg="classes_ must be the sorted unique labels"
    )
    assert np.shape(model.coef_) == (3, 3) and np.allclose(
        model.coef_, reference.coef_, rtol=1e-10
    ), (
        f"labels {labels} gave coef_ {np.round(model.coef_, 4).tolist()}, but the same data "
        f"labelled 0, 1, 2 gave {np.round(reference.coef_, 4).tolist()}: the labels were "
        "used as numbers or indices. One-hot their positions in classes_."
    )
    np.testing.assert_array_equal(
        model.predict(X),
        np.asarray(labels)[reference.predict(X)],
        err_msg="predict must return labels taken from classes_, not column indices",
    )


@pytest.mark.parametrize("y", [[4, 4, 4, 4], ["a", "a", "a", "a"]], ids=["int", "str"])
def test_fewer_than_two_classes_is_a_value_error(y):
    X = np.arange(8.0).reshape(4, 2)
    mod.SoftmaxRegression(max_iter=5).fit(X, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="2 classes"):
        mod.SoftmaxRegression().fit(X, y)


# --- numerics ------------------------------------------------------------------------------


def test_logits_in_the_thousands_do_not_overflow():
    X, y = make_data(6, k=4)
    model = fit(X, y, C=0.3)
    big = 1000.0 * X
    try:
        proba = model.predict_proba(big)
    except FloatingPointError as exc:
        pytest.fail(
            f"predict_proba overflowed on logits of order 1e3 ({exc}): exp(1000) is inf. "
            "Subtract each row's max logit before exp (softmax is shift-invariant)."
        )
    assert np.all(np.isfinite(proba)), "predict_proba gave inf or NaN for large logits"
    Z = model.decision_function(big)
    np.testing.assert_allclose(
        proba,
        np.exp(log_softmax_rows(Z)),
        rtol=1e-12,
        atol=1e-300,
        err_msg="predict_proba at logits ~1e3 must be the exact softmax (shift by the row max)",
    )
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")


@pytest.mark.parametrize("solver", SOLVERS)
def test_fitting_features_of_magnitude_1e3_stays_finite(solver):
    X, y = make_data(7)
    try:
        model = mod.SoftmaxRegression(max_iter=200, solver=solver).fit(1000.0 * X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"fit overflowed on features of order 1e3 ({exc}): shift the logits by their "
            "row max before exp, and compute the cross-entropy from the log-softmax."
        )
    assert np.all(np.isfinite(model.coef_)) and np.all(np.isfinite(model.loss_history_))


@pytest.mark.parametrize("solver", SOLVERS)
def test_separable_data_gives_a_finite_loss(solver):
    # Three far-apart clusters and no penalty to speak of: a bold gradient step, or Newton
    # with C = inf until the gradient is exactly 0, drives the logits so far apart that some
    # probabilities underflow to exactly 0, and the loss must still be finite.
    X = np.array([[-5.0, 0.0], [-4.0, 1.0], [5.0, 0.0], [4.0, 1.0], [0.0, 6.0], [1.0, 5.0]])
    y = np.array([0, 0, 1, 1, 2, 2])
    if solver == "gd":
        params_ = {"C": 1e6, "learning_rate": 200.0, "max_iter": 50, "solver": "gd"}
    else:
        params_ = {"C": np.inf, "max_iter": 60, "tol": 0.0}
    try:
        model = mod.SoftmaxRegression(**params_).fit(X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"fit on separable data raised {exc}: log(P) is log(0) once a probability "
            "underflows. Compute CE_i as logsumexp(z_i) - z_i[c_i] (a log-softmax)."
        )
    assert np.all(np.isfinite(model.loss_history_)), "loss_history_ contains inf or NaN"
    np.testing.assert_array_equal(model.predict(X), y, err_msg="separable data: all right")
    spread = np.ptp(model.decision_function(X), axis=1).max()
    assert spread > 40, f"the logits should be far apart here (spread {spread:.1f})"


# --- loss_history_ and stopping ------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("solver", SOLVERS)
def test_loss_history_decreases_and_ends_at_the_final_objective(seed, solver):
    X, y = make_data(seed, k=4)
    model = fit(X, y, solver, C=0.4, learning_rate=1.0)
    history = np.asarray(model.loss_history_, dtype=float)
    assert history[0] == pytest.approx(math.log(4.0), rel=1e-12), (
        f"loss_history_[0] is {history[0]}, but at W = 0, b = 0 the mean cross-entropy is "
        "log k = log 4"
    )
    assert np.all(np.diff(history) <= 1e-12), (
        f"solver={solver!r}: the loss went up: {history[:6]}. With gradient descent the step "
        "is safe here; a Newton step that raises L must be halved (backtracking)"
    )
    expected = mean_objective(X, one_hot(y), model.coef_, model.intercept_, 0.4)
    assert history[-1] == pytest.approx(expected, rel=1e-9), (
        f"loss_history_[-1] is {history[-1]}, expected {expected}: loss_history_ records "
        "J / (n C) = mean cross-entropy + ||W||_F^2 / (2 n C)"
    )


def test_loss_history_is_exact_for_confidently_wrong_predictions():
    # A bold first step from 0 (W1 = -lr (1/3 - Y)^T X / n, b1 = -lr mean(1/3 - Y)) puts
    # the true class of sample 0 about 75 below its best logit: its cross-entropy is about
    # 75, while its probability is exp(-75), far below any clipping threshold.
    X = np.array([[1.0, 0.0], [2.0, 1.0], [0.0, 2.0], [-1.0, 1.0]])
    y = np.array([0, 1, 2, 0])
    Y, lr, C = one_hot(y), 300.0, 1e6
    model = mod.SoftmaxRegression(C=C, learning_rate=lr, max_iter=2, tol=0.0, solver="gd")
    model.fit(X, y)
    W1, b1 = -lr * (1 / 3 - Y).T @ X / 4, -lr * (1 / 3 - Y).mean(axis=0)
    expected = mean_objective(X, Y, W1, b1, C)  # about (75 + 0 + 0 + log 2) / 4
    history = np.asarray(model.loss_history_, dtype=float)
    assert history.shape == (2,) and history[1] == pytest.approx(expected, rel=1e-9), (
        f"loss_history_[1] is {history[1:]}, expected {expected:.6f}: a confidently wrong "
        "prediction costs logsumexp(z) - z[c], about 75 here, not capped. Clipping P before "
        "the log caps it near 34.5: compute CE from the logits (a log-softmax)."
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_max_iter_bounds_the_number_of_steps(solver):
    X, y = make_data(8)
    model = mod.SoftmaxRegression(max_iter=7, tol=0.0, solver=solver).fit(X, y)
    assert len(model.loss_history_) == 7, (
        f"solver={solver!r}: max_iter=7 and tol=0 gave {len(model.loss_history_)} "
        "loss_history_ entries, expected 7 (one per iteration)"
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_stops_once_the_gradient_is_below_tol(solver):
    X, y = make_data(9)
    base = GD if solver == "gd" else {}
    loose = mod.SoftmaxRegression(**base, C=0.3, tol=1e-3).fit(X, y)
    tight = mod.SoftmaxRegression(**base, C=0.3, tol=1e-10).fit(X, y)
    n_loose, n_tight = len(loose.loss_history_), len(tight.loss_history_)
    assert n_loose < n_tight < 5000, (
        f"tol=1e-3 ran {n_loose} iterations and tol=1e-10 ran {n_tight} (max_iter=5000): stop "
        "as soon as every gradient entry is below tol"
    )
    gW, gb = objective_gradient(X, one_hot(y), loose.coef_, loose.intercept_, 0.3)
    assert max(np.max(np.abs(gW)), np.max(np.abs(gb))) / (len(y) * 0.3) < 1e-3


@pytest.mark.parametrize("solver", SOLVERS)
def test_stops_at_the_first_iterate_whose_scaled_gradient_is_below_tol(solver):
    # tol applies to the gradient of L = J / (n C), entry by entry. With k = len(history),
    # the run took k - 1 steps; max_iter = k - 2 with tol = 0 replays it one step short,
    # to the last iterate whose gradient was NOT yet below tol.
    X, y = make_data(9)
    Y, C, tol = one_hot(y), 0.2, 1e-4 if solver == "gd" else 1e-7
    base = GD if solver == "gd" else {}
    model = mod.SoftmaxRegression(**base, C=C, tol=tol).fit(X, y)
    k = len(model.loss_history_)
    assert 3 <= k < 1000, f"tol={tol} ran {k} iterations: stop once the gradient is below tol"

    def scaled_gradient(m):
        gW, gb = objective_gradient(X, Y, m.coef_, m.intercept_, C)
        return max(np.max(np.abs(gW)), np.max(np.abs(gb))) / (len(y) * C)

    previous = mod.SoftmaxRegression(**{**base, "max_iter": k - 2}, C=C, tol=0.0)
    previous.fit(X, y)
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
    X2, y2 = make_data(11, d=4, k=4)
    model = mod.SoftmaxRegression(max_iter=200, solver=solver)
    first = model.fit(X1, y1).coef_.copy()
    np.testing.assert_array_equal(model.fit(X1, y1).coef_, first, "fit is not deterministic")
    model.fit(X2, y2)
    fresh = mod.SoftmaxRegression(max_iter=200, solver=solver).fit(X2, y2)
    np.testing.assert_array_equal(
        model.coef_, fresh.coef_, "a second fit must start from W = 0, not warm-start"
    )
    assert len(model.loss_history_) == len(fresh.loss_history_), (
        "loss_history_ kept the entries of the previous fit: reset it in fit"
    )


# --- inputs and validation -----------------------------------------------------------------


def test_inputs_are_not_modified():
    X, y = make_data(12)
    y = y + 10  # labels 10, 11, 12: relabelling them in place to 0..k-1 is a classic
    model = mod.SoftmaxRegression(max_iter=5)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict_proba", X=X):
        model.predict_proba(X)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


def test_integer_features_give_float64_results():
    X = np.array([[0, 1], [1, 3], [2, 0], [3, 2], [4, 5], [1, 1]])
    y = np.array([0, 1, 2, 1, 2, 0])
    model = mod.SoftmaxRegression(max_iter=5).fit(X, y)
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
    mod.SoftmaxRegression(max_iter=5).fit(X, y)  # works on good input first
    make_bad, message = BAD_FIT_INPUT[case]
    with pytest.raises(ValueError, match=message):
        mod.SoftmaxRegression().fit(*make_bad(X, y))


@pytest.mark.parametrize(
    "hyper, value",
    [
        ("C", 0.0),
        ("C", -1.0),
        ("learning_rate", -0.1),
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
    mod.SoftmaxRegression(max_iter=5).fit(X, y)
    model = mod.SoftmaxRegression(**{hyper: value})  # __init__ only stores it
    assert getattr(model, hyper) is value, "__init__ must store hyperparameters unchanged"
    with pytest.raises(ValueError, match=hyper):
        model.fit(X, y)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_using_the_model_before_fit_raises_not_fitted(method):
    X, y = make_data(15, n=20)
    mod.SoftmaxRegression(max_iter=5).fit(X, y)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod.SoftmaxRegression(), method)(X)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_wrong_feature_count_at_predict_is_a_value_error(method):
    X, y = make_data(16, n=20)
    model = mod.SoftmaxRegression(max_iter=5).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        getattr(model, method)(X[:, :2])


# --- complexity, without a clock: Python lines counted -------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_fit_runs_no_python_loop_over_samples(solver):
    # 2000 samples, 3 features, 3 classes, 5 iterations: whole-array code runs about 110
    # Python lines (gd) or 300 (newton, conjugate gradients included; at most 600 if every
    # solve takes all its k (d + 1) steps); a plainer answer that forms the Hessian block by
    # block over the class pairs and loops over the classes for the gradient runs 150 / 470.
    # A Python loop over the samples (in the gradient, the Hessian or its products) runs
    # at least 2000 lines per iteration: 10 000 in all.
    X, y = make_data(17, n=2000, d=3, k=3)
    model = mod.SoftmaxRegression(learning_rate=2.0, max_iter=5, tol=0.0, solver=solver)
    budget = 2000
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit(solver={solver!r}) ran more than {budget} lines of Python for 5 iterations on "
        "2000 samples: is there a Python loop over the samples? Act on all samples at once: "
        "the gradient is (P - Y).T @ X / n with P the (n, k) probabilities and Y one-hot, "
        "and the Hessian (or its product with a direction) is a few matrix products too"
    )


def test_predict_runs_no_python_loop_over_samples():
    # 2000 samples: decision_function, predict_proba and predict run 12 Python lines in all
    # as whole-array code; a loop (or comprehension) over the samples runs 2000 per call.
    X, y = make_data(18, n=2000, d=3, k=3)
    model = mod.SoftmaxRegression(max_iter=5).fit(X, y)
    budget = 200
    for method in ("decision_function", "predict_proba", "predict"):
        lines = python_lines(getattr(model, method), X, budget=budget)
        assert lines <= budget, (
            f"{method} ran more than {budget} lines of Python on 2000 samples: is there a "
            "Python loop over the samples? Score them all at once: X @ coef_.T + intercept_"
        )
