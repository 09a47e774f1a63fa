"""Benchmark row of classification/knn: predict, against brute-force KNeighborsClassifier."""

import numpy as np

from kata.bench import Row, row, same_labels

N_QUERIES = 500
K = 5


@row("classification/knn")
class KNNPredict(Row):
    timed = "predict"
    slow_hint = (
        "a full sort of every row of distances where a partial one (np.argpartition) "
        "finds the k nearest in linear time?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d)
        y = np.digitize(X @ w + 0.5 * rng.standard_normal(n), [-1.0, 1.0])  # 3 classes
        return {"X": X, "y": y, "X_query": rng.standard_normal((N_QUERIES, d))}

    def ours(self, mod, data):
        model = mod.KNNClassifier(n_neighbors=K).fit(data["X"], data["y"])
        return lambda: model.predict(data["X_query"])

    def sklearn(self, data):
        from sklearn.neighbors import KNeighborsClassifier

        # The same algorithm as the kata: brute force on the full distance matrix.
        model = KNeighborsClassifier(n_neighbors=K, algorithm="brute")
        model.fit(data["X"], data["y"])
        return lambda: model.predict(data["X_query"])

    def agree(self, yours, baseline, data):
        # Rounding can swap two neighbours at nearly equal distances: allow 1 query in 200.
        return same_labels(yours, baseline, min_share=0.995, what="predictions")
