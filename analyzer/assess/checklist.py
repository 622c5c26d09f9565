"""Prerequisite checklist (migration-facts.md §7): rule results decide every item.

Each ``ref_checklist`` row (``queries/_reference/checklist.yaml``) names the rules
(``rule_ids``) that decide it; this module only maps their results and words them:

- a rule failed → ``todo`` (its findings, with counts and names, are the detail);
- else one could not run (``not_evaluated`` or ``error``) → ``unknown`` (its message says what
  is missing and how to collect it);
- else one passed → ``done`` (the row's ``done`` text, filled with bundle facts);
- else every rule was not applicable → ``not_needed`` (its message says why: another upgrade
  path, or a component that is not installed);
- no deciding rule ran at all (``--checks`` left them out) → ``unknown``.

Rows with ``confirm: true`` are what no bundle shows (backups, restore tests): always
``confirm``. Nothing here decides an item itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from analyzer.assess.inventory import component_state
from analyzer.assess.refs import fetch_dicts, fetch_one, plural

#: Checklist status per rule outcome (``error`` counts as could not run).
OUTCOME_STATUS = {"failed": "todo", "not_evaluated": "unknown", "error": "unknown",
                  "passed": "done", "not_applicable": "not_needed"}
_RANK = {"todo": 0, "unknown": 1, "done": 2, "not_needed": 3}
_MAX_NAMES = 4
_MAX_OBSERVED = 40  # longer deciding values (image references…) are left to the findings
_NOUNS = {"models": "model", "workbenches": "workbench"}
_PLACEHOLDER = re.compile(r"\{(\w+)(?::([\w-]+))?\}")


@dataclass(frozen=True)
class Context:
    """What the wording of an item reads besides the database: cluster facts, inventory."""

    facts: Mapping[str, Any]
    inventory: Mapping[str, Any]


def _display(con: duckdb.DuckDBPyConnection, key: str) -> str:
    row = fetch_one(con, "select display from ref_operators where key = ?", [key])
    return str(row.get("display") or key)


def _installed(con: duckdb.DuckDBPyConnection, key: str) -> list[str]:
    """``name (installed CSV)`` of each Subscription of a known operator."""
    return [f"{r['name']} ({r['csv']})" if r["csv"] else r["name"]
            for r in fetch_dicts(con, "select name, csv from asm_known_operators where key = ? "
                                      "order by namespace, name", [key])]


def _fill(con: duckdb.DuckDBPyConnection, ctx: Context, text: str,
          operator: str | None) -> str:
    """Fill a ``done`` or ``todo`` text's placeholders with facts of the bundle.

    ``{ocp_version}``, ``{platform}``, ``{models}``/``{workbenches}`` (counted), ``{display}``
    (the row's operator), ``{subscriptions}`` or ``{subscriptions:KEY}`` (installed, or
    ``none``), ``{component:NAME}`` (its managementState).
    """
    def one(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2)
        if name in ("ocp_version", "platform"):
            return str(ctx.facts.get(name) or "unknown")
        if name in ("models", "workbenches"):
            return plural(len(ctx.inventory[name]), _NOUNS[name])
        if name == "display":
            return _display(con, str(operator))
        if name == "subscriptions":
            return ", ".join(_installed(con, arg or str(operator))) or "none"
        if name == "component":
            return str(component_state(con, str(arg)) or "DataScienceCluster not collected")
        raise KeyError(f"unknown placeholder {match.group(0)} in the checklist")

    return _PLACEHOLDER.sub(one, text)


def _ref(finding: Mapping[str, Any]) -> str:
    """``namespace/name (observed)``: the object and, when short, the value that decided."""
    ns, name = finding.get("namespace"), finding.get("name")
    ref = f"{ns}/{name}" if ns else str(name)
    observed = next((str(e.get("observed")) for e in finding.get("evidence") or []
                     if e.get("observed") not in (None, "")), "")
    return f"{ref} ({observed})" if observed and len(observed) <= _MAX_OBSERVED else ref


def _todo_detail(failed: Sequence[Mapping[str, Any]], todo: str | None) -> str:
    """The findings of the failed rules: counts per kind with names (and the deciding value).

    Without a ``todo`` wording, a single finding is shown as its own message.
    """
    seen: dict[tuple[str, str], str] = {}
    for result in failed:
        for f in result.get("findings") or []:
            key = (str(f.get("kind")), f"{f.get('namespace') or ''}/{f.get('name')}")
            seen.setdefault(key, _ref(f))
    if not seen:
        return str(failed[0].get("message") or "")
    if todo is None:
        if len(seen) == 1:
            return str(next(f.get("message") for r in failed for f in r.get("findings") or [])
                       or "")
        todo = "still to do"
    kinds: dict[str, int] = {}
    for kind, _ in seen:
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = ", ".join(plural(n, kind) for kind, n in kinds.items())
    names = list(seen.values())
    shown = ", ".join(names[:_MAX_NAMES])
    more = f", +{len(names) - _MAX_NAMES} more" if len(names) > _MAX_NAMES else ""
    return f"{counted} {todo}: {shown}{more}"


def _decide(con: duckdb.DuckDBPyConnection, ctx: Context, row: Mapping[str, Any],
            results: Sequence[Mapping[str, Any]]) -> tuple[str, str, str | None]:
    """``(status, detail, rule_id)`` of one rule-decided item."""
    ids = [str(i) for i in row.get("rule_ids") or []]
    ran = sorted((r for r in results if str(r.get("rule_id")) in ids
                  and str(r.get("outcome")) in OUTCOME_STATUS),
                 key=lambda r: (_RANK[OUTCOME_STATUS[str(r["outcome"])]], str(r["rule_id"])))
    if not ran:
        return "unknown", f"Not checked in this run ({', '.join(ids)} did not run)", None
    first = ran[0]
    status = OUTCOME_STATUS[str(first["outcome"])]
    if status == "todo":
        failed = [r for r in ran if r["outcome"] == "failed"]
        todo = _fill(con, ctx, str(row["todo"]), row.get("operator")) if row.get("todo") else None
        detail = _todo_detail(failed, todo)
        unchecked = [str(r["rule_id"]) for r in ran if OUTCOME_STATUS[r["outcome"]] == "unknown"]
        if unchecked:
            detail += f" (not all could be checked: {', '.join(unchecked)})"
    elif status == "unknown":
        detail = str(first.get("message") or "")
    elif status == "done":
        detail = _fill(con, ctx, str(row.get("done") or ""), row.get("operator"))
    else:
        detail = f"Not needed for this upgrade: {first.get('message') or ''}".rstrip(": ")
    return status, detail, str(first["rule_id"])


def _confirm_detail(con: duckdb.DuckDBPyConnection, row: Mapping[str, Any]) -> str:
    """A confirm item's text, plus what the bundle shows of its operator (e.g. OADP)."""
    parts = [str(row.get("detail") or "")]
    key = row.get("operator")
    if key:
        found = _installed(con, str(key))
        parts.append(f"{', '.join(found)} installed" if found
                     else f"No {_display(con, str(key))} Subscription seen")
    return "; ".join(p for p in parts if p)


def build_checklist(con: duckdb.DuckDBPyConnection, ctx: Context,
                    results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Build the checklist in ``ref_checklist`` order from the rule results.

    Returns:
        Items ``{id, section, item, status, detail, rule_id}``; ``status`` is ``todo``,
        ``unknown``, ``done``, ``not_needed`` or ``confirm``; ``rule_id`` the deciding rule
        (the first failed, else could not run, else passed, else not applicable one).
    """
    out: list[dict[str, Any]] = []
    for row in fetch_dicts(con, 'select * from ref_checklist order by "order", id'):
        if row.get("confirm"):
            status, detail, rule_id = "confirm", _confirm_detail(con, row), None
        else:
            status, detail, rule_id = _decide(con, ctx, row, results)
        out.append({"id": row["id"], "section": row["section"], "item": row["item"],
                    "status": status, "detail": detail, "rule_id": rule_id})
    return out
