"""Reference solution for neural/dense_layer.

The statement is in exercises/neural/dense_layer.py.
"""

import math

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

    # reshape(n, -1), not squeeze or reshape(-1): n = 1 and size-1 axes must keep the
    # batch axis. It is a view, so x itself is never touched.
    x_flat = x.reshape(x.shape[0], -1)
    out = x_flat @ W + b  # b broadcasts over the n rows
    return out, (x.shape, x_flat, W)


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
    x_shape, x_flat, W = cache
    if dout.shape != (x_flat.shape[0], W.shape[1]):
        raise ValueError(
            f"dout has shape {dout.shape}, but the forward output had shape "
            f"{(x_flat.shape[0], W.shape[1])}"
        )
    # out[i, j] = sum_k x[i, k] W[k, j] + b[j], so by the chain rule:
    dx = (dout @ W.T).reshape(x_shape)  # dL/dx[i, k] = sum_j dout[i, j] W[k, j]
    dW = x_flat.T @ dout  # dL/dW[k, j] = sum_i x[i, k] dout[i, j]: sums over the batch
    db = dout.sum(axis=0)  # b is added to every row: its gradient sums over the batch
    return dx, dW, db
