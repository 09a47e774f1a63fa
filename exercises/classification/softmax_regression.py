"""Kata classification/softmax_regression: Multinomial (softmax) regression.

Difficulty 2 (standard), target time 30 minutes.

Fit a k-class logistic regression (softmax regression) by gradient descent. It must minimise
the same objective as scikit-learn's multinomial LogisticRegression, work for any labels,
and stay finite and silent (no NumPy warning) for logits in the thousands.

Model. classes_ are the k distinct labels, sorted. For a sample x (a row of X) the logits
are z = W x + b, one per class (W is k x d, b has k entries), and

    P(y = classes_[j] | x) = softmax(z)_j = exp(z_j) / sum_l exp(z_l).

Objective (scikit-learn's; the intercepts b are NOT penalized). With c_i the index of y_i
in classes_ and Y the one-hot matrix of the targets (Y[i, c_i] = 1):

    J(W, b) = 1/2 ||W||_F^2 + C * sum_i CE_i
    CE_i    = -log softmax(z_i)[c_i] = logsumexp(z_i) - z_i[c_i]

C is the INVERSE of the regularization strength: larger C, weaker penalty.

Gradient descent. Run it on L = J / (n C), the same minimiser with a step size that does
not depend on n or C. With P the (n, k) matrix of probabilities (row i = softmax(z_i)):

    L(W, b) = mean_i CE_i + ||W||_F^2 / (2 n C)
    dL/dW   = (P - Y)^T X / n + W / (n C)        shape (k, d)
    dL/db   = mean over samples of (P - Y)       shape (k,)

Start at W = 0, b = 0. Each iteration: append L(W, b) to loss_history_; stop if every
entry of the gradient is below tol in absolute value; otherwise step W and b by
-learning_rate times their gradients. At most max_iter iterations.

The loss does not change when the same constant is added to every intercept, so intercept_
is reported with sum 0 over the classes (scikit-learn's convention). Gradient descent from
b = 0 keeps that sum at 0 by itself: every row of P - Y sums to 0.

Shapes: X is (n, d); y is (n,) with at least two distinct labels of any type (ints,
strings, {3, 7, 11}, ...). coef_ is (k, d), intercept_ is (k,), classes_ is (k,) (k = 2
included: two rows, no special case). decision_function gives the logits (n, k);
predict_proba gives (n, k), column j being P(y = classes_[j]); predict gives (n,) labels
from classes_.

Complexity: O(n d k) time per iteration, vectorized (no Python loop over samples or
classes); O(n k + d k) memory besides X.

Requirements and pitfalls:
- Never use the labels as indices: map them to 0..k-1 through classes_. Fewer than two
  classes is a ValueError whose message contains "2 classes".
- Softmax over the CLASS axis (axis=1): every row of predict_proba sums to 1.
- exp(z) overflows for z > 709: shift each row by its max before exp.
- log(P) is log(0) once a probability underflows: compute CE from the logits
  (logsumexp(z_i) - z_i[c_i], or a log-softmax), never as log of a probability.
- Do not penalize the intercepts: at the optimum the mean predicted probability of each
  class equals that class's frequency.
- Results are float64; never modify X or y.

Worked example: X = [[0], [0], [0], [0]] (no signal) and y = ["a", "b", "b", "c"]: W stays
0 and softmax(b) must equal the class frequencies (1/4, 1/2, 1/4), so
intercept_ = log(freq) - mean(log(freq)) = [-0.2310, 0.4621, -0.2310] and
predict_proba([[5]]) = [[0.25, 0.5, 0.25]].

Run `pytest -k softmax_regression` to check your work; hints are in
hints/classification/softmax_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_scalar, check_X_y


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
        raise NotImplementedError("SoftmaxRegression.fit")

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
        raise NotImplementedError("SoftmaxRegression.decision_function")

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
        raise NotImplementedError("SoftmaxRegression.predict_proba")

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
        raise NotImplementedError("SoftmaxRegression.predict")
