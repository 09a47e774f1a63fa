"""Benchmark row of classification/perceptron: fit, against scikit-learn's Perceptron.

scikit-learn's ``Perceptron(shuffle=False, eta0=1.0)`` (no penalty, fit_intercept) runs the
same online rule as the kata: visit the samples in order, update ``w += s x``, ``b += s``
on every ``s (w.x + b) <= 0``. Its stopping rule differs (a loss that stops improving), so
it runs with ``tol=None`` for exactly as many epochs as the rule needs to reach an epoch
without a mistake, counted untimed beforehand with ``partial_fit``; the kata stops after
that same clean epoch. On linearly separable data with a margin both end on the same
``coef_`` and ``intercept_``.
"""

import numpy as np

from kata.bench import Row, close, row

MAX_EPOCHS = 100


@row("classification/perceptron")
class PerceptronFit(Row):
    timed = "fit"
    slow_hint = (
        "the scores X @ w of every sample recomputed at each update (O(n d) per sample), "
        "where one dot product x_i . w per visited sample is the online rule?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d)
        margin = X @ w + 0.3
        keep = np.abs(margin) > 0.1 * np.linalg.norm(w)  # separable, with a margin
        return {"X": X[keep], "y": np.where(margin[keep] > 0, 1, 0)}

    def ours(self, mod, data):
        model = mod.Perceptron(max_iter=MAX_EPOCHS)  # shuffle=False, learning_rate=1.0
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.linear_model import Perceptron

        X, y = data["X"], data["y"]
        # Epochs until one changes nothing (the clean epoch included).
        probe = Perceptron(shuffle=False, eta0=1.0, tol=None)
        epochs, before = 0, None
        while epochs < MAX_EPOCHS:
            probe.partial_fit(X, y, classes=np.array([0, 1]))
            epochs += 1
            after = _params(probe)
            if before is not None and np.array_equal(_flat(after), _flat(before)):
                break
            before = after
        model = Perceptron(shuffle=False, eta0=1.0, tol=None, max_iter=epochs)
        return lambda: _params(model.fit(X, y))

    def agree(self, yours, baseline, data):
        # The same updates in the same order on integer-valued steps: equal to rounding.
        return close(yours, baseline, rtol=1e-9, what="coef_ and intercept_")


def _params(model):
    return np.ravel(model.coef_).copy(), float(np.ravel(model.intercept_)[0])


def _flat(params):
    return np.r_[params[0], params[1]]
