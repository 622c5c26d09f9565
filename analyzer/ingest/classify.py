"""Classify bundle files by path, and index container/host logs without loading them."""

from __future__ import annotations

import gzip
import re
import zlib
from typing import IO

STRUCTURED = (".yaml", ".yml", ".json")
ARCHIVES = (".tar.gz", ".tgz", ".tar", ".tar.xz", ".zip", ".gz", ".xz", ".bz2", ".zst")
SMALL_FILES = ("version", "timestamp")
_TS = re.compile(rb"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)")


def file_type(path: str) -> str:
    """Return the ``files.type`` of a path: yaml, json, log, archive, html or text.

    >>> file_type("ns/pods/p/c/c/logs/current.log"), file_type("a/x.yaml")
    ('log', 'yaml')
    """
    low = path.lower()
    name = low.rsplit("/", 1)[-1]
    if "/logs/" in f"/{low}" and (".log" in name or "/rotated/" in low):
        return "log"
    if low.startswith("host_service_logs/") or "/host_service_logs/" in low:
        return "log"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".log"):
        return "log"
    if name.endswith(ARCHIVES):
        return "archive"
    if name.endswith((".html", ".htm")):
        return "html"
    return "text"


def log_fields(path: str) -> tuple[str | None, str | None, str | None, str]:
    """Return (namespace, pod, container, log_type) from a log path.

    >>> log_fields("x/namespaces/ns1/pods/p1/c1/c1/logs/previous.log")
    ('ns1', 'p1', 'c1', 'previous')
    """
    parts = path.split("/")
    ns = pod = container = None
    if "namespaces" in parts:
        i = len(parts) - 1 - parts[::-1].index("namespaces")
        if len(parts) > i + 4 and parts[i + 2] == "pods":
            ns, pod, container = parts[i + 1], parts[i + 3], parts[i + 4]
    name = parts[-1]
    if "host_service_logs" in parts:
        kind = "host_service"
    elif "rotated" in parts:
        kind = "rotated"
    elif "insecure" in name:
        kind = "insecure"
    elif name.startswith("current"):
        kind = "current"
    elif name.startswith("previous"):
        kind = "previous"
    else:
        kind = "other"
    return ns, pod, container, kind


def scan_log(fh: IO[bytes], gz: bool, chunk: int = 1 << 20,
             max_inflate: int = 256 << 20) -> tuple[int, str | None, str | None]:
    """Stream a log once: (bytes read, first timestamp, last timestamp). Bodies are not kept.

    A gzip log is inflated in bounded steps and at most ``max_inflate`` bytes of it are looked
    at, so a decompression bomb costs bounded memory and time (its last timestamp may then be
    that of the inflated part).
    """
    total = 0
    head = b""
    tail = b""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gz else None
    seekable = not gz and _seekable(fh)
    skip = None if gz or seekable else getattr(fh, "skip_to_tail", None)
    rest = None
    if skip is not None:  # a tar member: its head, then its last 64 kB, the middle skipped
        head = fh.read(4096)
        rest = skip(65536)
        total = len(head)
        tail = head
    if rest is not None:
        skipped, end = rest
        total += skipped + len(end)
        tail = (head + end)[-65536:]
    elif seekable:
        head = fh.read(65536)
        end = fh.seek(0, 2)
        total = end
        fh.seek(max(0, end - 65536))
        tail = fh.read(65536)
    else:
        inflated = 0
        while data := fh.read(chunk):
            total += len(data)
            if not gz:
                if len(head) < 4096:
                    head += data[:4096]
                tail = (tail + data[-65536:])[-65536:]
                continue
            if inflate is None:
                continue
            try:
                while data and inflated < max_inflate:
                    out = inflate.decompress(data, chunk)  # bounded: never a whole bomb
                    inflated += len(out)
                    if len(head) < 4096:
                        head += out[:4096]
                    tail = (tail + out[-65536:])[-65536:]
                    data = inflate.unconsumed_tail
            except zlib.error:
                inflate = None
    first = _first_ts(head)
    last = _last_ts(tail)
    return total, first, last


def _seekable(fh: IO[bytes]) -> bool:
    try:
        return bool(fh.seekable()) and not isinstance(fh, gzip.GzipFile)
    except (AttributeError, OSError, ValueError):
        return False


def _first_ts(head: bytes) -> str | None:
    m = _TS.match(head.lstrip())
    return m.group(1).decode() if m else None


def _last_ts(tail: bytes) -> str | None:
    for line in reversed(tail.splitlines()):
        m = _TS.match(line)
        if m:
            return m.group(1).decode()
    return None
