"""Random access to logs inside a ``.tar.gz`` without re-reading the archive each time.

At ``mgscan use`` time one pass over each gzip-compressed tar records where every log's body
starts in the uncompressed stream, and builds an ``indexed_gzip`` seek-point index (a 32 KiB
window every few MiB). ``mgscan logs`` then inflates only from the seek point before the log.
Both files live in the cache, keyed by the input's sha256; a missing or unusable index only
costs speed (the log is found by streaming the archive).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import IO, Any

SPACING = 4 << 20  # uncompressed bytes between seek points


def index_paths(folder: Path, sha256: str) -> tuple[Path, Path]:
    """The seek-point index and the member-offset table of one input."""
    stem = folder / f"logidx-{sha256[:32]}"
    return stem.with_suffix(".gzidx"), stem.with_suffix(".json")


def _open_indexed(path: str, index: Path | None = None) -> Any:
    import indexed_gzip

    if index is not None:
        return indexed_gzip.IndexedGzipFile(path, index_file=str(index), spacing=SPACING)
    return indexed_gzip.IndexedGzipFile(path, spacing=SPACING)


def _build_one(path: str, wanted: set[str], gzidx: Path, table: Path) -> None:
    from analyzer.bundle.paths import UnsafePath, normalize_member, printable
    from analyzer.bundle.tarstream import TarStream

    offsets: dict[str, list[int]] = {}
    with _open_indexed(path) as gz:
        tar = TarStream(gz)
        for member in tar:
            if not member.isfile():
                continue
            try:
                name = printable(normalize_member(member.name))
            except UnsafePath:
                continue
            if name in wanted:
                offsets[name] = [tar.tell(), member.size]
        gz.build_full_index()
        tmp = gzidx.with_name(gzidx.name + f".{os.getpid()}.tmp")
        gz.export_index(str(tmp))
    os.replace(tmp, gzidx)
    tmp2 = table.with_name(table.name + f".{os.getpid()}.tmp")
    st = os.stat(path)
    doc = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "members": offsets}
    tmp2.write_text(json.dumps(doc, sort_keys=True), encoding="utf-8")
    os.replace(tmp2, table)


def build_indexes(db: Path, folder: Path) -> None:
    """Index the logs of every ``tar.gz`` input of ``db`` (skipped when already indexed)."""
    from analyzer.explore.session import connect

    con = connect(db)
    try:
        inputs = con.execute("select input_id, path, sha256 from inputs "
                             "where format = 'tar.gz' order by input_id").fetchall()
        for input_id, path, sha in inputs:
            gzidx, table = index_paths(folder, sha)
            if gzidx.is_file() and table.is_file():
                continue
            wanted = {r[0] for r in con.execute(
                "select path from logs where input_id = ?", [input_id]).fetchall()}
            if not wanted or not Path(path).is_file():
                continue
            try:
                _build_one(path, wanted, gzidx, table)
            except Exception:  # noqa: BLE001 - a damaged archive only loses the fast path
                for leftover in (gzidx, table):
                    with contextlib.suppress(OSError):
                        leftover.unlink()
    finally:
        con.close()


def open_indexed_member(path: str, sha256: str, member: str, folder: Path
                        ) -> tuple[IO[bytes], int] | None:
    """A reader positioned at ``member``'s body and its size, or None without an index."""
    gzidx, table = index_paths(folder, sha256)
    try:
        doc = json.loads(table.read_text(encoding="utf-8"))
        st = os.stat(path)
        if (doc["size"], doc["mtime_ns"]) != (st.st_size, st.st_mtime_ns):
            return None  # the archive changed since it was indexed
        where = doc["members"].get(member)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not where or not gzidx.is_file():
        return None
    try:
        gz = _open_indexed(path, gzidx)
        gz.seek(int(where[0]))
    except Exception:  # noqa: BLE001 - stale or foreign index: fall back to streaming
        return None
    return gz, int(where[1])
