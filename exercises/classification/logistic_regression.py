"""Kata classification/logistic_regression: Binary logistic regression with L2 penalty.

Difficulty 2 (standard), target time 30 minutes.

Fit a binary logistic regression that minimises the same objective as scikit-learn's
LogisticRegression, works for any two labels and stays finite and silent (no NumPy warning)
for logits in the thousands. Write plain gradient descent first (solver='gd'), then make
Newton's method (solver='newton', the default) converge in about ten iterations.

Math:
    For a sample x (a row of X) the logit is z = x.w + b and
        P(y = classes_[1] | x) = sigmoid(z) = 1 / (1 + exp(-z)).
    With t_i = 1 if y_i == classes_[1] else 0, p_i = sigmoid(z_i), s_i = 2 t_i - 1:
        J(w, b)   = 1/2 ||w||^2 + C * sum_i logloss_i          (b is NOT penalized)
        logloss_i = -t_i log p_i - (1 - t_i) log(1 - p_i) = log(1 + exp(-s_i z_i))
    Both solvers work on L = J / (n C), the same minimiser with an n-free scale:
        L(w, b) = mean_i logloss_i + ||w||^2 / (2 n C)
        dL/dw   = X^T (p - t) / n + w / (n C)                  shape (d,)
        dL/db   = mean_i (p_i - t_i)                           (0 if fit_intercept=False)
    Gradient descent: w <- w - learning_rate * dL/dw, b <- b - learning_rate * dL/db.
    Newton: with A = [X, 1] (the ones column only if fit_intercept) and
    S = diag(p_i (1 - p_i)), the Hessian of L is
        H = A^T S A / n + diag(1/(nC), ..., 1/(nC), 0)         shape (d+1, d+1)
    and the step solves H delta = [dL/dw, dL/db]: (w, b) <- (w, b) - eta * delta. Take
    eta = 1, halving it while L(new) > L(old) - 1e-4 * eta * (grad . delta) (backtracking).

Shapes: X is (n, d); y is (n,) with exactly two distinct labels of any type (ints,
strings, -1/+1, {3, 7}, ...). coef_ is (1, d), intercept_ is (1,), classes_ is (2,).
decision_function gives the logits (n,); predict_proba gives (n, 2), column j being
P(y = classes_[j]); predict gives (n,) labels taken from classes_.

Conventions:
- classes_ are the two labels sorted; classes_[1] is the positive class. A logit > 0
  predicts classes_[1]; a logit of exactly 0 predicts classes_[0].
- The objective is scikit-learn's, J = 1/2 ||w||^2 + C * sum_i logloss_i with the
  intercept not penalized; loss_history_ and tol refer to L = J / (n C) =
  mean_i logloss_i + ||w||^2 / (2 n C).
- C is the INVERSE regularization strength (larger C, weaker penalty); C=np.inf means no
  penalty (1 / (n C) is then 0). y with fewer or more than two classes is a ValueError
  whose message contains "2 classes".
- Start at w = 0, b = 0. Each iteration: append L(w, b) to loss_history_; stop if every
  entry of (dL/dw, dL/db) is below tol in absolute value; otherwise take one step (GD or
  Newton). At most max_iter iterations, so at most max_iter entries; fit returns the
  last iterate.
- With fit_intercept=False, b stays 0 and intercept_ is [0.0].
- Results are float64; X and y are never modified.

Complexity: gradient descent costs O(n d) per step but needs hundreds to thousands of
steps (more the worse X is conditioned); Newton costs O(n d^2 + d^3) per step (one
weighted product A^T S A and a (d+1) x (d+1) solve) and converges quadratically: about
ten steps to tol = 1e-8 whatever the conditioning. Vectorized: no Python loop over samples.

Pitfalls:
- Labels assumed to be 0/1: map them through classes_.
- Penalizing the intercept: at the optimum the mean of p equals the fraction of positives
  exactly (dJ/db = C * sum_i (p_i - t_i) = 0).
- sigmoid(z) = 1 / (1 + exp(-z)) overflows for z < -709: features around 1e3 get there.
- On separable data |z| keeps growing and p rounds to exactly 0 or 1: log(1 - p) is
  log(0). Compute the loss from z (log(1 + exp(-s z)) = np.logaddexp(0, -s z)).
- Newton's Hessian and gradient must be of the same function: with dL/dw (divided by
  n C) the penalty term is I / (n C), not I / C, and the intercept's entry has none.
- A Newton step is not scaled by learning_rate; a full step can overshoot far from the
  optimum, which the backtracking catches.

Worked example: X = [[-1], [1]], y = [0, 1], C = 2 ln 3. By symmetry b = 0, and
dJ/dw = w - 2 C sigmoid(-w) vanishes at w = ln 3 (sigmoid(-ln 3) = 1/4). So coef_ is
[[1.0986]], intercept_ is [0.0] and predict_proba([[1]]) is [[0.25, 0.75]].

Run `pytest --kata classification/logistic_regression` to check your work; hints are in
hints/classification/logistic_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (
    check_fitted_input,
    check_option,
    check_scalar,
    check_X_y,
)


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
        raise NotImplementedError("LogisticRegression.fit")

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
        raise NotImplementedError("LogisticRegression.decision_function")

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
        raise NotImplementedError("LogisticRegression.predict_proba")

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
        raise NotImplementedError("LogisticRegression.predict")
