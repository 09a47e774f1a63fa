"""Benchmark row of trees/adaboost: fit of 50 SAMME stumps, against AdaBoostClassifier."""

import numpy as np

from kata.bench import Row, close, row

N_ESTIMATORS = 50


@row("trees/adaboost")
class AdaBoostFit(Row):
    timed = "fit"
    slow_hint = (
        "a stump search that re-counts both sides for every threshold (O(n^2) per "
        "feature) instead of one cumulative sweep over the sorted values?"
    )
    # 50 stumps on 10 000 x 10 take a few seconds: the default large size would take minutes.
    size_large = (10_000, 10)

    def data(self, n, d, rng):
        # float32-representable (scikit-learn's trees work in float32) and continuous, so
        # every round's best cut is unique and both sides boost the same stumps.
        X = rng.standard_normal((n, d)).astype(np.float32).astype(np.float64)
        score = X[:, 0] + X[:, 1] ** 2 - 0.5 * X[:, 2] + 0.8 * rng.standard_normal(n)
        return {"X": X, "y": np.digitize(score, [0.0, 1.5])}  # 3 classes

    def ours(self, mod, data):
        model = mod.AdaBoostClassifier(n_estimators=N_ESTIMATORS)
        return lambda: np.asarray(model.fit(data["X"], data["y"]).estimator_weights_)

    def sklearn(self, data):
        from sklearn.ensemble import AdaBoostClassifier

        model = AdaBoostClassifier(n_estimators=N_ESTIMATORS, random_state=0)

        def fit():
            model.fit(data["X"], data["y"])
            return model.estimator_weights_[: len(model.estimators_)]

        return fit

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-6, what="estimator_weights_")
