"""Small helpers shared by the assessment modules: reference tables, row fetches, wording."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb

from analyzer.assess.views import create_views
from analyzer.rules.catalog import queries_dir
from analyzer.rules.reference import create_table, read_reference, rows_to_columns

#: Reference tables the assessment reads (``queries/_reference/<stem>.yaml``).
ASSESSMENT_TABLES = (
    "ref_checklist", "ref_effort", "ref_lifecycle", "ref_operators", "ref_plan",
    "ref_strategy", "ref_timeline",
)


def existing_tables(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> set[str]:
    """Those of ``names`` that exist as a table or a view (one catalogue query)."""
    return {str(r[0]) for r in con.execute(
        "select table_name from duckdb_tables() where table_name in (select unnest(?)) "
        "union all select view_name from duckdb_views() where view_name in "
        "(select unnest(?))", [list(names)] * 2).fetchall()}


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Return whether a table or view called ``name`` exists."""
    return name in existing_tables(con, [name])


def ensure_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Load each missing ``ref_*`` table the assessment reads from ``queries/_reference``.

    The rule runner normally loads them before the assessment runs; tables that already exist
    (for example test data) are kept as they are. A missing file leaves its table absent. The
    tables are temporary, so a read-only database works too.
    """
    root = queries_dir() / "_reference"
    existing = existing_tables(con, ASSESSMENT_TABLES)
    for name in ASSESSMENT_TABLES:
        path = root / f"{name.removeprefix('ref_')}.yaml"
        if name in existing or not path.is_file():
            continue
        _, rows = read_reference(path)
        create_table(con, name, rows_to_columns(rows), temp=True)


def prepare_views(con: duckdb.DuckDBPyConnection) -> None:
    """Load the reference tables, then create the ``asm_*`` views (each once per connection)."""
    ensure_reference_tables(con)
    create_views(con)


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    """Run ``sql`` and return its rows as dictionaries keyed by column name."""
    cur = con.execute(sql, list(params) if params is not None else [])
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> dict[str, Any]:
    """Run ``sql`` and return its first row as a dictionary (empty when there is no row)."""
    rows = fetch_dicts(con, sql, params)
    return rows[0] if rows else {}


def kind_counts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    """The deduplicated resources of every ``(api group, kind)`` (``asm_kind_counts``).

    A kind without a group or a name is left out: no ``(group, kind)`` asked for matches it.
    """
    return {(str(g), str(k)): int(n) for g, k, n in con.execute(
        'select "group", kind, n from asm_kind_counts').fetchall()
        if g is not None and k is not None}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return ``"<count> <noun>"`` with the noun in singular or plural form."""
    if count == 1:
        return f"1 {singular}"
    if plural_form is None:
        if singular.endswith("y") and singular[-2:-1] not in "aeiou":
            plural_form = singular[:-1] + "ies"
        elif singular.endswith(("s", "sh", "ch", "x")):
            plural_form = singular + "es"
        else:
            plural_form = singular + "s"
    return f"{count} {plural_form}"


def join_counts(counts: Mapping[str, int]) -> str:
    """Join non-zero ``{label: count}`` pairs as ``"2 ModelMesh, 1 Serverless"`` (label order)."""
    return ", ".join(f"{n} {label}" for label, n in counts.items() if n)


def sentences(con: duckdb.DuckDBPyConnection, section: str,
              exposure: str | None = None) -> list[str]:
    """Return the ``ref_strategy`` texts of one section in order, filtered by exposure class."""
    rows = fetch_dicts(con, 'select * from ref_strategy where section = ? order by "order", id',
                       [section])
    out: list[str] = []
    for row in rows:
        allowed: Iterable[str] | None = row.get("exposure")
        if allowed and (exposure is None or exposure not in allowed):
            continue
        out.append(str(row["text"]))
    return out
