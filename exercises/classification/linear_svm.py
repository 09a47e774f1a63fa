"""Kata classification/linear_svm: Linear SVM by subgradient descent.

Difficulty 2 (standard), target time 30 minutes.

Write the soft-margin SVM's primal objective, then train a linear SVM by subgradient
descent on it, for any two labels, stopping once the objective stops improving.

Math:
    With labels coded s_i = +1 (classes_[1]) or -1 (classes_[0]) and margins
    m_i = s_i (w.x_i + b):
        J(w, b) = 1/2 ||w||^2 + C * sum_i max(0, 1 - m_i)            (b is NOT penalized)
    max(0, 1 - m) is not differentiable at m = 1; a valid subgradient is -s x where m < 1
    and 0 where m >= 1. The descent runs on L = J / (n C), the same minimiser with steps
    that do not depend on n or C. For a batch B of samples:
        g_w = w / (n C) - sum over i in B with m_i < 1 of s_i x_i / |B|
        g_b =           - sum over i in B with m_i < 1 of s_i     / |B|
    Update number t (counting from 1 over the whole run):
        w <- w - learning_rate / sqrt(t) * g_w,     b <- b - learning_rate / sqrt(t) * g_b
    Subgradients do not shrink near the optimum, so the steps must, and a step can
    increase J: keep the best iterate.

Shapes: X is (n, d); y is (n,) with exactly two distinct labels of any type. coef_ is
(1, d), intercept_ is (1,), classes_ is (2,). decision_function gives w.x + b (n,);
predict gives classes_[1] where it is > 0, else classes_[0].

Conventions:
- hinge_loss(w, b, X, y, C) returns J for labels y already coded -1/+1 (anything else is
  a ValueError whose message contains "-1 and +1").
- Start at w = 0, b = 0. With batch_size=None an epoch is ONE update using all samples.
  With an integer batch_size an epoch visits the samples in a fresh random permutation
  (from the generator that random_state gives) and makes one update per consecutive slice
  of batch_size samples (the last one may be shorter).
- After every epoch append J (the primal objective, not J / (n C)) to objective_history_.
  coef_ = [w] and intercept_ = [b] are the iterate with the lowest J seen.
- Stopping: an epoch improves when its J is below (1 - tol) times the best J before it;
  fit stops after n_iter_no_change epochs in a row that do not improve, or after max_iter
  epochs. tol=None always runs max_iter epochs. n_iter_ = len(objective_history_).
- y with fewer or more than two classes is a ValueError whose message contains
  "2 classes". X and y are never modified; results are float64.

Complexity: O(n d) time per epoch, vectorized over each batch; O(n + d) memory besides X
in full-batch mode: the sum over the active samples is one product, X.T @ (s * active),
never a copy X[active] or X[idx] of the data; and J is computed from the margins the next
step needs anyway (calling hinge_loss in the loop re-validates X every epoch).
Subgradient descent converges slowly (the error falls like 1/sqrt(t)); on standardized,
overlapping classes the stopping test ends it within tens of epochs, where a fixed 1000
epochs would run on long after the objective stopped moving. Badly conditioned problems
(an uncentred feature, nearly separable classes with a large C) crawl: there the
stopping test can stop at a plateau before the optimum.

Pitfalls:
- Labels used as the +-1 codes: map them through classes_.
- The active set is m < 1 (inside the margin or wrong), not m < 0.
- Penalizing the intercept (a b term in g_b).
- Stopping on the last epoch's J instead of the best one before it (J goes up and down).

Worked example: hinge_loss([1], 0, [[2], [0.5], [-1]], [1, 1, 1], C=1): margins 2, 0.5 and
-1 give losses 0, 0.5 and 2, plus 1/2 ||w||^2 = 0.5, so J = 3.0. For X = [[0], [1], [3], [4]]
with labels no, no, yes, yes and C = 10 the optimum is w = 1, b = -2 (margins exactly 1 at
x = 1 and x = 3); LinearSVM(C=10).fit(...) predicts "no" at 1.5 and "yes" at 2.5 (on so
tiny and hard-margin a problem its coef_ is only roughly 1: subgradients are slow).

Run `pytest --kata classification/linear_svm` to check your work; hints are in
hints/classification/linear_svm.md.
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
    ``n * C``, and returns the best iterate seen. Stops once the objective has stopped
    improving (``tol``, ``n_iter_no_change``) or after ``max_iter`` epochs.

    Parameters
    ----------
    C : float, default 1.0
        Weight of the hinge losses (inverse of the regularization strength). Must be > 0.
    max_iter : int, default 1000
        Maximum number of epochs (passes over the data). Must be >= 1.
    learning_rate : float, default 5.0
        Base step size: update t moves by ``learning_rate / sqrt(t)``. Must be > 0.
    random_state : int, numpy Generator or None, default None
        Seeds the mini-batch draws (used only when ``batch_size`` is set).
    batch_size : int or None, default None
        None: every update uses all samples (deterministic). An int: each epoch visits the
        samples in a fresh random order, in mini-batches of this size.
    tol : float or None, default 1e-4
        An epoch improves when its objective is below ``(1 - tol)`` times the best one
        before it; fit stops after ``n_iter_no_change`` epochs in a row that do not.
        None: always run ``max_iter`` epochs.
    n_iter_no_change : int, default 10
        How many epochs without improvement stop the descent. Must be >= 1.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is coded +1.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
        The iterate (taken at the end of an epoch) with the lowest primal objective.
    objective_history_ : list of float
        The primal objective (``hinge_loss``) at the end of every epoch.
    n_iter_ : int
        The number of epochs run (``len(objective_history_)``).
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [3.0], [4.0]])
    >>> model = LinearSVM(C=10.0).fit(X, ["no", "no", "yes", "yes"])  # optimum: w = 1, b = -2
    >>> model.predict([[1.5], [2.5]])
    array(['no', 'yes'], dtype='<U3')
    """

    def __init__(
        self,
        C=1.0,
        max_iter=1000,
        learning_rate=5.0,
        random_state=None,
        batch_size=None,
        tol=1e-4,
        n_iter_no_change=10,
    ):
        self.C = C
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.random_state = random_state
        self.batch_size = batch_size
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change

    def fit(self, X, y):
        """Run subgradient descent until the objective stops improving; keep the best iterate.

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
        if self.tol is not None:
            check_scalar(self.tol, "tol", low=0)
        check_scalar(self.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral, low=1)
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
