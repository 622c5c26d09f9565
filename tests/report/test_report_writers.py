"""Atomic writes and write_reports: contract file names, nothing partial, nothing clobbered."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from analyzer.report import atomic as atomic_mod
from analyzer.report import write_reports
from analyzer.report.atomic import write_atomic
from analyzer.report.writers import parse_formats


def test_write_atomic_writes_text_and_bytes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "héllo\n")
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_bytes() == "héllo\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


@pytest.mark.parametrize("exc", [OSError("disk full"), KeyboardInterrupt()])
def test_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report\n")

    def broken_fsync(fd: int) -> None:
        raise exc

    monkeypatch.setattr(atomic_mod.os, "fsync", broken_fsync)
    with pytest.raises(type(exc)):
        write_atomic(target, "new report that must not appear\n")
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_failed_first_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_replace(src: str, dst: str) -> None:
        raise OSError("rename failed")

    monkeypatch.setattr(atomic_mod.os, "replace", broken_replace)
    with pytest.raises(OSError, match="rename failed"):
        write_atomic(tmp_path / "report.html", "<html>")
    assert list(tmp_path.iterdir()) == []


def test_temp_file_lives_in_target_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(os.path.dirname(os.path.abspath(src)))
        real_replace(src, dst)

    monkeypatch.setattr(atomic_mod.os, "replace", spy)
    write_atomic(tmp_path / "x.md", "x")
    assert seen == [str(tmp_path)]


def test_write_reports_all_formats(tmp_path: Path, fail_report: dict[str, Any]) -> None:
    out = tmp_path / "nested" / "out"
    paths = write_reports(
        fail_report, out, ["html", "json", "md", "sarif", "junit"], fail_on="warning"
    )
    assert [p.name for p in paths] == [
        "report.html",
        "report.json",
        "report.md",
        "report.sarif",
        "report.junit.xml",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    assert json.loads((out / "report.json").read_text()) == fail_report
    assert (out / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert 'failures="4"' in (out / "report.junit.xml").read_text()  # --fail-on warning counted


def test_write_reports_default_order_and_dedup(tmp_path: Path, pass_report: dict[str, Any]) -> None:
    paths = write_reports(pass_report, tmp_path, ["json", "html", "json"])
    assert [p.name for p in paths] == ["report.json", "report.html"]


def test_bad_format_or_severity_writes_nothing(tmp_path: Path, fail_report: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        write_reports(fail_report, tmp_path / "a", ["html", "pdf"])
    with pytest.raises(ValueError, match="unknown severity"):
        write_reports(fail_report, tmp_path / "b", ["junit"], fail_on="blocker")
    assert list(tmp_path.iterdir()) == []


def test_parse_formats() -> None:
    assert parse_formats("html, json") == ["html", "json"]
    assert parse_formats(["MD", "sarif", ""]) == ["md", "sarif"]
