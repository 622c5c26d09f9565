"""Which bundle the explore commands read: ``--db``, ``-b PATH`` or the one chosen by ``use``.

Bundles are ingested once into a cache keyed by the inputs' sha256
(``$MGSCAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/mgscan``, else ``~/.cache/mgscan``); ``use``
also remembers the choice in ``current.json`` there. Every connection is read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analyzer.errors import BadInputError, UsageError
from analyzer.limits import Limits
from analyzer.precompiled import cache_dir

CURRENT = "current.json"


@dataclass(frozen=True)
class Selection:
    """An ingested bundle: its database and the inputs it came from."""

    db: Path
    inputs: tuple[str, ...]
    key: str


def _key(paths: Sequence[Path], limits: Limits) -> str:
    from analyzer.ingest.database import input_fingerprints

    digest = hashlib.sha256("\n".join(input_fingerprints(paths, limits)).encode())
    return digest.hexdigest()


def ingest_cached(paths: Sequence[Path], limits: Limits) -> Selection:
    """Ingest ``paths`` into the cache unless an identical ingest is already there."""
    from analyzer.ingest.database import db_holds, ingest_to_file

    key = _key(paths, limits)
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = folder / f"{key[:32]}.duckdb"
    absolute = [Path(p).resolve() for p in paths]  # logs are read from here later
    if not db_holds(db, absolute, limits) or not _usable(db):
        ingest_to_file(absolute, db, limits)
    from analyzer.explore.logindex import build_indexes

    build_indexes(db, folder)
    return Selection(db, tuple(str(Path(p).resolve()) for p in paths), key)


def _usable(db: Path) -> bool:
    """False when the SQL guard refuses a cached database (written by another mgscan build)."""
    try:
        connect(db).close()
    except BadInputError:
        return False
    return True


def remember(sel: Selection) -> None:
    """Make ``sel`` the bundle later commands read (written atomically)."""
    folder = cache_dir()
    tmp = folder / f".{CURRENT}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"db": str(sel.db), "inputs": list(sel.inputs), "key": sel.key},
                              indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / CURRENT)


def current() -> Selection | None:
    """The bundle chosen by ``mgscan use`` (None when nothing usable is chosen)."""
    path = cache_dir() / CURRENT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sel = Selection(Path(data["db"]), tuple(data["inputs"]), str(data["key"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sel if sel.db.is_file() else None


def resolve(db: Path | None, bundles: Sequence[Path], limits: Limits) -> Selection:
    """Pick the bundle: ``--db`` first, then ``-b`` paths, then the ``use`` choice."""
    if db is not None and bundles:
        raise UsageError("give either --db FILE or -b PATH, not both")
    if db is not None:
        if not db.is_file():
            raise BadInputError(f"{db}: no such database (run `mgscan ingest` first)")
        return Selection(db, (), "")
    if bundles:
        return ingest_cached(bundles, limits)
    sel = current()
    if sel is None:
        raise UsageError("no bundle chosen: run `mgscan use PATH`, or give -b PATH or --db FILE")
    return sel


def connect(db: Path) -> duckdb.DuckDBPyConnection:
    """Open ``db`` read-only behind the SQL guard (nothing outside its own tables)."""
    from analyzer.ingest.guard import open_database_file

    return open_database_file(db)
