"""Reference solution for classification/knn.

The statement is in exercises/classification/knn.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_option, check_scalar, check_X_y


def _kneighbors(X_train, X, k):
    """Distances and indices of the k nearest training rows, nearest first."""
    # ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2: one (m, n) matrix product, never the
    # (m, n, d) tensor of differences that X[:, None, :] - X_train[None] would build.
    sq = (X**2).sum(axis=1)[:, None] - 2.0 * (X @ X_train.T) + (X_train**2).sum(axis=1)
    # Cancellation can leave a true 0 at -1e-12; clip before the square root.
    np.maximum(sq, 0.0, out=sq)
    # A stable sort keeps equal distances in training order, which is the tie rule.
    ind = np.argsort(sq, axis=1, kind="stable")[:, :k]
    return np.sqrt(np.take_along_axis(sq, ind, axis=1)), ind


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
        # A lazy learner: fitting is remembering (the encoded labels make voting a scatter-add).
        self.X_train_, self.y_train_ = X, y
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
        return _kneighbors(self.X_train_, X, self.n_neighbors)

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
        dist, ind = self.kneighbors(X)
        w = _neighbor_weights(dist, self.weights)
        votes = np.zeros((ind.shape[0], self.classes_.size))
        # Scatter-add each neighbour's weight into its class column (repeated classes add up).
        np.add.at(votes, (np.arange(ind.shape[0])[:, None], self._y_codes[ind]), w)
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
        return _kneighbors(self.X_train_, X, self.n_neighbors)

    def predict(self, X):
        """The (weighted) mean target of the neighbours.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of float64 of shape (n_queries,)
        """
        dist, ind = self.kneighbors(X)
        w = _neighbor_weights(dist, self.weights)
        return (w * self.y_train_[ind]).sum(axis=1) / w.sum(axis=1)
