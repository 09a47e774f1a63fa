"""Benchmarks: how your kata compares with scikit-learn, ``python -m kata bench``.

Each kata with a benchmark has ONE row, in a module of this package named after the kata
(``kata/bench/knn.py`` for ``classification/knn``), registered with the ``@row``
decorator. ``python -m kata bench [ID ...] [--solutions] [--size tiny|kata|large|scaling]``
(also ``python -m kata.bench``) imports every module here, and for each selected row:

1. builds the row's data once per size from a fixed seed (the same arrays for both sides);
2. times the row's call with the active set's code (``exercises/``, or ``solutions/`` with
   ``--solutions``) and with scikit-learn (or, without scikit-learn, with the reference
   solution), in interleaved rounds, keeping the minimum, with BLAS at one thread;
3. repeats over a series of sizes and fits ``time ~ n^a`` (a log-log least-squares line);
4. checks that the two results agree (``Row.agree``), so a fast wrong answer never looks
   good, and prints one line: both times, their ratio, both growth exponents, agreement.

A stub that still raises ``NotImplementedError`` gives the row "not implemented"; any other
exception gives "error: <type>: <message>", never a traceback.

Adding the row of your kata
---------------------------
Create ``kata/bench/<name>.py`` (the kata's short name; the file is yours alone) holding one
subclass of ``Row`` decorated with ``@row("<topic>/<name>")``. Override:

``data(self, n, d, rng) -> dict``
    The inputs for ``n`` samples and ``d`` features, drawn from ``rng`` (a seeded
    ``np.random.Generator``). Called once per size; both sides get the same dict.
``ours(self, mod, data) -> callable``
    ``mod`` is the kata's module (``load_kata(id, set)``). Do the untimed set-up (build the
    estimator, fit it when only ``predict`` is timed) and return a function of no argument
    that does the timed work and returns a result. It is called several times.
``sklearn(self, data) -> callable``
    The same for scikit-learn (import it inside the method). Without scikit-learn installed
    the reference solution's ``ours`` is the baseline instead.
``agree(self, yours, baseline, data) -> (bool, str)``
    Whether the two results are the same answer, and a short text stating what was
    compared and the tolerance ("coef_ rel. err 2e-07 <= 1e-04"). The helpers ``close``
    and ``same_labels`` below build that pair.

Class attributes: ``timed`` (what the call does, shown in the table: "fit", "predict",
"fit+predict"); ``slow_hint`` (the follow-up question printed when yours is over 2x the
baseline, e.g. "a full sort where a partial one is enough?"); ``size_tiny``, ``size_kata``,
``size_large`` (the ``(n_samples, n_features)`` of each ``--size``, by default ``SIZES``; a
quadratic kata may set ``size_large = (4000, 20)``); ``scaling`` (the sample counts of
``--size scaling``, features as at the kata size). Example::

    import numpy as np

    from kata.bench import Row, close, row


    @row("regression/ridge")
    class RidgeFit(Row):
        timed = "fit"
        slow_hint = "solve the normal equations rather than invert X^T X?"

        def data(self, n, d, rng):
            X = rng.standard_normal((n, d))
            return {"X": X, "y": X @ rng.standard_normal(d) + rng.standard_normal(n)}

        def ours(self, mod, data):
            model = mod.Ridge(alpha=1.0)
            return lambda: model.fit(data["X"], data["y"]).coef_

        def sklearn(self, data):
            from sklearn.linear_model import Ridge

            model = Ridge(alpha=1.0)
            return lambda: model.fit(data["X"], data["y"]).coef_

        def agree(self, yours, baseline, data):
            return close(yours, baseline, rtol=1e-6, what="coef_")

Run it with ``python -m kata bench regression/ridge --solutions --size tiny`` (a smoke
test), then at ``--size kata`` and ``--size large``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable

# BLAS at one thread for both sides. These variables only take effect if NumPy is not yet
# imported; the timing loop also limits the thread pools with threadpoolctl when present.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

__all__ = ["SIZES", "Row", "all_rows", "close", "row", "same_labels"]

#: name -> (n_samples, n_features) of the main size; a row may set its own size_<name>.
SIZES: dict[str, tuple[int, int]] = {
    "tiny": (80, 4),  # a smoke test: checks the row runs, times mean little
    "kata": (1000, 10),
    "large": (20_000, 20),
}
#: The sample counts of ``--size scaling`` (features as at the kata size).
SCALING = (1000, 2000, 4000, 8000, 16_000)


class Row:
    """One benchmark row: see the module docstring for what to override."""

    kata_id: str = ""  # set by @row
    timed: str = "fit"
    slow_hint: str = ""
    size_tiny: tuple[int, int] = SIZES["tiny"]
    size_kata: tuple[int, int] = SIZES["kata"]
    size_large: tuple[int, int] = SIZES["large"]
    scaling: tuple[int, ...] = SCALING

    def data(self, n: int, d: int, rng: np.random.Generator) -> dict:
        raise NotImplementedError

    def ours(self, mod, data: dict) -> Callable[[], object]:
        raise NotImplementedError

    def sklearn(self, data: dict) -> Callable[[], object]:
        raise NotImplementedError

    def agree(self, yours, baseline, data: dict) -> tuple[bool, str]:
        raise NotImplementedError

    def size(self, name: str) -> tuple[int, int]:
        """The (n, d) of a named size for this row."""
        return getattr(self, f"size_{name}")

    def series(self, name: str) -> list[tuple[int, int]]:
        """The sizes timed for ``name``; the growth exponent is fitted over them."""
        if name == "scaling":
            d = self.size("kata")[1]
            return [(n, d) for n in self.scaling]
        n, d = self.size(name)
        return [(max(n // 4, 8), d), (max(n // 2, 8), d), (n, d)]


_REGISTRY: dict[str, Row] = {}


def row(kata_id: str):
    """Register a ``Row`` subclass as the benchmark row of ``kata_id`` (one per kata)."""

    def register(cls: type[Row]) -> type[Row]:
        if kata_id in _REGISTRY and type(_REGISTRY[kata_id]).__qualname__ != cls.__qualname__:
            raise ValueError(f"{kata_id} already has a benchmark row ({_REGISTRY[kata_id]!r})")
        instance = cls()
        instance.kata_id = kata_id
        _REGISTRY[kata_id] = instance
        return cls

    return register


#: Modules of this package that hold no rows.
_FRAMEWORK = {"cli", "timing"}


def all_rows() -> list[Row]:
    """Every registered row, in catalog order (importing each row module once)."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") and info.name not in _FRAMEWORK:
            importlib.import_module(f"{__name__}.{info.name}")
    from kata.catalog import kata_ids

    order = {kata_id: i for i, kata_id in enumerate(kata_ids())}
    return sorted(_REGISTRY.values(), key=lambda r: (order.get(r.kata_id, len(order)), r.kata_id))


# --- helpers for Row.agree ---------------------------------------------------------------


def close(yours, baseline, *, rtol: float, what: str) -> tuple[bool, str]:
    """Agreement of two arrays (or tuples of arrays) by relative error of the whole.

    ``||yours - baseline|| / ||baseline|| <= rtol`` over every entry together.
    """
    a = _flat(yours)
    b = _flat(baseline)
    if a.shape != b.shape:
        return False, f"{what} shapes differ: {a.shape} vs {b.shape}"
    if not np.all(np.isfinite(a)):
        return False, f"{what} has NaN or infinity"
    err = float(np.linalg.norm(a - b) / max(float(np.linalg.norm(b)), 1e-300))
    ok = err <= rtol
    return ok, f"{what} rel. err {err:.1e} {'<=' if ok else '>'} {rtol:.0e}"


def same_labels(yours, baseline, *, min_share: float = 1.0, what: str = "labels"):
    """Agreement of two label arrays: the share of equal entries is at least ``min_share``."""
    a, b = np.asarray(yours), np.asarray(baseline)
    if a.shape != b.shape:
        return False, f"{what} shapes differ: {a.shape} vs {b.shape}"
    share = float(np.mean(a == b))
    ok = share >= min_share
    return ok, f"{what} equal on {share:.1%} ({'>=' if ok else '<'} {min_share:.1%})"


def _flat(value) -> np.ndarray:
    if isinstance(value, tuple | list):
        return np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in value])
    return np.ravel(np.asarray(value, dtype=float))
