"""Kata neural/conv2d: 2-D convolution and max pooling, forward and backward.

Difficulty 3 (hard), target time 45 minutes.

Write the forward and backward passes of a 2-D convolution layer and of 2-D max pooling,
the two layers of a CNN, on batches of images in NCHW layout (PyTorch's nn.Conv2d and
nn.MaxPool2d). Each backward pass receives dout = dL/dout for a scalar loss L and returns
the gradients with respect to the forward pass's inputs.

Vectorize the work. Build the windows once (im2col, or a strided view of the padded
input) and do the arithmetic with one matrix product or einsum, not a Python loop over
the N * H * W positions. A loop over the kh * kw offsets inside the kernel is fine.

Math:
    padded input   xp = x with `padding` zeros on every side of H and W
    convolution    out[n, f, i, j] = b[f] + sum_{c, u, v} w[f, c, u, v] xp[n, c, s*i + u, s*j + v]
                   (a cross-correlation: the kernel is NOT flipped, as in every framework)
    output size    H_out = floor((H + 2p - kh) / s) + 1,   W_out = floor((W + 2p - kw) / s) + 1
    backward       db[f]          = sum_{n, i, j} dout[n, f, i, j]
                   dw[f, c, u, v] = sum_{n, i, j} dout[n, f, i, j] xp[n, c, s*i + u, s*j + v]
                   dxp[n, c, s*i + u, s*j + v] += sum_f dout[n, f, i, j] w[f, c, u, v]
                   dx = dxp without its padding border
    max pooling    out[n, c, i, j] = max_{0 <= u, v < size} x[n, c, s*i + u, s*j + v]
                   H_out = floor((H - size) / s) + 1; the gradient of a max is 1 at the
                   (chosen) maximum and 0 elsewhere in its window

Shapes: x is (N, C, H, W), w is (F, C, kh, kw), b is (F,); conv2d's out and dout are
(N, F, H_out, W_out); dx is (N, C, H, W) (the unpadded input's shape), dw (F, C, kh, kw),
db (F,). maxpool2d's out and dout are (N, C, H_out, W_out), its dx (N, C, H, W). Images
need not be square, kernels need not be square, N may be 1. All outputs are float64.

Conventions:
- stride and padding are ints, the same along height and width; H + 2p - kh need not be
  a multiple of the stride: trailing rows and columns that no window reaches get a zero
  gradient.
- Pooling has no padding; windows may overlap (stride < size) or leave gaps
  (stride > size).
- A tie inside a pooling window sends the whole gradient to the FIRST maximum in row-major
  order (what argmax over the flattened window returns), and to no other position.
- `cache` is yours to design and must be self-contained (no global state): two forward
  calls before a backward call must not mix up.
- Each backward raises ValueError, naming dout, when dout's shape is not the forward
  output's. The forward passes' argument checks are already written.
- Never modify x, w, b or dout in place.

Complexity: convolution, forward and backward, O(N F C kh kw H_out W_out) time; the
im2col matrix takes O(N C kh kw H_out W_out) memory (kh kw times the input when s = 1).
Max pooling O(N C size^2 H_out W_out).

Pitfalls:
- Flipping the kernel: that is the mathematical convolution; conv layers cross-correlate.
- Returning dx with the padded shape (N, C, H + 2p, W + 2p): crop the border, and crop
  the right rows (padding .. padding + H), not the first H.
- Ignoring the stride in backward: window (i, j) starts at (s*i, s*j), not at (i, j).
- db is a sum over N, H_out and W_out (not a mean, not over N alone).
- Max pooling backward: route each window's gradient to ONE position (not to every
  position of the window, not to every tied maximum, not divided by size^2 as average
  pooling would), and ADD where windows overlap instead of overwriting.

Worked example:
    x = [[0, 1, 2], [3, 4, 5], [6, 7, 8]] (N = C = 1), w = [[1, 0], [0, -1]] (F = 1),
    b = [0.5], stride 1, padding 0: each output is x[i, j] - x[i+1, j+1] + 0.5,
    out = [[-3.5, -3.5], [-3.5, -3.5]]. With dout = all ones (2 x 2):
    db = [4], dw = [[8, 12], [20, 24]] (the sum of each offset's four inputs),
    dx = [[1, 1, 0], [1, 0, -1], [0, -1, -1]].
    Pooling x = [[1, 2, 0, 1], [3, 0, 1, 1]] with size 2, stride 2 gives [[3, 1]]; the
    second window ties (three 1s) and its gradient goes to the first, row 0 column 3.

Run `pytest --kata neural/conv2d` to check your work; hints are in hints/neural/conv2d.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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

    raise NotImplementedError("conv2d_forward")


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
    raise NotImplementedError("conv2d_backward")


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
    raise NotImplementedError("maxpool2d_forward")


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
    raise NotImplementedError("maxpool2d_backward")
