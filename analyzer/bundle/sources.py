"""Streaming readers: directories and tar (any compression, possibly split into parts).

Each reader yields :class:`Entry` objects in one streaming pass and never extracts to disk.
Members that are unsafe or broken are recorded in ``errors`` and skipped; a truncated archive
ends the pass early with an error, keeping everything read so far.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from analyzer.bundle.decompress import DecompressReader, Prefetch
from analyzer.bundle.entries import ConcatReader, Entry, HashingReader
from analyzer.bundle.paths import UnsafePath, normalize_member, printable
from analyzer.bundle.sniff import (
    open_decompressed,
)
from analyzer.bundle.tarstream import TarLimit, TarMember, TarStream
from analyzer.limits import Limits


@dataclass
class InputInfo:
    """What report.json says of one input."""

    input_id: int
    path: str
    sha256: str = ""
    format: str = ""
    size: int = 0


@dataclass
class Source:
    """Base reader: ``entries()`` yields members; ``errors`` collects what was skipped."""

    path: Path
    info: InputInfo
    limits: Limits
    errors: list[tuple[str, str]] = field(default_factory=list)
    total_bytes: int = 0
    consumed: int = 0  # input bytes read so far (compressed, for archives): drives progress bars

    def entries(self) -> Iterator[Entry]:  # pragma: no cover - abstract
        """Yield every member once, in order."""
        raise NotImplementedError

    def _account(self, name: str, size: int, compressed: int) -> bool:
        """Add ``size`` to the running total; False (and an error) once a limit is hit."""
        self.total_bytes += size
        self.consumed = max(self.consumed, compressed)
        lim = self.limits
        if self.total_bytes > lim.max_total_size:
            self.errors.append(
                (name, f"limit: input expands past --max-total-size ({lim.max_total_size} bytes);"
                       " the rest of the input was not read"))
            return False
        if self.total_bytes > lim.ratio_floor and compressed > 0 and (
            self.total_bytes > lim.max_ratio * compressed
        ):
            self.errors.append(
                (name, f"limit: decompression ratio over {lim.max_ratio}:1 (possible archive"
                       " bomb); the rest of the input was not read"))
            return False
        return True

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release file handles."""


class DirSource(Source):
    """A directory tree, walked without following symlinks.

    Only the bytes actually read count against ``--max-total-size`` (a 2 GB log whose head and
    tail are read costs 128 kB). Once the limit is passed, every remaining file is still listed,
    each with a ``limit:`` error naming it as not read.
    """

    def _charge(self, n: int) -> None:
        self.total_bytes += n

    def entries(self) -> Iterator[Entry]:
        """Yield files in sorted order; symlinks are reported, never followed."""
        manifest = hashlib.sha256()
        try:
            yield from self._walk(manifest)
        finally:
            self.info.sha256 = manifest.hexdigest()

    def _walk(self, manifest: Any) -> Iterator[Entry]:
        root = str(self.path)
        stack = [""]
        count = 0
        while stack:
            rel = stack.pop()
            try:
                with os.scandir(os.path.join(root, rel) if rel else root) as it:
                    items = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.errors.append((printable(rel) or ".",
                                    f"cannot list directory: {exc.strerror}"))
                continue
            subdirs = []
            for item in items:
                name = f"{rel}/{item.name}" if rel else item.name
                shown = printable(name)
                count += 1
                if count > self.limits.max_members:
                    self.errors.append((shown, "limit: too many files in the directory tree; "
                                               "the rest was not read"))
                    return
                if len(name) > self.limits.max_path_length:
                    self.errors.append((shown[:200], "unsafe member skipped: path longer than "
                                                     f"{self.limits.max_path_length} characters"))
                    continue
                if item.is_symlink():
                    self.errors.append((shown, "symbolic link skipped (never followed)"))
                    yield Entry(shown, 0, "symlink", link_target=_readlink(item.path))
                    continue
                if item.is_dir(follow_symlinks=False):
                    subdirs.append(name)
                    continue
                try:
                    st = item.stat(follow_symlinks=False)
                except OSError as exc:
                    self.errors.append((shown, f"unreadable: {exc.strerror}"))
                    continue
                if not stat.S_ISREG(st.st_mode):
                    self.errors.append((shown, "special file skipped"))
                    yield Entry(shown, 0, "other")
                    continue
                manifest.update(f"{shown}\0{st.st_size}\n".encode())
                if self.total_bytes > self.limits.max_total_size:
                    self.errors.append((shown, "limit: not read: the input had already been read "
                                               "past --max-total-size "
                                               f"({self.limits.max_total_size} bytes)"))
                    continue
                yield Entry(shown, st.st_size, "file",
                            opener=_file_opener(item.path, self._charge))
            stack.extend(reversed(subdirs))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _file_opener(path: str, charge: Callable[[int], None]) -> Callable[[], IO[bytes]]:
    """Open lazily, refusing a path that became a symlink, FIFO or device since the walk."""

    def opener() -> IO[bytes]:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{path}: no longer a regular file")
        except BaseException:
            os.close(fd)
            raise
        return _Counted(os.fdopen(fd, "rb"), charge)  # type: ignore[return-value]

    return opener


class _Counted:
    """A read-only file that reports every byte read (seeks are free: nothing is read)."""

    def __init__(self, fh: IO[bytes], charge: Callable[[int], None]) -> None:
        self.fh = fh
        self.charge = charge

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes and charge them."""
        data = self.fh.read(n)
        self.charge(len(data))
        return data

    def seekable(self) -> bool:
        """Plain files can seek (logs are read head and tail only)."""
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        """Move without reading."""
        return self.fh.seek(offset, whence)

    def tell(self) -> int:
        """The current position."""
        return self.fh.tell()

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Close the file."""
        self.fh.close()

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _readlink(path: str) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


class TarSource(Source):
    """A tar stream, optionally compressed, possibly split across parts."""

    def __init__(self, path: Path, info: InputInfo, limits: Limits, parts: list[str],
                 compression: str | None) -> None:
        super().__init__(path, info, limits)
        self.parts = parts
        self.compression = compression

    def entries(self) -> Iterator[Entry]:
        """Stream members; unsafe names, links and devices are recorded and skipped."""
        raw: Any = (ConcatReader(self.parts) if len(self.parts) > 1
                    else open(self.parts[0], "rb"))  # noqa: SIM115 - closed in finally
        hashing = HashingReader(raw)
        stream = open_decompressed(hashing, self.compression)  # type: ignore[arg-type]
        ahead = None
        if isinstance(stream, DecompressReader):  # inflate in a thread, beside the framing
            ahead = Prefetch(stream, lambda: hashing.count)
        count = 0
        try:
            tf = TarStream(ahead or stream)  # type: ignore[arg-type]
            stopped = False
            for member in tf:
                count += 1
                if count > self.limits.max_members:
                    self.errors.append((member.name, "limit: too many archive members"))
                    stopped = True
                    break
                read = ahead.compressed if ahead is not None else hashing.count
                entry = self._entry(tf, member, read)
                if entry is None:
                    continue
                if entry.type == "file" and not self._account(entry.path, entry.size, read):
                    stopped = True
                    break
                yield entry
            if not stopped:
                _check_tail(tf, count, self.errors)
            if ahead is not None:
                ahead.close()
            hashing.drain()
            self.info.sha256 = hashing.sha256.hexdigest()
        except TarLimit as exc:
            self.errors.append(("", f"limit: {exc} after {count} members; the rest of the "
                                    "archive was not read"))
            _finish_hash(hashing, self.info, ahead)
        except Exception as exc:  # noqa: BLE001 - tarfile, zlib, lzma, bz2, zstd stream errors
            self.errors.append(("", f"archive truncated or corrupt after {count} members: "
                                    f"{type(exc).__name__}: {exc}"))
            _finish_hash(hashing, self.info, ahead)
        finally:
            if ahead is not None:
                ahead.close()  # the consumer stopped early: the thread must let go of the input
            raw.close()

    def _entry(self, tf: TarStream, m: TarMember, _read: int) -> Entry | None:
        try:
            path = normalize_member(m.name, self.limits.max_path_length)
        except UnsafePath as exc:
            self.errors.append((printable(m.name), f"unsafe member skipped: {exc}"))
            return None
        path = printable(path)
        if m.isdir():
            return Entry(path, 0, "dir") if path else None
        if not path:
            self.errors.append(("", "unsafe member skipped: empty member name"))
            return None
        if m.issym() or m.islnk():
            kind = "symlink" if m.issym() else "hardlink"
            self.errors.append((path, f"{kind} skipped (never followed)"))
            return Entry(path, 0, kind, link_target=printable(m.linkname))
        if not m.isfile():
            self.errors.append((path, "special file (device/fifo) skipped"))
            return Entry(path, 0, "other")
        return Entry(path, m.size, "file", opener=lambda: _member_stream(tf, m))


def _check_tail(tf: TarStream, count: int, errors: list[tuple[str, str]],
                limit: int = 1024 * 1024) -> None:
    """Record an error when data follows the point where the tar stream stopped.

    The stream ends at the first zero block, so data after it (a spliced or damaged archive)
    would look like a clean end. A real tar ends with zero blocks; anything else means members
    were lost. Reading to the end also makes gzip/xz verify their checksums.
    """
    stream = tf.fileobj
    if stream is None:
        return
    seen = 0
    while seen < limit:
        block = stream.read(64 * 1024)
        if not block:
            return
        seen += len(block)
        if block.strip(b"\0"):
            errors.append(("", f"archive truncated or corrupt after {count} members: unreadable "
                               "data where a tar header should be; the rest was not read"))
            return


def _member_stream(tf: TarStream, m: TarMember) -> IO[bytes]:
    return tf.extractfile(m)  # type: ignore[return-value]


def _finish_hash(hashing: HashingReader, info: InputInfo, ahead: Prefetch | None) -> None:
    if ahead is not None:
        ahead.close()
    with contextlib.suppress(OSError):
        hashing.drain()
    info.sha256 = hashing.sha256.hexdigest()
