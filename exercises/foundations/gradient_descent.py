"""Kata foundations/gradient_descent: gradient descent and mini-batch SGD.

Difficulty 1 (warm-up), target time 15 minutes.

The optimizer under almost every model in this repository. Write both flavours:

    gradient_descent:  x_{k+1} = x_k - lr * grad(x_k)
        Stop before stepping as soon as ||grad(x_k)|| < tol (Euclidean norm over all
        entries), or after n_iter steps. Return the last x and the array of all iterates
        history = [x_0, x_1, ..., x_k] (so history[0] is x0 and history[-1] is x).

    minibatch_sgd:     for each epoch: shuffle the n samples; cut them into consecutive
        batches of batch_size; for each batch B: w <- w - lr * grad(X[B], y[B], w).
        history = [w0, w after epoch 1, ..., w after epoch n_epochs].

Shapes: x0 and w0 may have any shape (a vector, a (d, k) weight matrix); grad returns an
array of the same shape; history stacks the snapshots along a new first axis. X is (n, d)
and y is (n,); grad receives the rows of X and y of one batch.

Complexity: one grad call per step; minibatch_sgd makes ceil(n / batch_size) steps per
epoch, and everything besides grad is O(n) per epoch.

Requirements:
- Stop on the gradient norm (not on the step lr * ||grad||) being below tol; tol=0 runs all
  n_iter steps.
- Never modify x0, w0, X or y, and keep each history entry as it was when recorded.
- Every sample is used exactly once per epoch, in a new random order each epoch; the last
  batch keeps the n % batch_size leftover samples; batch_size >= n means one batch of all n.
- random_state (None, int or Generator) drives the shuffling: the same int gives the same
  w and history every time.

Worked example (f(x) = x^2, so grad(x) = 2x):
    gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, n_iter=3, tol=0.0)
        -> x = 0.125, history = [1, 0.5, 0.25, 0.125]
    with lr=1.5 each step multiplies x by 1 - 2 * 1.5 = -2: history = [1, -2, 4, -8]
    (too large a learning rate diverges; the function must not hide it).

Run `pytest -k gradient_descent` to check your work; hints are in
hints/foundations/gradient_descent.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_random_state, check_scalar, check_X_y


def gradient_descent(grad, x0, lr=0.1, n_iter=1000, tol=1e-8):
    """Minimize a function by plain gradient descent, ``x <- x - lr * grad(x)``.

    Parameters
    ----------
    grad : callable
        ``grad(x) -> array of x's shape``: the gradient of the objective at ``x``.
    x0 : array-like of any shape
        The starting point. It is not modified, and the results never share its memory.
    lr : float, default 0.1
        The step size (learning rate), > 0.
    n_iter : int, default 1000
        The maximum number of steps, >= 0.
    tol : float, default 1e-8
        Stopping rule: before each step, if the Euclidean norm of the gradient (over all
        its entries) is below ``tol``, stop without stepping. ``tol=0`` never stops early.

    Returns
    -------
    x : ndarray of float64, shape of ``x0``
        The last iterate.
    history : ndarray of float64, shape ``(k + 1,) + x0.shape``
        Every iterate ``x_0 = x0, x_1, ..., x_k = x``, where ``k <= n_iter`` is the number
        of steps taken.

    Examples
    --------
    >>> x, history = gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, n_iter=3, tol=0.0)
    >>> history  # minimizing x^2: each step halves x
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    x0 = check_array(x0, name="x0", ndim=None)
    lr = check_scalar(lr, "lr", low=0.0, low_inclusive=False)
    n_iter = check_scalar(n_iter, "n_iter", kind=numbers.Integral, low=0)
    tol = check_scalar(tol, "tol", low=0.0)
    raise NotImplementedError("gradient_descent")


def minibatch_sgd(grad, X, y, w0, lr=0.01, batch_size=32, n_epochs=10, random_state=None):
    """Mini-batch stochastic gradient descent over shuffled epochs.

    Each epoch visits the samples in a fresh random order, cut into consecutive batches of
    ``batch_size`` samples (the last batch holds the remaining ``n % batch_size`` samples;
    a ``batch_size`` of ``n`` or more means one batch of all ``n``), and takes one step
    ``w <- w - lr * grad(X_batch, y_batch, w)`` per batch.

    Parameters
    ----------
    grad : callable
        ``grad(X_batch, y_batch, w) -> array of w's shape``, typically the mean gradient of
        the loss over the batch.
    X : array-like of shape (n, d)
    y : array-like of shape (n,)
    w0 : array-like of any shape
        The starting weights. Not modified, and the results never share its memory.
    lr : float, default 0.01
        The step size, > 0.
    batch_size : int, default 32
        Samples per step, >= 1.
    n_epochs : int, default 10
        Passes over the data, >= 0.
    random_state : None, int or numpy.random.Generator, default None
        Seeds the shuffling: the same int gives the same result every time.

    Returns
    -------
    w : ndarray of float64, shape of ``w0``
        The final weights.
    history : ndarray of float64, shape ``(n_epochs + 1,) + w0.shape``
        ``w0``, then the weights at the end of each epoch (``history[-1]`` is ``w``).

    Examples
    --------
    >>> X, y = np.ones((4, 1)), np.full(4, 3.0)
    >>> def grad(Xb, yb, w):  # mean gradient of (x.w - y)^2 / 2
    ...     return Xb.T @ (Xb @ w - yb) / len(yb)
    >>> w, history = minibatch_sgd(grad, X, y, np.zeros(1), lr=0.5, batch_size=2, n_epochs=2)
    >>> history  # two steps per epoch, each halving the distance to 3
    array([[0.    ],
           [2.25  ],
           [2.8125]])
    """
    X, y = check_X_y(X, y)
    w0 = check_array(w0, name="w0", ndim=None)
    lr = check_scalar(lr, "lr", low=0.0, low_inclusive=False)
    batch_size = check_scalar(batch_size, "batch_size", kind=numbers.Integral, low=1)
    n_epochs = check_scalar(n_epochs, "n_epochs", kind=numbers.Integral, low=0)
    rng = check_random_state(random_state)
    raise NotImplementedError("minibatch_sgd")
