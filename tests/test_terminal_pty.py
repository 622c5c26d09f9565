"""The terminal at 80 columns, under a real pseudo-terminal: nothing wraps, nothing is cut
mid-word or erased, each object is named once, and `--view table` is the vendor's table."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample_bundles" / "modelmesh-serverless.tar.gz"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _run_in_pty(args: list[str], cwd: Path, cols: int = 80) -> tuple[int, str]:
    """Run mgscan with stdin/stdout/stderr on a pseudo-terminal ``cols`` columns wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([sys.executable, "-m", "analyzer", *args], cwd=cwd, env=env,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(60), b"".join(chunks).decode("utf-8", "replace")


def _screen_lines(raw: str) -> list[str]:
    """What stays visible of each line: text after the last carriage return, no escapes."""
    return [ANSI.sub("", line.replace("\r\n", "\n")).split("\r")[-1]
            for line in raw.replace("\r\n", "\n").split("\n")]


@pytest.mark.slow
def test_summary_at_80_columns(tmp_path: Path) -> None:
    code, raw = _run_in_pty(["analyze", str(SAMPLE), "-o", "out", "--format", "json,html"],
                            tmp_path)
    assert code == 1, raw
    lines = _screen_lines(raw)
    # A line is at most 80 columns, unless it is one word longer than that (a resource name in a
    # collect command), which is never split so that the command still runs when copied.
    assert all(len(line) <= 80 or len(line.split()) == 1 for line in lines), max(lines, key=len)
    long_crd = "datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io"
    assert any("oc get crd" in line for line in lines), "the sample's collect command is gone"
    assert any(line.strip() == long_crd for line in lines), "a long resource name was split"
    # any other over-long word (the bundle's root path in the plan) is shortened with "…"
    assert any("must-gather.local." in line and "…" in line for line in lines), lines
    first = next((i for i, line in enumerate(lines) if "exposure" in line), None)
    assert first is not None, lines
    assert not any("kB" in line for line in lines[first:]), "progress bar drawn over the summary"
    text = "\n".join(lines[first:])
    tokens = text.split()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    shown = 0
    for result in report["results"]:
        for finding in result["findings"][:5]:
            if finding["message"] not in " ".join(tokens).replace("- ", ""):
                continue
            shown += 1
            words = finding["message"].split()
            joined = " ".join(tokens)
            assert " ".join(words) in joined  # every word whole: nothing cut mid-word
            name = finding["name"]
            if name in finding["message"]:  # the object is named once, by its message
                assert f"{name}: {finding['message']}" not in joined
    assert shown >= 3
    assert "Wrote:" in text and "out/report.json" in text


@pytest.mark.slow
def test_view_table_at_80_columns(tmp_path: Path) -> None:
    code, raw = _run_in_pty(["analyze", str(SAMPLE), "-o", "out", "--format", "json",
                             "--view", "table"], tmp_path)
    assert code == 1, raw
    lines = _screen_lines(raw)
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    header = next(line for line in lines if line.startswith("STATUS"))
    assert header.split() == ["STATUS", "KIND", "GROUP", "CHECK", "IMPACT"]
    text = "\n".join(lines)
    assert re.search(r"^✗ +kserve +component +serverless-removal +critical$", text, re.M)
    assert "Summary:\n  Total: " in text and "Result:\n  FAIL - blocking findings detected" in text


@pytest.mark.slow
def test_view_table_wide_keeps_message_column(tmp_path: Path) -> None:
    code, raw = _run_in_pty(["analyze", str(SAMPLE), "-o", "out", "--format", "json",
                             "--view", "table"], tmp_path, cols=200)
    lines = _screen_lines(raw)
    header = next(line for line in lines if line.startswith("STATUS"))
    assert header.split() == ["STATUS", "KIND", "GROUP", "CHECK", "IMPACT", "MESSAGE"]
    assert all(len(line) <= 200 for line in lines)
