"""Kata preprocessing/encoders: one-hot and label encoding.

Difficulty 1 (warm-up), target time 15 minutes.

Models take numbers, but labels arrive as anything: strings ("cat", "dog"), arbitrary
integers (3, 7, 42), -1/+1. Write the two encoders that turn them into what a model needs:
one_hot(y, n_classes=None) for class indices, and a LabelEncoder with fit, transform,
fit_transform and inverse_transform for labels of any type.

Math:
    LabelEncoder:  classes_ = the distinct labels of y, SORTED
                   transform(y)[i]          = index of y[i] in classes_     (0 .. K-1)
                   inverse_transform(k)[i]  = classes_[k[i]]

    one_hot(y, n_classes=K):  Y[i, j] = 1 if y[i] == j else 0      (y holds indices 0..K-1)

Shapes: y is (n_samples,). classes_ is (K,) with the labels' own dtype (ints, strings, ...);
transform returns int64 indices (n_samples,); one_hot returns float64 (n_samples, K).

Conventions:
- classes_ is sorted (np.unique order), not in order of first appearance, so that two
  encoders fitted on the same labels in a different order agree (scikit-learn does this).
  Any label type works: integers, strings, floats.
- Every fit starts afresh: fitting again on new labels replaces classes_ (nothing from an
  earlier fit is merged in or kept for transform).
- transform of a label never seen in fit raises ValueError whose message names the unseen
  label(s); it must not silently map it to some index.
- inverse_transform accepts whole-number indices 0..K-1 only: anything else is a ValueError.
- one_hot takes whole-number class indices >= 0 (integers, or floats like 2.0); strings,
  fractions (2.5) and negatives are a ValueError (encode strings with LabelEncoder first).
  n_classes=None means max(y) + 1; an n_classes smaller than max(y) + 1 is a ValueError
  mentioning n_classes; a larger one just adds all-zero columns.
- y must be 1-D: a 2-D or 3-D y is a ValueError (the stub's check_labels calls do it);
  transform and inverse_transform before fit raise NotFittedError (the stub's
  check_is_fitted calls, keep them first). Never modify y in place.

Complexity: O(n log K) for transform (binary search in the sorted classes_) and O(n K) for
one_hot (the output's size); no Python loop over samples.

Pitfalls:
- classes_ in order of first appearance (a dict filled while scanning y).
- np.searchsorted alone: an unseen label gets the index of its neighbour instead of an
  error; a string label compared with integer classes_ can be cast onto a seen one.
- classes_[-1] is valid NumPy: inverse_transform([-1]) would silently return the last class.
- Caching the lookup table (or classes_) of the first fit, so a refit is ignored.
- one_hot with np.eye(K)[y]: works, but a float or negative y indexes silently (or builds
  a K x K matrix for nothing).

Worked example:
    enc = LabelEncoder().fit(["b", "a", "c", "a"])   ->  classes_ = ["a", "b", "c"]
    enc.transform(["c", "a"])                        ->  [2, 0]
    enc.inverse_transform([1])                       ->  ["b"]
    one_hot([0, 2], n_classes=3)                     ->  [[1, 0, 0], [0, 0, 1]]

Run `pytest --kata preprocessing/encoders` to check your work; hints are in
hints/preprocessing/encoders.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_is_fitted, check_labels, check_scalar


def one_hot(y, n_classes=None):
    """One-hot encode integer class indices.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class indices: whole numbers in ``0 .. n_classes - 1``.
    n_classes : int or None, default None
        Number of columns; None means ``max(y) + 1``. Must be at least ``max(y) + 1``.

    Returns
    -------
    ndarray of float64, shape (n_samples, n_classes)
        Row ``i`` is all zeros except a 1 in column ``y[i]``.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    >>> one_hot([1], n_classes=4)
    array([[0., 1., 0., 0.]])
    """
    y = check_labels(y)
    if n_classes is not None:
        check_scalar(n_classes, "n_classes", kind=numbers.Integral, low=1)
    raise NotImplementedError("one_hot")


class LabelEncoder:
    """Encode labels of any sortable type (ints, strings, ...) as integers ``0 .. K-1``.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The distinct labels seen in ``fit``, sorted; label ``classes_[k]`` is encoded as ``k``.

    Examples
    --------
    >>> enc = LabelEncoder().fit(["paris", "tokyo", "amsterdam", "paris"])
    >>> enc.classes_
    array(['amsterdam', 'paris', 'tokyo'], dtype='<U9')
    >>> enc.transform(["tokyo", "paris"])
    array([2, 1])
    >>> enc.inverse_transform([0, 0])
    array(['amsterdam', 'amsterdam'], dtype='<U9')
    """

    def fit(self, y):
        """Learn the sorted distinct labels.

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : LabelEncoder
        """
        y = check_labels(y)
        raise NotImplementedError("LabelEncoder.fit")

    def transform(self, y):
        """Map each label to its index in ``classes_``.

        Parameters
        ----------
        y : array-like of shape (n_samples,)
            Labels, each of which must be in ``classes_``.

        Returns
        -------
        ndarray of int64, shape (n_samples,)

        Raises
        ------
        ValueError
            If ``y`` contains a label not seen in ``fit``; the message lists such labels.
        """
        check_is_fitted(self, "classes_")
        y = check_labels(y)
        raise NotImplementedError("LabelEncoder.transform")

    def fit_transform(self, y):
        """Fit to ``y``, then transform it.

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        ndarray of int64, shape (n_samples,)
        """
        raise NotImplementedError("LabelEncoder.fit_transform")

    def inverse_transform(self, y):
        """Map indices back to the original labels.

        Parameters
        ----------
        y : array-like of shape (n_samples,)
            Integer indices in ``0 .. len(classes_) - 1``.

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels, with the dtype of ``classes_``.

        Raises
        ------
        ValueError
            If an index is not a whole number in ``0 .. len(classes_) - 1`` (a negative index
            must not silently wrap around to the last class).
        """
        check_is_fitted(self, "classes_")
        y = check_labels(y)
        raise NotImplementedError("LabelEncoder.inverse_transform")
