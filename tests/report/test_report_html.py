"""report.html: self-contained, CSP-pinned, escaped, complete without an assessment block."""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import re
from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError
from report_fixtures import XSS_SCRIPT, collect_cells

from analyzer.report.html import render_html
from analyzer.report.paths import templates_dir


def _csp(page: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match, "CSP meta element missing"
    return html.unescape(match.group(1))


def test_no_remote_assets(any_report: dict[str, Any]) -> None:
    page = render_html(any_report)
    assert '<link rel="stylesheet"' not in page and "@import" not in page
    assert re.search(r"""\ssrc\s*=\s*["']?(https?:)?//""", page, re.I) is None
    assert re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I) is None
    assert "<iframe" not in page and "<object" not in page and "<embed" not in page
    # the only http(s) URLs are plain documentation links in <a href>, and the cluster's API
    # URL shown as text in the header
    api = str((any_report.get("cluster") or {}).get("api_url") or "\0")
    for match in re.finditer(r"https?://", page):
        if page.startswith(api, match.start()):
            continue
        before = page[max(0, match.start() - 6) : match.start()]
        assert before.endswith('href="'), page[match.start() - 60 : match.start() + 60]


def test_csp_blocks_everything_but_the_hashed_inline_blocks(fail_report: dict[str, Any]) -> None:
    page = render_html(fail_report)
    csp = _csp(page)
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.index("Content-Security-Policy") < page.index("<style>")
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert len(blocks) == 1
        digest = base64.b64encode(hashlib.sha256(blocks[0].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert " style=" not in page  # inline style attributes would be blocked by the CSP
    assert re.search(r"\son[a-z]+\s*=", page) is None  # no inline event handlers


def test_sections_and_order(fail_report: dict[str, Any]) -> None:
    page = render_html(fail_report)
    ids = [
        "verdict",
        "summary",
        "cluster",
        "findings",
        "not-evaluated",
        "checklist",
        "plan",
        "coverage",
        "inventory",
        "other-rules",
        "manifest",
    ]
    positions = [page.index(f'id="{i}"') for i in ids]
    assert positions == sorted(positions)
    assert 'class="banner v-FAIL"' in page
    # blockers first: critical rules before the warning rule
    assert page.index('id="rule-WRK-0010"') < page.index('id="rule-DEP-0030"')
    assert page.index('id="rule-DEP-0010"') < page.index('id="rule-CMP-0020"')
    assert "ClusterServiceVersion (csv)" in page  # where the RHOAI version was read
    assert "5 months left" in page
    assert "oc adm inspect imagestreams.image.openshift.io -n redhat-ods-applications" in page
    assert (
        fail_report["tool"]["rules_sha256"] in page and fail_report["inputs"][0]["sha256"] in page
    )
    assert page.count("data-finding ") == sum(len(r["findings"]) for r in fail_report["results"])
    assert "<details>" in page and "3 passed" in page and "1 not applicable" in page


def test_remediation_is_escaped_text_with_simple_formatting(fail_report: dict[str, Any]) -> None:
    page = render_html(fail_report)
    assert "<pre><code>oc adm upgrade channels\noc adm upgrade --to=4.19.9</code></pre>" in page
    assert "<code>spec.components.kserve.serving.managementState</code>" in page
    # hard-wrapped rule text is joined; list items keep their own lines
    assert "Upgrade OpenShift to 4.19.9 or later before migrating. This may take several" in page
    report = copy.deepcopy(fail_report)
    report["results"][1]["remediation"] = "Do this\nwrapped line:\n- first\n- second <b>"
    page = render_html(report)
    assert "<p>Do this wrapped line:<br>\n- first<br>\n- second &lt;b&gt;</p>" in page


def test_hostile_text_is_escaped(xss_report: dict[str, Any]) -> None:
    page = render_html(xss_report)
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<img" not in page
    assert 'href="javascript:' not in page
    assert html.escape(XSS_SCRIPT, quote=False) in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # attribute-safe form
    assert "\x00" not in page and "\x1b" not in page  # control characters are dropped
    # exactly one <script> element: ours
    assert page.count("<script") == 1


def test_renders_without_assessment(fail_report: dict[str, Any]) -> None:
    report = copy.deepcopy(fail_report)
    del report["assessment"]
    page = render_html(report)
    assert "No checklist in this report." in page
    assert "No models found." in page
    assert 'class="banner v-FAIL"' in page


def test_pass_and_prohibited_banners(
    pass_report: dict[str, Any], prohibited_report: dict[str, Any]
) -> None:
    assert "No blocker or warning was found for RHOAI 3.3.2." in render_html(pass_report)
    page = render_html(prohibited_report)
    assert "is not possible from this cluster as it is" in page
    assert "end of support not known for this stream" in page
    assert "rule error" in page and "WRK-0060" in page
    assert '<span class="muted">not found</span>' in page  # platform missing, said so


def test_strict_undefined_catches_template_mistakes(
    tmp_path: Path, fail_report: dict[str, Any]
) -> None:
    for item in templates_dir().iterdir():
        (tmp_path / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    partial = tmp_path / "_cluster.html.j2"
    partial.write_text(partial.read_text(encoding="utf-8").replace("row.label", "row.no_such_key"))
    with pytest.raises(UndefinedError):
        render_html(fail_report, template_dir=tmp_path)


def test_deterministic(fail_report: dict[str, Any]) -> None:
    assert render_html(fail_report) == render_html(copy.deepcopy(fail_report))


def test_excerpts_and_absence_findings(fail_report: dict[str, Any]) -> None:
    report = copy.deepcopy(fail_report)
    report["assessment"]["excerpts"].append(
        {
            "file": report["results"][1]["findings"][0]["evidence"][0]["file"],
            "pointer": "/status/desired/version",
            "excerpt": "   41    version: <b>4.18.20</b>",
        }
    )
    absent = report["results"][2]["findings"][0]["evidence"][0]
    absent["file"] = None
    absent["pointer"] = None
    page = render_html(report)
    assert "serving.kserve.io/deploymentMode: Serverless" in page  # excerpt shown as source lines
    assert "   41    version: &lt;b&gt;4.18.20&lt;/b&gt;" in page  # and escaped
    assert page.count('<details class="excerpt">') == 3
    assert "no file: found by absence" in page


def test_not_collected_is_not_reported_as_none(
    prohibited_report: dict[str, Any], pass_report: dict[str, Any]
) -> None:
    page = render_html(prohibited_report)
    assert "Notebooks were not collected, so workbenches cannot be listed." in page
    assert "<code>oc adm inspect -A notebooks.kubeflow.org</code>" in page
    assert "InferenceServices were not collected, so models cannot be listed." in page
    assert "DataScienceClusters were not collected" in page
    assert "No workbenches found." not in page
    assert "1 kind collected · 5 not collected" in page
    assert page.count('class="cov-not_collected"') == 5  # one square per kind in the picture
    clean = render_html(pass_report)
    assert "· 0 not collected ·" in clean


def test_no_failed_rules(pass_report: dict[str, Any]) -> None:
    report = copy.deepcopy(pass_report)
    for result in report["results"]:
        if result["outcome"] == "failed":
            result["outcome"] = "passed"
            result["findings"] = []
    page = render_html(report)
    assert "No rule failed." in page
    assert 'id="filters"' not in page  # nothing to filter; the script then does nothing
    assert "No findings." in page


def test_how_to_collect_shows_collect_commands_never_remediation(
        fail_report: dict[str, Any]) -> None:
    """Issue 11 §8: the "How to collect" cells hold the command, never the remediation."""
    report = copy.deepcopy(fail_report)
    report["coverage"].append({"kind": "notebooks", "status": "not_collected", "count": 0,
                               "hint": "oc adm inspect -A --dest-dir=x notebooks.kubeflow.org"})
    rule = copy.deepcopy(report["results"][0])
    rule.update(rule_id="WRK-9990", outcome="not_evaluated", findings=[],
                remediation="Rename the primary container before upgrading.",
                message="Not collected in this bundle: notebooks (collect with: oc adm inspect "
                        "-A --dest-dir=x notebooks.kubeflow.org).")
    report["results"].append(rule)
    page = render_html(report)
    assert collect_cells(report, page) == 1


def test_absent_findings_say_not_found(fail_report: dict[str, Any]) -> None:
    report = copy.deepcopy(fail_report)
    rule = next(r for r in report["results"] if r["findings"])
    rule["findings"][0]["absent"] = True
    page = render_html(report)
    assert page.count("data-absent") == 1
    assert "data-absent" not in render_html(fail_report)
