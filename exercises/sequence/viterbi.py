"""Kata sequence/viterbi: Viterbi decoding and the forward algorithm for HMMs.

Difficulty 2 (standard), target time 30 minutes.

A hidden Markov model has S hidden states and V observable symbols: a first state drawn
from a start distribution, each next state drawn from a transition row, and every state
emitting one symbol. Given the model in log space and a sequence of T observations, write
viterbi, which finds the single most likely hidden state path (with the log-probability of
that path together with the observations), and forward_algorithm, which sums over all S^T
paths to get the log-likelihood of the observations. Both are the same dynamic programme
over a trellis of T x S cells: max for Viterbi, sum for forward.

One Python loop over the T time steps is expected; each step works on all S x S
transitions at once (broadcasting), with no loop over states.

Math:
    joint      log P(s, o) = log_start[s_0] + log_emit[s_0, o_0]
                 + sum over t = 1 .. T-1 of (log_trans[s_{t-1}, s_t] + log_emit[s_t, o_t])
    Viterbi    delta_0[j] = log_start[j] + log_emit[j, o_0]
               delta_t[j] = max_i (delta_{t-1}[i] + log_trans[i, j]) + log_emit[j, o_t]
               back_t[j]  = argmax_i (delta_{t-1}[i] + log_trans[i, j])
               log_prob = max_j delta_{T-1}[j];  s_{T-1} = argmax_j delta_{T-1}[j],
               then s_{t-1} = back_t[s_t] for t = T-1 down to 1
    forward    alpha_0[j] = log_start[j] + log_emit[j, o_0]
               alpha_t[j] = logsumexp_i (alpha_{t-1}[i] + log_trans[i, j]) + log_emit[j, o_t]
               log P(o) = logsumexp_j alpha_{T-1}[j]
    logsumexp  logsumexp(a) = m + log(sum exp(a - m)), m = max(a) (and -inf when all are -inf)

Shapes: log_start (S,), log_trans (S, S), log_emit (S, V), observations (T,) integers in
0 .. V-1, T >= 1 (T = 1 and S = 1 are valid). viterbi returns path, an int64 array of shape
(T,), and log_prob, a Python float; forward_algorithm returns a Python float.

Conventions:
- log_trans[i, j] = log P(next state j | current state i): rows are FROM, columns TO.
  log_emit[s, o] = log P(symbol o | state s).
- Everything is in log space. Entries may be -inf (probability 0); NaN or +inf is a
  ValueError naming the argument (the stub checks it, with the shapes and the range of
  observations). The inputs need not be normalized: any log-weights work.
- log_prob is the joint log P(path, observations) of the returned path (not conditioned on
  the observations); forward_algorithm's value is log P(observations).
- Ties: every argmax takes the smallest state index (as np.argmax does), for the last
  state and for each back-pointer.
- When no path is possible, log_prob and the log-likelihood are -inf (no warning, no NaN)
  and the path is any sequence of T valid states.
- Never modify the inputs in place.

Complexity: O(T S^2) time for both; O(T S) memory for Viterbi's back-pointers and O(S^2)
for the forward algorithm.

Pitfalls:
- Multiplying probabilities: the product of T factors below 1 underflows to 0 after a few
  hundred steps (log(0) = -inf). Add log-probabilities instead.
- Backtracking off by one: back_t links step t to step t-1, so s_{t-1} = back_t[s_t]; the
  path has exactly T states.
- Taking the argmax of delta_t at every step instead of backtracking: that is the best end
  state of each prefix, not a consistent path.
- log_trans transposed (indexing [j, i]), or forgetting the first observation's emission.
- log(sum(exp(a))) without the max shift underflows to -inf (or overflows); the shift itself
  is -inf - -inf = NaN when every entry is -inf (an unreachable state): guard it.
- Using max in the forward algorithm (that is the Viterbi score, a lower bound).

Worked example:
    S = 2 states (0 rainy, 1 sunny), V = 3 symbols (0 walk, 1 shop, 2 clean),
    start = [0.6, 0.4], trans = [[0.7, 0.3], [0.4, 0.6]],
    emit = [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]], observations = [0, 1, 2]:
    delta_0 = [0.06, 0.24]                          (as probabilities)
    delta_1 = [max(0.042, 0.096) * 0.4, max(0.018, 0.144) * 0.3] = [0.0384, 0.0432],
              back_1 = [1, 1]
    delta_2 = [max(0.02688, 0.01728) * 0.5, max(0.01152, 0.02592) * 0.1]
            = [0.01344, 0.002592], back_2 = [0, 1]
    best end state 0, then back_2[0] = 0, back_1[0] = 1: path = [1, 0, 0],
    log_prob = log(0.01344) = -4.3095 (the per-step argmax [1, 1, 0] is not the answer).
    forward: P(observations) = 0.033612, log-likelihood -3.3928.

Run `pytest --kata sequence/viterbi` to check your work; hints are in hints/sequence/viterbi.md.
"""

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

    raise NotImplementedError("viterbi")


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

    raise NotImplementedError("forward_algorithm")
