"""report.md: snapshots, escaping of bundle text, sections a support case needs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from report_fixtures import FIXTURE_NAMES, XSS_IMG, XSS_SCRIPT, load_fixture

from analyzer.report.markdown import render_markdown
from analyzer.report.mdtext import md_code, md_escape


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_markdown_snapshot(name: str, snapshot: Any) -> None:
    assert render_markdown(load_fixture(name)) == snapshot


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("`x`", "\\`x\\`"),
        ("<b>", "\\<b\\>"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("[t](u)", "\\[t\\](u)"),
        ("line1\nline2\r\nline3", "line1 line2 line3"),
        ("&amp;", "\\&amp;"),
        ("plain 4.18.20 text-with-dash", "plain 4.18.20 text-with-dash"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_md_code_cannot_be_closed_from_inside() -> None:
    assert md_code("a``b") == "``` a``b ```"
    assert md_code("x|y", cell=True) == "`x\\|y`"
    assert md_code("two\nlines") == "`two lines`"


def test_sections(prohibited_report: dict[str, Any]) -> None:
    text = render_markdown(prohibited_report)
    for heading in (
        "## Blockers",
        "## Warnings and information",
        "## Coverage gaps",
        "## Not evaluated",
    ):
        assert f"\n{heading}\n" in text
    assert "`oc adm inspect ns/kuadrant-system`" in text
    assert "**WRK-0060** (error)" in text
    # blockers: prohibited before critical
    assert text.index("### VER-0010") < text.index("### DEP-0010")


def test_pass_report_says_no_blockers(pass_report: dict[str, Any]) -> None:
    text = render_markdown(pass_report)
    assert "No prohibited or critical finding." in text
    assert "### WRK-0090" in text  # the info finding is still listed


def test_hostile_text_is_escaped(xss_report: dict[str, Any]) -> None:
    text = render_markdown(xss_report)
    outside_code = re.sub(r"(`+)[^`].*?\1", "", text)  # drop code spans: literal there
    outside_code = re.sub(r"^```.*?^```", "", outside_code, flags=re.S | re.M)
    outside_code = re.sub(r"<https://[^<>\s]+>", "", outside_code)  # autolinks of safe URLs
    assert re.search(r"(?<!\\)<", outside_code) is None  # no unescaped "<" outside code
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "javascript:alert(1)" not in outside_code  # unsafe link is shown as code only
    # every table row keeps its column count: pipes and newlines from the bundle are escaped
    rows = [line for line in text.splitlines() if line.startswith("| critical | InferenceService")]
    assert len(rows) == 3
    for line in rows:
        cells = re.split(r"(?<!\\)\|", line)
        assert len(cells) == 7, line
    assert "\x00" not in text and "\x1b" not in text  # control characters are dropped
    assert XSS_IMG not in outside_code
    assert XSS_SCRIPT not in outside_code
