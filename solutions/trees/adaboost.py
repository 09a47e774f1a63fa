"""Reference solution for trees/adaboost.

The statement is in exercises/trees/adaboost.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_scalar, check_X_y

from .decision_tree import DecisionTreeClassifier

# The smallest sample weight (as scikit-learn): a weight that underflowed to 0 would make
# the sample vanish from the stumps for good, and the tree refuses weights <= 0.
_MIN_WEIGHT = np.finfo(np.float64).eps


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
        self.classes_ = np.unique(y)
        n_classes = self.classes_.size
        if n_classes < 2:
            raise ValueError(f"y has a single class ({self.classes_[0]!r}): nothing to boost")

        n = X.shape[0]
        w = np.full(n, 1.0 / n)
        estimators, weights, errors = [], [], []
        for m in range(self.n_estimators):
            w = np.maximum(w, _MIN_WEIGHT)
            stump = DecisionTreeClassifier(max_depth=1).fit(X, y, sample_weight=w)
            incorrect = stump.predict(X) != y
            # The WEIGHTED error, relative to the total weight (1 up to the clipping).
            err = float(w @ incorrect / w.sum())
            if err <= 0.0:
                # A perfect stump would get an infinite weight: keep it with weight 1 and
                # stop, as scikit-learn (only the first stump can be perfect: a perfect
                # stump has Gini 0, the best any stump can do, whatever the weights).
                estimators.append(stump)
                weights.append(1.0)
                errors.append(0.0)
                break
            if err >= 1.0 - 1.0 / n_classes:
                # No better than guessing: alpha would be <= 0. Discard it and stop.
                if m == 0:
                    raise ValueError(
                        f"the first stump has weighted error {err:.3g} >= 1 - 1/K = "
                        f"{1 - 1 / n_classes:.3g}: no better than chance, nothing to boost"
                    )
                break
            # SAMME: log(K - 1) keeps alpha > 0 whenever the stump beats random guessing
            # (err < 1 - 1/K); for K = 2 it is 0 and this is discrete AdaBoost.
            alpha = self.learning_rate * (np.log((1.0 - err) / err) + np.log(n_classes - 1.0))
            estimators.append(stump)
            weights.append(alpha)
            errors.append(err)
            # Only the misclassified samples grow (by e^alpha); renormalizing to a total of
            # 1 keeps err a fraction and the weights from overflowing over many rounds.
            w = w * np.exp(alpha * incorrect)
            w = w / w.sum()
        self.estimators_ = estimators
        self.estimator_weights_ = np.array(weights)
        self.estimator_errors_ = np.array(errors)
        return self

    def _votes(self, X):
        """(n, K): the total weight of the stumps that vote for each class."""
        votes = np.zeros((X.shape[0], self.classes_.size))
        rows = np.arange(X.shape[0])
        for stump, alpha in zip(self.estimators_, self.estimator_weights_, strict=True):
            # The stumps were fitted on all the labels, so their classes_ is ours and
            # predict_proba's argmax is a column of ours (no label search needed).
            votes[rows, np.argmax(stump.predict_proba(X), axis=1)] += alpha
        return votes

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
        votes = self._votes(X)
        total = self.estimator_weights_.sum()
        n_classes = self.classes_.size
        # A stump adds alpha to the class it predicts and -alpha / (K - 1) to each other
        # class: the scores of a sample sum to 0, a symmetric code for K classes.
        scores = (votes - (total - votes) / (n_classes - 1)) / total
        if n_classes == 2:
            return scores[:, 1] - scores[:, 0]
        return scores

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
        # decision_function is increasing in the votes: its argmax is the votes' argmax.
        return self.classes_[np.argmax(self._votes(X), axis=1)]
