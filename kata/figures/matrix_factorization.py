"""Figures for the applied/matrix_factorization cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("applied/matrix_factorization", "als_rmse.png")
def als_rmse():
    """Training and held-out RMSE per ALS iteration, and held-out RMSE against reg."""
    import matplotlib.pyplot as plt

    mod = load_kata("applied/matrix_factorization", "solutions")
    rng = np.random.default_rng(0)
    n_users, n_items, rank = 240, 120, 3
    U, V = rng.normal(size=(n_users, rank)), rng.normal(size=(n_items, rank))
    mask = rng.random((n_users, n_items)) < 0.3
    users, items = np.nonzero(mask)
    y = 3 + np.einsum("nk,nk->n", U[users], V[items]) + 0.3 * rng.normal(size=users.size)
    X = np.stack([users, items], axis=1)
    test = rng.random(len(y)) < 0.2
    X_tr, y_tr, X_te, y_te = X[~test], y[~test], X[test], y[test]
    # Keep only held-out pairs whose user and item were seen in training.
    seen = np.isin(X_te[:, 0], X_tr[:, 0]) & np.isin(X_te[:, 1], X_tr[:, 1])
    seen &= (X_te[:, 0] <= X_tr[:, 0].max()) & (X_te[:, 1] <= X_tr[:, 1].max())
    X_te, y_te = X_te[seen], y_te[seen]

    def held_out(model):
        return np.sqrt(np.mean((y_te - model.predict(X_te[:, 0], X_te[:, 1])) ** 2))

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    n_iter, marks = 15, [1, 2, 3, 4, 6, 9, 15]
    for reg, colour in [(0.001, "tab:red"), (0.05, "tab:blue"), (0.3, "tab:green")]:
        # The training curve is rmse_history_ of one fit; the held-out points refit with
        # fewer iterations (same seed, so the same trajectory).
        full = mod.MatrixFactorization(n_factors=10, reg=reg, n_iter=n_iter, random_state=1)
        train = full.fit(X_tr, y_tr).rmse_history_
        heldout = [
            held_out(mod.MatrixFactorization(10, reg, t, random_state=1).fit(X_tr, y_tr))
            for t in marks[:-1]
        ] + [held_out(full)]
        axes[0].plot(
            np.arange(1, n_iter + 1), train, "--", color=colour, label=f"train, reg={reg}"
        )
        axes[0].plot(marks, heldout, "o-", ms=3, color=colour, label=f"held out, reg={reg}")
    axes[0].axhline(0.3, color="k", lw=0.8, ls=":", label="noise level")
    axes[0].set_xlabel("ALS iteration")
    axes[0].set_ylabel("RMSE")
    axes[0].set_ylim(0, 1.2)
    axes[0].set_title("10 factors, rank-3 data + offset (30% observed)", fontsize=10)
    axes[0].legend(fontsize=7, ncol=2)

    regs = np.logspace(-3, 0, 8)
    for k, colour in [(4, "tab:purple"), (10, "tab:orange")]:
        scores = [
            held_out(mod.MatrixFactorization(k, reg, 10, random_state=1).fit(X_tr, y_tr))
            for reg in regs
        ]
        axes[1].semilogx(regs, scores, "o-", ms=4, color=colour, label=f"n_factors={k}")
    axes[1].axhline(0.3, color="k", lw=0.8, ls=":")
    axes[1].set_ylim(0.2, 1.0)
    axes[1].set_xlabel("reg (penalty reg * n_u per user)")
    axes[1].set_ylabel("held-out RMSE")
    axes[1].set_title("held-out RMSE vs reg: extra factors need more reg", fontsize=10)
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    return fig
