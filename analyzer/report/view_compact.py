"""Template views for the compact report: plan steps, rule rows, collection gaps, pictures.

Kept apart from :mod:`analyzer.report.view` so each stays small. Every function takes plain
report data and returns dicts whose keys are always present (templates run under
``StrictUndefined``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from analyzer.report.common import Report, results_by_outcome
from analyzer.report.view_assessment import picks

_PLACEHOLDER = "\u2063"  # invisible separator: stands for "the object of this row"
_COVERAGE_CLASSES = ("collected", "not_collected", "absent")


def _normalise(message: str, finding: Mapping[str, Any]) -> str:
    """The message with the row's own object (``ns/name`` or ``name``) replaced."""
    ns, name = str(finding.get("namespace") or ""), str(finding.get("name") or "")
    text = message
    for token in (f"{ns}/{name}" if ns else "", name):
        if token:
            text = text.replace(token, _PLACEHOLDER)
    return text


def shared_message(findings: Sequence[Mapping[str, Any]]) -> bool:
    """True when every row says the same thing apart from naming its own object.

    >>> shared_message([{"name": "a", "message": "Route a changes"},
    ...                 {"name": "b", "message": "Route b changes"}])
    True
    >>> shared_message([{"name": "a", "message": "x 1"}, {"name": "b", "message": "x 2"}])
    False
    """
    texts = {_normalise(str(f.get("message") or ""), f) for f in findings}
    return len(findings) > 1 and len(texts) == 1


def plan_view(assessment: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The plan steps, each with its links to rule cards."""
    return [dict(step, rule_ids=[str(r) for r in step.get("rule_ids") or []],
                 objects=[str(o) for o in step.get("objects") or []],
                 checks=[str(c) for c in step.get("checks") or []],
                 more_objects=int(step.get("more_objects") or 0),
                 not_evaluated=int(step.get("not_evaluated") or 0))
            for step in picks("step", assessment.get("plan"))]


def collection_gaps(report: Report) -> list[dict[str, Any]]:
    """Each kind that was not collected: its command and the rules left not evaluated."""
    rules = results_by_outcome(report, "not_evaluated")
    out = []
    for item in picks("coverage", report.get("coverage")):
        if item["status"] != "not_collected":
            continue
        kind = str(item["kind"] or "")
        pattern = re.compile(rf"(^|[:;] ){re.escape(kind)} \(collect with:")
        needing = sorted(str(r.get("rule_id")) for r in rules
                         if pattern.search(str(r.get("message") or "")))
        out.append({"kind": kind, "hint": str(item["hint"] or ""), "rules": needing})
    return out


def coverage_grid(report: Report, columns: int = 8) -> dict[str, Any]:
    """Cells of the coverage picture: one square per kind, coloured by status."""
    items = sorted(picks("coverage", report.get("coverage")),
                   key=lambda c: (_COVERAGE_CLASSES.index(c["status"])
                                  if c["status"] in _COVERAGE_CLASSES else 3, str(c["kind"])))
    cells = [{"kind": str(c["kind"] or ""), "status": str(c["status"] or "unknown"),
              "count": c["count"], "x": (i % columns) * 128, "y": (i // columns) * 30}
             for i, c in enumerate(items)]
    rows = (len(cells) + columns - 1) // columns
    counts = {s: sum(1 for c in cells if c["status"] == s) for s in _COVERAGE_CLASSES}
    return {"cells": cells, "width": columns * 128, "height": max(rows * 30, 0),
            "counts": counts}


_UNIT_DAYS = {"hour": 1 / 8, "day": 1.0, "week": 5.0, "month": 21.0}


def _days(estimate: str) -> tuple[float, float]:
    """``"1–2 weeks"`` → (5, 10) working days; unknown text → (0, 0).

    >>> _days("4–8 hours")
    (0.5, 1.0)
    >>> _days("1 week")
    (5.0, 5.0)
    """
    match = re.match(r"\s*(\d+)(?:\s*[\u2013-]\s*(\d+))?\s*(hour|day|week|month)", estimate)
    if not match:
        return 0.0, 0.0
    unit = _UNIT_DAYS[match.group(3)]
    low = float(match.group(1))
    high = float(match.group(2) or low)
    return low * unit, high * unit


def gantt(timeline: Sequence[Mapping[str, Any]], width: int = 560) -> dict[str, Any]:
    """Bars of the phases laid end to end: the shortest estimate solid, the longest pale."""
    spans = [(str(p.get("phase") or ""), str(p.get("estimate") or ""),
              *_days(str(p.get("estimate") or ""))) for p in timeline]
    total = sum(high for *_, high in spans) or 1.0
    label, scale = 130, (width - 130 - 90) / total
    bars, start = [], 0.0
    for i, (phase, estimate, low, high) in enumerate(spans):
        bars.append({"phase": phase, "estimate": estimate, "y": i * 22,
                     "x": round(label + start * scale, 2),
                     "low": round(max(low * scale, 2.0), 2),
                     "high": round(max(high * scale, 2.0), 2)})
        start += high
    return {"bars": bars, "width": width, "height": len(bars) * 22, "label": label}
