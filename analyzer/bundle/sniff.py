"""Detect an input's format from its first bytes (magic numbers), never from its name."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from pathlib import Path
from typing import IO, Any

MAGIC = [
    (b"\x1f\x8b", "gz"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"BZh", "bz2"),
    (b"\x28\xb5\x2f\xfd", "zst"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty zip
]


def compression_of(head: bytes) -> str | None:
    """Return the compression/archive magic of ``head`` (gz, xz, bz2, zst, zip) or None."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def is_tar(head: bytes) -> bool:
    """True when ``head`` (>= 262 bytes) is a POSIX/GNU tar header."""
    return len(head) >= 262 and head[257:262] == b"ustar"


def decompressed_head(path: Path, compression: str, size: int = 1024) -> bytes:
    """Return up to ``size`` decompressed bytes of a compressed file (for tar detection)."""
    with path.open("rb") as raw:
        data = raw.read(64 * 1024)
    try:
        if compression == "gz":
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, size)
        if compression == "xz":
            return lzma.LZMADecompressor().decompress(data, size)
        if compression == "bz2":
            return bz2.BZ2Decompressor().decompress(data)[:size]
        if compression == "zst":
            import zstandard

            return zstandard.ZstdDecompressor().decompressobj().decompress(data)[:size]
    except Exception:  # noqa: BLE001 - a broken stream is reported by the reader
        return b""
    return b""


def open_decompressed(raw: IO[bytes], compression: str | None) -> IO[bytes]:
    """Wrap a binary stream with the decompressor for ``compression`` (None: as is)."""
    if compression is None:
        return raw
    if compression == "gz":
        try:
            from isal import igzip

            stream: Any = igzip.IGzipFile(fileobj=raw, mode="rb")
        except ImportError:  # pragma: no cover - isal is a dependency
            stream = gzip.GzipFile(fileobj=raw, mode="rb")
        return stream  # type: ignore[no-any-return,unused-ignore]
    if compression == "xz":
        return lzma.LZMAFile(raw, "rb")
    if compression == "bz2":
        return bz2.BZ2File(raw, "rb")
    if compression == "zst":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw)  # type: ignore[no-any-return,unused-ignore]
    raise ValueError(f"unsupported compression {compression}")


def looks_structured(head: bytes) -> bool:
    """Tell whether ``head`` looks like YAML or JSON text (not binary)."""
    if not head:
        return False
    if b"\x00" in head[:4096]:
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text[:1] in (b"{", b"[") or text.startswith(b"---") or b":" in text[:4096]
