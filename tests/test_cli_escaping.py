"""Nothing from a bundle controls the reader's screen: control and bidi characters are escaped
in every output (terminal, HTML, Markdown, JUnit, JSON, YAML, SARIF, query), the object is
flagged (COL-0070), and CSV cells cannot start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from analyzer.cli import cli

CASE = (Path(__file__).resolve().parent / "rules" / "cases" / "COL-0070"
        / "fail_hidden_characters")
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAMES = {"fraud\x1b]0;owned\x07-model", "invoice\u202efdp.exe"}


@pytest.mark.slow
def test_every_report_format_and_the_terminal_show_escapes(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["analyze", str(CASE), "-o", str(out),
                                      "--format", "html,json,yaml,md,sarif,junit"])
    assert result.exit_code in (0, 1, 2), result.output
    assert not RAW.search(result.output), "raw control characters reached the terminal"
    assert "fraud\\x1b]0;owned\\x07-model" in result.output
    assert "invoice\\u202efdp.exe" in result.output
    files = sorted(out.glob("report.*"))
    assert len(files) == 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not RAW.search(text), path.name
    html = (out / "report.html").read_text()
    assert "invoice\\u202efdp.exe" in html
    # data formats keep the exact value (escaped in their own syntax)
    report = json.loads((out / "report.json").read_text())
    [col] = [r for r in report["results"] if r["rule_id"] == "COL-0070"]
    assert {f["name"] for f in col["findings"]} == NAMES
    assert yaml.safe_load((out / "report.yaml").read_text()) == report


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "yaml"])
def test_query_output_is_escaped(fmt: str) -> None:
    result = CliRunner().invoke(cli, ["query", str(CASE), "--format", fmt,
                                      "select name, '=HYPERLINK(1)' as f from notebooks "
                                      "order by name"])
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    if fmt == "json":
        assert {r["name"] for r in json.loads(result.output)} >= NAMES
    if fmt == "yaml":
        assert {r["name"] for r in yaml.safe_load(result.output)} >= NAMES
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.output)))
        assert all(r[1] == "'=HYPERLINK(1)" for r in rows[1:])
