"""The blind statement (kata/statement.py): which sections of a stub's docstring a mock
interview keeps, and a stub whose docstring is replaced with nothing else changed."""

import ast

import pytest

from kata.statement import blind_statement, blind_stub, section_label

FULL = """\
Kata demo/thing: a thing.

Difficulty 2 (standard), target time 30 minutes.

Write thing(x), which does the thing.
It takes two paragraphs to say.

Second task paragraph: still the task.

Math:
    thing(x) = x ** 2 + SECRET_FORMULA

Shapes: x is (n, d); the result is (n,).
Conventions:
- ties go to the first index;
- Requirements: this line only looks like a label.
Complexity: O(n d) SECRET_COMPLEXITY.
Pitfalls:
- SECRET_PITFALL: forgetting the square.
Worked example:
    thing([1, 2]) = SECRET_EXAMPLE

Run `pytest --kata demo/thing` to check your work; hints are in hints/demo/thing.md.
"""

BLIND = """\
Kata demo/thing: a thing.

Difficulty 2 (standard), target time 30 minutes.

Write thing(x), which does the thing.
It takes two paragraphs to say.

Second task paragraph: still the task.

Shapes: x is (n, d); the result is (n,).
Conventions:
- ties go to the first index;
- Requirements: this line only looks like a label.

Run `pytest --kata demo/thing` to check your work; hints are in hints/demo/thing.md.
"""


def test_blind_keeps_task_shapes_conventions_and_run_line_and_drops_the_rest():
    assert blind_statement(FULL) == BLIND


def test_labels_only_count_at_column_zero():
    assert section_label("Math:") == "Math"
    assert section_label("Shapes: X is (n, d)") == "Shapes"
    assert section_label("Worked example:") == "Worked example"
    assert section_label("    Math: indented, part of a block") is None
    assert section_label("Requirements:") is None
    assert section_label("Mathematics: not the label") is None


def test_sections_in_any_order_and_blank_lines_inside_a_section():
    doc = (
        "Kata a/b: t.\n\nDifficulty 1 (warm-up), target time 15 minutes.\n\nDo it.\n\n"
        "Pitfalls:\n- drop me\n\n- me too\n\nShapes: keep me\n\nstill shapes\n"
        "Math:\n    drop\n\nConventions:\n- keep\n\nRun `pytest --kata a/b`.\n"
    )
    assert blind_statement(doc) == (
        "Kata a/b: t.\n\nDifficulty 1 (warm-up), target time 15 minutes.\n\nDo it.\n\n"
        "Shapes: keep me\n\nstill shapes\nConventions:\n- keep\n\nRun `pytest --kata a/b`.\n"
    )


def test_an_old_layout_keeps_everything_up_to_the_first_dropped_label():
    # Stubs not yet rewritten: formulas inline, "Requirements:" (not a label) later on.
    old = (
        "Kata a/b: t.\n\nDifficulty 1 (warm-up), target time 15 minutes.\n\nDo it:\n\n"
        "    f(x) = inline formula\n\nShapes: x is (n,).\n\n"
        "Complexity: O(n).\n\nRequirements:\n- no loops\n\nWorked example:\n    f(1) = 2\n\n"
        "Run `pytest -k b` to check your work; hints are in hints/a/b.md.\n"
    )
    assert blind_statement(old) == (
        "Kata a/b: t.\n\nDifficulty 1 (warm-up), target time 15 minutes.\n\nDo it:\n\n"
        "    f(x) = inline formula\n\nShapes: x is (n,).\n\n"
        "Run `pytest -k b` to check your work; hints are in hints/a/b.md.\n"
    )


@pytest.mark.parametrize(
    "doc",
    [
        "Kata a/b: no labels at all.\n\nDifficulty 1, target time 15 minutes.\n\nJust text.\n",
        "Kata a/b: no run line.\n\nMath:\n    x\n",
        "Math:\n    everything is math\n",  # would be empty: comes back whole
        "",
        "\n\n",
        "Run `pytest`.",
        "Kata a/b: one line",
    ],
)
def test_never_empty_never_a_crash(doc):
    blind = blind_statement(doc)
    assert isinstance(blind, str)
    if doc.strip():
        assert blind.strip(), "a statement is never blanked"
        assert blind.splitlines()[0] == doc.splitlines()[0] or doc.startswith("Math")
    if "Math" not in doc:
        assert blind == doc


def test_the_final_run_line_is_kept_even_after_a_dropped_section():
    run = "Run `pytest --kata a/b` to check\nyour work.\n"
    doc = "Kata a/b: t.\n\nWorked example:\n    x\n\n" + run
    assert blind_statement(doc) == "Kata a/b: t.\n\n" + run


CODE = '''

import numpy as np  # noqa: F401  (you will need it)


def thing(x):
    """The API's docstring stays as is.

    Math: even a label-looking line here is not touched.
    """
    raise NotImplementedError("thing")
'''


def _stub(prefix: str, quote: str, doc: str = FULL) -> str:
    return f"{prefix}{quote}{doc}{quote}" + CODE


@pytest.mark.parametrize(("prefix", "quote"), [("", '"""'), ("", "'''"), ("r", '"""')])
def test_blind_stub_replaces_only_the_module_docstring(prefix, quote):
    source = _stub(prefix, quote)
    blind = blind_stub(source)
    assert ast.get_docstring(ast.parse(blind), clean=False) == BLIND
    assert blind == _stub(prefix, quote, BLIND), "quotes kept, the code byte for byte"
    assert blind.endswith(CODE)
    assert "SECRET" not in blind


def test_blind_stub_with_escapes_non_ascii_and_a_leading_comment():
    doc = FULL.replace("does the thing.", 'does the "thing" \\\\ (x -> x²) ✓.')
    header = "# -*- coding: utf-8 -*-\n# café\n"
    source = header + '"""' + doc + '"""' + CODE
    blind = blind_stub(source)
    expected = BLIND.replace("does the thing.", 'does the "thing" \\ (x -> x²) ✓.')
    assert ast.get_docstring(ast.parse(blind), clean=False) == expected
    assert blind.startswith(header) and blind.endswith(CODE)


def test_blind_stub_whose_new_text_needs_escaping_stays_exact():
    doc = FULL.replace("Second task paragraph", 'It says """ inside')
    source = "'''" + doc + "'''" + CODE  # fine in ''' quotes
    assert ast.get_docstring(ast.parse(blind_stub(source)), clean=False) == BLIND.replace(
        "Second task paragraph", 'It says """ inside'
    )
    source = '"""' + doc.replace('"""', '\\"\\"\\"') + '"""' + CODE
    assert ast.literal_eval(source.split(CODE)[0]) == doc
    blind = blind_stub(source)
    assert ast.get_docstring(ast.parse(blind), clean=False) == BLIND.replace(
        "Second task paragraph", 'It says """ inside'
    )
    assert blind.endswith(CODE)


@pytest.mark.parametrize(
    "source",
    [
        "def f(:\n    pass\n",  # does not parse
        "x = 1\n",  # no docstring
        '"""Kata a/b: nothing to drop."""\nx = 1\n',
        "",
    ],
)
def test_blind_stub_leaves_other_sources_alone(source):
    assert blind_stub(source) == source
