"""Vocabulary shared by every report writer: orders, ranks and small pure helpers.

Everything here reads the report dict exactly as ``report.json`` (contract schema_version 1
plus the additive ``assessment`` block) and never mutates it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import Any

Report = Mapping[str, Any]
Result = Mapping[str, Any]
Finding = Mapping[str, Any]

SEVERITIES: tuple[str, ...] = ("prohibited", "critical", "warning", "info")
GROUPS: tuple[str, ...] = (
    "version",
    "dependency",
    "platform",
    "component",
    "workload",
    "collection",
)
OUTCOMES: tuple[str, ...] = ("failed", "passed", "not_applicable", "not_evaluated", "error")
VERDICTS: tuple[str, ...] = ("PROHIBITED", "FAIL", "WARNING", "PASS")
FORMATS: tuple[str, ...] = ("html", "json", "yaml", "md", "sarif", "junit")
TEXT_FORMATS: tuple[str, ...] = ("json", "yaml", "md", "sarif", "junit")  # `-o -` (stdout)
FILE_NAMES: dict[str, str] = {
    "html": "report.html",
    "json": "report.json",
    "yaml": "report.yaml",
    "md": "report.md",
    "sarif": "report.sarif",
    "junit": "report.junit.xml",
}


def severity_rank(severity: str | None) -> int:
    """Return the rank of a severity: 0 for prohibited (worst) up to 3 for info.

    Unknown or missing severities rank after ``info``.

    >>> severity_rank("critical") < severity_rank("warning")
    True
    """
    try:
        return SEVERITIES.index(str(severity))
    except ValueError:
        return len(SEVERITIES)


def group_rank(group: str | None) -> int:
    """Return the position of a rule group in the contract's group order."""
    try:
        return GROUPS.index(str(group))
    except ValueError:
        return len(GROUPS)


def at_or_above(severity: str | None, threshold: str) -> bool:
    """Tell whether ``severity`` is at least as severe as ``threshold``.

    >>> at_or_above("prohibited", "critical"), at_or_above("warning", "critical")
    (True, False)
    """
    if threshold not in SEVERITIES:
        raise ValueError(f"unknown severity {threshold!r}; expected one of {', '.join(SEVERITIES)}")
    return severity_rank(severity) <= severity_rank(threshold)


def finding_severity(result: Result, finding: Finding) -> str:
    """Return a finding's own severity, falling back to its rule's severity."""
    return str(finding.get("severity") or result.get("severity") or "info")


def worst_severity(result: Result) -> str:
    """Return the most severe severity among a rule's findings (the rule's own if none)."""
    severities = [finding_severity(result, f) for f in result.get("findings") or []]
    if not severities:
        return str(result.get("severity") or "info")
    return min(severities, key=severity_rank)


def results_by_outcome(report: Report, outcome: str) -> list[Result]:
    """Return the results with the given outcome, in report order."""
    return [r for r in report.get("results") or [] if r.get("outcome") == outcome]


def blockers_first(report: Report) -> list[Result]:
    """Return failed results, most severe first, keeping report order within a severity."""
    failed = results_by_outcome(report, "failed")
    return sorted(failed, key=lambda r: severity_rank(worst_severity(r)))


def iter_findings(report: Report) -> Iterator[tuple[Result, Finding]]:
    """Yield ``(result, finding)`` for every finding of every result, in report order."""
    for result in report.get("results") or []:
        for finding in result.get("findings") or []:
            yield result, finding


def primary_evidence(finding: Finding) -> Mapping[str, Any]:
    """Return the first evidence item of a finding, or an empty mapping."""
    evidence = finding.get("evidence") or []
    return evidence[0] if evidence else {}


def object_ref(finding: Finding) -> str:
    """Return ``Kind namespace/name`` (or ``Kind name`` when cluster-scoped)."""
    kind = str(finding.get("kind") or "object")
    name = str(finding.get("name") or "")
    namespace = finding.get("namespace")
    return f"{kind} {namespace}/{name}" if namespace else f"{kind} {name}"


def fingerprint(rule_id: str, finding: Finding) -> str:
    """Return a stable fingerprint of a finding: sha256 of rule, file, pointer and name.

    The same finding in two runs of the same bundle, or of a later bundle of the same
    cluster, gets the same value; ``mgscan diff`` and SARIF consumers rely on it.
    """
    evidence = primary_evidence(finding)
    parts = [
        rule_id,
        str(evidence.get("file") or ""),
        str(evidence.get("pointer") or ""),
        str(finding.get("kind") or ""),
        str(finding.get("namespace") or ""),
        str(finding.get("name") or ""),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def version_pair(report: Report) -> str:
    """Return ``source -> target`` as text, with ``unknown`` for a missing source."""
    cluster = report.get("cluster") or {}
    source = cluster.get("rhoai_version") or "unknown"
    return f"{source} -> {report.get('target_version') or 'unknown'}"


INCOMPLETE_HEADLINE = "Readiness cannot be confirmed: {n} blocker-level check{s} could not run"


def unverified_checks(report: Report) -> list[Mapping[str, Any]]:
    """The blocker-level checks that could not run (``completeness.unverified``)."""
    return list((report.get("completeness") or {}).get("unverified") or [])


def confirmation_items(report: Report) -> list[Mapping[str, Any]]:
    """Checks no must-gather can evaluate, to confirm on the cluster (``completeness.confirm``)."""
    return list((report.get("completeness") or {}).get("confirm") or [])


def incomplete_headline(report: Report) -> str | None:
    """The headline every output shows when the analysis is incomplete, else None.

    >>> incomplete_headline({"completeness": {"complete": False,
    ...                                       "unverified": [{"rule_id": "WRK-0170"}]}})
    'Readiness cannot be confirmed: 1 blocker-level check could not run'
    >>> incomplete_headline({"completeness": {"complete": True, "unverified": []}}) is None
    True
    """
    completeness = report.get("completeness") or {}
    if completeness.get("complete", True):
        return None
    n = len(completeness.get("unverified") or [])
    return INCOMPLETE_HEADLINE.format(n=n, s="" if n == 1 else "s")


def check_line(item: Mapping[str, Any]) -> str:
    """One unverified or confirmation item as plain text: ID, aliases, what is missing, how.

    >>> check_line({"rule_id": "DEP-0030", "aliases": ["a.b"], "severity": "critical",
    ...             "missing": ["packagemanifests"], "collect": "oc get x"})
    'DEP-0030 (a.b, critical): missing packagemanifests; collect with: oc get x'
    """
    aliases = ", ".join([*(item.get("aliases") or []), str(item.get("severity") or "")])
    missing = ", ".join(item.get("missing") or []) or "see the check's message"
    text = f"{item.get('rule_id')} ({aliases}): missing {missing}"
    if item.get("collect"):
        text += f"; collect with: {item['collect']}"
    return text
