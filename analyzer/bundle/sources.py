"""Readers for every input kind: directory, tar (any compression), zip, split parts, dumps.

Each reader yields :class:`Entry` objects in one streaming pass and never extracts to disk.
Members that are unsafe or broken are recorded in ``errors`` and skipped; a truncated archive
ends the pass early with an error, keeping everything read so far.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from analyzer.bundle.entries import ConcatReader, Entry, HashingReader
from analyzer.bundle.paths import UnsafePath, normalize_member, printable
from analyzer.bundle.sniff import (
    compression_of,
    decompressed_head,
    is_tar,
    looks_structured,
    open_decompressed,
    zstd_available,
)
from analyzer.bundle.split import split_parts
from analyzer.bundle.tarstream import TarMember, TarStream
from analyzer.errors import BadInputError
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
    """A directory tree, walked without following symlinks."""

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
                if not self._account(shown, st.st_size, 0):
                    return
                yield Entry(shown, st.st_size, "file", opener=_file_opener(item.path))
            stack.extend(reversed(subdirs))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _file_opener(path: str) -> Callable[[], IO[bytes]]:
    """Open lazily, refusing a path that became a symlink, FIFO or device since the walk."""

    def opener() -> IO[bytes]:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{path}: no longer a regular file")
        except BaseException:
            os.close(fd)
            raise
        return os.fdopen(fd, "rb")

    return opener


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
        count = 0
        try:
            tf = TarStream(stream)
            stopped = False
            for member in tf:
                count += 1
                if count > self.limits.max_members:
                    self.errors.append((member.name, "limit: too many archive members"))
                    stopped = True
                    break
                entry = self._entry(tf, member, hashing.count)
                if entry is None:
                    continue
                if entry.type == "file" and not self._account(entry.path, entry.size,
                                                              hashing.count):
                    stopped = True
                    break
                yield entry
            if not stopped:
                _check_tail(tf, count, self.errors)
            hashing.drain()
            self.info.sha256 = hashing.sha256.hexdigest()
        except Exception as exc:  # noqa: BLE001 - tarfile, zlib, lzma, bz2, zstd stream errors
            self.errors.append(("", f"archive truncated or corrupt after {count} members: "
                                    f"{type(exc).__name__}: {exc}"))
            _finish_hash(hashing, self.info)
        finally:
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


def _finish_hash(hashing: HashingReader, info: InputInfo) -> None:
    with contextlib.suppress(OSError):
        hashing.drain()
    info.sha256 = hashing.sha256.hexdigest()


class ZipSource(Source):
    """A zip archive (random access; members read in stored order)."""

    def entries(self) -> Iterator[Entry]:
        """Yield members; bad CRCs/sizes are recorded per member."""
        self.info.sha256 = _file_sha256(self.path)
        try:
            zf = zipfile.ZipFile(self.path)
        except Exception as exc:  # noqa: BLE001 - BadZipFile, NotImplementedError, ...
            self.errors.append(("", f"unreadable zip: {type(exc).__name__}: {exc}"))
            return
        with zf:
            for count, zi in enumerate(zf.infolist(), 1):
                if count > self.limits.max_members:
                    self.errors.append((zi.filename, "limit: too many archive members"))
                    return
                try:
                    path = printable(normalize_member(zi.filename, self.limits.max_path_length))
                except UnsafePath as exc:
                    self.errors.append((printable(zi.filename), f"unsafe member skipped: {exc}"))
                    continue
                if zi.filename.endswith(("/", "\\")):
                    if path:
                        yield Entry(path, 0, "dir")
                    continue
                if not path:
                    self.errors.append(("", "unsafe member skipped: empty member name"))
                    continue
                mode = zi.external_attr >> 16
                if stat.S_ISLNK(mode):
                    self.errors.append((path, "symlink skipped (never followed)"))
                    yield Entry(path, 0, "symlink")
                    continue
                if not self._account(path, zi.file_size, max(self.info.size, 1)):
                    return
                if zi.file_size > self.limits.max_ratio * max(zi.compress_size, 1) \
                        and zi.file_size > self.limits.ratio_floor:
                    self.errors.append((path, f"limit: member ratio over {self.limits.max_ratio}:1"
                                              " (possible zip bomb); skipped"))
                    continue
                yield Entry(path, zi.file_size, "file", opener=_zip_opener(zf, zi))


def _zip_opener(zf: zipfile.ZipFile, zi: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        return zf.open(zi)

    return opener


class DumpSource(Source):
    """A single YAML/JSON file (``oc get -o yaml`` output), possibly compressed."""

    def __init__(self, path: Path, info: InputInfo, limits: Limits,
                 compression: str | None) -> None:
        super().__init__(path, info, limits)
        self.compression = compression

    def entries(self) -> Iterator[Entry]:
        """Yield the one file, named after the input (compression suffix dropped)."""
        self.info.sha256 = _file_sha256(self.path)
        name = self.path.name
        if self.compression:
            name = name.rsplit(".", 1)[0] if "." in name else name
        size = self.path.stat().st_size

        def opener() -> IO[bytes]:
            return open_decompressed(open(self.path, "rb"), self.compression)  # noqa: SIM115

        yield Entry(printable(name), size if not self.compression else -1, "file", opener=opener)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


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
