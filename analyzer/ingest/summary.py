"""What an ingest reports, kept apart from the pipeline so reading a database stays light."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analyzer.bundle import InputInfo, Root

# (input path, files seen, objects seen, input bytes read, input size or 0 when unknown)
Progress = Callable[[str, int, int, int, int], None]


@dataclass
class IngestSummary:
    """What one ingest did (feeds report.json ``ingest``, ``inputs`` and ``roots``)."""

    inputs: list[InputInfo] = field(default_factory=list)
    roots: list[Root] = field(default_factory=list)
    files: int = 0
    objects: int = 0
    duplicates: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
