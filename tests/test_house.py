"""The package layout's rules, checked on the source: imports one way, small functions.

`schemas` is the bottom layer (block types, errors, table schemas, vocabularies),
`normalise` builds on it, `extract` (readers, application, writers, commands) on
both. An upward import would let a reader's internals leak into the rules that
interpret its output, which is what made the old layout hard to change. Function
complexity is ruff's job (C901 in pyproject.toml); length is checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What each package may import from the project's own packages.
ALLOWED = {
    "schemas": {"schemas"},
    "normalise": {"schemas", "normalise"},
    "extract": {"schemas", "normalise", "extract"},
}
MAX_FUNCTION_LINES = 70


def _modules() -> list[Path]:
    return sorted(p for package in ALLOWED for p in (ROOT / package).rglob("*.py"))


def _imported_packages(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path: Path) -> None:
    package = path.relative_to(ROOT).parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _imported_packages(tree) <= ALLOWED[package]


def test_no_function_is_long() -> None:
    long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.name} ({lines})")
    assert long == []
