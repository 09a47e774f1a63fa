"""Tests for classification/perceptron: Rosenblatt's perceptron."""

import warnings

import numpy as np
import pytest

from kata.testing import SEEDS, fp_diagnosis, import_sklearn, inputs_unchanged, load_kata
from kata.validation import NotFittedError

mod = load_kata("classification/perceptron")


def separable_data(seed, n=80, d=3, margin=0.3):
    """Points labelled 0/1 by a random hyperplane, keeping only those at least `margin` away.

    Returns X, y and the separator (u, c) with ||u|| = 1.
    """
    rng = np.random.default_rng(seed)
    u = rng.normal(size=d)
    u /= np.linalg.norm(u)
    c = rng.uniform(-0.5, 0.5)
    X = rng.normal(scale=2.0, size=(4 * n, d))
    score = X @ u + c
    keep = np.flatnonzero(np.abs(score) >= margin)[:n]
    return X[keep], (score[keep] > 0).astype(np.int64), u, c


def xor_data():
    """The four XOR corners: no line separates them."""
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    return X, np.array([0, 0, 1, 1])


def params(model):
    return np.asarray(model.coef_)[0], float(np.asarray(model.intercept_)[0])


def reference_run(X, s, learning_rate=1.0, max_iter=100, variant="rosenblatt"):
    """The test's own perceptron, in sample order, and the classic wrong versions of it.

    Returns (w, b, errors). Variants: "rosenblatt" (the kata's rule), "every" (updates on
    every sample, mistakes or not), "strict" (a score of 0 is not a mistake), "batch" (one
    update per epoch from all mistakes), "no_bias", "bias_without_lr" and "pocket" (returns
    the iterate of the epoch with the fewest mistakes instead of the last).
    """
    w, b, errors, best = np.zeros(X.shape[1]), 0.0, [], None
    for _ in range(max_iter):
        mistakes = 0
        if variant == "batch":
            wrong = s * (X @ w + b) <= 0
            w = w + learning_rate * (s[wrong] @ X[wrong])
            b = b + learning_rate * s[wrong].sum()
            mistakes = int(wrong.sum())
        else:
            for i in range(len(X)):
                margin = s[i] * (X[i] @ w + b)
                mistake = margin < 0 if variant == "strict" else margin <= 0
                mistakes += int(mistake)
                if mistake or variant == "every":
                    w = w + learning_rate * s[i] * X[i]
                    if variant == "bias_without_lr":
                        b = b + s[i]
                    elif variant != "no_bias":
                        b = b + learning_rate * s[i]
        errors.append(mistakes)
        if best is None or mistakes < best[2]:
            best = (w.copy(), b, mistakes)
        if mistakes == 0:
            break
    if variant == "pocket":
        w, b = best[0], best[1]
    return w, b, errors


WRONG_RUNS = {
    "every": "the model updates on correctly classified samples too: only a mistake "
    "(s * (w.x + b) <= 0) changes w and b",
    "strict": "a score of exactly 0 is not counted as a mistake: use s * (w.x + b) <= 0, "
    "or the all-zero start never makes its first update",
    "batch": "the updates are batched (all mistakes of an epoch scored against the same w): "
    "the perceptron is online, each update changes w for the next sample",
    "no_bias": "the intercept is never updated: on a mistake also b += learning_rate * s",
    "bias_without_lr": "the intercept moves by s, not by learning_rate * s",
    "pocket": "coef_ is the best iterate (fewest mistakes), not the last one: return the "
    "weights after the final epoch",
}


def fit_or_explain(X, y, **hyper):
    """Fit a fresh Perceptron; name the mistakes that make fit raise or touch its input."""
    X = np.array(X, dtype=float)
    y = np.asarray(y)
    before = X.copy()
    try:
        model = mod.Perceptron(**hyper).fit(X, y)
    except (TypeError, ValueError, IndexError) as exc:
        if isinstance(exc, ValueError) and "2 classes" in str(exc):
            raise
        pytest.fail(
            f"fit with labels {np.unique(y).tolist()} raised {type(exc).__name__}: {exc}. "
            "Never use the labels as numbers or indices: classes_ = np.unique(y), then "
            "s = +1 where y == classes_[1], else -1",
            pytrace=False,
        )
    if not np.array_equal(X, before):
        pytest.fail(
            "fit modified its input X in place (e.g. X *= s[:, None]): work on a copy",
            pytrace=False,
        )
    return model


def check_run(model, X, y, learning_rate=1.0, max_iter=100, what=""):
    """Compare an unshuffled fit with the test's own run; name the classic wrong rule."""
    X = np.asarray(X, dtype=float)
    classes = np.unique(y)
    s = np.where(np.asarray(y) == classes[1], 1.0, -1.0)
    coef = np.asarray(model.coef_)
    assert coef.shape == (1, X.shape[1]), (
        f"coef_ has shape {coef.shape}, expected (1, n_features) = (1, {X.shape[1]})"
    )
    assert np.shape(model.intercept_) == (1,), (
        f"intercept_ has shape {np.shape(model.intercept_)}, expected (1,)"
    )
    got_w, got_b = params(model)
    got_errors = [int(e) for e in model.errors_]
    want_w, want_b, want_errors = reference_run(X, s, learning_rate, max_iter)

    def same(run):
        w, b, _ = run
        return np.allclose(got_w, w, rtol=1e-12, atol=1e-12) and np.isclose(
            got_b, b, rtol=1e-12, atol=1e-12
        )

    if same((want_w, want_b, want_errors)) and got_errors == want_errors:
        return
    named = [
        message
        for variant, message in WRONG_RUNS.items()
        if same(reference_run(X, s, learning_rate, max_iter, variant))
    ]
    if named and not same((want_w, want_b, want_errors)):
        pytest.fail(what + "; or ".join(named), pytrace=False)
    if same((want_w, want_b, want_errors)):
        pytest.fail(
            f"{what}coef_ and intercept_ are right but errors_ is {got_errors}, expected "
            f"{want_errors}: append each epoch's number of mistakes (0 for the last, clean "
            "one), and stop right after the first epoch without a mistake or at max_iter",
            pytrace=False,
        )
    pytest.fail(
        f"{what}after fit, w = {np.round(got_w, 6)}, b = {got_b:.6g}, errors_ = "
        f"{got_errors}; the perceptron rule gives w = {np.round(want_w, 6)}, b = "
        f"{want_b:.6g}, errors_ = {want_errors}. Visit the samples in order; on a mistake "
        "(s * score <= 0) update w += lr * s * x and b += lr * s, with s = +1 for "
        "classes_[1] and -1 for classes_[0]",
        pytrace=False,
    )


# --- hand traces ------------------------------------------------------------------------


def test_first_epoch_matches_the_hand_trace():
    # s = +1 for "b" (classes_[1]), -1 for "a"; learning_rate 1, w = 0, b = 0:
    #   x0 = ( 1,  2), s=+1: score 0        -> mistake: w = ( 1, 2), b =  1
    #   x1 = ( 2, -1), s=-1: score 2-2+1=1  -> mistake: w = (-1, 3), b =  0
    #   x2 = (-1, -1), s=-1: score 1-3=-2   -> fine
    #   x3 = (-2,  1), s=+1: score 2+3=5    -> fine
    X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, -1.0], [-2.0, 1.0]])
    y = np.array(["b", "a", "a", "b"])
    model = fit_or_explain(X, y, max_iter=1)
    np.testing.assert_array_equal(model.classes_, ["a", "b"], err_msg="classes_ = sorted labels")
    assert model.n_iter_ == 1 and len(model.errors_) == 1, (
        f"max_iter=1 ran {model.n_iter_} epochs (errors_ = {model.errors_}): stop at max_iter"
    )
    check_run(model, X, y, max_iter=1, what="first epoch of the hand trace: ")
    w, b = params(model)
    assert np.array_equal(w, [-1.0, 3.0]) and b == 0.0, (
        f"after the first epoch w = {w}, b = {b}; the hand trace gives w = [-1, 3], b = 0. "
        "Update on every sample with s * score <= 0 (a score of exactly 0 is a mistake), "
        "one sample at a time, with s = +1 for classes_[1] and -1 for classes_[0]."
    )
    assert list(model.errors_) == [2], f"errors_ is {model.errors_}, the trace makes 2 mistakes"
    assert model.n_iter_ == 1


def test_full_run_matches_the_hand_trace():
    # Epoch 2 from w = (-1, 3), b = 0: scores 5, -5, -2, 5 are all on the right side.
    X = np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, -1.0], [-2.0, 1.0]])
    y = np.array(["b", "a", "a", "b"])
    model = fit_or_explain(X, y)
    check_run(model, X, y, what="hand trace: ")
    assert list(model.errors_) == [2, 0], (
        f"errors_ is {model.errors_}, expected [2, 0]: count the mistakes of each epoch, "
        "and stop right after the first epoch without one"
    )
    assert model.n_iter_ == 2, f"n_iter_ = {model.n_iter_}, but 2 epochs ran"
    np.testing.assert_array_equal(model.coef_, [[-1.0, 3.0]], err_msg="the hand trace")
    z = model.decision_function(X)
    assert np.shape(z) == (4,), f"decision_function gave shape {np.shape(z)}, expected (n,)"
    pred = model.predict(X)
    assert np.shape(pred) == (4,), f"predict gave shape {np.shape(pred)}, expected (n,)"
    np.testing.assert_array_equal(pred, y, err_msg="a converged perceptron fits its data")


def test_threshold_in_one_dimension_needs_the_intercept():
    # The worked example of the statement: the classes split at x = 3, far from the origin.
    X = np.array([[1.0], [2.0], [4.0], [5.0]])
    y = np.array([0, 0, 1, 1])
    model = fit_or_explain(X, y)
    w, b = params(model)
    assert np.any(w) or b != 0.0, (
        "coef_ and intercept_ are still 0: not one update happened. From w = 0, b = 0 every "
        "score is exactly 0, and that is a mistake: test s * (w.x + b) <= 0, not < 0"
    )
    assert b != 0.0, (
        f"intercept_ is {model.intercept_} but the classes split at x = 3, not at the origin: "
        "did you forget the bias update b += learning_rate * s?"
    )
    assert list(model.errors_) == [2, 3, 2, 0], (
        f"errors_ is {model.errors_}, the hand trace gives [2, 3, 2, 0]"
    )
    assert (w, b) == (1.0, -3.0), f"w = {w}, b = {b}; the hand trace gives w = 1, b = -3"
    assert model.n_iter_ == 4, f"n_iter_ = {model.n_iter_}, but 4 epochs ran"
    np.testing.assert_array_equal(model.predict([[2.9], [3.1]]), [0, 1])
    np.testing.assert_array_equal(
        model.predict([[3.0]]),
        [0],
        err_msg="a score of exactly 0 (x = 3) must predict classes_[0]: classes_[1] needs > 0",
    )


@pytest.mark.parametrize("max_iter", [3, 4, 5])
def test_the_epoch_count_at_the_max_iter_boundary(max_iter):
    # The worked example's fourth epoch is its first clean one: max_iter=3 stops after
    # epoch 3 (errors_ [2, 3, 2]), max_iter=4 runs the clean epoch, max_iter=5 stops there.
    X = np.array([[1.0], [2.0], [4.0], [5.0]])
    y = np.array([0, 0, 1, 1])
    model = fit_or_explain(X, y, max_iter=max_iter)
    want = [2, 3, 2, 0][:max_iter]
    assert list(model.errors_) == want and model.n_iter_ == len(want), (
        f"max_iter={max_iter}: errors_ = {list(model.errors_)}, n_iter_ = {model.n_iter_}; "
        f"expected errors_ = {want}, n_iter_ = {len(want)} (at most max_iter epochs, and the "
        "first clean epoch is run, counted and ends training)"
    )
    check_run(model, X, y, max_iter=max_iter, what=f"max_iter={max_iter}: ")


@pytest.mark.parametrize("learning_rate", [0.5, 3.0])
def test_hand_trace_with_another_learning_rate(learning_rate):
    # The worked example again: from w = 0 every update is scaled by learning_rate, the
    # intercept's included, so w and b are the learning_rate = 1 answer times it.
    X = np.array([[1.0], [2.0], [4.0], [5.0]])
    y = np.array([0, 0, 1, 1])
    model = fit_or_explain(X, y, learning_rate=learning_rate)
    check_run(model, X, y, learning_rate=learning_rate, what=f"learning_rate={learning_rate}: ")
    assert params(model) == (learning_rate, -3.0 * learning_rate)


# --- convergence ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shuffle", [False, True])
def test_separable_data_reaches_zero_training_errors(seed, shuffle):
    X, y, _, _ = separable_data(seed)
    model = fit_or_explain(X, y, max_iter=1000, shuffle=shuffle, random_state=seed)
    if not shuffle:
        check_run(model, X, y, max_iter=1000)
    errors = list(model.errors_)
    assert errors[-1] == 0, (
        f"on separable data training stopped with errors_ ending in {errors[-3:]}: keep "
        "running epochs until one has no mistake (max_iter=1000 was not reached?)"
    )
    assert all(e > 0 for e in errors[:-1]), (
        f"errors_ = {errors}: training must stop right after the first mistake-free epoch"
    )
    assert model.n_iter_ == len(errors) < 1000
    np.testing.assert_array_equal(
        model.predict(X),
        y,
        err_msg="after an epoch without a mistake every training sample is on the right "
        "side; if not, that epoch skipped samples (shuffle must draw a permutation of all "
        "n samples, not n draws with replacement)",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_total_mistakes_respect_the_novikoff_bound(seed):
    X, y, u, c = separable_data(seed, margin=0.5)
    s = 2 * y - 1
    # Margin of the separator (u, c) in the augmented space (x, 1), and the data radius.
    gamma = np.min(s * (X @ u + c)) / np.hypot(1.0, c)
    R = np.sqrt(np.max(np.sum(X**2, axis=1) + 1.0))
    model = mod.Perceptron(max_iter=10_000).fit(X, y)
    total = sum(model.errors_)
    assert total <= (R / gamma) ** 2, (
        f"{total} mistakes in total, more than Novikoff's bound (R/gamma)^2 = "
        f"{(R / gamma) ** 2:.0f}: is every mistake an update of both w and b?"
    )


@pytest.mark.timeout(10)
@pytest.mark.parametrize("max_iter", [1, 7, 50])
def test_non_separable_data_stops_at_max_iter(max_iter):
    X, y = xor_data()
    model = mod.Perceptron(max_iter=max_iter).fit(X, y)
    assert model.n_iter_ == max_iter, (
        f"on XOR (no separating line) n_iter_ is {model.n_iter_}, expected max_iter = "
        f"{max_iter}: the loop must stop at max_iter even though errors never reach 0"
    )
    assert len(model.errors_) == max_iter
    assert all(e > 0 for e in model.errors_), "XOR cannot have a mistake-free epoch"


@pytest.mark.timeout(10)
def test_noisy_labels_keep_making_mistakes_until_max_iter():
    X, y, _, _ = separable_data(3, n=100)
    y = y.copy()
    y[:5] = 1 - y[:5]  # flip a few labels: no longer separable
    model = mod.Perceptron(max_iter=30).fit(X, y)
    assert model.n_iter_ == 30 and len(model.errors_) == 30
    assert min(model.errors_) > 0


# --- invariants and oracles -------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_learning_rate_only_scales_the_weights(seed):
    # From w = 0 every update is lr * s * x: the whole run is scaled by lr, mistakes unchanged.
    X, y, _, _ = separable_data(seed)
    one = mod.Perceptron(max_iter=200).fit(X, y)
    lr = 0.25  # a power of two: the scaled run is exact in floating point
    small = mod.Perceptron(max_iter=200, learning_rate=lr).fit(X, y)
    assert list(small.errors_) == list(one.errors_), (
        "changing learning_rate changed errors_: from w = 0 it only scales w and b (scale "
        "the intercept's update by learning_rate too)"
    )
    assert np.allclose(small.coef_, lr * one.coef_, rtol=1e-12), (
        "with learning_rate=0.25 coef_ should be 0.25 times the learning_rate=1 coef_: "
        "scale both the w and the b updates by learning_rate"
    )
    np.testing.assert_allclose(
        small.intercept_, lr * one.intercept_, rtol=1e-12, atol=1e-15,
        err_msg="intercept_ must scale with learning_rate too",
    )  # fmt: skip


@pytest.mark.parametrize("seed", SEEDS)
def test_noisy_data_returns_the_last_iterate(seed):
    # Non-separable data: training stops at max_iter and coef_ is the weights after the
    # last epoch (not the best ones seen, which is the "pocket" variant).
    X, y, _, _ = separable_data(seed)
    y = y.copy()
    y[::9] = 1 - y[::9]
    model = fit_or_explain(X, y, max_iter=20, learning_rate=0.5)
    check_run(model, X, y, learning_rate=0.5, max_iter=20, what="noisy data: ")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("separable", [True, False], ids=["separable", "noisy"])
def test_matches_sklearn_perceptron_without_shuffling(seed, separable):
    linear_model = import_sklearn("linear_model")
    X, y, _, _ = separable_data(seed)
    if not separable:
        y = y.copy()
        y[::9] = 1 - y[::9]
    ours = mod.Perceptron(max_iter=20, learning_rate=0.5).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: it runs all max_iter epochs
        ref = linear_model.Perceptron(shuffle=False, tol=None, max_iter=20, eta0=0.5).fit(X, y)
    np.testing.assert_allclose(
        ours.coef_, ref.coef_, rtol=1e-10, atol=1e-12, err_msg="coef_ differs from sklearn's"
    )
    np.testing.assert_allclose(
        ours.intercept_, ref.intercept_, rtol=1e-10, atol=1e-12,
        err_msg="intercept_ differs from scikit-learn's Perceptron",
    )  # fmt: skip
    np.testing.assert_array_equal(
        ours.predict(X), ref.predict(X), err_msg="predictions differ from sklearn's"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scores_and_predictions_agree(seed):
    X, y, _, _ = separable_data(seed)
    model = mod.Perceptron().fit(X, y)
    z = model.decision_function(X)
    assert z.shape == (len(y),), f"decision_function has shape {z.shape}, expected (n,)"
    np.testing.assert_allclose(z, X @ model.coef_[0] + model.intercept_[0], rtol=1e-12)
    np.testing.assert_array_equal(
        model.predict(X),
        model.classes_[(z > 0).astype(int)],
        err_msg="predict must give classes_[1] where the score is > 0, else classes_[0]",
    )


# --- labels -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [(0, 1), (-1, 1), (3, 7), ("no", "yes"), (-5, 10)],
    ids=["zero-one", "minus-one-plus-one", "three-seven", "strings", "negative"],
)
def test_any_two_labels_give_the_same_model(labels):
    X, y01, _, _ = separable_data(4)
    first_positive = int(np.argmax(y01 == 1))  # so the larger label comes first in y
    X, y01 = np.roll(X, -first_positive, axis=0), np.roll(y01, -first_positive)
    reference = mod.Perceptron().fit(X, y01)
    y = np.asarray(labels)[y01]
    try:
        model = mod.Perceptron().fit(X, y)
    except (TypeError, ValueError) as exc:
        pytest.fail(
            f"fit with labels {labels} raised {type(exc).__name__}: {exc}. Map the labels "
            "through classes_: s = +1 where y == classes_[1], else -1."
        )
    np.testing.assert_array_equal(
        model.classes_, list(labels), err_msg="classes_ must be the two labels, sorted"
    )
    assert np.array_equal(model.coef_, reference.coef_) and list(model.errors_) == list(
        reference.errors_
    ), (
        f"labels {labels} gave coef_ {model.coef_} and errors_ {model.errors_}, but 0/1 "
        f"labels gave {reference.coef_} and {reference.errors_}: the labels were used as "
        "numbers. Use s = +1 for classes_[1] and -1 for classes_[0]."
    )
    np.testing.assert_array_equal(model.predict(X), np.asarray(labels)[reference.predict(X)])


@pytest.mark.parametrize(
    "y", [[1, 1, 1, 1], [0, 1, 2, 1], ["a", "b", "c", "a"]], ids=["one", "three", "three-str"]
)
def test_not_exactly_two_classes_is_a_value_error(y):
    X = np.arange(8.0).reshape(4, 2)
    mod.Perceptron().fit(X, [0, 1, 0, 1])
    try:
        with pytest.raises(ValueError, match="2 classes"):
            mod.Perceptron().fit(X, y)
    except (IndexError, TypeError) as exc:
        pytest.fail(
            f"fit with labels {sorted(set(y))} raised {type(exc).__name__}: {exc}. Check the "
            "number of classes first: raise ValueError('... exactly 2 classes ...')",
            pytrace=False,
        )


# --- randomness ---------------------------------------------------------------------------


def test_shuffling_is_reproducible_with_a_seed():
    X, y, _, _ = separable_data(5)
    a = mod.Perceptron(shuffle=True, random_state=42).fit(X, y)
    b = mod.Perceptron(shuffle=True, random_state=42).fit(X, y)
    assert np.array_equal(a.coef_, b.coef_) and list(a.errors_) == list(b.errors_), (
        "the same random_state gave different models: draw the permutations from "
        "check_random_state(random_state), not from np.random"
    )
    c = mod.Perceptron(shuffle=True, random_state=np.random.default_rng(42)).fit(X, y)
    np.testing.assert_array_equal(c.coef_, a.coef_)


def test_shuffling_changes_the_visiting_order():
    X, y, _, _ = separable_data(6)
    ordered = mod.Perceptron(max_iter=3).fit(X, y)
    shuffled = [
        mod.Perceptron(max_iter=3, shuffle=True, random_state=seed).fit(X, y).coef_
        for seed in range(4)
    ]
    assert any(not np.array_equal(coef, ordered.coef_) for coef in shuffled), (
        "shuffle=True gave the same model as shuffle=False for 4 seeds: visit the samples "
        "in a new random permutation every epoch"
    )
    assert any(not np.array_equal(shuffled[0], coef) for coef in shuffled[1:]), (
        "shuffle=True gave the same model for 4 different random_state values"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffle_draws_a_new_order_every_epoch(seed):
    # On XOR a fixed visiting order settles into a cycle with the same number of mistakes
    # every epoch; a fresh permutation per epoch keeps that number changing.
    X, y = xor_data()
    model = mod.Perceptron(max_iter=40, shuffle=True, random_state=seed).fit(X, y)
    late = set(model.errors_[10:])
    assert len(late) > 1, (
        f"with shuffle=True the mistakes per epoch settled at {sorted(late)} on XOR, as with "
        "a fixed order: draw a new permutation at the start of EVERY epoch, not once"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffle_visits_every_sample_exactly_once_per_epoch(seed):
    # For these four points s_i s_j (x_i.x_j + 1) <= 0 whenever i != j, so from w = 0 every
    # FIRST visit in an epoch is a mistake in any order, and the epoch ends back at w = 0,
    # b = 0. A sample drawn twice scores ||x||^2 + 1 = 5 > 0 on its second visit.
    X = np.array([[2.0, 0.0, 0.0], [-2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, -2.0, 0.0]])
    y = np.array([1, 1, 0, 0])
    model = mod.Perceptron(max_iter=20, shuffle=True, random_state=seed).fit(X, y)
    assert list(model.errors_) == [4] * 20, (
        f"errors_ is {list(model.errors_)}, expected 4 mistakes in each of the 20 epochs: "
        "with shuffle=True every epoch must visit each sample exactly once, in a random "
        "permutation (rng.permutation(n)), not n draws with replacement"
    )
    np.testing.assert_array_equal(model.coef_, [[0.0, 0.0, 0.0]])


def test_without_shuffle_the_random_state_does_not_matter():
    X, y, _, _ = separable_data(7)
    a = mod.Perceptron(random_state=1).fit(X, y)
    b = mod.Perceptron(random_state=2).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_, "shuffle=False visits samples in order")


def test_a_refit_starts_afresh():
    X1, y1, _, _ = separable_data(8)
    X2, y2, _, _ = separable_data(9)
    model = mod.Perceptron().fit(X1, y1)
    model.fit(X2, y2)
    fresh = mod.Perceptron().fit(X2, y2)
    np.testing.assert_array_equal(model.coef_, fresh.coef_, "a second fit must start at w = 0")
    assert list(model.errors_) == list(fresh.errors_), (
        "errors_ kept the epochs of the previous fit: reset it in fit"
    )


# --- shapes, inputs and validation --------------------------------------------------------


def test_fitted_attributes_have_the_documented_shapes():
    X, y, _, _ = separable_data(10, d=4)
    model = mod.Perceptron()
    assert model.fit(X, y) is model, "fit must return self"
    assert model.coef_.shape == (1, 4), f"coef_ has shape {model.coef_.shape}, expected (1, 4)"
    assert model.intercept_.shape == (1,), f"intercept_ shape {model.intercept_.shape} != (1,)"
    assert model.coef_.dtype == np.float64 and model.intercept_.dtype == np.float64
    assert isinstance(model.n_iter_, int | np.integer)
    assert all(isinstance(e, int | np.integer) for e in model.errors_)
    assert model.predict(X).shape == (len(y),)


def test_inputs_are_not_modified():
    X, y01, _, _ = separable_data(11)
    y = np.where(y01 == 1, 1, -1)
    model = mod.Perceptron(shuffle=True, random_state=0)
    with inputs_unchanged("fit", X=X, y=y):
        model.fit(X, y)
    with inputs_unchanged("predict", X=X):
        model.predict(X)


def test_integer_features_give_float64_results():
    X = np.array([[1], [2], [4], [5]])
    model = mod.Perceptron().fit(X, [0, 0, 1, 1])
    assert model.coef_.dtype == np.float64
    assert model.decision_function(X).dtype == np.float64


BAD_FIT_INPUT = {
    "nan": (lambda X, y: (np.where(X > 1, np.nan, X), y), "NaN"),
    "1-D X": (lambda X, y: (X[:, 0], y), "2-D"),
    "length mismatch": (lambda X, y: (X, y[:-1]), "samples"),
    "empty X": (lambda X, y: (X[:0], y[:0]), "empty"),
}


@pytest.mark.parametrize("case", BAD_FIT_INPUT, ids=list(BAD_FIT_INPUT))
def test_bad_training_input_is_a_value_error(case):
    X, y, _, _ = separable_data(12, n=20)
    mod.Perceptron().fit(X, y)  # works on good input first
    make_bad, message = BAD_FIT_INPUT[case]
    with pytest.raises(ValueError, match=message):
        mod.Perceptron().fit(*make_bad(X, y))


@pytest.mark.parametrize(
    "hyper, value, message",
    [
        ("max_iter", 0, "max_iter"),
        ("max_iter", 1.5, "max_iter"),
        ("learning_rate", 0.0, "learning_rate"),
        ("shuffle", "yes", "shuffle"),
        ("random_state", -3, "random_state"),
    ],
)
def test_invalid_hyperparameter_is_a_value_error_at_fit(hyper, value, message):
    X, y, _, _ = separable_data(13, n=20)
    mod.Perceptron().fit(X, y)
    model = mod.Perceptron(**{hyper: value})  # __init__ only stores it
    assert getattr(model, hyper) == value
    with pytest.raises(ValueError, match=message):
        model.fit(X, y)


@pytest.mark.parametrize("method", ["predict", "decision_function"])
def test_using_the_model_before_fit_raises_not_fitted(method):
    X, y, _, _ = separable_data(14, n=20)
    getattr(mod.Perceptron().fit(X, y), method)(X)
    try:
        with pytest.raises(NotFittedError, match="fit"):
            getattr(mod.Perceptron(), method)(X)
    except AttributeError as exc:
        pytest.fail(
            f"Perceptron().{method}(X) before fit raised AttributeError ({exc}): keep the "
            'stub\'s first line `X = check_fitted_input(self, X, attribute="coef_")`, '
            "which raises NotFittedError",
            pytrace=False,
        )


@pytest.mark.parametrize("method", ["predict", "decision_function"])
def test_wrong_feature_count_at_predict_is_a_value_error(method):
    X, y, _, _ = separable_data(15, n=20)
    model = mod.Perceptron().fit(X, y)
    with pytest.raises(ValueError, match="features"):
        getattr(model, method)(X[:, :2])


# --- complexity, without a clock: a whole-X pass after an update overflows ----------------


def test_an_update_does_not_rescore_every_sample():
    # Only sample 0 has a non-zero first feature, 1e200. Its visit (w = 0, score 0) is a
    # mistake, after which w[0] = +-1e200: scoring sample 0 again, 1e200 * 1e200, overflows.
    # The online rule visits it next in epoch 2 (max_iter=1: never), and every other sample
    # has a 0 there, so its score stays finite, one sample at a time or a block of the next
    # samples at once. Scoring all of X (X @ w, np.dot) after an update overflows at once:
    # that pass makes each update O(n d) and an epoch O(n^2 d) when done for every sample.
    X, y, _, _ = separable_data(16, n=50, d=2)
    X = np.column_stack([np.zeros(len(X)), X])
    X[0, 0] = 1e200
    with fp_diagnosis(
        "fit overflowed scoring sample 0 again in the first epoch, after the update it made: "
        "do you score all of X (X @ w + b) after an update, or at every sample? That pass "
        "costs O(n d) per sample, O(n^2 d) per epoch. Score only the visited sample, "
        "s_i * (x_i . w + b), or the samples after it in one product (w changes only at "
        "a mistake)"
    ):
        mod.Perceptron(max_iter=1).fit(X, y)
