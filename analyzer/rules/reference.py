"""Reference tables: ``queries/_reference/<stem>.yaml`` loaded as DuckDB tables ``ref_<stem>``.

Each file is ``{description: str, rows: [flat mapping, ...]}``. Columns are the union of the row
keys (a missing key is NULL); lists of strings become ``VARCHAR[]``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import yaml

from analyzer.rules.catalog import CatalogError

_STEM_RE = re.compile(r"^[a-z][a-z0-9_]*$")


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE: dict[tuple[str, int, int], Any] = {}


def _load_yaml(path: Path) -> Any:
    """Parse a YAML file, cached by path, size and mtime (reference files are read often).

    Between runs the parse is kept in the precompiled cache, keyed by the file's bytes.
    """
    from analyzer import precompiled

    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _CACHE:
        body = path.read_bytes()
        _CACHE[key] = precompiled.cached(
            f"reference-{path.stem}", [body, yaml.__version__.encode()],
            lambda: yaml.load(body.decode("utf-8"), Loader=_Loader))  # noqa: S506
    return copy.deepcopy(_CACHE[key])


def read_reference(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Read and validate one reference file; return ``(description, rows)``.

    Raises:
        CatalogError: the file is not ``{description, rows}`` with flat mapping rows.
    """
    data = _load_yaml(path)
    if not isinstance(data, dict) or set(data) != {"description", "rows"}:
        raise CatalogError(f"{path}:1: a reference file must have exactly 'description' and 'rows'")
    rows = data["rows"]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise CatalogError(f"{path}:1: 'rows' must be a non-empty list of mappings")
    for index, row in enumerate(rows):
        for key, value in row.items():
            if isinstance(value, dict) or (
                isinstance(value, list) and not all(isinstance(v, str) for v in value)
            ):
                raise CatalogError(f"{path}:1: row {index} key {key!r}: values must be scalars "
                                   "or lists of strings")
    return str(data["description"]), rows


def _column(values: list[Any]) -> tuple[str, list[Any]]:
    """The DuckDB type of one column and its values converted to it."""
    present = [v for v in values if v is not None]
    if any(isinstance(v, list) for v in present):
        return "VARCHAR[]", [None if v is None else [str(x) for x in (v if isinstance(v, list)
                                                                       else [v])]
                             for v in values]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN", values
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "BIGINT", values
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "DOUBLE", [None if v is None else float(v) for v in values]
    return "VARCHAR", [None if v is None else str(v) for v in values]


def rows_to_columns(rows: list[dict[str, Any]]) -> dict[str, tuple[str, list[Any]]]:
    """Typed columns of flat rows (see :func:`_column`), in first-seen key order."""
    keys: list[str] = []
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    return {k: _column([row.get(k) for row in rows]) for k in keys}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns_sql(columns: Mapping[str, tuple[str, Sequence[Any]]]) -> tuple[str, list[Any]]:
    """A ``SELECT`` of the given typed columns and its parameters: one round trip, no Arrow.

    Each column is a list parameter cast to its type and unnested; the unnests of one
    ``SELECT`` advance together, so row ``i`` holds every column's value ``i``.
    """
    select = ", ".join(f"unnest(?::{kind}[]) as {_ident(name)}"
                       for name, (kind, _) in columns.items())
    return f"select {select}", [list(values) for _, values in columns.values()]


def create_table(con: duckdb.DuckDBPyConnection, name: str,
                 columns: Mapping[str, tuple[str, Sequence[Any]]], temp: bool = False) -> None:
    """``create or replace [temp] table name`` holding ``columns`` (name -> (type, values))."""
    select, params = columns_sql(columns)
    con.execute(f"create or replace {'temp ' if temp else ''}table {_ident(name)} as {select}",
                params)


def load_reference_tables(con: duckdb.DuckDBPyConnection, root: Path) -> list[str]:
    """Create (or replace) every ``ref_<stem>`` table from ``root/_reference/*.yaml``.

    Returns:
        The created table names, sorted.

    Raises:
        CatalogError: a reference file is malformed.
    """
    names: list[str] = []
    for path in sorted((root / "_reference").glob("*.yaml")):
        if not _STEM_RE.match(path.stem):
            raise CatalogError(f"{path}:1: reference file names must be lower_snake_case")
        _, rows = read_reference(path)
        name = f"ref_{path.stem}"
        create_table(con, name, rows_to_columns(rows))
        names.append(name)
    return names
