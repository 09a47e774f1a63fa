"""Tests for neural/optimizers: SGD (momentum, Nesterov, weight decay), RMSprop, Adam, AdamW.

The expected values come from PyTorch's documented update rules (the torch.optim pseudo-code),
written out below step by step and independently of any kata code. Each reference also
knows the classic wrong versions, so a learner whose trajectory matches one is told which.
"""

import math

import numpy as np
import pytest

from kata.testing import inputs_unchanged, load_kata

mod = load_kata("neural/optimizers")

N_STEPS = 10


# --- references: PyTorch's documented rules, per key, with named wrong variants -------------


def ref_sgd(p, g, state, lr, momentum=0.0, nesterov=False, weight_decay=0.0, variant=None):
    """One SGD step on p (returns the new p), torch.optim.SGD with dampening 0."""
    if weight_decay and variant != "decoupled decay":
        g = g + weight_decay * p
    if momentum:
        if "b" not in state:
            if variant == "ema buffer":
                state["b"] = (1 - momentum) * g
            elif variant == "buffer from zeros plus momentum * g":
                state["b"] = momentum * g + g
            else:
                state["b"] = g.copy()
            old_b = np.zeros_like(g)
        else:
            old_b = state["b"]
            if variant == "ema buffer":
                state["b"] = momentum * old_b + (1 - momentum) * g
            else:
                state["b"] = momentum * old_b + g
        if nesterov:
            g = g + momentum * (old_b if variant == "nesterov with the old buffer" else state["b"])
        else:
            g = state["b"]
    p = p - lr * g
    if weight_decay and variant == "decoupled decay":
        p = p - lr * weight_decay * (p + lr * g)  # decay of the parameter before the step
    return p


def ref_rmsprop(p, g, state, lr, alpha=0.99, eps=1e-8, variant=None):
    """One RMSprop step, torch.optim.RMSprop (no momentum, not centered)."""
    if variant == "alpha ignored":
        alpha = 0.99
    if "v" not in state:
        state["v"] = g * g if variant == "v starts at grad**2" else np.zeros_like(g)
        state["t"] = 0
    state["t"] += 1
    if variant == "v = alpha v + g**2":
        state["v"] = alpha * state["v"] + g * g
    elif variant == "alpha and 1 - alpha swapped":
        state["v"] = (1 - alpha) * state["v"] + alpha * g * g
    elif variant != "v starts at grad**2" or state["t"] > 1:
        state["v"] = alpha * state["v"] + (1 - alpha) * g * g
    v = state["v"]
    if variant == "bias-corrected v":
        v = v / (1 - alpha ** state["t"])
    if variant == "eps inside the square root":
        return p - lr * g / np.sqrt(v + eps)
    return p - lr * g / (np.sqrt(v) + eps)


def ref_adam(p, g, state, lr, betas, eps, weight_decay, decoupled, variant=None):
    """One Adam (decoupled=False) or AdamW (decoupled=True) step, as torch.optim documents."""
    b1, b2 = betas[::-1] if variant == "betas swapped" else betas
    if weight_decay:
        if decoupled != (variant == "decay swapped"):
            if variant == "decay without lr":
                p = p * (1 - weight_decay)
            elif variant != "decay after the step":
                p = p * (1 - lr * weight_decay)
        else:
            g = g + weight_decay * p
    if "t" not in state:
        state.update(t=0, m=np.zeros_like(g), v=np.zeros_like(g))
    state["t"] += 1
    t = state["t"]
    state["m"] = b1 * state["m"] + (1 - b1) * g
    state["v"] = b2 * state["v"] + (1 - b2) * g * g
    m, v = state["m"], state["v"]
    if variant == "no bias correction":
        step = lr * m / (np.sqrt(v) + eps)
    elif variant == "eps inside the square root":
        step = lr * (m / (1 - b1**t)) / np.sqrt(v / (1 - b2**t) + eps)
    elif variant == "eps before the bias correction":
        step = lr * math.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps)
    elif variant == "only m bias-corrected":
        step = lr * (m / (1 - b1**t)) / (np.sqrt(v) + eps)
    else:
        step = lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    p = p - step
    if weight_decay and decoupled and variant == "decay after the step":
        p = p * (1 - lr * weight_decay)
    return p


VARIANT_MESSAGES = {
    "ema buffer": "the momentum buffer is an average b = momentum b + (1 - momentum) g "
    "starting at 0. PyTorch's buffer starts at the gradient (b_1 = g_1) and then adds the "
    "full gradient: b = momentum b + g",
    "buffer from zeros plus momentum * g": "the first buffer is g + momentum g: the buffer "
    "must START at the gradient (b_1 = g_1), with no momentum term on the first step",
    "nesterov with the old buffer": "Nesterov used the buffer from before this step: the "
    "direction is g + momentum * b with b the buffer just updated",
    "decoupled decay": "SGD's weight decay was applied to the parameters directly: in "
    "PyTorch's SGD weight_decay is an L2 term added to the gradient (g = grad + wd p), "
    "before the momentum buffer",
    "v starts at grad**2": "RMSprop's v started at grad**2: it starts at 0 and the first "
    "step uses v_1 = (1 - alpha) grad**2",
    "v = alpha v + g**2": "RMSprop's average lost its (1 - alpha): v = alpha v + (1 - alpha) g**2",
    "alpha and 1 - alpha swapped": "RMSprop's weights are swapped: v = alpha v + "
    "(1 - alpha) g**2 keeps alpha = 0.99 of the old average",
    "alpha ignored": "RMSprop used alpha = 0.99 whatever alpha was passed: use self.alpha",
    "betas swapped": "beta1 and beta2 are swapped: m averages with beta1 (0.9), v with "
    "beta2 (0.999)",
    "bias-corrected v": "RMSprop's v was bias-corrected like Adam's: PyTorch's RMSprop has no "
    "bias correction",
    "no bias correction": "Adam without bias correction: divide m by (1 - beta1**t) and v by "
    "(1 - beta2**t), with t the key's step count starting at 1",
    "only m bias-corrected": "only m was bias-corrected: v_hat = v / (1 - beta2**t) too",
    "eps inside the square root": "eps was added inside the square root: PyTorch divides "
    "by sqrt(v_hat) + eps",
    "eps before the bias correction": "eps was added to sqrt(v) before the bias correction "
    "(the 'efficient' form of the Adam paper, lr_t = lr sqrt(1 - beta2**t) / (1 - beta1**t)): "
    "PyTorch adds eps to sqrt(v_hat)",
    "decay swapped": "",  # filled in per class below
    "decay after the step": "AdamW's decay was applied after the Adam step: PyTorch first "
    "shrinks p by (1 - lr * weight_decay), then applies the Adam update",
    "decay without lr": "AdamW's decay forgot the learning rate: p *= 1 - lr * weight_decay",
}
DECAY_SWAPPED = {
    False: "Adam's weight_decay was decoupled (AdamW's rule): Adam's weight_decay is an L2 term "
    "added to the gradient, g = grad + weight_decay * p, BEFORE m and v",
    True: "AdamW decayed through the gradient (g = grad + weight_decay * p: that is Adam's L2 "
    "penalty). AdamW's decay is decoupled: p *= 1 - lr * weight_decay, and m and v see "
    "only the raw gradient",
}


# --- the problem every optimizer is run on -------------------------------------------------


def make_params(seed=0):
    rng = np.random.default_rng(seed)
    return {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=(2,))}


def make_grad_fn(seed=0):
    """Gradients of an ill-conditioned quadratic plus a fixed per-step noise: they depend
    on the current parameters (so an error compounds) and change sign and scale."""
    rng = np.random.default_rng(100 + seed)
    curv = {"W": rng.uniform(0.5, 5.0, size=(3, 2)), "b": rng.uniform(0.5, 5.0, size=(2,))}
    noise = [
        {"W": rng.normal(scale=0.3, size=(3, 2)), "b": rng.normal(scale=0.3, size=(2,))}
        for _ in range(N_STEPS)
    ]

    def grad_fn(params, t):
        return {k: curv[k] * params[k] + noise[t][k] for k in params}

    return grad_fn


def run_learner(opt, n_steps=N_STEPS, seed=0):
    """Run opt for n_steps; return the list of parameter dicts after each step."""
    params = make_params(seed)
    grad_fn = make_grad_fn(seed)
    trajectory = []
    for t in range(n_steps):
        originals = {k: v for k, v in params.items()}
        grads = grad_fn(params, t)
        step(opt, params, grads, originals)
        trajectory.append({k: v.copy() for k, v in params.items()})
    return trajectory


def run_reference(ref, n_steps=N_STEPS, seed=0, **kwargs):
    params = make_params(seed)
    grad_fn = make_grad_fn(seed)
    states = {k: {} for k in params}
    trajectory = []
    for t in range(n_steps):
        grads = grad_fn(params, t)
        params = {k: ref(params[k], grads[k], states[k], **kwargs) for k in params}
        trajectory.append(params)
    return trajectory


def fp_cause(opt, message):
    """The classic mistake behind a floating-point error in an optimizer step."""
    name = type(opt).__name__
    if name in ("Adam", "AdamW") and "divide" in message:
        return (
            "at t = 0 the bias correction 1 - beta**t is 0. The step count starts at 1 "
            "(increment it before using it)"
        )
    if "sqrt" in message:
        return "the square root of a negative number: v averages the SQUARED gradient"
    return "the update blew up; compare one step with the formulas of the statement"


def step(opt, params, grads, originals=None):
    """opt.step, failing with a named message if it replaced the caller's arrays."""
    originals = originals or dict(params)
    failure = None
    try:
        result = opt.step(params, grads)
    except FloatingPointError as exc:
        failure = f"{type(opt).__name__}.step raised NumPy's '{exc}': {fp_cause(opt, str(exc))}"
    except ValueError as exc:
        if "broadcast" not in str(exc):
            raise
        failure = (
            f"{type(opt).__name__}.step raised {exc!r} on valid input, where params['W'] is "
            "(3, 2) and params['b'] is (2,): one key's state was used for another. Keep the "
            "state per key (e.g. self.state[k])"
        )
    if failure:
        pytest.fail(failure, pytrace=False)
    for k, original in originals.items():
        if params[k] is not original:
            pytest.fail(
                f"step replaced params[{k!r}] with a new array: the caller's array (a "
                "layer's weights) is unchanged. Update it in place: params[k] -= ..."
            )
    assert result is None, f"step returned {type(result).__name__}; it updates in place, None"


def max_rel_gap(traj_a, traj_b):
    """Largest gap between two trajectories, relative for entries above 1 in magnitude and
    absolute below (so an entry crossing 0 is not judged on its rounding), and the first
    step where it exceeds 1e-12."""
    first_bad, worst = None, 0.0
    for t, (a, b) in enumerate(zip(traj_a, traj_b, strict=True)):
        for k in b:
            gap = float(np.max(np.abs(a[k] - b[k]) / np.maximum(np.abs(b[k]), 1.0)))
            gap = math.inf if math.isnan(gap) else gap  # a NaN is as far off as it gets
            worst = max(worst, gap)
            if gap > 1e-12 and first_bad is None:
                first_bad = t + 1
    return worst, first_bad


def assert_trajectory(name, learner, ref, variants, **kwargs):
    expected = run_reference(ref, **kwargs)
    worst, first_bad = max_rel_gap(learner, expected)
    if first_bad is None:
        return
    for variant in variants:
        wrong = run_reference(ref, variant=variant, **kwargs)
        if max_rel_gap(learner, wrong)[0] < 1e-9:
            message = VARIANT_MESSAGES[variant] or DECAY_SWAPPED[kwargs.get("decoupled", False)]
            pytest.fail(f"{name}: {message}", pytrace=False)
    pytest.fail(
        f"{name} left PyTorch's documented update at step {first_bad} of {N_STEPS} (largest "
        f"relative gap {worst:.1e}, tolerance 1e-12). "
        + (
            "The first step is already off: check the formula of a single update."
            if first_bad == 1
            else "The first step is right: check what the state carries from one step to the next."
        ),
        pytrace=False,
    )


def recognise(name, got, expected, candidates):
    """Fail naming the candidate mistake whose value ``got`` reproduces (to 1e-14), if any
    candidate differs from the expected value; the comparison itself comes after."""
    got = np.asarray(got, dtype=float)
    for message, wrong in candidates:
        wrong = np.asarray(wrong, dtype=float)
        if got.shape != wrong.shape:
            continue
        if np.max(np.abs(wrong - expected)) > 1e-12 and np.all(
            np.abs(got - wrong) <= 1e-14 * np.maximum(np.abs(wrong), 1.0)
        ):
            pytest.fail(f"{name}: {message}")


def adam_first_step_candidates(p, g, lr, eps, weight_decay, decoupled):
    """The first step of each wrong Adam/AdamW variant, as (message, value) pairs."""
    p, g = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
    out = []
    for variant in ADAM_VARIANTS:
        message = VARIANT_MESSAGES[variant] or DECAY_SWAPPED[decoupled]
        value = ref_adam(p, g, {}, lr, (0.9, 0.999), eps, weight_decay, decoupled, variant)
        out.append((message, value))
    if not decoupled:
        out.append(
            (
                "Adam's default weight_decay is 0.0 (AdamW's is 0.01)",
                ref_adam(p, g, {}, lr, (0.9, 0.999), eps, 0.01, False),
            )
        )
    return out


# --- in place, state per instance and per key -------------------------------------------------

ALL = {
    "SGD": {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1},
    "RMSprop": {"lr": 0.01},
    "Adam": {"lr": 0.01, "weight_decay": 0.1},
    "AdamW": {"lr": 0.01},
}


@pytest.mark.parametrize("cls_name", list(ALL))
def test_two_instances_do_not_share_state(cls_name):
    kwargs = ALL[cls_name]
    a, b = getattr(mod, cls_name)(**kwargs), getattr(mod, cls_name)(**kwargs)
    pa, pb = make_params(4), make_params(5)
    ga, gb = make_grad_fn(4), make_grad_fn(5)
    for t in range(4):  # interleaved, the same key names in both
        step(a, pa, ga(pa, t))
        step(b, pb, gb(pb, t))
    solo = getattr(mod, cls_name)(**kwargs)
    pc = make_params(4)
    for t in range(4):
        step(solo, pc, ga(pc, t))
    for k in pa:
        if not np.allclose(pa[k], pc[k], rtol=1e-12, atol=0):
            pytest.fail(
                f"{cls_name}: two instances stepping interleaved gave a different result "
                "from one alone: they share state (a class-level or module-level dict?). Keep "
                "the state per instance, created in __init__"
            )


@pytest.mark.parametrize("cls_name", list(ALL))
def test_keys_of_the_same_shape_keep_separate_state(cls_name):
    kwargs = ALL[cls_name]
    opt = getattr(mod, cls_name)(**kwargs)
    params = {"u": np.array([1.0, 2.0]), "v": np.array([1.0, 2.0])}
    for t in range(4):
        step(opt, params, {"u": np.array([1.0, -1.0]) * (t + 1), "v": np.array([-3.0, 0.5])})
    alone = getattr(mod, cls_name)(**kwargs)
    u = {"u": np.array([1.0, 2.0])}
    for t in range(4):
        step(alone, u, {"u": np.array([1.0, -1.0]) * (t + 1)})
    if not np.allclose(params["u"], u["u"], rtol=1e-12, atol=0):
        pytest.fail(
            f"{cls_name}: params['u'] depends on the gradients of params['v']: the keys share "
            "one state (buffer, moments or step count). Keep the state per key"
        )


@pytest.mark.parametrize("cls_name", list(ALL))
def test_a_key_without_a_gradient_is_left_alone(cls_name):
    # Like a PyTorch parameter whose .grad is None: not updated, its state does not advance.
    kwargs = ALL[cls_name]
    opt = getattr(mod, cls_name)(**kwargs)
    params = {"u": np.array([1.0, -1.0]), "v": np.array([0.5, 2.0])}
    grads_uv = {"u": np.array([0.3, -0.2]), "v": np.array([-1.0, 0.4])}
    step(opt, params, grads_uv)
    v_before = params["v"].copy()
    step(opt, params, {"u": np.array([0.1, 0.1])})
    np.testing.assert_array_equal(
        params["v"],
        v_before,
        err_msg="params['v'] moved in a step where it had no gradient: a key missing from "
        "grads is not updated at all (no weight decay either)",
    )
    step(opt, params, grads_uv)
    # v has had two gradient steps: the same as an optimizer that only ever saw v.
    alone = getattr(mod, cls_name)(**kwargs)
    v = {"v": np.array([0.5, 2.0])}
    step(alone, v, {"v": grads_uv["v"]})
    step(alone, v, {"v": grads_uv["v"]})
    if not np.allclose(params["v"], v["v"], rtol=1e-12, atol=0):
        pytest.fail(
            f"{cls_name}: a step in which params['v'] had no gradient still advanced its "
            "state (one step counter for all keys, or decay applied to every key?): state, "
            "t included, is per key and advances only when the key has a gradient"
        )


@pytest.mark.parametrize("cls_name", list(ALL))
def test_step_updates_the_callers_arrays_in_place(cls_name):
    opt = getattr(mod, cls_name)(**ALL[cls_name])
    params = make_params(1)
    W, b = params["W"], params["b"]
    W_before = W.copy()
    step(opt, params, make_grad_fn(1)(params, 0))
    assert not np.array_equal(W, W_before), (
        f"{cls_name}.step did not change params['W']: the update went to a new array bound to "
        "a local name (p = p - ...). Update the caller's array in place: params[k] -= ..."
    )
    assert params["W"] is W and params["b"] is b


GRAD_CASES = [(name, kwargs) for name, kwargs in ALL.items()] + [
    ("SGD", {"lr": 0.1, "momentum": 0.9}),  # no weight decay: the buffer starts as grad itself
    ("Adam", {"lr": 0.01}),
]


@pytest.mark.parametrize(
    "cls_name, kwargs",
    GRAD_CASES,
    ids=[*ALL, "SGD momentum without decay", "Adam without decay"],
)
def test_step_does_not_modify_the_gradients(cls_name, kwargs):
    opt = getattr(mod, cls_name)(**kwargs)
    params = make_params(2)
    grad_fn = make_grad_fn(2)
    for t in range(3):
        grads = grad_fn(params, t)
        with inputs_unchanged(
            f"{cls_name}.step", **{f"grads['{k}']": v for k, v in grads.items()}
        ):
            step(opt, params, grads)
        # A buffer stored without a copy would change the caller's gradient at the NEXT step.
        kept = {k: v.copy() for k, v in grads.items()}
        step(opt, {k: v.copy() for k, v in params.items()}, make_grad_fn(3)(params, t))
        for k in grads:
            if not np.array_equal(grads[k], kept[k]):
                pytest.fail(
                    f"{cls_name}: a later step changed an earlier call's grads[{k!r}]: the "
                    "gradient was stored as state without a copy (buf = grad, then buf *= ...)"
                )


# --- hand-worked first steps ----------------------------------------------------------------


def one_step(opt, p, g):
    params = {"w": np.array(p, dtype=float)}
    step(opt, params, {"w": np.array(g, dtype=float)})
    if np.array_equal(params["w"], p):
        pytest.fail(
            f"{type(opt).__name__}.step left params['w'] unchanged: the update went to a new "
            "array bound to a local name (p = p - ...). Update the caller's array in place: "
            "params[k] -= ..."
        )
    return params["w"]


def test_sgd_hand_worked_step():
    # p = [1, -2], grad = [0.5, 1], lr = 0.1: p - 0.1 grad.
    got = one_step(mod.SGD(lr=0.1), [1.0, -2.0], [0.5, 1.0])
    np.testing.assert_allclose(got, [0.95, -2.1], rtol=1e-12, err_msg="p - lr * grad")


def test_sgd_momentum_hand_worked_two_steps():
    # b_1 = g; b_2 = 0.9 g + g = 1.9 g. Steps: 0.1 g, then 0.19 g.
    opt = mod.SGD(lr=0.1, momentum=0.9)
    params = {"w": np.array([1.0, -2.0])}
    g = np.array([0.5, 1.0])
    step(opt, params, {"w": g})
    first = params["w"].copy()
    if np.allclose(first, [0.995, -2.01]):
        pytest.fail(
            "the first momentum step moved by lr (1 - momentum) grad: the buffer must START "
            "at the gradient, b_1 = g_1 (PyTorch's dampening = 0), not at 0 with an average"
        )
    if np.allclose(first, [0.905, -2.19]):
        pytest.fail(
            "the first momentum step moved by lr (1 + momentum) grad: the buffer starts AT "
            "the gradient, b_1 = g_1, with no momentum term on the first step"
        )
    np.testing.assert_allclose(first, [0.95, -2.1], rtol=1e-12, err_msg="first step: b_1 = g")
    step(opt, params, {"w": g})
    if not np.array_equal(g, [0.5, 1.0]):
        pytest.fail(
            f"the caller's gradient changed to {g} during the second step: the momentum "
            "buffer IS the caller's array (buf = grad, then buf *= momentum). Store a copy"
        )
    np.testing.assert_allclose(
        params["w"],
        [0.855, -2.29],
        rtol=1e-12,
        err_msg="second step: b_2 = 0.9 b_1 + g = 1.9 g, p -= 0.1 * 1.9 g",
    )


def test_sgd_nesterov_hand_worked_step():
    # b_1 = g, direction g + 0.9 b_1 = 1.9 g.
    got = one_step(mod.SGD(lr=0.1, momentum=0.9, nesterov=True), [1.0, -2.0], [0.5, 1.0])
    if np.allclose(got, [0.95, -2.1]):
        pytest.fail(
            "nesterov=True moved like plain momentum on the first step: the Nesterov "
            "direction is g + momentum * b (= 1.9 g here, with b_1 = g)"
        )
    np.testing.assert_allclose(
        got, [0.905, -2.19], rtol=1e-12, err_msg="Nesterov: p -= lr (g + momentum * b_1)"
    )


def test_sgd_weight_decay_hand_worked_step():
    # g = grad + 0.1 p = [0.6, 0.8].
    got = one_step(mod.SGD(lr=0.1, weight_decay=0.1), [1.0, -2.0], [0.5, 1.0])
    np.testing.assert_allclose(
        got, [0.94, -2.08], rtol=1e-12, err_msg="g = grad + weight_decay * p, p -= lr g"
    )


def test_rmsprop_hand_worked_step():
    # v_1 = 0.01 grad**2, sqrt(v_1) = 0.1 |grad|: the step is lr grad / (0.1 |grad| + eps).
    got = one_step(mod.RMSprop(lr=0.01), [1.0, 1.0], [0.5, -2.0])
    expected = [1 - 0.01 * 0.5 / (0.05 + 1e-8), 1 + 0.01 * 2.0 / (0.2 + 1e-8)]
    if np.allclose(got, [1 - 0.01 * 0.5 / (0.5 + 1e-8), 1 + 0.01 * 2 / (2 + 1e-8)]):
        pytest.fail(
            "RMSprop's first step used v = grad**2: v starts at 0, so v_1 = (1 - alpha) grad**2"
        )
    p, g = np.array([1.0, 1.0]), np.array([0.5, -2.0])
    recognise(
        "RMSprop's first step",
        got,
        expected,
        [
            (VARIANT_MESSAGES[v], ref_rmsprop(p, g, {}, 0.01, variant=v))
            for v in [
                "eps inside the square root",
                "alpha and 1 - alpha swapped",
                "bias-corrected v",
            ]
        ],
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg="v_1 = (1 - alpha) grad**2; p -= lr g/(sqrt(v)+eps)"
    )


def test_adam_hand_worked_step():
    # m_1 = 0.1 g, v_1 = 0.001 g**2; corrected: m_hat = g, v_hat = g**2, so the first step
    # is lr * g / (|g| + eps).
    got = one_step(mod.Adam(lr=0.1), [1.0, 1.0], [0.5, -2.0])
    expected = np.array([1 - 0.1 * 0.5 / (0.5 + 1e-8), 1 + 0.1 * 2.0 / (2.0 + 1e-8)])
    recognise(
        "Adam's first step",
        got,
        expected,
        adam_first_step_candidates([1.0, 1.0], [0.5, -2.0], 0.1, 1e-8, 0.0, False),
    )
    if np.allclose(
        got,
        [1 - 0.1 * 0.05 / (math.sqrt(0.00025) + 1e-8), 1 + 0.1 * 0.2 / (math.sqrt(0.004) + 1e-8)],
    ):
        pytest.fail(
            "Adam's first step moved by lr * 0.1 g / sqrt(0.001 g**2) = 3.16 lr: no bias "
            "correction. m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), t from 1"
        )
    np.testing.assert_allclose(
        got,
        [1 - 0.1 * 0.5 / (0.5 + 1e-8), 1 + 0.1 * 2.0 / (2.0 + 1e-8)],
        rtol=1e-12,
        err_msg="first Adam step: p -= lr * g / (|g| + eps)",
    )


def test_adam_eps_is_added_after_the_square_root():
    # A tiny gradient makes eps matter: with grad = 1e-6 and eps = 1e-6, the first step is
    # lr * 1e-6 / (1e-6 + 1e-6) = lr / 2; sqrt(v_hat + eps) would give about lr / 1000.
    for cls in (mod.Adam, mod.AdamW):
        opt = cls(lr=0.1, eps=1e-6, weight_decay=0.0)
        got = one_step(opt, [1.0], [1e-6])
        recognise(
            f"{cls.__name__}'s first step with grad 1e-6 and eps 1e-6",
            got,
            np.array([0.95]),
            adam_first_step_candidates([1.0], [1e-6], 0.1, 1e-6, 0.0, cls is mod.AdamW),
        )
        np.testing.assert_allclose(
            got, [1 - 0.05], rtol=1e-12, err_msg=f"{cls.__name__}: lr g / (sqrt(v_hat) + eps)"
        )


def test_adamw_hand_worked_step():
    # p *= 1 - 0.1 * 0.5 = 0.95, then the first Adam step moves by 0.1 * sign(g).
    got = one_step(mod.AdamW(lr=0.1, weight_decay=0.5), [1.0, 1.0], [0.5, -2.0])
    expected = [0.95 - 0.1 * 0.5 / (0.5 + 1e-8), 0.95 + 0.1 * 2.0 / (2.0 + 1e-8)]
    if np.allclose(got, [0.9, 1.1], atol=1e-6):
        pytest.fail("AdamW did not decay: p *= 1 - lr * weight_decay before the Adam step")
    g_l2 = np.array([0.5 + 0.5, -2.0 + 0.5])  # grad + weight_decay * p
    if np.allclose(got, 1 - 0.1 * g_l2 / (np.abs(g_l2) + 1e-8)):
        pytest.fail(DECAY_SWAPPED[True])
    if np.allclose(got, [0.5 - 0.1 * 0.5 / (0.5 + 1e-8), 0.5 + 0.1 * 2 / (2 + 1e-8)]):
        pytest.fail(VARIANT_MESSAGES["decay without lr"])
    recognise(
        "AdamW's first step",
        got,
        np.array(expected),
        adam_first_step_candidates([1.0, 1.0], [0.5, -2.0], 0.1, 1e-8, 0.5, True),
    )
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg="AdamW: p *= 1 - lr wd, then the Adam step"
    )


# --- ten steps against the documented rules --------------------------------------------------

SGD_CASES = {
    "plain": {"lr": 0.05},
    "momentum": {"lr": 0.05, "momentum": 0.9},
    "nesterov": {"lr": 0.05, "momentum": 0.8, "nesterov": True},
    "weight decay": {"lr": 0.05, "weight_decay": 0.3},
    "momentum + weight decay": {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.3},
    "nesterov + weight decay": {
        "lr": 0.05,
        "momentum": 0.7,
        "nesterov": True,
        "weight_decay": 0.2,
    },
}


@pytest.mark.parametrize("case", list(SGD_CASES))
def test_sgd_follows_pytorch_for_ten_steps(case):
    kwargs = SGD_CASES[case]
    learner = run_learner(mod.SGD(**kwargs))
    assert_trajectory(
        f"SGD({case})",
        learner,
        ref_sgd,
        [
            "ema buffer",
            "buffer from zeros plus momentum * g",
            "nesterov with the old buffer",
            "decoupled decay",
        ],
        **kwargs,
    )


@pytest.mark.parametrize(
    "kwargs",
    [{"lr": 0.01}, {"lr": 0.02, "alpha": 0.9, "eps": 1e-3}],
    ids=["defaults", "alpha 0.9 eps 1e-3"],
)
def test_rmsprop_follows_pytorch_for_ten_steps(kwargs):
    learner = run_learner(mod.RMSprop(**kwargs))
    assert_trajectory(
        "RMSprop",
        learner,
        ref_rmsprop,
        [
            "v starts at grad**2",
            "v = alpha v + g**2",
            "alpha and 1 - alpha swapped",
            "bias-corrected v",
            "eps inside the square root",
            "alpha ignored",
        ],
        **{"alpha": 0.99, "eps": 1e-8, **kwargs},
    )


ADAM_VARIANTS = [
    "no bias correction",
    "only m bias-corrected",
    "eps inside the square root",
    "eps before the bias correction",
    "decay swapped",
    "decay after the step",
    "decay without lr",
    "betas swapped",
]
ADAM_CASES = {
    "defaults": {},
    "lr 0.05 betas (0.8, 0.9) eps 1e-3": {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3},
    "with weight decay": {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3, "weight_decay": 0.3},
}


@pytest.mark.parametrize("case", list(ADAM_CASES))
@pytest.mark.parametrize("cls_name", ["Adam", "AdamW"])
def test_adam_and_adamw_follow_pytorch_for_ten_steps(cls_name, case):
    kwargs = ADAM_CASES[case]
    decoupled = cls_name == "AdamW"
    learner = run_learner(getattr(mod, cls_name)(**kwargs))
    full = {
        "lr": 1e-3,
        "betas": (0.9, 0.999),
        "eps": 1e-8,
        "weight_decay": 0.01 if decoupled else 0.0,
        **kwargs,
    }
    assert_trajectory(
        f"{cls_name}({case})", learner, ref_adam, ADAM_VARIANTS, decoupled=decoupled, **full
    )


def test_adamw_decay_is_not_rescaled_by_the_adaptive_step():
    # Zero gradients: Adam's step is 0 / (0 + eps) = 0, so AdamW multiplies p by exactly
    # (1 - lr wd) each step, while Adam with L2 decay moves p by about lr per step.
    params = {"w": np.array([2.0, -1.0])}
    opt = mod.AdamW(lr=0.1, weight_decay=0.5)
    for _ in range(3):
        step(opt, params, {"w": np.zeros(2)})
    if np.allclose(params["w"], [2.0 - 0.3, -1.0 + 0.3], atol=1e-6):
        pytest.fail(DECAY_SWAPPED[True])
    np.testing.assert_allclose(
        params["w"],
        np.array([2.0, -1.0]) * 0.95**3,
        rtol=1e-12,
        err_msg="with zero gradients AdamW is p *= (1 - lr * weight_decay) each step",
    )


def test_defaults_are_pytorchs():
    # Adam() has no weight decay, AdamW() decays by 0.01; both lr 1e-3, betas (0.9, 0.999).
    for cls_name, wd in (("Adam", 0.0), ("AdamW", 0.01)):
        learner = run_learner(getattr(mod, cls_name)(), n_steps=3)
        expected = run_reference(
            ref_adam,
            n_steps=3,
            lr=1e-3,
            betas=(0.9, 0.999),
            eps=1e-8,
            weight_decay=wd,
            decoupled=cls_name == "AdamW",
        )
        worst, _ = max_rel_gap(learner, expected)
        assert worst < 1e-12, (
            f"{cls_name}() does not use PyTorch's defaults (lr=1e-3, betas=(0.9, 0.999), "
            f"eps=1e-8, weight_decay={wd}): relative gap {worst:.1e}"
        )


def test_many_steps_stay_finite():
    # 200 Adam steps with the bias correction's 1 - beta**t near 1 and gradients near 0.
    params = {"w": np.array([1.0, -1.0])}
    opt = mod.Adam(lr=0.05)
    for _ in range(200):
        step(opt, params, {"w": 2 * params["w"]})
    assert np.all(np.isfinite(params["w"])) and np.all(np.abs(params["w"]) < 0.2), (
        f"200 Adam steps on w**2 from [1, -1] ended at {params['w']}: expected near 0"
    )


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls_name, kwargs, match",
    [
        ("SGD", {"lr": 0.0}, "lr"),
        ("SGD", {"lr": -0.1}, "lr"),
        ("SGD", {"lr": 0.1, "momentum": -0.5}, "momentum"),
        ("SGD", {"lr": 0.1, "momentum": 1.0}, "momentum"),
        ("SGD", {"lr": 0.1, "nesterov": True}, "nesterov"),
        ("SGD", {"lr": 0.1, "weight_decay": -1.0}, "weight_decay"),
        ("RMSprop", {"lr": -0.1}, "lr"),
        ("RMSprop", {"lr": 0.1, "alpha": 1.0}, "alpha"),
        ("RMSprop", {"lr": 0.1, "eps": 0.0}, "eps"),
        ("Adam", {"betas": (0.9, 1.0)}, "betas"),
        ("Adam", {"betas": 0.9}, "betas"),
        ("Adam", {"lr": "0.1"}, "lr"),
        ("AdamW", {"weight_decay": -0.01}, "weight_decay"),
        ("AdamW", {"eps": -1e-8}, "eps"),
    ],
)
def test_invalid_hyperparameters_are_a_value_error(cls_name, kwargs, match):
    cls = getattr(mod, cls_name)
    cls(**ALL[cls_name]).step({"w": np.ones(2)}, {"w": np.ones(2)})
    with pytest.raises(ValueError, match=match):
        cls(**kwargs)


@pytest.mark.parametrize(
    "params, grads, match",
    [
        ({"w": np.ones(2)}, {"x": np.ones(2)}, "not in params"),
        ({"w": np.ones(2)}, {"w": np.ones(3)}, "shape"),
        ({"w": [1.0, 2.0]}, {"w": np.ones(2)}, "in place"),
        ({"w": np.ones(2, dtype=int)}, {"w": np.ones(2)}, "float"),
        ({"w": np.ones(2)}, {"w": np.array([1.0, np.nan])}, "NaN"),
        ([np.ones(2)], [np.ones(2)], "dict"),
    ],
    ids=["unknown key", "shape", "list parameter", "integer parameter", "NaN gradient", "lists"],
)
@pytest.mark.parametrize("cls_name", list(ALL))
def test_bad_step_input_is_a_value_error(cls_name, params, grads, match):
    opt = getattr(mod, cls_name)(**ALL[cls_name])
    opt.step({"w": np.ones(2)}, {"w": np.ones(2)})
    with pytest.raises(ValueError, match=match):
        opt.step(params, grads)
