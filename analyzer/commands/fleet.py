"""``mgscan fleet``: many bundles, one analysis per cluster, a Parquet dataset and fleet.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from analyzer.errors import UsageError
from analyzer.options import handle_errors, limit_options, limits_from


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Output folder (re-running into it skips unchanged bundles).")
@click.option("--target-version", default="3.3.2", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Bundles analyzed at once [default: the number of cores].")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="local: a process pool; ray: Ray tasks.")
@click.option("--ray-address", default=None, metavar="ADDR",
              help="Ray cluster to use with --engine ray (e.g. ray://head:10001); "
                   "default: start a local one.")
@limit_options
@handle_errors
def fleet(inputs: tuple[str, ...], out_dir: Path, **kw: Any) -> None:
    """Analyze many bundles, one cluster each: dataset, fleet.html and one report per cluster.

    INPUTS are bundles, folders searched recursively for bundles, or @list.txt files (one path
    per line). A bundle holding several clusters counts as several. A bundle that fails is a
    row with its status and error; the run goes on. Writes OUT/dataset/<table>/*.parquet
    (clusters, results, findings, coverage), OUT/fleet.duckdb, OUT/fleet.json,
    OUT/fleet.html and OUT/reports/<bundle>/report.html.

    \b
    Example:
      mgscan fleet case-bundles/ @more-bundles.txt -o fleet-out --jobs 2
    """
    from analyzer.app import now_utc
    from analyzer.fleet.engines import default_jobs
    from analyzer.fleet.run import FleetOptions, run_fleet

    opts = FleetOptions(inputs=inputs, out_dir=out_dir, target_version=kw["target_version"],
                        jobs=kw["jobs"] or default_jobs(), engine=kw["engine"],
                        ray_address=kw["ray_address"], limits=limits_from(kw),
                        analyzed_at=now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"))
    if kw["ray_address"] and kw["engine"] != "ray":
        raise UsageError("--ray-address needs --engine ray")
    console = Console(stderr=True)

    def status(bundle: str, text: str, done: int, total: int) -> None:
        console.print(f"[{done}/{total}] {escape(bundle)}: {escape(text)}", highlight=False,
                      soft_wrap=True)

    run = run_fleet(opts, status)
    for path in run.written:
        click.echo(f"wrote {path}")
    click.echo(f"{run.bundles} bundles ({run.analyzed} analyzed, {run.skipped} unchanged, "
               f"{run.failed} with errors) in {run.seconds:.1f}s: "
               f"{run.per_minute:.1f} bundles/minute")
