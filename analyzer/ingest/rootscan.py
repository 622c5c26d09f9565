"""Roots without a list of every member: what the pass keeps is bounded by the roots.

The roots of an input are known only once all its paths are seen, so the pass used to hold a
Python row for every member until the end. :class:`RootScan` keeps only what
:func:`~analyzer.bundle.find_roots` looks at: one path per tree marker, the Insights marker
files, the ``version``/``timestamp`` bodies and the structured files outside every tree seen so
far (the dump candidates). File rows go to DuckDB as they come; :func:`assign_roots` then gives
``files``, ``objects`` and ``logs`` their ``root_id`` from the paths read back in batches.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pyarrow as pa

from analyzer.bundle import Root, find_roots, root_lookup, root_of
from analyzer.bundle.layout import INSIGHTS_SIBLINGS, INSIGHTS_VERSION, first_marker
from analyzer.ingest.writer import insert_arrow

# Paths find_roots tests by name (an Insights tree: config/version.json beside one of the others).
_INSIGHTS = (INSIGHTS_VERSION, *INSIGHTS_SIBLINGS)
READ_ROWS = 50_000  # paths read back per batch when assigning roots


class RootScan:
    """The part of one input's member list that decides its roots."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.markers: dict[str, int] = {}
        self.candidates: list[str] = []
        self.small: dict[str, bytes] = {}

    def add(self, path: str, ftype: str) -> None:
        """Note one member (``ftype`` as in the ``files`` table).

        find_roots derives a root from a path only through its first tree marker (the same for
        every path that shares it) and through the Insights file names, so one path per marker
        plus those files give it the same answer as the whole list.
        """
        cut = first_marker(path)
        if cut is not None and cut not in self.markers:
            self.markers[cut] = 0
            self.paths.append(path)
        if path.endswith(_INSIGHTS):
            self.paths.append(path)
        # A structured file under a marker is inside an inspect tree, never a dump; one outside
        # every tree seen so far may still fall into one found later (filtered in roots()).
        if (ftype in ("yaml", "json") and cut is None
                and root_of(path, self.markers) is None):
            self.candidates.append(path)

    def roots(self, input_id: int, first_root_id: int) -> list[Root]:
        """Every root of the input: its trees, then a dump root per file outside them."""
        inspect = find_roots(input_id, self.paths, self.small, first_root_id=first_root_id)
        inspect_root = root_lookup({r.path: r.root_id for r in inspect})
        dumps = [p for p in self.candidates if inspect_root(p) is None]
        return find_roots(input_id, self.paths, self.small, dumps, first_root_id=first_root_id)


def assign_roots(con: duckdb.DuckDBPyConnection,
                 roots_by_input: Mapping[int, Mapping[str, int]]) -> None:
    """Set ``root_id`` of every ``files``, ``objects`` and ``logs`` row from its path.

    The distinct paths of each input are read back in batches of :data:`READ_ROWS`, so Python
    never holds them all; each UPDATE writes one integer column.
    """
    con.execute("create or replace temp table _file_roots "
                "(input_id integer, path varchar, root_id integer)")
    reader = con.cursor()
    try:
        for input_id, by_path in roots_by_input.items():
            if not by_path:
                continue
            lookup = root_lookup(by_path)  # each directory resolved once
            batches = reader.sql("select distinct path from files "
                                 f"where input_id = {int(input_id)}").to_arrow_reader(READ_ROWS)
            for batch in batches:
                paths = batch.column(0).to_pylist()
                ids = [lookup(p) for p in paths]
                found = [i for i, rid in enumerate(ids) if rid is not None]
                if not found:
                    continue
                insert_arrow(con, "_file_roots", pa.table({
                    "input_id": pa.array([input_id] * len(found), type=pa.int32()),
                    "path": pa.array([paths[i] for i in found], type=pa.string()),
                    "root_id": pa.array([ids[i] for i in found], type=pa.int32())}))
    finally:
        reader.close()
    for table, col in (("files", "path"), ("objects", "file"), ("logs", "path")):
        con.execute(f"""update {table} t set root_id = f.root_id from _file_roots f
                        where t.input_id = f.input_id and t.{col} = f.path""")
    con.execute("drop table _file_roots")
