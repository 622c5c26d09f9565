"""Support window, effort table and size/timeline estimate (migration-facts.md §2, §5, §6)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from analyzer.assess.inventory import component_states
from analyzer.assess.refs import (
    fetch_dicts,
    fetch_one,
    join_counts,
    kind_counts,
    plural,
    sentences,
    table_exists,
)

_OUTCOME_WORK = {"failed": "todo", "not_evaluated": "unknown", "error": "unknown"}
_CHECK_WORK = {"todo": "todo", "unknown": "unknown"}
_SIZE_SIGNALS = ("namespaces", "custom_images", "models", "integrations")
_SIGNAL_WORDS = {"namespaces": "data-science namespaces", "custom_images": "custom images",
                 "models": "models", "integrations": "data connections"}
_LIFECYCLE_SQL = """
select version, release_type, support_ends, coalesce(list_contains(channels, ?), false)
       as channel_match
from asm_lifecycle where version = ?
order by channel_match desc, support_ends nulls last, release_type
"""
# A bundle collected longer before the analysis also gets the window "as of collection".
STALE_DAYS = 30

def stream_of(version: str | None) -> str | None:
    """Return ``major.minor`` of a version string, or None."""
    match = re.search(r"(\d+)\.(\d+)", version or "")
    return f"{match.group(1)}.{match.group(2)}" if match else None


def _as_of(collected_at: object, now: datetime) -> tuple[date, bool]:
    if isinstance(collected_at, date):  # a datetime is a date too
        return (collected_at.date() if isinstance(collected_at, datetime) else collected_at), True
    match = re.match(r"(\d{4}-\d{2}-\d{2})", str(collected_at or ""))
    if match:
        try:
            return date.fromisoformat(match.group(1)), True
        except ValueError:
            pass
    return now.date(), False


def build_support(con: duckdb.DuckDBPyConnection, facts: Mapping[str, Any],
                  now: datetime) -> dict[str, Any]:
    """Build the ``support`` block: stream, channel, release type and months of support left.

    Months are whole months from the analysis date (``now``, the injected clock: ``as_of``).
    When the bundle was collected more than :data:`STALE_DAYS` days earlier, the block also
    gives the months that were left at collection (``months_left_at_collection``) and the note
    says both.
    """
    stream = stream_of(facts.get("rhoai_version"))
    channel = facts.get("channel")
    collected, from_bundle = _as_of(facts.get("collected_at"), now)
    as_of = now.date()
    collected_on = collected if from_bundle else None
    stale = collected_on is not None and (as_of - collected_on).days > STALE_DAYS
    out: dict[str, Any] = {"stream": stream, "channel": channel, "release_type": None,
                           "support_ends": None, "as_of": as_of.isoformat(),
                           "months_left": None,
                           "collected_on": collected_on.isoformat() if collected_on else None,
                           "months_left_at_collection": None, "note": ""}
    notes: list[str] = []
    rows = (fetch_dicts(con, _LIFECYCLE_SQL, [channel, stream])
            if stream and table_exists(con, "ref_lifecycle") else [])
    if stream is None:
        notes.append("The RHOAI version is unknown, so the support window cannot be computed.")
    elif not rows:
        notes.append(f"RHOAI {stream} is not in mgscan's lifecycle table.")
    else:
        row = rows[0]
        out["release_type"] = row["release_type"]
        if len(rows) > 1 and not row["channel_match"]:
            notes.append(f"RHOAI {stream} ships in several release types; the channel does not "
                         f"say which, so the earliest end of support is used.")
        if row["support_ends"]:
            ends = date.fromisoformat(str(row["support_ends"]))
            out["support_ends"] = ends.isoformat()
            out["months_left"] = _months(ends, as_of)
            notes.append(_window_note(stream, str(row["release_type"]), ends, as_of,
                                      out["months_left"]))
            if stale and collected_on is not None:
                out["months_left_at_collection"] = _months(ends, collected_on)
                left = out["months_left_at_collection"]
                then = ("support had already ended" if ends < collected_on else
                        f"{plural(left, 'month')} {'was' if left == 1 else 'were'} left")
                notes.append(f"The bundle was collected on {collected_on.isoformat()}, "
                             f"{(as_of - collected_on).days} days before the analysis: as of "
                             f"collection, {then}.")
        else:
            notes.append(f"The end of support for RHOAI {stream} ({row['release_type']}) is not "
                         "known to mgscan.")
    if not from_bundle:
        notes.append("The bundle's collection time is unknown.")
    if channel is None:
        notes.append("The rhods-operator Subscription channel was not collected.")
    out["note"] = " ".join(notes + sentences(con, "support"))
    return out


def _months(ends: date, since: date) -> int:
    """Whole months from ``since`` to ``ends``, never negative."""
    months = (ends.year - since.year) * 12 + ends.month - since.month
    return max(months - (ends.day < since.day), 0)


def _window_note(stream: str, release_type: str, ends: date, as_of: date, months: int) -> str:
    if ends < as_of:
        return (f"RHOAI {stream} {release_type} support ended on {ends.isoformat()}, before "
                f"the analysis date ({as_of.isoformat()}).")
    return (f"RHOAI {stream} {release_type} support ends {ends.strftime('%B %Y')}: "
            f"{plural(months, 'month')} left as of the analysis date ({as_of.isoformat()}).")


def _objects_evidence(counted: Mapping[tuple[str, str], int], spec: str,
                      inventory: Mapping[str, Any]) -> tuple[int, str]:
    if spec == "@models":
        models = inventory["models"]
        modes = Counter(m["mode"] for m in models if m["mode"] != "RawDeployment")
        inferred = sum(1 for m in models if m["inferred"])
        noun = "model" if inferred else "InferenceService"
        extra = join_counts(dict(sorted(modes.items())) | {"inferred": inferred})
        text = plural(len(models), noun) + (f" ({extra})" if extra else "")
        return len(models), text
    if spec == "@workbenches":
        wbs = inventory["workbenches"]
        inferred = sum(1 for w in wbs if w["inferred"])
        noun = "workbench" if inferred else "Notebook"
        text = plural(len(wbs), noun) + (f" ({inferred} inferred from StatefulSets or Pods)"
                                         if inferred else "")
        return len(wbs), text
    group, _, kind = spec.rpartition("/")
    n = counted.get((group, kind), 0)
    return n, plural(n, kind)


def _work(row: Mapping[str, Any], results: Sequence[Mapping[str, Any]],
          checklist: Sequence[Mapping[str, Any]]) -> str | None:
    """``todo``, ``unknown`` or ``done`` from the row's rules and checklist items (None: none)."""
    rule_ids = set(row.get("rule_ids") or [])
    check_ids = set(row.get("checklist") or [])
    if not rule_ids and not check_ids:
        return None
    states = {_OUTCOME_WORK.get(str(r.get("outcome")), "done") for r in results
              if r.get("rule_id") in rule_ids}
    states |= {_CHECK_WORK.get(str(c.get("status")), "done") for c in checklist
               if c.get("id") in check_ids}
    return next((s for s in ("todo", "unknown") if s in states), "done")


def build_effort(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any],
                 results: Sequence[Mapping[str, Any]] = (),
                 checklist: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """Build the ``effort`` table from ``ref_effort``, in its display order.

    A component is in use when one of its DSC components is Managed or Unmanaged, or one of its
    objects exists; a component not in use has no row (one whose use is unknown, because the
    DataScienceCluster was not collected, keeps its row, unconfirmed). ``evidence`` lists the
    object counts and the DSC states. A component whose rules all passed and whose checklist
    items are all done has nothing to do: its effort is ``none``. ``confirmed`` is False when
    none of its rules failed but one of them could not be checked.
    """
    out: list[dict[str, Any]] = []
    known = component_states(con)
    counted = kind_counts(con)  # one read of asm_kind_counts for every row
    for row in fetch_dicts(con, 'select * from ref_effort order by "order", component'):
        counts = [_objects_evidence(counted, spec, inventory)
                  for spec in row["objects"] or []]
        states = {c: None if known is None else known.get(c, "absent")
                  for c in row["dsc_components"] or []}
        in_use = any(n for n, _ in counts) or any(
            s in ("Managed", "Unmanaged") for s in states.values())
        unknown_use = bool(states) and all(v is None for v in states.values())
        if not in_use and not unknown_use:
            continue
        parts = [text for n, text in counts if n]
        if any(s is not None for s in states.values()):
            parts.append(", ".join(f"{c}: {s}" for c, s in states.items()))
        elif states:
            parts.append("DataScienceCluster not collected")
        work = _work(row, results, checklist)
        out.append({"component": row["component"],
                    "effort": "none" if work == "done" else row["effort"], "in_use": in_use,
                    "action": "nothing to do" if work == "done" else row["action"],
                    "confirmed": in_use and work != "unknown",
                    "evidence": "; ".join(parts) or "none found"})
    return out


def build_sizing(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any],
                 ds_namespaces: set[str]) -> dict[str, Any]:
    """Estimate small/medium/large from the bundle's size signals and attach the timeline."""
    workbenches = inventory["workbenches"]
    custom = {w["image"] for w in workbenches if w["custom_image"]}
    signals = {"namespaces": len(ds_namespaces), "custom_images": len(custom),
               "models": len(inventory["models"]),
               "integrations": int(fetch_one(con, "select data_connections as n "
                                                  "from asm_bundle_facts").get("n") or 0),
               "workbenches": len(workbenches)}
    tiers = fetch_dicts(con, "select * from ref_timeline order by rank")
    chosen = next((t for t in tiers if all(
        t.get(f"{s}_max") is None or signals[s] <= t[f"{s}_max"] for s in _SIZE_SIGNALS)),
        tiers[-1])
    basis = ", ".join([plural(signals["namespaces"], "data-science namespace"),
                       plural(signals["custom_images"], "custom image"),
                       plural(signals["models"], "model"),
                       plural(signals["integrations"], "data connection")])
    smaller = [t for t in tiers if t["rank"] < chosen["rank"]]
    if smaller:
        above = [_SIGNAL_WORDS[s] for s in _SIZE_SIGNALS
                 if smaller[-1].get(f"{s}_max") is not None
                 and signals[s] > smaller[-1][f"{s}_max"]]
        listed = ", ".join(above[:-1]) + (" and " if len(above) > 1 else "") + above[-1]
        basis += f" ({chosen['size']}: {listed} above the {smaller[-1]['size']} profile)"
    if workbenches and all(w["custom_image"] is None for w in workbenches):
        basis += "; custom images unknown (no out-of-the-box ImageStreams collected)"
    fixed = {"size", "rank", "profile", "total"}
    phases = [c for c in chosen if c not in fixed and not c.endswith("_max")]
    return {
        "size": chosen["size"],
        "basis": basis,
        "signals": signals,
        "timeline": [{"phase": p, "estimate": chosen[p]} for p in phases],
        "total": chosen["total"],
        "note": " ".join(sentences(con, "sizing")),
    }
