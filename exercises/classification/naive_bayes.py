"""Kata classification/naive_bayes: Gaussian and multinomial naive Bayes.

Difficulty 2 (standard), target time 30 minutes.

Write two naive Bayes classifiers. Both apply Bayes' rule with the "naive" assumption that
the features are independent given the class:

    log p(c | x) = log p(c) + sum_j log p(x_j | c) - log p(x)         (joint log-likelihood
                                                                        minus its normalizer)
    p(c)         = n_c / n                                             (class prior)

GaussianNB: each feature is normal within each class.
    theta_cj = mean of feature j over class c
    var_cj   = population variance (ddof=0) of feature j over class c  +  epsilon
    epsilon  = var_smoothing * (largest variance of any feature over all of X)
    log p(x_j | c) = -0.5 * log(2 pi var_cj) - (x_j - theta_cj)^2 / (2 var_cj)

MultinomialNB: x holds non-negative counts (word counts); with Laplace smoothing alpha,
    N_cj = sum of feature j over the samples of class c
    log p(j | c) = log(N_cj + alpha) - log(sum_j' N_cj' + alpha * d)     (feature_log_prob_)
    sum_j log p(x_j | c) = sum_j x_j log p(j | c)    (up to a term that is the same for
                                                       every class, so it cancels)

Normalize: log p(c | x) = jll_c - logsumexp_c'(jll_c'), where jll is the joint
log-likelihood above; predict_proba = exp(predict_log_proba); predict = the argmax.

Shapes: X (n, d); y (n,); theta_, var_, feature_log_prob_ (K, d); class_prior_,
class_log_prior_ (K,); predict_log_proba / predict_proba (m, K), columns in the order of
`classes_`.

Complexity: O(n d) to fit, O(m K d) to predict, vectorized (a loop over the K classes is fine;
no loop over samples).

Requirements (the tests pin each one; every attribute and probability equals
scikit-learn's GaussianNB / MultinomialNB to 1e-9):
- Work in logs. With 200 features, a product of 200 densities or probabilities underflows
  to 0 and the posterior becomes 0/0. Sum log-probabilities, then normalize with a
  max-shifted logsumexp. predict_log_proba must stay finite (e.g. -5000) where the
  probability itself underflows: never take log(predict_proba).
- A feature that is constant within a class has variance 0: epsilon (above) keeps the
  division finite. It is one number for all classes and features, scaled by the data.
- Variances are population variances (divide by n_c, not n_c - 1).
- MultinomialNB smooths every count (a word never seen in a class must not give log 0),
  requires alpha > 0, and its fit raises ValueError when X has negative values.
- Labels may be any sortable type (ints, strings); `classes_` holds them sorted.
- Never modify the caller's arrays.

Worked example (GaussianNB, var_smoothing=0): class a has x = 0, 2 (theta 1, var 1) and
class b has x = 10, 12 (theta 11, var 1), priors 1/2 each. At x = 3 the joint
log-likelihoods differ by ((3 - 11)^2 - (3 - 1)^2) / 2 = 30 in favour of a, so
p(a | 3) = 1 / (1 + e^-30).

Run `pytest -k naive_bayes` to check your work; hints are in hints/classification/naive_bayes.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_scalar, check_X_y


class GaussianNB:
    """Gaussian naive Bayes: features independent and normal within each class.

    Parameters
    ----------
    var_smoothing : float, default 1e-9
        Fraction of the largest feature variance (over all of X) added to every variance,
        so a feature that is constant within a class never divides by zero.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted unique labels.
    class_prior_ : ndarray of shape (n_classes,)
        Share of the training samples in each class.
    theta_ : ndarray of shape (n_classes, n_features)
        Per-class feature means.
    var_ : ndarray of shape (n_classes, n_features)
        Per-class feature variances (population, ddof=0) plus ``epsilon_``.
    epsilon_ : float
        ``var_smoothing * max(np.var(X, axis=0))``.
    n_features_in_ : int

    Examples
    --------
    >>> model = GaussianNB().fit([[0.0], [2.0], [10.0], [12.0]], ["a", "a", "b", "b"])
    >>> model.theta_, model.predict([[3.0], [9.0]])
    (array([[ 1.],
           [11.]]), array(['a', 'b'], dtype='<U1'))
    """

    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Estimate each class's prior, feature means and feature variances.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype (ints, strings, ...).

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.var_smoothing, "var_smoothing", low=0)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("GaussianNB.fit")

    def predict_log_proba(self, X):
        """Log of the posterior probability of each class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; finite even where the probability underflows.
        """
        X = check_fitted_input(self, X, attribute="classes_")
        raise NotImplementedError("GaussianNB.predict_log_proba")

    def predict_proba(self, X):
        """Posterior probability of each class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; rows sum to 1.
        """
        raise NotImplementedError("GaussianNB.predict_proba")

    def predict(self, X):
        """The class with the largest posterior probability.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        raise NotImplementedError("GaussianNB.predict")


class MultinomialNB:
    """Multinomial naive Bayes for count features (word counts, ...).

    Parameters
    ----------
    alpha : float, default 1.0
        Additive (Laplace / Lidstone) smoothing added to every feature count; must be > 0.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted unique labels.
    class_log_prior_ : ndarray of shape (n_classes,)
        Log of the share of the training samples in each class.
    feature_log_prob_ : ndarray of shape (n_classes, n_features)
        ``log P(feature j | class c)``: each row's exponentials sum to 1.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[2, 0], [3, 1], [0, 4]]
    >>> model = MultinomialNB(alpha=1.0).fit(X, ["spam", "spam", "ham"])
    >>> np.exp(model.feature_log_prob_)  # ham: (0+1, 4+1) / 6; spam: (5+1, 1+1) / 8
    array([[0.16666667, 0.83333333],
           [0.75      , 0.25      ]])
    """

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        """Count each feature per class, smooth, and take logs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Non-negative counts (or frequencies).
        y : array-like of shape (n_samples,)
            Labels of any sortable dtype (ints, strings, ...).

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.alpha, "alpha", low=0, low_inclusive=False)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("MultinomialNB.fit")

    def predict_log_proba(self, X):
        """Log of the posterior probability of each class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; finite even where the probability underflows.
        """
        X = check_fitted_input(self, X, attribute="classes_")
        raise NotImplementedError("MultinomialNB.predict_log_proba")

    def predict_proba(self, X):
        """Posterior probability of each class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; rows sum to 1.
        """
        raise NotImplementedError("MultinomialNB.predict_proba")

    def predict(self, X):
        """The class with the largest posterior probability.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        raise NotImplementedError("MultinomialNB.predict")
