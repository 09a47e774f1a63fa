"""Reference solution for neural/optimizers.

The statement is in exercises/neural/optimizers.py.
"""

import numpy as np

from kata.validation import check_params_and_grads, check_scalar


def _adam_update(param, grad, state, lr, betas, eps):
    """One Adam step on ``param`` in place, with this key's own ``state`` dict."""
    beta1, beta2 = betas
    if not state:
        state.update(t=0, m=np.zeros_like(grad), v=np.zeros_like(grad))
    state["t"] += 1  # per key: a parameter without a gradient this step does not advance
    t, m, v = state["t"], state["m"], state["v"]
    m *= beta1
    m += (1.0 - beta1) * grad
    v *= beta2
    v += (1.0 - beta2) * grad * grad
    # m and v start at 0, so early on they are biased towards 0 by a factor
    # (1 - beta^t): dividing it out makes the first step ~ lr * sign(grad).
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    param -= lr * m_hat / (np.sqrt(v_hat) + eps)  # eps added AFTER the square root


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
        self.state = {}  # per instance and per key: the momentum buffers

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

        for key, grad in grads.items():
            param = params[key]
            if self.weight_decay:
                grad = grad + self.weight_decay * param  # L2: part of the gradient
            if self.momentum:
                buf = self.state.get(key)
                if buf is None:
                    buf = self.state[key] = grad.copy()  # b_1 = g_1 (never the caller's g)
                else:
                    buf *= self.momentum
                    buf += grad
                grad = grad + self.momentum * buf if self.nesterov else buf
            param -= self.lr * grad  # in place: the caller's array moves


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
        self.state = {}

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

        for key, grad in grads.items():
            v = self.state.setdefault(key, np.zeros_like(grad))  # v_0 = 0
            v *= self.alpha
            v += (1.0 - self.alpha) * grad * grad
            params[key] -= self.lr * grad / (np.sqrt(v) + self.eps)


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
        self.state = {}

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

        for key, grad in grads.items():
            if self.weight_decay:
                grad = grad + self.weight_decay * params[key]  # L2, goes through m and v
            state = self.state.setdefault(key, {})
            _adam_update(params[key], grad, state, self.lr, self.betas, self.eps)


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
        self.state = {}

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

        for key, grad in grads.items():
            # Decoupled: shrink the weights directly, before (and outside) the adaptive
            # step, so the decay is not rescaled by 1 / sqrt(v_hat).
            params[key] *= 1.0 - self.lr * self.weight_decay
            state = self.state.setdefault(key, {})
            _adam_update(params[key], grad, state, self.lr, self.betas, self.eps)
