"""Tests for applied/iou_nms: box_iou and nms, against loops with torchvision's semantics."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    fp_diagnosis,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)

mod = load_kata("applied/iou_nms")


# --- independent oracles: plain Python loops with torchvision's formulas ----------------------


def iou_pair(p, q):
    """IoU of two xyxy boxes, as torchvision computes it (no +1, sides clamped at 0)."""
    w = max(0.0, min(p[2], q[2]) - max(p[0], q[0]))
    h = max(0.0, min(p[3], q[3]) - max(p[1], q[1]))
    inter = w * h
    union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter
    return inter / union if union > 0 else 0.0


def iou_loop(a, b):
    return np.array([[iou_pair(p, q) for q in b] for p in a], dtype=float).reshape(len(a), len(b))


def nms_loop(boxes, scores, threshold):
    """Greedy NMS: by decreasing score (ties: lower index), drop IoU > threshold with a kept."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    keep = []
    for i in order:
        if all(iou_pair(boxes[i], boxes[k]) <= threshold for k in keep):
            keep.append(i)
    return keep


def random_boxes(rng, n, spread=10.0, size=3.0):
    xy = rng.uniform(0, spread, size=(n, 2))
    wh = rng.uniform(0.1, size, size=(n, 2))
    return np.hstack([xy, xy + wh])


def clustered_boxes(rng, n_clusters, per_cluster, jitter=0.4):
    """Boxes jittered around a few centers: overlapping groups, as a detector outputs."""
    centers = random_boxes(rng, n_clusters, spread=20.0, size=4.0)
    boxes = np.repeat(centers, per_cluster, axis=0)
    boxes = boxes + rng.normal(scale=jitter, size=boxes.shape)
    boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 0.05)
    return boxes


def iou(a, b):
    """box_iou(a, b), inputs unchanged and shape checked first (each mistake is named)."""
    n, m = len(a), len(b)
    with inputs_unchanged("box_iou", a=a, b=b):
        got = np.asarray(mod.box_iou(a, b))
    if got.shape == (m, n) and n != m:
        pytest.fail(
            f"box_iou(a, b) has shape (m, n) = {got.shape}: it must be (n, m) = {(n, m)}, "
            "iou[i, j] = IoU(a[i], b[j])"
        )
    assert got.shape == (n, m), f"box_iou of {n} and {m} boxes has shape {got.shape}, not {(n, m)}"
    return got


# --- box_iou: hand cases, each naming the mistake it catches --------------------------------


def test_iou_of_a_partial_overlap_by_hand():
    # [0, 0, 2, 2] and [1, 1, 3, 3]: intersection 1, union 4 + 4 - 1 = 7.
    got = iou([[0, 0, 2, 2]], [[1, 1, 3, 3]])
    assert got.shape == (1, 1), (
        f"box_iou of one box with one box has shape {got.shape}, not (1, 1)"
    )
    value = float(got[0, 0])
    named = [
        (
            4 / 14,
            "IoU = 2/7: the '+ 1' pixel convention (width x2 - x1 + 1); torchvision has none",
        ),
        (1 / 8, "IoU = 1/8: the union is area_a + area_b without '- inter'"),
        (1 / 4, "IoU = 1/4: divided by one box's area instead of the union"),
    ]
    for wrong, what in named:
        if np.isclose(value, wrong, rtol=1e-9) and not np.isclose(wrong, 1 / 7):
            pytest.fail(f"{what} (expected 1/7)")
    assert np.isclose(value, 1 / 7, rtol=1e-12), (
        f"IoU of [0,0,2,2] and [1,1,3,3] is {value}, not 1/7"
    )


def test_iou_of_disjoint_boxes_is_zero():
    # Disjoint along both axes: unclamped sides are -1 and -1, whose product is +1 (IoU 1).
    # Disjoint along x only: unclamped sides -1 and 1 give a negative "intersection".
    a = [[0, 0, 1, 1]]
    b = [[2, 2, 3, 3], [2, 0, 3, 1], [0, 5, 1, 7]]
    got = iou(a, b)
    if np.any(got < 0) or np.any(got > 0.5):
        pytest.fail(
            f"box_iou of disjoint boxes gave {got.ravel()}, not 0: the overlap width and height "
            "were not clamped at 0 (two negative sides multiply into a positive intersection, "
            "one negative side gives a negative one). Use max(w, 0) * max(h, 0)"
        )
    np.testing.assert_array_equal(got, np.zeros((1, 3)), err_msg="disjoint boxes have IoU 0")


def test_iou_of_touching_boxes_is_zero():
    got = iou([[0, 0, 1, 1]], [[1, 0, 2, 1], [1, 1, 2, 2]])
    if np.any(got > 0):
        pytest.fail(
            f"boxes that only share an edge or a corner got IoU {got.ravel()}: with continuous "
            "coordinates (no '+ 1') their intersection has zero area"
        )
    np.testing.assert_array_equal(got, np.zeros((1, 2)), err_msg="touching boxes have IoU 0")


def test_iou_of_a_box_with_itself_is_one():
    boxes = np.array([[0, 0, 2, 2], [1.5, -3, 4, 0.25], [10, 10, 10.5, 30]])
    got = iou(boxes, boxes)
    np.testing.assert_allclose(np.diag(got), 1.0, rtol=1e-12, err_msg="IoU(b, b) is 1")


def test_iou_of_a_box_inside_another():
    # [1, 1, 2, 2] (area 1) lies inside [0, 0, 4, 4] (area 16): IoU = 1/16.
    got = iou([[0, 0, 4, 4]], [[1, 1, 2, 2]])
    if np.isclose(got[0, 0], 1.0):
        pytest.fail(
            "IoU of a box inside a larger one is 1: divided by the smaller area, not the union"
        )
    np.testing.assert_allclose(got, [[1 / 16]], rtol=1e-12, err_msg="inner box: IoU = 1/16")


def test_iou_of_zero_area_boxes_is_zero_without_warnings():
    a = np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 2.0, 0.0]])  # a point and a flat segment
    with fp_diagnosis(
        "box_iou divided 0 by 0 for two zero-area boxes: when the union is 0 the IoU is 0 "
        "(e.g. np.divide(inter, union, out=zeros, where=union > 0))"
    ):
        got = iou(a, a)
    assert np.all(np.isfinite(got)), f"box_iou of zero-area boxes gave {got}: IoU is 0, not NaN"
    np.testing.assert_array_equal(got, np.zeros((2, 2)), err_msg="zero-area boxes have IoU 0")
    with fp_diagnosis("box_iou of a zero-area box with a real box raised a floating-point error"):
        got = iou(a, [[0, 0, 2, 2]])
    np.testing.assert_array_equal(got, np.zeros((2, 1)), err_msg="a zero-area box has IoU 0")


def test_iou_shape_is_n_by_m():
    rng = np.random.default_rng(0)
    a, b = random_boxes(rng, 3), random_boxes(rng, 5)
    got = iou(a, b)
    if got.shape == (5, 3):
        pytest.fail(
            "box_iou(a, b) has shape (m, n): it must be (n, m), iou[i, j] = IoU(a[i], b[j])"
        )
    assert got.shape == (3, 5), f"box_iou of 3 and 5 boxes has shape {got.shape}, not (3, 5)"
    assert got.dtype == np.float64, f"box_iou returned dtype {got.dtype}, not float64"


@pytest.mark.parametrize("seed", SEEDS)
def test_iou_matches_the_reference_loop(seed):
    rng = np.random.default_rng(seed)
    a, b = random_boxes(rng, 17), random_boxes(rng, 11)
    a[3] = b[4]  # an exact duplicate
    a[5] = [b[2, 2], b[2, 1], b[2, 2] + 1, b[2, 3]]  # touching b[2] on its right edge
    np.testing.assert_allclose(
        iou(a, b),
        iou_loop(a, b),
        rtol=1e-12,
        atol=1e-15,
        err_msg="box_iou differs from the pairwise loop (torchvision's formula)",
    )


def test_iou_is_symmetric_and_scale_invariant():
    rng = np.random.default_rng(3)
    a, b = random_boxes(rng, 6), random_boxes(rng, 4)
    np.testing.assert_allclose(
        iou(b, a), iou(a, b).T, rtol=1e-12, err_msg="box_iou(b, a) must be box_iou(a, b).T"
    )
    np.testing.assert_allclose(
        iou(3.5 * a + 7, 3.5 * b + 7),
        iou(a, b),
        rtol=1e-9,
        err_msg="IoU is a ratio of areas: scaling and shifting every coordinate changes nothing",
    )


def test_integer_boxes_give_float_iou():
    got = iou(np.array([[0, 0, 2, 2]]), np.array([[1, 0, 3, 2]]))
    assert got.dtype == np.float64, f"box_iou of integer boxes returned {got.dtype}"
    np.testing.assert_allclose(
        got, [[1 / 3]], err_msg="integer boxes: IoU = 2 / 6 (no integer division)"
    )


def test_empty_box_sets():
    a = random_boxes(np.random.default_rng(4), 3)
    assert iou(a, np.zeros((0, 4))).shape == (3, 0), "box_iou(a, no boxes) must be (n, 0)"
    assert iou(np.zeros((0, 4)), a).shape == (0, 3), "box_iou(no boxes, b) must be (0, m)"


# --- nms: hand cases ----------------------------------------------------------------------


def keep_of(boxes, scores, threshold):
    """nms(...) as an array; an in-place change of boxes or scores is named first."""
    with inputs_unchanged("nms", boxes=boxes, scores=scores):
        return np.asarray(mod.nms(boxes, scores, threshold))


def test_nms_keeps_the_best_of_an_overlapping_pair():
    boxes = [[0, 0, 2, 2], [0, 0, 2, 1.9], [3, 3, 4, 4]]
    got = keep_of(boxes, [0.8, 0.9, 0.5], 0.5)
    if got.tolist() == [0, 2]:
        pytest.fail(
            "nms kept box 0 (score 0.8) over box 1 (score 0.9): visit boxes by DECREASING score"
        )
    assert got.tolist() == [1, 2], f"nms returned {got.tolist()}, expected [1, 2]"


def test_nms_threshold_is_strict():
    # Box 1 lies inside box 0 with half its area: IoU exactly 0.5 (exact in binary).
    boxes = [[0, 0, 2, 1], [0, 0, 1, 1]]
    assert iou(boxes[:1], boxes[1:])[0, 0] == 0.5, "box_iou([0,0,2,1], [0,0,1,1]) must be 0.5"
    got = keep_of(boxes, [0.9, 0.8], 0.5)
    if got.tolist() == [0]:
        pytest.fail(
            "nms suppressed a box whose IoU equals the threshold (0.5): suppression is for "
            "IoU strictly greater than iou_threshold (> not >=), as torchvision's nms"
        )
    assert got.tolist() == [0, 1], f"nms returned {got.tolist()}, expected [0, 1]"
    assert keep_of(boxes, [0.9, 0.8], 0.49).tolist() == [0], "IoU 0.5 > 0.49: box 1 is suppressed"


def test_only_kept_boxes_suppress():
    # A (0.9) overlaps B (0.8) heavily; B overlaps C (0.7) heavily; A and C do not overlap.
    # B is suppressed by A, so it must not suppress C.
    boxes = [[0, 0, 2, 2], [1, 0, 3, 2], [2, 0, 4, 2]]
    assert iou(boxes[:1], boxes[2:])[0, 0] == 0.0
    got = keep_of(boxes, [0.9, 0.8, 0.7], 0.3)
    if got.tolist() == [0]:
        pytest.fail(
            "nms dropped box 2, which overlaps only box 1, and box 1 was itself suppressed: "
            "only KEPT boxes suppress others (greedy NMS compares with the kept list)"
        )
    assert got.tolist() == [0, 2], f"nms returned {got.tolist()}, expected [0, 2]"


def test_nms_returns_indices_into_boxes_by_decreasing_score():
    # Four far-apart boxes: nothing is suppressed, so keep is every index by decreasing score.
    boxes = [[0, 0, 1, 1], [10, 0, 11, 1], [20, 0, 21, 1], [30, 0, 31, 1]]
    scores = [0.2, 0.9, 0.5, 0.7]
    got = keep_of(boxes, scores, 0.5)
    if got.tolist() == [0, 1, 2, 3]:
        pytest.fail(
            "nms returned [0, 1, 2, 3] for boxes with scores [0.2, 0.9, 0.5, 0.7]: either the "
            "kept indices were sorted by index (they come by decreasing score) or they are "
            "positions in the sorted order (return indices into boxes, order[i])"
        )
    assert got.tolist() == [1, 3, 2, 0], f"nms returned {got.tolist()}, expected [1, 3, 2, 0]"
    assert got.dtype == np.int64, f"nms returned dtype {got.dtype}, expected int64 indices"


def test_equal_scores_go_to_the_lower_index_first():
    boxes = [[0, 0, 2, 2], [0, 0, 2, 2], [0.1, 0, 2, 2]]
    got = keep_of(boxes, [0.5, 0.5, 0.5], 0.5)
    if got.tolist() in ([1], [2]):
        pytest.fail(
            f"three identical-score overlapping boxes kept {got.tolist()}: equal scores go to "
            "the LOWER index first (a stable sort of -scores; not argsort(scores)[::-1], which "
            "puts ties in reverse)"
        )
    assert got.tolist() == [0], f"nms returned {got.tolist()}, expected [0]"


def test_ties_in_many_scores_follow_the_index_order():
    # A hundred far-apart boxes with only three distinct scores: nothing is suppressed and
    # the answer is the indices sorted by (-score, index). NumPy's default (unstable) sort
    # already mixes the ties at this size; small, so a slow nms is named by the complexity tests.
    n = 100
    boxes = np.array([[3 * i, 0, 3 * i + 1, 1] for i in range(n)], dtype=float)
    scores = np.random.default_rng(5).integers(0, 3, size=n) / 2.0
    got = keep_of(boxes, scores, 0.5)
    expected = sorted(range(n), key=lambda i: (-scores[i], i))
    if sorted(got.tolist()) == list(range(n)) and got.tolist() != expected:
        pytest.fail(
            "boxes with equal scores are not in increasing index order: use a stable sort "
            "(np.argsort(-scores, kind='stable'))"
        )
    assert got.tolist() == expected, (
        "nms of non-overlapping boxes must keep all, by (-score, index)"
    )


def test_thresholds_zero_and_one():
    boxes = [[0, 0, 2, 2], [1, 1, 3, 3], [2, 0, 4, 2], [0, 0, 2, 2]]
    scores = [0.9, 0.8, 0.7, 0.6]
    # 1 keeps everything, even an exact duplicate (IoU 1 is not > 1).
    assert keep_of(boxes, scores, 1.0).tolist() == [0, 1, 2, 3], "iou_threshold=1 keeps every box"
    # 0 drops every box with any overlap with a kept one; box 2 only touches box 0.
    assert keep_of(boxes, scores, 0.0).tolist() == [0, 2], (
        "iou_threshold=0: every box overlapping a kept one is dropped, touching boxes survive"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_nms_matches_the_reference_loop(seed, threshold):
    rng = np.random.default_rng(seed)
    boxes = clustered_boxes(rng, 6, 12)
    scores = rng.random(len(boxes))
    scores[::7] = scores[1]  # some ties
    got = keep_of(boxes, scores, threshold)
    expected = nms_loop(boxes.tolist(), scores.tolist(), threshold)
    got = got.tolist()
    first = next((i for i, (x, y) in enumerate(zip(got, expected, strict=False)) if x != y), None)
    assert got == expected, (
        f"nms differs from greedy NMS (torchvision's semantics) at threshold {threshold}: "
        f"kept {len(got)} boxes, expected {len(expected)}; first difference at position {first}"
    )


def test_nms_depends_only_on_the_order_of_scores():
    rng = np.random.default_rng(6)
    boxes = clustered_boxes(rng, 5, 10)
    scores = rng.random(len(boxes))
    np.testing.assert_array_equal(
        keep_of(boxes, np.exp(3 * scores) - 5, 0.5),
        keep_of(boxes, scores, 0.5),
        err_msg="an increasing transform of the scores must not change what nms keeps",
    )


def test_kept_boxes_do_not_overlap_beyond_the_threshold():
    rng = np.random.default_rng(7)
    boxes = clustered_boxes(rng, 8, 15)
    scores = rng.random(len(boxes))
    keep = keep_of(boxes, scores, 0.4)
    pair = iou(boxes[keep], boxes[keep])
    np.fill_diagonal(pair, 0.0)
    assert pair.max() <= 0.4, "two kept boxes overlap more than the threshold"
    dropped = np.setdiff1d(np.arange(len(boxes)), keep)
    assert np.all(iou(boxes[dropped], boxes[keep]).max(axis=1) > 0.4), (
        "a suppressed box has no kept box above the threshold: it should have been kept"
    )


def test_empty_input():
    got = keep_of(np.zeros((0, 4)), np.zeros(0), 0.5)
    assert got.shape == (0,), f"nms of no boxes returned shape {got.shape}, expected (0,)"
    assert got.dtype == np.int64, f"nms of no boxes returned dtype {got.dtype}, expected int64"


def test_a_single_box_is_kept():
    assert keep_of([[0, 0, 1, 1]], [0.3], 0.5).tolist() == [0], "one box: nms keeps it"


# --- inputs and bad input -----------------------------------------------------------------


def test_inputs_are_not_modified():
    rng = np.random.default_rng(8)
    boxes, other = clustered_boxes(rng, 4, 6), random_boxes(rng, 5)
    scores = rng.random(len(boxes))
    with inputs_unchanged("box_iou", a=boxes, b=other):
        mod.box_iou(boxes, other)
    with inputs_unchanged("nms", boxes=boxes, scores=scores):
        mod.nms(boxes, scores, 0.5)


def test_bad_input_is_a_value_error():
    good = [[0, 0, 1, 1], [0, 0, 2, 2]]
    keep_of(good, [0.5, 0.6], 0.5)
    with pytest.raises(ValueError, match="scores"):
        mod.nms(good, [0.5], 0.5)
    with pytest.raises(ValueError, match="scores"):
        mod.nms(good, [0.5, np.nan], 0.5)
    with pytest.raises(ValueError, match="iou_threshold"):
        mod.nms(good, [0.5, 0.6], 1.5)
    with pytest.raises(ValueError, match="boxes"):
        mod.nms([[0, 0, 1]], [0.5], 0.5)
    with pytest.raises(ValueError, match="b"):
        mod.box_iou(good, [[1, 1, 0, 0]])


# --- complexity, without a clock: Python lines counted, peak memory measured ------------


def test_box_iou_does_not_loop_over_pairs():
    # 300 x 300 boxes. A full broadcast runs 9 lines of Python (the reference), or 18 with
    # every coordinate unpacked and the division masked. A Python loop over the boxes of a
    # (each row broadcast against b) runs 1805, at least 300 even as a one-line
    # comprehension; a loop over the 90000 pairs, 450605.
    rng = np.random.default_rng(9)
    a, b = random_boxes(rng, 300, spread=60.0), random_boxes(rng, 300, spread=60.0)
    budget = 100
    lines = python_lines(mod.box_iou, a, b, budget=budget)
    assert lines <= budget, (
        f"box_iou ran more than {budget} lines of Python for 300 x 300 boxes: is there a "
        "Python loop over the pairs, or over the boxes of a? Broadcast a[:, None, k] against "
        "b[None, :, k] for the (n, m) overlaps, with no loop at all"
    )


def test_nms_loops_over_kept_boxes_only():
    # 3000 boxes in 10 tight clusters: greedy NMS keeps 25. One vectorized IoU row per kept
    # box runs 358 lines of Python (the reference); a plainer answer (a mask over all n
    # boxes, each kept box against all of them, the plainer box_iou above), 611. The full
    # (n, n) IoU matrix and a loop over every box in score order runs 9044 lines, at least
    # 6000 at two lines a box; a loop over every box against the kept ones in one call,
    # 33024; a loop over pairs (each box against each kept box), 218585.
    rng = np.random.default_rng(10)
    boxes = clustered_boxes(rng, 10, 300, jitter=0.1)
    scores = rng.random(len(boxes))
    budget = 2000
    lines = python_lines(mod.nms, boxes, scores, 0.5, budget=budget)
    assert lines <= budget, (
        f"nms ran more than {budget} lines of Python on 3000 boxes of which greedy NMS keeps "
        "25: is there a Python loop over every box (or over pairs of boxes)? Loop over the "
        "KEPT boxes only: keep the best remaining candidate, compare it with all remaining "
        "candidates in one box_iou call, and drop those above the threshold at once"
    )


def test_nms_builds_no_n_by_n_iou_matrix():
    # 3000 boxes: the full (n, n) IoU matrix is 72 MB (box_iou's temporaries several times
    # that); one IoU row per kept box against the remaining candidates, 0.3 MB at peak (the
    # reference). The budget is 1/30 of the matrix.
    rng = np.random.default_rng(10)
    boxes = clustered_boxes(rng, 10, 300, jitter=0.1)
    scores = rng.random(len(boxes))
    full_matrix = 8 * len(boxes) ** 2
    _, peak = peak_memory(mod.nms, boxes, scores, 0.5)
    assert peak <= full_matrix / 30, (
        f"nms allocated {peak / 1e6:.0f} MB for 3000 boxes, where the full IoU matrix is "
        f"{full_matrix / 1e6:.0f} MB: O(n) memory is enough. Compare each KEPT box with the "
        "remaining candidates only, box_iou(boxes[[best]], boxes[rest]), one row at a time"
    )
