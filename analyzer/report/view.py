"""The HTML view model: the report dict reshaped for templates, with no missing keys.

Templates run under ``StrictUndefined``; every value a template reads is set here, so a
report without an ``assessment`` block (or with an empty one) still renders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from analyzer.report.common import (
    GROUPS,
    SEVERITIES,
    Report,
    Result,
    blockers_first,
    check_line,
    confirmation_items,
    finding_severity,
    incomplete_headline,
    object_ref,
    results_by_outcome,
    unverified_checks,
    worst_severity,
)
from analyzer.report.textfmt import clip, safe_url
from analyzer.report.view_assessment import (
    Excerpts,
    checklist_view,
    cluster_view,
    excerpt_index,
    inventory_gaps,
    inventory_view,
    pick,
    picks,
)
from analyzer.report.view_compact import (
    collection_gaps,
    coverage_grid,
    gantt,
    plan_view,
    shared_message,
)

_SUMMARY_KEYS = (
    "rules",
    "failed",
    "passed",
    "not_applicable",
    "not_evaluated",
    "error",
    "prohibited",
    "critical",
    "warning",
    "info",
)


def _links(result: Result) -> list[dict[str, Any]]:
    """Return links with ``href`` set only for safe absolute http(s) URLs."""
    out = []
    for link in result.get("links") or []:
        url = link.get("url")
        out.append(
            {
                "title": str(link.get("title") or url or ""),
                "url": str(url or ""),
                "href": safe_url(url),
            }
        )
    return out


def split_root(path: str, roots: Sequence[str]) -> tuple[str, str]:
    """Split a bundle path into its (deepest) inspect root and the rest.

    >>> split_root("mg/img/namespaces/a.yaml", ["mg", "mg/img"])
    ('mg/img', 'namespaces/a.yaml')
    >>> split_root("other/a.yaml", ["mg"])
    ('', 'other/a.yaml')
    """
    for root in sorted(roots, key=len, reverse=True):
        if root and path.startswith(root.rstrip("/") + "/"):
            return root.rstrip("/"), path[len(root.rstrip("/")) + 1 :]
    return "", path


def _finding_view(
    result: Result,
    finding: Mapping[str, Any],
    excerpts: Excerpts | None = None,
    roots: Sequence[str] = (),
) -> dict[str, Any]:
    """Reshape one finding for the template (evidence list, excerpts and search text)."""
    severity = finding_severity(result, finding)
    excerpts = excerpts or {}
    evidence = [
        {
            "root": split_root(str(e.get("file") or ""), roots)[0],
            "rest": split_root(str(e.get("file") or ""), roots)[1],
            "file": str(e.get("file") or ""),
            "pointer": str(e.get("pointer") or ""),
            "line": e.get("line"),
            "observed": clip(e.get("observed"), 600),
            "excerpt": excerpts.get((str(e.get("file") or ""), str(e.get("pointer") or ""))),
        }
        for e in finding.get("evidence") or []
    ]
    namespace = finding.get("namespace")
    pieces = [
        str(result.get("rule_id")),
        str(result.get("title")),
        object_ref(finding),
        str(finding.get("message") or ""),
    ]
    pieces += [f"{e['file']} {e['observed']}" for e in evidence]
    return {
        "kind": str(finding.get("kind") or ""),
        "namespace": namespace or "",
        "name": str(finding.get("name") or ""),
        "ref": object_ref(finding),
        "absent": bool(finding.get("absent")),
        "message": str(finding.get("message") or ""),
        "severity": severity,
        "evidence": evidence,
        "search": clip(" ".join(pieces).lower(), 2000),
    }


def _result_view(
    result: Result, excerpts: Excerpts | None = None, roots: Sequence[str] = ()
) -> dict[str, Any]:
    """Reshape one rule result for the template."""
    findings = sorted(
        (_finding_view(result, f, excerpts, roots) for f in result.get("findings") or []),
        key=lambda f: (f["namespace"], f["kind"], f["name"]),
    )
    shared = shared_message(findings)
    kinds = sorted({f["kind"] for f in findings})
    return {
        "shared": shared,
        "common_message": findings[0]["message"] if shared or len(findings) == 1 else "",
        "kinds": kinds,
        "rule_id": str(result.get("rule_id") or ""),
        "title": str(result.get("title") or ""),
        "aliases": [str(a) for a in result.get("aliases") or []],
        "group": str(result.get("group") or ""),
        "severity": str(result.get("severity") or ""),
        "worst": worst_severity(result),
        "outcome": str(result.get("outcome") or ""),
        "message": str(result.get("message") or ""),
        "remediation": str(result.get("remediation") or ""),
        "links": _links(result),
        "findings": findings,
    }


def _severity_bar(report: Report) -> list[dict[str, Any]]:
    """Return severity bar segments (x/width in percent of all findings)."""
    counts: Counter[str] = Counter()
    for result in results_by_outcome(report, "failed"):
        for finding in result.get("findings") or []:
            counts[finding_severity(result, finding)] += 1
    total = sum(counts.values())
    segments, x = [], 0.0
    for severity in SEVERITIES:
        if counts[severity]:
            width = 100.0 * counts[severity] / total
            segments.append(
                {
                    "severity": severity,
                    "count": counts[severity],
                    "x": round(x, 3),
                    "width": round(width, 3),
                }
            )
            x += width
    return segments


def _present_levels(severities: list[str]) -> list[str]:
    """Every severity that occurs among the findings, most severe first."""
    return [level for level in SEVERITIES if level in severities]


def shown_verdict(report: Report) -> str:
    """The verdict the HTML shows in the banner and the tab title.

    UNCONFIRMED, never PASS or WARNING, while a blocker-level check could not run; PROHIBITED
    and FAIL stand whatever else is unknown.
    """
    verdict = str(report.get("verdict") or "PASS")
    if incomplete_headline(report) and verdict not in ("PROHIBITED", "FAIL"):
        return "UNCONFIRMED"
    return verdict


def identity(report: Report) -> dict[str, Any]:
    """Cluster ID, infrastructure name and API URL (each possibly None) and the tab title."""
    cluster = report.get("cluster") or {}
    ident = {key: (str(cluster[key]) if cluster.get(key) else None)
             for key in ("id", "infrastructure_name", "api_url")}
    name = ident["infrastructure_name"] or ident["id"] or "unknown cluster"
    source = cluster.get("rhoai_version") or "unknown"
    title = (f"mgscan \u00b7 {name} \u00b7 {shown_verdict(report)} \u00b7 "
             f"{source}\u2192{report.get('target_version') or ''}")
    return {**ident, "name": name, "title": title}


def build_view(report: Report) -> dict[str, Any]:
    """Build the template context from a report dict.

    Args:
        report: The report dict (contract schema_version 1 plus optional ``assessment``).

    Returns:
        A dict with every value the templates read.
    """
    assessment: Mapping[str, Any] = report.get("assessment") or {}
    root_paths = [str(r.get("path") or "") for r in report.get("roots") or []]
    excerpts = excerpt_index(assessment)
    failed = [_result_view(r, excerpts, root_paths) for r in blockers_first(report)]
    all_findings = [f for r in failed for f in r["findings"]]
    raw_summary = report.get("summary") or {}
    summary = {key: int(raw_summary.get(key) or 0) for key in _SUMMARY_KEYS}
    support = assessment.get("support")
    sizing = pick("sizing", assessment.get("sizing"))
    ingest = report.get("ingest") or {}
    return {
        "summary": summary,
        "verdict": str(report.get("verdict") or "PASS"),
        "incomplete_headline": incomplete_headline(report),
        "shown_verdict": shown_verdict(report),
        "unverified": [check_line(i) for i in unverified_checks(report)],
        "confirm": [check_line(i) for i in confirmation_items(report)],
        "exposure": str(report.get("exposure") or "minimal"),
        "exposure_reasons": list(assessment.get("exposure_reasons") or []),
        "cluster_rows": cluster_view(report),
        "cluster": report.get("cluster") or {},
        "target_version": str(report.get("target_version") or ""),
        "failed": failed,
        "finding_total": len(all_findings),
        "severity_bar": _severity_bar(report),
        "filter_severities": _present_levels([f["severity"] for f in all_findings]),
        "identity": identity(report),
        "plan": plan_view(assessment),
        "gaps": collection_gaps(report),
        "coverage_grid": coverage_grid(report),
        "gantt": gantt(picks("phase", sizing["timeline"])),
        "filter_groups": [g for g in GROUPS if any(r["group"] == g for r in failed)],
        "filter_namespaces": sorted({f["namespace"] for f in all_findings if f["namespace"]}),
        "has_cluster_scoped": any(not f["namespace"] for f in all_findings),
        "not_evaluated": [_result_view(r) for r in results_by_outcome(report, "not_evaluated")],
        "errors": [_result_view(r) for r in results_by_outcome(report, "error")],
        "passed": [_result_view(r) for r in results_by_outcome(report, "passed")],
        "not_applicable": [_result_view(r) for r in results_by_outcome(report, "not_applicable")],
        "coverage": sorted(
            picks("coverage", report.get("coverage")),
            key=lambda c: (c.get("status") == "collected", str(c.get("kind"))),
        ),
        "support": pick("support", support) if support else None,
        "checklist": checklist_view(assessment.get("checklist")),
        "effort": picks("effort", assessment.get("effort")),
        "sizing": sizing if assessment.get("sizing") else None,
        "timeline": picks("phase", sizing["timeline"]),
        "inventory": inventory_view(assessment.get("inventory") or {}),
        "inventory_gaps": inventory_gaps(report.get("coverage")),
        "strategy": list(assessment.get("strategy") or []),
        "notices": list(assessment.get("notices") or []),
        "ingest": {
            "files": ingest.get("files"),
            "objects": ingest.get("objects"),
            "duplicates": ingest.get("duplicates"),
            "seconds": ingest.get("seconds"),
            "errors": picks("error", ingest.get("errors")),
            "error_files": sum(int(e.get("count") or 1) for e in ingest.get("errors") or []
                               if isinstance(e, dict)),
        },
        "tool": {
            "name": (report.get("tool") or {}).get("name") or "mgscan",
            "version": (report.get("tool") or {}).get("version") or "",
            "rules_sha256": (report.get("tool") or {}).get("rules_sha256") or "",
        },
        "inputs": picks("input", report.get("inputs")),
        "roots": picks("root", report.get("roots")),
        "generated_at": str(report.get("generated_at") or ""),
        "schema_version": report.get("schema_version"),
    }
