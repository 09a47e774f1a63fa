"""Input checks shared by every kata.

Every exercise stub calls these helpers before the part the learner writes, so bad input
gets the same clear ``ValueError`` everywhere, whoever wrote the algorithm. The rules follow
the conventions at the top of the kata catalog:

- arrays are converted with NumPy (never copied here: a kata must not modify its inputs,
  and the tests check that);
- wrong dimensions, empty input, NaN/inf and mismatched sample counts are ``ValueError``s
  whose message names the argument and the problem;
- using an estimator before ``fit`` raises ``NotFittedError``, a ``ValueError`` subclass;
- ``random_state`` (int, None or ``np.random.Generator``) becomes a ``Generator``.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np

__all__ = [
    "NotFittedError",
    "check_X_y",
    "check_array",
    "check_axis",
    "check_boxes",
    "check_fitted_input",
    "check_hmm",
    "check_is_fitted",
    "check_labels",
    "check_option",
    "check_random_state",
    "check_scalar",
]


class NotFittedError(ValueError):
    """Raised when an estimator is used before ``fit`` has been called."""


def check_array(
    X,
    *,
    name: str = "X",
    ndim: int | tuple[int, ...] | None = 2,
    allow_empty: bool = False,
) -> np.ndarray:
    """Convert ``X`` to a float64 array and check its shape and values.

    Parameters
    ----------
    X : array-like
        The input. Integers and booleans are converted to float64.
    name : str
        The argument's name, used in error messages.
    ndim : int, tuple of int or None
        The allowed number(s) of dimensions; ``None`` allows any.
    allow_empty : bool
        Whether an array with no elements is acceptable.

    Returns
    -------
    ndarray of float64
        A view of ``X`` when it already is a float64 array (no copy is made).
    """
    try:
        array = np.asarray(X)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} could not be converted to an array: {exc}") from None
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"{name} must be numeric, got an array of dtype {array.dtype}")
    if np.iscomplexobj(array):
        raise ValueError(f"{name} must be real-valued, got complex numbers")
    array = array.astype(np.float64, copy=False)

    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            hint = " (n_samples, n_features)" if allowed == (2,) else ""
            raise ValueError(f"{name} must be {wanted}{hint}, got an array of shape {array.shape}")
    if not allow_empty and array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}): at least one value is needed")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def check_labels(y, *, name: str = "y") -> np.ndarray:
    """Check class labels: a non-empty 1-D array of any hashable dtype, with no NaN."""
    array = np.asarray(y)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,), got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: at least one label is needed")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinity")
    if array.dtype == object:
        # Object arrays hold mixed Python objects; sorting them for classes_ needs one type.
        kinds = {type(v) for v in array}
        if len(kinds) > 1:
            raise ValueError(f"{name} mixes label types {sorted(k.__name__ for k in kinds)}")
    return array


def check_X_y(X, y, *, classification: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Check a training pair: ``X`` 2-D float64, ``y`` 1-D with as many samples.

    With ``classification=True`` the labels keep their dtype (ints, strings, ...);
    otherwise ``y`` is a float64 regression target.
    """
    X = check_array(X)
    y = check_labels(y) if classification else check_array(y, name="y", ndim=1)
    check_consistent_length(X=X, y=y)
    return X, y


def check_consistent_length(**arrays) -> None:
    """Raise unless every named array has the same number of samples (first dimension).

    >>> check_consistent_length(y_true=y_true, y_pred=y_pred)
    """
    lengths = {name: len(a) for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = " but ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"{listed} samples: they must match")


def check_targets(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """Check a pair of regression targets: both 1-D float64, finite, of the same length."""
    y_true = check_array(y_true, name="y_true", ndim=1)
    y_pred = check_array(y_pred, name="y_pred", ndim=1)
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    return y_true, y_pred


def check_pairwise_arrays(A, B=None, *, names: tuple[str, str] = ("A", "B")):
    """Check the two point sets of a pairwise computation (distances, kernels).

    Both become 2-D float64 arrays with the same number of features. ``B=None`` means
    ``B`` is ``A`` itself: the very same array object is returned twice, so callers can
    tell (``B is A``) and, for example, set a distance matrix's diagonal to exactly 0.
    """
    name_a, name_b = names
    A = check_array(A, name=name_a)
    if B is None:
        return A, A
    B = check_array(B, name=name_b)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"{name_a} has {A.shape[1]} features but {name_b} has {B.shape[1]}: they must match"
        )
    return A, B


def check_is_fitted(estimator, attribute: str) -> None:
    """Raise ``NotFittedError`` unless ``estimator`` has the learned ``attribute``."""
    if getattr(estimator, attribute, None) is None:
        raise NotFittedError(
            f"This {type(estimator).__name__} is not fitted yet: call fit before using it "
            f"(it has no {attribute})."
        )


def check_fitted_input(estimator, X, *, attribute: str) -> np.ndarray:
    """Check that ``estimator`` is fitted and that ``X`` has the features it was fitted on.

    ``fit`` records ``n_features_in_``; prediction-time input must have that many columns.
    """
    check_is_fitted(estimator, attribute)
    X = check_array(X)
    expected = getattr(estimator, "n_features_in_", None)
    if expected is not None and X.shape[1] != expected:
        raise ValueError(
            f"X has {X.shape[1]} features, but {type(estimator).__name__} "
            f"was fitted with {expected}"
        )
    return X


def check_random_state(random_state) -> np.random.Generator:
    """Turn ``None``, an int seed or a ``Generator`` into a ``Generator``.

    The same int always gives a generator in the same state, so results repeat exactly.
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int, got {random_state}")
        return np.random.default_rng(int(random_state))
    raise ValueError(
        f"random_state must be None, a non-negative int or a numpy Generator, got {random_state!r}"
    )


def check_scalar(
    value,
    name: str,
    *,
    kind: type = numbers.Real,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
):
    """Check a hyperparameter's type and range; return it unchanged.

    ``kind=int`` (or ``numbers.Integral``) asks for an integer, NumPy integers included;
    ``kind=float`` (or ``numbers.Real``, the default) for any real number. Booleans are
    refused either way.
    """
    if kind in (int, numbers.Integral):
        kind, wanted = numbers.Integral, "an integer"
    elif kind in (float, numbers.Real):
        kind, wanted = numbers.Real, "a real number"
    else:
        wanted = f"of type {kind.__name__}"
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{name} must be {wanted}, got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {op} {low}, got {value!r}")
    if high is not None and (value > high or (value == high and not high_inclusive)):
        op = "<=" if high_inclusive else "<"
        raise ValueError(f"{name} must be {op} {high}, got {value!r}")
    return value


def check_option(value, name: str, options: Iterable[str]) -> str:
    """Check that a string hyperparameter is one of ``options``; return it unchanged."""
    options = tuple(options)
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_axis(axis, ndim: int, *, name: str = "axis") -> int:
    """Check that ``axis`` is an int valid for an array of ``ndim`` dimensions.

    Returns it as a non-negative index.
    """
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}={axis} is out of range for an array with {ndim} dimension(s)")
    return int(axis) % ndim


def check_sample_weight(sample_weight, n_samples: int) -> np.ndarray:
    """Per-sample weights as a float64 (n_samples,) array; ``None`` means all ones.

    Weights must be finite and strictly positive (a weight of 0 would leave a sample that
    counts in sample-count rules but in no statistic).
    """
    if sample_weight is None:
        return np.ones(n_samples)
    sample_weight = check_array(sample_weight, name="sample_weight", ndim=1)
    if sample_weight.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight has {sample_weight.shape[0]} samples but X has {n_samples}: "
            "they must match"
        )
    if np.any(sample_weight <= 0):
        raise ValueError("sample_weight must be strictly positive")
    return sample_weight


def check_max_features(max_features, n_features: int) -> int:
    """How many features a tree examines per split, from scikit-learn's ``max_features``.

    ``None`` -> all; ``'sqrt'`` / ``'log2'`` -> ``max(1, int(sqrt(d)))`` / ``int(log2(d))``;
    an int in ``[1, d]`` -> itself; a float in ``(0, 1]`` -> ``max(1, int(max_features * d))``.
    """
    if max_features is None:
        return n_features
    if isinstance(max_features, str):
        check_option(max_features, "max_features", ("sqrt", "log2"))
        root = np.sqrt(n_features) if max_features == "sqrt" else np.log2(n_features)
        return max(1, int(root))
    if isinstance(max_features, numbers.Integral) and not isinstance(max_features, bool):
        return int(check_scalar(max_features, "max_features", kind=int, low=1, high=n_features))
    check_scalar(max_features, "max_features", low=0, high=1, low_inclusive=False)
    return max(1, int(max_features * n_features))


def check_params_and_grads(params, grads) -> dict:
    """Check an optimizer step's inputs; return the gradients as float64 arrays.

    ``params`` maps names to float NumPy arrays that the step updates IN PLACE (so they
    must be real, writeable arrays, not lists); ``grads`` maps some or all of the same
    names to gradients of the same shapes. A name of ``params`` missing from ``grads`` is
    simply not updated.
    """
    if not isinstance(params, dict) or not isinstance(grads, dict):
        raise ValueError(
            "params and grads must be dicts mapping names to arrays, got "
            f"{type(params).__name__} and {type(grads).__name__}"
        )
    unknown = [k for k in grads if k not in params]
    if unknown:
        raise ValueError(f"grads has keys that are not in params: {unknown}")
    checked = {}
    for key, grad in grads.items():
        param = params[key]
        if (
            not isinstance(param, np.ndarray)
            or not np.issubdtype(param.dtype, np.floating)
            or not param.flags.writeable
        ):
            raise ValueError(
                f"params[{key!r}] must be a writeable float NumPy array (the step updates it "
                f"in place), got {type(param).__name__}"
                + (f" of dtype {param.dtype}" if isinstance(param, np.ndarray) else "")
            )
        if not np.isfinite(param).all():
            raise ValueError(f"params[{key!r}] contains NaN or infinity")
        grad = check_array(grad, name=f"grads[{key!r}]", ndim=None)
        if grad.shape != param.shape:
            raise ValueError(
                f"grads[{key!r}] has shape {grad.shape} but params[{key!r}] has shape "
                f"{param.shape}: they must match"
            )
        checked[key] = grad
    return checked


def check_boxes(boxes, *, name: str = "boxes") -> np.ndarray:
    """Boxes ``(x1, y1, x2, y2)`` as a float64 (n, 4) array, n >= 0, with x1 <= x2 and y1 <= y2."""
    boxes = check_array(boxes, name=name, allow_empty=True)
    if boxes.shape[1] != 4:
        raise ValueError(f"{name} must have shape (n, 4) (x1, y1, x2, y2), got {boxes.shape}")
    if np.any(boxes[:, 2] < boxes[:, 0]) or np.any(boxes[:, 3] < boxes[:, 1]):
        raise ValueError(f"{name} has a box with x2 < x1 or y2 < y1: boxes are (x1, y1, x2, y2)")
    return boxes


def check_hmm(log_start, log_trans, log_emit, observations):
    """The inputs of an HMM algorithm in log space, checked and as float64 / int arrays.

    ``log_start`` (S,), ``log_trans`` (S, S) and ``log_emit`` (S, V) may hold ``-inf``
    (probability 0) but no NaN or ``+inf``; ``observations`` is a non-empty 1-D integer
    sequence of symbols in ``0 .. V-1``. Returns ``(log_start, log_trans, log_emit, obs)``.
    """
    checked = []
    for name, value, ndim in (
        ("log_start", log_start, 1),
        ("log_trans", log_trans, 2),
        ("log_emit", log_emit, 2),
    ):
        raw = np.asarray(value)
        # check_array refuses every infinity; -inf (probability 0) is legal here, so it
        # checks a copy with the -inf entries set to 0 (NaN, +inf, dtype, ndim, emptiness).
        probe = np.where(np.isneginf(raw), 0.0, raw) if raw.dtype.kind == "f" else raw
        check_array(probe, name=name, ndim=ndim)
        checked.append(raw.astype(np.float64))
    log_start, log_trans, log_emit = checked
    n_states = log_start.shape[0]
    if log_trans.shape != (n_states, n_states):
        raise ValueError(
            f"log_trans has shape {log_trans.shape}, expected (S, S) = {(n_states, n_states)} "
            "with S = len(log_start)"
        )
    if log_emit.shape[0] != n_states:
        raise ValueError(
            f"log_emit has {log_emit.shape[0]} rows, expected one per state (S = {n_states})"
        )
    obs = np.asarray(observations)
    if obs.ndim != 1 or obs.size == 0:
        raise ValueError(f"observations must be a non-empty 1-D sequence, got shape {obs.shape}")
    if obs.dtype.kind not in "iu":
        raise ValueError(f"observations must be integers, got dtype {obs.dtype}")
    if obs.min() < 0 or obs.max() >= log_emit.shape[1]:
        raise ValueError(
            f"observations must lie in 0 .. {log_emit.shape[1] - 1} (log_emit has "
            f"{log_emit.shape[1]} columns), got values {obs.min()} .. {obs.max()}"
        )
    return log_start, log_trans, log_emit, obs
