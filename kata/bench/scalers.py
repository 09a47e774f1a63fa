"""Benchmark row of preprocessing/scalers: StandardScaler.fit_transform vs scikit-learn's."""

from kata.bench import Row, close, row


@row("preprocessing/scalers")
class StandardScalerFitTransform(Row):
    timed = "fit_transform"
    slow_hint = (
        "a Python loop over the columns (or rows), or the mean and std recomputed inside "
        "transform, where one axis=0 reduction and one broadcast do it?"
    )

    def data(self, n, d, rng):
        # Columns with different offsets and spreads, one of them far from 0.
        offsets = 10.0 * rng.standard_normal(d)
        offsets[0] = 1e4
        X = offsets + rng.uniform(0.1, 5.0, d) * rng.standard_normal((n, d))
        return {"X": X}

    def ours(self, mod, data):
        model = mod.StandardScaler()
        return lambda: model.fit_transform(data["X"])

    def sklearn(self, data):
        from sklearn.preprocessing import StandardScaler

        model = StandardScaler()
        return lambda: model.fit_transform(data["X"])

    def agree(self, yours, baseline, data):
        # Population std (ddof=0) on both sides; the standardized values are O(1).
        return close(yours, baseline, rtol=1e-12, what="standardized X")
