"""Benchmark row of trees/decision_tree: fit (then predict) against DecisionTreeClassifier."""

import numpy as np

from kata.bench import Row, row, same_labels

N_QUERIES = 2000


@row("trees/decision_tree")
class DecisionTreeFit(Row):
    timed = "fit+predict"
    slow_hint = (
        "every threshold's two sides recounted from scratch (O(n^2) per feature), where one "
        "cumulative sum over the sorted samples gives them all; a re-sort at every node?"
    )

    def data(self, n, d, rng):
        # float32-representable features, as scikit-learn's trees work in float32: both
        # sides then see the same thresholds and, with a unique best split, grow one tree.
        X = rng.standard_normal((n, d)).astype(np.float32).astype(np.float64)
        score = X[:, 0] + np.sin(2 * X[:, 1]) + X[:, 2] * X[:, 3 % d]
        y = np.digitize(score + 0.5 * rng.standard_normal(n), [-0.5, 0.5])  # 3 classes
        Q = rng.standard_normal((N_QUERIES, d)).astype(np.float32).astype(np.float64)
        return {"X": X, "y": y, "Q": Q}

    def ours(self, mod, data):
        model = mod.DecisionTreeClassifier(min_samples_leaf=20)
        return lambda: model.fit(data["X"], data["y"]).predict(data["Q"])

    def sklearn(self, data):
        from sklearn.tree import DecisionTreeClassifier

        model = DecisionTreeClassifier(min_samples_leaf=20, random_state=0)
        return lambda: model.fit(data["X"], data["y"]).predict(data["Q"])

    def agree(self, yours, baseline, data):
        # The same tree gives the same predictions; a near-tie between two cuts that
        # float32 and float64 rank differently may move a few queries: allow 1 in 100.
        return same_labels(yours, baseline, min_share=0.99, what="predictions")
