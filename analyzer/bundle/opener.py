"""Open any input by its magic bytes, and fingerprint inputs without reading them twice."""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.bundle.archives import DumpSource, ZipSource, files_sha256
from analyzer.bundle.sniff import (
    compression_of,
    decompressed_head,
    is_tar,
    looks_structured,
    zstd_available,
)
from analyzer.bundle.sources import DirSource, InputInfo, Source, TarSource
from analyzer.bundle.split import split_parts
from analyzer.errors import BadInputError
from analyzer.limits import Limits


def open_input(path: Path | str, input_id: int = 0, limits: Limits | None = None) -> Source:
    """Open any supported input read-only, detecting its format by magic bytes.

    Raises:
        BadInputError: the path does not exist or holds nothing mgscan can read.
    """
    limits = limits or Limits()
    p = Path(path)
    info = InputInfo(input_id=input_id, path=str(path))
    if p.is_dir():
        info.format = "dir"
        return DirSource(p, info, limits)
    if not p.exists():
        raise BadInputError(f"{path}: no such file or directory")
    if not p.is_file():
        raise BadInputError(f"{path}: not a regular file or directory")
    parts = split_parts(p)
    info.size = sum(os.path.getsize(x) for x in parts)
    with open(parts[0], "rb") as fh:
        head = fh.read(1024)
    comp = compression_of(head)
    if comp == "zip":
        info.format = "zip"
        return ZipSource(p, info, limits)
    inner = decompressed_head(Path(parts[0]), comp) if comp else head
    prefix = "split:" if len(parts) > 1 else ""
    if is_tar(inner):
        info.format = prefix + ("tar" if comp is None else f"tar.{comp}")
        return TarSource(p, info, limits, parts, comp)
    if len(parts) == 1 and looks_structured(inner):
        text = inner.lstrip(b"\xef\xbb\xbf \t\r\n")
        info.format = ("json" if text[:1] in (b"{", b"[") else "yaml") + (
            f".{comp}" if comp else "")
        return DumpSource(p, info, limits, comp)
    if not head:
        raise BadInputError(f"{path}: empty file")
    if comp == "zst" and not zstd_available():
        raise BadInputError(f"{path}: zstd-compressed input; install the 'zstandard' package "
                            "or decompress it first")
    if comp and not inner:
        raise BadInputError(f"{path}: {comp} stream is truncated or corrupt (nothing could be "
                            "decompressed)")
    raise BadInputError(
        f"{path}: not a directory, tar, zip or YAML/JSON file (unrecognised content)")


def input_fingerprint(path: Path | str, limits: Limits | None = None) -> str:
    """Return the sha256 an input gets at ingest, without ingesting it.

    A file hashes its bytes (every part of a split archive, in order); a directory hashes its
    manifest (paths and sizes), so no body is read.
    """
    p = Path(path)
    if p.is_dir():
        with open_input(p, 0, limits) as src:
            for _ in src.entries():
                pass
            return src.info.sha256
    return files_sha256(split_parts(p))
