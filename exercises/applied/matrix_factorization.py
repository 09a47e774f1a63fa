"""Kata applied/matrix_factorization: Matrix factorization by alternating least squares.

Difficulty 3 (hard), target time 45 minutes.

A recommender sees a few (user, item, rating) triples out of a huge, mostly empty ratings
matrix, and predicts the missing entries with a low-rank model: each user u and each item
i get a vector of k factors, and the predicted rating is their dot product. Write
`MatrixFactorization`, fitted by alternating least squares (ALS): with the item factors
fixed, each user's factors solve a small ridge regression in closed form; then the same
for each item with the user factors fixed; repeat.

Math:
    model       r_hat(u, i) = p_u . q_i      (p_u = user_factors_[u], q_i = item_factors_[i])
    objective   L = sum_{(u,i) observed} (r_ui - p_u . q_i)^2
                    + reg * ( sum_u n_u ||p_u||^2 + sum_i n_i ||q_i||^2 )
                n_u = number of ratings of user u, n_i = number of ratings of item i
                ("weighted-lambda" regularization, Zhou et al. 2008)
    user step   with Q_u the (n_u, k) factors of the items u rated and r_u their ratings,
                setting dL/dp_u = 0 gives the ridge normal equations
                (Q_u^T Q_u + reg n_u I) p_u = Q_u^T r_u
    item step   (P_i^T P_i + reg n_i I) q_i = P_i^T r_i, from the NEW user factors
    Each half-step minimizes L exactly over one block, so L never increases.
    RMSE        sqrt( mean over the observed ratings of (r_ui - p_u . q_i)^2 )

Shapes: X (n_ratings, 2) holds (user id, item id) pairs, y (n_ratings,) the ratings;
user_factors_ (n_users, n_factors) and item_factors_ (n_items, n_factors) with
n_users = max user id + 1 and n_items = max item id + 1; rmse_history_ (n_iter,);
predict(users, items) takes two (n,) id arrays and returns (n,) float64.

Conventions:
- Ids are non-negative integers starting at 0 (integer-valued floats are accepted); the
  stub checks X's shape, the ids and the hyperparameters (n_factors >= 1 and n_iter >= 1
  ints, reg > 0), raising ValueError.
- No biases: the prediction is exactly user_factors_[u] @ item_factors_[i].
- Each iteration first solves every user given the current item factors, then every
  item given the new user factors; each half-step is the exact ridge solution with
  penalty reg * n_u for a user with n_u ratings (reg * n_i for an item), computed on the
  OBSERVED ratings only (a missing entry is not a zero rating). A repeated (user, item)
  pair counts as one more rating.
- The item factors start as rng.normal(0, 1/sqrt(n_factors), (n_items, n_factors)) from
  rng = check_random_state(random_state) (the stub makes rng); the user factors need no
  start. The same int random_state gives the same factors.
- An id with no rating (a gap in the ids) gets a zero factor row: its system has no data
  and a zero penalty, and the zero vector is its minimum-norm solution.
- rmse_history_[t] is the training RMSE after iteration t (both half-steps), so
  rmse_history_[-1] is the RMSE of the fitted factors. The objective (squared errors plus
  the penalties) never increases; the RMSE usually decreases too, but the penalty may
  trade a little of it away.
- predict before fit raises NotFittedError; ids outside [0, n_users) or [0, n_items) and
  mismatched lengths are ValueErrors (the stub checks them). Inputs are never modified.

Complexity: a user half-step costs O(n_ratings k^2) to accumulate the Gram matrices and
O(n_users k^3) to solve them (one batched np.linalg.solve on an (n_users, k, k) array);
memory O(n_ratings k + n_users k^2): never an (n_ratings, k, k) array of outer products.
Group the ratings by user with np.bincount (or a sort), never a Python loop over the
ratings, nor a boolean mask over all ratings per user (O(n_users n_ratings)).

Pitfalls:
- A plain penalty reg instead of reg * n_u (the convention here, as in Spark's ALS).
- Treating missing ratings as zeros (solving against the dense matrix).
- Solving the items from the OLD user factors (a Jacobi step) instead of the new ones.
- np.linalg.solve on a singular system for an id that has no ratings.
- Recording the RMSE before an iteration instead of after it, or the MSE without sqrt.
- The penalty added to every entry of the Gram matrix instead of its diagonal only.

Worked example (one item, k = 1, reg = 0.1): if the item factor is q = 2 and user u rated
it 3 and 5 (a repeated pair, n_u = 2), the user step solves
    (2^2 + 2^2 + 0.1 * 2) p_u = 2 * 3 + 2 * 5  ->  p_u = 16 / 8.2 = 1.9512
and predicts 1.9512 * 2 = 3.9024 for both ratings (their mean is 4: the ridge shrinks).

Run `pytest --kata applied/matrix_factorization` to check your work; hints are in
hints/applied/matrix_factorization.md.
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

        raise NotImplementedError("MatrixFactorization.fit")

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

        raise NotImplementedError("MatrixFactorization.predict")
