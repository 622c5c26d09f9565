"""``mgscan ingest``: read bundles once into a DuckDB file for later commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analyzer.commands.progress import progress_bar
from analyzer.options import bundles_argument, db_option, handle_errors, limit_options, limits_from


@click.command()
@bundles_argument(required=True)
@db_option(required=True)
@limit_options
@handle_errors
def ingest(bundles: tuple[Path, ...], db: Path, **kw: Any) -> None:
    """Ingest bundles into a DuckDB file for later `analyze --db` / `query --db`.

    \b
    Example:
      mgscan ingest must-gather.tar.gz --db cluster.duckdb
    """
    from analyzer.ingest.database import ingest_to_file

    limits = limits_from(kw)
    progress, status = progress_bar(Console(stderr=True))
    try:
        summary = ingest_to_file(list(bundles), db, limits, progress)
    finally:
        if status is not None:
            status.stop()
    click.echo(f"{db}: {summary.files:,} files, {summary.objects:,} objects, "
               f"{summary.duplicates:,} duplicates, {len(summary.errors)} errors "
               f"in {summary.seconds:.2f}s")
