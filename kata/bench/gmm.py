"""Benchmark row of unsupervised/gmm: 20 EM iterations from the same initial parameters.

Both sides start from this kata's initialization (hard assignment to given centers, then one
M-step, handed to scikit-learn as weights_init, means_init and precisions_init) and run
exactly 20 iterations (tol=0), so they must land on the same parameters.
"""

import warnings

import numpy as np

from kata.bench import Row, close, row

K = 5
ITERATIONS = 20
REG = 1e-6


def _initial_parameters(X, centers):
    """This kata's start: nearest-center hard assignment, then the M-step on it."""
    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=-1)
    R = np.eye(len(centers))[d2.argmin(axis=1)]
    N = R.sum(axis=0) + 10.0 * np.finfo(float).eps
    means = R.T @ X / N[:, None]
    covs = np.array(
        [
            (R[:, k] * (X - means[k]).T) @ (X - means[k]) / N[k] + REG * np.eye(X.shape[1])
            for k in range(len(centers))
        ]
    )
    return N / N.sum(), means, covs


@row("unsupervised/gmm")
class GMMFit(Row):
    timed = "fit"
    slow_hint = (
        "a Python loop over samples in the E- or M-step, an explicit inverse or determinant "
        "of each covariance, or an (n, k, d, d) temporary?"
    )

    def data(self, n, d, rng):
        centers = 4.0 * rng.standard_normal((K, d))
        X = centers[rng.integers(K, size=n)] + rng.standard_normal((n, d))
        start = X[rng.choice(n, K, replace=False)]
        w0, mu0, cov0 = _initial_parameters(X, start)
        return {"X": X, "start": start, "w0": w0, "mu0": mu0, "prec0": np.linalg.inv(cov0)}

    def ours(self, mod, data):
        model = mod.GaussianMixture(
            n_components=K, max_iter=ITERATIONS, tol=0.0, reg_covar=REG, means_init=data["start"]
        )
        return lambda: model.fit(data["X"]).means_

    def sklearn(self, data):
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.mixture import GaussianMixture

        model = GaussianMixture(
            n_components=K,
            max_iter=ITERATIONS,
            tol=0.0,
            reg_covar=REG,
            init_params="random_from_data",  # overridden by the three *_init below
            weights_init=data["w0"],
            means_init=data["mu0"],
            precisions_init=data["prec0"],
        )

        def fit():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)  # tol=0 never converges
                return model.fit(data["X"]).means_

        return fit

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-6, what="means_ after 20 EM iterations")
