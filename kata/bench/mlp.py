"""Benchmark row of neural/mlp: full-batch SGD epochs from the same weights as scikit-learn.

Both sides start from the same preset weights (warm_start) and run plain full-batch SGD
(no momentum, no L2, no shuffling), so their results must be the same weights: the
framework comparison of the kata's tests, timed.
"""

import itertools
import warnings

import numpy as np

from kata.bench import Row, close, row

HIDDEN = (64,)
N_CLASSES = 3
EPOCHS = 20
LEARNING_RATE = 0.1


@row("neural/mlp")
class MLPFit(Row):
    timed = "fit"
    slow_hint = (
        "a Python loop over samples or layers' units where a matrix product per layer "
        "does the batch?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        y = np.argmax(X @ rng.standard_normal((d, N_CLASSES)), axis=1)
        sizes = [d, *HIDDEN, N_CLASSES]
        coefs = [
            rng.standard_normal((a, b)) * np.sqrt(2.0 / a) for a, b in itertools.pairwise(sizes)
        ]
        intercepts = [np.zeros(b) for b in sizes[1:]]
        return {"X": X, "y": y, "coefs": coefs, "intercepts": intercepts}

    def ours(self, mod, data):
        model = mod.MLPClassifier(
            hidden_layer_sizes=HIDDEN,
            solver="sgd",
            learning_rate=LEARNING_RATE,
            batch_size=len(data["X"]),
            max_epochs=EPOCHS,
            warm_start=True,
            random_state=0,
        )
        return lambda: _fit_from(model, data)

    def sklearn(self, data):
        from sklearn.neural_network import MLPClassifier

        model = MLPClassifier(
            hidden_layer_sizes=HIDDEN,
            activation="relu",
            solver="sgd",
            alpha=0.0,
            momentum=0.0,
            nesterovs_momentum=False,
            learning_rate="constant",
            learning_rate_init=LEARNING_RATE,
            batch_size=len(data["X"]),
            max_iter=EPOCHS,
            shuffle=False,
            n_iter_no_change=10 * EPOCHS,
            warm_start=True,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning
            model.fit(data["X"], data["y"])  # untimed: builds the estimator's state

        def call():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return _fit_from(model, data)

        return call

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-8, what=f"weights after {EPOCHS} epochs")


def _fit_from(model, data):
    model.coefs_ = [W.copy() for W in data["coefs"]]
    model.intercepts_ = [b.copy() for b in data["intercepts"]]
    model.fit(data["X"], data["y"])
    return [np.asarray(p, dtype=float) for p in list(model.coefs_) + list(model.intercepts_)]
