"""Benchmark row of metrics/classification_metrics: confusion_matrix on long label arrays.

A metric costs little per sample, so this row uses long arrays (100 000 labels at the kata
size, 1 000 000 at the large one); the "d" of the table is the number of classes (10, 20).
"""

import numpy as np

from kata.bench import Row, row, same_labels


@row("metrics/classification_metrics")
class ConfusionMatrix(Row):
    timed = "confusion"
    slow_hint = (
        "a Python loop over samples, or a (y_true == a) & (y_pred == b) pass for each of "
        "the k^2 cells, where one np.bincount of true_index * k + pred_index counts them all?"
    )
    size_kata = (100_000, 10)
    size_large = (1_000_000, 20)

    def data(self, n, d, rng):
        y_true = rng.integers(d, size=n)
        wrong = rng.random(n) < 0.3  # 30% of the predictions are a random label
        y_pred = np.where(wrong, rng.integers(d, size=n), y_true)
        return {"y_true": y_true, "y_pred": y_pred}

    def ours(self, mod, data):
        return lambda: mod.confusion_matrix(data["y_true"], data["y_pred"])

    def sklearn(self, data):
        from sklearn.metrics import confusion_matrix

        return lambda: confusion_matrix(data["y_true"], data["y_pred"])

    def agree(self, yours, baseline, data):
        # Counts: every cell must be equal, not close.
        return same_labels(
            np.ravel(yours), np.ravel(baseline), min_share=1.0, what="confusion matrix cells"
        )
