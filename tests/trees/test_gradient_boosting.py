"""Tests for trees/gradient_boosting: GradientBoostingRegressor and GradientBoostingClassifier."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    sigmoid_reference,
)
from kata.validation import NotFittedError

mod = load_kata("trees/gradient_boosting")

REGRESSOR, CLASSIFIER = "GradientBoostingRegressor", "GradientBoostingClassifier"

# The worked examples of the statement.
X_HAND = np.array([[1.0], [2.0], [3.0], [4.0]])
Y_HAND = np.array([1.0, 2.0, 3.0, 10.0])
LABELS_HAND = np.array(["no", "no", "yes", "yes"])


# --- an independent oracle: boosting on brute-force regression trees ----------------------


def oracle_tree(X, r, max_depth):
    """A squared-error CART by brute force (ties: lowest feature, then lowest threshold).
    Returns apply(Z) -> leaf ids and the leaf means of r."""
    means = []

    def grow(idx, depth):
        ri = r[idx]
        if (max_depth is not None and depth >= max_depth) or ri.min() == ri.max():
            means.append(ri.mean())
            return len(means) - 1
        centred = ri - ri.mean()
        best = None
        for j in range(X.shape[1]):
            values = np.unique(X[idx, j])
            for t in values[:-1] / 2 + values[1:] / 2:
                left = X[idx, j] <= t
                s_l, n_l = centred[left].sum(), left.sum()
                score = s_l**2 / n_l + s_l**2 / (idx.size - n_l)  # the right sum is -s_l
                if best is None or score > best[0] + 1e-12 * abs(best[0]):
                    best = (score, j, t)
        if best is None:  # every feature constant
            means.append(ri.mean())
            return len(means) - 1
        _, j, t = best
        left = X[idx, j] <= t
        return (j, t, grow(idx[left], depth + 1), grow(idx[~left], depth + 1))

    root = grow(np.arange(len(r)), 0)

    def apply(Z):
        out = np.empty(len(Z), dtype=int)
        for i, z in enumerate(Z):
            node = root
            while isinstance(node, tuple):
                node = node[2] if z[node[0]] <= node[1] else node[3]
            out[i] = node
        return out

    return apply, np.array(means)


def log_loss(t, F):
    return np.mean(np.logaddexp(0.0, F) - t * F)


def oracle_boosting(X, y, n_stages, learning_rate, max_depth, kind, mistake=None):
    """Gradient boosting by the book on all rows (or with one classic ``mistake``).
    Returns (init, training scores F after each stage, losses after each stage)."""
    if kind == "regression":
        init = 0.0 if mistake == "init 0" else y.mean()
    else:
        q = y.mean()
        init = 0.0 if mistake == "init 0" else np.log(q / (1 - q))
    F = np.full(len(y), init)
    stages, losses = [], []
    for _ in range(n_stages):
        stale = mistake == "stale p"
        p = (
            sigmoid_reference(np.full(len(y), init) if stale else F)
            if kind == "classification"
            else None
        )
        r = y - (F if kind == "regression" else p)
        if mistake == "wrong sign":
            r = -r
        apply, means = oracle_tree(X, r, max_depth)
        leaf = apply(X)
        if kind == "classification" and mistake != "no newton step":
            num = np.bincount(leaf, r, minlength=means.size)
            den = np.bincount(leaf, p * (1 - p), minlength=means.size)
            means = np.where(den < 1e-150, 0.0, num / np.where(den < 1e-150, 1.0, den))
        F = F + learning_rate * means[leaf]
        stages.append(F)
        losses.append(np.mean((y - F) ** 2) if kind == "regression" else log_loss(y, F))
    return init, np.array(stages), np.array(losses)


def regression_data(seed, n=50, n_features=3):
    """Continuous float32-representable data: no two candidate cuts tie."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features)).astype(np.float32).astype(np.float64)
    y = 2.0 * X[:, 0] + np.sin(3.0 * X[:, 1]) + 0.3 * rng.normal(size=n) + 5.0
    return X, y


def classification_data(seed, n=120, n_features=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features)).astype(np.float32).astype(np.float64)
    t = (X[:, 0] + 0.7 * X[:, 1] ** 2 + 0.6 * rng.normal(size=n) > 0.5).astype(int)
    return X, t


def first_stage_diagnosis(model, X, y, learning_rate, max_depth, kind):
    """Name the mistake that explains a wrong first stage, from what fit recorded."""
    loss0 = np.mean((y - y.mean()) ** 2) if kind == "regression" else log_loss(y, model.init_)
    score = np.asarray(model.train_score_, dtype=float)
    if score.shape != (model.n_estimators,):
        return (
            f"train_score_ has shape {score.shape} for n_estimators={model.n_estimators}: "
            "one entry per stage (and one tree per stage in estimators_)"
        )
    if np.isclose(score[0], loss0):
        return (
            f"train_score_[0] = {score[0]:.6g} is the loss of init_ alone: train_score_[i] "
            "must be recorded AFTER stage i's update (off by one stage)"
        )
    _, _, losses = oracle_boosting(X, y, 1, learning_rate, max_depth, kind)
    if kind == "classification" and np.isclose(score[0], 2 * losses[0], rtol=1e-9):
        return (
            "train_score_ is twice the mean log-loss (scikit-learn's deviance): "
            "train_score_[i] is the mean log-loss mean(logaddexp(0, F) - t F) after stage i"
        )
    if kind == "regression" and np.isclose(score[0], losses[0] / 2, rtol=1e-9):
        return (
            "train_score_ is half the mean squared error (the loss (1/2)(y - F)^2 whose "
            "gradient gives the residuals): train_score_[i] is mean((y - F)^2) after stage i"
        )
    for mistake, message in [
        ("wrong sign", "the residuals have the wrong sign: fit each tree to the NEGATIVE "
         "gradient, y - F (regressor) or t - p (classifier), not F - y"),
        ("init 0", "init_ is 0: start from the best constant, the mean of y (regressor) or "
         "the log-odds log(q / (1 - q)) of the positive class (classifier)"),
        ("no newton step", "the leaves keep the tree's mean residual: each leaf's value "
         "must be the Newton step sum(t - p) / sum(p (1 - p)) over its samples"),
    ]:  # fmt: skip
        if mistake == "no newton step" and kind == "regression":
            continue  # the regressor's leaf means ARE its step
        _, _, losses = oracle_boosting(X, y, 1, learning_rate, max_depth, kind, mistake)
        if np.isclose(score[0], losses[0], rtol=1e-9):
            return message
    n = score.size
    _, _, losses = oracle_boosting(X, y, n, learning_rate, max_depth, kind, "stale p")
    if kind == "classification" and n > 1 and np.allclose(score, losses, rtol=1e-9):
        return (
            "the stages after the first use the probabilities of init_: recompute "
            "p = sigmoid(F) from the running F at EVERY stage, for the residuals t - p and "
            "the Newton denominators p (1 - p)"
        )
    _, _, losses = oracle_boosting(X, y, 1, 1.0, max_depth, kind)
    if learning_rate != 1.0 and np.isclose(score[0], losses[0], rtol=1e-9):
        return (
            "fit adds each stage without learning_rate: the running F is "
            "F + learning_rate * (the stage's values), in fit as in predict"
        )
    return None


# --- the regressor: hand example ---------------------------------------------------------


def test_regressor_init_is_the_mean_of_y():
    X, y = X_HAND.copy(), Y_HAND.copy()  # copies: an in-place slip must not leak into others
    with inputs_unchanged("fit", X=X, y=y):
        model = mod.GradientBoostingRegressor(n_estimators=1).fit(X, y)
    assert isinstance(model.init_, float), f"init_ must be a float, got {type(model.init_)}"
    assert model.init_ != 0.0, "init_ is 0: the first prediction must be the mean of y"
    np.testing.assert_allclose(model.init_, 4.0, rtol=1e-12, err_msg="init_ = mean(y) = 4")


def test_regressor_worked_example():
    model = mod.GradientBoostingRegressor(n_estimators=2, learning_rate=0.5, max_depth=1)
    model.fit(X_HAND.copy(), Y_HAND.copy())
    assert len(model.estimators_) == 2, (
        f"n_estimators=2 but estimators_ holds {len(model.estimators_)} trees: one per stage"
    )
    depths = [getattr(tree, "depth_", None) for tree in model.estimators_]
    assert depths == [1, 1], f"max_depth=1, but the trees have depth_ {depths}: pass max_depth"
    score = np.asarray(model.train_score_, dtype=float)
    assert score.shape == (2,), f"train_score_ has shape {score.shape}: one entry per stage"
    if not np.allclose(score, [3.5, 1.25]):
        named = first_stage_diagnosis(model, X_HAND, Y_HAND, 0.5, 1, "regression")
        if named:
            pytest.fail(named, pytrace=False)
    np.testing.assert_allclose(
        score, [3.5, 1.25], rtol=1e-12, err_msg="MSE after stage 1 (F = [3, 3, 3, 7]), 2"
    )
    pred = model.predict([[0.0], [5.0]])
    if np.allclose(pred, [2.5 - 2.0, 8.5 - 2.0]):
        pytest.fail(
            "predict multiplies init_ by learning_rate too: F = init_ + lr * sum f_m, with "
            "init_ = mean(y) unshrunk",
            pytrace=False,
        )
    if np.allclose(pred, [4.0 - 3.0, 4.0 + 9.0]):
        pytest.fail("predict adds the trees without learning_rate: F = init_ + lr * sum f_m")
    np.testing.assert_allclose(pred, [2.5, 8.5], rtol=1e-12, err_msg="predict after 2 stages")


def test_residuals_move_the_fit_towards_y():
    X, y = regression_data(0)
    model = mod.GradientBoostingRegressor(n_estimators=10, learning_rate=0.3).fit(X, y)
    score = np.asarray(model.train_score_, dtype=float)
    assert np.all(np.diff(score) <= 1e-12), (
        f"the training MSE went up (train_score_ = {np.round(score, 4)}): the trees are "
        "fitted to residuals of the wrong sign (F - y instead of y - F)?"
    )


# --- the regressor against the oracle and scikit-learn -------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_regressor_matches_an_oracle(seed):
    X, y = regression_data(seed)
    model = mod.GradientBoostingRegressor(n_estimators=5, learning_rate=0.4, max_depth=2)
    model.fit(X, y)
    _, stages, losses = oracle_boosting(X, y, 5, 0.4, 2, "regression")
    if not np.allclose(model.train_score_, losses, rtol=1e-9):
        named = first_stage_diagnosis(model, X, y, 0.4, 2, "regression")
        if named:
            pytest.fail(named, pytrace=False)
    np.testing.assert_allclose(
        model.train_score_, losses, rtol=1e-9, err_msg="train_score_: the MSE after each stage"
    )
    np.testing.assert_allclose(
        model.predict(X), stages[-1], rtol=1e-9, err_msg="predict = init_ + lr * sum of trees"
    )


def test_regressor_max_depth_none_with_rate_one_interpolates():
    X, y = regression_data(1, n=30)
    model = mod.GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=None)
    np.testing.assert_allclose(
        model.fit(X, y).predict(X),
        y,
        rtol=1e-12,
        err_msg="one fully grown tree with learning_rate 1 reproduces the training targets: "
        "is max_depth passed to the tree?",
    )


# The first import of scikit-learn alone can take seconds on a busy machine.
@pytest.mark.timeout(60)
@pytest.mark.parametrize("max_depth", [1, 3])
def test_regressor_matches_sklearn(max_depth):
    ensemble = import_sklearn("ensemble")
    X, y = regression_data(5, n=200, n_features=4)
    # Depth-3 leaves hold a few samples, which several features often cut into the same
    # sets; new points would then fall either way: compare those on the training points.
    X_cmp = regression_data(99, n=60, n_features=4)[0] if max_depth == 1 else X
    kwargs = {"n_estimators": 30, "learning_rate": 0.2, "max_depth": max_depth}
    refs = [
        ensemble.GradientBoostingRegressor(**kwargs, random_state=s).fit(X, y) for s in range(4)
    ]
    # scikit-learn visits the features in a random order: equal models for four seeds mean
    # the best cuts are unique, so the comparison is fair.
    for other in refs[1:]:
        np.testing.assert_allclose(refs[0].predict(X_cmp), other.predict(X_cmp), rtol=1e-12)
    model = mod.GradientBoostingRegressor(**kwargs).fit(X, y)
    np.testing.assert_allclose(model.init_, y.mean(), rtol=1e-12, err_msg="init_ vs sklearn")
    np.testing.assert_allclose(
        model.train_score_, refs[0].train_score_, rtol=1e-6, err_msg="train_score_ vs sklearn"
    )
    np.testing.assert_allclose(
        model.predict(X_cmp), refs[0].predict(X_cmp), rtol=1e-6, err_msg="predict vs sklearn"
    )


# --- the classifier ---------------------------------------------------------------------


def test_classifier_init_is_the_log_odds():
    model = mod.GradientBoostingClassifier(n_estimators=1).fit(X_HAND, [0, 1, 1, 1])
    assert isinstance(model.init_, float), f"init_ must be a float, got {type(model.init_)}"
    if model.init_ == 0.0:
        pytest.fail("init_ is 0: it must be the log-odds log(q / (1 - q)) of classes_[1]")
    if np.isclose(model.init_, 0.75):
        pytest.fail("init_ is the positive rate 0.75: it must be the log-odds log(q / (1 - q))")
    if np.isclose(model.init_, -np.log(3.0)):
        pytest.fail(
            "init_ = log(1/3) is the log-odds of classes_[0]: the raw score F is the log-odds "
            "of the POSITIVE class classes_[1], q = mean(y == classes_[1]) = 3/4"
        )
    np.testing.assert_allclose(
        model.init_, np.log(3.0), rtol=1e-12, err_msg="q = 3/4: init_ = log(3)"
    )


def test_classifier_worked_example_takes_the_newton_step():
    model = mod.GradientBoostingClassifier(n_estimators=1, learning_rate=0.5, max_depth=1)
    score = model.fit(X_HAND, LABELS_HAND).decision_function([[0.0], [5.0]])
    if np.allclose(score, [-0.25, 0.25]):
        pytest.fail(
            "the leaves keep the tree's mean residual (-1/2, +1/2): each leaf must take the "
            "Newton step sum(t - p) / sum(p (1 - p)) = (-1/2 - 1/2) / (1/4 + 1/4) = -2"
        )
    if np.allclose(score, [1.0, -1.0]) or np.allclose(score, [0.25, -0.25]):
        pytest.fail(
            "the stage moves F away from the labels: the residuals have the wrong sign "
            "(fit the tree to the negative gradient t - p, not p - t)"
        )
    if np.allclose(score, [-2.0, 2.0]) or np.allclose(score, [-0.5, 0.5]):
        pytest.fail("decision_function forgets learning_rate: F = init_ + lr * sum of steps")
    np.testing.assert_allclose(
        score, [-1.0, 1.0], rtol=1e-12, err_msg="init_ 0 + 0.5 * (-2 or +2)"
    )
    np.testing.assert_array_equal(model.classes_, ["no", "yes"], err_msg="sorted labels")
    assert list(model.predict([[0.0], [5.0]])) == ["no", "yes"], (
        f"predict gave {model.predict([[0.0], [5.0]])} for F = [-1, 1]: classes_[1] where "
        "F > 0, classes_[0] elsewhere"
    )


def test_classifier_newton_step_uses_the_in_bag_rows():
    # Stage 1: p = q for every row, so a leaf's Newton step sum(t - q) / sum(q (1 - q)) is
    # its mean residual over the rows the tree was fitted on, divided by q (1 - q): the
    # tree's own leaf value / (q (1 - q)), whichever rows were drawn.
    X, t = classification_data(5, n=80)
    q = t.mean()
    model = mod.GradientBoostingClassifier(
        n_estimators=1, learning_rate=1.0, max_depth=2, subsample=0.5, random_state=0
    ).fit(X, t)
    step = model.decision_function(X) - model.init_
    np.testing.assert_allclose(
        step,
        model.estimators_[0].predict(X) / (q * (1 - q)),
        rtol=1e-9,
        err_msg="with subsample < 1, the tree is fitted on the in-bag rows only, and both "
        "sums of the Newton step, sum(t - p) and sum(p (1 - p)), run over each leaf's same "
        "IN-BAG rows (not all the rows that fall in the leaf)",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_classifier_matches_an_oracle(seed):
    X, t = classification_data(seed, n=50)
    model = mod.GradientBoostingClassifier(n_estimators=4, learning_rate=0.5, max_depth=2)
    model.fit(X, t)
    _, stages, losses = oracle_boosting(X, t, 4, 0.5, 2, "classification")
    if not np.allclose(model.train_score_, losses, rtol=1e-9):
        named = first_stage_diagnosis(model, X, t, 0.5, 2, "classification")
        if named:
            pytest.fail(named, pytrace=False)
    np.testing.assert_allclose(
        model.train_score_, losses, rtol=1e-9, err_msg="train_score_: mean log-loss per stage"
    )
    np.testing.assert_allclose(
        model.decision_function(X), stages[-1], rtol=1e-9, atol=1e-12, err_msg="F after 4 stages"
    )


def test_classifier_probabilities():
    X, t = classification_data(4)
    labels = np.array(["neg", "pos"])[t]
    model = mod.GradientBoostingClassifier(n_estimators=5).fit(X, labels)
    F, proba = model.decision_function(X), model.predict_proba(X)
    assert proba.shape == (len(X), 2), f"predict_proba shape {proba.shape}, expected (n, 2)"
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
    if np.allclose(proba[:, 0], 1 / (1 + np.exp(-F))) and not np.allclose(F, 0.0):
        pytest.fail(
            "predict_proba's columns are swapped: column k is the probability of classes_[k], "
            "so column 1 is sigmoid(F) (F is the log-odds of classes_[1])"
        )
    np.testing.assert_allclose(
        proba[:, 1], 1 / (1 + np.exp(-F)), rtol=1e-12, err_msg="column 1 = sigmoid(F)"
    )
    np.testing.assert_array_equal(
        model.predict(X), np.where(F > 0, "pos", "neg"), err_msg="F > 0 -> classes_[1]"
    )


def test_classifier_survives_huge_raw_scores():
    # Separable data and learning_rate 400: the first Newton steps are +-2, so F = +-800
    # after one stage, beyond 709 where exp overflows.
    X = np.concatenate([np.linspace(-1000, -1, 20), np.linspace(1, 1000, 20)])[:, None]
    t = (X[:, 0] > 0).astype(int)
    with fp_diagnosis(
        "a floating-point error with large raw scores: sigmoid(F) = 1 / (1 + exp(-F)) "
        "overflows for F = -1000 (use exp(-logaddexp(0, -F))), and log(p) is -inf for "
        "p = 0 (the log-loss is logaddexp(0, F) - t F); a leaf whose sum of p (1 - p) is 0 "
        "(below 1e-150: its samples are certain) gets the value 0, not 0 / 0"
    ):
        model = mod.GradientBoostingClassifier(n_estimators=5, learning_rate=400.0).fit(X, t)
        proba = model.predict_proba([[-1e6], [0.5], [1e6]])
    assert np.all(np.isfinite(model.train_score_)), "train_score_ must stay finite"
    assert np.all((proba >= 0) & (proba <= 1)), "probabilities stay in [0, 1]"
    np.testing.assert_array_equal(model.predict(X), t, err_msg="separable: all correct")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("seed", [0, 3])
def test_classifier_matches_sklearn(seed):
    ensemble = import_sklearn("ensemble")
    X, t = classification_data(seed)
    kwargs = {"n_estimators": 20, "learning_rate": 0.3, "max_depth": 2}
    refs = [
        ensemble.GradientBoostingClassifier(**kwargs, random_state=s).fit(X, t) for s in range(4)
    ]
    for other in refs[1:]:  # unique best cuts (see test_regressor_matches_sklearn)
        np.testing.assert_allclose(
            refs[0].decision_function(X), other.decision_function(X), rtol=1e-12
        )
    model = mod.GradientBoostingClassifier(**kwargs).fit(X, t)
    np.testing.assert_allclose(
        model.decision_function(X),
        refs[0].decision_function(X),
        rtol=1e-6,
        atol=1e-9,
        err_msg="decision_function vs sklearn",
    )
    np.testing.assert_allclose(
        2 * np.asarray(model.train_score_),
        refs[0].train_score_,
        rtol=1e-6,
        err_msg="train_score_ is the mean log-loss (scikit-learn reports twice it)",
    )


def test_classifier_needs_exactly_two_classes():
    mod.GradientBoostingClassifier(n_estimators=1).fit(X_HAND, LABELS_HAND).predict(X_HAND)
    try:
        mod.GradientBoostingClassifier(n_estimators=1).fit(X_HAND, [0, 1, 2, 2])
    except ValueError:
        return
    pytest.fail("y with 3 classes must be a ValueError: the classifier is binary")


def test_classifier_with_a_single_class_is_a_value_error():
    mod.GradientBoostingClassifier(n_estimators=1).fit(X_HAND, LABELS_HAND).predict(X_HAND)
    try:
        mod.GradientBoostingClassifier(n_estimators=1).fit(X_HAND, ["yes"] * 4)
    except ValueError as exc:
        assert "class" in str(exc), f"the message should say y has one class: {exc}"
        return
    except (FloatingPointError, IndexError, ZeroDivisionError) as exc:
        raised = f" (fit raised {type(exc).__name__}: {exc})"
    else:
        raised = ""
    pytest.fail(
        "y with a single class must be a ValueError naming it: check that y has exactly 2 "
        "classes before using classes_[1] or the log-odds log(q / (1 - q)), infinite for "
        f"q = 1{raised}",
        pytrace=False,
    )


# --- learning rate and staged predictions -----------------------------------------------


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_predict_applies_the_learning_rate_as_fit_did(cls):
    X, y = regression_data(2) if cls == REGRESSOR else classification_data(2)
    model = getattr(mod, cls)(n_estimators=6, learning_rate=0.1).fit(X, y)
    what = "predict" if cls == REGRESSOR else "decision_function"
    F = getattr(model, what)(X)

    def loss(G):
        return np.mean((y - G) ** 2) if cls == REGRESSOR else log_loss(y, G)

    recorded = model.train_score_[-1]
    if np.isclose(loss(F), recorded, rtol=1e-9):
        return
    if np.isclose(loss(model.init_ + 0.1 * (F - model.init_)), recorded, rtol=1e-9):
        pytest.fail(
            f"{what} forgets learning_rate: F = init_ + learning_rate * (sum of the stages), "
            "as in fit",
            pytrace=False,
        )
    if np.isclose(loss(model.init_ + (F - model.init_) / 0.1), recorded, rtol=1e-9):
        pytest.fail(
            f"fit adds the stages without learning_rate but {what} shrinks them: the "
            "running F of fit is init_ + learning_rate * (sum of the stages) too",
            pytrace=False,
        )
    pytest.fail(
        f"the training loss of {what}'s output ({loss(F):.6g}) is not train_score_[-1] "
        f"({recorded:.6g}): {what} must add learning_rate times every stage to init_, "
        "exactly as fit did",
        pytrace=False,
    )


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_staged_predict_equals_truncated_models(cls):
    X, y = regression_data(3) if cls == REGRESSOR else classification_data(3)
    model = getattr(mod, cls)(n_estimators=4, learning_rate=0.3, max_depth=2).fit(X, y)
    staged = [np.array(s, copy=True) for s in model.staged_predict(X)]
    assert len(staged) == 4, f"staged_predict yielded {len(staged)} arrays for 4 stages"
    for i, got in enumerate(staged):
        want = getattr(mod, cls)(n_estimators=i + 1, learning_rate=0.3, max_depth=2)
        want = want.fit(X, y).predict(X)
        if cls == REGRESSOR:
            np.testing.assert_allclose(
                got,
                want,
                rtol=1e-12,
                err_msg=f"staged_predict after stage {i + 1} must be predict of a model with "
                f"n_estimators={i + 1} (is learning_rate applied in staged_predict?)",
            )
        else:
            assert set(np.unique(got).tolist()) <= set(np.asarray(model.classes_).tolist()), (
                f"the classifier's staged_predict yielded {got[:3]}...: it yields LABELS "
                "from classes_ after each stage (what predict gives), not raw scores"
            )
            np.testing.assert_array_equal(
                got, want, err_msg=f"staged_predict labels after stage {i + 1}"
            )
    if cls == REGRESSOR:
        losses = [np.mean((y - s) ** 2) for s in staged]
        np.testing.assert_allclose(
            losses,
            model.train_score_,
            rtol=1e-9,
            err_msg="the training MSE of each staged prediction is that stage's train_score_",
        )


def test_staged_predict_yields_independent_arrays():
    X, y = regression_data(4)
    model = mod.GradientBoostingRegressor(n_estimators=3).fit(X, y)
    staged = list(model.staged_predict(X))
    assert not np.allclose(staged[0], staged[-1]), (
        "every array from staged_predict equals the last: yield a new array per stage "
        "(F = F + ..., or F.copy()), not the same array updated in place"
    )


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_fit_and_predict_run_each_tree_once_on_all_rows(cls, monkeypatch):
    X, y = regression_data(6, n=100) if cls == REGRESSOR else classification_data(6, n=100)
    calls = []
    base = getattr(mod, "DecisionTreeRegressor", None)
    if base is None:
        pytest.skip("the module no longer imports DecisionTreeRegressor: nothing to count")

    class CountingTree(base):
        """The learner's tree, counting the calls that run it on rows."""

        def predict(self, X):
            calls.append(np.shape(X)[0])
            return super().predict(X)

        def apply(self, X):
            calls.append(np.shape(X)[0])
            return super().apply(X)

    # The stub imports DecisionTreeRegressor into the module: the stages are built from it.
    monkeypatch.setattr(mod, "DecisionTreeRegressor", CountingTree)
    m = 20
    model = getattr(mod, cls)(n_estimators=m, max_depth=2).fit(X, y)
    in_fit = len(calls)
    assert in_fit <= 3 * m, (
        f"fit ran its {m} trees {in_fit} times: recomputing F from all the previous trees "
        "at every stage is O(M^2); keep the running F and add each new tree once "
        "(F = F + learning_rate * step)"
        if min(calls, default=len(X)) == len(X)
        else f"fit ran the trees {in_fit} times, on as few as {min(calls)} rows: a Python "
        "loop over the samples; run each tree once on the whole X"
    )
    calls.clear()
    model.predict(X)
    assert len(calls) <= 3 * m, (
        f"predict ran the {m} trees {len(calls)} times (on as few as {min(calls)} rows): "
        "run each tree once on the whole X, O(M n) work in NumPy, not a loop over samples "
        "or a re-sum of all previous trees per stage"
    )


# --- subsampling -----------------------------------------------------------------------


def test_subsample_fits_each_tree_on_a_draw_without_replacement():
    X, y = regression_data(7, n=40)
    model = mod.GradientBoostingRegressor(
        n_estimators=1, learning_rate=1.0, max_depth=None, subsample=0.49, random_state=0
    ).fit(X, y)
    exact = int(np.sum(np.isclose(model.predict(X), y, rtol=0, atol=1e-9)))
    # A fully grown tree at learning rate 1 reproduces exactly the rows it was fitted on.
    if exact == 40:
        pytest.fail("subsample=0.49 is ignored: every tree was fitted on all 40 rows")
    assert exact == 19, (
        f"{exact} of 40 training rows are fitted exactly, expected int(0.49 * 40) = 19: draw "
        "max(1, int(subsample * n)) rows (rounded down) WITHOUT replacement for every stage"
    )


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_a_constant_feature_gives_single_leaf_trees(cls):
    # One feature with one value: no split exists, every tree is a single leaf. The
    # regressor stays at mean(y); the balanced classifier's only leaf has sum(t - p) = 0, so
    # F stays at init_ = log(1) = 0: a tie, which goes to classes_[0] (F > 0 is required).
    X = np.full((6, 1), 3.0)
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 9.0]) if cls == REGRESSOR else LABELS_HAND[[0, 2] * 3]
    with fp_diagnosis(
        "a floating-point error on a feature with one distinct value: the tree must be a "
        "single leaf (no threshold between equal values)"
    ):
        model = getattr(mod, cls)(n_estimators=3, learning_rate=0.5).fit(X, y)
        out = model.predict(X)
    if cls == REGRESSOR:
        np.testing.assert_allclose(
            out, 4.0, rtol=1e-12, err_msg="no split: the prediction stays at mean(y) = 4"
        )
        np.testing.assert_allclose(
            model.train_score_, np.var(y), rtol=1e-12, err_msg="the MSE of the mean, 3 times"
        )
        return
    np.testing.assert_allclose(
        model.decision_function(X), 0.0, atol=1e-12, err_msg="balanced, no split: F = 0"
    )
    np.testing.assert_allclose(
        model.predict_proba(X), 0.5, rtol=1e-12, err_msg="F = 0: probabilities [1/2, 1/2]"
    )
    assert np.all(out == "no"), (
        f"predict gave {out.tolist()} where F = 0: classes_[1] only where F > 0 (a raw "
        "score of exactly 0 goes to classes_[0], as scikit-learn's argmax of the probabilities)"
    )
    staged = [np.asarray(s).tolist() for s in model.staged_predict(X)]
    assert staged == [["no"] * 6] * 3, f"staged_predict at F = 0 gave {staged}: classes_[0]"


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_subsample_is_reproducible_and_uses_the_given_generator(cls):
    X, y = regression_data(8) if cls == REGRESSOR else classification_data(8, n=60)
    kwargs = {"n_estimators": 5, "subsample": 0.6}

    def scores(**params):
        model = getattr(mod, cls)(**params).fit(X, y)
        return model.predict(X) if cls == REGRESSOR else model.decision_function(X)

    np.random.seed(0)  # noqa: NPY002  (the global state must not matter)
    a = scores(**kwargs, random_state=3)
    np.random.seed(1)  # noqa: NPY002
    b = scores(**kwargs, random_state=3)
    np.testing.assert_array_equal(
        a, b, err_msg="the same random_state gives the same model, whatever np.random's state"
    )
    assert not np.allclose(a, scores(n_estimators=5, random_state=3)), (
        f"{cls}: subsample=0.6 gives the same model as subsample=1.0: subsample is ignored "
        "(each stage must fit its tree on its own random subset of the rows)"
    )
    assert not np.allclose(a, scores(**kwargs, random_state=4)), (
        "another random_state draws other subsamples"
    )
    gen = np.random.default_rng(3)
    getattr(mod, cls)(**kwargs, random_state=gen).fit(X, y)
    assert gen.bit_generator.state != np.random.default_rng(3).bit_generator.state, (
        "a Generator passed as random_state must be used (and advanced)"
    )


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_train_score_is_on_the_whole_training_set_when_subsampling(cls):
    X, y = regression_data(9) if cls == REGRESSOR else classification_data(9)
    model = getattr(mod, cls)(n_estimators=5, subsample=0.5, random_state=1).fit(X, y)
    if cls == REGRESSOR:
        loss = np.mean((y - model.predict(X)) ** 2)
    else:
        loss = log_loss(y, model.decision_function(X))
    np.testing.assert_allclose(
        model.train_score_[-1],
        loss,
        rtol=1e-9,
        err_msg="train_score_[-1] is not the loss of predict on the training set: fit's "
        "running F must be updated on ALL rows (in-bag and out-of-bag: the tree predicts "
        "every row), and train_score_ measured on all of them",
    )


def test_subsample_is_drawn_afresh_at_every_stage():
    X, y = regression_data(7, n=40)
    model = mod.GradientBoostingRegressor(
        n_estimators=2, learning_rate=1.0, max_depth=None, subsample=0.5, random_state=0
    ).fit(X, y)
    staged = [np.array(s, copy=True) for s in model.staged_predict(X)]
    assert len(staged) == 2, f"staged_predict yielded {len(staged)} arrays for 2 stages"
    first, second = staged
    # A fully grown tree at learning rate 1 fits its 20 in-bag rows exactly: their residuals
    # are then 0, and a second stage on the same rows would change nothing at all.
    assert not np.allclose(first, second, rtol=0, atol=1e-12), (
        "stage 2 changed no prediction: its tree was fitted on the same rows as stage 1 "
        "(residuals all 0 there). Draw a NEW subsample at every stage, from one generator "
        "made once per fit (check_random_state(random_state) before the loop, not in it)"
    )
    exact = int(np.sum(np.isclose(second, y, rtol=0, atol=1e-9)))
    assert exact >= 20, (
        f"after stage 2 only {exact} rows are fitted exactly, fewer than the 20 drawn for it"
    )


def test_classifier_subsample_is_drawn_afresh_at_every_stage():
    X, t = classification_data(7, n=60)
    kwargs = {"learning_rate": 1.0, "max_depth": None, "subsample": 0.5, "random_state": 0}
    one = mod.GradientBoostingClassifier(n_estimators=1, **kwargs).fit(X, t)
    two = mod.GradientBoostingClassifier(n_estimators=2, **kwargs).fit(X, t)
    step1 = one.decision_function(X) - one.init_
    step2 = two.decision_function(X) - one.decision_function(X)
    # Fully grown trees split their rows into leaves of one class. Refitted on the SAME rows,
    # stage 2's tree would find the same leaves (its residuals still take one value per
    # class on them), so step2 would be a function of step1; fresh rows break that.
    pairs = {(round(a, 9), round(b, 9)) for a, b in zip(step1, step2, strict=True)}
    assert len(pairs) > len(np.unique(step1.round(9))), (
        "stage 2's tree has exactly the leaves of stage 1's: it was fitted on the same rows. "
        "Draw a NEW subsample at every stage, from one generator made once per fit "
        "(check_random_state(random_state) before the loop, not in it)"
    )


# --- inputs, validation, fitting ------------------------------------------------------


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_fit_and_predict_do_not_modify_their_inputs(cls):
    X, y = regression_data(3) if cls == REGRESSOR else classification_data(3)
    model = getattr(mod, cls)(n_estimators=3, subsample=0.7, random_state=0)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)
    with inputs_unchanged("staged_predict", X=X):
        list(model.staged_predict(X))


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_refitting_forgets_the_previous_fit(cls):
    X1, y1 = regression_data(1) if cls == REGRESSOR else classification_data(1)
    X2, y2 = (
        regression_data(2, n_features=2) if cls == REGRESSOR else classification_data(2, 80, 2)
    )
    model = getattr(mod, cls)(n_estimators=3).fit(X1, y1).fit(X2, y2)
    fresh = getattr(mod, cls)(n_estimators=3).fit(X2, y2)
    assert len(model.estimators_) == 3, "estimators_ start empty at every fit"
    np.testing.assert_allclose(model.train_score_, fresh.train_score_, err_msg="a refit")
    np.testing.assert_array_equal(model.predict(X2), fresh.predict(X2), err_msg="a refit")


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_fit_returns_self_and_keeps_hyperparameters(cls):
    y = Y_HAND.copy() if cls == REGRESSOR else LABELS_HAND
    model = getattr(mod, cls)(n_estimators=2, learning_rate=0.5, max_depth=1, subsample=0.9)
    assert model.fit(X_HAND, y) is model, "fit returns self"
    assert (model.n_estimators, model.learning_rate, model.max_depth, model.subsample) == (
        2,
        0.5,
        1,
        0.9,
    ), "hyperparameters are stored unchanged"
    assert len(model.estimators_) == 2 and model.n_features_in_ == 1


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"n_estimators": 0}, "n_estimators"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"subsample": 0.0}, "subsample"),
        ({"subsample": 1.5}, "subsample"),
        ({"max_depth": 0}, "max_depth"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(cls, params, match):
    y = Y_HAND.copy() if cls == REGRESSOR else LABELS_HAND
    getattr(mod, cls)(n_estimators=1).fit(X_HAND, y).predict(X_HAND)
    with pytest.raises(ValueError, match=match):
        getattr(mod, cls)(**params).fit(X_HAND, y)


@pytest.mark.parametrize("cls", [REGRESSOR, CLASSIFIER])
def test_bad_input_and_unfitted_use(cls):
    y = Y_HAND.copy() if cls == REGRESSOR else LABELS_HAND
    model = getattr(mod, cls)(n_estimators=1).fit(X_HAND, y)
    list(model.staged_predict(X_HAND))
    with pytest.raises(ValueError, match="features"):
        model.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        model.predict([[np.nan]])
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, cls)().fit(X_HAND, y[:3])
    methods = ["predict", "staged_predict"]
    if cls == CLASSIFIER:
        methods += ["predict_proba", "decision_function"]
    for method in methods:
        with pytest.raises(NotFittedError, match="fit"):
            out = getattr(getattr(mod, cls)(), method)(X_HAND)
            list(out) if method == "staged_predict" else out
