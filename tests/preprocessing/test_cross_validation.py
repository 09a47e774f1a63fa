"""Tests for preprocessing/cross_validation: cross_val_score and grid_search."""

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata

mod = load_kata("preprocessing/cross_validation")


# --- tiny estimators -------------------------------------------------------------------------


def neg_mse(y_true, y_pred):
    return -float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))


def accuracy(y_true, y_pred):
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


class MeanRegressor:
    """Predicts the mean of its training targets; score is -MSE."""

    def fit(self, X, y):
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)

    def score(self, X, y):
        return neg_mse(y, self.predict(X))


class Constant:
    """Predicts the constant c; other hyperparameters are ignored."""

    def __init__(self, c=0.0, ignored=None):
        self.c = c
        self.ignored = ignored

    def fit(self, X, y):
        return self

    def predict(self, X):
        return np.full(len(X), self.c)


class Memorizer:
    """Remembers every (row, label) it has been fitted on, ACROSS fit calls, and predicts -1
    for rows it has never seen: a model that would profit from a reused instance."""

    def __init__(self):
        self.table = {}

    def fit(self, X, y):
        for row, label in zip(X.tolist(), y.tolist(), strict=True):
            self.table[tuple(row)] = label
        return self

    def predict(self, X):
        return np.array([self.table.get(tuple(row), -1) for row in X.tolist()])


class SeenDetector:
    """Predicts 1 for rows of its latest training set and 0 otherwise; with scoring=mean of
    predictions the score is the fraction of scored rows that were training rows."""

    def fit(self, X, y):
        self.seen_ = {tuple(row) for row in X.tolist()}
        return self

    def predict(self, X):
        return np.array([float(tuple(row) in self.seen_) for row in X.tolist()])


def fraction_seen(y_true, y_pred):
    return float(np.mean(y_pred))


class Recorder:
    """Records every instance made, the params it got, its fit calls and what it predicted.
    Column 0 of X holds the sample ids."""

    def __init__(self, log, **params):
        self.params = params
        self.fits = []
        self.predicted = []
        log.append(self)

    def fit(self, X, y):
        self.fits.append(X[:, 0].astype(int).tolist())
        return self

    def predict(self, X):
        self.predicted.append(X[:, 0].astype(int).tolist())
        return np.zeros(len(X))


def recorder_factory():
    log = []

    def make(**params):
        return Recorder(log, **params)

    return make, log


def ids_data(n, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.arange(n), rng.normal(size=n)])
    return X, rng.normal(size=n)


def expected_folds(n, k):
    # Consecutive blocks, the first n % k one sample larger: np.array_split does exactly this.
    return [block.tolist() for block in np.array_split(np.arange(n), k)]


# --- cross_val_score: hand-worked and oracle cases -------------------------------------------


def test_cross_val_score_hand_example():
    X, y = np.zeros((4, 1)), np.array([0.0, 0.0, 2.0, 2.0])
    got = mod.cross_val_score(MeanRegressor, X, y, cv=2, scoring=neg_mse)
    # Fold 1 tests samples 0, 1 after training on y = [2, 2]; fold 2 the reverse.
    assert not np.allclose(np.asarray(got, dtype=float), [0.0, 0.0]), (
        "cross_val_score gave [0, 0], the scores on the TRAINING folds (each model predicts "
        "its own training mean exactly): score on the held-out test fold, X[test_idx]"
    )
    np.testing.assert_allclose(
        got,
        [-4.0, -4.0],
        rtol=1e-12,
        err_msg="hand example: each fold predicts the other fold's mean, score -4",
    )
    assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (2,), (
        f"cross_val_score must return a float64 array of shape (cv,), got {got!r}"
    )


def test_cross_val_score_uneven_folds_by_hand():
    X, y = np.zeros((5, 1)), np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    got = mod.cross_val_score(MeanRegressor, X, y, cv=2, scoring=neg_mse)
    # Folds [0, 1, 2] and [3, 4]. Fold 1 trains on mean(4, 5) = 4.5: errors 3.5, 2.5, 1.5.
    fold1 = -(3.5**2 + 2.5**2 + 1.5**2) / 3
    # Fold 2 trains on mean(1, 2, 3) = 2: errors 2, 3.
    fold2 = -(2.0**2 + 3.0**2) / 2
    np.testing.assert_allclose(
        got, [fold1, fold2], rtol=1e-12, err_msg="uneven folds by hand: fold scores in fold order"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, k", [(20, 5), (23, 4), (9, 3)])
def test_cross_val_score_matches_a_manual_loop(seed, n, k):
    X, y = ids_data(n, seed)
    expected = []
    for test in expected_folds(n, k):
        train = np.setdiff1d(np.arange(n), test)
        expected.append(neg_mse(y[test], np.full(len(test), y[train].mean())))
    got = mod.cross_val_score(MeanRegressor, X, y, cv=k, scoring=neg_mse)
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg="scores against a manual loop over k_fold_indices"
    )


def test_each_fold_trains_and_tests_on_the_right_samples():
    make, log = recorder_factory()
    X, y = ids_data(11)
    mod.cross_val_score(make, X, y, cv=3, scoring=neg_mse)
    folds = expected_folds(11, 3)
    assert len(log) == 3, (
        f"make_estimator was called {len(log)} times for 3 folds: build a fresh estimator for "
        "every fold"
    )
    for i, (est, test) in enumerate(zip(log, folds, strict=True)):
        assert len(est.fits) == 1, f"the estimator of fold {i} was fitted {len(est.fits)} times"
        train = sorted(set(range(11)) - set(test))
        assert sorted(est.fits[0]) == train, (
            f"fold {i} trained on samples {sorted(est.fits[0])}, expected {train}"
        )
        assert [sorted(p) for p in est.predicted] == [test], (
            f"fold {i} predicted samples {est.predicted}, expected only its test fold {test}"
        )


# --- cross_val_score: the classic mistakes ---------------------------------------------------


def test_a_fresh_estimator_is_used_for_every_fold():
    X = np.arange(24.0).reshape(12, 2)  # every row is unique
    y = np.arange(12) % 3
    scores = mod.cross_val_score(Memorizer, X, y, cv=4, scoring=accuracy)
    assert np.all(scores == 0.0), (
        f"scores {scores.tolist()} for a model that can only recall rows it was trained on: "
        "later folds recognized their test rows, so one estimator instance was reused across "
        "folds and remembered earlier folds (leakage). Call make_estimator() for every fold."
    )


def test_scores_come_from_the_held_out_fold_not_the_training_fold():
    X = np.arange(20.0).reshape(10, 2)
    y = np.zeros(10)
    scores = mod.cross_val_score(SeenDetector, X, y, cv=5, scoring=fraction_seen)
    assert np.all(scores == 0.0), (
        f"fraction of scored rows that were training rows, per fold: {scores.tolist()}; it "
        "must be 0: score on the held-out test fold, not on the training fold"
    )


def test_scoring_none_uses_the_estimators_score_method():
    class FortyTwo(MeanRegressor):
        def score(self, X, y):
            return 42.0

    X, y = ids_data(10)
    np.testing.assert_array_equal(
        mod.cross_val_score(FortyTwo, X, y, cv=5),
        np.full(5, 42.0),
        err_msg="scoring=None must use the estimator's own score method",
    )
    np.testing.assert_allclose(
        mod.cross_val_score(MeanRegressor, X, y, cv=5),
        mod.cross_val_score(MeanRegressor, X, y, cv=5, scoring=neg_mse),
        rtol=1e-12,
        err_msg="scoring=None calls estimator.score(X_test, y_test), here -MSE",
    )


def test_scoring_receives_true_values_then_predictions():
    calls = []

    def recording_score(y_true, y_pred):
        calls.append((np.asarray(y_true).tolist(), np.asarray(y_pred).tolist()))
        return 0.0

    X, y = np.zeros((4, 1)), np.array([1.0, 2.0, 3.0, 4.0])
    mod.cross_val_score(lambda: Constant(c=7.0), X, y, cv=2, scoring=recording_score)
    expected = [([1.0, 2.0], [7.0, 7.0]), ([3.0, 4.0], [7.0, 7.0])]
    assert calls == expected, (
        f"scoring was called with {calls}; expected scoring(y_true, y_pred) per test fold: "
        f"{expected} (true values first, as scikit-learn's metrics)"
    )


def test_cross_val_score_with_string_labels():
    class Majority:
        def fit(self, X, y):
            labels, counts = np.unique(y, return_counts=True)
            self.label_ = labels[np.argmax(counts)]
            return self

        def predict(self, X):
            return np.full(len(X), self.label_)

    X = np.zeros((6, 1))
    y = np.array(["cat", "cat", "dog", "cat", "dog", "dog"])
    got = mod.cross_val_score(Majority, X, y, cv=3, scoring=accuracy)
    # Folds [0, 1], [2, 3], [4, 5]; the majorities of the training folds are dog, a tie
    # (cat first in sorted order) and cat.
    np.testing.assert_allclose(
        got, [0.0, 0.5, 0.0], rtol=1e-12, err_msg="string labels: accuracy per fold, in fold order"
    )


# --- cross_val_score: shuffling and determinism ----------------------------------------------


def test_shuffled_folds_are_those_of_k_fold_indices():
    splits = load_kata("preprocessing/splits")
    make, log = recorder_factory()
    X, y = ids_data(13)
    mod.cross_val_score(make, X, y, cv=4, scoring=neg_mse, shuffle=True, random_state=5)
    folds = [sorted(te.tolist()) for _, te in splits.k_fold_indices(13, 4, True, 5)]
    tested = [sorted(est.predicted[0]) for est in log]
    assert tested == folds, (
        f"with shuffle=True the test folds were {tested}, expected the folds of "
        f"k_fold_indices(13, 4, shuffle=True, random_state=5) = {folds}"
    )


def test_cross_val_score_is_deterministic_with_a_seed():
    X, y = ids_data(30)
    y = np.sort(y)  # sorted targets make shuffled and unshuffled folds score differently
    a = mod.cross_val_score(
        MeanRegressor, X, y, cv=5, scoring=neg_mse, shuffle=True, random_state=0
    )
    b = mod.cross_val_score(
        MeanRegressor, X, y, cv=5, scoring=neg_mse, shuffle=True, random_state=0
    )
    np.testing.assert_array_equal(a, b, err_msg="the same random_state must give the same scores")
    plain = mod.cross_val_score(MeanRegressor, X, y, cv=5, scoring=neg_mse)
    assert not np.allclose(a, plain), "shuffle=True gave the same scores as shuffle=False"


def _tested_folds(random_state, n=13, k=4):
    make, log = recorder_factory()
    X, y = ids_data(n)
    mod.cross_val_score(make, X, y, cv=k, scoring=neg_mse, shuffle=True, random_state=random_state)
    return [sorted(est.predicted[0]) for est in log]


def test_a_generator_seeded_like_an_int_gives_the_same_folds():
    by_int = _tested_folds(7)
    by_gen = _tested_folds(np.random.default_rng(7))
    assert by_gen == by_int, (
        f"random_state=np.random.default_rng(7) tested the folds {by_gen}, random_state=7 "
        f"tested {by_int}: pass random_state to k_fold_indices unchanged (do not turn a "
        "Generator into None or a new seed)"
    )


def test_the_callers_generator_is_used_and_advanced():
    gen = np.random.default_rng(3)
    state = gen.bit_generator.state
    first = _tested_folds(gen)
    assert gen.bit_generator.state != state, (
        "the Generator passed as random_state was not advanced: hand it to k_fold_indices "
        "as given (not a copy of it)"
    )
    second = _tested_folds(gen)
    assert second != first, (
        "two cross_val_score calls with the same Generator tested the same folds: the "
        "caller's generator is used as given, so the second call continues its stream"
    )


# --- cross_val_score: scikit-learn -----------------------------------------------------------


def test_cross_val_score_matches_sklearn():
    linear_model = import_sklearn("linear_model")
    model_selection = import_sklearn("model_selection")
    metrics = import_sklearn("metrics")
    from kata.datasets import load_diabetes

    data = load_diabetes()
    ours = mod.cross_val_score(
        lambda: linear_model.Ridge(alpha=0.5), data.X, data.y, cv=5, scoring=metrics.r2_score
    )
    ref = model_selection.cross_val_score(
        linear_model.Ridge(alpha=0.5), data.X, data.y, cv=model_selection.KFold(5), scoring="r2"
    )
    np.testing.assert_allclose(
        ours,
        ref,
        rtol=1e-12,
        err_msg="fold scores against scikit-learn's cross_val_score with KFold(5)",
    )


# --- cross_val_score: inputs -----------------------------------------------------------------


def test_cross_val_score_does_not_modify_its_inputs():
    X, y = ids_data(10)
    with inputs_unchanged("cross_val_score", X=X, y=y):
        mod.cross_val_score(
            MeanRegressor, X, y, cv=5, scoring=neg_mse, shuffle=True, random_state=0
        )


def test_cross_val_score_rejects_bad_input():
    X, y = ids_data(10)
    mod.cross_val_score(MeanRegressor, X, y, cv=5, scoring=neg_mse)
    with pytest.raises(ValueError, match="2-D"):
        mod.cross_val_score(MeanRegressor, X[:, 0], y, scoring=neg_mse)
    with pytest.raises(ValueError, match="samples"):
        mod.cross_val_score(MeanRegressor, X, y[:-1], scoring=neg_mse)
    with pytest.raises(ValueError, match="cv"):
        mod.cross_val_score(MeanRegressor, X, y, cv=1, scoring=neg_mse)
    with pytest.raises(ValueError, match="cv"):
        mod.cross_val_score(MeanRegressor, X, y, cv=11, scoring=neg_mse)
    with pytest.raises(ValueError, match="scoring"):
        mod.cross_val_score(MeanRegressor, X, y, scoring="r2")
    with pytest.raises(ValueError, match="make_estimator"):
        mod.cross_val_score(MeanRegressor(), X, y, scoring=neg_mse)


# --- grid_search -----------------------------------------------------------------------------


def test_grid_search_hand_example():
    X, y = np.zeros((6, 1)), np.full(6, 2.0)
    best_params, best_score, results = mod.grid_search(
        Constant, {"c": [0.0, 1.0, 2.0, 3.0]}, X, y, cv=3, scoring=neg_mse
    )
    assert best_params == {"c": 2.0}, f"best_params is {best_params}, expected {{'c': 2.0}}"
    assert best_score == 0.0 and isinstance(best_score, float)
    assert [r["params"] for r in results] == [{"c": c} for c in (0.0, 1.0, 2.0, 3.0)]
    np.testing.assert_allclose(
        [r["mean_score"] for r in results],
        [-4.0, -1.0, 0.0, -1.0],
        err_msg="mean scores of the candidates c = 0, 1, 2, 3 in candidate order",
    )
    for r in results:
        assert np.shape(r["scores"]) == (3,), "each result holds the cv fold scores"
        np.testing.assert_allclose(
            r["mean_score"],
            np.mean(r["scores"]),
            rtol=1e-12,
            err_msg="mean_score must be the mean of that candidate's fold scores",
        )


def test_grid_search_mean_score_is_the_plain_mean_over_uneven_folds():
    X, y = np.zeros((5, 1)), np.array([0.0, 0.0, 0.0, 0.0, 3.0])
    _, best_score, results = mod.grid_search(
        Constant, {"c": [0.0, 3.0]}, X, y, cv=2, scoring=neg_mse
    )
    # Folds [0, 1, 2] and [3, 4]. c = 0: fold scores 0 and -(0 + 9) / 2 = -4.5, mean -2.25
    # (weighting by fold size, or scoring all predictions pooled, would give -9 / 5 = -1.8).
    # c = 3: fold scores -9 and -(9 + 0) / 2 = -4.5, mean -6.75 (weighted: -7.2).
    fold_scores = [np.asarray(r["scores"], dtype=float).tolist() for r in results]
    assert np.allclose(fold_scores, [[0.0, -4.5], [-9.0, -4.5]]), (
        f"the fold scores were {fold_scores}, expected [[0, -4.5], [-9, -4.5]] on the folds "
        "[0, 1, 2] and [3, 4]: grid_search cross-validates every candidate on the unshuffled "
        "folds of k_fold_indices(n_samples, cv), each scored on its held-out fold"
    )
    got = [r["mean_score"] for r in results]
    assert not np.allclose(got, [-1.8, -7.2]), (
        "mean_score is [-1.8, -7.2], the fold scores weighted by fold size (or one score of "
        "the pooled predictions): it is the plain mean of the cv fold scores, as GridSearchCV"
    )
    np.testing.assert_allclose(
        got,
        [-2.25, -6.75],
        rtol=1e-12,
        err_msg=(
            "mean_score must be the plain mean of the cv fold scores (as scikit-learn's "
            "GridSearchCV), not weighted by fold size nor one score of the pooled predictions"
        ),
    )
    assert best_score == -2.25, (
        f"best_score is {best_score}, expected -2.25: the mean score of the best candidate "
        "(c = 0), not the best single fold score"
    )


def test_grid_search_candidates_follow_the_product_in_key_insertion_order():
    X, y = np.zeros((4, 1)), np.zeros(4)
    grid = {"ignored": [1, 2], "c": ["x", "y", "z"]}  # keys deliberately not alphabetical
    _, _, results = mod.grid_search(Constant, grid, X, y, cv=2, scoring=lambda t, p: 0.0)
    got = [r["params"] for r in results]
    expected = [{"ignored": i, "c": c} for i in (1, 2) for c in ("x", "y", "z")]
    assert got == expected, (
        f"candidates in order {got}; expected the product of the lists with the keys in "
        f"insertion order and the last key varying fastest: {expected}"
    )
    assert [list(p) for p in got] == [["ignored", "c"]] * 6, "keep the keys in insertion order"


def test_grid_search_ties_go_to_the_first_candidate():
    X, y = np.zeros((4, 1)), np.full(4, 2.0)
    # c = 1 and c = 3 are equally wrong (MSE 1); c = 1 comes first.
    best, score, _ = mod.grid_search(Constant, {"c": [0.0, 1.0, 3.0]}, X, y, cv=2, scoring=neg_mse)
    assert best == {"c": 1.0}, (
        f"best_params is {best}: c=1 and c=3 tie, and a tie goes to the FIRST candidate in "
        "param_grid order (compare with > rather than >=, or use np.argmax)"
    )
    assert score == -1.0, f"best_score is {score}, the mean score of c=1 is -1"
    best, _, _ = mod.grid_search(
        Constant,
        {"ignored": ["first", "second", "third"], "c": [2.0]},
        X,
        y,
        cv=2,
        scoring=neg_mse,
    )
    assert best == {"ignored": "first", "c": 2.0}, (
        f"all candidates tie, so the first one must win; got {best}"
    )


def test_grid_search_builds_a_fresh_estimator_per_candidate_and_fold():
    make, log = recorder_factory()
    X, y = ids_data(9)
    mod.grid_search(make, {"a": [1, 2], "b": [0, 1, 2]}, X, y, cv=3, scoring=neg_mse)
    assert len(log) == 6 * 3, (
        f"make_estimator was called {len(log)} times for 6 candidates x 3 folds = 18: every "
        "candidate and every fold needs its own fresh estimator"
    )
    assert all(len(est.fits) == 1 for est in log), "an estimator instance was fitted twice"
    expected = [{"a": a, "b": b} for a in (1, 2) for b in (0, 1, 2) for _ in range(3)]
    assert [est.params for est in log] == expected, (
        "make_estimator must be called with each candidate's params, candidate by candidate"
    )
    folds = expected_folds(9, 3)
    assert [sorted(est.predicted[0]) for est in log] == folds * 6, (
        "grid_search must use the unshuffled k_fold_indices folds for every candidate"
    )


def test_grid_search_scores_equal_a_manual_cross_validation():
    X, y = ids_data(12, seed=3)
    grid = {"c": [-1.0, 0.0, 0.5]}
    best, best_score, results = mod.grid_search(Constant, grid, X, y, cv=4, scoring=neg_mse)
    for r in results:
        expected = [
            neg_mse(y[test], np.full(len(test), r["params"]["c"]))
            for test in expected_folds(12, 4)
        ]
        np.testing.assert_allclose(
            r["scores"],
            expected,
            rtol=1e-12,
            err_msg="each candidate's fold scores against a manual cross-validation",
        )
    means = [
        np.mean([neg_mse(y[t], np.full(len(t), c)) for t in expected_folds(12, 4)])
        for c in grid["c"]
    ]
    assert best == {"c": grid["c"][int(np.argmax(means))]}
    np.testing.assert_allclose(
        best_score, max(means), rtol=1e-12, err_msg="best_score must be the largest mean score"
    )


def test_grid_search_with_an_empty_grid_has_one_candidate():
    X, y = ids_data(6)
    best, score, results = mod.grid_search(MeanRegressor, {}, X, y, cv=3, scoring=neg_mse)
    assert best == {} and len(results) == 1
    np.testing.assert_allclose(
        score,
        np.mean(mod.cross_val_score(MeanRegressor, X, y, cv=3, scoring=neg_mse)),
        err_msg="an empty grid is one candidate, the defaults: its mean cross-validated score",
    )


def test_grid_search_matches_sklearn():
    linear_model = import_sklearn("linear_model")
    model_selection = import_sklearn("model_selection")
    metrics = import_sklearn("metrics")
    from kata.datasets import load_diabetes

    data = load_diabetes()
    grid = {"alpha": [0.001, 0.01, 0.1, 1.0, 10.0]}
    best, best_score, results = mod.grid_search(
        linear_model.Ridge, grid, data.X, data.y, cv=5, scoring=metrics.r2_score
    )
    ref = model_selection.GridSearchCV(
        linear_model.Ridge(), grid, cv=model_selection.KFold(5), scoring="r2"
    ).fit(data.X, data.y)
    np.testing.assert_allclose(
        [r["mean_score"] for r in results],
        ref.cv_results_["mean_test_score"],
        rtol=1e-12,
        err_msg="mean scores per candidate against GridSearchCV's mean_test_score",
    )
    assert best == ref.best_params_, f"best_params {best}, GridSearchCV's {ref.best_params_}"
    np.testing.assert_allclose(
        best_score,
        ref.best_score_,
        rtol=1e-12,
        err_msg="best_score against scikit-learn's GridSearchCV.best_score_",
    )


def test_grid_search_does_not_modify_its_inputs():
    X, y = ids_data(8)
    grid = {"c": [0.0, 1.0]}
    with inputs_unchanged("grid_search", X=X, y=y):
        mod.grid_search(Constant, grid, X, y, cv=2, scoring=neg_mse)
    assert grid == {"c": [0.0, 1.0]}, "grid_search modified param_grid"


@pytest.mark.parametrize("param_grid", [[("c", [1.0])], {"c": []}, {"c": 3.0}, {"c": "abc"}])
def test_grid_search_rejects_a_bad_param_grid(param_grid):
    X, y = ids_data(6)
    mod.grid_search(Constant, {"c": [1.0]}, X, y, cv=2, scoring=neg_mse)
    with pytest.raises(ValueError, match="param_grid"):
        mod.grid_search(Constant, param_grid, X, y, cv=2, scoring=neg_mse)


def test_grid_search_rejects_bad_input():
    X, y = ids_data(6)
    mod.grid_search(Constant, {"c": [1.0]}, X, y, cv=2, scoring=neg_mse)
    with pytest.raises(ValueError, match="samples"):
        mod.grid_search(Constant, {"c": [1.0]}, X, y[:-1], cv=2, scoring=neg_mse)
    with pytest.raises(ValueError, match="cv"):
        mod.grid_search(Constant, {"c": [1.0]}, X, y, cv=7, scoring=neg_mse)
