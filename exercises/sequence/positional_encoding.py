"""Kata sequence/positional_encoding: Sinusoidal positional encoding and rotary embeddings (RoPE).

Difficulty 2 (standard interview question), target time 30 minutes.

Attention is blind to order, so a transformer injects positions. Write the two classic
ways: the sinusoidal table of the original transformer, added to the token embeddings,
and the rotary embedding of modern LLMs, which rotates each pair of query/key features by
an angle proportional to the position, so that a query-key dot product depends only on
their relative position.

Math:
    Sinusoidal, for position p and pair index i (columns 2i and 2i + 1):
        PE[p, 2i]     = sin(p / 10000^(2i / d_model))
        PE[p, 2i + 1] = cos(p / 10000^(2i / d_model))
    RoPE, for a row at position pos and pair (a, b) = (x[..., 2i], x[..., 2i + 1]):
        theta_i = base^(-2i / d),  phi = pos * theta_i
        (a, b) -> (a cos(phi) - b sin(phi),  a sin(phi) + b cos(phi))
    A rotation keeps the norm, and R(m phi)^T R(n phi) = R((n - m) phi), so
        <rope(q, m), rope(k, n)> is a function of q, k and n - m only.

Shapes: sinusoidal_encoding returns (n_positions, d_model). apply_rope takes x of shape
(..., T, d) (rows along axis -2 are positions; leading axes are batch or heads) and
returns an array of the same shape; positions is (T,). Everything is float64.

Conventions:
- Positions start at 0. Pairs are interleaved, (x[..., 2i], x[..., 2i + 1]): the
  original RoPE layout, not the "two halves" layout (x[..., i], x[..., i + d/2]).
- The rotation is counter-clockwise by +phi: (1, 0) at position 1 with d = 2 becomes
  (cos 1, sin 1).
- An odd d_model is allowed in sinusoidal_encoding (the last column is a sine); apply_rope
  needs an even d (ValueError otherwise).
- positions=None means 0, 1, ..., T - 1; otherwise one real number per row (length T,
  ValueError otherwise); base must be > 0. n_positions and d_model are integers >= 1. The
  stub checks all of these.
- x and positions are never modified.

Complexity: O(n_positions d_model) for the table; O(size of x) for RoPE, with the (T, d/2)
angles computed once and broadcast over the leading axes.

Pitfalls:
- sin and cos swapped (cos on the even columns).
- The exponent from the column index j (10000^(j / d)) instead of the pair's 2i: the
  cosine column must share its sine's frequency. Or i / d instead of 2i / d.
- Concatenated halves [sin ... | cos ...] instead of interleaved columns.
- RoPE: pairing the halves (x_i, x_{i + d/2}) when the convention is adjacent pairs;
  rotating by -phi; the frequency exponent off by the factor 2; positions that start at
  1, or ignoring the positions argument.
- Rotating along the wrong axis: positions index axis -2, features axis -1.

Worked example:
    sinusoidal_encoding(2, 4):
        p = 0 -> [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1]
        p = 1 -> [sin 1, cos 1, sin 0.01, cos 0.01] = [0.8415, 0.5403, 0.0100, 1.0000]
    apply_rope([[1, 0], [1, 0]]): row 0 stays (1, 0); row 1 turns by 1 rad to
    (0.5403, 0.8415). With d = 4 the second pair turns by pos / 100 (base^(-2/4)).

Run `pytest --kata sequence/positional_encoding` to check your work; hints are in
hints/sequence/positional_encoding.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("sinusoidal_encoding")


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
    raise NotImplementedError("apply_rope")
