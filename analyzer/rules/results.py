"""Assemble report.json (contract schema_version 1) from the run's parts.

Key order follows contract.md. The verdict comes from finding severities; when source and target
share major.minor, every rule is ``not_applicable``, the verdict is ``PASS`` and a notice says
why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from analyzer.rules.model import Group, Outcome, RuleResult, Severity
from analyzer.rules.runner import SAME_MINOR_NOTICE
from analyzer.rules.versions import same_minor

SCHEMA_VERSION = 1
COMPLETE: dict[str, Any] = {"complete": True, "unverified": [], "confirm": []}
_CLUSTER_KEYS = ("id", "infrastructure_name", "api_url", "ocp_version", "rhoai_version",
                 "rhoai_version_source", "channel", "platform", "collected_at")
_FACT_OF = {"id": "cluster_id"}  # report.json name -> cluster_facts column, where they differ
_HIGH_GROUPS = (Group.COMPONENT.value, Group.WORKLOAD.value)


def _as_dict(obj: Any) -> dict[str, Any]:
    if isinstance(obj, Mapping):
        return dict(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return dict(vars(obj))


def rfc3339(moment: datetime | str) -> str:
    """Return an RFC 3339 UTC timestamp (``Z`` suffix, whole seconds).

    >>> rfc3339(datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    '2026-11-20T09:30:00Z'
    """
    if isinstance(moment, str):
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def verdict_of(results: Sequence[Mapping[str, Any]]) -> str:
    """Return PROHIBITED, FAIL, WARNING or PASS from the findings of report results."""
    severities = {f["severity"] for r in results for f in r.get("findings", [])}
    for severity, verdict in ((Severity.PROHIBITED, "PROHIBITED"), (Severity.CRITICAL, "FAIL"),
                              (Severity.WARNING, "WARNING")):
        if severity.value in severities:
            return verdict
    return "PASS"


def exposure_from_results(results: Sequence[Mapping[str, Any]]) -> str:
    """Fallback exposure: high for critical/prohibited component or workload findings."""
    worst = {(r["group"], f["severity"]) for r in results for f in r.get("findings", [])}
    if any(g in _HIGH_GROUPS and s in ("prohibited", "critical") for g, s in worst):
        return "high"
    if any(s in ("prohibited", "critical", "warning") for _, s in worst):
        return "moderate"
    return "minimal"


def summarize(results: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Return the contract's ``summary``: outcome counts and finding counts by severity."""
    summary = {"rules": len(results)}
    summary.update({o.value: 0 for o in Outcome})
    summary.update({s.value: 0 for s in Severity})
    for result in results:
        summary[result["outcome"]] += 1
        for finding in result.get("findings", []):
            summary[finding["severity"]] += 1
    return summary


def _exposure(assessment: Mapping[str, Any] | None, results: Sequence[Mapping[str, Any]],
              same: bool, exposure: str | None) -> str:
    if same:
        return "minimal"
    if exposure is not None:
        return exposure
    if assessment and isinstance(assessment.get("exposure"), str):
        return str(assessment["exposure"])
    return exposure_from_results(results)


def _ingest(ingest: Any) -> dict[str, Any]:
    data = _as_dict(ingest)
    return {
        "files": int(data.get("files", 0)),
        "objects": int(data.get("objects", 0)),
        "duplicates": int(data.get("duplicates", 0)),
        "errors": [{"file": str(e.get("file", "")), "error": str(e.get("error", "")),
                    **({"count": int(e["count"])} if int(e.get("count") or 1) > 1 else {})}
                   for e in sorted(data.get("errors", []),
                                   key=lambda e: (str(e.get("file", "")),
                                                  str(e.get("error", ""))))],
        "seconds": float(data.get("seconds", 0.0)),
    }


def _inputs(inputs: Sequence[Any], roots: Sequence[Any]) -> list[dict[str, Any]]:
    """report.json ``inputs``: each merged input with the newest collection time of its roots."""
    newest: dict[Any, str] = {}
    for root in map(_as_dict, roots):
        ts = root.get("ts_last")
        if ts and str(ts) > newest.get(root.get("input_id"), ""):
            newest[root.get("input_id")] = str(ts)
    out = []
    for info in map(_as_dict, inputs):
        row = {k: info.get(k) for k in ("path", "sha256", "format")}
        row["collected_at"] = newest.get(info.get("input_id"))
        out.append(row)
    return out


def build_report_dict(*, tool_version: str, rules_sha256: str, generated_at: datetime | str,
                      vendor_build: Mapping[str, Any] | None = None,
                      inputs: Sequence[Any], roots: Sequence[Any], facts: Mapping[str, Any],
                      target_version: str, results: Sequence[RuleResult],
                      coverage: Sequence[Mapping[str, Any]], ingest: Any,
                      assessment: Mapping[str, Any] | None = None,
                      exposure: str | None = None,
                      completeness: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the report dict exactly as report.json (contract schema_version 1).

    Args:
        tool_version: mgscan version.
        rules_sha256: ``Catalog.rules_sha256``.
        vendor_build: the vendor build the catalogue matches (``analyzer.rules.vendor``).
        generated_at: the injected clock's time.
        inputs: ``InputInfo`` objects or dicts (``path``, ``sha256``, ``format``).
        roots: ``Root`` objects or dicts (``path``, ``kind``, ``image``, ``product``, ``version``).
        facts: the ``cluster_facts`` row as a dict (``rhoai_version`` is the source version).
        target_version: the target RHOAI version.
        results: the runner's results.
        coverage: ``compute_coverage`` rows.
        ingest: ``IngestSummary`` or a dict with files, objects, duplicates, errors, seconds.
        assessment: the additive assessment block, if built.
        exposure: the exposure class the assessment decided (``analyzer.assess``); without
            it, the class follows from the findings.
        completeness: ``analyzer.assess.completeness.build_completeness``'s block (always
            complete when source and target share major.minor); None leaves the key out.
    """
    source = facts.get("rhoai_version")
    same = bool(source) and same_minor(str(source), target_version)
    result_dicts = [r.to_dict() for r in sorted(results, key=lambda r: r.sort_key)]
    block = dict(assessment) if assessment is not None else None
    if same:
        notice = SAME_MINOR_NOTICE.format(source=source, target=target_version)
        for result in result_dicts:
            result.update(outcome=Outcome.NOT_APPLICABLE.value, message=notice, findings=[])
        if block is not None:
            notices = list(block.get("notices") or [])
            block["notices"] = notices if notice in notices else [notice, *notices]
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mgscan", "version": tool_version, "rules_sha256": rules_sha256,
                 **({"vendor_build": dict(vendor_build)} if vendor_build else {})},
        "generated_at": rfc3339(generated_at),
        "inputs": _inputs(inputs, roots),
        "roots": sorted(({k: _as_dict(r).get(k) for k in ("path", "kind", "image", "product",
                                                            "version")} for r in roots),
                        key=lambda r: (str(r["path"]), str(r["kind"]))),
        "cluster": {k: facts.get(_FACT_OF.get(k, k)) for k in _CLUSTER_KEYS},
        "target_version": target_version,
        "verdict": "PASS" if same else verdict_of(result_dicts),
        "exposure": _exposure(block, result_dicts, same, exposure),
        "completeness": dict(COMPLETE if same else completeness or COMPLETE),
        "summary": summarize(result_dicts),
        "results": result_dicts,
        "coverage": [{"kind": c["kind"], "status": c["status"], "count": int(c["count"]),
                      "hint": c.get("hint") or ""}
                     for c in sorted(coverage, key=lambda c: str(c["kind"]))],
        "ingest": _ingest(ingest),
    }
    if completeness is None:
        del report["completeness"]
    if block is not None:
        report["assessment"] = block
    return report
