"""The one hardened way mgscan opens DuckDB on a user's data and runs SQL for a user.

Every connection that reads an ingested database (``analyze --db``, ``query``, rule runs, and
later the MCP server and fleet) comes from here:

- :func:`open_database_file` never opens the file itself read-write: an in-memory database is
  the default catalog (per-run tables and views go there) and the ``--db`` file is attached
  ``READ_ONLY`` as :data:`SOURCE_ALIAS`; its tables are exposed through views of the same
  names and mgscan's own views are re-created over them;
- :func:`lock_down` turns external access off (no file, glob, COPY, ATTACH, extension or
  network access), turns Python replacement scans off and locks the configuration, so no
  later statement can switch any of that back on;
- before any view of the file is touched, the file must be an mgscan database (DuckDB header,
  a ``meta`` base table) whose views and macros are exactly the ones mgscan creates, so a file
  received from someone else cannot smuggle a query in;
- :func:`check_select` parses SQL with DuckDB's own parser and accepts exactly one plain
  ``SELECT`` (or a ``WITH`` that is one).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import duckdb

from analyzer.errors import BadInputError, UsageError

SOURCE_ALIAS = "mgscan_db"
DUCKDB_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB database file
CONNECT_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
LOCK_SQL = (
    "set enable_external_access = false",
    "set python_enable_replacements = false",
    "set lock_configuration = true",
)
_LOCK_HINT = re.compile(r"\block\b|conflicting lock", re.IGNORECASE)
_VERSION_HINT = re.compile(r"version|serializ|incompatible", re.IGNORECASE)
_DAMAGE_HINT = re.compile(r"corrupt|checksum|truncat|not a valid|IO Error", re.IGNORECASE)


class NotSelectError(UsageError):
    """SQL that is not exactly one plain SELECT."""


def lock_down(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Cut ``con`` off from everything outside its databases, for good; return it.

    After this no statement can read or write a host file, attach a database, load an
    extension or change a setting (``lock_configuration``).
    """
    for sql in LOCK_SQL:
        con.execute(sql)
    return con


def parse_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements DuckDB's parser finds in ``sql`` (a parsed statement can be executed).

    Raises:
        NotSelectError: ``sql`` does not parse.
    """
    try:
        return con.extract_statements(sql)
    except duckdb.Error as exc:
        raise NotSelectError(f"SQL error: {exc}") from exc


def statement_kind(statement: duckdb.Statement) -> str:
    """The type of one parsed statement, e.g. ``SELECT``."""
    return str(statement.type).rsplit(".", 1)[-1]


def statement_kinds(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """The statement types DuckDB's parser finds in ``sql`` (e.g. ``["SELECT"]``)."""
    return [statement_kind(s) for s in parse_statements(con, sql)]


def check_select(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise :class:`NotSelectError` unless ``sql`` is exactly one SELECT statement."""
    kinds = statement_kinds(con, sql)
    if kinds != ["SELECT"]:
        raise NotSelectError("query is read-only: give exactly one SELECT (or WITH … SELECT) "
                             f"statement, got: {', '.join(kinds) or 'nothing'}")


def check_select_text(sql: str) -> None:
    """:func:`check_select` without a database (before anything is opened or ingested)."""
    con = duckdb.connect(":memory:", config=dict(CONNECT_CONFIG))
    try:
        check_select(lock_down(con), sql)
    finally:
        con.close()


def is_duckdb_file(path: Path) -> bool:
    """True when ``path`` starts with a DuckDB database header."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return head[8:12] == DUCKDB_MAGIC


def _open_error(path: Path, exc: duckdb.Error) -> BadInputError:
    text = str(exc)
    if _LOCK_HINT.search(text):
        return BadInputError(f"{path}: the database is in use by another process (close it, or "
                             "copy the file and use the copy)")
    if _VERSION_HINT.search(text):
        return BadInputError(f"{path}: the database was written by another DuckDB or mgscan "
                             "version; delete it and re-create it with `mgscan ingest`")
    if _DAMAGE_HINT.search(text):
        return BadInputError(f"{path}: cannot open the database: the file is damaged or "
                             "truncated; delete it and re-create it with `mgscan ingest`")
    return BadInputError(f"{path}: cannot open the database; delete it and re-create it with "
                         "`mgscan ingest`")


@functools.cache
def _reference() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """What an mgscan ingest creates: base tables, views and macros (name -> definition).

    Built on an empty in-memory database, once per process and kept in the precompiled cache
    (keyed by the schema's source and the DuckDB version) between runs.
    """
    from analyzer import precompiled

    salt = precompiled.source_digest("ingest/schema.py", "ingest/facts.py", "ingest/guard.py")
    data = precompiled.cached("schema", [salt, duckdb.__version__.encode()], _build_reference)
    return frozenset(data["tables"]), dict(data["views"]), dict(data["macros"])


def _build_reference() -> dict[str, Any]:
    from analyzer.ingest.schema import create_empty_database

    ref = duckdb.connect(":memory:", config=dict(CONNECT_CONFIG))
    try:
        create_empty_database(ref)
        lock_down(ref)
        tables = sorted(r[0] for r in ref.execute(
            "select table_name from duckdb_tables() where database_name = 'memory'").fetchall())
        views, macros = _schema_of(ref, "memory")
        return {"tables": tables, "views": views, "macros": macros}
    finally:
        ref.close()


def _schema_of(con: duckdb.DuckDBPyConnection, database: str
               ) -> tuple[dict[str, str], dict[str, str]]:
    views = dict(con.execute(
        "select view_name, sql from duckdb_views() where database_name = ? and not internal",
        [database]).fetchall())
    macros = dict(con.execute(
        "select function_name, coalesce(macro_definition, '') from duckdb_functions() "
        "where database_name = ? and not internal and function_type in ('macro', 'table_macro')",
        [database]).fetchall())
    return views, macros


def _require_meta(con: duckdb.DuckDBPyConnection, path: Path, database: str) -> None:
    tables = {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ?", [database]).fetchall()}
    if "meta" not in tables:
        raise BadInputError(f"{path}: not an mgscan database (no meta table); create one with "
                            "`mgscan ingest BUNDLE --db FILE`")


def verify_mgscan_schema(con: duckdb.DuckDBPyConnection, path: Path, database: str) -> None:
    """Raise unless ``database`` has a ``meta`` table and exactly mgscan's views and macros.

    Reads only the catalogue: no view of the file runs.
    """
    _require_meta(con, path, database)
    views, macros = _schema_of(con, database)
    _, want_views, want_macros = _reference()
    odd = sorted({n for n in views if views[n] != want_views.get(n)}
                 | {n for n in macros if macros[n] != want_macros.get(n)})
    if odd:
        shown = ", ".join(odd[:5]) + (", …" if len(odd) > 5 else "")
        raise BadInputError(f"{path}: holds views or macros this mgscan does not create "
                            f"({shown}); re-create it with `mgscan ingest`")


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory, locked-down connection with ``path`` attached read-only."""
    if not path.is_file():
        raise BadInputError(f"{path}: no such database (run `mgscan ingest` first)")
    if not is_duckdb_file(path):
        raise BadInputError(f"{path}: not a DuckDB database; create one with "
                            "`mgscan ingest BUNDLE --db FILE`")
    con = duckdb.connect(":memory:", config=dict(CONNECT_CONFIG))
    try:
        quoted = "'" + str(path).replace("'", "''") + "'"
        con.execute(f"attach {quoted} as {SOURCE_ALIAS} (read_only)")
    except duckdb.Error as exc:
        con.close()
        raise _open_error(path, exc) from exc
    try:
        return lock_down(con)
    except BaseException:
        con.close()
        raise


def _expose(con: duckdb.DuckDBPyConnection) -> None:
    """Make the attached file's ingest tables readable by their plain names.

    Each base table gets a view of the same name in the in-memory database (every cursor
    sees it, unlike a search path); ``resources``, the per-kind views, ``cluster_facts`` and
    the macros are re-created there from mgscan's own SQL, so no view of the file ever runs.
    """
    from analyzer.ingest.schema import create_views

    have = {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ?",
        [SOURCE_ALIAS]).fetchall()}
    for name in sorted(have & _reference()[0]):
        con.execute(f'create view "{name}" as select * from {SOURCE_ALIAS}.main."{name}"')
    create_views(con)


def open_database_file(path: Path) -> duckdb.DuckDBPyConnection:
    """Open an mgscan database file read-only behind the guard (see the module docstring).

    Raises:
        BadInputError: missing, not a DuckDB/mgscan database, foreign views, another DuckDB
            version, or locked by another process.
    """
    con = _attach(Path(path))
    try:
        verify_mgscan_schema(con, Path(path), SOURCE_ALIAS)
        _expose(con)
    except BaseException:
        con.close()
        raise
    return con


def mgscan_meta(path: Path) -> dict[str, str]:
    """The ``meta`` table of an mgscan database file (its views are not checked, none runs).

    Raises:
        BadInputError: not a DuckDB file, no ``meta`` table, unreadable or locked.
    """
    con = _attach(Path(path))
    try:
        _require_meta(con, Path(path), SOURCE_ALIAS)
        return dict(con.execute(f"select key, value from {SOURCE_ALIAS}.main.meta").fetchall())
    finally:
        con.close()


def run_select(con: duckdb.DuckDBPyConnection, sql: str
               ) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run one user SELECT on a locked-down connection; return column names and rows.

    Raises:
        NotSelectError: ``sql`` is not exactly one SELECT.
        UsageError: the query fails (including any attempt to reach outside the database).
    """
    cols, _types, rows = run_select_typed(con, sql)
    return cols, rows


def run_select_typed(con: duckdb.DuckDBPyConnection, sql: str
                     ) -> tuple[list[str], list[str], list[tuple[object, ...]]]:
    """Like :func:`run_select`, also returning each column's DuckDB type name (``JSON``, …)."""
    check_select(con, sql)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description or []]
        types = [str(d[1]) for d in cur.description or []]
        return cols, types, cur.fetchall()
    except duckdb.Error as exc:
        raise UsageError(f"SQL error: {str(exc).splitlines()[0]}") from exc
