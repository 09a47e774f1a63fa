"""Kata neural/normalization: Batch and layer normalization forward and backward.

Difficulty 3 (hard), target time 45 minutes.

Write batch normalization (each feature normalized over the batch, with running
statistics for evaluation, as PyTorch's BatchNorm1d) and layer normalization (each sample
normalized over its own features, as PyTorch's LayerNorm), forward and backward. The hard
part is the backward pass, because the mean and the variance depend on every input they
were computed from: every x contributes to every output of its group.

Math:
    For a group of M values x_1..x_M (batchnorm: a feature's column over the N samples;
    layernorm: a sample's D features):
        mu = (1/M) sum x_j,   var = (1/M) sum (x_j - mu)^2          (biased variance)
        x_hat = (x - mu) / sqrt(var + eps),   out = gamma * x_hat + beta
    Backward, with dx_hat = dout * gamma:
        dbeta  = dout summed over the samples (every axis but the feature axis)
        dgamma = (dout * x_hat) summed the same way
        dx     = (1 / M) / sqrt(var + eps) * (M dx_hat - sum(dx_hat) - x_hat sum(dx_hat x_hat))
                 with both sums over the group (the two extra terms are the paths through
                 mu and var; derive them once by the chain rule).
    Batchnorm's running statistics, in training mode only:
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var  = momentum * running_var + (1 - momentum) * var * N / (N - 1)
    In evaluation mode batchnorm uses running_mean and running_var in place of mu and var:
    they are constants, so then dx = dout * gamma / sqrt(running_var + eps).

Shapes: batchnorm: x and dout are (N, D), gamma, beta, dgamma, dbeta and the running
statistics are (D,), dx is (N, D). layernorm: x is (N, D) or (N, ..., D) (e.g. (N, T, D) in
a transformer), normalized over the last axis; gamma, beta, dgamma, dbeta are (D,); out and
dx have x's shape. Everything is float64.

Conventions:
- state is a dict that may start empty: running_mean then starts at zeros(D) and
  running_var at ones(D) (PyTorch's initial values). Training mode writes the updated
  running_mean and running_var into that same dict; evaluation mode (train=False) reads
  them and changes nothing.
- The batch is normalized with its BIASED variance (divide by N); the running variance
  accumulates the UNBIASED one (N / (N - 1) times it), as PyTorch does.
- momentum is the weight of the OLD running value: 0.9 here is PyTorch's momentum=0.1.
- batchnorm_backward works on a cache from either mode; in evaluation mode the running
  statistics are constants, so only the path through x_hat remains.
- Training mode needs N >= 2; N = 1, gamma or beta not of shape (D,), state not a dict or
  holding running statistics of the wrong shape, momentum outside [0, 1], eps <= 0 and NaN
  are ValueErrors (the stub checks them). Evaluation mode accepts N = 1.
- Each backward raises ValueError, naming dout, when dout's shape is not the forward
  output's. cache is yours to design and must be self-contained (no global state).
- Never modify x, gamma, beta or dout in place.

Complexity: O(N D) time and memory for every pass (a few reductions along one axis).

Pitfalls:
- Evaluation mode on the batch statistics: predictions then depend on the rest of the
  batch, and a batch of one is normalized to beta.
- Layernorm over the batch axis (axis 0) instead of the feature axis (the last one).
- The biased variance in the running average, or the unbiased one to normalize the batch.
- momentum the other way round: running = (1 - momentum) * running + momentum * batch.
- Backward through x_hat only (dout * gamma / sqrt(var + eps)): that ignores that mu and
  var move with x. The numerical gradient shows it at once.
- eps outside the square root (sqrt(var) + eps), dgamma averaged instead of summed, or
  summed over axis 0 only for a 3-D layernorm input (it must be (D,)).
- Rebinding state (state = {...}) inside the function: the caller's dict never changes.

Worked example:
    x = [[1, 2], [3, 6]], gamma = [1, 1], beta = [0, 0], state = {}, train=True:
    column means [2, 4], biased variances [1, 4], so out = [[-1, -1], [1, 1]] (up to
    eps); unbiased variances [2, 8], so state becomes running_mean = [0.2, 0.4],
    running_var = 0.9 * [1, 1] + 0.1 * [2, 8] = [1.1, 1.7].
    layernorm_forward([[1, 3], [2, 6]], [1, 1], [0, 0]) = [[-1, 1], [-1, 1]] (up to eps).

Run `pytest --kata neural/normalization` to check your work; hints are in
hints/neural/normalization.md.
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
    raise NotImplementedError("batchnorm_forward")


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
    raise NotImplementedError("batchnorm_backward")


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
    raise NotImplementedError("layernorm_forward")


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
    raise NotImplementedError("layernorm_backward")
