"""Kata foundations/gradient_descent: gradient descent and mini-batch SGD.

Difficulty 1 (warm-up), target time 15 minutes.

The optimizer under almost every model in this repository. Write both flavours: plain
gradient descent on a function given by its gradient, stopping when the gradient is small,
and mini-batch stochastic gradient descent over epochs of shuffled samples.

Math:
    gradient_descent:  x_{k+1} = x_k - lr * grad(x_k), for k = 0, 1, ..., stopping at the
        first k where ||grad(x_k)|| < tol (no step is taken from that x_k).
    minibatch_sgd:     for each epoch: order the n samples (a fresh random permutation, or
        0, 1, ..., n-1 when shuffle=False); cut the order into consecutive batches of
        batch_size; for each batch B: w <- w - lr * grad(X[B], y[B], w).

Shapes: x0 and w0 may have any shape (a vector, a (d, k) weight matrix); grad returns an
array of the same shape; history stacks the snapshots along a new first axis:
(k + 1,) + x0.shape for gradient_descent (k = steps taken), (n_epochs + 1,) + w0.shape for
minibatch_sgd. X is (n, d) and y is (n,); grad receives the rows of X and y of one batch.
Results are float64.

Conventions:
- gradient_descent tests the gradient BEFORE each step: it stops without stepping as soon
  as ||grad(x_k)|| < tol, the Euclidean norm over all entries (Frobenius for a matrix);
  the rule is strict, so tol=0 always runs all n_iter steps. n_iter is the maximum number
  of steps: n_iter=0 returns x0 (a copy) and a history of one entry, n_iter=1 at most one.
- history = [x_0, x_1, ..., x_k]: history[0] is x0 and history[-1] is the returned x, the
  last iterate (not the best one, not the one before the last step).
- minibatch_sgd makes exactly ceil(n / batch_size) steps per epoch: the last batch keeps
  the n % batch_size leftover samples, there is never an empty batch, and batch_size >= n
  means one batch of all n. Every sample is used exactly once per epoch.
  history = [w0, w after epoch 1, ..., w after epoch n_epochs].
- shuffle=True (default): a new random order every epoch. shuffle=False: every epoch
  visits the samples in their given order 0, 1, ..., n-1 (and random_state is unused).
- random_state (None, int or numpy Generator) drives the shuffling (the stub turns it into
  a Generator): the same int gives the same w and history every time; a Generator is used
  as given, and advanced.
- Never modify x0, w0, X or y; the results never share memory with x0 or w0; each history
  entry stays as it was when recorded. Bad hyperparameters (lr <= 0, a negative or
  non-integer n_iter, n_epochs or batch_size < 1, tol < 0, shuffle not a bool) are
  ValueErrors naming the argument (the stub checks them).

Complexity: one grad call per step; everything besides grad is O(n) per epoch (one
permutation, and slices of it).

Pitfalls:
- No stop at tol, stopping on the step size lr * ||grad|| instead of ||grad||, or testing
  after stepping (one step too many).
- A stopping norm that is not over all entries: np.linalg.norm(g, 2) of a matrix is its
  spectral norm, and max |g| is smaller than ||g|| too.
- x -= lr * g: updates x0 in place, and every entry of history is then the same array.
- Dropping the last, partial batch (range(n // batch_size)), or an extra empty batch
  (range(n // batch_size + 1) when batch_size divides n).
- Shuffling once before the loop (the same batches every epoch), or not at all.
- Shuffling with np.random instead of the Generator from random_state (not reproducible).

Worked example (f(x) = x^2, so grad(x) = 2x):
    gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, n_iter=3, tol=0.0)
        -> x = 0.125, history = [1, 0.5, 0.25, 0.125]
    with lr=1.5 each step multiplies x by 1 - 2 * 1.5 = -2: history = [1, -2, 4, -8]
    (too large a learning rate diverges; the function must not hide it).
    minibatch_sgd with n=5, batch_size=2, shuffle=False: batches [0, 1], [2, 3], [4] in
    every epoch, 3 steps per epoch.

Run `pytest --kata foundations/gradient_descent` to check your work; hints are in
hints/foundations/gradient_descent.md.
"""

import numbers

import numpy as np

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


def minibatch_sgd(
    grad, X, y, w0, lr=0.01, batch_size=32, n_epochs=10, shuffle=True, random_state=None
):
    """Mini-batch stochastic gradient descent over shuffled epochs.

    Each epoch visits the samples in a fresh random order (their given order if
    ``shuffle=False``), cut into consecutive batches of
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
    shuffle : bool, default True
        Draw a new random order of the samples every epoch; ``False`` visits them in
        their given order ``0, 1, ..., n-1`` every epoch.
    random_state : None, int or numpy.random.Generator, default None
        Seeds the shuffling: the same int gives the same result every time; a Generator is
        used as given (and advanced). Unused when ``shuffle=False``.

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
    if not isinstance(shuffle, (bool, np.bool_)):
        raise ValueError(f"shuffle must be True or False, got {shuffle!r}")
    rng = check_random_state(random_state)
    raise NotImplementedError("minibatch_sgd")
