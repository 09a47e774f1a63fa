"""Kata applied/q_learning: Value iteration and tabular Q-learning.

Difficulty 2 (standard), target time 30 minutes.

Two ways to act optimally in a finite Markov decision process. When the model is known
(transition probabilities P and rewards R), `value_iteration` applies the Bellman
optimality backup until the values stop moving, then reads off a greedy policy. When it
is not, `QLearning` learns action values from single transitions (s, a, r, s', done),
choosing actions epsilon-greedily.

Math:
    Bellman optimality   V*(s) = max_a [ R(s, a) + gamma * sum_t P(t | s, a) V*(t) ]
    value iteration      Q_k(s, a) = R(s, a) + gamma * sum_t P[s, a, t] V_k(t)
                         V_{k+1}(s) = max_a Q_k(s, a);  stop when max_s |V_{k+1} - V_k| < tol
                         (a gamma-contraction: ||V_{k+1} - V*|| <= gamma/(1-gamma) * tol)
    greedy policy        pi(s) = argmax_a [ R(s, a) + gamma * sum_t P[s, a, t] V(t) ]
    policy evaluation    V_pi solves (I - gamma P_pi) V_pi = R_pi, with
                         P_pi[s, t] = P[s, pi(s), t] and R_pi[s] = R[s, pi(s)]
    Q-learning           target = r                              if done
                         target = r + gamma * max_a' Q[s', a']    otherwise
                         Q[s, a] <- Q[s, a] + alpha * (target - Q[s, a])

Shapes: P (S, A, S) with P[s, a, t] = P(next state t | state s, action a); R (S, A).
value_iteration returns V, float64 (S,), and policy, int64 (S,). QLearning.Q is a float64
(n_states, n_actions) array; act returns a Python int.

Conventions:
- value_iteration starts from V = 0 and iterates V <- max_a (R + gamma P V) (all states at
  once) until max_s |V_new - V_old| < tol; it returns V_new and the greedy policy with
  respect to that V, ties to the LOWEST action. gamma is in [0, 1) and tol > 0; P must be
  (S, A, S) with non-negative rows summing to 1 and R (S, A): else a ValueError (the stub
  checks it).
- QLearning.Q starts as zeros of shape (n_states, n_actions); it is a public attribute
  that the tests read and may set.
- update(s, a, r, s_next, done) changes Q[s, a] only. A terminal transition (done=True)
  does not bootstrap: its target is r alone, whatever Q[s_next] holds. The target uses
  the max over the next state's actions (Q-learning is off-policy), computed before
  Q[s, a] changes.
- act(s): with probability epsilon an action drawn uniformly from ALL n_actions (the
  greedy one included), else argmax Q[s] with ties to the lowest action. act never
  changes Q. Randomness comes only from check_random_state(random_state), made once in
  __init__ (the stub does it).
- States and actions are ints in range, done a bool, alpha in (0, 1], gamma and epsilon in
  [0, 1]: else a ValueError (the stub checks them). Inputs are never modified.

Complexity: one value-iteration sweep is O(S^2 A) (one (S, A, S) @ (S,) product, no Python
loop over states); the number of sweeps is about log(tol (1 - gamma)) / log(gamma). A
Q-learning update or act is O(A).

Pitfalls:
- Bootstrapping from a terminal state: with done=True the target is r, not
  r + gamma max Q[s_next].
- The expectation over the wrong axis of P (the next state is the LAST axis).
- min instead of max, the mean over next actions (that is expected SARSA) or
  Q[s_next, a] (SARSA with the same action) instead of max_a' Q[s_next, a'].
- The policy's argmax over the wrong axis (one action per state: axis 1), or ties not going
  to the lowest action.
- Stopping after a fixed number of sweeps instead of on the change, or returning V_old.
- Forgetting alpha (Q[s, a] = target) or gamma.

Worked example (two states; action 0 stays, action 1 switches; R = [[1, 0], [2, 0]]):
    gamma = 0.9: staying in state 1 is worth 2 / (1 - 0.9) = 20; in state 0, staying
    gives 1 / 0.1 = 10 but switching gives 0 + 0.9 * 20 = 18 -> V = [18, 20],
    policy = [1, 0].
    QLearning(2, 2, alpha=0.5, gamma=0.9) with Q[1] = [2, 4]:
    update(0, 1, 1.0, 1, False): target 1 + 0.9 * 4 = 4.6, Q[0, 1] = 0.5 * 4.6 = 2.3;
    update(0, 0, 1.0, 1, True): target 1, Q[0, 0] = 0.5.

Run `pytest --kata applied/q_learning` to check your work; hints are in
hints/applied/q_learning.md.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_random_state, check_scalar


def value_iteration(P, R, gamma=0.9, tol=1e-8):
    """Optimal state values and a greedy optimal policy of a finite MDP.

    Parameters
    ----------
    P : array-like of shape (S, A, S)
        ``P[s, a, t]`` is the probability of moving to state ``t`` after action ``a`` in
        state ``s``; every ``P[s, a]`` sums to 1.
    R : array-like of shape (S, A)
        The expected immediate reward of action ``a`` in state ``s``.
    gamma : float in [0, 1), default 0.9
        The discount factor.
    tol : float > 0, default 1e-8
        Stop when an iteration changes no state value by ``tol`` or more.

    Returns
    -------
    V : ndarray of float64 of shape (S,)
        The values after the last iteration.
    policy : ndarray of int64 of shape (S,)
        The greedy action of each state with respect to ``V`` (ties to the lowest action).

    Examples
    --------
    >>> P = np.zeros((2, 2, 2))
    >>> P[0, 0, 0] = P[0, 1, 1] = P[1, 0, 1] = P[1, 1, 0] = 1.0  # action 0 stays, 1 moves
    >>> R = np.array([[1.0, 0.0], [2.0, 0.0]])
    >>> V, policy = value_iteration(P, R, gamma=0.9, tol=1e-10)
    >>> np.round(V, 6), policy
    (array([18., 20.]), array([1, 0]))
    """
    P = check_array(P, name="P", ndim=3)
    R = check_array(R, name="R")
    if P.shape[2] != P.shape[0]:
        raise ValueError(f"P must have shape (S, A, S), got {P.shape}")
    if R.shape != P.shape[:2]:
        raise ValueError(f"R must have shape (S, A) = {P.shape[:2]}, got {R.shape}")
    if np.any(P < 0) or not np.allclose(P.sum(axis=2), 1.0, rtol=0, atol=1e-8):
        raise ValueError("P must hold probabilities: P[s, a] >= 0 and P[s, a].sum() == 1")
    check_scalar(gamma, "gamma", low=0.0, high=1.0, high_inclusive=False)
    check_scalar(tol, "tol", low=0.0, low_inclusive=False)

    raise NotImplementedError("value_iteration")


class QLearning:
    """Tabular Q-learning with epsilon-greedy action selection.

    Parameters
    ----------
    n_states, n_actions : int
        The sizes of the table, at least 1 each.
    alpha : float in (0, 1], default 0.1
        The learning rate.
    gamma : float in [0, 1], default 0.99
        The discount factor.
    epsilon : float in [0, 1], default 0.1
        The exploration probability of ``act``.
    random_state : int, numpy Generator or None, default None
        Source of the exploration draws.

    Attributes
    ----------
    Q : ndarray of float64 of shape (n_states, n_actions)
        The action values, zeros at the start.

    Examples
    --------
    >>> agent = QLearning(2, 2, alpha=0.5, gamma=0.9, epsilon=0.0)
    >>> agent.Q[1] = [2.0, 4.0]
    >>> agent.update(0, 1, 1.0, 1, False)  # target 1 + 0.9 * 4 = 4.6
    >>> agent.Q[0]
    array([0. , 2.3])
    >>> agent.act(0)
    1
    """

    def __init__(self, n_states, n_actions, alpha=0.1, gamma=0.99, epsilon=0.1, random_state=None):
        check_scalar(n_states, "n_states", kind=numbers.Integral, low=1)
        check_scalar(n_actions, "n_actions", kind=numbers.Integral, low=1)
        check_scalar(alpha, "alpha", low=0.0, high=1.0, low_inclusive=False)
        check_scalar(gamma, "gamma", low=0.0, high=1.0)
        check_scalar(epsilon, "epsilon", low=0.0, high=1.0)
        self.n_states = n_states
        self.n_actions = n_actions
        self.alpha = alpha
        self.gamma = gamma
        self.epsilon = epsilon
        self.random_state = random_state
        self.Q = np.zeros((n_states, n_actions))
        self._rng = check_random_state(random_state)

    def act(self, s):
        """Epsilon-greedy action in state ``s``.

        Parameters
        ----------
        s : int in [0, n_states)

        Returns
        -------
        action : int
            With probability ``epsilon`` an action drawn uniformly from all ``n_actions``;
            otherwise ``argmax Q[s]`` (ties to the lowest action).
        """
        check_scalar(s, "s", kind=numbers.Integral, low=0, high=self.n_states - 1)

        raise NotImplementedError("QLearning.act")

    def update(self, s, a, r, s_next, done):
        """One Q-learning step on the transition ``(s, a, r, s_next, done)``.

        ``Q[s, a] += alpha * (target - Q[s, a])`` with ``target = r`` when ``done`` and
        ``r + gamma * max(Q[s_next])`` otherwise.

        Parameters
        ----------
        s : int in [0, n_states)
        a : int in [0, n_actions)
        r : float
        s_next : int in [0, n_states)
        done : bool
            Whether ``s_next`` is terminal (the episode ended with this transition).
        """
        check_scalar(s, "s", kind=numbers.Integral, low=0, high=self.n_states - 1)
        check_scalar(a, "a", kind=numbers.Integral, low=0, high=self.n_actions - 1)
        check_scalar(r, "r")
        check_scalar(s_next, "s_next", kind=numbers.Integral, low=0, high=self.n_states - 1)
        if not isinstance(done, bool | np.bool_):
            raise ValueError(f"done must be True or False, got {done!r}")

        raise NotImplementedError("QLearning.update")
