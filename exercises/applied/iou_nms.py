"""Kata applied/iou_nms: Box IoU and non-maximum suppression.

Difficulty 2 (standard), target time 30 minutes.

An object detector proposes many overlapping boxes for the same object. Write the two
pieces every detection pipeline uses to clean them up: `box_iou`, the intersection over
union of every pair of boxes from two sets, and `nms`, greedy non-maximum suppression,
which keeps the best-scoring box of each cluster of overlapping boxes. Both follow
torchvision's `box_iou` and `nms`.

Math:
    area(b)       (x2 - x1) * (y2 - y1)        continuous coordinates: no "+ 1"
    intersection  w = min(x2, x2') - max(x1, x1'),  h = min(y2, y2') - max(y1, y1')
                  inter = max(w, 0) * max(h, 0)   (each side clamped at 0 separately)
    IoU           inter / (area(b) + area(b') - inter)     in [0, 1]
    greedy NMS    visit the boxes by decreasing score; keep the current box unless its
                  IoU with a box ALREADY KEPT is > iou_threshold

Shapes: box_iou(a, b) takes a (n, 4) and b (m, 4) and returns (n, m) float64 with
iou[i, j] = IoU(a[i], b[j]). nms(boxes (n, 4), scores (n,), iou_threshold) returns the
kept indices, an int64 array of shape (n_kept,).

Conventions:
- Boxes are (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2 (a box with x2 < x1 or y2 < y1
  is a ValueError naming the argument; the stub checks it). Zero-area boxes are allowed.
- IoU of two zero-area boxes is 0 (not 0/0), and boxes that only touch have IoU 0.
- NMS suppresses a box whose IoU with a kept box is STRICTLY greater than iou_threshold
  (IoU equal to the threshold survives), as torchvision does. iou_threshold is a real
  number in [0, 1] (the stub checks it): 1 keeps every box, 0 keeps only boxes that
  overlap no kept box at all.
- The kept indices index the input `boxes` and come by decreasing score; equal scores
  go to the lower index first.
- Empty input (0 boxes) is allowed: box_iou gives a (0, m) or (n, 0) array, nms an empty
  int64 array. Mismatched lengths of boxes and scores, NaN and inf are ValueErrors.
- Inputs are never modified.

Complexity: box_iou is O(n m) time and memory, fully broadcast (no Python loop over
pairs). nms sorts once, O(n log n), then loops over the KEPT boxes only, comparing each
with the remaining candidates in one vectorized call: O(n * n_kept) time and O(n)
memory (no need for the full (n, n) IoU matrix).

Pitfalls:
- Not clamping the overlap of disjoint boxes: two negative sides multiply into a positive
  "intersection" (and one negative side into a negative IoU).
- The "+ 1" pixel convention of old code (width = x2 - x1 + 1): torchvision has none.
- A union without "- inter" (counts the overlap twice), or dividing by one box's area.
- 0 / 0 for two zero-area boxes (NumPy warns; the answer is 0).
- >= instead of > when suppressing: a box whose IoU equals the threshold is kept.
- Suppressing with boxes that were themselves suppressed: only kept boxes suppress.
- Returning positions in the sorted order instead of indices into `boxes`, or the kept
  indices sorted by index instead of by decreasing score; an unstable sort (or a
  reversed ascending argsort) breaks the tie rule for equal scores.

Worked example:
    box_iou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 2], [5, 5, 6, 6]])
      inter = 1, union = 4 + 4 - 1 = 7  ->  [[1/7, 1, 0]] = [[0.1429, 1.0, 0.0]]
    nms([[0, 0, 2, 2], [0, 0, 2, 1.9], [3, 3, 4, 4]], scores=[0.8, 0.9, 0.5], 0.5)
      box 1 (score 0.9) is kept; box 0 has IoU 3.8 / 4 = 0.95 > 0.5 with it: suppressed;
      box 2 overlaps nothing: kept  ->  [1, 2]

Run `pytest --kata applied/iou_nms` to check your work; hints are in hints/applied/iou_nms.md.
"""

from kata.validation import check_array, check_boxes, check_consistent_length, check_scalar


def box_iou(a, b):
    """Intersection over union of every box of ``a`` with every box of ``b``.

    Parameters
    ----------
    a : array-like of shape (n, 4)
        Boxes ``(x1, y1, x2, y2)`` with ``x1 <= x2`` and ``y1 <= y2``.
    b : array-like of shape (m, 4)
        Boxes in the same format.

    Returns
    -------
    iou : ndarray of float64 of shape (n, m)
        ``iou[i, j]`` is the IoU of ``a[i]`` and ``b[j]``, in [0, 1]; 0 when both boxes
        have zero area.

    Examples
    --------
    >>> box_iou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 2], [5, 5, 6, 6]])
    array([[0.14285714, 1.        , 0.        ]])
    """
    a = check_boxes(a, name="a")
    b = check_boxes(b, name="b")

    raise NotImplementedError("box_iou")


def nms(boxes, scores, iou_threshold):
    """Greedy non-maximum suppression with torchvision's semantics.

    Parameters
    ----------
    boxes : array-like of shape (n, 4)
        Boxes ``(x1, y1, x2, y2)``.
    scores : array-like of shape (n,)
        One score per box.
    iou_threshold : float in [0, 1]
        A box is discarded when its IoU with an already kept box is strictly greater.

    Returns
    -------
    keep : ndarray of int64 of shape (n_kept,)
        Indices into ``boxes`` of the kept boxes, by decreasing score (equal scores: lower
        index first).

    Examples
    --------
    >>> boxes = [[0, 0, 2, 2], [0, 0, 2, 1.9], [3, 3, 4, 4]]
    >>> nms(boxes, [0.8, 0.9, 0.5], iou_threshold=0.5)
    array([1, 2])
    """
    boxes = check_boxes(boxes)
    scores = check_array(scores, name="scores", ndim=1, allow_empty=True)
    check_consistent_length(boxes=boxes, scores=scores)
    check_scalar(iou_threshold, "iou_threshold", low=0.0, high=1.0)

    raise NotImplementedError("nms")
