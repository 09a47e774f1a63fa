"""Tests for sequence/viterbi: Viterbi decoding and the forward algorithm of an HMM.

The truths are independent of any recursion: a hand-worked HMM, brute force over all S^T
state paths, closed forms for long sequences whose transition rows are all equal (the
path then decouples step by step), and the scaled probability-space forward pass.
"""

import itertools
import math

import numpy as np
import pytest

from kata.testing import SEEDS, fp_diagnosis, inputs_unchanged, load_kata, python_lines

mod = load_kata("sequence/viterbi")

NEG_INF = -np.inf

# The worked example of the statement: 0 rainy, 1 sunny; symbols 0 walk, 1 shop, 2 clean.
START = [0.6, 0.4]
TRANS = [[0.7, 0.3], [0.4, 0.6]]
EMIT = [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]
OBS = [0, 1, 2]


def log(p):
    with np.errstate(divide="ignore"):  # log(0) = -inf is a legal entry
        return np.log(np.asarray(p, dtype=float))


def hand_hmm():
    return log(START), log(TRANS), log(EMIT)


def random_hmm(rng, n_states, n_symbols, zero_share=0.0):
    """A normalized HMM in log space; ``zero_share`` of the entries are probability 0."""

    def rows(n, m):
        p = rng.dirichlet(np.ones(m), size=n)
        if zero_share:
            p = p * (rng.random((n, m)) >= zero_share)
            p[np.arange(n), rng.integers(m, size=n)] += 0.1  # every row keeps some mass
            p /= p.sum(axis=1, keepdims=True)
        return log(p)

    return rows(1, n_states)[0], rows(n_states, n_states), rows(n_states, n_symbols)


def joint(hmm, obs, path):
    """log P(path, obs), summed term by term in the order the statement writes it."""
    ls, lt, le = hmm
    total = ls[path[0]] + le[path[0], obs[0]]
    for t in range(1, len(obs)):
        total += lt[path[t - 1], path[t]] + le[path[t], obs[t]]
    return float(total)


def all_paths(hmm, obs):
    """Every state path of len(obs) and its joint log-probability (S^T of them)."""
    n_states = len(hmm[0])
    paths = list(itertools.product(range(n_states), repeat=len(obs)))
    return paths, np.array([joint(hmm, obs, p) for p in paths])


def log_sum(scores):
    return float(np.logaddexp.reduce(np.asarray(scores, dtype=float)))


def close(a, b, tol=1e-9):
    if b is None:  # a mistaken answer that does not apply to this input (e.g. T = 1)
        return False
    if a == b:  # covers -inf == -inf
        return True
    return bool(np.isfinite(a) and np.isfinite(b) and abs(a - b) <= tol * max(1.0, abs(b)))


def close_to_any(a, candidates):
    """close() to the one mistaken value, or to any of a list of them."""
    if not isinstance(candidates, list):
        candidates = [candidates]
    return any(close(a, b) for b in candidates)


LSE = np.logaddexp.reduce  # the test's own log-sum-exp (exact for -inf, no warning)


def best_of(hmm, obs):
    paths, scores = all_paths(hmm, obs)
    return list(paths[int(np.argmax(scores))]), float(np.max(scores)), log_sum(scores)


def stepwise_argmax_path(hmm, obs):
    """The mistaken answer: the best END state of every prefix, taken step by step."""
    path = []
    for t in range(1, len(obs) + 1):
        paths, scores = all_paths(hmm, obs[:t])
        path.append(paths[int(np.argmax(scores))][-1])
    return path


def without_first_emission(hmm, obs):
    """The model whose first emission is a certain symbol (log 1 = 0): an extra column of
    zeros that the first observation reads. (No subtraction, so -inf entries stay exact.)"""
    ls, lt, le = hmm
    le = np.hstack([le, np.zeros((le.shape[0], 1))])
    return (ls, lt, le), [le.shape[1] - 1, *list(obs)[1:]]


def previous_emission(obs):
    """Observations as seen by a step t that reads the emission of o_{t-1} instead of o_t."""
    obs = list(obs)
    return obs[:1] + obs[:-1]


def mistaken_trellis(hmm, obs, reduce, axis=0, broadcast="rows", final=None):
    """The last trellis column of a recursion with a possible mistake, or log P of the end
    reduction ``final`` over it. ``axis=1`` reduces the (from, to) table over the NEXT state;
    ``broadcast="cols"`` builds it as col[None, :] + log_trans (the previous state on the
    wrong axis); ``reduce="matmul"`` is a probability-space matrix product done on logs."""
    ls, lt, le = hmm
    col = ls + le[:, obs[0]]
    with np.errstate(all="ignore"):  # a mistaken formula may meet -inf * 0; never fail here
        for t in range(1, len(obs)):
            if reduce == "matmul":
                col = col @ lt + le[:, obs[t]]
                continue
            table = col[:, None] + lt if broadcast == "rows" else col[None, :] + lt
            col = reduce(table, axis=axis) + le[:, obs[t]]
    return col if final is None else float(final(col))


def wrong_axis_backpointer_path(hmm, obs):
    """The path read from back-pointers taken as the argmax over axis 1 (the next state),
    with the scores themselves right: the mistaken answer, to name it."""
    ls, lt, le = hmm
    delta = ls + le[:, obs[0]]
    back = []
    for t in range(1, len(obs)):
        scores = delta[:, None] + lt
        back.append(np.argmax(scores, axis=1))
        delta = np.max(scores, axis=0) + le[:, obs[t]]
    path = [int(np.argmax(delta))]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def viterbi_diagnosis(hmm, obs, path, log_prob):
    """None if (path, log_prob) is the brute-force optimum, else what the mistake is."""
    best_path, best, total = best_of(hmm, obs)
    path = np.asarray(path)
    if path.shape != (len(obs),):
        return (
            f"path has shape {path.shape} for T = {len(obs)} observations: the path has one "
            "state per observation. A back-pointer loop off by one drops (or adds) a state; "
            "start from the best last state and read s_{t-1} = back_t[s_t] for t = T-1 .. 1"
        )
    n_states = len(hmm[0])
    if not np.issubdtype(path.dtype, np.integer) or path.min() < 0 or path.max() >= n_states:
        return (
            f"path {path.tolist()} holds values that are not states 0 .. {n_states - 1}: an "
            "entry left unset? A backtracking loop that stops one step early leaves s_0 "
            "unwritten; it runs t = T-1 down to 1 and sets s_{t-1} = back_t[s_t]"
        )
    path = [int(s) for s in path]
    if best == NEG_INF and log_prob == NEG_INF:
        return None  # no path is possible: any path of valid states will do
    if close(log_prob, best) and path != best_path:
        if path[::-1] == best_path:
            return "the path is reversed: backtracking collects the states from the end"
        if path == stepwise_argmax_path(hmm, obs) and len(obs) > 1:
            return (
                f"path {path} is the argmax of delta_t at every step, not a backtracked path "
                f"(best: {best_path}): follow the back-pointers from the best last state"
            )
        wrong_axis = len(obs) > 1 and path == wrong_axis_backpointer_path(hmm, obs)
        first_unset = len(obs) > 1 and path[1:] == best_path[1:]
        named = []
        if wrong_axis:
            named.append(
                "it follows back-pointers taken as the argmax over axis 1 of the (from, to) "
                "table: back_t[j] is the best PREVIOUS state, the argmax over i (axis 0) of "
                "delta_{t-1}[i] + log_trans[i, j]"
            )
        if first_unset:
            named.append(
                "every state but the first is right, so s_0 was never read from the "
                "back-pointers: the backtracking loop must run down to t = 1 "
                "(t = T-1, ..., 1, setting s_{t-1} = back_t[s_t])"
            )
        if named:
            return f"path {path} (best: {best_path}): " + "; or ".join(named)
        return (
            f"log_prob is right but the path {path} does not achieve it (its log-probability "
            f"is {joint(hmm, obs, path):.6f}, the best {best_path} has {best:.6f}): "
            "backtracking off by one? back_t[j] is the best state at t-1 for state j at t, "
            "so s_{t-1} = back_t[s_t] (not back_{t-1}[s_t])"
        )
    if close(log_prob, best):
        return None
    ls, lt, le = hmm
    if best == NEG_INF:
        return (
            f"log_prob = {log_prob!r}, but no path is possible (every one has probability 0): "
            "it must be -inf. Were the -inf entries replaced by a large negative number? "
            "-inf + x = -inf and max(-inf, x) = x need no special case"
        )
    if abs(log_prob) < 1e-9 and best < -1e-6:
        return (
            f"log_prob = {log_prob!r}, expected {best:.6f}: was delta renormalized at every "
            "step (its max subtracted)? Log space cannot underflow, so it needs no rescaling; "
            "a rescaled delta keeps the argmax but loses the joint log-probability"
        )
    named = [
        (
            lambda: [
                mistaken_trellis(hmm, obs, np.max, axis=1, final=np.max),
                mistaken_trellis(hmm, obs, np.max, broadcast="cols", final=np.max),
            ],
            "the max runs over the wrong state: build the (from, to) table as "
            "delta_{t-1}[:, None] + log_trans (not delta[None, :]) and take the max over "
            "axis 0, the previous state i (not axis 1, the next state)",
        ),
        (
            lambda: best_of((ls, lt.T, le), obs)[1],
            "log_trans is used transposed: "
            "log_trans[i, j] is log P(j | i), so delta_t[j] maxes over i of "
            "delta_{t-1}[i] + log_trans[i, j] (rows FROM, columns TO)",
        ),
        (
            lambda: best_of(*without_first_emission(hmm, obs))[1],
            "the first observation's emission is missing: delta_0 = log_start + log_emit[:, o_0]",
        ),
        (
            lambda: best_of(hmm, obs[:-1])[1] if len(obs) > 1 else None,
            "the last observation is missing: the recursion runs for t = 1 .. T-1 inclusive "
            "(range(1, T)), one step per observation after the first",
        ),
        (
            lambda: best_of(hmm, previous_emission(obs))[1] if len(obs) > 1 else None,
            "step t adds the emission of the previous observation: delta_t[j] = max_i (...) "
            "+ log_emit[j, o_t], the symbol observed at t",
        ),
        (
            lambda: total,
            "log_prob is the forward log-likelihood (a log-sum-exp over paths): "
            "Viterbi takes the max over the previous state, not a sum",
        ),
    ]
    for value, what in named:
        if close_to_any(log_prob, value()):
            return f"log_prob = {log_prob:.6f}, expected {best:.6f}: {what}"
    if log_prob > best + 1e-9 * max(1.0, abs(best)):
        return (
            f"log_prob = {log_prob:.6f} is above the best path's log-probability {best:.6f}, "
            "so it is the score of no path: a log-sum-exp (a sum) where Viterbi takes a max?"
        )
    return (
        f"log_prob = {log_prob!r}, expected the best path's log P(path, observations) = "
        f"{best:.6f} (path {best_path})"
    )


def forward_diagnosis(hmm, obs, value):
    _, best, total = best_of(hmm, obs)
    if close(value, total):
        return None
    ls, lt, le = hmm
    if total == NEG_INF:
        return (
            f"forward_algorithm gave {value!r}, but no path is possible: log P(observations) "
            "is -inf. Were the -inf entries replaced by a large negative number?"
        )
    if abs(value) < 1e-9 and total < -1e-6:
        return (
            f"forward_algorithm gave {value!r}, expected {total:.6f}: was alpha normalized at "
            "every step and the normalizers dropped? Then log P(observations) is the sum of "
            "the logs of those normalizers; in log space no normalizing is needed at all"
        )
    named = [
        (
            lambda: best,
            "the forward algorithm returned the best path's log-probability: "
            "it SUMS over all paths (a log-sum-exp over the previous state at every step and over "
            "the last state at the end), where Viterbi takes the max",
        ),
        (
            lambda: best_of((ls, lt.T, le), obs)[2],
            "log_trans is used transposed: alpha_t[j] "
            "sums over i of alpha_{t-1}[i] + log_trans[i, j] (rows FROM, columns TO)",
        ),
        (
            lambda: best_of(*without_first_emission(hmm, obs))[2],
            "the first observation's emission is missing: alpha_0 = log_start + log_emit[:, o_0]",
        ),
        (
            lambda: [
                mistaken_trellis(hmm, obs, LSE, axis=1, final=LSE),
                mistaken_trellis(hmm, obs, LSE, broadcast="cols", final=LSE),
            ],
            "the log-sum-exp runs over the wrong state: build the (from, to) table as "
            "alpha_{t-1}[:, None] + log_trans (not alpha[None, :]) and reduce over axis 0, "
            "the previous state i (not axis 1, the next state)",
        ),
        (
            lambda: mistaken_trellis(hmm, obs, "matmul", final=LSE),
            "alpha @ log_trans multiplies log-probabilities: the matrix product is the "
            "forward step in probability space only; in logs each product becomes a sum and "
            "each sum a log-sum-exp, logsumexp_i (alpha_{t-1}[i] + log_trans[i, j])",
        ),
        (
            lambda: [
                mistaken_trellis(hmm, obs, np.max, final=LSE),
                mistaken_trellis(hmm, obs, LSE, final=np.max),
            ],
            "a max where a log-sum-exp belongs (in the recursion over the previous state, or "
            "at the end over the last state): the forward algorithm sums over every path",
        ),
        (
            lambda: best_of(hmm, obs[:-1])[2] if len(obs) > 1 else None,
            "the last observation is missing: the recursion runs for t = 1 .. T-1 inclusive "
            "(range(1, T)), one step per observation after the first",
        ),
        (
            lambda: best_of(hmm, previous_emission(obs))[2] if len(obs) > 1 else None,
            "step t adds the emission of the previous observation: alpha_t[j] = "
            "logsumexp_i (...) + log_emit[j, o_t], the symbol observed at t",
        ),
    ]
    for wrong, what in named:
        if close_to_any(value, wrong()):
            return f"forward_algorithm gave {value:.6f}, expected {total:.6f}: {what}"
    return f"forward_algorithm gave {value!r}, expected log P(observations) = {total:.6f}"


def run_viterbi(hmm, obs):
    with fp_diagnosis(
        "viterbi raised a floating-point error: a probability-space product underflowing "
        "to 0 and then log(0)? Work in log space: add log-probabilities, never multiply "
        "probabilities (and -inf entries need no special case when you only add and max)"
    ):
        return mod.viterbi(*hmm, obs)


def run_forward(hmm, obs):
    with fp_diagnosis(
        "forward_algorithm raised a floating-point error: alpha kept as probabilities, or "
        "log(sum(exp(a))) without the max shift, underflows to 0 and then log(0); and with the "
        "shift, an all -inf column gives -inf - -inf = NaN. "
        "Use m + log(sum(exp(a - m))) with m = max(a), and m replaced by 0 where it is -inf"
    ):
        return mod.forward_algorithm(*hmm, obs)


def scalar(value, what):
    """``value`` as a float, failing clearly when it is not a scalar (e.g. a (1,) array)."""
    if np.ndim(value) != 0:
        pytest.fail(
            f"{what} must be a scalar (a Python float), got {type(value).__name__} of shape "
            f"{np.shape(value)}: reduce over the last column completely and return float(...)"
        )
    return float(value)


def check_viterbi(hmm, obs):
    path, log_prob = run_viterbi(hmm, obs)
    log_prob = scalar(log_prob, "viterbi's log_prob")
    problem = viterbi_diagnosis(hmm, obs, path, float(log_prob))
    if problem:
        pytest.fail(problem)
    return path, log_prob


def check_forward(hmm, obs):
    value = scalar(run_forward(hmm, obs), "forward_algorithm's log-likelihood")
    problem = forward_diagnosis(hmm, obs, float(value))
    if problem:
        pytest.fail(problem)
    return value


# --- the worked example, by hand ---------------------------------------------------------------


def test_worked_example_viterbi():
    path, log_prob = check_viterbi(hand_hmm(), OBS)
    # By hand: delta_2 = [0.01344, 0.002592] and back-pointers [1, 1], [0, 1].
    assert [int(s) for s in path] == [1, 0, 0], f"path {path}, expected [1, 0, 0] (by hand)"
    assert math.isclose(float(log_prob), math.log(0.01344), rel_tol=1e-12), (
        f"log_prob {log_prob}, expected log(0.6 * ... ) = log(0.01344) by hand"
    )


def test_worked_example_forward():
    value = check_forward(hand_hmm(), OBS)
    # By hand: alpha_0 = [0.06, 0.24], alpha_1 = [0.0552, 0.0486], alpha_2 = [0.02904, 0.004572].
    assert math.isclose(float(value), math.log(0.033612), rel_tol=1e-12), (
        f"forward_algorithm gave {value}, expected log(0.02904 + 0.004572) = log(0.033612)"
    )


def test_a_single_observation():
    hmm = hand_hmm()
    # T = 1: no transition at all; the state maximizing start * emission, and their sum.
    path, log_prob = check_viterbi(hmm, [0])
    assert [int(s) for s in path] == [1], f"T = 1, symbol 0: path {path}, expected [1]"
    assert math.isclose(float(log_prob), math.log(0.24), rel_tol=1e-12), "T = 1: log(0.4 * 0.6)"
    value = check_forward(hmm, [2])
    assert math.isclose(float(value), math.log(0.6 * 0.5 + 0.4 * 0.1), rel_tol=1e-12), (
        "T = 1: forward is log(sum_s start[s] * emit[s, o_0])"
    )


def test_returns_an_int_path_and_float_scores():
    path, log_prob = run_viterbi(hand_hmm(), OBS)
    assert isinstance(path, np.ndarray) and path.dtype.kind in "iu", (
        f"path must be an integer ndarray, got {type(path).__name__} {getattr(path, 'dtype', '')}"
    )
    assert np.ndim(log_prob) == 0 and isinstance(float(log_prob), float), (
        f"log_prob must be a scalar, got {log_prob!r}"
    )
    value = run_forward(hand_hmm(), OBS)
    assert np.ndim(value) == 0, f"forward_algorithm must return a scalar, got {value!r}"


# --- brute force over every path ---------------------------------------------------------------

SIZES = [(2, 2, 6), (3, 4, 5), (4, 3, 4), (1, 3, 4)]  # (S, V, T); S = 1 has a single path


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: "S{}V{}T{}".format(*s))
def test_viterbi_matches_brute_force(size, seed):
    n_states, n_symbols, n_steps = size
    rng = np.random.default_rng(seed)
    hmm = random_hmm(rng, n_states, n_symbols)
    obs = rng.integers(n_symbols, size=n_steps)
    check_viterbi(hmm, obs)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: "S{}V{}T{}".format(*s))
def test_forward_matches_brute_force(size, seed):
    n_states, n_symbols, n_steps = size
    rng = np.random.default_rng(100 + seed)
    hmm = random_hmm(rng, n_states, n_symbols)
    obs = rng.integers(n_symbols, size=n_steps)
    check_forward(hmm, obs)


@pytest.mark.parametrize("seed", SEEDS)
def test_unnormalized_log_weights(seed):
    # Nothing requires the rows to sum to 1: the recursions are the same for any weights.
    rng = np.random.default_rng(200 + seed)
    hmm = (rng.normal(size=3) * 3, rng.normal(size=(3, 3)) * 3, rng.normal(size=(3, 2)) * 3)
    obs = rng.integers(2, size=5)
    check_viterbi(hmm, obs)
    check_forward(hmm, obs)


# --- long sequences: log space -----------------------------------------------------------------


def decoupled_hmm(rng, n_states, n_symbols):
    """Every transition row equal to q: the best state at t >= 1 is argmax_j (log q_j +
    log_emit[j, o_t]) whatever came before, so the optimum has a closed form."""
    ls, _, le = random_hmm(rng, n_states, n_symbols)
    q = random_hmm(rng, n_states, n_symbols)[0]
    return ls, np.tile(q, (n_states, 1)), le, q


@pytest.mark.parametrize("n_steps", [2000])
def test_long_sequence_viterbi_does_not_underflow(n_steps):
    rng = np.random.default_rng(7)
    ls, lt, le, q = decoupled_hmm(rng, 3, 4)
    obs = rng.integers(4, size=n_steps)
    path, log_prob = run_viterbi((ls, lt, le), obs)
    steps = q[:, None] + le[:, obs[1:]]  # (S, T-1): the per-step choice after the first
    expected_path = np.concatenate([[np.argmax(ls + le[:, obs[0]])], np.argmax(steps, axis=0)])
    expected = np.max(ls + le[:, obs[0]]) + np.sum(np.max(steps, axis=0))
    assert np.isfinite(log_prob), (
        f"log_prob is {log_prob} for T = {n_steps}: the probability of the best path is about "
        f"exp({expected:.0f}), far below the smallest float64 (1e-308), so a product of "
        "probabilities underflows to 0. Add log-probabilities instead"
    )
    assert math.isclose(float(log_prob), expected, rel_tol=1e-9), (
        f"log_prob {log_prob}, expected {expected} (closed form: equal transition rows make "
        "each step's best state independent of the others)"
    )
    np.testing.assert_array_equal(
        path, expected_path, err_msg="the best path of a decoupled HMM, step by step"
    )


@pytest.mark.parametrize("n_steps", [2000])
def test_long_sequence_forward_does_not_underflow(n_steps):
    rng = np.random.default_rng(8)
    ls, lt, le, q = decoupled_hmm(rng, 3, 4)
    obs = rng.integers(4, size=n_steps)
    value = run_forward((ls, lt, le), obs)
    # P(o) = (sum_j start_j e_j(o_0)) * prod_{t >= 1} sum_j q_j e_j(o_t), in logs.
    expected = log_sum(ls + le[:, obs[0]]) + np.sum(
        np.logaddexp.reduce(q[:, None] + le[:, obs[1:]])
    )
    assert np.isfinite(value), (
        f"forward_algorithm gave {value} for T = {n_steps}: P(observations) is about "
        f"exp({expected:.0f}), which underflows in probability space. Keep alpha in logs and "
        "combine with a log-sum-exp"
    )
    assert math.isclose(float(value), expected, rel_tol=1e-9), (
        f"forward_algorithm gave {value}, expected {expected} (closed form for equal rows)"
    )


def scaled_forward(hmm, obs):
    """Rabiner's scaled forward pass in probability space: alpha renormalized every step."""
    start, trans, emit = (np.exp(a) for a in hmm)
    alpha = start * emit[:, obs[0]]
    total = 0.0
    for t in range(len(obs)):
        if t:
            alpha = (alpha @ trans) * emit[:, obs[t]]
        scale = alpha.sum()
        total += math.log(scale)
        alpha = alpha / scale
    return total


@pytest.mark.parametrize("seed", SEEDS)
def test_long_random_hmm(seed):
    rng = np.random.default_rng(300 + seed)
    hmm = random_hmm(rng, 4, 5)
    ls, lt, le = hmm
    obs = rng.integers(5, size=1000)
    path, log_prob = run_viterbi(hmm, obs)
    path = np.asarray(path)
    assert path.shape == obs.shape, f"path has shape {path.shape}, expected {obs.shape}"
    assert path.min() >= 0 and path.max() < 4, "path holds values that are not states 0 .. 3"
    own = joint(hmm, obs, path)
    assert math.isclose(float(log_prob), own, rel_tol=1e-9), (
        f"log_prob {log_prob} is not the log-probability of the returned path ({own}): the "
        "path and the score disagree (backtracking off by one?)"
    )
    # An optimal path cannot be improved by changing one state: compare every (t, s).
    cand = le[:, obs]  # (S, T): emission of each alternative state
    cand = cand + np.where(np.arange(len(obs)) == 0, ls[:, None], 0.0)
    cand[:, 1:] += lt[path[:-1]].T
    cand[:, :-1] += lt[:, path[1:]]
    now = cand[path, np.arange(len(obs))]
    assert np.all(cand <= now + 1e-9), (
        "changing one state of the returned path increases its log-probability: the path is "
        "not the best one"
    )
    value = run_forward(hmm, obs)
    expected = scaled_forward(hmm, obs)
    assert math.isclose(float(value), expected, rel_tol=1e-9), (
        f"forward_algorithm gave {value}, the scaled probability-space forward pass {expected}"
    )
    assert log_prob <= value + 1e-9, "the best path cannot be likelier than all paths together"


# --- zero probabilities (-inf entries) ---------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_zero_probabilities_match_brute_force(seed):
    rng = np.random.default_rng(400 + seed)
    hmm = random_hmm(rng, 3, 3, zero_share=0.4)
    obs = rng.integers(3, size=5)
    check_viterbi(hmm, obs)
    check_forward(hmm, obs)


def test_left_to_right_hmm_with_unreachable_states():
    # Starts in state 0 and never moves back: states 1 and 2 are unreachable at t = 0, so
    # the forward pass meets columns that are entirely -inf.
    start = log([1.0, 0.0, 0.0])
    trans = log([[0.5, 0.5, 0.0], [0.0, 0.6, 0.4], [0.0, 0.0, 1.0]])
    emit = log([[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]])
    hmm, obs = (start, trans, emit), [0, 0, 1, 1]
    path, _ = check_viterbi(hmm, obs)
    assert int(path[0]) == 0, "the path starts in state 0, the only possible start"
    check_forward(hmm, obs)


def test_impossible_observations_give_minus_infinity():
    # State 0 only emits symbol 0 and nothing leads to state 1: "1" can never be observed.
    hmm = (log([1.0, 0.0]), log([[1.0, 0.0], [0.0, 1.0]]), log([[1.0, 0.0], [0.0, 1.0]]))
    path, log_prob = run_viterbi(hmm, [0, 1, 0])
    assert log_prob == NEG_INF, f"no path can emit [0, 1, 0], so log_prob is -inf, got {log_prob}"
    assert np.shape(path) == (3,) and set(np.asarray(path).tolist()) <= {0, 1}, (
        f"with every path at -inf the path is any 3 valid states, got {path}"
    )
    value = run_forward(hmm, [0, 1, 0])
    assert value == NEG_INF, f"log P(observations) is -inf (not NaN), got {value}"


# --- ties --------------------------------------------------------------------------------------


def test_ties_take_the_smallest_state_index():
    # Integer log-weights make every sum exact, so these ties are real ties.
    flat = (np.zeros(3), np.zeros((3, 3)), np.zeros((3, 2)))
    path, log_prob = run_viterbi(flat, [0, 1, 1, 0])
    assert [int(s) for s in path] == [0, 0, 0, 0], (
        f"every path ties: the smallest index at every argmax gives [0, 0, 0, 0], got {path}"
    )
    assert log_prob == 0.0, f"every path has log-weight 0, got {log_prob}"
    # Two tied best paths, [1, 1] and [0, 2]: the pinned rule compares the LAST state first
    # (argmax of delta_{T-1} takes 1), so the answer is [1, 1], not the lexicographic [0, 2].
    hmm = (
        [0.0, 0.0, -9.0],
        [[-9.0, -9.0, 0.0], [-9.0, 0.0, -9.0], [-9.0, -9.0, -9.0]],
        np.zeros((3, 1)),
    )
    paths, scores = all_paths(tuple(np.asarray(a, dtype=float) for a in hmm), [0, 0])
    tied = sorted(p for p, s in zip(paths, scores, strict=True) if s == np.max(scores))
    assert tied == [(0, 2), (1, 1)], "the test's own tie is real"
    path, log_prob = run_viterbi(hmm, [0, 0])
    assert [int(s) for s in path] == [1, 1], (
        f"tied best paths [0, 2] and [1, 1]: the last state is the smallest best one (1), "
        f"then each back-pointer the smallest best predecessor, giving [1, 1]; got {path}"
    )
    assert log_prob == 0.0, f"the best log-weight is 0, got {log_prob}"


# --- inputs and bad input ----------------------------------------------------------------------


def test_inputs_are_not_modified():
    rng = np.random.default_rng(9)
    ls, lt, le = random_hmm(rng, 3, 4, zero_share=0.3)
    obs = rng.integers(4, size=6)
    with inputs_unchanged("viterbi", log_start=ls, log_trans=lt, log_emit=le, obs=obs):
        mod.viterbi(ls, lt, le, obs)
    with inputs_unchanged("forward_algorithm", log_start=ls, log_trans=lt, log_emit=le, obs=obs):
        mod.forward_algorithm(ls, lt, le, obs)


def test_list_inputs_are_accepted():
    path, _ = mod.viterbi(
        [math.log(p) for p in START],
        [[math.log(p) for p in r] for r in TRANS],
        [[math.log(p) for p in r] for r in EMIT],
        OBS,
    )
    assert [int(s) for s in path] == [1, 0, 0], "nested lists must work like arrays"


BAD = {
    "NaN in log_trans": (
        0,
        "log_trans",
        lambda h: (h[0], np.where(h[1] < -1, np.nan, h[1]), h[2]),
    ),
    "+inf in log_start": (0, "log_start", lambda h: (np.array([np.inf, 0.0]), h[1], h[2])),
    "log_trans not square": (0, "log_trans", lambda h: (h[0], h[1][:, :1], h[2])),
    "log_emit with the wrong rows": (0, "log_emit", lambda h: (h[0], h[1], h[2][:1])),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("func", ["viterbi", "forward_algorithm"])
def test_bad_model_is_a_value_error(func, case):
    getattr(mod, func)(*hand_hmm(), OBS)  # the learner's code runs first
    _, name, make = BAD[case]
    with pytest.raises(ValueError, match=name):
        getattr(mod, func)(*make(hand_hmm()), OBS)


@pytest.mark.parametrize(
    "obs",
    [[0, 3, 1], [0, -1], [], [0.0, 1.0], [[0, 1]]],
    ids=["too-large", "negative", "empty", "floats", "2-D"],
)
@pytest.mark.parametrize("func", ["viterbi", "forward_algorithm"])
def test_bad_observations_are_a_value_error(func, obs):
    getattr(mod, func)(*hand_hmm(), OBS)
    with pytest.raises(ValueError, match="observations"):
        getattr(mod, func)(*hand_hmm(), obs)


# --- complexity, without a clock: Python lines counted -----------------------------------------


@pytest.mark.parametrize("func", ["viterbi", "forward_algorithm"])
def test_no_python_loop_over_states(func):
    # T = 30 steps of S = 200 states. One loop over the steps, each working on the (S, S)
    # scores at once, runs about 6 to 10 Python lines per step (the reference: 184 lines for
    # viterbi, 242 for forward_algorithm, the back-tracking loop included; a plainer answer
    # with a full (T, S) trellis and a logsumexp helper: 274 and 301). A loop over the 200
    # target states at each step runs at least one line per state, 200 per step (measured:
    # 5984 for a one-line comprehension over the states, 23 384 and 40 756 for a loop with
    # an argmax or a logsumexp per state).
    rng = np.random.default_rng(10)
    hmm = random_hmm(rng, 200, 8)
    obs = rng.integers(8, size=30)
    budget = 40 * 30
    lines = python_lines(getattr(mod, func), *hmm, obs, budget=budget)
    assert lines <= budget, (
        f"{func} on T = 30 steps of S = 200 states ran more than {budget} lines of Python (40 "
        "per step): is there a Python loop over the states (or over pairs of states) at each "
        "step? Loop over the time steps only, and within a step work on all S x S transitions "
        "at once: scores = prev[:, None] + log_trans, then "
        + ("max and argmax over axis 0" if func == "viterbi" else "a logsumexp over axis 0")
    )
