"""Tests for unsupervised/kmeans: kmeans_plusplus seeding and KMeans (Lloyd's algorithm)."""

import math
import warnings

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

mod = load_kata("unsupervised/kmeans")

# Five well-separated blobs: any correct k-means with restarts recovers them exactly.
BLOB_CENTERS = np.array([[0.0, 0.0], [8.0, 0.0], [0.0, 8.0], [8.0, 8.0], [4.0, 4.0]])


# --- oracles computed here, independently of the kata ---------------------------------------


def sq_dists(X, C):
    """Brute-force squared distances (n, k); fine for the small arrays of these tests."""
    return ((np.asarray(X)[:, None, :] - np.asarray(C)[None, :, :]) ** 2).sum(axis=-1)


def inertia_of(X, centers, labels):
    return float(((X - centers[labels]) ** 2).sum())


def optimal_inertia_1d(x, k):
    """Exact minimum of the k-means objective in 1-D by dynamic programming.

    In 1-D an optimal clustering splits the sorted data into k contiguous runs, so
    D[m][j] = min over i < j of D[m-1][i] + cost(x[i:j]), with cost from prefix sums.
    """
    x = np.sort(np.asarray(x, dtype=float))
    n = x.size
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x**2)])
    i, j = np.arange(n + 1)[:, None], np.arange(n + 1)[None, :]
    size = np.where(j > i, j - i, 1)
    cost = np.where(j > i, s2[j] - s2[i] - (s1[j] - s1[i]) ** 2 / size, np.inf)
    best = cost[0]
    for _ in range(k - 1):
        best = (best[:, None] + cost).min(axis=0)
    return float(best[n])


def same_partition(a, b):
    """True when two labelings group the samples identically (up to renaming)."""
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def overlapping_data(seed, n=1000, k=3):
    """Gaussian data where Lloyd needs many iterations and tol decides when to stop."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, X[rng.choice(n, k, replace=False)]


@pytest.fixture
def restore_global_seed():
    # These tests set NumPy's legacy global seed on purpose, to show it must not matter.
    state = np.random.get_state()  # noqa: NPY002
    yield
    np.random.set_state(state)  # noqa: NPY002


# --- hand-worked cases ----------------------------------------------------------------------


def test_hand_worked_example_in_one_dimension():
    # Iteration 1: labels [0, 1, 1, 1], centers [1, 23/3]; iteration 2: labels [0, 0, 1, 1],
    # centers [1.5, 10.5]; iteration 3: same labels, stop.
    X = np.array([[1.0], [2.0], [10.0], [11.0]])
    km = mod.KMeans(n_clusters=2, init=[[1.0], [2.0]])
    assert km.fit(X) is km, "fit must return self"
    np.testing.assert_allclose(
        km.cluster_centers_,
        [[1.5], [10.5]],
        rtol=1e-12,
        err_msg="the worked example's final centers",
    )
    np.testing.assert_array_equal(km.labels_, [0, 0, 1, 1], err_msg="the worked example's labels")
    assert km.inertia_ == pytest.approx(1.0, rel=1e-12), "4 points at distance 0.5: 4 * 0.25"
    assert km.n_iter_ == 3, (
        f"n_iter_ = {km.n_iter_}, expected 3: the labels change in iterations 1 and 2 and "
        "iteration 3 finds them unchanged, which is where Lloyd stops"
    )


def test_hand_worked_square():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    km = mod.KMeans(n_clusters=2, init=[[0.0, 0.0], [10.0, 0.0]]).fit(X)
    np.testing.assert_allclose(
        km.cluster_centers_,
        [[0.0, 0.5], [10.0, 0.5]],
        rtol=1e-12,
        err_msg="each center is the mean of its two points",
    )
    np.testing.assert_array_equal(km.labels_, [0, 0, 1, 1], err_msg="two clusters of two")
    assert km.inertia_ == pytest.approx(1.0, rel=1e-12)
    assert km.n_iter_ == 2, f"n_iter_ = {km.n_iter_}: the labels repeat in iteration 2"


def test_starting_at_the_cluster_means_stops_after_one_iteration():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    km = mod.KMeans(n_clusters=2, init=[[0.0, 0.5], [10.0, 0.5]]).fit(X)
    np.testing.assert_allclose(
        km.cluster_centers_,
        [[0.0, 0.5], [10.0, 0.5]],
        rtol=1e-12,
        err_msg="starting at the means: the centers stay",
    )
    assert km.n_iter_ == 1, (
        f"n_iter_ = {km.n_iter_}, expected 1: the first update moves no center, and a total "
        "squared shift of 0 <= tol * mean variance stops the run right there"
    )


def test_starting_at_the_cluster_means_with_tol_zero_still_stops_after_one_iteration():
    # A total squared shift of exactly 0 satisfies shift <= tol even for tol = 0 (as in
    # scikit-learn, which also reports n_iter_ = 1 here).
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    km = mod.KMeans(n_clusters=2, init=[[0.0, 0.5], [10.0, 0.5]], tol=0.0).fit(X)
    assert km.n_iter_ == 1, (
        f"n_iter_ = {km.n_iter_} with tol=0, expected 1: the rule is shift <= tol (not <), "
        "so a run whose first update moves no center stops there"
    )


def test_one_cluster_is_the_mean_of_the_data():
    X = np.random.default_rng(0).normal(loc=3.0, size=(40, 3))
    km = mod.KMeans(n_clusters=1, random_state=0).fit(X)
    np.testing.assert_allclose(
        km.cluster_centers_,
        X.mean(axis=0, keepdims=True),
        rtol=1e-12,
        err_msg="k = 1: the center is the mean of X",
    )
    np.testing.assert_array_equal(km.labels_, np.zeros(40), err_msg="k = 1: every label is 0")
    assert km.inertia_ == pytest.approx(((X - X.mean(axis=0)) ** 2).sum(), rel=1e-12)


def test_fitted_attributes_have_the_documented_shapes_and_types():
    X, _, _ = make_blobs(90, centers=3, random_state=1)
    km = mod.KMeans(n_clusters=4, max_iter=50, random_state=0).fit(X)
    assert km.cluster_centers_.shape == (4, 2) and km.cluster_centers_.dtype == np.float64
    assert km.labels_.shape == (90,), f"labels_ has shape {km.labels_.shape}, expected (90,)"
    assert np.issubdtype(km.labels_.dtype, np.integer), f"labels_ dtype is {km.labels_.dtype}"
    assert set(km.labels_.tolist()) <= {0, 1, 2, 3}
    assert isinstance(km.inertia_, float), f"inertia_ is a {type(km.inertia_)}, not a float"
    assert isinstance(km.n_iter_, int | np.integer) and 1 <= km.n_iter_ <= 50
    assert km.n_features_in_ == 2


# --- the objective and the fixed point -------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_inertia_is_the_sum_of_squared_distances(seed):
    X, _ = overlapping_data(seed, n=300)
    km = mod.KMeans(n_clusters=5, n_init=4, random_state=seed).fit(X)
    expected = inertia_of(X, km.cluster_centers_, km.labels_)
    if not math.isclose(km.inertia_, expected, rel_tol=1e-9):
        unsquared = float(np.sqrt(((X - km.cluster_centers_[km.labels_]) ** 2).sum(1)).sum())
        hint = (
            "it is the sum of UNSQUARED distances: square them"
            if math.isclose(km.inertia_, unsquared, rel_tol=1e-6)
            else "with n_init > 1, keep the inertia, labels and centers of the same (best) run"
        )
        pytest.fail(
            f"inertia_ = {km.inertia_:.6g}, but the sum of squared distances from labels_ and "
            f"cluster_centers_ is {expected:.6g}: {hint}"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_converged_centers_are_the_means_of_their_clusters(seed):
    X, init = overlapping_data(seed, n=300, k=4)
    km = mod.KMeans(n_clusters=4, init=init, tol=0.0).fit(X)
    nearest = sq_dists(X, km.cluster_centers_).argmin(axis=1)
    np.testing.assert_array_equal(
        km.labels_, nearest, err_msg="at convergence every label is the nearest center"
    )
    for j in range(4):
        np.testing.assert_allclose(
            km.cluster_centers_[j],
            X[km.labels_ == j].mean(axis=0),
            rtol=1e-10,
            atol=1e-12,
            err_msg=f"cluster_centers_[{j}] is not the mean of the samples labelled {j}",
        )


def test_labels_match_the_final_centers_after_max_iter_1():
    X, init = overlapping_data(3, n=200, k=4)
    km = mod.KMeans(n_clusters=4, init=init, max_iter=1).fit(X)
    # One Lloyd step by hand: assign to init, then average.
    first = sq_dists(X, init).argmin(axis=1)
    step = np.array([X[first == j].mean(axis=0) for j in range(4)])
    np.testing.assert_allclose(
        km.cluster_centers_,
        step,
        rtol=1e-10,
        atol=1e-12,
        err_msg="max_iter=1: one assignment to init, then one mean update",
    )
    assert km.n_iter_ == 1
    nearest = sq_dists(X, km.cluster_centers_).argmin(axis=1)
    stale = int((km.labels_ != nearest).sum())
    assert stale == 0, (
        f"{stale} labels_ are not the nearest of the final cluster_centers_: the labels are "
        "stale (from before the last update). When the loop ends on an update, assign once "
        "more so labels_ match cluster_centers_"
    )


def lloyd_oracle(X, init, n_steps):
    """The test's own Lloyd iterations: the centers after each step and each step's shift."""
    centers, history = np.asarray(init, dtype=float), []
    for _ in range(n_steps):
        labels = sq_dists(X, centers).argmin(axis=1)
        new = np.array([X[labels == j].mean(axis=0) for j in range(len(centers))])
        history.append((new, float(((new - centers) ** 2).sum())))
        centers = new
    return history


@pytest.mark.parametrize("side", ["just above", "just below"])
def test_tol_boundary_gives_the_exact_number_of_iterations(side):
    # Stop after the iteration whose total squared shift is <= tol * mean variance. With tol
    # set a hair above (below) iteration 3's shift, the run stops at 3 (goes on past 3).
    X, init = overlapping_data(5, n=300, k=4)
    history = lloyd_oracle(X, init, 6)
    shift3 = history[2][1]
    assert history[3][1] < shift3, "test setup: the shifts must still be decreasing"
    tol = shift3 / np.mean(np.var(X, axis=0)) * (1 + 1e-9 if side == "just above" else 1 - 1e-9)
    km = mod.KMeans(n_clusters=4, init=init, tol=tol, max_iter=100).fit(X)
    if side == "just above":
        assert km.n_iter_ == 3, (
            f"n_iter_ is {km.n_iter_}: iteration 3's total squared center shift is just "
            "below tol * mean(var(X, axis=0)), so the run stops after iteration 3 (compare "
            "the shift of the update just made, sum over centers, with <=)"
        )
        np.testing.assert_allclose(
            km.cluster_centers_,
            history[2][0],
            rtol=1e-10,
            atol=1e-12,
            err_msg="the centers returned are those of the last update (iteration 3)",
        )
    else:
        assert km.n_iter_ > 3, (
            f"n_iter_ is {km.n_iter_}: iteration 3's shift is just ABOVE tol * mean variance, "
            "so the run must go on (is tol compared with the shift of the previous "
            "iteration, or not scaled by the mean variance of the features?)"
        )


def test_a_sample_equidistant_from_two_centers_goes_to_the_lower_index():
    # x = 1 is at distance 1 from both initial centers 0 and 2: it joins cluster 0 (as
    # np.argmin, and scikit-learn, do), so one iteration gives centers [1/3, 2], not [0, 5/3].
    X = np.array([[0.0], [0.0], [1.0], [2.0], [2.0]])
    km = mod.KMeans(n_clusters=2, init=[[0.0], [2.0]], max_iter=1).fit(X)
    np.testing.assert_allclose(
        km.cluster_centers_,
        [[1 / 3], [2.0]],
        rtol=1e-12,
        err_msg="a tie in the assignment must go to the LOWER center index: x = 1 joins "
        "cluster 0 (centers [1/3, 2]); [0, 5/3] means it went to cluster 1",
    )
    fitted = mod.KMeans(n_clusters=2, init=[[0.0], [2.0]]).fit([[0.0], [0.0], [2.0], [2.0]])
    assert fitted.predict([[1.0]])[0] == 0, "predict: a tie goes to the lower center index"


def test_inertia_never_increases_with_more_iterations():
    X, init = overlapping_data(4, n=300, k=6)
    inertias = [
        mod.KMeans(n_clusters=6, init=init, max_iter=m, tol=0.0).fit(X).inertia_
        for m in range(1, 9)
    ]
    steps = np.diff(inertias)
    assert np.all(steps <= 1e-9 * inertias[0]), (
        f"inertia_ for max_iter = 1..8: {np.round(inertias, 4)}; each assignment and each "
        "mean update can only lower the objective"
    )


# --- agreement with scikit-learn --------------------------------------------------------------


def sklearn_case(name):
    if name == "separated blobs":
        X, _, _ = make_blobs(150, centers=BLOB_CENTERS[:3], cluster_std=1.0, random_state=0)
        return X, X[[0, 1, 2]], {}
    if name == "overlapping, tol decides":
        X, init = overlapping_data(0)
        return X, init, {}
    if name == "large scale far from the origin":
        X, init = overlapping_data(1)
        return 1e3 * X + 5e3, 1e3 * init + 5e3, {}
    if name == "loose tol":
        X, init = overlapping_data(2, n=400, k=6)
        return X, init, {"tol": 1e-2}
    if name == "tol = 0":
        X, init = overlapping_data(3, n=400, k=6)
        return X, init, {"tol": 0.0}
    if name == "stopped by max_iter":
        X, init = overlapping_data(4, n=400, k=8)
        return X, init, {"max_iter": 3}
    raise AssertionError(name)


@pytest.mark.parametrize(
    "case",
    [
        "separated blobs",
        "overlapping, tol decides",
        "large scale far from the origin",
        "loose tol",
        "tol = 0",
        "stopped by max_iter",
    ],
)
def test_matches_sklearn_lloyd_with_the_same_initial_centers(case):
    X, init, params = sklearn_case(case)
    km = mod.KMeans(n_clusters=len(init), init=init, **params).fit(X)
    cluster = import_sklearn("cluster")
    ref = cluster.KMeans(
        n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", **params
    ).fit(X)
    if case == "overlapping, tol decides":  # the case must really exercise the tol rule
        full = cluster.KMeans(n_clusters=len(init), init=init, n_init=1, tol=0.0).fit(X)
        assert ref.n_iter_ < full.n_iter_
    rule = (
        "an iteration is assign + update; stop when the labels equal the previous "
        "iteration's, or when the total squared center shift is <= tol * mean(var(X, "
        "axis=0)), or at max_iter"
    )
    ours, theirs = km.n_iter_, ref.n_iter_
    assert ours == theirs, f"n_iter_ = {ours} but scikit-learn stops after {theirs}: {rule}"
    scale = np.abs(X).max()
    np.testing.assert_allclose(
        km.cluster_centers_,
        ref.cluster_centers_,
        rtol=1e-8,
        atol=1e-8 * scale,
        err_msg="cluster_centers_ differ from scikit-learn's Lloyd with the same init",
    )
    wrong = int((km.labels_ != ref.labels_).sum())
    assert wrong == 0, (
        f"{wrong} labels_ differ from scikit-learn's: when the run stops on the tol rule, "
        "assign once more so labels_ are the nearest of the final centers"
    )
    assert km.inertia_ == pytest.approx(ref.inertia_, rel=1e-8)


# --- invariances ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_permuting_the_samples_permutes_the_labels(seed):
    X, init = overlapping_data(seed, n=300, k=4)
    perm = np.random.default_rng(seed + 10).permutation(len(X))
    a = mod.KMeans(n_clusters=4, init=init).fit(X)
    b = mod.KMeans(n_clusters=4, init=init).fit(X[perm])
    np.testing.assert_array_equal(
        b.labels_, a.labels_[perm], err_msg="permuting the samples permutes the labels"
    )
    np.testing.assert_allclose(
        b.cluster_centers_,
        a.cluster_centers_,
        rtol=1e-10,
        atol=1e-12,
        err_msg="permuting the samples leaves the centers",
    )
    assert b.n_iter_ == a.n_iter_


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale, shift", [(1e3, 0.0), (1e-3, 0.0), (1.0, 100.0)])
def test_rescaling_and_shifting_the_data_changes_nothing_else(seed, scale, shift):
    X, init = overlapping_data(seed)  # 1000 points: the tol rule ends these runs
    a = mod.KMeans(n_clusters=3, init=init).fit(X)
    b = mod.KMeans(n_clusters=3, init=scale * init + shift).fit(scale * X + shift)
    ours, before = b.n_iter_, a.n_iter_
    assert ours == before, (
        f"X * {scale} + {shift} took {ours} iterations instead of {before}: tol is "
        "relative (tol * mean of the per-feature variances), so the units of X must not "
        "change where the run stops"
    )
    np.testing.assert_array_equal(
        b.labels_, a.labels_, err_msg="rescaling and shifting X leaves the labels"
    )
    np.testing.assert_allclose(
        b.cluster_centers_,
        scale * a.cluster_centers_ + shift,
        rtol=1e-9,
        atol=1e-9 * scale,
        err_msg="the centers follow the rescaling and shift",
    )
    assert b.inertia_ == pytest.approx(scale**2 * a.inertia_, rel=1e-9)


TOL_HINT = (
    "the tol scale is the MEAN OF THE PER-FEATURE variances, np.mean(np.var(X, axis=0)); "
    "np.var(X) over all entries also counts the spread between the feature means"
)
PRECISION_HINT = (
    "far from the origin, ||x||^2 - 2 x.c + ||c||^2 subtracts huge, nearly equal numbers "
    "and loses every digit of the distance. Centre X (subtract its mean) before clustering, "
    "as scikit-learn does, and add the mean back to the centers"
)


@pytest.mark.parametrize(
    "shift, hint",
    [((0.0, 50.0), TOL_HINT), ((1e7, -1e7), PRECISION_HINT)],
    ids=["one feature shifted", "far from the origin"],
)
def test_translating_the_data_changes_nothing_else(shift, hint):
    # Per-feature offsets change neither the per-feature variances (so not the tol rule)
    # nor any distance.
    X, init = overlapping_data(12)
    shift = np.array(shift)
    a = mod.KMeans(n_clusters=3, init=init).fit(X)
    b = mod.KMeans(n_clusters=3, init=init + shift).fit(X + shift)
    wrong = int((b.labels_ != a.labels_).sum())
    ours, before = b.n_iter_, a.n_iter_
    assert wrong == 0 and ours == before, (
        f"moving the data by {shift.tolist()} changed {wrong} labels and took {ours} "
        f"iterations instead of {before}: {hint}"
    )
    np.testing.assert_allclose(
        b.cluster_centers_,
        a.cluster_centers_ + shift,
        atol=1e-6,
        err_msg="translating X translates the centers",
    )
    assert b.inertia_ == pytest.approx(a.inertia_, rel=1e-6)


# --- empty clusters and degenerate data -------------------------------------------------------


@pytest.mark.parametrize(
    "case, max_iter", [("far-away center", 1), ("far-away center", 300), ("duplicate", 300)]
)
def test_empty_cluster_is_reseeded(case, max_iter):
    X, _, _ = make_blobs(60, centers=BLOB_CENTERS[:3], cluster_std=1.0, random_state=2)
    if case == "far-away center":  # nothing is ever nearest to (1000, 1000)
        init = np.array([X[0], X[1], [1e3, 1e3]])
    else:  # ties go to the first copy, so the second copy starts empty
        init = np.array([X[0], X[0], X[1]])
    # Silence NumPy here so that a NaN center is reported below, by name.
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        km = mod.KMeans(n_clusters=3, init=init, max_iter=max_iter).fit(X)
    centers = km.cluster_centers_
    assert np.all(np.isfinite(centers)), (
        f"cluster_centers_ contains NaN: {centers.tolist()}. The mean of an empty cluster is "
        "0/0; re-seed the empty cluster (e.g. at the sample farthest from its center)"
    )
    slack = 1e-9 * (X.max(axis=0) - X.min(axis=0))  # a center may sit on an extreme sample
    low, high = X.min(axis=0) - slack, X.max(axis=0) + slack
    outside = np.any((centers < low) | (centers > high), axis=1)
    assert not outside.any(), (
        f"center(s) {np.flatnonzero(outside).tolist()} stayed outside the data at "
        f"{centers[outside].tolist()}: an empty cluster must be re-seeded onto the data, "
        "not left where it was"
    )
    assert sorted(set(km.labels_.tolist())) == [0, 1, 2], (
        f"labels_ use only clusters {sorted(set(km.labels_.tolist()))}: a cluster stayed empty"
    )
    assert km.inertia_ == pytest.approx(inertia_of(X, centers, km.labels_), rel=1e-9)


@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_more_clusters_than_distinct_points_gives_no_nan(init):
    X = np.repeat([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]], 4, axis=0)  # 3 distinct points
    try:
        km = mod.KMeans(n_clusters=4, init=init, n_init=3, random_state=0).fit(X)
    except (FloatingPointError, ZeroDivisionError) as exc:
        pytest.fail(
            f"4 clusters on 3 distinct points raised {exc!r}: once every sample sits on a "
            "center, D^2 sums to 0 (k-means++ must not divide by it) and no cluster can be "
            "improved by re-seeding"
        )
    assert np.all(np.isfinite(km.cluster_centers_)), "cluster_centers_ contains NaN"
    assert km.inertia_ == pytest.approx(0.0, abs=1e-12), "every sample can sit on a center"


# --- restarts and randomness ------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_n_init_keeps_the_run_with_the_lowest_inertia(seed):
    # 1-D blobs at 0, 4, 8 and 30: one random start in three reaches the optimum, so 60
    # restarts miss it with probability 1e-10. The optimum itself comes from an exact DP.
    rng = np.random.default_rng(0)
    x = np.repeat([0.0, 4.0, 8.0, 30.0], 50) + rng.normal(size=200)
    best = optimal_inertia_1d(x, 4)
    km = mod.KMeans(n_clusters=4, init="random", n_init=60, random_state=seed).fit(x[:, None])
    assert km.inertia_ == pytest.approx(best, rel=1e-9), (
        f"inertia_ = {km.inertia_:.6f}, but the optimum is {best:.6f} and about one random "
        "start in three reaches it: with n_init=60, keep the run with the LOWEST inertia, "
        "and draw every run's initial centers from the one random generator (a fresh "
        "generator per run, seeded with the same int, repeats the same run)"
    )
    assert km.inertia_ == pytest.approx(
        inertia_of(x[:, None], km.cluster_centers_, km.labels_), rel=1e-9
    ), "inertia_ does not belong to labels_ and cluster_centers_: keep all of the best run"


@pytest.mark.parametrize("seed", range(5))
def test_n_init_restarts_k_means_plus_plus_from_different_seeds(seed):
    # The same 1-D blobs: a single k-means++ start misses the optimum about 40% of the
    # time, so 30 restarts all missing it has probability ~1e-12, unless every restart
    # draws the very same seeds.
    rng = np.random.default_rng(0)
    x = np.repeat([0.0, 4.0, 8.0, 30.0], 50) + rng.normal(size=200)
    best = optimal_inertia_1d(x, 4)
    km = mod.KMeans(n_clusters=4, n_init=30, random_state=seed).fit(x[:, None])
    assert km.inertia_ == pytest.approx(best, rel=1e-9), (
        f"inertia_ = {km.inertia_:.6f}, but the optimum is {best:.6f} and about 60% of "
        "k-means++ starts reach it: with n_init=30 every run must get its own k-means++ "
        "seeds. Pass the one generator from check_random_state to kmeans_plusplus, not the "
        "int random_state (which restarts the same draws every run)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_finds_well_separated_blobs(seed):
    X, y, _ = make_blobs(250, centers=BLOB_CENTERS, cluster_std=0.6, random_state=seed)
    km = mod.KMeans(n_clusters=5, random_state=seed).fit(X)
    assert same_partition(km.labels_, y), (
        "KMeans(5) with k-means++ and 10 restarts did not recover five well-separated blobs"
    )


@pytest.mark.usefixtures("restore_global_seed")
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_same_random_state_gives_the_same_result_whatever_the_global_seed(init):
    X, _ = overlapping_data(5, n=200)
    fits = []
    for global_seed in (0, 1):
        np.random.seed(global_seed)  # noqa: NPY002
        fits.append(mod.KMeans(n_clusters=4, init=init, n_init=2, random_state=7).fit(X))
    same = np.array_equal(fits[0].cluster_centers_, fits[1].cluster_centers_)
    assert same and np.array_equal(fits[0].labels_, fits[1].labels_), (
        "KMeans(random_state=7) gave two different results: draw every random number from "
        "check_random_state(random_state), never from np.random's global state"
    )
    picks = []
    for global_seed in (0, 1):
        np.random.seed(global_seed)  # noqa: NPY002
        picks.append(mod.kmeans_plusplus(X, 4, random_state=7)[1])
    np.testing.assert_array_equal(
        picks[0], picks[1], err_msg="kmeans_plusplus(random_state=7) is not reproducible"
    )


def test_different_random_states_give_different_results():
    X, _ = overlapping_data(6, n=200)
    picks = {tuple(mod.kmeans_plusplus(X, 3, random_state=s)[1].tolist()) for s in range(10)}
    assert len(picks) > 1, (
        "kmeans_plusplus chose the same indices for 10 different random_state values: "
        "the seed is ignored (a fixed seed inside?)"
    )
    starts = {
        mod.KMeans(n_clusters=3, init="random", n_init=1, max_iter=1, random_state=s)
        .fit(X)
        .cluster_centers_.tobytes()
        for s in range(10)
    }
    assert len(starts) > 1, "KMeans(init='random') ignores random_state"


def test_a_generator_is_accepted_as_random_state():
    X, _ = overlapping_data(7, n=100)
    a = mod.KMeans(n_clusters=3, random_state=np.random.default_rng(3)).fit(X)
    b = mod.KMeans(n_clusters=3, random_state=np.random.default_rng(3)).fit(X)
    np.testing.assert_array_equal(
        a.cluster_centers_,
        b.cluster_centers_,
        err_msg="two generators in the same state gave different fits: use random_state",
    )


def test_the_callers_generator_is_the_one_used():
    # A Generator is used as is (and so advanced), as scikit-learn uses a RandomState: the
    # second fit with the same object draws new starts, and the caller sees it consumed.
    X, _ = overlapping_data(8, n=200)
    rng = np.random.default_rng(4)
    km = mod.KMeans(n_clusters=3, init="random", n_init=1, max_iter=1, random_state=rng)
    first = km.fit(X).cluster_centers_.copy()
    assert rng.bit_generator.state != np.random.default_rng(4).bit_generator.state, (
        "fit left the caller's Generator untouched: it must draw from that generator "
        "(check_random_state returns it as is), not from a copy or a new one seeded from it"
    )
    second = km.fit(X).cluster_centers_
    assert not np.array_equal(first, second), (
        "two fits with the same Generator object drew the same initial centers: the "
        "generator must be advanced by each fit, not re-seeded"
    )


# --- kmeans_plusplus ---------------------------------------------------------------------------


def test_kmeans_plusplus_returns_samples_and_their_indices():
    X, _ = overlapping_data(8, n=50)
    centers, indices = mod.kmeans_plusplus(X, 5, random_state=0)
    assert centers.shape == (5, 2) and centers.dtype == np.float64
    assert indices.shape == (5,) and np.issubdtype(indices.dtype, np.integer)
    np.testing.assert_array_equal(centers, X[indices], err_msg="centers must equal X[indices]")
    assert len(set(indices.tolist())) == 5, f"indices {indices} repeat a sample"


def chi2_limit(df, z=4.753):
    """Wilson-Hilferty approximation of the chi-square quantile at 1 - 1e-6 (z = 4.753)."""
    a = 2.0 / (9.0 * df)
    return df * (1.0 - a + z * math.sqrt(a)) ** 3


def test_kmeans_plusplus_samples_by_squared_distance():
    # Four points. The first center must be uniform; given the first center i, the second
    # must be j with probability D(j, i)^2 / sum_l D(l, i)^2. 1500 seeds, then chi-square
    # tests at level 1e-6 each: a correct implementation never fails them.
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    trials = 1500
    counts = np.zeros((4, 4))
    for seed in range(trials):
        _, idx = mod.kmeans_plusplus(X, 2, random_state=seed)
        counts[idx[0], idx[1]] += 1
    assert np.all(np.diag(counts) == 0), "the second center repeated the first (D = 0 there)"

    firsts = counts.sum(axis=1)
    chi2_first = float(((firsts - trials / 4) ** 2 / (trials / 4)).sum())
    assert chi2_first <= chi2_limit(df=3), (
        f"the first center is not drawn uniformly: over {trials} seeds it was each sample "
        f"{firsts.astype(int).tolist()} times (chi-square {chi2_first:.0f} > "
        f"{chi2_limit(df=3):.0f}). Draw it uniformly from the samples, with the generator"
    )

    d2 = sq_dists(X, X)
    p = d2 / d2.sum(axis=1, keepdims=True)  # P(second = j | first = i)
    off = ~np.eye(4, dtype=bool)
    expected = firsts[:, None] * p
    chi2 = float((((counts - expected) ** 2)[off] / expected[off]).sum())
    limit = chi2_limit(df=4 * 2)  # per first center: 3 cells summing to a known total
    if chi2 > limit:
        observed = counts / firsts[:, None]
        alternatives = {
            "taking the farthest point": (d2 == d2.max(axis=1, keepdims=True)).astype(float),
            "a uniform pick": off / 3.0,
            "sampling by D (not squared)": np.sqrt(d2) / np.sqrt(d2).sum(1, keepdims=True),
            "D^2 sampling": p,
        }
        closest = min(alternatives, key=lambda k: np.abs(observed - alternatives[k]).sum())
        pytest.fail(
            f"k-means++'s second center does not follow D^2 / sum D^2 (chi-square {chi2:.0f} "
            f"> {limit:.0f}); the choices look most like {closest}. Sample the next center "
            "with probability proportional to the SQUARED distance to the nearest chosen "
            f"center.\nP(second = column | first = row) observed:\n{np.round(observed, 3)}"
            f"\nexpected:\n{np.round(p, 3)}"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_kmeans_plusplus_never_picks_a_chosen_point_again(seed):
    X = np.random.default_rng(seed).normal(size=(6, 2))
    for s in range(10 * seed, 10 * seed + 10):
        _, indices = mod.kmeans_plusplus(X, 6, random_state=s)
        assert sorted(indices.tolist()) == list(range(6)), (
            f"kmeans_plusplus(X, 6) on 6 distinct points chose {indices.tolist()}: D(x) is "
            "the distance to the NEAREST chosen center (0 for a chosen point), a running "
            "minimum over all of them, not the distance to the last one"
        )


def test_kmeans_plusplus_on_identical_points_gives_no_nan():
    X = np.ones((5, 2))
    try:
        centers, indices = mod.kmeans_plusplus(X, 3, random_state=0)
    except (FloatingPointError, ZeroDivisionError, ValueError) as exc:
        pytest.fail(
            f"kmeans_plusplus on 5 identical points raised {exc!r}: D^2 sums to 0 after the "
            "first pick, so D^2 / sum D^2 is 0/0; pick any sample instead"
        )
    np.testing.assert_array_equal(
        centers, np.ones((3, 2)), err_msg="identical points: every center is that point"
    )
    assert np.all((0 <= indices) & (indices < 5))


def test_kmeans_plusplus_does_not_modify_x():
    X, _ = overlapping_data(9, n=30)
    with inputs_unchanged("kmeans_plusplus", X=X):
        mod.kmeans_plusplus(X, 4, random_state=0)


# --- predict and fit_predict -------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_predict_assigns_new_points_to_the_nearest_center(seed):
    X, _, _ = make_blobs(150, centers=BLOB_CENTERS, random_state=seed)
    km = mod.KMeans(n_clusters=5, random_state=seed).fit(X)
    X_new = np.random.default_rng(seed).uniform(-4, 12, size=(40, 2))
    np.testing.assert_array_equal(
        km.predict(X_new),
        sq_dists(X_new, km.cluster_centers_).argmin(axis=1),
        err_msg="predict must return the index of the nearest of cluster_centers_",
    )
    np.testing.assert_array_equal(
        km.predict(X), km.labels_, err_msg="predict on the training data gives labels_"
    )


def test_fit_accepts_and_ignores_y():
    # Unsupervised estimators take fit(X, y=None), as scikit-learn's, so they fit in the
    # same pipelines as supervised ones: y changes nothing.
    X, init = overlapping_data(9, n=120, k=3)
    y = np.arange(120) % 2
    a = mod.KMeans(n_clusters=3, init=init).fit(X, y)
    b = mod.KMeans(n_clusters=3, init=init).fit(X)
    np.testing.assert_array_equal(a.labels_, b.labels_, err_msg="fit(X, y) must ignore y")
    labels = mod.KMeans(n_clusters=3, init=init).fit_predict(X, y)
    np.testing.assert_array_equal(labels, b.labels_, err_msg="fit_predict(X, y) ignores y")


def test_refitting_on_new_data_forgets_the_old():
    X1, _ = overlapping_data(13, n=150, k=3)
    X2 = np.random.default_rng(14).normal(size=(90, 4)) * 3 + 2
    km = mod.KMeans(n_clusters=3, random_state=0).fit(X1)
    km.fit(X2)
    fresh = mod.KMeans(n_clusters=3, random_state=0).fit(X2)
    np.testing.assert_array_equal(
        km.cluster_centers_,
        fresh.cluster_centers_,
        err_msg="a second fit must start afresh on the new data (no centers, norms or "
        "generator kept from the first)",
    )
    assert km.n_features_in_ == 4 and km.labels_.shape == (90,)
    assert (km.inertia_, km.n_iter_) == (fresh.inertia_, fresh.n_iter_)


def test_fit_predict_returns_labels_():
    X, _ = overlapping_data(10, n=120)
    km = mod.KMeans(n_clusters=3, random_state=0)
    labels = km.fit_predict(X)
    np.testing.assert_array_equal(labels, km.labels_, err_msg="fit_predict returns labels_")
    np.testing.assert_array_equal(
        labels,
        mod.KMeans(n_clusters=3, random_state=0).fit(X).labels_,
        err_msg="fit_predict(X) must equal fit(X).labels_ with the same random_state",
    )


def test_fit_does_not_modify_x_or_the_init_array():
    X, init = overlapping_data(11, n=100, k=3)
    with inputs_unchanged("fit", X=X, init=init):
        mod.KMeans(n_clusters=3, init=init).fit(X)


# --- bad input -----------------------------------------------------------------------------


def small_data():
    return np.random.default_rng(12).normal(size=(5, 2))


@pytest.mark.parametrize("n_clusters", [0, -1, 6, 2.5])
def test_invalid_n_clusters_is_a_value_error(n_clusters):
    X = small_data()
    mod.KMeans(n_clusters=2, random_state=0).fit(X)
    with pytest.raises(ValueError, match="n_clusters"):
        mod.KMeans(n_clusters=n_clusters).fit(X)


@pytest.mark.parametrize("n_clusters", [0, 6])
def test_kmeans_plusplus_invalid_n_clusters_is_a_value_error(n_clusters):
    X = small_data()
    mod.kmeans_plusplus(X, 2, random_state=0)
    with pytest.raises(ValueError, match="n_clusters"):
        mod.kmeans_plusplus(X, n_clusters)


@pytest.mark.parametrize("shape", [(3, 2), (2, 3), (2,)])
def test_init_array_of_the_wrong_shape_is_a_value_error(shape):
    X = small_data()
    mod.KMeans(n_clusters=2, init=X[:2]).fit(X)
    with pytest.raises(ValueError, match="init"):
        mod.KMeans(n_clusters=2, init=np.zeros(shape)).fit(X)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"init": "kmeans++"}, "init"),
        ({"n_init": 0}, "n_init"),
        ({"max_iter": 0}, "max_iter"),
        ({"tol": -1.0}, "tol"),
        ({"random_state": "seed"}, "random_state"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error(params, name):
    X = small_data()
    mod.KMeans(n_clusters=2, random_state=0).fit(X)
    with pytest.raises(ValueError, match=name):
        mod.KMeans(n_clusters=2, **params).fit(X)


@pytest.mark.parametrize(
    "X, match", [([[0.0, np.nan], [1.0, 1.0]], "NaN"), ([1.0, 2.0, 3.0], "2-D")]
)
def test_bad_x_is_a_value_error(X, match):
    mod.KMeans(n_clusters=2, random_state=0).fit(small_data())
    with pytest.raises(ValueError, match=match):
        mod.KMeans(n_clusters=1).fit(X)


def test_predict_with_a_different_feature_count_is_a_value_error():
    km = mod.KMeans(n_clusters=2, random_state=0).fit(small_data())
    with pytest.raises(ValueError, match="features"):
        km.predict(np.zeros((3, 3)))


def test_predict_before_fit_is_a_not_fitted_error():
    mod.KMeans(n_clusters=2, random_state=0).fit(small_data())
    with pytest.raises(NotFittedError, match="fit"):
        mod.KMeans(n_clusters=2).predict(small_data())


# --- complexity, without a clock: Python lines counted, peak memory measured -----------------


def test_no_python_loop_over_samples():
    # 2000 overlapping samples, k = 4, k-means++ then 3 Lloyd iterations: whole-array code
    # runs some 150 Python lines (a loop over the k clusters in the update included: about
    # 200). A loop over the samples in the assignment step runs at least 2000 per
    # assignment (32 000 as measured), one in the k-means++ update 2000 per center.
    X, _ = overlapping_data(7, n=2000, k=4)
    km = mod.KMeans(n_clusters=4, n_init=1, max_iter=3, tol=0.0, random_state=0)
    budget = 1000
    lines = python_lines(km.fit, X, budget=budget)
    assert lines <= budget, (
        f"fit ran more than {budget} lines of Python for k-means++ and 3 iterations on 2000 "
        "samples: is there a Python loop over the samples (in the assignment, or in "
        "k-means++)? Get all squared distances at once from ||x||^2 - 2 X @ C.T + ||c||^2 "
        "(one matrix product, an (n, k) array) and take the argmin along the centers; in "
        "k-means++, update every sample's D^2 at once with np.minimum"
    )
    km.fit(X)
    budget = 200
    lines = python_lines(km.predict, X, budget=budget)
    assert lines <= budget, (
        f"predict on 2000 samples ran more than {budget} lines of Python: is there a Python "
        "loop over the samples? Assign them all at once: the argmin over the centers of "
        "||x||^2 - 2 X @ C.T + ||c||^2"
    )


def test_kmeans_plusplus_builds_no_n_by_n_distance_matrix():
    # 3000 samples, 20 centers: the n x n squared distances take 72 MB (144 MB as measured
    # with the temporaries); a running minimum of D^2 needs O(n d) (0.1 MB for the
    # reference) and recomputing the distances to every chosen center, (n, c, d), 1.5 MB.
    X, _, _ = make_blobs(3000, centers=8, random_state=0)
    mod.kmeans_plusplus(X[:10], 2, random_state=0)  # any one-time set-up is not counted
    (centers, indices), peak = peak_memory(mod.kmeans_plusplus, X, 20, random_state=0)
    assert peak < 10_000_000, (
        f"kmeans_plusplus(X, 20) on 3000 samples allocated {peak / 1e6:.0f} MB: is there an "
        "n x n distance matrix? Keep d2, each sample's squared distance to its nearest "
        "chosen center, and after each pick update it with "
        "np.minimum(d2, ||X - new center||^2): O(n d) per center"
    )
    np.testing.assert_array_equal(centers, X[indices])


def test_assignment_builds_no_n_by_k_by_d_array():
    # 2000 samples, 40 features, 40 centers: the (n, k, d) differences X[:, None] - C take
    # 25.6 MB; the (n, k) distances from one matrix product 0.64 MB. Measured peaks of the
    # reference: 3.4 MB for fit (k-means++ and 3 iterations), 2.0 MB for predict. The budget
    # is a third of the (n, k, d) array.
    X = np.random.default_rng(3).normal(size=(2000, 40))
    km = mod.KMeans(n_clusters=40, n_init=1, max_iter=3, tol=0.0, random_state=0)
    km.fit(X[:200])  # any one-time set-up is not counted
    n_k_d = 8 * 2000 * 40 * 40
    for method in ("fit", "predict"):
        _, peak = peak_memory(getattr(km, method), X)
        assert peak < n_k_d / 3, (
            f"{method} on 2000 x 40 with 40 centers allocated {peak / 1e6:.0f} MB, where the "
            f"(n, k, d) differences take {n_k_d / 1e6:.0f} MB: do you broadcast X[:, None, :] "
            "- C[None, :, :]? Expand ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2: one matrix "
            "product X @ C.T gives the (n, k) distances"
        )
