"""The CLI contract: help examples, exit codes per verdict, --db reuse, read-only query."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from analyzer.app import exit_code
from analyzer.cli import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_bundles"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the top-level group loads its commands lazily
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


@pytest.mark.parametrize("name,cmd", _commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_help_ends_with_an_example(name: str, cmd: click.Command) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    body = result.output.split("Options:")[0].rstrip().splitlines()
    assert any("Example:" in line for line in body), name
    assert body[-1].strip().startswith("mgscan "), (name, body[-1])


def _analyze(tmp_path: Path, *args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, ["analyze", *args, "-o", str(tmp_path / "out"),
                                    "--format", "json"])


@pytest.mark.slow
@pytest.mark.parametrize("sample,extra,code", [
    ("ready-to-migrate", [], 0),                       # WARNING (the vendor's dashboard warnings)
    ("ready-to-migrate", ["--fail-on", "warning"], 2),  # ... which ask for an action
    ("ready-to-migrate", ["--strict"], 0),             # complete: nothing blocker-level unrun
    ("rhoai-2x-no-workload-crs", ["--checks", "WRK-0100"], 0),  # not evaluated, not strict
    ("rhoai-2x-no-workload-crs", ["--checks", "WRK-0100", "--strict"], 1),  # incomplete
    ("ocp-too-old", [], 1),                            # FAIL
    ("source-2.25.3", [], 1),                          # PROHIBITED
    ("source-2.25.3", ["--fail-on", "prohibited"], 1),
    ("ocp-too-old", ["--fail-on", "prohibited"], 0),   # critical below the threshold
    ("ready-to-migrate", ["--target-version", "2.25.9"], 0),  # same major.minor: nothing to do
])
def test_exit_codes(tmp_path: Path, sample: str, extra: list[str], code: int) -> None:
    result = _analyze(tmp_path, str(SAMPLES / f"{sample}.tar.gz"), *extra)
    assert result.exit_code == code, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    if "--checks" in extra:
        assert report["completeness"]["complete"] is False
        [item] = report["completeness"]["unverified"]
        assert item["rule_id"] == "WRK-0100" and item["missing"] == ["inferenceservices"]
        assert "inferenceservices.serving.kserve.io" in item["collect"]
        assert "Readiness cannot be confirmed: 1 blocker-level check could not run" in (
            result.output)
    if "2.25.9" in extra:
        assert report["verdict"] == "PASS"
        assert all(r["outcome"] == "not_applicable" for r in report["results"]
                   if r["group"] != "collection")


@pytest.mark.parametrize("args,needle", [
    (["--target-version", "3.x.y"], "invalid --target-version"),
    (["--target-version", "2.16.0"], "downgrade"),
    (["--source-version", "banana"], "invalid --source-version"),
])
def test_bad_versions_exit_3(tmp_path: Path, args: list[str], needle: str) -> None:
    result = _analyze(tmp_path, str(SAMPLES / "ready-to-migrate.tar.gz"), *args)
    assert result.exit_code == 3
    assert needle in result.output


def test_no_rhoai_found_exit_3(tmp_path: Path) -> None:
    dump = tmp_path / "cv.yaml"
    dump.write_text("apiVersion: config.openshift.io/v1\nkind: ClusterVersion\n"
                    "metadata: {name: version}\nstatus: {desired: {version: 4.19.10}}\n")
    result = _analyze(tmp_path, str(dump))
    assert result.exit_code == 3
    assert "no RHOAI version found" in result.output and "--source-version" in result.output


def test_unreadable_input_exit_3(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 not a bundle" * 10)
    result = _analyze(tmp_path, str(junk))
    assert result.exit_code == 3
    assert "junk.bin" in result.output


def test_usage_errors_exit_3_through_main(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "analyzer", "analyze", "--no-such-flag"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 3
    proc = subprocess.run([sys.executable, "-m", "analyzer", "analyze",
                           str(tmp_path / "missing.tar.gz")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 3 and "missing.tar.gz" in proc.stderr


def test_incomplete_analysis_is_exit_4() -> None:
    base = {"results": [{"outcome": "error", "findings": []},
                        {"outcome": "failed", "findings": [{"severity": "warning"}]}]}
    assert exit_code(base, "critical") == 4
    base["results"].append({"outcome": "failed", "findings": [{"severity": "critical"}]})
    assert exit_code(base, "critical") == 1


@pytest.mark.slow
def test_ingest_then_analyze_and_query_db(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "c.duckdb"
    bundle = str(SAMPLES / "modelmesh-serverless.tar.gz")
    r = runner.invoke(cli, ["ingest", bundle, "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "objects" in r.output and db.exists()
    first = _analyze(tmp_path, "--db", str(db))
    assert first.exit_code == 1
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["verdict"] == "FAIL"
    # the database keeps what it was ingested from; analyze with both reuses it
    before = db.stat().st_mtime_ns
    again = _analyze(tmp_path, bundle, "--db", str(db))
    assert again.exit_code == 1 and db.stat().st_mtime_ns >= before
    q = runner.invoke(cli, ["query", "--db", str(db), "--format", "json",
                            "select kind, count(*) as n from inferenceservices group by kind"])
    assert q.exit_code == 0, q.output
    assert json.loads(q.output)[0]["kind"] == "InferenceService"
    bad = runner.invoke(cli, ["query", "--db", str(db), "delete from objects"])
    assert bad.exit_code == 3
    still = runner.invoke(cli, ["query", "--db", str(db), "select count(*) from objects"])
    assert still.exit_code == 0 and "0\n" not in still.output.splitlines()[2] + "\n"


def test_rules_list_and_show() -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules", "list"])
    assert listing.exit_code == 0
    assert "DEP-0020" in listing.output
    shown = runner.invoke(cli, ["rules", "show", "dependencies.openshift.version-requirement"])
    assert shown.exit_code == 0 and "DEP-0020" in shown.output
    missing = runner.invoke(cli, ["rules", "show", "NOPE-9999"])
    assert missing.exit_code == 3


@pytest.mark.slow
def test_collect_commands_lists_only_what_a_2x_bundle_lacks() -> None:
    runner = CliRunner()
    everything = runner.invoke(cli, ["collect-commands"])
    lacking = runner.invoke(cli, ["collect-commands",
                                  str(SAMPLES / "rhoai-2x-no-workload-crs.tar.gz")])
    assert everything.exit_code == 0 and lacking.exit_code == 0
    assert "notebooks.kubeflow.org" in lacking.output
    assert len(lacking.output.splitlines()) < len(everything.output.splitlines())
