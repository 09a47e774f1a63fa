"""Reference solution for unsupervised/kmeans.

The statement is in exercises/unsupervised/kmeans.py.
"""

import numbers

import numpy as np

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

    indices = np.empty(n_clusters, dtype=np.int64)
    indices[0] = rng.integers(n_samples)
    # d2[i] = squared distance from X[i] to its NEAREST chosen center; a running minimum
    # keeps every step O(n d) (no n x n distance matrix). Differences, not the expansion
    # |x|^2 - 2 x.c + |c|^2, so a chosen point has exactly 0 and is never drawn again.
    d2 = np.sum((X - X[indices[0]]) ** 2, axis=1)
    for c in range(1, n_clusters):
        total = d2.sum()
        if total > 0:
            # Sample, do not take the argmax: the farthest point is often an outlier.
            indices[c] = rng.choice(n_samples, p=d2 / total)
        else:
            # Every sample coincides with a chosen center (fewer distinct points than
            # n_clusters): D^2 / sum D^2 would be 0/0, and any pick is equally good.
            indices[c] = rng.integers(n_samples)
        d2 = np.minimum(d2, np.sum((X - X[indices[c]]) ** 2, axis=1))
    return X[indices], indices


def _assign(XT, centers):
    """The nearest center of each sample: (labels, one-hot (k, n), squared distance - |x|^2).

    ``XT`` is X transposed and C-contiguous, (d, n): the distances are built class-first,
    (k, n), because NumPy reduces across the rows of an array much faster than along a
    short last axis (np.argmin over the 8 columns of an (n, 8) array is a slow loop).
    """
    # |x - c|^2 = |x|^2 - 2 x.c + |c|^2: one matrix product and a (k, n) array, no
    # (n, k, d) temporary. |x|^2 is the same for every center, so finding the nearest does
    # not need it: _distances adds it (precomputed once per fit) to the n minima only.
    d2 = (-2.0 * centers) @ XT
    d2 += np.sum(centers**2, axis=1)[:, None]
    nearest = d2.min(axis=0)
    # Membership as a (k, n) one-hot matrix: 1 where the center attains the minimum. A
    # sample equidistant from two centers goes to the lower index, as in scikit-learn.
    one_hot = (d2 == nearest).astype(np.float64)
    tied = np.flatnonzero(one_hot.sum(axis=0) > 1)
    if tied.size:
        first = np.argmax(one_hot[:, tied], axis=0)
        one_hot[:, tied] = 0.0
        one_hot[first, tied] = 1.0
    labels = (np.arange(centers.shape[0], dtype=np.float64) @ one_hot).astype(np.intp)
    return labels, one_hot, nearest


def _distances(nearest, x_sq):
    """Each sample's squared distance to its center (clipped: rounding leaves -1e-16s)."""
    return np.maximum(nearest + x_sq, 0.0)


def _update(X, x_sq, labels, one_hot, nearest, centers):
    """New centers: the mean of each cluster, with empty clusters re-seeded."""
    # Per-cluster sums and counts from the one-hot membership: one matrix product and one
    # row sum. (np.add.at(sums, labels, X) computes the same, several times slower.)
    counts = one_hot.sum(axis=1)
    sums = one_hot @ X

    empty = np.flatnonzero(counts == 0)
    if empty.size:
        dist = _distances(nearest, x_sq)
    if empty.size and dist.max() > 0:
        # The mean of no points is 0/0. scikit-learn's rule: an empty cluster takes the
        # sample farthest from its own center (the worst-served point), which leaves its
        # old cluster. If every sample sits on its center there is nothing to improve.
        farthest = np.argsort(dist)[::-1][: empty.size]
        for j, i in zip(empty, farthest, strict=True):
            sums[labels[i]] -= X[i]
            counts[labels[i]] -= 1
            sums[j], counts[j] = X[i], 1

    new_centers = centers.copy()  # a cluster still empty keeps its center: never NaN
    filled = counts > 0
    new_centers[filled] = sums[filled] / counts[filled, None]
    return new_centers


def _lloyd(X, XT, x_sq, centers, max_iter, tol):
    """One run of Lloyd's algorithm: (centers, labels, inertia, n_iter)."""
    labels_old = None
    strict = False
    for n_iter in range(1, max_iter + 1):  # noqa: B007  (the count is returned)
        labels, one_hot, nearest = _assign(XT, centers)
        new_centers = _update(X, x_sq, labels, one_hot, nearest, centers)
        shift = np.sum((new_centers - centers) ** 2)  # total squared center shift
        centers = new_centers
        if labels_old is not None and np.array_equal(labels, labels_old):
            strict = True  # same labels, so the same means: a fixed point
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        # The loop ended on an update: assign once more so labels_ match the centers.
        labels = _assign(XT, centers)[0]
    inertia = float(np.sum((X - centers[labels]) ** 2))
    return centers, labels, inertia, n_iter


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

        # Work on centred data (as scikit-learn does): the distance expansion
        # |x|^2 - 2 x.c + |c|^2 loses digits when the data sit far from the origin.
        mean = X.mean(axis=0)
        Xc = X - mean
        xc_sq = np.sum(Xc**2, axis=1)  # |x|^2 once per fit, not once per iteration
        XcT = np.ascontiguousarray(Xc.T)  # (d, n), for the class-first distances
        # tol is relative to the spread of the data, so rescaling X changes nothing.
        tol = self.tol * np.mean(np.var(X, axis=0))

        best = None
        for _ in range(1 if init is not None else self.n_init):
            if init is not None:
                centers = init - mean  # a new array: the caller's init is never touched
            elif self.init == "random":
                centers = Xc[rng.choice(n_samples, self.n_clusters, replace=False)]
            else:
                centers, _ = kmeans_plusplus(Xc, self.n_clusters, random_state=rng)
            run = _lloyd(Xc, XcT, xc_sq, centers, self.max_iter, tol)
            if best is None or run[2] < best[2]:  # keep the lowest inertia
                best = run

        centers, self.labels_, self.inertia_, self.n_iter_ = best
        self.cluster_centers_ = centers + mean
        return self

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
        return _assign(np.ascontiguousarray(X.T), self.cluster_centers_)[0]

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
        return self.fit(X).labels_
