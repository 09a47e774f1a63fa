"""Kata trees/adaboost: AdaBoost (SAMME) with decision stumps.

Difficulty 2 (standard), target time 30 minutes.

Write AdaBoost for K >= 2 classes (SAMME) on decision stumps. Every round fits a depth-1
tree to the training set under the current sample weights, gives the stump a vote weight
alpha that grows as its weighted error shrinks, and multiplies the weights of the samples
it got wrong by e^alpha, so that the next stump concentrates on them. The prediction is
the class with the largest alpha-weighted vote.

Solve trees/decision_tree first: the stumps are your own
`DecisionTreeClassifier(max_depth=1)`, fitted with `fit(X, y, sample_weight=w)`.

Math:
    Start with w_i = 1 / n. Round m = 1 .. M:
        h_m   = a Gini stump fitted on (X, y) with sample weights w
        err_m = sum_i w_i [h_m(x_i) != y_i] / sum_i w_i        (the WEIGHTED error)
        alpha_m = learning_rate * (log((1 - err_m) / err_m) + log(K - 1))
        w_i  <- w_i * exp(alpha_m [h_m(x_i) != y_i]),  then w <- w / sum(w)
    Prediction: argmax_k sum_m alpha_m [h_m(x) = k].
    Why: this is forward stagewise additive modelling of the exponential loss
    exp(-y f(x)) (for K = 2 with y = +-1); the minimizing step size of a classifier with
    weighted error err is alpha = (1/2) log((1 - err) / err) in that scale, and the sample
    weights are the loss of each sample under the model so far. log(K - 1) keeps
    alpha > 0 whenever the stump beats random guessing (err < 1 - 1/K).
    decision_function, column k: (sum of alpha_m over the stumps that predict k
    - sum of alpha_m over the others / (K - 1)) / sum_m alpha_m.

Shapes: X (n_samples, n_features); y (n_samples,); predict -> (n,);
decision_function -> (n,) for two classes, (n, K) otherwise; estimator_weights_ and
estimator_errors_ (len(estimators_),).

Conventions:
- Each stump is `DecisionTreeClassifier(max_depth=1)` (Gini, every feature) fitted on all
  of X and y with `sample_weight=w`, w the current weights clipped below at machine
  epsilon (np.finfo(float).eps) first, as scikit-learn does (a weight that underflows to 0
  would be refused by the tree).
- err_m is the weighted error of stump m under the weights it was fitted with, divided by
  their sum; estimator_weights_[m] = learning_rate * (log((1 - err) / err) + log(K - 1)).
  With the same data, estimator_weights_ and estimator_errors_ equal those of
  scikit-learn's AdaBoostClassifier(n_estimators, learning_rate) (SAMME) with stumps.
- After each round only the misclassified samples' weights are multiplied, by
  exp(alpha_m), and the weights are renormalized to sum to 1.
- Early stops (as scikit-learn): a stump with err = 0 is kept with weight 1.0 (whatever
  the learning_rate) and error 0, and boosting stops; a stump with err >= 1 - 1/K is
  discarded and boosting stops, and if it is the first one, fit raises ValueError. So
  estimators_, estimator_weights_ and estimator_errors_ have one entry per kept stump, at
  most n_estimators.
- decision_function is scikit-learn's: column k = (sum of alpha_m over the stumps that
  predict k - (sum of alpha_m over the other stumps) / (K - 1)) / sum of all alpha_m; for
  two classes it is 1-D, column 1 minus column 0 (positive towards classes_[1]).
  predict gives the class with the largest total alpha, ties to the first in classes_.
- classes_ holds the sorted unique labels (any sortable type); y with a single class is a
  ValueError. n_estimators must be an int >= 1 and learning_rate > 0 (ValueError).
  Predicting before fit raises NotFittedError. The caller's arrays are never modified.
  predict and decision_function run each stump once on the whole X (no loop over rows).

Complexity: M rounds of one stump fit, O(M d n log n) with a sort per feature (O(M d n)
with a sweep when the orders are reused); predict O(M n).

Pitfalls:
- Stumps fitted without sample_weight: every round refits the same stump.
- The plain error rate mean(h(x) != y) instead of the weighted error.
- Weights not renormalized: err computed as sum(w[wrong]) is then no longer a fraction,
  and the weights overflow after enough rounds.
- The update exp(-alpha y h(x)) of two-class AdaBoost on top of the SAMME alpha: it also
  shrinks the correct samples, which (after renormalizing) doubles the effective alpha.
- Forgetting log(K - 1): with K > 2 classes a stump with error 0.6 is better than
  chance but gets a negative weight.
- learning_rate applied to the vote but not to the weight update, or the other way round
  (it belongs in alpha, which serves both).
- decision_function not divided by sum(alpha), or with the sign of the two-class score
  reversed.

Worked example (one feature, two rounds):
    x = [1, 2, 3, 4, 5], y = [a, a, b, a, b], w = [1, 1, 1, 1, 1] / 5.
    Round 1: the best Gini stump cuts at 2.5 (a | b) and misclassifies x = 4:
        err = 0.2, alpha = log(0.8 / 0.2) = log 4 = 1.386; w = [1, 1, 1, 4, 1] / 8.
    Round 2: under these weights the best cut is 4.5 (a | b), which misclassifies x = 3:
        err = 1/8 = 0.125, alpha = log 7 = 1.946.
    predict(3) = a (log 7 for a beats log 4 for b); decision_function(3)
    = 2 (log 4 - log 7) / (log 4 + log 7) = -0.336.

Run `pytest --kata trees/adaboost` to check your work; hints are in hints/trees/adaboost.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_scalar, check_X_y

from .decision_tree import DecisionTreeClassifier  # noqa: F401  (the stumps)


class AdaBoostClassifier:
    """AdaBoost with decision stumps, multi-class SAMME (Zhu, Zou, Rosset and Hastie, 2009).

    Parameters
    ----------
    n_estimators : int, default 50
        The largest number of boosting rounds (fewer when a stump is perfect or no better
        than chance).
    learning_rate : float, default 1.0
        Shrinks every stump's weight: ``alpha_m = learning_rate * (log((1 - err) / err)
        + log(K - 1))``.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted unique labels.
    n_features_in_ : int
    estimators_ : list of DecisionTreeClassifier
        The fitted stumps (depth-1 Gini trees), in boosting order.
    estimator_weights_ : ndarray of shape (len(estimators_),)
        The weight alpha_m of each stump in the vote.
    estimator_errors_ : ndarray of shape (len(estimators_),)
        The weighted training error of each stump, under the sample weights it was fitted
        with.

    Examples
    --------
    >>> X = [[1.0], [2.0], [3.0], [4.0], [5.0]]
    >>> model = AdaBoostClassifier(n_estimators=2).fit(X, ["a", "a", "b", "a", "b"])
    >>> model.estimator_errors_.tolist(), model.estimator_weights_.round(4).tolist()
    ([0.2, 0.125], [1.3863, 1.9459])
    >>> model.predict([[3.0], [5.0]])
    array(['a', 'b'], dtype='<U1')
    """

    def __init__(self, n_estimators=50, learning_rate=1.0):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate

    def fit(self, X, y):
        """Boost ``n_estimators`` stumps, each on the sample weights left by the previous.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype, at least two classes.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.n_estimators, "n_estimators", kind=numbers.Integral, low=1)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("AdaBoostClassifier.fit")

    def decision_function(self, X):
        """The normalized weighted vote, as scikit-learn's.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,) for two classes, (n_samples, n_classes) otherwise
            Column k is ``(sum of alpha_m over the stumps voting k - sum of alpha_m over the
            others / (K - 1)) / sum of all alpha_m``; with two classes, column 1 minus
            column 0 (positive towards ``classes_[1]``).
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        raise NotImplementedError("AdaBoostClassifier.decision_function")

    def predict(self, X):
        """The class with the largest weighted vote (ties go to the first in ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="estimators_")
        raise NotImplementedError("AdaBoostClassifier.predict")
