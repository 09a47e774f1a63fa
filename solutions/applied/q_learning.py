"""Reference solution for applied/q_learning.

The statement is in exercises/applied/q_learning.py.
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

    V = np.zeros(P.shape[0])
    while True:
        # Bellman optimality backup for every (s, a) at once: the expectation over the NEXT
        # state t is the sum over P's last axis, (S, A, S) @ (S,) -> (S, A).
        Q = R + gamma * (P @ V)
        V_new = Q.max(axis=1)
        # The backup is a gamma-contraction in the max norm, so the loop ends, and
        # ||V_new - V*|| <= gamma / (1 - gamma) * ||V_new - V||.
        done = np.max(np.abs(V_new - V)) < tol
        V = V_new
        if done:
            break
    policy = np.argmax(R + gamma * (P @ V), axis=1)  # greedy w.r.t. the returned V
    return V, policy.astype(np.int64)


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

        if self._rng.random() < self.epsilon:
            return int(self._rng.integers(self.n_actions))
        return int(np.argmax(self.Q[s]))

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

        # Off-policy TD target: the best next action, whatever act() will really do. A
        # terminal transition has no future: the value after the episode is 0, so the target
        # is the reward alone (Q[s_next] of a terminal state must never leak in).
        target = r if done else r + self.gamma * np.max(self.Q[s_next])
        self.Q[s, a] += self.alpha * (target - self.Q[s, a])
