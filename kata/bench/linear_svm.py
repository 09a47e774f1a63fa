"""Benchmark row of classification/linear_svm: fit, against LinearSVC (hinge loss)."""

import warnings

import numpy as np

from kata.bench import Row, row

C = 1.0
TOL = 1e-2


@row("classification/linear_svm")
class LinearSVMFit(Row):
    timed = "fit"
    slow_hint = (
        "a fixed number of epochs, where a stopping test ends once the objective stops "
        "improving? A copy X[idx] of the whole data at every full-batch step?"
    )

    def data(self, n, d, rng):
        # Overlapping classes (about 25% Bayes error), the usual soft-margin problem. On
        # nearly separable data subgradient descent needs far more epochs than this.
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d)
        y = np.where(X @ (w / np.linalg.norm(w)) + 0.3 + rng.standard_normal(n) > 0, 1, -1)
        return {"X": X, "y": y}

    def ours(self, mod, data):
        model = mod.LinearSVM(C=C)
        return lambda: _params(model.fit(data["X"], data["y"]))

    def sklearn(self, data):
        from sklearn.svm import LinearSVC

        model = LinearSVC(C=C, loss="hinge", dual=True, max_iter=10_000)

        def fit():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # liblinear's ConvergenceWarning
                return _params(model.fit(data["X"], data["y"]))

        return fit

    def agree(self, yours, baseline, data):
        # Compared by the primal objective 1/2 |w|^2 + C sum hinge, which both minimise
        # (LinearSVC also penalizes its intercept a little, so it may be slightly above).
        j_yours = _objective(*yours, data)
        j_base = _objective(*baseline, data)
        ok = j_yours <= j_base * (1 + TOL)
        rel = (j_yours - j_base) / j_base
        return ok, f"objective {rel:+.1e} relative ({'<=' if ok else '>'} {TOL:.0e})"


def _params(model):
    return np.ravel(model.coef_).copy(), float(np.ravel(model.intercept_)[0])


def _objective(w, b, data):
    margins = data["y"] * (data["X"] @ w + b)
    return 0.5 * float(w @ w) + C * float(np.maximum(0.0, 1.0 - margins).sum())
