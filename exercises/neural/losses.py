"""Kata neural/losses: MSE, softmax cross-entropy and BCE with logits, with gradients.

Difficulty 1 (warm-up), target time 15 minutes.

Write the three losses that end a network, each returning the loss (a float) AND its
gradient with respect to its first argument, which is where backpropagation starts:
mean squared error for regression, softmax cross-entropy over integer class labels for
multi-class classification, and binary cross-entropy on logits for binary (or
multi-label) targets. All three must stay finite, with no warning, for logits of
magnitude 1e3.

Math:
    mse_loss        L = (1 / size) sum (pred - target)^2                  (no 1/2)
                    dL/dpred = 2 (pred - target) / size
    softmax CE      p_i = softmax(z_i) over the C classes of row i
                    L = (1 / n) sum_i -log p_i[y_i]
                      = (1 / n) sum_i (logsumexp(z_i) - z_i[y_i])
                    dL/dz = (p - onehot(y)) / n
    BCE with logits s = sigmoid(z),  L = (1 / size) sum -y log s - (1 - y) log(1 - s)
                    -y log s - (1 - y) log(1 - s) = log(1 + e^z) - y z
                                                  = max(z, 0) - y z + log(1 + e^-|z|)
                    dL/dz = (sigmoid(z) - y) / size
    logsumexp(z) = m + log sum exp(z - m) with m = max(z): every exponent is <= 0.

Shapes: mse_loss takes pred and target of the same (any) shape and returns dpred of that
shape. softmax_cross_entropy takes logits (n, C) and y (n,) and returns dlogits (n, C).
binary_cross_entropy_with_logits takes logits and y of the same (any) shape and returns
dlogits of that shape. Each loss is a Python float; gradients are float64 arrays.

Conventions:
- mse_loss is the mean over ALL elements with no factor 1/2 (PyTorch's MSELoss):
  dpred = 2 (pred - target) / pred.size, where size counts every element, not rows.
- softmax_cross_entropy: y holds integer class indices in 0..C-1 (not one-hot rows); the
  loss is the mean over the batch, so dlogits is divided by n (PyTorch's CrossEntropyLoss).
- binary_cross_entropy_with_logits: y holds float targets in [0, 1] (0/1 labels or soft
  labels) of the logits' shape; the loss is the mean over all elements, so dlogits is
  divided by logits.size (PyTorch's BCEWithLogitsLoss).
- No overflow, no NaN, no warning for logits up to 1e3 in magnitude: for example
  softmax_cross_entropy([[0, -1000]], [1]) is exactly 1000 and
  binary_cross_entropy_with_logits([1000], [0]) is exactly 1000.
- Shapes that do not match, y out of range or not integer (softmax) and NaN are
  ValueErrors (the stub checks them); inputs are never modified in place.

Complexity: O(n C) time and memory for softmax cross-entropy, O(size) for the others.

Pitfalls:
- Forgetting the mean's 1/n in the gradient (or dividing twice): the loss is a mean, so
  its gradient carries exactly one 1/n (1/size for MSE and BCE).
- exp(z) without subtracting each row's max overflows at z = 1000 (inf / inf = NaN);
  subtracting the max of the whole array instead makes far-apart rows underflow to 0 / 0.
- log(softmax(z)) takes the log of an underflowed 0; clipping the probability (to 1e-15,
  say) gives a wrong finite number (34.5 instead of 1000). Use log-softmax directly.
- BCE as -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)): 1 - sigmoid(40) is exactly
  0 in float64 and its log is -inf; never take the log of a sigmoid. log(1 + exp(-z))
  overflows for z = -1000: use the max(z, 0) form above.
- logits[:, y] instead of logits[np.arange(n), y]: an (n, n) matrix, every sample scored
  against every label.
- Softmax along the wrong axis: the classes are axis 1, one distribution per row.

Worked example:
    mse_loss([1, 2, 3], [1, 0, 0]):  diff [0, 2, 3], loss = 13/3 = 4.3333,
        dpred = 2 [0, 2, 3] / 3 = [0, 1.3333, 2]
    softmax_cross_entropy([[0, 0]], [1]):  p = [0.5, 0.5], loss = log 2 = 0.6931,
        dlogits = [[0.5, -0.5]]
    binary_cross_entropy_with_logits([0, 0], [1, 0]):  loss = log 2 = 0.6931,
        dlogits = ([0.5, 0.5] - [1, 0]) / 2 = [-0.25, 0.25]

Run `pytest --kata neural/losses` to check your work; hints are in hints/neural/losses.md.
"""

import numpy as np

from kata.validation import check_array


def mse_loss(pred, target):
    """Mean squared error over all elements, and its gradient with respect to ``pred``.

    Parameters
    ----------
    pred : array-like of any shape
        Predictions.
    target : array-like of the same shape as ``pred``
        Targets.

    Returns
    -------
    loss : float
        ``mean((pred - target) ** 2)`` over every element (no factor 1/2).
    dpred : ndarray of float64, the shape of ``pred``
        ``dloss/dpred = 2 (pred - target) / pred.size``.

    Examples
    --------
    >>> loss, dpred = mse_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
    >>> round(loss, 4), dpred.round(4)
    (4.3333, array([0.    , 1.3333, 2.    ]))
    """
    pred = check_array(pred, name="pred", ndim=None)
    target = check_array(target, name="target", ndim=None)
    if pred.shape != target.shape:
        raise ValueError(
            f"pred has shape {pred.shape} but target has shape {target.shape}: they must "
            "match (broadcasting (n, 1) against (n,) would compare every pair)"
        )
    raise NotImplementedError("mse_loss")


def softmax_cross_entropy(logits, y):
    """Softmax cross-entropy of integer class labels, mean over the batch, and its gradient.

    Parameters
    ----------
    logits : array-like of shape (n, C)
        Unnormalized class scores, one row per sample.
    y : array-like of shape (n,)
        Integer class indices in ``0 .. C - 1``.

    Returns
    -------
    loss : float
        ``mean_i (logsumexp(logits[i]) - logits[i, y[i]])``.
    dlogits : ndarray of float64, shape (n, C)
        ``(softmax(logits) - onehot(y)) / n``.

    Examples
    --------
    >>> loss, dlogits = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), dlogits
    (0.6931, array([[ 0.5, -0.5]]))
    """
    logits = check_array(logits, name="logits", ndim=2)
    n, n_classes = logits.shape
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != n:
        raise ValueError(
            f"y must be 1-D with one class index per row of logits ({n}), got shape "
            f"{y.shape} (pass class indices, not one-hot rows)"
        )
    if y.dtype.kind not in "iuf" or (y.dtype.kind == "f" and not np.all(y == np.round(y))):
        raise ValueError(f"y must hold integer class indices, got {y.dtype} values")
    if np.any(y < 0) or np.any(y >= n_classes):
        raise ValueError(
            f"y must hold class indices in 0..{n_classes - 1}, got {y.min()}..{y.max()}"
        )
    y = y.astype(np.intp)
    raise NotImplementedError("softmax_cross_entropy")


def binary_cross_entropy_with_logits(logits, y):
    """Binary cross-entropy on logits, mean over all elements, and its gradient.

    Parameters
    ----------
    logits : array-like of any shape
        Unnormalized scores ``z``; the predicted probability is ``sigmoid(z)``.
    y : array-like of the same shape as ``logits``
        Targets in [0, 1] (0/1 labels, or soft labels), as floats.

    Returns
    -------
    loss : float
        ``mean(-y log sigmoid(z) - (1 - y) log(1 - sigmoid(z)))``, computed without
        taking the log of a sigmoid.
    dlogits : ndarray of float64, the shape of ``logits``
        ``(sigmoid(z) - y) / logits.size``.

    Examples
    --------
    >>> loss, dlogits = binary_cross_entropy_with_logits([0.0, 0.0], [1.0, 0.0])
    >>> round(loss, 4), dlogits
    (0.6931, array([-0.25,  0.25]))
    """
    z = check_array(logits, name="logits", ndim=None)
    y = check_array(y, name="y", ndim=None)
    if z.shape != y.shape:
        raise ValueError(
            f"y has shape {y.shape} but logits has shape {z.shape}: they must match "
            "(broadcasting (n, 1) against (n,) would compare every pair)"
        )
    if np.any(y < 0) or np.any(y > 1):
        raise ValueError("y must hold targets in [0, 1]")
    raise NotImplementedError("binary_cross_entropy_with_logits")
