"""Kata unsupervised/kmeans: K-means with k-means++ seeding.

Difficulty 2 (standard), target time 30 minutes.

Group n points into k clusters by Lloyd's algorithm, started from k-means++ seeds. Write
`kmeans_plusplus` (the seeding) and the `KMeans` estimator (fit, predict, fit_predict).

Math:
    inertia      J = sum_i ||x_i - c_l(i)||^2        what k-means (locally) minimizes
    assignment   l(i) = argmin_j ||x_i - c_j||^2      each point to its nearest center
    update       c_j = mean of the x_i with l(i) = j  each center to its cluster's mean
    Both steps can only lower J, so Lloyd's iterations reach a fixed point: a local minimum
    that depends on the start. Hence k-means++ seeding and `n_init` restarts.
    k-means++ (Arthur and Vassilvitskii, 2007): the first center is a sample drawn
    uniformly; each next center is a sample drawn with probability D(x)^2 / sum D^2, where
    D(x) is the distance from x to the NEAREST center chosen so far.
    All squared distances at once: ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2.

Shapes: X (n_samples, n_features); cluster_centers_ (n_clusters, n_features); labels_
(n_samples,) ints in 0..k-1; inertia_ a float; n_iter_ an int.

Conventions:
- The iteration and stopping rule are scikit-learn's (Lloyd): with the same initial
  centers, fit equals `sklearn.cluster.KMeans(init=centers, n_init=1, algorithm='lloyd')`
  to 1e-8 (centers, labels, inertia and n_iter_).
- One iteration = an assignment with the current centers, then an update. Stop after the
  iteration whose labels equal the previous iteration's labels (strict convergence), or
  whose total squared center shift sum_j ||c_j(new) - c_j(old)||^2 is <= tol * (mean over
  features of the variance of X[:, f]), or after max_iter iterations. `tol` is relative:
  rescaling X changes nothing. n_iter_ counts the iterations run.
- Unless the labels stopped changing, assign once more at the end, so that `labels_` are
  the nearest of the final `cluster_centers_`. A sample equidistant from two centers goes
  to the lower index.
- inertia_ is the sum of SQUARED distances, with the final centers and labels.
- An empty cluster (no point assigned) is re-seeded, never left NaN (scikit-learn moves it
  to the sample farthest from its own center, which leaves its old cluster; the tests
  accept any re-seeding that moves the center onto the data).
- `init` may be an array of initial centers: then a single run is made, whatever n_init.
  n_init keeps the labels, centers, inertia and n_iter_ of ONE run: the lowest inertia.
- `random_state` goes through `check_random_state` (the stub calls it), and only that
  generator is used: the same seed gives the same result whatever np.random's state; a
  Generator passed in is used (and advanced) as is. With n_init > 1 the runs draw
  different initial centers from that one generator.
- `fit(X, y=None)` and `fit_predict(X, y=None)` accept and ignore y. X and `init` are
  never modified.

Complexity: O(n k d) time per iteration and O(n k) memory: all squared distances with one
matrix product, never an (n, k, d) array and never a Python loop over samples. ||x||^2 does
not depend on the center: compute it once per fit, not every iteration (the argmin does
not even need it). The update is one pass too: counts by np.bincount and sums by a one-hot
(k, n) membership matrix times X, never np.add.at (several times slower) or a loop over
clusters with boolean masks. k-means++ costs O(n k d): keep a running minimum of D^2
instead of recomputing it against every chosen center.

Pitfalls:
- The expansion cancels badly when the data sit far from the origin (values ~1e7 lose
  every digit of a unit distance): centre X first (subtract its column means from X and
  from the centers) and shift the centers back at the end. Clip tiny negatives at 0.
- k-means++ samples: "take the farthest point" always picks outliers.
- D^2 sums to 0 when every sample sits on a chosen center (fewer distinct points than k):
  do not divide 0 by 0; any remaining sample will do.
- Modifying X or the `init` array in place (copy before updating centers).
- Stale labels_: the loop that ends on an update must assign once more.

Worked example (1-D, init = [[1], [2]]):
    X = [1, 2, 10, 11]
    iteration 1: labels [0, 1, 1, 1] -> centers [1, 7.667]
    iteration 2: labels [0, 0, 1, 1] -> centers [1.5, 10.5]
    iteration 3: labels [0, 0, 1, 1], unchanged -> stop
    cluster_centers_ [[1.5], [10.5]], inertia_ 4 * 0.5^2 = 1.0, n_iter_ 3

Run `pytest --kata unsupervised/kmeans` to check your work; hints are in
hints/unsupervised/kmeans.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import (
    check_array,
    check_fitted_input,
    check_option,
    check_random_state,
    check_scalar,
)


def kmeans_plusplus(X, n_clusters, random_state=None):
    """Choose initial centers with k-means++ (D² sampling).

    The first center is a sample drawn uniformly at random; every next one is a sample
    drawn with probability ``D(x)² / sum D²``, where ``D(x)`` is the distance from ``x``
    to the nearest center chosen so far. This is the plain seeding of Arthur and
    Vassilvitskii (2007); scikit-learn's ``kmeans_plusplus`` returns the same pair but
    adds greedy local trials, so its choices differ.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The data to pick centers from.
    n_clusters : int
        The number of centers, ``1 <= n_clusters <= n_samples``.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the random draws; the same int gives the same centers.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        The chosen samples, ``X[indices]``, as float64.
    indices : ndarray of shape (n_clusters,), int
        Their row indices in ``X``, in the order they were chosen.

    Examples
    --------
    >>> X = np.array([[0.0], [0.0], [10.0]])
    >>> centers, indices = kmeans_plusplus(X, 2, random_state=0)
    >>> sorted(centers.ravel().tolist())  # the two copies of 0 have D = 0 to each other
    [0.0, 10.0]
    """
    X = check_array(X)
    n_samples = X.shape[0]
    check_scalar(n_clusters, "n_clusters", kind=numbers.Integral, low=1)
    if n_clusters > n_samples:
        raise ValueError(
            f"n_clusters={n_clusters} is larger than n_samples={n_samples}: "
            "k-means++ needs a distinct sample per center"
        )
    rng = check_random_state(random_state)

    raise NotImplementedError("kmeans_plusplus")


class KMeans:
    """K-means clustering fitted by Lloyd's algorithm.

    Parameters
    ----------
    n_clusters : int, default 8
        The number of clusters k, ``1 <= k <= n_samples``.
    init : {'k-means++', 'random'} or array-like of shape (n_clusters, n_features)
        How to choose the initial centers: k-means++ seeding (``kmeans_plusplus``),
        ``n_clusters`` distinct samples drawn uniformly, or these exact centers (then a
        single run is made, whatever ``n_init``).
    n_init : int, default 10
        The number of runs from different initial centers; the run with the lowest
        inertia is kept.
    max_iter : int, default 300
        The maximum number of Lloyd iterations (assignment + update) per run.
    tol : float, default 1e-4
        Relative tolerance: a run stops when the sum over centers of the squared center
        shift is at most ``tol`` times the mean of the per-feature variances of ``X``.
    random_state : int, numpy.random.Generator or None, default None
        Seed or generator for the initializations.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,), int
        The index of the nearest center in ``cluster_centers_`` for each training sample.
    inertia_ : float
        The sum of squared distances from each sample to its center.
    n_iter_ : int
        The number of iterations of the kept run.
    n_features_in_ : int
    """

    def __init__(
        self,
        n_clusters=8,
        init="k-means++",
        n_init=10,
        max_iter=300,
        tol=1e-4,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted for compatibility with supervised estimators (as scikit-learn).

        Returns
        -------
        self : KMeans
            The fitted estimator.

        Examples
        --------
        >>> X = np.array([[1.0], [2.0], [10.0], [11.0]])
        >>> km = KMeans(n_clusters=2, init=[[1.0], [2.0]]).fit(X)
        >>> km.cluster_centers_.ravel(), km.labels_, km.inertia_, km.n_iter_
        (array([ 1.5, 10.5]), array([0, 0, 1, 1]), 1.0, 3)
        """
        X = check_array(X)
        n_samples, n_features = X.shape
        check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, low=1)
        if self.n_clusters > n_samples:
            raise ValueError(
                f"n_clusters={self.n_clusters} is larger than n_samples={n_samples}: "
                "there are not enough samples to start that many clusters"
            )
        check_scalar(self.n_init, "n_init", kind=numbers.Integral, low=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        if isinstance(self.init, str):
            check_option(self.init, "init", ("k-means++", "random"))
            init = None
        else:
            init = check_array(self.init, name="init")
            if init.shape != (self.n_clusters, n_features):
                raise ValueError(
                    f"init has shape {init.shape}, expected (n_clusters, n_features) = "
                    f"({self.n_clusters}, {n_features})"
                )
        rng = check_random_state(self.random_state)
        self.n_features_in_ = n_features

        raise NotImplementedError("KMeans.fit")

    def predict(self, X):
        """Index of the nearest learned center for each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), int
            Values in ``0 .. n_clusters - 1``, ties going to the lowest index.

        Examples
        --------
        >>> km = KMeans(n_clusters=2, init=[[0.0], [10.0]]).fit([[0.0], [1.0], [9.0], [10.0]])
        >>> km.predict([[2.0], [8.0]])
        array([0, 1])
        """
        X = check_fitted_input(self, X, attribute="cluster_centers_")
        raise NotImplementedError("KMeans.predict")

    def fit_predict(self, X, y=None):
        """Fit on ``X`` and return ``labels_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
            Accepted for compatibility with supervised estimators (as scikit-learn).

        Returns
        -------
        ndarray of shape (n_samples,), int
            The cluster index of each sample.

        Examples
        --------
        >>> KMeans(n_clusters=2, init=[[0.0], [10.0]]).fit_predict([[1.0], [9.0], [0.0]])
        array([0, 1, 0])
        """
        raise NotImplementedError("KMeans.fit_predict")
