"""Kata trees/random_forest: Random forest with bagging and out-of-bag score.

Difficulty 2 (standard), target time 30 minutes.

Build a random forest on top of YOUR decision tree: solve trees/decision_tree first (this
module imports DecisionTreeClassifier and DecisionTreeRegressor from
exercises/trees/decision_tree.py). Each of n_estimators trees is fitted on a bootstrap
sample of the training set and searches a random subset of max_features features at every
split; the forest averages the trees. With oob_score=True it also scores itself on the
samples each tree never saw, a free validation estimate.

Math:
    bootstrap sample   idx_b = n indices drawn uniformly WITH replacement from 0 .. n-1
    classifier         p(x) = (1/B) sum_b p_b(x)   (the trees' predict_proba, averaged)
                       predict(x) = classes_[argmax_k p_k(x)]
    regressor          f(x) = (1/B) sum_b f_b(x)
    P(sample i not in idx_b) = (1 - 1/n)^n ~ e^-1 ~ 0.368: each sample is out of bag (OOB)
    for about a third of the trees. Its OOB prediction averages only those trees:
        p_oob(x_i) = mean of p_b(x_i) over the trees b with i not in idx_b
    oob_score_ = accuracy of argmax p_oob (classifier), or
                 R^2 = 1 - sum_i (y_i - f_oob(x_i))^2 / sum_i (y_i - mean y)^2 (regressor),
    over the samples that are out of bag for at least one tree.
    Variance of an average of B trees of variance s^2 and correlation rho:
        rho s^2 + (1 - rho) s^2 / B; the random feature subsets lower rho.

Shapes: X (n_samples, n_features); y (n_samples,); predict -> (n,); predict_proba ->
(n, n_classes); estimators_ a list of n_estimators trees; estimators_samples_ a list of
n_estimators int arrays of shape (n_samples,).

Conventions:
- One generator for the whole forest: rng = check_random_state(random_state) (the stub
  calls it). For each tree, in order: idx = rng.integers(0, n, size=n) (with bootstrap;
  np.arange(n) without), then the tree's own random_state, an int drawn from rng
  (rng.integers(2**31 - 1)). The same int random_state gives the same forest.
- Tree b is DecisionTreeClassifier / DecisionTreeRegressor(max_depth=max_depth,
  min_samples_leaf=min_samples_leaf, max_features=max_features, random_state=its int),
  fitted on X[idx], y[idx], or on the distinct drawn samples with sample_weight = how
  many times each was drawn (faster, and what scikit-learn does). The two give the same
  tree when min_samples_leaf = 1; with a larger one they may differ (min_samples_leaf
  counts the rows a tree is given, repeats or not), and the tests accept either.
  estimators_samples_[b] is idx itself (with its repeats).
- max_features defaults to 'sqrt' for the classifier and 1.0 (all features, as
  scikit-learn) for the regressor.
- predict_proba is the mean of the trees' predict_proba, in the columns of the forest's
  classes_ (the sorted labels of the whole y). A tree whose bootstrap sample missed a class
  has fewer columns (its own classes_): put them in the right columns, 0 in the others.
  predict = classes_[argmax of predict_proba] (ties to the first class).
- oob_score_ (only with oob_score=True): each training sample is predicted by the mean
  predict_proba (classifier) or predict (regressor) of the trees whose
  estimators_samples_ do not contain it; the score is the accuracy of the argmax, or
  R^2 = 1 - sum (y - pred)^2 / sum (y - mean y)^2, taken over the samples that are out of
  bag for at least one tree only (the accuracy, both sums and mean y alike).
  oob_score=True with bootstrap=False raises a ValueError (no sample is ever out of bag).
- Labels may be any sortable type. Never modify the caller's arrays.

Complexity: B trees of O(m n log^2 n) each (m = max_features); fitting the distinct drawn
samples with counts as weights grows each tree on ~63% as many rows. The OOB score costs one
prediction per (tree, out-of-bag sample). A forest of 100 trees on 10 000 x 10 should take
seconds, not minutes: that is your tree's speed times 100.

Pitfalls:
- Bootstrap ignored (every tree on all the samples), or max_features not passed to the
  trees: with all features and the same data every tree is the same tree.
- Every tree seeded with the forest's random_state itself: the trees then draw the same
  feature subsets; draw a fresh int for each tree from the one generator.
- Hard votes (the mean of the trees' predict) instead of the mean of predict_proba.
- A class missing from a bootstrap sample: the tree's predict_proba has fewer columns.
- OOB computed with every tree (that is the training accuracy, near 1), or over samples
  that were in the bag.

Worked example:
    Three trees, two classes, a query x: the trees' predict_proba at x are [1, 0],
    [0.25, 0.75] and [0.4, 0.6]; the forest gives [0.55, 0.45] and predicts classes_[0],
    although two of the three trees vote for classes_[1].
    OOB: n = 4, estimators_samples_ = [[0, 0, 1, 2], [1, 2, 3, 3], [0, 1, 1, 3]]: sample 3
    is out of bag for tree 0 only, sample 0 for tree 1, sample 2 for tree 2, and sample 1
    for none (it is left out of the score).

Run `pytest --kata trees/random_forest` to check your work; hints are in
hints/trees/random_forest.md.
"""

import numbers

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_max_features,
    check_random_state,
    check_scalar,
    check_X_y,
)

from .decision_tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: F401


class RandomForestClassifier:
    """Bagged decision trees with a random feature subset at every split.

    Parameters
    ----------
    n_estimators : int, default 100
        The number of trees.
    max_features : int, float, {'sqrt', 'log2'} or None, default 'sqrt'
        How many features each split of each tree examines (passed to the trees).
    max_depth : int or None, default None
        The maximum depth of each tree.
    bootstrap : bool, default True
        Fit each tree on n samples drawn with replacement; False fits every tree on all
        samples (then only max_features makes the trees differ).
    oob_score : bool, default False
        Compute ``oob_score_``, the accuracy of the out-of-bag predictions (needs
        bootstrap).
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the bootstrap samples and the trees' feature draws.
    min_samples_leaf : int, default 1
        Passed to the trees.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    estimators_ : list of DecisionTreeClassifier
    estimators_samples_ : list of ndarray of shape (n_samples,)
        The training-sample indices each tree was fitted on (with repeats).
    oob_score_ : float
        Only with ``oob_score=True``: the accuracy, on the training samples, of the mean
        probabilities of the trees for which each sample was out of bag.

    Examples
    --------
    >>> X, y = [[0.0], [1.0], [2.0], [3.0]], ["a", "a", "b", "b"]
    >>> forest = RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    >>> forest.predict_proba([[0.0]]).shape, len(forest.estimators_)
    ((1, 2), 10)
    """

    def __init__(
        self,
        n_estimators=100,
        max_features="sqrt",
        max_depth=None,
        bootstrap=True,
        oob_score=False,
        random_state=None,
        min_samples_leaf=1,
    ):
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.max_depth = max_depth
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """Fit the trees on bootstrap samples of ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        check_scalar(self.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
        check_max_features(self.max_features, X.shape[1])
        if not isinstance(self.bootstrap, bool | np.bool_):
            raise ValueError(f"bootstrap must be True or False, got {self.bootstrap!r}")
        if self.oob_score and not self.bootstrap:
            raise ValueError(
                "oob_score=True needs bootstrap=True: without bootstrap no sample is out of bag"
            )
        rng = check_random_state(self.random_state)  # draw every random number from rng
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("RandomForestClassifier.fit")

    def predict_proba(self, X):
        """The mean of the trees' class probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns follow ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        raise NotImplementedError("RandomForestClassifier.predict_proba")

    def predict(self, X):
        """The class of largest mean probability (ties go to the first in ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        raise NotImplementedError("RandomForestClassifier.predict")


class RandomForestRegressor:
    """Bagged regression trees; the prediction is the mean of the trees'.

    Parameters
    ----------
    n_estimators : int, default 100
        The number of trees.
    max_features : int, float, {'sqrt', 'log2'} or None, default 1.0
        How many features each split examines; 1.0 (all, as scikit-learn) makes the
        forest plain bagging.
    max_depth : int or None, default None
        The maximum depth of each tree.
    bootstrap : bool, default True
        Fit each tree on n samples drawn with replacement.
    oob_score : bool, default False
        Compute ``oob_score_``, the R² of the out-of-bag predictions (needs bootstrap).
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the bootstrap samples and the trees' feature draws.
    min_samples_leaf : int, default 1
        Passed to the trees.

    Attributes
    ----------
    n_features_in_ : int
    estimators_ : list of DecisionTreeRegressor
    estimators_samples_ : list of ndarray of shape (n_samples,)
    oob_score_ : float
        Only with ``oob_score=True``: the R² of the mean prediction of the trees for which
        each training sample was out of bag.

    Examples
    --------
    >>> X, y = [[0.0], [1.0], [2.0], [3.0]], [0.0, 1.0, 2.0, 3.0]
    >>> forest = RandomForestRegressor(n_estimators=5, random_state=0).fit(X, y)
    >>> forest.predict([[1.0]]).shape
    (1,)
    """

    def __init__(
        self,
        n_estimators=100,
        max_features=1.0,
        max_depth=None,
        bootstrap=True,
        oob_score=False,
        random_state=None,
        min_samples_leaf=1,
    ):
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.max_depth = max_depth
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """Fit the trees on bootstrap samples of ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y)
        check_scalar(self.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        check_scalar(self.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
        check_max_features(self.max_features, X.shape[1])
        if not isinstance(self.bootstrap, bool | np.bool_):
            raise ValueError(f"bootstrap must be True or False, got {self.bootstrap!r}")
        if self.oob_score and not self.bootstrap:
            raise ValueError(
                "oob_score=True needs bootstrap=True: without bootstrap no sample is out of bag"
            )
        rng = check_random_state(self.random_state)  # draw every random number from rng
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("RandomForestRegressor.fit")

    def predict(self, X):
        """The mean of the trees' predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        raise NotImplementedError("RandomForestRegressor.predict")
