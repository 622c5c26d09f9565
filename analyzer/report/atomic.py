"""Atomic file writes: a report file is either the old one or the complete new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically.

    The bytes go to a temporary file in the target's own directory, which is flushed,
    fsynced and then moved over ``path`` with :func:`os.replace`. On any exception
    (including ``KeyboardInterrupt``) the temporary file is removed and an existing
    ``path`` is left untouched.

    Args:
        path: Destination file. Its directory must exist.
        data: Bytes, or text that is encoded as UTF-8.

    Returns:
        The destination path.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(directory)
    return target


def _fsync_dir(directory: Path) -> None:
    """Flush the directory entry so the rename survives a crash (best effort)."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
