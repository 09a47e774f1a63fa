"""Kata trees/decision_tree: Decision tree classifier and regressor (CART).

Difficulty 3 (hard), target time 45 minutes.

Write a CART decision tree: a classifier (Gini or entropy) and a regressor (squared error).
Starting from the root, which holds every training sample, each node is split in two by
the test x[j] <= threshold that most reduces the impurity, greedily, until a stopping rule
makes it a leaf. A leaf predicts the class proportions (classifier) or the mean target
(regressor) of its training samples.

Grow the tree without recursion (an explicit stack or queue of nodes, or level by level:
a tree can be thousands of levels deep) and search each feature's thresholds in one sweep
over its sorted values, never by re-counting both sides for every candidate threshold.

Math:
    Node impurity, with p_k the (weighted) proportion of class k among the node's samples:
        gini(node)    = 1 - sum_k p_k^2
        entropy(node) = -sum_k p_k log2 p_k
        squared error = sum_i w_i (y_i - mean)^2 / sum_i w_i   (the weighted variance)
    A split of a node of total weight W into L and R gains
        gain = W imp(node) - W_L imp(L) - W_R imp(R)
    and the best split maximizes it over features j and thresholds t.
    Candidate thresholds of feature j: the midpoints (a + b) / 2 between consecutive
    distinct sorted values a < b of x[j] among the node's samples.
    One sweep: sort the node's samples by x[j]; cumulative sums of the class weights (or of
    w and w*y) give the left side of every cut at once, and the right side is the node's
    total minus the left: W_L gini(L) = W_L - sum_k c_Lk^2 / W_L with c_Lk the class
    weights on the left (and for squared error, W_L var(L) = sum w y^2 - s_L^2 / W_L with
    s_L = sum w y on the left), so every cut costs O(1) after the sort.
    feature_importances_[j] = the sum of the gains of the splits on feature j, divided by
    the sum of the gains of all splits (all zeros when the tree is a single leaf).

Shapes: X (n_samples, n_features); y (n_samples,); predict -> (n,); predict_proba ->
(n, n_classes); apply -> (n,) ints; feature_importances_ (n_features,).

Conventions:
- A sample with x[j] <= threshold goes to the left child. Thresholds are midpoints between
  consecutive distinct values (compute a / 2 + b / 2, which cannot overflow; if rounding
  makes it equal b, use a).
- Splits of equal gain go to the lowest feature index, then to the lowest threshold.
- A node is a leaf when it is pure (one class, or all targets equal), when its depth is
  max_depth (the root has depth 0), when it has fewer than min_samples_split samples, or
  when no threshold leaves at least min_samples_leaf samples on each side. Otherwise it is
  split, even if the best gain is 0 (as scikit-learn; XOR needs a first split that gains
  nothing on its own).
- max_features (an int, a float fraction, 'sqrt', 'log2' or None = all; the stub turns it
  into `n_split_features`): every node examines its own random subset of that many
  features, drawn from `rng`; ties among them still go to the lowest feature index. With
  all features no random draw matters: the tree is deterministic.
- sample_weight (positive; None = all ones) weighs every class proportion, mean, variance
  and gain; min_samples_split and min_samples_leaf still count samples.
- Labels may be any sortable type; classes_ holds the sorted unique labels of the whole
  training set, predict_proba's columns follow it (a class absent from a leaf gets 0) and
  predict returns the leaf's most probable class (ties to the first in classes_).
- depth_ is the depth of the deepest leaf, n_leaves_ the number of leaves; apply(X) gives
  each sample's leaf id in 0 .. n_leaves_ - 1.
- feature_importances_[j]: the sum, over the splits on feature j, of
  W imp(node) - W_L imp(L) - W_R imp(R) (W = total sample weight of a node), divided by
  the same sum over all splits; all zeros when the tree is a single leaf.
- On float32-representable data whose best split is unique at every node, the tree equals
  scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor (predictions, depth_,
  n_leaves_, feature_importances_).
- Never modify the caller's arrays.

Complexity: sorting a node's samples by each feature costs O(d m log m) for m samples, and
the sweep O(d m K); a level of the tree costs O(d n log n) in all. Sorting once at the root
and keeping each feature's order through a stable partition of every split saves the
log factor. Re-counting both sides for each of the m thresholds is O(m^2) per feature:
hopeless at 10 000 samples.

Pitfalls:
- Gini on counts (1 - sum n_k^2) instead of proportions (1 - sum p_k^2).
- Thresholds at sample values instead of midpoints: a point between two training values
  goes to the wrong side.
- min_samples_leaf ignored, or checked only on one side of the split.
- A feature with one distinct value has no threshold: a "split" at that value sends
  everything left and leaves an empty child.
- A pure node is a leaf: splitting it further gains nothing and its children are useless.
- A leaf whose samples miss some class must still return one column per class of the
  whole training set (computing proportions from np.unique of the leaf's labels does not).
- Stopping when the best gain is 0: XOR is then never learned.
- Recursion: a chain-like tree on a few thousand samples exceeds Python's recursion limit.
- String labels: encode them as positions in classes_ before counting.

Worked example:
    Gini, one feature: x = [1, 2, 3, 4, 5], y = [a, a, b, a, b]; the root's Gini is
    1 - (3/5)^2 - (2/5)^2 = 0.48. The weighted child impurity
    (W_L gini(L) + W_R gini(R)) / W of each cut:
        1.5: {a} | {a, b, a, b}   (0 + 4 * 0.5) / 5         = 0.4
        2.5: {a, a} | {b, a, b}    (0 + 3 * 4/9) / 5         = 0.267   <- best
        3.5: {a, a, b} | {a, b}    (3 * 4/9 + 2 * 0.5) / 5   = 0.467
        4.5: {a, a, b, a} | {b}    (4 * 3/8 + 0) / 5         = 0.3
    The right child {3: b, 4: a, 5: b} has two cuts of equal gain, 3.5 and 4.5 (both
    leave 2 * 0.5 / 3): the lower threshold wins, then {4: a, 5: b} splits at 4.5.
    depth_ = 3, n_leaves_ = 4, predict([[2.4], [2.6], [3.5], [4.2]]) = [a, b, b, a].

Run `pytest --kata trees/decision_tree` to check your work; hints are in
hints/trees/decision_tree.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (
    check_fitted_input,
    check_max_features,
    check_option,
    check_random_state,
    check_sample_weight,
    check_scalar,
    check_X_y,
)


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
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        check_scalar(self.min_samples_split, "min_samples_split", kind=numbers.Integral, low=2)
        check_scalar(self.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
        n_split_features = check_max_features(self.max_features, X.shape[1])
        rng = check_random_state(self.random_state)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("DecisionTreeClassifier.fit")

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
        raise NotImplementedError("DecisionTreeClassifier.apply")

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
        raise NotImplementedError("DecisionTreeClassifier.predict_proba")

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
        raise NotImplementedError("DecisionTreeClassifier.predict")


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
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        check_scalar(self.min_samples_split, "min_samples_split", kind=numbers.Integral, low=2)
        check_scalar(self.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
        n_split_features = check_max_features(self.max_features, X.shape[1])
        rng = check_random_state(self.random_state)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("DecisionTreeRegressor.fit")

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
        raise NotImplementedError("DecisionTreeRegressor.apply")

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
        raise NotImplementedError("DecisionTreeRegressor.predict")
