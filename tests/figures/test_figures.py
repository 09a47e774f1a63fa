"""Every registered cheatsheet figure draws headlessly, and every cheatsheet links its own."""

import re

import pytest

from kata.catalog import ROOT
from kata.figures import all_figures, render

FIGURES = all_figures()


@pytest.mark.parametrize("spec", FIGURES, ids=[s.filename for s in FIGURES])
def test_figure_renders_and_is_linked_from_its_cheatsheet(spec, tmp_path):
    path = render(spec, tmp_path)
    assert path.stat().st_size > 1000, f"{spec.filename} is suspiciously small"
    topic = spec.kata_id.split("/")[0]
    sheet = (ROOT / "cheatsheets" / f"{topic}.md").read_text()
    assert re.search(rf"\]\(figures/{re.escape(spec.filename)}\)", sheet), (
        f"cheatsheets/{topic}.md does not link figures/{spec.filename}"
    )
