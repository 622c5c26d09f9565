"""SIGTERM (as SIGINT) during ingest or analyze: no .tmp or .wal left behind, exit 143 (130)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample_bundles" / "modelmesh-serverless.tar.gz"


def _interrupt(tmp_path: Path, args: list[str], signum: int) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "analyzer", *args], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".c.duckdb.*.tmp")):  # the ingest is under way
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=120)
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("command", ["ingest", "analyze"])
@pytest.mark.parametrize("signum,code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["SIGTERM", "SIGINT"])
def test_signal_leaves_nothing_behind(tmp_path: Path, command: str, signum: int,
                                      code: int) -> None:
    args = [command, str(SAMPLE), "--db", "c.duckdb"]
    if command == "analyze":
        args += ["-o", "out"]
    rc, err = _interrupt(tmp_path, args, signum)
    assert rc == code, err
    assert "Traceback" not in err
    assert err.strip().splitlines() == [
        "mgscan: " + ("terminated" if signum == signal.SIGTERM else "interrupted")
        + "; no partial output was left behind"]
    assert sorted(p.name for p in tmp_path.iterdir()) == []
