"""``mgscan analyze``: ingest (or reuse --db), run the rules, write reports, exit by verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analyzer.commands.guard import remember_output_dir
from analyzer.commands.progress import progress_bar
from analyzer.options import (
    SEVERITIES,
    bundles_argument,
    db_option,
    handle_errors,
    limit_options,
    limits_from,
    parse_formats,
    utf8_paths,
)


@click.command()
@bundles_argument()
@db_option()
@click.option("--target-version", default="3.3.2", show_default=True,
              help="RHOAI version to migrate to.")
@click.option("--source-version", default=None,
              help="Override the detected RHOAI version.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=None,
              callback=utf8_paths,
              help="Report folder [default: ./mgscan-report-<infrastructure name>]; "
              "'-' writes one text format to stdout and the summary to stderr.")
@click.option("--format", "formats", default=None,
              help="Comma list of html,json,yaml,md,sarif,junit [default: html,json; "
              "json with -o -].")
@click.option("--view", type=click.Choice(["summary", "table"]), default="summary",
              show_default=True,
              help="Terminal output: the summary, or the rhai-cli style table "
              "(STATUS KIND GROUP CHECK IMPACT MESSAGE).")
@click.option("--force", is_flag=True,
              help="Write into a folder holding another cluster's report (replacing it).")
@click.option("--checks", multiple=True,
              help="Rule ID, alias, glob (e.g. '*notebook*') or group; repeatable.")
@click.option("--severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Minimum severity shown in the terminal summary.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="critical",
              show_default=True, help="Lowest finding severity that makes the exit code non-zero.")
@click.option("--cluster", default=None, metavar="ID",
              help="When the inputs hold several clusters: analyze this one (clusterID, "
                   "infrastructure name or API URL; a unique prefix is enough).")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a critical or prohibited check could not run (incomplete).")
@limit_options
@handle_errors
def analyze(bundles: tuple[Path, ...], db: Path | None, **kw: Any) -> None:
    """Analyze bundles (or an ingested --db) and write the migration report.

    Exit codes: 0 pass, 1 prohibited/critical findings, 2 warnings with --fail-on warning,
    3 bad input or usage, 4 analysis incomplete, 5 mgscan failed unexpectedly. With --strict,
    an analysis in which a blocker-level check could not run exits 1.

    \b
    Example:
      mgscan analyze must-gather.tar.gz rhoai-extra.tar.gz -o report --format html,json,md
      mgscan analyze must-gather.tar.gz --format json -o - | jq .verdict
    """
    from analyzer.analysis import analyze as run
    from analyzer.app import AnalyzeOptions
    from analyzer.commands.output import STDOUT

    limits = limits_from(kw)
    out_dir = kw["out_dir"]
    default_formats = "json" if out_dir == STDOUT else "html,json"
    opts = AnalyzeOptions(inputs=list(bundles), db=db, target_version=kw["target_version"],
                          source_version=kw["source_version"], checks=kw["checks"],
                          severity=kw["severity"], fail_on=kw["fail_on"], strict=kw["strict"],
                          formats=parse_formats(kw["formats"] or default_formats),
                          out_dir=out_dir, force=kw["force"], view=kw["view"], limits=limits,
                          cluster=kw["cluster"])
    remember_output_dir(out_dir if out_dir != STDOUT else None)
    console = Console(stderr=out_dir == STDOUT)
    progress, status = progress_bar(Console(stderr=True))
    try:
        code = run(opts, console, progress, status.stop if status is not None else None)
    finally:
        if status is not None:
            status.stop()
    sys.exit(int(code))
