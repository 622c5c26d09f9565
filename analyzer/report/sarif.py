"""``report.sarif``: SARIF 2.1.0, one result per finding, rules from rule metadata."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from analyzer.report.common import (
    Report,
    Result,
    check_line,
    finding_severity,
    fingerprint,
    incomplete_headline,
    iter_findings,
    object_ref,
    unverified_checks,
)
from analyzer.report.textfmt import safe_url

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
URI_BASE_ID = "BUNDLEROOT"
FINGERPRINT_KEY = "mgscanFinding/v1"
_LEVELS = {"prohibited": "error", "critical": "error", "warning": "warning", "info": "note"}


def sarif_level(severity: str) -> str:
    """Map an mgscan severity to a SARIF level.

    >>> [sarif_level(s) for s in ("prohibited", "critical", "warning", "info")]
    ['error', 'error', 'warning', 'note']
    """
    return _LEVELS.get(severity, "note")


def artifact_uri(path: str) -> str:
    """Percent-encode a bundle-relative POSIX path as a relative URI reference.

    >>> artifact_uri("namespaces/a b/x#1.yaml")
    'namespaces/a%20b/x%231.yaml'
    """
    return quote(path.lstrip("/"), safe="/-._~")


def rule_name(title: str) -> str:
    """Turn a rule title into a PascalCase identifier for ``reportingDescriptor.name``.

    >>> rule_name("KServe Serverless mode is still enabled")
    'KServeServerlessModeIsStillEnabled'
    """
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words)


def _rule_descriptor(result: Result) -> dict[str, Any]:
    """Build a ``reportingDescriptor`` from one rule's metadata."""
    severity = str(result.get("severity") or "info")
    title = str(result.get("title") or result.get("rule_id"))
    aliases = [str(a) for a in result.get("aliases") or []]
    full = title if not aliases else f"{title}. Vendor check: {', '.join(aliases)}."
    descriptor: dict[str, Any] = {
        "id": str(result.get("rule_id")),
        "name": rule_name(title) or str(result.get("rule_id")).replace("-", ""),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": sarif_level(severity)},
        "properties": {
            "aliases": aliases,
            "group": str(result.get("group") or ""),
            "severity": severity,
            "tags": [str(result.get("group") or ""), severity],
        },
    }
    links = [safe_url(link.get("url")) for link in result.get("links") or []]
    help_uri = next((url for url in links if url), None)
    if help_uri:
        descriptor["helpUri"] = help_uri
    if result.get("remediation"):
        descriptor["help"] = {"text": str(result["remediation"])}
    return descriptor


def _locations(finding: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One location per evidence item with a file, each naming the object logically.

    A finding without file evidence gets one location with the logical object only.
    """
    logical = [
        {
            "name": str(finding.get("name") or ""),
            "fullyQualifiedName": object_ref(finding),
            "kind": "resource",
        }
    ]
    out: list[dict[str, Any]] = []
    for evidence in finding.get("evidence") or []:
        if not evidence.get("file"):
            continue
        physical: dict[str, Any] = {
            "artifactLocation": {
                "uri": artifact_uri(str(evidence["file"])),
                "uriBaseId": URI_BASE_ID,
            },
        }
        line = evidence.get("line")
        if isinstance(line, int) and not isinstance(line, bool) and line >= 1:
            physical["region"] = {"startLine": line}
        location: dict[str, Any] = {"physicalLocation": physical, "logicalLocations": logical}
        if evidence.get("pointer"):
            location["message"] = {"text": f"JSON pointer {evidence['pointer']}"}
        out.append(location)
    return out or [{"logicalLocations": logical}]


def _result(result: Result, finding: Mapping[str, Any], rule_index: int) -> dict[str, Any]:
    """Build one SARIF ``result`` for a finding."""
    severity = finding_severity(result, finding)
    message = str(finding.get("message") or result.get("message") or result.get("title"))
    observed = [
        str(e.get("observed"))
        for e in finding.get("evidence") or []
        if e.get("observed") is not None
    ]
    entry: dict[str, Any] = {
        "ruleId": str(result.get("rule_id")),
        "ruleIndex": rule_index,
        "level": sarif_level(severity),
        "message": {"text": message},
        "locations": _locations(finding),
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(str(result.get("rule_id")), finding)},
        "properties": {
            "severity": severity,
            "object": object_ref(finding),
            "kind": str(finding.get("kind") or ""),
            "namespace": finding.get("namespace"),
            "name": str(finding.get("name") or ""),
            "observed": observed,
        },
    }
    return entry


def build_sarif(report: Report) -> dict[str, Any]:
    """Build the SARIF 2.1.0 log as a dict.

    Args:
        report: The report dict (contract schema_version 1).

    Returns:
        A SARIF log with one run: every rule in ``tool.driver.rules`` and one result per
        finding; rules that errored or could not be evaluated are tool notifications.
    """
    results = list(report.get("results") or [])
    index = {str(r.get("rule_id")): i for i, r in enumerate(results)}
    tool: Mapping[str, Any] = report.get("tool") or {}
    notifications = [
        {
            "level": "error" if r.get("outcome") == "error" else "note",
            "message": {
                "text": f"{r.get('rule_id')} {str(r.get('outcome')).replace('_', ' ')}: "
                f"{r.get('message') or r.get('title')}"
            },
            "descriptor": {"id": str(r.get("rule_id")), "index": index[str(r.get("rule_id"))]},
        }
        for r in results
        if r.get("outcome") in ("error", "not_evaluated")
    ]
    headline = incomplete_headline(report)
    if headline:
        text = headline + ": " + "; ".join(check_line(i) for i in unverified_checks(report))
        notifications.insert(0, {"level": "warning", "message": {"text": text}})
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": str(tool.get("name") or "mgscan"),
                "version": str(tool.get("version") or ""),
                "rules": [_rule_descriptor(r) for r in results],
            }
        },
        "originalUriBaseIds": {
            URI_BASE_ID: {
                "description": {"text": "Root of the must-gather bundle (inside each input)."}
            }
        },
        "invocations": [
            {
                "executionSuccessful": not any(r.get("outcome") == "error" for r in results),
                "endTimeUtc": str(report.get("generated_at") or ""),
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [_result(r, f, index[str(r.get("rule_id"))]) for r, f in iter_findings(report)],
        "properties": {
            "verdict": report.get("verdict"),
            "exposure": report.get("exposure"),
            "completeness": report.get("completeness"),
            "target_version": report.get("target_version"),
            "rules_sha256": tool.get("rules_sha256"),
            "inputs": [
                {"path": i.get("path"), "sha256": i.get("sha256")}
                for i in report.get("inputs") or []
            ],
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    """Serialise :func:`build_sarif` as JSON text ending with a newline."""
    return json.dumps(build_sarif(report), indent=2, ensure_ascii=False) + "\n"
