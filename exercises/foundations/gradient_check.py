"""Kata foundations/gradient_check: numerical gradient check.

Difficulty 1 (warm-up), target time 15 minutes.

Every backpropagation you write should be checked against a gradient you cannot get wrong:
one computed from f alone, by nudging each input and watching f move. Write that numerical
gradient, numerical_gradient(f, x, eps=1e-6), and relative_error(a, b), which compares it
with an analytic one.

Math:
    numerical_gradient(f, x, eps)[i] = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)
    relative_error(a, b)             = max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-12)
    where e_i is the array of x's shape with a 1 at entry i and 0 elsewhere. This central
    difference is exact for quadratics; its error is of order eps^2 (Taylor: the eps terms
    of f(x + eps) and f(x - eps) cancel), while the forward difference
    (f(x + eps) - f(x)) / eps is only accurate to order eps.

Shapes: x may have any shape (a vector, a weight matrix, a 4-D convolution kernel); f takes
an array of that shape and returns a scalar; the gradient has x's shape, float64. a and b
in relative_error have the same shape (ValueError otherwise); the result is a Python float
in [0, 1].

Conventions:
- Central differences, with the eps you are given (eps > 0, else ValueError: the stub
  checks it; NaN in x is a ValueError too).
- Every entry of every axis is perturbed, one at a time: while f runs it sees x with
  exactly one entry moved by +eps or -eps (restore each entry to its saved value before
  the next one).
- x is unchanged afterwards, bit for bit, even if f raises an exception. Works for any x:
  non-contiguous views (x[:, ::2], x.T) and integer arrays included.
- relative_error is elementwise, symmetric in a and b, and takes the LARGEST entry (not
  the mean, not a ratio of norms). The floor 1e-12 applies only where |a_i| + |b_i| is
  below it: two zeros give 0 (never 0/0, not even in a branch of np.where that is thrown
  away); 0 against 1e-3 gives 1 (the worst); 0 against 1e-20 gives 1e-20 / 1e-12 = 1e-8
  (rounding noise is not a disagreement).

Complexity: 2 calls of f per entry of x, so O(size of x) calls: fine for checking a small
layer, far too slow to train with.

Pitfalls:
- The forward difference, or dividing by eps instead of 2 eps.
- Not restoring an entry (or restoring orig - eps + eps, which may round differently).
- Perturbing x[i] of a 2-D x (a whole row), or a flattened copy of a non-contiguous view
  (x.reshape(-1) copies, so f never sees the change).
- Working in x's integer dtype: x + 1e-6 truncates back.
- relative_error dividing by |b| only or by max(|a|, |b|), adding 1e-12 instead of flooring
  with max(..., 1e-12), averaging the entries, or ||a - b|| / (||a|| + ||b||), which hides
  a wrong sign on a tiny entry.

Worked example (f(v) = v1^3 + v2^3, so the gradient is 3 v^2):
    numerical_gradient(f, [1, -2], eps=0.5)  -> [3.25, 12.25]  (= 3 v^2 + eps^2, exactly)
    relative_error([1, 0], [3, 0])           -> 0.5            (|1 - 3| / 4; 0 vs 0 is 0)
    relative_error([5e-13], [0])             -> 0.5            (5e-13 / 1e-12, the floor)

Run `pytest --kata foundations/gradient_check` to check your work; hints are in
hints/foundations/gradient_check.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("numerical_gradient")


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
    raise NotImplementedError("relative_error")
