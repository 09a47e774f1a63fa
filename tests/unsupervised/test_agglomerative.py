"""Tests for unsupervised/agglomerative: single, complete and average linkage."""

import itertools

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)

mod = load_kata("unsupervised/agglomerative")

LINKAGES = ("single", "complete", "average")

# The worked example: no two distances tie. Single linkage merges {0, 1} at 1, adds 5 at
# 4 and 13 at 8; average linkage adds 5 at (5 + 4) / 2 and 13 at (13 + 12 + 8) / 3.
X_HAND = np.array([[0.0], [1.0], [5.0], [13.0]])
CHILDREN_HAND = [{0, 1}, {2, 4}, {3, 5}]
HEIGHTS_HAND = {
    "single": [1.0, 4.0, 8.0],
    "complete": [1.0, 5.0, 13.0],
    "average": [1.0, 4.5, 11.0],
}


# --- oracle computed here, independently of the kata ------------------------------------------


def brute_force_tree(X, linkage):
    """Naive agglomeration: every cluster distance recomputed from the point distances.

    Returns the merges (as sets of two ids, id n + s for the cluster made at step s), the
    merge distances and, for every k, the partition into k clusters (a list of sets).
    """
    X = np.asarray(X, dtype=float)
    n = len(X)
    d = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))  # small n only
    reduce = {"single": np.min, "complete": np.max, "average": np.mean}[linkage]
    clusters = {i: [i] for i in range(n)}
    merges, heights, partitions = [], [], {n: [{i} for i in range(n)]}
    for step in range(n - 1):
        best = min(
            itertools.combinations(sorted(clusters), 2),
            key=lambda p: reduce(d[np.ix_(clusters[p[0]], clusters[p[1]])]),
        )
        heights.append(float(reduce(d[np.ix_(clusters[best[0]], clusters[best[1]])])))
        merges.append(set(best))
        clusters[n + step] = clusters.pop(best[0]) + clusters.pop(best[1])
        partitions[n - step - 1] = [set(c) for c in clusters.values()]
    return merges, heights, partitions


def check_tree(model, n, n_clusters):
    """Fail with the name of the mistake when children_ or labels_ are not a valid tree."""
    children = np.asarray(model.children_)
    assert children.shape == (n - 1, 2), (
        f"children_ has shape {children.shape}; it must hold the FULL tree, n_samples - 1 = "
        f"{n - 1} merges, whatever n_clusters"
    )
    for step, (a, b) in enumerate(children.tolist()):
        if a == b:
            pytest.fail(
                f"step {step} merges cluster {a} with itself: the diagonal of the distance "
                "matrix must stay at inf (also in the row of a newly merged cluster)"
            )
    if n > 2 and children.max() < n:
        pytest.fail(
            f"children_ = {children.tolist()[:4]}... never names a merged cluster: the cluster "
            "made at step s has id n_samples + s, not the index of a row it came from"
        )
    for step, (a, b) in enumerate(children.tolist()):
        if max(a, b) >= n + step:
            pytest.fail(
                f"step {step} merges clusters {a} and {b}, but only ids below {n + step} "
                "exist yet: the cluster made at step s has id n_samples + s"
            )
    counts = np.bincount(children.ravel(), minlength=2 * n - 1)
    if counts.max() > 1:
        twice = np.flatnonzero(counts > 1).tolist()
        pytest.fail(
            f"clusters {twice} are merged more than once: after merging rows i and j, retire "
            "one of them (its row and column to inf) and let the other hold the new cluster "
            "(if you cache each row's nearest cluster: refresh every row whose nearest was "
            "i or j)"
        )
    found = len(set(np.asarray(model.labels_).tolist()))
    assert found == n_clusters, (
        f"labels_ hold {found} clusters, n_clusters={n_clusters}: labels_ are the clusters "
        "after the first n_samples - n_clusters merges (track which cluster each sample is in)"
    )


def partition_of(labels):
    return sorted(
        (set(np.flatnonzero(labels == c).tolist()) for c in set(labels.tolist())), key=min
    )


def same_partition(labels, sets):
    return partition_of(np.asarray(labels)) == sorted(sets, key=min)


def tie_free_data(seed, n=24, d=2):
    """Continuous random points: no two pairwise (or cluster) distances tie."""
    return np.random.default_rng(seed).normal(size=(n, d))


def two_lines(seed=0):
    """Two long parallel chains 2 apart, points ~0.9 apart along each: single linkage
    follows each chain; complete linkage cuts both in the middle instead."""
    rng = np.random.default_rng(seed)
    x = np.arange(12) * 0.9
    a = np.column_stack([x + rng.uniform(-0.1, 0.1, 12), rng.uniform(-0.05, 0.05, 12)])
    b = np.column_stack([x + rng.uniform(-0.1, 0.1, 12), 2 + rng.uniform(-0.05, 0.05, 12)])
    X = np.vstack([a, b])
    perm = rng.permutation(len(X))
    return X[perm], (perm >= 12).astype(int)


def steps_as_sets(children):
    return [set(row) for row in np.asarray(children).tolist()]


# --- the classic mistakes, one test each ------------------------------------------------------


def test_distances_give_no_nan():
    # The expansion ||a||^2 - 2 a.b + ||b||^2 rounds to a tiny NEGATIVE number on the
    # diagonal and for duplicates: its square root is NaN unless it is clipped at 0.
    X = np.vstack([tie_free_data(11, n=10), tie_free_data(11, n=3)]) * 3.0 + 0.1
    with fp_diagnosis(
        "the squared distances from ||a||^2 - 2 a.b + ||b||^2 came out slightly negative "
        "(rounding, e.g. on the diagonal or for duplicate points) and their square root is "
        "NaN: clip them at 0 before np.sqrt"
    ):
        model = mod.AgglomerativeClustering(n_clusters=3, linkage="average").fit(X)
    assert not np.any(np.isnan(model.distances_)), (
        f"distances_ = {model.distances_} hold NaN: clip the squared distances at 0 before np.sqrt"
    )


def test_children_is_the_full_tree():
    X = tie_free_data(1, n=10)
    model = mod.AgglomerativeClustering(n_clusters=3).fit(X)
    shape = np.shape(model.children_)
    assert shape == (9, 2), (
        f"children_ has shape {shape}; it must hold the FULL tree, n_samples - 1 = 9 merges, "
        "whatever n_clusters (labels_ use only the first n_samples - n_clusters of them)"
    )
    assert np.shape(model.distances_) == (9,), "distances_: one per merge, n_samples - 1"


def test_single_linkage_follows_chains():
    X, line = two_lines()
    model = mod.AgglomerativeClustering(n_clusters=2, linkage="single").fit(X)
    check_tree(model, len(X), 2)
    if same_partition(model.labels_, brute_force_tree(X, "complete")[2][2]):
        pytest.fail(
            "single linkage gave complete linkage's answer: the single-linkage distance "
            "between clusters is the MIN over pairs of points (update with np.minimum of "
            "the two rows), not the max"
        )
    assert same_partition(
        model.labels_, [set(np.flatnonzero(line == c).tolist()) for c in (0, 1)]
    ), (
        "single linkage with 2 clusters must give the two parallel chains: the gaps along a "
        "chain (~0.9) are all smaller than the distance between the chains (2). Single "
        "linkage is the MIN over pairs (np.minimum of the two rows), and after each merge "
        "both the row AND the column of the merged cluster must hold its new distances"
    )


def test_complete_linkage_is_the_max_over_pairs():
    X, _ = two_lines()
    model = mod.AgglomerativeClustering(n_clusters=2, linkage="complete").fit(X)
    check_tree(model, len(X), 2)
    if same_partition(model.labels_, brute_force_tree(X, "single")[2][2]):
        pytest.fail(
            "complete linkage gave single linkage's answer (the two chains): the complete-"
            "linkage distance is the MAX over pairs of points (np.maximum of the two rows)"
        )
    assert same_partition(model.labels_, brute_force_tree(X, "complete")[2][2]), (
        "complete linkage with 2 clusters differs from a brute-force agglomeration: the "
        "distance is the MAX over pairs (np.maximum of the two rows), and after each merge "
        "both the row AND the column of the merged cluster must hold its new distances"
    )


def test_hand_worked_merge_distances():
    for linkage in LINKAGES:
        heights = mod.AgglomerativeClustering(linkage=linkage).fit(X_HAND).distances_
        if linkage == "average" and np.allclose(heights, [1.0, 4.5, 10.25]):
            pytest.fail(
                "average linkage's last merge is at 10.25 = (12.5 + 8) / 2, the plain mean "
                "of the two old distances; weigh them by cluster size: (2 * 12.5 + 1 * 8) / 3 "
                "= 11, the mean over all 3 pairs of points"
            )
        if linkage == "average" and np.allclose(heights, [1.0, 4.5, 9.5]):
            pytest.fail(
                "average linkage's last merge is at 9.5 = (1 * 12.5 + 2 * 8) / 3: each old "
                "distance must be weighted by the size of ITS cluster, (2 * 12.5 + 1 * 8) / 3"
            )
        if np.allclose(heights, np.array(HEIGHTS_HAND[linkage]) ** 2) or (
            linkage == "average" and np.allclose(heights, [1.0, 20.5, 121.0])
        ):
            pytest.fail(
                f"{linkage} linkage: distances_ = {heights.tolist()} are in SQUARED "
                "distances; use Euclidean distances (take the square root)"
            )
        np.testing.assert_allclose(
            heights,
            HEIGHTS_HAND[linkage],
            rtol=1e-12,
            err_msg=f"distances_ of {linkage} linkage on [0, 1, 5, 13]",
        )


def test_merged_clusters_take_id_n_plus_step():
    model = mod.AgglomerativeClustering(n_clusters=2).fit(X_HAND)
    check_tree(model, 4, 2)
    steps = steps_as_sets(model.children_)
    if steps[1:] == [{0, 2}, {0, 3}] or steps[1:] == [{1, 2}, {1, 3}]:
        pytest.fail(
            f"children_ = {model.children_.tolist()} names a merged cluster after one of the "
            "rows it came from; the cluster made at step s has id n_samples + s, so "
            "[[0, 1], [2, 4], [3, 5]] here"
        )
    assert steps == CHILDREN_HAND, (
        f"children_ = {model.children_.tolist()}, expected [[0, 1], [2, 4], [3, 5]] (each "
        "row in either order): ids below 4 are samples, the step-s cluster is 4 + s"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_average_linkage_weighs_by_cluster_size(seed):
    X = tie_free_data(seed + 10, n=20)
    model = mod.AgglomerativeClustering(linkage="average").fit(X)
    merges, heights, _ = brute_force_tree(X, "average")
    ok = steps_as_sets(model.children_) == merges
    assert ok and np.allclose(model.distances_, heights, rtol=1e-10), (
        "average linkage's merges differ from the mean over all pairs of points: after "
        "merging A and B, D(A u B, C) = (|A| D(A, C) + |B| D(B, C)) / (|A| + |B|), weighted "
        "by the cluster sizes (the plain mean of the two is a different method)"
    )


# --- hand-worked cases -----------------------------------------------------------------------


def test_hand_worked_example():
    model = mod.AgglomerativeClustering(n_clusters=2)
    assert model.fit(X_HAND) is model, "fit must return self"
    assert model.linkage == "single", "the default linkage is 'single'"
    assert steps_as_sets(model.children_) == CHILDREN_HAND
    np.testing.assert_allclose(model.distances_, [1.0, 4.0, 8.0], rtol=1e-12)
    assert same_partition(model.labels_, [{0, 1, 2}, {3}]), f"labels_ = {model.labels_}"
    assert model.n_features_in_ == 1


@pytest.mark.parametrize(
    "n_clusters, expected",
    [(1, [{0, 1, 2, 3}]), (3, [{0, 1}, {2}, {3}]), (4, [{0}, {1}, {2}, {3}])],
)
def test_cutting_the_hand_tree(n_clusters, expected):
    labels = mod.AgglomerativeClustering(n_clusters=n_clusters).fit(X_HAND).labels_
    assert same_partition(labels, expected), (
        f"n_clusters={n_clusters}: labels_ = {labels.tolist()} should group {expected}; "
        "labels_ are the clusters after the first n_samples - n_clusters merges"
    )


def test_attributes_have_the_documented_types():
    model = mod.AgglomerativeClustering(n_clusters=4, linkage="average").fit(tie_free_data(2))
    assert model.labels_.shape == (24,) and np.issubdtype(model.labels_.dtype, np.integer)
    assert sorted(set(model.labels_.tolist())) == [0, 1, 2, 3], (
        f"labels_ use {sorted(set(model.labels_.tolist()))}: number the clusters 0 .. 3"
    )
    assert np.issubdtype(np.asarray(model.children_).dtype, np.integer), "children_ are ints"
    assert np.asarray(model.distances_).dtype == np.float64


# --- agreement with a brute-force oracle and with scikit-learn --------------------------------


@pytest.mark.parametrize("linkage", LINKAGES)
@pytest.mark.parametrize("seed", SEEDS)
def test_matches_a_brute_force_oracle(linkage, seed):
    X = tie_free_data(seed, n=18, d=3)
    merges, heights, partitions = brute_force_tree(X, linkage)
    full = mod.AgglomerativeClustering(n_clusters=1, linkage=linkage).fit(X)
    assert steps_as_sets(full.children_) == merges, (
        f"{linkage} linkage: children_ differ from a brute-force agglomeration that recomputes "
        "every cluster distance from the points (after a merge, update the merged cluster's "
        "row AND column: the matrix must stay symmetric)"
    )
    np.testing.assert_allclose(full.distances_, heights, rtol=1e-10, err_msg="distances_")
    for k in (2, 3, 5, 9):
        labels = mod.AgglomerativeClustering(n_clusters=k, linkage=linkage).fit(X).labels_
        assert same_partition(labels, partitions[k]), (
            f"{linkage} linkage, n_clusters={k}: labels_ are not the clusters left after "
            f"{18 - k} merges"
        )


@pytest.mark.parametrize("linkage", LINKAGES)
@pytest.mark.parametrize("n_clusters", [2, 4, 7])
def test_matches_sklearn(linkage, n_clusters):
    X = tie_free_data(20, n=60, d=3)
    ours = mod.AgglomerativeClustering(n_clusters=n_clusters, linkage=linkage).fit(X)
    cluster = import_sklearn("cluster")
    ref = cluster.AgglomerativeClustering(
        n_clusters=n_clusters, linkage=linkage, compute_distances=True
    ).fit(X)
    assert partition_of(ours.labels_) == partition_of(ref.labels_), (
        f"labels_ differ from scikit-learn's {linkage} linkage with n_clusters={n_clusters} "
        "(compared up to renaming)"
    )
    assert steps_as_sets(ours.children_) == steps_as_sets(ref.children_), (
        "children_ differ from scikit-learn's (each row compared as a set of two ids)"
    )
    np.testing.assert_allclose(
        ours.distances_, ref.distances_, rtol=1e-10, err_msg="distances_ differ from sklearn's"
    )


# --- invariants ------------------------------------------------------------------------------


@pytest.mark.parametrize("linkage", LINKAGES)
def test_merge_distances_never_decrease(linkage):
    heights = mod.AgglomerativeClustering(linkage=linkage).fit(tie_free_data(3, n=40)).distances_
    assert np.all(np.diff(heights) >= -1e-12), (
        f"{linkage} linkage's distances_ decrease somewhere: always merge the CLOSEST pair "
        "of live clusters (and never a retired row or the diagonal)"
    )


@pytest.mark.parametrize("linkage", LINKAGES)
def test_permuting_the_samples_keeps_the_partition(linkage):
    X = tie_free_data(4, n=30)
    perm = np.random.default_rng(4).permutation(30)
    a = mod.AgglomerativeClustering(n_clusters=4, linkage=linkage).fit(X)
    b = mod.AgglomerativeClustering(n_clusters=4, linkage=linkage).fit(X[perm])
    assert partition_of(b.labels_) == partition_of(a.labels_[perm])
    np.testing.assert_allclose(b.distances_, a.distances_, rtol=1e-10)


@pytest.mark.parametrize("linkage", LINKAGES)
def test_scaling_and_translating_keep_the_tree(linkage):
    X = tie_free_data(5, n=30)
    a = mod.AgglomerativeClustering(n_clusters=3, linkage=linkage).fit(X)
    b = mod.AgglomerativeClustering(n_clusters=3, linkage=linkage).fit(1e3 * X)
    c = mod.AgglomerativeClustering(n_clusters=3, linkage=linkage).fit(X + 1e7)
    assert steps_as_sets(b.children_) == steps_as_sets(a.children_), "scaling changed merges"
    np.testing.assert_allclose(b.distances_, 1e3 * a.distances_, rtol=1e-9)
    assert steps_as_sets(c.children_) == steps_as_sets(a.children_), (
        "shifting X by 1e7 changed the merges: far from the origin the distance expansion "
        "||a||^2 - 2 a.b + ||b||^2 subtracts numbers ~1e14 and cancels; centre X first"
    )
    np.testing.assert_allclose(c.distances_, a.distances_, rtol=1e-6)


def test_fit_predict_returns_labels_and_fit_ignores_y():
    X = tie_free_data(6)
    model = mod.AgglomerativeClustering(n_clusters=3, linkage="complete")
    labels = model.fit_predict(X)
    np.testing.assert_array_equal(labels, model.labels_, err_msg="fit_predict returns labels_")
    other = mod.AgglomerativeClustering(n_clusters=3, linkage="complete").fit(X, np.arange(24))
    np.testing.assert_array_equal(other.labels_, labels, err_msg="fit(X, y) ignores y")
    mod.AgglomerativeClustering(n_clusters=3).fit_predict(X, np.arange(24))


def test_fit_does_not_modify_x():
    X = tie_free_data(7)
    with inputs_unchanged("fit", X=X):
        mod.AgglomerativeClustering(n_clusters=3, linkage="average").fit(X)


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, name",
    [
        ({"n_clusters": 0}, "n_clusters"),
        ({"n_clusters": 5}, "n_clusters"),
        ({"n_clusters": 2.5}, "n_clusters"),
        ({"linkage": "ward"}, "linkage"),
        ({"linkage": "Single"}, "linkage"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error(params, name):
    mod.AgglomerativeClustering().fit(X_HAND)
    with pytest.raises(ValueError, match=name):
        mod.AgglomerativeClustering(**params).fit(X_HAND)


@pytest.mark.parametrize(
    "X, match",
    [([[0.0, np.nan], [1.0, 1.0]], "NaN"), ([1.0, 2.0, 3.0], "2-D"), ([[1.0, 2.0]], "2 samples")],
    ids=["nan", "1-D", "one sample"],
)
def test_bad_x_is_a_value_error(X, match):
    mod.AgglomerativeClustering().fit(X_HAND)
    with pytest.raises(ValueError, match=match):
        mod.AgglomerativeClustering(n_clusters=1).fit(X)


# --- complexity, without a clock: Python lines counted, peak memory measured -------------


def test_no_python_loop_over_the_clusters_at_each_merge():
    # 400 samples, 399 merges. Whole-row updates run a few dozen Python lines per merge
    # (the plain argmin version about 15, the nearest-neighbour chain about 50). A loop over
    # the other clusters at every merge (their distances recomputed from the points, or the
    # merged row updated one entry at a time) runs n^2 / 2 = 80 000 iterations or more.
    X = np.random.default_rng(12).normal(size=(400, 3))
    budget = 150 * 399
    for linkage in LINKAGES:
        model = mod.AgglomerativeClustering(n_clusters=3, linkage=linkage)
        lines = python_lines(model.fit, X, budget=budget)
        assert lines <= budget, (
            f"{linkage} linkage on 400 samples ran more than {budget} lines of Python (150 per "
            "merge): a Python loop over the clusters or the points at each merge? Update the "
            "merged row from the two old rows with the Lance-Williams formula, as whole rows"
        )


def test_no_n_by_n_by_d_temporary():
    # 300 x 100: the (n, n, d) differences take 72 MB; the (n, n) distance matrix 0.7 MB.
    X = np.random.default_rng(8).normal(size=(300, 100))
    _, peak = peak_memory(mod.AgglomerativeClustering(linkage="average").fit, X)
    assert peak < 20 * 8 * 300 * 300, (
        f"fit allocated {peak / 1e6:.0f} MB: get the pairwise distances from "
        "||a||^2 - 2 a.b + ||b||^2 (one matrix product), not from an (n, n, d) array"
    )
