"""Benchmark row of unsupervised/pca: fit (thin SVD of the centred data) against PCA."""

import numpy as np

from kata.bench import Row, close, row


@row("unsupervised/pca")
class PCAFit(Row):
    timed = "fit"
    slow_hint = (
        "a full SVD (full_matrices=True builds U of shape (n, n)), or an eigen-decomposition "
        "followed by extra passes over X?"
    )

    def data(self, n, d, rng):
        # Correlated features with distinct variances, so the axes are well defined.
        A = rng.standard_normal((d, d)) * np.geomspace(3.0, 0.3, d)[:, None]
        return {"X": rng.standard_normal((n, d)) @ A + 5.0}

    def ours(self, mod, data):
        model = mod.PCA()
        return lambda: model.fit(data["X"]).components_

    def sklearn(self, data):
        from sklearn.decomposition import PCA

        # The same algorithm: LAPACK's SVD of the centred data, and the same sign convention.
        model = PCA(svd_solver="full")
        return lambda: model.fit(data["X"]).components_

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-8, what="components_ (signs included)")
