"""The precompiled cache: parse once, reuse by content hash, never trust a foreign folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from analyzer import precompiled
from analyzer.rules.catalog import load_catalog, queries_dir
from analyzer.rules.reference import create_table, load_reference_tables, rows_to_columns


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MGSCAN_CACHE_DIR", str(folder))
    monkeypatch.delenv(precompiled.DISABLE_ENV, raising=False)
    return folder


def test_built_once_then_read_back(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, object]:
        calls.append(1)
        return {"a": (1, 2), "b": None}

    first = precompiled.cached("thing", [b"x"], build)
    second = precompiled.cached("thing", [b"x"], build)
    assert first == second == {"a": [1, 2], "b": None}  # the same JSON types either way
    assert len(calls) == 1
    assert precompiled.cached("thing", [b"y"], build) == first
    assert len(calls) == 2  # other content, other entry
    assert len(list((cache / "precompiled").glob("thing-*.json"))) == 1  # the old one dropped
    assert oct((cache / "precompiled").stat().st_mode & 0o777) == "0o700"


def test_damaged_entry_is_rebuilt(cache: Path) -> None:
    precompiled.cached("thing", [b"x"], lambda: [1])
    (entry,) = (cache / "precompiled").glob("thing-*.json")
    entry.write_text("{not json")
    assert precompiled.cached("thing", [b"x"], lambda: [2]) == [2]
    assert json.loads(entry.read_text()) == [2]


def test_value_that_is_not_json_is_returned_uncached(cache: Path) -> None:
    import datetime

    day = datetime.date(2025, 1, 2)
    assert precompiled.cached("thing", [b"x"], lambda: {"d": day}) == {"d": day}
    assert not list((cache / "precompiled").glob("thing-*.json"))


def test_shared_or_disabled_folder_is_not_used(cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = cache / "precompiled"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # another user could plant an entry: parse every time instead
    calls: list[int] = []
    for _ in range(2):
        precompiled.cached("thing", [b"x"], lambda: calls.append(1) or [1])
    assert len(calls) == 2 and not list(folder.iterdir())
    folder.chmod(0o700)
    monkeypatch.setenv(precompiled.DISABLE_ENV, "1")
    for _ in range(2):
        precompiled.cached("thing", [b"x"], lambda: calls.append(1) or [1])
    assert len(calls) == 4 and not list(folder.iterdir())


def test_unwritable_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MGSCAN_CACHE_DIR", str(blocker / "below"))
    assert precompiled.cached("thing", [b"x"], lambda: {"k": 1}) == {"k": 1}


def test_catalogue_from_the_cache_equals_a_fresh_parse(cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    built = load_catalog()
    cached = load_catalog()
    assert list((cache / "precompiled").glob("catalog-*.json"))
    monkeypatch.setenv(precompiled.DISABLE_ENV, "1")
    assert built == cached == load_catalog()


def test_an_edited_rule_is_a_new_entry(cache: Path, tmp_path: Path) -> None:
    root = tmp_path / "queries"
    shutil.copytree(queries_dir(), root)
    before = load_catalog(root)
    rule = before.rules[0]
    rule.path.write_text(rule.path.read_text().replace(f"title: {rule.title}",
                                                       "title: An edited title"))
    after = load_catalog(root)
    assert after.rules_sha256 != before.rules_sha256
    assert after.get(rule.id).title == "An edited title"


def test_reference_columns_keep_their_types() -> None:
    con = duckdb.connect()
    rows = [{"s": "a", "i": 1, "f": 1, "b": True, "l": ["x", "y"]},
            {"s": None, "i": None, "f": 2.5, "b": None, "l": "z", "extra": 3}]
    create_table(con, "t", rows_to_columns(rows))
    types = dict(con.execute("select column_name, data_type from duckdb_columns() "
                             "where table_name = 't'").fetchall())
    assert types == {"s": "VARCHAR", "i": "BIGINT", "f": "DOUBLE", "b": "BOOLEAN",
                     "l": "VARCHAR[]", "extra": "BIGINT"}
    assert con.execute("select * from t").fetchall() == [
        ("a", 1, 1.0, True, ["x", "y"], None), (None, None, 2.5, None, ["z"], 3)]


def test_reference_tables_load_from_the_cache(cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.rules import reference

    monkeypatch.setattr(reference, "_CACHE", {})  # no parse kept from an earlier test
    tables = []
    for _ in range(2):  # the second load reads every reference file from the cache
        con = duckdb.connect()
        names = load_reference_tables(con, queries_dir())
        tables.append({n: con.execute(f'select * from "{n}"').fetchall() for n in names})
        monkeypatch.setattr(reference, "_CACHE", {})
    assert tables[0] == tables[1] and tables[0]
    assert len(list((cache / "precompiled").glob("reference-*.json"))) == len(tables[0])
