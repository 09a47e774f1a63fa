"""Kata sequence/sampling: Temperature, top-k and top-p sampling.

Difficulty 2 (standard interview question), target time 30 minutes.

Write the decoding step of a language model that turns the next-token logits into a
token: a temperature that sharpens or flattens the distribution, top-k and top-p
(nucleus) filters that remove the unlikely tail by setting its logits to -inf, and a
sampler that chains them and draws from the softmax of what is left.

Math:
    temperature   z' = z / t                 t < 1 sharper, t > 1 flatter, t -> 0 argmax
    top-k         keep z_j >= (k-th largest value of z); the rest -> -inf
    top-p         q = softmax(z); sort q in decreasing order: q_(1) >= q_(2) >= ...
                  keep the first m tokens, m the smallest with q_(1) + ... + q_(m) >= p,
                  i.e. keep token (j) while the mass BEFORE it, q_(1) + ... + q_(j-1), is < p
    sample        z -> z / t -> top-k -> top-p -> softmax -> one draw per token
    softmax(z)_j = exp(z_j - max z) / sum_l exp(z_l - max z); exp(-inf) = 0.

Shapes: logits is 1-D (V,), one score per vocabulary token. The three transforms return
float64 arrays of shape (V,); sample returns an int (size=None) or an int64 array of
shape (size,).

Conventions:
- Filtered entries are set to -inf and kept entries are returned unchanged (logits, not
  probabilities). Filters accept -inf entries in their input.
- logits must be 1-D and non-empty, with no NaN or +inf and at least one finite entry;
  t <= 0 (temperature), k < 1 (top_k) or a non-integer k, p outside (0, 1] (top_p) and
  size < 1 raise ValueError (the stub checks all of these).
- top_k: every logit tied with the k-th largest value is kept (so more than k may
  survive); k >= V keeps everything.
- top_p: the smallest prefix of the tokens sorted by decreasing probability whose mass
  reaches p (>= p): the most likely token is always kept, the token whose mass crosses p
  is kept, p = 1 keeps every token. Equal probabilities are ordered by token index (a
  stable sort).
- sample applies temperature, then top-k (if top_k is not None), then top-p (if top_p is
  not None) on the result, then draws from the softmax; a token whose probability is 0
  is never drawn. random_state: an int gives the same draws every time, a Generator is
  used and advanced (the stub turns it into `rng`).
- No overflow and no warning for logits of magnitude 1e3; logits are never modified.

Complexity: O(V) for temperature and top-k (np.partition finds the k-th value without a
full sort), O(V log V) for top-p (one sort); sample adds O(V + size log V).

Pitfalls:
- Multiplying by the temperature instead of dividing: t = 2 must flatten, not sharpen.
- top-k keeping k + 1 tokens (an off-by-one in the partition index), or exactly k when
  there are ties at the k-th value (argsort[:k] breaks ties arbitrarily).
- top-p dropping the token that crosses p (keeping only the mass strictly below p), which
  keeps NO token at all when the top token alone exceeds p; or applying the threshold to
  the cumulative mass INCLUDING the token (cumsum < p) for the same effect.
- top-p measured on logits instead of probabilities, or on the unsorted distribution.
- Applying top-p before temperature or before top-k: the mass is measured under the
  distribution that the earlier steps produced.
- Softmax without subtracting the max overflows at logits of 1e3; -inf - (-inf) is NaN.

Worked example:
    logits = log([0.5, 0.2, 0.3]):
        top_p 0.6 keeps tokens 0 and 2 (mass before them: 0 and 0.5 < 0.6; before token 1:
        0.8 >= 0.6); top_p 0.4 keeps token 0 only; top_p 1.0 keeps all three.
    top_k_filter([1, 5, 3, 4], 2) -> [-inf, 5, -inf, 4];  top_k_filter([3, 1, 3], 1) ->
    [3, -inf, 3] (a tie). apply_temperature([1, 2, 4], 2) -> [0.5, 1, 2].

Run `pytest --kata sequence/sampling` to check your work; hints are in
hints/sequence/sampling.md.
"""

import numpy as np

from kata.validation import check_random_state, check_scalar


def apply_temperature(logits, t):
    """Divide the logits by the temperature ``t`` (t < 1 sharpens, t > 1 flattens).

    Parameters
    ----------
    logits : array-like, shape (V,)
        One score per token; -inf entries (removed tokens) are allowed.
    t : float > 0
        The temperature.

    Returns
    -------
    scaled : ndarray of float64, shape (V,)
        ``logits / t`` (-inf stays -inf).

    Examples
    --------
    >>> apply_temperature([1.0, 2.0, 4.0], 2.0)
    array([0.5, 1. , 2. ])
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 1 or logits.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D array (V,), got shape {logits.shape}")
    if np.isnan(logits).any() or np.isposinf(logits).any():
        raise ValueError("logits contains NaN or +inf (only -inf, a removed token, is allowed)")
    if not np.isfinite(logits).any():
        raise ValueError("logits are all -inf: no token is left to sample")
    check_scalar(t, "t", low=0.0, low_inclusive=False)
    raise NotImplementedError("apply_temperature")


def top_k_filter(logits, k):
    """Keep the ``k`` largest logits (all of those tied with the k-th), set the rest to -inf.

    Parameters
    ----------
    logits : array-like, shape (V,)
        One score per token; -inf entries are allowed.
    k : int >= 1
        How many tokens to keep; ``k >= V`` keeps every token.

    Returns
    -------
    filtered : ndarray of float64, shape (V,)
        The kept logits unchanged, the others -inf.

    Examples
    --------
    >>> top_k_filter([1.0, 5.0, 3.0, 4.0], 2)
    array([-inf,   5., -inf,   4.])
    >>> top_k_filter([3.0, 1.0, 3.0], 1)  # a tie at the k-th value: both kept
    array([  3., -inf,   3.])
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 1 or logits.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D array (V,), got shape {logits.shape}")
    if np.isnan(logits).any() or np.isposinf(logits).any():
        raise ValueError("logits contains NaN or +inf (only -inf, a removed token, is allowed)")
    if not np.isfinite(logits).any():
        raise ValueError("logits are all -inf: no token is left to sample")
    check_scalar(k, "k", kind=int, low=1)
    raise NotImplementedError("top_k_filter")


def top_p_filter(logits, p):
    """Nucleus filter: keep the most likely tokens until their probability mass reaches ``p``.

    Parameters
    ----------
    logits : array-like, shape (V,)
        One score per token; -inf entries are allowed.
    p : float in (0, 1]
        The mass to reach; ``p = 1`` keeps every token.

    Returns
    -------
    filtered : ndarray of float64, shape (V,)
        The kept logits unchanged, the others -inf. The kept set is the smallest prefix of
        the tokens sorted by decreasing probability whose mass is >= p, so the most likely
        token is always kept.

    Examples
    --------
    >>> top_p_filter(np.log([0.5, 0.2, 0.3]), 0.6).round(4)  # 0.5 < 0.6 <= 0.5 + 0.3
    array([-0.6931,    -inf, -1.204 ])
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 1 or logits.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D array (V,), got shape {logits.shape}")
    if np.isnan(logits).any() or np.isposinf(logits).any():
        raise ValueError("logits contains NaN or +inf (only -inf, a removed token, is allowed)")
    if not np.isfinite(logits).any():
        raise ValueError("logits are all -inf: no token is left to sample")
    check_scalar(p, "p", low=0.0, high=1.0, low_inclusive=False)
    raise NotImplementedError("top_p_filter")


def sample(logits, temperature=1.0, top_k=None, top_p=None, random_state=None, size=None):
    """Draw token ids from softmax of the filtered logits: temperature, then top-k, then top-p.

    Parameters
    ----------
    logits : array-like, shape (V,)
        One score per token; -inf entries are never drawn.
    temperature : float > 0, default=1.0
        Applied first (``logits / temperature``).
    top_k : int >= 1 or None, default=None
        If given, keep the top_k largest scaled logits (ties kept).
    top_p : float in (0, 1] or None, default=None
        If given, then keep the nucleus of mass top_p of the top-k distribution.
    random_state : int, numpy Generator or None, default=None
        Source of the draws; the same int gives the same tokens.
    size : int >= 1 or None, default=None
        None draws one token (an int); an int draws that many independent tokens.

    Returns
    -------
    token : int, or ndarray of int64 of shape (size,)
        Indices into the vocabulary.

    Examples
    --------
    >>> sample([0.0, 5.0, -np.inf], top_k=1, random_state=0)
    1
    >>> sample([0.0, 0.0], random_state=0, size=4).shape
    (4,)
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 1 or logits.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D array (V,), got shape {logits.shape}")
    if np.isnan(logits).any() or np.isposinf(logits).any():
        raise ValueError("logits contains NaN or +inf (only -inf, a removed token, is allowed)")
    if not np.isfinite(logits).any():
        raise ValueError("logits are all -inf: no token is left to sample")
    check_scalar(temperature, "temperature", low=0.0, low_inclusive=False)
    if top_k is not None:
        check_scalar(top_k, "top_k", kind=int, low=1)
    if top_p is not None:
        check_scalar(top_p, "top_p", low=0.0, high=1.0, low_inclusive=False)
    if size is not None:
        check_scalar(size, "size", kind=int, low=1)
    rng = check_random_state(random_state)
    raise NotImplementedError("sample")
