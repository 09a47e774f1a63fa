"""Kata classification/softmax_regression: Multinomial (softmax) regression.

Difficulty 2 (standard), target time 30 minutes.

Fit a k-class logistic regression (softmax regression) that minimises the same objective as
scikit-learn's multinomial LogisticRegression, works for any labels and stays finite and
silent (no NumPy warning) for logits in the thousands. Write plain gradient descent first
(solver='gd'), then make Newton's method (solver='newton', the default) converge in about
ten iterations.

Math:
    For a sample x (a row of X) the logits are z = W x + b, one per class (W is k x d,
    b has k entries), and P(y = classes_[j] | x) = softmax(z)_j = exp(z_j) / sum_l exp(z_l).
    With c_i the index of y_i in classes_ and Y the one-hot targets (Y[i, c_i] = 1):
        J(W, b) = 1/2 ||W||_F^2 + C * sum_i CE_i             (b is NOT penalized)
        CE_i    = -log softmax(z_i)[c_i] = logsumexp(z_i) - z_i[c_i]
    Both solvers work on L = J / (n C), the same minimiser with an n-free scale. With P the
    (n, k) probabilities (row i = softmax(z_i)):
        L(W, b) = mean_i CE_i + ||W||_F^2 / (2 n C)
        dL/dW   = (P - Y)^T X / n + W / (n C)                shape (k, d)
        dL/db   = mean over samples of (P - Y)               shape (k,)
    Gradient descent: W <- W - learning_rate * dL/dW, b <- b - learning_rate * dL/db.
    Newton: the Hessian of L along a direction (V, v), whose logits change by
    U = X V^T + v (n, k), is
        H (V, v) = (M^T X / n + V / (n C), mean over samples of M),
        M = P * U - P * sum_j (P * U)_j                      (row by row, shape (n, k)).
    The step solves H delta = grad (form H, (k(d+1))^2, or run conjugate gradients on
    these products), then (W, b) <- (W, b) - eta * delta, eta = 1 halved while
    L(new) > L(old) - 1e-4 * eta * (grad . delta) (backtracking).

Shapes: X is (n, d); y is (n,) with at least two distinct labels of any type (ints,
strings, {3, 7, 11}, ...). coef_ is (k, d), intercept_ is (k,), classes_ is (k,) (k = 2
included: two rows, no special case). decision_function gives the logits (n, k);
predict_proba gives (n, k), column j being P(y = classes_[j]); predict gives (n,) labels
from classes_.

Conventions:
- classes_ are the k distinct labels sorted; row j of coef_ and column j of predict_proba
  belong to classes_[j]. Fewer than two classes is a ValueError whose message contains
  "2 classes". A tie between logits goes to the earlier class (np.argmax).
- The objective is scikit-learn's, J = 1/2 ||W||_F^2 + C * sum_i CE_i with the intercepts
  not penalized; loss_history_ and tol refer to L = J / (n C) =
  mean_i CE_i + ||W||_F^2 / (2 n C). C is the INVERSE regularization strength;
  C=np.inf means no penalty (1 / (n C) is then 0).
- Start at W = 0, b = 0. Each iteration: append L(W, b) to loss_history_; stop if every
  entry of the gradient is below tol in absolute value; otherwise take one step (GD or
  Newton). At most max_iter iterations; fit returns the last iterate.
- intercept_ sums to 0 over the classes (scikit-learn's convention: the loss does not
  change when the same constant is added to every intercept).
- Results are float64; X and y are never modified.

Complexity: gradient descent costs O(n d k) per step but needs hundreds to thousands of
steps; Newton needs about ten. Forming its Hessian costs O(n k^2 d^2) per step; a
Hessian-vector product costs O(n d k) (two matrix products), so conjugate gradients solve
each Newton system for the price of a few gradients. Vectorized: no Python loop over
samples or classes.

Pitfalls:
- Labels used as indices: map them to 0..k-1 through classes_.
- Softmax over the CLASS axis (axis=1): every row of predict_proba sums to 1.
- exp(z) overflows for z > 709: shift each row by its own max before exp.
- log(P) is log(0) once a probability underflows: compute CE from the logits
  (logsumexp(z_i) - z_i[c_i], or a log-softmax), never as log of a probability.
- Penalizing the intercepts: at the optimum the mean predicted probability of each class
  equals that class's frequency.
- The Hessian is singular along "the same constant added to every class": solve with
  lstsq, or by conjugate gradients started at 0 (which never leave the gradient's span).
- A Newton step is not scaled by learning_rate.

Worked example: X = [[0], [0], [0], [0]] (no signal) and y = ["a", "b", "b", "c"]: W stays
0 and softmax(b) must equal the class frequencies (1/4, 1/2, 1/4), so
intercept_ = log(freq) - mean(log(freq)) = [-0.2310, 0.4621, -0.2310] and
predict_proba([[5]]) = [[0.25, 0.5, 0.25]].

Run `pytest --kata classification/softmax_regression` to check your work; hints are in
hints/classification/softmax_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_option, check_scalar, check_X_y


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
