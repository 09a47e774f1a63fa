"""Benchmark row of trees/random_forest: fit 100 trees (then predict) against scikit-learn."""

import numpy as np

from kata.bench import Row, row

N_TREES = 100
N_QUERIES = 2000


@row("trees/random_forest")
class RandomForestFit(Row):
    timed = "fit+predict"
    slow_hint = (
        "the forest is 100 times your tree: is the tree's split search one sweep per feature "
        "over sorted values, and are bootstrap repeats fitted as weights of the distinct rows?"
    )
    # The target: 100 trees on 10 000 x 10 (the growth is fitted over 2 500 .. 10 000).
    size_large = (10_000, 10)

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        Q = rng.standard_normal((N_QUERIES, d))

        def label(A):
            score = A[:, 0] + np.sin(2 * A[:, 1]) + A[:, 2] * A[:, 3 % d]
            return np.digitize(score + 0.5 * rng.standard_normal(len(A)), [-0.5, 0.5])

        return {"X": X, "y": label(X), "Q": Q, "y_Q": label(Q)}

    def ours(self, mod, data):
        model = mod.RandomForestClassifier(n_estimators=N_TREES, random_state=0)
        return lambda: model.fit(data["X"], data["y"]).predict(data["Q"])

    def sklearn(self, data):
        from sklearn.ensemble import RandomForestClassifier

        model = RandomForestClassifier(n_estimators=N_TREES, random_state=0, n_jobs=1)
        return lambda: model.fit(data["X"], data["y"]).predict(data["Q"])

    def agree(self, yours, baseline, data):
        # Different random draws grow different forests: compare their held-out accuracy.
        mine = float(np.mean(np.asarray(yours) == data["y_Q"]))
        ref = float(np.mean(np.asarray(baseline) == data["y_Q"]))
        ok = abs(mine - ref) <= 0.02
        return ok, f"held-out accuracy {mine:.3f} vs {ref:.3f} ({'<=' if ok else '>'} 0.02 apart)"
