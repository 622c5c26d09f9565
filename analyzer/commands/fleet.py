"""``mgscan fleet``: analyze many bundles into one summary and a Parquet dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analyzer.options import handle_errors, limit_options, limits_from


@click.command()
@click.argument("bundles", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--target-version", default="3.3.2", show_default=True)
@limit_options
@handle_errors
def fleet(bundles: tuple[Path, ...], out_dir: Path, target_version: str, **kw: Any) -> None:
    """Analyze many bundles: fleet.json, fleet.md and a Parquet dataset (clusters, findings).

    A directory of archives expands to every bundle in it; each bundle also gets its own
    report under OUT/<bundle>/.

    \b
    Example:
      mgscan fleet customer-bundles/ -o fleet-report
    """
    from analyzer.analysis import build_report
    from analyzer.app import AnalyzeOptions
    from analyzer.compare import expand_fleet, write_fleet
    from analyzer.errors import MgscanError
    from analyzer.report import write_reports

    limits = limits_from(kw)
    reports, errors = [], []
    for path in expand_fleet(bundles):
        opts = AnalyzeOptions(inputs=[path], target_version=target_version, limits=limits)
        try:
            report = build_report(opts)
        except MgscanError as exc:
            errors.append({"bundle": path.name, "error": str(exc)})
            click.echo(f"{path.name}: error: {exc}", err=True)
            continue
        write_reports(report, out_dir / path.name.replace("/", "_"), ["html", "json"], "critical")
        reports.append((path.name, report))
        click.echo(f"{path.name}: {report['verdict']}")
    for written in write_fleet(reports, errors, out_dir):
        click.echo(f"wrote {written}")
