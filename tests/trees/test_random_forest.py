"""Tests for trees/random_forest: RandomForestClassifier and RandomForestRegressor."""

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("trees/random_forest")
# The forest is built on the kata's own tree (the learner's, once trees/decision_tree is
# solved): the tests refit single trees with it to check what each forest tree was fitted on.
trees = load_kata("trees/decision_tree")

CLASSIFIER, REGRESSOR = "RandomForestClassifier", "RandomForestRegressor"


def noisy_data(seed, n=120, n_features=4, n_classes=3):
    """Continuous features; labels and targets from a noisy function of two of them."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    y_reg = X[:, 0] + np.sin(2 * X[:, 1]) + 0.4 * rng.normal(size=n)
    cuts = np.quantile(y_reg, np.linspace(0, 1, n_classes + 1)[1:-1])
    y_clf = np.digitize(y_reg + 0.3 * rng.normal(size=n), cuts)
    Q = rng.normal(size=(50, n_features))
    return X, y_clf, y_reg, Q


def aligned_proba(tree, X, classes):
    """A tree's predict_proba in the columns of ``classes`` (its own classes_ may be fewer)."""
    proba = np.zeros((len(X), len(classes)))
    proba[:, np.searchsorted(classes, tree.classes_)] = tree.predict_proba(X)
    return proba


def n_trees_message(forest, n_estimators):
    got = len(getattr(forest, "estimators_", []))
    return (
        f"estimators_ holds {got} trees, expected n_estimators={n_estimators}: append every "
        "fitted tree to estimators_"
    )


def out_of_bag(forest, n):
    """(n_trees, n) mask: True where sample i was NOT drawn for tree b."""
    oob = np.ones((len(forest.estimators_), n), dtype=bool)
    for b, idx in enumerate(forest.estimators_samples_):
        oob[b, np.asarray(idx)] = False
    return oob


def check_bootstrap(forest, n):
    """Fail with a named mistake if the forest's bootstrap samples are all the full data or
    all the same."""
    samples = [np.asarray(s) for s in forest.estimators_samples_]
    assert all(s.shape == (n,) for s in samples), (
        f"estimators_samples_ must hold, per tree, the n = {n} drawn indices (with repeats)"
    )
    if all(np.array_equal(np.sort(s), np.arange(n)) for s in samples):
        pytest.fail(
            f"every tree was fitted on all {n} samples once: bootstrap is ignored. Draw n "
            "indices with replacement for each tree (rng.integers(0, n, size=n))."
        )
    if all(np.array_equal(s, samples[0]) for s in samples):
        pytest.fail(
            f"all {len(samples)} bootstrap samples are identical: draw them all from ONE "
            "generator, check_random_state(random_state), instead of re-seeding it for "
            "every tree"
        )
    return samples


def replayed_samples(random_state, n, n_estimators, seeds="after"):
    """The bootstrap indices the conventions prescribe: for each tree, n integers then the
    tree's seed, from one generator. ``seeds`` "before" or "none" replays two mistakes."""
    rng = np.random.default_rng(random_state)
    samples = []
    for _ in range(n_estimators):
        if seeds == "before":
            rng.integers(2**31 - 1)
        samples.append(rng.integers(0, n, size=n))
        if seeds == "after":
            rng.integers(2**31 - 1)
    return samples


def replayed_seeds(random_state, n, n_estimators):
    """The trees' random_state the conventions prescribe (drawn after each tree's indices)."""
    rng = np.random.default_rng(random_state)
    seeds = []
    for _ in range(n_estimators):
        rng.integers(0, n, size=n)
        seeds.append(int(rng.integers(2**31 - 1)))
    return seeds


# --- the mean of the trees ---------------------------------------------------------------------


def test_predict_proba_is_the_mean_of_the_trees_probabilities():
    X, y, _, Q = noisy_data(0)
    # Shallow trees: their leaves are mixed, so a hard vote differs from the mean.
    forest = mod.RandomForestClassifier(n_estimators=7, max_depth=3, random_state=0).fit(X, y)
    assert len(forest.estimators_) == 7, n_trees_message(forest, 7)
    np.testing.assert_array_equal(forest.classes_, [0, 1, 2], err_msg="classes_: sorted labels")
    per_tree = np.array([aligned_proba(t, Q, forest.classes_) for t in forest.estimators_])
    got = forest.predict_proba(Q)
    votes = np.mean(np.eye(3)[np.argmax(per_tree, axis=2)], axis=0)  # hard votes
    if (
        got.shape == votes.shape
        and np.allclose(got, votes)
        and not np.allclose(votes, per_tree.mean(0))
    ):
        pytest.fail(
            "predict_proba is the share of the trees' hard votes: average the trees' "
            "predict_proba instead (soft voting, as scikit-learn)"
        )
    np.testing.assert_allclose(
        got, per_tree.mean(axis=0), atol=1e-12,
        err_msg="predict_proba must be the mean of estimators_[b].predict_proba over the trees",
    )  # fmt: skip
    np.testing.assert_array_equal(
        forest.predict(Q),
        forest.classes_[np.argmax(per_tree.mean(axis=0), axis=1)],
        err_msg="predict = classes_[argmax of the mean probabilities], not a hard vote",
    )


def test_a_class_missing_from_a_bootstrap_sample_keeps_its_column():
    # One sample of class "a" among 20: about a third of the bootstrap samples miss it, and
    # those trees' predict_proba have two columns only, for b and c.
    X = np.arange(20.0).reshape(-1, 1)
    y = np.array(["b"] * 10 + ["a"] + ["c"] * 9)
    # A random_state whose FIRST bootstrap sample misses sample 10 (by the conventions).
    seed = next(s for s in range(100) if 10 not in replayed_samples(s, 20, 1)[0])
    forest = mod.RandomForestClassifier(n_estimators=12, random_state=seed).fit(X, y)
    samples = check_bootstrap(forest, 20)
    np.testing.assert_array_equal(
        forest.classes_, ["a", "b", "c"],
        err_msg="classes_ must be the sorted labels of the whole y; the first tree's "
        "bootstrap sample missed class a, so its classes_ are not the forest's",
    )  # fmt: skip
    for b, (tree, s) in enumerate(zip(forest.estimators_, samples, strict=True)):
        assert 10 in s or "a" not in tree.classes_, (
            f"estimators_samples_[{b}] misses sample 10, the only one of class a, yet tree "
            f"{b} knows class a: fit each tree on its bootstrap rows X[idx], y[idx]"
        )
    assert any(len(t.classes_) < 3 for t in forest.estimators_), (
        "test data problem, not your code: every bootstrap sample drew the class-a sample"
    )
    try:
        proba = forest.predict_proba(X)
    except (ValueError, IndexError) as exc:
        if not any(word in str(exc) for word in ("broadcast", "shape", "inhomogeneous")):
            raise
        error = exc
    else:
        error = None
    if error is not None:
        pytest.fail(
            f"predict_proba failed ({error}): a tree whose bootstrap sample missed class a "
            "has only 2 columns. Place each tree's columns by its classes_ among the "
            "forest's classes_ (np.searchsorted), 0 for the classes it never saw.",
            pytrace=False,
        )
    assert proba.shape == (20, 3), f"predict_proba has shape {proba.shape}, expected (20, 3)"
    want = np.mean([aligned_proba(t, X, forest.classes_) for t in forest.estimators_], axis=0)
    np.testing.assert_allclose(
        proba, want, atol=1e-12,
        err_msg="a tree that never saw class a gives it probability 0, and its columns for b "
        "and c go under b and c (np.searchsorted(classes_, tree.classes_)), not under a and b",
    )  # fmt: skip


def test_regressor_predicts_the_mean_of_the_trees():
    X, _, y, Q = noisy_data(1)
    forest = mod.RandomForestRegressor(n_estimators=6, random_state=0).fit(X, y)
    assert len(forest.estimators_) == 6, n_trees_message(forest, 6)
    want = np.mean([t.predict(Q) for t in forest.estimators_], axis=0)
    np.testing.assert_allclose(
        forest.predict(Q), want, rtol=1e-12, atol=1e-12,
        err_msg="the regressor predicts the mean of its trees' predictions",
    )  # fmt: skip


# --- bootstrap and feature subsets --------------------------------------------------------------


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_each_tree_is_fitted_on_its_own_bootstrap_sample(cls):
    X, y_clf, y_reg, Q = noisy_data(2, n=60)
    y = y_clf if cls == CLASSIFIER else y_reg
    forest = getattr(mod, cls)(n_estimators=5, max_features=None, random_state=3).fit(X, y)
    assert len(forest.estimators_) == 5, n_trees_message(forest, 5)
    samples = check_bootstrap(forest, 60)
    for seeds, mistake in (
        ("none", "no int seed is drawn from rng for each tree (is every tree seeded with the "
         "forest's random_state itself, or not at all?)"),
        ("before", "each tree's seed is drawn BEFORE its bootstrap indices"),
    ):  # fmt: skip
        if all(map(np.array_equal, samples, replayed_samples(3, 60, 5, seeds))):
            pytest.fail(
                f"estimators_samples_ show that {mistake}. The conventions: for each tree, "
                "idx = rng.integers(0, n, size=n), THEN its random_state "
                "int(rng.integers(2**31 - 1)), all from one rng = "
                "check_random_state(random_state)"
            )
    for s, want in zip(samples, replayed_samples(3, 60, 5), strict=True):
        np.testing.assert_array_equal(
            s, want,
            err_msg="estimators_samples_ differ from the conventions: for each tree, "
            "idx = rng.integers(0, n, size=n), then its seed rng.integers(2**31 - 1), all "
            "from rng = check_random_state(random_state)",
        )  # fmt: skip
    got_seeds = [getattr(t, "random_state", None) for t in forest.estimators_]
    assert got_seeds == replayed_seeds(3, 60, 5), (
        f"the trees' random_state are {got_seeds}, expected {replayed_seeds(3, 60, 5)}: "
        "after drawing a tree's indices, draw its seed int(rng.integers(2**31 - 1)) from the "
        "same rng and pass it as the tree's random_state"
    )
    tree_cls = getattr(
        trees, "DecisionTreeClassifier" if cls == CLASSIFIER else "DecisionTreeRegressor"
    )
    for b, (tree, s) in enumerate(zip(forest.estimators_, samples, strict=True)):
        # With every feature examined the tree is deterministic: refitting it on the drawn
        # rows (repeats included) must give the same tree.
        alone = tree_cls().fit(X[s], y[s])
        mine = aligned_proba(tree, Q, forest.classes_) if cls == CLASSIFIER else tree.predict(Q)
        want = aligned_proba(alone, Q, forest.classes_) if cls == CLASSIFIER else alone.predict(Q)
        np.testing.assert_allclose(
            mine, want, atol=1e-12,
            err_msg=f"tree {b} differs from a tree fitted on X[estimators_samples_[{b}]]: fit "
            "each tree on its own bootstrap rows (or the distinct ones, weighted by their "
            "counts)",
        )  # fmt: skip


def test_without_bootstrap_every_tree_sees_every_sample():
    X, y, _, Q = noisy_data(3, n=60)
    forest = mod.RandomForestClassifier(
        n_estimators=4, bootstrap=False, max_features=None, random_state=0
    ).fit(X, y)
    for s in forest.estimators_samples_:
        np.testing.assert_array_equal(
            s, np.arange(60), err_msg="bootstrap=False: every tree is fitted on all samples"
        )
    first = forest.estimators_[0].predict_proba(Q)
    for tree in forest.estimators_[1:]:
        np.testing.assert_allclose(
            tree.predict_proba(Q), first,
            err_msg="bootstrap=False and max_features=None: every tree is the same tree",
        )  # fmt: skip


def test_max_features_is_passed_to_the_trees():
    # Feature 0 alone predicts y; the 8 others are noise. Searching every feature, each
    # tree splits its root on feature 0; searching 1 random feature per node, few do.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(150, 9))
    y = (X[:, 0] > 0.1).astype(int)
    forest = mod.RandomForestClassifier(n_estimators=12, max_features=1, random_state=0)
    forest.fit(X, y)
    top = [int(np.argmax(t.feature_importances_)) for t in forest.estimators_]
    assert top.count(0) < 12, (
        "with max_features=1 all 12 trees rely mostly on the best feature 0, as if every "
        "split searched all features: pass max_features (and a random_state) to each tree"
    )
    default = mod.RandomForestClassifier(n_estimators=6, bootstrap=False, random_state=0)
    Q = rng.normal(size=(100, 9))
    probas = [t.predict_proba(Q) for t in default.fit(X, y).estimators_]
    assert any(not np.allclose(p, probas[0]) for p in probas[1:]), (
        "bootstrap=False with the default max_features='sqrt' gave 6 identical trees: the "
        "trees search all features; pass max_features to them, and give each tree its own "
        "random_state (an int drawn from the forest's generator)"
    )


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_max_depth_and_min_samples_leaf_are_passed_to_the_trees(cls):
    X, y_clf, y_reg, _ = noisy_data(12, n=80)
    y = y_clf if cls == CLASSIFIER else y_reg
    forest = getattr(mod, cls)(n_estimators=3, max_depth=2, min_samples_leaf=4, random_state=0)
    for tree in forest.fit(X, y).estimators_:
        assert tree.depth_ <= 2, (
            f"max_depth=2, but a tree of the forest has depth_ {tree.depth_}: pass "
            "max_depth to every tree"
        )
        assert tree.min_samples_leaf == 4, "pass min_samples_leaf to every tree"


def test_regressor_default_examines_every_feature():
    X, _, y, Q = noisy_data(4, n=60)
    forest = mod.RandomForestRegressor(n_estimators=3, bootstrap=False, random_state=0)
    assert forest.max_features == 1.0, "RandomForestRegressor's default max_features is 1.0"
    forest.fit(X, y)
    single = trees.DecisionTreeRegressor().fit(X, y).predict(Q)
    np.testing.assert_allclose(
        forest.predict(Q), single, atol=1e-12,
        err_msg="RandomForestRegressor(bootstrap=False) with the default max_features=1.0 "
        "(every feature, as scikit-learn) is one full tree repeated",
    )  # fmt: skip


# --- out of bag ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_oob_score_uses_only_the_trees_that_never_saw_the_sample(seed):
    # Shallow trees: their leaves are mixed, so hard votes differ from mean probabilities.
    # String labels: an argmax (a column index) compared with y is then never equal.
    X, y, _, _ = noisy_data(seed, n=80)
    y = np.array(["cat", "dog", "emu"])[y]
    forest = mod.RandomForestClassifier(
        n_estimators=15, max_depth=3, oob_score=True, random_state=seed
    )
    y_before = y.copy()
    with inputs_unchanged("fit", X=X):  # (inputs_unchanged compares numbers only)
        forest.fit(X, y)
    assert np.array_equal(y, y_before), "fit modified its input y in place; work on a copy"
    oob = out_of_bag(forest, 80)
    per_tree = np.array([aligned_proba(t, X, forest.classes_) for t in forest.estimators_])
    seen = oob.any(axis=0)
    mean = np.einsum("bi,bik->ik", oob[:, seen], per_tree[:, seen]) / oob[:, seen].sum(0)[:, None]
    want = np.mean(forest.classes_[np.argmax(mean, axis=1)] == y[seen])
    votes = np.eye(len(forest.classes_))[np.argmax(per_tree, axis=2)]  # (B, n, K) hard votes
    hard = np.einsum("bi,bik->ik", oob[:, seen], votes[:, seen])
    want_hard = np.mean(forest.classes_[np.argmax(hard, axis=1)] == y[seen])
    if not np.isclose(want_hard, want) and np.isclose(forest.oob_score_, want_hard):
        pytest.fail(
            f"oob_score_ = {forest.oob_score_:.4f} is the accuracy of the out-of-bag trees' "
            f"hard votes; the out-of-bag estimate is {want:.4f}: average their predict_proba "
            "(as predict_proba does), then take the argmax"
        )
    if forest.oob_score_ == 0 and want > 0:
        pytest.fail(
            f"oob_score_ is 0 with the labels cat, dog, emu (expected {want:.4f}): compare "
            "the predicted LABELS, classes_[argmax], with y, not the argmax column indices"
        )
    inbag = ~oob
    in_mean = np.einsum("bi,bik->ik", inbag, per_tree) / np.maximum(inbag.sum(0), 1)[:, None]
    want_in = np.mean(forest.classes_[np.argmax(in_mean, axis=1)] == y)
    if not np.isclose(want_in, want) and np.isclose(forest.oob_score_, want_in):
        pytest.fail(
            f"oob_score_ = {forest.oob_score_:.4f} is scored with the trees whose bootstrap "
            f"sample CONTAINED each sample (the out-of-bag estimate is {want:.4f}): a sample "
            "is out of bag for tree b when it is NOT in estimators_samples_[b]"
        )
    train = np.mean(forest.predict(X) == y)
    if not np.isclose(want, train) and np.isclose(forest.oob_score_, train):
        pytest.fail(
            f"oob_score_ = {forest.oob_score_:.3f} equals the forest's accuracy on its own "
            f"training data; the out-of-bag estimate is {want:.3f}: predict each sample "
            "with only the trees whose bootstrap sample did NOT contain it (not with all "
            "the trees, nor with the in-bag ones)"
        )
    assert np.isclose(forest.oob_score_, want, rtol=0, atol=1e-12), (
        f"oob_score_ {forest.oob_score_!r}, expected {want!r}: the accuracy of the mean "
        "predict_proba of the out-of-bag trees of each sample, over the samples that are "
        "out of bag for at least one tree (a sample drawn for every tree has no out-of-bag "
        "prediction: leave it out of the score)"
    )


def test_regressor_oob_score_is_the_r2_of_out_of_bag_predictions():
    # Four trees: a sample is in all four bootstrap samples with probability 0.63^4 ~ 0.16,
    # so some samples have no out-of-bag prediction and must be left out.
    X, _, y, _ = noisy_data(5, n=80)
    forest = mod.RandomForestRegressor(n_estimators=4, oob_score=True, random_state=2)
    with inputs_unchanged("fit", X=X, y=y):
        forest.fit(X, y)
    oob = out_of_bag(forest, 80)
    per_tree = np.array([t.predict(X) for t in forest.estimators_])
    seen = oob.any(axis=0)
    assert 0 < seen.sum() < 75, "test data problem, not your code: choose another seed"
    pred = np.sum(oob * per_tree, axis=0)[seen] / oob.sum(axis=0)[seen]
    residual, spread = y[seen] - pred, y[seen] - y[seen].mean()
    want = 1.0 - residual @ residual / (spread @ spread)
    all_y = 1.0 - residual @ residual / np.sum((y[seen] - y.mean()) ** 2)
    if np.isclose(forest.oob_score_, all_y, rtol=0, atol=1e-12):
        pytest.fail(
            f"oob_score_ {forest.oob_score_!r} centres sum (y - mean y)^2 on the mean of ALL "
            f"the targets; over the samples with an out-of-bag prediction, R^2 uses their "
            f"own mean (expected {want!r})"
        )
    assert np.isclose(forest.oob_score_, want, rtol=0, atol=1e-12), (
        f"oob_score_ {forest.oob_score_!r}, expected the out-of-bag R^2 {want!r}: "
        "1 - sum (y - f_oob)^2 / sum (y - mean y)^2 over the samples with an out-of-bag "
        "prediction, f_oob the mean of their out-of-bag trees (a sample drawn for all 4 "
        "trees has none: leave it out of both sums and of the mean)"
    )


def test_oob_score_requires_bootstrap():
    X, y, _, _ = noisy_data(6, n=30)
    mod.RandomForestClassifier(n_estimators=2, random_state=0).fit(X, y).predict(X)
    with pytest.raises(ValueError, match="bootstrap"):
        mod.RandomForestClassifier(oob_score=True, bootstrap=False).fit(X, y)
    assert not hasattr(
        mod.RandomForestClassifier(n_estimators=2, random_state=0).fit(X, y), "oob_score_"
    ), "oob_score_ exists only with oob_score=True"


# --- randomness ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_random_state_makes_the_forest_deterministic(cls):
    X, y_clf, y_reg, Q = noisy_data(7, n=60)
    y = y_clf if cls == CLASSIFIER else y_reg
    get = "predict_proba" if cls == CLASSIFIER else "predict"
    make = getattr(mod, cls)
    a = getattr(make(n_estimators=4, max_features=2, random_state=5).fit(X, y), get)(Q)
    b = getattr(make(n_estimators=4, max_features=2, random_state=5).fit(X, y), get)(Q)
    np.testing.assert_array_equal(a, b, err_msg="the same int random_state, another forest")
    c = getattr(make(n_estimators=4, max_features=2, random_state=6).fit(X, y), get)(Q)
    assert not np.array_equal(a, c), "random_state 5 and 6 gave the same forest"
    gen = make(n_estimators=2, random_state=np.random.default_rng(0)).fit(X, y)
    assert getattr(gen, get)(Q).shape == a.shape, "a numpy Generator is a valid random_state"


# --- against scikit-learn (statistically: the random draws differ) ------------------------------


@pytest.mark.timeout(30)  # importing scikit-learn can take seconds
def test_classifier_is_as_accurate_as_sklearns():
    # Different random draws, different forests: the checks have margins of about twice
    # the spread seen over data seeds (OOB on 500 samples and 3 classes is the noisiest).
    ensemble = import_sklearn("ensemble")
    X, y, _, _ = noisy_data(0, n=700, n_features=6)
    X_test, y_test, X, y = X[500:], y[500:], X[:500], y[:500]
    mine = mod.RandomForestClassifier(n_estimators=25, oob_score=True, random_state=0).fit(X, y)
    ref = ensemble.RandomForestClassifier(n_estimators=25, oob_score=True, random_state=0)
    ref.fit(X, y)
    acc_mine, acc_ref = np.mean(mine.predict(X_test) == y_test), ref.score(X_test, y_test)
    acc_tree = np.mean(trees.DecisionTreeClassifier().fit(X, y).predict(X_test) == y_test)
    assert acc_mine >= acc_ref - 0.05, (
        f"held-out accuracy {acc_mine:.3f}, scikit-learn's forest {acc_ref:.3f} on the same data"
    )
    assert acc_mine > acc_tree + 0.02, (
        f"held-out accuracy {acc_mine:.3f}, one full tree {acc_tree:.3f}: the forest should "
        "beat its trees; are they averaged, and different from one another?"
    )
    assert abs(mine.oob_score_ - ref.oob_score_) < 0.08, (
        f"oob_score_ {mine.oob_score_:.3f}, scikit-learn's {ref.oob_score_:.3f}"
    )


@pytest.mark.timeout(30)  # importing scikit-learn can take seconds
def test_regressor_is_as_accurate_as_sklearns():
    ensemble = import_sklearn("ensemble")
    X, _, y, _ = noisy_data(1, n=700, n_features=6)
    train, test = slice(0, 500), slice(500, None)
    params = dict(n_estimators=25, min_samples_leaf=5, oob_score=True, random_state=0)
    mine = mod.RandomForestRegressor(**params).fit(X[train], y[train])
    ref = ensemble.RandomForestRegressor(**params)
    ref.fit(X[train], y[train])
    pred, want, y_test = mine.predict(X[test]), ref.predict(X[test]), y[test]
    r2 = 1 - np.sum((y_test - pred) ** 2) / np.sum((y_test - y_test.mean()) ** 2)
    r2_ref = ref.score(X[test], y_test)
    assert r2 >= r2_ref - 0.03, f"held-out R^2 {r2:.3f}, scikit-learn's forest {r2_ref:.3f}"
    assert abs(mine.oob_score_ - ref.oob_score_) < 0.03, (
        f"oob_score_ {mine.oob_score_:.3f}, scikit-learn's {ref.oob_score_:.3f}"
    )
    assert np.corrcoef(pred, want)[0, 1] > 0.95, "predictions far from scikit-learn's forest's"


# --- validation, inputs, fitting ---------------------------------------------------------------


def test_string_labels():
    X = np.arange(12.0).reshape(-1, 1)
    y = np.array(["dog"] * 4 + ["cat"] * 4 + ["emu"] * 4)
    forest = mod.RandomForestClassifier(n_estimators=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(forest.classes_, ["cat", "dog", "emu"])
    pred = forest.predict(np.array([[0.0], [5.5], [11.0]]))
    np.testing.assert_array_equal(
        pred, ["dog", "cat", "emu"], err_msg="predict returns labels taken from classes_"
    )


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_fit_and_predict_do_not_modify_their_inputs(cls):
    X, y_clf, y_reg, Q = noisy_data(10, n=40)
    y = y_clf if cls == CLASSIFIER else y_reg
    forest = getattr(mod, cls)(n_estimators=3, oob_score=True, random_state=0)
    with inputs_unchanged("fit", X=X, y=y):
        forest.fit(X, y)
    with inputs_unchanged("predict", X=Q):
        forest.predict(Q)


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_outputs_are_float64(cls):
    X, y_clf, y_reg, Q = noisy_data(11, n=30)
    forest = getattr(mod, cls)(n_estimators=3, random_state=0)
    if cls == CLASSIFIER:
        out = forest.fit(X, y_clf).predict_proba(Q)
    else:
        out = forest.fit(X, y_reg).predict(Q)
    assert out.dtype == np.float64, f"{cls} returned {out.dtype}, expected float64"


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"n_estimators": 0}, "n_estimators"),
        ({"n_estimators": 2.5}, "n_estimators"),
        ({"max_depth": 0}, "max_depth"),
        ({"min_samples_leaf": 0}, "min_samples_leaf"),
        ({"max_features": 0}, "max_features"),
        ({"max_features": "auto"}, "max_features"),
        ({"bootstrap": "yes"}, "bootstrap"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(cls, params, match):
    X, y = np.arange(12.0).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    getattr(mod, cls)(n_estimators=2, random_state=0).fit(X, y).predict(X)
    with pytest.raises(ValueError, match=match):
        getattr(mod, cls)(**params).fit(X, y)


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_bad_input_and_use_before_fit(cls):
    X, y = np.arange(12.0).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    forest = getattr(mod, cls)(n_estimators=2, random_state=0).fit(X, y)
    forest.predict(X)
    with pytest.raises(ValueError, match="features"):
        forest.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, cls)().fit(X, y[:5])
    methods = ["predict"] + (["predict_proba"] if cls == CLASSIFIER else [])
    for method in methods:
        with pytest.raises(NotFittedError, match="fit"):
            getattr(getattr(mod, cls)(), method)(X)


def test_fit_returns_self_and_stores_hyperparameters_unchanged():
    params = dict(
        n_estimators=3,
        max_features=0.5,
        max_depth=4,
        bootstrap=True,
        oob_score=True,
        random_state=7,
        min_samples_leaf=2,
    )
    forest = mod.RandomForestClassifier(**params)
    X, y = np.arange(40.0).reshape(20, 2), [0, 1] * 10
    assert forest.fit(X, y) is forest
    assert {k: getattr(forest, k) for k in params} == params
    assert forest.n_features_in_ == 2
    defaults = mod.RandomForestClassifier()
    assert (defaults.n_estimators, defaults.max_features, defaults.bootstrap) == (
        100,
        "sqrt",
        True,
    )
    reg = mod.RandomForestRegressor(n_estimators=2)
    assert reg.fit(X, np.arange(20.0)) is reg
