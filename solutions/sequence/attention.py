"""Reference solution for sequence/attention.

The statement is in exercises/sequence/attention.py.
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
    # Row i keeps columns 0..i: the lower triangle, diagonal included (k=0).
    return np.tril(np.ones((T, T), dtype=bool))


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
    d = q.shape[-1]
    # Dividing by sqrt(d) keeps the scores' variance near 1 whatever d is (q.k sums d
    # products of unit-variance terms), so the softmax does not saturate as d grows.
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)
    if mask is not None:
        # Masked scores become -inf BEFORE the softmax, so they get exactly zero weight and
        # the kept weights are renormalized among themselves.
        scores = np.where(mask, scores, -np.inf)
    # Stable softmax over the keys (last axis): subtract each row's max. A fully masked row
    # has max -inf; shifting by 0 there avoids -inf - (-inf) = NaN and leaves exp = 0.
    row_max = np.max(scores, axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = np.sum(e, axis=-1, keepdims=True)
    # A fully masked row sums to 0: its weights (and hence its output) stay 0, not 0 / 0.
    weights = e / np.where(total > 0, total, 1.0)
    return weights @ v, weights
