"""The plan: the ordered steps this cluster needs, from its own results and checklist.

``ref_plan`` (``queries/_reference/plan.yaml``) lists every step in the order the vendor's
migration guidance requires, with the rules and checklist items that call for it. A step is in a
cluster's plan when one of its rules failed (``todo``) or could not run (``unknown``), when one
of its checklist items is not done, or when every migration needs it (``always``). Failed rules
that no step names form the step ``other``, so every finding is reachable from the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

from analyzer.assess.refs import fetch_dicts

_RANK = {"todo": 0, "unknown": 1, "confirm": 2, "always": 3}
_CHECK_STATUS = {"todo": "todo", "unknown": "unknown", "confirm": "confirm"}
_MAX_OBJECTS = 12


def _ref(finding: Mapping[str, Any]) -> str:
    """``Kind namespace/name`` (or ``Kind name`` for cluster-scoped objects)."""
    kind, ns, name = (str(finding.get(k) or "") for k in ("kind", "namespace", "name"))
    return " ".join(p for p in (kind, f"{ns}/{name}" if ns else name) if p)


def _objects(results: Sequence[Mapping[str, Any]]) -> list[str]:
    return sorted({_ref(f) for r in results for f in r.get("findings") or [] if _ref(f)})


def _step(row: Mapping[str, Any], results: Sequence[Mapping[str, Any]],
          checks: Sequence[Mapping[str, Any]], waiting: int) -> dict[str, Any] | None:
    failed = [r for r in results if r.get("outcome") == "failed"]
    unknown = [r for r in results if r.get("outcome") in ("not_evaluated", "error")]
    statuses = [_CHECK_STATUS[c["status"]] for c in checks if c.get("status") in _CHECK_STATUS]
    statuses += ["todo"] * bool(failed) + ["unknown"] * bool(unknown)
    if row.get("always"):
        statuses.append("always")
    if waiting:
        statuses.append("unknown")
    if not statuses:
        return None
    status = min(statuses, key=_RANK.__getitem__)
    objects = _objects(failed)
    details = [f"{c['item']}: {c['detail']}" for c in checks
               if c.get("status") in _CHECK_STATUS and c.get("detail")]
    return {
        "id": str(row["id"]),
        "title": str(row["title"]),
        "status": status,
        "why": str(row.get("why") or ""),
        "rule_ids": sorted({str(r["rule_id"]) for r in failed + unknown}),
        "objects": objects[:_MAX_OBJECTS],
        "more_objects": max(len(objects) - _MAX_OBJECTS, 0),
        "checks": details,
        "not_evaluated": waiting,
    }


def build_plan(con: duckdb.DuckDBPyConnection, results: Sequence[Mapping[str, Any]],
               checklist: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the ordered plan steps (``step`` numbers from 1) for this cluster.

    Args:
        con: the database holding ``ref_plan``.
        results: report.json ``results`` (rule_id, outcome, findings).
        checklist: the assessment's checklist items (id, item, status, detail).

    Returns:
        Steps with ``step, id, title, status, why, rule_ids, objects, more_objects, checks,
        not_evaluated`` (the number of rules left not evaluated, on the collection step);
        ``status`` is ``todo`` (work found), ``unknown`` (could not check), ``confirm`` (the
        bundle cannot show it) or ``always`` (every migration does it).
    """
    rows = fetch_dicts(con, 'select * from ref_plan order by "order", id')
    by_id = {str(r.get("rule_id")): r for r in results}
    checks = {str(c.get("id")): c for c in checklist}
    named = {rid for row in rows for rid in row.get("rule_ids") or []}
    not_evaluated = [r for r in results if r.get("outcome") == "not_evaluated"]
    out: list[dict[str, Any]] = []
    for row in rows:
        if row["id"] == "other":
            mine = [r for r in results
                    if r.get("outcome") == "failed" and str(r.get("rule_id")) not in named]
        else:
            mine = [by_id[i] for i in row.get("rule_ids") or [] if i in by_id]
        waiting = len(not_evaluated) if row.get("not_evaluated") else 0
        step = _step(row, mine, [checks[i] for i in row.get("checklist") or [] if i in checks],
                     waiting)
        if step is not None:
            out.append({"step": len(out) + 1, **step})
    return out
