"""Reference solution for sequence/beam_search.

The statement is in exercises/sequence/beam_search.py.
"""

import numbers

import numpy as np

from kata.validation import check_scalar


def beam_search(log_prob_fn, bos, eos, beam_width=3, max_len=20, length_penalty=0.0):
    """Beam search decoding: the ``beam_width`` best token sequences under ``log_prob_fn``.

    Parameters
    ----------
    log_prob_fn : callable
        ``log_prob_fn(prefix)`` takes a list of ints (``bos`` first, then the tokens
        generated so far) and returns the next token's log-probabilities, shape (vocab,).
    bos : int
        The token every hypothesis starts with (not generated, not scored).
    eos : int
        The end token, ``0 <= eos < vocab``: a hypothesis ending in ``eos`` is finished.
    beam_width : int, default=3
        How many hypotheses are kept at each step (1 is greedy decoding).
    max_len : int, default=20
        The most tokens generated per hypothesis, ``eos`` included.
    length_penalty : float, default=0.0
        A hypothesis with n generated tokens scores ``sum of log-probs / n ** length_penalty``.

    Returns
    -------
    list of (tokens, score)
        At most ``beam_width`` hypotheses, best score first; ``tokens`` is a list of ints
        starting with ``bos``, ending with ``eos`` when finished.

    Examples
    --------
    >>> import numpy as np
    >>> table = {(9,): [0.5, 0.4, 0.1], (9, 0): [0.3, 0.3, 0.4], (9, 1): [0.05, 0.05, 0.9]}
    >>> model = lambda prefix: np.log(table.get(tuple(prefix), [0.25, 0.25, 0.5]))
    >>> [(t, round(float(np.exp(s)), 2)) for t, s in beam_search(model, 9, 2, 2, max_len=2)]
    [([9, 1, 2], 0.36), ([9, 0, 2], 0.2)]
    """
    if not callable(log_prob_fn):
        raise ValueError(f"log_prob_fn must be callable, got {type(log_prob_fn).__name__}")
    for name, value in (("bos", bos), ("eos", eos)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer token id, got {value!r}")
    check_scalar(beam_width, "beam_width", kind=int, low=1)
    check_scalar(max_len, "max_len", kind=int, low=1)
    check_scalar(length_penalty, "length_penalty")
    # The model's first answer, checked here: it fixes the vocabulary size.
    first_log_probs = np.asarray(log_prob_fn([int(bos)]), dtype=np.float64)
    if first_log_probs.ndim != 1 or first_log_probs.size == 0:
        raise ValueError(
            "log_prob_fn must return a non-empty 1-D array of log-probabilities, got shape "
            f"{first_log_probs.shape}"
        )
    if np.isnan(first_log_probs).any() or np.isposinf(first_log_probs).any():
        raise ValueError("log_prob_fn returned NaN or +inf (-inf, a banned token, is allowed)")
    vocab_size = first_log_probs.shape[0]
    if eos >= vocab_size:
        raise ValueError(
            f"eos = {eos} is not a token of log_prob_fn's vocabulary (size {vocab_size})"
        )

    # The beam: hypotheses as (tokens, sum of log-probs, finished), best first.
    beam = [([int(bos)], 0.0, False)]
    for step in range(1, max_len + 1):
        if all(finished for _, _, finished in beam):
            break  # nothing left to extend: the finished ones can only be reordered
        # The candidate pool, in the pinned order: each hypothesis of the beam in rank
        # order, as one block; a finished one as itself (it never grows past eos), an
        # unfinished one as its vocab_size extensions in token order. Every candidate of a
        # block has the same length, so the penalty is one scalar division per block.
        sums, scores = [], []
        for tokens, total, finished in beam:
            if finished:
                block = np.array([total])
                n = len(tokens) - 1
            else:
                # The first step reuses the checked first answer (the only prefix is [bos]).
                log_p = first_log_probs if step == 1 else _call(log_prob_fn, tokens, vocab_size)
                block = total + log_p
                n = step
            sums.append(block)
            scores.append(block / float(n) ** length_penalty)
        offsets = np.cumsum([0] + [len(b) for b in sums])
        sums, scores = np.concatenate(sums), np.concatenate(scores)
        # A banned token (log-probability -inf) is never produced.
        candidates = np.flatnonzero(scores > -np.inf)
        if candidates.size > beam_width:
            # Linear-time shortlist: everything at least as good as the beam_width-th best
            # score (ties included), still in pool order.
            kth = np.partition(scores, scores.size - beam_width)[scores.size - beam_width]
            candidates = np.flatnonzero(scores >= kth)
        # Stable sort on -score: ties keep the pool order, so the result is deterministic
        # (np.argsort(scores)[::-1] would reverse the order of tied candidates).
        chosen = candidates[np.argsort(-scores[candidates], kind="stable")[:beam_width]]
        previous, beam = beam, []
        for c in chosen:
            rank = int(np.searchsorted(offsets, c, side="right")) - 1
            tokens, total, finished = previous[rank]
            if not finished:
                token = int(c - offsets[rank])
                tokens, total, finished = [*tokens, token], float(sums[c]), token == eos
            beam.append((tokens, total, finished))
    # n = generated tokens (eos included, bos not): the length the penalty divides by.
    return [(tokens, total / (len(tokens) - 1) ** length_penalty) for tokens, total, _ in beam]


def _call(log_prob_fn, prefix, vocab_size):
    """The model's log-probabilities after ``prefix`` (a fresh list: the model may keep it)."""
    log_p = np.asarray(log_prob_fn(list(prefix)), dtype=np.float64)
    if log_p.shape != (vocab_size,):
        raise ValueError(
            f"log_prob_fn returned shape {log_p.shape} for prefix {prefix}, but "
            f"({vocab_size},) at the first call: the vocabulary size must not change"
        )
    if np.isnan(log_p).any() or np.isposinf(log_p).any():
        raise ValueError("log_prob_fn returned NaN or +inf (-inf, a banned token, is allowed)")
    return log_p
