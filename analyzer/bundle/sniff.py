"""Detect an input's format from its first bytes (magic numbers), never from its name."""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

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


def decompressed_head(path: Path, compression: str, size: int = 1024,
                      max_compressed: int = 8 * 1024 * 1024) -> bytes:
    """Return up to ``size`` decompressed bytes of a compressed file (for tar detection).

    Reads the compressed file in chunks until ``size`` bytes come out: a bzip2 block (up to
    900 kB of input) yields nothing before it is complete, so one fixed-size read is not enough.
    Returns ``b""`` for a stream that is corrupt or truncated before any output.
    """
    out = b""
    try:
        dec = _decompressor(compression)
        if dec is None:
            return b""
        with path.open("rb") as raw:
            read = 0
            while len(out) < size and read < max_compressed:
                chunk = raw.read(64 * 1024)
                if not chunk:
                    break
                read += len(chunk)
                out += dec(chunk)
    except Exception:  # noqa: BLE001 - a broken stream is reported by the caller
        return out[:size]
    return out[:size]


def _decompressor(compression: str) -> Callable[[bytes], bytes] | None:
    """Return an incremental ``chunk -> output`` function for ``compression`` (None: unknown)."""
    if compression == "gz":
        z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return lambda chunk: z.decompress(chunk, 64 * 1024)
    if compression == "xz":
        x = lzma.LZMADecompressor()
        return lambda chunk: x.decompress(chunk, 64 * 1024)
    if compression == "bz2":
        b = bz2.BZ2Decompressor()
        return lambda chunk: b.decompress(chunk, 64 * 1024)
    if compression == "zst":
        try:
            import zstandard
        except ImportError:
            return None
        zd = zstandard.ZstdDecompressor().decompressobj()
        return lambda chunk: zd.decompress(chunk)[: 64 * 1024]
    return None


def zstd_available() -> bool:
    """Tell whether the optional ``zstandard`` module is installed."""
    try:
        import zstandard  # noqa: F401
    except ImportError:
        return False
    return True


def open_decompressed(raw: IO[bytes], compression: str | None) -> IO[bytes]:
    """Wrap a binary stream with the decompressor for ``compression`` (None: as is)."""
    if compression is None:
        return raw
    if compression in ("gz", "xz", "bz2"):
        from analyzer.bundle.decompress import DecompressReader

        return DecompressReader(raw, compression)  # type: ignore[return-value]
    if compression == "zst":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw)  # type: ignore[no-any-return,unused-ignore]
    raise ValueError(f"unsupported compression {compression}")


def looks_structured(head: bytes) -> bool:
    """Tell whether ``head`` looks like YAML or JSON text (not binary).

    Text means: no NUL byte, and at most 1% of undecodable UTF-8 sequences or control
    characters (a stray Latin-1 byte is tolerated, random binary is not).

    >>> looks_structured(b"---\\napiVersion: v1\\n"), looks_structured(bytes(range(1, 256)))
    (True, False)
    """
    if not head:
        return False
    if b"\x00" in head[:4096]:
        return False
    sample = head[:4096]
    text_sample = sample[:-3] if len(sample) > 3 else sample  # a cut multi-byte character
    decoded = text_sample.decode("utf-8", "replace")
    bad = decoded.count("\ufffd") + sum(
        1 for c in decoded if ord(c) < 32 and c not in "\t\r\n\f")
    if bad > max(1, len(decoded) // 100):
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text[:1] in (b"{", b"[") or text.startswith(b"---") or b":" in text[:4096]
