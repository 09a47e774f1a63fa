"""Reference solution for classification/knn.

The statement is in exercises/classification/knn.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_option, check_scalar, check_X_y

#: Up to this k, k passes of argmin (each a fast vectorized scan) beat one argpartition.
_FEW = 16
#: Queries are handled in blocks of about this many (query, training sample) pairs: the
#: (block, n) distance matrix stays in cache and memory is bounded whatever m is.
_BLOCK = 1 << 20


def _kneighbors(X_train, train_sq_norms, X, k):
    """Distances and indices of the k nearest training rows, nearest first."""
    m, n = X.shape[0], X_train.shape[0]
    dist = np.empty((m, k))
    ind = np.empty((m, k), dtype=np.intp)
    block = max(1, _BLOCK // n)
    for start in range(0, m, block):
        Q = X[start : start + block]
        # ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2: one matrix product, never the (m, n, d)
        # tensor of differences that X[:, None, :] - X_train[None] would build. The
        # training norms are computed once, in fit; the sums are done in place.
        sq = Q @ X_train.T
        sq *= -2.0
        sq += (Q**2).sum(axis=1)[:, None]
        sq += train_sq_norms
        # Cancellation can leave a true 0 at -1e-12; clip before the square root.
        np.maximum(sq, 0.0, out=sq)
        dist[start : start + block], ind[start : start + block] = _k_smallest(sq, k)
    return np.sqrt(dist), ind


def _k_smallest(sq, k):
    """The k smallest entries of each row, in increasing order, ties to the lower column.

    No full sort (O(n log n) per row) when only k are wanted: O(k n) for a small k, O(n)
    selection plus a sort of k otherwise. ``sq`` is overwritten.
    """
    m, n = sq.shape
    rows = np.arange(m)
    if k <= _FEW:
        # k passes of argmin: argmin returns the FIRST minimum, so equal distances come out
        # in training order, also at the k-th place. Each pick is then set to inf.
        vals, ind = np.empty((m, k)), np.empty((m, k), dtype=np.intp)
        for j in range(k):
            ind[:, j] = np.argmin(sq, axis=1)
            vals[:, j] = sq[rows, ind[:, j]]
            sq[rows, ind[:, j]] = np.inf
        return vals, ind
    if k < n:
        # A partial sort: the k smallest of each row in O(n), in no particular order.
        ind = np.argpartition(sq, k - 1, axis=1)[:, :k]
        # argpartition picks an arbitrary sample among those tied at the k-th distance;
        # the tie rule wants the earliest. Rows with more candidates at or below the k-th
        # distance than k places (rare) are redone with a stable full sort.
        kth = sq[rows[:, None], ind].max(axis=1, keepdims=True)
        crowded = np.count_nonzero(sq <= kth, axis=1) > k
        if crowded.any():
            ind[crowded] = np.argsort(sq[crowded], axis=1, kind="stable")[:, :k]
    else:
        ind = np.broadcast_to(np.arange(n), (m, n))
    # Sort only the k, by (distance, training index): equal distances keep training order.
    vals = sq[rows[:, None], ind]
    order = np.lexsort((ind, vals), axis=1)
    return np.take_along_axis(vals, order, axis=1), np.take_along_axis(ind, order, axis=1)


def _neighbor_weights(dist, weights):
    """Weight of each neighbour, shape (m, k)."""
    if weights == "uniform":
        return np.ones_like(dist)
    # 1 / distance, except in rows with an exact match: there (as scikit-learn does) the
    # matches share all the weight and the other neighbours get none. Dividing by the
    # masked distance keeps 1/0 from ever being evaluated.
    zero = dist == 0.0
    inverse = 1.0 / np.where(zero, 1.0, dist)
    return np.where(zero.any(axis=1, keepdims=True), zero.astype(np.float64), inverse)


def _check_n_neighbors(n_neighbors, n_samples):
    # A vote needs k distinct training samples: k > n_train has no meaning.
    if n_neighbors > n_samples:
        raise ValueError(
            f"n_neighbors={n_neighbors} is larger than the number of training samples "
            f"({n_samples})"
        )


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
        _check_n_neighbors(self.n_neighbors, X.shape[0])
        # A lazy learner: fitting is remembering (the encoded labels make voting a count, the
        # squared norms are the part of every distance that depends on the training set only).
        self.X_train_, self.y_train_ = X, y
        self._sq_norms = (X**2).sum(axis=1)
        self.classes_, self._y_codes = np.unique(y, return_inverse=True)
        return self

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
        return _kneighbors(self.X_train_, self._sq_norms, X, self.n_neighbors)

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
        dist, ind = self.kneighbors(X)
        w = _neighbor_weights(dist, self.weights)
        m, n_classes = ind.shape[0], self.classes_.size
        # Add each neighbour's weight into cell (query, class): one bincount over the
        # flattened (m, n_classes) table (repeated classes add up).
        cells = np.arange(m)[:, None] * n_classes + self._y_codes[ind]
        votes = np.bincount(cells.ravel(), weights=w.ravel(), minlength=m * n_classes)
        votes = votes.reshape(m, n_classes)
        return votes / votes.sum(axis=1, keepdims=True)

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
        proba = self.predict_proba(X)
        # argmax returns the first maximum, and classes_ is sorted: ties -> smallest label.
        return self.classes_[np.argmax(proba, axis=1)]


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
        _check_n_neighbors(self.n_neighbors, X.shape[0])
        self.X_train_, self.y_train_ = X, y
        self._sq_norms = (X**2).sum(axis=1)
        return self

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
        return _kneighbors(self.X_train_, self._sq_norms, X, self.n_neighbors)

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
        dist, ind = self.kneighbors(X)
        w = _neighbor_weights(dist, self.weights)
        return (w * self.y_train_[ind]).sum(axis=1) / w.sum(axis=1)
