"""Tests for unsupervised/dbscan: density-based clustering with scikit-learn's labelling."""

from collections import deque

import numpy as np
import pytest

from kata.datasets import make_blobs, make_moons
from kata.testing import (
    SEEDS,
    fp_diagnosis,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)

mod = load_kata("unsupervised/dbscan")

# The worked example (1-D, eps = 1, min_samples = 3): cores 1, 2, 5; border 0, 3, 4, 6.
# Distances of exactly eps are exact here (integers, and a mean of 59/8).
X_HAND = np.array([[0.0], [1.0], [2.0], [3.0], [10.0], [11.0], [12.0], [20.0]])

# Two dense groups joined by one sparse point at 2.0 (eps = 1.05, min_samples = 4): the
# bridge has 3 points in its neighbourhood (1.0, 2.0, 3.0), so it is a BORDER point of
# both groups; it must not chain them into one cluster.
X_BRIDGE = np.array([[0.0], [0.25], [0.5], [1.0], [2.0], [3.0], [3.25], [3.5], [4.0]])
BRIDGE = 4


# --- oracle computed here, independently of the kata ------------------------------------------


def dbscan_oracle(X, eps, min_samples):
    """Textbook DBSCAN by breadth-first search, with exact distances from differences.

    Clusters start at unlabelled core points in index order; only core points expand; a
    point keeps the first label it gets. Returns (labels, core indices).
    """
    X = np.asarray(X, dtype=float)
    n = len(X)
    neighbours = [np.flatnonzero(np.sqrt(((X - X[i]) ** 2).sum(axis=1)) <= eps) for i in range(n)]
    core = np.array([len(nb) >= min_samples for nb in neighbours])
    labels = np.full(n, -1)
    cluster = 0
    for i in range(n):
        if not core[i] or labels[i] != -1:
            continue
        labels[i] = cluster
        queue = deque([i])
        while queue:
            p = queue.popleft()
            if core[p]:
                for q in neighbours[p]:
                    if labels[q] == -1:
                        labels[q] = cluster
                        queue.append(q)
        cluster += 1
    return labels, np.flatnonzero(core)


def same_partition(a, b):
    """True when two labelings group the samples identically (up to renaming)."""
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist(), strict=True))
    return len(pairs) == len(set(np.asarray(a).tolist())) == len(set(np.asarray(b).tolist()))


def assert_labels(labels, expected, what):
    """labels_ == expected, or a message naming the mistake that the difference shows."""
    labels, expected = np.asarray(labels), np.asarray(expected)
    assert np.issubdtype(labels.dtype, np.integer), f"labels_ has dtype {labels.dtype}, not int"
    if np.array_equal(labels, expected):
        return
    got = f"{what}: labels_ = {labels.tolist()}, expected {expected.tolist()}"
    if -1 not in labels and np.array_equal(labels, expected + 1):
        pytest.fail(f"{got}. Noise is labelled -1 and clusters are numbered from 0")
    if np.array_equal(labels == -1, expected == -1) and same_partition(labels, expected):
        pytest.fail(
            f"{got}: the right clusters with the wrong numbers. Scan the points in index "
            "order and number each cluster 0, 1, ... when its first core point is reached"
        )
    lost = (labels == -1) & (expected != -1)
    if lost.any() and np.array_equal(labels[~lost], expected[~lost]):
        pytest.fail(
            f"{got}: border points {np.flatnonzero(lost).tolist()} were left as noise. A "
            "non-core point within eps of a core point joins that point's cluster"
        )
    gained = (labels != -1) & (expected == -1)
    if gained.any():
        pytest.fail(
            f"{got}: points {np.flatnonzero(gained)[:10].tolist()} are noise (no core point "
            "within eps) but got a cluster label. Only an unlabelled CORE point starts a "
            "cluster, and only core points pass their label on to their neighbours"
        )
    clustered = (labels != -1) & (expected != -1)
    ours, theirs = labels[clustered], expected[clustered]
    if len(set(ours.tolist())) > len(set(theirs.tolist())):
        split = all(len(set(theirs[ours == c].tolist())) == 1 for c in set(ours.tolist()))
        if split:
            pytest.fail(
                f"{got}: a cluster was split. Keep growing it through every core point it "
                "reaches (a search over the whole chain), not only the first point's neighbours"
            )
    pytest.fail(got)


def noisy_blobs(seed, n=150, n_noise=30):
    """Three tight blobs plus uniform background noise, shuffled."""
    rng = np.random.default_rng(seed)
    X, _, _ = make_blobs(
        n, centers=[[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]], cluster_std=0.6, random_state=seed
    )
    X = np.vstack([X, rng.uniform(-4, 9, size=(n_noise, 2))])
    return X[rng.permutation(len(X))]


def sklearn_case(name):
    if name == "noisy blobs":
        return noisy_blobs(0), 0.5, 5
    if name == "moons":
        return make_moons(200, noise=0.07, random_state=1)[0], 0.2, 5
    if name == "min_samples = 1":
        return noisy_blobs(2, n=60, n_noise=20), 0.4, 1
    if name == "duplicates":
        X = noisy_blobs(3, n=60, n_noise=10)
        return np.vstack([X, X[:15], X[:5]]), 0.45, 4
    if name == "3-D, many borders":
        return make_blobs(200, centers=4, n_features=3, cluster_std=1.2, random_state=4)[0], 1.0, 8
    raise AssertionError(name)


# --- the classic mistakes, one test each ------------------------------------------------------


def test_min_samples_counts_the_point_itself():
    # eps = 1.5, min_samples = 2: each point of {0, 1} and of {5, 6, 7} has itself plus at
    # least one neighbour, so every point is a core point.
    X = np.array([[0.0], [1.0], [5.0], [6.0], [7.0]])
    db = mod.DBSCAN(eps=1.5, min_samples=2).fit(X)
    core = db.core_sample_indices_.tolist()
    if core == [3]:
        pytest.fail(
            "only point 3 (with 2 OTHER neighbours) is a core point: min_samples counts the "
            "point itself, |N(i)| >= min_samples with i in N(i), so all 5 points are core"
        )
    assert core == [0, 1, 2, 3, 4], f"core_sample_indices_ = {core}, expected all 5 points"
    assert_labels(db.labels_, [0, 0, 1, 1, 1], "two clusters, no noise")


def test_neighbourhood_includes_points_at_exactly_eps():
    # Integer points at distance exactly 1, and far-away noise. The mean (3, -0.5) is exact
    # too, so even centred squared distances are computed without rounding.
    X = np.array(
        [
            [0.0, 0.0],
            [1.0, 0.0],
            [2.0, 0.0],
            [3.0, 0.0],
            [3.0, 5.0],
            [20.0, 5.0],
            [-5.0, -6.0],
            [0.0, -8.0],
        ]
    )
    db = mod.DBSCAN(eps=1.0, min_samples=3).fit(X)
    if np.all(db.labels_ == -1):
        pytest.fail(
            "everything is noise, but points 1 and 2 each have neighbours at distance "
            "exactly eps = 1: the neighbourhood is ||x_i - x_j|| <= eps (inclusive), not < eps"
        )
    if db.core_sample_indices_.tolist() == np.flatnonzero(db.labels_ >= 0).tolist():
        pytest.fail(
            f"core_sample_indices_ = {db.core_sample_indices_.tolist()} lists every clustered "
            "point: border points 0 and 3 are in the cluster but are not core points (fewer "
            "than min_samples points within eps)"
        )
    np.testing.assert_array_equal(db.core_sample_indices_, [1, 2], err_msg="cores 1 and 2")
    assert_labels(db.labels_, [0, 0, 0, 0, -1, -1, -1, -1], "one cluster and noise")


def test_border_points_belong_to_their_cluster():
    # The worked example: 0 and 3 are border points of cluster 0, 4 and 6 of cluster 1.
    db = mod.DBSCAN(eps=1.0, min_samples=3).fit(X_HAND)
    np.testing.assert_array_equal(db.core_sample_indices_, [1, 2, 5], err_msg="core points")
    dropped = [i for i in (0, 3, 4, 6) if db.labels_[i] == -1]
    assert not dropped, (
        f"border points {dropped} were labelled noise: a non-core point within eps of a core "
        "point joins that core point's cluster"
    )
    assert_labels(db.labels_, [0, 0, 0, 0, 1, 1, 1, -1], "the worked example")


@pytest.mark.parametrize("reverse", [False, True], ids=["left group first", "right first"])
def test_border_point_keeps_the_first_cluster_that_reaches_it(reverse):
    X = X_BRIDGE[::-1] if reverse else X_BRIDGE
    bridge = len(X) - 1 - BRIDGE if reverse else BRIDGE
    labels = mod.DBSCAN(eps=1.05, min_samples=4).fit(X).labels_
    assert labels[bridge] == 0, (
        f"the bridge point, reachable from clusters 0 and 1, got label {labels[bridge]}: "
        "cluster 0 is grown first and reaches it first, so it keeps 0 (as scikit-learn). "
        "Only label points that are still unlabelled (-1)"
    )


def test_border_points_do_not_expand():
    db = mod.DBSCAN(eps=1.05, min_samples=4).fit(X_BRIDGE)
    assert BRIDGE not in db.core_sample_indices_.tolist(), (
        "the bridge point (3 points within eps, itself included) is not a core point"
    )
    if len(set(db.labels_.tolist())) == 1:
        pytest.fail(
            "the two groups came out as one cluster: they only touch through a BORDER point "
            "(not core). A border point joins the cluster but is a dead end: only core "
            "points add their neighbours to the search"
        )
    assert_labels(db.labels_, [0, 0, 0, 0, 0, 1, 1, 1, 1], "two clusters; the bridge joins 0")


def test_clusters_are_numbered_in_the_order_they_are_found():
    # Cluster {5, 6, 7} (indices 0-2) is found before cluster {0, 1, 2} (indices 3-5).
    X = np.array([[5.0], [6.0], [7.0], [0.0], [1.0], [2.0]])
    labels = mod.DBSCAN(eps=1.5, min_samples=2).fit(X).labels_
    assert_labels(labels, [0, 0, 0, 1, 1, 1], "clusters numbered in the order they are found")


def test_a_point_is_its_own_neighbour_even_for_a_tiny_eps():
    # ||x_i - x_i|| = 0 <= eps always; the expansion ||x||^2 - 2 x.x + ||x||^2 may round
    # to a small positive number, larger than a tiny eps^2.
    X = np.random.default_rng(40).normal(scale=100.0, size=(50, 3))
    with fp_diagnosis(
        "the squared distances from the expansion came out slightly negative (rounding) and "
        "their square root is NaN: clip them at 0, or compare squared distances with eps^2"
    ):
        db = mod.DBSCAN(eps=1e-9, min_samples=1).fit(X)
    assert db.core_sample_indices_.tolist() == list(range(50)), (
        "with min_samples=1 every point is a core point (its neighbourhood holds itself at "
        "distance 0), even for eps=1e-9: do not let rounding in the distance expansion "
        "push a point out of its own neighbourhood (count it explicitly, or set the "
        "diagonal of the distance matrix to 0)"
    )
    assert_labels(db.labels_, np.arange(50), "every point its own cluster")


def test_no_python_loop_over_pairs_of_points():
    # 500 points, about 9 neighbours each. Whole-array distances and a search that visits
    # each point and its neighbours once run some 20 000 Python lines at most; a double
    # loop over the 250 000 pairs of points runs 250 000 or more.
    X = noisy_blobs(41, n=450, n_noise=50)
    budget = 100 * 500
    lines = python_lines(mod.DBSCAN(eps=0.3, min_samples=5).fit, X, budget=budget)
    assert lines <= budget, (
        f"fit on 500 points ran more than {budget} lines of Python: is there a Python loop "
        "over pairs of points? Get all squared distances from ||a||^2 - 2 a.b + ||b||^2 in "
        "one matrix product and compare them with eps^2"
    )


# --- hand-worked cases and invariants -----------------------------------------------------------


def test_hand_worked_example():
    db = mod.DBSCAN(eps=1.0, min_samples=3)
    assert db.fit(X_HAND) is db, "fit must return self"
    assert_labels(db.labels_, [0, 0, 0, 0, 1, 1, 1, -1], "the worked example")
    np.testing.assert_array_equal(db.core_sample_indices_, [1, 2, 5])
    assert db.n_features_in_ == 1


def test_attributes_have_the_documented_types():
    db = mod.DBSCAN(eps=0.5, min_samples=5).fit(noisy_blobs(5))
    assert db.labels_.shape == (180,), f"labels_ has shape {db.labels_.shape}"
    assert np.issubdtype(db.labels_.dtype, np.integer), f"labels_ dtype {db.labels_.dtype}"
    core = db.core_sample_indices_
    assert core.ndim == 1 and np.issubdtype(core.dtype, np.integer), (
        f"core_sample_indices_ must be a 1-D int array, got {core.dtype} of shape {core.shape}"
    )
    assert np.all(np.diff(core) > 0), "core_sample_indices_ must be increasing"


def test_all_noise_when_eps_is_tiny():
    X = noisy_blobs(6, n=40, n_noise=5)
    db = mod.DBSCAN(eps=1e-3, min_samples=2).fit(X)
    np.testing.assert_array_equal(db.labels_, -np.ones(len(X)), err_msg="no point is core")
    assert db.core_sample_indices_.shape == (0,), "no core points: an empty index array"
    assert np.issubdtype(db.core_sample_indices_.dtype, np.integer)


def test_min_samples_one_makes_every_point_core():
    X = noisy_blobs(7, n=40, n_noise=10)
    db = mod.DBSCAN(eps=0.3, min_samples=1).fit(X)
    assert db.core_sample_indices_.tolist() == list(range(len(X)))
    assert np.all(db.labels_ >= 0), "with min_samples=1 there is no noise"


def test_a_huge_eps_gives_one_cluster():
    X = noisy_blobs(8, n=40, n_noise=10)
    db = mod.DBSCAN(eps=100.0, min_samples=5).fit(X)
    np.testing.assert_array_equal(db.labels_, np.zeros(len(X)), err_msg="one cluster, label 0")


def test_duplicate_points_each_count():
    # Five copies of one point: each neighbourhood holds all five (distances 0 <= eps).
    X = np.vstack([np.zeros((5, 2)), [[10.0, 10.0]]])
    db = mod.DBSCAN(eps=0.1, min_samples=5).fit(X)
    np.testing.assert_array_equal(db.core_sample_indices_, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(db.labels_, [0, 0, 0, 0, 0, -1])


@pytest.mark.parametrize("seed", SEEDS)
def test_matches_a_brute_force_oracle(seed):
    X = noisy_blobs(seed + 10)
    db = mod.DBSCAN(eps=0.5, min_samples=5).fit(X)
    labels, core = dbscan_oracle(X, 0.5, 5)
    if not np.array_equal(db.core_sample_indices_, core):
        if np.array_equal(db.core_sample_indices_, dbscan_oracle(X, np.sqrt(0.5), 5)[1]):
            pytest.fail("squared distances were compared with eps, not with eps^2")
        pytest.fail(
            f"core_sample_indices_ differ from a textbook DBSCAN's at "
            f"{sorted(set(db.core_sample_indices_.tolist()) ^ set(core.tolist()))[:10]}: a "
            "core point has at least min_samples points (itself included) within eps"
        )
    wrong = np.flatnonzero(db.labels_ != labels)
    assert wrong.size == 0, (
        f"labels_ differ from a textbook DBSCAN at samples {wrong[:10].tolist()} "
        f"(got {db.labels_[wrong[:10]].tolist()}, expected {labels[wrong[:10]].tolist()}): "
        "scan the points in index order, start a cluster at each unlabelled core point, "
        "grow it through core points only, label each point once"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_keeps_cores_noise_and_core_partition(seed):
    X = noisy_blobs(seed + 20)
    perm = np.random.default_rng(seed).permutation(len(X))
    a = mod.DBSCAN(eps=0.5, min_samples=5).fit(X)
    b = mod.DBSCAN(eps=0.5, min_samples=5).fit(X[perm])
    core_a = np.zeros(len(X), bool)
    core_a[a.core_sample_indices_] = True
    core_b = np.zeros(len(X), bool)
    core_b[b.core_sample_indices_] = True
    np.testing.assert_array_equal(core_b, core_a[perm], err_msg="core points move with X")
    np.testing.assert_array_equal(b.labels_ == -1, a.labels_[perm] == -1, err_msg="noise")
    pairs = set(zip(a.labels_[perm][core_b].tolist(), b.labels_[core_b].tolist(), strict=True))
    assert len(pairs) == len(set(a.labels_[core_a].tolist())), (
        "permuting the samples changed how the core points are grouped"
    )


def test_translating_the_data_far_from_the_origin_changes_nothing():
    X = noisy_blobs(30)
    a = mod.DBSCAN(eps=0.5, min_samples=5).fit(X)
    b = mod.DBSCAN(eps=0.5, min_samples=5).fit(X + np.array([1e8, -1e8]))
    wrong = int((a.labels_ != b.labels_).sum())
    assert wrong == 0, (
        f"moving the data by (1e8, -1e8) changed {wrong} labels: far from the origin "
        "||a||^2 - 2 a.b + ||b||^2 subtracts numbers ~1e16 and loses the digits of a distance "
        "~0.5. Centre X (subtract its mean) first: distances do not change"
    )


def test_fit_predict_returns_labels_and_fit_ignores_y():
    X = noisy_blobs(31)
    db = mod.DBSCAN(eps=0.5, min_samples=5)
    labels = db.fit_predict(X)
    np.testing.assert_array_equal(labels, db.labels_, err_msg="fit_predict returns labels_")
    with_y = mod.DBSCAN(eps=0.5, min_samples=5).fit(X, np.arange(len(X)))
    np.testing.assert_array_equal(with_y.labels_, labels, err_msg="fit(X, y) ignores y")
    np.testing.assert_array_equal(
        mod.DBSCAN(eps=0.5, min_samples=5).fit_predict(X, np.arange(len(X))), labels
    )


def test_fit_does_not_modify_x():
    X = noisy_blobs(32)
    with inputs_unchanged("fit", X=X):
        mod.DBSCAN(eps=0.5, min_samples=5).fit(X)


def test_no_n_by_n_by_d_temporary():
    # 500 x 40: the (n, n, d) differences take 80 MB; an (n, n) distance matrix 2 MB.
    X = np.random.default_rng(33).normal(size=(500, 40))
    _, peak = peak_memory(mod.DBSCAN(eps=8.0, min_samples=5).fit, X)
    limit = 64 * 500 * 500
    assert peak < limit, (
        f"fit allocated {peak / 1e6:.0f} MB: build the squared distances from "
        "||a||^2 - 2 a.b + ||b||^2 (one matrix product), not from an (n, n, d) array of "
        "differences"
    )


# --- agreement with scikit-learn --------------------------------------------------------------


@pytest.mark.parametrize(
    "case", ["noisy blobs", "moons", "min_samples = 1", "duplicates", "3-D, many borders"]
)
def test_matches_sklearn(case):
    X, eps, min_samples = sklearn_case(case)
    db = mod.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    ref = import_sklearn("cluster").DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    np.testing.assert_array_equal(
        db.core_sample_indices_,
        ref.core_sample_indices_,
        err_msg="core_sample_indices_ differ from scikit-learn's",
    )
    np.testing.assert_array_equal(
        db.labels_ == -1, ref.labels_ == -1, err_msg="the noise points differ from scikit-learn's"
    )
    wrong = np.flatnonzero(db.labels_ != ref.labels_)
    assert wrong.size == 0, (
        f"{wrong.size} labels differ from scikit-learn's (samples {wrong[:10].tolist()}): "
        "number clusters 0, 1, ... in the order their first core point appears in X, and "
        "give a border point the first cluster that reaches it"
    )


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, name",
    [
        ({"eps": 0.0}, "eps"),
        ({"eps": -1.0}, "eps"),
        ({"eps": "0.5"}, "eps"),
        ({"min_samples": 0}, "min_samples"),
        ({"min_samples": 2.5}, "min_samples"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error(params, name):
    X = X_HAND
    mod.DBSCAN(eps=1.0, min_samples=3).fit(X)
    with pytest.raises(ValueError, match=name):
        mod.DBSCAN(**params).fit(X)


@pytest.mark.parametrize(
    "X, match",
    [([[0.0, np.nan], [1.0, 1.0]], "NaN"), ([1.0, 2.0, 3.0], "2-D"), (np.zeros((0, 2)), "empty")],
    ids=["nan", "1-D", "empty"],
)
def test_bad_x_is_a_value_error(X, match):
    mod.DBSCAN(eps=1.0, min_samples=3).fit(X_HAND)
    with pytest.raises(ValueError, match=match):
        mod.DBSCAN().fit(X)
