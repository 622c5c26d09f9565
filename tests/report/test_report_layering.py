"""The report layer reads only the report dict: it never imports the CLI/app layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORT_DIR = Path(__file__).resolve().parents[2] / "analyzer" / "report"
FORBIDDEN = (
    "analyzer.cli",
    "analyzer.commands",
    "analyzer.app",
    "analyzer.analysis",
    "analyzer.options",
    "analyzer.compare",
    "analyzer.query",
    "analyzer.__main__",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted(REPORT_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_upward_imports(module: Path) -> None:
    bad = sorted(n for n in _imports(module) if n.startswith(FORBIDDEN))
    assert bad == []


def test_modules_found() -> None:
    assert len(list(REPORT_DIR.glob("*.py"))) >= 10
