"""``events``: the collected Events, oldest first, as ``oc get events`` lists them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import orjson

from analyzer.errors import UsageError
from analyzer.explore.objects import age, collected_at, parse_time
from analyzer.explore.render import table

MAX_EVENTS = 2000


@dataclass(frozen=True)
class Event:
    """One Event, reduced to what the listing shows."""

    namespace: str
    when: str
    type: str
    reason: str
    obj_kind: str
    obj_name: str
    message: str
    count: int


def _event(ns: str | None, raw: dict[str, Any]) -> Event:
    inv = raw.get("involvedObject") or raw.get("regarding") or {}
    when = (raw.get("lastTimestamp") or raw.get("eventTime") or raw.get("firstTimestamp")
            or (raw.get("metadata") or {}).get("creationTimestamp") or "")
    return Event(ns or "", str(when), str(raw.get("type") or ""), str(raw.get("reason") or ""),
                 str(inv.get("kind") or ""), str(inv.get("name") or ""),
                 str(raw.get("message") or raw.get("note") or "").strip(),
                 int(raw.get("count") or 1) if str(raw.get("count") or "1").isdigit() else 1)


def list_events(con: duckdb.DuckDBPyConnection, namespace: str | None = None,
                for_object: str | None = None, type_: str | None = None) -> list[Event]:
    """Events filtered by namespace, involved object (``KIND/NAME``) and type, oldest first."""
    sql = "select namespace, raw from resources where kind = 'Event' and \"group\" in ('', " \
          "'events.k8s.io')"
    args: list[Any] = []
    if namespace is not None:
        sql += " and namespace = ?"
        args.append(namespace)
    events = [_event(ns, orjson.loads(raw)) for ns, raw in con.execute(sql, args).fetchall()]
    if for_object:
        kind, sep, name = for_object.partition("/")
        if not sep or not name:
            raise UsageError(f"--for takes KIND/NAME, not {for_object!r}")
        from analyzer.explore.kinds import SHORT_NAMES

        want = SHORT_NAMES.get(kind.lower(), kind).lower()
        events = [e for e in events if e.obj_name == name
                  and want in (e.obj_kind.lower(), e.obj_kind.lower() + "s")]
    if type_:
        events = [e for e in events if e.type.lower() == type_.lower()]
    epoch = parse_time("1970-01-01T00:00:00Z")
    events.sort(key=lambda e: (parse_time(e.when) or epoch, e.namespace, e.obj_name, e.reason))
    return events[-MAX_EVENTS:]


def render_events(con: duckdb.DuckDBPyConnection, events: list[Event],
                  all_namespaces: bool) -> str:
    """The ``oc get events`` table: LAST SEEN (age at collection), TYPE, REASON, OBJECT, MESSAGE."""
    if not events:
        return "No events found.\n"
    now = collected_at(con)
    header = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    rows = [[age(e.when, now), e.type, e.reason, f"{e.obj_kind.lower()}/{e.obj_name}",
             e.message] for e in events]
    if all_namespaces:
        header = ["NAMESPACE", *header]
        rows = [[e.namespace, *r] for e, r in zip(events, rows, strict=True)]
    return table(rows, header)
