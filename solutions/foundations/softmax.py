"""Reference solution for foundations/softmax.

The statement is in exercises/foundations/softmax.py.
"""

import numpy as np

from kata.validation import check_array, check_axis


def sigmoid(z):
    """Logistic function ``1 / (1 + exp(-z))``, elementwise.

    Parameters
    ----------
    z : array-like of any shape
        Real numbers; magnitudes up to 1e3 (and beyond) must not overflow.

    Returns
    -------
    ndarray of float64
        Same shape as ``z``, values in [0, 1].

    Examples
    --------
    >>> sigmoid([0.0, np.log(3.0)])
    array([0.5 , 0.75])
    """
    z = check_array(z, name="z", ndim=None)
    # exp(-|z|) lies in (0, 1], so it never overflows. For z < 0 the algebraically equal
    # form e^z / (1 + e^z) keeps full relative precision in the tail, where 1 - sigmoid(-z)
    # would cancel to 0. Both branches are safe to evaluate everywhere.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logsumexp(z, axis=-1, keepdims=False):
    """``log(sum(exp(z), axis))`` without overflow or underflow.

    Parameters
    ----------
    z : array-like, at least 1-D
    axis : int, default -1
        The axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1 (handy for broadcasting back).

    Returns
    -------
    ndarray of float64
        ``z``'s shape without ``axis`` (or with it set to 1 if ``keepdims``).

    Examples
    --------
    >>> logsumexp([1000.0, 1000.0])  # 1000 + log 2, although exp(1000) overflows
    np.float64(1000.6931471805599)
    """
    z = check_array(z, name="z", ndim=None)
    axis = check_axis(axis, z.ndim)
    # log Σ e^z = m + log Σ e^(z - m) for any m; with m = max the largest term is e^0 = 1,
    # so the sum is in [1, n]: no overflow, and its log is never log(0).
    m = np.max(z, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def softmax(z, axis=-1):
    """Softmax ``exp(z) / sum(exp(z))`` along ``axis``.

    Parameters
    ----------
    z : array-like, at least 1-D
        Logits.
    axis : int, default -1
        The axis along which the outputs sum to 1.

    Returns
    -------
    ndarray of float64
        Same shape as ``z``; non-negative, summing to 1 along ``axis``.

    Examples
    --------
    >>> softmax([[1.0, 1.0], [0.0, np.log(3.0)]])
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    z = check_array(z, name="z", ndim=None)
    axis = check_axis(axis, z.ndim)
    # Softmax is invariant to adding a constant along the axis; subtracting the max makes
    # every exponent <= 0, so exp never overflows and at least one term equals 1.
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    """``log(softmax(z))`` computed directly, exact even where softmax underflows to 0.

    Parameters
    ----------
    z : array-like, at least 1-D
        Logits.
    axis : int, default -1
        The axis along which ``exp`` of the output sums to 1.

    Returns
    -------
    ndarray of float64
        Same shape as ``z``; all values <= 0.

    Examples
    --------
    >>> log_softmax([0.0, -1000.0])  # log(softmax) would give -inf for the second entry
    array([    0., -1000.])
    """
    z = check_array(z, name="z", ndim=None)
    axis = check_axis(axis, z.ndim)
    # log softmax(z) = z - logsumexp(z): no division, and no log of an underflowed 0.
    return z - logsumexp(z, axis=axis, keepdims=True)
