#!/usr/bin/env python3
"""Build the synthetic RHOAI 2.25 must-gather samples (``*.tar.gz``) deterministically.

Usage: ``python sample_bundles/build.py [--out DIR] [--only STEM ...] [--list]``

Every archive is a pure function of this directory's code: fixed timestamps,
uuid5 uids, sorted members with mtime 0 / uid 0 / gid 0, gzip mtime 0. Running it
twice yields byte-identical files (tests/test_sample_bundles.py checks that the
committed archives match).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from mg_tree import write_archive  # noqa: E402
from scenarios import SCENARIOS  # noqa: E402


def build(out: Path, only: list[str] | None = None) -> list[Path]:
    """Build the selected scenarios into ``out``; return the archive paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for scenario in SCENARIOS:
        if only and scenario.stem not in only:
            continue
        files, top = scenario.build().render()
        dest = out / f"{scenario.stem}.tar.gz"
        write_archive(files, dest, top=top)
        written.append(dest)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output directory (default: next to this script)")
    parser.add_argument("--only", nargs="*", help="build only these scenario stems")
    parser.add_argument("--list", action="store_true", help="list scenarios and exit")
    args = parser.parse_args(argv)
    if args.list:
        for s in SCENARIOS:
            print(f"{s.stem:28} {s.verdict:11} {s.exercises}")
        return 0
    unknown = sorted(set(args.only or []) - {s.stem for s in SCENARIOS})
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    for path in build(args.out, args.only):
        print(f"{path.stat().st_size:>8} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
