"""Tests for trees/adaboost: SAMME AdaBoost with decision stumps."""

import numpy as np
import pytest

from kata.testing import SEEDS, fp_diagnosis, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("trees/adaboost")

# The worked example of the statement: two rounds worked out by hand.
X_HAND = np.arange(1.0, 6.0).reshape(-1, 1)
Y_HAND = np.array(["a", "a", "b", "a", "b"])
EPS = np.finfo(np.float64).eps


# --- an independent oracle: weighted stumps by brute force, SAMME straight from the math ----


def purity(c, criterion):
    """Minus the weight-times-impurity of a side with class weights c, up to a constant
    (larger is purer): sum c^2 / W for Gini (W gini = W - sum c^2 / W), sum c log(c / W)
    for entropy."""
    if criterion == "gini":
        return (c**2).sum() / c.sum()
    c = c[c > 0]
    return (c * np.log(c / c.sum())).sum()


def brute_force_stump(X, codes, w, n_classes, criterion="gini"):
    """The best weighted-Gini cut (ties: lowest feature, then lowest threshold) and the
    weighted-majority class of each side (ties: the first class). Returns a predictor."""
    onehot = np.zeros((len(codes), n_classes))
    onehot[np.arange(len(codes)), codes] = w
    best = None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in values[:-1] / 2 + values[1:] / 2:
            left = X[:, j] <= t
            c_left, c_right = onehot[left].sum(axis=0), onehot[~left].sum(axis=0)
            score = purity(c_left, criterion) + purity(c_right, criterion)
            if best is None or score > best[0] + 1e-12 * abs(best[0]):
                best = (score, j, t, np.argmax(c_left), np.argmax(c_right))
    if best is None:  # every feature constant: a single leaf
        majority = np.argmax(onehot.sum(axis=0))
        return lambda Z: np.full(len(Z), majority)
    _, j, t, k_left, k_right = best
    return lambda Z: np.where(Z[:, j] <= t, k_left, k_right)


def oracle_samme(X, y, n_rounds, learning_rate=1.0, mistake=None):
    """SAMME by the book, or with one classic ``mistake`` (to recognize it in a learner's
    output): returns (errors, alphas, predictors)."""
    classes, codes = np.unique(y, return_inverse=True)
    K, n = classes.size, len(codes)
    w = np.full(n, 1.0 / n)
    errors, alphas, stumps = [], [], []
    for _ in range(n_rounds):
        w = np.maximum(w, EPS)
        fit_w = np.ones(n) if mistake == "unweighted stumps" else w
        criterion = "entropy" if mistake == "entropy stumps" else "gini"
        stump = brute_force_stump(X, codes, fit_w, K, criterion)
        wrong = stump(X) != codes
        if mistake == "plain error rate":
            err = wrong.mean()
        elif mistake == "not renormalized":
            err = w[wrong].sum()
        else:
            err = w[wrong].sum() / w.sum()
        if err <= 0 or err >= 1 - 1 / K or not np.isfinite(err):
            break
        log_k = {"no log(K - 1)": 0.0, "log(K)": np.log(K)}.get(mistake, np.log(K - 1))
        raw = np.log((1 - err) / err) + log_k
        alpha = raw if mistake == "learning rate forgotten" else learning_rate * raw
        step = raw if mistake == "learning rate only in the vote" else alpha
        if mistake == "exp(-alpha y h)":
            w = w * np.exp(np.where(wrong, step, -step))
        else:
            w = w * np.exp(step * wrong)
        if mistake != "not renormalized":
            w = w / w.sum()
        errors.append(err)
        alphas.append(alpha)
        stumps.append(stump)
    return np.array(errors), np.array(alphas), stumps


MISTAKES = {
    "unweighted stumps": "the stumps ignore the sample weights: pass sample_weight=w to "
    "every stump's fit, or every round refits the same stump",
    "plain error rate": "err is the plain error rate mean(h(x) != y); it must be the "
    "WEIGHTED error sum(w[wrong]) / sum(w)",
    "not renormalized": "the weights are not renormalized after the update: err = "
    "sum(w[wrong]) is then not a fraction; divide w by its sum after every round",
    "no log(K - 1)": "alpha misses the SAMME term log(K - 1): alpha = learning_rate * "
    "(log((1 - err) / err) + log(K - 1))",
    "log(K)": "alpha adds log(K) instead of the SAMME term log(K - 1): alpha = "
    "learning_rate * (log((1 - err) / err) + log(K - 1)), which is 0 extra for two classes",
    "learning rate forgotten": "learning_rate is not in alpha: alpha = learning_rate * "
    "(log((1 - err) / err) + log(K - 1))",
    "learning rate only in the vote": "learning_rate shrinks the vote but the weight "
    "update uses the unshrunk alpha: the update must be w * exp(alpha * wrong) with the "
    "same alpha as estimator_weights_",
    "entropy stumps": "the stumps split on the entropy: SAMME's stumps (as scikit-learn's) "
    "are DecisionTreeClassifier(max_depth=1) with the default criterion, Gini",
    "exp(-alpha y h)": "the update also shrinks the correctly classified samples "
    "(exp(-alpha y h) of two-class AdaBoost): SAMME multiplies only the misclassified "
    "weights, by exp(alpha)",
}


def diagnose(model, X, y, n_rounds, learning_rate):
    """Name the classic mistake whose oracle reproduces the learner's errors and weights."""
    got_e, got_a = model.estimator_errors_, model.estimator_weights_
    named = []
    for mistake, message in MISTAKES.items():
        e, a, _ = oracle_samme(X, y, n_rounds, learning_rate, mistake=mistake)
        if e.shape == got_e.shape == got_a.shape and np.allclose(got_e, e):
            if np.allclose(got_a, a):
                named.append(message)
    if len(named) > 1:  # on a small example two mistakes can give the same numbers
        return "one of these mistakes: " + "; OR ".join(named)
    return named[0] if named else None


def check_against_oracle(model, X, y, n_rounds, learning_rate, what):
    want_e, want_a, _ = oracle_samme(X, y, n_rounds, learning_rate)
    got_e = np.asarray(model.estimator_errors_, dtype=float)
    got_a = np.asarray(model.estimator_weights_, dtype=float)
    same = (
        got_e.shape == want_e.shape
        and got_a.shape == want_a.shape
        and np.allclose(got_e, want_e, rtol=1e-9, atol=1e-12)
        and np.allclose(got_a, want_a, rtol=1e-9, atol=1e-12)
    )
    if not same:
        named = diagnose(model, X, y, n_rounds, learning_rate)
        if named:
            pytest.fail(f"{what}: {named}", pytrace=False)
        k, n_classes = got_e.size, np.unique(y).size
        if k < want_e.size and np.allclose(got_e, want_e[:k]) and want_e[k] >= 0.5:
            pytest.fail(
                f"{what}: boosting stopped after {k} stumps, but stump {k + 1} has weighted "
                f"error {want_e[k]:.3g} < 1 - 1/K = {1 - 1 / n_classes:.3g}, better than "
                "chance among K classes: SAMME stops at err >= 1 - 1/K, not at err >= 1/2",
                pytrace=False,
            )
    assert got_e.shape == want_e.shape, (
        f"{what}: {got_e.size} entries in estimator_errors_, expected {want_e.size} (one "
        "per kept stump)"
    )
    np.testing.assert_allclose(
        got_e, want_e, rtol=1e-9, atol=1e-12, err_msg=f"{what}: the weighted error per round"
    )
    np.testing.assert_allclose(
        got_a,
        want_a,
        rtol=1e-9,
        atol=1e-12,
        err_msg=f"{what}: alpha = learning_rate * (log((1 - err) / err) + log(K - 1))",
    )


def make_data(seed, n=60, n_features=3, n_classes=2, noise=0.6):
    """Continuous float32-representable data: no two candidate cuts tie."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features)).astype(np.float32).astype(np.float64)
    score = X[:, 0] + X[:, 1] ** 2 - 0.5 + noise * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y


# --- the worked example -------------------------------------------------------------------


def test_first_round_of_the_worked_example():
    model = mod.AdaBoostClassifier(n_estimators=1).fit(X_HAND, Y_HAND)
    assert len(model.estimators_) == 1, "n_estimators=1: one stump"
    assert list(model.classes_) == ["a", "b"], f"classes_ = {model.classes_}: sorted labels"
    err, alpha = model.estimator_errors_[0], model.estimator_weights_[0]
    np.testing.assert_allclose(
        err, 0.2, rtol=1e-12, err_msg="round 1: the stump at 2.5 misclassifies x=4 (1 of 5)"
    )
    if np.isclose(alpha, 0.5 * np.log(4.0)):
        pytest.fail(
            "alpha = 1/2 log((1 - err) / err) is two-class AdaBoost's; SAMME (and "
            "scikit-learn) use alpha = learning_rate * (log((1 - err) / err) + log(K - 1))"
        )
    if np.isclose(alpha, np.log(4.0) + np.log(2.0)):
        pytest.fail(
            "alpha = log 4 + log 2: the SAMME term is log(K - 1) (0 for K = 2 classes), not log(K)"
        )
    np.testing.assert_allclose(
        alpha, np.log(4.0), rtol=1e-12, err_msg="round 1: alpha = log(0.8 / 0.2) = log 4"
    )


def test_integer_labels_that_are_not_column_indices():
    y = np.array([10, 10, 20, 10, 20])
    model = mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, y)
    try:
        got = model.predict([[3.0], [5.0], [1.0]])
    except IndexError as exc:
        pytest.fail(
            f"predict with labels 10 and 20 raised IndexError ({exc}): the vote of a stump "
            "goes to the COLUMN of its predicted label in classes_ (its position, e.g. "
            "np.searchsorted(classes_, label)), not to the column numbered by the label",
            pytrace=False,
        )
    np.testing.assert_array_equal(got, [10, 20, 10], err_msg="the worked example, relabelled")


def test_classes_are_sorted_whatever_the_order_of_appearance():
    y = np.array(["b", "b", "a", "b", "a"])
    model = mod.AdaBoostClassifier(n_estimators=1).fit(X_HAND, y)
    assert list(model.classes_) == ["a", "b"], (
        f"classes_ = {np.asarray(model.classes_).tolist()} for labels first seen as b, a: "
        "classes_ holds the SORTED unique labels (np.unique), not their order of appearance"
    )
    np.testing.assert_array_equal(
        model.predict(X_HAND), ["b", "b", "a", "a", "a"], err_msg="the stump at 2.5: b | a"
    )


def test_every_weak_learner_is_a_stump():
    model = mod.AdaBoostClassifier(n_estimators=3).fit(*make_data(0))
    depths = [getattr(est, "depth_", None) for est in model.estimators_]
    assert all(d == 1 for d in depths), (
        f"the estimators' depth_ are {depths}: each must be a stump, "
        "DecisionTreeClassifier(max_depth=1) fitted with the sample weights"
    )


def test_second_round_of_the_worked_example_uses_the_updated_weights():
    model = mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND)
    check_against_oracle(model, X_HAND, Y_HAND, 2, 1.0, "worked example, two rounds")
    # Hand values: round 2 cuts at 4.5 and misclassifies x=3, of weight 1/8.
    np.testing.assert_allclose(
        model.estimator_errors_, [0.2, 0.125], rtol=1e-12, err_msg="errors of rounds 1, 2"
    )
    np.testing.assert_allclose(
        model.estimator_weights_,
        [np.log(4.0), np.log(7.0)],
        rtol=1e-12,
        err_msg="alphas of rounds 1, 2: log 4, log 7",
    )


def test_worked_example_predictions_and_decision_function():
    model = mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND)
    np.testing.assert_array_equal(
        model.predict([[3.0], [5.0], [1.0]]),
        ["a", "b", "a"],
        err_msg="x=3: log 7 (stump 2, for a) beats log 4 (stump 1, for b)",
    )
    score = model.decision_function([[3.0], [5.0]])
    assert np.shape(score) == (2,), (
        f"decision_function gave shape {np.shape(score)}: with two classes it is 1-D "
        "(column 1 minus column 0, positive towards classes_[1]), as scikit-learn"
    )
    want = np.array([2 * (np.log(4.0) - np.log(7.0)) / np.log(28.0), 2.0])
    if np.isclose(score[0], 0.0):
        pytest.fail(
            "decision_function(3) is 0, a tie of the two stumps: every stump must vote with "
            "its weight alpha_m, and here they differ (log 7 for a beats log 4 for b; equal "
            "alphas mean err is not the WEIGHTED error)"
        )
    if np.allclose(score, -want):
        pytest.fail("decision_function has the wrong sign: positive means classes_[1]")
    if np.allclose(score, want * np.log(28.0)):
        pytest.fail("decision_function is not divided by the sum of the alphas")
    if np.allclose(score, 0.75 * want):
        pytest.fail(
            "the votes against a class are divided by K instead of K - 1: column k is "
            "(V_k - (A - V_k) / (K - 1)) / A (for K = 2, (V_k - (A - V_k)) / A)"
        )
    # Soft votes: stump 1's leaves hold (a, b) fractions (1, 0) | (1/3, 2/3); stump 2's,
    # under the weights [1, 1, 1, 4, 1] / 8, (6/7, 1/7) | (0, 1).
    a4, a7 = np.log(4.0), np.log(7.0)
    soft_b_minus_a = np.array([a4 * (2 / 3 - 1 / 3) + a7 * (1 / 7 - 6 / 7), a4 / 3 + a7])
    if np.allclose(score, 2 * soft_b_minus_a / (a4 + a7)):
        pytest.fail(
            "the stumps vote with alpha times their predict_proba (soft votes): SAMME's vote "
            "is hard, each stump adds its whole alpha to the ONE class it predicts"
        )
    if np.allclose(score, want / 2):
        pytest.fail(
            "decision_function is the plain vote share: as scikit-learn, a stump adds alpha "
            "to the class it predicts and -alpha / (K - 1) to each other class, then the "
            "two-class score is column 1 minus column 0"
        )
    np.testing.assert_allclose(
        score,
        want,
        rtol=1e-12,
        err_msg="x=3: 2 (log 4 - log 7) / (log 4 + log 7); x=5: both stumps say b -> 2",
    )


# --- the boosting loop against the oracle ------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_errors_and_weights_match_an_oracle_two_classes(seed):
    X, y = make_data(seed)
    model = mod.AdaBoostClassifier(n_estimators=8).fit(X, y)
    check_against_oracle(model, X, y, 8, 1.0, f"two classes, seed {seed}")


@pytest.mark.parametrize("seed", SEEDS)
def test_errors_and_weights_match_an_oracle_three_classes(seed):
    X, y = make_data(seed, n_classes=3, noise=0.3)
    model = mod.AdaBoostClassifier(n_estimators=8).fit(X, y)
    check_against_oracle(model, X, y, 8, 1.0, f"three classes, seed {seed}")


@pytest.mark.parametrize("seed", SEEDS)
def test_learning_rate_shrinks_alpha_and_the_update(seed):
    X, y = make_data(seed, n_classes=3, noise=0.3)
    model = mod.AdaBoostClassifier(n_estimators=8, learning_rate=0.4).fit(X, y)
    check_against_oracle(model, X, y, 8, 0.4, f"learning_rate=0.4, seed {seed}")


def test_decision_function_is_the_normalized_weighted_vote():
    X, y = make_data(4, n_classes=3, noise=0.3)
    model = mod.AdaBoostClassifier(n_estimators=6).fit(X, y)
    _, alphas, stumps = oracle_samme(X, y, 6)
    votes = np.zeros((len(X), 3))
    for stump, alpha in zip(stumps, alphas, strict=True):
        votes[np.arange(len(X)), stump(X)] += alpha
    total = alphas.sum()
    want = (votes - (total - votes) / 2) / total
    got = model.decision_function(X)
    assert np.shape(got) == (len(X), 3), f"three classes: shape (n, 3), got {np.shape(got)}"
    if np.allclose(got, votes / total):
        pytest.fail(
            "decision_function is the plain vote share: as scikit-learn, a stump adds alpha "
            "to the class it predicts and -alpha / (K - 1) to each other class"
        )
    if np.allclose(got, (votes - (total - votes) / 3) / total):
        pytest.fail(
            "the votes against a class are divided by K instead of K - 1: (V_k - (A - V_k) "
            "/ (K - 1)) / A, with V_k the alpha for class k and A the sum of alphas"
        )
    if np.allclose(got, (votes - (total - votes)) / total):
        pytest.fail(
            "the votes against a class must be divided by K - 1: (V_k - (A - V_k) / "
            "(K - 1)) / A, with V_k the alpha for class k and A the sum of alphas"
        )
    np.testing.assert_allclose(
        got, want, rtol=1e-10, atol=1e-12, err_msg="(V_k - (A - V_k) / (K - 1)) / A"
    )
    np.testing.assert_allclose(got.sum(axis=1), 0.0, atol=1e-12, err_msg="rows sum to 0")
    np.testing.assert_array_equal(
        model.predict(X), model.classes_[np.argmax(votes, axis=1)], err_msg="the vote's argmax"
    )


def test_errors_stay_fractions_over_many_rounds():
    X, y = make_data(5, n=80, noise=1.5)
    with fp_diagnosis(
        "a floating-point error in 60 rounds of boosting: is every weight kept positive "
        "(clipped at machine epsilon) and renormalized to sum to 1 after each round?"
    ):
        model = mod.AdaBoostClassifier(n_estimators=60).fit(X, y)
    assert np.all(np.isfinite(model.estimator_weights_)), "alphas must stay finite"
    errors = model.estimator_errors_
    assert np.all((errors > 0) & (errors < 0.5)), (
        f"weighted errors range over [{errors.min():.3g}, {errors.max():.3g}]: every kept "
        "stump's error is a fraction of the total weight in (0, 1/2) (renormalize the "
        "weights after each round, or divide by their sum)"
    )


# --- early stops ---------------------------------------------------------------------------


def test_a_perfect_first_stump_stops_boosting_with_weight_one():
    X = np.array([[0.0, 5.0], [1.0, 3.0], [2.0, 4.0], [3.0, 1.0]])
    y = np.array([1, 1, 0, 0])
    try:
        model = mod.AdaBoostClassifier(n_estimators=5, learning_rate=0.5).fit(X, y)
    except (FloatingPointError, ZeroDivisionError):
        pytest.fail(
            "a perfect stump (err = 0) gave log(1 / 0): keep it with weight 1.0 and stop "
            "boosting, as scikit-learn",
            pytrace=False,
        )
    assert len(model.estimators_) == 1, (
        f"{len(model.estimators_)} stumps: after a perfect stump (err = 0) boosting stops"
    )
    np.testing.assert_array_equal(model.estimator_errors_, [0.0], err_msg="its error is 0")
    if np.isclose(model.estimator_weights_[0], 0.5):
        pytest.fail(
            "the perfect stump's weight is learning_rate (0.5): as scikit-learn, a perfect "
            "stump is kept with weight 1.0 whatever the learning_rate",
            pytrace=False,
        )
    np.testing.assert_array_equal(
        model.estimator_weights_,
        [1.0],
        err_msg="a perfect stump is kept with weight 1.0, whatever the learning_rate",
    )
    np.testing.assert_array_equal(model.predict(X), y, err_msg="the perfect stump's labels")


def test_a_first_stump_no_better_than_chance_is_a_value_error():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND).predict(X_HAND)
    try:
        # XOR: every stump has weighted error 1/2 = 1 - 1/K.
        mod.AdaBoostClassifier(n_estimators=5).fit(X, [0, 1, 1, 0])
    except ValueError:
        return
    pytest.fail(
        "XOR: the first stump has weighted error 1/2 >= 1 - 1/K, no better than chance; "
        "fit must raise ValueError (as scikit-learn), not keep it with alpha <= 0"
    )


def test_a_later_stump_no_better_than_chance_stops_boosting_quietly():
    # One feature with two values: a single possible cut. After round 1 its weighted error
    # is 1/2 (the update gives the samples it got wrong half of the weight), so round 2's
    # stump is no better than chance: it is discarded and boosting stops, with no error.
    X = np.array([[2.0], [2.0], [1.0], [1.0], [1.0], [2.0]])
    y = np.array([0, 0, 1, 0, 1, 1])
    mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND).predict(X_HAND)
    try:
        model = mod.AdaBoostClassifier(n_estimators=5).fit(X, y)
    except ValueError as exc:
        pytest.fail(
            f"fit raised ValueError ({exc}) when a LATER stump was no better than chance: only "
            "a first stump that bad is an error; a later one is discarded and boosting "
            "stops, keeping the stumps so far (as scikit-learn)",
            pytrace=False,
        )
    np.testing.assert_allclose(
        model.estimator_errors_[0], 1 / 3, rtol=1e-12, err_msg="round 1: the cut at 1.5"
    )
    assert np.all(model.estimator_errors_ < 0.5 + 1e-12), (
        f"estimator_errors_ = {model.estimator_errors_}: a stump with err >= 1 - 1/K is "
        "discarded, not kept"
    )
    np.testing.assert_array_equal(
        model.predict(X), [0, 0, 1, 1, 1, 0], err_msg="the first stump's vote decides"
    )


def test_a_tied_vote_goes_to_the_first_class():
    # Round 1 misclassifies 2 of 8 samples (err 1/4); the update leaves each of the other 6
    # a weight 1/12, and round 2's stump misclassifies 3 of them: err 1/4 again. Both
    # stumps get alpha = log 3, so where they disagree the vote is tied.
    X = np.array(
        [[3, 0], [0, 1], [0, 2], [0, 1], [2, 1], [2, 3], [3, 3], [3, 2]], dtype=np.float64
    )
    y = np.array(["no", "no", "yes", "yes", "no", "no", "yes", "no"])
    errors, alphas, stumps = oracle_samme(X, y, 2)
    assert errors.tolist() == [0.25, 0.25] and alphas[0] == alphas[1]  # the data's design
    grid = np.array([[i, j] for i in range(4) for j in range(4)], dtype=np.float64)
    tied = grid[stumps[0](grid) != stumps[1](grid)]
    model = mod.AdaBoostClassifier(n_estimators=2).fit(X, y)
    check_against_oracle(model, X, y, 2, 1.0, "two stumps of error 1/4")
    if model.estimator_weights_[0] != model.estimator_weights_[1]:
        return  # another order of the arithmetic broke the tie by a rounding error
    np.testing.assert_allclose(
        model.decision_function(tied), 0.0, atol=1e-12, err_msg="a tied vote scores 0"
    )
    got = model.predict(tied)
    assert np.all(got == "no"), (
        f"predict gave {got.tolist()} where the two stumps (equal alpha) disagree: a tied "
        "vote goes to the FIRST class in classes_ (np.argmax of the votes; for two classes, "
        "classes_[1] only where decision_function > 0, not >= 0)"
    )


def test_predict_calls_each_stump_on_the_whole_input():
    X, y = make_data(6, n=200)
    model = mod.AdaBoostClassifier(n_estimators=5).fit(X, y)
    calls = []
    for stump in model.estimators_:
        for name in ("predict", "predict_proba", "apply"):
            method = getattr(stump, name, None)
            if callable(method):

                def counted(Z, *args, _method=method, **kwargs):
                    calls.append(np.shape(Z)[0])
                    return _method(Z, *args, **kwargs)

                setattr(stump, name, counted)  # shadows the method on this instance only
    try:
        model.predict(X)
        model.decision_function(X)
    finally:
        for stump in model.estimators_:
            for name in ("predict", "predict_proba", "apply"):
                stump.__dict__.pop(name, None)
    m = len(model.estimators_)
    assert len(calls) <= 10 * m, (
        f"predict and decision_function called the {m} stumps {len(calls)} times for "
        f"{len(X)} rows (calls on {min(calls)} row(s) each): a Python loop over the "
        "samples; call each stump once on the whole X, O(M n) work in NumPy"
    )


# --- scikit-learn ------------------------------------------------------------------------


# The first import of scikit-learn alone can take seconds on a busy machine.
@pytest.mark.timeout(60)
@pytest.mark.parametrize(("n_classes", "learning_rate"), [(2, 1.0), (3, 0.5), (4, 1.0)])
def test_matches_sklearn_samme(n_classes, learning_rate):
    ensemble = import_sklearn("ensemble")
    X, y = make_data(7, n=100, n_features=4, n_classes=n_classes, noise=0.4)
    refs = [
        ensemble.AdaBoostClassifier(
            n_estimators=15, learning_rate=learning_rate, random_state=seed
        ).fit(X, y)
        for seed in (0, 1)
    ]
    # scikit-learn draws the feature order of its trees at random: equal results for two
    # seeds mean that every round's best cut is unique, so the comparison is fair.
    np.testing.assert_array_equal(refs[0].estimator_weights_, refs[1].estimator_weights_)
    ref = refs[0]
    model = mod.AdaBoostClassifier(n_estimators=15, learning_rate=learning_rate).fit(X, y)
    m = len(ref.estimators_)
    assert len(model.estimators_) == m, f"{len(model.estimators_)} stumps, sklearn kept {m}"
    np.testing.assert_allclose(
        model.estimator_errors_,
        ref.estimator_errors_[:m],
        rtol=1e-9,
        err_msg="estimator_errors_ vs sklearn",
    )
    np.testing.assert_allclose(
        model.estimator_weights_,
        ref.estimator_weights_[:m],
        rtol=1e-9,
        err_msg="estimator_weights_ vs sklearn",
    )
    X_new, _ = make_data(8, n=50, n_features=4, n_classes=n_classes)
    np.testing.assert_allclose(
        model.decision_function(X_new),
        ref.decision_function(X_new),
        rtol=1e-9,
        atol=1e-12,
        err_msg="decision_function vs sklearn",
    )
    np.testing.assert_array_equal(model.predict(X_new), ref.predict(X_new), err_msg="predict")


# --- labels, invariances, inputs ---------------------------------------------------------


def test_string_labels_and_sorted_classes():
    X, y = make_data(2, n_classes=3, noise=0.3)
    names = np.array(["zebra", "ant", "moth"])[y]
    model = mod.AdaBoostClassifier(n_estimators=5).fit(X, names)
    np.testing.assert_array_equal(model.classes_, ["ant", "moth", "zebra"], err_msg="sorted")
    ints = mod.AdaBoostClassifier(n_estimators=5).fit(X, y)
    np.testing.assert_allclose(
        model.estimator_weights_,
        ints.estimator_weights_,
        rtol=1e-12,
        err_msg="string labels boost exactly like their integer codes",
    )
    assert set(model.predict(X)) <= set(names), "predict returns labels from classes_"


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_changes_nothing(seed):
    X, y = make_data(seed)
    perm = np.random.default_rng(seed).permutation(len(y))
    a = mod.AdaBoostClassifier(n_estimators=6).fit(X, y)
    b = mod.AdaBoostClassifier(n_estimators=6).fit(X[perm], y[perm])
    np.testing.assert_allclose(
        b.estimator_weights_, a.estimator_weights_, rtol=1e-9, err_msg="order of the samples"
    )
    np.testing.assert_allclose(
        b.decision_function(X), a.decision_function(X), rtol=1e-9, atol=1e-12, err_msg="scores"
    )


def test_fit_and_predict_do_not_modify_their_inputs():
    X, y = make_data(3)
    model = mod.AdaBoostClassifier(n_estimators=4)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)
    with inputs_unchanged("decision_function", X=X):
        model.decision_function(X)


def test_refitting_forgets_the_previous_fit():
    X3, y3 = make_data(1, n_classes=3, noise=0.3)
    X2, y2 = make_data(2, n_features=2)
    model = mod.AdaBoostClassifier(n_estimators=5).fit(X3, y3).fit(X2, y2)
    fresh = mod.AdaBoostClassifier(n_estimators=5).fit(X2, y2)
    assert len(model.estimators_) == len(fresh.estimators_), "estimators_ start empty at fit"
    np.testing.assert_array_equal(model.classes_, fresh.classes_, err_msg="classes_ of a refit")
    np.testing.assert_allclose(
        model.decision_function(X2), fresh.decision_function(X2), err_msg="a refit = a new fit"
    )


def test_fit_returns_self_and_keeps_hyperparameters():
    model = mod.AdaBoostClassifier(n_estimators=3, learning_rate=0.5)
    assert model.fit(X_HAND, Y_HAND) is model, "fit returns self"
    assert (model.n_estimators, model.learning_rate) == (3, 0.5), "hyperparameters unchanged"
    assert model.n_features_in_ == 1


def test_a_single_class_is_a_value_error():
    mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND).predict(X_HAND)
    try:
        mod.AdaBoostClassifier().fit(X_HAND, ["a"] * 5)
    except ValueError as exc:
        assert "class" in str(exc), f"the message should say y has one class: {exc}"
        return
    pytest.fail("y with a single class must be a ValueError: there is nothing to boost")


@pytest.mark.parametrize(
    "params, match",
    [
        ({"n_estimators": 0}, "n_estimators"),
        ({"n_estimators": 2.5}, "n_estimators"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": -1.0}, "learning_rate"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(params, match):
    mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND).predict(X_HAND)
    with pytest.raises(ValueError, match=match):
        mod.AdaBoostClassifier(**params).fit(X_HAND, Y_HAND)


def test_bad_input_and_unfitted_use():
    model = mod.AdaBoostClassifier(n_estimators=2).fit(X_HAND, Y_HAND)
    model.decision_function(X_HAND)
    with pytest.raises(ValueError, match="features"):
        model.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        model.decision_function([[np.nan]])
    with pytest.raises(ValueError, match="samples"):
        mod.AdaBoostClassifier().fit(X_HAND, Y_HAND[:4])
    for method in ("predict", "decision_function"):
        with pytest.raises(NotFittedError, match="fit"):
            getattr(mod.AdaBoostClassifier(), method)(X_HAND)
