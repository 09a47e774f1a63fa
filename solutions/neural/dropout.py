"""Reference solution for neural/dropout.

The statement is in exercises/neural/dropout.py.
"""

import numpy as np

from kata.validation import check_array, check_random_state, check_scalar


def dropout_forward(x, p, train=True, random_state=None):
    """Inverted dropout: zero each entry with probability ``p``, scale the rest by 1/(1 - p).

    Parameters
    ----------
    x : array-like of any shape
        The activations to drop out.
    p : float in [0, 1)
        The DROP probability (as PyTorch's ``nn.Dropout(p)``).
    train : bool, default=True
        Training mode drops; evaluation mode (``False``) is the identity.
    random_state : int, numpy Generator or None, default=None
        Source of the random mask; the same int gives the same mask.

    Returns
    -------
    out : ndarray of float64, the shape of ``x``
        ``x * mask`` in training mode; ``x`` itself in evaluation mode.
    mask : ndarray of float64 of x's shape, or None
        0 for a dropped entry, ``1 / (1 - p)`` for a kept one; ``None`` in evaluation mode.

    Examples
    --------
    >>> out, mask = dropout_forward(np.ones((2, 3)), p=0.5, random_state=0)
    >>> set(np.unique(mask).tolist()) <= {0.0, 2.0}
    True
    >>> dropout_forward([1.0, 2.0], p=0.5, train=False)
    (array([1., 2.]), None)
    """
    x = check_array(x, name="x", ndim=None)
    check_scalar(p, "p", low=0.0, high=1.0, high_inclusive=False)
    if not isinstance(train, bool | np.bool_):
        raise ValueError(f"train must be True or False, got {train!r}")
    rng = check_random_state(random_state)

    if not train:
        # Inverted dropout already scaled the kept units at training time, so the expected
        # activation is the same in both modes and evaluation needs no scaling at all.
        return x, None
    keep = rng.random(x.shape) >= p  # each entry independently, P(keep) = 1 - p
    # The mask carries the 1/(1 - p) scale: E[mask] = 1, so E[out] = x, and the backward
    # pass is a single product with the very same mask.
    mask = keep / (1.0 - p)
    return x * mask, mask


def dropout_backward(dout, mask):
    """Backward pass of dropout: ``dx = dout * mask`` (the identity when ``mask`` is None).

    Parameters
    ----------
    dout : array-like
        Upstream gradient, the shape of the forward output.
    mask : ndarray or None
        The mask returned by ``dropout_forward`` (``None`` from evaluation mode).

    Returns
    -------
    dx : ndarray of float64, the shape of ``dout``
        The gradient with respect to the forward input ``x``.

    Examples
    --------
    >>> dropout_backward([[1.0, 1.0]], np.array([[0.0, 2.0]]))
    array([[0., 2.]])
    >>> dropout_backward([[1.0, 1.0]], None)
    array([[1., 1.]])
    """
    dout = check_array(dout, name="dout", ndim=None)
    if mask is not None:
        mask = check_array(mask, name="mask", ndim=None)
        if mask.shape != dout.shape:
            raise ValueError(
                f"dout has shape {dout.shape} but the mask has shape {mask.shape}: dout must "
                "have the shape of the forward output"
            )

    if mask is None:
        return dout  # evaluation mode: dropout was the identity
    # out = x * mask elementwise, so d out / d x = mask: the same mask, scale included.
    return dout * mask
