"""The blind statement of a kata: its stub's docstring without the parts that give it away.

A stub's module docstring follows a fixed layout (see any file in ``exercises/``): the title
line, the difficulty line, one or two paragraphs saying what to build, then sections that
each start with a label at column 0 followed by a colon (the text may go on on the same
line), and a last paragraph "Run `pytest --kata ID` to check your work; ...".

For a mock interview (``python -m kata interview``, ``practice --blind``) the statement
keeps what a candidate is told in the room: the title, the difficulty, the task, the
``Shapes`` and the pinned ``Conventions`` (defaults, tie-breaking, errors raised) and the
final "Run ..." line. It drops what they must recall themselves: ``Math``, ``Complexity``,
``Pitfalls`` and ``Worked example``. A section runs until the next label; a line that
merely looks like a label ("Requirements:") belongs to the section it is in, so a
docstring in an older layout keeps everything up to its first dropped label. The API
(function and class docstrings) is never touched.
"""

from __future__ import annotations

import ast
import re

#: Sections kept in the blind statement, and sections dropped from it.
KEPT_LABELS = ("Shapes", "Conventions")
DROPPED_LABELS = ("Math", "Complexity", "Pitfalls", "Worked example")

_LABEL = re.compile(
    r"^(?P<label>Math|Shapes|Conventions|Complexity|Pitfalls|Worked examples?)[ \t]*:"
)
_RUN = re.compile(r"^Run\b")


def section_label(line: str) -> str | None:
    """The label a line starts (``"Math"``, ...), or None; only at column 0."""
    match = _LABEL.match(line)
    if match is None:
        return None
    label = match.group("label")
    return "Worked example" if label.startswith("Worked example") else label


def _run_paragraph(lines: list[str]) -> int | None:
    """The index of the first line of the last paragraph if it is the "Run ..." line."""
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last < 0:
        return None
    first = last
    while first > 0 and lines[first - 1].strip():
        first -= 1
    return first if _RUN.match(lines[first]) else None


def blind_statement(docstring: str) -> str:
    """``docstring`` without its Math, Complexity, Pitfalls and Worked example sections.

    Leading text, the Shapes and Conventions sections and the final "Run ..." paragraph
    are kept line for line; runs of blank lines left by a dropped section become one, and
    the trailing whitespace of ``docstring`` is kept. Never empty: a docstring that would
    lose everything comes back whole."""
    stripped = docstring.rstrip()
    tail = docstring[len(stripped) :]
    lines = stripped.split("\n")
    run = _run_paragraph(lines)
    body, closing = (lines, []) if run is None else (lines[:run], lines[run:])
    kept: list[str] = []
    keeping = True
    for line in body:
        label = section_label(line)
        if label is not None:
            keeping = label in KEPT_LABELS
        if keeping:
            if not line.strip() and (not kept or not kept[-1].strip()):
                continue  # one blank line between paragraphs, none at the start
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    if not kept:
        return docstring
    if closing:
        kept += ["", *closing]
    return "\n".join(kept) + tail


def _docstring_node(tree: ast.Module) -> ast.Constant | None:
    if not tree.body:
        return None
    first = tree.body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first.value
    return None


def _literal(text: str, original: str) -> str:
    """A string literal whose value is ``text``, in the style of ``original`` (its quotes
    and prefix) when that can represent it exactly, else an escaped triple-quoted one."""
    match = re.match(r"([rRuU]?)('''|\"\"\"|'|\")", original)
    prefix, quote = (match.group(1), match.group(2)) if match else ("", '"""')
    if len(quote) == 1:
        quote = quote * 3
    newline = "\r\n" if "\r\n" in original else "\n"
    candidates = []
    if prefix.lower() == "r":
        candidates.append(prefix + quote + text.replace("\n", newline) + quote)
    escaped = text.replace("\\", "\\\\").replace("\r", "\\r")
    if quote in text or text.endswith(quote[0]):
        escaped = escaped.replace(quote[0], "\\" + quote[0])
    keep_prefix = prefix if prefix.lower() == "u" else ""
    candidates.append(keep_prefix + quote + escaped.replace("\n", newline) + quote)
    for candidate in candidates:
        try:
            if ast.literal_eval(candidate.replace("\r\n", "\n")) == text:
                return candidate
        except (SyntaxError, ValueError):
            continue
    return repr(text)


def blind_stub(source: str) -> str:
    """``source`` with its module docstring replaced by ``blind_statement`` of it.

    Everything else, the code and the API's docstrings, stays byte for byte; the
    docstring keeps its quotes and prefix where it can. Source that does not parse, or
    has no module docstring, comes back unchanged."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    node = _docstring_node(tree)
    if node is None or node.end_lineno is None or node.end_col_offset is None:
        return source
    blind = blind_statement(node.value)
    if blind == node.value:
        return source
    # ast positions are line numbers and UTF-8 byte offsets within the line.
    data = source.encode("utf-8")
    starts = [0]
    for index, byte in enumerate(data):
        if byte == 0x0A:
            starts.append(index + 1)
    begin = starts[node.lineno - 1] + node.col_offset
    end = starts[node.end_lineno - 1] + node.end_col_offset
    original = data[begin:end].decode("utf-8")
    literal = _literal(blind, original)
    return (data[:begin] + literal.encode("utf-8") + data[end:]).decode("utf-8")
