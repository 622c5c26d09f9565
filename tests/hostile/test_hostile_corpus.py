"""Run the generated hostile corpus (scripts/make_hostile_corpus.py) through the ingest.

Each case states its expected outcome in the manifest. Inputs sharing the same limits are
ingested together (one DuckDB file per group, errors and objects attributed by ``input_id``), so
the ~55 cases cost a handful of ingest runs. Around every run the sandbox and ``/tmp`` are
snapshotted: nothing may be written outside the output directory.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

from analyzer.errors import BadInputError
from analyzer.ingest import ingest_paths
from analyzer.limits import Limits

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "make_hostile_corpus.py"
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = _generator()


def _snapshot(base: Path) -> set[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        for name in dirnames + filenames:
            out.add(os.path.relpath(os.path.join(dirpath, name), base))
    return out


def _tmp_names() -> set[str]:
    return set(os.listdir(tempfile.gettempdir()))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    sandbox = tmp_path_factory.mktemp("hostile")
    corpus = sandbox / "corpus"
    cases = GEN.build_corpus(corpus)
    out = sandbox / "out"
    out.mkdir()
    before, tmp_before = _snapshot(sandbox), _tmp_names()
    groups: dict[str, list[dict[str, Any]]] = {}
    results: dict[str, dict[str, Any]] = {}
    for case in cases:
        if case["expect"] == "bad_input":
            try:
                ingest_paths([corpus / case["input"]], duckdb.connect(),
                             limits=Limits(**case["limits"]), workers=1)
                results[case["name"]] = {"raised": None}
            except BadInputError as exc:
                results[case["name"]] = {"raised": str(exc)}
            continue
        groups.setdefault(json.dumps(case["limits"], sort_keys=True), []).append(case)
    db_bytes = b""
    files: list[str] = []
    for n, (key, group) in enumerate(sorted(groups.items())):
        db = out / f"group{n}.duckdb"
        con = duckdb.connect(str(db))
        con.execute("set force_compression = 'uncompressed'")  # byte searches stay meaningful
        ingest_paths([corpus / c["input"] for c in group], con, limits=Limits(**json.loads(key)),
                     workers=1)
        errors = con.execute("select input_id, coalesce(file, ''), error from ingest_errors"
                             ).fetchall()
        objects = dict(con.execute("select input_id, count(*) from objects group by 1"
                                   ).fetchall())
        files += [r[0] for r in con.execute("select path from files").fetchall()]
        con.close()
        db_bytes += db.read_bytes()
        for i, case in enumerate(group):
            results[case["name"]] = {
                "errors": [f"{f}: {e}" for iid, f, e in errors if iid == i],
                "objects": objects.get(i, 0)}
    return {"cases": cases, "results": results, "new": _snapshot(sandbox) - before,
            "tmp_new": _tmp_names() - tmp_before, "db": db_bytes, "files": files}


def _check(case: dict[str, Any], res: dict[str, Any]) -> str | None:
    want = case["contains"]
    if case["expect"] == "bad_input":
        if res["raised"] is None:
            return "expected BadInputError, the ingest accepted the input"
        return None if want in res["raised"] else f"BadInputError {res['raised']!r}"
    errors, objects = res["errors"], res["objects"]
    if objects < case["min_objects"]:
        return f"{objects} objects < {case['min_objects']} (errors: {errors})"
    if case["expect"] in ("error", "limit") and not errors:
        return "no ingest_errors row recorded"
    if case["expect"] == "limit" and not any("limit" in e for e in errors):
        return f"no 'limit' error: {errors}"
    if want and not any(want in e for e in errors):
        return f"no error containing {want!r}: {errors}"
    if len(errors) > case.get("max_errors", len(errors)):
        return f"{len(errors)} error rows > {case['max_errors']}: the flood was not aggregated"
    bad = [a for a in case["absent"] if any(a in e for e in errors)]
    return f"unexpected {bad} in {errors}" if bad else None


def test_every_case_behaves_as_the_manifest_says(run: dict[str, Any]) -> None:
    assert len(run["cases"]) >= 50
    failures = {c["name"]: msg for c in run["cases"]
                if (msg := _check(c, run["results"][c["name"]])) is not None}
    assert failures == {}


def test_manifest_covers_every_input_class(run: dict[str, Any]) -> None:
    classes = {c["class"] for c in run["cases"]}
    assert {"archive", "bomb", "truncated", "zip", "split", "format", "yaml", "secret",
            "dir", "bounded", "lossless", "limits", "flood"} <= classes
    assert {c["expect"] for c in run["cases"]} == {"parsed", "error", "limit", "bad_input"}


def test_nothing_is_written_outside_the_output_dir(run: dict[str, Any]) -> None:
    outside = {p for p in run["new"] if not p.startswith("out" + os.sep)}
    assert outside == set()
    assert not [n for n in run["tmp_new"] if GEN.SENTINEL in n or n.endswith(".yaml")]
    assert not any(GEN.SENTINEL in n for n in os.listdir(tempfile.gettempdir()))


def test_member_paths_stay_relative_and_printable(run: dict[str, Any]) -> None:
    assert run["files"]
    for path in run["files"]:
        assert not path.startswith("/"), path
        assert ".." not in path.split("/"), path
        assert "\n" not in path and "\x00" not in path, path
    assert any("\\n" in p for p in run["files"])  # the newline name is kept, escaped


def test_secret_values_never_reach_the_database(run: dict[str, Any]) -> None:
    assert run["results"]["secret_dump"]["objects"] == 2
    assert b"hostile" in run["db"] and b"sa-token" in run["db"]  # the search can find things
    for value in GEN.SECRET_VALUES:
        assert value.encode() not in run["db"], value
    forbidden = {v for c in run["cases"] for v in c["forbidden"]}
    assert set(GEN.TAGGED_SECRET_VALUES) <= forbidden
    errors = "\n".join(e for r in run["results"].values() for e in r.get("errors", []))
    for value in sorted(forbidden):
        assert value.encode() not in run["db"], value  # tagged values too (!!bool, !!float…)
        assert value not in errors.lower() and value not in errors, value


def test_default_limits_are_sane() -> None:
    lim = Limits()
    assert 16 * 2**20 <= lim.max_file_size <= 256 * 2**20
    assert lim.max_total_size >= 10 * 2**30
    assert 50 <= lim.max_ratio <= 1000
    assert lim.max_depth >= 64 and lim.max_docs >= 1000


def _digests(base: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_corpus_generation_is_deterministic(tmp_path: Path) -> None:
    GEN.build_corpus(tmp_path / "a")
    GEN.build_corpus(tmp_path / "b")
    first = _digests(tmp_path / "a")
    assert len(first) > 80 and first == _digests(tmp_path / "b")
