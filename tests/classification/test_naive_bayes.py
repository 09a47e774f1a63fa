"""Tests for classification/naive_bayes: GaussianNB and MultinomialNB."""

import math

import numpy as np
import pytest

from kata.datasets import load_breast_cancer, load_iris, load_wine, make_blobs
from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("classification/naive_bayes")

LOG_2PI = math.log(2 * math.pi)


def normalize_log(jll):
    """log-posterior from joint log-likelihoods, with NumPy's own stable reduction."""
    return jll - np.logaddexp.reduce(jll, axis=1, keepdims=True)


def gaussian_oracle(X, y, Q, var_smoothing=1e-9):
    """Independent GaussianNB: one class at a time, written straight from the formulas."""
    classes = np.unique(y)
    eps = var_smoothing * np.var(X, axis=0).max()
    theta = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0) for c in classes]) + eps
    prior = np.array([np.mean(y == c) for c in classes])
    jll = np.column_stack(
        [
            math.log(prior[k])
            - 0.5 * np.sum(LOG_2PI + np.log(var[k]) + (Q - theta[k]) ** 2 / var[k], axis=1)
            for k in range(len(classes))
        ]
    )
    return {"theta": theta, "var": var, "prior": prior, "eps": eps, "jll": jll}


def multinomial_oracle(X, y, Q, alpha=1.0):
    classes = np.unique(y)
    counts = np.array([X[y == c].sum(axis=0) for c in classes]) + alpha
    flp = np.log(counts / counts.sum(axis=1, keepdims=True))
    log_prior = np.log([np.mean(y == c) for c in classes])
    return {"flp": flp, "log_prior": log_prior, "jll": Q @ flp.T + log_prior}


def call_guarded(func, X, what):
    """Call func(X); turn a NumPy floating-point error into a message naming the mistake."""
    try:
        return func(X)
    except FloatingPointError as exc:
        pytest.fail(
            f"{what} hit a floating-point error ({exc}). Multiplying many probabilities "
            "underflows to 0 (then 0/0 or log 0): sum log-probabilities instead, normalize "
            "with a max-shifted logsumexp, and compute predict_log_proba directly rather "
            "than as log(predict_proba)."
        )


def many_feature_data(seed, n_features=200):
    """Three Gaussian classes in 200 dimensions: every joint density underflows float64."""
    centers = np.random.default_rng(seed).normal(scale=6.0, size=(3, n_features))
    X, y, _ = make_blobs(150, centers=centers, cluster_std=20.0, random_state=seed)
    return X[:120], y[:120], X[120:]


# --- GaussianNB ------------------------------------------------------------------------------


def test_gaussian_worked_example():
    model = mod.GaussianNB(var_smoothing=0.0).fit(
        [[0.0], [2.0], [10.0], [12.0]], ["a"] * 2 + ["b"] * 2
    )
    np.testing.assert_allclose(model.theta_, [[1.0], [11.0]], rtol=1e-12)
    np.testing.assert_allclose(model.var_, [[1.0], [1.0]], rtol=1e-12)
    np.testing.assert_allclose(model.class_prior_, [0.5, 0.5], rtol=1e-12)
    e = math.exp(-30.0)
    np.testing.assert_allclose(model.predict_proba([[3.0]]), [[1 / (1 + e), e / (1 + e)]])
    np.testing.assert_allclose(
        model.predict_log_proba([[3.0]]),
        [[-math.log1p(e), -30.0 - math.log1p(e)]],
        rtol=1e-12,
        atol=1e-15,
    )
    np.testing.assert_array_equal(model.predict([[3.0], [9.0]]), ["a", "b"])


def test_gaussian_hand_example_with_unequal_variances_and_priors():
    # Class 0: x = 0, 2 (mean 1, variance 1). Class 1: x = 0, 4, 8 (mean 4, variance 32/3).
    model = mod.GaussianNB(var_smoothing=0.0).fit(
        [[0.0], [2.0], [0.0], [4.0], [8.0]], [0, 0, 1, 1, 1]
    )
    np.testing.assert_allclose(model.theta_, [[1.0], [4.0]], rtol=1e-12)
    if np.allclose(model.var_, [[2.0], [16.0]]):
        pytest.fail("var_ uses the sample variance (ddof=1): naive Bayes uses the MLE, ddof=0")
    np.testing.assert_allclose(model.var_, [[1.0], [32 / 3]], rtol=1e-12)
    np.testing.assert_allclose(model.class_prior_, [2 / 5, 3 / 5], rtol=1e-12)
    # At x = 3: log p(x, c) = log prior - log(2 pi var) / 2 - (x - mean)^2 / (2 var).
    jll = np.array(
        [
            math.log(2 / 5) - 0.5 * LOG_2PI - 0.5 * 4.0,
            math.log(3 / 5) - 0.5 * (LOG_2PI + math.log(32 / 3)) - 0.5 * 1.0 / (32 / 3),
        ]
    )
    want = np.exp(jll - np.logaddexp.reduce(jll))
    got = model.predict_proba([[3.0]])
    np.testing.assert_allclose(
        got,
        [want],
        rtol=1e-12,
        err_msg="the Gaussian log-density needs both terms, -log(2 pi var)/2 and "
        "-(x - mean)^2/(2 var), plus the log prior",
    )
    # Closer to class 0's mean, but class 1's wide variance and larger prior win.
    assert model.predict([[3.0]])[0] == 1


def test_variances_are_population_variances():
    X, y, _ = continuous_blobs(0)
    model = mod.GaussianNB().fit(X, y)
    ref = gaussian_oracle(X, y, X)
    ddof1 = np.array([X[y == c].var(axis=0, ddof=1) for c in range(3)]) + ref["eps"]
    if np.allclose(model.var_, ddof1, rtol=1e-9):
        pytest.fail("var_ uses ddof=1: divide by the class count n_c, not n_c - 1")
    np.testing.assert_allclose(model.var_, ref["var"], rtol=1e-9)
    np.testing.assert_allclose(model.theta_, ref["theta"], rtol=1e-9)


def test_variances_stay_accurate_far_from_the_origin():
    # Features around 1e6 with unit spread: E[x^2] - E[x]^2 subtracts two numbers near
    # 1e12 and keeps only a few correct digits of a variance near 1.
    X, y, _ = continuous_blobs(1)
    X = X + 1e6
    model = mod.GaussianNB().fit(X, y)
    ref = gaussian_oracle(X, y, X)
    np.testing.assert_allclose(
        model.var_,
        ref["var"],
        rtol=1e-7,
        err_msg="var_ lost precision: E[x^2] - E[x]^2 cancels catastrophically when the "
        "mean is large; average the squared deviations from the class mean instead",
    )


def test_epsilon_is_var_smoothing_times_the_largest_feature_variance():
    # Wine's features span very different scales (proline ~ 1e3, hue ~ 1), so the three
    # plausible choices of epsilon differ by orders of magnitude.
    data = load_wine()
    X, y = data.X, data.y
    model = mod.GaussianNB(var_smoothing=1e-2).fit(X, y)
    ref = gaussian_oracle(X, y, X, var_smoothing=1e-2)
    raw = ref["var"] - ref["eps"]
    if np.allclose(model.var_, raw + 1e-2, rtol=1e-9):
        pytest.fail(
            "epsilon is var_smoothing itself; it must be var_smoothing times the largest "
            "variance of any feature over all of X"
        )
    np.testing.assert_allclose(
        model.epsilon_,
        ref["eps"],
        rtol=1e-9,
        err_msg="epsilon_ = var_smoothing * max(np.var(X, axis=0)), computed on all of X",
    )
    np.testing.assert_allclose(
        model.var_, ref["var"], rtol=1e-9, err_msg="every variance gets the same epsilon_"
    )


def test_feature_constant_within_a_class_does_not_divide_by_zero():
    # Feature 1 is constant (3.0) within class 0, so its raw variance there is 0.
    X = np.array([[0.0, 3.0], [1.0, 3.0], [2.0, 3.0], [5.0, 1.0], [6.0, 2.0], [7.0, 6.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = mod.GaussianNB().fit(X, y)
    Q = np.array([[1.0, 3.5], [6.0, 3.0]])
    try:
        log_proba = model.predict_log_proba(Q)
    except FloatingPointError:
        pytest.fail(
            "division by a zero variance: feature 1 is constant within class 0. Add "
            "epsilon = var_smoothing * (largest feature variance over all of X) to every "
            "variance"
        )
    ref = gaussian_oracle(X, y, Q)
    assert ref["var"][0, 1] == pytest.approx(1e-9 * np.var(X, axis=0).max())
    np.testing.assert_allclose(model.var_, ref["var"], rtol=1e-9)
    np.testing.assert_allclose(log_proba, normalize_log(ref["jll"]), rtol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_with_200_features_works_in_log_space(seed):
    X, y, Q = many_feature_data(seed)
    ref = gaussian_oracle(X, y, Q)
    assert ref["jll"].max() < -745, "test data must make every joint density underflow"
    model = mod.GaussianNB().fit(X, y)
    proba = call_guarded(model.predict_proba, Q, "GaussianNB.predict_proba with 200 features")
    want = normalize_log(ref["jll"])
    assert np.all(np.isfinite(proba)), (
        "predict_proba is not finite with 200 features: the product of 200 densities "
        "underflows to 0; sum the log-densities instead"
    )
    np.testing.assert_allclose(proba, np.exp(want), atol=1e-9)
    log_proba = call_guarded(model.predict_log_proba, Q, "GaussianNB.predict_log_proba")
    np.testing.assert_allclose(log_proba, want, rtol=1e-9, atol=1e-9)


def test_log_proba_stays_exact_where_the_probability_underflows():
    # The query sits on class 0; class 1 is 60 standard deviations away, so its posterior
    # is about exp(-1800): 0 in float64, but its log is an ordinary number.
    X = np.array([[-1.0], [0.0], [1.0], [59.0], [60.0], [61.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = mod.GaussianNB().fit(X, y)
    Q = np.array([[0.0], [60.0]])
    got = call_guarded(model.predict_log_proba, Q, "GaussianNB.predict_log_proba")
    want = normalize_log(gaussian_oracle(X, y, Q)["jll"])
    assert want[0, 1] < -1000
    assert np.all(np.isfinite(got)), (
        f"predict_log_proba gave {got}: log(predict_proba) is -inf where the probability "
        "underflows; return jll - logsumexp(jll) directly"
    )
    np.testing.assert_allclose(got, want, rtol=1e-9)
    np.testing.assert_array_equal(model.predict(Q), [0, 1])


@pytest.mark.parametrize("name", ["GaussianNB", "MultinomialNB"])
def test_logsumexp_is_shifted_by_each_rows_own_max(name):
    # One query near the data, one far away: their joint log-likelihoods differ by about
    # 1e5 (GaussianNB) or 2e3 (MultinomialNB), so subtracting the batch's single largest
    # value pushes every entry of the far row below -745 and its exp underflows to 0.
    if name == "GaussianNB":
        X = np.array([[-1.0], [0.0], [1.0], [9.0], [10.0], [11.0]])
        Q = np.array([[0.0], [400.0]])
    else:
        X = np.array([[3.0, 1.0], [2.0, 0.0], [0.0, 2.0], [1.0, 3.0]])
        Q = np.array([[0.0, 1.0], [1000.0, 1200.0]])
    y = np.array([0, 0, 0, 1, 1, 1]) if name == "GaussianNB" else np.array([0, 0, 1, 1])
    model = getattr(mod, name)().fit(X, y)
    ref = gaussian_oracle(X, y, Q) if name == "GaussianNB" else multinomial_oracle(X, y, Q)
    want = normalize_log(ref["jll"])
    assert ref["jll"][1].max() < ref["jll"][0].min() - 1000, "rows must differ in scale"
    try:
        got = model.predict_log_proba(Q)
    except FloatingPointError:
        pytest.fail(
            f"{name}.predict_log_proba: log(0) for the far query of a batch. The logsumexp "
            "shift must be each row's own max (max over classes, keepdims=True), not the "
            "max of the whole batch: the far row's entries all underflow after a global shift"
        )
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(model.predict_proba(Q).sum(axis=1), 1.0, rtol=1e-12)


def continuous_blobs(seed, n=90, n_features=4):
    X, y, _ = make_blobs(n, centers=3, n_features=n_features, cluster_std=2.0, random_state=seed)
    return X, y, X[::3] + 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_matches_an_independent_oracle(seed):
    X, y, Q = continuous_blobs(seed)
    model = mod.GaussianNB().fit(X, y)
    ref = gaussian_oracle(X, y, Q)
    np.testing.assert_allclose(model.class_prior_, ref["prior"], rtol=1e-12)
    np.testing.assert_allclose(model.predict_log_proba(Q), normalize_log(ref["jll"]), atol=1e-9)
    np.testing.assert_array_equal(model.predict(Q), np.argmax(ref["jll"], axis=1))


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_is_unchanged_by_permuting_and_consistent_under_scaling(seed):
    X, y, Q = continuous_blobs(seed)
    perm = np.random.default_rng(seed).permutation(len(X))
    base = mod.GaussianNB().fit(X, y)
    permuted = mod.GaussianNB().fit(X[perm], y[perm])
    np.testing.assert_allclose(permuted.theta_, base.theta_, rtol=1e-12)
    np.testing.assert_allclose(permuted.var_, base.var_, rtol=1e-12)
    np.testing.assert_allclose(permuted.predict_proba(Q), base.predict_proba(Q), atol=1e-12)
    # Scaling every feature by s scales means by s and variances (epsilon too) by s^2,
    # and leaves the posterior unchanged.
    scaled = mod.GaussianNB().fit(7.0 * X, y)
    np.testing.assert_allclose(scaled.theta_, 7.0 * base.theta_, rtol=1e-12)
    np.testing.assert_allclose(scaled.var_, 49.0 * base.var_, rtol=1e-12)
    np.testing.assert_allclose(scaled.predict_proba(7.0 * Q), base.predict_proba(Q), atol=1e-9)


@pytest.mark.parametrize("loader", [load_iris, load_wine, load_breast_cancer])
def test_gaussian_matches_sklearn(loader):
    naive_bayes = import_sklearn("naive_bayes")
    data = loader()
    X, y = data.X, data.y
    mine = mod.GaussianNB().fit(X, y)
    ref = naive_bayes.GaussianNB().fit(X, y)
    for name in ("theta_", "var_", "class_prior_", "epsilon_"):
        np.testing.assert_allclose(
            getattr(mine, name), getattr(ref, name), rtol=1e-9, err_msg=name
        )
    np.testing.assert_allclose(
        mine.predict_log_proba(X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(mine.predict_proba(X), ref.predict_proba(X), atol=1e-9)
    np.testing.assert_array_equal(mine.predict(X), ref.predict(X))


# --- MultinomialNB ---------------------------------------------------------------------------

COUNTS = np.array([[2.0, 0.0], [3.0, 1.0], [0.0, 4.0]])
SPAM = np.array(["spam", "spam", "ham"])


def test_multinomial_worked_example():
    model = mod.MultinomialNB(alpha=1.0).fit(COUNTS, SPAM)
    np.testing.assert_array_equal(model.classes_, ["ham", "spam"])
    # ham counts (0, 4) + 1 -> (1, 5) / 6; spam counts (5, 1) + 1 -> (6, 2) / 8.
    np.testing.assert_allclose(
        np.exp(model.feature_log_prob_), [[1 / 6, 5 / 6], [6 / 8, 2 / 8]], rtol=1e-12
    )
    np.testing.assert_allclose(model.class_log_prior_, np.log([1 / 3, 2 / 3]), rtol=1e-12)
    # Query (1, 1): p(x, ham) ~ 1/3 * 1/6 * 5/6, p(x, spam) ~ 2/3 * 3/4 * 1/4.
    joint = np.array([1 / 3 * 1 / 6 * 5 / 6, 2 / 3 * 3 / 4 * 1 / 4])
    np.testing.assert_allclose(
        model.predict_proba([[1.0, 1.0]]), [joint / joint.sum()], rtol=1e-12
    )
    np.testing.assert_array_equal(model.predict([[1.0, 1.0], [0.0, 3.0]]), ["spam", "ham"])


def test_unseen_feature_is_smoothed_not_log_zero():
    # Feature 1 never occurs in class "spam" (counts (5, 0)): without smoothing its
    # probability is 0 and any query containing it gets log 0 = -inf.
    X = np.array([[2.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    try:
        model = mod.MultinomialNB(alpha=0.5).fit(X, SPAM)
        log_proba = model.predict_log_proba([[1.0, 2.0]])
    except FloatingPointError:
        pytest.fail(
            "log(0) for a feature never seen in a class: apply Laplace smoothing, "
            "(N_cj + alpha) / (N_c + alpha * n_features)"
        )
    ref = multinomial_oracle(X, SPAM, np.array([[1.0, 2.0]]), alpha=0.5)
    np.testing.assert_allclose(model.feature_log_prob_, ref["flp"], rtol=1e-12)
    np.testing.assert_allclose(log_proba, normalize_log(ref["jll"]), rtol=1e-12)


def test_feature_probabilities_sum_to_one_per_class():
    rng = np.random.default_rng(3)
    X = rng.poisson(2.0, size=(40, 7)).astype(float)
    y = rng.integers(0, 3, size=40)
    model = mod.MultinomialNB(alpha=0.7).fit(X, y)
    sums = np.exp(model.feature_log_prob_).sum(axis=1)
    np.testing.assert_allclose(
        sums,
        1.0,
        rtol=1e-12,
        err_msg="each row of exp(feature_log_prob_) must sum to 1: smooth the denominator "
        "too (N_c + alpha * n_features), and normalize over features, not over classes",
    )
    ref = multinomial_oracle(X, y, X, alpha=0.7)
    np.testing.assert_allclose(model.feature_log_prob_, ref["flp"], rtol=1e-12)


def test_class_log_prior_follows_the_class_frequencies():
    X = np.ones((10, 2))
    y = np.array([0] * 7 + [1] * 2 + [2])
    model = mod.MultinomialNB().fit(X, y)
    np.testing.assert_allclose(
        model.class_log_prior_,
        np.log([0.7, 0.2, 0.1]),
        rtol=1e-12,
        err_msg="class_log_prior_ = log(n_c / n), the empirical class frequencies",
    )
    # Identical rows: the features say nothing, so the posterior is the prior.
    np.testing.assert_allclose(model.predict_proba([[3.0, 1.0]]), [[0.7, 0.2, 0.1]], rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_multinomial_with_200_features_works_in_log_space(seed):
    rng = np.random.default_rng(seed)
    rates = rng.uniform(1.0, 8.0, size=(3, 200))
    y = np.arange(90) % 3
    X = rng.poisson(rates[y]).astype(float)
    Q = rng.poisson(rates[[0, 1, 2, 0]]).astype(float)
    ref = multinomial_oracle(X, y, Q)
    assert ref["jll"].max() < -745, "test data must make every joint probability underflow"
    model = mod.MultinomialNB().fit(X, y)
    log_proba = call_guarded(model.predict_log_proba, Q, "MultinomialNB.predict_log_proba")
    np.testing.assert_allclose(log_proba, normalize_log(ref["jll"]), rtol=1e-9, atol=1e-9)
    proba = call_guarded(model.predict_proba, Q, "MultinomialNB.predict_proba")
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(model.predict(Q), [0, 1, 2, 0])


@pytest.mark.parametrize("alpha", [1.0, 0.1, 2.5])
def test_multinomial_matches_sklearn(alpha):
    naive_bayes = import_sklearn("naive_bayes")
    rng = np.random.default_rng(4)
    X = rng.poisson(rng.uniform(0.2, 4.0, size=30), size=(80, 30)).astype(float)
    y = rng.choice(np.array(["a", "b", "c", "d"]), size=80)
    mine = mod.MultinomialNB(alpha=alpha).fit(X, y)
    ref = naive_bayes.MultinomialNB(alpha=alpha).fit(X, y)
    np.testing.assert_array_equal(mine.classes_, ref.classes_)
    np.testing.assert_allclose(mine.feature_log_prob_, ref.feature_log_prob_, rtol=1e-9)
    np.testing.assert_allclose(mine.class_log_prior_, ref.class_log_prior_, rtol=1e-9)
    np.testing.assert_allclose(
        mine.predict_log_proba(X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(mine.predict_proba(X), ref.predict_proba(X), atol=1e-9)
    np.testing.assert_array_equal(mine.predict(X), ref.predict(X))


def test_negative_counts_are_a_value_error():
    mod.MultinomialNB().fit(COUNTS, SPAM).predict(COUNTS)
    with pytest.raises(ValueError, match="negative"):
        mod.MultinomialNB().fit([[1.0, -1.0], [2.0, 0.0]], [0, 1])


@pytest.mark.parametrize("alpha", [0.0, -1.0])
def test_non_positive_alpha_is_a_value_error(alpha):
    mod.MultinomialNB().fit(COUNTS, SPAM).predict(COUNTS)
    with pytest.raises(ValueError, match="alpha"):
        mod.MultinomialNB(alpha=alpha).fit(COUNTS, SPAM)


# --- both models -----------------------------------------------------------------------------

MODELS = ["GaussianNB", "MultinomialNB"]


def count_data(seed=0):
    rng = np.random.default_rng(seed)
    y = np.arange(60) % 3
    X = rng.poisson(rng.uniform(0.5, 5.0, size=(3, 6))[y]).astype(float)
    return X, y


@pytest.mark.parametrize("name", MODELS)
def test_string_labels_give_the_same_model_as_int_labels(name):
    X, y = count_data(1)
    names = np.array(["setosa", "versicolor", "virginica"])
    by_int = getattr(mod, name)().fit(X, y)
    try:
        by_str = getattr(mod, name)().fit(X, names[y])
    except (TypeError, ValueError) as exc:
        pytest.fail(
            f"string labels broke fit ({exc}): encode them with "
            "np.unique(y, return_inverse=True) instead of using them as indices or bincounts"
        )
    np.testing.assert_array_equal(by_str.classes_, names)
    np.testing.assert_allclose(by_str.predict_proba(X), by_int.predict_proba(X), rtol=1e-12)
    np.testing.assert_array_equal(by_str.predict(X), names[by_int.predict(X)])


@pytest.mark.parametrize("name", MODELS)
def test_proba_rows_sum_to_one_and_predict_is_their_argmax(name):
    X, y = count_data(2)
    model = getattr(mod, name)().fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.exp(model.predict_log_proba(X)), proba, rtol=1e-12)
    np.testing.assert_array_equal(model.predict(X), model.classes_[proba.argmax(axis=1)])


@pytest.mark.parametrize("name", MODELS)
def test_fit_and_predict_do_not_modify_their_inputs(name):
    X, y = count_data(3)
    model = getattr(mod, name)()
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict_proba", X=X):
        model.predict_proba(X)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


@pytest.mark.parametrize("name", MODELS)
def test_bad_input_is_a_value_error(name):
    X, y = count_data(4)
    model = getattr(mod, name)().fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="NaN"):
        getattr(mod, name)().fit(np.where(X > 4, np.nan, X), y)
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, name)().fit(X, y[:-1])


def test_negative_var_smoothing_is_a_value_error():
    X, y = count_data(5)
    mod.GaussianNB(var_smoothing=0.0).fit(X, y).predict(X)
    with pytest.raises(ValueError, match="var_smoothing"):
        mod.GaussianNB(var_smoothing=-1e-9).fit(X, y)


@pytest.mark.parametrize("name", MODELS)
def test_predict_before_fit_is_a_not_fitted_error(name):
    X, y = count_data(6)
    getattr(mod, name)().fit(X, y).predict(X)
    for method in ("predict", "predict_proba", "predict_log_proba"):
        with pytest.raises(NotFittedError, match="fit"):
            getattr(getattr(mod, name)(), method)(X)


def test_fit_returns_self_and_stores_hyperparameters_unchanged():
    X, y = count_data(7)
    gnb, mnb = mod.GaussianNB(var_smoothing=1e-3), mod.MultinomialNB(alpha=0.25)
    assert gnb.fit(X, y) is gnb and mnb.fit(X, y) is mnb
    assert gnb.var_smoothing == 1e-3 and mnb.alpha == 0.25
    assert gnb.n_features_in_ == mnb.n_features_in_ == 6
