"""An interrupted ingest leaves no partial database, keeps the old one, and re-running works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from analyzer.ingest.database import ingest_to_file

SAMPLE = Path(__file__).resolve().parents[1] / "sample_bundles" / "modelmesh-serverless.tar.gz"


def _interrupting(after: int) -> Callable[[str, int, int, int, int], None]:
    calls = {"n": 0}

    def progress(path: str, files: int, objects: int, done: int, total: int) -> None:
        calls["n"] += 1
        if calls["n"] >= after:
            raise KeyboardInterrupt

    return progress


def test_interrupt_keeps_the_previous_database_and_leaves_no_temp(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = ingest_to_file([SAMPLE], db)
    before = db.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        ingest_to_file([SAMPLE], db, progress=_interrupting(1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb"]
    assert db.read_bytes() == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from objects").fetchone()[0] == first.objects
    con.close()
    again = ingest_to_file([SAMPLE], db)  # re-running works
    assert again.objects == first.objects


def test_interrupted_first_ingest_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        ingest_to_file([SAMPLE], tmp_path / "new.duckdb", progress=_interrupting(1))
    assert list(tmp_path.iterdir()) == []
