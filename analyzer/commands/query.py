"""``mgscan query``: read-only SQL over the ingested tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analyzer.options import db_option, handle_errors, limit_options, limits_from


@click.command()
@click.argument("args", nargs=-1, required=True)
@db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@limit_options
@handle_errors
def query(args: tuple[str, ...], db: Path | None, fmt: str, **kw: Any) -> None:
    """Run read-only SQL over the ingested tables (last argument is the SQL).

    \b
    Example:
      mgscan query --db cluster.duckdb "select kind, count(*) from resources group by 1"
    """
    from analyzer.query import run_query

    *bundles, sql = args
    click.echo(run_query([Path(b) for b in bundles], db, sql, fmt, limits_from(kw)), nl=False)
