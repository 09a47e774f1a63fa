"""Reference solution for classification/naive_bayes.

The statement is in exercises/classification/naive_bayes.py.
"""

import numpy as np

from kata.validation import check_fitted_input, check_scalar, check_X_y


def _logsumexp(a):
    """log(sum(exp(a), axis=1)) as a column, shifted by the row max so nothing overflows."""
    m = a.max(axis=1, keepdims=True)
    return m + np.log(np.exp(a - m).sum(axis=1, keepdims=True))


def _one_hot(codes, n_classes):
    """(n, K) indicator matrix: Y.T @ X sums X's rows per class in one product."""
    return (codes[:, None] == np.arange(n_classes)).astype(np.float64)


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
        self.classes_, codes = np.unique(y, return_inverse=True)
        Y = _one_hot(codes, self.classes_.size)
        counts = Y.sum(axis=0)
        self.class_prior_ = counts / X.shape[0]
        self.theta_ = (Y.T @ X) / counts[:, None]
        # Maximum-likelihood (ddof=0) variance, from centred values rather than
        # E[x^2] - E[x]^2, which cancels catastrophically for features far from 0.
        centred = X - self.theta_[codes]
        # One epsilon for all classes, scaled by the data (as scikit-learn): a feature
        # constant within a class would otherwise have variance 0 and divide by zero.
        self.epsilon_ = self.var_smoothing * np.var(X, axis=0).max()
        self.var_ = (Y.T @ centred**2) / counts[:, None] + self.epsilon_
        return self

    def _joint_log_likelihood(self, X):
        # log p(c) + sum_j log N(x_j; theta_cj, var_cj): a sum of logs, because the product
        # of 200 densities underflows to 0. Shapes: (m, 1, d) against (K, d) -> (m, K).
        log_norm = -0.5 * np.log(2.0 * np.pi * self.var_).sum(axis=1)
        quad = -0.5 * (((X[:, None, :] - self.theta_) ** 2) / self.var_).sum(axis=2)
        return np.log(self.class_prior_) + log_norm + quad

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
        jll = self._joint_log_likelihood(X)
        # Bayes: log p(c|x) = log p(x, c) - log sum_c' p(x, c'), normalized in log space.
        return jll - _logsumexp(jll)

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
        return np.exp(self.predict_log_proba(X))

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
        log_proba = self.predict_log_proba(X)
        return self.classes_[np.argmax(log_proba, axis=1)]


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
        self.classes_, codes = np.unique(y, return_inverse=True)
        Y = _one_hot(codes, self.classes_.size)
        counts = Y.sum(axis=0)
        self.class_log_prior_ = np.log(counts) - np.log(X.shape[0])
        # Laplace smoothing: (N_cj + alpha) / (N_c + alpha d), so a feature never seen in a
        # class gets a small probability instead of log(0) = -inf.
        smoothed = Y.T @ X + self.alpha
        self.feature_log_prob_ = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
        return self

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
        # log p(c) + sum_j x_j log p(j|c): a matrix product in log space (the multinomial
        # coefficient is the same for every class and cancels).
        jll = X @ self.feature_log_prob_.T + self.class_log_prior_
        return jll - _logsumexp(jll)

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
        return np.exp(self.predict_log_proba(X))

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
        log_proba = self.predict_log_proba(X)
        return self.classes_[np.argmax(log_proba, axis=1)]
