"""``analyze --view table``: the vendor's lint table (STATUS KIND GROUP CHECK IMPACT MESSAGE).

Laid out as rhai-cli prints it (pkg/lint/output_table.go), so the two outputs can be compared
side by side: one row per check, sorted by group, kind, impact and check, then the
environment, a summary of the rows and the result line. A rule that re-implements a vendor
check shows that check's kind, group and name; mgscan's own rules show their rule ID as the
check. Rules that do not apply are left out, as the vendor skips them; a rule that could not be
evaluated is shown as such, never as passed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from analyzer.report.common import Report, worst_severity
from analyzer.report.textable import layout, render_table

_MIN_MESSAGE = 40  # below this, the message goes on its own lines under the row
HEADERS = ["STATUS", "KIND", "GROUP", "CHECK", "IMPACT", "MESSAGE"]
_GROUPS = {"dependencies": "dependency", "components": "component", "workloads": "workload",
           "platform": "platform"}
_GROUP_ORDER = ["dependency", "platform", "component", "workload", "version", "collection"]
_IMPACT_ORDER = ["prohibited", "critical", "warning", "info", "unknown", "error", "none"]
_STATUS = {"prohibited": "✗", "critical": "✗", "warning": "⚠", "info": "✓", "none": "✓",
           "unknown": "?", "error": "!"}
_RESULT = {"PROHIBITED": "PROHIBITED - upgrade is not possible",
           "FAIL": "FAIL - blocking findings detected",
           "WARNING": "WARNING - advisory findings detected",
           "PASS": "PASS - all checks passed"}


def _identity(result: Mapping[str, Any]) -> tuple[str, str, str]:
    """``(kind, group, check)`` from the first vendor alias, else mgscan's own rule."""
    for alias in result.get("aliases") or []:
        parts = str(alias).split(".", 2)
        if len(parts) == 3 and parts[0] in _GROUPS:
            return parts[1], _GROUPS[parts[0]], parts[2]
    return "mgscan", str(result.get("group") or ""), str(result.get("rule_id") or "")


def _message(result: Mapping[str, Any]) -> str:
    findings = list(result.get("findings") or [])
    if len(findings) == 1:
        return str(findings[0].get("message") or result.get("message") or "")
    if findings:
        return f"{len(findings)} objects: {result.get('title')}"
    return str(result.get("message") or "")


def table_rows(report: Report) -> list[tuple[str, list[str]]]:
    """``(impact, row)`` per shown rule, in the vendor's order."""
    rows = []
    for result in report.get("results") or []:
        outcome = result.get("outcome")
        if outcome == "not_applicable":
            continue
        impact = {"failed": worst_severity(result), "passed": "none",
                  "not_evaluated": "unknown", "error": "error"}.get(str(outcome), "error")
        kind, group, check = _identity(result)
        shown = "not evaluated" if impact == "unknown" else impact
        rows.append((impact, [_STATUS[impact], kind, group, check, shown, _message(result)]))
    rows.sort(key=lambda r: (_GROUP_ORDER.index(r[1][2]) if r[1][2] in _GROUP_ORDER else 99,
                             r[1][1], _IMPACT_ORDER.index(r[0]), r[1][3]))
    return rows


def _stacked(rows: list[list[str]], width: int) -> list[str]:
    """Narrow terminals: the five short columns on one line, the message wrapped below."""
    _, header, grouped = layout(HEADERS[:5], [r[:5] for r in rows], width=width, flex=[1, 3])
    out = [header]
    for lines, row in zip(grouped, rows, strict=True):
        out.extend(lines)
        out.extend(textwrap.wrap(row[5], width, initial_indent=" " * 8,
                                 subsequent_indent=" " * 8, break_on_hyphens=False))
    return out


def vendor_table(report: Report, width: int | None = None) -> list[str]:
    """The lines of the vendor-style table view (``width``: fit a terminal that wide)."""
    rows = table_rows(report)
    plain = [r for _, r in rows]
    short = render_table(HEADERS[:5], [r[:5] for r in plain])
    if width is not None and max(len(line) for line in short) + 2 + _MIN_MESSAGE > width:
        lines = _stacked(plain, width)
    else:
        lines = render_table(HEADERS, plain, width=width)
    cluster: Mapping[str, Any] = report.get("cluster") or {}
    count = {k: sum(1 for impact, _ in rows if impact in v) for k, v in (
        ("passed", {"none", "info"}), ("warnings", {"warning"}), ("failed", {"critical"}),
        ("prohibited", {"prohibited"}), ("unknown", {"unknown", "error"}))}
    lines += ["", "Environment:",
              f"  OpenShift AI version: {cluster.get('rhoai_version') or 'unknown'} -> "
              f"{report.get('target_version')}",
              f"  OpenShift version:    {cluster.get('ocp_version') or 'unknown'}",
              "", "Summary:",
              f"  Total: {len(rows)} | Passed: {count['passed']} | Warnings: "
              f"{count['warnings']} | Failed: {count['failed']} | Prohibited: "
              f"{count['prohibited']}",
              f"  Not evaluated: {count['unknown']} (the bundle lacks the data they need)",
              "", "Result:", f"  {_RESULT.get(str(report.get('verdict')), report.get('verdict'))}"]
    return lines
