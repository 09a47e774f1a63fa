"""Kata neural/dense_layer: Dense layer forward and backward.

Difficulty 1 (warm-up), target time 15 minutes.

Write the forward and backward pass of a fully connected (dense, linear) layer, the
building block of every MLP and of the projections inside a transformer. The forward pass
flattens each sample and applies an affine map; the backward pass turns the upstream
gradient dout into the gradients of the input, the weights and the bias.

Math:
    forward    x_flat = x reshaped to (n, d)          d = product of x's non-batch axes
               out    = x_flat @ W + b                (n, d) @ (d, m) + (m,) -> (n, m)
    backward   given dout = dL/dout of shape (n, m), for a scalar loss L:
               dx = dL/dx, dW = dL/dW, db = dL/db

    Derive the three gradients yourself from out[i, j] = sum_k x_flat[i, k] W[k, j] + b[j]
    (write the chain rule for one entry, then recognise the matrix product). Check that
    every gradient has the shape of the thing it is the gradient of.

Shapes: x is (n, d_1, ..., d_k) with n >= 1 samples, e.g. images (n, channels, height,
width); each sample is flattened in C order (row-major, as x.reshape(n, -1), PyTorch's
nn.Flatten). W is (d, m), b is (m,), out is (n, m). dx has x's original shape, dW is
(d, m) and db is (m,). All outputs are float64.

Conventions:
- dense_forward returns (out, cache); `cache` is yours to design: keep what the backward
  pass needs. It must be self-contained (no global state), so interleaved forward calls
  do not mix up.
- dense_backward(dout, cache) returns (dx, dW, db), each of the shape of what it is the
  gradient of: dx in x's original shape, dW (d, m), db (m,).
- dout is dL/dout for the loss as it is: no averaging over the batch inside the layer.
- dense_backward raises ValueError, naming dout, when dout's shape is not the forward
  output's (n, m). dense_forward's shape checks are already written.
- Never modify x, W, b or dout in place.

Complexity: O(n d m) time for both passes (three matrix products, no Python loops);
memory O(n d + d m) (the cache may keep x and W, which are already in memory).

Pitfalls:
- The bias is added to every row, so db sums dout over the batch (not a mean: the 1/n of
  a mean loss is already inside dout). dW sums over the batch too.
- dx must come back in x's shape, e.g. (n, 3, 32, 32), not (n, 3072).
- dx uses W transposed: with a square W, dout @ W has the right shape and the wrong value.
- n = 1 is a batch of one: never squeeze the batch axis away.
- Flatten in C order (x.reshape(n, -1)); order="F" mixes the axes of each sample.

Worked example:
    x = [[1, 2], [3, 4]], W = [[1, 0, -1], [0, 1, 2]], b = [0.5, 0, -1]
    out = [[1.5, 2, 2], [3.5, 4, 4]]
    with dout = all ones (2, 3): dx = [[0, 3], [0, 3]], dW = [[4, 4, 4], [6, 6, 6]],
    db = [2, 2, 2]

Run `pytest --kata neural/dense_layer` to check your work; hints are in
hints/neural/dense_layer.md.
"""

import math

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array


def dense_forward(x, W, b):
    """Forward pass of a fully connected layer: ``out = x_flat @ W + b``.

    Parameters
    ----------
    x : array-like of shape (n, d_1, ..., d_k)
        A batch of n inputs; each is flattened (C order) to d = d_1 * ... * d_k values.
    W : array-like of shape (d, m)
        Weights: column j holds the input weights of output unit j.
    b : array-like of shape (m,)
        Biases, one per output unit.

    Returns
    -------
    out : ndarray of shape (n, m)
        The layer's output, float64.
    cache : object
        Whatever ``dense_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> out, cache = dense_forward([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], [0.5, -0.5])
    >>> out
    array([[1.5, 1.5]])
    """
    x = check_array(x, name="x", ndim=None)
    W = check_array(W, name="W", ndim=2)
    b = check_array(b, name="b", ndim=1)
    if x.ndim < 2:
        raise ValueError(f"x must have a batch axis, shape (n, ...), got shape {x.shape}")
    d = math.prod(x.shape[1:])  # values per sample
    if W.shape[0] != d:
        raise ValueError(
            f"x has {d} values per sample (shape {x.shape}) but W has {W.shape[0]} rows: "
            "W must have shape (d, m)"
        )
    if b.shape[0] != W.shape[1]:
        raise ValueError(f"b has {b.shape[0]} entries but W has {W.shape[1]} columns (m)")

    raise NotImplementedError("dense_forward")


def dense_backward(dout, cache):
    """Backward pass: gradients of a scalar loss L from ``dout = dL/dout``.

    Parameters
    ----------
    dout : array-like of shape (n, m)
        Upstream gradient, the same shape as the forward output.
    cache : object
        The cache returned by ``dense_forward``.

    Returns
    -------
    dx : ndarray of the same shape as the forward ``x``
        ``dL/dx``, reshaped back to x's shape.
    dW : ndarray of shape (d, m)
        ``dL/dW``.
    db : ndarray of shape (m,)
        ``dL/db``.

    Examples
    --------
    >>> _, cache = dense_forward([[1.0, 2.0], [3.0, 4.0]], [[1.0], [1.0]], [0.0])
    >>> dx, dW, db = dense_backward([[1.0], [1.0]], cache)
    >>> dx, dW.ravel(), db
    (array([[1., 1.],
           [1., 1.]]), array([4., 6.]), array([2.]))
    """
    dout = check_array(dout, name="dout", ndim=2)
    raise NotImplementedError("dense_backward")
