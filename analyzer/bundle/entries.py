"""The unit a reader yields: one member of the virtual tree, read once, in order."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from analyzer.errors import LimitExceeded


@dataclass
class Entry:
    """One member of an input: path, size, type, and a one-shot body reader.

    ``read``/``stream`` are valid only until the reader advances to the next entry.
    """

    path: str
    size: int
    type: str  # file | dir | symlink | hardlink | other
    opener: Callable[[], IO[bytes]] | None = field(default=None, repr=False)
    link_target: str | None = None

    def stream(self) -> IO[bytes]:
        """Return a binary stream of the body (files only).

        Every failure of the underlying archive or decompressor (bad CRC, truncated stream,
        encrypted or unsupported zip member, corrupt xz block, ...) surfaces as ``OSError``, so
        callers handle one exception type for "this member cannot be read".
        """
        if self.opener is None:
            raise ValueError(f"{self.path}: not a regular file")
        try:
            raw = self.opener()
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - normalised to OSError for the caller
            raise OSError(f"cannot open member: {type(exc).__name__}: {exc}") from exc
        return GuardedStream(raw)  # type: ignore[return-value]

    def read(self, max_bytes: int) -> bytes:
        """Return the whole body, refusing bodies larger than ``max_bytes``."""
        if self.size > max_bytes:
            raise LimitExceeded(f"file is {self.size} bytes, over the {max_bytes}-byte limit")
        with self.stream() as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise LimitExceeded(f"file is over the {max_bytes}-byte limit")
        return data


class GuardedStream:
    """A read-only wrapper turning every reader/decompressor error into ``OSError``."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def _call(self, name: str, *args: object) -> object:
        try:
            return getattr(self.raw, name)(*args)
        except (OSError, EOFError):
            raise
        except Exception as exc:  # noqa: BLE001 - tarfile/zipfile/lzma/zlib errors
            raise OSError(f"member unreadable: {type(exc).__name__}: {exc}") from exc

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes."""
        return self._call("read", n)  # type: ignore[return-value]

    def skip_to_tail(self, keep: int) -> tuple[int, bytes] | None:
        """Discard the body but its last ``keep`` bytes: (bytes skipped, tail).

        None when the body cannot skip (then read it); tar members can, without copying.
        """
        if not hasattr(self.raw, "skip_to_tail"):
            return None
        return self._call("skip_to_tail", keep)  # type: ignore[return-value]

    def seekable(self) -> bool:
        """Report whether the body can be seeked (plain files can)."""
        try:
            return bool(self.raw.seekable())
        except Exception:  # noqa: BLE001
            return False

    def seek(self, offset: int, whence: int = 0) -> int:
        """Seek within the body."""
        return self._call("seek", offset, whence)  # type: ignore[return-value]

    def tell(self) -> int:
        """Return the current position."""
        return self._call("tell")  # type: ignore[return-value]

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Close the underlying stream (errors while closing are ignored)."""
        with contextlib.suppress(Exception):
            self.raw.close()

    def __enter__(self) -> GuardedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class HashingReader:
    """A read-only binary wrapper that hashes and counts what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        """Read and hash up to ``n`` bytes."""
        data = self.raw.read(n)
        self.sha256.update(data)
        self.count += len(data)
        return data

    def readinto(self, buf: bytearray | memoryview) -> int:
        """Read into ``buf`` (used by some decompressors)."""
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def drain(self) -> None:
        """Read to the end so the hash covers the whole input."""
        while self.read(1 << 20):
            pass

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Close the underlying stream."""
        self.raw.close()


class ConcatReader:
    """Concatenate several files (split archive parts) into one read-only stream."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self._i = 0
        self._fh: IO[bytes] | None = None

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes across part boundaries."""
        chunks: list[bytes] = []
        want = n
        while self._i < len(self.paths):
            if self._fh is None:
                self._fh = open(self.paths[self._i], "rb")  # noqa: SIM115 - closed below
            data = self._fh.read(want if want >= 0 else -1)
            if data:
                chunks.append(data)
                if want >= 0:
                    want -= len(data)
                    if want == 0:
                        break
                continue
            self._fh.close()
            self._fh = None
            self._i += 1
        return b"".join(chunks)

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Close the current part."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
