"""Tests for neural/mlp: MLPClassifier."""

import itertools
import math
import warnings

import numpy as np
import pytest

from kata.datasets import make_spirals
from kata.testing import SEEDS, fp_diagnosis, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("neural/mlp")

ADAM = (0.9, 0.999, 1e-8)  # PyTorch's defaults


# --- an independent reference: the same training written out in the test ---------------------


def log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def reference_train(
    X, Y, coefs, intercepts, *, activation, solver, lr, orders, batch_size, mistake=None
):
    """Train like the statement says, on the given per-epoch sample orders.

    ``mistake`` gives what a classic wrong implementation computes, to name it.
    Returns (coefs, intercepts, loss_curve).
    """
    coefs = [np.array(W, dtype=float) for W in coefs]
    intercepts = [np.array(b, dtype=float) for b in intercepts]
    params = coefs + intercepts
    m1 = [np.zeros_like(p) for p in params]
    m2 = [np.zeros_like(p) for p in params]
    t, curve = 0, []
    for epoch, order in enumerate(orders):
        total = 0.0
        for start in range(0, len(order), batch_size):
            idx = np.asarray(order[start : start + batch_size])
            Xb, Yb = X[idx], Y[idx]
            acts, pre = [Xb], []
            for W, b in zip(coefs[:-1], intercepts[:-1], strict=True):
                z = acts[-1] @ W + b
                pre.append(z)
                acts.append(np.maximum(z, 0.0) if activation == "relu" else np.tanh(z))
            logp = log_softmax(acts[-1] @ coefs[-1] + intercepts[-1])
            m = len(idx)
            total += -np.sum(Yb * logp)
            delta = np.exp(logp) - Yb
            if mistake != "dlogits not divided by m":
                delta = delta / m
            gW, gb = [None] * len(coefs), [None] * len(coefs)
            for i in reversed(range(len(coefs))):
                gW[i] = acts[i].T @ delta
                gb[i] = delta.sum(axis=0)
                if mistake == "db averaged":
                    gb[i] = gb[i] / m
                if mistake == "no bias update":
                    gb[i] = np.zeros_like(gb[i])
                if i > 0:
                    delta = delta @ coefs[i].T
                    if mistake == "tanh' from the pre-activation":
                        delta = delta * (1 - pre[i - 1] ** 2)
                    elif mistake == "no activation derivative":
                        pass
                    elif activation == "relu":
                        delta = delta * (pre[i - 1] > 0)
                    else:
                        delta = delta * (1 - acts[i] ** 2)
            t_now = epoch + 1 if mistake == "t counts epochs" else t + 1
            t += 1
            for k, (p, g) in enumerate(zip(params, gW + gb, strict=True)):
                if solver == "sgd":
                    p -= (-lr if mistake == "gradient ascent" else lr) * g
                    continue
                b1, b2, eps = ADAM
                m1[k] = b1 * m1[k] + (1 - b1) * g
                m2[k] = b2 * m2[k] + (1 - b2) * g * g
                if mistake == "no bias correction":
                    p -= lr * m1[k] / (np.sqrt(m2[k]) + eps)
                elif mistake == "eps inside the sqrt":
                    p -= lr * (m1[k] / (1 - b1**t_now)) / np.sqrt(m2[k] / (1 - b2**t_now) + eps)
                else:
                    p -= lr * (m1[k] / (1 - b1**t_now)) / (np.sqrt(m2[k] / (1 - b2**t_now)) + eps)
        curve.append(total / len(order))
    return coefs, intercepts, curve


def network(sizes, seed, scale=0.5):
    rng = np.random.default_rng(seed)
    coefs = [scale * rng.normal(size=(a, b)) for a, b in itertools.pairwise(sizes)]
    intercepts = [0.1 * rng.normal(size=b) for b in sizes[1:]]
    return coefs, intercepts


def preset(model, coefs, intercepts):
    """Give a warm_start model starting weights (copies: the test keeps its own)."""
    model.coefs_ = [W.copy() for W in coefs]
    model.intercepts_ = [b.copy() for b in intercepts]
    return model


def three_class_data(seed, n=30, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = np.arange(n) % 3
    rng.shuffle(y)
    return X, y


def fit(model, X, y):
    """model.fit(X, y), failing first if it modifies X or y (the exact tests rely on them)."""
    with inputs_unchanged("fit", X=X, y=y):
        return model.fit(X, y)


def params_of(model):
    return [np.asarray(p, dtype=float) for p in list(model.coefs_) + list(model.intercepts_)]


def assert_same_params(model, coefs, intercepts, what, candidates=(), atol=1e-10):
    """Compare the model's weights with the expected ones, naming a recognised mistake."""
    got = params_of(model)
    want = [np.asarray(p) for p in list(coefs) + list(intercepts)]
    assert len(model.coefs_) == len(coefs), (
        f"coefs_ has {len(model.coefs_)} matrices, expected {len(coefs)} (one per layer)"
    )
    for g, w in zip(got, want, strict=True):
        if g.shape != w.shape:
            transposed = (
                " (transposed: coefs_[i] is (n_in, n_out))" if g.shape == w.shape[::-1] else ""
            )
            pytest.fail(f"a parameter has shape {g.shape}, expected {w.shape}{transposed}")
    if all(np.allclose(g, w, rtol=1e-9, atol=atol) for g, w in zip(got, want, strict=True)):
        return
    for looks_like, (c_coefs, c_intercepts) in candidates:
        cand = list(c_coefs) + list(c_intercepts)
        if all(np.allclose(g, c, rtol=1e-9, atol=atol) for g, c in zip(got, cand, strict=True)):
            pytest.fail(f"{what}: the weights are what {looks_like} gives")
    for k, (g, w) in enumerate(zip(got, want, strict=True)):
        kind = f"coefs_[{k}]" if k < len(coefs) else f"intercepts_[{k - len(coefs)}]"
        np.testing.assert_allclose(g, w, rtol=1e-9, atol=atol, err_msg=f"{what}: {kind}")


# --- a hand-worked step ---------------------------------------------------------------------


def test_warm_start_starts_from_preset_weights():
    # Every other exact test presets the weights: a negligible step must leave them there.
    X, y = three_class_data(33, n=9)
    coefs, intercepts = network([4, 3, 3], 34)
    model = mod.MLPClassifier(
        hidden_layer_sizes=(3,),
        solver="sgd",
        learning_rate=1e-12,
        batch_size=9,
        max_epochs=1,
        warm_start=True,
        random_state=0,
    )
    preset(model, coefs, intercepts).fit(X, y)
    for got, want in zip(params_of(model), coefs + intercepts, strict=True):
        assert np.shape(got) == want.shape and np.allclose(got, want, atol=1e-9), (
            "warm_start=True with coefs_ and intercepts_ already set must train from them "
            "(here a negligible step leaves them unchanged), not draw new weights"
        )


def test_layer_shapes_follow_scikit_learn():
    X, y = three_class_data(0, n=20, d=5)
    model = mod.MLPClassifier(hidden_layer_sizes=(7, 4), max_epochs=1, random_state=0).fit(X, y)
    shapes = [np.shape(W) for W in model.coefs_]
    if shapes == [(7, 5), (4, 7), (3, 4)]:
        pytest.fail(f"coefs_ shapes {shapes} are transposed: coefs_[i] is (n_in, n_out)")
    assert shapes == [(5, 7), (7, 4), (4, 3)], (
        f"coefs_ shapes {shapes}, expected [(5, 7), (7, 4), (4, 3)]: one (n_in, n_out) matrix "
        "per layer, sizes [d, *hidden_layer_sizes, K]"
    )
    assert [np.shape(b) for b in model.intercepts_] == [(7,), (4,), (3,)], (
        f"intercepts_ shapes {[np.shape(b) for b in model.intercepts_]}, expected (n_out,) each"
    )
    binary = mod.MLPClassifier(hidden_layer_sizes=(3,), max_epochs=1, random_state=0)
    binary.fit(X, y % 2)
    assert np.shape(binary.coefs_[-1]) == (3, 2), (
        f"a binary problem's output layer is {np.shape(binary.coefs_[-1])}, expected (3, 2): "
        "one softmax unit per class, K = 2 included"
    )


def test_hand_worked_sgd_step():
    X = np.array([[2.0], [-1.0], [0.0]])
    model = mod.MLPClassifier(
        hidden_layer_sizes=(),
        solver="sgd",
        learning_rate=6.0,
        batch_size=3,
        max_epochs=1,
        warm_start=True,
        random_state=0,
    )
    preset(model, [np.zeros((1, 2))], [np.zeros(2)])
    fit(model, X, np.array([1, 1, 0]))
    W, b = np.asarray(model.coefs_[0]), np.asarray(model.intercepts_[0])
    if b.shape == (2,) and np.allclose(b, [-1 / 3, 1 / 3]):
        pytest.fail(
            "intercepts_ = [-1/3, 1/3], expected [-1, 1]: the bias gradient was averaged over "
            "the batch (delta.mean(0)); it is a SUM, the 1/m is already in delta = (p - Y) / m"
        )
    if W.shape == (1, 2) and np.allclose(W, [[-3.0, 3.0]]):
        pytest.fail(
            "coefs_[0] = [[-3, 3]], expected [[-1, 1]]: dlogits was not divided by the batch "
            "size m; the loss is a MEAN over the batch, so delta = (p - Y) / m"
        )
    if W.shape == (1, 2) and np.allclose(W, [[1.0, -1.0]]):
        pytest.fail("coefs_[0] = [[1, -1]]: the step went UP the gradient (w -= lr * grad)")
    if b.shape == (2,) and np.allclose(b, 0.0) and np.allclose(W, [[-1.0, 1.0]]):
        pytest.fail("intercepts_ stayed [0, 0]: update the biases too, b -= lr * db")
    batch = " (batch_size = n = 3: the one batch holds each sample once)"
    np.testing.assert_allclose(
        W, [[-1.0, 1.0]], atol=1e-12, err_msg="W = -6 * X^T (p - Y) / 3" + batch
    )
    np.testing.assert_allclose(
        b, [-1.0, 1.0], atol=1e-12, err_msg="b = -6 * sum (p - Y) / 3" + batch
    )
    assert len(model.loss_curve_) == 1, f"loss_curve_ has {len(model.loss_curve_)} entries"
    if math.isclose(model.loss_curve_[0], 3 * math.log(2.0), rel_tol=1e-9):
        pytest.fail("loss_curve_ = [3 log 2]: the sum over the samples; it is the MEAN")
    assert math.isclose(model.loss_curve_[0], math.log(2.0), rel_tol=1e-12), (
        f"loss_curve_ = {model.loss_curve_}, expected [log 2]: the mean cross-entropy at p = 0.5"
    )


# --- exact training steps -------------------------------------------------------------------

CASES = [((5,), "relu"), ((6, 4), "relu"), ((5,), "tanh"), ((4, 3), "tanh")]
CASE_IDS = ["relu-5", "relu-6-4", "tanh-5", "tanh-4-3"]
SGD_MISTAKES = [
    ("dlogits not divided by m", "dlogits not divided by the batch size (delta = p - Y)"),
    ("db averaged", "a bias gradient averaged over the batch (a sum is right)"),
    ("no bias update", "training with the biases never updated"),
    ("gradient ascent", "a step up the gradient (w += lr * grad)"),
    ("tanh' from the pre-activation", "tanh' = 1 - z^2 of the pre-activation (use 1 - a^2)"),
    ("no activation derivative", "backprop without the activation's derivative"),
]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("hidden, activation", CASES, ids=CASE_IDS)
def test_full_batch_sgd_epochs_match_the_formulas(hidden, activation, seed):
    X, y = three_class_data(seed)
    coefs, intercepts = network([4, *hidden, 3], seed)
    model = mod.MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        learning_rate=0.3,
        batch_size=len(X),
        max_epochs=3,
        warm_start=True,
        random_state=seed,
    )
    fit(preset(model, coefs, intercepts), X, y)
    Y = np.eye(3)[y]
    kwargs = dict(activation=activation, solver="sgd", lr=0.3, batch_size=len(X))
    orders = [np.arange(len(X))] * 3  # one full batch: the order does not matter
    want_c, want_i, want_curve = reference_train(X, Y, coefs, intercepts, orders=orders, **kwargs)
    candidates = [
        (what, reference_train(X, Y, coefs, intercepts, orders=orders, mistake=m, **kwargs)[:2])
        for m, what in SGD_MISTAKES
    ]
    assert_same_params(model, want_c, want_i, "3 full-batch SGD epochs", candidates)
    np.testing.assert_allclose(
        model.loss_curve_,
        want_curve,
        rtol=1e-10,
        err_msg="loss_curve_[e] = the mean cross-entropy of epoch e, before its update",
    )


@pytest.mark.parametrize("hidden, activation", CASES, ids=CASE_IDS)
def test_one_sgd_epoch_matches_scikit_learn(hidden, activation):
    # The framework comparison: scikit-learn's MLPClassifier with plain full-batch SGD,
    # started from the same weights (fit once, overwrite coefs_/intercepts_, fit again
    # with warm_start=True), one epoch, 3 classes (for 2 it uses one logistic unit).
    neural_network = import_sklearn("neural_network")
    X, y = three_class_data(4)
    coefs, intercepts = network([4, *hidden, 3], 5)
    sk = neural_network.MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        alpha=0.0,
        momentum=0.0,
        nesterovs_momentum=False,
        learning_rate="constant",
        learning_rate_init=0.2,
        batch_size=len(X),
        max_iter=1,
        shuffle=False,
        warm_start=True,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: one epoch is on purpose
        sk.fit(X, y)
        preset(sk, coefs, intercepts).fit(X, y)
    model = mod.MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        learning_rate=0.2,
        batch_size=len(X),
        max_epochs=1,
        warm_start=True,
        random_state=0,
    )
    fit(preset(model, coefs, intercepts), X, y)
    assert_same_params(
        model, sk.coefs_, sk.intercepts_, "one epoch versus scikit-learn's", atol=1e-8
    )
    assert math.isclose(model.loss_curve_[0], sk.loss_curve_[-1], rel_tol=1e-8), (
        f"loss_curve_[0] = {model.loss_curve_[0]}, scikit-learn's = {sk.loss_curve_[-1]}"
    )


@pytest.mark.parametrize("hidden, activation", CASES[:3], ids=CASE_IDS[:3])
def test_full_batch_adam_epochs_match_pytorch_formula(hidden, activation):
    X, y = three_class_data(6)
    coefs, intercepts = network([4, *hidden, 3], 7)
    model = mod.MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="adam",
        learning_rate=0.05,
        batch_size=len(X),
        max_epochs=4,
        warm_start=True,
        random_state=0,
    )
    fit(preset(model, coefs, intercepts), X, y)
    Y = np.eye(3)[y]
    kwargs = dict(activation=activation, solver="adam", lr=0.05, batch_size=len(X))
    orders = [np.arange(len(X))] * 4
    want_c, want_i, _ = reference_train(X, Y, coefs, intercepts, orders=orders, **kwargs)
    candidates = [
        (what, reference_train(X, Y, coefs, intercepts, orders=orders, mistake=m, **kwargs)[:2])
        for m, what in [
            ("no bias correction", "Adam without bias correction (m / (1 - b1^t), ...)"),
            ("eps inside the sqrt", "Adam with eps inside the square root"),
            ("dlogits not divided by m", "dlogits not divided by the batch size"),
            ("db averaged", "a bias gradient averaged over the batch"),
        ]
    ]
    assert_same_params(model, want_c, want_i, "4 full-batch Adam epochs", candidates)


# --- mini-batches and shuffling -------------------------------------------------------------


def identify_orders(model_params, X, Y, coefs, intercepts, epochs, **kwargs):
    """The per-epoch sample orders (batch_size 1) that reproduce the model's weights."""
    found = []
    for orders in itertools.product(itertools.permutations(range(len(X))), repeat=epochs):
        c, i, _ = reference_train(X, Y, coefs, intercepts, orders=orders, **kwargs)
        if all(
            np.allclose(g, w, rtol=1e-9, atol=1e-11)
            for g, w in zip(model_params, c + i, strict=True)
        ):
            found.append(orders)
    return found


TINY_X = np.array([[1.0, -0.5], [-1.2, 0.3], [0.4, 1.1], [0.9, 0.8]])
TINY_Y = np.array([0, 1, 2, 1])


def test_each_epoch_visits_every_sample_once_in_batches_of_batch_size():
    coefs, intercepts = network([2, 3, 3], 8)
    for seed in SEEDS:
        model = mod.MLPClassifier(
            hidden_layer_sizes=(3,),
            solver="sgd",
            learning_rate=0.5,
            batch_size=1,
            max_epochs=1,
            warm_start=True,
            random_state=seed,
        )
        preset(model, coefs, intercepts).fit(TINY_X, TINY_Y)
        found = identify_orders(
            params_of(model),
            TINY_X,
            np.eye(3)[TINY_Y],
            coefs,
            intercepts,
            1,
            activation="relu",
            solver="sgd",
            lr=0.5,
            batch_size=1,
        )
        assert found, (
            "with batch_size=1 and 4 samples, no order of the 4 samples reproduces the "
            "weights after one epoch: an epoch must visit every sample exactly once (a "
            "permutation, not draws with replacement), one update per sample"
        )


def test_adam_counts_its_steps_over_updates_not_epochs():
    coefs, intercepts = network([2, 3, 3], 9)
    model = mod.MLPClassifier(
        hidden_layer_sizes=(3,),
        solver="adam",
        learning_rate=0.1,
        batch_size=1,
        max_epochs=2,
        warm_start=True,
        random_state=1,
    )
    preset(model, coefs, intercepts).fit(TINY_X[:3], TINY_Y[:3])
    kwargs = dict(activation="relu", solver="adam", lr=0.1, batch_size=1)
    args = (params_of(model), TINY_X[:3], np.eye(3)[TINY_Y[:3]], coefs, intercepts, 2)
    if identify_orders(*args, **kwargs):
        return
    if identify_orders(*args, mistake="t counts epochs", **kwargs):
        pytest.fail(
            "Adam's step count t went up once per EPOCH: t counts updates (one per "
            "mini-batch), so the bias correction 1 - b^t uses the update number"
        )
    if identify_orders(*args, mistake="no bias correction", **kwargs):
        pytest.fail("Adam ran without bias correction: divide m by 1 - b1^t and v by 1 - b2^t")
    pytest.fail(
        "no order of the samples reproduces 2 epochs of Adam with batch_size=1: check the "
        "update w -= lr * m_hat / (sqrt(v_hat) + eps) with t counted over updates"
    )


def test_batches_are_reshuffled_every_epoch():
    # Start from the same preset weights, so the only randomness left is the order.
    # Two epochs must use two different orders: two epochs in one fit differ from one
    # epoch followed by a second fit with the same seed (which replays epoch 1's order).
    X, y = three_class_data(10, n=24)
    coefs, intercepts = network([4, 5, 3], 11)
    kwargs = dict(hidden_layer_sizes=(5,), solver="sgd", learning_rate=0.3, batch_size=4)
    differs = []
    for seed in SEEDS:
        two = mod.MLPClassifier(max_epochs=2, warm_start=True, random_state=seed, **kwargs)
        preset(two, coefs, intercepts).fit(X, y)
        one = mod.MLPClassifier(max_epochs=1, warm_start=True, random_state=seed, **kwargs)
        preset(one, coefs, intercepts).fit(X, y)
        again = mod.MLPClassifier(max_epochs=1, warm_start=True, random_state=seed, **kwargs)
        preset(again, one.coefs_, one.intercepts_).fit(X, y)
        differs.append(
            not all(
                np.allclose(a, b) for a, b in zip(params_of(two), params_of(again), strict=True)
            )
        )
    assert any(differs), (
        "epoch 2 used the same sample order as epoch 1 for every seed: draw a NEW "
        "permutation from random_state at the start of every epoch (not once before the "
        "loop, and not no shuffling at all)"
    )


def test_the_order_comes_from_random_state():
    X, y = three_class_data(12, n=24)
    coefs, intercepts = network([4, 5, 3], 13)
    results = []
    for seed in (0, 1):
        model = mod.MLPClassifier(
            hidden_layer_sizes=(5,),
            solver="sgd",
            learning_rate=0.3,
            batch_size=4,
            max_epochs=2,
            warm_start=True,
            random_state=seed,
        )
        results.append(params_of(preset(model, coefs, intercepts).fit(X, y)))
    assert not all(np.allclose(a, b) for a, b in zip(*results, strict=True)), (
        "from the same starting weights, random_state 0 and 1 gave identical weights with "
        "batch_size < n: the mini-batches are not shuffled (draw each epoch's permutation "
        "from random_state)"
    )


def test_loss_curve_is_the_mean_over_the_epochs_samples():
    # A negligible learning rate keeps the weights fixed, so each epoch's mean of the
    # batch losses, weighted by batch size, is the full-data loss at the start (batches
    # of 3, 3, 3 and 1).
    X, y = three_class_data(14, n=10)
    coefs, intercepts = network([4, 5, 3], 15)
    model = mod.MLPClassifier(
        hidden_layer_sizes=(5,),
        solver="sgd",
        learning_rate=1e-12,
        batch_size=3,
        max_epochs=2,
        warm_start=True,
        random_state=0,
    )
    preset(model, coefs, intercepts).fit(X, y)
    _, _, full = reference_train(
        X,
        np.eye(3)[y],
        coefs,
        intercepts,
        orders=[np.arange(10)],
        activation="relu",
        solver="sgd",
        lr=0.0,
        batch_size=10,
    )
    assert len(model.loss_curve_) == 2, f"loss_curve_ has {len(model.loss_curve_)} entries"
    assert np.allclose(model.loss_curve_, full[0], rtol=1e-9), (
        f"loss_curve_ = {model.loss_curve_}, expected the mean cross-entropy {full[0]:.6f} "
        "over the epoch's samples: weigh each batch's mean loss by its size (the last batch "
        "has 1 sample), do not keep the last batch's loss, sum, or average batch means"
    )


def test_a_batch_larger_than_the_data_is_one_batch():
    X, y = three_class_data(16, n=12)
    coefs, intercepts = network([4, 5, 3], 17)
    fits = []
    for batch_size in (12, 500):
        model = mod.MLPClassifier(
            hidden_layer_sizes=(5,),
            solver="sgd",
            learning_rate=0.3,
            batch_size=batch_size,
            max_epochs=2,
            warm_start=True,
            random_state=0,
        )
        fits.append(params_of(preset(model, coefs, intercepts).fit(X, y)))
    for a, b in zip(*fits, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, err_msg="batch_size > n must mean one batch")


# --- initialization -------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_initialization_scale(activation):
    # A negligible learning rate leaves the initial weights in coefs_.
    rng = np.random.default_rng(18)
    X, y = rng.normal(size=(6, 400)), np.array([0, 1, 2, 0, 1, 2])
    model = mod.MLPClassifier(
        hidden_layer_sizes=(300,),
        activation=activation,
        solver="sgd",
        learning_rate=1e-12,
        batch_size=6,
        max_epochs=1,
        random_state=0,
    ).fit(X, y)
    W0, W1 = (np.asarray(W) for W in model.coefs_)
    if np.allclose(W0, W0.flat[0]):
        pytest.fail(
            "every weight of coefs_[0] starts equal (zeros or a constant): all hidden units "
            "compute the same thing and get the same gradient forever. Draw them at random"
        )
    for W, (n_in, n_out) in ((W0, (400, 300)), (W1, (300, 3))):
        he, glorot = math.sqrt(2 / n_in), math.sqrt(2 / (n_in + n_out))
        want = he if activation == "relu" else glorot
        std = float(W.std())
        if not math.isclose(std, want, rel_tol=0.1):
            named = {1.0: "N(0, 1), unscaled", he: "He's sqrt(2 / n_in)", glorot: "Glorot's"}
            guess = next((v for k, v in named.items() if math.isclose(std, k, rel_tol=0.1)), "")
            pytest.fail(
                f"a ({n_in}, {n_out}) layer's initial weights have std {std:.4f}"
                + (f" ({guess})" if guess else "")
                + f", expected {want:.4f}: N(0, 2 / n_in) for relu (He), "
                "N(0, 2 / (n_in + n_out)) for tanh (Glorot)"
            )
        assert abs(float(W.mean())) < 0.1 * want, "initial weights must have mean 0"
    assert all(np.allclose(b, 0.0, atol=1e-9) for b in model.intercepts_), "the biases start at 0"


def test_hidden_units_do_not_stay_identical():
    X, y = make_spirals(200, noise=0.3, random_state=19)
    model = mod.MLPClassifier(hidden_layer_sizes=(8,), max_epochs=5, random_state=0).fit(X, y)
    W0 = np.asarray(model.coefs_[0])
    assert not np.allclose(W0, W0[:, :1]), (
        "after training, every hidden unit has the same input weights: they started equal "
        "(zeros or a constant), so they got equal gradients. Initialize at random"
    )


# --- learning -------------------------------------------------------------------------------


@pytest.mark.timeout(30)
def test_learns_two_interleaved_spirals():
    # Noisy spirals that a linear model separates only ~85% of the time.
    X, y = make_spirals(300, noise=0.5, random_state=0)
    model = mod.MLPClassifier(
        hidden_layer_sizes=(64,),
        learning_rate=0.02,
        batch_size=32,
        max_epochs=100,
        random_state=0,
    ).fit(X, y)
    accuracy = float(np.mean(model.predict(X) == y))
    curve = np.asarray(model.loss_curve_)
    assert len(curve) == 100, f"loss_curve_ has {len(curve)} entries, expected max_epochs = 100"
    assert accuracy >= 0.95, (
        f"training accuracy on the spirals is {accuracy:.1%}, expected >= 95% (the loss went "
        f"from {curve[0]:.3f} to {curve[-1]:.3f})"
    )
    assert curve[-1] < 0.5 * curve[0], "the training loss should fall during training"


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_both_solvers_and_activations_learn(activation):
    X, y = make_spirals(150, noise=0.2, random_state=1)
    for solver, lr in (("adam", 0.02), ("sgd", 0.5)):
        model = mod.MLPClassifier(
            hidden_layer_sizes=(32,),
            activation=activation,
            solver=solver,
            learning_rate=lr,
            batch_size=16,
            max_epochs=60,
            random_state=0,
        ).fit(X, y)
        accuracy = float(np.mean(model.predict(X) == y))
        assert accuracy >= 0.9, f"{solver} with {activation}: training accuracy {accuracy:.1%}"


# --- predictions, labels, determinism -------------------------------------------------------


def test_predict_proba_rows_are_probabilities_and_predict_their_argmax():
    X, y = three_class_data(20)
    model = mod.MLPClassifier(hidden_layer_sizes=(6,), max_epochs=20, random_state=0).fit(X, y)
    Q = np.random.default_rng(21).normal(size=(15, 4))
    P = model.predict_proba(Q)
    assert np.shape(P) == (15, 3), f"predict_proba gave shape {np.shape(P)}, expected (15, 3)"
    assert P.dtype == np.float64, f"predict_proba has dtype {P.dtype}"
    assert (P >= 0).all(), "probabilities must be >= 0"
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows must sum to 1")
    np.testing.assert_array_equal(
        model.predict(Q), model.classes_[np.argmax(P, axis=1)], err_msg="predict = argmax"
    )


def test_string_labels():
    X, y = three_class_data(22)
    names = np.array(["cat", "dog", "emu"])[y]
    model = mod.MLPClassifier(hidden_layer_sizes=(6,), max_epochs=5, random_state=0)
    try:
        model.fit(X, names)
    except (IndexError, ValueError, TypeError) as exc:
        pytest.fail(
            f"fit with string labels raised {exc!r}: map y to class indices first "
            "(np.unique(y, return_inverse=True))"
        )
    np.testing.assert_array_equal(model.classes_, ["cat", "dog", "emu"])
    assert set(model.predict(X)) <= {"cat", "dog", "emu"}, "predict returns labels from classes_"
    by_index = mod.MLPClassifier(hidden_layer_sizes=(6,), max_epochs=5, random_state=0).fit(X, y)
    np.testing.assert_allclose(
        model.predict_proba(X),
        by_index.predict_proba(X),
        rtol=1e-12,
        err_msg="string labels sorted as classes_ must train exactly like their indices",
    )


def test_labels_need_not_be_zero_to_k_minus_one():
    X, y = three_class_data(23)
    shifted = np.array([3, 7, 10])[y]
    model = mod.MLPClassifier(hidden_layer_sizes=(6,), max_epochs=5, random_state=0)
    try:
        model.fit(X, shifted)
    except IndexError as exc:
        pytest.fail(
            f"fit with labels 3, 7, 10 raised {exc!r}: the labels were used as column "
            "indices; map them to 0..K-1 through classes_ (np.unique(y, return_inverse=True))"
        )
    assert np.shape(model.coefs_[-1])[1] == 3, (
        f"the output layer has {np.shape(model.coefs_[-1])[1]} units for 3 classes labelled "
        "3, 7, 10: K is the number of classes, not max(y) + 1"
    )
    np.testing.assert_array_equal(model.classes_, [3, 7, 10])
    by_index = mod.MLPClassifier(hidden_layer_sizes=(6,), max_epochs=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.predict(X), np.array([3, 7, 10])[by_index.predict(X)])


def test_same_seed_same_model_and_a_generator_is_accepted():
    X, y = three_class_data(24)
    kwargs = dict(hidden_layer_sizes=(6,), batch_size=8, max_epochs=5)
    a = mod.MLPClassifier(random_state=3, **kwargs).fit(X, y)
    b = mod.MLPClassifier(random_state=3, **kwargs).fit(X, y)
    for p, q in zip(params_of(a), params_of(b), strict=True):
        np.testing.assert_array_equal(p, q, err_msg="the same int random_state must repeat")
    assert a.loss_curve_ == b.loss_curve_
    c = mod.MLPClassifier(random_state=4, **kwargs).fit(X, y)
    assert not np.allclose(params_of(a)[0], params_of(c)[0]), "seeds 3 and 4 gave one model"
    g = mod.MLPClassifier(random_state=np.random.default_rng(3), **kwargs).fit(X, y)
    assert np.shape(g.coefs_[0]) == (4, 6), "a np.random.Generator random_state must work"


def test_warm_start_continues_and_cold_start_restarts():
    X, y = make_spirals(120, noise=0.2, random_state=25)
    kwargs = dict(hidden_layer_sizes=(16,), max_epochs=10, random_state=0)
    cold = mod.MLPClassifier(**kwargs).fit(X, y)
    first = [p.copy() for p in params_of(cold)]
    cold.fit(X, y)  # warm_start=False: a fresh start with the same seed, the same result
    for p, q in zip(first, params_of(cold), strict=True):
        np.testing.assert_allclose(q, p, err_msg="warm_start=False must start from scratch")
    warm = mod.MLPClassifier(warm_start=True, **kwargs).fit(X, y)
    loss_after_10 = warm.loss_curve_[-1]
    warm.fit(X, y)
    assert warm.loss_curve_[0] < 0.9 * cold.loss_curve_[0], (
        "warm_start=True: the second fit must continue from the first fit's weights, "
        f"its first epoch's loss {warm.loss_curve_[0]:.3f} (vs {loss_after_10:.3f} at the end "
        "of the first fit) should not look like a fresh start"
    )


# --- numerical stability --------------------------------------------------------------------


def test_logits_of_a_thousand_give_the_exact_loss_without_overflow():
    # Confidently wrong predictions: the losses are 2000, 1000 and 1000 exactly.
    X = np.array([[1000.0, 0.0], [0.0, 1000.0], [500.0, -500.0]])
    y = np.array([2, 0, 1])
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]])
    model = mod.MLPClassifier(
        hidden_layer_sizes=(),
        solver="sgd",
        learning_rate=1e-12,
        batch_size=3,
        max_epochs=1,
        warm_start=True,
        random_state=0,
    )
    preset(model, [W], [np.zeros(3)])
    with fp_diagnosis(
        "fit failed at logits of 1000: exp(1000) overflows (subtract each row's max "
        "before exp), or log(softmax) took the log of an underflowed 0 (compute the "
        "log-probabilities directly, z - logsumexp(z))"
    ):
        model.fit(X, y)
    with fp_diagnosis(
        "predict_proba overflowed at logits of 1000: subtract each row's max before exp"
    ):
        P = model.predict_proba(X)
    loss = model.loss_curve_[0]
    if math.isclose(loss, -math.log(np.finfo(float).eps), rel_tol=1e-3) or loss < 100:
        pytest.fail(
            f"the loss is {loss:.4g}, expected 4000 / 3 = 1333.3: the probabilities were "
            "clipped before the log; compute log p = z - logsumexp(z) exactly"
        )
    assert math.isclose(loss, 4000.0 / 3.0, rel_tol=1e-9), f"loss {loss}, expected 4000 / 3"
    np.testing.assert_allclose(
        P, [[1, 0, 0], [0, 1, 0], [1, 0, 0]], atol=1e-12, err_msg="saturated softmax rows"
    )


# --- inputs and bad input -------------------------------------------------------------------


def test_fit_does_not_modify_its_inputs_or_preset_weights():
    X, y = three_class_data(26)
    coefs, intercepts = network([4, 5, 3], 27)
    model = mod.MLPClassifier(
        hidden_layer_sizes=(5,), max_epochs=2, warm_start=True, random_state=0
    )
    model.coefs_, model.intercepts_ = [W for W in coefs], [b for b in intercepts]
    arrays = {f"coefs_[{i}]": W for i, W in enumerate(coefs)}
    arrays.update({f"intercepts_[{i}]": b for i, b in enumerate(intercepts)})
    with inputs_unchanged("fit", X=X, y=y, **arrays):
        model.fit(X, y)
    with inputs_unchanged("predict_proba", X=X):
        model.predict_proba(X)


def test_predict_before_fit_is_a_not_fitted_error():
    X, y = three_class_data(28, n=9)
    mod.MLPClassifier(hidden_layer_sizes=(3,), max_epochs=1).fit(X, y)
    for method in ("predict", "predict_proba"):
        with pytest.raises(NotFittedError):
            getattr(mod.MLPClassifier(), method)(X)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"hidden_layer_sizes": (4, 0)}, "hidden_layer_sizes"),
        ({"hidden_layer_sizes": (2.5,)}, "hidden_layer_sizes"),
        ({"activation": "sigmoid"}, "activation"),
        ({"solver": "lbfgs"}, "solver"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"max_epochs": 0}, "max_epochs"),
        ({"random_state": -1}, "random_state"),
    ],
)
def test_bad_hyperparameters_are_a_value_error(kwargs, match):
    X, y = three_class_data(29, n=9)
    mod.MLPClassifier(hidden_layer_sizes=(3,), max_epochs=1).fit(X, y)
    with pytest.raises(ValueError, match=match):
        mod.MLPClassifier(**kwargs).fit(X, y)


def test_bad_data_is_a_value_error():
    X, y = three_class_data(30, n=9)
    model = mod.MLPClassifier(hidden_layer_sizes=(3,), max_epochs=1).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="class"):
        mod.MLPClassifier().fit(X, np.zeros(9))
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        mod.MLPClassifier().fit(bad, y)
    with pytest.raises(ValueError, match="samples"):
        mod.MLPClassifier().fit(X, y[:-1])


def test_preset_weights_of_the_wrong_shape_are_a_value_error():
    X, y = three_class_data(31, n=9)
    model = mod.MLPClassifier(hidden_layer_sizes=(3,), max_epochs=1).fit(X, y)
    model = mod.MLPClassifier(hidden_layer_sizes=(5,), max_epochs=1, warm_start=True)
    coefs, intercepts = network([4, 3, 3], 32)  # a (3,) network for a (5,) model
    preset(model, coefs, intercepts)
    with pytest.raises(ValueError, match="coefs_"):
        model.fit(X, y)
