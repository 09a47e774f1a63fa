"""Reference solution for unsupervised/agglomerative.

The statement is in exercises/unsupervised/agglomerative.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_option, check_scalar


class AgglomerativeClustering:
    """Bottom-up hierarchical clustering with single, complete or average linkage.

    Parameters
    ----------
    n_clusters : int, default 2
        The number of clusters left when the tree is cut, ``1 <= n_clusters <= n_samples``.
    linkage : {'single', 'complete', 'average'}, default 'single'
        The distance between two clusters: the smallest, the largest or the mean of the
        Euclidean distances between their points.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,), int
        The cluster of each sample after the first ``n_samples - n_clusters`` merges,
        numbered 0, 1, ... in the order of first appearance in ``X``.
    children_ : ndarray of shape (n_samples - 1, 2), int
        The full merge tree: row ``s`` holds the two clusters merged at step ``s``. Ids
        below ``n_samples`` are samples; the cluster made at step ``s`` has id
        ``n_samples + s``.
    distances_ : ndarray of shape (n_samples - 1,)
        The linkage distance between the two clusters merged at each step.
    n_features_in_ : int

    Examples
    --------
    >>> model = AgglomerativeClustering(n_clusters=2).fit([[0.0], [1.0], [5.0], [13.0]])
    >>> model.children_, model.distances_, model.labels_
    (array([[0, 1],
           [2, 4],
           [3, 5]]), array([1., 4., 8.]), array([0, 0, 0, 1]))
    """

    def __init__(self, n_clusters=2, linkage="single"):
        self.n_clusters = n_clusters
        self.linkage = linkage

    def fit(self, X, y=None):
        """Build the full merge tree of ``X`` and cut it at ``n_clusters`` clusters.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            At least two samples.
        y : ignored
            Accepted for compatibility with supervised estimators.

        Returns
        -------
        self : AgglomerativeClustering
            The fitted estimator.
        """
        X = check_array(X)
        n = X.shape[0]
        if n < 2:
            raise ValueError(f"agglomerative clustering needs at least 2 samples, got {n}")
        check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, low=1, high=n)
        check_option(self.linkage, "linkage", ("single", "complete", "average"))
        self.n_features_in_ = X.shape[1]

        # Euclidean distances by one matrix product, on centred data (the expansion
        # cancels far from the origin), clipped at 0 before the square root.
        Xc = X - X.mean(axis=0)
        sq = np.sum(Xc**2, axis=1)
        D = np.sqrt(np.maximum(sq[:, None] - 2.0 * Xc @ Xc.T + sq[None, :], 0.0))
        np.fill_diagonal(D, np.inf)  # a cluster is never merged with itself
        size = np.ones(n)
        ids = np.arange(n)  # the tree id of the cluster held in each row of D
        children = np.empty((n - 1, 2), dtype=np.int64)
        distances = np.empty(n - 1)
        # Each row's nearest live cluster, kept up to date: finding the closest pair is then
        # an O(n) argmin over these minima instead of an O(n^2) one over the whole matrix.
        # A dead row gets nearest -1 and nearest_d inf, so it is never picked nor stale.
        nearest = np.argmin(D, axis=1)
        nearest_d = D[np.arange(n), nearest]
        for step in range(n - 1):
            # The closest pair of live clusters; dead rows and columns hold inf.
            i = int(np.argmin(nearest_d))
            j = int(nearest[i])
            if j < i:
                i, j = j, i
            a, b = ids[i], ids[j]
            children[step] = (a, b) if a < b else (b, a)
            distances[step] = D[i, j]
            # Lance-Williams: the distance from the merged cluster to every other one
            # follows from the two old rows, in O(n), without going back to the points.
            if self.linkage == "single":
                merged = np.minimum(D[i], D[j])
            elif self.linkage == "complete":
                merged = np.maximum(D[i], D[j])
            else:  # average over all point pairs: weight each side by its size
                merged = (size[i] * D[i] + size[j] * D[j]) / (size[i] + size[j])
            merged[i] = merged[j] = np.inf
            D[i], D[:, i] = merged, merged  # row i now holds the merged cluster
            D[j], D[:, j] = np.inf, np.inf  # row j is dead
            nearest[j], nearest_d[j] = -1, np.inf
            # Rows whose nearest cluster was i or j: with single linkage the merged cluster
            # is exactly as near (the min of the two), so it becomes their nearest; with
            # complete and average linkage it can be farther, so they look again. No other
            # row changes its nearest: for these three linkages the merged distance lies
            # between the two old ones (min <= average <= max), so it is never below a
            # row's current minimum (the linkages are "reducible").
            stale = np.flatnonzero((nearest == i) | (nearest == j))
            nearest[i] = k = np.argmin(merged)  # the merged cluster's own row is all new
            nearest_d[i] = merged[k]
            stale = stale[stale != i]
            if stale.size:
                if self.linkage == "single":
                    nearest[stale] = i
                else:
                    rows = D[stale]
                    nearest[stale] = k = np.argmin(rows, axis=1)
                    nearest_d[stale] = rows[np.arange(stale.size), k]
            size[i] += size[j]
            ids[i] = n + step
        # The cut is read off the finished tree once, rather than relabelling the samples of
        # row j at every merge (O(n) per step): the first n - n_clusters merges decide it.
        labels = _cut(children, n, self.n_clusters)
        # Number the clusters 0, 1, ... in the order they first appear in X.
        _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
        self.labels_ = np.argsort(np.argsort(first))[inverse]
        self.children_ = children
        self.distances_ = distances
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
            The cluster of each sample.
        """
        return self.fit(X).labels_


def _cut(children, n, n_clusters):
    """The cluster of each sample after the first n - n_clusters merges (union-find)."""
    parent = np.arange(2 * n - 1)
    for step in range(n - n_clusters):
        parent[children[step]] = n + step
    # Follow each sample up to the top of its tree: at most log-many passes of pointer
    # jumping, each vectorized over all ids.
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return parent[:n]
        parent = grand
