"""Benchmark row of neural/losses: softmax cross-entropy, against scikit-learn's log_loss.

scikit-learn's log_loss takes probabilities, so its side is given the softmax of the logits
(computed outside the timing); ours computes the loss from the logits and its gradient too.
"""

import numpy as np

from kata.bench import Row, close, row

N_CLASSES = 5


@row("neural/losses")
class SoftmaxCrossEntropy(Row):
    timed = "softmax_cross_entropy"
    slow_hint = "a Python loop over the samples where one fancy index z[arange(n), y] does?"
    size_kata = (20_000, N_CLASSES)
    size_large = (200_000, N_CLASSES)

    def data(self, n, d, rng):
        z = 2.0 * rng.standard_normal((n, d))
        return {"z": z, "y": rng.integers(0, d, size=n)}

    def ours(self, mod, data):
        return lambda: mod.softmax_cross_entropy(data["z"], data["y"])[0]

    def sklearn(self, data):
        from sklearn.metrics import log_loss

        z = data["z"] - data["z"].max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        labels = np.arange(data["z"].shape[1])
        return lambda: log_loss(data["y"], p, labels=labels)

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-9, what="loss")
