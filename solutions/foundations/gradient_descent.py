"""Reference solution for foundations/gradient_descent.

The statement is in exercises/foundations/gradient_descent.py.
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
    x = x0.copy()  # never hand back (or update) the caller's array
    history = [x]
    for _ in range(n_iter):
        g = np.asarray(grad(x), dtype=np.float64)
        # A small gradient means a stationary point; testing the gradient (not the step
        # lr * g) makes the rule independent of the learning rate.
        if np.linalg.norm(g) < tol:
            break
        # A new array each step (no x -= ...), so the iterates kept in history stay intact.
        x = x - lr * g
        history.append(x)
    return x, np.stack(history)


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
    n = X.shape[0]
    w = w0.copy()
    history = [w]
    for _ in range(n_epochs):
        # A fresh permutation every epoch: each sample is used exactly once per epoch, in
        # a new order, so the batches (and their gradient noise) differ from epoch to epoch.
        order = rng.permutation(n) if shuffle else np.arange(n)
        # Stepping by batch_size up to n keeps the last, partial batch (a slice past the
        # end is just shorter), and batch_size > n gives one batch of all n samples.
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            w = w - lr * np.asarray(grad(X[batch], y[batch], w), dtype=np.float64)
        history.append(w)
    return w, np.stack(history)
