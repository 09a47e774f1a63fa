"""Kata neural/activations: Activation functions and their derivatives.

Difficulty 1 (warm-up), target time 15 minutes.

Write the five activation functions of deep learning and, for each, the function giving its
elementwise derivative, which a backward pass multiplies into the upstream gradient:
dL/dx = dout * f_grad(x). Every *_grad takes the forward pass's INPUT x.

Math:
    relu(x)        = max(x, 0)                     relu'(x)       = 1 if x > 0 else 0
    leaky_relu(x)  = x if x > 0 else alpha x       leaky_relu'(x) = 1 if x > 0 else alpha
    tanh(x)        = (e^x - e^-x) / (e^x + e^-x)   tanh'(x)       = 1 - tanh(x)^2
    sigmoid(x)     = 1 / (1 + e^-x)                sigmoid'(x)    = sigmoid(x) (1 - sigmoid(x))
    gelu(x)        = 0.5 x (1 + tanh(u)),  u = sqrt(2 / pi) (x + 0.044715 x^3)
                     (the tanh approximation of x * Phi(x), Phi the standard normal CDF)
    gelu'(x)       = 0.5 (1 + tanh(u)) + 0.5 x (1 - tanh(u)^2) du/dx,
                     du/dx = sqrt(2 / pi) (1 + 3 * 0.044715 x^2)
    Stable sigmoid: with e = exp(-|x|), which lies in (0, 1], sigmoid(x) = 1 / (1 + e) for
    x >= 0 and e / (1 + e) for x < 0.

Shapes: x is an array of any shape (0-d, 1-D, a batch (n, d), images ...); every function
returns a float64 array of x's shape.

Conventions:
- The derivative at a kink is the one PyTorch uses: relu_grad(0) = 0 and
  leaky_relu_grad(0) = alpha (the "x > 0" branch is strict).
- leaky_relu and leaky_relu_grad take alpha (default 0.01, must be >= 0) and use the value
  passed in; a negative or non-numeric alpha is a ValueError (the stub checks it).
- gelu is the tanh approximation 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), as
  PyTorch's gelu(x, approximate="tanh"), not the exact erf form x * Phi(x).
- No overflow, no NaN, no warning for |x| up to 1e3: sigmoid(-1000) is 0, sigmoid(1000)
  is 1, tanh(+-1000) is +-1, gelu(1000) is 1000, and every derivative is finite there.
- NaN or infinity in x is a ValueError (the stub checks it); x is never modified in place.

Complexity: O(size of x) time and memory, vectorized (no Python loop over elements).

Pitfalls:
- *_grad receives x, not the activation's output: sigmoid_grad(x) is s(x) (1 - s(x)),
  not x (1 - x); tanh_grad(x) is 1 - tanh(x)^2, not 1 - x^2.
- relu_grad written with x >= 0 gives 1 at x = 0; the convention here is 0.
- 1 / (1 + np.exp(-x)) overflows at x = -1000; np.where(x >= 0, 1 / (1 + exp(-x)),
  exp(x) / (1 + exp(x))) still overflows, because np.where evaluates both branches.
- tanh written as (exp(2x) - 1) / (exp(2x) + 1) is inf / inf at x = 1000: use np.tanh.
- gelu_grad is a product rule: dropping the 0.5 x (1 - tanh^2) du/dx term is wrong, and
  the constant 0.044715 is multiplied by 3 in du/dx.
- x[x < 0] = 0 (or x *= ...) modifies the caller's array.

Worked example:
    relu([-2, 0, 3])             -> [0, 0, 3]          relu_grad       -> [0, 0, 1]
    leaky_relu([-2, 0, 3], 0.1)  -> [-0.2, 0, 3]       leaky_relu_grad -> [0.1, 0.1, 1]
    tanh([0, log 2])             -> [0, 0.6]           tanh_grad       -> [1, 0.64]
    sigmoid([0, log 3])          -> [0.5, 0.75]        sigmoid_grad    -> [0.25, 0.1875]
    gelu([0, 1])                 -> [0, 0.841192]      gelu_grad       -> [0.5, 1.082964]
    (tanh(log 2) = (2 - 1/2) / (2 + 1/2) = 0.6; sigmoid(log 3) = 1 / (1 + 1/3) = 0.75)

Run `pytest --kata neural/activations` to check your work; hints are in
hints/neural/activations.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_scalar


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
    raise NotImplementedError("relu")


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
    raise NotImplementedError("relu_grad")


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
    raise NotImplementedError("leaky_relu")


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
    raise NotImplementedError("leaky_relu_grad")


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
    raise NotImplementedError("tanh")


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
    raise NotImplementedError("tanh_grad")


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
    raise NotImplementedError("sigmoid")


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
    raise NotImplementedError("sigmoid_grad")


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
    raise NotImplementedError("gelu")


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
    raise NotImplementedError("gelu_grad")
