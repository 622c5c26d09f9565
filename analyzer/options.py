"""Shared click options and the error handler that maps domain errors to exit codes."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from analyzer.errors import BadInputError, ExitCode
from analyzer.limits import Limits
from analyzer.report.common import FORMATS

F = TypeVar("F", bound=Callable[..., Any])
SEVERITIES = ["info", "warning", "critical", "prohibited"]


def utf8_paths(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """Refuse a path whose name is not valid UTF-8 (one line, exit 3), before any work."""
    paths = value if isinstance(value, tuple) else (value,)
    for path in paths:
        if path is None or str(path) == "-":
            continue
        try:
            os.fsencode(path).decode("utf-8")
        except UnicodeDecodeError:
            shown = os.fsencode(path).decode("utf-8", "backslashreplace")
            raise BadInputError(f"{shown}: the file name is not valid UTF-8; rename it "
                                "(e.g. with `convmv` or `mv`) and run again") from None
    return value


def bundles_argument(required: bool = False) -> Callable[[F], F]:
    """BUNDLE... positional argument: directories, archives, split parts or dumps."""
    return click.argument("bundles", nargs=-1, required=required, callback=utf8_paths,
                          type=click.Path(exists=True, path_type=Path))


def db_option(required: bool = False) -> Callable[[F], F]:
    """--db FILE: a DuckDB file written by `mgscan ingest` (or to write)."""
    return click.option("--db", "db", type=click.Path(path_type=Path), required=required,
                        callback=utf8_paths,
                        help="DuckDB file: reuse an ingested bundle, or ingest into it.")


def limit_options(func: F) -> F:
    """--max-file-size / --max-total-size / --max-ratio safety limits."""
    d = Limits()
    func = click.option("--max-ratio", type=int, default=d.max_ratio, show_default=True,
                        help="Refuse inputs that expand more than this ratio (bombs).")(func)
    func = click.option("--max-total-size", type=int, default=d.max_total_size,
                        show_default=True, help="Stop reading an input past this many "
                        "uncompressed bytes.")(func)
    func = click.option("--max-file-size", type=int, default=d.max_file_size, show_default=True,
                        help="Skip YAML/JSON files larger than this (bytes).")(func)
    return func


def limits_from(kwargs: dict[str, Any]) -> Limits:
    """Build Limits from the limit options (and remove them from kwargs)."""
    return Limits(max_file_size=kwargs.pop("max_file_size"),
                  max_total_size=kwargs.pop("max_total_size"),
                  max_ratio=kwargs.pop("max_ratio"))


def parse_formats(value: str) -> list[str]:
    """Validate a comma list of report formats."""
    formats = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"unknown format(s) {bad}; choose from {', '.join(FORMATS)}")
    return formats


def handle_errors(func: F) -> F:
    """Run a command under the top-level handler (one line on stderr, the contract's exit code).

    The ``mgscan`` group already does this for every command; the decorator keeps a command
    guarded when it is invoked on its own (tests, other groups).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from analyzer.commands.guard import guarded

        with guarded():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def usage_exit() -> int:
    """Exit code for usage errors (contract: 3)."""
    return int(ExitCode.BAD_INPUT)
