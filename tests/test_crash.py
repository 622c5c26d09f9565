"""A crash is never a verdict: any unexpected exception is one line, a saved traceback, exit 5."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.report import writers

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_bundles" / "ready-to-migrate.tar.gz"


def _boom(*_args: object, **_kwargs: object) -> object:
    raise RuntimeError("injected failure\nsecond line")


STAGES = [
    ("ingest", "analyzer.ingest", "ingest_paths"),
    ("rules", "analyzer.rules.runner", "run_rules"),
    ("coverage", "analyzer.rules.coverage", "compute_coverage"),
    ("evidence", "analyzer.rules.evidence", "resolve_evidence"),
    ("assessment", "analyzer.assess", "build_assessment"),
    ("terminal", "analyzer.report", "print_summary"),
]


def _run_crashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *formats: str) -> tuple:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(SAMPLE), "-o", str(out),
                                      "--format", ",".join(formats or ("json",))])
    return result, state, out


def _assert_one_line_crash(result: object, state: Path, out: Path) -> None:
    assert result.exit_code == 5, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("mgscan: internal error: RuntimeError: injected failure second line")
    assert "Traceback" not in result.stderr
    saved = Path(line.split("traceback saved to ")[1].split(";")[0])
    assert saved.parent in (state / "mgscan", out), saved
    text = saved.read_text()
    assert "Traceback (most recent call last)" in text and "injected failure" in text


@pytest.mark.slow
@pytest.mark.parametrize("stage,module,attr", STAGES, ids=[s[0] for s in STAGES])
def test_a_crash_in_any_stage_is_exit_5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        stage: str, module: str, attr: str) -> None:
    monkeypatch.setattr(importlib.import_module(module), attr, _boom)
    result, state, out = _run_crashing(tmp_path, monkeypatch)
    _assert_one_line_crash(result, state, out)
    if stage != "terminal":  # the reports are written before the summary is printed
        assert not out.exists() or not any(out.glob("report.*"))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(writers._RENDERERS))
def test_a_crash_in_any_writer_is_exit_5_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setitem(writers._RENDERERS, fmt, _boom)
    result, state, out = _run_crashing(tmp_path, monkeypatch, "json", fmt)
    _assert_one_line_crash(result, state, out)
    assert not out.exists() or sorted(p.name for p in out.iterdir()
                                      if not p.name.startswith("mgscan-crash-")) == []


def test_crash_report_goes_to_the_output_folder_when_it_exists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("analyzer.rules.catalog.load_catalog", _boom)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["analyze", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 5
    assert [p.name for p in out.iterdir()][0].startswith("mgscan-crash-")
    assert str(out) in result.stderr


def test_state_dir_falls_back_to_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.commands.guard import state_dir

    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert state_dir() == tmp_path / ".local" / "state" / "mgscan"


def test_broken_pipe_ends_quietly() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "analyzer", "rules", "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before mgscan writes a byte
    err = proc.stderr.read().decode()
    code = proc.wait(60)
    assert code == 141, err
    assert err == ""
