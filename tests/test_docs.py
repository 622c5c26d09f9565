"""Generated docs stay current; the README keeps its two-command quick start."""

from __future__ import annotations

from pathlib import Path

from analyzer.rules.catalog import load_catalog
from analyzer.rules.parity import render_parity

ROOT = Path(__file__).resolve().parents[1]


def test_parity_page_is_current() -> None:
    expected = render_parity(load_catalog(), ROOT / "tests" / "rules" / "cases")
    assert (ROOT / "docs" / "parity.md").read_text(encoding="utf-8") == expected, (
        "docs/parity.md is stale: run `make docs`")
    assert "**none**" not in expected


def test_readme_quick_start_is_make_demo_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines()
                if line.startswith("make ")]
    assert commands == ["make demo", "make test"]
    assert (ROOT / "docs" / "report-screenshot.png").exists()
    assert "docs/report-screenshot.png" in readme


def test_ci_entry_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
