"""Benchmark row of metrics/roc_auc: roc_auc_score on a large array of scores with ties.

A metric costs little per sample, so this row uses long arrays (100 000 scores at the kata
size, 1 000 000 at the large one; the "d" of the table is unused). The scores are rounded
to three decimals, so many positives and negatives tie: the tie-handling is timed too.
"""

import numpy as np

from kata.bench import Row, close, row


@row("metrics/roc_auc")
class RocAucScore(Row):
    timed = "score"
    slow_hint = (
        "a loop over thresholds (one pass over the data each, O(n^2)) or over every "
        "positive-negative pair, where one sort and cumulative sums give every point?"
    )
    size_kata = (100_000, 1)
    size_large = (1_000_000, 1)

    def data(self, n, d, rng):
        y = (rng.random(n) < 0.3).astype(int)
        score = np.round(1.0 / (1.0 + np.exp(-(1.2 * y - 0.6 + rng.standard_normal(n)))), 3)
        return {"y": y, "score": score}

    def ours(self, mod, data):
        return lambda: mod.roc_auc_score(data["y"], data["score"])

    def sklearn(self, data):
        from sklearn.metrics import roc_auc_score

        return lambda: roc_auc_score(data["y"], data["score"])

    def agree(self, yours, baseline, data):
        # The catalog pins the metrics to scikit-learn's to 1e-12, ties included.
        return close(yours, baseline, rtol=1e-12, what="AUC")
