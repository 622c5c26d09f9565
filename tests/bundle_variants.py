"""Variants of the committed sample bundles, built in tmp dirs for identity, diff and fleet tests.

A variant is the same archive with some members dropped, renamed or edited, so a test can say
exactly what differs ("the same bundle with its top folder renamed", "a later collection of the
same cluster with one Notebook gone").
"""

from __future__ import annotations

import io
import re
import tarfile
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_bundles"

Edit = Callable[[str, bytes], bytes | None]  # (member name, body) -> new body, or None = drop


def variant(src: Path, dest: Path, *, rename_top: str | None = None,
            drop: Iterable[str] = (), edit: Edit | None = None) -> Path:
    """Write ``dest`` (.tar.gz): ``src`` with members matching a ``drop`` regex removed, the
    first path component renamed to ``rename_top``, and file bodies passed through ``edit``."""
    patterns = [re.compile(p) for p in drop]
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(src, "r:gz") as tin, tarfile.open(dest, "w:gz") as tout:
        for member in tin.getmembers():
            name = member.name
            if any(p.search(name) for p in patterns):
                continue
            body = tin.extractfile(member).read() if member.isfile() else None  # type: ignore[union-attr]
            if body is not None and edit is not None:
                body = edit(name, body)
                if body is None:
                    continue
            if rename_top:
                parts = name.split("/", 1)
                name = rename_top + ("/" + parts[1] if len(parts) > 1 else "")
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = member.type, member.mode, member.mtime
            if body is None:
                tout.addfile(info)
            else:
                info.size = len(body)
                tout.addfile(info, io.BytesIO(body))
    return dest


def later_timestamps(days: int) -> Edit:
    """An edit that moves every ``timestamp`` file's dates ``days`` later (same month)."""
    def edit(name: str, body: bytes) -> bytes:
        if not name.endswith("/timestamp"):
            return body
        return re.sub(rb"(\d{4}-\d{2}-)(\d{2})",
                      lambda m: m.group(1) + b"%02d" % (int(m.group(2)) + days), body)
    return edit


def chain(*edits: Edit) -> Edit:
    """Apply several edits in turn (a None from any of them drops the member)."""
    def edit(name: str, body: bytes) -> bytes | None:
        out: bytes | None = body
        for e in edits:
            if out is None:
                return None
            out = e(name, out)
        return out
    return edit


def combine(sources: Iterable[Path], dest: Path) -> Path:
    """One .tar.gz holding every member of ``sources`` (e.g. two clusters' must-gathers)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(dest, "w:gz") as tout:
        for src in sources:
            with tarfile.open(src, "r:gz") as tin:
                for member in tin.getmembers():
                    body = tin.extractfile(member) if member.isfile() else None
                    tout.addfile(member, body)
    return dest


def fleet_rows(out: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of ``sql`` over a fleet output folder's ``fleet.duckdb`` (opened read-only)."""
    import duckdb

    con = duckdb.connect(str(out / "fleet.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
