"""Benchmark row of trees/gradient_boosting: fit of 100 squared-error stages, against
GradientBoostingRegressor."""

import numpy as np

from kata.bench import Row, close, row

N_ESTIMATORS = 100


@row("trees/gradient_boosting")
class GradientBoostingFit(Row):
    timed = "fit"
    slow_hint = (
        "the sum of all previous trees re-evaluated every stage (O(M^2)) instead of a "
        "running F, or a split search that re-counts both sides for every threshold?"
    )
    # 100 stages on 10 000 x 10 take a few seconds: the default large size would take minutes.
    size_large = (10_000, 10)

    def data(self, n, d, rng):
        # float32-representable and continuous: every best cut is unique, so both sides
        # grow the same trees and reach the same training loss.
        X = rng.standard_normal((n, d)).astype(np.float32).astype(np.float64)
        y = 2.0 * X[:, 0] + np.sin(3.0 * X[:, 1]) + X[:, 2] * X[:, 3]
        return {"X": X, "y": y + 0.3 * rng.standard_normal(n)}

    def ours(self, mod, data):
        model = mod.GradientBoostingRegressor(n_estimators=N_ESTIMATORS, max_depth=3)
        return lambda: np.asarray(model.fit(data["X"], data["y"]).train_score_)

    def sklearn(self, data):
        from sklearn.ensemble import GradientBoostingRegressor

        model = GradientBoostingRegressor(n_estimators=N_ESTIMATORS, max_depth=3, random_state=0)
        return lambda: model.fit(data["X"], data["y"]).train_score_

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-6, what="train_score_")
