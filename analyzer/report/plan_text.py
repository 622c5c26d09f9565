"""The plan (``assessment.plan``) and cluster identity as plain text, for Markdown and terminal.

Both renderers show the same steps in the same order; they differ only in escaping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.report.common import Report

STATUS_WORDS = {"todo": "to do", "unknown": "check", "confirm": "confirm",
                "always": "every migration"}
_IDENTITY = (("Cluster ID", "id"), ("Infrastructure", "infrastructure_name"),
             ("API", "api_url"))


def plan_steps(report: Report) -> list[Mapping[str, Any]]:
    """The report's plan steps (an empty list when the report has none)."""
    plan = (report.get("assessment") or {}).get("plan")
    return [s for s in plan if isinstance(s, Mapping)] if isinstance(plan, list) else []


def step_refs(step: Mapping[str, Any], limit: int = 4) -> str:
    """``"3 objects; WRK-0100, WRK-0110"``: what a step names, shortened for one line."""
    parts = []
    objects = list(step.get("objects") or [])
    total = len(objects) + int(step.get("more_objects") or 0)
    if total == 1:
        parts.append(str(objects[0]))
    elif total:
        parts.append(f"{total} objects")
    if step.get("not_evaluated"):
        parts.append(f"{step['not_evaluated']} rules not evaluated")
    rules = [str(r) for r in step.get("rule_ids") or []]
    if rules:
        parts.append(", ".join(rules[:limit]) + (f" +{len(rules) - limit}" if len(rules) > limit
                                                 else ""))
    return "; ".join(parts)


def identity_pairs(report: Report) -> list[tuple[str, str]]:
    """(label, value) of the cluster's ID, infrastructure name and API URL; "not found" if null."""
    cluster = report.get("cluster") or {}
    return [(label, str(cluster.get(key) or "not found")) for label, key in _IDENTITY]
