"""Reference solution for sequence/positional_encoding.

The statement is in exercises/sequence/positional_encoding.py.
"""

import numpy as np

from kata.validation import check_array, check_scalar


def sinusoidal_encoding(n_positions, d_model):
    """The sinusoidal position table of "Attention Is All You Need".

    Parameters
    ----------
    n_positions : int >= 1
        The number of positions p = 0, 1, ..., n_positions - 1 (rows).
    d_model : int >= 1
        The encoding width (columns); odd widths end with a sine column.

    Returns
    -------
    PE : ndarray of float64, shape (n_positions, d_model)
        ``PE[p, 2i] = sin(p / 10000**(2i / d_model))`` and
        ``PE[p, 2i + 1] = cos(p / 10000**(2i / d_model))``.

    Examples
    --------
    >>> sinusoidal_encoding(2, 4).round(4)
    array([[0.    , 1.    , 0.    , 1.    ],
           [0.8415, 0.5403, 0.01  , 1.    ]])
    """
    check_scalar(n_positions, "n_positions", kind=int, low=1)
    check_scalar(d_model, "d_model", kind=int, low=1)
    positions = np.arange(n_positions, dtype=np.float64)[:, None]  # (n_positions, 1)
    # Columns 2i and 2i + 1 share the frequency 10000^(-2i/d): the exponent uses the even
    # column index 2i of the pair, not the column's own index.
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 0, 2, 4, ...
    angles = positions / 10000.0 ** (two_i / d_model)  # (n_positions, ceil(d/2))
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2] = np.sin(angles)  # even columns: sine
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: cosine
    return pe


def apply_rope(x, positions=None, base=10000.0):
    """Rotary position embedding: rotate each pair (x[..., 2i], x[..., 2i + 1]) by pos * theta_i.

    Parameters
    ----------
    x : array-like, shape (..., T, d), d even
        Queries or keys, one row per position (the second-to-last axis).
    positions : array-like of shape (T,), default=None
        The position of each row; None means 0, 1, ..., T - 1. Any real numbers.
    base : float > 0, default=10000.0
        The frequency base: pair i turns by ``theta_i = base**(-2i / d)`` per position.

    Returns
    -------
    out : ndarray of float64, the shape of x
        ``(a, b) -> (a cos(pos theta_i) - b sin(pos theta_i), a sin(pos theta_i) +
        b cos(pos theta_i))`` for every pair ``(a, b) = (x[..., 2i], x[..., 2i + 1])``.

    Examples
    --------
    >>> apply_rope([[1.0, 0.0], [1.0, 0.0]]).round(4)  # position 1 turns by 1 radian
    array([[1.    , 0.    ],
           [0.5403, 0.8415]])
    """
    x = check_array(x, name="x", ndim=None)
    if x.ndim < 2:
        raise ValueError(f"x must have at least 2 dimensions (..., T, d), got shape {x.shape}")
    T, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError(f"x's last axis must be even (pairs are rotated), got d = {d}")
    if positions is not None:
        positions = check_array(positions, name="positions", ndim=1)
        if positions.shape[0] != T:
            raise ValueError(
                f"positions has {positions.shape[0]} entries but x has T = {T} rows "
                "(axis -2): one position per row"
            )
    check_scalar(base, "base", low=0.0, low_inclusive=False)
    if positions is None:
        positions = np.arange(T, dtype=np.float64)
    inv_freq = float(base) ** (-np.arange(0, d, 2) / d)  # theta_i = base^(-2i/d), (d/2,)
    angles = positions[:, None] * inv_freq[None, :]  # (T, d/2), broadcasts over the batch
    cos, sin = np.cos(angles), np.sin(angles)
    a, b = x[..., 0::2], x[..., 1::2]  # the interleaved pairs (2i, 2i + 1)
    out = np.empty_like(x)  # a new array: x is never written
    # A 2-D rotation by +angle of each pair: norm-preserving, and R(m)^T R(n) = R(n - m),
    # so <rope(q, m), rope(k, n)> depends on m - n only.
    out[..., 0::2] = a * cos - b * sin
    out[..., 1::2] = a * sin + b * cos
    return out
