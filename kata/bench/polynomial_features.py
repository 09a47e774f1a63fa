"""Benchmark row of preprocessing/polynomial_features: transform (degree 2) vs scikit-learn."""

from kata.bench import Row, close, row

DEGREE = 2


@row("preprocessing/polynomial_features")
class PolynomialFeaturesTransform(Row):
    timed = "transform"
    slow_hint = (
        "a power and a product over the features for every output column, where each new "
        "column is one product of a column of the previous degree by one input column?"
    )

    def data(self, n, d, rng):
        return {"X": rng.standard_normal((n, d))}

    def ours(self, mod, data):
        model = mod.PolynomialFeatures(degree=DEGREE).fit(data["X"])
        return lambda: model.transform(data["X"])

    def sklearn(self, data):
        from sklearn.preprocessing import PolynomialFeatures

        model = PolynomialFeatures(degree=DEGREE).fit(data["X"])
        return lambda: model.transform(data["X"])

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-12, what="output columns")
