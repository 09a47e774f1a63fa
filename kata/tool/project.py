"""The repository as the tool sees it: the catalog's katas, where their files live, and how a
learner names a kata or a topic on the command line.

The katas and the layout of their five parts come from ``kata.catalog`` (the single
catalog); a ``Project`` only re-roots those paths, so tests can point the tool at a small
kata tree of their own.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import tomllib
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


def _looks_like_path(text: str) -> bool:
    """A file name or path rather than ``topic/name`` or ``name``."""
    return (
        text.endswith((".py", ".md"))
        or "\\" in text
        or "::" in text
        or text.count("/") > 1
        or text.startswith((".", "/", "~"))
    )


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
    def default(cls, cwd: Path | None = None) -> Project:
        """The repository the learner is in: the nearest folder at or above ``cwd`` that
        holds ``kata/catalog.toml``; outside any, the one this package belongs to."""
        root = find_root(Path.cwd() if cwd is None else cwd)
        if root is None or root == catalog.ROOT.resolve():
            return cls(catalog.ROOT, catalog.load_catalog())
        return cls(root, load_catalog_file(root / "kata" / "catalog.toml"))

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

    def resolve(self, text: str, cwd: Path | None = None) -> Kata:
        """The kata named ``text``: ``topic/name``, a unique ``name``, or the path of one of
        its files (``exercises/foundations/softmax.py``, its solution, its tests, its
        hints; relative to ``cwd`` or to the root, or absolute). Otherwise a ToolError that
        suggests close matches; a path outside the kata files is refused."""
        raw = text.strip()
        if _looks_like_path(raw):
            kata = self.kata_for_path(raw, cwd)
            if kata is not None:
                return kata
            if not _ID.fullmatch(raw.lower()):
                raise ToolError(
                    f"{raw!r} is not a kata id, nor the file of a kata (exercises/, "
                    "solutions/, tests/ or hints/ of this repository): ids look like "
                    f"topic/name, e.g. {self._example()} (python -m kata list shows them all)"
                )
        text = raw.lower()
        if not _ID.fullmatch(text):
            raise ToolError(
                f"{text!r} is not a kata id: ids look like topic/name, e.g. "
                f"{self._example()} (python -m kata list shows them all)"
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

    def _example(self) -> str:
        return self.katas[0].id if self.katas else "foundations/softmax"

    def kata_for_path(self, text: str, cwd: Path | None = None) -> Kata | None:
        """The kata one of whose files is at ``text`` (a test's ``::name`` is ignored)."""
        text = text.split("::", 1)[0]
        given = Path(text).expanduser()
        root = self.root.resolve()
        places = [given] if given.is_absolute() else [Path(cwd or Path.cwd()) / given]
        if not given.is_absolute():
            places.append(root / given)
        for place in places:
            try:
                rel = Path(os.path.abspath(place)).resolve().relative_to(root)
            except (ValueError, OSError):
                continue
            kata = self._kata_at(rel)
            if kata is not None:
                return kata
        return None

    def _kata_at(self, rel: Path) -> Kata | None:
        if len(rel.parts) != 3:
            return None
        folder, topic, filename = rel.parts
        stem, suffix = os.path.splitext(filename)
        if folder == "tests" and stem.startswith("test_") and suffix in (".py", ""):
            stem = stem[len("test_") :]
        elif not (folder in ("exercises", "solutions") and suffix in (".py", "")) and not (
            folder == "hints" and suffix in (".md", "")
        ):
            return None
        return self.by_id().get(f"{topic}/{stem}")

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


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that is a kata repository."""
    try:
        here = Path(start).resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        if (folder / "kata" / "catalog.toml").is_file():
            return folder
    return None


def load_catalog_file(path: Path) -> tuple[Kata, ...]:
    """The katas of another checkout's catalog (same format as ``kata.catalog``'s)."""
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
        levels = {int(k): v for k, v in data["difficulty"].items()}
        return tuple(
            Kata(
                id=entry["id"],
                title=entry["title"],
                difficulty=entry["difficulty"],
                difficulty_label=levels[entry["difficulty"]]["label"],
                minutes=levels[entry["difficulty"]]["minutes"],
                prerequisites=tuple(entry.get("prerequisites", ())),
            )
            for entry in data["kata"]
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ToolError(f"cannot read the catalog {path}: {exc}") from None
