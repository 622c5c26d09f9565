"""Where analyze writes: `-o -`, yaml, the paths printed, one cluster per folder, --force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.commands.output import MANIFEST, default_dir

REPO = Path(__file__).resolve().parents[1]
READY = REPO / "sample_bundles" / "ready-to-migrate.tar.gz"
OLD = REPO / "sample_bundles" / "ocp-too-old.tar.gz"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analyzer", *args], capture_output=True,
                          text=True, check=False, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "yaml", "md", "sarif", "junit"])
def test_dash_o_writes_one_format_to_stdout_and_the_summary_to_stderr(fmt: str) -> None:
    proc = _run("analyze", str(READY), "--format", fmt, "-o", "-")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" in proc.stderr and "rules:" in proc.stderr
    if fmt == "json":
        assert json.loads(proc.stdout)["verdict"] == "WARNING"
    elif fmt == "yaml":
        assert yaml.safe_load(proc.stdout)["verdict"] == "WARNING"
    elif fmt == "sarif":
        assert json.loads(proc.stdout)["version"] == "2.1.0"
    elif fmt == "junit":
        assert proc.stdout.startswith("<?xml")
    else:
        assert proc.stdout.startswith("#")
    assert "Wrote" not in proc.stderr


@pytest.mark.slow
def test_yaml_file_equals_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(READY), "-o", str(tmp_path / "o"),
                                      "--format", "json,yaml"])
    assert result.exit_code == 0, result.output
    assert (yaml.safe_load((tmp_path / "o" / "report.yaml").read_text())
            == json.loads((tmp_path / "o" / "report.json").read_text()))
    assert (f"Wrote:\n  {tmp_path / 'o' / 'report.json'}\n  {tmp_path / 'o' / 'report.yaml'}\n"
            in result.stdout)


@pytest.mark.slow
def test_folder_of_another_run_is_refused_then_replaced_with_force(tmp_path: Path) -> None:
    out = tmp_path / "o"
    runner = CliRunner()
    first = runner.invoke(cli, ["analyze", str(READY), "-o", str(out),
                                "--format", "html,json,md"])
    assert first.exit_code == 0
    assert json.loads((out / MANIFEST).read_text())["files"] == [
        "report.html", "report.json", "report.md"]
    again = runner.invoke(cli, ["analyze", str(READY), "-o", str(out), "--format", "json"])
    assert again.exit_code == 0  # the same run again: the whole set is replaced
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "report.json"]
    other = runner.invoke(cli, ["analyze", str(OLD), "-o", str(out), "--format", "json,md"])
    assert other.exit_code == 3
    assert "holds the report of" in other.stderr and "--force" in other.stderr
    assert json.loads((out / "report.json").read_text())["verdict"] == "WARNING"  # untouched
    forced = runner.invoke(cli, ["analyze", str(OLD), "-o", str(out), "--format", "md",
                                 "--force"])
    assert forced.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "report.md"]


@pytest.mark.slow
def test_foreign_files_are_refused_and_never_removed(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("customer notes")
    runner = CliRunner()
    refused = runner.invoke(cli, ["analyze", str(READY), "-o", str(out), "--format", "json"])
    assert refused.exit_code == 3 and "notes.txt" in refused.stderr
    forced = runner.invoke(cli, ["analyze", str(READY), "-o", str(out), "--format", "json",
                                 "--force"])
    assert forced.exit_code == 0
    assert (out / "notes.txt").read_text() == "customer notes"


@pytest.mark.slow
def test_default_folder_is_per_cluster(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "analyzer", "analyze", str(READY),
                           "--format", "json"], cwd=tmp_path, capture_output=True, text=True,
                          check=False, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    report = json.loads((folder / "report.json").read_text())
    assert folder.name == default_dir(report).name
    assert folder.name.startswith("mgscan-report")
    assert f"Wrote:\n  {folder.name}/report.json" in proc.stdout


def test_default_dir_names() -> None:
    assert default_dir({"cluster": {"infrastructure_name": "prod-x7k2p"}}) == Path(
        "mgscan-report-prod-x7k2p")
    assert default_dir({"cluster": {"infrastructure_name": "../../etc/x"}}) == Path(
        "mgscan-report-etc-x")
    assert default_dir({"cluster": {}}) == Path("mgscan-report")
