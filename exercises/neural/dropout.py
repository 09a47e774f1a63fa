"""Kata neural/dropout: Inverted dropout forward and backward.

Difficulty 1 (warm-up), target time 15 minutes.

Write dropout, the regularizer that zeroes a random subset of a layer's activations at
every training step, in its "inverted" form (the one every framework uses): the kept
activations are scaled up at training time so that evaluation needs no change at all.
The forward pass returns the mask it used; the backward pass routes the gradient through
that same mask.

Math:
    training      keep_ij ~ Bernoulli(1 - p), independently for every entry
                  mask = keep / (1 - p)          (0, or 1 / (1 - p))
                  out  = x * mask                so E[out] = x * E[mask] = x
    evaluation    out = x                        (no mask, no scaling)
    backward      out is x times a constant mask, so dL/dx = dout * mask
                  (dout itself in evaluation mode)

Shapes: x is an array of any shape (a batch (n, d), images (n, C, H, W) ...); out and mask
have x's shape; dout and dx have the forward output's shape. Everything is float64.

Conventions:
- p is the DROP probability (as PyTorch's nn.Dropout(p)), in [0, 1): p = 0 keeps
  everything (out equals x exactly); p = 1 is a ValueError (nothing survives and the
  1/(1 - p) scale is infinite), as are p < 0 and a p that is not a number (the stub
  checks them).
- mask carries the 1/(1 - p) scale (float64, not booleans), so
  dropout_backward(dout, mask) = dout * mask.
- train=False: out is x and mask is None; dropout_backward(dout, None) returns dout.
  train must be a bool (the stub checks it).
- Every entry is dropped independently (not one mask shared by all samples).
- random_state: an int gives the same mask every time; a numpy Generator is used (and
  advanced) as given; None draws fresh randomness (the stub turns it into a Generator).
- dropout_backward raises ValueError, naming dout, when dout's shape is not the mask's.
- Never modify x, dout or mask in place.

Complexity: O(size of x) time and memory, one random draw per entry, vectorized.

Pitfalls:
- Scaling by p (or dividing by p) instead of by 1 - p; or not scaling at all, which
  shrinks the expected activation to (1 - p) x at training time only.
- Treating p as the keep probability (PyTorch's p drops; some old papers' p keeps).
- Scaling at evaluation time: with inverted dropout, evaluation is the plain identity.
- A different mask in backward than in forward, or a mask without its scale
  (dout * (mask > 0)): the gradient must see exactly the factor the forward pass applied.
- One mask of shape x.shape[1:] broadcast over the batch: every sample loses the same units.

Worked example:
    p = 0.5, x = [[1, 2, 3, 4]], and suppose the draw keeps entries 0 and 3:
    mask = [[2, 0, 0, 2]], out = [[2, 0, 0, 8]];
    dropout_backward([[1, 1, 1, 1]], mask) = [[2, 0, 0, 2]].
    With train=False: out = [[1, 2, 3, 4]], mask = None.

Run `pytest --kata neural/dropout` to check your work; hints are in hints/neural/dropout.md.
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
    raise NotImplementedError("dropout_forward")


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
    raise NotImplementedError("dropout_backward")
