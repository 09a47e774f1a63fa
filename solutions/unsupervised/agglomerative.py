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

        D = _distance_matrix(X)
        if self.linkage == "single":
            pairs, heights = _single_linkage_mst(D)
        else:
            pairs, heights = _nearest_neighbour_chain(D, self.linkage)
        children, distances = _merge_tree(pairs, heights, n)
        # The cut is read off the finished tree: the first n - n_clusters merges decide it.
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


def _distance_matrix(X):
    """Euclidean distances by one matrix product, inf on the diagonal.

    The data are centred first (the expansion ||a||^2 - 2 a.b + ||b||^2 cancels badly far
    from the origin) and every step works in place on the one (n, n) array: at these sizes
    the passes over memory, not the arithmetic, are the cost.
    """
    Xc = X - X.mean(axis=0)
    sq = np.einsum("ij,ij->i", Xc, Xc)
    D = Xc @ Xc.T
    D *= -2.0
    D += sq[:, None]
    D += sq[None, :]
    np.maximum(D, 0.0, out=D)  # rounding can leave tiny negatives
    np.sqrt(D, out=D)
    np.fill_diagonal(D, np.inf)  # a cluster is never merged with itself
    return D


def _single_linkage_mst(D):
    """Single linkage as a minimum spanning tree, grown by Prim's algorithm in O(n^2).

    Sorting the tree's n - 1 edges by length gives exactly single linkage's merges (this is
    Kruskal's algorithm): the closest pair of clusters is the shortest edge joining them.
    Each step is one vectorized pass over a row, with no matrix update at all (D is only
    read). Returns one sample of each side of every merge and the merge distances, unsorted.
    """
    n = len(D)
    pairs = np.empty((n - 1, 2), dtype=np.int64)
    heights = np.empty(n - 1)
    best = D[0].copy()  # each sample's distance to the tree grown so far
    via = np.zeros(n, dtype=np.int64)  # the tree sample that distance is measured to
    outside = np.ones(n, dtype=bool)  # not yet in the tree
    closer = np.empty(n, dtype=bool)
    outside[0] = False
    best[0] = np.inf  # samples in the tree are never picked again
    for step in range(n - 1):
        v = int(best.argmin())
        pairs[step] = via[v], v
        heights[step] = best[v]
        outside[v] = False
        best[v] = np.inf
        # The new tree sample may be the closer one for those still outside. A mask, not
        # a write of inf down column v of D: a column is n scattered cache lines.
        row = D[v]
        np.less(row, best, out=closer)
        closer &= outside
        np.copyto(via, v, where=closer)
        np.copyto(best, row, where=closer)
    return pairs, heights


def _nearest_neighbour_chain(D, linkage):
    """Complete or average linkage by the nearest-neighbour chain, O(n^2) in all.

    Follow nearest neighbours from any cluster, A -> B -> C -> ..., until two clusters are
    each other's nearest: those two can be merged now, because for these "reducible"
    linkages a merge never brings the new cluster closer to a third one than both parts
    were (min <= average <= max). The chain below stays valid, so the walk resumes from
    its end. Merges come out of distance order; _merge_tree sorts them. D is consumed.
    """
    n = len(D)
    pairs = np.empty((n - 1, 2), dtype=np.int64)
    heights = np.empty(n - 1)
    size = [1] * n
    alive = np.ones(n, dtype=bool)
    scratch = np.empty(n)
    chain = []
    for step in range(n - 1):
        while True:
            if not chain:
                chain.append(int(alive.argmax()))  # start from any live cluster
            a = chain[-1]
            row = D[a]
            b = int(row.argmin())
            # On a tie, step back to the previous cluster: the chain can never cycle.
            if len(chain) > 1 and row[chain[-2]] <= row[b]:
                break
            chain.append(b)
        a, b = chain.pop(), chain.pop()
        if a > b:
            a, b = b, a
        pairs[step] = a, b
        heights[step] = D[a, b]
        # Lance-Williams: the merged cluster's distance to every other one follows from the
        # two old rows in O(n), without going back to the points. Row a holds it from now
        # on, updated in place (ra and rb are views into D).
        ra, rb = D[a], D[b]
        if linkage == "complete":
            np.maximum(ra, rb, out=ra)
        else:  # average over all point pairs: weigh each side by its size
            weight_a = size[a] / (size[a] + size[b])
            ra *= weight_a
            np.multiply(rb, 1.0 - weight_a, out=scratch)
            ra += scratch
        ra[a] = ra[b] = np.inf
        D[:, a] = ra  # the column too: D stays symmetric
        rb.fill(np.inf)  # row and column b are dead
        D[:, b] = np.inf
        alive[b] = False
        size[a] += size[b]
    return pairs, heights


def _merge_tree(pairs, heights, n):
    """children_ and distances_ from merges given as one sample of each side.

    The merges are sorted by distance (stably: a cluster's later merges are never closer
    than the one that made it, so this keeps every merge after those that built its two
    sides), then replayed with a union-find to name each side's current cluster.
    """
    order = np.argsort(heights, kind="stable")
    root = list(range(n))  # union-find over the samples
    cluster = list(range(n))  # the tree id of the cluster whose root is this sample
    children = np.empty((n - 1, 2), dtype=np.int64)
    for step, (a, b) in enumerate(pairs[order].tolist()):
        a, b = _find(root, a), _find(root, b)
        x, y = cluster[a], cluster[b]
        children[step] = (x, y) if x < y else (y, x)
        root[b] = a
        cluster[a] = n + step
    return children, heights[order]


def _find(root, i):
    """The root of sample i's set, halving the path on the way (nearly O(1) amortized)."""
    while root[i] != i:
        root[i] = root[root[i]]
        i = root[i]
    return i


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
