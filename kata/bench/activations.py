"""Benchmark row of neural/activations: sigmoid, against SciPy's expit.

(scikit-learn has no activation functions; SciPy, which it depends on, has the reference
implementation of the logistic function.)
"""

from kata.bench import Row, close, row


@row("neural/activations")
class Sigmoid(Row):
    timed = "sigmoid"
    slow_hint = "np.vectorize or a loop over the entries where one np.exp over the array does?"
    size_kata = (100_000, 10)
    size_large = (1_000_000, 10)

    def data(self, n, d, rng):
        return {"x": 10.0 * rng.standard_normal((n, d))}

    def ours(self, mod, data):
        return lambda: mod.sigmoid(data["x"])

    def sklearn(self, data):
        from scipy.special import expit

        return lambda: expit(data["x"])

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-12, what="sigmoid")
