"""Reference solution for classification/logistic_regression.

The statement is in exercises/classification/logistic_regression.py.
"""

import numbers

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_option,
    check_scalar,
    check_X_y,
)


def _sigmoid(z):
    # exp(-|z|) is in (0, 1], so it cannot overflow; e / (1 + e) is the exact form for z < 0.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _loss_and_sigmoid(z, s):
    """Mean log-loss log(1 + exp(-s z)) and sigmoid(z), from one exponential.

    log(1 + e^(-s z)) = max(-s z, 0) + log1p(e^(-|z|)): never an overflow and never
    log(0), even when separable data push |z| so far that sigmoid(z) rounds to 0 or 1.
    """
    e = np.exp(-np.abs(z))
    loss = np.maximum(-s * z, 0.0) + np.log1p(e)
    return loss.mean(), np.where(z >= 0, 1.0, e) / (1.0 + e)


def _newton_direction(X, p, grad_w, grad_b, l2, fit_intercept):
    """Solve H [dw, db] = [grad_w, grad_b], H the Hessian of L = J / (n C) at p."""
    n, d = X.shape
    curvature = p * (1.0 - p) / n  # d^2 L / dz_i^2
    # X^T diag(curvature) X as A^T A with A = sqrt(curvature) * X: one symmetric product.
    A = X * np.sqrt(curvature)[:, None]
    m = d + 1 if fit_intercept else d
    H = np.empty((m, m))
    H[:d, :d] = A.T @ A
    H[:d, :d].flat[:: d + 1] += l2  # the penalty's I / (n C); the intercept has none
    g = grad_w
    if fit_intercept:  # the intercept is a column of ones: its row and column of H
        H[:d, d] = H[d, :d] = curvature @ X
        H[d, d] = curvature.sum()
        g = np.append(grad_w, grad_b)
    # lstsq rather than solve: with C = inf and a duplicated feature H is singular (no
    # unique optimum), and the least-squares solution is then the minimum-norm step.
    step = np.linalg.lstsq(H, g, rcond=None)[0]
    return step[:d], (step[d] if fit_intercept else 0.0)


class LogisticRegression:
    """Binary logistic regression with an L2 penalty, fitted by Newton's method or GD.

    Minimises scikit-learn's objective ``1/2 ||w||^2 + C * sum_i logloss_i`` (the
    intercept is not penalized; ``C=np.inf`` drops the penalty) on the same objective
    divided by ``n * C``: ``L = mean_i logloss_i + ||w||^2 / (2 n C)``.

    Parameters
    ----------
    C : float, default 1.0
        Inverse of the regularization strength: larger C, weaker penalty. Must be > 0;
        ``np.inf`` means no penalty at all (plain maximum likelihood).
    fit_intercept : bool, default True
        Whether to learn an (unpenalized) intercept; if False it stays 0.
    learning_rate : float, default 0.1
        Step size of ``solver='gd'`` on ``L``. Must be > 0.
    max_iter : int, default 1000
        Maximum number of iterations (Newton or gradient steps). Must be >= 1.
    tol : float, default 1e-8
        Stop once every entry of the gradient of ``L`` is below ``tol`` in absolute value.
    solver : {'newton', 'gd'}, default 'newton'
        'newton': Newton's method (IRLS) with a backtracking line search, about ten
        iterations. 'gd': plain gradient descent with a fixed ``learning_rate``.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    loss_history_ : list of float
        ``L = mean_i logloss_i + ||w||^2 / (2 n C)`` at the start of each iteration.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[-1.0], [1.0]])
    >>> model = LogisticRegression(C=2 * np.log(3.0)).fit(X, ["a", "b"])
    >>> model.predict_proba([[1.0]]).round(4)
    array([[0.25, 0.75]])
    >>> model.predict([[-3.0], [2.0]])
    array(['a', 'b'], dtype='<U1')
    """

    def __init__(
        self,
        C=1.0,
        fit_intercept=True,
        learning_rate=0.1,
        max_iter=1000,
        tol=1e-8,
        solver="newton",
    ):
        self.C = C
        self.fit_intercept = fit_intercept
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
            Exactly two distinct labels of any sortable type (ints, strings, ...).

        Returns
        -------
        self : LogisticRegression
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

        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            raise ValueError(
                f"LogisticRegression is binary: y must have exactly 2 classes, "
                f"got {self.classes_.size} ({self.classes_.tolist()[:5]})"
            )
        # Targets in {0, 1} for whatever the labels are; s in {-1, +1} for the loss.
        t = (y == self.classes_[1]).astype(np.float64)
        s = 2.0 * t - 1.0

        n, d = X.shape
        l2 = 1.0 / (n * self.C)  # the penalty weight once J is divided by n*C (0 if C = inf)
        w, b, z = np.zeros(d), 0.0, np.zeros(n)
        mean_loss, p = _loss_and_sigmoid(z, s)
        self.loss_history_ = []
        for _ in range(self.max_iter):
            objective = mean_loss + 0.5 * l2 * (w @ w)
            self.loss_history_.append(float(objective))
            r = p - t  # d logloss / dz
            grad_w = X.T @ r / n + l2 * w
            grad_b = r.mean() if self.fit_intercept else 0.0  # b is not penalized
            if max(np.max(np.abs(grad_w)), abs(grad_b)) < self.tol:
                break
            if self.solver == "gd":
                w = w - self.learning_rate * grad_w
                b = b - self.learning_rate * grad_b
                z = X @ w + b
                mean_loss, p = _loss_and_sigmoid(z, s)
                continue
            # Newton: the step solves H step = grad. A full step can overshoot far from the
            # optimum, so halve it until L decreases enough (Armijo's condition).
            step_w, step_b = _newton_direction(X, p, grad_w, grad_b, l2, self.fit_intercept)
            slope = grad_w @ step_w + grad_b * step_b  # -step is a descent direction: > 0
            dz = X @ step_w + step_b
            eta = 1.0
            while True:
                w_new = w - eta * step_w
                mean_loss, p = _loss_and_sigmoid(z - eta * dz, s)
                new_objective = mean_loss + 0.5 * l2 * (w_new @ w_new)
                if new_objective <= objective - 1e-4 * eta * slope or eta < 1e-10:
                    break
                eta /= 2
            w, b, z = w_new, b - eta * step_b, z - eta * dz

        self.coef_ = w.reshape(1, -1)
        self.intercept_ = np.array([b], dtype=np.float64)
        return self

    def decision_function(self, X):
        """Logit ``X @ coef_.T + intercept_``: positive means ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="coef_")
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        """Class probabilities, columns in the order of ``classes_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Column 1 is ``P(y = classes_[1] | x) = sigmoid(logit)``; rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="coef_")
        z = self.decision_function(X)
        # sigmoid(-z) = 1 - sigmoid(z), computed directly so neither column loses precision.
        return np.column_stack([_sigmoid(-z), _sigmoid(z)])

    def predict(self, X):
        """Most probable label for each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="coef_")
        # logit > 0 <=> P(classes_[1]) > 1/2; a tie at exactly 0 goes to classes_[0].
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
