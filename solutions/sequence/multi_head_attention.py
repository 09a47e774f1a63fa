"""Reference solution for sequence/multi_head_attention.

The statement is in exercises/sequence/multi_head_attention.py.
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
        N, T, _ = x.shape
        h = self.n_heads
        d_k = self.d_model // h

        def split_heads(a):
            # (N, T, d_model) -> (N, T, h, d_k) keeps each position's row intact and cuts it
            # into h consecutive column blocks; only then move the head axis forward. A
            # direct reshape to (N, h, T, d_k) would mix rows of different positions.
            return a.reshape(N, T, h, d_k).transpose(0, 2, 1, 3)

        q = split_heads(x @ self.W_q)
        k = split_heads(x @ self.W_k)
        v = split_heads(x @ self.W_v)
        # Each head is scaled by ITS width d_k: its scores sum d_k products, not d_model.
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)  # (N, h, T, T)
        if causal:
            # The diagonal is kept, so no row is ever fully masked.
            scores = np.where(np.tri(T, dtype=bool), scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)  # stable softmax over keys
        weights = np.exp(scores)
        weights /= weights.sum(axis=-1, keepdims=True)
        heads = weights @ v  # (N, h, T, d_k)
        # Undo the split: heads back next to each other within each position's row.
        concat = heads.transpose(0, 2, 1, 3).reshape(N, T, self.d_model)
        return concat @ self.W_o
