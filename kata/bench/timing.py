"""The measuring part of the benchmark: interleaved minimum timings, ratios, growth exponents.

Kept free of any kata so that its arithmetic can be tested on synthetic timings.
"""

from __future__ import annotations

import contextlib
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

import numpy as np

#: One measurement repeats a fast call until it lasts at least this long (seconds).
MIN_MEASUREMENT = 0.02
#: ... but never more than this many calls.
MAX_NUMBER = 1000


def ratio(yours: float, baseline: float) -> float:
    """How many times the baseline's time yours takes (> 1: yours is slower)."""
    if baseline <= 0:
        return math.inf
    return yours / baseline


def growth_exponent(ns: Sequence[float], times: Sequence[float]) -> float:
    """The ``a`` of ``time ~ c n^a``: the slope of the least-squares line of log t on log n.

    NaN when fewer than two distinct sizes were timed.
    """
    ns = np.asarray(ns, dtype=float)
    times = np.asarray(times, dtype=float)
    if ns.size != times.size:
        raise ValueError(f"{ns.size} sizes but {times.size} times")
    if np.unique(ns).size < 2 or np.any(ns <= 0) or np.any(times <= 0):
        return math.nan
    slope, _ = np.polyfit(np.log(ns), np.log(times), 1)
    return float(slope)


def blas_single_thread():
    """A context that limits BLAS and OpenMP pools to one thread (threadpoolctl, if any)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the environment variables set by kata.bench are all we have
        return contextlib.nullcontext()
    return threadpool_limits(limits=1)


def measure(
    funcs: Sequence[Callable[[], object]],
    *,
    rounds: int,
    budget: float = math.inf,
    first: Sequence[float] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    on_round: Callable[[int], None] | None = None,
) -> list[float]:
    """The minimum time per call of each function, over interleaved rounds.

    Each round times every function once (the order alternates from round to round, so
    neither side always runs on a cache warmed by the other). A fast function is called
    ``number`` times per measurement so that one lasts ``MIN_MEASUREMENT`` seconds;
    ``first`` (the duration of a call already made, e.g. a warm-up) sets ``number``.
    After two rounds, measuring stops early once ``budget`` seconds have passed.
    """
    start = clock()
    numbers = []
    for i, func in enumerate(funcs):
        t0 = first[i] if first is not None else _once(func, clock)
        numbers.append(max(1, min(MAX_NUMBER, math.ceil(MIN_MEASUREMENT / max(t0, 1e-9)))))
    best = [math.inf] * len(funcs)
    for r in range(rounds):
        order = range(len(funcs)) if r % 2 == 0 else reversed(range(len(funcs)))
        for i in order:
            t0 = clock()
            for _ in range(numbers[i]):
                funcs[i]()
            best[i] = min(best[i], (clock() - t0) / numbers[i])
        if on_round is not None:
            on_round(r + 1)
        if r >= 1 and clock() - start > budget:
            break
    return best


def _once(func: Callable[[], object], clock: Callable[[], float]) -> float:
    t0 = clock()
    func()
    return clock() - t0


class Progress:
    """A status line on ``stream``, shown only once the run has lasted ``delay`` seconds.

    On a terminal the line is rewritten in place and erased by ``clear``; elsewhere (a
    file, a pipe) each new status is a line of its own, at most one per ``every`` seconds.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        delay: float = 1.0,
        every: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.every = every
        self.clock = clock
        self.start = clock()
        self.last = -math.inf
        self.shown = False
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())

    def update(self, text: str) -> None:
        now = self.clock()
        if now - self.start < self.delay:
            return
        if self.tty:
            self.stream.write("\r" + text[:120].ljust(120))
        elif now - self.last >= self.every:
            self.stream.write(text + "\n")
        else:
            return
        self.stream.flush()
        self.last = now
        self.shown = True

    def clear(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\r" + " " * 120 + "\r")
            self.stream.flush()
            self.shown = False

    @contextlib.contextmanager
    def cleared(self) -> Iterator[None]:
        """Erase the status line while something else is printed."""
        self.clear()
        yield


def format_time(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def format_ratio(value: float) -> str:
    if not math.isfinite(value):
        return "-"
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def format_exponent(value: float) -> str:
    return "-" if not math.isfinite(value) else f"n^{value:.2f}"
