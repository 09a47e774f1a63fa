"""Kata unsupervised/dbscan: DBSCAN density-based clustering.

Difficulty 2 (standard), target time 30 minutes.

Write `DBSCAN`: clusters are regions dense enough that every point in them has many
neighbours within a radius eps; points in sparse regions are noise (label -1). Unlike
k-means there is no k to choose and clusters may take any shape. Your labels must equal
scikit-learn's `DBSCAN(eps, min_samples)` exactly, cluster numbers included.

Math:
    neighbourhood   N(i) = { j : ||x_i - x_j|| <= eps }     (i itself included)
    core point      |N(i)| >= min_samples
    border point    not core, but in the neighbourhood of some core point
    noise           neither: label -1
    A cluster is a maximal set of core points linked by chains of core neighbours
    (core i, core j with j in N(i)), plus every border point within eps of one of them.
    Growing one is a graph search (BFS or DFS) from a core point: every point reached
    gets the cluster's label, but only CORE points add their neighbours to the search.

Shapes: X (n_samples, n_features); labels_ (n_samples,) ints; core_sample_indices_
(n_core,) ints.

Conventions:
- Euclidean distance; x_j is in N(i) when ||x_i - x_j|| <= eps (inclusive); N(i)
  contains i, so min_samples counts the point itself (min_samples=1 makes every point
  a core point).
- Clusters grow from core points in index order: scan i = 0, 1, ...; an unlabelled core
  point starts cluster 0, then 1, ... and the whole cluster is grown before the scan
  goes on. A border point within reach of two clusters joins the first that reaches it
  (the lower number) and is never relabelled (as scikit-learn).
- labels_ holds 0, 1, ... in that order and -1 for noise; core_sample_indices_ lists the
  core points in increasing order (as scikit-learn's).
- `fit(X, y=None)` accepts and ignores y and returns self; `fit_predict(X)` returns
  labels_. eps must be > 0 and min_samples an int >= 1 (ValueError otherwise).
- X is never modified.

Complexity: O(n^2 d) time for the distances, O(n^2) memory for the neighbourhoods (a
boolean (n, n) matrix is fine here; scikit-learn uses a KD-tree and neighbour lists). Get
the squared distances from ||a||^2 - 2 a.b + ||b||^2 (one matrix product, in row blocks
if you like), never an (n, n, d) array of differences; compare them with eps^2. The
search visits every point once: O(n^2) with a boolean matrix.

Pitfalls:
- min_samples counts the point itself: the test is |N(i)| >= min_samples with i in N(i).
- A border point belongs to a cluster: do not leave it as noise.
- A border point is a dead end: expanding its neighbours too would merge clusters that
  only touch through sparse points.
- <= eps, not < eps: a neighbour at distance exactly eps counts.
- A border point reachable from two clusters keeps the first label it got.
- Far from the origin the expansion ||a||^2 - 2 a.b + ||b||^2 loses the digits of a
  small distance: centre X first (distances do not change).

Worked example (1-D, eps = 1, min_samples = 3):
    X = [0, 1, 2, 3, 10, 11, 12, 20]
    |N| = [2, 3, 3, 2, 2, 3, 2, 1]  ->  core points 1, 2, 5
    cluster 0 grows from 1: 0, 1, 2 (core 2 adds 3); 0 and 3 are border points
    cluster 1 grows from 5: 10, 11, 12;  20 is noise
    labels_ = [0, 0, 0, 0, 1, 1, 1, -1], core_sample_indices_ = [1, 2, 5]

Run `pytest --kata unsupervised/dbscan` to check your work; hints are in
hints/unsupervised/dbscan.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_scalar


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
        raise NotImplementedError("DBSCAN.fit")

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
        raise NotImplementedError("DBSCAN.fit_predict")
