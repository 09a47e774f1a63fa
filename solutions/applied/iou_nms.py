"""Reference solution for applied/iou_nms.

The statement is in exercises/applied/iou_nms.py.
"""

import numpy as np

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

    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    # Overlap along each axis, (n, m): clamped at 0, or two disjoint boxes would multiply two
    # negative widths into a positive "intersection".
    w = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    h = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.clip(w, 0.0, None) * np.clip(h, 0.0, None)
    union = area_a[:, None] + area_b[None, :] - inter
    # union is 0 only when both boxes have zero area (then inter is 0 too): IoU 0, not 0/0.
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


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

    # A stable sort of -scores: decreasing score, and equal scores keep their index order.
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best = order[0]
        keep.append(best)
        # Only KEPT boxes suppress: compare the survivors with the box just kept, drop the
        # ones that overlap it strictly more than the threshold, and go on with the rest.
        iou = box_iou(boxes[best : best + 1], boxes[order[1:]])[0]
        order = order[1:][iou <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)
