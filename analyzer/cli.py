"""The ``mgscan`` command line (thin: every command calls one function elsewhere)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analyzer import __version__
from analyzer.errors import ExitCode, UsageError
from analyzer.options import (
    SEVERITIES,
    bundles_argument,
    db_option,
    handle_errors,
    limit_options,
    limits_from,
    parse_formats,
)


def _progress(console: Console) -> Any:
    """A rich progress bar on stderr while reading bundles (TTY only; silent in CI logs)."""
    if not console.is_terminal:
        return None, None
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(),
                   TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), console=console,
                   transient=True)
    tasks: dict[str, Any] = {}
    bar.start()

    def update(path: str, files: int, objects: int, done: int, total: int) -> None:
        if path not in tasks:
            tasks[path] = bar.add_task(Path(path).name, total=total or None, detail="")
        bar.update(tasks[path], completed=done if total else None,
                   detail=f"{files:,} files, {objects:,} objects")

    return update, bar


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mgscan")
def cli() -> None:
    """Offline RHOAI 2.x -> 3.x migration readiness from a must-gather bundle.

    \b
    Example:
      mgscan analyze must-gather.tar.gz -o report
    """


@cli.command()
@bundles_argument()
@db_option()
@click.option("--target-version", default="3.3.2", show_default=True,
              help="RHOAI version to migrate to.")
@click.option("--source-version", default=None,
              help="Override the detected RHOAI version.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("mgscan-report"), show_default=True, help="Report directory.")
@click.option("--format", "formats", default="html,json", show_default=True,
              help="Comma list of html,json,md,sarif,junit.")
@click.option("--checks", multiple=True,
              help="Rule ID, alias, glob (e.g. '*notebook*') or group; repeatable.")
@click.option("--severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Minimum severity shown in the terminal summary.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="critical",
              show_default=True, help="Lowest finding severity that makes the exit code non-zero.")
@limit_options
@handle_errors
def analyze(bundles: tuple[Path, ...], db: Path | None, **kw: Any) -> None:
    """Analyze bundles (or an ingested --db) and write the migration report.

    Exit codes: 0 pass, 1 prohibited/critical findings, 2 warnings with --fail-on warning,
    3 bad input or usage, 4 analysis incomplete.

    \b
    Example:
      mgscan analyze must-gather.tar.gz rhoai-extra.tar.gz -o report --format html,json,md
    """
    from analyzer.analysis import analyze as run
    from analyzer.app import AnalyzeOptions

    limits = limits_from(kw)
    opts = AnalyzeOptions(inputs=list(bundles), db=db, target_version=kw["target_version"],
                          source_version=kw["source_version"], checks=kw["checks"],
                          severity=kw["severity"], fail_on=kw["fail_on"],
                          formats=parse_formats(kw["formats"]), out_dir=kw["out_dir"],
                          limits=limits)
    console = Console(stderr=False)
    progress, status = _progress(Console(stderr=True))
    try:
        code = run(opts, console, progress)
    finally:
        if status is not None:
            status.stop()
    sys.exit(int(code))


@cli.command()
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
    progress, status = _progress(Console(stderr=True))
    try:
        summary = ingest_to_file(list(bundles), db, limits, progress)
    finally:
        if status is not None:
            status.stop()
    click.echo(f"{db}: {summary.files:,} files, {summary.objects:,} objects, "
               f"{summary.duplicates:,} duplicates, {len(summary.errors)} errors "
               f"in {summary.seconds:.2f}s")


@cli.command()
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


@cli.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """The rule catalogue, from rule metadata (defaults to `list`).

    \b
    Example:
      mgscan rules show DEP-0020
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


@rules.command("list")
@handle_errors
def rules_list() -> None:
    """List every rule: ID, group, severity, vendor aliases, title.

    \b
    Example:
      mgscan rules list
    """
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import rules_list_rows

    for row in rules_list_rows(load_catalog()):
        click.echo("  ".join(row))


@rules.command("show")
@click.argument("rule_id")
@handle_errors
def rules_show(rule_id: str) -> None:
    """Show one rule's metadata and SQL.

    \b
    Example:
      mgscan rules show components.kserve.serverless-removal
    """
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import rule_show_text

    click.echo(rule_show_text(load_catalog(), rule_id))


@cli.command("collect-commands")
@bundles_argument()
@limit_options
@handle_errors
def collect_commands(bundles: tuple[Path, ...], **kw: Any) -> None:
    """Print the oc commands that collect what the analysis needs (given a bundle: what it lacks).

    \b
    Example:
      mgscan collect-commands must-gather.tar.gz
    """
    from analyzer.query import collect_commands_for

    for line in collect_commands_for([Path(b) for b in bundles], limits_from(kw)):
        click.echo(line)


@cli.command()
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
    import json

    from analyzer.app import AnalyzeOptions
    from analyzer.compare import diff_reports, diff_text, load_or_analyze

    base = AnalyzeOptions(target_version=target_version, limits=limits_from(kw))
    d = diff_reports(load_or_analyze(before, base), load_or_analyze(after, base))
    click.echo(json.dumps(d, indent=2, ensure_ascii=False) if fmt == "json" else diff_text(d),
               nl=fmt == "json")


@cli.command()
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


def main() -> None:
    """Console entry point: click usage errors exit 3 (contract), not click's 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("mgscan: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(int(ExitCode.BAD_INPUT))
    except UsageError as exc:
        click.echo(f"mgscan: error: {exc}", err=True)
        sys.exit(int(ExitCode.BAD_INPUT))
    sys.exit(0)


if __name__ == "__main__":
    main()
