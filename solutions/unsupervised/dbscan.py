"""Reference solution for unsupervised/dbscan.

The statement is in exercises/unsupervised/dbscan.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_scalar

#: Rows of the distance matrix computed at a time: (block, n) floats, not (n, n). Smaller
#: blocks stay in cache: 256 measured ~2x faster than 1024 rows at n = 6000.
_BLOCK = 256


def _neighbourhoods(X, eps):
    """(n, n) boolean matrix: adjacency[i, j] is True when ||x_i - x_j|| <= eps."""
    # Centre first: the expansion |a|^2 - 2 a.b + |b|^2 cancels catastrophically for
    # data far from the origin, and distances do not change.
    X = X - X.mean(axis=0)
    sq = np.einsum("ij,ij->i", X, X)
    n = X.shape[0]
    adjacency = np.empty((n, n), dtype=bool)
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        # One matrix product per block of rows: an (block, n) array, never (n, n, d). The
        # -2 goes on the small (block, d) factor and the norms are added in place, so the
        # block is allocated once instead of once per operation.
        d2 = (-2.0 * X[start:stop]) @ X.T
        d2 += sq[None, :]
        d2 += sq[start:stop, None]
        # Compare SQUARED distances with eps^2 (no square root), inclusively: a point
        # at distance exactly eps is a neighbour (as scikit-learn).
        np.less_equal(d2, eps * eps, out=adjacency[start:stop])
    np.fill_diagonal(adjacency, True)  # every point is in its own neighbourhood
    return adjacency


class DBSCAN:
    """Density-based clustering (DBSCAN) with Euclidean distances.

    Parameters
    ----------
    eps : float, default 0.5
        The neighbourhood radius: x_j is a neighbour of x_i when
        ``||x_i - x_j|| <= eps``; ``eps > 0``.
    min_samples : int, default 5
        A point is a core point when its eps-neighbourhood holds at least
        ``min_samples`` points, itself included; ``min_samples >= 1``.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,), int
        Cluster index of each sample, 0, 1, ... in the order the clusters are found;
        -1 marks noise.
    core_sample_indices_ : ndarray of shape (n_core,), int
        Indices of the core points, increasing.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0], [10.0], [11.0], [12.0], [20.0]]
    >>> db = DBSCAN(eps=1.0, min_samples=3).fit(X)
    >>> db.labels_, db.core_sample_indices_
    (array([ 0,  0,  0,  0,  1,  1,  1, -1]), array([1, 2, 5]))
    """

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def fit(self, X, y=None):
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted for compatibility with supervised estimators.

        Returns
        -------
        self : DBSCAN
            The fitted estimator.
        """
        X = check_array(X)
        check_scalar(self.eps, "eps", low=0.0, low_inclusive=False)
        check_scalar(self.min_samples, "min_samples", kind=numbers.Integral, low=1)
        self.n_features_in_ = X.shape[1]

        adjacency = _neighbourhoods(X, self.eps)
        is_core = adjacency.sum(axis=1) >= self.min_samples  # the point itself counts

        n = X.shape[0]
        labels = np.full(n, -1, dtype=np.int64)
        cluster = 0
        for seed in np.flatnonzero(is_core):  # clusters start at core points, in order
            if labels[seed] != -1:
                continue  # already reached from an earlier core point
            labels[seed] = cluster
            frontier = np.array([seed])
            while frontier.size:
                # Only CORE points expand; a border point joins but is a dead end.
                expanding = frontier[is_core[frontier]]
                if expanding.size == 0:
                    break
                reached = adjacency[expanding].any(axis=0) & (labels == -1)
                # labels == -1: a border point already taken keeps its first cluster.
                frontier = np.flatnonzero(reached)
                labels[frontier] = cluster
            cluster += 1

        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(is_core)
        return self

    def fit_predict(self, X, y=None):
        """Fit on ``X`` and return ``labels_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        ndarray of shape (n_samples,), int
            The cluster index of each sample, -1 for noise.
        """
        return self.fit(X).labels_
