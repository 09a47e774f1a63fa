"""Reference solution for classification/softmax_regression.

The statement is in exercises/classification/softmax_regression.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_option, check_scalar, check_X_y


def _log_softmax(Z):
    # log softmax = Z - logsumexp(Z) along the class axis (axis=1: one row per sample).
    # Shifting by the row max makes every exponent <= 0: no overflow, and the sum is >= 1,
    # so its log is finite; no probability is ever formed, so no log(0) either.
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def _log_softmax_columns(Zt):
    """log softmax of the logits held CLASS-FIRST, (k, n): one column per sample.

    fit keeps its logits as (k, n): NumPy's reductions along a short last axis (k = 3)
    are several times slower than along the first, where they are elementwise ops on rows.
    """
    Zt = Zt - Zt.max(axis=0)
    return Zt - np.log(np.exp(Zt).sum(axis=0))


def _newton_cg(X, P, grad_W, grad_b, l2):
    """Solve H [S_W, s_b] = [grad_W, grad_b] by conjugate gradients, H never formed.

    The Hessian of the mean cross-entropy is (k (d+1))^2: forming it costs O(n k^2 d^2).
    A product with it costs two (k, n) x (n, d) matrix products: for a direction (V, v)
    with logit change U = V X^T + v, H (V, v) = (M X / n + V / (n C), sum(M) / n) with
    M = P * U - P * sum_k(P * U), the softmax Jacobian applied to U for every sample.
    """
    n = X.shape[0]

    def hessian_times(V, v):
        PU = P * (V @ X.T + v[:, None])
        M = PU - P * PU.sum(axis=0)
        return M @ X / n + l2 * V, M.sum(axis=1) / n

    # Conjugate gradients from 0 on the PSD system. The system need only be solved to
    # min(1/2, sqrt|g|) of |g| (inexact Newton): enough for superlinear convergence.
    # From 0, every iterate stays orthogonal to the directions H ignores (the same
    # constant added to every class), so a singular H (C = inf) does no harm.
    S_W, s_b = np.zeros_like(grad_W), np.zeros_like(grad_b)
    R_W, r_b = grad_W.copy(), grad_b.copy()
    D_W, d_b = R_W.copy(), r_b.copy()
    rr = np.vdot(R_W, R_W) + r_b @ r_b
    target = min(0.5, rr**0.25) * np.sqrt(rr)
    for _ in range(grad_W.size + grad_b.size):
        H_W, h_b = hessian_times(D_W, d_b)
        curvature = np.vdot(D_W, H_W) + d_b @ h_b
        if curvature <= 0:  # a direction H cannot see: the solve is as good as it gets
            break
        alpha = rr / curvature
        S_W, s_b = S_W + alpha * D_W, s_b + alpha * d_b
        R_W, r_b = R_W - alpha * H_W, r_b - alpha * h_b
        rr_new = np.vdot(R_W, R_W) + r_b @ r_b
        if np.sqrt(rr_new) <= target:
            break
        D_W, d_b = R_W + (rr_new / rr) * D_W, r_b + (rr_new / rr) * d_b
        rr = rr_new
    if not np.any(S_W) and not np.any(s_b):  # no progress at all: fall back to the gradient
        return grad_W, grad_b
    return S_W, s_b


class SoftmaxRegression:
    """Multinomial (softmax) logistic regression with an L2 penalty, by Newton or GD.

    Minimises scikit-learn's multinomial objective
    ``1/2 ||W||_F^2 + C * sum_i -log softmax(W x_i + b)[y_i]`` (the intercepts are not
    penalized; ``C=np.inf`` drops the penalty) on the same objective divided by ``n * C``.

    Parameters
    ----------
    C : float, default 1.0
        Inverse of the regularization strength: larger C, weaker penalty. Must be > 0;
        ``np.inf`` means no penalty at all (plain maximum likelihood).
    learning_rate : float, default 0.1
        Step size of ``solver='gd'`` on the objective divided by ``n * C``. Must be > 0.
    max_iter : int, default 1000
        Maximum number of iterations (Newton or gradient steps). Must be >= 1.
    tol : float, default 1e-8
        Stop once every entry of that gradient is below ``tol`` in absolute value.
    solver : {'newton', 'gd'}, default 'newton'
        'newton': Newton's method with a backtracking line search, about ten iterations
        (each Newton system solved by conjugate gradients from Hessian-vector products).
        'gd': plain gradient descent with a fixed ``learning_rate``.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted distinct labels; row k of ``coef_`` and column k of
        ``predict_proba`` belong to ``classes_[k]``.
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray of shape (n_classes,)
        Sums to 0 over the classes (the loss is unchanged by adding a constant to every
        intercept; this is scikit-learn's convention).
    loss_history_ : list of float
        ``mean_i -log p_i[y_i] + ||W||_F^2 / (2 n C)`` at the start of each iteration.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [0.0], [0.0], [0.0]])
    >>> model = SoftmaxRegression().fit(X, ["a", "b", "b", "c"])
    >>> model.predict_proba([[5.0]]).round(4)  # no signal in X: the class frequencies
    array([[0.25, 0.5 , 0.25]])
    >>> model.predict([[5.0]])
    array(['b'], dtype='<U1')
    """

    def __init__(self, C=1.0, learning_rate=0.1, max_iter=1000, tol=1e-8, solver="newton"):
        self.C = C
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver

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
        if self.C != float("inf"):  # C = inf is allowed: no penalty
            check_scalar(self.C, "C", low=0, low_inclusive=False)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        check_option(self.solver, "solver", ("newton", "gd"))
        self.n_features_in_ = X.shape[1]

        # Labels of any type become row indices into classes_ (never the labels themselves).
        self.classes_, idx = np.unique(y, return_inverse=True)
        k = self.classes_.size
        if k < 2:
            raise ValueError(f"y must have at least 2 classes, got {k} ({self.classes_.tolist()})")
        n, d = X.shape
        Yt = np.zeros((k, n))
        Yt[idx, np.arange(n)] = 1.0  # one-hot targets, class-first (k, n) like the logits

        W, b, Zt = np.zeros((k, d)), np.zeros(k), np.zeros((k, n))
        l2 = 1.0 / (n * self.C)  # the penalty weight once J is divided by n*C (0 if C = inf)

        def objective(W, Zt):
            log_P = _log_softmax_columns(Zt)
            return -np.vdot(Yt, log_P) / n + 0.5 * l2 * np.vdot(W, W), log_P

        loss, log_P = objective(W, Zt)
        self.loss_history_ = []
        for _ in range(self.max_iter):
            self.loss_history_.append(float(loss))
            P = np.exp(log_P)
            R = P - Yt  # d(cross-entropy)/d(logits) = P - Y, (k, n)
            grad_W = R @ X / n + l2 * W  # (k, d)
            grad_b = R.sum(axis=1) / n  # (k,): the intercepts are not penalized
            if max(np.max(np.abs(grad_W)), np.max(np.abs(grad_b))) < self.tol:
                break
            if self.solver == "gd":
                W = W - self.learning_rate * grad_W
                b = b - self.learning_rate * grad_b
                Zt = W @ X.T + b[:, None]
                loss, log_P = objective(W, Zt)
                continue
            step_W, step_b = _newton_cg(X, P, grad_W, grad_b, l2)
            # Backtracking: halve a step that does not lower L enough (Armijo's condition).
            slope = np.vdot(grad_W, step_W) + grad_b @ step_b
            dZt = step_W @ X.T + step_b[:, None]
            eta = 1.0
            while True:
                new_loss, new_log_P = objective(W - eta * step_W, Zt - eta * dZt)
                if new_loss <= loss - 1e-4 * eta * slope or eta < 1e-10:
                    break
                eta /= 2
            W, b, Zt = W - eta * step_W, b - eta * step_b, Zt - eta * dZt
            loss, log_P = new_loss, new_log_P

        self.coef_ = W
        # Every step on b sums to 0 over the classes (columns of P and Y both sum to 1),
        # so from b = 0 this only removes rounding: the zero-sum convention.
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
