"""Tests for trees/decision_tree: DecisionTreeClassifier and DecisionTreeRegressor."""

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
from kata.validation import NotFittedError

mod = load_kata("trees/decision_tree")

CLASSIFIER, REGRESSOR = "DecisionTreeClassifier", "DecisionTreeRegressor"


def column(values):
    return np.asarray(values, dtype=float).reshape(-1, 1)


# --- an independent oracle: CART by brute force, straight from the conventions -------------


def impurities(criterion, weight, stats):
    """Weighted impurity of nodes from their total weight (T,) and statistics: the class
    weights (T, K), or the sums of w*y and w*y^2 (T, 2) for squared error."""
    if criterion == "squared_error":
        mean = stats[:, 0] / weight
        return stats[:, 1] / weight - mean**2
    p = stats / weight[:, None]
    if criterion == "gini":
        return 1.0 - np.sum(p**2, axis=1)
    logs = np.log2(np.where(p > 0, p, 1.0))
    return -np.sum(p * logs, axis=1)


def candidate_cuts(X, y, w, criterion, n_classes, min_samples_leaf):
    """Every valid cut of one node as (gain, feature, threshold, key), in (feature,
    threshold) order. Brute force: one mask per midpoint, and each child's statistics summed
    over its mask from scratch. ``key`` describes the children: cuts with equal keys have
    bit-for-bit equal gains in any sensible implementation."""
    if criterion == "squared_error":
        y = y - np.average(y, weights=w)  # centred: no cancellation in E[y^2] - mean^2
        per_sample = np.column_stack([w * y, w * y**2])
    else:
        per_sample = np.zeros((len(y), n_classes))
        per_sample[np.arange(len(y)), y] = w
    total_w, total = w.sum(), per_sample.sum(axis=0)
    parent = total_w * impurities(criterion, np.array([total_w]), total[None])[0]
    cuts = []
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        t = values[:-1] / 2 + values[1:] / 2
        t = np.where(t == values[1:], values[:-1], t)
        masks = X[None, :, j] <= t[:, None]  # (T, m): who goes left at each threshold
        n_left = masks.sum(axis=1)
        ok = (n_left >= min_samples_leaf) & (len(y) - n_left >= min_samples_leaf)
        masks, t = masks[ok], t[ok]
        w_left, s_left = masks @ w, masks @ per_sample
        children = w_left * impurities(criterion, w_left, s_left) + (
            total_w - w_left
        ) * impurities(criterion, total_w - w_left, total - s_left)
        for k in range(t.size):
            if criterion == "squared_error":
                key = (j, t[k])  # equal gains of different cuts differ by rounding
            else:  # the class weights of the left and of the right child
                key = (tuple(s_left[k]), tuple(total - s_left[k]))
            cuts.append((parent - children[k], j, t[k], key))
    return cuts


def brute_force_tree(X, y, criterion="gini", max_depth=None, min_samples_split=2,
                     min_samples_leaf=1, sample_weight=None):  # fmt: skip
    """A recursive CART: the best cut of each node (ties to the lowest feature, then the
    lowest threshold); pure, too small, too deep or unsplittable nodes are leaves.

    ``ambiguous`` counts the nodes whose best gain is tied (within 1e-9) between cuts that
    a float implementation may rank either way: data for a comparison must have none."""
    X = np.asarray(X, dtype=float)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if criterion == "squared_error":
        codes, n_classes = np.asarray(y, dtype=float), 0
    else:
        _, codes = np.unique(y, return_inverse=True)
        n_classes = codes.max() + 1
    importances = np.zeros(X.shape[1])
    ambiguous = []

    def grow(idx, depth):
        yi, wi = codes[idx], w[idx]
        if criterion == "squared_error":
            leaf = {"value": np.average(yi, weights=wi), "depth": depth}
            pure = yi.min() == yi.max()
        else:
            leaf = {"value": np.bincount(yi, wi, minlength=n_classes) / wi.sum(), "depth": depth}
            pure = np.unique(yi).size == 1
        too_deep = max_depth is not None and depth >= max_depth
        if pure or too_deep or idx.size < min_samples_split:
            return leaf
        cuts = candidate_cuts(X[idx], yi, wi, criterion, n_classes, min_samples_leaf)
        if not cuts:
            return leaf
        best = max(c[0] for c in cuts)
        tied = [c for c in cuts if c[0] >= best - 1e-9 * max(1.0, abs(best))]
        gain, j, t, key = tied[0]
        if any(c[3] != key for c in tied[1:]):
            ambiguous.append(idx.size)
        importances[j] += gain
        go_left = X[idx, j] <= t
        return {
            "feature": j,
            "threshold": t,
            "left": grow(idx[go_left], depth + 1),
            "right": grow(idx[~go_left], depth + 1),
        }

    root = grow(np.arange(len(X)), 0)
    leaves = []

    def collect(node):
        if "value" in node:
            leaves.append(node)
        else:
            collect(node["left"])
            collect(node["right"])

    collect(root)
    total = importances.sum()
    return {
        "root": root,
        "depth": max(leaf["depth"] for leaf in leaves),
        "n_leaves": len(leaves),
        "importances": importances / total if total > 0 else importances,
        "ambiguous": ambiguous,
    }


def brute_force_predict(tree, X):
    """Leaf values (class proportions, or means) for each row of X."""
    out = []
    for x in np.asarray(X, dtype=float):
        node = tree["root"]
        while "value" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
        out.append(node["value"])
    return np.array(out)


def tie_rich_data(seed, n=48, n_features=3, n_classes=3):
    """Small integer features and labels: many equal values and many equal gains."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 6, size=(n, n_features)).astype(float)
    y = rng.integers(0, n_classes, size=n)
    return X, y, rng.integers(-1, 7, size=(40, n_features)) + 0.5 * rng.integers(0, 2, (40, 1))


def float32_data(seed, n=200, n_features=4):
    """Continuous features that float32 represents exactly (scikit-learn's trees cast X to
    float32), queries too; targets from a noisy function of the first two features."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features)).astype(np.float32).astype(np.float64)
    Q = (1.3 * rng.normal(size=(300, n_features))).astype(np.float32).astype(np.float64)
    y_reg = X[:, 0] + np.sin(2 * X[:, 1]) + 0.3 * rng.normal(size=n)
    y_clf = np.digitize(y_reg + 0.3 * rng.normal(size=n), [-0.7, 0.6])
    return X, y_clf, y_reg, Q


def assert_best_splits_unique(sk_tree, X, y, criterion, min_samples_leaf):
    """Test-data guard: at every split node of scikit-learn's tree the best cut (by brute
    force) is unique by a clear margin and is the one scikit-learn chose."""
    t = sk_tree.tree_
    paths = sk_tree.decision_path(X.astype(np.float32)).tocsc()
    codes = y if criterion == "squared_error" else np.unique(y, return_inverse=True)[1]
    n_classes = 0 if criterion == "squared_error" else codes.max() + 1
    for node in np.flatnonzero(t.children_left >= 0):
        idx = paths[:, [node]].nonzero()[0]
        cuts = sorted(
            candidate_cuts(
                X[idx], codes[idx], np.ones(idx.size), criterion, n_classes, min_samples_leaf
            ),
            reverse=True,
        )
        (g1, j, thr, _), g2 = cuts[0], cuts[1][0] if len(cuts) > 1 else -np.inf
        assert g1 - g2 > 1e-7 * abs(g1) and (j, thr) == (t.feature[node], t.threshold[node]), (
            f"test data problem, not your code: node {node} of scikit-learn's tree has no "
            "unique best split; choose other data for this comparison"
        )


def assert_importances(tree, want, what):
    got = np.asarray(tree.feature_importances_, dtype=float)
    assert np.isclose(got.sum(), 1.0, atol=1e-12), (
        f"feature_importances_ {got} sum to {got.sum()}: normalize them to sum to 1"
    )
    np.testing.assert_allclose(got, want, atol=1e-12, err_msg=what)


def predict_explained(tree, X, method="predict"):
    """``tree.<method>(X)``, with a diagnosis if it fails on valid input."""
    try:
        return getattr(tree, method)(X)
    except (TypeError, ValueError, IndexError) as exc:
        if not any(word in str(exc) for word in ("inhomogeneous", "broadcast", "shape")):
            raise
        error = exc
    pytest.fail(  # outside the except block: the learner reads this, not a traceback chain
        f"{method} failed ({error}): leaves hold probability vectors of different lengths. "
        "Every leaf needs one entry per class of the WHOLE training set "
        "(np.bincount(codes, minlength=n_classes)), 0 for a class absent from it.",
        pytrace=False,
    )


# --- the classifier, by hand -----------------------------------------------------------------


def test_string_labels():
    X = column([0, 1, 2, 3, 4, 5])
    y = np.array(["dog", "dog", "cat", "cat", "emu", "emu"])
    error = None
    try:
        tree = mod.DecisionTreeClassifier().fit(X, y)
    except (TypeError, ValueError) as exc:
        error = exc
    if error is not None and any(w in str(error) for w in ("inhomogeneous", "broadcast")):
        pytest.fail(
            f"fit failed ({error}): leaves hold probability vectors of different lengths. "
            "Every leaf needs one entry per class of the WHOLE training set "
            "(np.bincount(codes, minlength=n_classes)), 0 for a class absent from it.",
            pytrace=False,
        )
    if error is not None:
        pytest.fail(
            f"fit failed on string labels ({error}): count classes as positions in classes_ "
            "(np.unique(y, return_inverse=True)), never as the labels themselves",
            pytrace=False,
        )
    np.testing.assert_array_equal(
        tree.classes_, ["cat", "dog", "emu"], err_msg="classes_: the sorted unique labels"
    )
    queries = column([0.5, 2.5, 4.5])  # inside each class's stretch, away from any cut
    proba = np.asarray(predict_explained(tree, queries, "predict_proba"))
    assert proba.shape == (3, 3), (
        f"predict_proba of 3 queries has shape {proba.shape}, expected (3, 3): every leaf "
        "here is pure, yet it needs one entry per class of the WHOLE training set, 0 for "
        "the classes absent from it (np.bincount(codes, minlength=n_classes))"
    )
    assert np.allclose(proba.sum(axis=1), 1.0), (
        f"predict_proba rows sum to {proba.sum(axis=1)}, not 1: a leaf's probabilities are "
        "its class weights divided by the leaf's total weight"
    )
    np.testing.assert_allclose(
        proba,
        [[0, 1, 0], [1, 0, 0], [0, 0, 1]],
        err_msg="x = 0..5, y = dog dog cat cat emu emu: the pure leaves of x = 0.5, 2.5, "
        "4.5, in the columns of classes_ (cat, dog, emu). The cuts are at the midpoints 1.5 "
        "and 3.5, and x <= threshold goes left",
    )
    np.testing.assert_array_equal(
        predict_explained(tree, queries),
        ["dog", "cat", "emu"],
        err_msg="predict returns classes_[argmax of predict_proba]",
    )


def test_thresholds_are_midpoints_between_distinct_values():
    # Two samples: the only cut separates them, whatever the criterion.
    tree = mod.DecisionTreeClassifier().fit(column([1, 3]), ["a", "b"])
    assert tree.n_leaves_ == 2, (
        f"x = 1 (a), 3 (b) with the defaults gives n_leaves_ {tree.n_leaves_}, expected 2: "
        "a node of 2 samples is split (only a node with FEWER than min_samples_split=2 "
        "samples is a leaf), and a side of 1 sample satisfies min_samples_leaf=1"
    )
    got = list(predict_explained(tree, column([1.5, 1.9, 2.1, 2.9])))
    if got[:2] == ["b", "b"]:
        pytest.fail(
            f"training x = 1 (a) and 3 (b); predict at 1.5, 1.9, 2.1, 2.9 gave {got}: the "
            "threshold sits at the training value 1 (x <= 1). Put it at the midpoint "
            "(1 + 3) / 2 = 2 between consecutive distinct values."
        )
    if got[2:] == ["a", "a"]:
        pytest.fail(
            f"training x = 1 (a) and 3 (b); predict at 1.5, 1.9, 2.1, 2.9 gave {got}: the "
            "threshold sits at the training value 3 (x < 3). Put it at the midpoint "
            "(1 + 3) / 2 = 2."
        )
    assert got == ["a", "a", "b", "b"], f"predict at 1.5, 1.9, 2.1, 2.9 gave {got}"


def test_a_sample_on_the_threshold_goes_left():
    tree = mod.DecisionTreeClassifier().fit(column([1, 3]), ["a", "b"])
    assert predict_explained(tree, column([2.0]))[0] == "a", (
        "x = 2.0 equals the threshold (1 + 3) / 2: x[j] <= threshold goes left"
    )


def test_midpoints_of_huge_values_do_not_overflow():
    X, y = column([1e308, 1.5e308]), ["a", "b"]
    with fp_diagnosis(
        "the midpoint of 1e308 and 1.5e308 overflowed: (a + b) / 2 exceeds the float range "
        "before the division; a / 2 + b / 2 never does"
    ):
        tree = mod.DecisionTreeClassifier().fit(X, y)
    np.testing.assert_array_equal(
        tree.predict(column([1.2e308, 1.3e308])),
        ["a", "b"],
        err_msg="the threshold between 1e308 and 1.5e308 must be 1.25e308: (a + b) / 2 "
        "overflows to inf, a / 2 + b / 2 does not",
    )


def test_a_midpoint_that_rounds_up_falls_back_to_the_lower_value():
    # Two adjacent floats: a / 2 + b / 2 is exactly halfway between them and rounds (to
    # even) up to b; x <= b would then send both samples left and leave an empty child.
    a = np.nextafter(1.0, 2.0)
    b = np.nextafter(a, 2.0)
    assert a / 2 + b / 2 == b  # the rounding this test is about
    with fp_diagnosis(
        f"the midpoint of the adjacent floats {float(a)!r} and {float(b)!r} rounds to the "
        "upper one: with that threshold, x <= threshold sends both samples left and the "
        "right child is empty (0 / 0). When the midpoint equals the upper value, use the "
        "lower one"
    ):
        tree = mod.DecisionTreeClassifier().fit(column([a, b]), ["p", "q"])
        got = list(tree.predict(column([a, b])))
    assert (tree.n_leaves_, got) == (2, ["p", "q"]), (
        f"x = {float(a)!r} (p), {float(b)!r} (q): n_leaves_ {tree.n_leaves_}, predict "
        f"gives {got}. Their "
        "midpoint rounds up to the upper value; use the lower value as the threshold then"
    )


def test_a_perfect_split_is_chosen_gini_on_proportions():
    # x = 1..5, y = a a a b b: the cut at 3.5 leaves two pure children (gain 0.48), the
    # best possible. Gini computed on counts, 1 - sum n_k^2, prefers the cut at 4.5.
    X, y = column([1, 2, 3, 4, 5]), ["a", "a", "a", "b", "b"]
    stump = mod.DecisionTreeClassifier(max_depth=1).fit(X, y)
    assert (stump.depth_, stump.n_leaves_) == (1, 2), (
        f"max_depth=1 on x = 1..5, y = a a a b b gave depth_ {stump.depth_} and n_leaves_ "
        f"{stump.n_leaves_}, expected 1 and 2: the root has depth 0 and a node is a leaf "
        "only when its depth EQUALS max_depth, so max_depth=1 allows one split (a stump)"
    )
    got = list(predict_explained(stump, column([3.4, 3.6])))
    assert got == ["a", "b"], (
        f"on x = 1..5, y = a a a b b a depth-1 tree predicts {got} at 3.4 and 3.6: the "
        "perfect cut at 3.5 was missed. Gini must use proportions, 1 - sum p_k^2 with "
        "p_k = n_k / n (on counts, 1 - sum n_k^2, it prefers the cut at 4.5), and the "
        "children's impurities weigh n_child / n."
    )
    # y = a a b a b: weighted by size, the cut at 2.5 wins (0.267 against 0.3 at 4.5);
    # the plain average of the two children's Gini prefers 4.5 (0.1875 against 0.222).
    other = mod.DecisionTreeClassifier(max_depth=1).fit(X, list("aabab"))
    got = list(predict_explained(other, column([2.4, 2.6])))
    assert got == ["a", "b"], (
        f"on x = 1..5, y = a a b a b a depth-1 tree predicts {got} at 2.4 and 2.6, expected "
        "a, b (cut at 2.5): weigh each child's Gini, computed on proportions, by its share "
        "of the samples, n_child / n. The plain average of the two children's Gini values "
        "prefers the cut at 4.5, and so does Gini on counts (1 - sum n_k^2)"
    )
    tree = mod.DecisionTreeClassifier().fit(X, y)
    assert tree.n_leaves_ == 2, (
        f"the full tree on x = 1..5, y = a a a b b has {tree.n_leaves_} leaves, expected 2: "
        "after the cut at 3.5 both children are pure, and a pure node is a leaf"
    )


def test_predict_proba_has_a_column_for_every_class():
    # A stump on three classes: the best cut, at 1.5, leaves {a, a} and {b, b, c}; each
    # leaf misses a class.
    X, y = column([0, 1, 2, 3, 4]), ["a", "a", "b", "b", "c"]
    stump = mod.DecisionTreeClassifier(max_depth=1).fit(X, y)
    assert stump.depth_ == 1, f"max_depth=1 gave depth_ {stump.depth_}: the root has depth 0"
    proba = np.asarray(predict_explained(stump, column([0.0, 4.0]), "predict_proba"))
    assert proba.shape == (2, 3), (
        f"predict_proba has shape {proba.shape}, expected (2, 3): one column per class of "
        "the whole training set, even for a class absent from the leaf"
    )
    np.testing.assert_allclose(
        proba,
        [[1, 0, 0], [0, 2 / 3, 1 / 3]],
        atol=1e-12,
        err_msg="a stump on x = 0..4, y = a a b b c cuts at 1.5 (weighted child Gini 4/3, "
        "the lowest); its leaves' proportions, in the columns of classes_",
    )


def test_equal_gains_go_to_the_lowest_threshold():
    # x = 0..3, y = a b b a: the cuts at 0.5 and 2.5 have the same gain; 0.5 wins.
    stump = mod.DecisionTreeClassifier(max_depth=1).fit(column([0, 1, 2, 3]), list("abba"))
    assert stump.depth_ == 1, f"max_depth=1 gave depth_ {stump.depth_}: the root has depth 0"
    np.testing.assert_allclose(
        stump.predict_proba(column([0.0, 3.0])),
        [[1.0, 0.0], [1 / 3, 2 / 3]],
        atol=1e-12,
        err_msg="the cuts at 0.5 and 2.5 tie: the lower threshold (0.5) must win",
    )


def test_equal_gains_go_to_the_lowest_feature():
    rng = np.random.default_rng(0)
    x = rng.normal(size=30)
    y = (x > 0.2).astype(int)
    noise = rng.normal(size=30)
    for X, want in (
        (np.column_stack([x, x]), [1.0, 0.0]),
        (np.column_stack([noise, x, x]), [0.0, 1.0, 0.0]),
    ):
        tree = mod.DecisionTreeClassifier().fit(X, y)
        assert_importances(
            tree,
            want,
            "two identical columns give equal gains: the split goes to the lower feature "
            "index (search features in order and replace the best only when a gain is "
            "strictly larger)",
        )


def test_min_samples_leaf_is_respected_on_both_sides():
    # x = 0..5. Unrestricted, the best cut isolates the odd sample; with min_samples_leaf=2
    # the best allowed cut leaves it with one neighbour.
    X = column([0, 1, 2, 3, 4, 5])
    for y, query, want in (
        (list("abbbbb"), 0.0, [0.5, 0.5]),  # cut at 1.5, not 0.5
        (list("bbbbba"), 5.0, [0.5, 0.5]),  # cut at 3.5, not 4.5
    ):
        tree = mod.DecisionTreeClassifier(max_depth=1, min_samples_leaf=2).fit(X, y)
        got = tree.predict_proba(column([query]))
        assert np.allclose(got, [want], atol=1e-12), (
            f"y = {''.join(y)}, min_samples_leaf=2: the leaf of x = {query} gives {got}, "
            f"expected {want}. A split must leave at least min_samples_leaf samples on BOTH "
            "sides; here the odd sample may not be isolated."
        )


def test_leaves_hold_at_least_min_samples_leaf_samples():
    X, y, _, _ = float32_data(1)
    for k in (3, 7):
        tree = mod.DecisionTreeClassifier(min_samples_leaf=k).fit(X, y)
        per_leaf = np.bincount(tree.apply(X), minlength=tree.n_leaves_)
        assert per_leaf.min() >= k, (
            f"min_samples_leaf={k}, but a leaf holds {per_leaf.min()} training samples"
        )


def test_min_samples_split():
    X, y = column([0, 1, 2, 3]), list("abab")
    assert mod.DecisionTreeClassifier(min_samples_split=5).fit(X, y).n_leaves_ == 1, (
        "a node with fewer than min_samples_split samples is a leaf"
    )
    tree = mod.DecisionTreeClassifier(min_samples_split=3).fit(X, y)
    assert tree.depth_ == 2 and tree.n_leaves_ == 3, (
        f"min_samples_split=3 on x = 0..3, y = abab: depth_ {tree.depth_}, n_leaves_ "
        f"{tree.n_leaves_}; expected 2 and 3 (the node of 2 samples is not split)"
    )


def test_a_constant_feature_is_never_split():
    X = np.column_stack([np.full(6, 5.0), [0, 1, 2, 3, 4, 5]])
    y = list("aaabbb")
    with fp_diagnosis(
        "a feature with one distinct value has no threshold: a cut at that value sends "
        "every sample left and leaves an empty child (0 / 0 in its proportions)"
    ):
        tree = mod.DecisionTreeClassifier().fit(X, y)
        single = mod.DecisionTreeClassifier().fit(np.full((5, 2), 1.0), list("aabbb"))
    np.testing.assert_allclose(
        tree.feature_importances_,
        [0.0, 1.0],
        err_msg="the constant feature 0 (all 5.0) was split on: a cut between two equal "
        "values separates nothing; candidate thresholds lie only between consecutive "
        "DISTINCT values of the node's samples",
    )
    assert tree.n_leaves_ == 2
    assert (single.n_leaves_, single.depth_) == (1, 0), (
        "every feature is constant: the root is a leaf (n_leaves_ 1, depth_ 0)"
    )
    np.testing.assert_allclose(single.predict_proba(np.zeros((1, 2))), [[0.4, 0.6]])
    np.testing.assert_array_equal(single.feature_importances_, [0.0, 0.0])


def test_a_pure_node_is_a_leaf():
    tree = mod.DecisionTreeClassifier().fit(column([0, 1, 2, 3]), list("aaab"))
    assert tree.n_leaves_ == 2, (
        f"x = 0..3, y = a a a b gives {tree.n_leaves_} leaves, expected 2: the node "
        "{a, a, a} is pure and must not be split further"
    )
    only = mod.DecisionTreeClassifier().fit(column([0, 1, 2]), ["z", "z", "z"])
    assert (only.n_leaves_, only.depth_) == (1, 0), "a single class: the root is a leaf"
    np.testing.assert_allclose(only.predict_proba(column([7.0])), [[1.0]])
    assert only.predict(column([7.0]))[0] == "z"


def test_a_split_with_zero_gain_is_still_made():
    # XOR: every first cut leaves both children half a, half b (gain 0), yet two levels
    # separate the classes perfectly.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = ["a", "b", "b", "a"]
    tree = mod.DecisionTreeClassifier().fit(X, y)
    got = list(tree.predict(X))
    assert got == y and tree.depth_ == 2, (
        f"on XOR the tree predicts {got} (depth_ {tree.depth_}): a node that is not pure "
        "is split even when its best gain is 0, as scikit-learn does"
    )


def test_worked_example_from_the_statement():
    X, y = column([1, 2, 3, 4, 5]), ["a", "a", "b", "a", "b"]
    tree = mod.DecisionTreeClassifier().fit(X, y)
    pred = tree.predict(column([2.4, 2.6, 3.5, 4.2]))
    np.testing.assert_array_equal(
        pred, ["a", "b", "b", "a"], err_msg="the root cuts at 2.5, its right child at 3.5"
    )
    assert (tree.depth_, tree.n_leaves_) == (3, 4), (
        f"depth_={tree.depth_}, n_leaves_={tree.n_leaves_}; expected 3 and 4: root at 2.5, "
        "then 3.5 (a tie with 4.5 goes to the lower threshold), then 4.5"
    )


def test_predict_ties_go_to_the_first_class():
    # Two samples and min_samples_split=3: the root is a 1-1 leaf.
    tie = mod.DecisionTreeClassifier(min_samples_split=3).fit(column([0, 1]), ["b", "a"])
    assert tie.predict(column([0.0]))[0] == "a", (
        "a leaf with equal class shares predicts the first of classes_ (argmax's first maximum)"
    )


def test_entropy_criterion_hand_example():
    # x = 0..5, y = a a b c a c. Weighted child Gini: 1.5 -> 4 * 10/16 = 2.5 beats
    # 2.5 -> 8/3; weighted child entropy: 1.5 -> 4 * 1.5 = 6 bits loses to
    # 2.5 -> 6 * 0.918 = 5.51 bits.
    X, y = column([0, 1, 2, 3, 4, 5]), list("aabcac")
    query = column([2.0])
    with fp_diagnosis(
        "entropy met log(0): a class absent from a node or a side has p_k = 0, and "
        "0 log 0 counts as 0 (mask the zero proportions before taking the log)"
    ):
        gini = mod.DecisionTreeClassifier(max_depth=1).fit(X, y).predict_proba(query)
        entropy = mod.DecisionTreeClassifier(criterion="entropy", max_depth=1).fit(X, y)
    np.testing.assert_allclose(gini, [[0.25, 0.25, 0.5]], err_msg="Gini cuts at 1.5")
    np.testing.assert_allclose(
        entropy.predict_proba(query),
        [[2 / 3, 1 / 3, 0.0]],
        err_msg="criterion='entropy' cuts at 2.5 here (Gini cuts at 1.5): is the criterion "
        "used, and is it -sum p log p of the proportions?",
    )


def test_feature_importances_hand_example():
    # Root: feature 1 separates a a b b | c c: Gini gain 6 * (1 - 3 * (1/3)^2) - 4 * 0.5
    # - 2 * 0 = 4 - 2 = 2 (the best feature-0 cut, at 1.5, gains only 4/3).
    # Left node: feature 0 separates a a | b b: gain 4 * 0.5 = 2. Importances [0.5, 0.5].
    X = np.array([[0, 0], [1, 0], [2, 0], [3, 0], [0, 5], [3, 5]], dtype=float)
    y = list("aabbcc")
    tree = mod.DecisionTreeClassifier().fit(X, y)
    assert_importances(
        tree,
        [0.5, 0.5],
        "feature_importances_: each split adds W*imp(node) - W_L*imp(L) - W_R*imp(R) to its "
        "feature (W = the node's total weight, not 1), then the vector is normalized",
    )
    assert (tree.depth_, tree.n_leaves_) == (2, 3)


def test_feature_importances_sum_gains_not_split_counts():
    # Root (Gini 0.625, W = 8): feature 1 separates a a b b | c c c c, gain 8 * 0.625 -
    # 4 * 0.5 - 0 = 3. Left node: feature 0 separates a a | b b, gain 4 * 0.5 = 2. One
    # split each, but importances [2/5, 3/5], not [1/2, 1/2].
    X = np.array([[0, 0], [1, 0], [2, 0], [3, 0], [0, 5], [1, 5], [2, 5], [3, 5]], dtype=float)
    tree = mod.DecisionTreeClassifier().fit(X, list("aabbcccc"))
    assert (tree.depth_, tree.n_leaves_) == (2, 3), (
        f"depth_ {tree.depth_}, n_leaves_ {tree.n_leaves_}; expected 2 and 3: the root cuts "
        "feature 1 at 2.5, its left child feature 0 at 1.5"
    )
    got = np.asarray(tree.feature_importances_, dtype=float)
    if np.allclose(got, [0.5, 0.5]):
        pytest.fail(
            f"feature_importances_ {got}: each feature is split once, and the importances "
            "count the splits. Sum each split's gain W*imp(node) - W_L*imp(L) - W_R*imp(R) "
            "into its feature instead: [2, 3] / 5 = [0.4, 0.6]"
        )
    if np.allclose(got, [0.5 / 0.875, 0.375 / 0.875]):
        pytest.fail(
            f"feature_importances_ {got}: each split adds imp(node) - (W_L/W) imp(L) - "
            "(W_R/W) imp(R), the gain per unit of weight. Weigh it by the node's total "
            "weight W (the root's gain is 8 * 0.375 = 3, its left child's 4 * 0.5 = 2)"
        )
    assert_importances(tree, [0.4, 0.6], "the gains 2 (feature 0) and 3 (feature 1), over 5")


def test_sample_weight_is_used():
    # No split allowed: the root's proportions are the weighted class shares.
    X, y = column([0, 1, 2]), ["a", "b", "b"]
    root = mod.DecisionTreeClassifier(min_samples_split=10)
    got = root.fit(X, y, sample_weight=[3.0, 1.0, 1.0]).predict_proba(column([1.0]))
    assert np.allclose(got, [[0.6, 0.4]]), (
        f"weights 3, 1, 1 on labels a, b, b give class shares 3/5, 2/5; got {got}: "
        "sample_weight is ignored (count each sample as its weight)"
    )
    reg = mod.DecisionTreeRegressor(min_samples_split=10)
    got = reg.fit(X, [0.0, 1.0, 5.0], sample_weight=[2.0, 1.0, 1.0]).predict(column([0.0]))
    np.testing.assert_allclose(got, [1.5], err_msg="a leaf predicts the weighted mean")
    # x = 0, 1, 2, y = a b a. Unweighted, the cuts at 0.5 and 1.5 tie (0.5 wins); with
    # weights 1, 1, 3 the weighted child Gini is 1.5 at 0.5 and 1 at 1.5: the cut is 1.5.
    stump = mod.DecisionTreeClassifier(max_depth=1).fit(X, list("aba"), [1.0, 1.0, 3.0])
    got = stump.predict_proba(column([0.3, 1.7]))
    assert np.allclose(got, [[0.5, 0.5], [1.0, 0.0]], atol=1e-12), (
        f"x = 0, 1, 2, y = a b a, weights 1, 1, 3: a stump gives {got.tolist()} at 0.3 and "
        "1.7, expected [[0.5, 0.5], [1, 0]] (cut at 1.5). The split search ignores "
        "sample_weight: sum the weights, not the sample counts, in the class totals of "
        "each side"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_integer_weights_equal_repeated_samples(seed):
    # (The regressor gets one feature: with several, two features often cut a small node
    # into the same two sets, an exact tie that rounding decides.)
    rng = np.random.default_rng(seed)
    X, y_clf, y_reg, Q = float32_data(seed, n=40)
    weights = rng.integers(1, 4, size=40)
    repeat = np.repeat(np.arange(40), weights)
    for cls, y in ((CLASSIFIER, y_clf), (REGRESSOR, y_reg)):
        if cls == REGRESSOR:
            X, Q = X[:, :1], Q[:, :1]
        w = weights.astype(float)
        with inputs_unchanged("fit", X=X, y=y, sample_weight=w):
            weighted = getattr(mod, cls)(max_depth=4).fit(X, y, sample_weight=w)
        repeated = getattr(mod, cls)(max_depth=4).fit(X[repeat], y[repeat])
        get = "predict_proba" if cls == CLASSIFIER else "predict"
        np.testing.assert_allclose(
            getattr(weighted, get)(Q),
            getattr(repeated, get)(Q),
            atol=1e-12,
            err_msg=f"{cls}: a sample of weight k must count as k copies of it",
        )


# --- the regressor, by hand ------------------------------------------------------------------


def test_regressor_hand_example():
    # x = 0..3, y = 1 2 6 7: the cut at 1.5 leaves means 1.5 and 6.5 (squared error 1 in
    # all, against 17.33 at 0.5 and 2.5).
    X, y = column([0, 1, 2, 3]), [1.0, 2.0, 6.0, 7.0]
    stump = mod.DecisionTreeRegressor(max_depth=1).fit(X, y)
    np.testing.assert_allclose(
        stump.predict(column([0.0, 1.4, 1.6, 3.0])),
        [1.5, 1.5, 6.5, 6.5],
        err_msg="the squared-error cut is at the midpoint 1.5; leaves predict their means",
    )
    full = mod.DecisionTreeRegressor().fit(X, y)
    np.testing.assert_allclose(full.predict(X), y, err_msg="a full tree fits its data")
    assert (full.depth_, full.n_leaves_) == (2, 4)


def test_regressor_constant_target_is_one_leaf():
    tree = mod.DecisionTreeRegressor().fit(np.arange(10.0).reshape(5, 2), [3.5] * 5)
    assert (tree.n_leaves_, tree.depth_) == (1, 0), "all targets equal: the root is a leaf"
    np.testing.assert_allclose(tree.predict(np.zeros((2, 2))), [3.5, 3.5])


def test_regressor_with_a_large_offset():
    # y = 1e8 + small: a gain computed as sum(y)^2 / n differences loses the small part
    # unless the targets are centred first.
    X = column([0, 1, 2, 3, 4, 5])
    y = 1e8 + np.array([0.0, 0.1, 0.0, 1.0, 1.1, 1.0])
    stump = mod.DecisionTreeRegressor(max_depth=1).fit(X, y)
    np.testing.assert_allclose(
        stump.predict(column([2.4, 2.6])) - 1e8,
        [0.1 / 3, 3.1 / 3],
        atol=1e-6,
        err_msg="with y around 1e8 the cut must still be at 2.5: centre y on the node's "
        "mean before summing squares (s^2 / n of raw sums cancels catastrophically)",
    )


# --- oracles -----------------------------------------------------------------------------------


def assert_unambiguous(oracle):
    assert not oracle["ambiguous"], (
        "test data problem, not your code: nodes of "
        f"{oracle['ambiguous']} samples have tied best cuts; choose other data"
    )


def compare_with_oracle(tree, oracle, Q, params, get):
    assert (tree.depth_, tree.n_leaves_) == (oracle["depth"], oracle["n_leaves"]), (
        f"{params}: depth_ {tree.depth_} and n_leaves_ {tree.n_leaves_}, a brute-force "
        f"CART gives {oracle['depth']} and {oracle['n_leaves']}"
    )
    np.testing.assert_allclose(
        getattr(tree, get)(Q),
        brute_force_predict(oracle, Q),
        rtol=1e-10,
        atol=1e-12,
        err_msg=f"{params}: the tree differs from a brute-force CART (every midpoint of every "
        "feature tried, impurities recomputed from scratch)",
    )
    np.testing.assert_allclose(
        tree.feature_importances_,
        oracle["importances"],
        atol=1e-9,
        err_msg=f"{params}: feature_importances_ differ from the brute-force CART's",
    )


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("seed", SEEDS)
def test_classifier_matches_a_brute_force_tree(seed, criterion):
    X, y, _, Q = float32_data(seed, n=60, n_features=3)
    w = np.random.default_rng(seed).uniform(0.5, 2.0, size=60)
    for params in ({"min_samples_leaf": 4}, {"min_samples_split": 10}):
        tree = mod.DecisionTreeClassifier(criterion=criterion, **params)
        with inputs_unchanged("fit", X=X, y=y, sample_weight=w):
            tree.fit(X, y, sample_weight=w)
        oracle = brute_force_tree(X, y, criterion, sample_weight=w, **params)
        assert_unambiguous(oracle)
        compare_with_oracle(tree, oracle, Q, params, "predict_proba")


@pytest.mark.parametrize("seed", SEEDS)
def test_regressor_matches_a_brute_force_tree(seed):
    X, _, y, Q = float32_data(seed, n=60, n_features=3)
    w = np.random.default_rng(seed).uniform(0.5, 2.0, size=60)
    for params, weights in (({"min_samples_leaf": 4}, None), ({"min_samples_split": 10}, w)):
        with inputs_unchanged("fit", X=X, y=y):
            tree = mod.DecisionTreeRegressor(**params).fit(X, y, sample_weight=weights)
        oracle = brute_force_tree(X, y, "squared_error", sample_weight=weights, **params)
        assert_unambiguous(oracle)
        compare_with_oracle(tree, oracle, Q, params, "predict")


@pytest.mark.parametrize(
    "criterion, params",
    [
        ("gini", {"max_depth": 4, "min_samples_leaf": 4}),
        ("gini", {"min_samples_leaf": 12}),
        ("entropy", {"max_depth": 4, "min_samples_leaf": 4}),
    ],
)
@pytest.mark.timeout(30)  # importing scikit-learn can take seconds
def test_classifier_matches_sklearn(criterion, params):
    sk_tree = import_sklearn("tree")
    X, y, _, Q = float32_data(0)
    y = np.array(["low", "mid", "high"])[y]
    mine = mod.DecisionTreeClassifier(criterion=criterion, **params).fit(X, y)
    ref = sk_tree.DecisionTreeClassifier(criterion=criterion, random_state=0, **params)
    ref.fit(X, y)
    assert_best_splits_unique(ref, X, y, criterion, params["min_samples_leaf"])
    assert (mine.depth_, mine.n_leaves_) == (ref.get_depth(), ref.get_n_leaves()), (
        f"depth_ {mine.depth_} and n_leaves_ {mine.n_leaves_}; scikit-learn's tree has "
        f"{ref.get_depth()} and {ref.get_n_leaves()}"
    )
    np.testing.assert_array_equal(mine.classes_, ref.classes_)
    np.testing.assert_allclose(
        mine.predict_proba(Q), ref.predict_proba(Q), atol=1e-12,
        err_msg=f"{criterion}, {params}: predict_proba differs from scikit-learn's tree",
    )  # fmt: skip
    np.testing.assert_array_equal(
        mine.predict(Q), ref.predict(Q), err_msg="predict differs from scikit-learn's tree"
    )
    np.testing.assert_allclose(
        mine.feature_importances_, ref.feature_importances_, atol=1e-10,
        err_msg="feature_importances_ differ from scikit-learn's (mean decrease in impurity)",
    )  # fmt: skip


@pytest.mark.timeout(30)  # importing scikit-learn can take seconds
def test_regressor_matches_sklearn():
    sk_tree = import_sklearn("tree")
    X, _, y, Q = float32_data(8)
    for params in ({"min_samples_leaf": 5}, {"max_depth": 5, "min_samples_split": 12}):
        mine = mod.DecisionTreeRegressor(**params).fit(X, y)
        ref = sk_tree.DecisionTreeRegressor(random_state=0, **params).fit(X, y)
        assert_best_splits_unique(ref, X, y, "squared_error", params.get("min_samples_leaf", 1))
        assert (mine.depth_, mine.n_leaves_) == (ref.get_depth(), ref.get_n_leaves()), (
            f"{params}: depth_ {mine.depth_} and n_leaves_ {mine.n_leaves_}; scikit-learn's "
            f"regression tree has {ref.get_depth()} and {ref.get_n_leaves()}"
        )
        np.testing.assert_allclose(
            mine.predict(Q), ref.predict(Q), rtol=1e-10, atol=1e-12,
            err_msg=f"{params}: predict differs from scikit-learn's regression tree",
        )  # fmt: skip
        np.testing.assert_allclose(
            mine.feature_importances_, ref.feature_importances_, atol=1e-10, err_msg=str(params)
        )


# --- properties --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_a_full_tree_fits_distinct_training_points(seed):
    X, y_clf, y_reg, _ = float32_data(seed, n=80)
    np.testing.assert_array_equal(mod.DecisionTreeClassifier().fit(X, y_clf).predict(X), y_clf)
    np.testing.assert_allclose(mod.DecisionTreeRegressor().fit(X, y_reg).predict(X), y_reg)


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_order_and_scale_do_not_matter(seed):
    # The tie rules depend on features and thresholds only, never on the sample order.
    X, y, Q = tie_rich_data(seed)
    perm = np.random.default_rng(seed).permutation(len(X))
    base = mod.DecisionTreeClassifier(max_depth=4).fit(X, y)
    np.testing.assert_allclose(
        mod.DecisionTreeClassifier(max_depth=4).fit(X[perm], y[perm]).predict_proba(Q),
        base.predict_proba(Q),
        err_msg="permuting the training samples changed the tree: ties must be broken by "
        "feature index and threshold, not by sample order",
    )
    np.testing.assert_allclose(
        mod.DecisionTreeClassifier(max_depth=4).fit(4 * X, y).predict_proba(4 * Q),
        base.predict_proba(Q),
        err_msg="scaling X (and the queries) by 4 must give the same tree",
    )


@pytest.mark.parametrize("max_depth", [1, 2, 5])
def test_max_depth_is_respected(max_depth):
    X, y, _, _ = float32_data(2)
    tree = mod.DecisionTreeClassifier(max_depth=max_depth).fit(X, y)
    assert tree.depth_ == max_depth, (
        f"max_depth={max_depth} on 200 noisy samples: depth_ is {tree.depth_}"
    )
    assert tree.n_leaves_ <= 2**max_depth


def test_apply_gives_leaf_ids():
    X, y, _, Q = float32_data(3)
    for tree in (
        mod.DecisionTreeClassifier(min_samples_leaf=5).fit(X, y),
        mod.DecisionTreeRegressor(max_depth=4).fit(X, X[:, 0]),
    ):
        leaves = tree.apply(X)
        assert np.issubdtype(leaves.dtype, np.integer) and leaves.shape == (len(X),)
        assert leaves.min() >= 0 and leaves.max() < tree.n_leaves_, (
            f"apply returned ids from {leaves.min()} to {leaves.max()}; leaf ids are "
            f"0 .. n_leaves_ - 1 = {tree.n_leaves_ - 1}"
        )
        assert np.unique(leaves).size == tree.n_leaves_, "every leaf holds training samples"
        out = tree.predict_proba(Q) if hasattr(tree, "predict_proba") else tree.predict(Q)
        ids = tree.apply(Q)
        for leaf in np.unique(ids):
            assert np.allclose(out[ids == leaf], out[ids == leaf][0]), (
                "samples with the same leaf id must get the same prediction"
            )


def test_max_features_draws_a_feature_subset_per_node():
    # Feature 0 alone separates the classes; the others are noise. With all features every
    # tree is the single perfect split; with one random feature per node most are not.
    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 5))
    y = (X[:, 0] > 0).astype(int)
    full = mod.DecisionTreeClassifier(random_state=1).fit(X, y)
    np.testing.assert_allclose(full.feature_importances_, [1, 0, 0, 0, 0], atol=1e-12)
    roots = [
        mod.DecisionTreeClassifier(max_features=1, random_state=s).fit(X, y) for s in range(8)
    ]
    assert any(t.feature_importances_[0] < 1 - 1e-9 for t in roots), (
        "with max_features=1, eight trees (random_state 0..7) all split only on feature 0, "
        "the best feature: max_features is ignored. Each node must examine its own random "
        "subset of n_split_features features, drawn from rng."
    )
    used = [int(np.count_nonzero(t.feature_importances_)) for t in roots]
    assert max(used) >= 2, (
        f"with max_features=1 each of eight full trees splits on a single feature ({used} "
        "features used): the subset is drawn once per tree. Draw a fresh subset at EVERY "
        "node, so that one tree uses many features."
    )


def test_random_state_makes_the_tree_deterministic():
    X, y, _, Q = float32_data(5)
    make = mod.DecisionTreeClassifier
    a = make(max_features=2, random_state=3).fit(X, y).predict_proba(Q)
    b = make(max_features=2, random_state=3).fit(X, y).predict_proba(Q)
    assert np.array_equal(a, b), (
        "max_features=2, random_state=3 twice gave two different trees: draw the feature "
        "subsets from rng = check_random_state(random_state) (the stub makes it), never "
        "from np.random or a fresh unseeded generator"
    )
    others = [make(max_features=2, random_state=s).fit(X, y).predict_proba(Q) for s in (4, 5)]
    assert any(not np.array_equal(a, o) for o in others), (
        "random_state 3, 4 and 5 gave identical trees with max_features=2: draw the features "
        "from the generator check_random_state(random_state) returns"
    )
    gen = make(max_features=2, random_state=np.random.default_rng(0)).fit(X, y)
    assert gen.predict_proba(Q).shape == a.shape, "a numpy Generator is a valid random_state"
    fixed = [make(random_state=s).fit(X, y).predict_proba(Q) for s in (0, 1)]
    np.testing.assert_array_equal(
        fixed[0], fixed[1], err_msg="with max_features=None the tree uses no randomness"
    )


def test_ties_among_the_drawn_features_go_to_the_lowest_index():
    # Three identical columns: every drawn feature gives the same (perfect) split, so the
    # split goes to the lowest feature index among the drawn ones, and feature 2 (never the
    # lowest of two drawn features) is never used.
    x = np.random.default_rng(3).normal(size=30)
    X, y = np.column_stack([x, x, x]), (x > 0.2).astype(int)
    used = []
    for seed in range(10):
        tree = mod.DecisionTreeClassifier(max_features=2, random_state=seed).fit(X, y)
        used.append(int(np.argmax(tree.feature_importances_)))
    assert 2 not in used, (
        f"three identical columns, max_features=2, random_state 0..9: the split features "
        f"were {used}. Feature 2 ties with the other drawn feature and has the higher "
        "index: ties go to the lowest feature index, so search the drawn features in "
        "increasing order (np.sort the subset), not in the order they were drawn"
    )


@pytest.mark.parametrize("max_features", ["sqrt", "log2", 0.5, 3])
def test_max_features_options_grow_valid_trees(max_features):
    X, y, _, _ = float32_data(6, n_features=9)
    tree = mod.DecisionTreeClassifier(max_features=max_features, random_state=0).fit(X, y)
    np.testing.assert_array_equal(tree.predict(X), y, err_msg="a full tree still fits its data")


# --- validation, inputs, fitting ---------------------------------------------------------------


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_fit_and_predict_do_not_modify_their_inputs(cls):
    X, y_clf, y_reg, Q = float32_data(4, n=60)
    y = y_clf if cls == CLASSIFIER else y_reg
    w = np.linspace(0.5, 2.0, 60)
    tree = getattr(mod, cls)(max_features=2, random_state=0)
    with inputs_unchanged("fit", X=X, y=y, sample_weight=w):
        tree.fit(X, y, sample_weight=w)
    with inputs_unchanged("predict", X=Q):
        tree.predict(Q)
    with inputs_unchanged("apply", X=Q):
        tree.apply(Q)


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_outputs_are_float64(cls):
    X, y = np.arange(12).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    tree = getattr(mod, cls)().fit(X, y)
    out = tree.predict_proba(X) if cls == CLASSIFIER else tree.predict(X)
    assert out.dtype == np.float64, f"{cls} returned {out.dtype}, expected float64"
    assert tree.feature_importances_.dtype == np.float64
    assert isinstance(tree.depth_, int | np.integer) and isinstance(
        tree.n_leaves_, int | np.integer
    )


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"max_depth": 0}, "max_depth"),
        ({"max_depth": 2.5}, "max_depth"),
        ({"min_samples_split": 1}, "min_samples_split"),
        ({"min_samples_leaf": 0}, "min_samples_leaf"),
        ({"max_features": 0}, "max_features"),
        ({"max_features": 1.5}, "max_features"),
        ({"max_features": "auto"}, "max_features"),
        ({"criterion": "mae"}, "criterion"),
    ],
)
def test_invalid_hyperparameters_are_value_errors(cls, params, match):
    X, y = np.arange(12.0).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    getattr(mod, cls)().fit(X, y).predict(X)
    with pytest.raises(ValueError, match=match):
        getattr(mod, cls)(**params).fit(X, y)


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_bad_input_is_a_value_error(cls):
    X, y = np.arange(12.0).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    tree = getattr(mod, cls)().fit(X, y)
    tree.predict(X)
    with pytest.raises(ValueError, match="features"):
        tree.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        tree.predict([[np.nan, 0.0]])
    with pytest.raises(ValueError, match="samples"):
        getattr(mod, cls)().fit(X, y[:5])
    with pytest.raises(ValueError, match="sample_weight"):
        getattr(mod, cls)().fit(X, y, sample_weight=[1.0, 1.0, -1.0, 1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="sample_weight"):
        getattr(mod, cls)().fit(X, y, sample_weight=[1.0, 2.0])


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_use_before_fit_is_a_not_fitted_error(cls):
    X, y = np.arange(12.0).reshape(6, 2), [0, 1, 0, 1, 1, 1]
    getattr(mod, cls)().fit(X, y).predict(X)
    methods = ["predict", "apply"] + (["predict_proba"] if cls == CLASSIFIER else [])
    for method in methods:
        with pytest.raises(NotFittedError, match="fit"):
            getattr(getattr(mod, cls)(), method)(X)


def test_fit_returns_self_and_stores_hyperparameters_unchanged():
    params = dict(
        criterion="entropy",
        max_depth=3,
        min_samples_split=4,
        min_samples_leaf=2,
        max_features="sqrt",
        random_state=7,
    )
    tree = mod.DecisionTreeClassifier(**params)
    assert tree.fit(np.arange(16.0).reshape(8, 2), [0, 1] * 4) is tree
    assert {k: getattr(tree, k) for k in params} == params
    assert tree.n_features_in_ == 2
    reg = mod.DecisionTreeRegressor(max_depth=2)
    assert reg.fit([[0.0], [1.0]], [0.0, 1.0]) is reg and reg.criterion == "squared_error"


# --- complexity, without a clock: Python lines counted, peak memory measured -----------------


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_no_python_loop_over_the_thresholds(cls):
    # 1000 x 3, max_depth=3 (at most 7 splits, 15 nodes). A sweep over each feature's
    # sorted values runs one pass of NumPy per feature and node: the reference (level by
    # level) about 400 Python lines, a stack of nodes searched one by one with a loop over
    # the features (hint 3) about 900. Recounting both sides with a mask for each of the
    # ~1000 thresholds per feature and node runs 160 000 or more.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1000, 3))
    if cls == CLASSIFIER:
        y = (X[:, 0] + X[:, 1] * X[:, 2] + 0.5 * rng.normal(size=1000) > 0).astype(int)
    else:
        y = X[:, 0] + rng.normal(size=1000)
    budget = 3000
    lines = python_lines(getattr(mod, cls)(max_depth=3).fit, X, y, budget=budget)
    assert lines <= budget, (
        f"{cls}(max_depth=3).fit on 1000 x 3 ran more than {budget} lines of Python (15 "
        "nodes at most): is there a Python loop over the candidate thresholds (a mask and "
        "a recount of both sides for each), or over the sorted samples? That is O(m^2) per "
        "feature and node, hopeless at 10 000 samples. Sort the node's samples by the "
        "feature once; cumulative sums of the class weights (or of w and w * y) give the "
        "left side of every cut at once, and the right side is the node's total minus it"
    )


@pytest.mark.parametrize("cls", [CLASSIFIER, REGRESSOR])
def test_no_thresholds_by_samples_matrix(cls):
    # 4000 x 3, max_depth=2. Comparing every threshold with every sample at once,
    # xs[None, :] <= thresholds[:, None], is the same quadratic recount without a loop: an
    # (m - 1, m) mask of 16 MB as booleans at the root, 128 MB as numbers (145 MB as
    # measured). A sweep with cumulative sums needs O(d n): 2.0 MB for the reference
    # (every node of a level at once), 0.7 MB for a stack of nodes (hint 3).
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4000, 3))
    if cls == CLASSIFIER:
        y = (X[:, 0] + X[:, 1] * X[:, 2] + 0.5 * rng.normal(size=4000) > 0).astype(int)
    else:
        y = X[:, 0] + rng.normal(size=4000)
    getattr(mod, cls)().fit([[0.0], [1.0]], [0, 1])  # any one-time set-up is not counted
    _, peak = peak_memory(getattr(mod, cls)(max_depth=2).fit, X, y)
    assert peak < 8_000_000, (
        f"{cls}(max_depth=2).fit on 4000 x 3 allocated {peak / 1e6:.0f} MB: is there a "
        "(thresholds, samples) comparison matrix? Recounting both sides for every "
        "threshold is O(m^2) per feature and node even without a loop. Sort the node's "
        "samples by the feature; cumulative sums of the class weights (or of w and w * y) "
        "give the left side of every cut at once, in O(m) memory"
    )


# --- a deep tree -----------------------------------------------------------------------------


def test_a_deep_tree_grows_without_recursion():
    # Alternating labels on one feature: every split peels off the end sample, so the tree
    # is a chain 1 099 levels deep, past Python's default recursion limit of 1000.
    n = 1100
    X, y = column(np.arange(n)), np.arange(n) % 2
    try:
        tree = mod.DecisionTreeClassifier().fit(X, y)
    except RecursionError:
        pytest.fail(
            "RecursionError: a tree can be thousands of levels deep. Grow it with an "
            "explicit stack (or queue) of nodes instead of recursion."
        )
    assert tree.depth_ > 1000
    np.testing.assert_array_equal(tree.predict(X), y)
