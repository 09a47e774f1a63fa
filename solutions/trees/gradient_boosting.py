"""Reference solution for trees/gradient_boosting.

The statement is in exercises/trees/gradient_boosting.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_random_state, check_scalar, check_X_y

from .decision_tree import DecisionTreeRegressor

# Below this, a leaf's sum of p(1 - p) counts as 0 and the leaf gets the value 0, as in
# scikit-learn: its samples are already predicted with certainty, no step can help.
_TINY_HESSIAN = 1e-150


def _check_params(est):
    check_scalar(est.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
    check_scalar(est.learning_rate, "learning_rate", low=0, low_inclusive=False)
    check_scalar(est.subsample, "subsample", low=0, high=1, low_inclusive=False)
    if est.max_depth is not None:
        check_scalar(est.max_depth, "max_depth", kind=numbers.Integral, low=1)


def _in_bag(rng, n, subsample):
    """The rows a stage is fitted on: all of them, or max(1, int(subsample * n)) drawn
    without replacement (stochastic gradient boosting, Friedman 2002)."""
    if subsample >= 1.0:
        return np.arange(n)
    return np.sort(rng.choice(n, size=max(1, int(subsample * n)), replace=False))


def _sigmoid(F):
    """1 / (1 + e^-F) without overflow: exp of -log(1 + e^-F), with log(1 + e^-F) from
    logaddexp (exact for large |F|)."""
    return np.exp(-np.logaddexp(0.0, -F))


def _log_loss(t, F):
    """Mean binary log-loss of targets t in {0, 1} at raw scores F:
    log(1 + e^F) - t F, from logaddexp (no overflow, no log(0))."""
    return float(np.mean(np.logaddexp(0.0, F) - t * F))


class GradientBoostingRegressor:
    """Gradient boosting of regression trees on the squared error.

    Parameters
    ----------
    n_estimators : int, default 100
        The number of boosting stages (one tree each).
    learning_rate : float, default 0.1
        Shrinkage: each tree's contribution is multiplied by it, in fit and in predict.
    max_depth : int or None, default 3
        The depth of every tree.
    subsample : float in (0, 1], default 1.0
        The fraction of the samples each tree is fitted on, drawn without replacement for
        every stage; 1.0 uses them all.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the subsamples (unused when subsample is 1.0).

    Attributes
    ----------
    init_ : float
        The initial prediction: the mean of y.
    estimators_ : list of DecisionTreeRegressor
        The fitted trees, one per stage.
    train_score_ : ndarray of shape (n_estimators,)
        ``train_score_[i]``: the mean squared error on the whole training set after stage i.
    n_features_in_ : int

    Examples
    --------
    >>> X, y = [[1.0], [2.0], [3.0], [4.0]], [1.0, 2.0, 3.0, 10.0]
    >>> model = GradientBoostingRegressor(n_estimators=2, learning_rate=0.5, max_depth=1)
    >>> model.fit(X, y).train_score_
    array([3.5 , 1.25])
    >>> model.predict([[0.0], [5.0]])
    array([2.5, 8.5])
    """

    def __init__(
        self, n_estimators=100, learning_rate=0.1, max_depth=3, subsample=1.0, random_state=None
    ):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.subsample = subsample
        self.random_state = random_state

    def fit(self, X, y):
        """Fit ``n_estimators`` trees, each to the residuals of the model so far.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Real-valued targets.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y)
        _check_params(self)
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        n = X.shape[0]
        self.init_ = float(np.mean(y))  # the constant that minimizes the squared error
        F = np.full(n, self.init_)
        self.estimators_ = []
        self.train_score_ = np.empty(self.n_estimators)
        for i in range(self.n_estimators):
            rows = _in_bag(rng, n, self.subsample)
            # The negative gradient of (1/2)(y - F)^2 with respect to F: the residual. A
            # squared-error tree's leaf means are already the best step for this loss.
            residual = y - F
            tree = DecisionTreeRegressor(max_depth=self.max_depth)
            tree.fit(X[rows], residual[rows])
            F = F + self.learning_rate * tree.predict(X)
            self.estimators_.append(tree)
            self.train_score_[i] = np.mean((y - F) ** 2)
        return self

    def _staged(self, X):
        F = np.full(X.shape[0], self.init_)
        for tree in self.estimators_:
            F = F + self.learning_rate * tree.predict(X)
            yield F

    def predict(self, X):
        """``init_`` plus ``learning_rate`` times the sum of the trees' predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        F = np.full(X.shape[0], self.init_)
        for F_stage in self._staged(X):
            F = F_stage
        return F

    def staged_predict(self, X):
        """The prediction after each stage, as a generator (stage 1 first).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        ndarray of float64 of shape (n_samples,)
            After stage i: what ``predict`` of a model with ``n_estimators = i + 1`` gives.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        for F in self._staged(X):
            yield F.copy()


class GradientBoostingClassifier:
    """Gradient boosting of regression trees on the binary log-loss.

    Parameters
    ----------
    n_estimators : int, default 100
        The number of boosting stages (one tree each).
    learning_rate : float, default 0.1
        Shrinkage: each tree's contribution is multiplied by it, in fit and in predict.
    max_depth : int or None, default 3
        The depth of every tree.
    subsample : float in (0, 1], default 1.0
        The fraction of the samples each tree is fitted on, drawn without replacement for
        every stage; 1.0 uses them all.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the subsamples (unused when subsample is 1.0).

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two sorted labels; ``classes_[1]`` is the positive class.
    init_ : float
        The initial raw score: the log-odds log(p / (1 - p)) of the positive class.
    estimators_ : list of DecisionTreeRegressor
        The fitted trees, one per stage (their splits; the leaf values are the Newton
        steps, kept beside them).
    train_score_ : ndarray of shape (n_estimators,)
        ``train_score_[i]``: the mean log-loss on the whole training set after stage i.
    n_features_in_ : int

    Examples
    --------
    >>> X, y = [[1.0], [2.0], [3.0], [4.0]], ["no", "no", "yes", "yes"]
    >>> model = GradientBoostingClassifier(n_estimators=1, learning_rate=0.5, max_depth=1)
    >>> model.fit(X, y).decision_function([[0.0], [5.0]])
    array([-1.,  1.])
    >>> model.predict([[0.0], [5.0]])
    array(['no', 'yes'], dtype='<U3')
    """

    def __init__(
        self, n_estimators=100, learning_rate=0.1, max_depth=3, subsample=1.0, random_state=None
    ):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.subsample = subsample
        self.random_state = random_state

    def fit(self, X, y):
        """Fit ``n_estimators`` trees to the log-loss residuals, with Newton leaf values.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype, exactly two classes.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        _check_params(self)
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            raise ValueError(
                f"y has {self.classes_.size} classes: this classifier is binary, it needs "
                "exactly 2"
            )
        rng = check_random_state(self.random_state)
        n = X.shape[0]
        t = (y == self.classes_[1]).astype(np.float64)
        p = t.mean()  # in (0, 1): both classes are present
        self.init_ = float(np.log(p / (1.0 - p)))  # the constant minimizing the log-loss
        F = np.full(n, self.init_)
        self.estimators_, self._leaf_values = [], []
        self.train_score_ = np.empty(self.n_estimators)
        for i in range(self.n_estimators):
            rows = _in_bag(rng, n, self.subsample)
            prob = _sigmoid(F)
            # The negative gradient of the log-loss log(1 + e^F) - t F: t - p.
            residual = t - prob
            tree = DecisionTreeRegressor(max_depth=self.max_depth)
            tree.fit(X[rows], residual[rows])
            # The tree only chooses the regions. In each leaf, one Newton step on the
            # log-loss: minus the sum of gradients over the sum of second derivatives,
            # sum(t - p) / sum(p (1 - p)), over the in-bag samples (the ones it was fit on).
            leaf = tree.apply(X)
            n_leaves = tree.n_leaves_  # apply() numbers the leaves 0 .. n_leaves_ - 1
            numerator = np.bincount(leaf[rows], residual[rows], minlength=n_leaves)
            hessian = np.bincount(leaf[rows], (prob * (1.0 - prob))[rows], minlength=n_leaves)
            flat = hessian < _TINY_HESSIAN
            values = np.where(flat, 0.0, numerator / np.where(flat, 1.0, hessian))
            F = F + self.learning_rate * values[leaf]
            self.estimators_.append(tree)
            self._leaf_values.append(values)
            self.train_score_[i] = _log_loss(t, F)
        return self

    def _staged(self, X):
        F = np.full(X.shape[0], self.init_)
        for tree, values in zip(self.estimators_, self._leaf_values, strict=True):
            F = F + self.learning_rate * values[tree.apply(X)]
            yield F

    def decision_function(self, X):
        """The raw score F(x): the log-odds of ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        F = np.full(X.shape[0], self.init_)
        for F_stage in self._staged(X):
            F = F_stage
        return F

    def predict_proba(self, X):
        """Class probabilities, ``[1 - sigmoid(F), sigmoid(F)]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Columns follow ``classes_``; rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X):
        """``classes_[1]`` where F(x) > 0, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        return self.classes_[(self.decision_function(X) > 0).astype(np.intp)]

    def staged_predict(self, X):
        """The predicted labels after each stage, as a generator (stage 1 first).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        ndarray of shape (n_samples,)
            After stage i: what ``predict`` of a model with ``n_estimators = i + 1`` gives.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        for F in self._staged(X):
            yield self.classes_[(F > 0).astype(np.intp)]
