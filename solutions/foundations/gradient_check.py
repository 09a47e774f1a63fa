"""Reference solution for foundations/gradient_check.

The statement is in exercises/foundations/gradient_check.py.
"""

import numpy as np

from kata.validation import check_array, check_scalar


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``. It is called with float64 arrays of ``x``'s shape (``x`` with
        one entry moved by ``+eps`` or ``-eps``) and must depend on ``x`` only through
        this argument.
    x : array-like of any shape
        The point at which to differentiate. It is left unchanged, even if ``f`` raises.
    eps : float, default 1e-6
        The step ``h > 0`` in ``(f(x + h e_i) - f(x - h e_i)) / (2 h)``.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``: entry ``i`` estimates the partial derivative of ``f`` with
        respect to ``x[i]``, with an error of order ``eps**2``.

    Examples
    --------
    >>> numerical_gradient(lambda v: np.sum(v**3), np.array([1.0, -2.0]), eps=0.5)
    array([ 3.25, 12.25])
    """
    x = check_array(x, name="x", ndim=None)
    eps = check_scalar(eps, "eps", low=0.0, low_inclusive=False)
    # Perturb a private, contiguous copy: the caller's x is never touched (so nothing to
    # undo if f raises), and indexing by np.ndindex reaches every entry of any shape.
    x = x.copy()
    grad = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        orig = x[idx]
        x[idx] = orig + eps
        f_plus = float(f(x))
        x[idx] = orig - eps
        f_minus = float(f(x))
        # Restore the saved value (not orig - eps + eps, which may round differently)
        # before the next entry: every other partial derivative is taken at x itself.
        x[idx] = orig
        # Central difference: the Taylor terms of order eps cancel, leaving an O(eps^2)
        # error, against O(eps) for the forward difference (f(x + eps) - f(x)) / eps.
        grad[idx] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    """Largest elementwise relative error ``|a - b| / (|a| + |b|)`` between two arrays.

    Parameters
    ----------
    a, b : array-like of the same shape
        Typically an analytic gradient and a numerical one.

    Returns
    -------
    float
        ``max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-12)``, in [0, 1]. The floor makes two
        zeros agree perfectly (0, not 0/0 = NaN). Below 1e-7 is a good gradient check.

    Examples
    --------
    >>> relative_error([1.0, 0.0], [3.0, 0.0])  # |1 - 3| / (1 + 3); 0 vs 0 counts as 0
    0.5
    """
    a = check_array(a, name="a", ndim=None)
    b = check_array(b, name="b", ndim=None)
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}: they must match")
    # |a| + |b| is symmetric and bounds |a - b|, so the ratio lies in [0, 1]; the floor
    # only matters where both entries are (nearly) 0, which would otherwise be 0/0.
    denom = np.maximum(np.abs(a) + np.abs(b), 1e-12)
    return float(np.max(np.abs(a - b) / denom))
