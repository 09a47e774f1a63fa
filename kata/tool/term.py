"""Plain terminal output: colour only on a terminal (and never with ``NO_COLOR``), tables,
progress bars and human-readable times."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from typing import TextIO

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}

#: Clears from the cursor to the end of the line (used when redrawing a status line).
CLEAR_LINE = "\x1b[K"


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def wants_colour(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Colour on a terminal only; ``NO_COLOR`` (any non-empty value) or ``TERM=dumb`` turn
    it off (https://no-color.org)."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    return is_tty(stream)


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class Style:
    """Paints text for one output stream, and knows whether that stream is a terminal."""

    def __init__(self, stream: TextIO, env: Mapping[str, str] | None = None) -> None:
        self.stream = stream
        self.tty = is_tty(stream)
        self.colour = wants_colour(stream, env)
        self.unicode = _can_encode(stream, "█░·…—")

    def paint(self, text: str, *styles: str) -> str:
        if not self.colour or not styles or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def bold(self, text: str) -> str:
        return self.paint(text, "bold")

    def dim(self, text: str) -> str:
        return self.paint(text, "dim")

    def good(self, text: str) -> str:
        return self.paint(text, "green")

    def warn(self, text: str) -> str:
        return self.paint(text, "yellow")

    def bad(self, text: str) -> str:
        return self.paint(text, "red")

    def bar(self, done: int, total: int, width: int = 20) -> str:
        """``[#####-----]``: the share of ``total`` that is ``done``."""
        filled = 0 if total <= 0 else round(width * min(done, total) / total)
        full, empty = ("█", "░") if self.unicode else ("#", "-")
        return "[" + self.good(full * filled) + empty * (width - filled) + "]"

    @property
    def dot(self) -> str:
        return "·" if self.unicode else "-"


def clock(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss``) for a countdown or a duration."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:d}:{secs:02d}"


def relative(at: float, now: float) -> str:
    """When ``at`` is, seen from ``now``: "now", "in 3 h", "in 2 days", "1 day ago"."""
    delta = at - now
    if abs(delta) < 60:
        return "now"
    amount = abs(delta)
    if amount < 3600:
        text = f"{round(amount / 60)} min"
    elif amount < 22 * 3600:
        text = f"{round(amount / 3600)} h"
    else:
        days = max(1, round(amount / 86400))
        text = f"{days} day" + ("s" if days != 1 else "")
    return f"in {text}" if delta > 0 else f"{text} ago"


def due_text(due_at: float | None, now: float) -> str:
    """The "next review" column: new, now, in 2 days."""
    if due_at is None:
        return "new"
    if due_at <= now:
        return "now"
    return relative(due_at, now)


def date(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(ts))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    paint: Sequence[Sequence[tuple[str, ...]]] | None = None,
    style: Style | None = None,
) -> list[str]:
    """Align ``rows`` under ``headers``; ``right`` lists right-aligned columns, ``paint``
    gives per-cell styles (widths are measured on the plain text)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str], styles: Sequence[tuple[str, ...]] | None) -> str:
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            text = cell.rjust(width) if i in right else cell.ljust(width)
            if styles and styles[i] and style is not None:
                text = style.paint(text, *styles[i])
            out.append(text)
        return "  ".join(out).rstrip()

    head = line(headers, [("bold",)] * len(headers) if style else None)
    lines = [head]
    for n, row in enumerate(rows):
        lines.append(line(row, paint[n] if paint else None))
    return lines
