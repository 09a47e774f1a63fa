"""Reference solution for classification/softmax_regression.

The statement is in exercises/classification/softmax_regression.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_scalar, check_X_y


def _log_softmax(Z):
    # log softmax = Z - logsumexp(Z) along the class axis (axis=1: one row per sample).
    # Shifting by the row max makes every exponent <= 0: no overflow, and the sum is >= 1,
    # so its log is finite; no probability is ever formed, so no log(0) either.
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


class SoftmaxRegression:
    """Multinomial (softmax) logistic regression with an L2 penalty, by gradient descent.

    Minimises scikit-learn's multinomial objective
    ``1/2 ||W||_F^2 + C * sum_i -log softmax(W x_i + b)[y_i]`` (the intercepts are not
    penalized) by gradient descent on the same objective divided by ``n * C``.

    Parameters
    ----------
    C : float, default 1.0
        Inverse of the regularization strength: larger C, weaker penalty. Must be > 0.
    learning_rate : float, default 0.1
        Gradient-descent step size on the objective divided by ``n * C``. Must be > 0.
    max_iter : int, default 1000
        Maximum number of gradient steps. Must be >= 1.
    tol : float, default 1e-8
        Stop once every entry of that gradient is below ``tol`` in absolute value.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted distinct labels; row k of ``coef_`` and column k of
        ``predict_proba`` belong to ``classes_[k]``.
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray of shape (n_classes,)
        Sums to 0 over the classes (the loss is unchanged by adding a constant to every
        intercept; this is scikit-learn's convention, and gradient descent from 0 keeps it).
    loss_history_ : list of float
        ``mean_i -log p_i[y_i] + ||W||_F^2 / (2 n C)`` at the start of each iteration.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [0.0], [0.0], [0.0]])
    >>> model = SoftmaxRegression(learning_rate=1.0).fit(X, ["a", "b", "b", "c"])
    >>> model.predict_proba([[5.0]]).round(4)  # no signal in X: the class frequencies
    array([[0.25, 0.5 , 0.25]])
    >>> model.predict([[5.0]])
    array(['b'], dtype='<U1')
    """

    def __init__(self, C=1.0, learning_rate=0.1, max_iter=1000, tol=1e-8):
        self.C = C
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Learn ``coef_`` and ``intercept_`` from labelled data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            At least two distinct labels of any sortable type (ints, strings, ...).

        Returns
        -------
        self : SoftmaxRegression
            The fitted model.
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.C, "C", low=0, low_inclusive=False)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        self.n_features_in_ = X.shape[1]

        # Labels of any type become column indices into classes_ (never the labels themselves).
        self.classes_, idx = np.unique(y, return_inverse=True)
        k = self.classes_.size
        if k < 2:
            raise ValueError(f"y must have at least 2 classes, got {k} ({self.classes_.tolist()})")
        n, d = X.shape
        Y = np.zeros((n, k))
        Y[np.arange(n), idx] = 1.0  # one-hot targets, (n, k)

        W, b = np.zeros((k, d)), np.zeros(k)
        l2 = 1.0 / (n * self.C)  # the penalty weight once J is divided by n*C
        self.loss_history_ = []
        for _ in range(self.max_iter):
            log_P = _log_softmax(X @ W.T + b)  # (n, k)
            self.loss_history_.append(
                float(-np.mean(log_P[np.arange(n), idx]) + 0.5 * l2 * np.sum(W * W))
            )
            R = np.exp(log_P) - Y  # d(cross-entropy)/d(logits) = P - Y, (n, k)
            grad_W = R.T @ X / n + l2 * W  # (k, d)
            grad_b = R.mean(axis=0)  # (k,): the intercepts are not penalized
            if max(np.max(np.abs(grad_W)), np.max(np.abs(grad_b))) < self.tol:
                break
            W = W - self.learning_rate * grad_W
            b = b - self.learning_rate * grad_b

        self.coef_ = W
        # Every gradient step on b sums to 0 over the classes (rows of P and Y both sum
        # to 1), so from b = 0 this only removes rounding: the zero-sum convention.
        self.intercept_ = b - b.mean()
        return self

    def decision_function(self, X):
        """Class scores (logits) ``X @ coef_.T + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        X = check_fitted_input(self, X, attribute="coef_")
        return X @ self.coef_.T + self.intercept_

    def predict_proba(self, X):
        """Class probabilities: the softmax of the logits, columns in the order of ``classes_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Non-negative; each row sums to 1.
        """
        X = check_fitted_input(self, X, attribute="coef_")
        return np.exp(_log_softmax(self.decision_function(X)))

    def predict(self, X):
        """Most probable label for each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_`` (ties go to the earlier class).
        """
        X = check_fitted_input(self, X, attribute="coef_")
        # softmax is monotone per row: the largest logit is the largest probability.
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]
