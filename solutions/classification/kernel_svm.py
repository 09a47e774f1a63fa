"""Reference solution for classification/kernel_svm.

The statement is in exercises/classification/kernel_svm.py.
"""

import numbers

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_option,
    check_pairwise_arrays,
    check_scalar,
    check_X_y,
)


def linear_kernel(X, Y=None):
    """Linear kernel ``K[i, j] = <x_i, y_j>``.

    Parameters
    ----------
    X : array-like of shape (n, d)
    Y : array-like of shape (m, d), optional
        Defaults to ``X``.

    Returns
    -------
    ndarray of shape (n, m)

    Examples
    --------
    >>> linear_kernel([[1.0, 2.0]], [[3.0, 4.0], [0.0, 1.0]])
    array([[11.,  2.]])
    """
    X, Y = check_pairwise_arrays(X, Y, names=("X", "Y"))
    return X @ Y.T


def polynomial_kernel(X, Y=None, degree=3, gamma=None, coef0=1):
    """Polynomial kernel ``K[i, j] = (gamma <x_i, y_j> + coef0) ** degree``.

    Parameters
    ----------
    X : array-like of shape (n, d)
    Y : array-like of shape (m, d), optional
        Defaults to ``X``.
    degree : int, default 3
        A positive integer.
    gamma : float, optional
        Positive; ``None`` means ``1 / d``.
    coef0 : float, default 1

    Returns
    -------
    ndarray of shape (n, m)

    Examples
    --------
    >>> polynomial_kernel([[1.0, 2.0]], [[3.0, 4.0]], degree=2, gamma=1.0, coef0=1.0)
    array([[144.]])
    """
    X, Y = check_pairwise_arrays(X, Y, names=("X", "Y"))
    check_scalar(degree, "degree", kind=numbers.Integral, low=1)
    check_scalar(coef0, "coef0")
    if gamma is not None:
        check_scalar(gamma, "gamma", low=0, low_inclusive=False)
    gamma = 1.0 / X.shape[1] if gamma is None else gamma
    K = X @ Y.T  # then in place: one (n, m) array
    K *= gamma
    K += coef0
    return np.power(K, degree, out=K)


def rbf_kernel(X, Y=None, gamma=None):
    """Gaussian (RBF) kernel ``K[i, j] = exp(-gamma ||x_i - y_j||^2)``.

    Parameters
    ----------
    X : array-like of shape (n, d)
    Y : array-like of shape (m, d), optional
        Defaults to ``X``.
    gamma : float, optional
        Positive; ``None`` means ``1 / d``.

    Returns
    -------
    ndarray of shape (n, m)
        Values in (0, 1].

    Examples
    --------
    >>> rbf_kernel([[0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]], gamma=0.5)  # exp(-1), exp(0)
    array([[0.36787944, 1.        ]])
    """
    X, Y = check_pairwise_arrays(X, Y, names=("X", "Y"))
    if gamma is not None:
        check_scalar(gamma, "gamma", low=0, low_inclusive=False)
    gamma = 1.0 / X.shape[1] if gamma is None else gamma
    # ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2 as one matrix product, then every step in
    # place: ONE (n, m) array, not the six temporaries the one-line formula would allocate.
    K = X @ Y.T
    K *= -2.0
    K += (X**2).sum(axis=1)[:, None]
    K += (Y**2).sum(axis=1)
    # Cancellation can make it slightly negative, and exp of a positive number would give
    # a "similarity" above 1.
    np.maximum(K, 0.0, out=K)
    K *= -gamma
    return np.exp(K, out=K)


def _smo(K, y, C, tol, max_iter):
    """Solve the SVM dual by SMO with second-order working-set selection.

    min_a 1/2 a^T Q a - sum(a)  s.t.  0 <= a_i <= C,  y^T a = 0,  Q = (y y^T) * K.
    Returns (alpha, intercept, n_iter). ``K`` is overwritten.
    """
    n = y.size
    kdiag = K.diagonal().copy()
    R = K
    R *= -2.0  # in place: R = -2 K, the only n x n array (no Q = K * outer(y, y) copy)
    # Row i of R + diag(K) is what the curvature K_ii + K_tt - 2 K_it needs; kept in R, it
    # saves a pass per step. The score update below is unchanged by it: its two weights
    # (y_i da_i + y_j da_j) / 2 sum to 0, since a step keeps y_i a_i + y_j a_j fixed.
    R += kdiag
    alpha = np.zeros(n)
    tau = 1e-12

    # The state is score = -y * G, with G = Q a - 1 the dual gradient (score = y at a = 0),
    # kept in two masked copies: S[0] holds score where alpha_t may move "up" (y_t a_t can
    # grow) and -inf elsewhere, S[1] score where it may move "down" and +inf elsewhere.
    # Every step then costs a dozen O(n) operations on rows of R, which are contiguous
    # (K is symmetric, so its rows serve where the math says columns; R is C-contiguous:
    # R[i] is a row read, R[:, i] would be a strided one).
    def can_move(t):
        up = (alpha[t] < C and y[t] > 0) or (alpha[t] > 0 and y[t] < 0)
        down = (alpha[t] < C and y[t] < 0) or (alpha[t] > 0 and y[t] > 0)
        return up, down

    S = np.empty((2, n))
    S[0] = np.where(y > 0, y, -np.inf)  # at a = 0: up = {y > 0}, down = {y < 0}
    S[1] = np.where(y < 0, y, np.inf)
    curvature, gain = np.empty(n), np.empty(n)
    n_iter = 0
    while n_iter < max_iter:
        i = int(np.argmax(S[0]))
        # KKT holds to within tol when the most violating pair violates by less than tol
        # (libsvm's stopping rule, the one scikit-learn's `tol` refers to).
        if S[0, i] - S[1].min() < tol:
            break
        # Second order choice of j (Fan, Chen & Lin 2005): the largest guaranteed decrease
        # b_t^2 / a_t of the objective, b_t = score_i - score_t > 0 among the "down" set,
        # a_t = K_ii + K_tt - 2 K_it the curvature along the pair (tau if not positive).
        np.add(R[i], kdiag[i], out=curvature)
        np.maximum(curvature, tau, out=curvature)
        np.subtract(S[0, i], S[1], out=gain)  # -inf outside the "down" set
        np.maximum(gain, 0.0, out=gain)
        gain *= gain
        gain /= curvature
        j = int(np.argmax(gain))
        # Exact minimum along the line that keeps y^T alpha fixed, then clip back into the
        # box [0, C]^2 (each clip keeps y_i a_i + y_j a_j unchanged).
        old_i, old_j = alpha[i], alpha[j]
        step = (S[0, i] - S[1, j]) / curvature[j]
        pair_sum = y[i] * old_i + y[j] * old_j
        new_i = min(max(old_i + y[i] * step, 0.0), C)
        new_j = min(max(y[j] * (pair_sum - y[i] * new_i), 0.0), C)
        new_i = y[i] * (pair_sum - y[j] * new_j)
        alpha[i], alpha[j] = new_i, new_j
        # G changes by Q[:, i] da_i + Q[:, j] da_j, so score = -y G by
        # -(y_i da_i) K[i] - (y_j da_j) K[j] = (y_i da_i / 2) R[i] + (y_j da_j / 2) R[j]
        # (the diag(K) in R's rows cancels: the two weights sum to 0).
        change = R[i] * (0.5 * y[i] * (new_i - old_i))
        change += R[j] * (0.5 * y[j] * (new_j - old_j))
        S += change  # both masked copies; the infinities stay infinite
        for t in (i, j):  # only alpha_i and alpha_j moved: update their membership
            score_t = S[0, t] if S[0, t] > -np.inf else S[1, t]  # t is in at least one
            up, down = can_move(t)
            S[0, t] = score_t if up else -np.inf
            S[1, t] = score_t if down else np.inf
        n_iter += 1

    # Intercept from KKT: every free vector (0 < a < C) sits on the margin, y f(x) = 1,
    # which gives b = -y_t G_t = score_t; average them for robustness. Bounded vectors
    # only bound b.
    yG = -np.where(np.isfinite(S[0]), S[0], S[1])
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return alpha, -yG[free].mean(), n_iter
    upper = ((alpha >= C) & (y < 0)) | ((alpha <= 0) & (y > 0))
    lower = ~upper
    ub = yG[upper].min() if upper.any() else np.inf
    lb = yG[lower].max() if lower.any() else -np.inf
    return alpha, -(ub + lb) / 2.0, n_iter


class KernelSVM:
    """Binary soft-margin kernel SVM, trained by sequential minimal optimization (SMO).

    Solves the dual ``max_a sum(a) - 1/2 sum_ij a_i a_j y_i y_j K(x_i, x_j)`` subject to
    ``0 <= a_i <= C`` and ``sum_i a_i y_i = 0``, with ``y`` in {-1, +1}
    (``classes_[1]`` is +1). The decision function is
    ``f(x) = sum_i a_i y_i K(x_i, x) + b``.

    Parameters
    ----------
    C : float, default 1.0
        Penalty on margin violations (upper bound of each a_i). Must be > 0.
    kernel : {'rbf', 'poly', 'linear'}, default 'rbf'
    gamma : {'scale', 'auto'} or float, default 'scale'
        Kernel coefficient for 'rbf' and 'poly'. 'scale' is ``1 / (n_features * X.var())``
        (1 when X.var() is 0), 'auto' is ``1 / n_features``; a float must be > 0.
    degree : int, default 3
        Degree of the 'poly' kernel.
    coef0 : float, default 0.0
        Constant term of the 'poly' kernel.
    tol : float, default 1e-3
        Stop when the most violating pair breaks the KKT conditions by less than ``tol``.
    max_iter : int, default 100_000
        Maximum number of SMO steps (pair updates).

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        Sorted labels; ``classes_[0]`` is -1 and ``classes_[1]`` is +1.
    support_ : ndarray of int of shape (n_SV,)
        Increasing indices of the training samples with a_i > 0.
    support_vectors_ : ndarray of shape (n_SV, n_features)
    dual_coef_ : ndarray of shape (1, n_SV)
        ``a_i y_i`` of the support vectors.
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
        SMO steps taken.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[0.0], [2.0], [3.0]]
    >>> model = KernelSVM(C=10.0, kernel="linear", tol=1e-8).fit(X, ["no", "yes", "yes"])
    >>> model.support_, model.dual_coef_.round(6), model.intercept_.round(6)
    (array([0, 1]), array([[-0.5,  0.5]]), array([-1.]))
    >>> model.predict([[0.9], [1.1]])
    array(['no', 'yes'], dtype='<U3')
    """

    def __init__(
        self,
        C=1.0,
        kernel="rbf",
        gamma="scale",
        degree=3,
        coef0=0.0,
        tol=1e-3,
        max_iter=100_000,
    ):
        self.C = C
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.tol = tol
        self.max_iter = max_iter

    def _kernel(self, A, B):
        if self.kernel == "linear":
            return linear_kernel(A, B)
        if self.kernel == "poly":
            return polynomial_kernel(A, B, self.degree, self._gamma, self.coef0)
        return rbf_kernel(A, B, self._gamma)

    def fit(self, X, y):
        """Solve the dual problem by SMO and keep the support vectors.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels of any sortable type (ints, strings, ...).

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.C, "C", low=0, low_inclusive=False)
        check_option(self.kernel, "kernel", ("rbf", "poly", "linear"))
        if isinstance(self.gamma, str):
            check_option(self.gamma, "gamma", ("scale", "auto"))
        else:
            check_scalar(self.gamma, "gamma", low=0, low_inclusive=False)
        check_scalar(self.degree, "degree", kind=numbers.Integral, low=1)
        check_scalar(self.coef0, "coef0")
        check_scalar(self.tol, "tol", low=0, low_inclusive=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        self.n_features_in_ = X.shape[1]
        self.classes_, codes = np.unique(y, return_inverse=True)
        if self.classes_.size != 2:
            raise ValueError(
                f"KernelSVM is a binary classifier: y has {self.classes_.size} classes, "
                "it needs exactly 2"
            )
        # The dual needs y in {-1, +1}: with 0/1 labels, sum a_i y_i = 0 would ignore
        # every sample of class 0.
        y_pm = np.where(codes == 1, 1.0, -1.0)
        if self.gamma == "scale":
            var = X.var()
            self._gamma = 1.0 / (X.shape[1] * var) if var > 0 else 1.0
        elif self.gamma == "auto":
            self._gamma = 1.0 / X.shape[1]
        else:
            self._gamma = float(self.gamma)

        alpha, b, self.n_iter_ = _smo(
            self._kernel(X, X), y_pm, float(self.C), self.tol, self.max_iter
        )
        self.support_ = np.flatnonzero(alpha > 0)
        self.support_vectors_ = X[self.support_]
        self.dual_coef_ = (alpha * y_pm)[self.support_][None, :]
        self.intercept_ = np.array([b])
        return self

    def decision_function(self, X):
        """Signed score ``f(x) = sum_i a_i y_i K(x_i, x) + b``; positive means ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
        """
        X = check_fitted_input(self, X, attribute="dual_coef_")
        # Only support vectors contribute: a_i = 0 everywhere else.
        return self._kernel(X, self.support_vectors_) @ self.dual_coef_[0] + self.intercept_[0]

    def predict(self, X):
        """``classes_[1]`` where the decision function is >= 0, else ``classes_[0]``.

        A point exactly on the boundary goes to ``classes_[1]``, as with scikit-learn's SVC.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="dual_coef_")
        scores = self.decision_function(X)
        return self.classes_[(scores >= 0).astype(np.int64)]
