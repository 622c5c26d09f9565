"""Which cluster each root came from, so that only one cluster's data is ever merged.

A root's identity is its ClusterVersion ``spec.clusterID``; without one, the Infrastructure
``status.infrastructureName``, else its ``status.apiServerURL``. Roots that carry no identity at
all (the RHOAI must-gather image, an ``oc get`` dump) belong to the cluster of the roots beside
them in the same folder of the same input, else of the other roots of the same input, else to
the only cluster among the inputs; when none decides they stay unattributed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from analyzer.errors import BadInputError

# Identity read per root from ``objects`` (not the de-duplicated ``resources``: two clusters'
# ClusterVersions share the name "version").
ROOT_IDENTITY_SQL = r"""
select r.root_id, r.input_id, i.path as input_path, r.path as root_path, r.ts_last,
    (select o.raw->>'/spec/clusterID' from objects o
      where o.root_id = r.root_id and o.kind = 'ClusterVersion'
        and o."group" = 'config.openshift.io' and o.raw->>'/spec/clusterID' <> ''
      order by (o.name = 'version') desc, o.object_id limit 1) as cluster_id,
    (select o.raw->>'/status/infrastructureName' from objects o
      where o.root_id = r.root_id and o.kind = 'Infrastructure'
        and o."group" = 'config.openshift.io' and o.raw->>'/status/infrastructureName' <> ''
      order by (o.name = 'cluster') desc, o.object_id limit 1) as infrastructure_name,
    (select o.raw->>'/status/apiServerURL' from objects o
      where o.root_id = r.root_id and o.kind = 'Infrastructure'
        and o."group" = 'config.openshift.io' and o.raw->>'/status/apiServerURL' <> ''
      order by (o.name = 'cluster') desc, o.object_id limit 1) as api_url,
    (select coalesce(
        (select h->>'version'
           from (select unnest(from_json(o.raw->'/status/history', '["json"]')) as h)
          where h->>'state' = 'Completed' limit 1),
        o.raw->>'/status/desired/version')
       from objects o
      where o.root_id = r.root_id and o.kind = 'ClusterVersion'
        and o."group" = 'config.openshift.io'
      order by (o.name = 'version') desc, o.object_id limit 1) as ocp_version
from roots r join inputs i using (input_id)
order by r.root_id
"""


@dataclass
class ClusterGroup:
    """One cluster found among the inputs, with the roots and inputs it came from."""

    key: str
    cluster_id: str | None = None
    infrastructure_name: str | None = None
    api_url: str | None = None
    ocp_version: str | None = None
    collected_at: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    root_ids: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The ID shown to users: clusterID, else infrastructure name, else API URL."""
        return self.cluster_id or self.infrastructure_name or self.api_url or self.key

    def describe(self) -> str:
        """One line: ID, OCP version, collection time(s), inputs and roots."""
        when = max(self.collected_at, default="at an unknown time")
        name = f" ({self.infrastructure_name})" if self.infrastructure_name and \
            self.infrastructure_name != self.label else ""
        return (f"{self.label}{name}: OCP {self.ocp_version or 'unknown'}, collected {when}; "
                f"inputs {', '.join(sorted(set(self.inputs)))}; "
                f"roots {', '.join(self.roots) or '-'}")


def _key(row: dict[str, Any]) -> str | None:
    for col, prefix in (("cluster_id", ""), ("infrastructure_name", "infra:"),
                        ("api_url", "api:")):
        if row.get(col):
            return prefix + str(row[col])
    return None


def root_identities(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One dict per root: root_id, input_id, input_path, root_path, ts_last and identity."""
    cur = con.execute(ROOT_IDENTITY_SQL)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _merge_aliases(rows: list[dict[str, Any]]) -> None:
    """A root known only by infrastructure name / API URL joins the clusterID that shares it."""
    by_alias: dict[str, str] = {}
    for row in rows:
        if row["cluster_id"]:
            for col in ("infrastructure_name", "api_url"):
                if row.get(col):
                    by_alias.setdefault(f"{col}:{row[col]}", row["key"])
    for row in rows:
        if row["key"] and not row["cluster_id"]:
            for col in ("infrastructure_name", "api_url"):
                alias = by_alias.get(f"{col}:{row.get(col)}")
                if alias:
                    row["key"] = alias
                    break


def _nearest(row: dict[str, Any], identified: list[dict[str, Any]]) -> str | None:
    """The cluster of the same input's roots sharing the longest folder prefix with ``row``.

    A ``must-gather.local.N/`` folder holds one collection, so its unidentified roots belong
    to the cluster of its identified ones (when that prefix names a single cluster).
    """
    parts = str(row["root_path"] or "").split("/")
    best, keys = 0, set()
    for other in identified:
        if other["input_id"] != row["input_id"]:
            continue
        shared = 0
        for a, b in zip(parts[:-1], str(other["root_path"] or "").split("/"), strict=False):
            if a != b:
                break
            shared += 1
        if shared > best:
            best, keys = shared, {other["key"]}
        elif shared == best and shared:
            keys.add(other["key"])
    return next(iter(keys)) if best and len(keys) == 1 else None


def identify_clusters(con: duckdb.DuckDBPyConnection
                      ) -> tuple[list[ClusterGroup], list[dict[str, Any]]]:
    """Group the ingested roots by cluster; return (clusters sorted by label, unattributed)."""
    rows = root_identities(con)
    for row in rows:
        row["key"] = _key(row)
    _merge_aliases(rows)
    keys = sorted({r["key"] for r in rows if r["key"]})
    per_input: dict[int, set[str]] = {}
    for row in rows:
        if row["key"]:
            per_input.setdefault(row["input_id"], set()).add(row["key"])
    identified = [r for r in rows if r["key"]]
    unattributed = []
    for row in rows:
        if row["key"]:
            continue
        own = per_input.get(row["input_id"], set())
        near = _nearest(row, identified)
        if near:
            row["key"] = near
        elif len(own) == 1:
            row["key"] = next(iter(own))
        elif len(keys) == 1:
            row["key"] = keys[0]
        else:
            unattributed.append(row)
    groups: dict[str, ClusterGroup] = {}
    for row in rows:
        if not row["key"]:
            continue
        g = groups.setdefault(row["key"], ClusterGroup(key=row["key"]))
        for col in ("cluster_id", "infrastructure_name", "api_url", "ocp_version"):
            if row.get(col) and not getattr(g, col):
                setattr(g, col, row[col])
        if row["ts_last"]:
            g.collected_at.append(str(row["ts_last"]))
        g.inputs.append(str(row["input_path"]))
        g.roots.append(str(row["root_path"]) or ".")
        g.root_ids.append(int(row["root_id"]))
    return sorted(groups.values(), key=lambda g: g.label), unattributed


def choose_cluster(clusters: list[ClusterGroup], unattributed: list[dict[str, Any]],
                   wanted: str | None) -> ClusterGroup | None:
    """The cluster to analyze: the only one, or the one ``wanted`` names by unique prefix.

    Returns None when the inputs name no cluster at all (nothing to restrict). Raises
    ``BadInputError`` (exit 3) naming every cluster when the choice is ambiguous.
    """
    if wanted:
        hits = [c for c in clusters
                if any((v or "").startswith(wanted)
                       for v in (c.cluster_id, c.infrastructure_name, c.api_url))]
        if len(hits) == 1:
            return hits[0]
        problem = (f"--cluster {wanted!r} matches no cluster" if not hits else
                   f"--cluster {wanted!r} matches {len(hits)} clusters; give a longer prefix")
        raise BadInputError(_listing(problem, clusters, unattributed))
    if len(clusters) <= 1:
        return clusters[0] if clusters else None
    raise BadInputError(_listing(
        f"the inputs hold {len(clusters)} clusters; analyze one at a time with --cluster ID "
        "(a unique prefix is enough) or give each cluster's bundles separately",
        clusters, unattributed))


def _listing(problem: str, clusters: list[ClusterGroup],
             unattributed: list[dict[str, Any]]) -> str:
    lines = [problem + ":"] + [f"  {c.describe()}" for c in clusters]
    lines += [f"  no cluster identity: {r['input_path']} root {r['root_path'] or '.'}"
              for r in unattributed]
    return "\n".join(lines)


# Tables copied into the per-cluster scope, with the filter that keeps one cluster's rows.
# Rows of a file outside every root (root_id null) follow their input.
_SCOPED_TABLES = {
    "meta": "true",
    "inputs": "input_id in ({inputs})",
    "roots": "root_id in ({roots})",
    "files": "root_id in ({roots}) or (root_id is null and input_id in ({inputs}))",
    "objects": "root_id in ({roots}) or (root_id is null and input_id in ({inputs}))",
    "logs": "root_id in ({roots}) or (root_id is null and input_id in ({inputs}))",
    "ingest_errors": "input_id in ({inputs})",
    "discovery": "root_id in ({roots})",
}


def scoped_connection(con: duckdb.DuckDBPyConnection,
                      group: ClusterGroup) -> duckdb.DuckDBPyConnection:
    """A new in-memory connection holding only ``group``'s rows of ``con``'s ingested tables.

    ``con`` (in memory or a ``--db`` file) is read, never changed; the per-kind views,
    ``resources`` and ``cluster_facts`` are rebuilt over the copy.
    """
    from analyzer.ingest import schema

    roots = ", ".join(str(int(i)) for i in sorted(group.root_ids)) or "null"
    input_ids = [r[0] for r in con.execute(
        f"select distinct input_id from roots where root_id in ({roots})").fetchall()]
    inputs = ", ".join(str(int(i)) for i in sorted(input_ids)) or "null"
    scoped = duckdb.connect()
    schema.create_tables(scoped)
    for table, where in _SCOPED_TABLES.items():
        rows = con.sql(f"select * from {table} where "
                       f"{where.format(roots=roots, inputs=inputs)}").to_arrow_reader()
        scoped.register("_scoped_rows", rows)
        scoped.execute(f"insert into {table} select * from _scoped_rows")
        scoped.unregister("_scoped_rows")
    schema.create_resources(scoped)
    schema.create_views(scoped)
    return scoped
