"""Tests for applied/q_learning: value_iteration and QLearning.

Value iteration is checked against the Bellman equations of policies solved exactly with
np.linalg.solve (and against brute force over every deterministic policy); Q-learning
against its update rule replayed by hand on scripted transitions.
"""

import contextlib
import itertools
import math
import signal
import time

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata, python_lines

mod = load_kata("applied/q_learning")


# --- oracles ----------------------------------------------------------------------------------


def evaluate(P, R, gamma, policy):
    """V_pi from the Bellman equations of a deterministic policy: (I - gamma P_pi) V = R_pi."""
    states = np.arange(P.shape[0])
    P_pi, R_pi = P[states, policy], R[states, policy]
    return np.linalg.solve(np.eye(P.shape[0]) - gamma * P_pi, R_pi)


def brute_force(P, R, gamma):
    """V* as the elementwise max of V_pi over all A^S deterministic policies."""
    S, A = R.shape
    values = [evaluate(P, R, gamma, np.array(pi)) for pi in itertools.product(range(A), repeat=S)]
    return np.max(values, axis=0)


def random_mdp(seed, S=4, A=3):
    rng = np.random.default_rng(seed)
    P = rng.random((S, A, S)) ** 3  # uneven rows
    P /= P.sum(axis=2, keepdims=True)
    R = rng.normal(size=(S, A))
    return P, R


def two_state_mdp():
    """Action 0 stays, action 1 switches; staying pays 1 in state 0 and 2 in state 1."""
    P = np.zeros((2, 2, 2))
    P[0, 0, 0] = P[0, 1, 1] = P[1, 0, 1] = P[1, 1, 0] = 1.0
    R = np.array([[1.0, 0.0], [2.0, 0.0]])
    return P, R


def solve(P, R, gamma, tol=1e-10):
    with inputs_unchanged("value_iteration", P=P, R=R):
        V, policy = mod.value_iteration(P, R, gamma, tol)
    V, policy = np.asarray(V), np.asarray(policy)
    S = R.shape[0]
    if policy.shape == (R.shape[1],) and S != R.shape[1]:
        pytest.fail(
            f"policy has shape {policy.shape}, one entry per ACTION: the greedy policy is an "
            "argmax over the actions (axis 1 of Q), one action per state"
        )
    assert V.shape == (S,), f"V has shape {V.shape}, expected ({S},)"
    assert policy.shape == (S,), f"policy has shape {policy.shape}, expected ({S},)"
    assert np.issubdtype(policy.dtype, np.integer), f"policy has dtype {policy.dtype}, not int"
    return V, policy


def wrong_axis_values(P, R, gamma, n_iter=2000):
    """The fixed point of the backup with P contracted over its FIRST axis (a mistake)."""
    V = np.zeros(P.shape[0])
    for _ in range(n_iter):
        V = (R + gamma * np.einsum("tas,t->sa", P, V)).max(axis=1)
    return V


def sweeps(P, R, gamma, tol, norm=lambda d: np.max(np.abs(d)), gauss_seidel=False):
    """The test's own value iteration: (V_old, V_new) of the first sweep whose change < tol.

    The defaults are the pinned convention (synchronous sweeps from V = 0, max-norm change);
    the keyword arguments give the classic variants, to name them.
    """
    V = np.zeros(P.shape[0])
    while True:
        if gauss_seidel:
            V_new = V.copy()
            for s in range(P.shape[0]):
                V_new[s] = (R[s] + gamma * P[s] @ V_new).max()
        else:
            V_new = (R + gamma * P @ V).max(axis=1)
        if norm(V_new - V) < tol:
            return V, V_new
        V = V_new


@contextlib.contextmanager
def deadline(seconds, message):
    """Fail with ``message`` if the block runs longer than ``seconds`` (SIGALRM, main thread).

    pytest-timeout's own alarm (10 s) is saved and re-armed afterwards; without setitimer
    (Windows) the block simply runs under pytest-timeout.
    """
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(message)

    previous = signal.signal(signal.SIGALRM, expired)
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, min(seconds, remaining) if remaining else seconds)
    try:
        yield
    except TimeoutError as exc:
        if str(exc) != message:
            raise
        pytest.fail(message, pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining:
            signal.setitimer(
                signal.ITIMER_REAL, max(remaining - (time.perf_counter() - start), 1e-3)
            )


# --- value iteration ------------------------------------------------------------------------


def test_value_iteration_worked_example():
    P, R = two_state_mdp()
    with deadline(
        3.0,
        "value_iteration did not stop within 3 s on a 2-state MDP (the answer takes ~200 "
        "sweeps): is gamma missing from the backup (V then grows forever), or does the "
        "stopping test never become true? Stop when max |V_new - V_old| < tol",
    ):
        V, policy = solve(P, R, 0.9)
    if np.allclose(V, [10, 20], atol=1e-6):
        pytest.fail("V = [10, 20]: the max over actions was not taken (state 0 should switch)")
    if np.allclose(V, [0, 0]):
        pytest.fail(
            "V = [0, 0]: the backup took the MIN over actions (switching forever pays 0), or V "
            "never moved from its start; iterate V <- max_a (R + gamma P V)"
        )
    if np.allclose(V, [1, 2]):
        pytest.fail(
            "V = [1, 2], the rewards alone: iterate V <- max_a (R + gamma P V) until "
            "max |V_new - V_old| < tol, not once"
        )
    err = float(np.max(np.abs(V - [18, 20])))
    if 1e-7 < err < 0.1:
        pytest.fail(
            f"V = {V} is {err:.1e} from V* = [18, 20], but tol=1e-10 allows ~1e-9: stop when "
            "max |V_new - V_old| < tol, not after a fixed number of sweeps"
        )
    np.testing.assert_allclose(
        V, [18, 20], atol=1e-7, err_msg="V(1) = 2 / (1 - 0.9) = 20, V(0) = 0.9 * 20 = 18"
    )
    assert policy.tolist() == [1, 0], f"state 0 switches, state 1 stays: got policy {policy}"


def test_a_loose_tol_returns_the_exact_sweep_where_the_change_fell_below_tol():
    # Worked example with tol = 1.9: V_1 = [1, 2] (change 2), V_2 = [1.9, 3.8] (change 1.8 <
    # 1.9): return V_2, and the policy greedy w.r.t. V_2 switches in state 0 (0.9 * 3.8 = 3.42
    # > 1 + 0.9 * 1.9), whereas greedy w.r.t. V_1 (the Q of the last sweep) still stays.
    P, R = two_state_mdp()
    V, policy = solve(P, R, 0.9, 1.9)
    if np.allclose(V, [1, 2]):
        pytest.fail(
            "with tol=1.9 V = [1, 2], the first sweep: either V_old was returned (return V_new, "
            "the sweep whose change fell below tol) or the loop stopped a sweep early (the "
            "rule is the absolute change max_s |V_new - V_old| < tol); expected V_2 = [1.9, 3.8]"
        )
    if np.allclose(V, sweeps(P, R, 0.9, 1.9, norm=lambda d: np.sum(np.abs(d)))[1]):
        pytest.fail(
            "with tol=1.9 V went past V_2 = [1.9, 3.8]: the stopping rule used the SUM of "
            "|V_new - V_old|; it is the max over states"
        )
    np.testing.assert_allclose(
        V, [1.9, 3.8], rtol=1e-12, err_msg="tol=1.9: two sweeps from V = 0 give [1.9, 3.8]"
    )
    if policy.tolist() == [0, 0]:
        pytest.fail(
            "policy [0, 0] is greedy w.r.t. V_1 (the Q of the last sweep): the returned policy "
            "is greedy w.r.t. the RETURNED V, argmax_a (R + gamma P V_2) = [1, 0]"
        )
    assert policy.tolist() == [1, 0], (
        f"tol=1.9: the policy greedy w.r.t. V_2 is [1, 0], got {policy}"
    )


@pytest.mark.parametrize("tol", [0.3, 0.03, 3e-4])
def test_sweeps_are_synchronous_from_zero_with_the_max_norm(tol):
    # A loose tol stops after a few sweeps: the returned V is then exactly the test's own
    # iterate, and every variant of the loop gives a different one.
    P, R = random_mdp(7, S=5, A=3)
    V, _ = solve(P, R, 0.9, tol)
    old, expected = sweeps(P, R, 0.9, tol)
    if np.allclose(V, expected, rtol=1e-10, atol=1e-12):
        return
    variants = [
        (old, "V_old was returned: return V_new, the sweep whose change fell below tol"),
        (
            sweeps(P, R, 0.9, tol, gauss_seidel=True)[1],
            "the sweep updated V in place state by state (Gauss-Seidel): the convention is "
            "a synchronous backup of all states at once, V_new = max_a (R + gamma P V_old)",
        ),
        (
            sweeps(P, R, 0.9, tol, norm=lambda d: np.sum(np.abs(d)))[1],
            "the stopping rule used the SUM of |V_new - V_old|: it is the max over states",
        ),
    ]
    for wrong, what in variants:
        if np.allclose(V, wrong, rtol=1e-10, atol=1e-12):
            pytest.fail(f"with tol={tol}: {what}")
    np.testing.assert_allclose(
        V,
        expected,
        rtol=1e-10,
        err_msg=f"with tol={tol}, V must be the first synchronous sweep from V = 0 whose max "
        "change is < tol",
    )


def test_gamma_zero_is_the_best_immediate_reward():
    P, R = random_mdp(0)
    V, policy = solve(P, R, 0.0)
    np.testing.assert_allclose(V, R.max(axis=1), atol=1e-12, err_msg="gamma=0: V = max_a R")
    if np.array_equal(policy, R.argmin(axis=1)):
        pytest.fail("gamma=0 gave argmin_a R: value iteration maximizes")
    assert policy.tolist() == R.argmax(axis=1).tolist(), "gamma=0: policy = argmax_a R"


def test_the_expectation_is_over_the_next_state_axis():
    P, R = random_mdp(1, S=3, A=2)
    V, _ = solve(P, R, 0.8)
    expected = brute_force(P, R, 0.8)
    if not np.allclose(V, expected, atol=1e-6) and np.allclose(
        V, wrong_axis_values(P, R, 0.8), atol=1e-6
    ):
        pytest.fail(
            "value_iteration took the expectation over the wrong axis of P: P[s, a, t] is the "
            "probability of the NEXT state t, so sum over the last axis (P @ V)"
        )
    np.testing.assert_allclose(V, expected, atol=1e-6, err_msg="V differs from V* (brute force)")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("gamma", [0.5, 0.95])
def test_value_iteration_matches_brute_force_over_policies(seed, gamma):
    P, R = random_mdp(10 + seed)
    tol = 1e-9
    V, policy = solve(P, R, gamma, tol)
    v_star = brute_force(P, R, gamma)
    bound = gamma / (1 - gamma) * tol + 1e-12
    if np.allclose(V, -brute_force(P, -R, gamma), atol=1e-6):
        pytest.fail("value_iteration minimized: the Bellman optimality backup takes max_a")
    assert np.max(np.abs(V - v_star)) <= bound, (
        f"V is {np.max(np.abs(V - v_star)):.2e} from V* (the best V_pi over all 81 policies); "
        f"the stopping rule guarantees {bound:.1e}"
    )
    np.testing.assert_allclose(
        evaluate(P, R, gamma, policy),
        v_star,
        atol=1e-8,
        err_msg="the returned policy is not optimal: solving its Bellman equations "
        "(I - gamma P_pi) V = R_pi does not give V*",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_values_satisfy_the_bellman_equations_of_the_policy(seed):
    P, R = random_mdp(20 + seed, S=6, A=2)
    V, policy = solve(P, R, 0.9, 1e-10)
    np.testing.assert_allclose(
        V,
        evaluate(P, R, 0.9, policy),
        atol=1e-8,
        err_msg="V is not the value of the returned policy (np.linalg.solve of its Bellman "
        "equations)",
    )
    Q = R + 0.9 * P @ V
    np.testing.assert_allclose(V, Q.max(axis=1), atol=1e-8, err_msg="V != max_a (R + gamma P V)")
    assert np.array_equal(policy, Q.argmax(axis=1)), "policy is not greedy w.r.t. the returned V"


def test_the_stopping_rule_uses_tol():
    # gamma = 0.99 needs about 2000 sweeps for tol = 1e-8: a fixed small number of sweeps
    # stops far from V*; a loose tol must stop early but within its bound.
    P, R = random_mdp(30)
    v_star = brute_force(P, R, 0.99)
    V, _ = solve(P, R, 0.99, 1e-8)
    assert np.max(np.abs(V - v_star)) < 1e-5, (
        f"with tol=1e-8 and gamma=0.99, V is {np.max(np.abs(V - v_star)):.1e} from V*: stop "
        "when max |V_new - V_old| < tol, not after a fixed number of sweeps"
    )
    loose, _ = solve(P, R, 0.99, 1e-2)
    gap = np.max(np.abs(loose - v_star))
    assert gap <= 0.99 / 0.01 * 1e-2 + 1e-9, f"with tol=1e-2, V is {gap:.2f} from V*"
    assert gap > 1e-6, "tol=1e-2 gave a V as exact as tol=1e-8: is tol used to stop?"


def test_policy_ties_go_to_the_lowest_action():
    P, R = random_mdp(40, S=3, A=2)
    P = np.concatenate([P[:, :1], P[:, :1], P], axis=1)  # actions 0 and 1 are identical
    R = np.concatenate([R[:, :1] + 5, R[:, :1] + 5, R], axis=1)  # and the best
    _, policy = solve(P, R, 0.9)
    assert policy.tolist() == [0, 0, 0], (
        f"actions 0 and 1 are identical and optimal: ties go to the lowest, got {policy}"
    )


def test_absorbing_state_with_zero_reward_has_value_zero():
    P, R = random_mdp(41, S=3, A=2)
    P[2] = 0.0
    P[2, :, 2] = 1.0
    R[2] = 0.0
    V, _ = solve(P, R, 0.9)
    assert abs(V[2]) < 1e-12, f"an absorbing state with reward 0 is worth 0, got {V[2]}"


def test_value_iteration_input_is_not_modified():
    P, R = random_mdp(42)
    with inputs_unchanged("value_iteration", P=P, R=R):
        mod.value_iteration(P, R, 0.9, 1e-8)


def test_value_iteration_bad_input():
    P, R = two_state_mdp()
    solve(P, R, 0.9)
    with pytest.raises(ValueError, match="P"):
        mod.value_iteration(P * 0.5, R, 0.9, 1e-8)
    with pytest.raises(ValueError, match="R"):
        mod.value_iteration(P, R[:, :1], 0.9, 1e-8)
    with pytest.raises(ValueError, match="gamma"):
        mod.value_iteration(P, R, 1.0, 1e-8)
    with pytest.raises(ValueError, match="tol"):
        mod.value_iteration(P, R, 0.9, 0.0)


# --- Q-learning: the update ---------------------------------------------------------------------


def make_agent(**kwargs):
    params = {"alpha": 0.5, "gamma": 0.9, "epsilon": 0.0, "random_state": 0}
    params.update(kwargs)
    return mod.QLearning(2, 2, **params)


def test_q_starts_at_zero():
    agent = mod.QLearning(5, 3, random_state=0)
    agent.act(0)
    Q = np.asarray(agent.Q)
    assert Q.shape == (5, 3), f"Q has shape {Q.shape}, expected (n_states, n_actions) = (5, 3)"
    assert Q.dtype == np.float64 and not Q.any(), "Q starts as float64 zeros"


def test_one_update_by_hand():
    agent = make_agent()
    agent.Q[1] = [2.0, 4.0]
    agent.update(0, 0, 1.0, 1, False)
    got = float(agent.Q[0, 0])
    # target = 1 + 0.9 * max(2, 4) = 4.6; Q[0, 0] = 0 + 0.5 * (4.6 - 0) = 2.3
    named = [
        (
            0.5 * (1 + 0.9 * 3),
            "the MEAN of Q[s_next] was used (expected SARSA): Q-learning "
            "takes max_a' Q[s_next, a']",
        ),
        (
            0.5 * (1 + 0.9 * 2),
            "Q[s_next, a] (the same action in the next state) or the min "
            "over the next actions was used: Q-learning takes max_a' Q[s_next, a']",
        ),
        (4.6, "Q[s, a] was set to the target: the step is Q += alpha * (target - Q)"),
        (0.5 * 5.0, "gamma is missing: target = r + gamma * max Q[s_next]"),
        (0.5, "the transition was treated as terminal (done=False must bootstrap)"),
        (0.5 * 4.6 * 0.9, "the TD error was discounted: target = r + gamma * max Q[s_next]"),
    ]
    for wrong, what in named:
        if math.isclose(got, wrong, rel_tol=1e-12) and not math.isclose(wrong, 2.3):
            pytest.fail(f"Q[0, 0] = {got} after one update, not 2.3: {what}")
    assert math.isclose(got, 2.3, rel_tol=1e-12), f"Q[0, 0] = {got}, expected 2.3"


def test_terminal_transitions_do_not_bootstrap():
    agent = make_agent()
    agent.Q[1] = [2.0, 4.0]
    agent.update(0, 1, 1.0, 1, True)
    got = float(agent.Q[0, 1])
    if math.isclose(got, 2.3):
        pytest.fail(
            "done=True bootstrapped from Q[s_next]: a terminal transition has no future, so "
            "the target is r alone (Q[0, 1] = 0.5 * 1 = 0.5, not 2.3)"
        )
    if got == 0.0:
        pytest.fail(
            "done=True gave a target of 0: a terminal transition's target is the reward r "
            "(no bootstrap), so Q[0, 1] = 0.5 * 1 = 0.5"
        )
    assert math.isclose(got, 0.5, rel_tol=1e-12), f"terminal update: Q[0, 1] = {got}, not 0.5"


def test_update_changes_only_q_s_a():
    agent = mod.QLearning(4, 3, alpha=0.3, gamma=0.8, epsilon=0.0, random_state=0)
    agent.Q[:] = np.arange(12.0).reshape(4, 3)
    before = np.array(agent.Q, copy=True)
    agent.update(2, 1, -1.0, 1, False)
    changed = np.argwhere(np.asarray(agent.Q) != before).tolist()
    assert changed == [[2, 1]], f"update(2, 1, ...) changed Q at {changed}; only Q[2, 1] changes"
    expected = 7 + 0.3 * (-1 + 0.8 * 5 - 7)  # max Q[1] = max(3, 4, 5) = 5
    got = float(agent.Q[2, 1])
    named = [
        (7 + 0.3 * (-1 + 0.8 * 11 - 7), "the max over the WHOLE table: use max Q[s_next]"),
        (7 + 0.3 * (-1 + 0.8 * 10 - 7), "the max over Q[:, a] (a column): use max Q[s_next, :]"),
        (7 + 0.3 * (-1 + 0.8 * 4 - 7), "the MEAN of Q[s_next] (expected SARSA): use the max"),
    ]
    for wrong, what in named:
        if math.isclose(got, wrong, rel_tol=1e-12):
            pytest.fail(f"Q[2, 1] = {got}, not {expected}: the target took {what}")
    assert math.isclose(got, expected, rel_tol=1e-12), (
        f"Q[2, 1] = {got}, expected 7 + 0.3 * (-1 + 0.8 * max Q[1] - 7) = {expected}"
    )


def test_repeated_updates_use_a_constant_alpha():
    agent = make_agent()
    for _ in range(3):
        agent.update(0, 0, 1.0, 1, True)  # targets 1: Q = 0.5, 0.75, 0.875
    got = float(agent.Q[0, 0])
    if math.isclose(got, 0.5 + 0.25 * 0.5 + 0.5 / 3 * (1 - 0.625), rel_tol=1e-9) or got < 0.8:
        pytest.fail(
            f"Q[0, 0] = {got} after three updates toward 1 with alpha = 0.5, not 0.875: "
            "alpha is a constant step (no decay with the number of updates)"
        )
    assert math.isclose(got, 0.875, rel_tol=1e-12), f"Q[0, 0] = {got}, expected 0.875"


def test_a_self_loop_uses_the_value_before_the_update():
    agent = make_agent()
    agent.Q[0] = [1.0, 3.0]
    agent.update(0, 1, 0.0, 0, False)  # target 0.9 * max(1, 3) = 2.7; Q = 3 + 0.5 (2.7 - 3)
    assert math.isclose(agent.Q[0, 1], 2.85, rel_tol=1e-12), (
        f"self-loop update gave Q[0, 1] = {agent.Q[0, 1]}, expected 2.85 (the target uses Q "
        "before Q[s, a] changes)"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_scripted_transitions_against_the_update_rule(seed):
    rng = np.random.default_rng(seed)
    S, A, alpha, gamma = 4, 3, 0.3, 0.85
    agent = mod.QLearning(S, A, alpha=alpha, gamma=gamma, epsilon=0.2, random_state=seed)
    Q = np.zeros((S, A))
    for _ in range(200):
        s, a, s_next = int(rng.integers(S)), int(rng.integers(A)), int(rng.integers(S))
        r, done = float(rng.normal()), bool(rng.random() < 0.2)
        agent.update(s, a, r, s_next, done)
        target = r if done else r + gamma * Q[s_next].max()
        Q[s, a] += alpha * (target - Q[s, a])
    np.testing.assert_allclose(
        agent.Q,
        Q,
        rtol=1e-12,
        atol=1e-12,
        err_msg="Q after 200 scripted transitions differs from the update rule replayed by hand",
    )


# --- Q-learning: acting -------------------------------------------------------------------------


def test_greedy_act_with_ties_to_the_lowest_action():
    agent = mod.QLearning(2, 4, epsilon=0.0, random_state=0)
    firsts = [agent.act(0) for _ in range(20)]
    if len(set(firsts)) > 1:
        pytest.fail(
            f"with epsilon=0 and all Q equal, act(0) returned several actions "
            f"{sorted(set(firsts))}: epsilon=0 is pure greedy (epsilon is the probability of "
            "EXPLORING), and a tie goes to the lowest action (np.argmax), not a random one"
        )
    assert firsts[0] == 0, "all Q equal: act returns action 0 (ties to the lowest)"
    agent.Q[1] = [0.0, 2.0, 1.0, 2.0]
    agent.Q[0] = [0.0, 0.0, 0.5, 0.0]
    if agent.act(0) != 2:
        pytest.fail(
            f"act(0) = {agent.act(0)} with Q[0] = [0, 0, 0.5, 0]: act(s) is argmax Q[s], the "
            "row of state s (not an argmax over the whole table)"
        )
    got = [agent.act(1) for _ in range(5)]
    if got == [3] * 5:
        pytest.fail("actions 1 and 3 tie and act chose 3: ties go to the LOWEST action")
    assert got == [1] * 5, f"epsilon=0: act(1) = argmax Q[1] = 1, got {got}"


def test_exploration_rate():
    eps, n = 0.4, 4000
    agent = mod.QLearning(1, 4, epsilon=eps, random_state=1)
    agent.Q[0] = [0.0, 0.0, 1.0, 0.0]
    before = np.array(agent.Q, copy=True)
    share = float(np.mean([agent.act(0) == 2 for _ in range(n)]))
    np.testing.assert_array_equal(agent.Q, before, err_msg="act must not change Q")
    expected = 1 - eps + eps / 4
    sd = math.sqrt(expected * (1 - expected) / n)
    if abs(share - (1 - eps)) < 5 * sd:
        pytest.fail("exploration chose only among the non-greedy actions; it draws from all")
    if abs(share - (eps + (1 - eps) / 4)) < 5 * sd:
        pytest.fail("epsilon was treated as the probability of acting greedily")
    assert abs(share - expected) < 5 * sd, (
        f"the greedy action was taken {share:.3f} of the time, expected 1 - eps + eps/4 = "
        f"{expected:.3f}"
    )


def test_epsilon_one_explores_every_action_uniformly():
    agent = mod.QLearning(1, 4, epsilon=1.0, random_state=3)
    agent.Q[0] = [0.0, 0.0, 1.0, 0.0]
    draws = [agent.act(0) for _ in range(4000)]
    counts = np.bincount(draws, minlength=4)
    if len(set(draws)) == 1:
        pytest.fail(
            f"epsilon=1 took action {draws[0]} 4000 times: is the generator re-created at "
            "every act? Make it once in __init__ (check_random_state) and keep drawing from it"
        )
    if counts[-1] == 0 and counts[:-1].min() > 0:
        pytest.fail(
            "epsilon=1 never explored the LAST action: rng.integers(n_actions) already "
            "excludes n_actions (integers(n_actions - 1) drops the last action)"
        )
    chi2 = float(np.sum((counts - 1000) ** 2 / 1000))  # 3 dof: the 0.9999 quantile is 21.1
    assert chi2 < 25, f"epsilon=1: action counts {counts.tolist()} are not uniform"


def test_act_random_state():
    a = mod.QLearning(3, 5, epsilon=0.5, random_state=7)
    b = mod.QLearning(3, 5, epsilon=0.5, random_state=7)
    first = [a.act(s % 3) for s in range(100)]
    assert first == [b.act(s % 3) for s in range(100)], "random_state=7 twice: different actions"
    c = mod.QLearning(3, 5, epsilon=0.5, random_state=8)
    assert first != [c.act(s % 3) for s in range(100)], (
        "random_state 7 and 8 gave the same actions"
    )


def test_act_uses_and_advances_a_generator():
    gen = np.random.default_rng(9)
    a = mod.QLearning(2, 6, epsilon=1.0, random_state=gen)
    b = mod.QLearning(2, 6, epsilon=1.0, random_state=gen)
    first, second = [a.act(0) for _ in range(50)], [b.act(0) for _ in range(50)]
    assert first != second, (
        "two agents sharing one Generator chose the same actions: use the Generator as given "
        "(it advances), do not re-seed from it"
    )
    again = mod.QLearning(2, 6, epsilon=1.0, random_state=np.random.default_rng(9))
    assert [again.act(0) for _ in range(50)] == first, (
        "a fresh Generator with the same seed must give the same actions"
    )


def test_q_learning_bad_input():
    agent = mod.QLearning(3, 2, random_state=0)
    agent.act(0)
    with pytest.raises(ValueError, match="s"):
        agent.act(3)
    with pytest.raises(ValueError, match="a"):
        agent.update(0, 2, 1.0, 1, False)
    with pytest.raises(ValueError, match="s_next"):
        agent.update(0, 1, 1.0, -1, False)
    with pytest.raises(ValueError, match="done"):
        agent.update(0, 1, 1.0, 1, "no")
    with pytest.raises(ValueError, match="alpha"):
        mod.QLearning(3, 2, alpha=0.0)


def test_q_learning_sweeps_converge_to_q_star():
    # A deterministic MDP swept with alpha = 1: each sweep of updates over every (s, a) is a
    # Q-value iteration, so Q -> Q* = R + gamma P V*, with V* from brute force.
    rng = np.random.default_rng(50)
    S, A, gamma = 4, 2, 0.8
    nxt = rng.integers(S, size=(S, A))
    P = np.zeros((S, A, S))
    P[np.arange(S)[:, None], np.arange(A)[None, :], nxt] = 1.0
    R = rng.normal(size=(S, A))
    agent = mod.QLearning(S, A, alpha=1.0, gamma=gamma, epsilon=0.0, random_state=0)
    for _ in range(150):
        for s in range(S):
            for a in range(A):
                agent.update(s, a, float(R[s, a]), int(nxt[s, a]), False)
    q_star = R + gamma * P @ brute_force(P, R, gamma)
    np.testing.assert_allclose(agent.Q, q_star, atol=1e-8, err_msg="sweeps must converge to Q*")
    assert [agent.act(s) for s in range(S)] == q_star.argmax(axis=1).tolist(), (
        "with epsilon=0, act(s) = argmax Q[s]: the optimal policy after convergence"
    )


# --- complexity, without a clock: Python lines counted ----------------------------------------


def test_value_iteration_sweeps_are_vectorized():
    # 153 sweeps at gamma = 0.9, tol = 1e-6 on 60 states and 3 actions. Whole-array sweeps
    # run 803 lines of Python (the reference); a loop over the states, each a small
    # (A, S) @ (S,) product, 24685, and one over the (s, a) pairs 64296: both accepted.
    # Loops over (s, a, next state) run 2963016 lines, and 1489896 as a sum over a generator.
    S = 60
    P, R = random_mdp(60, S=S, A=3)
    budget = 200_000
    lines = python_lines(mod.value_iteration, P, R, 0.9, 1e-6, budget=budget)
    assert lines <= budget, (
        f"value_iteration ran more than {budget} lines of Python for about 150 sweeps on "
        f"{S} states: a Python loop over the next states t, inside loops over s and a? The "
        "expectation over t is a product, not a loop: a sweep is R + gamma * (P @ V), an "
        "(S, A, S) @ (S,) product, then a max over axis 1"
    )
