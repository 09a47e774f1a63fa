"""The repository as the tool sees it: the catalog's katas, where their files live, and how a
learner names a kata or a topic on the command line.

The katas and the layout of their five parts come from ``kata.catalog`` (the single
catalog); a ``Project`` only re-roots those paths, so tests can point the tool at a small
kata tree of their own.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kata import catalog
from kata.catalog import Kata


class ToolError(Exception):
    """A problem the learner can fix (unknown kata, missing file, bad flag value...): the
    command prints the message on one line and exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


#: What a kata id (``topic/name``) or a short name (``name``) may look like.
_ID = re.compile(r"[a-z0-9_]+(/[a-z0-9_]+)?")
PARTS = ("exercise", "solution", "test", "hints", "cheatsheet")
_HINT = re.compile(r"^## Hint (\d+)\b[:.]?[ \t]*(.*)$", re.MULTILINE)


def read(path: Path) -> str:
    """A text file of the repository; bytes that are not UTF-8 never stop the tool."""
    return Path(path).read_text(encoding="utf-8", errors="replace")


@dataclass(frozen=True)
class Hint:
    level: int
    title: str
    body: str


@dataclass(frozen=True)
class Project:
    """A kata repository: its ``root`` folder and its catalogued ``katas`` (catalog order)."""

    root: Path
    katas: tuple[Kata, ...]

    @classmethod
    def default(cls) -> Project:
        return cls(catalog.ROOT, catalog.load_catalog())

    # --- places -------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        """``.kata/``: history and backups (git-ignored)."""
        return self.root / ".kata"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    def path(self, kata: Kata, part: str) -> Path:
        """Where ``part`` (one of ``PARTS``) of ``kata`` lives under this project's root."""
        in_catalog_root = {
            "exercise": kata.exercise_path,
            "solution": kata.solution_path,
            "test": kata.test_path,
            "hints": kata.hints_path,
            "cheatsheet": kata.cheatsheet_path,
        }[part]
        return self.root / in_catalog_root.relative_to(catalog.ROOT)

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, as the learner types it."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def missing(self, kata: Kata) -> list[str]:
        """The parts a practice session needs (stub and tests) that do not exist yet."""
        return [
            self.rel(self.path(kata, part))
            for part in ("exercise", "test")
            if not self.path(kata, part).is_file()
        ]

    def available(self, kata: Kata) -> bool:
        return not self.missing(kata)

    # --- names --------------------------------------------------------------------------

    def topics(self) -> list[str]:
        return list(dict.fromkeys(k.topic for k in self.katas))

    def by_id(self) -> dict[str, Kata]:
        return {k.id: k for k in self.katas}

    def resolve(self, text: str) -> Kata:
        """The kata named ``text`` (``topic/name`` or a unique ``name``), or a ToolError
        that suggests close matches. Anything that looks like a path is refused."""
        text = text.strip().lower()
        if not _ID.fullmatch(text):
            raise ToolError(
                f"{text!r} is not a kata id: ids look like topic/name, e.g. "
                f"{self.katas[0].id if self.katas else 'foundations/softmax'} "
                "(python -m kata list shows them all)"
            )
        katas = self.by_id()
        if text in katas:
            return katas[text]
        by_name = [k for k in self.katas if k.name == text]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            names = ", ".join(k.id for k in by_name)
            raise ToolError(f"{text!r} is the name of several katas: say which one ({names})")
        candidates = list(katas) + [k.name for k in self.katas]
        close = difflib.get_close_matches(text, candidates, n=3, cutoff=0.5)
        ids = list(dict.fromkeys(c if c in katas else self._id_of(c) for c in close))
        hint = f" Did you mean {' or '.join(ids)}?" if ids else " See python -m kata list."
        raise ToolError(f"unknown kata {text!r}.{hint}")

    def _id_of(self, name: str) -> str:
        return next(k.id for k in self.katas if k.name == name)

    def resolve_topic(self, text: str) -> str:
        text = text.strip().lower()
        topics = self.topics()
        if text in topics:
            return text
        close = difflib.get_close_matches(text, topics, n=2, cutoff=0.5)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        raise ToolError(f"unknown topic {text!r}.{hint} Topics: {', '.join(topics)}")

    # --- contents -----------------------------------------------------------------------

    def statement(self, kata: Kata, source: str | None = None) -> str | None:
        """The problem statement: the stub's module docstring (``source``, or the file)."""
        if source is None:
            path = self.path(kata, "exercise")
            if not path.is_file():
                return None
            source = read(path)
        try:
            return ast.get_docstring(ast.parse(source))
        except SyntaxError:
            return None

    def hints(self, kata: Kata) -> list[Hint]:
        """The hint levels of ``hints/<topic>/<name>.md``, in order ([] if none yet)."""
        path = self.path(kata, "hints")
        if not path.is_file():
            return []
        text = read(path)
        heads = list(_HINT.finditer(text))
        hints = []
        for i, head in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            body = text[head.end() : end].strip()
            hints.append(Hint(int(head.group(1)), head.group(2).strip(), body))
        return hints

    def cheatsheet_line(self, kata: Kata) -> int | None:
        """The line of the kata's section heading in its topic's cheatsheet, if any."""
        path = self.path(kata, "cheatsheet")
        if not path.is_file():
            return None
        for number, line in enumerate(read(path).splitlines(), 1):
            if line.startswith("## ") and line.rstrip().endswith(f"(`{kata.id}`)"):
                return number
        return None
