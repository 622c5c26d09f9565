"""``report.json``: the report dict serialised in the contract's key order."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# Key order fixed by the contract (contract.md, "report.json (schema_version 1)").
# Keys that are not listed keep their original order after the listed ones.
_TOP = (
    "schema_version",
    "tool",
    "generated_at",
    "inputs",
    "roots",
    "cluster",
    "target_version",
    "verdict",
    "exposure",
    "completeness",
    "summary",
    "results",
    "coverage",
    "ingest",
    "assessment",
)
_ORDERS: dict[str, tuple[str, ...]] = {
    "tool": ("name", "version", "rules_sha256"),
    "inputs": ("path", "sha256", "format", "collected_at"),
    "roots": ("path", "kind", "image", "product", "version"),
    "cluster": (
        "id",
        "infrastructure_name",
        "api_url",
        "ocp_version",
        "ocp_version_source",
        "rhoai_version",
        "rhoai_version_source",
        "channel",
        "platform",
        "collected_at",
    ),
    "summary": (
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
    ),
    "results": (
        "rule_id",
        "aliases",
        "title",
        "group",
        "severity",
        "outcome",
        "message",
        "remediation",
        "links",
        "findings",
    ),
    "links": ("title", "url"),
    "findings": ("kind", "namespace", "name", "message", "severity", "evidence"),
    "evidence": ("file", "pointer", "line", "observed"),
    "coverage": ("kind", "status", "count", "hint"),
    "ingest": ("files", "objects", "duplicates", "errors", "seconds"),
    "errors": ("file", "error", "count"),
}


def _ordered(mapping: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """Copy ``mapping`` with the keys of ``order`` first, then the rest as they came."""
    out = {key: mapping[key] for key in order if key in mapping}
    out.update((key, value) for key, value in mapping.items() if key not in out)
    return out


def _canonical(value: Any, name: str) -> Any:
    """Return ``value`` with every contract object's keys in contract order."""
    if isinstance(value, Mapping):
        order = _ORDERS.get(name, ())
        return {key: _canonical(item, key) for key, item in _ordered(value, order).items()}
    if isinstance(value, list | tuple):
        return [_canonical(item, name) for item in value]
    return value


def canonical_report(report: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of ``report`` whose keys follow the contract order at every level.

    The ``assessment`` block keeps its own order (it is produced already sorted).

    Args:
        report: The report dict.

    Returns:
        A new dict; the input is not modified.
    """
    top = _ordered(report, _TOP)
    out: dict[str, Any] = {}
    for key, value in top.items():
        out[key] = value if key == "assessment" else _canonical(value, key)
    return out


def render_json(report: Mapping[str, Any]) -> str:
    """Serialise the report as ``report.json`` text.

    Keys follow the contract order (not sorted), two-space indentation, non-ASCII text is
    kept as is (``ensure_ascii=False``) and the text ends with a newline.

    Args:
        report: The report dict (contract schema_version 1 plus ``assessment``).

    Returns:
        The JSON document as text.
    """
    return json.dumps(canonical_report(report), indent=2, ensure_ascii=False) + "\n"
