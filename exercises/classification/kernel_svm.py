"""Kata classification/kernel_svm: Kernel SVM trained by SMO.

Difficulty 3 (hard), target time 45 minutes.

Write three kernels and a binary soft-margin SVM that solves its dual problem by
sequential minimal optimization (SMO).

Math:
    Kernels (X is (n, d), Y is (m, d), result (n, m); gamma=None means 1 / d):
        linear_kernel(X, Y)                  K = X Y^T
        polynomial_kernel(X, Y, degree, gamma, coef0)
                                             K = (gamma X Y^T + coef0) ** degree
        rbf_kernel(X, Y, gamma)              K = exp(-gamma ||x_i - y_j||^2)
    with ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2. With y_i in {-1, +1} and
    K_ij = K(x_i, x_j), the dual is
        minimize    f(a) = 1/2 sum_ij a_i a_j y_i y_j K_ij - sum_i a_i
        subject to  0 <= a_i <= C  and  sum_i a_i y_i = 0,
    and the decision function is f(x) = sum_i a_i y_i K(x_i, x) + b.
    SMO: start from a = 0. Each step picks two multipliers (a_i, a_j) that violate the
    optimality (KKT) conditions, minimizes f exactly along the line that keeps
    sum a_i y_i fixed, and clips the pair back into the box [0, C]^2. With
    G = gradient of f = (y y^T * K) a - 1:
    - a_t can grow in y_t a_t ("up") if (y_t = +1 and a_t < C) or (y_t = -1 and a_t > 0),
      and shrink ("low") if (y_t = -1 and a_t < C) or (y_t = +1 and a_t > 0);
    - KKT holds to within tol when
          max over up of (-y_t G_t)  -  min over low of (-y_t G_t)  <  tol;
    - a good pair: i maximizes -y_t G_t over "up"; j is a "low" index with
      -y_j G_j < -y_i G_i (the most violating partner, or the one promising the largest
      decrease of f, b_t^2 / a_t with b_t = -y_i G_i + y_t G_t and a_t the curvature);
    - along the line, the unconstrained step for a_i is y_i * (-y_i G_i + y_j G_j) /
      (K_ii + K_jj - 2 K_ij), and a_j moves so that y_i a_i + y_j a_j stays the same;
    - after each step G changes by (y y^T * K)[:, i] da_i + (y y^T * K)[:, j] da_j.
    Intercept: a free support vector (0 < a_t < C) lies exactly on the margin,
    y_t f(x_t) = 1, so b = y_t - sum_i a_i y_i K_it; average over the free vectors. If no
    vector is free, take b halfway between the bounds the bounded vectors impose.

Shapes: kernels return (n, m). After fit: classes_ (2,); support_ (increasing indices of
the samples with a_i > 0); support_vectors_ = X[support_]; dual_coef_ (1, n_SV) = a_i y_i of
the support vectors; intercept_ (1,) = b; n_iter_ = SMO steps taken. decision_function
gives f (n_queries,); predict gives labels from classes_.

Conventions:
- Labels map to y_i in {-1, +1} (classes_[0] -> -1, classes_[1] -> +1); y must have
  exactly two classes (ValueError). predict gives classes_[1] where f(x) >= 0 (a point
  exactly on the boundary goes to classes_[1], as with scikit-learn's SVC).
- The stopping rule is libsvm's (the one scikit-learn's `tol` refers to): stop when the
  most violating pair violates by less than tol, or after max_iter steps.
- gamma='scale' means 1 / (n_features * X.var()) (the variance of all entries of the
  training X; 1 if it is 0, as SVC), 'auto' means 1 / n_features, a float is used as is.
  It is fixed at fit (a refit recomputes it).
- At the solution 0 <= a_i <= C and sum_i a_i y_i = 0, and the KKT margins hold:
  y f(x) >= 1 where a = 0, = 1 where 0 < a < C, <= 1 where a = C (up to tol).
- Predictions equal scikit-learn's SVC with the same C, kernel, gamma, degree and coef0.
- fit is deterministic; the caller's arrays are never modified.

Complexity: O(n^2 d) for the kernel matrix and O(n^2) memory: ONE n x n array. The
one-line rbf formula allocates about six (the product, -2 times it, each sum, the clip,
-gamma times it, the exp): do each step in place (*=, +=, out=). Q = y y^T * K need not
exist either: K_it y_i y_t is enough, and np.outer(y, y) is one more n x n array. Each SMO
step is O(n) and vectorized (no loop over samples inside a step); read ROWS of the kernel
matrix (it is symmetric, and a row of a C-contiguous array is contiguous while a column is
strided), and keep the number of O(n) passes per step small: the step count is fixed by
the data, so the cost of one step is what you control.

Pitfalls:
- Squared distances slightly negative from rounding: clip at 0, or K exceeds 1.
- 0/1 labels in the dual: sum a_i y_i = 0 then ignores every sample of class 0.
- The curvature K_ii + K_jj - 2 K_ij is 0 for duplicate points and can round to <= 0:
  guard it (a small positive number) instead of dividing by 0.
- A bounded vector (a_t = C) may sit inside the margin and gives a wrong b.
- gamma='scale' on a constant X: X.var() is 0, so 1 / (d * 0) divides by zero.

Worked example (linear kernel, C = 10): x = 0, 2, 3 with labels no, yes, yes. The margin
runs between 0 and 2: w = 1, b = -1, f(x) = x - 1. The support vectors are samples 0 and 1
with a = 1/2 each (w = 1/2 * 2 - 1/2 * 0 = 1 and 1/2 - 1/2 = 0); sample 2 has a = 0. So
support_ = [0, 1], dual_coef_ = [[-0.5, 0.5]], intercept_ = [-1], and 0.9 -> no, 1.1 -> yes.

Run `pytest --kata classification/kernel_svm` to check your work; hints are in
hints/classification/kernel_svm.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("linear_kernel")


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
    raise NotImplementedError("polynomial_kernel")


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
    raise NotImplementedError("rbf_kernel")


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
        raise NotImplementedError("KernelSVM.fit")

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
        raise NotImplementedError("KernelSVM.decision_function")

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
        raise NotImplementedError("KernelSVM.predict")
