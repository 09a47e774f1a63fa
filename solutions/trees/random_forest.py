"""Reference solution for trees/random_forest.

The statement is in exercises/trees/random_forest.py.
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

from .decision_tree import DecisionTreeClassifier, DecisionTreeRegressor


def _check_forest_params(est, n_features):
    check_scalar(est.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
    if est.max_depth is not None:
        check_scalar(est.max_depth, "max_depth", kind=numbers.Integral, low=1)
    check_scalar(est.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
    check_max_features(est.max_features, n_features)
    if not isinstance(est.bootstrap, bool | np.bool_):
        raise ValueError(f"bootstrap must be True or False, got {est.bootstrap!r}")
    if est.oob_score and not est.bootstrap:
        raise ValueError(
            "oob_score=True needs bootstrap=True: without bootstrap no sample is out of bag"
        )


def _grow_forest(est, make_tree, X, y):
    """Fit ``n_estimators`` trees, each on its own bootstrap sample (or on all samples)."""
    n = X.shape[0]
    rng = check_random_state(est.random_state)
    est.estimators_, est.estimators_samples_ = [], []
    for _ in range(est.n_estimators):
        # n draws with replacement: each sample is left out with probability
        # (1 - 1/n)^n ~ e^-1 ~ 0.368, which is what makes the out-of-bag estimate possible.
        idx = rng.integers(0, n, size=n) if est.bootstrap else np.arange(n)
        # The tree draws its own feature subsets, seeded from the forest's generator so
        # that one int random_state fixes the whole forest.
        tree = make_tree(int(rng.integers(2**31 - 1)))
        # A sample drawn c times weighs c (scikit-learn does this too), grown on ~63% as
        # many rows: the same tree as on X[idx] with its repeats when min_samples_leaf is
        # 1 (min_samples_leaf counts rows, so a larger one sees fewer rows here).
        counts = np.bincount(idx, minlength=n)
        drawn = np.flatnonzero(counts)
        est.estimators_.append(tree.fit(X[drawn], y[drawn], sample_weight=counts[drawn]))
        est.estimators_samples_.append(idx)
    est.n_features_in_ = X.shape[1]


def _out_of_bag(est, X, tree_output, width):
    """Per sample: the sum of tree_output(tree, X[oob]) over the trees for which it is out
    of bag, and how many such trees there are."""
    n = X.shape[0]
    total = np.zeros((n, width))
    n_trees = np.zeros(n)
    for tree, idx in zip(est.estimators_, est.estimators_samples_, strict=True):
        oob = np.ones(n, dtype=bool)
        oob[idx] = False
        total[oob] += tree_output(tree, X[oob])
        n_trees[oob] += 1
    return total, n_trees


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
        _check_forest_params(self, X.shape[1])
        self.classes_ = np.unique(y)

        def make_tree(seed):
            return DecisionTreeClassifier(
                max_depth=self.max_depth,
                min_samples_leaf=self.min_samples_leaf,
                max_features=self.max_features,
                random_state=seed,
            )

        _grow_forest(self, make_tree, X, y)
        if self.oob_score:
            total, n_trees = _out_of_bag(self, X, self._tree_proba, self.classes_.size)
            # Only the trees that never saw a sample vote on it; a sample that was in every
            # bag (rare after ~10 trees) has no out-of-bag prediction and is left out.
            seen = n_trees > 0
            votes = np.argmax(total[seen] / n_trees[seen, None], axis=1)
            self.oob_score_ = float(np.mean(self.classes_[votes] == y[seen]))
        return self

    def _tree_proba(self, tree, X):
        """A tree's probabilities in the forest's columns: a bootstrap sample can miss a
        class, and then that tree's classes_ (and columns) are fewer."""
        proba = np.zeros((X.shape[0], self.classes_.size))
        proba[:, np.searchsorted(self.classes_, tree.classes_)] = tree.predict_proba(X)
        return proba

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
        # Averaging probabilities (soft voting, as scikit-learn) rather than counting the
        # trees' hard votes keeps each tree's confidence.
        return sum(self._tree_proba(tree, X) for tree in self.estimators_) / len(self.estimators_)

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
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


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
        _check_forest_params(self, X.shape[1])

        def make_tree(seed):
            return DecisionTreeRegressor(
                max_depth=self.max_depth,
                min_samples_leaf=self.min_samples_leaf,
                max_features=self.max_features,
                random_state=seed,
            )

        _grow_forest(self, make_tree, X, y)
        if self.oob_score:
            total, n_trees = _out_of_bag(self, X, lambda t, Xo: t.predict(Xo)[:, None], 1)
            seen = n_trees > 0
            residual = y[seen] - total[seen, 0] / n_trees[seen]
            spread = y[seen] - y[seen].mean()
            # R² = 1 - SS_res / SS_tot over the samples that have an out-of-bag prediction.
            self.oob_score_ = float(1.0 - residual @ residual / (spread @ spread))
        return self

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
        return sum(tree.predict(X) for tree in self.estimators_) / len(self.estimators_)
