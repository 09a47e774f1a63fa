"""Kata classification/naive_bayes: Gaussian and multinomial naive Bayes.

Difficulty 2 (standard), target time 30 minutes.

Write two naive Bayes classifiers, GaussianNB for continuous features and MultinomialNB for
counts (word counts). Both apply Bayes' rule with the "naive" assumption that the features
are independent given the class, and both answer with predict_log_proba, predict_proba and
predict.

Math:
    log p(c | x) = log p(c) + sum_j log p(x_j | c) - log p(x)         (joint log-likelihood
                                                                        minus its normalizer)
    p(c)         = n_c / n                                             (class prior)

    GaussianNB: each feature is normal within each class.
        theta_cj = mean of feature j over class c
        var_cj   = population variance (ddof=0) of feature j over class c  +  epsilon
        epsilon  = var_smoothing * (largest variance of any feature over all of X)
        log p(x_j | c) = -0.5 * log(2 pi var_cj) - (x_j - theta_cj)^2 / (2 var_cj)

    MultinomialNB: with Laplace smoothing alpha,
        N_cj = sum of feature j over the samples of class c
        log p(j | c) = log(N_cj + alpha) - log(sum_j' N_cj' + alpha * d)   (feature_log_prob_)
        sum_j log p(x_j | c) = sum_j x_j log p(j | c)   (up to a term that is the same for
                                                          every class, so it cancels)

    Normalize: log p(c | x) = jll_c - logsumexp_c'(jll_c'), jll being the joint
    log-likelihood above; predict_proba = exp(predict_log_proba); predict = the argmax.

Shapes: X (n, d); y (n,); theta_, var_, feature_log_prob_ (K, d); class_prior_,
class_log_prior_ (K,); predict_log_proba / predict_proba (m, K), columns in the order of
`classes_`; predict (m,).

Conventions:
- classes_ holds the sorted unique labels, of any sortable type (ints, strings);
  probability columns follow it and predict returns labels taken from it.
- GaussianNB: class_prior_ = n_c / n; theta_ the per-class means; var_ the per-class
  population variances (divide by n_c) plus epsilon_ = var_smoothing * max_j var(X[:, j]),
  ONE number for every class and feature, computed on all of X.
- MultinomialNB: class_log_prior_ = log(n_c / n); feature_log_prob_[c, j] =
  log((N_cj + alpha) / (N_c + alpha d)) with N_c = sum_j N_cj, so each row's exponentials
  sum to 1; alpha > 0; negative counts are invalid input: fit raises a ValueError naming
  them (that check is written for you).
- Every attribute and probability equals scikit-learn's GaussianNB / MultinomialNB to 1e-9.
- Every method starts with the validation call already in place: keep it, so predicting
  before fit is a NotFittedError and a wrong feature count a ValueError.
- Never modify the caller's arrays.

Complexity: O(n d) to fit, O(m K d) to predict, vectorized (a loop over the K classes is
fine; no loop over samples).

Pitfalls:
- Work in logs. With 200 features, a product of 200 densities or probabilities underflows
  to 0 and the posterior becomes 0/0. Sum log-probabilities, then normalize with a
  logsumexp shifted by each row's own max (the batch's max leaves far rows at exp(-1e5)).
  predict_log_proba must stay finite (e.g. -5000) where the probability itself underflows:
  never take log(predict_proba).
- The log prior is added in log space: log(n_c / n), not n_c / n.
- A feature that is constant within a class has variance 0: epsilon keeps the division
  finite. It is var_smoothing times the largest variance, not var_smoothing itself, and
  not a per-feature or per-class amount.
- The sample variance (ddof=1) is the wrong one here, and E[x^2] - E[x]^2 loses every
  digit for features far from 0: average the squared deviations from the class mean.
- Smooth every count, numerator AND denominator: a word never seen in a class must not
  give log 0, and each class's feature probabilities must still sum to 1.
- String labels cannot index arrays or go through np.bincount: encode them first.

Worked example: GaussianNB with var_smoothing=0. Class a has x = 0, 2 (theta 1, var 1)
and class b has x = 10, 12 (theta 11, var 1), priors 1/2 each. At x = 3 the joint
log-likelihoods differ by ((3 - 11)^2 - (3 - 1)^2) / 2 = 30 in favour of a, so
p(a | 3) = 1 / (1 + e^-30).

Run `pytest --kata classification/naive_bayes` to check your work; hints are in
hints/classification/naive_bayes.md.
"""

import numpy as np

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
        X = check_fitted_input(self, X, attribute="classes_")
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
        X = check_fitted_input(self, X, attribute="classes_")
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
        if np.any(X < 0):
            raise ValueError("MultinomialNB needs non-negative counts: X has negative values")
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
        X = check_fitted_input(self, X, attribute="classes_")
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
        X = check_fitted_input(self, X, attribute="classes_")
        raise NotImplementedError("MultinomialNB.predict")
