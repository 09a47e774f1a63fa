"""Kata sequence/beam_search: Beam search decoding with a length penalty.

Difficulty 3 (hard), target time 45 minutes.

A language model gives the log-probabilities of the next token after any prefix. Greedy
decoding takes the single best token at every step; beam search keeps the beam_width best
partial sequences (hypotheses) instead, extends each by every token, and keeps the
beam_width best of all the candidates, so a sequence whose first token is not the likeliest
can still win. Write beam_search over a model given as a function, with finished
hypotheses (ending in eos) that stop growing but keep competing, a maximum length, and a
length penalty.

Each step calls log_prob_fn once per unfinished hypothesis (a Python loop over at most
beam_width hypotheses is fine); choosing the best candidates works on arrays of
beam_width x vocab scores, with no Python loop over the vocabulary.

Math:
    a hypothesis y = [bos, y_1, ..., y_n] has n generated tokens and
        sum(y)   = sum over i = 1 .. n of log_prob_fn([bos, y_1, ..., y_{i-1}])[y_i]
        score(y) = sum(y) / n ** length_penalty
    length_penalty 0: the plain log-probability (favours short outputs, every token costs);
    1: the mean log-probability per token; in between, a compromise.
    each step: pool = finished hypotheses of the beam (unchanged)
                      + every extension [*y, v] of every unfinished y, v = 0 .. vocab-1
               beam = the beam_width best of the pool by score

Shapes: log_prob_fn(prefix) returns an array of shape (vocab,) (a list is fine). The result
is a Python list of at most beam_width pairs (tokens, score): tokens a list of ints starting
with bos, score a float.

Conventions:
- log_prob_fn is called with a list of ints: bos, then the tokens generated so far. Its
  values are log-probabilities; -inf bans a token (an extension with -inf is never kept).
  The stub calls log_prob_fn([bos]) once, checks it (1-D, no NaN or +inf: ValueError naming
  log_prob_fn) and keeps it as first_log_probs; vocab_size = its length; eos must be a
  token (0 <= eos < vocab_size, ValueError otherwise); bos may be any non-negative int,
  eos itself included.
- The search starts from ONE hypothesis [bos] (sum 0). A hypothesis is finished when its
  last GENERATED token is eos ([bos] alone never is); it is never extended again, but stays
  in the pool and competes with the others at every step: it keeps its slot, so the beam
  holds at most beam_width hypotheses, finished and unfinished together.
- n counts generated tokens, eos included, bos not: [bos, a, eos] has n = 2.
- max_len counts generated tokens too, eos included: the search runs at most max_len steps,
  then returns the beam as it is, unfinished hypotheses (max_len tokens, no eos) included.
  It stops earlier when every hypothesis in the beam is finished.
- Ties in score keep the pool order: the hypotheses of the beam in rank order, each
  unfinished one as its extensions by increasing token id (a stable sort on -score).
- The result is the final beam, best score first, at most beam_width hypotheses (fewer when
  fewer candidates exist), all distinct.
- beam_width and max_len are integers >= 1, length_penalty a finite real (the stub checks
  them). beam_width = 1 is greedy decoding.

Complexity: O(max_len * beam_width) model calls; each step O(beam_width * vocab) to score the
candidates and O(beam_width * vocab * log(beam_width * vocab)) to sort them (or linear with
np.argpartition), plus copying the kept prefixes.

Pitfalls:
- Extending a finished hypothesis: nothing follows eos, and the model is never called on a
  prefix that ends in eos.
- Dropping finished hypotheses from the beam (returning only unfinished ones, or letting
  them stop competing); or, the other way, stopping as soon as one hypothesis finishes.
- The length penalty's n off by one: counting bos, or not counting eos.
- max_len off by one: it counts generated tokens, eos included.
- Keeping each hypothesis' best token (beam_width independent greedy searches) instead of
  the global best beam_width of all the beam_width x vocab candidates.
- Starting from beam_width copies of [bos]: the beam fills with duplicates.
- np.argsort(scores)[::-1] for a descending order reverses the order of ties; returning
  the beam unsorted or worst first.

Worked example:
    vocab {0: a, 1: b, 2: eos}, bos = 9, max_len = 2, length_penalty = 0, probabilities
    P(. | [9]) = [0.5, 0.4, 0.1], P(. | [9, 0]) = [0.3, 0.3, 0.4],
    P(. | [9, 1]) = [0.05, 0.05, 0.9].
    beam_width = 1 (greedy): [9, 0] (0.5), then [9, 0, 2] (0.5 * 0.4 = 0.2): finished.
    beam_width = 2: step 1 keeps [9, 0] (0.5) and [9, 1] (0.4); step 2's pool is
    0.15, 0.15, 0.20 (after a) and 0.02, 0.02, 0.36 (after b); the two best are
    [9, 1, 2] (0.36) and [9, 0, 2] (0.2), both finished: the search stops.
    Result: [([9, 1, 2], log 0.36), ([9, 0, 2], log 0.2)]: beam search found the sequence
    greedy missed.

Run `pytest --kata sequence/beam_search` to check your work; hints are in
hints/sequence/beam_search.md.
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
    raise NotImplementedError("beam_search")
