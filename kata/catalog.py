"""The kata catalog, read from ``catalog.toml`` beside this file.

One place says which katas exist, their titles, topics, difficulties, target times and
prerequisites; everything else (the test plugin, the README table, the practice tool)
asks this module rather than keeping a list of its own.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: The repository root: the folder that holds exercises/, solutions/, tests/, ...
ROOT = Path(__file__).resolve().parent.parent
CATALOG_FILE = Path(__file__).with_name("catalog.toml")

#: The two sets a kata module can be loaded from.
KATA_SETS = ("exercises", "solutions")


@dataclass(frozen=True)
class Kata:
    """One catalogued kata and where its five parts live."""

    id: str
    title: str
    difficulty: int
    difficulty_label: str
    minutes: int
    prerequisites: tuple[str, ...]

    @property
    def topic(self) -> str:
        return self.id.split("/")[0]

    @property
    def name(self) -> str:
        return self.id.split("/")[1]

    def module_name(self, kata_set: str) -> str:
        """The dotted module name in ``kata_set`` ("exercises" or "solutions")."""
        return f"{kata_set}.{self.topic}.{self.name}"

    def source_path(self, kata_set: str) -> Path:
        return ROOT / kata_set / self.topic / f"{self.name}.py"

    @property
    def exercise_path(self) -> Path:
        return self.source_path("exercises")

    @property
    def solution_path(self) -> Path:
        return self.source_path("solutions")

    @property
    def test_path(self) -> Path:
        return ROOT / "tests" / self.topic / f"test_{self.name}.py"

    @property
    def hints_path(self) -> Path:
        return ROOT / "hints" / self.topic / f"{self.name}.md"

    @property
    def cheatsheet_path(self) -> Path:
        return ROOT / "cheatsheets" / f"{self.topic}.md"


class UnknownKataError(ValueError):
    """An id that is not in the catalog; the message suggests close matches."""


@cache
def load_catalog() -> tuple[Kata, ...]:
    """All katas, in catalog order."""
    with CATALOG_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    levels = {int(k): v for k, v in data["difficulty"].items()}
    katas = []
    for entry in data["kata"]:
        level = levels[entry["difficulty"]]
        katas.append(
            Kata(
                id=entry["id"],
                title=entry["title"],
                difficulty=entry["difficulty"],
                difficulty_label=level["label"],
                minutes=level["minutes"],
                prerequisites=tuple(entry.get("prerequisites", ())),
            )
        )
    return tuple(katas)


def kata_ids() -> list[str]:
    return [k.id for k in load_catalog()]


def topics() -> list[str]:
    """Topics in catalog order, each once."""
    return list(dict.fromkeys(k.topic for k in load_catalog()))


def get_kata(kata_id: str) -> Kata:
    """Look up a kata by id (``topic/name``) or by its unique short name (``name``)."""
    by_id = {k.id: k for k in load_catalog()}
    if kata_id in by_id:
        return by_id[kata_id]
    by_name = [k for k in load_catalog() if k.name == kata_id]
    if len(by_name) == 1:
        return by_name[0]
    candidates = list(by_id) + [k.name for k in load_catalog()]
    close = difflib.get_close_matches(kata_id, candidates, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UnknownKataError(f"Unknown kata {kata_id!r}.{hint}")


def kata_for_test_file(path: Path) -> Kata | None:
    """The kata a test file belongs to (tests/<topic>/test_<name>.py), or None."""
    try:
        rel = Path(path).resolve().relative_to(ROOT / "tests")
    except ValueError:
        return None
    if len(rel.parts) != 2 or not rel.name.startswith("test_"):
        return None
    kata_id = f"{rel.parts[0]}/{rel.stem[len('test_') :]}"
    return next((k for k in load_catalog() if k.id == kata_id), None)
