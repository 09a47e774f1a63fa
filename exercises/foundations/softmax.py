"""Kata foundations/softmax: sigmoid, logsumexp, softmax and log-softmax.

Difficulty 1 (warm-up), target time 15 minutes.

Write the four squashing functions every classifier and attention layer uses, so that
they stay exact for logits as large as +-1000.

Math:
    sigmoid(z)      = 1 / (1 + exp(-z))                       elementwise, in [0, 1]
    logsumexp(z)    = log(sum_i exp(z_i))                     reduced along `axis`
    softmax(z)_i    = exp(z_i) / sum_j exp(z_j)               sums to 1 along `axis`
    log_softmax(z)  = z - logsumexp(z)                        log of softmax, directly
    For any constant c: logsumexp(z) = c + logsumexp(z - c) and softmax(z) = softmax(z - c);
    with c = max(z) along the axis every exponent is <= 0 and the largest term is 1.
    sigmoid(z) = exp(z) / (1 + exp(z)) is the same function, safe for z < 0.

Shapes: `z` is an array of any shape (at least 1-D for the three reductions); `axis`
picks the dimension that is normalized (default: the last one), for 1-D, 2-D, 3-D, ...
input alike. Outputs are float64.

Conventions:
- axis defaults to -1; any valid axis of z works, negative ones included (the stub checks
  the range). softmax and log_softmax keep z's shape; logsumexp drops only the reduced
  axis (keepdims=True keeps it with length 1): other length-1 axes stay.
- No overflow, no NaN, no warning for |z| up to 1000 (exp(1000) is inf in float64):
  sigmoid(-1000) is 0 and sigmoid(1000) is 1, exactly.
- log_softmax is exact where softmax underflows: log_softmax([0, -1000]) is [0, -1000].
- sigmoid keeps relative precision in the lower tail: sigmoid(-700) is about exp(-700)
  (about 1e-304), not 0.
- NaN in z is a ValueError (the stub checks it); z is never modified in place.

Complexity: O(size of z) time and memory, fully vectorized (no Python loops).

Pitfalls:
- exp(z) / sum(exp(z)) overflows at z = 1000 (inf / inf = NaN): subtract the max first.
- Shifting by the global max instead of each slice's own max: a row at -1000 next to a
  row at +1000 underflows to 0 / 0.
- np.log(softmax(z)) takes the log of an underflowed 0 and gives -inf; clipping the
  probabilities first gives a wrong finite number (log(1e-300) = -690.8, not -1000).
- np.where(z >= 0, 1 / (1 + exp(-z)), exp(z) / (1 + exp(z))) still overflows: np.where
  evaluates both branches for every element. Compute exp(-|z|) once.
- 1 - sigmoid(-z), 0.5 * (1 + tanh(z / 2)) or clipping z lose the tail (sigmoid(-40)
  becomes 0, or sigmoid(-1000) becomes sigmoid(-500)).
- Reducing the wrong axis, forgetting keepdims=True so the sum does not broadcast back,
  or np.squeeze without axis= (it also drops a batch of one sample).
- z -= z.max() changes the caller's array.

Worked example:
    softmax([1, 2, 3])      -> [0.0900, 0.2447, 0.6652]
    logsumexp([0, 0])       -> log 2 = 0.6931
    softmax([1000, 1000])   -> [0.5, 0.5]
    log_softmax([0, -1000]) -> [0, -1000]

Run `pytest --kata foundations/softmax` to check your work; hints are in
hints/foundations/softmax.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("sigmoid")


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
    raise NotImplementedError("logsumexp")


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
    raise NotImplementedError("softmax")


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
    raise NotImplementedError("log_softmax")
