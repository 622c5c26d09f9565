"""``mgscan mcp``: a read-only Model Context Protocol server over stdio."""

from __future__ import annotations

from pathlib import Path

import click

from analyzer.commands.explore import source_options
from analyzer.errors import UsageError
from analyzer.options import handle_errors


@click.command()
@source_options
@handle_errors
def mcp(db: Path | None, bundles: tuple[Path, ...]) -> None:
    """Serve the bundle to an AI assistant over stdio (MCP), read-only.

    Tools: query (one SELECT, capped rows), get, logs, events, findings, rules. Needs the
    optional extra: pip install 'mgscan[mcp]'.

    \b
    Example:
      mgscan mcp -b must-gather.tar.gz
    """
    try:
        import mcp as _sdk  # noqa: F401 - only checks that the optional extra is installed
    except ImportError as exc:
        raise UsageError("the MCP server needs the optional extra: pip install "
                         "'mgscan[mcp]'") from exc
    from analyzer.explore.mcp_server import serve
    from analyzer.explore.session import cache_dir, resolve
    from analyzer.limits import Limits

    sel = resolve(db, bundles, Limits())
    serve(sel.db, cache_dir() if sel.key else None)
