"""Import layering: bundle -> ingest -> rules -> assess -> report -> commands/cli; never back."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["bundle", "ingest", "rules", "assess", "report"]
TOP = {"cli", "commands", "explore", "app", "analysis", "diff", "fleet", "query", "options",
       "__main__"}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "analyzer" or len(parts) < 2:
        return None
    if parts[1] in ORDER:
        return ORDER.index(parts[1])
    if parts[1] in TOP:
        return len(ORDER)
    return -1  # shared: errors, limits, safetext, __init__


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_lower_layers_never_import_higher_ones() -> None:
    violations = []
    for path in sorted((ROOT / "analyzer").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        own = _layer(rel)
        if own is None:
            continue
        for mod in _imports(path):
            target = _layer(mod)
            if target is not None and own >= 0 and target > own:
                violations.append(f"{rel} imports {mod}")
            if own == -1 and target is not None and target >= 0:
                violations.append(f"shared module {rel} imports {mod}")
    assert violations == []


@pytest.mark.slow
def test_wheel_ships_rules_and_templates(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(tmp_path), str(ROOT)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("mgscan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    rules = [n for n in names if n.startswith("analyzer/_data/queries/") and n.endswith(".sql")]
    repo_rules = list((ROOT / "queries").rglob("*.sql"))
    assert len(rules) == len(repo_rules) > 0
    assert any(n.startswith("analyzer/_data/queries/_reference/") for n in names)
    assert any(n.startswith("analyzer/_data/report_templates/") for n in names)
