"""The progress bar shown on stderr while bundles are read (a terminal only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from analyzer.safetext import visible


def progress_bar(console: Console) -> Any:
    """A rich progress bar on stderr while reading bundles (TTY only; silent in CI logs).

    Returns ``(update, bar)``: the callback the ingest calls, and the bar to stop afterwards
    (both ``None`` when ``console`` is not a terminal).
    """
    if not console.is_terminal:
        return None, None
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Column

    # Fixed, small columns that never wrap: at 80 columns the bar stays one line per bundle.
    name = Column(no_wrap=True, overflow="ellipsis", max_width=22)
    detail = Column(no_wrap=True, overflow="ellipsis", max_width=28)
    bar = Progress(TextColumn("[bold]{task.description}", table_column=name),
                   BarColumn(bar_width=12), DownloadColumn(),
                   TextColumn("{task.fields[detail]}", table_column=detail),
                   TimeElapsedColumn(), console=console, transient=True, expand=False)
    tasks: dict[str, Any] = {}
    bar.start()

    def update(path: str, files: int, objects: int, done: int, total: int) -> None:
        if path not in tasks:
            tasks[path] = bar.add_task(escape(visible(Path(path).name)), total=total or None,
                                       detail="")
        bar.update(tasks[path], completed=done if total else None,
                   detail=f"{files:,} files, {objects:,} objects")

    return update, bar
