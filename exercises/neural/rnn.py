"""Kata neural/rnn: Vanilla RNN with backprop through time, and an LSTM step.

Difficulty 3 (hard), target time 45 minutes.

Write a vanilla (Elman) recurrent layer: one step, the forward pass over whole sequences
and its backward pass, backpropagation through time (BPTT); then one step of an LSTM.
Sequences are batch first, like PyTorch's nn.RNN(batch_first=True); the weights are
stored input-major (x @ Wx), as in the dense layer.

The recurrence is sequential, so one Python loop over the T time steps is expected; but
each step works on the whole batch at once (matrix products, no loop over the N
sequences or the H units).

Math:
    rnn step      a_t = x_t Wx + h_{t-1} Wh + b,   h_t = tanh(a_t),   h_{-1} read as h0
    rnn_forward   h[:, t] = h_t for t = 0 .. T-1
    BPTT          given dh[:, t] = the loss's direct gradient on h_t,
                  g_t  = dh[:, t] + (gradient reaching h_t from step t+1)   (0 at t = T-1)
                  da_t = g_t * (1 - h_t^2)                  tanh'(a) = 1 - tanh(a)^2
                  gradient reaching h_{t-1} = da_t Wh^T,    dx_t = da_t Wx^T
                  dWx = sum_t x_t^T da_t,   dWh = sum_t h_{t-1}^T da_t,
                  db = sum over t and the batch of da_t,    dh0 = da_0 Wh^T
    lstm step     a = x Wx + h Wh + b, split in four H-wide blocks [a_i | a_f | a_o | a_g]
                  i = sigmoid(a_i), f = sigmoid(a_f), o = sigmoid(a_o), g = tanh(a_g)
                  next_c = f * c + i * g,   next_h = o * tanh(next_c)

Shapes: x is (N, D) for a step and (N, T, D) for rnn_forward; h, h0 and next_h are
(N, H); Wx is (D, H), Wh (H, H), b (H,). rnn_forward's h and rnn_backward's dh are
(N, T, H); rnn_backward returns dx (N, T, D), dh0 (N, H), dWx (D, H), dWh (H, H) and
db (H,). For the LSTM, c and next_c are (N, H), Wx is (D, 4H), Wh (H, 4H), b (4H,).
N, T, D or H may be 1. All outputs are float64.

Conventions:
- rnn_forward's h holds the T new states h_0 .. h_{T-1} (h[:, t] is the state after
  reading x[:, t]), not h0.
- dh is the upstream gradient on every state (a loss may read all of them); rnn_backward
  adds the path through the recurrence itself.
- LSTM gate blocks are in the order i, f, o, g along the 4H axis of Wx, Wh and b:
  columns [0:H] input gate, [H:2H] forget gate, [2H:3H] output gate, [3H:4H] candidate.
- No overflow warning for pre-activations of magnitude 1e3 (the sigmoid must be stable).
- `cache` is yours to design and self-contained (no global state). rnn_backward raises
  ValueError, naming dh, when dh's shape is not h's. The forward functions' shape checks
  are already written.
- Never modify the inputs in place.

Complexity: rnn_forward and rnn_backward O(N T (D + H) H) time; the cache keeps every
state, O(N T H) memory (plus x). The LSTM step O(N (D + H) 4H).

Pitfalls:
- Not accumulating over time: the gradient on h_t is dh[:, t] PLUS what comes back from
  step t+1; using dh[:, t] alone (or only the carried part) is wrong for every t < T-1.
- dWx, dWh and db are shared by every step: sum them over t (and over the batch), do
  not keep the last step's or average.
- tanh's derivative is 1 - h_t^2 with h_t = tanh(a_t), the step's OUTPUT; 1 - a_t^2 or
  1 - tanh(a_t) are wrong.
- dWh pairs da_t with the PREVIOUS state h_{t-1} (h0 at t = 0), not with h_t.
- dh0 is the gradient carried past the first step, da_0 Wh^T; it is not zero.
- A swapped gate order (i, f, g, o as some papers write, or f first): the blocks are i, f,
  o, g. A tanh on a gate or a sigmoid on g; next_h = o * next_c without the tanh.
- sigmoid as 1 / (1 + exp(-a)) overflows for a = -1000.
- Recursing over time steps in backward overflows Python's stack for long sequences.

Worked example:
    D = H = 1, Wx = Wh = 0.5, b = 0, h0 = 0, x = [1, 2] (N = 1, T = 2):
    h_0 = tanh(0.5) = 0.4621, h_1 = tanh(1 + 0.5 * 0.4621) = 0.8429.
    With dh = [0, 1] (only the last state is scored):
    da_1 = 1 * (1 - 0.8429^2) = 0.2895, dx_1 = 0.5 * 0.2895 = 0.1448,
    da_0 = (0 + 0.5 * 0.2895) * (1 - 0.4621^2) = 0.1139, dx_0 = 0.0569, dh0 = 0.0569,
    dWx = 1 * 0.1139 + 2 * 0.2895 = 0.6929, dWh = 0 * 0.1139 + 0.4621 * 0.2895 = 0.1338,
    db = 0.4034.

Run `pytest --kata neural/rnn` to check your work; hints are in hints/neural/rnn.md.
"""

import numpy as np  # noqa: F401  (you will need it)

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

    raise NotImplementedError("rnn_step_forward")


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

    raise NotImplementedError("rnn_forward")


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
    raise NotImplementedError("rnn_backward")


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

    raise NotImplementedError("lstm_step_forward")
