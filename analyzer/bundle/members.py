"""Random access for the few files a report needs again (evidence line numbers, excerpts)."""

from __future__ import annotations

from pathlib import Path

from analyzer.bundle.opener import open_input
from analyzer.errors import LimitExceeded
from analyzer.limits import Limits


def read_members(input_path: Path | str, wanted: set[str],
                 limits: Limits | None = None) -> dict[str, bytes]:
    """Return the bodies of ``wanted`` members of one input, in one pass.

    Missing or oversized members are simply absent from the result.
    """
    limits = limits or Limits()
    found: dict[str, bytes] = {}
    if not wanted:
        return found
    with open_input(input_path, limits=limits) as src:
        for entry in src.entries():
            if entry.type == "file" and entry.path in wanted:
                try:
                    found[entry.path] = entry.read(limits.max_file_size)
                except (LimitExceeded, OSError):
                    continue
                if len(found) == len(wanted):
                    break
    return found
