"""Reference solution for neural/rnn.

The statement is in exercises/neural/rnn.py.
"""

import numpy as np

from kata.validation import check_array


def rnn_step_forward(x, h, Wx, Wh, b):
    """One step of a vanilla (Elman) RNN: ``next_h = tanh(x @ Wx + h @ Wh + b)``.

    Parameters
    ----------
    x : array-like of shape (N, D)
        The inputs of this time step, one row per sequence.
    h : array-like of shape (N, H)
        The previous hidden state.
    Wx : array-like of shape (D, H)
        Input-to-hidden weights.
    Wh : array-like of shape (H, H)
        Hidden-to-hidden weights.
    b : array-like of shape (H,)
        Bias.

    Returns
    -------
    next_h : ndarray of shape (N, H)
        The new hidden state, float64.
    cache : object
        Whatever a backward step needs; yours to design.

    Examples
    --------
    >>> next_h, _ = rnn_step_forward([[1.0]], [[0.0]], [[0.5]], [[2.0]], [0.0])
    >>> next_h.round(4)
    array([[0.4621]])
    """
    x = check_array(x, name="x")
    h = check_array(h, name="h")
    Wx = check_array(Wx, name="Wx")
    Wh = check_array(Wh, name="Wh")
    b = check_array(b, name="b", ndim=1)
    D, H = Wx.shape
    if x.shape[1] != D:
        raise ValueError(f"x has {x.shape[1]} features but Wx has {D} rows: Wx must be (D, H)")
    if Wh.shape != (H, H):
        raise ValueError(f"Wh has shape {Wh.shape}, expected (H, H) = {(H, H)}")
    if b.shape != (H,):
        raise ValueError(f"b has shape {b.shape}, expected (H,) = {(H,)}")
    if h.shape != (x.shape[0], H):
        raise ValueError(f"h has shape {h.shape}, expected (N, H) = {(x.shape[0], H)}")

    next_h = np.tanh(x @ Wx + h @ Wh + b)
    return next_h, (x, h, Wx, Wh, next_h)


def rnn_forward(x, h0, Wx, Wh, b):
    """Run a vanilla RNN over whole sequences.

    Parameters
    ----------
    x : array-like of shape (N, T, D)
        N sequences of T steps with D features each (batch first).
    h0 : array-like of shape (N, H)
        The initial hidden state.
    Wx : array-like of shape (D, H)
    Wh : array-like of shape (H, H)
    b : array-like of shape (H,)

    Returns
    -------
    h : ndarray of shape (N, T, H)
        Every hidden state: ``h[:, t] = tanh(x[:, t] @ Wx + h[:, t - 1] @ Wh + b)``,
        with ``h[:, -1]`` read as ``h0`` for t = 0. ``h0`` itself is not included.
    cache : object
        Whatever ``rnn_backward`` needs; pass it back unchanged.

    Examples
    --------
    >>> h, _ = rnn_forward([[[1.0], [2.0]]], [[0.0]], [[0.5]], [[0.5]], [0.0])
    >>> h.round(4)
    array([[[0.4621],
            [0.8429]]])
    """
    x = check_array(x, name="x", ndim=3)
    h0 = check_array(h0, name="h0")
    Wx = check_array(Wx, name="Wx")
    Wh = check_array(Wh, name="Wh")
    b = check_array(b, name="b", ndim=1)
    D, H = Wx.shape
    if x.shape[2] != D:
        raise ValueError(f"x has {x.shape[2]} features but Wx has {D} rows: Wx must be (D, H)")
    if Wh.shape != (H, H):
        raise ValueError(f"Wh has shape {Wh.shape}, expected (H, H) = {(H, H)}")
    if b.shape != (H,):
        raise ValueError(f"b has shape {b.shape}, expected (H,) = {(H,)}")
    if h0.shape != (x.shape[0], H):
        raise ValueError(f"h0 has shape {h0.shape}, expected (N, H) = {(x.shape[0], H)}")

    N, T, _ = x.shape
    # The input projection has no recurrence: one (N*T, D) @ (D, H) product for all steps.
    xw = x @ Wx + b  # (N, T, H)
    h = np.empty((N, T, H))
    prev = h0
    for t in range(T):  # the recurrence itself is sequential
        prev = np.tanh(xw[:, t] + prev @ Wh)
        h[:, t] = prev
    return h, (x, h0, Wx, Wh, h)


def rnn_backward(dh, cache):
    """Backpropagation through time for ``rnn_forward``.

    Parameters
    ----------
    dh : array-like of shape (N, T, H)
        Upstream gradient on every hidden state, ``dL/dh[:, t]`` from the layers above
        (not including the path through later time steps, which this function adds).
    cache : object
        The cache returned by ``rnn_forward``.

    Returns
    -------
    dx : ndarray of shape (N, T, D)
    dh0 : ndarray of shape (N, H)
    dWx : ndarray of shape (D, H)
    dWh : ndarray of shape (H, H)
    db : ndarray of shape (H,)

    Examples
    --------
    >>> _, cache = rnn_forward([[[1.0], [2.0]]], [[0.0]], [[0.5]], [[0.5]], [0.0])
    >>> dx, dh0, dWx, dWh, db = rnn_backward([[[0.0], [1.0]]], cache)
    >>> dx.ravel().round(4), dh0.round(4), dWh.round(4)
    (array([0.0569, 0.1448]), array([[0.0569]]), array([[0.1338]]))
    """
    dh = check_array(dh, name="dh", ndim=3)
    x, h0, Wx, Wh, h = cache
    if dh.shape != h.shape:
        raise ValueError(f"dh has shape {dh.shape}, but the forward h had shape {h.shape}")
    N, T, H = h.shape
    da = np.empty((N, T, H))  # gradient on each step's pre-activation
    carry = np.zeros((N, H))  # dL/dh[:, t] through step t + 1 (nothing after the last step)
    for t in reversed(range(T)):
        # h[:, t] feeds the loss directly (dh) AND the next step (carry): both add up.
        # tanh' in terms of its output: 1 - tanh(a)^2 = 1 - h^2.
        da[:, t] = (dh[:, t] + carry) * (1.0 - h[:, t] ** 2)
        carry = da[:, t] @ Wh.T
    # Every step shares Wx, Wh and b: their gradients sum over time (and the batch), which
    # one contraction over (n, t) does once the loop has produced every da.
    h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)  # the state each step read
    dx = da @ Wx.T
    dWx = np.einsum("ntd,nth->dh", x, da)
    dWh = np.einsum("ntk,nth->kh", h_prev, da)
    db = da.sum(axis=(0, 1))
    return dx, carry, dWx, dWh, db


def _sigmoid(z):
    # exp of a non-positive number only: no overflow for |z| up to 1e3 and beyond.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_step_forward(x, h, c, Wx, Wh, b):
    """One step of an LSTM with gate blocks in the order i, f, o, g.

    Parameters
    ----------
    x : array-like of shape (N, D)
    h : array-like of shape (N, H)
        The previous hidden state.
    c : array-like of shape (N, H)
        The previous cell state.
    Wx : array-like of shape (D, 4H)
        Input weights; columns ``[0:H]`` feed the input gate i, ``[H:2H]`` the forget gate
        f, ``[2H:3H]`` the output gate o and ``[3H:4H]`` the candidate g.
    Wh : array-like of shape (H, 4H)
        Hidden weights, the same four column blocks.
    b : array-like of shape (4H,)
        Bias, the same four blocks.

    Returns
    -------
    next_h : ndarray of shape (N, H)
    next_c : ndarray of shape (N, H)
    cache : object
        Whatever a backward step needs; yours to design.

    Examples
    --------
    >>> b = [0.0, np.log(3.0), -np.log(3.0), np.arctanh(0.6)]  # i, f, o, g
    >>> next_h, next_c, _ = lstm_step_forward([[0.0]], [[0.0]], [[2.0]], [[0.0] * 4],
    ...                                        [[0.0] * 4], b)
    >>> next_c.round(4), next_h.round(4)
    (array([[1.8]]), array([[0.2367]]))
    """
    x = check_array(x, name="x")
    h = check_array(h, name="h")
    c = check_array(c, name="c")
    Wx = check_array(Wx, name="Wx")
    Wh = check_array(Wh, name="Wh")
    b = check_array(b, name="b", ndim=1)
    D, H4 = Wx.shape
    if H4 % 4:
        raise ValueError(f"Wx has {H4} columns: it must have 4H, one block per gate (i, f, o, g)")
    H = H4 // 4
    if x.shape[1] != D:
        raise ValueError(f"x has {x.shape[1]} features but Wx has {D} rows: Wx must be (D, 4H)")
    if Wh.shape != (H, 4 * H):
        raise ValueError(f"Wh has shape {Wh.shape}, expected (H, 4H) = {(H, 4 * H)}")
    if b.shape != (4 * H,):
        raise ValueError(f"b has shape {b.shape}, expected (4H,) = {(4 * H,)}")
    for name, state in (("h", h), ("c", c)):
        if state.shape != (x.shape[0], H):
            raise ValueError(
                f"{name} has shape {state.shape}, expected (N, H) = {(x.shape[0], H)}"
            )

    a = x @ Wx + h @ Wh + b  # (N, 4H): all four gates in one product
    i = _sigmoid(a[:, :H])  # how much of the candidate to write
    f = _sigmoid(a[:, H : 2 * H])  # how much of the old cell to keep
    o = _sigmoid(a[:, 2 * H : 3 * H])  # how much of the cell to expose
    g = np.tanh(a[:, 3 * H :])  # the candidate values, in (-1, 1)
    # The cell update is additive: dL/dc flows back through f alone, which is why LSTMs
    # keep gradients alive over long sequences.
    next_c = f * c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c, (x, h, c, Wx, Wh, i, f, o, g, next_c)
