"""Reference solution for sequence/viterbi.

The statement is in exercises/sequence/viterbi.py.
"""

import numpy as np

from kata.validation import check_hmm


def viterbi(log_start, log_trans, log_emit, observations):
    """The most likely hidden state path of an HMM, and its joint log-probability.

    Parameters
    ----------
    log_start : array-like of shape (S,)
        ``log_start[s] = log P(first state = s)``; ``-inf`` allowed.
    log_trans : array-like of shape (S, S)
        ``log_trans[i, j] = log P(next state = j | state = i)``; ``-inf`` allowed.
    log_emit : array-like of shape (S, V)
        ``log_emit[s, o] = log P(observation o | state s)``; ``-inf`` allowed.
    observations : array-like of int, shape (T,)
        Observed symbols in ``0 .. V-1``, T >= 1.

    Returns
    -------
    path : ndarray of int64, shape (T,)
        The state sequence maximizing ``log P(path, observations)`` (ties: smallest index).
    log_prob : float
        ``max over paths of log P(path, observations)``; ``-inf`` when every path is impossible.

    Examples
    --------
    >>> import numpy as np
    >>> path, log_prob = viterbi(np.log([0.6, 0.4]), np.log([[0.7, 0.3], [0.4, 0.6]]),
    ...                          np.log([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]), [0, 1, 2])
    >>> path.tolist(), round(float(np.exp(log_prob)), 5)
    ([1, 0, 0], 0.01344)
    """
    log_start, log_trans, log_emit, obs = check_hmm(log_start, log_trans, log_emit, observations)
    n_states = log_start.shape[0]

    n_steps = obs.shape[0]
    # delta[j] = best log-probability of any path that ends in state j at the current step.
    # Log space turns the products of T probabilities (which underflow to 0 after a few
    # hundred steps) into sums; -inf + finite stays -inf and no subtraction is ever done,
    # so impossible transitions need no special case.
    delta = log_start + log_emit[:, obs[0]]
    back = np.zeros((n_steps, n_states), dtype=np.int64)  # back[t, j]: best state at t - 1
    for t in range(1, n_steps):
        scores = delta[:, None] + log_trans  # scores[i, j]: come from i, go to j
        back[t] = np.argmax(scores, axis=0)  # argmax takes the smallest index on ties
        delta = scores[back[t], np.arange(n_states)] + log_emit[:, obs[t]]

    path = np.empty(n_steps, dtype=np.int64)
    path[-1] = np.argmax(delta)
    # back[t] links step t to step t - 1, so the state at t - 1 is read from back[t].
    for t in range(n_steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta[path[-1]])


def forward_algorithm(log_start, log_trans, log_emit, observations):
    """The log-likelihood ``log P(observations)`` of an HMM, summed over every state path.

    Parameters
    ----------
    log_start : array-like of shape (S,)
        ``log_start[s] = log P(first state = s)``; ``-inf`` allowed.
    log_trans : array-like of shape (S, S)
        ``log_trans[i, j] = log P(next state = j | state = i)``; ``-inf`` allowed.
    log_emit : array-like of shape (S, V)
        ``log_emit[s, o] = log P(observation o | state s)``; ``-inf`` allowed.
    observations : array-like of int, shape (T,)
        Observed symbols in ``0 .. V-1``, T >= 1.

    Returns
    -------
    log_likelihood : float
        ``log sum over paths of P(path, observations)``; ``-inf`` when no path is possible.

    Examples
    --------
    >>> import numpy as np
    >>> ll = forward_algorithm(np.log([0.6, 0.4]), np.log([[0.7, 0.3], [0.4, 0.6]]),
    ...                        np.log([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]), [0, 1, 2])
    >>> round(float(np.exp(ll)), 6)
    0.033612
    """
    log_start, log_trans, log_emit, obs = check_hmm(log_start, log_trans, log_emit, observations)

    # alpha[j] = log P(o_0 .. o_t, state_t = j): the Viterbi recursion with max replaced by
    # a sum over the previous state, done as a log-sum-exp.
    alpha = log_start + log_emit[:, obs[0]]
    for t in range(1, obs.shape[0]):
        alpha = _logsumexp(alpha[:, None] + log_trans, axis=0) + log_emit[:, obs[t]]
    return float(_logsumexp(alpha, axis=0))


def _logsumexp(a, axis):
    """log(sum(exp(a))) along ``axis``, exact for -inf entries and free of under/overflow."""
    # Shifting by the max makes the largest term exp(0) = 1, so the sum neither overflows
    # nor underflows to 0. Where every term is -inf the shift would be -inf - -inf = NaN:
    # shift by 0 there instead, and the sum of exp(-inf) = 0 gives log(0) = -inf.
    m = np.max(a, axis=axis, keepdims=True)
    m = np.where(np.isneginf(m), 0.0, m)
    total = np.sum(np.exp(a - m), axis=axis)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer for all -inf
        return np.log(total) + np.squeeze(m, axis=axis)
