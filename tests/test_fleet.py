"""``mgscan fleet``: one row per cluster, isolated failures, fixed-schema dataset, HTML, re-runs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from bundle_variants import SAMPLES, combine, fleet_rows, variant
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.fleet.tables import SCHEMAS

pytestmark = pytest.mark.slow

WB_ID = "4c7febb0-4972-59f4-893b-3b5e442399e5"
MM_ID = "d3814ed3-e562-55d7-8e90-7343fc37f72f"
READY_ID = "c9548701-c267-5978-aac7-4725ad92ca0a"
# Reserved words of Spark SQL (ANSI) and Trino that a column must not be named
RESERVED = {"all", "and", "as", "between", "by", "case", "cast", "create", "cross", "cube",
            "current", "delete", "describe", "distinct", "drop", "else", "end", "escape",
            "except", "execute", "exists", "extract", "false", "for", "from", "full", "group",
            "grouping", "having", "in", "inner", "insert", "intersect", "into", "is", "join",
            "left", "like", "natural", "normalize", "not", "null", "on", "or", "order",
            "outer", "prepare", "recursive", "right", "rollup", "select", "skip", "table",
            "then", "trim", "true", "union", "unnest", "using", "values", "when", "where",
            "with", "user", "time", "date", "timestamp", "window", "row", "rows", "range",
            "position", "count", "value", "both", "leading", "trailing", "to"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """customer-a/ and customer-b/ hold a same-named bundle; plus two clusters in one archive,
    a broken archive, a bundle without RHOAI, and a list file."""
    root = tmp_path_factory.mktemp("fleet-in")
    for sub in ("customer-a", "customer-b"):
        (root / sub).mkdir()
    shutil.copy(SAMPLES / "workbenches.tar.gz", root / "customer-a" / "mg.tar.gz")
    shutil.copy(SAMPLES / "ready-to-migrate.tar.gz", root / "customer-b" / "mg.tar.gz")
    combine([SAMPLES / "workbenches.tar.gz", SAMPLES / "modelmesh-serverless.tar.gz"],
            root / "customer-b" / "two-clusters.tar.gz")
    (root / "customer-b" / "broken.tar.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 4000)
    variant(SAMPLES / "ready-to-migrate.tar.gz", root / "no-rhoai.tar.gz",
            drop=[r"/quay-io-modh-", r"/rhoai-extra/", r"namespaces.yaml$", r"redhat-ods",
                  r"rhods"])
    (root / "fleet.html").write_bytes((SAMPLES / "llamastack.tar.gz").read_bytes())
    return root


def _fleet(out: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["fleet", *args, "-o", str(out), "--jobs", "1"])
    return result.exit_code, result.stdout, result.stderr


def _clusters(out: Path) -> list[tuple[Any, ...]]:
    return fleet_rows(out, "select bundle, cluster_id, status, verdict from clusters "
                           "order by bundle, cluster_id")


def test_fleet_dataset_html_and_rerun(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = _fleet(out, str(inputs))
    assert code == 0, stderr
    assert "Traceback" not in stderr
    rows = _clusters(out)
    name = inputs.name
    assert rows == [
        (f"{name}/customer-a/mg.tar.gz", WB_ID, "ok", "FAIL"),
        (f"{name}/customer-b/broken.tar.gz", None, "error", None),
        (f"{name}/customer-b/mg.tar.gz", READY_ID, "ok", "WARNING"),
        (f"{name}/customer-b/two-clusters.tar.gz", WB_ID, "ok", "FAIL"),
        (f"{name}/customer-b/two-clusters.tar.gz", MM_ID, "ok", "FAIL"),
        (f"{name}/fleet.html", "887814a2-d2cd-56ea-ab44-1220d8ea1fe9", "ok", "FAIL"),
        (f"{name}/no-rhoai.tar.gz", READY_ID, "error", None),
    ]
    errors = dict(duckdb.connect(str(out / "fleet.duckdb"), read_only=True).execute(
        "select bundle, error from clusters where status = 'error'").fetchall())
    assert "no RHOAI version found" in errors[f"{name}/no-rhoai.tar.gz"]
    assert errors[f"{name}/customer-b/broken.tar.gz"]
    # fixed schema in every file, even for a bundle with no findings or no analysis at all
    for table, schema in SCHEMAS.items():
        files = sorted((out / "dataset" / table).glob("*.parquet"))
        assert len(files) == 6
        for f in files:
            assert pq.read_schema(f).names == schema.names, (table, f.name)
        for col in schema.names:
            assert re.fullmatch(r"[a-z_][a-z0-9_]*", col) and col not in RESERVED, col
        frame = pl.read_parquet(out / "dataset" / table / "*.parquet")
        assert frame.columns == schema.names
    broken = pl.read_parquet(out / "dataset" / "findings" /
                             f"{name}__customer-b__broken.tar.gz.parquet")
    assert broken.height == 0 and broken.columns == SCHEMAS["findings"].names
    con = duckdb.connect()
    n = con.execute("select count(*) from read_parquet(?)",
                    [str(out / "dataset" / "findings" / "*.parquet")]).fetchone()
    assert n is not None and n[0] > 0
    # per-cluster reports, linked from the fleet page; the input named fleet.html is a bundle
    summary = json.loads((out / "fleet.json").read_text())
    links = sorted(c["report"] for c in summary["clusters"] if c["report"])
    assert len(links) == 5 and all((out / link).exists() for link in links)
    html = (out / "fleet.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "sortable" in html
    assert "WRK-0230" in html and "Not ready" in html
    assert "bundles/minute" in stdout.splitlines()[-1]
    # re-run: everything unchanged is skipped; the dataset stays the same
    before = {p.name: p.read_bytes() for p in (out / "dataset" / "clusters").glob("*")}
    code, stdout, stderr = _fleet(out, str(inputs))
    assert code == 0 and "6 bundles (0 analyzed, 6 unchanged, 0 with errors)" in stdout, stdout
    assert "skipped (unchanged)" in stderr
    after = {p.name: p.read_bytes() for p in (out / "dataset" / "clusters").glob("*")}
    assert before.keys() == after.keys()


def test_unexpected_exception_is_that_bundles_row(inputs: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.analysis as analysis

    real = analysis.report_from

    def flaky(con: Any, summary: Any, opts: Any, inspect: Any = None) -> Any:
        if any(i.path.endswith("customer-b/mg.tar.gz") for i in summary.inputs):
            raise RuntimeError("boom")
        return real(con, summary, opts, inspect)

    monkeypatch.setattr(analysis, "report_from", flaky)
    out = tmp_path / "out"
    direct = inputs / "customer-b" / "mg.tar.gz"
    code, _, stderr = _fleet(out, str(inputs / "customer-a"), str(direct))
    assert code == 0 and "Traceback" not in stderr
    assert "crashed: unexpected RuntimeError: boom" in stderr
    assert _clusters(out) == [(str(direct), READY_ID, "crashed", None),
                              ("customer-a/mg.tar.gz", WB_ID, "ok", "FAIL")]


def test_list_file_and_bad_output(inputs: Path, tmp_path: Path) -> None:
    listing = tmp_path / "bundles.txt"
    listing.write_text(f"# two bundles\n{inputs / 'customer-a' / 'mg.tar.gz'}\n")
    out = tmp_path / "out"
    code, _, stderr = _fleet(out, f"@{listing}")
    assert code == 0, stderr
    assert [r[1] for r in _clusters(out)] == [WB_ID]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, stderr = _fleet(blocker, str(inputs / "customer-a"))
    assert code == 3 and "Traceback" not in stderr and str(blocker) in stderr
    assert blocker.read_text() == "x"
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    code, _, stderr = _fleet(foreign, str(inputs / "customer-a"))
    assert code == 3 and "notes.txt" in stderr
