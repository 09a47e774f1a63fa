"""Helpers for the test suite: the loader, independent oracles and readable assertions.

Everything here is independent of the katas: the numerical gradient below is the test
suite's own, so a learner's ``foundations/gradient_check`` is never its own judge.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np
import pytest

from kata.catalog import ROOT
from kata.loader import active_set, load_kata

__all__ = [
    "SEEDS",
    "fp_diagnosis",
    "import_scipy",
    "import_sklearn",
    "inputs_unchanged",
    "load_kata",
    "numerical_gradient",
    "peak_memory",
    "python_lines",
    "relative_error",
    "run_numerically",
    "sigmoid_reference",
    "softmax_reference",
]

#: Seeds for invariants checked over several random draws.
SEEDS = (0, 1, 2)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-6):
    """Central-difference gradient of scalar ``f`` at ``x`` (on a float64 copy of x)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        orig = flat_x[i]
        flat_x[i] = orig + eps
        f_plus = f(x)
        flat_x[i] = orig - eps
        f_minus = f(x)
        flat_x[i] = orig
        flat_g[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def softmax_reference(z, axis=-1) -> np.ndarray:
    """The tests' own stable softmax along ``axis`` (an oracle, independent of any kata)."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sigmoid_reference(z) -> np.ndarray:
    """The tests' own sigmoid, 1 / (1 + e^-z) written as (1 + tanh(z/2)) / 2: never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def relative_error(a, b) -> float:
    """Norm-wise relative error ``||a - b|| / max(||a|| + ||b||, tiny)``.

    Norm-wise rather than entry by entry: an entry where both gradients are ~1e-10 and
    differ only by finite-difference noise would otherwise score near 1 on correct code.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denom = max(float(np.linalg.norm(a) + np.linalg.norm(b)), 1e-300)
    return float(np.linalg.norm(a - b) / denom)


def import_sklearn(submodule: str):
    """Import ``sklearn.<submodule>`` or skip the test cleanly when it is absent."""
    return pytest.importorskip(
        f"sklearn.{submodule}",
        reason="scikit-learn is not installed (pip install -r requirements-dev.txt)",
    )


def import_scipy(submodule: str):
    """Import ``scipy.<submodule>`` or skip (SciPy comes with scikit-learn)."""
    return pytest.importorskip(
        f"scipy.{submodule}",
        reason="SciPy is not installed (pip install -r requirements-dev.txt)",
    )


@contextlib.contextmanager
def inputs_unchanged(what: str, **arrays) -> Iterator[None]:
    """Fail if the code in the block modifies any of the named arrays in place.

    >>> with inputs_unchanged("fit", X=X, y=y):
    ...     model.fit(X, y)
    """
    copies = {name: np.array(a, copy=True) for name, a in arrays.items()}
    yield
    for name, before in copies.items():
        after = np.asarray(arrays[name])
        # equal_nan only means something for floats (it calls isnan, a TypeError on strings).
        equal_nan = before.dtype.kind in "fc"
        if before.shape != after.shape or not np.array_equal(before, after, equal_nan=equal_nan):
            pytest.fail(
                f"{what} modified its input {name} in place; work on a copy "
                f"(e.g. `{name} = {name} - shift`, not `{name} -= shift`)."
            )


def peak_memory(func: Callable, *args, **kwargs) -> tuple[object, int]:
    """Run ``func(*args, **kwargs)``; return its result and the peak bytes it allocated.

    NumPy reports its array buffers to tracemalloc, so temporaries count too: this is how
    the suite catches an (n, m, d) broadcast or an (n, n) matrix that a vectorized answer
    never needs.
    """
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = func(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak - before


class _OverLineBudget(BaseException):
    """Raised inside the traced call to stop it; BaseException so ``except Exception``
    in the kata's code does not swallow it."""


def python_lines(func: Callable, *args, budget: int, **kwargs) -> int:
    """Run ``func(*args, **kwargs)``; return how many Python lines it executed in the kata
    code (every file of the active set: ``exercises/``, or ``solutions/`` under
    ``--solutions``).

    This is how the suite checks "no Python loop over the samples" without a clock: a loop
    runs its body's lines once per sample, whole-array NumPy code runs each line once. The
    count is exact and machine-independent; each iteration of a loop or a comprehension
    counts, NumPy's own compiled loops do not. The call is stopped as soon as the count
    passes ``budget`` (a loop over 100 000 samples must fail in milliseconds, not run to
    the end under the tracer), and the count returned is then ``budget + 1``; so the
    result of ``func`` is not returned, and a test checks it elsewhere.
    """
    prefix = os.path.join(str(ROOT / active_set()), "")
    in_kata: dict[str, bool] = {}  # per code file: one path test, not one per call
    count = 0

    def count_lines(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
            if count > budget:
                raise _OverLineBudget
        return count_lines

    def on_call(frame, event, arg):
        filename = frame.f_code.co_filename
        if filename not in in_kata:
            in_kata[filename] = os.path.realpath(filename).startswith(prefix)
        return count_lines if in_kata[filename] else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        func(*args, **kwargs)
    except _OverLineBudget:
        pass
    finally:
        sys.settrace(previous)
    return count


# --- floating-point errors with the test's own diagnosis ------------------------------------
#
# The plugin makes NumPy raise FloatingPointError on overflow, divide-by-zero and invalid
# values. A stability test that knows the likely mistake says so first, with one of these:
#
#     with fp_diagnosis("sigmoid(-1000) overflowed: exp(-z) is inf for z = -1000; ..."):
#         out = mod.sigmoid(z)
#
#     out, fp_error = run_numerically(mod.log_softmax, [0.0, -1000.0])
#     assert fp_error is None and np.isfinite(out).all(), f"log_softmax gave {out}: ..."


@contextlib.contextmanager
def fp_diagnosis(diagnosis: str) -> Iterator[None]:
    """A NumPy floating-point error inside the block fails the test with ``diagnosis``.

    The diagnosis comes first, NumPy's own message after it, so the learner reads what
    their mistake probably is before the generic floating-point note.
    """
    try:
        yield
    except FloatingPointError as exc:
        # "from None": NumPy's error must not be printed first as the failure's cause.
        failure = pytest.fail.Exception(f"{diagnosis}\n(NumPy raised: {exc})", pytrace=False)
        raise failure from None


class NumericResult(NamedTuple):
    """What :func:`run_numerically` saw: the value, and NumPy's error message if any."""

    value: object
    fp_error: str | None


def run_numerically(func: Callable, *args, **kwargs) -> NumericResult:
    """Call ``func``; on a NumPy floating-point error, call it again with errors ignored.

    Returns the value (the second call's when the first raised) and the error message
    (``None`` when there was none), so a test can show *what* the learner's code computed
    ("gave [0, -inf]") in its own message. ``func`` must not have side effects that make
    a second call differ.
    """
    try:
        return NumericResult(func(*args, **kwargs), None)
    except FloatingPointError as exc:
        with np.errstate(all="ignore"):
            return NumericResult(func(*args, **kwargs), str(exc))
