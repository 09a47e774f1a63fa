"""Benchmark row of unsupervised/kmeans: fit (Lloyd from given centers) against KMeans."""

from kata.bench import Row, close, row

K = 8


@row("unsupervised/kmeans")
class KMeansFit(Row):
    timed = "fit"
    slow_hint = (
        "np.add.at or a loop over clusters for the means, where np.bincount or a one-hot "
        "product does it in one pass; squared norms recomputed every iteration?"
    )

    def data(self, n, d, rng):
        centers = 3.0 * rng.standard_normal((K, d))
        X = centers[rng.integers(K, size=n)] + rng.standard_normal((n, d))
        # Both sides start from the same centers, so both run Lloyd to the same optimum.
        return {"X": X, "init": X[rng.choice(n, K, replace=False)]}

    def ours(self, mod, data):
        model = mod.KMeans(n_clusters=K, init=data["init"], n_init=1, max_iter=300, tol=1e-4)
        return lambda: model.fit(data["X"]).inertia_

    def sklearn(self, data):
        from sklearn.cluster import KMeans

        model = KMeans(
            n_clusters=K, init=data["init"], n_init=1, max_iter=300, tol=1e-4, algorithm="lloyd"
        )
        return lambda: model.fit(data["X"]).inertia_

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-4, what="inertia_")
