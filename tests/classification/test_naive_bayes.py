"""Tests for classification/naive_bayes: GaussianNB and MultinomialNB.

The helpers below compare a fitted model with an oracle written from the formulas and,
when they differ, with the values each classic mistake produces, so a failure names the
mistake (ddof=1, an epsilon on the wrong scale, a prior outside log space...).
"""

import math

import numpy as np
import pytest

from kata.datasets import load_breast_cancer, load_iris, load_wine, make_blobs
from kata.testing import SEEDS, fp_diagnosis, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("classification/naive_bayes")

LOG_2PI = math.log(2 * math.pi)
MODELS = ["GaussianNB", "MultinomialNB"]
PUBLIC_METHODS = ("predict_log_proba", "predict_proba", "predict")


def normalize_log(jll):
    """log-posterior from joint log-likelihoods, with NumPy's own stable reduction."""
    return jll - np.logaddexp.reduce(jll, axis=1, keepdims=True)


def per_class(X, y, func):
    return np.array([func(X[y == c]) for c in np.unique(y)])


def gaussian_oracle(X, y, Q, var_smoothing=1e-9):
    """Independent GaussianNB: one class at a time, written straight from the formulas."""
    classes = np.unique(y)
    eps = var_smoothing * np.var(X, axis=0).max()
    theta = per_class(X, y, lambda Xc: Xc.mean(axis=0))
    raw = per_class(X, y, lambda Xc: Xc.var(axis=0))
    var = raw + eps
    prior = np.array([np.mean(y == c) for c in classes])
    log_norm = -0.5 * np.sum(LOG_2PI + np.log(var), axis=1)  # (K,)
    quad = -0.5 * np.column_stack(
        [np.sum((Q - theta[k]) ** 2 / var[k], axis=1) for k in range(len(classes))]
    )  # (m, K)
    return {
        "classes": classes,
        "theta": theta,
        "raw": raw,
        "var": var,
        "prior": prior,
        "eps": eps,
        "log_norm": log_norm,
        "quad": quad,
        "jll": np.log(prior) + log_norm + quad,
    }


def multinomial_oracle(X, y, Q, alpha=1.0):
    classes = np.unique(y)
    counts = per_class(X, y, lambda Xc: Xc.sum(axis=0))
    smoothed = counts + alpha
    flp = np.log(smoothed / smoothed.sum(axis=1, keepdims=True))
    n_c = np.array([np.sum(y == c) for c in classes], dtype=float)
    log_prior = np.log(n_c / len(y))
    return {
        "classes": classes,
        "counts": counts,
        "n_c": n_c,
        "flp": flp,
        "log_prior": log_prior,
        "jll": Q @ flp.T + log_prior,
    }


def matches(got, want, rtol=1e-10, atol=1e-13):
    got = np.asarray(got, dtype=float)
    want = np.asarray(want, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=rtol, atol=atol)


def name_the_mistake(got, truth, candidates, rtol=1e-10, atol=1e-13):
    """pytest.fail with the message of the first wrong candidate that ``got`` equals.

    Candidates that coincide with the right answer on this data are skipped.
    """
    if matches(got, truth, rtol, atol):
        return
    for want, message in candidates:
        if matches(got, want, rtol, atol) and not matches(truth, want, rtol, atol):
            pytest.fail(message, pytrace=False)


def fit_or_explain(name, X, y, **params):
    """Fit a fresh model; a floating-point error or a label error becomes a named failure."""
    X, y = np.array(X, dtype=float), np.asarray(y)
    before = X.copy()
    try:
        with fp_diagnosis(fit_fp_diagnosis(name, X, y)):
            model = getattr(mod, name)(**params).fit(X, y)
        if not np.array_equal(X, before):
            pytest.fail(
                f"{name}.fit modified its input X in place: work on new arrays "
                "(centred = X - mean, not X -= mean)",
                pytrace=False,
            )
        return model
    except (TypeError, IndexError) as exc:
        if y.dtype.kind in "US":
            pytest.fail(
                f"{name}.fit with string labels raised {type(exc).__name__}: {exc}. Encode the "
                "labels with np.unique(y, return_inverse=True) instead of using them as "
                "indices or bincounts",
                pytrace=False,
            )
        raise
    except ValueError as exc:
        if y.dtype.kind in "US" and "literal" in str(exc):
            pytest.fail(
                f"{name}.fit with string labels raised ValueError: {exc}. Encode the labels "
                "with np.unique(y, return_inverse=True); they need not be integers",
                pytrace=False,
            )
        raise


def fit_fp_diagnosis(name, X, y):
    if name == "MultinomialNB":
        return (
            "MultinomialNB.fit hit a floating-point error on counts that include zeros: "
            "log(0) for a feature never seen in a class. Smooth every count: "
            "log((N_cj + alpha) / (N_c + alpha * n_features))"
        )
    sizes = [np.sum(y == c) for c in np.unique(y)]
    if min(sizes) == 1:
        return (
            "GaussianNB.fit hit a floating-point error on data with a one-sample class: "
            "did you divide by n_c - 1 (ddof=1)? Naive Bayes uses the population variance"
        )
    return "GaussianNB.fit hit a floating-point error: fit only needs means and variances"


def predict_fp_diagnosis(model, method):
    """What a floating-point error in a GaussianNB/MultinomialNB prediction most likely is."""
    var = getattr(model, "var_", None)
    if var is not None and np.min(var) <= 0:
        return (
            f"{type(model).__name__}.{method}: division by a zero variance (a feature is "
            "constant within a class). Add epsilon = var_smoothing * (largest feature "
            "variance over all of X) to every variance"
        )
    return (
        f"{type(model).__name__}.{method} took the log (or the ratio) of probabilities that "
        "underflowed to 0: multiplying densities, exponentiating the joint log-likelihood "
        "before normalizing, or log(predict_proba). Sum log-probabilities, normalize with "
        "a logsumexp shifted by each row's own max, and compute predict_log_proba directly"
    )


def call(model, method, Q):
    with fp_diagnosis(predict_fp_diagnosis(model, method)):
        return getattr(model, method)(np.asarray(Q, dtype=float))


def check_gaussian_fit(model, X, y, var_smoothing=1e-9, where="GaussianNB"):
    """Compare every learned attribute with the oracle; name the classic mistakes."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    ref = gaussian_oracle(X, y, X[:1], var_smoothing)
    np.testing.assert_array_equal(
        model.classes_, ref["classes"], err_msg=f"{where}: classes_ = the sorted unique labels"
    )
    K, d = ref["theta"].shape
    for attr in ("theta_", "var_"):
        shape = np.shape(getattr(model, attr))
        assert shape == (K, d), f"{where}: {attr} has shape {shape}, expected (K, d) = {(K, d)}"
    np.testing.assert_allclose(
        model.theta_, ref["theta"], rtol=1e-10, atol=1e-12,
        err_msg=f"{where}: theta_[c, j] is the mean of feature j over the samples of class c",
    )  # fmt: skip
    n_c = ref["prior"] * len(y)
    name_the_mistake(
        model.class_prior_,
        ref["prior"],
        [
            (n_c, "class_prior_ holds the class counts n_c: divide them by n"),
            (np.log(ref["prior"]), "class_prior_ holds log priors: store n_c / n itself"),
        ]
        + ([] if np.allclose(ref["prior"], 1 / K) else [(np.full(K, 1 / K), "uniform prior")]),
    )
    np.testing.assert_allclose(
        model.class_prior_, ref["prior"], rtol=1e-12,
        err_msg=f"{where}: class_prior_ = n_c / n, the share of each class",
    )  # fmt: skip
    raw, eps, vs = ref["raw"], ref["eps"], var_smoothing
    if matches(model.var_, ref["var"]):
        np.testing.assert_allclose(
            model.epsilon_, eps, rtol=1e-10, atol=1e-300,
            err_msg=f"{where}: epsilon_ = var_smoothing * max(np.var(X, axis=0))",
        )  # fmt: skip
        return ref
    ddof1 = per_class(X, y, lambda Xc: Xc.var(axis=0, ddof=1) if len(Xc) > 1 else Xc[0] * 0)
    candidates = [
        (
            ddof1 + eps,
            "var_ uses the sample variance (ddof=1): naive Bayes uses the maximum-"
            "likelihood variance, ddof=0 (divide by n_c, not n_c - 1)",
        ),
        (np.sqrt(raw) + eps, "var_ holds standard deviations: store the variances"),
        (
            raw * n_c[:, None] / len(y) + eps,
            "var_ divides each class's sum of squared deviations by n, not by the class count n_c",
        ),
    ]
    if vs > 0:
        candidates += [
            (
                raw,
                "var_ has no epsilon: add epsilon_ = var_smoothing * max(np.var(X, axis=0)) "
                "to EVERY variance (not only to the zero ones)",
            ),
            (
                raw + vs,
                "epsilon is var_smoothing itself: it must be var_smoothing times the "
                "largest variance of any feature over all of X",
            ),
            (
                raw + vs * np.var(X, axis=0),
                "epsilon is var_smoothing * (each feature's own "
                "variance): it is ONE number, var_smoothing times the LARGEST feature variance",
            ),
            (
                raw + vs * raw.max(axis=1, keepdims=True),
                "epsilon comes from each class's own "
                "variances: it is one number for all classes, from the variances over all of X",
            ),
            (
                raw + vs * raw.max(),
                "epsilon is var_smoothing times the largest WITHIN-class "
                "variance: use the variances over all of X, np.var(X, axis=0).max()",
            ),
            (
                raw + vs * np.var(X, axis=0).mean(),
                "epsilon uses the mean feature variance: "
                "it is var_smoothing times the LARGEST one",
            ),
            (
                raw + vs * np.var(X),
                "epsilon uses the variance of all entries of X pooled: "
                "it is var_smoothing times the largest per-feature variance, np.var(X, axis=0)",
            ),
        ]
    name_the_mistake(model.var_, ref["var"], candidates)
    far = np.abs(ref["theta"]).max() > 1e3 * np.sqrt(raw.max())
    np.testing.assert_allclose(
        model.var_, ref["var"], rtol=1e-9,
        err_msg=f"{where}: var_ = per-class population variance + epsilon_"
        + (
            ". These features are far from 0: E[x^2] - E[x]^2 cancels catastrophically "
            "there; average the squared deviations from the class mean instead"
            if far else ""
        ),
    )  # fmt: skip
    return ref


def check_gaussian_posterior(got, ref, log=False, where="GaussianNB.predict_proba"):
    """Compare a posterior with the oracle's; name the mistakes in the joint log-likelihood."""
    want = normalize_log(ref["jll"])
    lp, ln, quad = np.log(ref["prior"]), ref["log_norm"], ref["quad"]
    got = np.asarray(got, dtype=float)
    if not log and matches(got, np.exp(ref["jll"]), rtol=1e-8, atol=1e-300):
        pytest.fail(f"{where} returned the joint density p(x, c): normalize over the classes")
    wrong = [
        (
            ref["prior"] + ln + quad,
            "the joint log-likelihood adds the prior itself, n_c / n: "
            "add log(prior) (everything is in log space)",
        ),
        (ln + quad, "the joint log-likelihood has no prior: add log(class_prior_)"),
        (
            lp + quad,
            "the joint log-likelihood lacks the normalizing term -0.5 * sum_j "
            "log(2 pi var_cj), which differs between classes of different variances",
        ),
        (
            lp + 2 * ln + quad,
            "the normalizing term is -0.5 * sum_j log(2 pi var_cj): the 0.5 is missing",
        ),
        (lp + ln + 2 * quad, "the quadratic term is (x - theta)^2 / (2 var): the 1/2 is missing"),
    ]
    for jll, message in wrong:
        cand = normalize_log(jll)
        name_the_mistake(
            got,
            want if log else np.exp(want),
            [(cand if log else np.exp(cand), f"{where}: {message}")],
            rtol=1e-8,
            atol=0.0,
        )
    if log:
        np.testing.assert_allclose(
            got, want, rtol=1e-9, atol=1e-9,
            err_msg=f"{where}: log p(c|x) = jll_c - logsumexp(jll) with jll_c = log prior_c "
            "- 0.5 sum_j log(2 pi var_cj) - sum_j (x_j - theta_cj)^2 / (2 var_cj)",
        )  # fmt: skip
    else:
        np.testing.assert_allclose(
            got, np.exp(want), rtol=1e-9, atol=1e-12,
            err_msg=f"{where}: p(c|x) = exp(jll_c - logsumexp(jll)), jll_c = log prior_c "
            "- 0.5 sum_j log(2 pi var_cj) - sum_j (x_j - theta_cj)^2 / (2 var_cj)",
        )  # fmt: skip


def check_multinomial_fit(model, X, y, alpha=1.0, where="MultinomialNB"):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    ref = multinomial_oracle(X, y, X[:1], alpha)
    np.testing.assert_array_equal(
        model.classes_, ref["classes"], err_msg=f"{where}: classes_ = the sorted unique labels"
    )
    N, n_c, a = ref["counts"], ref["n_c"], alpha
    S = N + a
    name_the_mistake(
        model.class_log_prior_,
        ref["log_prior"],
        [
            (n_c / len(y), "class_log_prior_ holds n_c / n: take its log"),
            (np.log(n_c), "class_log_prior_ is log(n_c): subtract log(n)"),
        ]
        + (
            []
            if np.allclose(n_c, n_c[0])
            else [
                (
                    np.full(len(n_c), -np.log(len(n_c))),
                    "class_log_prior_ is uniform: "
                    "it is log(n_c / n), the empirical class frequencies",
                )
            ]
        ),
    )
    np.testing.assert_allclose(
        model.class_log_prior_, ref["log_prior"], rtol=1e-12,
        err_msg=f"{where}: class_log_prior_ = log(n_c / n)",
    )  # fmt: skip
    Nb = per_class((X > 0).astype(float), y, lambda Xc: Xc.sum(axis=0)) + a
    with np.errstate(divide="ignore"):
        candidates = [
            (
                np.log(S) - np.log(N.sum(1, keepdims=True)),
                "feature_log_prob_ smooths the "
                "numerator only: the denominator is N_c + alpha * n_features, so that each row "
                "of exp(feature_log_prob_) sums to 1",
            ),
            (
                np.log(S) - np.log(N.sum(1, keepdims=True) + a),
                "feature_log_prob_'s "
                "denominator adds alpha once: it is N_c + alpha * n_features (alpha per feature)",
            ),
            (
                np.log(N) - np.log(N.sum(1, keepdims=True)),
                "feature_log_prob_ is not "
                "smoothed: add alpha to every count, (N_cj + alpha) / (N_c + alpha * n_features)",
            ),
            (
                np.log(S) - np.log(S.sum(0, keepdims=True)),
                "feature_log_prob_ is normalized "
                "over classes (axis 0): normalize each class's row over the features (axis 1)",
            ),
            (S / S.sum(1, keepdims=True), "feature_log_prob_ holds probabilities: take logs"),
            (
                np.log(Nb) - np.log(Nb.sum(1, keepdims=True)),
                "feature_log_prob_ counts the "
                "samples in which a feature occurs: sum the counts themselves, N_cj = sum of "
                "X[:, j] over class c",
            ),
        ]
    name_the_mistake(model.feature_log_prob_, ref["flp"], candidates)
    np.testing.assert_allclose(
        model.feature_log_prob_, ref["flp"], rtol=1e-12, atol=1e-14,
        err_msg=f"{where}: feature_log_prob_[c, j] = log((N_cj + alpha) / (N_c + alpha d))",
    )  # fmt: skip
    return ref


def check_multinomial_posterior(got, ref, Q, log=False, where="MultinomialNB.predict_proba"):
    Q = np.asarray(Q, dtype=float)
    flp, lp = ref["flp"], ref["log_prior"]
    want = normalize_log(ref["jll"])
    wrong = [
        (Q @ flp.T, "the joint log-likelihood has no prior: add class_log_prior_"),
        (
            Q @ flp.T + np.exp(lp),
            "the joint log-likelihood adds the prior n_c / n itself: "
            "add its log, class_log_prior_",
        ),
        (
            Q @ np.exp(flp).T + lp,
            "the joint log-likelihood multiplies the counts by the "
            "probabilities: sum_j x_j * log p(j|c), i.e. X @ feature_log_prob_.T",
        ),
    ]
    for jll, message in wrong:
        cand = normalize_log(jll)
        name_the_mistake(
            got,
            want if log else np.exp(want),
            [(cand if log else np.exp(cand), f"{where}: {message}")],
            rtol=1e-8,
            atol=0.0,
        )
    if log:
        np.testing.assert_allclose(
            got, want, rtol=1e-9, atol=1e-9,
            err_msg=f"{where}: log p(c|x) = jll - logsumexp(jll), jll = X @ "
            "feature_log_prob_.T + class_log_prior_",
        )  # fmt: skip
    else:
        np.testing.assert_allclose(
            got, np.exp(want), rtol=1e-9, atol=1e-12,
            err_msg=f"{where}: p(c|x) = exp(jll - logsumexp(jll)), jll = X @ "
            "feature_log_prob_.T + class_log_prior_",
        )  # fmt: skip


def check_predict(model, Q, want):
    got = np.asarray(call(model, "predict", Q))
    want = np.asarray(want)
    assert got.shape == want.shape, (
        f"predict returned shape {got.shape} for {len(Q)} queries: take the argmax over the "
        "classes (axis=1), one label per query"
    )
    if want.dtype.kind in "US" and got.dtype.kind in "iu":
        pytest.fail(
            f"predict returned class indices {got}: map them through classes_ "
            "(classes_[argmax]) to return labels"
        )
    np.testing.assert_array_equal(
        got, want, err_msg="predict = classes_[argmax of the posterior over classes]"
    )


def many_feature_data(seed, n_features=200):
    """Three Gaussian classes in 200 dimensions: every joint density underflows float64."""
    centers = np.random.default_rng(seed).normal(scale=6.0, size=(3, n_features))
    X, y, _ = make_blobs(150, centers=centers, cluster_std=20.0, random_state=seed)
    return X[:120], y[:120], X[120:]


def continuous_blobs(seed, n=90, n_features=4):
    X, y, _ = make_blobs(n, centers=3, n_features=n_features, cluster_std=2.0, random_state=seed)
    return X, y, X[::3] + 0.5


def count_data(seed=0):
    rng = np.random.default_rng(seed)
    y = np.arange(60) % 3
    X = rng.poisson(rng.uniform(0.5, 5.0, size=(3, 6))[y]).astype(float)
    return X, y


COUNTS = np.array([[2.0, 0.0], [3.0, 1.0], [0.0, 4.0]])
SPAM = np.array(["spam", "spam", "ham"])


# --- GaussianNB, by hand -----------------------------------------------------------------------


def test_gaussian_worked_example():
    X, y = [[0.0], [2.0], [10.0], [12.0]], ["a"] * 2 + ["b"] * 2
    model = fit_or_explain("GaussianNB", X, y, var_smoothing=0.0)
    ref = check_gaussian_fit(model, X, y, var_smoothing=0.0)
    np.testing.assert_allclose(model.var_, [[1.0], [1.0]], rtol=1e-12, err_msg="var_ by hand")
    e = math.exp(-30.0)
    got = call(model, "predict_proba", [[3.0]])
    check_gaussian_posterior(got, gaussian_oracle(np.array(X), np.array(y), np.array([[3.0]]), 0))
    np.testing.assert_allclose(
        got, [[1 / (1 + e), e / (1 + e)]], rtol=1e-12, err_msg="p(a | 3) = 1 / (1 + e^-30)"
    )
    np.testing.assert_allclose(
        call(model, "predict_log_proba", [[3.0]]),
        [[-math.log1p(e), -30.0 - math.log1p(e)]],
        rtol=1e-12,
        atol=1e-15,
        err_msg="log p(b | 3) = -30 - log(1 + e^-30): exact, straight from log space",
    )
    check_predict(model, [[3.0], [9.0]], ["a", "b"])
    assert ref["eps"] == 0.0


def test_gaussian_hand_example_with_unequal_variances_and_priors():
    # Class 0: x = 0, 2 (mean 1, variance 1). Class 1: x = 0, 4, 8 (mean 4, variance 32/3).
    X, y = np.array([[0.0], [2.0], [0.0], [4.0], [8.0]]), np.array([0, 0, 1, 1, 1])
    model = fit_or_explain("GaussianNB", X, y, var_smoothing=0.0)
    check_gaussian_fit(model, X, y, var_smoothing=0.0)
    np.testing.assert_allclose(model.var_, [[1.0], [32 / 3]], rtol=1e-12, err_msg="by hand")
    np.testing.assert_allclose(model.class_prior_, [2 / 5, 3 / 5], rtol=1e-12, err_msg="2/5, 3/5")
    # At x = 3: log p(x, c) = log prior - log(2 pi var) / 2 - (x - mean)^2 / (2 var).
    jll = np.array(
        [
            math.log(2 / 5) - 0.5 * LOG_2PI - 0.5 * 4.0,
            math.log(3 / 5) - 0.5 * (LOG_2PI + math.log(32 / 3)) - 0.5 * 1.0 / (32 / 3),
        ]
    )
    got = call(model, "predict_proba", [[3.0]])
    check_gaussian_posterior(got, gaussian_oracle(X, y, np.array([[3.0]]), 0.0))
    np.testing.assert_allclose(
        got, [np.exp(jll - np.logaddexp.reduce(jll))], rtol=1e-12, err_msg="p(c | 3) by hand"
    )
    # Closer to class 0's mean, but class 1's wide variance and larger prior win.
    check_predict(model, [[3.0]], [1])


def test_variances_are_population_variances():
    X, y, _ = continuous_blobs(0)
    model = fit_or_explain("GaussianNB", X, y)
    check_gaussian_fit(model, X, y)


def test_epsilon_is_var_smoothing_times_the_largest_feature_variance():
    # Wine's features span very different scales (proline ~ 1e3, hue ~ 1), so the
    # plausible choices of epsilon differ by orders of magnitude.
    data = load_wine()
    model = fit_or_explain("GaussianNB", data.X, data.y, var_smoothing=1e-2)
    ref = check_gaussian_fit(model, data.X, data.y, var_smoothing=1e-2)
    assert np.ndim(model.epsilon_) == 0, (
        f"epsilon_ has shape {np.shape(model.epsilon_)}: it is one number for every class "
        "and feature, var_smoothing * max(np.var(X, axis=0))"
    )
    np.testing.assert_allclose(
        model.epsilon_, ref["eps"], rtol=1e-10, err_msg="epsilon_ = 1e-2 * max feature variance"
    )


def test_feature_constant_within_a_class_does_not_divide_by_zero():
    # Feature 1 is constant (3.0) within class 0, so its raw variance there is 0.
    X = np.array([[0.0, 3.0], [1.0, 3.0], [2.0, 3.0], [5.0, 1.0], [6.0, 2.0], [7.0, 6.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = fit_or_explain("GaussianNB", X, y)
    Q = np.array([[1.0, 3.5], [6.0, 3.0]])
    log_proba = call(model, "predict_log_proba", Q)
    ref = check_gaussian_fit(model, X, y)
    assert ref["var"][0, 1] == pytest.approx(1e-9 * np.var(X, axis=0).max())
    check_gaussian_posterior(log_proba, gaussian_oracle(X, y, Q), log=True)


def test_variances_stay_accurate_far_from_the_origin():
    # Features around 1e6 with unit spread: E[x^2] - E[x]^2 subtracts two numbers near
    # 1e12 and keeps only a few correct digits of a variance near 1.
    X, y, _ = continuous_blobs(1)
    check_gaussian_fit(fit_or_explain("GaussianNB", X, y), X, y, where="GaussianNB near 0")
    X = X + 1e6
    check_gaussian_fit(fit_or_explain("GaussianNB", X, y), X, y, where="GaussianNB at 1e6")


def test_a_column_constant_over_all_of_X_is_harmless():
    # Column 2 is 5.0 everywhere: variance 0 in every class, and in X. epsilon_ comes from
    # the other columns, and the column shifts every class's log-likelihood by the same
    # amount, so the posterior is that of the other two columns.
    X, y, Q = continuous_blobs(2, n_features=2)
    X5 = np.column_stack([X, np.full(len(X), 5.0)])
    model = fit_or_explain("GaussianNB", X5, y)
    check_gaussian_fit(model, X5, y)
    without = fit_or_explain("GaussianNB", X, y)
    Q5 = np.column_stack([Q, np.full(len(Q), 5.0)])
    np.testing.assert_allclose(
        call(model, "predict_log_proba", Q5),
        call(without, "predict_log_proba", Q),
        rtol=1e-9, atol=1e-9,
        err_msg="a constant column, queried at its constant, changes no posterior",
    )  # fmt: skip


# --- MultinomialNB, by hand --------------------------------------------------------------------


def test_multinomial_worked_example():
    model = fit_or_explain("MultinomialNB", COUNTS, SPAM, alpha=1.0)
    check_multinomial_fit(model, COUNTS, SPAM, alpha=1.0)
    # ham counts (0, 4) + 1 -> (1, 5) / 6; spam counts (5, 1) + 1 -> (6, 2) / 8.
    np.testing.assert_allclose(
        np.exp(model.feature_log_prob_), [[1 / 6, 5 / 6], [6 / 8, 2 / 8]], rtol=1e-12,
        err_msg="feature probabilities by hand",
    )  # fmt: skip
    # Query (1, 1): p(x, ham) ~ 1/3 * 1/6 * 5/6, p(x, spam) ~ 2/3 * 3/4 * 1/4.
    Q = np.array([[1.0, 1.0]])
    got = call(model, "predict_proba", Q)
    check_multinomial_posterior(got, multinomial_oracle(COUNTS, SPAM, Q), Q)
    joint = np.array([1 / 3 * 1 / 6 * 5 / 6, 2 / 3 * 3 / 4 * 1 / 4])
    np.testing.assert_allclose(got, [joint / joint.sum()], rtol=1e-12, err_msg="by hand")
    check_predict(model, [[1.0, 1.0], [0.0, 3.0]], ["spam", "ham"])


def test_unseen_feature_is_smoothed_not_log_zero():
    # Feature 1 never occurs in class "spam" (counts (5, 0)): without smoothing its
    # probability is 0 and any query containing it gets log 0 = -inf.
    X = np.array([[2.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    model = fit_or_explain("MultinomialNB", X, SPAM, alpha=0.5)
    ref = check_multinomial_fit(model, X, SPAM, alpha=0.5)
    Q = np.array([[1.0, 2.0]])
    got = call(model, "predict_log_proba", Q)
    check_multinomial_posterior(got, multinomial_oracle(X, SPAM, Q, 0.5), Q, log=True)
    assert np.isfinite(ref["flp"]).all()


def test_feature_probabilities_sum_to_one_per_class():
    rng = np.random.default_rng(3)
    X = rng.poisson(2.0, size=(40, 7)).astype(float)
    y = rng.integers(0, 3, size=40)
    model = fit_or_explain("MultinomialNB", X, y, alpha=0.7)
    check_multinomial_fit(model, X, y, alpha=0.7)
    np.testing.assert_allclose(
        np.exp(model.feature_log_prob_).sum(axis=1), 1.0, rtol=1e-12,
        err_msg="each row of exp(feature_log_prob_) must sum to 1",
    )  # fmt: skip


def test_class_log_prior_follows_the_class_frequencies():
    X = np.ones((10, 2))
    y = np.array([0] * 7 + [1] * 2 + [2])
    model = fit_or_explain("MultinomialNB", X, y)
    check_multinomial_fit(model, X, y)
    # Identical rows: the features say nothing, so the posterior is the prior.
    np.testing.assert_allclose(
        call(model, "predict_proba", [[3.0, 1.0]]), [[0.7, 0.2, 0.1]], rtol=1e-12,
        err_msg="with uninformative features the posterior is the prior (0.7, 0.2, 0.1)",
    )  # fmt: skip


def test_an_all_zero_column_gets_the_smoothed_probability():
    # Column 1 is 0 in every sample: its probability is alpha / (N_c + alpha d) everywhere.
    X, y = count_data(8)
    X[:, 1] = 0.0
    model = fit_or_explain("MultinomialNB", X, y, alpha=0.5)
    ref = check_multinomial_fit(model, X, y, alpha=0.5)
    np.testing.assert_allclose(
        model.feature_log_prob_[:, 1],
        np.log(0.5 / (ref["counts"].sum(axis=1) + 0.5 * X.shape[1])),
        rtol=1e-12, err_msg="an all-zero column: log(alpha / (N_c + alpha d))",
    )  # fmt: skip


def test_negative_counts_are_a_value_error():
    check_predict(fit_or_explain("MultinomialNB", COUNTS, SPAM), COUNTS, SPAM)
    diagnosis = (
        "MultinomialNB.fit on counts with a negative entry hit a floating-point error: "
        "negative counts are invalid input; fit must raise ValueError before any log "
        "(keep the stub's check `if np.any(X < 0): raise ValueError(...)`)"
    )
    with fp_diagnosis(diagnosis), pytest.raises(ValueError, match="negative"):
        mod.MultinomialNB().fit([[1.0, -1.0], [2.0, 0.0]], [0, 1])
    with fp_diagnosis(diagnosis), pytest.raises(ValueError, match="negative"):
        mod.MultinomialNB().fit([[1.0, 2.0], [-0.5, 3.0]], [0, 1])  # smoothed sums stay > 0


@pytest.mark.parametrize("alpha", [0.0, -1.0])
def test_non_positive_alpha_is_a_value_error(alpha):
    fit_or_explain("MultinomialNB", COUNTS, SPAM).predict(COUNTS)
    with pytest.raises(ValueError, match="alpha"):
        mod.MultinomialNB(alpha=alpha).fit(COUNTS, SPAM)


# --- both: log space -----------------------------------------------------------------------


@pytest.mark.parametrize("name", MODELS)
def test_logsumexp_is_shifted_by_each_rows_own_max(name):
    # One query near the data, one far away: their joint log-likelihoods differ by about
    # 1e5 (GaussianNB) or 2e3 (MultinomialNB), so subtracting the batch's single largest
    # value pushes every entry of the far row below -745 and its exp underflows to 0.
    if name == "GaussianNB":
        X = np.array([[-1.0], [0.0], [1.0], [9.0], [10.0], [11.0]])
        Q = np.array([[0.0], [400.0]])
        y = np.array([0, 0, 0, 1, 1, 1])
        ref = gaussian_oracle(X, y, Q)
    else:
        X = np.array([[3.0, 1.0], [2.0, 0.0], [0.0, 2.0], [1.0, 3.0]])
        Q = np.array([[0.0, 1.0], [1000.0, 1200.0]])
        y = np.array([0, 0, 1, 1])
        ref = multinomial_oracle(X, y, Q)
    model = fit_or_explain(name, X, y)
    assert ref["jll"][1].max() < ref["jll"][0].min() - 1000, "rows must differ in scale"
    with fp_diagnosis(
        f"{name}.predict_log_proba: log(0) for the far query of a batch. The logsumexp "
        "shift must be each row's own max (max over classes, keepdims=True), not the max of "
        "the whole batch (nor no shift): the far row's entries all underflow otherwise"
    ):
        got = model.predict_log_proba(Q)
    np.testing.assert_allclose(
        got, normalize_log(ref["jll"]), rtol=1e-9, atol=1e-9,
        err_msg="log-posteriors of a near and a far query in one batch",
    )  # fmt: skip
    np.testing.assert_allclose(
        call(model, "predict_proba", Q).sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_with_200_features_works_in_log_space(seed):
    X, y, Q = many_feature_data(seed)
    ref = gaussian_oracle(X, y, Q)
    assert ref["jll"].max() < -745, "test data must make every joint density underflow"
    model = fit_or_explain("GaussianNB", X, y)
    proba = call(model, "predict_proba", Q)
    assert np.all(np.isfinite(proba)), (
        "predict_proba is not finite with 200 features: the product of 200 densities "
        "underflows to 0; sum the log-densities instead"
    )
    check_gaussian_posterior(proba, ref)
    check_gaussian_posterior(call(model, "predict_log_proba", Q), ref, log=True)


def test_log_proba_stays_exact_where_the_probability_underflows():
    # The query sits on class 0; class 1 is 60 standard deviations away, so its posterior
    # is about exp(-1800): 0 in float64, but its log is an ordinary number.
    X = np.array([[-1.0], [0.0], [1.0], [59.0], [60.0], [61.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = fit_or_explain("GaussianNB", X, y)
    Q = np.array([[0.0], [60.0]])
    got = call(model, "predict_log_proba", Q)
    ref = gaussian_oracle(X, y, Q)
    assert normalize_log(ref["jll"])[0, 1] < -1000
    assert np.all(np.isfinite(got)), (
        f"predict_log_proba gave {got.tolist()}: log(predict_proba) is -inf where the "
        "probability underflows; return jll - logsumexp(jll) directly"
    )
    check_gaussian_posterior(got, ref, log=True)
    check_predict(model, Q, [0, 1])


@pytest.mark.parametrize("seed", SEEDS)
def test_multinomial_with_200_features_works_in_log_space(seed):
    rng = np.random.default_rng(seed)
    rates = rng.uniform(1.0, 8.0, size=(3, 200))
    y = np.arange(90) % 3
    X = rng.poisson(rates[y]).astype(float)
    Q = rng.poisson(rates[[0, 1, 2, 0]]).astype(float)
    ref = multinomial_oracle(X, y, Q)
    assert ref["jll"].max() < -745, "test data must make every joint probability underflow"
    model = fit_or_explain("MultinomialNB", X, y)
    check_multinomial_posterior(call(model, "predict_log_proba", Q), ref, Q, log=True)
    proba = call(model, "predict_proba", Q)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
    check_predict(model, Q, [0, 1, 2, 0])


# --- oracles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_matches_an_independent_oracle(seed):
    X, y, Q = continuous_blobs(seed)
    model = fit_or_explain("GaussianNB", X, y)
    check_gaussian_fit(model, X, y)
    ref = gaussian_oracle(X, y, Q)
    check_gaussian_posterior(call(model, "predict_log_proba", Q), ref, log=True)
    check_predict(model, Q, np.argmax(ref["jll"], axis=1))


@pytest.mark.parametrize("loader", [load_iris, load_wine, load_breast_cancer])
def test_gaussian_matches_sklearn(loader):
    naive_bayes = import_sklearn("naive_bayes")
    data = loader()
    X, y = data.X, data.y
    mine = fit_or_explain("GaussianNB", X, y)
    ref = naive_bayes.GaussianNB().fit(X, y)
    for name in ("theta_", "var_", "class_prior_", "epsilon_"):
        np.testing.assert_allclose(
            getattr(mine, name), getattr(ref, name), rtol=1e-9,
            err_msg=f"{name} differs from scikit-learn's GaussianNB",
        )  # fmt: skip
    np.testing.assert_allclose(
        call(mine, "predict_log_proba", X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9,
        err_msg="predict_log_proba differs from scikit-learn's",
    )  # fmt: skip
    np.testing.assert_allclose(
        call(mine, "predict_proba", X), ref.predict_proba(X), atol=1e-9,
        err_msg="predict_proba differs from scikit-learn's",
    )  # fmt: skip
    check_predict(mine, X, ref.predict(X))


@pytest.mark.parametrize("alpha", [1.0, 0.1, 2.5])
def test_multinomial_matches_sklearn(alpha):
    naive_bayes = import_sklearn("naive_bayes")
    rng = np.random.default_rng(4)
    X = rng.poisson(rng.uniform(0.2, 4.0, size=30), size=(80, 30)).astype(float)
    y = rng.choice(np.array(["a", "b", "c", "d"]), size=80)
    mine = fit_or_explain("MultinomialNB", X, y, alpha=alpha)
    ref = naive_bayes.MultinomialNB(alpha=alpha).fit(X, y)
    for name in ("feature_log_prob_", "class_log_prior_"):
        np.testing.assert_allclose(
            getattr(mine, name), getattr(ref, name), rtol=1e-9,
            err_msg=f"{name} differs from scikit-learn's MultinomialNB",
        )  # fmt: skip
    np.testing.assert_allclose(
        call(mine, "predict_log_proba", X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9,
        err_msg="predict_log_proba differs from scikit-learn's",
    )  # fmt: skip
    np.testing.assert_allclose(
        call(mine, "predict_proba", X), ref.predict_proba(X), atol=1e-9,
        err_msg="predict_proba differs from scikit-learn's",
    )  # fmt: skip
    check_predict(mine, X, ref.predict(X))


# --- invariants --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_is_unchanged_by_permuting_and_consistent_under_scaling(seed):
    X, y, Q = continuous_blobs(seed)
    perm = np.random.default_rng(seed).permutation(len(X))
    base = fit_or_explain("GaussianNB", X, y)
    permuted = fit_or_explain("GaussianNB", X[perm], y[perm])
    for attr in ("theta_", "var_"):
        np.testing.assert_allclose(
            getattr(permuted, attr), getattr(base, attr), rtol=1e-12,
            err_msg=f"{attr} changed when the samples were permuted",
        )  # fmt: skip
    np.testing.assert_allclose(
        permuted.predict_proba(Q), base.predict_proba(Q), atol=1e-12,
        err_msg="the posterior changed when the training samples were permuted",
    )  # fmt: skip
    # Scaling every feature by s scales means by s and variances (epsilon too) by s^2,
    # and leaves the posterior unchanged.
    scaled = fit_or_explain("GaussianNB", 7.0 * X, y)
    np.testing.assert_allclose(
        scaled.theta_, 7.0 * base.theta_, rtol=1e-12, err_msg="X * 7 scales theta_ by 7"
    )
    np.testing.assert_allclose(
        scaled.var_, 49.0 * base.var_, rtol=1e-12,
        err_msg="X * 7 scales var_ (epsilon_ included) by 49",
    )  # fmt: skip
    np.testing.assert_allclose(
        scaled.predict_proba(7.0 * Q), base.predict_proba(Q), atol=1e-9,
        err_msg="scaling X and the queries alike leaves the posterior unchanged",
    )  # fmt: skip


@pytest.mark.parametrize("name", MODELS)
def test_string_labels_give_the_same_model_as_int_labels(name):
    X, y = count_data(1)
    names = np.array(["setosa", "versicolor", "virginica"])
    by_int = fit_or_explain(name, X, y)
    by_str = fit_or_explain(name, X, names[y])
    np.testing.assert_array_equal(by_str.classes_, names, err_msg="classes_ = sorted labels")
    np.testing.assert_allclose(
        by_str.predict_proba(X), by_int.predict_proba(X), rtol=1e-12,
        err_msg="renaming the labels must not change the posterior",
    )  # fmt: skip
    check_predict(by_str, X, names[by_int.predict(X)])


@pytest.mark.parametrize("name", MODELS)
def test_proba_rows_sum_to_one_and_predict_is_their_argmax(name):
    X, y = count_data(2)
    model = fit_or_explain(name, X, y)
    proba = call(model, "predict_proba", X)
    assert proba.shape == (len(X), 3), f"predict_proba has shape {proba.shape}, want (n, K)"
    assert proba.dtype == np.float64, f"predict_proba has dtype {proba.dtype}, want float64"
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
    np.testing.assert_allclose(
        np.exp(call(model, "predict_log_proba", X)), proba, rtol=1e-12,
        err_msg="predict_proba = exp(predict_log_proba)",
    )  # fmt: skip
    check_predict(model, X, model.classes_[proba.argmax(axis=1)])


@pytest.mark.parametrize("name", MODELS)
def test_refitting_on_new_data_forgets_the_first_fit(name):
    # A second fit must give what a fresh fit gives: first on data of the same shape, then
    # with other labels and another number of features. Nothing carries over.
    X1, y1 = count_data(9)
    X2, y2 = count_data(10)
    X3, y3 = X2[:40, :4] + 1.0, np.where(y2[:40] == 0, "no", "yes")
    model = fit_or_explain(name, X1, np.array(["a", "b", "c"])[y1])
    attrs = ("theta_", "var_", "class_prior_", "epsilon_") if name == "GaussianNB" else (
        "feature_log_prob_", "class_log_prior_")  # fmt: skip
    for X, y, what in [(X2, y2, "same shape"), (X3, y3, "new labels and 4 features")]:
        leaked = (
            f"the second {name}.fit (on new data, {what}) failed: state from the first fit "
            "(classes_, counts, n_features_in_) leaked into it; recompute everything from "
            "the new X and y"
        )
        try:
            with fp_diagnosis(leaked):
                model.fit(X, y)
        except (ValueError, IndexError) as exc:
            pytest.fail(f"{leaked} ({type(exc).__name__}: {exc})", pytrace=False)
        fresh = fit_or_explain(name, X, y)
        np.testing.assert_array_equal(
            model.classes_, fresh.classes_, err_msg=f"refit ({what}): classes_ are the new ones"
        )
        assert model.n_features_in_ == X.shape[1], "a refit records the new n_features_in_"
        for attr in attrs:
            np.testing.assert_allclose(
                getattr(model, attr), getattr(fresh, attr), rtol=1e-12,
                err_msg=f"{attr} after a refit ({what}) differs from a fresh fit on the same "
                "data: recompute everything from the new X and y (keep no state from the "
                "first fit)",
            )  # fmt: skip
        np.testing.assert_allclose(
            model.predict_proba(X), fresh.predict_proba(X), rtol=1e-12,
            err_msg=f"the refitted model ({what}) predicts like a fresh one",
        )  # fmt: skip


# --- inputs, validation, fitted state ------------------------------------------------------


@pytest.mark.parametrize("name", MODELS)
def test_fit_and_predict_do_not_modify_their_inputs(name):
    X, y = count_data(3)
    X = X + 100.0  # far from 0, so an in-place centring is visible
    model = getattr(mod, name)()
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    for method in PUBLIC_METHODS:
        with inputs_unchanged(method, X=X):
            getattr(model, method)(X)


@pytest.mark.parametrize("name", MODELS)
def test_bad_input_is_a_value_error(name):
    X, y = count_data(4)
    model = fit_or_explain(name, X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="NaN"):
        getattr(mod, name)().fit(np.where(X > 4, np.nan, X), y)
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, name)().fit(X, y[:-1])


def test_negative_var_smoothing_is_a_value_error():
    X, y = count_data(5)
    fit_or_explain("GaussianNB", X, y, var_smoothing=0.0).predict(X)
    with pytest.raises(ValueError, match="var_smoothing"):
        mod.GaussianNB(var_smoothing=-1e-9).fit(X, y)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("method", PUBLIC_METHODS)
def test_every_method_before_fit_is_a_not_fitted_error(name, method):
    X, y = count_data(6)
    getattr(fit_or_explain(name, X, y), method)(X)
    try:
        with pytest.raises(NotFittedError, match="fit"):
            getattr(getattr(mod, name)(), method)(X)
    except AttributeError as exc:
        pytest.fail(
            f"{name}().{method}(X) before fit raised AttributeError ({exc}): keep the "
            'stub\'s first line `X = check_fitted_input(self, X, attribute="classes_")`, '
            "which raises NotFittedError",
            pytrace=False,
        )


def test_fit_returns_self_and_stores_hyperparameters_unchanged():
    X, y = count_data(7)
    gnb, mnb = mod.GaussianNB(var_smoothing=1e-3), mod.MultinomialNB(alpha=0.25)
    assert gnb.fit(X, y) is gnb and mnb.fit(X, y) is mnb, "fit must return self"
    assert gnb.var_smoothing == 1e-3 and mnb.alpha == 0.25
    assert gnb.n_features_in_ == mnb.n_features_in_ == 6
