"""Benchmark row of unsupervised/agglomerative: the full average-linkage tree.

The reference builds it by the nearest-neighbour chain with Lance-Williams updates of one
(n, n) matrix, O(n^2) in all (the plain argmin over the matrix per merge is O(n^3));
scikit-learn hands the same algorithm to SciPy's compiled linkage. Both must build the same
tree (continuous data: no distance ties).
"""

import numpy as np

from kata.bench import Row, row

LINKAGE = "average"
N_CLUSTERS = 5


def _canonical(children):
    """The merge tree as a sorted pair per step (the order inside a pair is free)."""
    return np.sort(np.asarray(children), axis=1)


@row("unsupervised/agglomerative")
class AgglomerativeFit(Row):
    timed = "fit"
    slow_hint = (
        "an O(n^2) argmin over the whole matrix at every merge (fine for the tests; the "
        "nearest-neighbour chain, or Prim's tree for single linkage, is O(n^2) in all), "
        "cluster distances recomputed from the points instead of the Lance-Williams update "
        "of two rows, or a Python loop over entries?"
    )
    size_tiny = (80, 4)
    size_kata = (500, 10)
    size_large = (1500, 10)
    scaling = (250, 500, 1000, 2000)

    def data(self, n, d, rng):
        centers = 4.0 * rng.standard_normal((N_CLUSTERS, d))
        return {"X": centers[rng.integers(N_CLUSTERS, size=n)] + rng.standard_normal((n, d))}

    def ours(self, mod, data):
        model = mod.AgglomerativeClustering(n_clusters=N_CLUSTERS, linkage=LINKAGE)
        return lambda: _canonical(model.fit(data["X"]).children_)

    def sklearn(self, data):
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(n_clusters=N_CLUSTERS, linkage=LINKAGE)
        return lambda: _canonical(model.fit(data["X"]).children_)

    def agree(self, yours, baseline, data):
        yours, baseline = np.asarray(yours), np.asarray(baseline)
        if yours.shape != baseline.shape:
            return False, f"children_ shapes differ: {yours.shape} vs {baseline.shape}"
        same = int(np.sum(np.all(yours == baseline, axis=1)))
        ok = same == len(baseline)
        return ok, f"children_ (the full tree) equal at {same}/{len(baseline)} merges"
