"""Reference solution for classification/linear_svm.

The statement is in exercises/classification/linear_svm.py.
"""

import numbers

import numpy as np

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
    if not np.all(np.abs(y) == 1):
        raise ValueError(f"y must contain only -1 and +1, got {np.unique(y)[:5].tolist()}")
    margins = y * (X @ w + b)
    return float(0.5 * (w @ w) + C * np.sum(np.maximum(0.0, 1.0 - margins)))


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

        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            raise ValueError(
                f"LinearSVM is binary: y must have exactly 2 classes, "
                f"got {self.classes_.size} ({self.classes_.tolist()[:5]})"
            )
        s = np.where(y == self.classes_[1], 1.0, -1.0)  # the hinge needs -1/+1 targets

        n, d = X.shape
        full_batch = self.batch_size is None or self.batch_size >= n
        l2 = 1.0 / (n * self.C)  # the penalty weight once J is divided by n*C
        w, b, t = np.zeros(d), 0.0, 0
        margins = np.zeros(n)  # s * (X w + b) at the current iterate
        best_objective, best_w, best_b = np.inf, w, b
        stale = 0  # epochs in a row without improvement
        self.objective_history_ = []
        for _ in range(self.max_iter):
            if full_batch:
                # Subgradient of max(0, 1 - m): -s x where the margin m < 1, else 0 (at
                # m = 1 exactly, 0 is a valid choice). The hinge starts at margin 1, not 0.
                # X.T @ (s * active) sums the active rows without copying them (X[active]).
                s_active = np.where(margins < 1.0, s, 0.0)
                t += 1
                step = self.learning_rate / np.sqrt(t)  # diminishing: subgradients never vanish
                w = w - step * (l2 * w - X.T @ s_active / n)
                b = b + step * s_active.sum() / n  # no penalty term: b is free
            else:
                order = rng.permutation(n)
                for start in range(0, n, self.batch_size):
                    idx = order[start : start + self.batch_size]
                    Xb, sb = X[idx], s[idx]  # a mini-batch: a copy of batch_size rows
                    sb_active = np.where(sb * (Xb @ w + b) < 1.0, sb, 0.0)
                    t += 1
                    step = self.learning_rate / np.sqrt(t)
                    w = w - step * (l2 * w - Xb.T @ sb_active / idx.size)
                    b = b + step * sb_active.sum() / idx.size
            # The primal objective at the end of the epoch, from the margins, which the next
            # full-batch step reuses (hinge_loss would re-validate X and y every epoch).
            margins = s * (X @ w + b)
            objective = float(0.5 * (w @ w) + self.C * np.maximum(0.0, 1.0 - margins).sum())
            self.objective_history_.append(objective)
            improved = objective < best_objective * (1.0 - (self.tol or 0.0))
            # Subgradient steps do not decrease the objective monotonically: keep the best.
            if objective < best_objective:
                best_objective, best_w, best_b = objective, w, b
            # Stopping test: n_iter_no_change epochs in a row without a relative improvement
            # of tol over the best so far. (A fixed 1000 epochs would run on long after that.)
            stale = 0 if improved else stale + 1
            if self.tol is not None and stale >= self.n_iter_no_change:
                break

        self.n_iter_ = len(self.objective_history_)
        self.coef_ = best_w.reshape(1, -1)
        self.intercept_ = np.array([best_b])
        return self

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
        return X @ self.coef_[0] + self.intercept_[0]

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
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
