"""``mgscan query``: read-only SQL over the ingested tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from analyzer.options import db_option, handle_errors, limit_options, limits_from


@click.command()
@click.argument("args", nargs=-1, required=True)
@db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "yaml"]),
              default="table", show_default=True,
              help="json/yaml return JSON columns as nested data; csv neutralises formulas.")
@click.option("--wide", is_flag=True,
              help="Never clip table cells (they are clipped at 80 characters only on a "
              "terminal).")
@limit_options
@handle_errors
def query(args: tuple[str, ...], db: Path | None, fmt: str, wide: bool, **kw: Any) -> None:
    """Run read-only SQL over the ingested tables (last argument is the SQL).

    \b
    Example:
      mgscan query --db cluster.duckdb "select kind, count(*) from resources group by 1"
      mgscan query --db cluster.duckdb --format json "select name, labels from notebooks"
    """
    from analyzer.query import run_query

    *bundles, sql = args
    wide = wide or not sys.stdout.isatty()  # piped output is never clipped
    click.echo(run_query([Path(b) for b in bundles], db, sql, fmt, limits_from(kw), wide),
               nl=False)
