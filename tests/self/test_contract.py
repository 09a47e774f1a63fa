"""The repository's contract, checked in both modes (exercises and solutions).

- every catalogued kata has its five parts, and no part exists without a catalog entry;
- each stub has exactly its solution's public names, signatures and docstrings;
- every learner-facing stub body raises NotImplementedError (plumbing such as __init__ and
  input validation may stay), and no stub hides a helper that does the work.
"""

import ast
import inspect
import re

import pytest

from kata.catalog import ROOT, load_catalog, topics
from kata.loader import load_kata
from kata.stubs import implemented_functions

CATALOG = load_catalog()
IDS = [k.id for k in CATALOG]
HINT_HEADING = re.compile(r"^## Hint (\d+)\b", re.MULTILINE)
SECTION_HEADING = re.compile(r"^## .*\(`([a-z_]+/[a-z0-9_]+)`\)\s*$", re.MULTILINE)
#: Test folders that hold the project's own tests rather than a topic's katas.
NON_KATA_TEST_DIRS = {"self", "tool", "figures"}
FIGURE_LINK = re.compile(r"!\[[^\]]*\]\(([^)]+\.png)\)")


def cheatsheet_sections(topic: str) -> list[str]:
    path = ROOT / "cheatsheets" / f"{topic}.md"
    return SECTION_HEADING.findall(path.read_text()) if path.exists() else []


@pytest.mark.parametrize("kata", CATALOG, ids=IDS)
def test_every_kata_has_its_five_parts(kata):
    for part in (kata.exercise_path, kata.solution_path, kata.test_path, kata.hints_path):
        assert part.is_file(), f"{kata.id}: missing {part.relative_to(ROOT)}"
    levels = [int(n) for n in HINT_HEADING.findall(kata.hints_path.read_text())]
    assert levels == [1, 2, 3], (
        f"{kata.hints_path.relative_to(ROOT)} must have '## Hint 1', '## Hint 2' and "
        f"'## Hint 3' headings in order, found levels {levels}"
    )
    assert kata.id in cheatsheet_sections(kata.topic), (
        f"cheatsheets/{kata.topic}.md has no section heading ending in (`{kata.id}`)"
    )


def test_catalog_is_consistent():
    assert len(set(IDS)) == len(IDS), "duplicate kata ids in kata/catalog.toml"
    for kata in CATALOG:
        assert re.fullmatch(r"[a-z_]+/[a-z0-9_]+", kata.id), f"bad kata id {kata.id!r}"
        for prereq in kata.prerequisites:
            assert prereq in IDS, f"{kata.id}: unknown prerequisite {prereq!r}"


def test_no_part_is_orphaned():
    known = set(IDS)
    found = []
    for kata_set in ("exercises", "solutions"):
        found += [
            (p, f"{p.parent.name}/{p.stem}")
            for p in (ROOT / kata_set).glob("*/*.py")
            if p.name != "__init__.py"
        ]
    found += [
        (p, f"{p.parent.name}/{p.stem[5:]}")
        for p in (ROOT / "tests").glob("*/test_*.py")
        if p.parent.name not in NON_KATA_TEST_DIRS
    ]
    found += [(p, f"{p.parent.name}/{p.stem}") for p in (ROOT / "hints").glob("*/*.md")]
    orphans = [str(p.relative_to(ROOT)) for p, kata_id in found if kata_id not in known]
    for sheet in (ROOT / "cheatsheets").glob("*.md"):
        assert sheet.stem in topics(), f"cheatsheets/{sheet.name} is not a catalogued topic"
        orphans += [
            f"{sheet.name}: {i}"
            for i in SECTION_HEADING.findall(sheet.read_text())
            if i not in known
        ]
    assert not orphans, f"parts with no catalog entry in kata/catalog.toml: {orphans}"


def test_cheatsheet_figures_exist():
    missing = []
    for sheet in (ROOT / "cheatsheets").glob("*.md"):
        for link in FIGURE_LINK.findall(sheet.read_text()):
            if not (sheet.parent / link).is_file():
                missing.append(f"{sheet.name}: {link}")
    assert not missing, f"figures referenced but not generated (python -m kata.figures): {missing}"


# --- stub versus solution ---------------------------------------------------------------


def require_sources(kata) -> None:
    for path in (kata.exercise_path, kata.solution_path):
        if not path.is_file():
            pytest.fail(f"{kata.id}: missing {path.relative_to(ROOT)}")


def public_api(module) -> dict[str, object]:
    """Public functions and classes defined in ``module`` itself (not imported)."""
    return {
        name: obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == module.__name__
    }


def members(cls) -> dict[str, object]:
    """A class's own public methods and properties, plus __init__."""
    return {
        name: obj
        for name, obj in vars(cls).items()
        if (not name.startswith("_") or name == "__init__")
        and (inspect.isfunction(obj) or isinstance(obj, (property, staticmethod, classmethod)))
    }


def describe(obj) -> tuple[str, str | None]:
    func = obj.fget if isinstance(obj, property) else getattr(obj, "__func__", obj)
    return str(inspect.signature(func)), inspect.getdoc(obj)


@pytest.mark.parametrize("kata", CATALOG, ids=IDS)
def test_stub_has_exactly_the_solution_interface(kata):
    require_sources(kata)
    stub = load_kata(kata.id, "exercises", strict=True)
    solution = load_kata(kata.id, "solutions", strict=True)
    stub_api, solution_api = public_api(stub), public_api(solution)
    assert sorted(stub_api) == sorted(solution_api), (
        f"{kata.id}: public names differ: stub {sorted(stub_api)}, solution {sorted(solution_api)}"
    )
    for name, sol_obj in solution_api.items():
        stub_obj = stub_api[name]
        assert describe(stub_obj) == describe(sol_obj), (
            f"{kata.id}: {name} differs in signature or docstring between stub and solution"
        )
        if inspect.isclass(sol_obj):
            stub_members, sol_members = members(stub_obj), members(sol_obj)
            assert sorted(stub_members) == sorted(sol_members), (
                f"{kata.id}: {name} methods differ: stub {sorted(stub_members)}, "
                f"solution {sorted(sol_members)}"
            )
            for member, sol_member in sol_members.items():
                assert describe(stub_members[member]) == describe(sol_member), (
                    f"{kata.id}: {name}.{member} differs in signature or docstring"
                )


@pytest.mark.parametrize("kata", CATALOG, ids=IDS)
def test_stub_bodies_raise_not_implemented(kata):
    require_sources(kata)
    tree = ast.parse(kata.exercise_path.read_text())
    doc = ast.get_docstring(tree) or ""
    assert doc.startswith(f"Kata {kata.id}:"), (
        f"{kata.id}: the stub's module docstring must open with 'Kata {kata.id}:'"
    )
    assert f"target time {kata.minutes} minutes" in doc, (
        f"{kata.id}: the stub's statement must give the catalog's target time "
        f"('target time {kata.minutes} minutes')"
    )
    solved = implemented_functions(kata.exercise_path.read_text())
    assert not solved, (
        f"{kata.id}: these stub functions do not raise NotImplementedError, so they would "
        f"hand the learner part of the answer: {solved}"
    )


def test_readme_catalog_table_is_current():
    from kata.readme import README, render

    text = README.read_text()
    assert render(text) == text, "README.md's catalog table is stale: run python -m kata.readme"


def test_the_project_names_nothing_outside_itself():
    # The repository must stand alone: no file may point at a contract or a guide that
    # ships elsewhere (the catalog used to).
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:
        pytest.skip("not a git checkout")
    outside = re.compile(r"\.\./shared\b|\bshared/KATA|KATAS\.md|KATA_GUIDE\.md")
    offenders = []
    for rel in listed:
        path = ROOT / rel
        if (
            path.suffix not in {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ""}
            or not path.is_file()
        ):
            continue
        if outside.search(path.read_text(errors="replace")):
            offenders.append(rel)
    assert not offenders, f"files that name something outside the repository: {offenders}"
