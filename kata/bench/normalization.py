"""Benchmark row of neural/normalization: batchnorm's training forward, against StandardScaler.

With gamma = 1, beta = 0 and a negligible eps, a training-mode batchnorm forward pass is
exactly scikit-learn's StandardScaler().fit_transform: each column centred and divided by
its biased standard deviation.
"""

from kata.bench import Row, close, row

EPS = 1e-12


@row("neural/normalization")
class BatchnormForward(Row):
    timed = "batchnorm_forward (train)"
    slow_hint = "a Python loop over the features where one mean and one var over axis 0 do?"

    def data(self, n, d, rng):
        return {"x": 3.0 * rng.standard_normal((n, d)) + rng.standard_normal(d)}

    def ours(self, mod, data):
        import numpy as np

        d = data["x"].shape[1]
        gamma, beta = np.ones(d), np.zeros(d)
        return lambda: mod.batchnorm_forward(data["x"], gamma, beta, {}, eps=EPS)[0]

    def sklearn(self, data):
        from sklearn.preprocessing import StandardScaler

        return lambda: StandardScaler().fit_transform(data["x"])

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-9, what="normalized x")
