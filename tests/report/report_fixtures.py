"""Helpers shared by the report-layer tests: fixture loading and hostile payloads."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.json"))
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def make_xss_report() -> dict[str, Any]:
    """The FAIL fixture with hostile text in every bundle-derived field of one finding."""
    report = copy.deepcopy(load_fixture("fail_modelmesh_serverless"))
    rule = next(r for r in report["results"] if r["rule_id"] == "WRK-0010")
    finding = rule["findings"][0]
    finding["name"] = f"evil{XSS_SCRIPT}"
    finding["namespace"] = f"ns{XSS_IMG}"
    finding["message"] = f"message {XSS_SCRIPT} and {XSS_IMG} | `tick` *star* _u_ [l](javascript:x)"
    evidence = finding["evidence"][0]
    evidence["observed"] = f"{XSS_IMG}\n{XSS_SCRIPT}\x00\x1b[31m"
    evidence["file"] = f"namespaces/x/{XSS_IMG}.yaml"
    evidence["pointer"] = f"/metadata/{XSS_SCRIPT}"
    rule["message"] = f"rule message {XSS_SCRIPT}"
    rule["remediation"] = f"Fix it {XSS_IMG}\n\n```\n{XSS_SCRIPT}\n```"
    rule["links"].append({"title": f"bad {XSS_SCRIPT}", "url": "javascript:alert(1)"})
    report["cluster"]["channel"] = XSS_IMG
    report["cluster"]["infrastructure_name"] = f"infra{XSS_SCRIPT}"
    report["assessment"]["exposure_reasons"].append(XSS_SCRIPT)
    report["assessment"]["inventory"]["workbenches"][0]["image"] = XSS_IMG
    report["coverage"][1]["hint"] = f"oc get {XSS_SCRIPT}"
    return report


def collect_cells(report: dict[str, Any], page: str) -> int:
    """Assert every "How to collect" cell of ``page`` shows a coverage hint (the command that
    collects the kind), never a rule's remediation; return how many cells there are."""
    hints = {html.escape(str(c.get("hint") or "")) for c in report.get("coverage") or []}
    remediations = [html.escape(str(r.get("remediation") or "")).strip()[:60]
                    for r in report.get("results") or [] if r.get("remediation")]
    cells = re.findall(r'<td data-label="How to collect">(.*?)</td>', page, re.S)
    for cell in cells:
        code = re.findall(r"<code>(.*?)</code>", cell, re.S)
        assert code and all(c in hints or c == "mgscan collect-commands" for c in code), cell
        assert not any(r and r in cell for r in remediations), cell
    return len(cells)
