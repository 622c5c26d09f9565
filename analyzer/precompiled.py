"""Data parsed once and kept between runs: the rule catalogue, reference tables, the schema.

Each entry is a JSON file under ``<cache>/precompiled/`` (``$MGSCAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/mgscan``, else ``~/.cache/mgscan``) named by the sha256 of everything it was
built from: the data files' bytes and the source of the code that parses them. A changed input
is a different name, so an entry is never stale; a missing, unreadable or damaged entry is
rebuilt. Only JSON is read back (nothing in the cache is ever executed), and a cache folder that
cannot be written (read-only home) just means parsing every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from analyzer import __version__

FORMAT = b"mgscan-precompiled-1"
DISABLE_ENV = "MGSCAN_NO_PRECOMPILED"  # set to 1: parse everything every run


def cache_dir() -> Path:
    """The mgscan cache folder (not created here)."""
    base = os.environ.get("MGSCAN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "mgscan"


def private_dir(*parts: str) -> Path | None:
    """A sub-folder of the cache, created private (0700); None when it cannot be used.

    Refused (None) when it is not a directory owned by this user, or group/world writable:
    another user must never be able to plant an entry.
    """
    folder = cache_dir().joinpath(*parts)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = folder.stat()
    except OSError:
        return None
    if st.st_uid != os.getuid() or st.st_mode & 0o022:
        return None
    return folder


def source_digest(*modules: str) -> bytes:
    """The bytes of these ``analyzer`` modules' source files (``rules/catalog.py``…), as a salt."""
    here = Path(__file__).resolve().parent
    return b"".join((here / m).read_bytes() for m in modules)


def digest(parts: Iterable[bytes]) -> str:
    """sha256 over length-prefixed parts, the format tag and the mgscan version."""
    h = hashlib.sha256(FORMAT)
    for part in (__version__.encode(), *parts):
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def cached(kind: str, parts: Iterable[bytes], build: Callable[[], Any]) -> Any:
    """Return ``build()``, read from the cache when an entry for exactly ``parts`` exists.

    ``build`` must return plain JSON data. The value returned after a build is the JSON round
    trip of it, so a first run and a cached run see the same types. When it is not JSON data
    (say a YAML date), it is returned as built and not cached.
    """
    folder = None if os.environ.get(DISABLE_ENV) else private_dir("precompiled")
    if folder is None:
        return build()
    path = folder / f"{kind}-{digest(parts)}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(path.read_bytes())
    value = build()
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return value
    _store(folder, path, kind, text)
    return json.loads(text)


def _store(folder: Path, path: Path, kind: str, text: str) -> None:
    """Write one entry atomically and drop the older entries of the same kind (best effort)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
        return
    for old in folder.glob(f"{kind}-*.json"):
        if old != path and len(old.name) == len(path.name):
            with contextlib.suppress(OSError):
                old.unlink()
