"""``mgscan use / get / describe / logs / events / status / components / deps``.

Explore a bundle offline, as ``oc``/``omc`` and the vendor's live commands do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import duckdb

from analyzer.options import handle_errors

F = TypeVar("F", bound=Callable[..., Any])


def source_options(func: F) -> F:
    """-b/--bundle PATH (repeatable) and --db FILE; without them, the bundle chosen by `use`."""
    func = click.option("--db", "db", type=click.Path(path_type=Path),
                        help="An ingested database (mgscan ingest).")(func)
    return click.option("-b", "--bundle", "bundles", multiple=True,
                        type=click.Path(exists=True, path_type=Path),
                        help="Bundle to read (repeatable; merged as in analyze).")(func)


@contextmanager
def _connection(db: Path | None, bundles: tuple[Path, ...]
                ) -> Iterator[tuple[duckdb.DuckDBPyConnection, Path | None]]:
    from analyzer.explore.session import cache_dir, connect, resolve
    from analyzer.limits import Limits

    sel = resolve(db, bundles, Limits())
    con = connect(sel.db)
    try:
        yield con, (cache_dir() if sel.key else None)
    finally:
        con.close()


def _ns(namespace: str | None, all_namespaces: bool) -> tuple[str | None, bool]:
    return (None, True) if all_namespaces else (namespace, False)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@handle_errors
def use(paths: tuple[Path, ...]) -> None:
    """Choose the bundle the explore commands read (ingested once, cached by sha256).

    Without PATH, show the current choice.

    \b
    Example:
      mgscan use must-gather.tar.gz && mgscan get pods -n redhat-ods-applications
    """
    from analyzer.explore.session import current, ingest_cached, remember
    from analyzer.limits import Limits
    from analyzer.safetext import visible

    if not paths:
        sel = current()
        if sel is None:
            click.echo("no bundle chosen; run `mgscan use PATH`")
            return
        click.echo("\n".join(visible(p) for p in sel.inputs) + f"\n(database {sel.db})")
        return
    sel = ingest_cached(paths, Limits())
    remember(sel)
    click.echo(f"using {', '.join(visible(p) for p in sel.inputs)}\n(database {sel.db})")


@click.command()
@click.argument("kind")
@click.argument("name", required=False)
@click.option("-n", "--namespace", help="Namespace (default: all for listing).")
@click.option("-A", "--all-namespaces", is_flag=True, help="List across all namespaces.")
@click.option("-l", "--selector", help="Label selector, e.g. app=x,tier!=db.")
@click.option("-o", "--output", help="wide, yaml, json, name or jsonpath=EXPR.")
@source_options
@handle_errors
def get(kind: str, name: str | None, namespace: str | None, all_namespaces: bool,
        selector: str | None, output: str | None, db: Path | None,
        bundles: tuple[Path, ...]) -> None:
    """Show objects as `oc get` does (as collected; Secret values stay redacted).

    \b
    Example:
      mgscan get isvc -A
      mgscan get dsc -o yaml
      mgscan get pods -n redhat-ods-applications -l app=rhods-dashboard -o wide
    """
    from analyzer.explore.get import GetRequest
    from analyzer.explore.get import get as run

    ns, every = _ns(namespace, all_namespaces or (namespace is None and name is None))
    with _connection(db, bundles) as (con, _):
        click.echo(run(con, GetRequest(kind, name, ns, every, selector, output)), nl=False)


@click.command()
@click.argument("kind")
@click.argument("name")
@click.option("-n", "--namespace", help="Namespace of the object.")
@source_options
@handle_errors
def describe(kind: str, name: str, namespace: str | None, db: Path | None,
             bundles: tuple[Path, ...]) -> None:
    """Describe one object: conditions, owners, owned objects and its events.

    \b
    Example:
      mgscan describe deploy rhods-dashboard -n redhat-ods-applications
    """
    from analyzer.explore.describe import describe as run

    with _connection(db, bundles) as (con, _):
        click.echo(run(con, kind, name, namespace), nl=False)


@click.command()
@click.argument("pod")
@click.option("-c", "--container", help="Container (required when the pod has several).")
@click.option("-n", "--namespace", help="Namespace of the pod.")
@click.option("-p", "--previous", is_flag=True, help="The previous container's log.")
@click.option("--tail", type=int, help="Only the last N lines.")
@click.option("--grep", help="Only lines matching this regular expression.")
@source_options
@handle_errors
def logs(pod: str, container: str | None, namespace: str | None, previous: bool,
         tail: int | None, grep: str | None, db: Path | None, bundles: tuple[Path, ...]) -> None:
    """Print a pod's collected log, read from the bundle in place.

    Piped or redirected, the bytes are exactly the collected file; on a terminal, control
    characters are shown as visible escapes.

    \b
    Example:
      mgscan logs rhods-operator-6b9c5 -n redhat-ods-operator --tail 50 --grep ERROR
    """
    from analyzer.explore.logs import find_log, log_chunks, select_lines
    from analyzer.safetext import visible

    with _connection(db, bundles) as (con, cache):
        ref = find_log(con, pod, namespace, container, previous)
    out = sys.stdout.buffer
    tty = sys.stdout.isatty()
    for chunk in select_lines(log_chunks(ref, cache), tail, grep):
        if tty:
            out.write(visible(chunk.decode("utf-8", "replace"), keep_breaks=True).encode())
        else:
            out.write(chunk)
    out.flush()


@click.command()
@click.option("-n", "--namespace", help="Namespace (default: all).")
@click.option("-A", "--all-namespaces", is_flag=True, help="All namespaces (the default).")
@click.option("--for", "for_object", help="Only events about KIND/NAME.")
@click.option("--type", "type_", type=click.Choice(["Normal", "Warning"], case_sensitive=False),
              help="Only events of this type.")
@source_options
@handle_errors
def events(namespace: str | None, all_namespaces: bool, for_object: str | None,
           type_: str | None, db: Path | None, bundles: tuple[Path, ...]) -> None:
    """List the collected events, oldest first.

    \b
    Example:
      mgscan events -n redhat-ods-applications --type Warning
    """
    from analyzer.explore.events import list_events, render_events

    ns = None if all_namespaces else namespace
    with _connection(db, bundles) as (con, _):
        click.echo(render_events(con, list_events(con, ns, for_object, type_), ns is None),
                   nl=False)


@click.command()
@source_options
@handle_errors
def status(db: Path | None, bundles: tuple[Path, ...]) -> None:
    """RHOAI health at collection time: operator, DSCI/DSC, components, workloads, GPUs.

    \b
    Example:
      mgscan status -b must-gather.tar.gz
    """
    from analyzer.explore.status import status as run

    with _connection(db, bundles) as (con, _):
        click.echo(run(con), nl=False)


@click.command()
@source_options
@handle_errors
def components(db: Path | None, bundles: tuple[Path, ...]) -> None:
    """Each DataScienceCluster component: managementState and readiness.

    \b
    Example:
      mgscan components
    """
    from analyzer.explore.render import table
    from analyzer.explore.status import components as rows

    with _connection(db, bundles) as (con, _):
        found = rows(con)
    click.echo(table(found, ["COMPONENT", "MANAGEMENT STATE", "READY"]) if found
               else "no DataScienceCluster in the bundle\n", nl=False)


@click.command()
@source_options
@handle_errors
def deps(db: Path | None, bundles: tuple[Path, ...]) -> None:
    """The operators RHOAI depends on: Subscription, installed CSV, channel, phase.

    \b
    Example:
      mgscan deps --db cluster.duckdb
    """
    from analyzer.explore.render import table
    from analyzer.explore.status import dependencies

    with _connection(db, bundles) as (con, _):
        found = dependencies(con)
    click.echo(table(found, ["DEPENDENCY", "SUBSCRIPTION", "NAMESPACE", "INSTALLED CSV",
                             "CHANNEL", "PHASE"]), nl=False)


COMMANDS = (use, get, describe, logs, events, status, components, deps)
