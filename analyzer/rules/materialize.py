"""Per-run materialization of the views many queries read, so each is computed once.

A rule run sends a hundred or more queries to DuckDB. Most of their CPU time went to binding
and optimizing the views they name, expanded again in every query (``cluster_facts`` alone
reads the ClusterVersion, CSV, DSC and Infrastructure documents, and a third of the rules and
most assessment queries name it), and to decompressing the same JSON documents again: the
``raw`` column is stored zstd-compressed in blocks of 2,048 objects of every kind, so reading
the 20 StatefulSets of a large bundle decompresses up to 20 blocks, in every query that names
``statefulsets``.

Within one run the ingested data does not change, so such a view can be computed once into a
table ``mgscan_run_<name>`` of the per-run (in-memory) database, and the view redefined as a
plain read of it: every later query, on any cursor, and every view that names it, reads the
table. The SQL of rules and views is unchanged; :func:`thaw` restores the views from their SQL
when a connection is analyzed again. Only per-run data is copied; the database file (``--db``)
is never written.

- :func:`freeze_cluster_facts`: the one-row ``cluster_facts`` view, at the start of a run;
- :class:`RunTables`: the per-kind views (``pods``, ``notebooks``…) of kinds with at most
  :data:`KIND_MAX_OBJECTS` objects (memory stays bounded: the large kinds of a large bundle
  stay views) and the shared rule views of ``queries/_views/*.sql``, each on first use by a
  query that runs (a view no query names costs nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from analyzer.ingest.schema import KIND_VIEWS, create_views

PREFIX = "mgscan_run_"
KIND_MAX_OBJECTS = 1_000  # a kind with more objects stays a view (bounded memory)
_VIEW_RE = re.compile(r"create\s+or\s+replace\s+view\s+([a-z_][a-z0-9_]*)\s+as", re.I)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _freeze(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Compute view ``name`` into ``mgscan_run_<name>`` and make the view read that table."""
    con.execute(f"create or replace table {PREFIX}{name} as select * from {name}")
    con.execute(f"create or replace view {name} as select * from {PREFIX}{name}")


def _frozen(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Views of ``con`` that read their ``mgscan_run_`` table (materialized earlier)."""
    rows = con.execute("select view_name, sql from duckdb_views() where not internal "
                       "and database_name = current_database() and contains(sql, ?)",
                       [PREFIX]).fetchall()
    return {str(name) for name, sql in rows if f"{PREFIX}{name}" in str(sql)}


def thaw(con: duckdb.DuckDBPyConnection) -> None:
    """Undo an earlier run's materialization on ``con``: views again, tables dropped.

    The rule views are re-created by ``create_rule_views``; here the ingest views
    (``resources``, per kind, ``cluster_facts``) are, when any of them was materialized.
    """
    frozen = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and starts_with(table_name, ?)", [PREFIX]).fetchall()]
    if not frozen:
        return
    create_views(con)
    for table in frozen:
        con.execute(f'drop table "{table}"')


def freeze_cluster_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Compute the one-row ``cluster_facts`` view once for this run (after :func:`thaw`)."""
    thaw(con)
    _freeze(con, "cluster_facts")


_COMMENT_RE = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def _words(sql: str) -> set[str]:
    """The identifiers ``sql`` names, comments left out (a word in prose reads nothing)."""
    return set(_WORD_RE.findall(_COMMENT_RE.sub(" ", sql).lower()))


class RunTables:
    """Kind views and shared rule views of one run, materialized on first use.

    Create one per run, after ``create_rule_views`` (re)created the rule views from their SQL.
    Kinds materialized by an earlier run on the same connection are kept (the data is the same;
    :func:`thaw` starts afresh).

    Args:
        con: the run's connection.
        root: the ``queries`` folder.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, root: Path,
                 queries: Iterable[str] = ()) -> None:
        self.con = con
        uses: dict[str, int] = {}
        for sql in queries:
            for kind in _words(sql) & KIND_VIEWS.keys():
                uses[kind] = uses.get(kind, 0) + 1
        self.shared = {k for k, n in uses.items() if n >= 2}  # read by two queries or more
        self.order: list[str] = []  # file order: a view only names views defined before it
        self.depends: dict[str, set[str]] = {}
        for path in sorted((root / "_views").glob("*.sql")):
            text = path.read_text(encoding="utf-8")
            starts = [(m.start(), m.group(1).lower()) for m in _VIEW_RE.finditer(text)]
            for i, (start, name) in enumerate(starts):
                end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
                self.depends[name] = _words(text[start:end])
                self.order.append(name)
        self._kinds: set[str] | None = None
        self.done = _frozen(con)  # kinds materialized by an earlier run on ``con``

    @property
    def kinds(self) -> set[str]:
        """Kind views small enough to materialize (counted once, without reading documents)."""
        if self._kinds is None:
            counts = dict(((g, k), n) for g, k, n in self.con.execute(
                'select "group", kind, count(*) from objects group by all').fetchall())
            self._kinds = {view for view, key in KIND_VIEWS.items()
                           if counts.get(key, 0) <= KIND_MAX_OBJECTS}
        return self._kinds

    def needed(self, sql: str) -> list[str]:
        """The views ``sql`` names, with the views they name: kinds first, then rule views."""
        words = _words(sql)
        views = {n for n in self.order if n in words}
        grow = list(views)
        while grow:
            for dep in self.depends[grow.pop()]:
                if dep in self.depends and dep not in views:
                    views.add(dep)
                    grow.append(dep)
                words.add(dep)
        kinds = sorted(n for n in KIND_VIEWS
                       if n in words and n in self.shared and n in self.kinds)
        return kinds + [n for n in self.order if n in views]

    def prepare(self, sql: str) -> None:
        """Materialize what ``sql`` reads that is not materialized yet.

        A view that fails stays as it was (not marked done), so each query naming it meets the
        same error, as without materialization.
        """
        self.materialize(self.needed(sql))

    def materialize(self, names: Iterable[str]) -> None:
        """Compute each not-yet-computed view of ``names`` into its table, in order."""
        for name in names:
            if name not in self.done:
                _freeze(self.con, name)
                self.done.add(name)
