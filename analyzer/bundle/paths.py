"""Safe, normalised member paths: bundle-relative POSIX, never absolute, never escaping."""

from __future__ import annotations

import posixpath


class UnsafePath(ValueError):
    """A member name that must not be used (absolute, ``..``, NUL, too long)."""


def normalize_member(name: str, max_length: int = 4096) -> str:
    """Return the bundle-relative POSIX form of an archive member name.

    Leading ``./`` and ``/`` are stripped (CI tarballs start with ``./``); ``..`` components,
    NUL bytes and over-long names are refused.

    >>> normalize_member("./must-gather.local.1/version")
    'must-gather.local.1/version'
    >>> normalize_member("a//b/./c")
    'a/b/c'
    """
    if (len(name) <= max_length and name[1:2] != ":" and not name.startswith(("/", "./"))
            and not name.endswith(("/", "/.")) and "\\" not in name and "\x00" not in name
            and "//" not in name and "/./" not in name and ".." not in name and name != "."):
        return name  # already normal: the common case, checked without splitting
    if "\x00" in name:
        raise UnsafePath("NUL byte in member name")
    if len(name) > max_length:
        raise UnsafePath(f"member name longer than {max_length} characters")
    raw = name.replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":" and raw[0].isalpha()):
        raise UnsafePath("absolute member path")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise UnsafePath("'..' component in member path")
    return "/".join(parts)


def printable(name: str) -> str:
    """Return ``name`` with undecodable bytes and control characters made visible.

    >>> printable("a\\nb")
    'a\\\\nb'
    """
    if name.isprintable() and name.isascii():
        return name
    out = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in out)


def parent_dirs(path: str) -> list[str]:
    """Return every ancestor directory of ``path``, deepest first ('' is the top).

    >>> parent_dirs("a/b/c.yaml")
    ['a/b', 'a', '']
    """
    out = []
    cur = posixpath.dirname(path)
    while cur:
        out.append(cur)
        cur = posixpath.dirname(cur)
    out.append("")
    return out
