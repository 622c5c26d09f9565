"""Small helpers shared by the assessment modules: reference tables, row fetches, wording."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import duckdb

from analyzer.rules.catalog import queries_dir
from analyzer.rules.reference import create_table, read_reference, rows_to_columns

#: Reference tables the assessment reads (``queries/_reference/<stem>.yaml``).
ASSESSMENT_TABLES = (
    "ref_checklist", "ref_effort", "ref_lifecycle", "ref_operators", "ref_plan",
    "ref_strategy", "ref_timeline",
)


# Facts the assessment asks for again and again (DSC component states, kind counts, which
# tables exist), kept for one build_assessment call: the data does not change meanwhile.
_RUN: ContextVar[dict[tuple[str, str], Any] | None] = ContextVar("mgscan_assessment",
                                                                 default=None)


@contextmanager
def assessment_cache() -> Iterator[None]:
    """Answer each repeated question of the assessment once, within this block.

    That is :func:`table_exists` (a yes), :func:`count_kind` and ``component_state``; the data
    must not change inside the block.
    """
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def cached(key: tuple[str, str], compute: Callable[[], Any]) -> Any:
    """``compute()``, once per :func:`assessment_cache` block (every time outside one)."""
    cache = _RUN.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Return whether a table or view called ``name`` exists in the main schema."""
    def look() -> bool:
        row = con.execute(
            "select count(*) from duckdb_tables() where table_name = ? "
            "union all select count(*) from duckdb_views() where view_name = ?",
            [name, name],
        ).fetchall()
        return sum(int(r[0]) for r in row) > 0
    cache = _RUN.get()
    if cache is not None and cache.get(("table", name)):
        return True
    found = look()
    if cache is not None and found:  # only a yes is kept: a missing table may be created
        cache[("table", name)] = True
    return found


def ensure_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Load each missing ``ref_*`` table the assessment reads from ``queries/_reference``.

    The rule runner normally loads them before the assessment runs; tables that already exist
    (for example test data) are kept as they are. A missing file leaves its table absent. The
    tables are temporary, so a read-only database works too.
    """
    root = queries_dir() / "_reference"
    for name in ASSESSMENT_TABLES:
        path = root / f"{name.removeprefix('ref_')}.yaml"
        if table_exists(con, name) or not path.is_file():
            continue
        _, rows = read_reference(path)
        create_table(con, name, rows_to_columns(rows), temp=True)


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


def count_kind(con: duckdb.DuckDBPyConnection, group: str, kind: str) -> int:
    """Count the deduplicated resources of one ``(api group, kind)``."""
    if _RUN.get() is None:
        row = con.execute(
            'select count(*) from resources where "group" = ? and kind = ?', [group, kind]
        ).fetchone()
        return int(row[0]) if row else 0
    counts: dict[tuple[str, str], int] = cached(("counts", ""), lambda: {
        (str(g), str(k)): int(n) for g, k, n in con.execute(
            'select "group", kind, count(*) from resources group by all').fetchall()})
    return counts.get((group, kind), 0)


def collected(con: duckdb.DuckDBPyConnection, view: str, group: str, resource: str,
              kind: str) -> bool:
    """Return whether the bundle collected a kind (so that "none found" means none exist).

    The rule engine's ``mgscan_coverage`` table decides when it exists (``collected`` or
    ``absent`` = collected; ``not_collected`` = not). Otherwise: objects of the kind exist, or
    an inspect list file for the resource (``.../<group>/<resource>.yaml`` or a folder
    ``.../<group>/<resource>/``), even an empty one, was read.
    """
    if table_exists(con, "mgscan_coverage"):
        row = con.execute("select status from mgscan_coverage where kind = ?", [view]).fetchone()
        if row is not None:
            return str(row[0]) != "not_collected"
    if count_kind(con, group, kind) > 0:
        return True
    row = con.execute(
        "select count(*) from files where path like ? or path like ?",
        [f"%{group}/{resource}.%", f"%{group}/{resource}/%"],
    ).fetchone()
    return bool(row and int(row[0]) > 0)


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
