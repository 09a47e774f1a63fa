"""What makes an exercise file an untouched stub, shared by the contract test and the tool.

A stub's functions and methods (all but ``__init__``) raise ``NotImplementedError``; a
learner's solution replaces those raises with code.
"""

from __future__ import annotations

import ast


def _raises_not_implemented(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name) and target.id == "NotImplementedError":
                return True
    return False


def implemented_functions(source: str) -> list[str]:
    """Names of the functions/methods (other than ``__init__``) that do not raise
    ``NotImplementedError``: in a pristine stub, none."""
    tree = ast.parse(source)
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name != "__init__"
        and not _raises_not_implemented(node)
    ]


def is_pristine_stub(source: str) -> bool:
    """True when every learner-facing body still raises ``NotImplementedError``."""
    try:
        return not implemented_functions(source)
    except SyntaxError:
        return False
