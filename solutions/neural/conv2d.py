"""Reference solution for neural/conv2d.

The statement is in exercises/neural/conv2d.py.
"""

import numbers

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from kata.validation import check_array, check_scalar


def conv2d_forward(x, w, b, stride=1, padding=0):
    """Forward pass of a 2-D convolution layer (cross-correlation, as every framework).

    Parameters
    ----------
    x : array-like of shape (N, C, H, W)
        A batch of N images with C channels (NCHW layout).
    w : array-like of shape (F, C, kh, kw)
        F filters, each spanning all C input channels.
    b : array-like of shape (F,)
        One bias per filter.
    stride : int, default 1
        Step between neighbouring windows, the same along height and width.
    padding : int, default 0
        Rows and columns of zeros added on every side of each image.

    Returns
    -------
    out : ndarray of shape (N, F, H_out, W_out)
        ``H_out = (H + 2 * padding - kh) // stride + 1``, likewise ``W_out``; float64.
    cache : object
        Whatever ``conv2d_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> out, cache = conv2d_forward(x, [[[[1.0, 0.0], [0.0, -1.0]]]], [0.5])
    >>> out
    array([[[[-3.5, -3.5],
             [-3.5, -3.5]]]])
    """
    x = check_array(x, name="x", ndim=4)
    w = check_array(w, name="w", ndim=4)
    b = check_array(b, name="b", ndim=1)
    check_scalar(stride, "stride", kind=numbers.Integral, low=1)
    check_scalar(padding, "padding", kind=numbers.Integral, low=0)
    _, C, H, W = x.shape
    F, C_w, kh, kw = w.shape
    if C_w != C:
        raise ValueError(
            f"x has {C} channels (shape {x.shape}) but w has {C_w} (shape {w.shape}): "
            "w must have shape (F, C, kh, kw)"
        )
    if b.shape[0] != F:
        raise ValueError(f"b has {b.shape[0]} entries but w has {F} filters (F)")
    if kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError(
            f"the {kh}x{kw} kernel is larger than the padded {H + 2 * padding}x"
            f"{W + 2 * padding} input"
        )

    # np.pad returns a new array: x itself is never written to.
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    # Every kh x kw window of every channel as a view (no copy yet): (N, C, Hp-kh+1,
    # Wp-kw+1, kh, kw). Keeping every stride-th start gives floor((Hp - kh) / s) + 1 windows,
    # the output size; trailing rows that no window reaches are simply never read.
    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    # Cross-correlation: out[n, f, i, j] = sum_{c, u, v} x[n, c, s*i + u, s*j + v] w[f, c, u, v]
    # (no kernel flip). tensordot copies the windows into the im2col matrix once and does
    # one matrix product: (N, Ho, Wo, C*kh*kw) @ (C*kh*kw, F).
    out = np.tensordot(windows, w, axes=([1, 4, 5], [1, 2, 3]))  # (N, Ho, Wo, F)
    out = out.transpose(0, 3, 1, 2) + b[:, None, None]
    return out, (x.shape, windows, w, stride, padding)


def conv2d_backward(dout, cache):
    """Backward pass: gradients of a scalar loss L from ``dout = dL/dout``.

    Parameters
    ----------
    dout : array-like of shape (N, F, H_out, W_out)
        Upstream gradient, the shape of the forward output.
    cache : object
        The cache returned by ``conv2d_forward``.

    Returns
    -------
    dx : ndarray of shape (N, C, H, W)
        ``dL/dx``, the shape of the unpadded input.
    dw : ndarray of shape (F, C, kh, kw)
        ``dL/dw``.
    db : ndarray of shape (F,)
        ``dL/db``.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> _, cache = conv2d_forward(x, [[[[1.0, 0.0], [0.0, -1.0]]]], [0.5])
    >>> dx, dw, db = conv2d_backward(np.ones((1, 1, 2, 2)), cache)
    >>> dx[0, 0]
    array([[ 1.,  1.,  0.],
           [ 1.,  0., -1.],
           [ 0., -1., -1.]])
    >>> dw[0, 0], db
    (array([[ 8., 12.],
           [20., 24.]]), array([4.]))
    """
    dout = check_array(dout, name="dout", ndim=4)
    x_shape, windows, w, stride, padding = cache
    N, C, H, W = x_shape
    F, _, kh, kw = w.shape
    Ho, Wo = windows.shape[2:4]
    if dout.shape != (N, F, Ho, Wo):
        raise ValueError(
            f"dout has shape {dout.shape}, but the forward output had shape {(N, F, Ho, Wo)}"
        )
    # b[f] is added at every (n, i, j): its gradient sums dout over those three axes.
    db = dout.sum(axis=(0, 2, 3))
    # w[f, c, u, v] meets x[n, c, s*i + u, s*j + v] at every (n, i, j): sum over them.
    dw = np.tensordot(dout, windows, axes=([0, 2, 3], [0, 2, 3]))  # (F, C, kh, kw)
    # Each window's share of dx: dcols[n, i, j, c, u, v] = sum_f dout[n, f, i, j] w[f, c, u, v].
    dcols = np.tensordot(dout, w, axes=([1], [0]))  # (N, Ho, Wo, C, kh, kw)
    dcols = dcols.transpose(0, 3, 4, 5, 1, 2)  # (N, C, kh, kw, Ho, Wo)
    # col2im: add each window's share back at the pixels it read. One vectorized add per
    # kernel offset (u, v), over every window at once; windows that overlap (kh > stride)
    # accumulate, which plain assignment would lose.
    dxp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(kh):
        for v in range(kw):
            dxp[:, :, u : u + stride * Ho : stride, v : v + stride * Wo : stride] += dcols[
                :, :, u, v
            ]
    # The padding zeros are constants, not inputs: crop their gradient away.
    dx = dxp[:, :, padding : padding + H, padding : padding + W]
    return dx, dw, db


def maxpool2d_forward(x, size=2, stride=2):
    """Forward pass of 2-D max pooling over size x size windows (no padding).

    Parameters
    ----------
    x : array-like of shape (N, C, H, W)
    size : int, default 2
        Side of the square pooling window.
    stride : int, default 2
        Step between windows; ``stride < size`` makes windows overlap.

    Returns
    -------
    out : ndarray of shape (N, C, H_out, W_out)
        The maximum of each window, ``H_out = (H - size) // stride + 1``, likewise ``W_out``.
    cache : object
        Whatever ``maxpool2d_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> x = np.array([[[[1.0, 2.0, 0.0, 1.0],
    ...                 [3.0, 0.0, 1.0, 1.0]]]])
    >>> out, cache = maxpool2d_forward(x)
    >>> out
    array([[[[3., 1.]]]])
    """
    x = check_array(x, name="x", ndim=4)
    check_scalar(size, "size", kind=numbers.Integral, low=1)
    check_scalar(stride, "stride", kind=numbers.Integral, low=1)
    if size > x.shape[2] or size > x.shape[3]:
        raise ValueError(
            f"the pooling window ({size}x{size}) is larger than the input "
            f"({x.shape[2]}x{x.shape[3]})"
        )
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = windows.reshape(*windows.shape[:4], size * size)  # one row-major row per window
    # argmax returns the FIRST maximum in row-major order: the tie rule, for free.
    arg = flat.argmax(axis=-1)
    out = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]
    return out, (x.shape, arg, size, stride)


def maxpool2d_backward(dout, cache):
    """Backward pass of max pooling: each window's gradient goes to its maximum.

    Parameters
    ----------
    dout : array-like of shape (N, C, H_out, W_out)
        Upstream gradient, the shape of the forward output.
    cache : object
        The cache returned by ``maxpool2d_forward``.

    Returns
    -------
    dx : ndarray of shape (N, C, H, W)
        ``dL/dx``: zero except at the (first) maximum of each window, where overlapping
        windows add up.

    Examples
    --------
    >>> x = np.array([[[[1.0, 2.0, 0.0, 1.0],
    ...                 [3.0, 0.0, 1.0, 1.0]]]])
    >>> _, cache = maxpool2d_forward(x)
    >>> maxpool2d_backward([[[[10.0, 20.0]]]], cache)
    array([[[[ 0.,  0.,  0., 20.],
             [10.,  0.,  0.,  0.]]]])
    """
    dout = check_array(dout, name="dout", ndim=4)
    x_shape, arg, size, stride = cache
    if dout.shape != arg.shape:
        raise ValueError(
            f"dout has shape {dout.shape}, but the forward output had shape {arg.shape}"
        )
    Ho, Wo = arg.shape[2:]
    dx = np.zeros(x_shape)
    # The max is locally a copy of one input, so its gradient flows to that input only.
    # One pass per offset k = u * size + v inside the window: every window whose maximum
    # sits at that offset sends its dout there. += so that overlapping windows accumulate.
    for k in range(size * size):
        u, v = divmod(k, size)
        dx[:, :, u : u + stride * Ho : stride, v : v + stride * Wo : stride] += np.where(
            arg == k, dout, 0.0
        )
    return dx
