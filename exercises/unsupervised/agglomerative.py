"""Kata unsupervised/agglomerative: Agglomerative clustering: single, complete and average linkage.

Difficulty 3 (hard), target time 45 minutes.

Write `AgglomerativeClustering`: start with every sample as its own cluster and merge the
two closest clusters, again and again, until one is left. The sequence of merges is a
tree (a dendrogram); cutting it where `n_clusters` clusters remain gives `labels_`. The
linkage says what "closest" means for clusters. Your tree and partitions must equal
scikit-learn's `AgglomerativeClustering(linkage=...)` on data without distance ties.

Math:
    d(a, b) = ||a - b||  (Euclidean, NOT squared) between points;  between clusters A, B:
    single     D(A, B) = min  over a in A, b in B of d(a, b)
    complete   D(A, B) = max  over a in A, b in B of d(a, b)
    average    D(A, B) = mean over the |A| |B| pairs of d(a, b)
    Lance-Williams update: after merging A and B, the distance from the new cluster to
    any other cluster C follows from the two old distances alone:
    single     D(A u B, C) = min(D(A, C), D(B, C))
    complete   D(A u B, C) = max(D(A, C), D(B, C))
    average    D(A u B, C) = (|A| D(A, C) + |B| D(B, C)) / (|A| + |B|)
    So keep one (n, n) matrix of cluster distances, and per merge: find its smallest
    entry, overwrite one of the two rows (and columns) with the update, retire the other.

Shapes: X (n_samples, n_features) with n_samples >= 2; labels_ (n_samples,) ints in
0 .. n_clusters - 1; children_ (n_samples - 1, 2) ints; distances_ (n_samples - 1,).

Conventions:
- Default linkage='single'; linkage is one of 'single', 'complete', 'average' and
  1 <= n_clusters <= n_samples (ValueError otherwise).
- children_ is the FULL tree, n_samples - 1 rows whatever n_clusters: row s holds the
  ids of the two clusters merged at step s (in either order). Ids 0 .. n - 1 are the
  samples; the cluster created at step s gets id n + s (as scikit-learn).
- distances_[s] is the linkage distance of merge s (scikit-learn's distances_ with
  compute_distances=True); for these three linkages it never decreases.
- labels_: the clusters after the first n - n_clusters merges. The tests compare
  partitions up to renaming; the reference numbers clusters by first appearance in X.
- Ties between equal distances may be broken any way (the tests avoid them).
- `fit(X, y=None)` accepts and ignores y and returns self; `fit_predict(X)` returns
  labels_. X is never modified.

Complexity: O(n^2) memory for the distance matrix; each of the n - 1 merges costs O(n^2)
to find the smallest entry and O(n) for the update, so O(n^3) time in all. Computing the
pairwise distances takes one matrix product: never an (n, n, d) array. Recomputing every
cluster distance from the points at each merge is the slow answer to avoid.
The follow-up: "your search is O(n^2) per merge: what reaches O(n^2) in all?" For single
linkage, a minimum spanning tree (Prim's algorithm over the distance matrix, one O(n) row
pass per sample added); for complete and average linkage, the nearest-neighbour chain
(walk from cluster to nearest cluster until two are each other's nearest, merge them,
resume from the chain's end). Both find the merges out of height order: sort them
afterwards. scikit-learn uses these two.

Pitfalls:
- Single linkage is the MIN over pairs (it follows chains); complete is the MAX.
- Average linkage weighs the two old distances by cluster SIZE; the plain mean
  (D(A, C) + D(B, C)) / 2 is a different method (WPGMA), not the average over pairs.
- Euclidean distances, not squared: the squares change average linkage's merges.
- A merged cluster's id is n + step, not the index of one of the rows it came from.
- children_ must hold all n - 1 merges, not just the n - n_clusters needed for labels_.
- The matrix's diagonal and retired rows must never be picked as the smallest entry.

Worked example (1-D, single linkage):
    X = [0, 1, 5, 13]
    step 0: merge 0 and 1 at distance 1       -> cluster 4 = {0, 1}
    step 1: merge 2 and 4 at min(5, 4) = 4    -> cluster 5 = {0, 1, 2}
    step 2: merge 3 and 5 at min(13, 12, 8) = 8 -> cluster 6 = everything
    children_ = [[0, 1], [2, 4], [3, 5]], distances_ = [1, 4, 8]
    n_clusters=2: labels_ = [0, 0, 0, 1]
    average linkage instead: distances_ = [1, 4.5, 11]
    (step 1: (5 + 4) / 2; step 2: (13 + 12 + 8) / 3, the mean over the 3 pairs)

Run `pytest --kata unsupervised/agglomerative` to check your work; hints are in
hints/unsupervised/agglomerative.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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
        raise NotImplementedError("AgglomerativeClustering.fit")

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
        raise NotImplementedError("AgglomerativeClustering.fit_predict")
