"""Reference solution for trees/decision_tree.

The statement is in exercises/trees/decision_tree.py.

The tree is grown level by level: all the nodes of one depth are searched together, with
the same few NumPy calls, so the number of calls grows with the depth of the tree and not
with its number of nodes (a fully grown tree on 10 000 samples has ~20 000 nodes; searched
one at a time, the per-call overhead of NumPy would dominate). A stack of nodes searched
one by one (depth first) is the simpler answer and passes the same tests.
"""

import numbers
from typing import NamedTuple

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_max_features,
    check_option,
    check_random_state,
    check_sample_weight,
    check_scalar,
    check_X_y,
)


class _Tree(NamedTuple):
    """A fitted tree as flat arrays indexed by node id (the root is node 0)."""

    feature: np.ndarray  # split feature, -1 at a leaf
    threshold: np.ndarray  # a sample with x[feature] <= threshold goes left
    left: np.ndarray  # child node ids, -1 at a leaf
    right: np.ndarray
    value: np.ndarray  # class proportions (n_nodes, K), or the mean target (n_nodes,)
    impurity: np.ndarray
    weight: np.ndarray  # total sample weight of the node
    depth: np.ndarray
    leaf_id: np.ndarray  # 0 .. n_leaves - 1 at a leaf, -1 at a split node


def _xlogx(c):
    """c log c with 0 log 0 = 0 (the log of a masked 1 is 0: log(0) is never evaluated)."""
    return c * np.log(np.where(c > 0, c, 1.0))


def _layout(sizes):
    """For nodes laid end to end: each node's first position, and the node of every
    position."""
    return np.cumsum(sizes) - sizes, np.repeat(np.arange(sizes.size), sizes)


def _left_right(values, starts, sizes):
    """For every position p: the sum of ``values`` over its node's positions up to p
    (inclusive), and over the rest of the node, along the last axis.

    One cumulative sum serves every node: a node's left sums are the running total minus
    the total just before the node starts.
    """
    total = np.cumsum(values, axis=-1)
    at_end = total[..., starts + sizes - 1]  # (..., n_nodes): at each node's last position
    before = np.zeros_like(at_end)
    before[..., 1:] = at_end[..., :-1]
    left = total - np.repeat(before, sizes, axis=-1)
    return left, np.repeat(at_end - before, sizes, axis=-1) - left


class _Problem(NamedTuple):
    """What the split search needs to know about the targets."""

    kind: str  # "classification" or "regression"
    criterion: str  # "gini", "entropy" or "squared_error"
    y: np.ndarray  # class codes 0..K-1, or float targets
    w: np.ndarray  # sample weights
    n_classes: int
    onehot: np.ndarray | None  # (K, n): each sample's weight in its class row


def _classification(criterion, codes, w, n_classes):
    onehot = np.zeros((n_classes, codes.size))
    onehot[codes, np.arange(codes.size)] = w
    return _Problem("classification", criterion, codes, w, n_classes, onehot)


def _summaries(prob, samples, starts, seg):
    """Value, impurity and purity of each node of a level, and its total weight."""
    n_nodes = starts.size
    y, wn = prob.y[samples], prob.w[samples]
    weight = np.bincount(seg, wn, minlength=n_nodes)
    if prob.kind == "regression":
        mean = np.bincount(seg, wn * y, minlength=n_nodes) / weight
        impurity = np.bincount(seg, wn * (y - mean[seg]) ** 2, minlength=n_nodes) / weight
        # Pure = all targets exactly equal: nothing is left to explain.
        pure = np.minimum.reduceat(y, starts) == np.maximum.reduceat(y, starts)
        return mean, impurity, weight, pure
    K = prob.n_classes
    counts = np.bincount(seg * K + y, wn, minlength=n_nodes * K).reshape(n_nodes, K)
    # Impurities are functions of the proportions p_k = n_k / n, never of raw counts.
    proba = counts / weight[:, None]
    if prob.criterion == "gini":
        impurity = 1.0 - np.sum(proba**2, axis=1)
    else:
        impurity = -np.sum(_xlogx(proba), axis=1) / np.log(2.0)  # in bits, as scikit-learn
    return proba, impurity, weight, np.count_nonzero(counts, axis=1) <= 1


def _safe(weight, valid):
    """Invalid cuts (the last position of a node, a tie in x) get a harmless denominator."""
    return np.where(valid, weight, 1.0)


def _cut_scores(prob, order, starts, sizes, seg, node_value, valid):
    """Score of cutting each node between positions p and p + 1 (larger is better).

    The gain of a cut is W·imp(node) − W_l·imp(left) − W_r·imp(right). With Gini,
    W_l·gini(left) = W_l − Σ_k c_lk² / W_l (c = class weights), so maximizing
    Σ c_lk²/W_l + Σ c_rk²/W_r maximizes the gain; likewise Σ c log c − W log W per side for
    entropy, and s_l²/W_l + s_r²/W_r for squared error, s being the sum of the targets
    centred on the node's mean. One cumulative sum over each feature's sorted samples gives
    these for every cut at once: O(n) per feature after the sort, never O(n²).
    """
    if prob.kind == "regression":
        w_left, w_right = _left_right(prob.w[order], starts, sizes)
        w_left, w_right = _safe(w_left, valid), _safe(w_right, valid)
        # Centring first keeps s²/W from being a small difference of two huge numbers
        # when y has a large offset.
        n = prob.y.size
        centred = np.zeros(n)
        centred[order[0]] = prob.w[order[0]] * (prob.y[order[0]] - node_value[seg])
        s_left, s_right = _left_right(centred[order], starts, sizes)
        score = s_left**2 / w_left + s_right**2 / w_right
    else:
        # (K, k, M): class k's weight left and right of each cut; summed over the classes
        # it is the weight of each side.
        c_left, c_right = _left_right(prob.onehot[:, order], starts, sizes)
        w_left, w_right = _safe(c_left.sum(axis=0), valid), _safe(c_right.sum(axis=0), valid)
        if prob.criterion == "gini":
            score = np.sum(c_left**2, axis=0) / w_left + np.sum(c_right**2, axis=0) / w_right
        else:
            score = (
                np.sum(_xlogx(c_left), axis=0)
                - _xlogx(w_left)
                + np.sum(_xlogx(c_right), axis=0)
                - _xlogx(w_right)
            )
    return np.where(valid, score, -np.inf)


def _best_cuts(score, starts, seg):
    """Per node: the best score, and the row (feature) and position of the cut to make.

    Ties go to the first row (the lowest feature), then the lowest position (the lowest
    threshold). Scores equal up to rounding count as ties: two features that split a node
    into the same two sets have the same gain, but their sums run in different orders. The
    best score is -inf where the node has no valid cut.
    """
    per_row = np.maximum.reduceat(score, starts, axis=1)  # (k, n_nodes)
    best = per_row.max(axis=0)
    good_enough = best - 1e-12 * np.abs(best)
    row = np.argmax(per_row >= good_enough, axis=0)  # the first row reaching the best
    positions = np.arange(seg.size)
    hit = score[row[seg], positions] >= good_enough[seg]
    position = np.minimum.reduceat(np.where(hit, positions, seg.size), starts)
    return best, row, position


def _grow(X, prob, max_depth, min_samples_split, min_samples_leaf, n_split_features, rng):
    """Grow the tree breadth first; returns a _Tree."""
    n, d = X.shape
    XT = np.ascontiguousarray(X.T)  # one row per feature: gathers along a row are fast
    # order[j] lists the samples of the current level's nodes, node after node, each node's
    # samples sorted by feature j. The only sort is this one: splitting a node is a stable
    # partition, which keeps every child's samples sorted.
    order = np.argsort(XT, axis=1, kind="stable")
    sizes = np.array([n])
    levels = []  # per level: (value, impurity, weight, feature, threshold, n_children)
    depth = 0
    while sizes.size:
        starts, seg = _layout(sizes)
        value, impurity, weight, pure = _summaries(prob, order[0], starts, seg)
        feature = np.full(sizes.size, -1)
        threshold = np.full(sizes.size, np.nan)
        levels.append((value, impurity, weight, feature, threshold))

        # A node stays a leaf when it is pure, at max_depth, or too small to split.
        can_split = ~pure & (sizes >= min_samples_split) & (sizes >= 2 * min_samples_leaf)
        if max_depth is not None and depth >= max_depth:
            can_split[:] = False
        nodes = np.flatnonzero(can_split)  # positions of the candidates in this level
        order = order[:, can_split[seg]]
        sizes = sizes[nodes]
        if not nodes.size:
            break
        starts, seg = _layout(sizes)

        positions = np.arange(seg.size)
        if n_split_features < d:
            # A fresh random subset of features for every node (random forests), in
            # increasing order so that ties still go to the lowest feature index. Row r of
            # `candidates` holds, for each position, its node's r-th drawn feature's order.
            drawn = np.argsort(rng.random((sizes.size, d)), axis=1)[:, :n_split_features]
            drawn = np.sort(drawn, axis=1)
            rows = drawn[seg].T  # (k, M)
            candidates = order[rows, positions]
        else:
            drawn = np.broadcast_to(np.arange(d), (sizes.size, d))
            rows, candidates = np.arange(d)[:, None], order
        xs = XT[rows, candidates]  # (k, M) each node's sorted values of each feature
        within = positions - starts[seg]  # position inside its node
        # A cut after position p sends p + 1 samples left. It must fall between two
        # different values (a feature with one distinct value has none) and leave at least
        # min_samples_leaf samples on each side.
        valid = np.zeros(xs.shape, dtype=bool)
        valid[:, :-1] = xs[:, 1:] > xs[:, :-1]
        valid &= (within + 1 >= min_samples_leaf) & (sizes[seg] - within - 1 >= min_samples_leaf)
        score = _cut_scores(prob, candidates, starts, sizes, seg, value[nodes], valid)
        best, best_row, best_position = _best_cuts(score, starts, seg)

        found = np.isfinite(best)  # no valid cut (e.g. every feature constant): a leaf
        if not found.any():
            break
        split = nodes[found]
        r, p = best_row[found], best_position[found]
        f = drawn[found, r]
        below, above = xs[r, p], xs[r, p + 1]
        # The midpoint between consecutive distinct values (halves first: no overflow);
        # if rounding lands it on the upper value, the lower one separates the same samples.
        cut = below / 2 + above / 2
        cut = np.where(cut == above, below, cut)
        feature[split], threshold[split] = f, cut

        # Stable partition of every feature's order: a node's left samples first, then its
        # right samples, each keeping its sorted order. With L the running count of left
        # samples along a row, a left sample moves to L - 1 + (right samples of the nodes
        # before it), a right one to p + (left samples up to the end of its node) - L.
        keep = found[seg]
        order = order[:, keep]
        n_left = p - starts[found] + 1
        sizes = np.column_stack([n_left, sizes[found] - n_left]).ravel()
        node = np.cumsum(found)[seg[keep]] - 1  # index among the split nodes
        goes_left = np.zeros(n, dtype=bool)
        goes_left[order[0]] = XT[f[node], order[0]] <= cut[node]
        L = goes_left[order]
        left_before = np.cumsum(n_left) - n_left
        right_before = _layout(sizes[0::2] + sizes[1::2])[0] - left_before
        shift_left = (right_before - 1)[node]
        shift_right = np.arange(node.size) + (n_left + left_before)[node]
        running = np.cumsum(L, axis=1)
        new_pos = np.where(L, running + shift_left, shift_right - running)
        reordered = np.empty_like(order)
        np.put_along_axis(reordered, new_pos, order, axis=1)
        order = reordered
        depth += 1
    return _assemble(levels)


def _assemble(levels):
    """Number the nodes level by level and link every split node to its two children."""
    columns = (np.concatenate(a) for a in zip(*levels, strict=True))
    value, impurity, weight, feature, threshold = columns
    is_split = feature >= 0
    # The children of a level's split nodes are the next level's nodes, in order, two each:
    # with breadth-first numbering the k-th split node overall has children 2k+1 and 2k+2.
    first_child = 1 + 2 * (np.cumsum(is_split) - 1)
    left = np.where(is_split, first_child, -1)
    right = np.where(is_split, first_child + 1, -1)
    depth = np.concatenate([np.full(len(lv[0]), i) for i, lv in enumerate(levels)])
    leaf_id = np.where(is_split, -1, np.cumsum(~is_split) - 1)
    return _Tree(feature, threshold, left, right, value, impurity, weight, depth, leaf_id)


def _apply(tree, X):
    """The node each row of X ends in: every row steps down one level per iteration."""
    node = np.zeros(X.shape[0], dtype=np.intp)
    active = np.arange(X.shape[0]) if tree.feature[0] >= 0 else np.arange(0)
    while active.size:
        here = node[active]
        go_left = X[active, tree.feature[here]] <= tree.threshold[here]
        node[active] = np.where(go_left, tree.left[here], tree.right[here])
        active = active[tree.feature[node[active]] >= 0]
    return node


def _importances(tree, n_features):
    """Total weighted impurity decrease per feature, normalized to sum to 1 (scikit-learn's
    mean decrease in impurity); all zeros for a tree that is a single leaf."""
    split = np.flatnonzero(tree.feature >= 0)
    left, right = tree.left[split], tree.right[split]
    decrease = (
        tree.weight[split] * tree.impurity[split]
        - tree.weight[left] * tree.impurity[left]
        - tree.weight[right] * tree.impurity[right]
    )
    importances = np.bincount(tree.feature[split], decrease, minlength=n_features)
    total = importances.sum()
    return importances / total if total > 0 else importances


def _check_tree_params(est, n_features):
    """Validate the shared hyperparameters; return how many features each split examines."""
    if est.max_depth is not None:
        check_scalar(est.max_depth, "max_depth", kind=numbers.Integral, low=1)
    check_scalar(est.min_samples_split, "min_samples_split", kind=numbers.Integral, low=2)
    check_scalar(est.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
    return check_max_features(est.max_features, n_features)


def _fit(est, X, prob, n_split_features):
    rng = check_random_state(est.random_state)
    est._tree = tree = _grow(
        X,
        prob,
        est.max_depth,
        est.min_samples_split,
        est.min_samples_leaf,
        n_split_features,
        rng,
    )
    est.depth_ = int(tree.depth.max())
    est.n_leaves_ = int(np.count_nonzero(tree.feature < 0))
    est.feature_importances_ = _importances(tree, X.shape[1])
    return est


class DecisionTreeClassifier:
    """A CART classification tree: greedy binary splits that most reduce the impurity.

    Parameters
    ----------
    criterion : {'gini', 'entropy'}, default 'gini'
        The impurity of a node with class proportions p: Gini ``1 - sum p_k²`` or entropy
        ``-sum p_k log2 p_k``.
    max_depth : int or None, default None
        The maximum depth (the root is at depth 0); None grows until the leaves are pure
        or too small to split.
    min_samples_split : int, default 2
        A node with fewer samples is not split.
    min_samples_leaf : int, default 1
        A split must leave at least this many samples on each side.
    max_features : int, float, {'sqrt', 'log2'} or None, default None
        How many features each split examines, drawn at random for every node: an int, a
        fraction of the features (float in (0, 1]), sqrt or log2 of their number, or all.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the feature draws (used only when max_features is set).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted unique labels.
    n_features_in_ : int
    depth_ : int
        The depth of the deepest leaf (0 for a tree that is a single leaf).
    n_leaves_ : int
    feature_importances_ : ndarray of shape (n_features,)
        The weighted impurity decrease brought by each feature, normalized to sum to 1
        (all zeros when the tree has no split).

    Examples
    --------
    >>> tree = DecisionTreeClassifier().fit([[0.0], [1.0], [2.0], [3.0]], ["a", "a", "b", "b"])
    >>> tree.predict([[1.4], [1.6]]), tree.depth_, tree.n_leaves_
    (array(['a', 'b'], dtype='<U1'), 1, 2)
    """

    def __init__(
        self,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        max_features=None,
        random_state=None,
    ):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype (ints, strings, ...).
        sample_weight : array-like of shape (n_samples,) or None, default None
            Positive weights: a sample of weight 2 counts as two copies in every class
            proportion, impurity and leaf value (min_samples_* still count samples).
            None gives every sample weight 1. AdaBoost relies on this.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
        check_option(self.criterion, "criterion", ("gini", "entropy"))
        n_split_features = _check_tree_params(self, X.shape[1])
        self.n_features_in_ = X.shape[1]
        self.classes_, codes = np.unique(y, return_inverse=True)
        prob = _classification(self.criterion, codes, sample_weight, self.classes_.size)
        return _fit(self, X, prob, n_split_features)

    def apply(self, X):
        """The leaf that each sample falls into.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of int of shape (n_samples,)
            Leaf ids in ``0 .. n_leaves_ - 1``; two samples share an id exactly when they
            reach the same leaf.
        """
        X = check_fitted_input(self, X, attribute="n_leaves_")
        return self._tree.leaf_id[_apply(self._tree, X)]

    def predict_proba(self, X):
        """Class proportions (weighted) among the training samples of each sample's leaf.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns follow ``classes_`` (a class absent from a leaf gets 0); rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="n_leaves_")
        return self._tree.value[_apply(self._tree, X)]

    def predict(self, X):
        """The majority class of each sample's leaf (ties go to the first in ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="n_leaves_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class DecisionTreeRegressor:
    """A CART regression tree: greedy binary splits that most reduce the squared error.

    Parameters
    ----------
    criterion : {'squared_error'}, default 'squared_error'
        The impurity of a node: the (weighted) variance of its targets.
    max_depth : int or None, default None
        The maximum depth (the root is at depth 0); None grows until the leaves are pure
        or too small to split.
    min_samples_split : int, default 2
        A node with fewer samples is not split.
    min_samples_leaf : int, default 1
        A split must leave at least this many samples on each side.
    max_features : int, float, {'sqrt', 'log2'} or None, default None
        How many features each split examines, drawn at random for every node.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the feature draws (used only when max_features is set).

    Attributes
    ----------
    n_features_in_ : int
    depth_ : int
    n_leaves_ : int
    feature_importances_ : ndarray of shape (n_features,)

    Examples
    --------
    >>> tree = DecisionTreeRegressor(max_depth=1).fit([[0.0], [1.0], [2.0]], [1.0, 2.0, 6.0])
    >>> tree.predict([[0.0], [2.0]])
    array([1.5, 6. ])
    """

    def __init__(
        self,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        max_features=None,
        random_state=None,
    ):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Real-valued targets.
        sample_weight : array-like of shape (n_samples,) or None, default None
            Positive weights: a sample of weight 2 counts as two copies in every mean and
            variance (min_samples_* still count samples). None gives every sample weight 1.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y)
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
        check_option(self.criterion, "criterion", ("squared_error",))
        n_split_features = _check_tree_params(self, X.shape[1])
        self.n_features_in_ = X.shape[1]
        prob = _Problem("regression", "squared_error", y, sample_weight, 0, None)
        return _fit(self, X, prob, n_split_features)

    def apply(self, X):
        """The leaf that each sample falls into.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of int of shape (n_samples,)
            Leaf ids in ``0 .. n_leaves_ - 1``; two samples share an id exactly when they
            reach the same leaf.
        """
        X = check_fitted_input(self, X, attribute="n_leaves_")
        return self._tree.leaf_id[_apply(self._tree, X)]

    def predict(self, X):
        """The (weighted) mean training target of each sample's leaf.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="n_leaves_")
        return self._tree.value[_apply(self._tree, X)]
