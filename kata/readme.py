"""Keep README.md's catalog table in step with kata/catalog.toml.

``python -m kata.readme`` rewrites the table between the ``<!-- catalog:start -->`` and
``<!-- catalog:end -->`` markers; the contract test fails when it is out of date.
"""

from __future__ import annotations

from kata.catalog import ROOT, load_catalog

README = ROOT / "README.md"
START, END = "<!-- catalog:start -->", "<!-- catalog:end -->"


def catalog_table() -> str:
    """The Markdown table of every kata, in catalog order."""
    lines = [
        "| kata | what you write | difficulty | target | hints | cheatsheet |",
        "|---|---|---|---|---|---|",
    ]
    for k in load_catalog():
        exercise = k.exercise_path.relative_to(ROOT).as_posix()
        hints = k.hints_path.relative_to(ROOT).as_posix()
        sheet = k.cheatsheet_path.relative_to(ROOT).as_posix()
        lines.append(
            f"| [`{k.id}`]({exercise}) | {k.title} | {k.difficulty} ({k.difficulty_label}) "
            f"| {k.minutes} min | [hints]({hints}) | [{k.topic}]({sheet}) |"
        )
    return "\n".join(lines)


def render(text: str) -> str:
    """``text`` with the block between the markers replaced by the current table."""
    head, sep, rest = text.partition(START)
    _, sep_end, tail = rest.partition(END)
    if not sep or not sep_end:
        raise ValueError(f"README.md must contain {START} and {END}")
    return f"{head}{START}\n{catalog_table()}\n{END}{tail}"


def main() -> None:
    text = README.read_text()
    new = render(text)
    if new != text:
        README.write_text(new)
        print("README.md: catalog table updated")
    else:
        print("README.md: catalog table already up to date")


if __name__ == "__main__":
    main()
