"""Fetch objects from the ingested bundle: by kind, name, namespace and label selector."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import orjson

from analyzer.errors import ExitCode, MgscanError
from analyzer.explore.kinds import KindRef

MAX_OBJECTS = 5000  # a bound on what one command loads (the terminal shows fewer)


class NotFound(MgscanError):
    """A named object, namespace or log is not in the bundle (exit 1, as ``oc``)."""

    exit_code = ExitCode.FAIL  # oc exits 1 for "not found"; no verdict is involved here


@dataclass(frozen=True)
class Obj:
    """One collected object (deduplicated ``resources`` row)."""

    ref: KindRef
    namespace: str | None
    name: str
    raw: dict[str, Any]
    labels: dict[str, str]
    file: str

    @property
    def uid(self) -> str:
        """metadata.uid ('' when not collected)."""
        return str(self.raw.get("metadata", {}).get("uid") or "")


_REQ = re.compile(r"^\s*(!)?\s*([A-Za-z0-9./_-]+)\s*(?:(==|=|!=)\s*([A-Za-z0-9._-]*))?\s*$")
_SET = re.compile(r"^\s*([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^)]*)\)\s*$")


def _split(selector: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in selector:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [*out, cur]


def match_selector(labels: dict[str, str], selector: str) -> bool:
    """True when ``labels`` satisfy a label selector (``a=b,c!=d,e,!f,g in (x,y)``)."""
    from analyzer.errors import UsageError

    for part in _split(selector):
        if not part.strip():
            continue
        if m := _SET.match(part):
            values = {v.strip() for v in m.group(3).split(",")}
            inside = m.group(1) in labels and labels[m.group(1)] in values
            if inside != (m.group(2) == "in"):
                return False
            continue
        m = _REQ.match(part)
        if not m or (m.group(1) and m.group(3)):
            raise UsageError(f"invalid label selector {selector!r}")
        neg, key, op, value = m.groups()
        if op is None:
            if (key in labels) == bool(neg):
                return False
        elif (labels.get(key) == value) != (op in ("=", "==")):
            return False
    return True


def fetch(con: duckdb.DuckDBPyConnection, refs: list[KindRef], name: str | None = None,
          namespace: str | None = None, selector: str | None = None) -> list[Obj]:
    """Objects of ``refs`` (sorted by namespace, name), filtered as ``oc get`` filters."""
    out: list[Obj] = []
    for ref in refs:
        sql = ('select namespace, name, raw, labels, file from resources '
               'where coalesce("group", \'\') = ? and kind = ?')
        args: list[Any] = [ref.group, ref.kind]
        if name is not None:
            sql += " and name = ?"
            args.append(name)
        if namespace is not None:
            sql += " and namespace = ?"
            args.append(namespace)
        sql += f" order by namespace nulls first, name limit {MAX_OBJECTS}"
        for ns, nm, raw, labels, file in con.execute(sql, args).fetchall():
            lab = orjson.loads(labels) if labels else {}
            if selector and not match_selector(lab or {}, selector):
                continue
            out.append(Obj(ref, ns, nm, orjson.loads(raw) if raw else {}, lab or {}, file))
    return out


def names_in(con: duckdb.DuckDBPyConnection, ref: KindRef, namespace: str | None,
             limit: int = 20) -> list[str]:
    """Up to ``limit`` names of ``ref`` objects (in ``namespace``) to suggest after a miss."""
    sql = 'select name from resources where coalesce("group", \'\') = ? and kind = ?'
    args: list[Any] = [ref.group, ref.kind]
    if namespace is not None:
        sql += " and namespace = ?"
        args.append(namespace)
    rows = con.execute(sql + f" order by name limit {limit + 1}", args).fetchall()
    names = [r[0] for r in rows[:limit]]
    return names + (["…"] if len(rows) > limit else [])


def collected_at(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the bundle was collected (the reference for ages), or None."""
    row = con.execute("select collected_at from cluster_facts").fetchone()
    return parse_time(row[0]) if row and row[0] else None


def parse_time(value: object) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime (None when absent or malformed)."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def age(created: object, now: datetime | None) -> str:
    """``oc``-style age of a timestamp relative to the collection time (``<unknown>``)."""
    when = parse_time(created)
    if when is None or now is None:
        return "<unknown>"
    secs = int((now - when).total_seconds())
    if secs < 0:
        return "0s"
    days, rem = divmod(secs, 86400)
    hours, rem = divmod(rem, 3600)
    mins, secs = divmod(rem, 60)
    if days >= 2:
        return f"{days}d" if days >= 8 else f"{days}d{hours}h" if hours else f"{days}d"
    if days or hours >= 1:
        return f"{days * 24 + hours}h" if mins == 0 or days else f"{hours}h{mins}m"
    return f"{mins}m{secs}s" if mins and mins < 10 else f"{mins}m" if mins else f"{secs}s"
