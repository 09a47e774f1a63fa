"""Reference solution for neural/losses.

The statement is in exercises/neural/losses.py.
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

    diff = pred - target
    loss = float(np.mean(diff * diff))
    # d/dpred of (1/size) sum diff^2: the mean's 1/size stays in the gradient.
    dpred = (2.0 / diff.size) * diff
    return loss, dpred


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

    # Shift each row by its own max: every exponent is <= 0 (no overflow) and the
    # largest term is exactly 1 (the sum never underflows to 0).
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = shifted - log_norm  # log-softmax computed directly, never log(softmax)
    rows = np.arange(n)
    loss = float(-log_probs[rows, y].mean())

    dlogits = np.exp(log_probs)
    dlogits[rows, y] -= 1.0
    dlogits /= n  # the mean over the batch: this 1/n is the loss's, not the layers'
    return loss, dlogits


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

    # -y log s(z) - (1 - y) log(1 - s(z)) = log(1 + e^z) - y z, and the softplus
    # log(1 + e^z) = max(z, 0) + log1p(e^{-|z|}): the exponent is never positive.
    e = np.exp(-np.abs(z))
    loss = float(np.mean(np.maximum(z, 0.0) - y * z + np.log1p(e)))
    sig = np.where(z >= 0, 1.0, e) / (1.0 + e)  # stable sigmoid from the same e
    dlogits = (sig - y) / z.size
    return loss, dlogits
