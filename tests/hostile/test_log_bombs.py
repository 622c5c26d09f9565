"""Compressed logs are streamed: a gzip log bomb must not be inflated into memory at once."""

from __future__ import annotations

import gzip
import io
import tracemalloc

from analyzer.ingest.classify import scan_log

EXPANDED = 64 * 1024 * 1024


class _Stream(io.RawIOBase):
    """A non-seekable stream, as a tar member is."""

    def __init__(self, data: bytes) -> None:
        self.buf = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        return self.buf.readinto(b)


def test_gzip_log_bomb_is_inflated_in_bounded_memory() -> None:
    data = gzip.compress(b"2026-01-01T00:00:00Z start\n" + bytes(EXPANDED), compresslevel=1)
    tracemalloc.start()
    try:
        size, first, _ = scan_log(io.BufferedReader(_Stream(data)), gz=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (size, first) == (len(data), "2026-01-01T00:00:00Z")
    assert peak < 16 * 1024 * 1024
