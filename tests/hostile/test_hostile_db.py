"""The dbsafety part of the hostile corpus, run through the whole CLI.

SQL sent to ``mgscan query``, tampered databases given to ``analyze --db``/``query --db`` and
``--db`` targets mgscan must not overwrite (scripts/make_hostile_corpus.py, "dbsafety"). A file
planted outside the sandbox must never appear in any output, nothing may be written outside
the output folder, and the databases read must not change by a byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from test_hostile_corpus import GEN  # this folder is on sys.path (pytest's prepend mode)

from analyzer.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "sample_bundles" / "ready-to-migrate.tar.gz"


def _tree(base: Path) -> dict[str, str]:
    """Every file below ``base`` with its sha256 (directories as "dir")."""
    out = {}
    for path in sorted(base.rglob("*")):
        rel = str(path.relative_to(base))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    planted_dir = tmp_path_factory.mktemp("planted")  # outside the sandbox
    (planted_dir / "secret.txt").write_text(GEN.PLANTED_TEXT + "\n")
    (planted_dir / "data.csv").write_text(f"a,b\n{GEN.PLANTED_TEXT},2\n")
    sandbox = tmp_path_factory.mktemp("sandbox")
    db = sandbox / "base.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(BUNDLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return {"planted_dir": planted_dir, "planted": planted_dir / "secret.txt",
            "sandbox": sandbox, "db": db}


def _fill(argv: list[str], values: dict[str, Any]) -> list[str]:
    return [a.format(**{k: str(v) for k, v in values.items()}) for a in argv]


def _run(argv: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{argv}: {result.exception!r}")
    return result.exit_code, result.output


def _outputs(base: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(base.rglob("*"))
                     if p.is_file())


def test_the_corpus_has_enough_dbsafety_cases() -> None:
    cases = GEN.guard_cases() + GEN.hostile_db_cases() + GEN.db_target_cases()
    assert len(cases) >= 40
    assert {c["class"] for c in cases} == {"sql", "dbfile", "dbtarget"}


@pytest.mark.parametrize("case", GEN.guard_cases(), ids=lambda c: c["name"])
def test_guard_refuses_sql(case: dict[str, Any], env: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _tree(env["sandbox"])
    code, output = _run(_fill(case["argv"], {**env, "out": out}))
    assert code == 3, output
    assert output.startswith("mgscan: error: ") and output.count("\n") == 1, output
    assert GEN.PLANTED_TEXT not in output
    assert _tree(out) == {}, "the query wrote a file"
    assert _tree(env["sandbox"]) == before, "the database changed"


def test_a_plain_select_still_works(env: dict[str, Path]) -> None:
    code, output = _run(["query", "--db", str(env["db"]), "--format", "json",
                         "with k as (select kind from resources) "
                         "select count(*) > 0 as some from k"])
    assert code == 0 and '"some": true' in output, output


def _tamper(db: Path, sql: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql)
    finally:
        con.close()


@pytest.mark.parametrize("case", GEN.hostile_db_cases(), ids=lambda c: c["name"])
def test_hostile_database_is_refused(case: dict[str, Any], env: dict[str, Path],
                                     tmp_path: Path) -> None:
    target = tmp_path / "received.duckdb"
    shutil.copyfile(env["db"], target)
    sql = dict(GEN.HOSTILE_DB_SQL)[case["tamper"]].format(planted=env["planted"])
    _tamper(target, sql)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    out = tmp_path / "out"
    out.mkdir()
    code, output = _run(_fill(case["argv"], {**env, "out": out, "target": target}))
    assert code == 3, output
    assert case["contains"] in output and output.count("\n") == 1, output
    assert GEN.PLANTED_TEXT not in output + _outputs(out)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


def _damage_version(path: Path) -> None:
    """Change the storage version after "DUCK" (the header checksum then fails first)."""
    data = bytearray(path.read_bytes())
    (version,) = struct.unpack_from("<Q", data, 12)
    struct.pack_into("<Q", data, 12, version + 1000)
    path.write_bytes(bytes(data))


def _prepare_target(kind: str, env: dict[str, Path], tmp_path: Path) -> Path:
    if kind == "the_input_itself":
        own = tmp_path / "bundle.tar.gz"
        shutil.copyfile(BUNDLE, own)
        return own
    if kind == "inside_input_dir":
        return env["planted_dir"] / "data.csv"
    target = tmp_path / "target.duckdb"
    if kind == "text_file":
        target.write_text("my notes, not a database\n")
    elif kind == "a_directory":
        target.mkdir()
        (target / "keep.txt").write_text("keep")
    elif kind == "foreign_duckdb":
        _tamper(target, "create table customers (name varchar); "
                        "insert into customers values ('precious')")
    elif kind == "truncated_header":
        target.write_bytes(env["db"].read_bytes()[:100])
    elif kind == "damaged_header":
        shutil.copyfile(env["db"], target)
        _damage_version(target)
    return target


@pytest.mark.parametrize("case", GEN.db_target_cases(), ids=lambda c: c["name"])
def test_db_target_is_never_replaced(case: dict[str, Any], env: dict[str, Path],
                                     tmp_path: Path) -> None:
    target = _prepare_target(case["target_kind"], env, tmp_path)
    bundle = target if case["target_kind"] == "the_input_itself" else BUNDLE
    before = _tree(target.parent)
    code, output = _run(_fill(case["argv"], {**env, "bundle": bundle, "target": target}))
    assert code == 3, output
    assert case["contains"] in output and output.count("\n") == 1, output
    assert _tree(target.parent) == before


def test_a_locked_database_is_one_line_exit_3(env: dict[str, Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "locked.duckdb"
    shutil.copyfile(env["db"], db)
    holder = subprocess.Popen(  # another process holds the write lock
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        for argv in (["query", "--db", str(db), "select 1"],
                     ["analyze", "--db", str(db), "-o", str(tmp_path / "r")],
                     ["ingest", str(BUNDLE), "--db", str(db)]):
            code, output = _run(argv)
            assert code == 3 and "in use by another process" in output, (argv, output)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_analyze_db_reads_a_read_only_file_and_never_changes_it(
        env: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    shutil.copyfile(env["db"], db)
    os.chmod(db, 0o444)
    os.chmod(tmp_path, 0o555)  # no .wal or temporary file can appear beside it either
    try:
        stat = db.stat()
        digest = hashlib.sha256(db.read_bytes()).hexdigest()
        out = tmp_path.parent / f"{tmp_path.name}-out"
        code, output = _run(["analyze", "--db", str(db), "-o", str(out),
                             "--format", "html,json,md,sarif,junit"])
        assert code in (0, 1, 2), output
        assert (out / "report.json").is_file()
        assert db.stat().st_mtime_ns == stat.st_mtime_ns
        assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
        code, output = _run(["query", "--db", str(db), "select count(*) from mgscan_rules"])
        assert code == 3  # the run's tables were never written into the file
    finally:
        os.chmod(tmp_path, 0o755)
