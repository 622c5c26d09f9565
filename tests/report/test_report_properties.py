"""Property tests: arbitrary bundle text never breaks out of its place in any format."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_fixtures import load_fixture

from analyzer.report.html import render_html
from analyzer.report.junit import render_junit
from analyzer.report.markdown import md_escape, render_markdown
from analyzer.report.sarif import render_sarif

TEMPLATE_TAGS = set(
    [
        "dl",
        "dt",
        "dd",
        "ol",
        "g",
        "a",
        "article",
        "b",
        "body",
        "br",
        "button",
        "code",
        "details",
        "div",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "header",
        "input",
        "label",
        "li",
        "main",
        "nav",
        "option",
        "p",
        "pre",
        "rect",
        "section",
        "select",
        "span",
        "summary",
        "svg",
        "table",
        "tbody",
        "td",
        "text",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
BASE = load_fixture("fail_modelmesh_serverless")
hostile = st.lists(
    st.sampled_from(
        list("<>&\"'`|*_[]()#!-\\\n\r\t\x00\x1b\ufffe ") + ["a", "é", "😀", "</script>", "<img"]
    ),
    max_size=30,
).map("".join)


def _with_text(text: str) -> dict[str, Any]:
    report = copy.deepcopy(BASE)
    rule = next(r for r in report["results"] if r["rule_id"] == "WRK-0010")
    finding = rule["findings"][0]
    finding["name"] = "n" + text
    finding["message"] = text
    finding["evidence"][0]["observed"] = text
    return report


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_html_never_emits_markup_from_text(text: str) -> None:
    page = render_html(_with_text(text))
    assert page.count("<script") == 1
    assert "</script>" not in page.split("<script>", 1)[0]
    body = page.split("<body>", 1)[1].rsplit("<script>", 1)[0]  # markup before our script
    # every "<" in the body opens one of the template's own tags
    for match in re.finditer(r"<(/?)([a-zA-Z0-9]*)", body):
        assert match.group(2) in TEMPLATE_TAGS, body[match.start() - 40 : match.start() + 40]
    assert "\x00" not in page and "\x1b" not in page


@settings(max_examples=40, deadline=None)
@given(hostile)
def test_markdown_cells_stay_cells(text: str) -> None:
    md = render_markdown(_with_text(text))
    row = next(
        line
        for line in md.splitlines()
        if line.startswith("| critical | InferenceService fraud-detection/n")
    )
    assert len(re.split(r"(?<!\\)\|", row)) == 7
    assert "\n" not in md_escape(text)


@settings(max_examples=40, deadline=None)
@given(hostile)
def test_junit_and_sarif_stay_well_formed(text: str) -> None:
    report = _with_text(text)
    ET.fromstring(render_junit(report, "info").encode("utf-8"))
    doc = json.loads(render_sarif(report))
    assert len(doc["runs"][0]["results"]) == 6
