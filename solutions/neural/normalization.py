"""Reference solution for neural/normalization.

The statement is in exercises/neural/normalization.py.
"""

import numpy as np

from kata.validation import check_array, check_scalar


def batchnorm_forward(x, gamma, beta, state, train=True, momentum=0.9, eps=1e-5):
    """Batch normalization of each feature over the batch, with running statistics.

    Parameters
    ----------
    x : array-like of shape (N, D)
        A batch of N samples with D features.
    gamma, beta : array-like of shape (D,)
        Learned scale and shift, one per feature.
    state : dict
        Holds ``running_mean`` and ``running_var`` (arrays of shape (D,)); may start empty,
        in which case they start at 0 and 1. Updated in training mode only.
    train : bool, default=True
        Training mode normalizes with the batch statistics and updates ``state``;
        evaluation mode normalizes with the running statistics.
    momentum : float in [0, 1], default=0.9
        ``running = momentum * running + (1 - momentum) * batch_statistic``.
    eps : float > 0, default=1e-5
        Added to the variance inside the square root.

    Returns
    -------
    out : ndarray of shape (N, D)
        ``gamma * (x - mean) / sqrt(var + eps) + beta``.
    cache : object
        Whatever ``batchnorm_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> state = {}
    >>> out, _ = batchnorm_forward([[1.0, 2.0], [3.0, 6.0]], [1.0, 1.0], [0.0, 0.0], state)
    >>> out.round(4), state["running_mean"], state["running_var"]
    (array([[-1., -1.],
           [ 1.,  1.]]), array([0.2, 0.4]), array([1.1, 1.7]))
    """
    x = check_array(x, name="x", ndim=2)
    n, d = x.shape
    gamma = check_array(gamma, name="gamma", ndim=1)
    beta = check_array(beta, name="beta", ndim=1)
    if gamma.shape != (d,) or beta.shape != (d,):
        raise ValueError(
            f"gamma and beta must have shape (D,) = ({d},), got {gamma.shape} and {beta.shape}"
        )
    if not isinstance(state, dict):
        raise ValueError(f"state must be a dict, got {type(state).__name__}")
    for key in ("running_mean", "running_var"):
        if key in state and np.shape(state[key]) != (d,):
            raise ValueError(f"state[{key!r}] has shape {np.shape(state[key])}, expected ({d},)")
    if not isinstance(train, bool | np.bool_):
        raise ValueError(f"train must be True or False, got {train!r}")
    check_scalar(momentum, "momentum", low=0.0, high=1.0)
    check_scalar(eps, "eps", low=0.0, low_inclusive=False)
    if train and n < 2:
        raise ValueError(
            "batchnorm in training mode needs at least 2 samples per batch (the unbiased "
            "running variance divides by N - 1), got 1"
        )

    running_mean = state.get("running_mean", np.zeros(d))
    running_var = state.get("running_var", np.ones(d))
    if train:
        mean = x.mean(axis=0)  # one statistic per feature, over the batch axis
        var = x.var(axis=0)  # biased (divides by N): what the batch is normalized with
        # PyTorch's running variance accumulates the UNBIASED estimate N / (N - 1) var.
        state["running_mean"] = momentum * running_mean + (1.0 - momentum) * mean
        state["running_var"] = momentum * running_var + (1.0 - momentum) * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var  # constants: no dependence on the batch
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    out = gamma * x_hat + beta
    return out, (train, x_hat, gamma, inv_std)


def batchnorm_backward(dout, cache):
    """Backward pass of ``batchnorm_forward`` (training or evaluation mode).

    Parameters
    ----------
    dout : array-like of shape (N, D)
        Upstream gradient, the shape of the forward output.
    cache : object
        The cache returned by ``batchnorm_forward``.

    Returns
    -------
    dx : ndarray of shape (N, D)
    dgamma : ndarray of shape (D,)
    dbeta : ndarray of shape (D,)

    Examples
    --------
    >>> _, cache = batchnorm_forward([[1.0], [3.0]], [2.0], [0.0], {})
    >>> dx, dgamma, dbeta = batchnorm_backward([[1.0], [0.0]], cache)
    >>> dgamma.round(4), dbeta
    (array([-1.]), array([1.]))
    """
    dout = check_array(dout, name="dout", ndim=2)
    train, x_hat, gamma, inv_std = cache
    if dout.shape != x_hat.shape:
        raise ValueError(
            f"dout has shape {dout.shape}, but the forward output had shape {x_hat.shape}"
        )

    dbeta = dout.sum(axis=0)  # beta is added to every sample: a sum over the batch
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    if not train:
        # Running statistics are constants: the layer is an affine map of x.
        return dx_hat * inv_std, dgamma, dbeta
    # The batch mean and variance depend on every x[i]; the two extra terms are their
    # paths: dx = (1/N) inv_std (N dx_hat - sum(dx_hat) - x_hat sum(dx_hat x_hat)).
    n = dout.shape[0]
    dx = (inv_std / n) * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, dgamma, dbeta


def layernorm_forward(x, gamma, beta, eps=1e-5):
    """Layer normalization of each sample over its last axis (its D features).

    Parameters
    ----------
    x : array-like of shape (N, D) or (N, ..., D)
        Inputs; each vector along the last axis is normalized on its own.
    gamma, beta : array-like of shape (D,)
        Learned scale and shift, one per feature.
    eps : float > 0, default=1e-5
        Added to the variance inside the square root.

    Returns
    -------
    out : ndarray of the shape of ``x``
        ``gamma * (x - mean) / sqrt(var + eps) + beta``, statistics over the last axis.
    cache : object
        Whatever ``layernorm_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> out, _ = layernorm_forward([[1.0, 3.0], [2.0, 6.0]], [1.0, 1.0], [0.0, 0.0])
    >>> out.round(4)
    array([[-1.,  1.],
           [-1.,  1.]])
    """
    x = check_array(x, name="x", ndim=None)
    if x.ndim < 2:
        raise ValueError(f"x must have a batch axis, shape (N, ..., D), got shape {x.shape}")
    d = x.shape[-1]
    gamma = check_array(gamma, name="gamma", ndim=1)
    beta = check_array(beta, name="beta", ndim=1)
    if gamma.shape != (d,) or beta.shape != (d,):
        raise ValueError(
            f"gamma and beta must have shape (D,) = ({d},), got {gamma.shape} and {beta.shape}"
        )
    check_scalar(eps, "eps", low=0.0, low_inclusive=False)

    # The statistics of each sample over its own features: the batch plays no part, so
    # training and evaluation are the same computation.
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased, as in PyTorch's LayerNorm
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def layernorm_backward(dout, cache):
    """Backward pass of ``layernorm_forward``.

    Parameters
    ----------
    dout : array-like of the shape of the forward output
        Upstream gradient.
    cache : object
        The cache returned by ``layernorm_forward``.

    Returns
    -------
    dx : ndarray of the shape of ``x``
    dgamma : ndarray of shape (D,)
    dbeta : ndarray of shape (D,)

    Examples
    --------
    >>> _, cache = layernorm_forward([[1.0, 3.0]], [1.0, 1.0], [0.0, 0.0])
    >>> dx, dgamma, dbeta = layernorm_backward([[1.0, 1.0]], cache)
    >>> dx.round(6), dgamma.round(4), dbeta
    (array([[0., 0.]]), array([-1.,  1.]), array([1., 1.]))
    """
    dout = check_array(dout, name="dout", ndim=None)
    x_hat, gamma, inv_std = cache
    if dout.shape != x_hat.shape:
        raise ValueError(
            f"dout has shape {dout.shape}, but the forward output had shape {x_hat.shape}"
        )

    d = x_hat.shape[-1]
    # gamma and beta are shared by every sample (and every position): sum over all the
    # leading axes, keep the feature axis.
    dbeta = dout.reshape(-1, d).sum(axis=0)
    dgamma = (dout * x_hat).reshape(-1, d).sum(axis=0)
    dx_hat = dout * gamma
    # Batchnorm's formula transposed: the mean and variance are over the last axis.
    dx = (inv_std / d) * (
        d * dx_hat
        - dx_hat.sum(axis=-1, keepdims=True)
        - x_hat * (dx_hat * x_hat).sum(axis=-1, keepdims=True)
    )
    return dx, dgamma, dbeta
