"""``report.junit.xml``: one testsuite, one testcase per rule, for CI dashboards."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from analyzer.report.common import (
    Report,
    Result,
    at_or_above,
    check_line,
    finding_severity,
    incomplete_headline,
    object_ref,
    severity_rank,
    unverified_checks,
)

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, surrogates, U+FFFE/U+FFFF).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Return ``value`` as text with every character XML 1.0 forbids removed.

    >>> xml_text("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return _XML_FORBIDDEN.sub("", "" if value is None else str(value))


def _finding_lines(result: Result, threshold: str | None) -> list[str]:
    """One line per finding (optionally only those at or above ``threshold``)."""
    lines = []
    for finding in result.get("findings") or []:
        severity = finding_severity(result, finding)
        if threshold is not None and not at_or_above(severity, threshold):
            continue
        where = "; ".join(
            f"{e.get('file')}{':' + str(e['line']) if e.get('line') is not None else ''}"
            f"{' ' + str(e['pointer']) if e.get('pointer') else ''}"
            f"{' observed=' + repr(str(e['observed'])) if e.get('observed') is not None else ''}"
            for e in finding.get("evidence") or []
        )
        lines.append(
            f"[{severity}] {object_ref(finding)}: {finding.get('message') or ''}"
            + (f" ({where})" if where else "")
        )
    return lines


def _testcase(suite: ET.Element, result: Result, fail_on: str) -> str:
    """Append the testcase of one rule; return its status (passed/failure/skipped/error)."""
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": xml_text(result.get("group") or "rules"),
            "name": xml_text(f"{result.get('rule_id')} {result.get('title') or ''}".strip()),
            "time": "0",
        },
    )
    outcome = str(result.get("outcome") or "")
    message = xml_text(result.get("message") or "")
    if outcome == "error":
        node = ET.SubElement(case, "error", {"message": message, "type": "rule-error"})
        node.text = message
        return "error"
    if outcome in ("not_applicable", "not_evaluated"):
        why = "not applicable" if outcome == "not_applicable" else "not evaluated"
        ET.SubElement(case, "skipped", {"message": xml_text(f"{why}: {message}".rstrip(": "))})
        return "skipped"
    if outcome == "failed":
        blocking = [
            f
            for f in result.get("findings") or []
            if at_or_above(finding_severity(result, f), fail_on)
        ]
        if blocking:
            worst = min((finding_severity(result, f) for f in blocking), key=severity_rank)
            node = ET.SubElement(
                case,
                "failure",
                {
                    "message": xml_text(
                        f"{len(blocking)} finding(s) at or above {fail_on}: {message}"
                    ),
                    "type": worst,
                },
            )
            text = _finding_lines(result, fail_on)
            if result.get("remediation"):
                text += ["", "Remediation:", str(result["remediation"])]
            node.text = xml_text("\n".join(text))
            return "failure"
        out = ET.SubElement(case, "system-out")
        out.text = xml_text(
            "Findings below --fail-on " + fail_on + ":\n" + "\n".join(_finding_lines(result, None))
        )
    return "passed"


def build_junit(report: Report, fail_on: str = "critical") -> ET.Element:
    """Build the JUnit ``<testsuites>`` tree.

    Args:
        report: The report dict (contract schema_version 1).
        fail_on: Minimum finding severity that makes a rule's testcase fail.

    Returns:
        The root element, with one ``<testsuite name="mgscan">``.
    """
    at_or_above(None, fail_on)  # validates fail_on early
    tool: Mapping[str, Any] = report.get("tool") or {}
    root = ET.Element("testsuites", {"name": "mgscan"})
    suite = ET.SubElement(root, "testsuite", {"name": "mgscan", "time": "0"})
    props = ET.SubElement(suite, "properties")
    for key, value in (
        ("verdict", report.get("verdict")),
        ("exposure", report.get("exposure")),
        ("completeness", incomplete_headline(report) or "complete"),
        *(("unverified", check_line(item)) for item in unverified_checks(report)),
        ("target_version", report.get("target_version")),
        ("tool_version", tool.get("version")),
        ("fail_on", fail_on),
    ):
        ET.SubElement(props, "property", {"name": key, "value": xml_text(value)})
    counts = {"tests": 0, "failure": 0, "error": 0, "skipped": 0}
    for result in report.get("results") or []:
        status = _testcase(suite, result, fail_on)
        counts["tests"] += 1
        if status in counts:
            counts[status] += 1
    attrs = {
        "tests": str(counts["tests"]),
        "failures": str(counts["failure"]),
        "errors": str(counts["error"]),
        "skipped": str(counts["skipped"]),
    }
    suite.attrib.update(attrs)
    suite.set("timestamp", xml_text(report.get("generated_at")))
    root.attrib.update({k: v for k, v in attrs.items() if k != "skipped"})
    return root


def render_junit(report: Report, fail_on: str = "critical") -> str:
    """Serialise :func:`build_junit` as an XML document (UTF-8 declaration, newline-terminated)."""
    root = build_junit(report, fail_on)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
