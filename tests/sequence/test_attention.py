"""Tests for sequence/attention: scaled_dot_product_attention and causal_mask."""

import math

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    inputs_unchanged,
    load_kata,
    python_lines,
    softmax_reference,
)

mod = load_kata("sequence/attention")


# --- the test's own oracle: one query at a time, in plain Python -----------------------------


def loop_attention(q, k, v, mask=None):
    """Attention by a loop over batch elements and queries, with math.exp (no vectorization).

    For each query i: scores_j = q_i . k_j / sqrt(d) over the kept keys j, a softmax shifted
    by the largest kept score, and the weighted sum of the value rows. A query that keeps no
    key gets weights 0 and output 0.
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    batch = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    T, S, d, dv = q.shape[-2], k.shape[-2], q.shape[-1], v.shape[-1]
    qb = np.broadcast_to(q, (*batch, T, d)).reshape(-1, T, d)
    kb = np.broadcast_to(k, (*batch, S, d)).reshape(-1, S, d)
    vb = np.broadcast_to(v, (*batch, S, dv)).reshape(-1, S, dv)
    if mask is None:
        mask = np.ones((T, S), dtype=bool)
    mb = np.broadcast_to(mask, (*batch, T, S)).reshape(-1, T, S)
    out = np.zeros((qb.shape[0], T, dv))
    weights = np.zeros((qb.shape[0], T, S))
    for b in range(qb.shape[0]):
        for i in range(T):
            kept = [j for j in range(S) if mb[b, i, j]]
            if not kept:
                continue
            s = {j: sum(qb[b, i, c] * kb[b, j, c] for c in range(d)) / math.sqrt(d) for j in kept}
            top = max(s.values())
            e = {j: math.exp(s[j] - top) for j in kept}
            z = sum(e.values())
            for j in kept:
                weights[b, i, j] = e[j] / z
                out[b, i] += weights[b, i, j] * vb[b, j]
    return out.reshape(*batch, T, dv), weights.reshape(*batch, T, S)


def weights_diagnosis(q, k, mask, weights, v=None):
    """Name the classic mistake whose weights match the learner's, or None."""
    q, k = np.asarray(q, dtype=float), np.asarray(k, dtype=float)
    weights = np.asarray(weights)
    v_shape = None if v is None else np.shape(v)
    with np.errstate(all="ignore"):  # a candidate may have a fully masked row
        return _weights_diagnosis(q, k, mask, weights, v_shape)


def scale_mistakes(q_shape, k_shape, v_shape):
    """(wrong divisor, what it means) for the classic scalings that are not sqrt(d).

    Mistakes that give the same divisor on this input are named together, so the message
    is right whichever one the learner made (with d_v = 1, sqrt(d_v) looks like no scaling).
    """
    d = q_shape[-1]
    first = {
        float(d): "the scores are divided by d instead of sqrt(d): scale q k^T by 1 / sqrt(d)",
        1.0: "the scores are not scaled: divide q k^T by sqrt(d) before the softmax",
    }
    others = [("d_v = v.shape[-1]", None if v_shape is None else v_shape[-1])]
    others += [("T = q.shape[-2]", q_shape[-2]), ("S = k.shape[-2]", k_shape[-2])]
    others += [(f"q.shape[{i}], a batch dimension", n) for i, n in enumerate(q_shape[:-2])]
    also = {}
    for label, n in others:
        if n is not None and n != d:
            also.setdefault(math.sqrt(n), []).append(f"sqrt({label}) = sqrt({n})")
    mistakes = []
    for scale in dict.fromkeys([*first, *also]):
        names = also.get(scale, [])
        what = first.get(scale) or (
            f"the scores are divided by {names.pop(0)} instead of sqrt(d) with d = q.shape[-1] "
            f"= {d}: d is the size of the LAST axis of q and k (q.shape[1] is not d with batch "
            "dimensions)"
        )
        if names:
            what += f" (or by {' or '.join(names)}: the same number here)"
        mistakes.append((scale, what))
    return mistakes


def _weights_diagnosis(q, k, mask, weights, v_shape):
    d = q.shape[-1]
    raw = q @ np.swapaxes(k, -1, -2)
    keep = np.ones(raw.shape, dtype=bool) if mask is None else np.broadcast_to(mask, raw.shape)
    masked = np.where(keep, raw / math.sqrt(d), -np.inf)
    candidates = [
        (softmax_reference(np.where(keep, raw / scale, -np.inf)), what)
        for scale, what in scale_mistakes(q.shape, k.shape, v_shape)
        if scale != math.sqrt(d)
    ]
    if mask is not None and not np.all(keep):
        candidates += [
            (
                softmax_reference(raw / math.sqrt(d)) * keep,
                "the mask is applied after the softmax (weights zeroed, rows no longer sum "
                "to 1): set masked scores to -inf BEFORE the softmax",
            ),
            (
                softmax_reference(np.where(keep, raw / math.sqrt(d), 0.0)),
                "masked scores were set to 0, not -inf, so masked keys still get weight",
            ),
            (
                softmax_reference(raw / math.sqrt(d)),
                "the mask is ignored: set the scores of masked pairs (mask False) to -inf "
                "before the softmax",
            ),
            (
                softmax_reference(np.where(~keep, raw / math.sqrt(d), -np.inf)),
                "the mask is inverted: True means KEEP (the pair may attend), False masked out",
            ),
        ]
    # With T = 1 this softmax makes every weight 1: still the same mistake.
    candidates.append(
        (
            softmax_reference(masked, axis=-2),
            "the softmax runs over the queries (axis -2): each ROW of weights must sum "
            "to 1 over the keys (axis -1)",
        )
    )
    for wrong, what in candidates:
        wrong = np.nan_to_num(wrong)
        if wrong.shape == weights.shape and np.allclose(weights, wrong, atol=1e-9):
            return what
    return None


def call(q, k, v, mask=None, what=""):
    """The learner's attention, with in-place edits and two classic crashes named."""
    # The oracle and the diagnosis must see the inputs as they were: an edit is named here.
    arrays = {"q": q, "k": k, "v": v} if mask is None else {"q": q, "k": k, "v": v, "mask": mask}
    with inputs_unchanged(f"{what}scaled_dot_product_attention", **arrays):
        try:
            return mod.scaled_dot_product_attention(q, k, v, mask=mask)
        except ValueError as exc:
            if np.ndim(q) > 2 and "matmul" in str(exc):
                pytest.fail(
                    f"{what}a matrix product failed ({exc}): with batch dimensions, k.T "
                    "reverses ALL the axes; transpose only the last two (np.swapaxes(k, -1, -2))"
                )
            raise
        except IndexError as exc:
            pytest.fail(
                f"{what}an IndexError ({exc}): indexing the scores with the mask "
                "(scores[~mask] = -inf) needs a mask of the scores' full shape, but a mask only "
                "BROADCASTS to (..., T, S) (a (T, S) mask serves every batch element). Use "
                "np.where(mask, scores, -np.inf)"
            )


def check_against_loop(q, k, v, mask=None, what=""):
    out, weights = call(q, k, v, mask, what)
    expected_out, expected_w = loop_attention(q, k, v, mask)
    out, weights = np.asarray(out), np.asarray(weights)
    assert weights.shape == expected_w.shape, (
        f"weights have shape {weights.shape}, expected (..., T, S) = {expected_w.shape}"
    )
    assert out.shape == expected_out.shape, (
        f"out has shape {out.shape}, expected (..., T, d_v) = {expected_out.shape}"
    )
    if not np.allclose(weights, expected_w, rtol=1e-9, atol=1e-12):
        problem = weights_diagnosis(q, k, mask, weights, v)
        if problem:
            pytest.fail(what + problem)
    np.testing.assert_allclose(
        weights, expected_w, rtol=1e-9, atol=1e-12,
        err_msg=f"{what}weights differ from a per-query loop softmax(q_i . k_j / sqrt(d))",
    )  # fmt: skip
    np.testing.assert_allclose(
        out, expected_out, rtol=1e-9, atol=1e-12,
        err_msg=f"{what}out differs from the per-query weighted sum of the value rows "
        "(out = weights @ v)",
    )  # fmt: skip
    return out, weights


def random_qkv(seed, T=4, S=5, d=3, dv=2, batch=()):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(*batch, T, d)),
        rng.normal(size=(*batch, S, d)),
        rng.normal(size=(*batch, S, dv)),
    )


# --- causal_mask --------------------------------------------------------------------------------


def test_causal_mask_keeps_the_diagonal_and_the_past():
    got = np.asarray(mod.causal_mask(4))
    expected = np.array([[j <= i for j in range(4)] for i in range(4)])
    assert got.shape == (4, 4), f"causal_mask(4) has shape {got.shape}, expected (4, 4)"
    named = [
        (
            np.array([[j < i for j in range(4)] for i in range(4)]),
            "causal_mask is off by one: it hides the diagonal (np.tri(T, k=-1)), so a position "
            "cannot attend to itself and position 0 sees nothing. Keep j <= i",
        ),
        (
            np.array([[j <= i + 1 for j in range(4)] for i in range(4)]),
            "causal_mask is off by one: it lets position i see position i + 1 (the future). "
            "Keep j <= i",
        ),
        (expected.T, "causal_mask is transposed: row i (the query) keeps columns j <= i"),
        (~expected, "causal_mask is inverted: True means KEEP, so the past is True"),
    ]
    for wrong, what in named:
        if np.array_equal(got, wrong):
            pytest.fail(what)
    np.testing.assert_array_equal(got, expected, err_msg="causal_mask(4)[i, j] is j <= i")
    assert got.dtype == bool, f"causal_mask must be boolean, got dtype {got.dtype}"


def test_causal_mask_of_length_one():
    np.testing.assert_array_equal(
        mod.causal_mask(1), [[True]], err_msg="causal_mask(1) is [[True]]: a position sees itself"
    )


# --- the weights ------------------------------------------------------------------------------


def test_worked_example():
    out, weights = mod.scaled_dot_product_attention([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]],
                                                    [[1.0], [3.0]])  # fmt: skip
    # By hand: scores [1/sqrt(2), 0]; weights e^0.7071 / (e^0.7071 + 1) = 0.66976...
    a = math.exp(1 / math.sqrt(2))
    expected = np.array([[a / (a + 1), 1 / (a + 1)]])
    for name, a in (("weights", weights), ("out", out)):
        assert np.asarray(a).dtype == np.float64, (
            f"{name} has dtype {np.asarray(a).dtype}: results are float64 (no float32 cast)"
        )
    problem = weights_diagnosis(
        [[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], None, weights, [[1.0], [3.0]]
    )
    if problem:
        pytest.fail(problem)
    np.testing.assert_allclose(
        weights, expected, rtol=1e-12, err_msg="the worked example's weights"
    )
    np.testing.assert_allclose(
        out, expected @ [[1.0], [3.0]], rtol=1e-12, err_msg="the worked example's output"
    )


def test_scores_are_scaled_by_sqrt_d():
    # d = 16: dividing by d, by sqrt(d) or by nothing give clearly different weights.
    q, k, v = random_qkv(3, T=3, S=4, d=16, dv=2)
    _, weights = call(q, k, v)
    problem = weights_diagnosis(q, k, None, weights, v)
    if problem:
        pytest.fail(problem)
    np.testing.assert_allclose(
        weights, loop_attention(q, k, v)[1], rtol=1e-9,
        err_msg="weights are not softmax(q k^T / sqrt(d)) for d = 16",
    )  # fmt: skip


def test_each_row_of_weights_sums_to_one_over_the_keys():
    q, k, v = random_qkv(4, T=3, S=6)
    _, weights = call(q, k, v)
    weights = np.asarray(weights)
    assert weights.shape == (3, 6), f"weights have shape {weights.shape}, expected (T, S) = (3, 6)"
    if np.allclose(weights.sum(axis=0), 1.0) and not np.allclose(weights.sum(axis=1), 1.0):
        pytest.fail(
            "the columns of weights sum to 1: the softmax runs over the queries (axis -2). "
            "Each query's row must sum to 1 over the keys (axis -1)"
        )
    np.testing.assert_allclose(
        weights.sum(axis=-1), 1.0, rtol=1e-12, err_msg="each row of weights sums to 1"
    )
    assert np.all(weights >= 0), "attention weights must be non-negative"


@pytest.mark.parametrize("seed", SEEDS)
def test_matches_a_per_query_loop(seed):
    # T != S and d_v != d, so a transposed product or a swapped axis cannot pass.
    q, k, v = random_qkv(10 + seed, T=4, S=6, d=5, dv=3)
    check_against_loop(q, k, v)


# --- masks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_a_boolean_mask_is_applied_before_the_softmax(seed):
    q, k, v = random_qkv(20 + seed, T=4, S=6, d=3, dv=2)
    rng = np.random.default_rng(30 + seed)
    mask = rng.random((4, 6)) < 0.5
    mask[:, 0] = True  # every query keeps at least one key
    mask[1, 2:] = True
    check_against_loop(q, k, v, mask, what="with a (T, S) mask: ")


def test_masked_keys_get_exactly_zero_weight():
    q, k, v = random_qkv(5, T=3, S=4)
    mask = np.array([[True, False, True, False]] * 3)
    _, weights = call(q, k, v, mask)
    weights = np.asarray(weights)
    problem = weights_diagnosis(q, k, mask, weights, v)
    if problem:
        pytest.fail(problem)
    assert np.all(weights[:, ~mask[0]] == 0), (
        "masked keys (mask False) must get weight exactly 0: set their scores to -inf"
    )
    np.testing.assert_allclose(
        weights.sum(axis=-1), 1.0, rtol=1e-12,
        err_msg="with a mask, the kept weights of each row still sum to 1",
    )  # fmt: skip


def test_causal_attention_does_not_see_the_future():
    # Perturb the keys and values at position t: outputs before t must not move, the
    # output at t itself must (a position attends to itself).
    T = 5
    q, k, v = random_qkv(6, T=T, S=T, d=4, dv=3)
    mask = mod.causal_mask(T)
    out, _ = mod.scaled_dot_product_attention(q, k, v, mask=mask)
    for t in range(T):
        k2, v2 = k.copy(), v.copy()
        k2[t] += 3.0
        v2[t] += 5.0
        out2, _ = mod.scaled_dot_product_attention(q, k2, v2, mask=mask)
        leaked = [i for i in range(t) if not np.allclose(out2[i], out[i], rtol=0, atol=1e-12)]
        assert not leaked, (
            f"changing position {t}'s key and value changed the outputs at {leaked}: the "
            "causal mask leaks the future (query i may only see keys j <= i)"
        )
        assert not np.allclose(out2[t], out[t]), (
            f"changing position {t}'s value did not change the output at {t}: a position must "
            "attend to itself (the causal mask keeps the diagonal)"
        )


def test_causal_attention_matches_the_loop():
    q, k, v = random_qkv(7, T=5, S=5, d=3, dv=2)
    check_against_loop(q, k, v, np.tri(5, dtype=bool), what="with a causal mask: ")


def test_a_fully_masked_row_gives_zero_weights_and_zero_output():
    q, k, v = random_qkv(8, T=3, S=4)
    mask = np.ones((3, 4), dtype=bool)
    mask[1] = False  # query 1 may see nothing
    with fp_diagnosis(
        "a fully masked row raised a floating-point error: its max is -inf, so scores - max "
        "is -inf - (-inf) = NaN, and its sum of exponentials is 0 (0 / 0). Shift such a row "
        "by 0 and leave its weights at 0"
    ):
        out, weights = mod.scaled_dot_product_attention(q, k, v, mask=mask)
    out, weights = np.asarray(out), np.asarray(weights)
    assert np.all(np.isfinite(weights)) and np.all(np.isfinite(out)), (
        "a fully masked row gave NaN: its weights and its output must be 0 (as PyTorch's "
        "scaled_dot_product_attention)"
    )
    if np.allclose(weights[1], 1 / 4):
        pytest.fail(
            "a fully masked row got uniform weights: masked scores were set to a large "
            "negative number instead of -inf (or the row was renormalized). A query that may "
            "see no key gets weights 0 and output 0"
        )
    np.testing.assert_array_equal(weights[1], 0.0, err_msg="a fully masked row has weights 0")
    np.testing.assert_array_equal(out[1], 0.0, err_msg="a fully masked row has output 0")
    check_against_loop(q, k, v, mask, what="with one fully masked row, the other rows: ")


def test_a_masked_largest_score_does_not_underflow_the_kept_keys():
    # Query 0's largest score (about +1131, key 0) is masked out; its kept scores are about
    # -283 and -286. Shifting by a max that includes the masked score (or multiplying exp by
    # the mask afterwards) underflows every kept exponential to 0.
    q = np.array([[40.0, 0.0], [1.0, 2.0]])
    k = np.array([[40.0, 0.0], [-10.0, 0.0], [-10.1, 0.0]])
    v = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]])
    mask = np.array([[False, True, True], [True, True, True]])
    what = (
        "a row whose LARGEST score is masked out lost its kept weights: the softmax was "
        "shifted by a max that includes the masked scores (or the mask multiplied exp "
        "afterwards), so exp(-1400) underflows to 0. Put -inf in the masked scores first, "
        "then shift each row by its max"
    )
    with fp_diagnosis(what):
        _, weights = mod.scaled_dot_product_attention(q, k, v, mask=mask)
        assert np.isclose(np.asarray(weights)[0].sum(), 1.0), (
            f"{what} (row 0 sums to {np.asarray(weights)[0].sum():.3g})"
        )
        check_against_loop(q, k, v, mask, what="with a masked largest score: ")


def test_a_padding_mask_broadcasts_over_the_batch():
    # (B, 1, S): sequence b keeps its first lengths[b] keys, for every query.
    q, k, v = random_qkv(9, T=3, S=5, d=4, dv=2, batch=(3,))
    lengths = np.array([5, 2, 1])
    mask = (np.arange(5)[None, :] < lengths[:, None])[:, None, :]
    check_against_loop(q, k, v, mask, what="with a (B, 1, S) padding mask: ")


# --- shapes and edge cases --------------------------------------------------------------------


def test_a_single_position():
    q, k, v = random_qkv(11, T=1, S=1, d=3, dv=2)
    out, weights = mod.scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(weights, [[1.0]], err_msg="T = S = 1: the weight is 1")
    np.testing.assert_allclose(out, v, rtol=1e-12, err_msg="T = S = 1: the output is v itself")
    out, weights = mod.scaled_dot_product_attention(q, k, v, mask=mod.causal_mask(1))
    np.testing.assert_allclose(out, v, rtol=1e-12, err_msg="T = 1 with causal_mask(1): out is v")


@pytest.mark.parametrize("batch", [(2,), (2, 3)], ids=["3-D", "4-D"])
def test_batch_dimensions(batch):
    q, k, v = random_qkv(12, T=4, S=3, d=2, dv=5, batch=batch)
    check_against_loop(q, k, v, what=f"with batch dims {batch}: ")
    mask = np.random.default_rng(13).random((4, 3)) < 0.6
    mask[:, 1] = True
    check_against_loop(q, k, v, mask, what=f"with batch dims {batch} and a (T, S) mask: ")


def test_batch_dimensions_broadcast():
    # One set of keys and values shared by a batch of queries.
    rng = np.random.default_rng(14)
    q, k, v = rng.normal(size=(3, 4, 2)), rng.normal(size=(5, 2)), rng.normal(size=(5, 3))
    check_against_loop(q, k, v, what="with (B, T, d) queries and shared (S, d) keys: ")


def test_scores_of_magnitude_1e3_are_stable():
    # Scores up to about +-1000 after scaling: exp overflows without the max shift.
    rng = np.random.default_rng(15)
    q = rng.normal(size=(3, 4)) * 25.0
    k = rng.normal(size=(5, 4)) * 25.0
    v = rng.normal(size=(5, 2))
    assert np.abs(q @ k.T / 2.0).max() > 700  # the test's own premise
    with fp_diagnosis(
        "attention overflowed for scores of magnitude 1e3: exp(1000) is inf. Subtract each "
        "row's max score before the exponential"
    ):
        _, weights = mod.scaled_dot_product_attention(q, k, v)
        sums = np.asarray(weights).sum(axis=-1)
        if not np.allclose(sums, 1.0):
            pytest.fail(
                f"at scores of magnitude 1e3 the rows of weights sum to {np.round(sums, 3)}: "
                "a row far below the GLOBAL max underflows to 0. Shift each row by its own "
                "max (axis=-1, keepdims=True)"
            )
        check_against_loop(q, k, v, what="with scores of magnitude 1e3: ")


# --- inputs, dtype and bad input --------------------------------------------------------------


def test_inputs_are_not_modified():
    q, k, v = random_qkv(16)
    mask = np.ones((4, 5), dtype=bool)
    mask[0, 3:] = False
    with inputs_unchanged("scaled_dot_product_attention", q=q, k=k, v=v, mask=mask):
        mod.scaled_dot_product_attention(q, k, v, mask=mask)


def test_integer_input_gives_float64():
    out, weights = mod.scaled_dot_product_attention([[1, 0]], [[1, 0], [0, 1]], [[1], [3]])
    assert np.asarray(out).dtype == np.float64, f"out has dtype {np.asarray(out).dtype}"
    assert np.asarray(weights).dtype == np.float64, f"weights: dtype {np.asarray(weights).dtype}"


@pytest.mark.parametrize(
    "case, match",
    [
        ("d", "d"),
        ("S", "key positions"),
        ("mask_dtype", "boolean"),
        ("mask_shape", "mask"),
        ("nan", "NaN"),
        ("ndim", "dimensions"),
    ],
)
def test_bad_input_is_a_value_error(case, match):
    q, k, v = random_qkv(17)
    mod.scaled_dot_product_attention(q, k, v)  # the learner's code runs first
    args = {"q": q, "k": k, "v": v, "mask": None}
    if case == "d":
        args["k"] = np.ones((5, 4))
    elif case == "S":
        args["v"] = np.ones((4, 2))
    elif case == "mask_dtype":
        args["mask"] = np.ones((4, 5))
    elif case == "mask_shape":
        args["mask"] = np.ones((5, 4), dtype=bool)
    elif case == "nan":
        args["q"] = np.where(np.eye(4, 3) > 0, np.nan, q)
    elif case == "ndim":
        args["q"] = np.ones(3)
    with pytest.raises(ValueError, match=match):
        mod.scaled_dot_product_attention(**args)


def test_bad_causal_mask_length_is_a_value_error():
    mod.causal_mask(2)
    for bad in (0, -1, 2.5):
        with pytest.raises(ValueError, match="T"):
            mod.causal_mask(bad)


# --- complexity, without a clock: Python lines counted ----------------------------------------


@pytest.mark.parametrize(
    "shape, what",
    [((32, 32, 8, 4), "1024 batch elements (32 x 32) of T = S = 8"), ((512, 4), "T = S = 512")],
    ids=["many batch elements", "a long sequence"],
)
def test_no_python_loop_over_batch_elements_or_queries(shape, what):
    # Two matrix products and a softmax over whole arrays run about 30 Python lines whatever
    # the shapes (the reference: 30, input checks included; a plainer answer that masks by
    # boolean indexing into a copy: 37). A loop over the 1024 batch elements runs at least
    # one line per element (a comprehension of q[b] @ k[b].T: 1058 lines; a loop that does
    # the whole attention per element: 6174); one over the 512 queries (or over the rows of
    # the scores, for the softmax or a fully masked row) at least one per query (544 for a
    # comprehension of q[i] @ k.T, 2078 for a softmax row by row, 3100 for a loop doing
    # the attention per query).
    rng = np.random.default_rng(18)
    q, k, v = (rng.normal(size=shape) for _ in range(3))
    mask = np.tril(np.ones((shape[-2], shape[-2]), dtype=bool))  # the test's own causal mask
    budget = 120
    lines = python_lines(mod.scaled_dot_product_attention, q, k, v, mask=mask, budget=budget)
    assert lines <= budget, (
        f"scaled_dot_product_attention on {what}, causal mask, ran more than {budget} lines "
        "of Python: is there a Python loop over the batch elements, the queries or the rows "
        "of the scores? Use two batched matrix products, q @ np.swapaxes(k, -1, -2) and "
        "weights @ v, with the mask applied by np.where and the softmax over axis -1, all "
        "on the whole (..., T, S) array"
    )
