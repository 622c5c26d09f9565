"""``mgscan diff``: compare two analyses (bundles, --db files or report.json) of one cluster."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analyzer.errors import ExitCode
from analyzer.options import handle_errors, limit_options, limits_from


@click.command()
@click.argument("before", type=click.Path(exists=True, path_type=Path))
@click.argument("after", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Write DIR/diff.json and DIR/diff.html.")
@click.option("--target-version", default="3.3.2", show_default=True)
@click.option("--cluster", default=None, metavar="ID",
              help="When a side holds several clusters: compare this one.")
@click.option("--force", is_flag=True, help="Compare even two different clusters.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="What to print on stdout.")
@limit_options
@handle_errors
def diff(before: Path, after: Path, out_dir: Path | None, fmt: str, **kw: Any) -> None:
    """Compare two analyses of one cluster: findings new / resolved / changed, and objects.

    BEFORE and AFTER are each a bundle, an ingested --db file or a report.json. Findings match
    by rule, kind, namespace, name and evidence pointer (never folder names). Inventory parity
    lists the workbenches, models, pipelines, PVCs, RoleBindings, ResourceQuotas, Secrets (by
    name) and data connections present before and missing after. Exit 1 when something
    regressed (a new critical or prohibited finding, or an object missing after), else 0.

    \b
    Example:
      mgscan diff before-mg.tar.gz after-mg.tar.gz -o diff-out
    """
    from analyzer.app import AnalyzeOptions
    from analyzer.diff.compare import diff_sides
    from analyzer.diff.load import load_side
    from analyzer.diff.render import diff_json, print_diff, write_diff

    base = AnalyzeOptions(target_version=kw["target_version"], limits=limits_from(kw),
                          cluster=kw["cluster"])
    d = diff_sides(load_side(before, base), load_side(after, base), force=kw["force"])
    if fmt == "json":
        click.echo(diff_json(d), nl=False)
    else:
        print_diff(d, Console())
    if out_dir is not None:
        for path in write_diff(d, out_dir, base.clock().strftime("%Y-%m-%dT%H:%M:%SZ")):
            click.echo(f"wrote {path}", err=fmt == "json")
    sys.exit(int(ExitCode.FAIL if d["regressed"] else ExitCode.PASS))
