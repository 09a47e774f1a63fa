"""Benchmark row of unsupervised/dbscan: fit, against scikit-learn's brute-force DBSCAN.

scikit-learn runs with ``algorithm='brute'``, the kata's method (all pairwise distances by
matrix products, in blocks); its default KD-tree is faster in low dimension and is not the
comparison this row makes. Clusters of different spreads plus uniform noise give core,
border and noise points at every size.
"""

import numpy as np

from kata.bench import Row, row, same_labels

K = 6
MIN_SAMPLES = 10


def _eps(X, rng):
    """The 70th percentile of the MIN_SAMPLES-nearest-neighbour distance (the k-distance
    rule of thumb), on 200 probe points: most points are core, some border, some noise."""
    probes = X[rng.choice(len(X), min(200, len(X)), replace=False)]
    d2 = (probes**2).sum(1)[:, None] - 2.0 * probes @ X.T + (X**2).sum(1)[None, :]
    d2 = np.maximum(d2, 0.0)
    kth = np.sqrt(np.partition(d2, MIN_SAMPLES - 1, axis=1)[:, MIN_SAMPLES - 1])
    return float(np.percentile(kth, 70))


@row("unsupervised/dbscan")
class DBSCANFit(Row):
    timed = "fit"
    slow_hint = (
        "an (n, n, d) array of differences, a Python loop over pairs or over the neighbours "
        "of every point, or the square root of every distance?"
    )
    # The reference keeps a boolean (n, n) matrix: 6000 samples is 36 MB.
    size_large = (6000, 10)
    scaling = (500, 1000, 2000, 4000)

    def data(self, n, d, rng):
        centers = 6.0 * rng.standard_normal((K, d))
        spreads = np.linspace(0.6, 1.2, K)
        labels = rng.integers(K, size=n)
        X = centers[labels] + spreads[labels, None] * rng.standard_normal((n, d))
        noise = rng.random(n) < 0.05
        X[noise] = rng.uniform(X.min(axis=0), X.max(axis=0), size=(noise.sum(), d))
        return {"X": X, "eps": _eps(X, rng)}

    def ours(self, mod, data):
        model = mod.DBSCAN(eps=data["eps"], min_samples=MIN_SAMPLES)
        return lambda: model.fit(data["X"]).labels_

    def sklearn(self, data):
        from sklearn.cluster import DBSCAN

        model = DBSCAN(eps=data["eps"], min_samples=MIN_SAMPLES, algorithm="brute")
        return lambda: model.fit(data["X"]).labels_

    def agree(self, yours, baseline, data):
        # Cluster numbers are pinned (found in index order), so labels compare directly;
        # a distance within rounding of eps may flip one point: allow 1 in 1000.
        return same_labels(yours, baseline, min_share=0.999, what="labels_")
