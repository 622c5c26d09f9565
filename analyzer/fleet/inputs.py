"""Which bundles a fleet run reads.

Archives, bundle folders, folders searched recursively, and ``@list.txt`` files (one path per
line, ``#`` comments).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import BadInputError

_BUNDLE_MARKERS = ("namespaces", "cluster-scoped-resources", "timestamp", "version",
                   "must-gather.logs", "event-filter.html")
_ZIP = b"PK\x03\x04"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class BundleRef:
    """One bundle of the fleet: where it is, its display name and its unique file-safe slug."""

    path: Path
    name: str
    slug: str


def _is_archive(path: Path) -> bool:
    from analyzer.bundle.sniff import compression_of

    try:
        with path.open("rb") as fh:
            head = fh.read(300)
    except OSError:
        return False
    return bool(compression_of(head)) or head[257:262] == b"ustar" or head.startswith(_ZIP)


def _is_bundle_dir(path: Path) -> bool:
    """A must-gather tree: its own markers, or a ``must-gather*`` child folder that has them."""
    if any((path / m).exists() for m in _BUNDLE_MARKERS):
        return True
    return any(c.is_dir() and c.name.startswith("must-gather")
               and any((c / m).exists() for m in _BUNDLE_MARKERS) for c in _children(path))


def _children(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise BadInputError(f"{path}: cannot list folder ({exc.strerror})") from exc


def _walk(folder: Path, skip: Path | None) -> Iterable[Path]:
    for child in _children(folder):
        if skip is not None and child.resolve() == skip:
            continue
        if child.is_dir():
            if _is_bundle_dir(child):
                yield child
            else:
                yield from _walk(child, skip)
        elif child.is_file() and _is_archive(child):
            yield child


def _expand_list(listing: Path) -> list[Path]:
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{listing}: cannot read the bundle list ({exc})") from exc
    base = listing.parent
    out = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            p = Path(line)
            out.append(p if p.is_absolute() else base / p)
    return out


def expand_inputs(args: Sequence[str], out_dir: Path | None = None) -> list[BundleRef]:
    """Every bundle named by ``args``, in order, each with a unique display name and slug.

    A folder that is itself a bundle is one bundle; any other folder is searched recursively.
    Files inside ``out_dir`` are never inputs. Names are the path as given (folders: relative
    to the folder argument), so two ``mg.tar.gz`` in different folders stay apart.
    """
    skip = out_dir.resolve() if out_dir is not None else None
    found: list[tuple[Path, str]] = []
    for arg in args:
        paths = _expand_list(Path(arg[1:])) if arg.startswith("@") else [Path(arg)]
        for path in paths:
            if not path.exists():
                raise BadInputError(f"{path}: no such file or folder")
            if path.is_dir() and not _is_bundle_dir(path):
                found.extend((p, f"{path.name}/{p.relative_to(path).as_posix()}")
                             for p in _walk(path, skip))
            else:
                found.append((path, str(path)))
    seen_paths: set[Path] = set()
    slugs: set[str] = set()
    refs = []
    for path, name in found:
        real = path.resolve()
        if real in seen_paths:
            continue
        seen_paths.add(real)
        base = _SAFE.sub("_", name.strip("/").replace("/", "__")).strip("._") or "bundle"
        slug, n = base, 2
        while slug.lower() in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug.lower())
        refs.append(BundleRef(path=path, name=name, slug=slug))
    return refs
