"""Benchmark row of classification/kernel_svm: fit (RBF, SMO), against scikit-learn's SVC."""

import numpy as np

from kata.bench import Row, row, same_labels


@row("classification/kernel_svm")
class KernelSVMFit(Row):
    timed = "fit"
    # SMO on the full kernel matrix is quadratic in n (memory too): stop at 4000 samples.
    size_large = (4000, 20)
    scaling = (500, 1000, 2000, 4000)
    slow_hint = (
        "several n x n temporaries to build the kernel (|x|^2 - 2 x.y + |y|^2 in place "
        "needs one)? Columns of Q read where rows of a C-contiguous array are contiguous?"
    )

    def data(self, n, d, rng):
        X = rng.standard_normal((n, d))
        # A curved boundary (a sphere), with 5% of the labels flipped.
        y = np.where((X**2).sum(axis=1) > d - 0.7, 1, 0)
        flip = rng.random(n) < 0.05
        return {"X": X, "y": np.where(flip, 1 - y, y), "X_test": rng.standard_normal((500, d))}

    def ours(self, mod, data):
        model = mod.KernelSVM(C=1.0, kernel="rbf", gamma="scale", tol=1e-3)
        return lambda: model.fit(data["X"], data["y"])

    def sklearn(self, data):
        from sklearn.svm import SVC

        model = SVC(C=1.0, kernel="rbf", gamma="scale", tol=1e-3)
        return lambda: model.fit(data["X"], data["y"])

    def agree(self, yours, baseline, data):
        return same_labels(
            yours.predict(data["X_test"]),
            baseline.predict(data["X_test"]),
            min_share=0.99,
            what="test predictions",
        )
