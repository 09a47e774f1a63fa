"""Kata classification/knn: k-nearest neighbours.

Difficulty 1 (warm-up), target time 15 minutes.

Write a k-nearest-neighbours classifier and regressor. There is no training: `fit`
remembers the data, and a prediction looks up the k training samples closest to the query.

Math:
    distance      d(x, x_i) = ||x - x_i||  (Euclidean)
                  ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2  (one matrix product for all pairs)
    classifier    predict(x) = the label with the largest vote among the k nearest
                  uniform:  every neighbour has one vote
                  distance: neighbour i's vote weighs 1 / d(x, x_i)
    regressor     predict(x) = sum_i w_i y_i / sum_i w_i  over the k nearest (w_i = 1 or 1/d)

Shapes: X_train (n, d), y_train (n,), queries X (m, d). `kneighbors(X)` returns
(distances, indices), both (m, k), nearest first. `predict_proba(X)` is (m, n_classes),
columns in the order of `classes_`, rows sum to 1. `predict(X)` is (m,).

Conventions:
- Results equal scikit-learn's KNeighborsClassifier / KNeighborsRegressor with
  algorithm='brute'.
- Ties in distance go to the earlier training sample (training order), both in the order
  of `kneighbors` and in who makes the cut at the k-th place.
- Ties in the vote go to the smallest label (the first in `classes_`).
- Labels may be any sortable type (ints, strings); `classes_` holds the sorted unique
  labels and `predict` returns labels from it.
- weights='distance' with a query that coincides with training samples (distance 0): those
  matches share all the weight and the other neighbours get none, query by query (as
  scikit-learn).
- `fit` raises ValueError when n_neighbors is larger than the number of training samples;
  using a model before `fit` raises NotFittedError. The caller's arrays are never modified.

Complexity: O(m n d) time for the distances and O(m n) memory (less if the queries are
processed in blocks). Vectorize over the queries: no Python loop over them, one at a time
(a loop over blocks of queries, over the k neighbours or over the classes is fine). Never
the (m, n, d) array of differences, which takes d times more memory. Selecting the k
nearest needs no full sort of each row (O(n log n)): a partial sort, np.argpartition, is
O(n), then only the k are sorted; for a small k, k passes of argmin (O(k n)) are faster
still in NumPy.

Pitfalls:
- A full np.argsort of every row: correct but O(n log n) where O(n) is enough.
- argpartition returns the k smallest in arbitrary order AND picks arbitrarily among the
  samples tied at the k-th distance: sort the k by (distance, index), and fix the rows
  where more than k samples sit at or below the k-th distance.
- Rounding makes the expanded squared distance slightly negative: clip it at 0 before the
  square root.
- A plain 1 / d divides by zero for an exact match; a batch-wide `(dist == 0).any()` test
  applies the exact-match rule to queries that have no match.
- Labels used as bincount indices break on strings: encode them as positions in classes_.

Worked example (1-D, k = 3): training points 0, 1, 2, 10 with labels a, a, b, b.
The query 1.5 is at distances 1.5, 0.5, 0.5, 8.5, so kneighbors gives indices [1, 2, 0]
(1 and 2 tie at 0.5; training order puts 1 first) and the vote a, b, a predicts 'a'.

Run `pytest --kata classification/knn` to check your work; hints are in
hints/classification/knn.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_option, check_scalar, check_X_y


class KNNClassifier:
    """k-nearest-neighbours classifier: a majority (or distance-weighted) vote.

    Parameters
    ----------
    n_neighbors : int, default 5
        How many neighbours vote; at most the number of training samples.
    weights : {'uniform', 'distance'}, default 'uniform'
        'uniform': every neighbour has one vote. 'distance': a neighbour's vote weighs
        1 / distance; if some neighbours coincide with the query (distance 0), they share
        all the weight.

    Attributes
    ----------
    X_train_ : ndarray of shape (n_train, n_features)
    y_train_ : ndarray of shape (n_train,)
    classes_ : ndarray of shape (n_classes,)
        Sorted unique labels.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [10.0]]
    >>> KNNClassifier(n_neighbors=3).fit(X, ["a", "a", "b", "b"]).predict([[1.5]])
    array(['a'], dtype='<U1')
    """

    def __init__(self, n_neighbors=5, weights="uniform"):
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X, y):
        """Store the training set.

        Parameters
        ----------
        X : array-like of shape (n_train, n_features)
        y : array-like of shape (n_train,)
            Labels of any sortable dtype (ints, strings, ...).

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, low=1)
        check_option(self.weights, "weights", ("uniform", "distance"))
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("KNNClassifier.fit")

    def kneighbors(self, X):
        """The ``n_neighbors`` nearest training samples of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors)
            Euclidean distances, increasing along each row.
        indices : ndarray of int of shape (n_queries, n_neighbors)
            Rows of the training set; equal distances keep training order.

        Examples
        --------
        >>> model = KNNClassifier(n_neighbors=2).fit([[0.0], [3.0], [1.0]], [0, 1, 0])
        >>> model.kneighbors([[2.5]])
        (array([[0.5, 1.5]]), array([[1, 2]]))
        """
        X = check_fitted_input(self, X, attribute="X_train_")
        raise NotImplementedError("KNNClassifier.kneighbors")

    def predict_proba(self, X):
        """Share of the (weighted) vote that each class gets.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="X_train_")
        raise NotImplementedError("KNNClassifier.predict_proba")

    def predict(self, X):
        """The class with the largest (weighted) vote; ties go to the smallest label.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="X_train_")
        raise NotImplementedError("KNNClassifier.predict")


class KNNRegressor:
    """k-nearest-neighbours regressor: the (weighted) mean of the neighbours' targets.

    Parameters
    ----------
    n_neighbors : int, default 5
        How many neighbours are averaged; at most the number of training samples.
    weights : {'uniform', 'distance'}, default 'uniform'
        As in ``KNNClassifier``: plain mean, or weights 1 / distance with exact matches
        taking all the weight.

    Attributes
    ----------
    X_train_ : ndarray of shape (n_train, n_features)
    y_train_ : ndarray of float64 of shape (n_train,)
    n_features_in_ : int

    Examples
    --------
    >>> KNNRegressor(n_neighbors=2).fit([[0.0], [1.0], [5.0]], [1.0, 3.0, 9.0]).predict([[0.2]])
    array([2.])
    """

    def __init__(self, n_neighbors=5, weights="uniform"):
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X, y):
        """Store the training set.

        Parameters
        ----------
        X : array-like of shape (n_train, n_features)
        y : array-like of shape (n_train,)
            Real-valued targets.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y)
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, low=1)
        check_option(self.weights, "weights", ("uniform", "distance"))
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("KNNRegressor.fit")

    def kneighbors(self, X):
        """The ``n_neighbors`` nearest training samples of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors)
            Euclidean distances, increasing along each row.
        indices : ndarray of int of shape (n_queries, n_neighbors)
            Rows of the training set; equal distances keep training order.
        """
        X = check_fitted_input(self, X, attribute="X_train_")
        raise NotImplementedError("KNNRegressor.kneighbors")

    def predict(self, X):
        """The (weighted) mean target of the neighbours.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_queries,)
        """
        X = check_fitted_input(self, X, attribute="X_train_")
        raise NotImplementedError("KNNRegressor.predict")
