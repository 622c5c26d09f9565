"""``describe``: one object with its conditions, owners, owned objects and events."""

from __future__ import annotations

import duckdb

from analyzer.explore.events import list_events
from analyzer.explore.get import GetRequest, find
from analyzer.explore.objects import age, collected_at
from analyzer.explore.render import table
from analyzer.safetext import visible


def _kv(title: str, mapping: object) -> list[str]:
    if not isinstance(mapping, dict) or not mapping:
        return [f"{title}:<none>"]
    items = sorted(mapping.items())
    first, *rest = [f"{visible(str(k))}={visible(str(v))[:200]}" for k, v in items]
    return [f"{title}{first}"] + [" " * len(title) + r for r in rest]


def describe(con: duckdb.DuckDBPyConnection, kind: str, name: str,
             namespace: str | None) -> str:
    """Render ``mgscan describe KIND NAME``."""
    obj = find(con, GetRequest(kind=kind, name=name, namespace=namespace))[0]
    meta = obj.raw.get("metadata") or {}
    now = collected_at(con)
    lines = [f"Name:         {visible(obj.name)}"]
    if obj.namespace:
        lines.append(f"Namespace:    {visible(obj.namespace)}")
    lines.append(f"Kind:         {obj.ref.kind}" + (f" ({obj.ref.group})" if obj.ref.group else ""))
    lines += _kv("Labels:       ", meta.get("labels"))
    lines += _kv("Annotations:  ", meta.get("annotations"))
    created = meta.get("creationTimestamp")
    lines.append(f"Created:      {visible(str(created or '<unknown>'))} "
                 f"({age(created, now)} before collection)")
    lines.append(f"Collected in: {visible(obj.file)}")
    raw_status = obj.raw.get("status")
    status: dict[str, object] = raw_status if isinstance(raw_status, dict) else {}
    if status.get("phase"):
        lines.append(f"Phase:        {visible(str(status['phase']))}")
    raw_conds = status.get("conditions")
    conds = [c for c in raw_conds if isinstance(c, dict)] if isinstance(raw_conds, list) else []
    lines.append("Conditions:" + ("" if conds else "   <none>"))
    if conds:
        rows = [[str(c.get("type", "")), str(c.get("status", "")), str(c.get("reason", "")),
                 str(c.get("message", ""))[:120]] for c in conds]
        lines += ["  " + ln for ln in table(rows, ["TYPE", "STATUS", "REASON", "MESSAGE"])
                  .splitlines()]
    owners = [o for o in meta.get("ownerReferences") or [] if isinstance(o, dict)]
    lines.append("Owned by:     " + (", ".join(
        visible(f"{o.get('kind')}/{o.get('name')}") for o in owners) or "<none>"))
    owned = []
    if obj.uid:
        owned = con.execute("""
            select kind, name from resources
            where namespace is not distinct from ?
              and list_contains(json_extract_string(raw, '$.metadata.ownerReferences[*].uid'), ?)
            order by kind, name limit 50""", [obj.namespace, obj.uid]).fetchall()
    lines.append("Owns:         " + (", ".join(visible(f"{k}/{n}") for k, n in owned)
                                      or "<none>"))
    events = list_events(con, obj.namespace, f"{obj.ref.kind}/{obj.name}")
    lines.append("Events:" + ("       <none>" if not events else ""))
    if events:
        rows = [[e.type, e.reason, age(e.when, now), e.message[:160]] for e in events[-20:]]
        lines += ["  " + ln for ln in table(rows, ["TYPE", "REASON", "AGE", "MESSAGE"])
                  .splitlines()]
    return "\n".join(lines) + "\n"

