"""Reference solution for neural/activations.

The statement is in exercises/neural/activations.py.
"""

import math

import numpy as np

from kata.validation import check_array, check_scalar

# GELU's tanh approximation (Hendrycks & Gimpel), the one GPT-2 and BERT use:
# gelu(x) ~ 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_A = 0.044715


def relu(x):
    """Rectified linear unit ``max(x, 0)``, elementwise.

    Parameters
    ----------
    x : array-like of any shape
        Pre-activations.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    return np.maximum(x, 0.0)


def relu_grad(x):
    """Derivative of ``relu`` at ``x``: 1 where ``x > 0``, else 0 (0 at ``x = 0``).

    Parameters
    ----------
    x : array-like of any shape
        The inputs of the forward pass (not its outputs).

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    # A strict comparison: the subgradient chosen at the kink is 0, as in PyTorch.
    return (x > 0).astype(np.float64)


def leaky_relu(x, alpha=0.01):
    """Leaky ReLU: ``x`` where ``x > 0``, else ``alpha * x``, elementwise.

    Parameters
    ----------
    x : array-like of any shape
        Pre-activations.
    alpha : float, default=0.01
        Slope for negative inputs, >= 0.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0], alpha=0.1)
    array([-0.2,  0. ,  3. ])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    check_scalar(alpha, "alpha", low=0.0)
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    """Derivative of ``leaky_relu`` at ``x``: 1 where ``x > 0``, else ``alpha``.

    Parameters
    ----------
    x : array-like of any shape
        The inputs of the forward pass.
    alpha : float, default=0.01
        Slope for negative inputs, >= 0 (the same as in the forward pass).

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> leaky_relu_grad([-2.0, 0.0, 3.0], alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    check_scalar(alpha, "alpha", low=0.0)
    return np.where(x > 0, 1.0, float(alpha))


def tanh(x):
    """Hyperbolic tangent, elementwise.

    Parameters
    ----------
    x : array-like of any shape
        Pre-activations.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``, values in [-1, 1].

    Examples
    --------
    >>> tanh([0.0, np.log(2.0)])
    array([0. , 0.6])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    # np.tanh saturates to +-1 without overflow; (e^2x - 1) / (e^2x + 1) is inf / inf at 1e3.
    return np.tanh(x)


def tanh_grad(x):
    """Derivative of ``tanh`` at ``x``: ``1 - tanh(x)**2``.

    Parameters
    ----------
    x : array-like of any shape
        The inputs of the forward pass (not its outputs).

    Returns
    -------
    ndarray of float64
        Same shape as ``x``, values in [0, 1].

    Examples
    --------
    >>> tanh_grad([0.0, np.log(2.0)])
    array([1.  , 0.64])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    t = np.tanh(x)
    return 1.0 - t * t


def sigmoid(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))``, elementwise, stable for any magnitude.

    Parameters
    ----------
    x : array-like of any shape
        Pre-activations.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``, values in [0, 1].

    Examples
    --------
    >>> sigmoid([0.0, np.log(3.0)])
    array([0.5 , 0.75])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    # e = exp(-|x|) lies in (0, 1]: never overflows. For x >= 0, 1 / (1 + e); for x < 0,
    # the same value rewritten as e / (1 + e), which keeps the lower tail's precision.
    # Elementwise work is memory-bound: each step runs in place on e, two arrays in all.
    e = np.abs(x, out=np.empty(x.shape))  # an array even for 0-d x, so out= works below
    np.negative(e, out=e)
    np.exp(e, out=e)
    out = np.where(x >= 0, 1.0, e)
    e += 1.0
    out /= e
    return out


def sigmoid_grad(x):
    """Derivative of ``sigmoid`` at ``x``: ``sigmoid(x) * (1 - sigmoid(x))``.

    Parameters
    ----------
    x : array-like of any shape
        The inputs of the forward pass (not its outputs).

    Returns
    -------
    ndarray of float64
        Same shape as ``x``, values in [0, 0.25].

    Examples
    --------
    >>> sigmoid_grad([0.0, np.log(3.0)])
    array([0.25  , 0.1875])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    # s(x) (1 - s(x)) = s(x) s(-x) = e / (1 + e)^2 with e = exp(-|x|): symmetric and
    # free of the cancellation in 1 - s(x) when s(x) rounds to 1.
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2


def gelu(x):
    """GELU, tanh approximation: ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3)))``.

    Parameters
    ----------
    x : array-like of any shape
        Pre-activations.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> gelu([0.0, 1.0]).round(6)
    array([0.      , 0.841192])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    u = _GELU_C * (x + _GELU_A * x**3)
    return 0.5 * x * (1.0 + np.tanh(u))


def gelu_grad(x):
    """Derivative of ``gelu`` (the tanh approximation) at ``x``.

    Parameters
    ----------
    x : array-like of any shape
        The inputs of the forward pass.

    Returns
    -------
    ndarray of float64
        Same shape as ``x``.

    Examples
    --------
    >>> gelu_grad([0.0, 1.0]).round(6)
    array([0.5     , 1.082964])
    """
    x = check_array(x, name="x", ndim=None, allow_empty=True)
    u = _GELU_C * (x + _GELU_A * x**3)
    t = np.tanh(u)
    # Product rule on 0.5 x (1 + tanh(u)), with du/dx = sqrt(2/pi) (1 + 3 * 0.044715 x^2).
    du = _GELU_C * (1.0 + 3.0 * _GELU_A * x * x)
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du
