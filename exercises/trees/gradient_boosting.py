"""Kata trees/gradient_boosting: Gradient boosting for regression and binary classification.

Difficulty 3 (hard), target time 45 minutes.

Write gradient boosting of regression trees: a regressor on the squared error and a binary
classifier on the log-loss. The model is a sum F(x) = init_ + learning_rate * sum_m
f_m(x) of small trees; each new tree is fitted to the negative gradient of the loss at the
current predictions (for the squared error: the residuals y - F), so that adding it is a
step of gradient descent in the space of functions. In the classifier the tree chooses the
regions only: each leaf then takes one Newton step on the log-loss.

Solve trees/decision_tree first: every stage fits your own
`DecisionTreeRegressor(max_depth=max_depth)`, and its `apply(X)` (each sample's leaf id in
0 .. n_leaves_ - 1) lets you compute per-leaf values with np.bincount.

Math:
    Regressor, L = (1/2)(y - F)^2:
        init_ = mean(y)                       (the best constant)
        r_i = -dL/dF(x_i) = y_i - F(x_i)      (the residuals)
        f_m = a squared-error tree fitted to (X, r): its leaf means are the best step
        F <- F + learning_rate * f_m
    Classifier, t = 1 for classes_[1] and 0 for classes_[0], p = sigmoid(F):
        L = log(1 + e^F) - t F                (the log-loss of the raw score F)
        init_ = log(q / (1 - q)),  q = mean(t)  (the best constant: the log-odds)
        r_i = -dL/dF = t_i - p_i;  dL^2/dF^2 = p_i (1 - p_i)
        the regions: a squared-error tree fitted to (X, r)
        leaf value (one Newton step) = sum_leaf r_i / sum_leaf p_i (1 - p_i)
        F <- F + learning_rate * (value of each sample's leaf)
        predict_proba = [1 - sigmoid(F), sigmoid(F)]; predict = classes_[1] where F > 0
    Subsampling (stochastic gradient boosting): each stage's tree (and, in the
    classifier, its leaf values) is computed on a fresh random subset of the rows; F is
    then updated on all rows.

Shapes: X (n_samples, n_features); y (n_samples,); predict and decision_function -> (n,);
predict_proba -> (n, 2); staged_predict yields (n,) arrays, one per stage; train_score_
(n_estimators,); init_ a float.

Conventions:
- Every stage fits `DecisionTreeRegressor(max_depth=max_depth)` (your tree, all other
  parameters at their defaults) on the in-bag rows: with subsample = 1.0 all of them,
  otherwise max(1, int(subsample * n)) rows drawn WITHOUT replacement, afresh every
  stage, from the generator `check_random_state(random_state)` made once per fit (so an
  int gives the same model every time).
- init_ is a float: the mean of y (regressor), the log-odds of classes_[1] (classifier).
- The regressor's stage value is its tree's prediction (the leaf mean of the in-bag
  residuals). The classifier's is the Newton step sum(t - p) / sum(p (1 - p)) over each
  leaf's in-bag samples (0 for a leaf whose sum of p (1 - p) is below 1e-150, as
  scikit-learn), kept in your own table of leaf values per stage.
- predict = init_ + learning_rate * (the sum of the stage values): learning_rate
  multiplies every stage, in fit, predict, decision_function and staged_predict.
  The classifier's decision_function is that raw score F; predict_proba is
  [1 - sigmoid(F), sigmoid(F)] and predict gives classes_[1] where F > 0, else classes_[0]
  (F = 0 goes to classes_[0]).
- train_score_[i] is the loss on the WHOLE training set after stage i (index 0 = after
  the first tree): the mean squared error (regressor) or the mean log-loss (classifier).
- staged_predict is a generator: after stage i it yields what predict of the same model
  truncated to its first i + 1 stages gives (floats for the regressor, labels for the
  classifier).
- With subsample = 1.0, on float32-representable data whose best split is unique at every
  node, the regressor equals scikit-learn's GradientBoostingRegressor (predictions,
  train_score_, init_) to 1e-6; the classifier equals GradientBoostingClassifier
  (decision_function; scikit-learn's train_score_ is twice the mean log-loss).
- The classifier needs exactly two classes (ValueError otherwise); its labels may be any
  sortable type, classes_ sorted. n_estimators int >= 1, learning_rate > 0, subsample in
  (0, 1], max_depth None or int >= 1, else ValueError. Predicting before fit raises
  NotFittedError; no overflow warning for raw scores of any size. The caller's arrays are
  never modified. fit keeps a running F (each new tree is run once on X, not the whole
  sum re-evaluated per stage) and predict runs each tree once on all of X.

Complexity: M stages of one tree fit, O(M d n log n), and O(M n depth) to predict. Keep
the running F during fit: recomputing the sum of all previous trees each stage is O(M^2).

Pitfalls:
- Residuals with the wrong sign (F - y, the gradient rather than the negative gradient):
  every stage moves away from y.
- learning_rate used in fit but forgotten in predict or in staged_predict (or the
  reverse): predictions off by a factor of 1 / learning_rate on every tree.
- init_ at 0 instead of the mean / log-odds: the first stages are wasted on the offset.
- train_score_ off by one stage: recorded before the stage's update (the first entry is
  then the loss of init_ alone).
- subsample ignored (every tree on all rows), or drawn with replacement, or from
  np.random instead of the model's generator.
- The classifier's leaves left at the tree's mean residual instead of the Newton step
  sum r / sum p (1 - p): correct direction, wrong step (too short by a factor of about
  4 near p = 1/2).
- sigmoid(F) = 1 / (1 + exp(-F)) overflows for F = -1000; log(p) is -inf for p = 0.

Worked example (regressor, max_depth = 1, learning_rate = 0.5):
    x = [1, 2, 3, 4], y = [1, 2, 3, 10]: init_ = 4, residuals [-3, -2, -1, 6].
    Stage 1: the best cut is 3.5 (leaf means -2 and 6): F = [3, 3, 3, 7],
        train_score_[0] = (4 + 1 + 0 + 9) / 4 = 3.5.
    Stage 2: residuals [-2, -1, 0, 3], cut 3.5 again (means -1 and 3): F = [2.5, 2.5, 2.5,
        8.5], train_score_[1] = 1.25; predict([[0], [5]]) = [2.5, 8.5].
    Classifier, same x, y = [no, no, yes, yes], one stage, learning_rate = 0.5: init_ =
    log(1) = 0, p = 1/2, residuals [-1/2, -1/2, 1/2, 1/2]; cut 2.5; leaf values
    (-1/2 - 1/2) / (1/4 + 1/4) = -2 and +2 (the mean residual would give only -1/2);
    decision_function([[0], [5]]) = [-1, 1].

Run `pytest --kata trees/gradient_boosting` to check your work; hints are in
hints/trees/gradient_boosting.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (  # noqa: F401  (check_random_state: for the subsamples)
    check_fitted_input,
    check_random_state,
    check_scalar,
    check_X_y,
)

from .decision_tree import DecisionTreeRegressor  # noqa: F401  (the trees)


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
        check_scalar(self.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.subsample, "subsample", low=0, high=1, low_inclusive=False)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("GradientBoostingRegressor.fit")

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
        raise NotImplementedError("GradientBoostingRegressor.predict")

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
        raise NotImplementedError("GradientBoostingRegressor.staged_predict")


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
        check_scalar(self.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.subsample, "subsample", low=0, high=1, low_inclusive=False)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("GradientBoostingClassifier.fit")

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
        raise NotImplementedError("GradientBoostingClassifier.decision_function")

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
        raise NotImplementedError("GradientBoostingClassifier.predict_proba")

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
        raise NotImplementedError("GradientBoostingClassifier.predict")

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
        raise NotImplementedError("GradientBoostingClassifier.staged_predict")
