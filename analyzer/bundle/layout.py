"""Find and classify the inspect roots inside one input's path list.

A root is a directory holding ``namespaces/`` or ``cluster-scoped-resources/`` (an
``oc adm inspect`` tree), an Insights archive tree (``config/version.json`` beside
``insights-operator/gathers.json`` or ``config/id``), or a plain dump file. Roots nest: the RHOAI
and OpenShift image directories, ``inspect.local.*`` fallbacks, ``istio/`` and supplementary
``--dest-dir`` trees are all separate roots.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

IMAGE_DIR = re.compile(r"-sha256-[0-9a-f]{64}$")
RHOAI_PRODUCTS = ("red-hat-data-services/must-gather", "opendatahub/must-gather")
_TS = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-]\d{4})")


@dataclass(frozen=True)
class Root:
    """One inspect root (or dump) inside an input."""

    root_id: int
    input_id: int
    path: str  # bundle-relative directory ('' = the input's top); a file path for dumps
    kind: str  # image | inspect | insights | dump
    image: str | None
    product: str | None
    version: str | None
    parent_root_id: int | None
    ts_first: str | None
    ts_last: str | None


def parse_version_file(body: bytes) -> tuple[str | None, str | None]:
    """Return (product, version) from a must-gather ``version`` file.

    >>> parse_version_file(b'red-hat-data-services/must-gather\\n2.25.4\\n')
    ('red-hat-data-services/must-gather', '2.25.4')
    >>> parse_version_file(b'x\\n"rhods-operator.2.25.0"\\n')
    ('x', 'rhods-operator.2.25.0')
    >>> parse_version_file(b'')
    (None, None)
    """
    lines = [ln.strip() for ln in body.decode("utf-8", "replace").splitlines() if ln.strip()]
    product = lines[0][:200] if lines else None
    version = lines[1].strip('"')[:200] if len(lines) > 1 else None
    return product, version


def parse_timestamps(body: bytes) -> tuple[str | None, str | None]:
    """Return the first and last times of a ``timestamp`` file as RFC 3339 UTC strings.

    >>> parse_timestamps(b'2026-11-01 10:00:00.123 +0000 UTC m=+0.1\\n'
    ...                  b'2026-11-01 12:05:00 +0200 CEST m=+300\\n')
    ('2026-11-01T10:00:00Z', '2026-11-01T10:05:00Z')
    >>> parse_timestamps(b'0001-01-01 00:00:00 +0100 X m=+0.1\\n')
    (None, None)
    """
    stamps: list[datetime] = []
    for line in body.decode("utf-8", "replace").splitlines():
        m = _TS.match(line.strip())
        if not m:
            continue
        try:  # a date out of range (year 1 at +01:00) is an unreadable line, like a bad one
            stamps.append(datetime.strptime(" ".join(m.groups()), "%Y-%m-%d %H:%M:%S %z")
                          .astimezone(UTC))
        except (ValueError, OverflowError):
            continue
    if not stamps:
        return None, None
    utc = sorted(stamps)
    return utc[0].strftime("%Y-%m-%dT%H:%M:%SZ"), utc[-1].strftime("%Y-%m-%dT%H:%M:%SZ")


# An Insights archive's root: the folder holding config/version.json and one of its siblings.
INSIGHTS_VERSION = "config/version.json"
INSIGHTS_SIBLINGS = ("insights-operator/gathers.json", "config/id")


def find_roots(input_id: int, paths: Iterable[str], small_files: Mapping[str, bytes],
               dump_files: Iterable[str] = (), first_root_id: int = 0) -> list[Root]:
    """Classify every root of one input from its file list.

    Args:
        input_id: the input the paths belong to.
        paths: every file path of the input (bundle-relative).
        small_files: bodies of ``version`` and ``timestamp`` files, keyed by path.
        dump_files: structured files that are not inside any inspect tree (become dump roots).
        first_root_id: the id to give the first root (ids are global across inputs).
    """
    dirs: set[str] = set()
    all_paths = set(paths)
    for p in all_paths:
        # Only the first tree marker of a path names a root: what lies below
        # ``namespaces/<ns>/`` is that namespace's data, so a path nesting ``namespaces/`` 300
        # times costs one root, not 300 (discovery stays linear in the input).
        cut = first_marker(p)
        if cut is not None:
            dirs.add(cut)
        if p.endswith(INSIGHTS_VERSION):
            base = p[: -len(INSIGHTS_VERSION)].rstrip("/")
            if any(f"{base}/{sibling}".lstrip("/") in all_paths
                   for sibling in INSIGHTS_SIBLINGS):
                dirs.add(base)
    for p in small_files:  # image dirs with a version file but no inspect tree still count
        if posixpath.basename(p) == "version" and IMAGE_DIR.search(posixpath.dirname(p)):
            dirs.add(posixpath.dirname(p))
    roots: list[Root] = []
    ids: dict[str, int] = {}
    for rid, d in enumerate(sorted(dirs, key=lambda x: (x.count("/"), x)), first_root_id):
        ids[d] = rid
        parent = next((ids[a] for a in _ancestors(d) if a in ids), None)
        product, version = parse_version_file(small_files.get(_join(d, "version"), b""))
        ts_first, ts_last = parse_timestamps(small_files.get(_join(d, "timestamp"), b""))
        base = posixpath.basename(d)
        insights = _join(d, INSIGHTS_VERSION) in all_paths
        if insights:
            kind = "insights"
        elif _join(d, "version") in small_files or IMAGE_DIR.search(base):
            kind = "image"
        else:
            kind = "inspect"
        roots.append(Root(rid, input_id, d, kind, base if kind == "image" else None,
                          product, version, parent, ts_first, ts_last))
    next_id = first_root_id + len(roots)
    for i, f in enumerate(sorted(set(dump_files))):
        roots.append(Root(next_id + i, input_id, f, "dump", None, None, None, None, None, None))
    return roots


def first_marker(path: str) -> str | None:
    """The directory above the first ``namespaces``/``cluster-scoped-resources`` component.

    >>> first_marker("mg/namespaces/a/namespaces/b/x.yaml"), first_marker("x.yaml")
    ('mg', None)
    """
    best: int | None = None
    for marker in ("namespaces/", "cluster-scoped-resources/"):
        at = 0 if path.startswith(marker) else path.find("/" + marker)  # a whole component
        if at >= 0 and (best is None or at < best):
            best = at
    if best is None:
        return None
    return path[:best]


def _ancestors(d: str) -> list[str]:
    out = []
    while d:
        d = posixpath.dirname(d)
        out.append(d)
    return out


def _join(d: str, name: str) -> str:
    return f"{d}/{name}" if d else name


def root_of(path: str, roots_by_path: Mapping[str, int]) -> int | None:
    """Return the id of the deepest root containing ``path`` (or the dump root of that file)."""
    if path in roots_by_path:
        return roots_by_path[path]
    d = posixpath.dirname(path)
    while True:
        if d in roots_by_path:
            return roots_by_path[d]
        if not d:
            return None
        d = posixpath.dirname(d)


def root_lookup(roots_by_path: Mapping[str, int]) -> Callable[[str], int | None]:
    """:func:`root_of` for the many paths of one input: each directory is resolved once.

    A bundle has tens of thousands of files in a few thousand directories; walking every
    file's ancestors again cost most of the root assignment.
    """
    memo: dict[str, int | None] = {}

    def lookup(path: str) -> int | None:
        if path in roots_by_path:
            return roots_by_path[path]
        d = posixpath.dirname(path)
        if d in memo:
            return memo[d]
        chain = []  # directories walked up from ``d`` until one is known (no recursion)
        while True:
            if d in memo:
                found = memo[d]
                break
            if d in roots_by_path:
                found = roots_by_path[d]
                break
            if not d:
                found = None
                break
            chain.append(d)
            d = posixpath.dirname(d)
        for walked in chain:
            memo[walked] = found
        return found

    return lookup


def is_rhoai_image(root: Root) -> bool:
    """Tell whether a root is the RHOAI / ODH must-gather image directory."""
    return root.kind == "image" and (root.product or "") in RHOAI_PRODUCTS
