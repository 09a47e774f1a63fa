"""Reference solution for applied/matrix_factorization.

The statement is in exercises/applied/matrix_factorization.py.
"""

import numbers

import numpy as np

from kata.validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_random_state,
    check_scalar,
)


def _ridge_half_step(rows, cols, y, fixed, n_rows, reg):
    """Solve every row's ridge problem given the fixed factors of the other side.

    Row ``u`` minimizes ``sum_{ratings of u} (y - x_u . f_col)^2 + reg * n_u * ||x_u||^2``,
    whose normal equations are ``(F_u^T F_u + reg n_u I) x_u = F_u^T y_u``. The Gram
    matrices of all rows are accumulated with one ``bincount`` per entry (O(n) memory, never
    an (n_ratings, k, k) array); a row without ratings gets the zero vector.
    """
    k = fixed.shape[1]
    F = fixed[cols]  # (n_ratings, k): the fixed factor of each rating's other side
    counts = np.bincount(rows, minlength=n_rows).astype(float)
    gram = np.empty((n_rows, k, k))
    for a in range(k):
        for b in range(a, k):
            gram[:, a, b] = gram[:, b, a] = np.bincount(
                rows, weights=F[:, a] * F[:, b], minlength=n_rows
            )
    rhs = np.stack(
        [np.bincount(rows, weights=F[:, a] * y, minlength=n_rows) for a in range(k)], axis=1
    )
    # The weighted-lambda penalty reg * n_u; rows with no rating would have a zero system:
    # the identity there (with a zero right-hand side) returns their factor as 0.
    diag = np.where(counts > 0, reg * counts, 1.0)
    gram[:, np.arange(k), np.arange(k)] += diag[:, None]
    return np.linalg.solve(gram, rhs[:, :, None])[:, :, 0]


class MatrixFactorization:
    """Low-rank matrix factorization of ratings, fitted by alternating least squares.

    The rating of user ``u`` for item ``i`` is modelled as ``user_factors_[u] @
    item_factors_[i]`` (no biases). Each iteration solves, exactly, every user's ridge
    problem given the item factors, then every item's given the new user factors.

    Parameters
    ----------
    n_factors : int, default 10
        The rank k of the factorization.
    reg : float > 0, default 0.1
        The ridge strength; a user with n_u ratings gets the penalty ``reg * n_u``
        (likewise items).
    n_iter : int, default 20
        The number of ALS iterations (each a user half-step and an item half-step).
    random_state : int, numpy Generator or None, default None
        Seed of the initial item factors.

    Attributes
    ----------
    user_factors_ : ndarray of shape (n_users, n_factors)
    item_factors_ : ndarray of shape (n_items, n_factors)
    rmse_history_ : ndarray of shape (n_iter,)
        The training RMSE after each iteration.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 1]]
    >>> y = [5.0, 3.0, 4.0, 2.0, 1.0]
    >>> model = MatrixFactorization(n_factors=2, reg=0.01, n_iter=30, random_state=0)
    >>> model.fit(X, y).user_factors_.shape, model.item_factors_.shape
    ((3, 2), (2, 2))
    >>> bool(model.rmse_history_[-1] < 0.2)
    True
    """

    def __init__(self, n_factors=10, reg=0.1, n_iter=20, random_state=None):
        self.n_factors = n_factors
        self.reg = reg
        self.n_iter = n_iter
        self.random_state = random_state

    def fit(self, X, y):
        """Fit the factors to the observed ratings.

        Parameters
        ----------
        X : array-like of shape (n_ratings, 2)
            Integer (user id, item id) pairs; ids start at 0. A pair may repeat (each
            repetition is one more observation).
        y : array-like of shape (n_ratings,)
            The ratings.

        Returns
        -------
        self
        """
        X = check_array(X)
        y = check_array(y, name="y", ndim=1)
        check_consistent_length(X=X, y=y)
        if X.shape[1] != 2:
            raise ValueError(f"X must have shape (n_ratings, 2) (user, item), got {X.shape}")
        if np.any(X < 0) or np.any(X != np.floor(X)):
            raise ValueError("X must hold non-negative integer (user id, item id) pairs")
        check_scalar(self.n_factors, "n_factors", kind=numbers.Integral, low=1)
        check_scalar(self.reg, "reg", low=0.0, low_inclusive=False)
        check_scalar(self.n_iter, "n_iter", kind=numbers.Integral, low=1)
        rng = check_random_state(self.random_state)

        users, items = X[:, 0].astype(np.int64), X[:, 1].astype(np.int64)
        n_users, n_items = int(users.max()) + 1, int(items.max()) + 1
        # Only the item factors need a start: the first half-step solves the users from them.
        V = rng.normal(scale=1.0 / np.sqrt(self.n_factors), size=(n_items, self.n_factors))
        history = np.empty(self.n_iter)
        for t in range(self.n_iter):
            # Alternate: users from the current items, then items from the NEW users. Each
            # half-step is the exact minimizer over its block, so the objective never rises.
            U = _ridge_half_step(users, items, y, V, n_users, self.reg)
            V = _ridge_half_step(items, users, y, U, n_items, self.reg)
            residual = y - np.einsum("nk,nk->n", U[users], V[items])
            history[t] = np.sqrt(np.mean(residual**2))
        self.user_factors_, self.item_factors_ = U, V
        self.rmse_history_ = history
        return self

    def predict(self, users, items):
        """Predicted ratings ``user_factors_[users[j]] @ item_factors_[items[j]]``.

        Parameters
        ----------
        users, items : array-like of int of shape (n,)
            Ids seen at fit time (``0 <= id < n_users`` or ``n_items``).

        Returns
        -------
        ndarray of float64 of shape (n,)
        """
        check_is_fitted(self, "user_factors_")
        users = check_array(users, name="users", ndim=1)
        items = check_array(items, name="items", ndim=1)
        check_consistent_length(users=users, items=items)
        for name, ids, n in (
            ("users", users, self.user_factors_.shape[0]),
            ("items", items, self.item_factors_.shape[0]),
        ):
            if np.any(ids < 0) or np.any(ids != np.floor(ids)) or np.any(ids >= n):
                raise ValueError(f"{name} must hold integer ids seen at fit time, in [0, {n})")

        U, V = self.user_factors_, self.item_factors_
        return np.einsum("nk,nk->n", U[users.astype(np.int64)], V[items.astype(np.int64)])
