"""Reference solution for preprocessing/encoders.

The statement is in exercises/preprocessing/encoders.py.
"""

import numbers

import numpy as np

from kata.validation import check_is_fitted, check_labels, check_scalar


def _as_class_indices(y, name):
    """The labels as an int64 array, or a ValueError if they are not whole numbers >= 0."""
    if y.dtype.kind in "iub":
        indices = y.astype(np.int64)
    elif y.dtype.kind == "f" and np.all(y == np.round(y)):
        indices = y.astype(np.int64)  # 2.0 is class 2; 2.5 is not a class index
    else:
        raise ValueError(
            f"{name} must hold integer class indices 0..K-1, got dtype {y.dtype} "
            f"(values such as {y[:3].tolist()}); encode other labels with LabelEncoder first"
        )
    if indices.min() < 0:
        raise ValueError(f"{name} must hold class indices >= 0, got {indices.min()}")
    return indices


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
    indices = _as_class_indices(y, "y")
    needed = int(indices.max()) + 1
    if n_classes is None:
        n_classes = needed
    elif n_classes < needed:
        raise ValueError(
            f"n_classes={n_classes} is too small: y contains class {needed - 1}, "
            f"so at least {needed} columns are needed"
        )
    # Fancy indexing sets one entry per row in a single vectorized step; indexing an identity
    # matrix (np.eye(K)[y]) works too but builds a K x K matrix first.
    out = np.zeros((y.shape[0], n_classes))
    out[np.arange(y.shape[0]), indices] = 1.0
    return out


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
        # np.unique sorts, so the encoding does not depend on the order labels appear in.
        self.classes_ = np.unique(y)
        return self

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
        # isin tolerates a dtype that differs from classes_ (strings versus ints: no match).
        unseen = ~np.isin(y, self.classes_)
        if unseen.any():
            raise ValueError(f"y contains labels not seen in fit: {np.unique(y[unseen]).tolist()}")
        # classes_ is sorted, so binary search finds each label's index: O(n log K), no loop.
        return np.searchsorted(self.classes_, y).astype(np.int64)

    def fit_transform(self, y):
        """Fit to ``y``, then transform it.

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        ndarray of int64, shape (n_samples,)
        """
        return self.fit(y).transform(y)

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
        indices = _as_class_indices(y, "y")
        bad = indices >= len(self.classes_)
        if bad.any():
            raise ValueError(
                f"y contains indices outside 0..{len(self.classes_) - 1}: "
                f"{np.unique(indices[bad]).tolist()}"
            )
        return self.classes_[indices]
