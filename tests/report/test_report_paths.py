"""Template lookup: source checkout and installed wheel layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.report import paths


def test_source_checkout_templates_found() -> None:
    directory = paths.templates_dir()
    assert (directory / "report.html.j2").is_file()
    assert (directory / "style.css").is_file() and (directory / "filter.js").is_file()


def test_wheel_layout_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "analyzer"
    wheel_dir = package / "_data" / "report_templates"
    wheel_dir.mkdir(parents=True)
    (wheel_dir / "report.html.j2").write_text("x")
    monkeypatch.setattr(paths, "_PACKAGE_ROOT", package)
    assert paths.templates_dir() == wheel_dir


def test_missing_templates_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "_PACKAGE_ROOT", tmp_path / "nowhere" / "analyzer")
    with pytest.raises(FileNotFoundError, match="report templates not found"):
        paths.templates_dir()
