"""Per-run materialization of the views many queries read, so each is computed once.

A rule run sends a hundred or more queries to DuckDB. Much of their CPU time went to binding
and optimizing the views they name, expanded again in every query: ``cluster_facts`` reads the
ClusterVersion, CSV, DSC and Infrastructure documents (40-70 ms per query on the aws ×10
database, whose ``raw`` column is zstd-compressed in blocks of 2,048 documents of every kind),
and a third of the rules and most assessment queries name it; the out-of-the-box image views
nest four levels deep and two rules name them several times.

Within one run the ingested data does not change, so such a view can be computed once into a
table ``mgscan_run_<name>`` of the per-run (in-memory) database, and the view redefined as a
plain read of it: every later query, on any cursor, and every view that names it, reads the
table. The SQL of rules and views is unchanged; :func:`thaw` restores the views from their SQL
when a connection is analyzed again. Only small, derived data is copied (one row of facts, the
rule views' rows); the database file (``--db``) is never written.

- :func:`freeze_cluster_facts`: the one-row ``cluster_facts`` view, at the start of a run;
- :class:`RunTables`: the shared rule views of ``queries/_views/*.sql``, each on first use by
  a rule that runs (a view no running rule names costs nothing).

The per-kind views (``pods``, ``notebooks``…) stay views: materializing the ones two rules
read gave no measurable gain (on the aws ×10 database and on a small bundle), and the large
kinds of a large bundle would cost memory.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from analyzer.ingest.schema import create_views

PREFIX = "mgscan_run_"
_VIEW_RE = re.compile(r"create\s+or\s+replace\s+view\s+([a-z_][a-z0-9_]*)\s+as", re.I)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _freeze(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Compute view ``name`` into ``mgscan_run_<name>`` and make the view read that table."""
    con.execute(f"create or replace table {PREFIX}{name} as select * from {name}")
    con.execute(f"create or replace view {name} as select * from {PREFIX}{name}")


def thaw(con: duckdb.DuckDBPyConnection) -> None:
    """Undo an earlier run's materialization on ``con``: views again, tables dropped.

    The rule views are re-created by ``create_rule_views``; here the ingest views
    (``cluster_facts`` with ``resources`` and the kind views) are, when anything was.
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
    """The shared rule views of one run, materialized on first use.

    Create one per run, after ``create_rule_views`` (re)created the rule views from their SQL.

    Args:
        con: the run's connection.
        root: the ``queries`` folder.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, root: Path) -> None:
        self.con = con
        self.order: list[str] = []  # file order: a view only names views defined before it
        self.depends: dict[str, set[str]] = {}
        for path in sorted((root / "_views").glob("*.sql")):
            text = path.read_text(encoding="utf-8")
            starts = [(m.start(), m.group(1).lower()) for m in _VIEW_RE.finditer(text)]
            for i, (start, name) in enumerate(starts):
                end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
                self.depends[name] = _words(text[start:end]) & set(self.order)
                self.order.append(name)
        self.done: set[str] = set()

    def needed(self, sql: str) -> list[str]:
        """The rule views ``sql`` names, with the rule views they name, in creation order."""
        views = _words(sql) & set(self.order)
        grow = list(views)
        while grow:
            for dep in self.depends[grow.pop()]:
                if dep not in views:
                    views.add(dep)
                    grow.append(dep)
        return [n for n in self.order if n in views]

    def prepare(self, sql: str) -> None:
        """Materialize the rule views ``sql`` reads that are not materialized yet.

        A view that fails stays as it was (not marked done), so each query naming it meets the
        same error, as without materialization.
        """
        for name in self.needed(sql):
            if name not in self.done:
                _freeze(self.con, name)
                self.done.add(name)
