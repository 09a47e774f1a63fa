"""Kata sequence/attention: Scaled dot-product attention with masks.

Difficulty 2 (standard interview question), target time 30 minutes.

Write the core of every transformer: each query position takes a weighted average of the
value rows, weighted by how well its query matches each key. A boolean mask removes the
pairs a query may not see (the future, in a decoder; padding, in a batch), and
`causal_mask(T)` builds the decoder's mask. Both work on any leading batch dimensions.

Math:
    scores  = q k^T / sqrt(d)                     (..., T, S), d = q.shape[-1]
    scores  = -inf where mask is False            BEFORE the softmax
    weights = softmax(scores) over the keys       each row sums to 1 over S
    out     = weights v                           (..., T, d_v)
    Stable softmax: subtract each row's max before exp. causal_mask(T)[i, j] = (j <= i).

Shapes: q is (..., T, d), k is (..., S, d), v is (..., S, d_v); the leading (batch) dims
broadcast together as in a matrix product. out is (..., T, d_v) and weights (..., T, S),
float64. causal_mask(T) is a (T, T) boolean array.

Conventions:
- mask is boolean with True = keep (query i may attend to key j), False = masked out; it
  broadcasts to (..., T, S) (a (T, S) mask serves every batch, a (B, 1, S) one pads per
  sequence); mask=None keeps every pair. A non-boolean mask, or one that does not
  broadcast, is a ValueError (the stub checks it), as are q and k with different d, k and
  v with different S, fewer than 2 dimensions, NaN or inf.
- A fully masked row (a query that may see no key) gives weights 0 and output 0 for that
  query, as PyTorch's scaled_dot_product_attention does: never NaN, never a warning.
- causal_mask(T)[i, j] is True for j <= i: a position sees itself and the past. T is an
  integer >= 1 (the stub checks it).
- No overflow and no warning when the scores reach magnitude 1e3; q, k, v and mask are
  never modified in place.

Complexity: O(T S (d + d_v)) time per batch element, O(T S) memory for the weights; two
matrix products (no Python loop over queries or batch elements).

Pitfalls:
- Scaling by d instead of sqrt(d) (or not at all): the weights come out too flat (or too
  peaked as d grows).
- The softmax over the wrong axis: each row of weights sums to 1 over the KEYS (axis -1);
  over the queries (axis -2) the columns sum to 1 instead.
- Masking after the softmax (zeroing weights): the kept weights no longer sum to 1. Put
  -inf in the scores first. Filling masked scores with 0 instead of -inf keeps them in.
- A causal mask off by one: np.tri(T, k=-1) hides the diagonal (a position cannot see
  itself, and position 0 sees nothing); k=1 leaks the next position.
- A fully masked row: max = -inf, so scores - max is NaN and 0 / 0 follows.
- exp(scores) without subtracting the row max overflows at scores of 1e3; shifting by
  the global max instead of each row's max underflows a low row to 0 / 0.
- k.T instead of swapping the last two axes: with batch dims, .T reverses all of them.

Worked example:
    q = [[1, 0]], k = [[1, 0], [0, 1]], v = [[1], [3]]  (d = 2, T = 1, S = 2)
    scores  = [[1/sqrt(2), 0]] = [[0.7071, 0]]
    weights = [[0.6698, 0.3302]],  out = [[0.6698 * 1 + 0.3302 * 3]] = [[1.6605]]
    causal_mask(2) = [[True, False], [True, True]]

Run `pytest --kata sequence/attention` to check your work; hints are in
hints/sequence/attention.md.
"""

import numpy as np

from kata.validation import check_array, check_scalar


def causal_mask(T):
    """The (T, T) causal mask: query position i may attend to key positions j <= i.

    Parameters
    ----------
    T : int >= 1
        The sequence length.

    Returns
    -------
    mask : ndarray of bool, shape (T, T)
        ``mask[i, j]`` is True (keep) when ``j <= i``: the diagonal is kept (a position
        sees itself), everything above it (the future) is masked out.

    Examples
    --------
    >>> causal_mask(3)
    array([[ True, False, False],
           [ True,  True, False],
           [ True,  True,  True]])
    """
    check_scalar(T, "T", kind=int, low=1)
    raise NotImplementedError("causal_mask")


def scaled_dot_product_attention(q, k, v, mask=None):
    """Scaled dot-product attention ``softmax(q k^T / sqrt(d) masked) v``.

    Parameters
    ----------
    q : array-like, shape (..., T, d)
        Queries, one row per query position.
    k : array-like, shape (..., S, d)
        Keys, one row per key position (S may differ from T).
    v : array-like, shape (..., S, d_v)
        Values, one row per key position (d_v may differ from d).
    mask : array-like of bool, broadcastable to (..., T, S), or None
        True = keep (query i may attend to key j), False = masked out. None keeps all.

    Returns
    -------
    out : ndarray of float64, shape (..., T, d_v)
        For each query, the weighted average of the value rows.
    weights : ndarray of float64, shape (..., T, S)
        The attention weights: each row sums to 1 over the keys, and is all zeros
        (as is its output row) when the mask keeps no key for that query.

    Examples
    --------
    >>> out, w = scaled_dot_product_attention([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]],
    ...                                       [[1.0], [3.0]])
    >>> w.round(4)
    array([[0.6698, 0.3302]])
    >>> out.round(4)
    array([[1.6605]])
    """
    q = check_array(q, name="q", ndim=None)
    k = check_array(k, name="k", ndim=None)
    v = check_array(v, name="v", ndim=None)
    for name, a in (("q", q), ("k", k), ("v", v)):
        if a.ndim < 2:
            raise ValueError(f"{name} must have at least 2 dimensions (..., T, d), got {a.shape}")
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"q has feature size {q.shape[-1]} but k has {k.shape[-1]}: q k^T needs the same d"
        )
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"k has {k.shape[-2]} key positions but v has {v.shape[-2]}: one value row per key"
        )
    try:
        batch = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    except ValueError:
        raise ValueError(
            f"the batch dimensions of q {q.shape[:-2]}, k {k.shape[:-2]} and v {v.shape[:-2]} "
            "do not broadcast together"
        ) from None
    scores_shape = (*batch, q.shape[-2], k.shape[-2])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(
                f"mask must be boolean (True = keep), got dtype {mask.dtype}; an additive "
                "float mask is not accepted"
            )
        try:
            np.broadcast_to(mask, scores_shape)
        except ValueError:
            raise ValueError(
                f"mask of shape {mask.shape} does not broadcast to the scores' shape "
                f"{scores_shape} (..., T, S)"
            ) from None
    raise NotImplementedError("scaled_dot_product_attention")
