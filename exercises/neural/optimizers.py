"""Kata neural/optimizers: SGD with momentum, RMSprop, Adam and AdamW.

Difficulty 2 (standard), target time 30 minutes.

Write the four optimizers that train almost every network, exactly as PyTorch documents
them (torch.optim: SGD, RMSprop, Adam, AdamW). Each is a class whose constructor takes the
hyperparameters and whose step(params, grads) moves every parameter that has a gradient,
IN PLACE, keeping whatever running averages it needs from one step to the next.

Math:
    Per key k, with p = params[k], grad = grads[k] and t = 1, 2, ... that key's step count:
    SGD       g = grad + weight_decay * p                     (L2, into the gradient)
              b = g at t = 1, then b = momentum * b + g       (momentum buffer, per key)
              d = g + momentum * b if nesterov else b         (d = g when momentum = 0)
              p = p - lr * d
    RMSprop   v = alpha * v + (1 - alpha) * grad^2            (v starts at 0)
              p = p - lr * grad / (sqrt(v) + eps)
    Adam      g = grad + weight_decay * p                     (L2, into the gradient)
              m = beta1 * m + (1 - beta1) * g                 (m, v start at 0)
              v = beta2 * v + (1 - beta2) * g^2
              m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)   (bias correction)
              p = p - lr * m_hat / (sqrt(v_hat) + eps)
    AdamW     p = p - lr * weight_decay * p                   (decoupled: not through g)
              then Adam's m, v, m_hat, v_hat and step with g = grad

Shapes: params and grads are dicts mapping names (e.g. "W1", "b1") to arrays; grads[k]
has the shape of params[k]. The parameters may have any shape (a (d, m) weight matrix,
an (m,) bias, a 4-D kernel).

Conventions:
- step(params, grads) returns None and updates each params[k] IN PLACE
  (params[k] -= ...): the caller's arrays (a layer's weights) are the ones that move,
  never replaced by new arrays. grads is never modified.
- State (momentum buffers, m, v, step counts) is kept per key and per instance: two
  optimizers never share state, and neither do two keys. A key of params that is missing
  from grads is left unchanged and its state (its t included) does not advance, like a
  PyTorch parameter whose .grad is None.
- Defaults: SGD(lr, momentum=0.0, nesterov=False, weight_decay=0.0),
  RMSprop(lr, alpha=0.99, eps=1e-8), Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
  weight_decay=0.0), AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01).
- Invalid hyperparameters are ValueErrors in the constructor (lr <= 0, momentum,
  alpha or a beta outside [0, 1), eps <= 0, weight_decay < 0, nesterov without momentum),
  and so are bad step inputs (a grads key not in params, mismatched shapes, a params value
  that is not a float NumPy array, NaN); the stub checks them all.

Complexity: O(number of parameters) time per step; SGD with momentum and RMSprop keep one
extra array per parameter, Adam and AdamW two.

Pitfalls:
- Adam without bias correction: the steps are off by (1 - beta1^t) / sqrt(1 - beta2^t),
  3.2 times too large at t = 1 with the defaults (m_1 = 0.1 g, sqrt(v_1) = 0.03 |g|).
- eps inside the square root (sqrt(v_hat + eps)), or added before the bias correction
  (the "efficient" form of the Adam paper): PyTorch adds eps to sqrt(v_hat).
- AdamW decaying through the gradient (that is Adam's L2 weight_decay), decaying after
  the Adam step, or forgetting the lr in p *= 1 - lr * weight_decay.
- A momentum buffer that does not start at the gradient (b_1 = g_1): starting from zeros
  with an average (1 - momentum) g, or adding momentum * g on the first step.
- Nesterov with the old buffer: d = g + momentum * b uses the buffer just updated.
- params[k] = params[k] - ...: a new array; the caller's array is unchanged.
- Updating the caller's gradient in place (g += weight_decay * p), or storing it as the
  buffer without a copy (the next buf *= momentum then changes the caller's gradient).
- State in a class attribute (state = {} at class level) is shared by every instance;
  one step counter for all keys advances keys that had no gradient.

Worked example:
    p = [1, -2], grad = [0.5, 1], lr = 0.1:
    SGD:                   p = [1 - 0.05, -2 - 0.1] = [0.95, -2.1]
    SGD, momentum 0.9, two steps with the same grad: b_1 = g, b_2 = 0.9 g + g = 1.9 g,
                           p = [0.95 - 0.095, -2.1 - 0.19] = [0.855, -2.29]
    Adam, first step:      m_hat = g, v_hat = g^2, so p moves by lr * g / (|g| + eps),
                           about lr * sign(g): p = [0.9, -2.1]

Run `pytest --kata neural/optimizers` to check your work; hints are in
hints/neural/optimizers.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_params_and_grads, check_scalar


class SGD:
    """Stochastic gradient descent with optional momentum, Nesterov and weight decay.

    PyTorch's ``torch.optim.SGD`` (dampening 0): with ``g = grad + weight_decay * p``,
    the buffer is ``b = g`` at the first step, then ``b = momentum * b + g``; the step
    direction is ``b`` (or ``g + momentum * b`` with Nesterov) and ``p -= lr * direction``.

    Parameters
    ----------
    lr : float
        Learning rate, > 0.
    momentum : float, default=0.0
        Momentum factor in [0, 1); 0 is plain SGD.
    nesterov : bool, default=False
        Nesterov momentum (requires momentum > 0).
    weight_decay : float, default=0.0
        L2 penalty coefficient, >= 0, added to the gradient.

    Examples
    --------
    >>> params = {"w": np.array([1.0, -2.0])}
    >>> SGD(lr=0.1).step(params, {"w": np.array([0.5, 1.0])})
    >>> params["w"]
    array([ 0.95, -2.1 ])
    """

    def __init__(self, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        check_scalar(lr, "lr", low=0.0, low_inclusive=False)
        check_scalar(momentum, "momentum", low=0.0, high=1.0, high_inclusive=False)
        if not isinstance(nesterov, bool):
            raise ValueError(f"nesterov must be True or False, got {nesterov!r}")
        if nesterov and momentum == 0:
            raise ValueError("nesterov=True requires momentum > 0")
        check_scalar(weight_decay, "weight_decay", low=0.0)
        self.lr = lr
        self.momentum = momentum
        self.nesterov = nesterov
        self.weight_decay = weight_decay

    def step(self, params, grads):
        """Update every ``params[k]`` that has a gradient ``grads[k]``, in place.

        Parameters
        ----------
        params : dict of str to ndarray
            The parameters; each array is modified in place.
        grads : dict of str to array-like
            Gradients for some or all keys of ``params``, of the same shapes.

        Returns
        -------
        None
        """
        grads = check_params_and_grads(params, grads)
        raise NotImplementedError("SGD.step")


class RMSprop:
    """RMSprop: divide the step by a running root-mean-square of the gradients.

    PyTorch's ``torch.optim.RMSprop`` (no momentum, not centered): ``v = alpha * v +
    (1 - alpha) * grad**2`` with ``v`` starting at 0, then ``p -= lr * grad /
    (sqrt(v) + eps)``.

    Parameters
    ----------
    lr : float
        Learning rate, > 0.
    alpha : float, default=0.99
        Smoothing constant of the squared-gradient average, in [0, 1).
    eps : float, default=1e-8
        Added to sqrt(v) (after the square root), > 0.

    Examples
    --------
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> RMSprop(lr=0.01).step(params, {"w": np.array([0.5, -2.0])})
    >>> params["w"].round(6)
    array([0.9, 1.1])
    """

    def __init__(self, lr, alpha=0.99, eps=1e-8):
        check_scalar(lr, "lr", low=0.0, low_inclusive=False)
        check_scalar(alpha, "alpha", low=0.0, high=1.0, high_inclusive=False)
        check_scalar(eps, "eps", low=0.0, low_inclusive=False)
        self.lr = lr
        self.alpha = alpha
        self.eps = eps

    def step(self, params, grads):
        """Update every ``params[k]`` that has a gradient ``grads[k]``, in place.

        Parameters
        ----------
        params : dict of str to ndarray
            The parameters; each array is modified in place.
        grads : dict of str to array-like
            Gradients for some or all keys of ``params``, of the same shapes.

        Returns
        -------
        None
        """
        grads = check_params_and_grads(params, grads)
        raise NotImplementedError("RMSprop.step")


class Adam:
    """Adam with bias correction; ``weight_decay`` is an L2 term added to the gradient.

    PyTorch's ``torch.optim.Adam``: ``g = grad + weight_decay * p``,
    ``m = b1 m + (1 - b1) g``, ``v = b2 v + (1 - b2) g**2`` (both starting at 0),
    ``m_hat = m / (1 - b1**t)``, ``v_hat = v / (1 - b2**t)`` with t = 1, 2, ... counted per
    key, and ``p -= lr * m_hat / (sqrt(v_hat) + eps)``.

    Parameters
    ----------
    lr : float, default=1e-3
        Learning rate, > 0.
    betas : tuple of two floats, default=(0.9, 0.999)
        Decay rates (b1, b2) of the first and second moment averages, each in [0, 1).
    eps : float, default=1e-8
        Added to sqrt(v_hat) (after the square root), > 0.
    weight_decay : float, default=0.0
        L2 penalty coefficient, >= 0, added to the gradient (not decoupled).

    Examples
    --------
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> Adam(lr=0.1).step(params, {"w": np.array([0.5, -2.0])})
    >>> params["w"].round(6)
    array([0.9, 1.1])
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        check_scalar(lr, "lr", low=0.0, low_inclusive=False)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        check_scalar(betas[0], "betas[0]", low=0.0, high=1.0, high_inclusive=False)
        check_scalar(betas[1], "betas[1]", low=0.0, high=1.0, high_inclusive=False)
        check_scalar(eps, "eps", low=0.0, low_inclusive=False)
        check_scalar(weight_decay, "weight_decay", low=0.0)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weight_decay = weight_decay

    def step(self, params, grads):
        """Update every ``params[k]`` that has a gradient ``grads[k]``, in place.

        Parameters
        ----------
        params : dict of str to ndarray
            The parameters; each array is modified in place.
        grads : dict of str to array-like
            Gradients for some or all keys of ``params``, of the same shapes.

        Returns
        -------
        None
        """
        grads = check_params_and_grads(params, grads)
        raise NotImplementedError("Adam.step")


class AdamW:
    """AdamW: Adam with decoupled weight decay, ``p *= 1 - lr * weight_decay`` first.

    PyTorch's ``torch.optim.AdamW``: ``p = p - lr * weight_decay * p`` (the decay never
    enters m or v), then the Adam update of ``Adam`` on the raw gradient.

    Parameters
    ----------
    lr : float, default=1e-3
        Learning rate, > 0.
    betas : tuple of two floats, default=(0.9, 0.999)
        Decay rates (b1, b2) of the first and second moment averages, each in [0, 1).
    eps : float, default=1e-8
        Added to sqrt(v_hat) (after the square root), > 0.
    weight_decay : float, default=0.01
        Decoupled weight decay coefficient, >= 0.

    Examples
    --------
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> AdamW(lr=0.1, weight_decay=0.5).step(params, {"w": np.array([0.5, -2.0])})
    >>> params["w"].round(6)
    array([0.85, 1.05])
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
        check_scalar(lr, "lr", low=0.0, low_inclusive=False)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        check_scalar(betas[0], "betas[0]", low=0.0, high=1.0, high_inclusive=False)
        check_scalar(betas[1], "betas[1]", low=0.0, high=1.0, high_inclusive=False)
        check_scalar(eps, "eps", low=0.0, low_inclusive=False)
        check_scalar(weight_decay, "weight_decay", low=0.0)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weight_decay = weight_decay

    def step(self, params, grads):
        """Update every ``params[k]`` that has a gradient ``grads[k]``, in place.

        Parameters
        ----------
        params : dict of str to ndarray
            The parameters; each array is modified in place.
        grads : dict of str to array-like
            Gradients for some or all keys of ``params``, of the same shapes.

        Returns
        -------
        None
        """
        grads = check_params_and_grads(params, grads)
        raise NotImplementedError("AdamW.step")
