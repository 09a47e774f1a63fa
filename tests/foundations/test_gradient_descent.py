"""Tests for foundations/gradient_descent: full-batch gradient descent and mini-batch SGD."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata

gd = load_kata("foundations/gradient_descent")


def spd_quadratic(seed, d=4, low=0.5, high=4.0):
    """f(x) = x.Q.x / 2 - b.x with eigenvalues of Q in [low, high]; returns (Q, b, grad)."""
    rng = np.random.default_rng(seed)
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    Q = V @ np.diag(np.linspace(low, high, d)) @ V.T
    b = rng.normal(size=d)
    return Q, b, lambda x: Q @ x - b


def least_squares_grad(Xb, yb, w):
    """Mean gradient of (x.w - y)^2 / 2 over the batch."""
    return Xb.T @ (Xb @ w - yb) / len(yb)


class Recorder:
    """A grad for minibatch_sgd that records which samples each call received.

    X's first column holds each sample's index, so the batch's rows name themselves.
    Returns a constant gradient, so the weights move by exactly -lr * g per step.
    """

    def __init__(self, g):
        self.g = np.asarray(g, dtype=float)
        self.batches = []

    def __call__(self, Xb, yb, w):
        assert Xb.shape[0] == yb.shape[0], "X_batch and y_batch hold different samples"
        np.testing.assert_array_equal(Xb[:, 0], yb, err_msg="X_batch and y_batch do not match")
        self.batches.append(Xb[:, 0].astype(int).tolist())
        return self.g.copy()


def indexed_data(n):
    X = np.column_stack([np.arange(n, dtype=float), np.ones(n)])
    return X, np.arange(n, dtype=float)


def epochs_of(batches, n, batch_size, n_epochs):
    """Split the recorded batches into epochs, checking the number of steps first."""
    per_epoch = math.ceil(n / batch_size)
    assert len(batches) == n_epochs * per_epoch, (
        f"grad was called {len(batches)} times for n={n}, batch_size={batch_size}, "
        f"n_epochs={n_epochs}; expected {n_epochs} x ceil(n / batch_size) = "
        f"{n_epochs * per_epoch}. "
        + (
            "Did you drop the last, partial batch?"
            if len(batches) == n_epochs * (n // batch_size)
            else "Did you add an empty batch (range(n // batch_size + 1))?"
            if len(batches) == n_epochs * (n // batch_size + 1)
            else ""
        )
    )
    flat = [i for batch in batches for i in batch]  # equal-size epochs: one slice each
    return [flat[e * n : (e + 1) * n] for e in range(n_epochs)]


def check_snapshots_are_separate(history, name):
    """history[0] differs from history[-1] in every test that calls this."""
    assert not np.array_equal(history[0], history[-1]), (
        f"history[0] equals the final {name} ({history[-1]}): the history entries all point to "
        f"one array updated in place ({name} -= ...); build a new {name} each step "
        f"({name} = {name} - lr * g) or record copies"
    )


# --- gradient_descent -------------------------------------------------------------------------


def test_gradient_descent_n_iter_one_takes_exactly_one_step():
    x, history = gd.gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, n_iter=1, tol=0.0)
    assert len(history) == 2, (
        f"with n_iter=1, history has {len(history)} iterates instead of 2 (x0 and one step): "
        "n_iter is the number of steps, so loop range(n_iter) times, not n_iter - 1 or "
        "n_iter + 1"
    )
    assert x == 0.5, f"one step from 1 with lr=0.25 on x^2 gives 0.5, got {x}"


def test_gradient_descent_does_not_modify_x0_and_keeps_each_iterate():
    x0 = np.array([3.0, -1.0])
    with inputs_unchanged("gradient_descent", x0=x0):
        x, history = gd.gradient_descent(lambda x: x, x0, lr=0.5, n_iter=3, tol=0.0)
    check_snapshots_are_separate(history, "x")
    np.testing.assert_array_equal(
        history,
        [[3.0, -1.0], [1.5, -0.5], [0.75, -0.25], x],
        err_msg="history entries as recorded, each a separate array",
    )


def test_gradient_descent_hand_worked_iterates():
    # f(x) = x^2, grad 2x: with lr = 0.25 each step halves x.
    x, history = gd.gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, n_iter=3, tol=0.0)
    np.testing.assert_allclose(np.shape(history), (4,), err_msg="history must hold 4 iterates")
    np.testing.assert_allclose(
        history,
        [1.0, 0.5, 0.25, 0.125],
        rtol=1e-15,
        err_msg="iterates of x^2 from 1 with lr=0.25: each step halves x",
    )
    assert np.shape(x) == () and x == 0.125, (
        f"x must be the last iterate 0.125 of x0's shape (), got {x!r}"
    )
    # lr = 1.5 multiplies x by 1 - 3 = -2 each step: divergence must show, not be hidden.
    _, history = gd.gradient_descent(lambda x: 2 * x, 1.0, lr=1.5, n_iter=4, tol=0.0)
    np.testing.assert_allclose(
        history,
        [1.0, -2.0, 4.0, -8.0, 16.0],
        rtol=1e-15,
        err_msg="iterates with lr=1.5: each step multiplies x by -2 (divergence must show)",
    )


def test_gradient_descent_stops_when_the_gradient_norm_falls_below_tol():
    # f = ||x||^2 / 2, grad = x, lr = 0.5: x_k = x0 / 2^k and ||grad(x_k)|| = 5 / 2^k,
    # first below 1e-3 at k = 13 (5 / 8192). So 13 steps, 14 iterates, x = x0 / 8192.
    x0 = np.array([3.0, 4.0])
    x, history = gd.gradient_descent(lambda x: x, x0, lr=0.5, n_iter=1000, tol=1e-3)
    steps = len(history) - 1
    assert steps != 1000, (
        "gradient_descent ran all n_iter=1000 steps although ||grad|| fell below tol=1e-3 "
        "after 13: stop as soon as the gradient norm is below tol"
    )
    assert steps != 12, (
        "gradient_descent stopped after 12 steps instead of 13: it seems to stop on the step "
        "size lr * ||grad|| (or on max |grad|); the rule is ||grad|| (Euclidean) < tol"
    )
    assert steps != 14, (
        "gradient_descent took 14 steps instead of 13: test the gradient before stepping, "
        "and stop without taking the step"
    )
    assert steps == 13, f"expected 13 steps (14 iterates in history), got {steps}"
    np.testing.assert_array_equal(x, x0 / 8192, err_msg="x after 13 steps of halving from [3, 4]")
    np.testing.assert_array_equal(history[-1], x, err_msg="history[-1] must be the returned x")


def test_gradient_descent_stopping_norm_spans_every_entry_of_a_matrix_x():
    # grad = x, lr = 0.5 from [[3, 0], [0, 4]]: ||grad(x_k)|| = 5 / 2^k over all entries,
    # first below 1e-3 at k = 13. The spectral norm (ord=2 of a matrix), the largest row
    # norm or max |entry| are 4 / 2^k and would stop one step early, at k = 12.
    x0 = np.array([[3.0, 0.0], [0.0, 4.0]])
    x, history = gd.gradient_descent(lambda x: x, x0, lr=0.5, n_iter=1000, tol=1e-3)
    steps = len(history) - 1
    assert steps != 12, (
        "for a matrix-shaped x, gradient_descent stopped after 12 steps instead of 13: the "
        "stopping norm must be the Euclidean norm over all entries (Frobenius, "
        "np.linalg.norm(g) or np.linalg.norm(g.ravel())), not the spectral norm "
        "np.linalg.norm(g, 2), a per-row norm or max |g|"
    )
    assert steps == 13, f"expected 13 steps (14 iterates in history), got {steps}"
    np.testing.assert_array_equal(
        x, x0 / 8192, err_msg="x after 13 steps of halving from [[3, 0], [0, 4]]"
    )


def test_gradient_descent_with_tol_zero_steps_even_at_a_stationary_point():
    # At x = 0 the gradient of x^2 is exactly 0; ||0|| < 0 is false, so tol=0 still takes
    # all n_iter steps (the rule is a strict <).
    x, history = gd.gradient_descent(lambda x: 2 * x, [0.0, 0.0], lr=0.1, n_iter=3, tol=0.0)
    assert len(history) == 4, (
        f"with tol=0 and n_iter=3, history has {len(history)} iterates instead of 4: the "
        "rule is ||grad|| < tol (strict), so tol=0 never stops early, not even at a zero "
        "gradient"
    )
    np.testing.assert_array_equal(x, [0.0, 0.0], err_msg="x stays at the stationary point 0")


def test_gradient_descent_a_gradient_norm_equal_to_tol_still_steps():
    # grad = x from [3, 4]: ||grad(x0)|| = 5 exactly. With tol=5 the rule ||g|| < tol is
    # false, so one step is taken to [1.5, 2] (norm 2.5 < 5), and then it stops.
    x, history = gd.gradient_descent(lambda x: x, [3.0, 4.0], lr=0.5, n_iter=10, tol=5.0)
    assert len(history) != 1, (
        "with ||grad(x0)|| exactly equal to tol, gradient_descent took no step: the rule is "
        "strict, ||grad|| < tol (not <=)"
    )
    assert len(history) == 2, f"expected 1 step then a stop, got {len(history) - 1} steps"
    np.testing.assert_array_equal(x, [1.5, 2.0], err_msg="x after the single step")


def test_gradient_descent_returns_the_last_iterate_even_when_it_diverges():
    # lr = 1.5 on x^2 multiplies x by -2 each step: the last iterate (16) is the worst one.
    x, history = gd.gradient_descent(lambda x: 2 * x, 1.0, lr=1.5, n_iter=4, tol=0.0)
    assert x != 1.0, (
        "gradient_descent returned x0 (the iterate with the smallest gradient) on a diverging "
        "run: return the LAST iterate, x_k = history[-1], not the best one"
    )
    assert x != -8.0, (
        "gradient_descent returned the iterate before the last step (-8 instead of 16): "
        "return the x computed by the final step"
    )
    assert x == 16.0 and history[-1] == x, f"expected x = history[-1] = 16, got {x}"


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_descent_iterates_match_the_closed_form_on_a_quadratic(seed):
    # x_k - x* = (I - lr Q)^k (x0 - x*) exactly, with x* = Q^-1 b.
    Q, b, grad = spd_quadratic(seed)
    x_star = np.linalg.solve(Q, b)
    x0 = np.random.default_rng(seed + 10).normal(size=4)
    lr = 0.2
    _, history = gd.gradient_descent(grad, x0, lr=lr, n_iter=25, tol=0.0)
    assert history.shape == (26, 4), f"history should be (26, 4), got {history.shape}"
    M = np.eye(4) - lr * Q
    expected = np.stack([x_star + np.linalg.matrix_power(M, k) @ (x0 - x_star) for k in range(26)])
    np.testing.assert_allclose(
        history,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg="iterates against the closed form x* + (I - lr Q)^k (x0 - x*)",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_descent_reaches_the_minimizer_of_a_quadratic(seed):
    Q, b, grad = spd_quadratic(seed)
    x, _ = gd.gradient_descent(grad, np.zeros(4), lr=0.25)
    # ||grad|| < 1e-8 and the smallest eigenvalue 0.5 bound the error by 2e-8.
    np.testing.assert_allclose(
        x,
        np.linalg.solve(Q, b),
        atol=1e-7,
        err_msg="x at convergence against the minimizer Q^-1 b",
    )


def test_gradient_descent_solves_least_squares_like_lstsq():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.1 * rng.normal(size=200)
    A = np.column_stack([X, np.ones(200)])
    x, _ = gd.gradient_descent(lambda w: A.T @ (A @ w - y) / 200, np.zeros(4), lr=0.5)
    np.testing.assert_allclose(
        x,
        np.linalg.lstsq(A, y, rcond=None)[0],
        atol=1e-7,
        err_msg="x at convergence against np.linalg.lstsq",
    )


def test_gradient_descent_works_for_a_matrix_shaped_x():
    target = np.arange(6.0).reshape(2, 3)
    x, history = gd.gradient_descent(lambda x: x - target, np.zeros((2, 3)), lr=0.5, tol=1e-10)
    assert history.ndim == 3 and history.shape[1:] == (2, 3), (
        f"history has shape {history.shape}: stack the (2, 3) iterates along a new first axis"
    )
    np.testing.assert_allclose(
        x,
        target,
        atol=1e-9,
        err_msg="x at convergence against the target of the matrix-shaped quadratic",
    )


def test_zero_steps_return_a_copy_of_the_start():
    x0, w0 = np.array([1.0, 2.0]), np.array([3.0])
    x, history = gd.gradient_descent(lambda x: x, x0, n_iter=0)
    w, w_history = gd.minibatch_sgd(
        least_squares_grad, np.ones((3, 1)), np.ones(3), w0, n_epochs=0
    )
    np.testing.assert_array_equal(x, x0, err_msg="zero steps: x equals x0")
    assert history.shape == (1, 2) and w_history.shape == (1, 1)
    for name, start, results in (("x", x0, (x, history)), ("w", w0, (w, w_history))):
        assert not any(np.shares_memory(start, r) for r in results), (
            f"the returned {name} shares memory with the start {name}0: a caller changing the "
            f"result would change {name}0. Start from a copy"
        )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"lr": 0.0}, "lr"),
        ({"lr": -0.1}, "lr"),
        ({"n_iter": -1}, "n_iter"),
        ({"n_iter": 2.5}, "n_iter"),
        ({"tol": -1e-8}, "tol"),
    ],
)
def test_gradient_descent_bad_hyperparameters_are_value_errors(kwargs, match):
    gd.gradient_descent(lambda x: x, [1.0, 2.0], n_iter=2)  # works on good input first
    with pytest.raises(ValueError, match=match):
        gd.gradient_descent(lambda x: x, [1.0, 2.0], **kwargs)


# --- minibatch_sgd ------------------------------------------------------------------------


def test_each_epoch_uses_every_sample_exactly_once_keeping_the_last_partial_batch():
    n, batch_size, n_epochs = 100, 32, 3
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=batch_size, n_epochs=n_epochs, random_state=0)
    sizes = sorted(len(b) for b in rec.batches[: math.ceil(n / batch_size)])
    for epoch, seen in enumerate(epochs_of(rec.batches, n, batch_size, n_epochs)):
        assert len(set(seen)) == len(seen), (
            f"epoch {epoch} used some samples more than once: shuffle a permutation of the "
            "indices and slice it, rather than sampling batches with replacement"
        )
        missing = sorted(set(range(n)) - set(seen))
        assert not missing, (
            f"epoch {epoch} never used samples {missing[:8]}: every sample once per epoch, "
            "the last, partial batch included"
        )
    assert sizes == [4, 32, 32, 32], (
        f"batch sizes in an epoch were {sizes}: expected consecutive batches of batch_size=32 "
        "and one last batch with the 4 leftover samples"
    )


def test_samples_are_reshuffled_every_epoch():
    n = 50
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=10, n_epochs=3, random_state=1)
    orders = epochs_of(rec.batches, n, 10, 3)
    assert orders[0] != list(range(n)), (
        "the first epoch visited the samples in their original order 0, 1, ..., n-1: shuffle "
        "them (rng.permutation(n)) at the start of every epoch"
    )
    assert orders[0] != orders[1] and orders[1] != orders[2], (
        "two epochs visited the samples in the same order: draw a new permutation every "
        "epoch, not once before the loop"
    )


def test_batch_size_dividing_n_gives_no_empty_batch():
    # n = 64 = 2 x 32: exactly 2 full batches per epoch, never a third, empty one.
    n, batch_size = 64, 32
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=batch_size, n_epochs=2, random_state=0)
    sizes = [len(b) for b in rec.batches]
    assert 0 not in sizes, (
        f"grad received an empty batch (batch sizes {sizes}) for n=64, batch_size=32: "
        "range(n // batch_size + 1) adds an empty batch when batch_size divides n; step "
        "over range(0, n, batch_size)"
    )
    assert sizes == [32, 32, 32, 32], (
        f"batch sizes over 2 epochs were {sizes}: expected 2 batches of 32 per epoch"
    )


def test_one_partial_batch_when_n_is_just_above_batch_size():
    # n = 33, batch_size = 32: 2 steps per epoch, the second on the single leftover sample.
    n = 33
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=32, n_epochs=3, random_state=0)
    sizes = [len(b) for b in rec.batches]
    assert sizes == [32, 1] * 3, (
        f"batch sizes over 3 epochs were {sizes} for n=33, batch_size=32: expected "
        "[32, 1] per epoch (ceil(33 / 32) = 2 steps, the last one on the leftover sample)"
    )


def test_shuffle_false_visits_the_samples_in_order_every_epoch():
    n, batch_size = 10, 4
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=batch_size, n_epochs=2, shuffle=False)
    expected = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]] * 2
    assert rec.batches == expected, (
        f"with shuffle=False the batches were {rec.batches}: expected the samples in their "
        f"given order, cut into consecutive batches, in every epoch: {expected}"
    )
    # And the weights are exactly those of the ordered passes written out by hand.
    rng = np.random.default_rng(4)
    Xr, yr = rng.normal(size=(n, 2)), rng.normal(size=n)
    w, history = gd.minibatch_sgd(
        least_squares_grad, Xr, yr, np.zeros(2), lr=0.1, batch_size=4, n_epochs=2, shuffle=False
    )
    expected_w, snapshots = np.zeros(2), [np.zeros(2)]
    for _ in range(2):
        for start in range(0, n, 4):
            sl = slice(start, start + 4)
            expected_w = expected_w - 0.1 * least_squares_grad(Xr[sl], yr[sl], expected_w)
        snapshots.append(expected_w)
    assert history.shape == (3, 2), (
        f"history has shape {history.shape}: expected (n_epochs + 1, 2) = (3, 2), w0 and then "
        "one snapshot at the end of each epoch (not one per step)"
    )
    check_snapshots_are_separate(history, "w")
    np.testing.assert_allclose(
        history, snapshots, rtol=1e-13, err_msg="shuffle=False: ordered batches, by hand"
    )
    np.testing.assert_array_equal(w, history[-1], err_msg="w must be history[-1]")


def test_shuffle_defaults_to_true():
    n = 30
    X, y = indexed_data(n)
    rec = Recorder([0.0])
    gd.minibatch_sgd(rec, X, y, [0.0], batch_size=30, n_epochs=1, random_state=0)
    assert rec.batches[0] != list(range(n)), (
        "without a shuffle argument the samples were visited in order: shuffle defaults to "
        "True (a new random order every epoch)"
    )


def test_a_generator_random_state_is_used_and_advanced():
    n = 40
    X, y = indexed_data(n)

    def orders(random_state):
        rec = Recorder([0.0])
        gd.minibatch_sgd(rec, X, y, [0.0], batch_size=n, n_epochs=2, random_state=random_state)
        return rec.batches

    gen = np.random.default_rng(5)
    state = gen.bit_generator.state
    first = orders(gen)
    assert gen.bit_generator.state != state, (
        "the Generator passed as random_state was not advanced: shuffle with it (as given), "
        "not with a copy or a new generator seeded from it"
    )
    assert orders(gen) != first, (
        "two calls with the same Generator gave the same orders: the caller's generator must "
        "be used and advanced, so the next call continues its stream"
    )
    assert orders(np.random.default_rng(5)) == first, (
        "a fresh Generator seeded with 5 did not reproduce the orders: shuffle only with the "
        "Generator made from random_state"
    )


def test_batch_size_above_n_means_one_full_batch_per_epoch():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(10, 2))
    y = X @ np.array([2.0, -1.0]) + 0.1 * rng.normal(size=10)
    sizes = []

    def grad(Xb, yb, w):
        sizes.append(len(yb))
        return least_squares_grad(Xb, yb, w)

    w, _ = gd.minibatch_sgd(grad, X, y, np.zeros(2), lr=0.1, batch_size=64, n_epochs=5)
    assert sizes == [10] * 5, (
        f"with batch_size=64 > n=10, the batch sizes were {sizes}: expect one batch of all 10 "
        "samples per epoch (a slice past the end is just shorter)"
    )
    # One full batch per epoch is plain gradient descent (the order inside a batch only
    # changes the rounding of the mean).
    expected = np.zeros(2)
    for _ in range(5):
        expected = expected - 0.1 * X.T @ (X @ expected - y) / 10
    np.testing.assert_allclose(
        w, expected, rtol=1e-12, err_msg="one full batch per epoch is plain gradient descent"
    )


def test_history_holds_w0_then_the_weights_after_each_epoch():
    # A constant gradient g moves w by exactly -lr * g per step, ceil(n / batch_size) = 4
    # steps per epoch, whatever the order of the samples.
    n, batch_size, n_epochs, lr = 10, 3, 4, 0.5
    X, y = indexed_data(n)
    g = np.array([1.0, -2.0])
    w0 = np.array([0.25, 4.0])
    w, history = gd.minibatch_sgd(
        Recorder(g), X, y, w0, lr=lr, batch_size=batch_size, n_epochs=n_epochs, random_state=0
    )
    assert history.shape == (n_epochs + 1, 2), (
        f"history has shape {history.shape}: expected (n_epochs + 1, 2) = (5, 2), w0 and "
        "then one snapshot at the end of each epoch"
    )
    check_snapshots_are_separate(history, "w")
    expected = np.stack([w0 - e * 4 * lr * g for e in range(n_epochs + 1)])
    np.testing.assert_allclose(
        history,
        expected,
        rtol=1e-12,
        err_msg="history[e] must be w after epoch e (history[0] = w0), with 4 steps per epoch",
    )
    np.testing.assert_array_equal(history[-1], w, err_msg="w must be history[-1]")


@pytest.mark.parametrize("seed", SEEDS)
def test_minibatch_sgd_reaches_least_squares_on_consistent_data(seed):
    # Noise-free targets: every per-sample gradient vanishes at w*, so constant-step SGD
    # converges to it (no noise floor) and must agree with lstsq.
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(120, 3))
    y = X @ rng.normal(size=3)
    w, _ = gd.minibatch_sgd(
        least_squares_grad,
        X,
        y,
        np.zeros(3),
        lr=0.1,
        batch_size=16,
        n_epochs=60,
        random_state=seed,
    )
    np.testing.assert_allclose(
        w,
        np.linalg.lstsq(X, y, rcond=None)[0],
        atol=1e-6,
        err_msg="SGD on noise-free data against np.linalg.lstsq",
    )


def test_the_same_random_state_gives_the_same_result():
    n = 40
    X, y = indexed_data(n)
    y_fit = X @ np.array([0.5, 1.0])

    def run(random_state):
        rec = Recorder([0.0])
        gd.minibatch_sgd(rec, X, y, [0.0], batch_size=8, n_epochs=2, random_state=random_state)
        w, history = gd.minibatch_sgd(
            least_squares_grad,
            X / n,
            y_fit / n,
            np.zeros(2),
            lr=0.5,
            batch_size=8,
            n_epochs=3,
            random_state=random_state,
        )
        return rec.batches, w, history

    first, second, other = run(0), run(0), run(1)
    assert first[0] == second[0], (
        "random_state=0 twice gave different sample orders: build the generator from "
        "random_state (check_random_state) and shuffle with it, not with np.random"
    )
    np.testing.assert_array_equal(
        first[1], second[1], err_msg="the same random_state=0 twice gives the same w"
    )
    np.testing.assert_array_equal(
        first[2], second[2], err_msg="the same random_state=0 twice gives the same history"
    )
    assert first[0] != other[0], "random_state=0 and random_state=1 gave the same order"
    # A Generator is accepted too, and is used as is.
    w_gen, _ = gd.minibatch_sgd(
        least_squares_grad,
        X / n,
        y_fit / n,
        np.zeros(2),
        lr=0.5,
        batch_size=8,
        n_epochs=3,
        random_state=np.random.default_rng(0),
    )
    np.testing.assert_array_equal(
        w_gen, first[1], err_msg="a Generator seeded with 0 gives the same w as random_state=0"
    )


def test_minibatch_sgd_works_for_a_matrix_shaped_w():
    X, y = indexed_data(12)
    target = np.arange(6.0).reshape(3, 2)
    w, history = gd.minibatch_sgd(
        lambda Xb, yb, w: w - target,
        X,
        y,
        np.zeros((3, 2)),
        lr=0.5,
        batch_size=5,
        n_epochs=10,
        random_state=0,
    )
    assert history.shape == (11, 3, 2), f"history should be (11, 3, 2), got {history.shape}"
    np.testing.assert_allclose(
        w,
        target,
        atol=1e-8,
        err_msg="w at convergence against the target of the matrix-shaped problem",
    )


def test_minibatch_sgd_does_not_modify_its_inputs():
    rng = np.random.default_rng(3)
    X, y, w0 = rng.normal(size=(20, 2)), rng.normal(size=20), rng.normal(size=2)
    with inputs_unchanged("minibatch_sgd", X=X, y=y, w0=w0):
        gd.minibatch_sgd(least_squares_grad, X, y, w0, batch_size=6, n_epochs=2, random_state=0)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 2.0}, "batch_size"),
        ({"n_epochs": -1}, "n_epochs"),
        ({"lr": 0.0}, "lr"),
        ({"random_state": "seed"}, "random_state"),
        ({"shuffle": "yes"}, "shuffle"),
    ],
)
def test_minibatch_sgd_bad_hyperparameters_are_value_errors(kwargs, match):
    X, y = np.ones((4, 2)), np.ones(4)
    gd.minibatch_sgd(least_squares_grad, X, y, np.zeros(2), n_epochs=1)  # good input first
    with pytest.raises(ValueError, match=match):
        gd.minibatch_sgd(least_squares_grad, X, y, np.zeros(2), **kwargs)


def test_minibatch_sgd_mismatched_X_and_y_are_a_value_error():
    gd.minibatch_sgd(least_squares_grad, np.ones((4, 2)), np.ones(4), np.zeros(2), n_epochs=1)
    with pytest.raises(ValueError, match="samples"):
        gd.minibatch_sgd(least_squares_grad, np.ones((4, 2)), np.ones(3), np.zeros(2))
