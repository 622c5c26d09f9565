"""``logs``: print exactly the collected log of a pod's container, read from the bundle itself.

The ``logs`` table says where each log is; the bytes come from the input in place: a file of a
directory input, a zip member, a seek into an indexed ``.tar.gz`` (see ``logindex``), or else
one streaming pass over the archive. Gzip-compressed (rotated) logs are inflated in bounded
steps. Nothing is extracted to disk.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analyzer.errors import BadInputError, UsageError
from analyzer.explore.objects import NotFound
from analyzer.limits import Limits
from analyzer.safetext import visible

MAX_LOG = 1 << 30  # a bound on one log's bytes
CHUNK = 1 << 20


@dataclass(frozen=True)
class LogRef:
    """One collected log file."""

    input_path: str
    input_format: str
    sha256: str
    path: str
    container: str
    size: int
    gzip: bool


def find_log(con: duckdb.DuckDBPyConnection, pod: str, namespace: str | None,
             container: str | None, previous: bool) -> LogRef:
    """The log of ``pod``/``container`` (current or previous); NotFound says what exists."""
    rows = con.execute("""
        select l.namespace, l.container, l.log_type, l.path, l.bytes, l.gzip,
               i.path, i.format, i.sha256
        from logs l join inputs i using (input_id)
        where l.pod = ? and l.log_type in ('current', 'previous')
        order by l.namespace, l.container, l.log_type, l.path""", [pod]).fetchall()
    if namespace is not None:
        here = [r for r in rows if r[0] == namespace]
        if not here:
            pods = [r[0] for r in con.execute(
                "select distinct pod from logs where namespace = ? order by 1 limit 21",
                [namespace]).fetchall()]
            elsewhere = sorted({r[0] for r in rows})
            hint = f"; it has logs in namespace(s) {', '.join(elsewhere)}" if elsewhere else ""
            raise NotFound(f"no logs of pod {visible(pod)} in namespace {visible(namespace)}"
                           f"{visible(hint)}; pods with logs there: "
                           f"{visible(', '.join(pods[:20])) or 'none'}")
        rows = here
    if not rows:
        raise NotFound(f"no logs of pod {visible(pod)} in the bundle (the RHOAI must-gather "
                       "collects logs of the RHOAI namespaces only)")
    spaces = sorted({r[0] for r in rows})
    if len(spaces) > 1:
        raise UsageError(f"pod {visible(pod)} exists in several namespaces: "
                         f"{visible(', '.join(spaces))}; pass -n NAMESPACE")
    containers = sorted({r[1] for r in rows})
    if container is None:
        if len(containers) > 1:
            raise UsageError(f"pod {visible(pod)} has several containers; pass -c one of: "
                             f"{visible(', '.join(containers))}")
        container = containers[0]
    want = "previous" if previous else "current"
    match = [r for r in rows if r[1] == container and r[2] == want]
    if not match:
        have = sorted({f"{r[1]} ({r[2]})" for r in rows})
        raise NotFound(f"no {want} log of container {visible(container)} in pod {visible(pod)}; "
                       f"collected: {visible(', '.join(have))}")
    ns, cont, _, path, size, gz, ipath, ifmt, sha = match[0]
    return LogRef(str(ipath), str(ifmt), str(sha), str(path), str(cont), int(size or 0),
                  bool(gz))


def _dir_member(root: str, member: str) -> Iterator[bytes]:
    base = Path(root).resolve()
    target = (base / member).resolve()
    if base not in target.parents:
        raise BadInputError(f"{member}: outside the bundle directory")
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _stream_member(ref: LogRef) -> Iterator[bytes]:
    from analyzer.bundle import open_input

    with open_input(ref.input_path, limits=Limits()) as src:
        for entry in src.entries():
            if entry.path == ref.path and entry.type == "file":
                stream = entry.stream()
                while chunk := stream.read(CHUNK):
                    yield chunk
                return
    raise NotFound(f"{visible(ref.path)}: not found in {visible(ref.input_path)} any more")


def raw_chunks(ref: LogRef, cache: Path | None) -> Iterator[bytes]:
    """The log file's bytes as stored in the bundle (compressed if it is a ``.gz``)."""
    if not Path(ref.input_path).exists():
        raise BadInputError(f"{visible(ref.input_path)}: the bundle is not at this path any "
                            "more; logs are read from the bundle itself")
    if ref.input_format == "dir":
        yield from _dir_member(ref.input_path, ref.path)
        return
    if ref.input_format == "tar.gz" and cache is not None:
        from analyzer.explore.logindex import open_indexed_member

        found = open_indexed_member(ref.input_path, ref.sha256, ref.path, cache)
        if found is not None:
            reader, left = found
            with reader:
                while left > 0 and (chunk := reader.read(min(CHUNK, left))):
                    left -= len(chunk)
                    yield chunk
            return
    yield from _stream_member(ref)


def log_chunks(ref: LogRef, cache: Path | None) -> Iterator[bytes]:
    """The log's text bytes, inflated in bounded steps when the file is gzip-compressed."""
    total = 0
    if not ref.gzip:
        for chunk in raw_chunks(ref, cache):
            total += len(chunk)
            if total > MAX_LOG:
                raise BadInputError(f"{visible(ref.path)}: log larger than {MAX_LOG} bytes")
            yield chunk
        return
    inflater = zlib.decompressobj(wbits=47)
    for chunk in raw_chunks(ref, cache):
        data = inflater.decompress(chunk, CHUNK)
        while True:
            total += len(data)
            if total > MAX_LOG:
                raise BadInputError(f"{visible(ref.path)}: log inflates past {MAX_LOG} bytes")
            if data:
                yield data
            if not inflater.unconsumed_tail:
                break
            data = inflater.decompress(inflater.unconsumed_tail, CHUNK)


def select_lines(chunks: Iterator[bytes], tail: int | None, grep: str | None) -> Iterator[bytes]:
    """Apply ``--tail N`` and ``--grep RE`` (line based); without them, bytes pass unchanged."""
    if tail is None and grep is None:
        yield from chunks
        return
    try:
        pattern = re.compile(grep.encode()) if grep else None
    except re.error as exc:
        raise UsageError(f"invalid --grep pattern: {exc}") from exc
    from collections import deque

    keep: deque[bytes] = deque(maxlen=tail if tail is not None and tail >= 0 else None)
    rest = b""
    for chunk in chunks:
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            if pattern is None or pattern.search(line):
                if tail is None:
                    yield line + b"\n"
                else:
                    keep.append(line + b"\n")
    if rest and (pattern is None or pattern.search(rest)):
        if tail is None:
            yield rest
        else:
            keep.append(rest)
    yield from keep
