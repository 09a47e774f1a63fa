"""Tests for applied/matrix_factorization: MatrixFactorization fitted by ALS.

Each half-step is checked as the exact ridge solution (by np.linalg.lstsq on the augmented
system, one user or item at a time), the objective as non-increasing, and a fully observed
matrix against its soft-thresholded SVD (the global minimum of the same objective).
"""

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, peak_memory, python_lines
from kata.validation import NotFittedError

mod = load_kata("applied/matrix_factorization")


# --- data and oracles ---------------------------------------------------------------------------


def low_rank_ratings(seed, n_users=30, n_items=20, rank=3, density=0.45, noise=0.1):
    """Sparse noisy ratings of a rank-`rank` matrix (offset 3), each user and item rated."""
    rng = np.random.default_rng(seed)
    U, V = rng.normal(size=(n_users, rank)), rng.normal(size=(n_items, rank))
    mask = rng.random((n_users, n_items)) < density
    mask[np.arange(n_users), np.arange(n_users) % n_items] = True  # every user rates
    mask[np.arange(n_items) % n_users, np.arange(n_items)] = True  # every item is rated
    users, items = np.nonzero(mask)
    y = 3.0 + np.einsum("nk,nk->n", U[users], V[items]) + noise * rng.normal(size=users.size)
    return np.stack([users, items], axis=1), y


def ridge_rows(rows, cols, y, fixed, n_rows, reg, weighted=True):
    """Each row's ridge solution by lstsq on [F_u; sqrt(lam) I] x = [r_u; 0], one at a time."""
    k = fixed.shape[1]
    out = np.zeros((n_rows, k))
    for u in range(n_rows):
        sel = rows == u
        if not sel.any():
            continue
        lam = reg * sel.sum() if weighted else reg
        A = np.vstack([fixed[cols[sel]], np.sqrt(lam) * np.eye(k)])
        b = np.concatenate([y[sel], np.zeros(k)])
        out[u] = np.linalg.lstsq(A, b, rcond=None)[0]
    return out


def dense_zero_rows(rows, cols, y, fixed, n_rows, reg):
    """The mistaken half-step that treats every missing rating as a 0 rating."""
    R = np.zeros((n_rows, fixed.shape[0]))
    R[rows, cols] = y
    k = fixed.shape[1]
    lam = reg * np.bincount(rows, minlength=n_rows)
    return np.stack(
        [
            np.linalg.solve(fixed.T @ fixed + lam[u] * np.eye(k), fixed.T @ R[u])
            for u in range(n_rows)
        ]
    )


def full_penalty_rows(rows, cols, y, fixed, n_rows, reg):
    """The mistaken half-step that adds reg * n to every entry of the Gram matrix."""
    k = fixed.shape[1]
    out = np.zeros((n_rows, k))
    for u in range(n_rows):
        sel = rows == u
        if sel.any():
            F = fixed[cols[sel]]
            out[u] = np.linalg.solve(F.T @ F + reg * sel.sum() * np.ones((k, k)), F.T @ y[sel])
    return out


def objective(X, y, U, V, reg):
    users, items = X[:, 0].astype(int), X[:, 1].astype(int)
    sse = np.sum((y - np.einsum("nk,nk->n", U[users], V[items])) ** 2)
    n_u = np.bincount(users, minlength=len(U))
    n_i = np.bincount(items, minlength=len(V))
    return sse + reg * (n_u @ np.sum(U**2, axis=1) + n_i @ np.sum(V**2, axis=1))


def fit(X, y, **params):
    params = {"n_factors": 4, "reg": 0.1, "n_iter": 5, "random_state": 0, **params}
    model = mod.MatrixFactorization(**params).fit(X, y)
    n_users, n_items = int(X[:, 0].max()) + 1, int(X[:, 1].max()) + 1
    k = params["n_factors"]
    U, V = np.asarray(model.user_factors_), np.asarray(model.item_factors_)
    assert U.shape == (n_users, k), f"user_factors_ has shape {U.shape}, expected {(n_users, k)}"
    assert V.shape == (n_items, k), f"item_factors_ has shape {V.shape}, expected {(n_items, k)}"
    return model


def half_step_diagnosis(got, rows, cols, y, fixed, n_rows, reg, who, given):
    """Name the mistake when ``got`` is not the exact weighted ridge solution."""
    expected = ridge_rows(rows, cols, y, fixed, n_rows, reg)
    scale = np.abs(expected).max()
    if np.allclose(got, expected, rtol=1e-7, atol=1e-9 * scale):
        return None
    if np.allclose(got, ridge_rows(rows, cols, y, fixed, n_rows, reg, weighted=False), rtol=1e-6):
        return (
            f"{who} factors solve the ridge problem with penalty reg, not reg * n (the number "
            f"of ratings of that {who}): the system is (F^T F + reg * n * I) x = F^T r"
        )
    if np.allclose(got, ridge_rows(rows, cols, y, fixed, n_rows, 0.0), rtol=1e-6):
        return (
            f"{who} factors are the unregularized least-squares solution: reg * n * I is missing"
        )
    if np.allclose(got, full_penalty_rows(rows, cols, y, fixed, n_rows, reg), rtol=1e-6):
        return (
            f"{who} factors add reg * n to EVERY entry of the Gram matrix: the penalty "
            "reg * n * I goes on its diagonal only"
        )
    if np.allclose(got, dense_zero_rows(rows, cols, y, fixed, n_rows, reg), rtol=1e-6):
        return (
            f"{who} factors were solved against the dense ratings matrix, missing entries as "
            f"zeros: use only the {who}'s OBSERVED ratings"
        )
    err = np.abs(got - expected).max() / scale
    return (
        f"{who} factors are not the exact ridge solution given the {given} (relative error "
        f"{err:.1e}): each half-step solves (F^T F + reg * n * I) x = F^T r for every {who}"
    )


# --- the half-steps: exact ridge solutions ------------------------------------------------------


def test_worked_example_user_step():
    # One item; user 0 rated it 3 and 5 (a repeated pair). With n_factors = 1 and the item
    # factor q fixed, the user step gives p = q (3 + 5) / (2 q^2 + 0.1 * 2).
    X, y = np.array([[0, 0], [0, 0]]), np.array([3.0, 5.0])
    model = fit(X, y, n_factors=1, reg=0.1, n_iter=1)
    q = float(model.item_factors_[0, 0])
    p = float(model.user_factors_[0, 0])
    if p == 0.0 or q == 0.0:
        pytest.fail(
            f"one user, one item rated 3 and 5: the factors are p = {p}, q = {q}. With no "
            "biases the prediction is p * q, close to 4: were the ratings centered (their "
            "mean subtracted), or a factor left at 0?"
        )
    # The item step then solved q from p: q = p (3 + 5) / (2 p^2 + 0.1 * 2).
    named = [
        (8 * p / (2 * p**2 + 0.1), "the penalty is reg, not reg * n (n = 2 ratings here)"),
        (8 * p / (2 * p**2), "the penalty reg * n * I is missing"),
        (4 * p / (2 * p**2 + 0.2), "the right-hand side F^T r was divided by n"),
        (8 * p / (2 * p**2 + 0.2 * 2), "the penalty was counted twice"),
        (
            3 * p / (p**2 + 0.1),
            "the repeated pair was merged into one rating (the first): each repetition is "
            "one more rating, a row of its own in the user's and the item's systems",
        ),
        (
            5 * p / (p**2 + 0.1),
            "the repeated pair was merged into one rating (the last): each repetition is "
            "one more rating, a row of its own in the user's and the item's systems",
        ),
        (
            8 * p / (p**2 + 0.2),
            "the Gram matrix F^T F counted the (user, item) cell once, as in a dense matrix: "
            "each observed rating is one row of F (this repeated pair is two)",
        ),
    ]
    right = 8 * p / (2 * p**2 + 0.2)
    for wrong, what in named:
        if np.isclose(q, wrong, rtol=1e-10) and not np.isclose(wrong, right, rtol=1e-10):
            pytest.fail(f"one user, one item rated 3 and 5: q = {q:.6f}, {what}")
    assert np.isclose(q, 8 * p / (2 * p**2 + 0.2), rtol=1e-10), (
        f"with one user and one item, the item step must give q = 8p / (2p^2 + 0.2) = "
        f"{8 * p / (2 * p**2 + 0.2):.6f} from the user factor p = {p:.6f}, got q = {q:.6f} "
        "(each iteration solves the user, then the item from that NEW user factor)"
    )


def test_random_state():
    X, y = low_rank_ratings(8)
    a = fit(X, y, random_state=3)
    b = fit(X, y, random_state=3)
    np.testing.assert_array_equal(
        a.user_factors_,
        b.user_factors_,
        err_msg="random_state=3 twice gave different factors: draw the initial item factors "
        "from check_random_state(random_state), never from np.random",
    )
    c = fit(X, y, random_state=4)
    assert not np.allclose(a.user_factors_, c.user_factors_), "seeds 3 and 4 gave the same fit"


@pytest.mark.parametrize("seed", SEEDS)
def test_item_factors_are_the_ridge_solution_given_the_final_users(seed):
    X, y = low_rank_ratings(seed)
    model = fit(X, y, reg=0.1, n_iter=3, random_state=seed)
    U, V = np.asarray(model.user_factors_), np.asarray(model.item_factors_)
    problem = half_step_diagnosis(V, X[:, 1], X[:, 0], y, U, V.shape[0], 0.1, "item", "users")
    if problem:
        # Were the items solved from the users of the previous iteration (a Jacobi step)?
        previous = np.asarray(fit(X, y, reg=0.1, n_iter=2, random_state=seed).user_factors_)
        if half_step_diagnosis(V, X[:, 1], X[:, 0], y, previous, len(V), 0.1, "", "") is None:
            pytest.fail(
                "the item factors solve the ridge problem given the user factors of the "
                "PREVIOUS iteration: each iteration solves the users first, then the items "
                "from the NEW users"
            )
        pytest.fail(problem)


@pytest.mark.parametrize("seed", SEEDS)
def test_user_factors_are_the_ridge_solution_given_the_previous_items(seed):
    # Same seed, one more iteration: its user step starts from the items of the shorter fit.
    X, y = low_rank_ratings(10 + seed)
    before = fit(X, y, reg=0.2, n_iter=2, random_state=seed)
    after = fit(X, y, reg=0.2, n_iter=3, random_state=seed)
    V_prev, U = np.asarray(before.item_factors_), np.asarray(after.user_factors_)
    problem = half_step_diagnosis(U, X[:, 0], X[:, 1], y, V_prev, U.shape[0], 0.2, "user", "items")
    if problem:
        final_items = np.asarray(after.item_factors_)
        if half_step_diagnosis(U, X[:, 0], X[:, 1], y, final_items, len(U), 0.2, "", "") is None:
            pytest.fail(
                "the user factors solve the ridge problem given the FINAL item factors: the "
                "order is reversed. Each iteration solves the users first (from the current "
                "items), then the items from the new users"
            )
        pytest.fail(
            problem + " (checked by refitting with the same random_state and one iteration "
            "fewer: the fits must be deterministic)"
        )


def test_the_first_user_step_starts_from_the_pinned_item_init():
    # Conventions: V0 = rng.normal(0, 1/sqrt(k), (n_items, k)) with rng from random_state,
    # and the first half-step solves the users from V0.
    X, y = low_rank_ratings(14)
    k, n_users, n_items = 4, int(X[:, 0].max()) + 1, int(X[:, 1].max()) + 1
    model = fit(X, y, n_factors=k, reg=0.1, n_iter=1, random_state=5)
    U = np.asarray(model.user_factors_)

    def users_from(V0):
        return ridge_rows(X[:, 0], X[:, 1], y, V0, n_users, 0.1)

    expected = users_from(np.random.default_rng(5).normal(0, 1 / np.sqrt(k), (n_items, k)))
    if np.allclose(U, expected, rtol=1e-7, atol=1e-9):
        return
    variants = [
        (
            np.random.default_rng(5).normal(0, 1, (n_items, k)),
            "the item factors started as rng.normal(0, 1, ...): the scale is 1/sqrt(n_factors)",
        ),
        (
            np.random.default_rng(5).random((n_items, k)),
            "the item factors started uniform on [0, 1): they start as "
            "rng.normal(0, 1/sqrt(n_factors), (n_items, n_factors))",
        ),
    ]
    for V0, what in variants:
        if np.allclose(U, users_from(V0), rtol=1e-7, atol=1e-9):
            pytest.fail(f"with n_iter=1 and random_state=5, {what}")
    V0 = np.random.default_rng(5).normal(0, 1 / np.sqrt(k), (n_items, k))
    problem = half_step_diagnosis(U, X[:, 0], X[:, 1], y, V0, n_users, 0.1, "user", "items")
    pytest.fail(
        f"with n_iter=1: {problem}. Here the items are the pinned start V0 = "
        "rng.normal(0, 1/sqrt(n_factors), (n_items, n_factors)), rng = "
        "check_random_state(random_state), drawn first: did fit draw other numbers from rng "
        "before V0 (e.g. a start for the user factors, which need none)?"
    )


def test_first_order_optimality_of_the_objective_in_the_items():
    # dL/dq_i = -2 sum_u (r_ui - p_u.q_i) p_u + 2 reg n_i q_i = 0 at the end of an item step.
    X, y = low_rank_ratings(3)
    model = fit(X, y, reg=0.05, n_iter=4)
    U, V = np.asarray(model.user_factors_), np.asarray(model.item_factors_)
    users, items = X[:, 0], X[:, 1]
    residual = y - np.einsum("nk,nk->n", U[users], V[items])
    grad = np.zeros_like(V)
    np.add.at(grad, items, -2 * residual[:, None] * U[users])
    grad += 2 * 0.05 * np.bincount(items, minlength=len(V))[:, None] * V
    scale = np.abs(2 * residual[:, None] * U[users]).sum()
    assert np.abs(grad).max() < 1e-9 * scale, (
        f"the gradient of the objective with respect to the item factors is "
        f"{np.abs(grad).max():.1e}, not 0: the item step must minimize L exactly"
    )


def test_ids_without_ratings_get_zero_factors():
    X, y = low_rank_ratings(4, n_users=10, n_items=8)
    X = X.copy()
    X[:, 0] = np.where(X[:, 0] >= 5, X[:, 0] + 1, X[:, 0])  # user id 5 is never rated
    X[:, 1] = X[:, 1] * 2  # odd item ids are never rated
    try:
        model = fit(X, y, n_iter=2)
    except np.linalg.LinAlgError as exc:
        pytest.fail(
            f"fit raised {exc!r} for ids without ratings: their system is all zeros; give them "
            "zero factors (e.g. an identity system with a zero right-hand side)"
        )
    except IndexError as exc:
        pytest.fail(
            f"fit raised {exc!r} when the ids have gaps: n_users = max user id + 1 (likewise "
            "items), not the number of distinct ids"
        )
    U, V = np.asarray(model.user_factors_), np.asarray(model.item_factors_)
    assert np.all(np.isfinite(U)) and np.all(np.isfinite(V)), "factors contain NaN or inf"
    np.testing.assert_array_equal(U[5], 0, err_msg="a user id with no rating gets a zero row")
    np.testing.assert_array_equal(V[1::2], 0, err_msg="item ids with no rating get zero rows")


# --- objective and RMSE history ---------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_the_objective_never_increases(seed):
    X, y = low_rank_ratings(20 + seed)
    values = []
    for n_iter in range(1, 7):
        model = fit(X, y, reg=0.3, n_iter=n_iter, random_state=seed)
        values.append(objective(X, y, model.user_factors_, model.item_factors_, 0.3))
    steps = np.diff(values)
    assert np.all(steps <= 1e-9 * values[0]), (
        f"the regularized objective went up between iterations {np.argmax(steps) + 1} and "
        f"{np.argmax(steps) + 2} ({values}): exact block minimizations can only lower it"
    )


def test_rmse_history_is_the_rmse_after_each_iteration():
    X, y = low_rank_ratings(5)
    model = fit(X, y, reg=0.05, n_iter=6)
    history = np.asarray(model.rmse_history_)
    assert history.shape == (6,), f"rmse_history_ has shape {history.shape}, expected (n_iter,)"
    pred = np.asarray(model.predict(X[:, 0], X[:, 1]))
    rmse = float(np.sqrt(np.mean((y - pred) ** 2)))
    if np.isclose(history[-1], rmse**2, rtol=1e-9):
        pytest.fail("rmse_history_ holds the MSE: the RMSE is its square root")
    if not np.isclose(history[-1], rmse, rtol=1e-9):
        shorter = fit(X, y, reg=0.05, n_iter=5)
        p5 = np.asarray(shorter.predict(X[:, 0], X[:, 1]))
        if np.isclose(history[-1], np.sqrt(np.mean((y - p5) ** 2)), rtol=1e-9):
            pytest.fail(
                "rmse_history_[-1] is the RMSE BEFORE the last iteration: record it after "
                "both half-steps"
            )
        U, V5 = np.asarray(model.user_factors_), np.asarray(shorter.item_factors_)
        half = y - np.einsum("nk,nk->n", U[X[:, 0]], V5[X[:, 1]])
        if np.isclose(history[-1], np.sqrt(np.mean(half**2)), rtol=1e-9):
            pytest.fail(
                "rmse_history_[-1] is the RMSE after the USER half-step, before the item "
                "step: record it after both half-steps"
            )
        sse, n_cells = np.sum((y - pred) ** 2), (X[:, 0].max() + 1) * (X[:, 1].max() + 1)
        if np.isclose(history[-1], np.sqrt(sse), rtol=1e-9):
            pytest.fail("rmse_history_ is sqrt of the SUM of squared errors: take the mean")
        if np.isclose(history[-1], np.sqrt(sse / n_cells), rtol=1e-9):
            pytest.fail(
                "rmse_history_ divides by n_users * n_items (the dense matrix): the mean is "
                "over the OBSERVED ratings only"
            )
    assert np.isclose(history[-1], rmse, rtol=1e-9), (
        f"rmse_history_[-1] = {history[-1]} but the fitted factors have training RMSE {rmse}"
    )
    for n_iter in (1, 3):
        again = fit(X, y, reg=0.05, n_iter=n_iter)
        p = np.asarray(again.predict(X[:, 0], X[:, 1]))
        assert np.isclose(history[n_iter - 1], np.sqrt(np.mean((y - p) ** 2)), rtol=1e-9), (
            f"rmse_history_[{n_iter - 1}] is not the RMSE of a fit with n_iter={n_iter}"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_training_rmse_never_increases_with_a_small_reg(seed):
    # Not a theorem (the objective is what ALS lowers), but with reg = 0.001 on low-rank data
    # the penalty is negligible and the RMSE falls monotonically from any start.
    X, y = low_rank_ratings(30 + seed)
    model = fit(X, y, n_factors=5, reg=0.001, n_iter=15, random_state=seed)
    history = np.asarray(model.rmse_history_)
    assert np.all(np.diff(history) <= 1e-6 * history[:-1]), (
        f"the training RMSE went up: {np.round(history, 5)}"
    )
    # The data are rank 3 plus an offset 3 (rank 4 without biases) plus noise 0.1.
    assert history[-1] < 0.25, f"5 factors on rank-4 data: final training RMSE {history[-1]:.3f}"


def test_a_full_matrix_converges_to_the_soft_thresholded_svd():
    # Fully observed: L = ||R - P Q^T||^2 + reg (m ||P||^2 + n ||Q||^2) has its global minimum
    # at P Q^T = the SVD of R with singular values max(s - reg sqrt(m n), 0), top n_factors.
    rng = np.random.default_rng(6)
    n, m = 6, 5
    R = rng.normal(size=(n, 3)) @ rng.normal(size=(3, m)) + 0.3 * rng.normal(size=(n, m)) + 3
    X = np.array([(u, i) for u in range(n) for i in range(m)])
    y = R[X[:, 0], X[:, 1]]
    reg, k = 0.2, 2
    model = fit(X, y, n_factors=k, reg=reg, n_iter=200)
    Z = np.asarray(model.user_factors_) @ np.asarray(model.item_factors_).T
    u, s, vt = np.linalg.svd(R, full_matrices=False)
    shrunk = np.maximum(s - reg * np.sqrt(n * m), 0.0)
    shrunk[k:] = 0.0
    np.testing.assert_allclose(
        Z,
        (u * shrunk) @ vt,
        atol=1e-6,
        err_msg="on a fully observed matrix ALS must reach the soft-thresholded rank-k SVD",
    )


# --- predict, randomness, input -----------------------------------------------------------------


def test_predict_is_the_dot_product_of_the_factors():
    X, y = low_rank_ratings(7)
    model = fit(X, y)
    users, items = np.array([0, 3, 3, 7]), np.array([1, 1, 4, 0])
    pred = np.asarray(model.predict(users, items))
    expected = np.sum(
        np.asarray(model.user_factors_)[users] * np.asarray(model.item_factors_)[items], axis=1
    )
    assert pred.shape == (4,), f"predict returned shape {pred.shape}, expected (4,)"
    np.testing.assert_allclose(
        pred, expected, rtol=1e-12, err_msg="predict = p_u . q_i (no biases)"
    )


def test_the_order_of_the_ratings_does_not_matter():
    X, y = low_rank_ratings(9)
    perm = np.random.default_rng(0).permutation(len(y))
    a = fit(X, y, random_state=1)
    b = fit(X[perm], y[perm], random_state=1)
    np.testing.assert_allclose(
        a.item_factors_,
        b.item_factors_,
        rtol=1e-7,
        atol=1e-9,
        err_msg="shuffling the (user, item, rating) triples changed the fit: group the ratings "
        "by id (do not assume they are sorted)",
    )


def test_inputs_are_not_modified():
    X, y = low_rank_ratings(10)
    with inputs_unchanged("fit", X=X, y=y):
        model = fit(X, y)
    users, items = X[:5, 0].copy(), X[:5, 1].copy()
    with inputs_unchanged("predict", users=users, items=items):
        model.predict(users, items)


def test_predict_before_fit_and_bad_input():
    X, y = low_rank_ratings(11, n_users=8, n_items=6)
    model = fit(X, y)
    with pytest.raises(ValueError, match="users"):
        model.predict([8], [0])
    with pytest.raises(ValueError, match="items"):
        model.predict([0], [-1])
    with pytest.raises(NotFittedError):
        mod.MatrixFactorization().predict([0], [0])
    with pytest.raises(ValueError, match="X"):
        mod.MatrixFactorization().fit(np.array([[0, 1.5]]), [1.0])
    with pytest.raises(ValueError, match="reg"):
        mod.MatrixFactorization(reg=0.0).fit(X, y)


# --- complexity, without a clock: Python lines counted, peak memory measured --------------------


def test_fit_has_no_python_loop_over_ratings_users_or_items():
    # 10k ratings of 1200 users and 800 items, k = 4, one iteration. The reference (one
    # bincount per Gram entry a <= b, one batched solve per half-step) runs 150 lines of
    # Python; a plainer answer (a bincount for each of the k^2 entries), 182; grouping by
    # a sort and np.add.reduceat per entry, 128. A Python loop over the ratings runs
    # 100038; a boolean mask over all ratings for each of the 2000 ids, 12029; a loop over
    # the ids on sorted slices, 10032 (at one line per id, a comprehension, still 2000).
    rng = np.random.default_rng(15)
    n = 10_000
    X = np.stack([rng.integers(0, 1200, n), rng.integers(0, 800, n)], axis=1)
    y = rng.integers(1, 6, n).astype(float)
    model = mod.MatrixFactorization(n_factors=4, n_iter=1, random_state=0)
    budget = 600
    lines = python_lines(model.fit, X, y, budget=budget)
    assert lines <= budget, (
        f"fit ran more than {budget} lines of Python for one iteration on 10k ratings of "
        "1200 users and 800 items: is there a Python loop over the ratings, or over the "
        "users and items (a boolean mask over all ratings for each id is such a loop, and "
        "O(n_users n_ratings))? Group the ratings with np.bincount(ids, weights=...) per "
        "Gram entry (or a sort and np.add.reduceat), and solve all systems of a half-step "
        "in one batched np.linalg.solve on an (n_users, k, k) array"
    )


def test_fit_memory_is_not_ratings_times_k_squared():
    # 200k ratings, k = 8: one (n_ratings, k, k) array of outer products is 102 MB. The
    # Gram matrices need only (n_users, k, k) = 1 MB; with the (n_ratings, k) gathers the
    # reference peaks near 35 MB.
    rng = np.random.default_rng(13)
    n, k = 200_000, 8
    X = np.stack([rng.integers(0, 2000, n), rng.integers(0, 1000, n)], axis=1)
    y = rng.integers(1, 6, n).astype(float)
    _, peak = peak_memory(fit, X, y, n_factors=k, n_iter=1)
    outer = n * k * k * 8
    assert peak < 0.6 * outer, (
        f"fit allocated {peak / 1e6:.0f} MB at its peak; an (n_ratings, k, k) array of outer "
        f"products alone is {outer / 1e6:.0f} MB. Accumulate each user's Gram matrix without "
        "it: one np.bincount per entry (a, b) over all ratings at once"
    )
