"""Reference solution for sequence/sampling.

The statement is in exercises/sequence/sampling.py.
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
    # softmax(z / t): t -> 0 tends to argmax, t -> inf to uniform. Dividing keeps -inf at -inf.
    return logits / t


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
    V = logits.shape[0]
    if k >= V:
        return logits.copy()
    # The k-th largest value in O(V) (no full sort); a threshold rather than k indices, so
    # every logit tied with the k-th is kept.
    kth = np.partition(logits, V - k)[V - k]
    return np.where(logits >= kth, logits, -np.inf)


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
    if p == 1.0:
        return logits.copy()  # the whole distribution: no rounding can drop a tail token
    probs = _softmax(logits)
    order = np.argsort(-probs, kind="stable")  # most likely first; ties by index
    sorted_probs = probs[order]
    # Mass strictly BEFORE each token: a token is kept while the prefix before it has not
    # reached p yet, so the token that crosses p is kept too, and the first one always.
    before = np.concatenate(([0.0], np.cumsum(sorted_probs)[:-1]))
    keep = np.empty(logits.shape[0], dtype=bool)
    keep[order] = before < p
    return np.where(keep, logits, -np.inf)


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
    # The order matters: top-k is unaffected by a positive temperature, but top-p measures
    # mass under the temperature-scaled, top-k-renormalized distribution.
    z = apply_temperature(logits, temperature)
    if top_k is not None:
        z = top_k_filter(z, top_k)
    if top_p is not None:
        z = top_p_filter(z, top_p)
    probs = _softmax(z)
    # Inverse-CDF sampling: token i is drawn when u falls in [cdf[i-1], cdf[i]); a token of
    # probability 0 has an empty interval, so it is never drawn.
    cdf = np.cumsum(probs)
    u = rng.random(1 if size is None else size) * cdf[-1]
    tokens = np.minimum(np.searchsorted(cdf, u, side="right"), logits.shape[0] - 1)
    return int(tokens[0]) if size is None else tokens.astype(np.int64)


def _softmax(z):
    """Softmax of a 1-D array that may hold -inf (never all of it): shift by the max."""
    e = np.exp(z - np.max(z))  # exp(-inf) = 0: a removed token gets probability 0
    return e / e.sum()
