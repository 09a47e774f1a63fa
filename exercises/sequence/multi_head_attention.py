"""Kata sequence/multi_head_attention: Multi-head self-attention.

Difficulty 3 (hard), target time 45 minutes.

Write the attention layer of a transformer: project the input to queries, keys and
values, split them into n_heads heads that attend independently (each on its own slice
of the columns), put the heads back side by side and mix them with an output projection.
All heads and all sequences of the batch at once, with reshapes and batched matrix
products, and an optional causal mask.

Math:
    Q = x W_q,  K = x W_k,  V = x W_v                    (N, T, d_model) each
    head h uses the columns c = h d_k : (h + 1) d_k,  d_k = d_model / n_heads:
        Q_h = Q[..., c],  K_h = K[..., c],  V_h = V[..., c]    (N, T, d_k)
        head_h = softmax(Q_h K_h^T / sqrt(d_k)) V_h            softmax over the keys
    out = concat(head_0, ..., head_{n_heads-1}) W_o     concat along the last axis
    causal: the scores of key j > query i are -inf before the softmax.

Shapes: x is (N, T, d_model); W_q, W_k, W_v, W_o are (d_model, d_model); forward returns
(N, T, d_model) float64. Inside: (N, n_heads, T, d_k) per head, (N, n_heads, T, T) scores.

Conventions:
- Weights are applied as x @ W (input-major, like a dense layer), no biases. Head h owns
  columns h * d_k:(h + 1) * d_k of Q, K and V, and its output fills the same columns of
  the concatenation before W_o.
- __init__ (given) stores d_model, n_heads and random_state unchanged and draws W_q, W_k,
  W_v, W_o in that order, i.i.d. N(0, 1 / d_model), from check_random_state(random_state).
  forward uses the current attributes, so they may be reassigned.
- n_heads must divide d_model; d_model, n_heads >= 1 (ValueError otherwise, checked in
  __init__). forward: x must be 3-D with last axis d_model, causal a bool, each W of shape
  (d_model, d_model) (ValueError otherwise; the stub checks these).
- causal=True: position i attends to positions j <= i (itself included).
- Each sequence of the batch is independent of the others; no overflow or warning for
  scores of magnitude 1e3; x and the weights are never modified.

Complexity: O(N T d_model^2) for the four projections plus O(N T^2 d_model) for the
scores and the weighted sums; O(N n_heads T^2) memory for the weights. No Python loop
over heads, positions or samples.

Pitfalls:
- Splitting the heads with a reshape that mixes positions: (N, T, d_model) reshaped
  straight to (N, h, T, d_k) cuts across rows. Reshape to (N, T, h, d_k), then move the
  head axis: transpose(0, 2, 1, 3). The same on the way back, before the last reshape.
- Scaling by sqrt(d_model) instead of sqrt(d_k): each head's dot product has d_k terms.
- Forgetting the output projection W_o, or applying x @ W.T (W is input-major here).
- The softmax over the wrong axis, or a causal mask that hides the diagonal or leaks the
  next position.
- A reduction over the wrong axes (a sum over the whole array rather than each row of
  each head) mixes sequences of the batch, or heads, together.

Worked example:
    d_model = 4, n_heads = 2, so d_k = 2: head 0 uses columns 0:2 of Q, K, V, head 1
    columns 2:4. With T = 1 every weight is 1, so head_h = V_h and
    out = concat(V_0, V_1) W_o = x W_v W_o.
    x of shape (2, 5, 4) -> Q (2, 5, 4) -> split (2, 2, 5, 2) -> scores (2, 2, 5, 5)
    -> heads (2, 2, 5, 2) -> merged (2, 5, 4) -> out (2, 5, 4).

Run `pytest --kata sequence/multi_head_attention` to check your work; hints are in
hints/sequence/multi_head_attention.md.
"""

import numpy as np

from kata.validation import check_array, check_random_state, check_scalar


class MultiHeadAttention:
    """Multi-head self-attention without biases, ``concat(head_1, ..., head_h) W_o``.

    Parameters
    ----------
    d_model : int >= 1
        The width of the input and of the output.
    n_heads : int >= 1
        The number of heads; it must divide ``d_model`` (each head has
        ``d_k = d_model // n_heads`` columns).
    random_state : int, numpy Generator or None, default=None
        Source of the initial weights; the same int gives the same weights.

    Attributes
    ----------
    W_q, W_k, W_v, W_o : ndarray of float64, shape (d_model, d_model)
        The projections, applied as ``x @ W``: ``Q = x @ W_q``, and head ``h`` owns
        columns ``h * d_k:(h + 1) * d_k`` of ``Q``, ``K`` and ``V``. Drawn i.i.d. from
        N(0, 1 / d_model) in the order W_q, W_k, W_v, W_o; they may be reassigned.

    Examples
    --------
    >>> mha = MultiHeadAttention(d_model=4, n_heads=2, random_state=0)
    >>> mha.forward(np.ones((1, 3, 4))).shape
    (1, 3, 4)
    """

    def __init__(self, d_model, n_heads, random_state=None):
        check_scalar(d_model, "d_model", kind=int, low=1)
        check_scalar(n_heads, "n_heads", kind=int, low=1)
        if d_model % n_heads != 0:
            raise ValueError(
                f"n_heads={n_heads} does not divide d_model={d_model}: every head needs "
                "d_model / n_heads columns"
            )
        self.d_model = d_model
        self.n_heads = n_heads
        self.random_state = random_state
        rng = check_random_state(random_state)
        scale = 1.0 / np.sqrt(d_model)  # keeps x @ W of the scale of x
        self.W_q = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, scale, size=(d_model, d_model))

    def forward(self, x, causal=False):
        """Self-attention of each sequence of ``x`` with itself, all heads at once.

        Parameters
        ----------
        x : array-like, shape (N, T, d_model)
            A batch of N sequences of T positions.
        causal : bool, default=False
            If True, position i attends only to positions j <= i.

        Returns
        -------
        out : ndarray of float64, shape (N, T, d_model)
            ``concat_h(softmax(Q_h K_h^T / sqrt(d_k)) V_h) @ W_o``.

        Examples
        --------
        >>> mha = MultiHeadAttention(d_model=2, n_heads=1, random_state=0)
        >>> x = np.array([[[1.0, 2.0]]])  # T = 1: the weight is 1, out = x W_v W_o
        >>> np.allclose(mha.forward(x), x @ mha.W_v @ mha.W_o)
        True
        """
        x = check_array(x, name="x", ndim=3)
        if x.shape[-1] != self.d_model:
            raise ValueError(
                f"x has {x.shape[-1]} features in its last axis but d_model is {self.d_model}"
            )
        if not isinstance(causal, bool | np.bool_):
            raise ValueError(f"causal must be True or False, got {causal!r}")
        for name in ("W_q", "W_k", "W_v", "W_o"):
            W = check_array(getattr(self, name), name=name)
            if W.shape != (self.d_model, self.d_model):
                raise ValueError(
                    f"{name} has shape {W.shape}, expected (d_model, d_model) = "
                    f"{(self.d_model, self.d_model)}"
                )
        raise NotImplementedError("forward")
