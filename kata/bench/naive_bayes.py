"""Benchmark row of classification/naive_bayes: GaussianNB fit then predict_log_proba.

GaussianNB is the main model of the kata (MultinomialNB's fit and predict are one matrix
product each and have no cost of their own worth a row).
"""

from kata.bench import Row, close, row

N_CLASSES = 3


@row("classification/naive_bayes")
class GaussianNBFitPredict(Row):
    timed = "fit+proba"
    slow_hint = (
        "a Python loop over samples (or over classes and features) for the means, "
        "variances or log densities, where a one-hot product and broadcasting do it at once?"
    )

    def data(self, n, d, rng):
        centers = 2.0 * rng.standard_normal((N_CLASSES, d))
        scales = rng.uniform(0.5, 2.0, (N_CLASSES, d))
        y = rng.integers(N_CLASSES, size=n)
        X = centers[y] + scales[y] * rng.standard_normal((n, d))
        y_test = rng.integers(N_CLASSES, size=n)
        X_test = centers[y_test] + scales[y_test] * rng.standard_normal((n, d))
        return {"X": X, "y": y, "X_test": X_test}

    def ours(self, mod, data):
        model = mod.GaussianNB()
        return lambda: model.fit(data["X"], data["y"]).predict_log_proba(data["X_test"])

    def sklearn(self, data):
        from sklearn.naive_bayes import GaussianNB

        model = GaussianNB()
        return lambda: model.fit(data["X"], data["y"]).predict_log_proba(data["X_test"])

    def agree(self, yours, baseline, data):
        # The catalog pins both naive Bayes models to scikit-learn's to 1e-9.
        return close(yours, baseline, rtol=1e-9, what="log-probabilities")
