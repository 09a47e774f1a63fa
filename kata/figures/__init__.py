"""Cheatsheet figures, regenerated headlessly by ``python -m kata.figures``.

Each kata with a figure has a module here named after the kata (``kmeans.py``) that
decorates its drawing functions with ``@figure("<kata id>", "<file>.png")``. A drawing
function takes no argument and returns a matplotlib ``Figure``; it uses the reference
solutions (``load_kata(id, "solutions")``) and fixed seeds, so every run draws the same.
Files land in ``cheatsheets/figures/``, where the cheatsheets link them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kata.catalog import ROOT

FIGURE_DIR = ROOT / "cheatsheets" / "figures"


@dataclass(frozen=True)
class FigureSpec:
    kata_id: str
    filename: str
    draw: Callable


_REGISTRY: list[FigureSpec] = []


def figure(kata_id: str, filename: str):
    """Register a drawing function for ``kata_id``'s cheatsheet section."""

    def register(draw: Callable) -> Callable:
        _REGISTRY.append(FigureSpec(kata_id, filename, draw))
        return draw

    return register


def all_figures() -> list[FigureSpec]:
    """Every registered figure (importing each figure module once)."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return sorted(_REGISTRY, key=lambda spec: (spec.kata_id, spec.filename))


def render(spec: FigureSpec, out_dir: Path = FIGURE_DIR) -> Path:
    """Draw one figure and save it as PNG in ``out_dir``."""
    import matplotlib

    matplotlib.use("Agg")  # headless: no display needed
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    fig = spec.draw()
    path = out_dir / spec.filename
    # Fixed metadata so that regenerating unchanged figures gives identical files.
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)
    return path
