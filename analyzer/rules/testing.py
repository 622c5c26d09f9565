"""Build small in-memory databases from Python dicts, for rule unit tests and SQL checks.

This bypasses the bundle reader and ingest: objects go straight into ``objects`` with the
provenance the caller gives, then ``resources`` and the views are rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb

from analyzer.ingest.schema import create_empty_database, create_resources, create_views


def _group_version(api_version: str) -> tuple[str, str]:
    if "/" in api_version:
        group, version = api_version.split("/", 1)
        return group, version
    return "", api_version


def insert_objects(con: duckdb.DuckDBPyConnection, objects: Iterable[Mapping[str, Any]],
                   *, input_id: int = 0, root_id: int | None = None) -> None:
    """Insert Kubernetes objects into ``objects`` and rebuild ``resources`` and the views.

    Each mapping is a whole object (``apiVersion``, ``kind``, ``metadata``, …) and may carry the
    private key ``_file`` (bundle-relative path; default ``<kind>/<name>.yaml``).
    """
    start_row = con.execute("select coalesce(max(object_id), 0) from objects").fetchone()
    next_id = int(start_row[0]) + 1 if start_row else 1
    for obj in objects:
        body = {k: v for k, v in obj.items() if not k.startswith("_")}
        meta = body.get("metadata") or {}
        group, version = _group_version(str(body.get("apiVersion", "v1")))
        name = meta.get("name")
        file = obj.get("_file") or f"{str(body.get('kind', 'x')).lower()}/{name}.yaml"
        labels = meta.get("labels") or {}
        annotations = meta.get("annotations") or {}
        con.execute(
            "insert into objects values (?, ?, ?, ?, 0, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, false)",
            [next_id, input_id, root_id, file, body.get("apiVersion"), group, version,
             body.get("kind"), meta.get("namespace"), name, meta.get("uid"),
             meta.get("resourceVersion"), json.dumps(labels), json.dumps(annotations),
             json.dumps(body), "olm.copiedFrom" in labels],
        )
        next_id += 1
    create_resources(con)
    create_views(con)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str,
                rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert rows (dicts keyed by column name) into a low-level table such as ``roots``."""
    for row in rows:
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        con.execute(f'insert into "{table}" ({cols}) values ({marks})', list(row.values()))


def database(objects: Iterable[Mapping[str, Any]] = (), **tables: Iterable[Mapping[str, Any]]
             ) -> duckdb.DuckDBPyConnection:
    """Return an in-memory database with the full schema, the given objects and table rows.

    Example: ``database([dsc], roots=[{"root_id": 1, "kind": "image", "path": "x"}])``.
    """
    con = duckdb.connect(":memory:")
    create_empty_database(con)
    for table, rows in sorted(tables.items()):
        insert_rows(con, table, rows)
    insert_objects(con, objects)
    return con
