"""YAML 1.2 fidelity on both parse paths, fallbacks, truncation and hostile YAML."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import duckdb
import pytest

import analyzer.ingest.yaml12 as yaml12
from analyzer.ingest import ingest_paths
from analyzer.ingest.yaml12 import ParseError, parse_documents
from analyzer.limits import Limits

SCALARS = (
    b'quoted: "4.19"\nnumber: 4.19\nint: 17\nleading_zero: 017\nyes_: yes\non_: on\nno_: no\n'
    b'off_: off\ndate: 2026-11-01\nstamp: 2026-11-01T10:00:00Z\ntilde: ~\nnull_: null\n'
    b'empty:\nqtrue: "true"\nbool: true\nfalse_: false\nversion: 4.0-art-dev\nsha: 0x1f\n'
)
EXPECTED: dict[str, Any] = {
    "quoted": "4.19", "number": 4.19, "int": 17, "yes_": "yes", "on_": "on", "no_": "no",
    "off_": "off", "date": "2026-11-01", "stamp": "2026-11-01T10:00:00Z", "tilde": None,
    "null_": None, "empty": None, "qtrue": "true", "bool": True, "false_": False,
    "version": "4.0-art-dev",
}


def fast_path(data: bytes) -> list[Any]:
    docs, note = parse_documents(data)
    assert note is None
    return docs


def slow_path(data: bytes) -> list[Any]:
    return yaml12._slow(data.decode(), 128)


def pure_python(data: bytes) -> list[Any]:
    import yaml

    return list(yaml.load_all(data.decode(), Loader=yaml12.Yaml12Loader))


@pytest.mark.parametrize("parse", [fast_path, slow_path, pure_python],
                         ids=["default", "libyaml", "pure-python"])
def test_core_schema_scalars(parse: Any) -> None:
    (doc,) = parse(SCALARS)
    assert {k: doc[k] for k in EXPECTED} == EXPECTED
    assert isinstance(doc["number"], float) and isinstance(doc["int"], int)


def test_rapidyaml_path_is_taken_for_plain_files(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(yaml12, "_slow", lambda *a: calls.append("slow") or [])
    assert parse_documents(b"a: 1\n") == ([{"a": 1}], None)
    assert calls == []


def test_anchors_are_resolved_by_the_careful_loader() -> None:
    docs, _ = parse_documents(b"a: &x {k: 1}\nb: *x\ncmd: a && b\n")
    assert docs == [{"a": {"k": 1}, "b": {"k": 1}, "cmd": "a && b"}]


def test_fallback_when_rapidyaml_output_does_not_decode() -> None:
    docs, note = parse_documents(b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
                                 b"data: {k: \"caf\xe9\"}\n")
    assert docs[0]["metadata"] == {"name": "x"}
    assert docs[0]["data"]["k"].startswith("caf")
    assert note == "invalid UTF-8 replaced"


def test_multi_document_bom_crlf_and_empty_documents() -> None:
    data = b"\xef\xbb\xbf---\r\na: 1\r\n---\r\n---\r\nb: [x, y]\r\n...\r\n"
    assert parse_documents(data) == ([{"a": 1}, {"b": ["x", "y"]}], None)
    assert parse_documents(b"---\n---\n") == ([], None)
    assert parse_documents(b"  \n\n") == ([], None)


def test_json_parses() -> None:
    assert parse_documents(b'{"a": [1, 2.5, "x", null, true]}') == (
        [{"a": [1, 2.5, "x", None, True]}], None)


def test_truncated_file_keeps_the_readable_part() -> None:
    data = (b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cut\ndata:\n  a: '1'\n"
            b"  b: \"unterminated\n")
    docs, note = parse_documents(data)
    assert docs[0]["metadata"]["name"] == "cut" and docs[0]["data"]["a"] == "1"
    assert note and note.startswith("truncated:")


@pytest.mark.parametrize("data,message", [
    (b"a: 1\x00\x00", "binary"),
    ("a: 1\n".encode("utf-16"), "binary"),
    (b"[" * 50_000, "nesting deeper"),
    (b"".join(b" " * i + b"k:\n" for i in range(1200)), "nesting too deep"),
    (b"".join(b"  " * i + b"k:\n" for i in range(200)), "deeper than 128"),
    (b"a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]"
     b"\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d]\n", "alias bomb"),
    (b"a: [\n\tb\n", "YAML error"),
])
def test_hostile_yaml_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_documents(data)


def test_too_many_documents() -> None:
    with pytest.raises(ParseError, match="more than 3"):
        parse_documents(b"a: 1\n---\na: 2\n---\na: 3\n---\na: 4\n---\na: 5\n", max_docs=3)


def test_tags_never_construct_objects() -> None:
    data = (b"a: !!python/object/apply:os.system ['true']\nb: !!binary aGk=\n"
            b"c: !!set {x, y}\nd: !!timestamp 2026-01-01\ne: &e !custom {k: v}\nf: *e\n")
    (doc,), _ = parse_documents(data)  # the anchor forces the PyYAML path
    assert doc == {"a": ["true"], "b": "aGk=", "c": {"x": None, "y": None},
                   "d": "2026-01-01", "e": {"k": "v"}, "f": {"k": "v"}}


def test_duplicate_keys_keep_the_last() -> None:
    assert parse_documents(b"a: 1\na: 2\n")[0] == [{"a": 2}]


def test_doctests() -> None:
    assert doctest.testmod(yaml12).failed == 0


def _ingest(tmp_path: Path, files: dict[str, bytes]) -> duckdb.DuckDBPyConnection:
    for rel, body in files.items():
        p = tmp_path / "in" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(body)
    con = duckdb.connect()
    ingest_paths([tmp_path / "in"], con, limits=Limits(max_file_size=4096), workers=1)
    return con


def test_broken_files_are_recorded_and_the_run_continues(tmp_path: Path) -> None:
    cm = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: n}\n"
    con = _ingest(tmp_path, {
        "ns/ok.yaml": cm % b"ok",
        "ns/trunc.yaml": cm % b"trunc" + b"data:\n  k: \"open\n",
        "ns/binary.yaml": bytes(range(256)) * 4,
        "ns/latin1.yaml": cm % b"latin" + b"data: {k: \"\xe9t\xe9\"}\n",
        "ns/big.json": b'{"a": "' + b"x" * 5000 + b'"}',
        "ns/empty.yaml": b"",
        "ns/notes.txt": b"just text: not parsed\n",
    })
    status = dict(con.execute("select path, parse_status from files").fetchall())
    assert status == {"ns/ok.yaml": "ok", "ns/trunc.yaml": "ok", "ns/binary.yaml": "error",
                      "ns/latin1.yaml": "ok", "ns/big.json": "skipped", "ns/empty.yaml": "empty",
                      "ns/notes.txt": "not_parsed"}
    errors = dict(con.execute("select file, error from ingest_errors").fetchall())
    assert errors["ns/trunc.yaml"].startswith("truncated:")
    assert "binary" in errors["ns/binary.yaml"]
    assert errors["ns/latin1.yaml"] == "invalid UTF-8 replaced"
    assert "limit" in errors["ns/big.json"]
    names = {r[0] for r in con.execute("select name from objects").fetchall()}
    assert names == {"ok", "trunc", "latin"}


def test_merge_keys_are_honoured_like_go_yaml() -> None:
    assert parse_documents(b"base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n")[0] == [
        {"base": {"a": 1, "b": 2}, "x": {"a": 1, "b": 3}}]


def test_big_truncated_file_is_cut_with_rapidyaml() -> None:
    body = b"".join(b"k%d: v\n" % i for i in range(200_000))  # ~1.5 MB
    docs, note = parse_documents(body + b"last: \"never closed\n")
    assert len(docs[0]) == 200_000
    assert note == "truncated: 1 trailing line(s) dropped (parse error at line 200002)"


def _rss_bytes() -> int:
    import os

    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_fast_path_does_not_leak_its_json_output() -> None:
    doc = b"".join(b"key%d: value-%d\n" % (i, i) for i in range(800))  # ~16 KB of JSON out
    for _ in range(50):
        parse_documents(doc)
    before = _rss_bytes()
    for _ in range(2000):  # a leak of the JSON buffer would be ~32 MB here
        parse_documents(doc)
    assert _rss_bytes() - before < 8 * 1024 * 1024
