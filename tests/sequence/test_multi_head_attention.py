"""Tests for sequence/multi_head_attention: MultiHeadAttention.forward."""

import numpy as np
import pytest

from kata.testing import SEEDS, fp_diagnosis, inputs_unchanged, load_kata, softmax_reference

mod = load_kata("sequence/multi_head_attention")


# --- the test's own oracle: one sample and one head at a time, explicit weight slices ---------


def per_head_attention(
    x, W_q, W_k, W_v, W_o, n_heads, causal=False, scale=None, axis=-1, causal_k=0
):
    """concat_h(attention(x W_q[:, c_h], x W_k[:, c_h], x W_v[:, c_h])) W_o, sample by sample.

    Head h's weight matrices are the explicit column slices c_h = h d_k:(h + 1) d_k. ``scale``
    (default sqrt(d_k)) lets the diagnosis evaluate the mistaken sqrt(d_model), and
    ``causal_k`` (default 0, the diagonal kept) a causal mask off by one.
    """
    N, T, d_model = x.shape
    d_k = d_model // n_heads
    scale = np.sqrt(d_k) if scale is None else scale
    out = np.zeros((N, T, d_model))
    for n in range(N):
        heads = []
        for h in range(n_heads):
            c = slice(h * d_k, (h + 1) * d_k)
            Qh, Kh, Vh = x[n] @ W_q[:, c], x[n] @ W_k[:, c], x[n] @ W_v[:, c]  # (T, d_k)
            s = Qh @ Kh.T / scale
            if causal:
                s = np.where(np.tri(T, k=causal_k, dtype=bool), s, -np.inf)
            heads.append(softmax_reference(s, axis=axis) @ Vh)
        out[n] = np.concatenate(heads, axis=1) @ W_o
    return out


def mixed_reshape_attention(x, W_q, W_k, W_v, W_o, n_heads, split_bad, merge_bad):
    """The classic wrong split/merge: reshape straight to (N, h, T, d_k) and back."""
    N, T, d_model = x.shape
    d_k = d_model // n_heads

    def split(a):
        if split_bad:
            return a.reshape(N, n_heads, T, d_k)
        return a.reshape(N, T, n_heads, d_k).transpose(0, 2, 1, 3)

    q, k, v = split(x @ W_q), split(x @ W_k), split(x @ W_v)
    heads = softmax_reference(q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)) @ v
    if merge_bad:
        concat = heads.reshape(N, T, d_model)
    else:
        concat = heads.transpose(0, 2, 1, 3).reshape(N, T, d_model)
    return concat @ W_o


def variant_attention(
    x,
    W_q,
    W_k,
    W_v,
    W_o,
    n_heads,
    causal=False,
    layout="blocks",
    norm_axes=(-1,),
    mask_after=False,
):
    """Multi-head attention with one classic slip, for the diagnosis only.

    layout "interleaved": head h takes columns h, h + n_heads, ... (a reshape to
    (N, T, d_k, n_heads)) and gives them back there; "interleaved split": it takes them so
    but the merge is the right one; norm_axes: the axes the softmax's sum runs over (each row is
    still shifted by its own max, as the learner's code would); mask_after: the causal
    mask multiplies the weights after an unmasked softmax.
    """
    N, T, d_model = x.shape
    d_k = d_model // n_heads

    def split(a):
        if layout in ("interleaved", "interleaved split"):
            return a.reshape(N, T, d_k, n_heads).transpose(0, 3, 1, 2)
        return a.reshape(N, T, n_heads, d_k).transpose(0, 2, 1, 3)

    def merge(a):
        if layout == "interleaved":
            return a.transpose(0, 2, 3, 1).reshape(N, T, d_model)
        return a.transpose(0, 2, 1, 3).reshape(N, T, d_model)

    q, k, v = split(x @ W_q), split(x @ W_k), split(x @ W_v)
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)
    tri = np.tri(T, dtype=bool)
    if causal and not mask_after:
        s = np.where(tri, s, -np.inf)
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    w = e / e.sum(axis=norm_axes, keepdims=True)
    if causal and mask_after:
        w = w * tri
    return merge(w @ v) @ W_o


def make_layer(d_model, n_heads, seed):
    """A layer whose four weights the test sets itself (non-symmetric, non-orthogonal)."""
    mha = mod.MultiHeadAttention(d_model, n_heads, random_state=0)
    rng = np.random.default_rng(seed)
    for name in ("W_q", "W_k", "W_v", "W_o"):
        setattr(mha, name, rng.normal(size=(d_model, d_model)) / np.sqrt(d_model))
    return mha


def weights_of(mha):
    return mha.W_q, mha.W_k, mha.W_v, mha.W_o


def diagnosis(mha, x, out, causal=False):
    """Name the classic mistake whose output matches the learner's, or None."""
    with np.errstate(all="ignore"):
        return _diagnosis(mha, x, out, causal)


def _diagnosis(mha, x, out, causal):
    W = weights_of(mha)
    h, d_model = mha.n_heads, mha.d_model
    candidates = []
    if h > 1:
        candidates += [
            (
                mixed_reshape_attention(x, *W, h, split_bad=True, merge_bad=True),
                "the heads were split with a reshape that mixes positions: (N, T, d_model) "
                "reshaped straight to (N, n_heads, T, d_k) cuts across rows. Reshape to "
                "(N, T, n_heads, d_k), then transpose(0, 2, 1, 3); undo it the same way",
            ),
            (
                mixed_reshape_attention(x, *W, h, split_bad=True, merge_bad=False),
                "the heads were split with a reshape that mixes positions: reshape to "
                "(N, T, n_heads, d_k) first, then transpose(0, 2, 1, 3)",
            ),
            (
                mixed_reshape_attention(x, *W, h, split_bad=False, merge_bad=True),
                "the heads were merged with a reshape that mixes positions: (N, n_heads, T, "
                "d_k) reshaped straight to (N, T, d_model). Transpose back to (N, T, "
                "n_heads, d_k) first",
            ),
            (
                per_head_attention(x, *W, h, causal, scale=np.sqrt(d_model)),
                "the scores are scaled by sqrt(d_model) instead of sqrt(d_k): each head's dot "
                "product sums d_k = d_model / n_heads terms",
            ),
        ]
    candidates += [
        (
            per_head_attention(x, *W, h, causal, scale=d_model // h),
            "the scores are divided by d_k instead of sqrt(d_k)",
        ),
        (
            per_head_attention(x, *W, h, causal, scale=1.0),
            "the scores are not scaled: divide each head's Q_h K_h^T by sqrt(d_k)",
        ),
        (
            per_head_attention(x, *W[:3], np.eye(d_model), h, causal),
            "the output projection W_o is missing: out = concat(heads) @ W_o",
        ),
        *(
            (
                per_head_attention(x, *(w.T if i == j else w for i, w in enumerate(W)), h, causal),
                f"{name} was applied transposed (x @ {name}.T): the weights are input-major, "
                f"so Q = x @ W_q, K = x @ W_k, V = x @ W_v and out = concat @ W_o",
            )
            for j, name in enumerate(("W_q", "W_k", "W_v", "W_o"))
        ),
        (
            per_head_attention(x, *(w.T for w in W), h, causal),
            "the weights were applied transposed (x @ W.T): here Q = x @ W_q, input-major",
        ),
        (
            per_head_attention(x, *W, 1, causal),
            "the output is single-head attention over all d_model columns: split into "
            "n_heads heads of d_k = d_model / n_heads columns each",
        ),
    ]
    if not causal:
        candidates.append(
            (
                per_head_attention(x, *W, h, causal, axis=-2),
                "the softmax runs over the queries (axis -2): each row of a head's weights "
                "sums to 1 over the keys (axis -1)",
            )
        )
    if causal:
        candidates.append(
            (
                per_head_attention(x, *W, h, causal=False),
                "causal=True is ignored: mask the scores of keys j > i with -inf",
            )
        )
    if h > 1:
        candidates.append(
            (
                variant_attention(x, *W, h, causal, layout="interleaved split"),
                "the heads were split into interleaved columns (a reshape to (N, T, d_k, "
                "n_heads) gives head h the columns h, h + n_heads, ...) but merged as blocks: "
                "head h owns the CONTIGUOUS block h d_k:(h + 1) d_k. Reshape to "
                "(N, T, n_heads, d_k), then transpose(0, 2, 1, 3)",
            )
        )
        candidates.append(
            (
                variant_attention(x, *W, h, causal, layout="interleaved"),
                "the heads take interleaved columns (a reshape to (N, T, d_k, n_heads) gives "
                "head h the columns h, h + n_heads, ...): head h owns the CONTIGUOUS block "
                "h d_k:(h + 1) d_k. Reshape to (N, T, n_heads, d_k)",
            )
        )
    if d_model // h != h:
        candidates.append(
            (
                per_head_attention(x, *W, d_model // h, causal),
                f"n_heads and d_k are swapped: the output is {d_model // h} heads of {h} "
                f"columns, not n_heads = {h} heads of d_k = d_model / n_heads = {d_model // h}",
            )
        )
    candidates += [
        (
            variant_attention(x, *W, h, causal, norm_axes=(-2, -1)),
            "the softmax's sum runs over a whole head's (T, T) scores: each ROW (one query) of "
            "each head sums to 1 over the keys, axis=-1 with keepdims=True",
        ),
        (
            variant_attention(x, *W, h, causal, norm_axes=(0, -1)),
            "the softmax's sum runs over the batch axis too, mixing the sequences: sum over "
            "axis=-1 only (keepdims=True)",
        ),
        (
            variant_attention(x, *W, h, causal, norm_axes=(1, -1)),
            "the softmax's sum runs over the heads axis too, mixing the heads: sum over "
            "axis=-1 only (keepdims=True)",
        ),
        *(
            (
                per_head_attention(
                    x, *(W[src] if i == dst else w for i, w in enumerate(W)), h, causal
                ),
                f"{'QKV'[dst]} was computed with {('W_q', 'W_k', 'W_v')[src]} instead of "
                f"{('W_q', 'W_k', 'W_v')[dst]} (a copy-paste slip)",
            )
            for dst in range(3)
            for src in range(3)
            if src != dst
        ),
    ]
    if causal:
        candidates.append(
            (
                per_head_attention(x, *W, h, causal, causal_k=1),
                "the causal mask is off by one: it lets position i see position i + 1 "
                "(np.tri(T, k=1)). Keep j <= i: np.tri(T, dtype=bool), k=0",
            )
        )
        candidates.append(
            (
                variant_attention(x, *W, h, causal, mask_after=True),
                "the causal mask is applied after the softmax (weights zeroed, rows no longer "
                "sum to 1): put -inf in the scores of keys j > i BEFORE the softmax",
            )
        )
    # A mistake that gives the right answer on this input cannot be the learner's.
    right = per_head_attention(x, *W, h, causal)
    for wrong, what in candidates:
        if wrong.shape != right.shape or np.allclose(wrong, right, rtol=1e-9, atol=1e-12):
            continue
        if np.shape(out) == wrong.shape and np.allclose(out, wrong, rtol=1e-7, atol=1e-10):
            return what
    return None


def forward(mha, x, causal=False, what=""):
    """The learner's forward, with in-place edits, a float32 result and k.T named."""
    names = ("W_q", "W_k", "W_v", "W_o")
    arrays = {"x": x, **dict(zip(names, weights_of(mha), strict=True))}
    with inputs_unchanged(f"{what}forward", **arrays):
        try:
            out = np.asarray(mha.forward(x, causal=causal))
        except ValueError as exc:
            if "matmul" in str(exc):
                pytest.fail(
                    f"{what}a matrix product failed ({exc}): k.T reverses ALL four axes of "
                    "(N, n_heads, T, d_k); swap only the last two (k.transpose(0, 1, 3, 2))"
                )
            raise
    assert out.dtype == np.float64, f"{what}forward returned dtype {out.dtype}, expected float64"
    return out


def check_against_oracle(mha, x, causal=False, what=""):
    out = forward(mha, x, causal, what)
    expected = per_head_attention(x, *weights_of(mha), mha.n_heads, causal)
    assert out.shape == x.shape, f"forward returned shape {out.shape}, expected (N, T, d_model)"
    if not np.allclose(out, expected, rtol=1e-9, atol=1e-12):
        problem = diagnosis(mha, x, out, causal)
        if problem:
            pytest.fail(what + problem)
    np.testing.assert_allclose(
        out, expected, rtol=1e-9, atol=1e-12,
        err_msg=f"{what}forward differs from per-head attention with the explicit column "
        "slices W[:, h d_k:(h + 1) d_k], concatenated and multiplied by W_o",
    )  # fmt: skip
    return out


# --- construction -----------------------------------------------------------------------------


def test_init_stores_the_hyperparameters_and_draws_the_weights():
    mha = mod.MultiHeadAttention(8, 2, random_state=3)
    forward(mha, np.zeros((1, 1, 8)))  # the learner's forward runs: the stub is not passed
    assert (mha.d_model, mha.n_heads, mha.random_state) == (8, 2, 3)
    for name in ("W_q", "W_k", "W_v", "W_o"):
        W = np.asarray(getattr(mha, name))
        assert W.shape == (8, 8), f"{name} has shape {W.shape}, expected (d_model, d_model)"
    again = mod.MultiHeadAttention(8, 2, random_state=3)
    np.testing.assert_array_equal(again.W_q, mha.W_q, err_msg="the same seed gives the same W_q")


# --- the simplest cases, worked by hand -------------------------------------------------------


def test_a_single_position_gives_x_W_v_W_o():
    # T = 1: every attention weight is 1, so each head returns its slice of V and
    # out = concat(V_h) W_o = x W_v W_o, whatever the split or the scale.
    mha = make_layer(6, 3, seed=1)
    x = np.random.default_rng(2).normal(size=(2, 1, 6))
    out = forward(mha, x, what="T = 1: ")
    if np.allclose(out, x @ mha.W_v):
        pytest.fail("with T = 1, out = x @ W_v: the output projection W_o is missing")
    if not np.allclose(out, x @ mha.W_v @ mha.W_o, rtol=1e-10):
        problem = diagnosis(mha, x, out)
        if problem:
            pytest.fail(f"T = 1: {problem}")
    np.testing.assert_allclose(
        out, x @ mha.W_v @ mha.W_o, rtol=1e-10,
        err_msg="T = 1: the only weight is softmax of one score = 1, so out = x @ W_v @ W_o "
        "(another value means the softmax sums over more than each row of each head)",
    )  # fmt: skip


def test_one_head_is_plain_scaled_dot_product_attention():
    mha = make_layer(4, 1, seed=3)
    x = np.random.default_rng(4).normal(size=(2, 5, 4))
    check_against_oracle(mha, x, what="n_heads = 1: ")


# --- the heads ----------------------------------------------------------------------------------


def test_permuting_the_positions_permutes_the_output():
    # Self-attention without a mask is permutation-equivariant: each position's output
    # depends on its own row and on the SET of rows. A reshape that mixes positions breaks it.
    mha = make_layer(8, 4, seed=5)
    x = np.random.default_rng(6).normal(size=(2, 6, 8))
    perm = np.array([3, 0, 5, 1, 4, 2])
    out = forward(mha, x)
    out_perm = forward(mha, x[:, perm])
    if not np.allclose(out_perm, out[:, perm], rtol=1e-9, atol=1e-12):
        problem = diagnosis(mha, x, out)
        pytest.fail(
            problem
            or "permuting the positions of x did not permute the output the same way: "
            "something mixes positions (a reshape, or a softmax over the wrong axis)"
        )


def test_each_head_uses_only_its_own_columns():
    # With W_o = I the output IS the concatenation: changing head 1's columns of W_q must
    # leave head 0's and head 2's output columns untouched.
    mha = make_layer(6, 3, seed=7)
    mha.W_o = np.eye(6)
    x = np.random.default_rng(8).normal(size=(1, 5, 6))
    out = np.asarray(mha.forward(x))
    mha.W_q = mha.W_q.copy()
    mha.W_q[:, 2:4] *= 3.0
    out2 = np.asarray(mha.forward(x))
    others = np.r_[0:2, 4:6]
    assert np.allclose(out2[..., others], out[..., others], rtol=1e-10, atol=1e-12), (
        "changing columns 2:4 of W_q (head 1 of 3) changed other heads' outputs: head h owns "
        "columns h d_k:(h + 1) d_k of Q, K and V and writes the same columns of the concat"
    )
    assert not np.allclose(out2[..., 2:4], out[..., 2:4]), (
        "changing head 1's columns of W_q did not change head 1's output (columns 2:4): "
        "forward must read the CURRENT self.W_q (the weights may be reassigned), not a copy "
        "kept from an earlier call"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("d_model, n_heads", [(8, 2), (6, 3), (12, 4)])
def test_matches_per_head_attention_with_explicit_weights(d_model, n_heads, seed):
    mha = make_layer(d_model, n_heads, seed=10 + seed)
    x = np.random.default_rng(20 + seed).normal(size=(3, 5, d_model))
    check_against_oracle(mha, x, what=f"d_model={d_model}, n_heads={n_heads}: ")


def test_sequences_of_the_batch_are_independent():
    mha = make_layer(8, 2, seed=9)
    x = np.random.default_rng(10).normal(size=(3, 4, 8))
    out = np.asarray(mha.forward(x))
    x2 = x.copy()
    x2[1] += 2.0
    out2 = np.asarray(mha.forward(x2))
    assert np.allclose(out2[[0, 2]], out[[0, 2]], rtol=1e-10, atol=1e-12), (
        "changing sequence 1 of the batch changed the outputs of sequences 0 and 2: each "
        "sequence attends only to itself (check the reshapes and the softmax's axes)"
    )


# --- causal ---------------------------------------------------------------------------------


def test_causal_outputs_do_not_see_the_future():
    mha = make_layer(8, 2, seed=11)
    T = 5
    x = np.random.default_rng(12).normal(size=(2, T, 8))
    with fp_diagnosis(
        "causal=True raised a floating-point error: a row with no kept key (-inf - -inf). The "
        "causal mask keeps the diagonal (j <= i), so no row is ever fully masked"
    ):
        out = np.asarray(mha.forward(x, causal=True))
    for t in range(T):
        x2 = x.copy()
        x2[:, t] += 1.5
        out2 = np.asarray(mha.forward(x2, causal=True))
        leaked = [i for i in range(t) if not np.allclose(out2[:, i], out[:, i], atol=1e-12)]
        if leaked:
            problem = diagnosis(mha, x, out, causal=True)
            pytest.fail(
                f"with causal=True, changing position {t} changed the outputs at {leaked}: the "
                "mask leaks the future (position i attends to j <= i only)"
                + (f". Probably: {problem}" if problem else "")
            )
        assert not np.allclose(out2[:, t], out[:, t]), (
            f"with causal=True, changing position {t} did not change its own output: the "
            "causal mask must keep the diagonal (j <= i, np.tri(T, dtype=bool)), not hide it"
        )


def test_causal_matches_per_head_attention():
    mha = make_layer(6, 2, seed=13)
    x = np.random.default_rng(14).normal(size=(2, 4, 6))
    check_against_oracle(mha, x, causal=True, what="causal=True: ")
    with pytest.raises(ValueError, match="causal"):
        mha.forward(x, causal="yes")


# --- numerics, inputs and bad input -------------------------------------------------------


def test_scores_of_magnitude_1e3_are_stable():
    mha = make_layer(4, 2, seed=15)
    mha.W_q = mha.W_q * 40.0
    x = np.random.default_rng(16).normal(size=(2, 6, 4)) * 4.0
    with fp_diagnosis(
        "forward raised a floating-point error for scores of magnitude 1e3: subtract each "
        "row's OWN max (axis=-1, keepdims=True) before the exponential. Without a shift exp "
        "overflows; with the global max a low row underflows to 0 / 0"
    ):
        check_against_oracle(mha, x, what="with scores of magnitude 1e3: ")


def test_inputs_and_weights_are_not_modified():
    mha = make_layer(4, 2, seed=17)
    x = np.random.default_rng(18).normal(size=(2, 3, 4))
    with inputs_unchanged("forward", x=x, W_q=mha.W_q, W_k=mha.W_k, W_v=mha.W_v, W_o=mha.W_o):
        mha.forward(x, causal=True)


def test_integer_input_gives_float64():
    mha = make_layer(4, 2, seed=19)
    out = np.asarray(mha.forward(np.arange(24).reshape(2, 3, 4) % 3))
    assert out.dtype == np.float64, f"forward returned dtype {out.dtype}, expected float64"


@pytest.mark.parametrize(
    "d_model, n_heads, match",
    [(6, 4, "divide"), (0, 1, "d_model"), (4, 0, "n_heads"), (4.0, 2, "d_model")],
)
def test_bad_hyperparameters_are_value_errors(d_model, n_heads, match):
    mod.MultiHeadAttention(4, 2, random_state=0).forward(np.ones((1, 2, 4)))
    with pytest.raises(ValueError, match=match):
        mod.MultiHeadAttention(d_model, n_heads)


@pytest.mark.parametrize(
    "x, match", [(np.ones((2, 3, 5)), "d_model"), (np.ones((3, 4)), "3-D")], ids=["d", "2-D"]
)
def test_bad_input_is_a_value_error(x, match):
    mha = mod.MultiHeadAttention(4, 2, random_state=0)
    mha.forward(np.ones((1, 2, 4)))
    with pytest.raises(ValueError, match=match):
        mha.forward(x)
