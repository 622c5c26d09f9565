"""Safety limits shared by the bundle reader and the ingest (configurable from the CLI)."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """Upper bounds that keep a hostile or gigantic bundle from exhausting the machine.

    Hitting one is recorded as an ingest error (and reported), never a crash.
    """

    max_file_size: int = 64 * MiB  # a structured (YAML/JSON) file larger than this is skipped
    max_total_size: int = 20 * GiB  # total uncompressed bytes read from one input
    max_ratio: int = 200  # uncompressed / compressed bytes of one input (bomb guard)
    ratio_floor: int = 64 * MiB  # the ratio is checked only once this much has been expanded
    max_members: int = 2_000_000  # entries in one archive
    max_depth: int = 128  # YAML/JSON nesting depth
    max_docs: int = 10_000  # documents in one multi-document YAML file
    max_path_length: int = 4096
