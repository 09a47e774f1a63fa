"""Tests for classification/knn: KNNClassifier and KNNRegressor."""

import math
from collections import Counter

import numpy as np
import pytest

from kata.datasets import make_blobs
from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)
from kata.validation import NotFittedError

mod = load_kata("classification/knn")

# Four training points whose distances to (0, 0) and (3, 0) are easy to work out by hand.
X_HAND = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 0.0], [0.0, 2.0]])


def brute_force_neighbors(X_train, X, k):
    """Independent oracle: exact distances, sorted by (distance, training index)."""
    diff = X[:, None, :] - X_train[None, :, :]  # fine for the small arrays of the tests
    sq = np.einsum("mnd,mnd->mn", diff, diff)
    ind = np.array([sorted(range(len(X_train)), key=lambda j: (row[j], j))[:k] for row in sq])
    return np.sqrt(np.take_along_axis(sq, ind, axis=1)), ind


def oracle_vote(labels, weights):
    """Largest total weight; ties go to the smallest label."""
    totals = Counter()
    for label, w in zip(labels, weights, strict=True):
        totals[label] += w
    best = max(totals.values())
    return min(label for label, total in totals.items() if total == best)


def continuous_data(seed, n_train=60, n_test=25, n_features=3):
    """Blobs with continuous coordinates: no two distances tie."""
    X, y, _ = make_blobs(n_train + n_test, centers=3, n_features=n_features, random_state=seed)
    return X[:n_train], y[:n_train], X[n_train:]


def integer_grid_data(seed, n_train=300, n_test=60):
    """Points on a small integer grid: many exact ties in distance (integers are exact)."""
    rng = np.random.default_rng(seed)
    X = rng.integers(-2, 3, size=(n_train, 2)).astype(float)
    Q = rng.integers(-2, 3, size=(n_test, 2)).astype(float)
    return X, rng.integers(0, 3, size=n_train), Q


# --- kneighbors ----------------------------------------------------------------------------


def test_kneighbors_hand_example():
    model = mod.KNNClassifier(n_neighbors=3).fit(X_HAND, [0, 1, 0, 1])
    dist, ind = model.kneighbors([[0.0, 0.0], [3.0, 0.0]])
    np.testing.assert_array_equal(
        ind, [[0, 2, 3], [2, 0, 3]], err_msg="indices of the 3 nearest, nearest first"
    )
    if np.allclose(dist, [[0.0, 1.0, 4.0], [4.0, 9.0, 13.0]]):
        pytest.fail("kneighbors returned squared distances: take the square root")
    np.testing.assert_allclose(
        dist,
        [[0.0, 1.0, 2.0], [2.0, 3.0, math.sqrt(13.0)]],
        atol=1e-12,
        err_msg="Euclidean distances of the 3 nearest, increasing",
    )


def test_kneighbors_returns_shapes_and_dtypes():
    model = mod.KNNRegressor(n_neighbors=2).fit(X_HAND, [1.0, 2.0, 3.0, 4.0])
    dist, ind = model.kneighbors(np.zeros((5, 2)))
    assert dist.shape == (5, 2) and ind.shape == (5, 2), (
        f"kneighbors of 5 queries with k=2 gave shapes {dist.shape} and {ind.shape}, "
        "expected (5, 2) for both"
    )
    assert dist.dtype == np.float64, f"distances have dtype {dist.dtype}, expected float64"
    assert np.issubdtype(ind.dtype, np.integer), f"indices have dtype {ind.dtype}, expected int"


@pytest.mark.parametrize("seed", SEEDS)
def test_kneighbors_matches_a_brute_force_oracle(seed):
    X, y, Q = continuous_data(seed)
    model = mod.KNNClassifier(n_neighbors=7).fit(X, y)
    dist, ind = model.kneighbors(Q)
    want_dist, want_ind = brute_force_neighbors(X, Q, 7)
    np.testing.assert_array_equal(ind, want_ind, err_msg="wrong neighbours or wrong order")
    np.testing.assert_allclose(
        dist, want_dist, rtol=1e-9, atol=1e-9, err_msg="distances of the k nearest"
    )


@pytest.mark.parametrize("k", [5, 25])
@pytest.mark.parametrize("seed", SEEDS)
def test_distance_ties_are_broken_by_training_order(seed, k):
    X, y, Q = integer_grid_data(seed)
    dist, ind = mod.KNNClassifier(n_neighbors=k).fit(X, y).kneighbors(Q)
    want_dist, want_ind = brute_force_neighbors(X, Q, k)
    np.testing.assert_allclose(dist, want_dist, atol=1e-12, err_msg="the k smallest distances")
    bad = np.flatnonzero((ind != want_ind).any(axis=1))
    assert bad.size == 0, (
        f"query {Q[bad[0]]}: neighbours {ind[bad[0]]}, expected {want_ind[bad[0]]}. Equal "
        "distances must keep training order (earlier sample first, also at the k-th place). "
        "argpartition picks an ARBITRARY sample among those tied at the k-th distance, and "
        "the default quicksort reorders ties: order the k by (distance, index) with "
        "np.lexsort or a stable sort, and redo the rows where more samples than k sit at or "
        "below the k-th distance (or select by repeated argmin, which returns the first "
        "minimum)."
    )


def test_kth_place_tie_goes_to_the_earlier_training_sample():
    # Query 0: samples 1 (label 1) and 2 (label 0) both at distance 1, sample 0 at 0.
    X = np.array([[0.0], [1.0], [-1.0]])
    model = mod.KNNClassifier(n_neighbors=2).fit(X, [0, 1, 0])
    _, ind = model.kneighbors([[0.0]])
    np.testing.assert_array_equal(ind, [[0, 1]], err_msg="the tie at the 2nd place goes to 1")


def test_kth_place_ties_for_a_large_k():
    # Query 0: five samples at distance 0.5 (indices 40-44), then forty at distance 1
    # (indices 0-39). With k = 20 the cut falls inside the forty: the earliest 15 make it.
    X = np.concatenate([np.tile([1.0, -1.0], 20), np.full(5, 0.5)])[:, None]
    model = mod.KNNClassifier(n_neighbors=20).fit(X, np.arange(45) % 3)
    _, ind = model.kneighbors([[0.0]])
    want = list(range(40, 45)) + list(range(15))
    assert ind[0].tolist() == want, (
        f"kneighbors gave {ind[0].tolist()}, expected {want}: among the forty samples tied "
        "at distance 1 the earliest 15 make the cut, in training order. argpartition "
        "chooses among tied samples arbitrarily: after it, find the rows where more samples "
        "than k are at or below the k-th distance and pick the earliest of the tied ones"
    )


def test_squared_distances_are_clipped_before_the_square_root():
    # Far from the origin, ||a||^2 - 2 a.b + ||b||^2 cancels and a point's distance to
    # itself comes out around -1e-11 for some rows.
    X = np.random.default_rng(0).normal(size=(50, 3)) + 100.0
    model = mod.KNNClassifier(n_neighbors=1).fit(X, np.arange(50))
    try:
        dist, ind = model.kneighbors(X)
    except FloatingPointError:
        pytest.fail(
            "sqrt of a negative number: rounding makes the expanded squared distance "
            "slightly negative for a point and itself. Clip it at 0 before the square root."
        )
    assert np.all(dist >= 0) and np.all(np.isfinite(dist)), f"bad distances {dist.ravel()}"
    np.testing.assert_array_equal(ind[:, 0], np.arange(50), err_msg="a point is its own 1-NN")
    np.testing.assert_allclose(dist, 0.0, atol=1e-4, err_msg="a point's distance to itself")


def test_kneighbors_does_not_build_an_n_m_d_intermediate():
    rng = np.random.default_rng(1)
    X, Q = rng.normal(size=(1000, 100)), rng.normal(size=(100, 100))
    model = mod.KNNRegressor(n_neighbors=5).fit(X, rng.normal(size=1000))
    _, peak = peak_memory(model.kneighbors, Q)
    full = Q.shape[0] * X.shape[0] * X.shape[1] * 8
    assert peak < full / 4, (
        f"kneighbors peaked at {peak / 1e6:.0f} MB; the (m, n, d) array of differences "
        f"would take {full / 1e6:.0f} MB. Expand ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2 "
        "so the largest array is (m, n)."
    )


# --- the classifier ------------------------------------------------------------------------


LABELS_AS_NUMBERS = (
    "string labels broke the vote ({exc}): np.bincount and friends need small "
    "non-negative ints. Encode labels as positions in classes_ (np.unique with "
    "return_inverse=True) and map the winning position back through classes_."
)


def test_worked_example_from_the_statement():
    model = mod.KNNClassifier(n_neighbors=3).fit([[0.0], [1.0], [2.0], [10.0]], list("aabb"))
    _, ind = model.kneighbors([[1.5]])
    np.testing.assert_array_equal(ind, [[1, 2, 0]], err_msg="1 and 2 tie: training order")
    try:
        model.predict_proba([[1.5]])
    except (TypeError, ValueError) as exc:
        pytest.fail(LABELS_AS_NUMBERS.format(exc=exc))
    assert model.predict([[1.5]])[0] == "a"
    np.testing.assert_allclose(
        model.predict_proba([[1.5]]), [[2 / 3, 1 / 3]], rtol=1e-12, err_msg="votes a, b, a"
    )


def test_distance_weighted_vote_hand_example():
    # Query -0.5: distances 0.5, 1.5, 3.5 -> weights 2, 2/3, 2/7. Class 0 gets 2 = 42/21
    # and class 1 gets 2/3 + 2/7 = 20/21, so the shares are 42/62 and 20/62.
    X, y = [[0.0], [1.0], [3.0]], [0, 1, 1]
    uniform = mod.KNNClassifier(n_neighbors=3).fit(X, y)
    distance = mod.KNNClassifier(n_neighbors=3, weights="distance").fit(X, y)
    np.testing.assert_allclose(
        uniform.predict_proba([[-0.5]]),
        [[1 / 3, 2 / 3]],
        rtol=1e-12,
        err_msg="weights='uniform': one vote per neighbour",
    )
    np.testing.assert_allclose(
        distance.predict_proba([[-0.5]]),
        [[42 / 62, 20 / 62]],
        rtol=1e-12,
        err_msg="weights='distance' gives each neighbour a vote of 1 / distance",
    )
    assert uniform.predict([[-0.5]])[0] == 1 and distance.predict([[-0.5]])[0] == 0


@pytest.mark.parametrize("labels, expected", [(["b", "a"], "a"), ([5, 2], 2), ([1, -1], -1)])
def test_vote_ties_go_to_the_smallest_label(labels, expected):
    # Query 0.4: nearest is sample 0 (labels[0]), then sample 1: one vote each.
    model = mod.KNNClassifier(n_neighbors=2).fit([[0.0], [1.0]], labels)
    got = model.predict([[0.4]])[0]
    assert got == expected, (
        f"a 1-1 vote between {labels} predicted {got!r}: ties in the vote go to the "
        f"smallest label ({expected!r}), not to the nearest neighbour or the first one counted"
    )


def test_weighted_vote_ties_go_to_the_smallest_label():
    # The query is halfway between the two samples: both weigh 1 / 0.5 = 2.
    model = mod.KNNClassifier(n_neighbors=2, weights="distance").fit([[0.0], [1.0]], ["z", "y"])
    assert model.predict([[0.5]])[0] == "y", "a tie in weighted votes goes to the smallest label"


def test_string_labels_come_back_as_strings():
    X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0], [9.0, 0.0]])
    y = np.array(["dog", "dog", "cat", "cat", "emu"])
    model = mod.KNNClassifier(n_neighbors=1).fit(X, y)
    np.testing.assert_array_equal(
        model.classes_, ["cat", "dog", "emu"], err_msg="classes_ = sorted unique labels"
    )
    try:
        pred = model.predict([[0.0, 0.2], [5.2, 5.2], [8.0, 0.0]])
    except (TypeError, ValueError) as exc:
        pytest.fail(LABELS_AS_NUMBERS.format(exc=exc))
    np.testing.assert_array_equal(
        pred, ["dog", "cat", "emu"], err_msg="predict must return labels from classes_"
    )
    proba = model.predict_proba([[0.0, 0.2]])
    np.testing.assert_allclose(proba, [[0.0, 1.0, 0.0]], err_msg="columns follow classes_")


def test_exact_match_gets_all_the_weight():
    # The query coincides with sample 0 ("x"); the two other neighbours say "y".
    X, y = [[0.0], [1.0], [2.0]], ["x", "y", "y"]
    model = mod.KNNClassifier(n_neighbors=3, weights="distance").fit(X, y)
    try:
        proba = model.predict_proba([[0.0]])
    except FloatingPointError as exc:
        pytest.fail(_division_diagnosis(exc))
    np.testing.assert_allclose(
        proba,
        [[1.0, 0.0]],
        rtol=0,
        atol=1e-15,
        err_msg="an exact match must take all the weight and the other neighbours none "
        "(adding an epsilon to the distance, or giving the match a weight of 1 next to the "
        "others' 1 / d, leaves them a share)",
    )
    assert model.predict([[0.0]])[0] == "x"


def test_several_exact_matches_share_the_weight():
    X, y = [[0.0], [0.0], [1.0], [2.0]], ["y", "x", "y", "y"]
    model = mod.KNNClassifier(n_neighbors=4, weights="distance").fit(X, y)
    np.testing.assert_allclose(
        model.predict_proba([[0.0]]),
        [[0.5, 0.5]],
        atol=1e-15,
        err_msg="two exact matches ('y' and 'x') share all the weight, one half each",
    )
    assert model.predict([[0.0]])[0] == "x", "the two exact matches tie: smallest label wins"


def _division_diagnosis(exc):
    """What a FloatingPointError in a distance-weighted vote says about the code."""
    if "divide by zero" in str(exc):
        return (
            "1 / 0: a query coincides with a training sample (distance 0) and its weight "
            "was computed as a plain 1 / d. As scikit-learn does, exact matches take all the "
            "weight (1 each) and the other neighbours 0, row by row; divide only by nonzero "
            "distances (np.where(d == 0, 1, d))."
        )
    return (
        "0 / 0: a row whose weights are all 0. The exact-match rule (matches take all the "
        "weight) applies row by row: testing `(dist == 0).any()` over the whole batch "
        "zeroes the weights of the queries that have no exact match."
    )


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_exact_match_rule_applies_query_by_query(cls):
    # One batch, two queries: 0.0 coincides with sample 0, -0.5 matches nothing (weights
    # 2, 2/3, 2/7 as in the hand example above). Classifier and regressor share the rule.
    X = [[0.0], [1.0], [3.0]]
    Q = [[0.0], [-0.5]]
    if cls == "KNNClassifier":
        model = mod.KNNClassifier(n_neighbors=3, weights="distance").fit(X, [0, 1, 1])
        predict, expected = model.predict_proba, [[1.0, 0.0], [42 / 62, 20 / 62]]
    else:
        # Query -0.5: (2 * 0 + 2/3 * 10 + 2/7 * 20) / (62 / 21) = 260 / 62.
        model = mod.KNNRegressor(n_neighbors=3, weights="distance").fit(X, [0.0, 10.0, 20.0])
        predict, expected = model.predict, [0.0, 260 / 62]
    try:
        got = predict(Q)
    except FloatingPointError as exc:
        pytest.fail(f"{cls} with weights='distance': {_division_diagnosis(exc)}")
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-12,
        atol=1e-12,
        err_msg="weights='distance', query 0 matching sample 0 and query -0.5 matching "
        "nothing: row 0 is all the match's, row 1 the 1/d-weighted "
        + ("vote shares" if cls == "KNNClassifier" else "mean sum(w y) / sum(w)"),
    )


def test_k_equal_to_n_train_predicts_the_majority_everywhere():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [50.0]])
    model = mod.KNNClassifier(n_neighbors=5).fit(X, [7, 7, 3, 3, 3])
    np.testing.assert_array_equal(
        model.predict([[-100.0], [0.5], [100.0]]),
        [3, 3, 3],
        err_msg="k = n_train: every query sees all five samples, and 3 has the majority",
    )


@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("seed", SEEDS)
def test_predictions_match_a_brute_force_vote(seed, weights):
    X, y, Q = integer_grid_data(seed, n_train=80, n_test=40)
    Q = Q + 0.25  # off the grid: no exact matches, but ties in distance remain
    k = 9
    model = mod.KNNClassifier(n_neighbors=k, weights=weights).fit(X, y)
    dist, ind = brute_force_neighbors(X, Q, k)
    w = np.ones_like(dist) if weights == "uniform" else 1.0 / dist
    want = [oracle_vote(y[i], wi) for i, wi in zip(ind, w, strict=True)]
    np.testing.assert_array_equal(
        model.predict(Q), want, err_msg=f"weights={weights!r}: the vote of the k nearest"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_predict_proba_rows_sum_to_one_and_agree_with_predict(seed):
    X, y, Q = continuous_data(seed)
    for weights in ("uniform", "distance"):
        model = mod.KNNClassifier(n_neighbors=6, weights=weights).fit(X, y)
        proba = model.predict_proba(Q)
        assert proba.shape == (len(Q), 3)
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
        np.testing.assert_array_equal(
            model.predict(Q),
            model.classes_[proba.argmax(axis=1)],
            err_msg="predict must be the label of the largest predict_proba column",
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_one_neighbour_recovers_the_training_labels(seed):
    X, y, _ = continuous_data(seed)
    np.testing.assert_array_equal(
        mod.KNNClassifier(n_neighbors=1).fit(X, y).predict(X),
        y,
        err_msg="with k = 1 every training point is its own nearest neighbour",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_shifting_all_points_and_permuting_queries(seed):
    X, y, Q = continuous_data(seed)
    perm = np.random.default_rng(seed).permutation(len(Q))
    base = mod.KNNClassifier(n_neighbors=5).fit(X, y)
    shifted = mod.KNNClassifier(n_neighbors=5).fit(X + 3.0, y)
    np.testing.assert_array_equal(
        shifted.predict(Q + 3.0), base.predict(Q), err_msg="distances ignore a common shift"
    )
    np.testing.assert_array_equal(
        base.predict(Q[perm]), base.predict(Q)[perm], err_msg="queries are independent"
    )


@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("k", [1, 7])
def test_classifier_matches_sklearn(k, weights):
    neighbors = import_sklearn("neighbors")
    X, y, Q = continuous_data(3, n_train=120, n_test=60, n_features=4)
    mine = mod.KNNClassifier(n_neighbors=k, weights=weights).fit(X, y)
    ref = neighbors.KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute")
    ref.fit(X, y)
    np.testing.assert_array_equal(mine.predict(Q), ref.predict(Q), err_msg="predict vs sklearn")
    np.testing.assert_allclose(
        mine.predict_proba(Q), ref.predict_proba(Q), atol=1e-12, err_msg="proba vs sklearn"
    )
    dist, ind = mine.kneighbors(Q)
    ref_dist, ref_ind = ref.kneighbors(Q)
    np.testing.assert_array_equal(ind, ref_ind, err_msg="kneighbors indices vs sklearn")
    np.testing.assert_allclose(dist, ref_dist, rtol=1e-9, err_msg="distances vs sklearn")


# --- the regressor -------------------------------------------------------------------------


def test_regressor_hand_example():
    # Query 2: distances 2, 1, 1 -> uniform mean 10; weights 1/2, 1, 1 -> 30 / 2.5 = 12.
    X, y = [[0.0], [1.0], [3.0]], [0.0, 10.0, 20.0]
    uniform = mod.KNNRegressor(n_neighbors=3).fit(X, y)
    distance = mod.KNNRegressor(n_neighbors=3, weights="distance").fit(X, y)
    np.testing.assert_allclose(
        uniform.predict([[2.0]]), [10.0], rtol=1e-12, err_msg="uniform: the plain mean"
    )
    np.testing.assert_allclose(
        distance.predict([[2.0]]),
        [12.0],
        rtol=1e-12,
        err_msg="weights='distance': divide sum(w_i y_i) by sum(w_i), with w_i = 1 / d_i",
    )
    np.testing.assert_allclose(
        mod.KNNRegressor(n_neighbors=2).fit(X, y).predict([[2.0]]),
        [15],
        err_msg="k = 2: the mean of the two nearest (10 and 20)",
    )


def test_regressor_averages_the_exact_matches():
    X, y = [[0.0], [0.0], [1.0], [2.0]], [4.0, 6.0, 100.0, 100.0]
    model = mod.KNNRegressor(n_neighbors=4, weights="distance").fit(X, y)
    try:
        got = model.predict([[0.0], [1.0]])
    except FloatingPointError as exc:
        pytest.fail(_division_diagnosis(exc))
    np.testing.assert_allclose(
        got, [5.0, 100.0], rtol=1e-13, err_msg="exact matches share all the weight"
    )


def test_regressor_returns_float64():
    model = mod.KNNRegressor(n_neighbors=2).fit([[0], [1], [2]], [1, 2, 4])
    got = model.predict([[0]])
    assert got.dtype == np.float64 and got.shape == (1,), f"got {got!r}, want float64 (1,)"
    np.testing.assert_allclose(got, [1.5], err_msg="the mean of 1 and 2")


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_regressor_matches_sklearn(weights):
    neighbors = import_sklearn("neighbors")
    X, _, Q = continuous_data(5, n_train=80, n_test=30)
    y = np.random.default_rng(5).normal(size=len(X))
    mine = mod.KNNRegressor(n_neighbors=6, weights=weights).fit(X, y)
    ref = neighbors.KNeighborsRegressor(n_neighbors=6, weights=weights, algorithm="brute")
    np.testing.assert_allclose(
        mine.predict(Q), ref.fit(X, y).predict(Q), rtol=1e-10, err_msg="predict vs sklearn"
    )


# --- validation, inputs, fitting -----------------------------------------------------------


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_fit_and_predict_do_not_modify_their_inputs(cls):
    X, y, Q = continuous_data(4)
    y = y.astype(float)
    model = getattr(mod, cls)(n_neighbors=4, weights="distance")
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=Q):
        model.predict(Q)
    with inputs_unchanged("kneighbors", X=Q):
        model.kneighbors(Q)


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_more_neighbours_than_training_samples_is_a_value_error(cls):
    X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    getattr(mod, cls)(n_neighbors=5).fit(X, y).predict(X)
    with pytest.raises(ValueError, match="n_neighbors"):
        getattr(mod, cls)(n_neighbors=6).fit(X, y)


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"n_neighbors": 0}, "n_neighbors"),
        ({"n_neighbors": 2.5}, "n_neighbors"),
        ({"weights": "gaussian"}, "weights"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(cls, params, match):
    X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    getattr(mod, cls)(n_neighbors=2).fit(X, y).predict(X)
    with pytest.raises(ValueError, match=match):
        getattr(mod, cls)(**params).fit(X, y)


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_bad_input_is_a_value_error(cls):
    X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    model = getattr(mod, cls)(n_neighbors=2).fit(X, y)
    model.predict(X)
    with pytest.raises(ValueError, match="features"):
        model.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        model.kneighbors([[np.nan, 0.0]])
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, cls)(n_neighbors=2).fit(X, y[:4])


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_predict_before_fit_is_a_not_fitted_error(cls):
    X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    getattr(mod, cls)(n_neighbors=2).fit(X, y).predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod, cls)().predict(X)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod, cls)().kneighbors(X)


def test_predict_proba_before_fit_is_a_not_fitted_error():
    # predict_proba's own first line validates: whatever order the methods are written in,
    # an unfitted model says NotFittedError (never an AttributeError on classes_).
    X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    mod.KNNClassifier(n_neighbors=2).fit(X, y).predict_proba(X)
    try:
        with pytest.raises(NotFittedError, match="fit"):
            mod.KNNClassifier().predict_proba(X)
    except AttributeError as exc:
        pytest.fail(
            f"predict_proba before fit raised AttributeError ({exc}): its first line must be "
            "the validation call, X = check_fitted_input(self, X, attribute='X_train_'), "
            "which raises NotFittedError"
        )


@pytest.mark.parametrize("cls", ["KNNClassifier", "KNNRegressor"])
def test_refitting_on_new_data_forgets_the_old(cls):
    # Fit on one set, then on another with other sizes, features and labels: the model
    # must be the one a fresh fit gives (no cached norms, classes or codes from the first).
    rng = np.random.default_rng(7)
    X1, X2 = rng.normal(size=(30, 3)), rng.normal(size=(20, 2)) * 5 + 1
    y1 = rng.integers(0, 3, size=30)
    y2 = np.array(["p", "q"])[rng.integers(0, 2, size=20)]
    if cls == "KNNRegressor":
        y1, y2 = y1.astype(float), rng.normal(size=20)
    Q = rng.normal(size=(8, 2)) * 5
    model = getattr(mod, cls)(n_neighbors=3).fit(X1, y1)
    model.fit(X2, y2)
    fresh = getattr(mod, cls)(n_neighbors=3).fit(X2, y2)
    try:
        model.kneighbors(Q)
    except ValueError as exc:
        pytest.fail(
            f"kneighbors after a refit failed ({exc}): something fit stored from the first "
            "data (training norms, label codes) was kept instead of recomputed"
        )
    pairs = zip(model.kneighbors(Q), fresh.kneighbors(Q), ("dist", "ind"), strict=True)
    for got, want, what in pairs:
        np.testing.assert_array_equal(
            got,
            want,
            err_msg=f"kneighbors ({what}) after a refit differs from a fresh fit: "
            "recompute everything fit stores (training norms, label codes) from the new data",
        )
    np.testing.assert_array_equal(
        model.predict(Q), fresh.predict(Q), err_msg="predict after a refit"
    )


def test_fit_returns_self_and_stores_hyperparameters_unchanged():
    model = mod.KNNClassifier(n_neighbors=2, weights="distance")
    assert model.fit([[0.0], [1.0]], [0, 1]) is model
    assert (model.n_neighbors, model.weights) == (2, "distance")
    assert model.n_features_in_ == 1


# --- complexity, without a clock: Python lines counted -------------------------------------


@pytest.mark.parametrize(
    "cls, method",
    [
        ("KNNClassifier", "kneighbors"),
        ("KNNClassifier", "predict_proba"),
        ("KNNClassifier", "predict"),
        ("KNNRegressor", "predict"),
    ],
)
def test_no_python_loop_over_the_queries(cls, method):
    # 2000 queries, 200 training samples, k = 5 weighted by distance: whole-array code runs
    # about 60 Python lines; a plainer answer with loops over blocks of 256 queries, over
    # the k neighbours or over the classes about 90 (120 for k = 20). A Python loop over
    # the queries runs at least 2000 lines, one over the query-sample pairs 400 000.
    rng = np.random.default_rng(2)
    X, Q = rng.normal(size=(200, 3)), rng.normal(size=(2000, 3))
    y = rng.integers(0, 4, size=200) if cls == "KNNClassifier" else rng.normal(size=200)
    model = getattr(mod, cls)(n_neighbors=5, weights="distance").fit(X, y)
    budget = 600
    lines = python_lines(getattr(model, method), Q, budget=budget)
    assert lines <= budget, (
        f"{cls}.{method} ran more than {budget} lines of Python for 2000 queries: is there a "
        "Python loop over the queries (or over the query-sample pairs)? Get all the "
        "squared distances from one matrix product, ||q||^2 - 2 Q @ X.T + ||x||^2, pick "
        "the k nearest of every row at once (np.argpartition, or k passes of argmin), and "
        "vote or average with whole (m, k) arrays (np.bincount for the class totals)"
    )
