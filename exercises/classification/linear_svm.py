"""Kata classification/linear_svm: Linear SVM by subgradient descent.

Difficulty 2 (standard), target time 30 minutes.

Write the soft-margin SVM's primal objective, then train a linear SVM by subgradient
descent on it, for any two labels.

Objective. With labels coded s_i = +1 (classes_[1]) or -1 (classes_[0]) and the margin
m_i = s_i (w.x_i + b):

    J(w, b) = 1/2 ||w||^2 + C * sum_i max(0, 1 - m_i)            (b is NOT penalized)

hinge_loss(w, b, X, y, C) returns J for labels y already coded -1/+1 (anything else is a
ValueError whose message contains "-1 and +1").

Subgradient. max(0, 1 - m) is not differentiable at m = 1; a valid subgradient is
-s x where m < 1 and 0 where m >= 1. The hinge starts at margin 1, not 0: a correctly
classified point inside the margin still pushes. Run the descent on L = J / (n C), the
same minimiser with steps that do not depend on n or C. For a batch B of samples:

    g_w = w / (n C) - sum over i in B with m_i < 1 of s_i x_i / |B|
    g_b =           - sum over i in B with m_i < 1 of s_i     / |B|

Training. Start at w = 0, b = 0. Run max_iter epochs. With batch_size=None an epoch is
ONE update using all samples (B = everything). With an integer batch_size an epoch visits
the samples in a fresh random permutation (from the generator that random_state gives)
and makes one update per consecutive slice of batch_size samples (the last one may be
shorter). Update number t (counting from 1 over the whole run) is

    w <- w - learning_rate / sqrt(t) * g_w,     b <- b - learning_rate / sqrt(t) * g_b

Subgradients do not shrink near the optimum, so the steps must; and a step can increase J.
So after every epoch compute J (with hinge_loss), append it to objective_history_, and
return the (w, b) with the lowest J seen: coef_ = [w], intercept_ = [b].

Shapes: X is (n, d); y is (n,) with exactly two distinct labels of any type. coef_ is
(1, d), intercept_ is (1,), classes_ is (2,). decision_function gives w.x + b (n,);
predict gives classes_[1] where it is > 0, else classes_[0].

Complexity: O(n d) time per epoch, vectorized over each batch; O(n + d) memory besides X.
Subgradient descent converges slowly (the error falls like 1/sqrt(t)): on standardized
features with a soft margin 1000 epochs get within 1% of the optimal J; hard-margin
problems (separable data with a large C) need many more.

Requirements and pitfalls:
- Never use the labels as the +-1 codes: map them through classes_. y with fewer or more
  than two classes is a ValueError whose message contains "2 classes".
- The active set is m < 1 (inside the margin or wrong), not m < 0.
- Do not penalize the intercept (no b term in g_b).
- Never modify X or y; results are float64.

Worked example: hinge_loss([1], 0, [[2], [0.5], [-1]], [1, 1, 1], C=1): margins 2, 0.5 and
-1 give losses 0, 0.5 and 2, plus 1/2 ||w||^2 = 0.5, so J = 3.0. For X = [[0], [1], [3], [4]]
with labels no, no, yes, yes and C = 10 the optimum is w = 1, b = -2 (margins exactly 1 at
x = 1 and x = 3); LinearSVM(C=10).fit(...) predicts "no" at 1.5 and "yes" at 2.5 (on so
tiny and hard-margin a problem its coef_ is only roughly 1: subgradients are slow).

Run `pytest -k linear_svm` to check your work; hints are in hints/classification/linear_svm.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (
    check_array,
    check_fitted_input,
    check_random_state,
    check_scalar,
    check_X_y,
)


def hinge_loss(w, b, X, y, C=1.0):
    """Primal soft-margin SVM objective ``1/2 ||w||^2 + C * sum_i max(0, 1 - y_i (w.x_i + b))``.

    Parameters
    ----------
    w : array-like of shape (n_features,)
        Weights.
    b : float
        Intercept (not penalized).
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Labels coded -1 and +1 (no other value).
    C : float, default 1.0
        Weight of the hinge losses. Must be > 0.

    Returns
    -------
    float
        The objective value.

    Examples
    --------
    >>> X = np.array([[2.0], [0.5], [-1.0]])
    >>> hinge_loss([1.0], 0.0, X, [1, 1, 1])  # margins 2, 0.5, -1: losses 0, 0.5, 2
    3.0
    """
    X = check_array(X)
    w = check_array(w, name="w", ndim=1)
    y = check_array(y, name="y", ndim=1)
    b = check_scalar(b, "b")
    check_scalar(C, "C", low=0, low_inclusive=False)
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w has {w.shape[0]} entries but X has {X.shape[1]} features")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} samples but y has {y.shape[0]}: they must match")
    raise NotImplementedError("hinge_loss")


class LinearSVM:
    """Soft-margin linear SVM trained by subgradient descent on the primal objective.

    Minimises ``1/2 ||w||^2 + C * sum_i max(0, 1 - s_i (w.x_i + b))`` (``s_i = +1`` for
    ``classes_[1]``, ``-1`` for ``classes_[0]``; the intercept is not penalized) by
    subgradient steps of size ``learning_rate / sqrt(t)`` on the same objective divided by
    ``n * C``, and returns the best iterate seen.

    Parameters
    ----------
    C : float, default 1.0
        Weight of the hinge losses (inverse of the regularization strength). Must be > 0.
    max_iter : int, default 1000
        Number of epochs (passes over the data). Must be >= 1.
    learning_rate : float, default 5.0
        Base step size: update t moves by ``learning_rate / sqrt(t)``. Must be > 0.
    random_state : int, numpy Generator or None, default None
        Seeds the mini-batch draws (used only when ``batch_size`` is set).
    batch_size : int or None, default None
        None: every update uses all samples (deterministic). An int: each epoch visits the
        samples in a fresh random order, in mini-batches of this size.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is coded +1.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
        The iterate (taken at the end of an epoch) with the lowest primal objective.
    objective_history_ : list of float
        The primal objective (``hinge_loss``) at the end of every epoch.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [3.0], [4.0]])
    >>> model = LinearSVM(C=10.0).fit(X, ["no", "no", "yes", "yes"])  # optimum: w = 1, b = -2
    >>> model.predict([[1.5], [2.5]])
    array(['no', 'yes'], dtype='<U3')
    """

    def __init__(
        self, C=1.0, max_iter=1000, learning_rate=5.0, random_state=None, batch_size=None
    ):
        self.C = C
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.random_state = random_state
        self.batch_size = batch_size

    def fit(self, X, y):
        """Run ``max_iter`` epochs of subgradient descent; keep the best iterate.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels of any sortable type (ints, strings, ...).

        Returns
        -------
        self : LinearSVM
            The fitted model.
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.C, "C", low=0, low_inclusive=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        if self.batch_size is not None:
            check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, low=1)
        rng = check_random_state(self.random_state)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("LinearSVM.fit")

    def decision_function(self, X):
        """Signed score ``X @ coef_.T + intercept_``: positive means ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("LinearSVM.decision_function")

    def predict(self, X):
        """``classes_[1]`` where the score is > 0, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("LinearSVM.predict")
