"""Collection coverage: was each kind a rule may require collected, absent or missing.

Status per kind (``queries/_reference/collection.yaml`` lists the kinds):

- ``collected``: the bundle holds at least one object of the kind;
- ``absent``: none, but the bundle is known to have collected that kind: OLM and cluster config
  kinds when a default OpenShift image root exists; DSC/DSCI when an RHOAI image root exists;
  workload CRs when the RHOAI image is rhoai-3.3 or later; namespace-inspection kinds when at
  least one namespace was inspected; or the served-API ``discovery`` data says the resource is
  not served at all;
- ``not_collected``: anything else. Rules that require such a kind are ``not_evaluated``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from analyzer.ingest.schema import KIND_VIEWS
from analyzer.rules.catalog import queries_dir
from analyzer.rules.reference import create_table, load_reference_tables

# Roots classified by role. An RHOAI image is recognised by the product line of its `version`
# file or by its image directory name; the default OpenShift image by product or image name.
ROOTS_VIEW_SQL = r"""
create or replace view mgscan_roots as
with named as (
    select r.*,
        lower(coalesce(r.product, '')) as p,
        lower(coalesce(r.image, '') || ' ' || regexp_extract(coalesce(r.path, ''), '[^/]*$'))
            as n
    from roots as r
)
select * exclude (p, n),
    case
        when kind = 'image' and (
            p in ('red-hat-data-services/must-gather', 'opendatahub/must-gather',
                  'rhoai/must-gather', 'rhoai', 'odh', 'opendatahub')
            or regexp_matches(n, 'modh[-/.]must-gather|odh-must-gather|rhoai[-/.]'
                                 || '|opendatahub[-/.]must-gather'))
            then 'rhoai'
        when kind = 'image' and (
            p like '%openshift%'
            or regexp_matches(n, 'ocp-v4|openshift-release-dev|origin-must-gather'
                                 || '|ose-must-gather|openshift[-/.]must-gather'))
            then 'openshift'
        when regexp_matches(n, '(^| )inspect\.local\.') then 'fallback'
        else 'other'
    end as role,
    semver(version) as semver
from named
"""

_FACTS_SQL = r"""
select
    exists(select 1 from mgscan_roots where role = 'openshift') as has_default,
    exists(select 1 from mgscan_roots where role = 'rhoai') as has_rhoai,
    coalesce((select max(vkey(semver)) from mgscan_roots where role = 'rhoai'), [0])
        >= [3, 3] as rhoai_33,
    exists(select 1 from namespaces as ns
           where ns.file = 'namespaces/' || ns.name || '/' || ns.name || '.yaml'
              or ns.file like '%/namespaces/' || ns.name || '/' || ns.name || '.yaml')
        as ns_inspected,
    exists(select 1 from discovery) as has_discovery,
    (select app_namespace from cluster_facts) as app_namespace
"""


def create_support_views(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    """Create ``mgscan_roots`` and load the ``ref_*`` tables (idempotent)."""
    con.execute(ROOTS_VIEW_SQL)
    load_reference_tables(con, root or queries_dir())


def _served(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    sql = "select distinct coalesce(\"group\", ''), resource from discovery"
    rows = con.execute(sql).fetchall()
    return {(str(g), str(r)) for g, r in rows}


def compute_coverage(con: duckdb.DuckDBPyConnection,
                     root: Path | None = None) -> list[dict[str, Any]]:
    """Compute one coverage row per kind of ``collection.yaml``, sorted by kind.

    Also (re)creates the table ``mgscan_coverage(kind, status, count, hint)`` that collection
    rules read.

    Returns:
        ``[{"kind", "status", "count", "hint"}]`` as report.json ``coverage`` wants them;
        ``hint`` (the ``oc`` command) is set only for ``not_collected`` kinds (else "").
    """
    create_support_views(con, root)
    spec = con.execute(
        "select kind, api_group, resource, collected_by, command from ref_collection order by kind"
    ).fetchall()
    facts_row = con.execute(_FACTS_SQL).fetchone()
    assert facts_row is not None
    has_default, has_rhoai, rhoai_33, ns_inspected, has_discovery, app_ns = facts_row
    served = _served(con) if has_discovery else set()
    by_group_kind = {(str(g), str(k)): int(n) for g, k, n in con.execute(
        'select "group", kind, count(*) from resources group by all').fetchall()}
    counts = {view: by_group_kind.get(gk, 0) for view, gk in KIND_VIEWS.items()}
    unreadable = _unreadable_resources(con)
    known = {
        "default": bool(has_default),
        "rhoai": bool(has_rhoai),
        "rhoai_3_3": bool(has_rhoai and rhoai_33),
        "namespace": bool(ns_inspected),
        "supplementary": False,
    }
    rows: list[dict[str, Any]] = []
    for kind, api_group, resource, collected_by, command in spec:
        count = int(counts.get(kind, 0))
        not_served = has_discovery and (api_group or "", resource) not in served
        if count:
            status = "collected"
        elif (api_group or "core", resource) in unreadable:
            status = "not_collected"  # its file is there but could not be read: unknown, not absent
        elif known.get(collected_by, False) or not_served:
            status = "absent"
        else:
            status = "not_collected"
        hint = (command.replace("{app_namespace}", app_ns or "redhat-ods-applications")
                if status == "not_collected" else "")
        rows.append({"kind": kind, "status": status, "count": count, "hint": hint})
    store_coverage(con, rows)
    return rows


def _unreadable_resources(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(API group directory, resource) of every structured file that failed or was skipped.

    Inspect paths name both: ``…/<group>/<resource>/<name>.yaml`` or ``…/<group>/<resource>.yaml``
    (``core`` is the core group; pods live at ``…/pods/<pod>/<pod>.yaml``).
    """
    out: set[tuple[str, str]] = set()
    for (path,) in con.execute("select path from files where parse_status in ('error', 'skipped')"
                               " and type in ('yaml', 'json')").fetchall():
        parts = str(path).split("/")
        if "pods" in parts[:-1]:
            out.add(("core", "pods"))
        if len(parts) >= 3:
            out.add((parts[-3], parts[-2]))
            out.add((parts[-2], parts[-1].rsplit(".", 1)[0]))
    return out


def store_coverage(con: duckdb.DuckDBPyConnection, rows: Sequence[Mapping[str, Any]]) -> None:
    """(Re)create the table ``mgscan_coverage(kind, status, count, hint)`` from coverage rows."""
    create_table(con, "mgscan_coverage", {  # one round trip: executemany costs one per row
        "kind": ("VARCHAR", [r["kind"] for r in rows]),
        "status": ("VARCHAR", [r["status"] for r in rows]),
        "count": ("INTEGER", [r["count"] for r in rows]),
        "hint": ("VARCHAR", [r["hint"] for r in rows]),
    })


def missing_kinds(coverage: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return the kinds whose status is ``not_collected``, sorted."""
    return sorted(str(r["kind"]) for r in coverage if r.get("status") == "not_collected")


def coverage_index(coverage: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Return the coverage rows keyed by kind."""
    return {str(r["kind"]): r for r in coverage}
