"""Tests for classification/kernel_svm: the kernels and KernelSVM trained by SMO."""

import math

import numpy as np
import pytest

from kata.datasets import make_blobs, make_moons
from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)
from kata.validation import NotFittedError

mod = load_kata("classification/kernel_svm")


# --- independent oracles -------------------------------------------------------------------


def oracle_kernel(A, B, kernel, gamma, degree=3, coef0=0.0):
    """Kernels straight from their definitions (explicit differences: small inputs only)."""
    if kernel == "linear":
        return A @ B.T
    if kernel == "poly":
        return (gamma * (A @ B.T) + coef0) ** degree
    diff = A[:, None, :] - B[None, :, :]
    return np.exp(-gamma * np.einsum("nmd,nmd->nm", diff, diff))


def scale_gamma(X):
    return 1.0 / (X.shape[1] * X.var())


def plus_minus(model, y):
    """y mapped to -1 (classes_[0]) and +1 (classes_[1])."""
    return np.where(np.asarray(y) == model.classes_[1], 1.0, -1.0)


def full_alpha(model, n):
    alpha = np.zeros(n)
    alpha[model.support_] = np.abs(model.dual_coef_[0])
    return alpha


def dual_objective(alpha_y, K):
    """sum(a) - 1/2 (a y)^T K (a y), the quantity SMO maximizes (with a = |a y|)."""
    return np.abs(alpha_y).sum() - 0.5 * alpha_y @ K @ alpha_y


def overlapping_blobs(seed, n=80):
    X, y, _ = make_blobs(n, centers=[[0.0, 0.0], [2.0, 2.0]], cluster_std=1.2, random_state=seed)
    return X, y


# --- kernels -------------------------------------------------------------------------------


def test_kernel_hand_values():
    a, b = np.array([[1.0, 2.0]]), np.array([[3.0, 4.0], [1.0, 2.0]])
    np.testing.assert_allclose(
        mod.linear_kernel(a, b), [[11.0, 5.0]], rtol=1e-12, err_msg="linear kernel: K = X Y^T"
    )
    # (1 * 11 + 1)^2 = 144 and (0.5 * 5 + 2)^3 = 91.125
    np.testing.assert_allclose(
        mod.polynomial_kernel(a, b, degree=2, gamma=1.0, coef0=1.0),
        [[144.0, 36.0]],
        rtol=1e-12,
        err_msg="poly kernel: (gamma x.y + coef0)^degree",
    )
    np.testing.assert_allclose(
        mod.polynomial_kernel(a, b[1:], degree=3, gamma=0.5, coef0=2.0),
        [[91.125]],
        rtol=1e-12,
        err_msg="poly kernel with gamma 0.5, coef0 2, degree 3",
    )
    # ||(1, 2) - (3, 4)||^2 = 8
    np.testing.assert_allclose(
        mod.rbf_kernel(a, b, gamma=0.5),
        [[math.exp(-4.0), 1.0]],
        rtol=1e-12,
        err_msg="rbf kernel: exp(-gamma ||x - y||^2)",
    )


def test_gamma_none_is_one_over_n_features():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(4, 3)), rng.normal(size=(5, 3))
    np.testing.assert_allclose(
        mod.rbf_kernel(A, B),
        oracle_kernel(A, B, "rbf", 1 / 3),
        rtol=1e-12,
        err_msg="rbf_kernel with gamma=None must use gamma = 1 / n_features",
    )
    np.testing.assert_allclose(
        mod.polynomial_kernel(A, B),
        oracle_kernel(A, B, "poly", 1 / 3, degree=3, coef0=1.0),
        rtol=1e-12,
        err_msg="polynomial_kernel defaults: degree=3, gamma=1/n_features, coef0=1",
    )


@pytest.mark.parametrize("name", ["linear_kernel", "polynomial_kernel", "rbf_kernel"])
def test_kernel_shapes_and_y_defaulting_to_x(name):
    rng = np.random.default_rng(1)
    A, B = rng.normal(size=(4, 2)), rng.normal(size=(6, 2))
    func = getattr(mod, name)
    got = func(A, B)
    assert got.shape == (4, 6) and got.dtype == np.float64, f"{name}: shape {got.shape}"
    np.testing.assert_allclose(func(A), func(A, A), rtol=1e-12, err_msg="Y=None means Y = X")
    np.testing.assert_allclose(func(A), func(A).T, rtol=1e-12, err_msg="K(X, X) is symmetric")


@pytest.mark.parametrize("seed", SEEDS)
def test_rbf_gram_matrix_is_positive_semidefinite_with_unit_diagonal(seed):
    X = np.random.default_rng(seed).normal(size=(30, 4))
    K = mod.rbf_kernel(X, X, gamma=0.7)
    np.testing.assert_allclose(
        np.diag(K), 1.0, rtol=1e-12, err_msg="rbf: K(x, x) = 1 on the diagonal"
    )
    assert np.linalg.eigvalsh(K).min() > -1e-10


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("linear_kernel", {}),
        ("polynomial_kernel", {"degree": 2, "gamma": 0.3, "coef0": 0.5}),
        ("polynomial_kernel", {}),
        ("rbf_kernel", {"gamma": 2.0}),
        ("rbf_kernel", {}),
    ],
)
def test_kernels_match_sklearn(name, kwargs):
    pairwise = import_sklearn("metrics.pairwise")
    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(7, 3)), rng.normal(size=(5, 3))
    np.testing.assert_allclose(
        getattr(mod, name)(A, B, **kwargs),
        getattr(pairwise, name)(A, B, **kwargs),
        rtol=1e-10,
        err_msg="kernel vs sklearn.metrics.pairwise",
    )


def test_rbf_kernel_never_exceeds_one():
    # Far from the origin ||x||^2 - 2 x.y + ||y||^2 cancels to about -1e-11 for some
    # pairs of identical points; exp(+tiny) is then above 1.
    X = np.random.default_rng(0).normal(size=(50, 3)) + 100.0
    K = mod.rbf_kernel(X, X, gamma=1.0)
    assert K.max() <= 1.0, (
        f"rbf_kernel gave {K.max()!r} > 1: the expanded squared distance went negative. "
        "Clip it at 0 before the exponential."
    )
    np.testing.assert_allclose(
        np.diag(K), 1.0, atol=1e-8, err_msg="rbf: the diagonal is exactly 1 after the clip"
    )


@pytest.mark.parametrize("name", ["linear_kernel", "polynomial_kernel", "rbf_kernel"])
def test_kernels_run_no_python_loop_over_pairs(name):
    # 300 x 300: whole-array code runs 2 to 10 Python lines; a loop over the rows of X
    # (each row of K at once) about 600; a double loop over the pairs 90 000 or more.
    # Before the larger inputs below, so that a double loop fails here, in milliseconds.
    A = make_moons(300, noise=0.3, random_state=5)[0]
    budget = 2000
    lines = python_lines(getattr(mod, name), A, A, budget=budget)
    assert lines <= budget, (
        f"{name} ran more than {budget} lines of Python for a 300 x 300 kernel matrix: is "
        "there a Python loop over the pairs of points? Build K from one matrix product, "
        "X @ Y.T (for rbf: ||x||^2 - 2 x.y + ||y||^2, then the exponential)"
    )


def test_rbf_kernel_does_not_build_an_n_m_d_intermediate():
    rng = np.random.default_rng(1)
    A, B = rng.normal(size=(100, 100)), rng.normal(size=(1000, 100))
    _, peak = peak_memory(mod.rbf_kernel, A, B)
    full = A.shape[0] * B.shape[0] * A.shape[1] * 8
    assert peak < full / 4, (
        f"rbf_kernel peaked at {peak / 1e6:.0f} MB; the (n, m, d) array of differences "
        f"takes {full / 1e6:.0f} MB. Use ||x||^2 - 2 x.y + ||y||^2."
    )


@pytest.mark.parametrize("name", ["rbf_kernel", "polynomial_kernel"])
def test_kernels_build_one_n_by_m_array(name):
    # The result is 8 MB. Written as one expression, the rbf formula keeps two or three
    # such arrays alive at once (X Y^T, -2 times it, the sums, the clip, the exp): each
    # step can be done in place instead, leaving one (n, m) array plus O(n + m).
    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(1000, 5)), rng.normal(size=(1000, 5))
    out, peak = peak_memory(getattr(mod, name), A, B)
    assert peak < 1.6 * out.nbytes, (
        f"{name} peaked at {peak / 1e6:.1f} MB for a {out.nbytes / 1e6:.0f} MB result: every "
        "operation on the (n, m) matrix allocated a new one. Do each step in place "
        "(K = X @ Y.T, then K *= ..., K += ..., np.maximum(K, 0, out=K), np.exp(K, out=K))"
    )


@pytest.mark.parametrize("name", ["linear_kernel", "polynomial_kernel", "rbf_kernel"])
def test_kernels_reject_bad_input(name):
    func = getattr(mod, name)
    func(np.ones((2, 3)), np.ones((4, 3)))
    with pytest.raises(ValueError, match="features"):
        func(np.ones((2, 3)), np.ones((4, 2)))
    with pytest.raises(ValueError, match="NaN"):
        func([[np.nan, 1.0]], [[0.0, 1.0]])


def test_kernel_hyperparameters_are_checked():
    X = np.ones((2, 2))
    mod.rbf_kernel(X, X, gamma=1.0)
    with pytest.raises(ValueError, match="gamma"):
        mod.rbf_kernel(X, X, gamma=-1.0)
    with pytest.raises(ValueError, match="gamma"):
        mod.polynomial_kernel(X, X, gamma=0.0)
    with pytest.raises(ValueError, match="degree"):
        mod.polynomial_kernel(X, X, degree=0)


# --- KernelSVM: small cases worked by hand ---------------------------------------------------


def test_worked_example_from_the_statement():
    model = mod.KernelSVM(C=10.0, kernel="linear", tol=1e-8)
    try:
        model.fit([[0.0], [2.0], [3.0]], ["no", "yes", "yes"])
    except FloatingPointError as exc:
        pytest.fail(
            f"fit raised {exc}: the curvature K_ii + K_tt - 2 K_it along a pair is 0 for t = i "
            "(and for duplicate points). Replace a curvature <= 0 by a tiny positive number "
            "(libsvm uses 1e-12) before dividing by it"
        )
    np.testing.assert_array_equal(
        model.classes_, ["no", "yes"], err_msg="classes_ = sorted labels"
    )
    assert np.any(model.dual_coef_ < 0), (
        f"dual_coef_ is {model.dual_coef_}: no support vector of classes_[0]. With labels "
        "coded 0/1 instead of -1/+1 the constraint sum a_i y_i = 0 ignores every sample of "
        "class 0: map classes_[0] to -1"
    )
    np.testing.assert_array_equal(
        model.support_, [0, 1], err_msg="support_: the samples with a > 0, increasing"
    )
    np.testing.assert_allclose(
        model.dual_coef_,
        [[-0.5, 0.5]],
        atol=1e-6,
        err_msg="dual_coef_ holds a_i * y_i of the support vectors (y = -1 for classes_[0])",
    )
    np.testing.assert_allclose(
        model.intercept_, [-1.0], atol=1e-6, err_msg="b = -1 for the worked example"
    )
    np.testing.assert_allclose(
        model.support_vectors_, [[0.0], [2.0]], err_msg="support_vectors_ = X[support_]"
    )
    np.testing.assert_allclose(
        model.decision_function([[1.0], [4.0]]), [0.0, 3.0], atol=1e-6, err_msg="f(x) = x - 1"
    )
    np.testing.assert_array_equal(
        model.predict([[0.9], [1.1]]), ["no", "yes"], err_msg="0.9 -> no, 1.1 -> yes"
    )


def test_two_points_hard_margin_and_box_constraint():
    # x = (1, 0) is "pos", x = (-1, 0) is "neg": w = (1, 0), b = 0, a = 1/2 each.
    X, y = [[1.0, 0.0], [-1.0, 0.0]], ["pos", "neg"]
    model = mod.KernelSVM(C=10.0, kernel="linear", tol=1e-8).fit(X, y)
    np.testing.assert_allclose(
        model.dual_coef_,
        [[0.5, -0.5]],
        atol=1e-8,
        err_msg="two points: a = 1/2 each, dual_coef_ = a y",
    )
    np.testing.assert_allclose(
        model.decision_function([[2.0, 5.0]]), [2.0], atol=1e-8, err_msg="f at a new point"
    )
    # With C = 0.1 < 1/2 both multipliers stop at the box: w = (0.2, 0).
    capped = mod.KernelSVM(C=0.1, kernel="linear", tol=1e-8).fit(X, y)
    np.testing.assert_allclose(
        capped.dual_coef_,
        [[0.1, -0.1]],
        atol=1e-12,
        err_msg="a_i must be clipped into [0, C]",
    )
    np.testing.assert_allclose(
        capped.decision_function([[1.0, 0.0]]),
        [0.2],
        atol=1e-12,
        err_msg="the box constraint a <= C caps the decision",
    )


def test_intercept_when_no_support_vector_is_free():
    # 1-D, x = 0 (class 0) and x = 1 (class 1), C = 0.1: both multipliers sit at C, so
    # w = 0.1 and no vector pins b. KKT only bounds it, -1 <= b <= 0.9; the rule "halfway
    # between the bounds" (libsvm, scikit-learn) gives b = -0.05: f(x) = 0.1 x - 0.05.
    model = mod.KernelSVM(C=0.1, kernel="linear", tol=1e-8).fit([[0.0], [1.0]], [0, 1])
    np.testing.assert_allclose(
        model.dual_coef_, [[-0.1, 0.1]], atol=1e-12, err_msg="a = C = 0.1 at the bound"
    )
    np.testing.assert_allclose(
        model.intercept_,
        [-0.05],
        atol=1e-12,
        err_msg="with every support vector at a bound, b is the midpoint of the interval "
        "allowed by the KKT conditions",
    )


# --- KernelSVM: optimality (KKT) as the oracle -----------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_solution_satisfies_the_kkt_conditions(seed):
    X, y = overlapping_blobs(seed)
    C = 1.0
    model = mod.KernelSVM(C=C, tol=1e-6).fit(X, y)
    s = plus_minus(model, y)
    alpha = full_alpha(model, len(X))
    signs = np.sign(model.dual_coef_[0])
    np.testing.assert_array_equal(
        signs, s[model.support_], err_msg="dual_coef_ must hold a_i * y_i (y in {-1, +1})"
    )
    assert alpha.max() <= C + 1e-12, f"a multiplier is {alpha.max()} > C = {C}: clip into [0, C]"
    total = model.dual_coef_[0].sum()
    assert abs(total) < 1e-9, (
        f"sum_i a_i y_i = {total}, not 0: each SMO step must keep y_i a_i + y_j a_j fixed"
    )
    margin = s * model.decision_function(X)
    free = (alpha > 1e-8) & (alpha < C - 1e-8)
    bounded = alpha >= C - 1e-8
    assert free.sum() >= 2 and bounded.sum() >= 2, "test data must have free and bounded SVs"
    np.testing.assert_allclose(
        margin[free],
        1.0,
        atol=1e-4,
        err_msg="free support vectors (0 < a < C) must lie exactly on the margin, y f(x) = 1. "
        "If they are all off by the same amount, the intercept is wrong: compute b from the "
        "free vectors only, not from bounded ones (a = C), which may sit inside the margin.",
    )
    assert margin[alpha == 0].min() > 1 - 1e-4, (
        f"a sample with a = 0 has y f(x) = {margin[alpha == 0].min():.4f} < 1: SMO stopped "
        "before the KKT conditions held (check the stopping rule and the gradient update)"
    )
    assert margin[bounded].max() < 1 + 1e-4, (
        f"a sample with a = C has y f(x) = {margin[bounded].max():.4f} > 1: it should have "
        "a < C (check the stopping rule and the gradient update)"
    )


def test_intercept_is_computed_from_the_free_support_vectors():
    X, y = overlapping_blobs(5)
    model = mod.KernelSVM(C=0.5, kernel="rbf", gamma=0.8, tol=1e-7).fit(X, y)
    s = plus_minus(model, y)
    alpha = full_alpha(model, len(X))
    free = np.flatnonzero((alpha > 1e-8) & (alpha < 0.5 - 1e-8))
    K = oracle_kernel(X[free], X[model.support_], "rbf", 0.8)
    b_oracle = np.mean(s[free] - K @ model.dual_coef_[0])
    assert abs(model.intercept_[0] - b_oracle) < 1e-5, (
        f"intercept_ = {model.intercept_[0]:.6f}, but the free support vectors give "
        f"b = {b_oracle:.6f}: b = y_t - sum_i a_i y_i K(x_i, x_t) holds for 0 < a_t < C only; "
        "samples at a = C (or 0) are not on the margin"
    )


def test_labels_are_mapped_to_minus_one_and_plus_one():
    X, y = overlapping_blobs(6, n=60)

    def fit_scores(labels):
        try:
            model = mod.KernelSVM(C=1.0, tol=1e-8).fit(X, np.asarray(labels)[y])
            return model, model.decision_function(X)
        except (ValueError, IndexError, TypeError) as exc:
            pytest.fail(
                f"labels {labels} broke the model ({exc}): map classes_[0] to -1 and "
                "classes_[1] to +1 before solving the dual"
            )

    _, ref_scores = fit_scores([-1, 1])
    for labels in ([0, 1], ["neg", "pos"], [3, 8]):
        model, scores = fit_scores(labels)
        np.testing.assert_array_equal(model.classes_, labels, err_msg="classes_ = sorted labels")
        np.testing.assert_allclose(
            scores,
            ref_scores,
            atol=1e-6,
            err_msg=f"labels {labels} give another model than -1/+1: map classes_[0] to -1 "
            "and classes_[1] to +1 before solving the dual (with 0/1 labels the constraint "
            "sum a_i y_i = 0 ignores class 0)",
        )
        np.testing.assert_array_equal(
            model.predict(X),
            np.asarray(labels)[(ref_scores > 0).astype(int)],
            err_msg="predict vs SVC, labels from classes_",
        )


@pytest.mark.parametrize("kernel", ["linear", "rbf"])
def test_duplicate_points_with_opposite_labels(kernel):
    # Points on a 3 x 3 grid: many samples coincide, some with opposite labels. For such a
    # pair K_ii + K_jj - 2 K_ij = ||phi(x_i) - phi(x_j)||^2 = 0, the curvature of the dual
    # along the pair's line, so the SMO step b / (K_ii + K_jj - 2 K_ij) divides by zero.
    rng = np.random.default_rng(0)
    X = rng.integers(0, 3, size=(40, 2)).astype(float)
    y = (X.sum(axis=1) + rng.normal(size=40) > 2).astype(int)
    C = 1.0
    try:
        model = mod.KernelSVM(C=C, kernel=kernel, gamma=0.5, tol=1e-6).fit(X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"fit divided by zero ({exc}) on data with duplicate points of opposite labels: "
            "K_ii + K_jj - 2 K_ij is 0 for such a pair. The objective is then linear along "
            "the pair's line, so the step is as long as the box allows: replace a zero "
            "curvature by a tiny positive number (libsvm uses 1e-12) and let the clip to "
            "[0, C] bound the step."
        )
    assert model.n_iter_ < 100_000, (
        "SMO ran to max_iter on data with duplicate points of opposite labels: skipping a "
        "pair whose K_ii + K_jj - 2 K_ij is 0 selects the same pair again at every step. "
        "Take the step anyway with the curvature replaced by a tiny positive number "
        "(libsvm uses 1e-12); the clip to [0, C] bounds it."
    )
    s = plus_minus(model, y)
    alpha = full_alpha(model, len(X))
    margin = s * model.decision_function(X)
    free = (alpha > 1e-8) & (alpha < C - 1e-8)
    assert margin[alpha == 0].min() > 1 - 1e-4, "a sample with a = 0 is inside the margin"
    assert margin[alpha >= C - 1e-8].max() < 1 + 1e-4, "a sample with a = C is beyond it"
    np.testing.assert_allclose(
        margin[free], 1.0, atol=1e-4, err_msg="free support vectors sit on the margin: y f(x) = 1"
    )


def test_poly_svm_uses_its_own_coef0_default_of_zero():
    # KernelSVM's coef0 defaults to 0 (as SVC), unlike polynomial_kernel's 1 (as
    # scikit-learn's pairwise function). With coef0 = 0 and an even degree the kernel
    # (gamma x_i.x)^2 is even in x, so f(-x) = f(x) exactly; with coef0 = 1 it is not.
    X, y = overlapping_blobs(16, n=50)
    model = mod.KernelSVM(kernel="poly", degree=2, tol=1e-6).fit(X, y)
    Q = np.random.default_rng(16).normal(scale=2.0, size=(20, 2))
    np.testing.assert_allclose(
        model.decision_function(-Q),
        model.decision_function(Q),
        rtol=1e-9,
        atol=1e-9,
        err_msg="KernelSVM(kernel='poly') with the default coef0=0 must use "
        "K = (gamma x.y)^degree: pass self.coef0 to the polynomial kernel, whose own "
        "default coef0 is 1",
    )


def test_decision_for_a_query_does_not_depend_on_the_rest_of_the_batch():
    # gamma='scale' is fixed by the training X: recomputing it from the X passed to
    # decision_function makes a query's score depend on the other queries.
    X, y = overlapping_blobs(15, n=50)
    Q = np.vstack([X[:5], 3.0 * X[5:15]])
    for params in ({"kernel": "rbf"}, {"kernel": "poly", "degree": 2, "coef0": 1.0}):
        model = mod.KernelSVM(tol=1e-6, **params).fit(X, y)
        batch = model.decision_function(Q)
        alone = np.array([model.decision_function(q[None, :])[0] for q in Q])
        np.testing.assert_allclose(
            batch,
            alone,
            rtol=1e-10,
            atol=1e-10,
            err_msg=f"{params}: a query scores differently alone and in a batch. gamma='scale' "
            "is 1 / (n_features * X.var()) of the TRAINING X, computed once in fit; do not "
            "recompute it from the queries.",
        )


def test_swapping_the_classes_negates_the_decision_function():
    X, y = overlapping_blobs(7, n=60)
    a = mod.KernelSVM(tol=1e-8).fit(X, y)
    b = mod.KernelSVM(tol=1e-8).fit(X, 1 - y)
    np.testing.assert_allclose(
        b.decision_function(X),
        -a.decision_function(X),
        atol=1e-5,
        err_msg="swapping the classes negates f",
    )


@pytest.mark.parametrize("kernel", ["rbf", "linear"])
def test_separable_data_is_split_with_a_full_margin(kernel):
    X, y, _ = make_blobs(60, centers=[[-3.0, 0.0], [3.0, 0.0]], cluster_std=0.8, random_state=1)
    model = mod.KernelSVM(C=100.0, kernel=kernel, tol=1e-6).fit(X, y)
    margin = plus_minus(model, y) * model.decision_function(X)
    assert margin.min() > 1 - 1e-4, f"hard-margin data: y f(x) = {margin.min():.4f} < 1"
    np.testing.assert_array_equal(
        model.predict(X), y, err_msg="separable data: every training point right"
    )
    assert len(model.support_) < 15, "only the samples on the margin should be support vectors"


# --- KernelSVM: invariants ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_refitting_on_the_support_vectors_gives_the_same_model(seed):
    X, y = make_moons(80, noise=0.25, random_state=seed)
    model = mod.KernelSVM(C=2.0, gamma=1.0, tol=1e-7).fit(X, y)
    sv = model.support_
    np.testing.assert_allclose(
        model.support_vectors_, X[sv], err_msg="support_vectors_ = X[support_]"
    )
    again = mod.KernelSVM(C=2.0, gamma=1.0, tol=1e-7).fit(X[sv], y[sv])
    grid = np.random.default_rng(seed).uniform(-1.5, 2.5, size=(50, 2))
    np.testing.assert_allclose(
        again.decision_function(grid),
        model.decision_function(grid),
        atol=1e-4,
        err_msg="refitting on the support vectors gives the same f",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_and_shifting_the_training_set(seed):
    X, y = overlapping_blobs(seed, n=60)
    perm = np.random.default_rng(seed).permutation(len(X))
    base = mod.KernelSVM(C=1.0, tol=1e-7).fit(X, y)
    permuted = mod.KernelSVM(C=1.0, tol=1e-7).fit(X[perm], y[perm])
    np.testing.assert_allclose(
        permuted.decision_function(X),
        base.decision_function(X),
        atol=1e-4,
        err_msg="permuting the samples leaves f",
    )
    np.testing.assert_array_equal(
        np.sort(perm[permuted.support_]),
        base.support_,
        err_msg="permuting the samples permutes support_",
    )
    # The rbf kernel and gamma='scale' only see differences between points.
    shifted = mod.KernelSVM(C=1.0, tol=1e-7).fit(X + 5.0, y)
    np.testing.assert_allclose(
        shifted.decision_function(X + 5.0),
        base.decision_function(X),
        atol=1e-4,
        err_msg="shifting all points leaves f (rbf sees differences only)",
    )


def test_gamma_scale_uses_the_variance_of_all_of_x():
    X, y = overlapping_blobs(8, n=60)
    X = X * [1.0, 4.0] + [10.0, -3.0]  # unequal variances and means: 'scale' != 'auto'
    gamma = scale_gamma(X)
    scale = mod.KernelSVM(gamma="scale", tol=1e-8).fit(X, y)
    explicit = mod.KernelSVM(gamma=gamma, tol=1e-8).fit(X, y)
    np.testing.assert_allclose(
        scale.decision_function(X),
        explicit.decision_function(X),
        atol=1e-8,
        err_msg="gamma='scale' is 1 / (n_features * X.var()), the variance of every entry",
    )
    auto = mod.KernelSVM(gamma="auto", tol=1e-8).fit(X, y)
    explicit_auto = mod.KernelSVM(gamma=0.5, tol=1e-8).fit(X, y)
    np.testing.assert_allclose(
        auto.decision_function(X),
        explicit_auto.decision_function(X),
        atol=1e-8,
        err_msg="gamma='auto' is 1 / n_features",
    )


def test_fit_builds_one_n_by_n_matrix():
    # K is n x n (18 MB here). Q = K * np.outer(y, y) adds two more; K_it y_i y_t, or Q
    # made in place from K, does not.
    rng = np.random.default_rng(3)
    X = rng.normal(size=(1500, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=1500) > 0).astype(int)
    n_by_n = 1500 * 1500 * 8
    _, peak = peak_memory(mod.KernelSVM(max_iter=5).fit, X, y)
    assert peak < 1.6 * n_by_n, (
        f"fit peaked at {peak / 1e6:.0f} MB where the kernel matrix takes {n_by_n / 1e6:.0f} "
        "MB: the SMO set-up copies it (Q = K * np.outer(y, y) is two more n x n arrays, and "
        "the kernel formula itself may allocate several). Keep ONE n x n array: scale K in "
        "place, or use K_it y_i y_t where Q_it is needed"
    )


@pytest.mark.parametrize("kernel", ["rbf", "poly"])
def test_gamma_scale_on_constant_x_is_one_as_svc(kernel):
    # Every entry of X is 3.0: X.var() is 0 and 1 / (n_features * 0) would divide by zero.
    # scikit-learn's SVC takes gamma = 1 then.
    X = np.full((6, 2), 3.0)
    y = np.array([0, 1, 0, 1, 1, 0])
    try:
        model = mod.KernelSVM(kernel=kernel, gamma="scale").fit(X, y)
    except FloatingPointError as exc:
        pytest.fail(
            f"gamma='scale' on a constant X raised {exc}: X.var() is 0. As SVC does, use "
            "gamma = 1 when the variance is 0"
        )
    # Every training point is the same point, so f is the intercept everywhere: it must be
    # finite and equal SVC's.
    Q = np.array([[3.0, 3.0], [4.0, 2.0], [0.0, 1.0]])
    svm = import_sklearn("svm")
    ref = svm.SVC(kernel=kernel, gamma="scale").fit(X, y)
    np.testing.assert_allclose(
        model.decision_function(Q),
        ref.decision_function(Q),
        atol=1e-7,
        err_msg="gamma='scale' on a constant X must be 1, as scikit-learn's SVC",
    )


def test_tiny_multipliers_are_support_vectors_too():
    # With C = 1e-4 every a_i is at most 1e-4: support_ is every sample with a_i > 0, as in
    # SVC, however small (no threshold), and dual_coef_ holds their a_i y_i.
    svm = import_sklearn("svm")
    X, y = overlapping_blobs(22, n=40)
    model = mod.KernelSVM(C=1e-4, tol=1e-8).fit(X, y)
    ref = svm.SVC(C=1e-4, tol=1e-8).fit(X, y)
    np.testing.assert_array_equal(
        model.support_,
        np.sort(ref.support_),
        err_msg="support_ = every sample with a_i > 0, with no threshold on a_i",
    )


def test_refitting_recomputes_gamma_and_everything_else():
    X1, y1 = overlapping_blobs(20, n=60)
    X2 = 10.0 * overlapping_blobs(21, n=40)[0] + 5.0  # another variance: another gamma
    y2 = np.array(["p", "q"])[overlapping_blobs(21, n=40)[1]]
    model = mod.KernelSVM().fit(X1, y1)
    model.fit(X2, y2)
    fresh = mod.KernelSVM().fit(X2, y2)
    Q = X2[:10] + 1.0
    np.testing.assert_allclose(
        model.decision_function(Q),
        fresh.decision_function(Q),
        rtol=1e-12,
        err_msg="a second fit must recompute everything from the new data, gamma='scale' "
        "included (1 / (n_features * X.var()) of the NEW X)",
    )
    np.testing.assert_array_equal(model.classes_, ["p", "q"], err_msg="classes_ of the refit")


def test_fit_is_deterministic():
    X, y = make_moons(80, noise=0.3, random_state=3)
    a = mod.KernelSVM().fit(X, y)
    b = mod.KernelSVM().fit(X, y)
    np.testing.assert_array_equal(
        a.support_, b.support_, err_msg="fit is deterministic (support_)"
    )
    np.testing.assert_array_equal(
        a.dual_coef_, b.dual_coef_, err_msg="fit is deterministic (dual_coef_)"
    )
    np.testing.assert_array_equal(
        a.intercept_, b.intercept_, err_msg="fit is deterministic (intercept_)"
    )


def test_max_iter_stops_smo_early_with_a_feasible_point():
    X, y = make_moons(100, noise=0.3, random_state=4)
    model = mod.KernelSVM(C=1.0, max_iter=3).fit(X, y)
    assert model.n_iter_ == 3, f"n_iter_ = {model.n_iter_}, expected to stop at max_iter=3"
    assert abs(model.dual_coef_[0].sum()) < 1e-12
    assert np.abs(model.dual_coef_).max() <= 1.0 + 1e-12
    full = mod.KernelSVM(C=1.0).fit(X, y)
    assert 3 < full.n_iter_ < 100_000, f"n_iter_ = {full.n_iter_} for the full fit"


# --- KernelSVM against scikit-learn --------------------------------------------------------------


def sklearn_datasets():
    Xs, ys, _ = make_blobs(60, centers=[[-2.5, 0.0], [2.5, 1.0]], cluster_std=0.8, random_state=0)
    Xm, ym = make_moons(120, noise=0.3, random_state=1)
    Xb, yb = overlapping_blobs(2, n=100)
    return {"separable": (Xs, ys), "moons": (Xm, ym), "overlap": (Xb * [1.0, 3.0], yb)}


DATASETS = sklearn_datasets()
PARAMS = [
    {"kernel": "rbf"},
    {"kernel": "rbf", "C": 10.0, "gamma": 0.5},
    {"kernel": "linear", "C": 0.5},
    {"kernel": "poly", "degree": 2, "coef0": 1.0},
]


def test_a_point_on_the_boundary_goes_to_the_second_class_as_in_svc():
    # Two mirror-image points: the boundary is the vertical axis, where f(x) = 0 exactly.
    X = np.array([[-1.0, 0.0], [1.0, 0.0]])
    model = mod.KernelSVM(kernel="linear").fit(X, np.array(["neg", "pos"]))
    on_boundary = np.array([[0.0, 5.0], [0.0, -3.0]])
    np.testing.assert_allclose(
        model.decision_function(on_boundary),
        0.0,
        atol=1e-12,
        err_msg="the constructed point lies on the boundary",
    )
    got = model.predict(on_boundary)
    assert list(got) == ["pos", "pos"], (
        f"points with decision_function 0 were predicted {list(got)}: scikit-learn's SVC "
        "gives classes_[1] when f(x) >= 0, so use >= 0, not > 0"
    )


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: "-".join(map(str, p.values())))
@pytest.mark.parametrize("data", DATASETS)
def test_predictions_match_sklearn_svc(data, params):
    svm = import_sklearn("svm")
    X, y = DATASETS[data]
    Q = np.vstack([X, X + np.random.default_rng(0).normal(scale=0.3, size=X.shape)])
    mine = mod.KernelSVM(**params).fit(X, y)
    ref = svm.SVC(**params).fit(X, y)
    ref_score = ref.decision_function(Q)
    clear = np.abs(ref_score) > 0.05  # both stop at tol=1e-3: skip points on the boundary
    assert clear.mean() > 0.9
    np.testing.assert_array_equal(
        mine.predict(Q)[clear],
        ref.predict(Q)[clear],
        err_msg="predictions vs SVC away from the boundary",
    )
    np.testing.assert_allclose(
        mine.decision_function(Q), ref_score, atol=0.05, err_msg="decision function vs SVC"
    )


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: "-".join(map(str, p.values())))
def test_converged_solution_matches_sklearn(params):
    svm = import_sklearn("svm")
    X, y = DATASETS["moons"]
    mine = mod.KernelSVM(tol=1e-7, **params).fit(X, y)
    ref = svm.SVC(tol=1e-7, **params).fit(X, y)
    np.testing.assert_array_equal(mine.support_, np.sort(ref.support_), err_msg="support_ vs SVC")
    np.testing.assert_allclose(
        mine.intercept_, ref.intercept_, atol=1e-4, err_msg="intercept_ vs SVC"
    )
    np.testing.assert_allclose(
        mine.decision_function(X),
        ref.decision_function(X),
        atol=1e-4,
        err_msg="decision function vs SVC",
    )
    gamma = scale_gamma(X) if params.get("gamma") is None else params["gamma"]
    K = oracle_kernel(X, X, params["kernel"], gamma, degree=2, coef0=params.get("coef0", 0.0))
    mine_ay, ref_ay = np.zeros(len(X)), np.zeros(len(X))
    mine_ay[mine.support_] = mine.dual_coef_[0]
    ref_ay[ref.support_] = ref.dual_coef_[0]
    assert dual_objective(mine_ay, K) >= dual_objective(ref_ay, K) - 1e-6, (
        "the dual objective is below scikit-learn's: SMO stopped before the optimum"
    )


# --- validation, inputs, fitting -----------------------------------------------------------------


def test_fit_and_predict_do_not_modify_their_inputs():
    X, y = overlapping_blobs(9, n=40)
    model = mod.KernelSVM()
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("decision_function", X=X):
        model.decision_function(X)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


@pytest.mark.parametrize("labels", [[0, 1, 2], [4]])
def test_y_must_have_exactly_two_classes(labels):
    X, y = overlapping_blobs(10, n=30)
    mod.KernelSVM().fit(X, y).predict(X)
    with pytest.raises(ValueError, match="2"):
        mod.KernelSVM().fit(X, np.resize(labels, len(X)))


@pytest.mark.parametrize(
    "params, match",
    [
        ({"C": 0.0}, "C"),
        ({"kernel": "sigmoid"}, "kernel"),
        ({"gamma": -1.0}, "gamma"),
        ({"gamma": "median"}, "gamma"),
        ({"degree": 0, "kernel": "poly"}, "degree"),
        ({"tol": 0.0}, "tol"),
        ({"max_iter": 0}, "max_iter"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    X, y = overlapping_blobs(11, n=30)
    mod.KernelSVM().fit(X, y).predict(X)
    with pytest.raises(ValueError, match=match):
        mod.KernelSVM(**params).fit(X, y)


def test_bad_input_is_a_value_error():
    X, y = overlapping_blobs(12, n=30)
    model = mod.KernelSVM().fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.decision_function(np.ones((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        mod.KernelSVM().fit(np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="samples"):
        mod.KernelSVM().fit(X, y[:-1])


def test_predict_before_fit_is_a_not_fitted_error():
    X, y = overlapping_blobs(13, n=30)
    mod.KernelSVM().fit(X, y).predict(X)
    try:
        with pytest.raises(NotFittedError, match="fit"):
            mod.KernelSVM().predict(X)
    except AttributeError as exc:
        pytest.fail(
            f"predict before fit raised AttributeError ({exc}): its first line must be the "
            "validation call, X = check_fitted_input(self, X, attribute='dual_coef_')"
        )
    with pytest.raises(NotFittedError, match="fit"):
        mod.KernelSVM().decision_function(X)


def test_predict_validates_before_anything_else():
    # predict's own first line checks: a wrong feature count is reported by predict,
    # whatever order decision_function and predict are written in.
    X, y = overlapping_blobs(15, n=30)
    model = mod.KernelSVM().fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(np.zeros((2, 3)))


def test_fit_returns_self_and_keeps_hyperparameters():
    X, y = overlapping_blobs(14, n=30)
    model = mod.KernelSVM(C=2.0, kernel="poly", gamma=0.5, degree=2, coef0=1.0, tol=1e-4)
    assert model.fit(X, y) is model
    assert (model.C, model.kernel, model.gamma, model.degree, model.coef0, model.tol) == (
        2.0,
        "poly",
        0.5,
        2,
        1.0,
        1e-4,
    )
    assert model.n_features_in_ == 2
    assert model.intercept_.shape == (1,) and model.dual_coef_.shape == (1, len(model.support_))


# --- KernelSVM: complexity, without a clock: Python lines counted ------------------------------


def test_smo_steps_run_no_python_loop_over_samples():
    # 1000 samples, 100 SMO steps (a full fit takes about 200): whole-array steps run 4000
    # Python lines in all, 40 per step; a plainer answer (first-order bookkeeping, the
    # kernel filled row by row, the intercept summed over the free vectors in a loop) runs
    # 5400. A Python loop over the samples inside a step (choosing j, updating the gradient
    # entry by entry) runs at least 1000 lines per step: 100 000 in all.
    X, y = make_moons(1000, noise=0.3, random_state=0)
    model = mod.KernelSVM(C=1.0, max_iter=100)
    budget = 20_000
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit ran more than {budget} lines of Python for 100 SMO steps on 1000 samples: is "
        "there a Python loop over the samples inside a step (or over the pairs in the "
        "kernel)? Each step is a few whole-vector operations: argmax of the masked scores "
        "for i and j, then the gradient update G += y * (y_i da_i K[i] + y_j da_j K[j])"
    )


def test_decision_function_runs_no_python_loop_over_pairs():
    # 300 queries against about 100 support vectors: one kernel matrix and a product run
    # 16 Python lines (19 for predict); even a loop over the queries, one kernel row each,
    # about 4200. A double loop over the queries and the support vectors runs 30 000
    # kernel calls: 466 000 lines.
    X, y = make_moons(300, noise=0.3, random_state=1)
    model = mod.KernelSVM(C=1.0).fit(X, y)
    budget = 15_000
    for method in ("decision_function", "predict"):
        lines = python_lines(getattr(model, method), X, budget=budget)
        assert lines <= budget, (
            f"{method} ran more than {budget} lines of Python for 300 queries: is there a "
            "Python loop over the queries and the support vectors? f = "
            "K(X, support_vectors_) @ dual_coef_[0] + intercept_[0]: one kernel matrix, "
            "one product"
        )
