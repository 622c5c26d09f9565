"""Property test: random SQL text through the guard (``analyzer.ingest.guard``).

Whatever the text, only a single SELECT runs; no file outside the database is read (a planted
file's content never comes back) or written (the output folder stays empty); the database file
does not change.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import UsageError
from analyzer.ingest.database import ingest_to_file
from analyzer.ingest.guard import open_database_file, run_select, statement_kinds
from analyzer.limits import Limits

ROOT = Path(__file__).resolve().parents[2]
PLANTED = "mgscan-property-planted-5be1"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "planted.csv").write_text(f"x\n{PLANTED}\n")
    base = tmp_path_factory.mktemp("guarded")
    db = base / "c.duckdb"
    ingest_to_file([ROOT / "sample_bundles" / "ready-to-migrate.tar.gz"], db, Limits())
    out = base / "out"
    out.mkdir()
    return {"db": db, "planted": outside / "planted.csv", "out": out}


@pytest.fixture(scope="module")
def guarded(sandbox: dict[str, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_database_file(sandbox["db"])
    yield con
    con.close()


VERBS = ["select", "with x as (select 1) select", "from", "copy", "attach", "detach", "pragma",
         "set", "reset", "install", "load", "create table t as", "create view v as",
         "insert into objects", "update meta set value = 'x'", "delete from", "drop table",
         "export database", "import database", "call", "explain analyze", "checkpoint", "use",
         "vacuum", "begin;", "commit;", "summarize", "describe", "show", "values", "table"]
SOURCES = ["read_text('{p}')", "read_csv('{p}')", "read_blob('{p}')", "glob('{d}/*')",
           "read_json_auto('{p}')", "read_parquet('{p}')", "sniff_csv('{p}')", "'{p}'",
           "query('select * from read_text(''{p}'')')", "objects", "resources", "meta",
           "duckdb_settings()", "range(3)", "(select 1)", "pragma_version()"]
TAILS = ["", ";", "; select 1", " to '{o}/f.csv'", " as x", "; copy (select 1) to '{o}/g.csv'",
         " (format csv)", " where 1=1", " limit 1", " -- c", "/* c */", ";;"]


def _fill(text: str, sandbox: dict[str, Path]) -> str:
    return (text.replace("{p}", str(sandbox["planted"]))
            .replace("{d}", str(sandbox["planted"].parent)).replace("{o}", str(sandbox["out"])))


sql_text = st.one_of(
    st.tuples(st.sampled_from(VERBS), st.sampled_from(["", " *", " * from", " content from"]),
              st.sampled_from(SOURCES), st.sampled_from(TAILS)).map(lambda t: " ".join(t)),
    st.lists(st.sampled_from(VERBS + SOURCES + TAILS), min_size=1, max_size=6).map(" ".join),
    st.text(max_size=80),
)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=sql_text)
def test_only_a_select_runs_and_nothing_outside_is_touched(
        raw: str, sandbox: dict[str, Path], guarded: duckdb.DuckDBPyConnection) -> None:
    sql = _fill(raw, sandbox)
    try:
        cols, rows = run_select(guarded, sql)
    except UsageError:
        pass
    else:
        assert statement_kinds(guarded, sql) == ["SELECT"], sql
        assert PLANTED not in repr((cols, rows)), sql
    assert list(sandbox["out"].iterdir()) == [], sql


def test_the_database_file_never_changed(sandbox: dict[str, Path],
                                         guarded: duckdb.DuckDBPyConnection) -> None:
    digest = hashlib.sha256(sandbox["db"].read_bytes()).hexdigest()
    for sql in ("select count(*) from objects", "delete from objects", "checkpoint"):
        with contextlib.suppress(UsageError):
            run_select(guarded, sql)
    assert hashlib.sha256(sandbox["db"].read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in sandbox["db"].parent.iterdir()) == ["c.duckdb", "out"]
