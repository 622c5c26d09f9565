"""Random-access readers: zip archives and single YAML/JSON dump files."""

from __future__ import annotations

import hashlib
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from analyzer.bundle.entries import Entry
from analyzer.bundle.paths import UnsafePath, normalize_member, printable
from analyzer.bundle.sniff import open_decompressed
from analyzer.bundle.sources import InputInfo, Source
from analyzer.limits import Limits


class ZipSource(Source):
    """A zip archive (random access; members read in stored order)."""

    def entries(self) -> Iterator[Entry]:
        """Yield members; bad CRCs/sizes are recorded per member."""
        self.info.sha256 = files_sha256([str(self.path)])
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
        self.info.sha256 = files_sha256([str(self.path)])
        name = self.path.name
        if self.compression:
            name = name.rsplit(".", 1)[0] if "." in name else name
        size = self.path.stat().st_size

        def opener() -> IO[bytes]:
            return open_decompressed(open(self.path, "rb"), self.compression)  # noqa: SIM115

        yield Entry(printable(name), size if not self.compression else -1, "file", opener=opener)


def files_sha256(paths: list[str]) -> str:
    """sha256 of the concatenated files (one file, or every part of a split archive)."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()
