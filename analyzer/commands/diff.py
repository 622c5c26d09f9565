"""``mgscan diff``: compare two bundles or two report.json files of one cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from analyzer.options import handle_errors, limit_options, limits_from


@click.command()
@click.argument("before", type=click.Path(exists=True, path_type=Path))
@click.argument("after", type=click.Path(exists=True, path_type=Path))
@click.option("--target-version", default="3.3.2", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@limit_options
@handle_errors
def diff(before: Path, after: Path, target_version: str, fmt: str, **kw: Any) -> None:
    """Compare two bundles (or two report.json): findings new / resolved / changed.

    \b
    Example:
      mgscan diff before-mg.tar.gz after-mg.tar.gz
    """
    from analyzer.app import AnalyzeOptions
    from analyzer.compare import diff_reports, diff_text, load_or_analyze

    base = AnalyzeOptions(target_version=target_version, limits=limits_from(kw))
    d = diff_reports(load_or_analyze(before, base), load_or_analyze(after, base))
    click.echo(json.dumps(d, indent=2, ensure_ascii=False) if fmt == "json" else diff_text(d),
               nl=fmt == "json")
