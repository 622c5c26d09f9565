"""Split uploads: ``name.tar.gz-00``, ``-01``, … or ``name.partaa``, ``.partab``, …."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_NUMERIC = re.compile(r"^(?P<base>.+?)[-.](?P<idx>\d{2,3})$")
_ALPHA = re.compile(r"^(?P<base>.+?)\.part(?P<idx>[a-z]{2})$")


def split_parts(path: Path) -> list[str]:
    """Return every part of the split archive ``path`` belongs to, in order.

    A path that is not a recognised part returns ``[str(path)]``. Parts are ordered by their
    suffix, whatever order the user gave; gaps in the numbering, and a part number present
    twice (``x.tar.gz-01`` beside ``x.tar.gz.01`` or ``x.tar.gz-001``), raise ``BadInputError``
    naming the parts.
    """
    from analyzer.errors import BadInputError

    name = path.name
    for pattern, alpha in ((_NUMERIC, False), (_ALPHA, True)):
        m = pattern.match(name)
        if not m:
            continue
        base = m.group("base")
        siblings: list[tuple[str, Path]] = []
        for sib in path.parent.iterdir():
            sm = pattern.match(sib.name)
            if sm and sm.group("base") == base and sib.is_file():
                siblings.append((sm.group("idx"), sib))
        siblings.sort()
        if len(siblings) < 2 and not alpha and m.group("idx") not in ("00", "000"):
            return [str(path)]
        indexes = [_index(i, alpha) for i, _ in siblings]
        repeated = sorted({idx for idx, count in Counter(indexes).items() if count > 1})
        if repeated:
            names = ", ".join(sorted(sib.name for i, sib in siblings
                                     if _index(i, alpha) in repeated))
            parts = ", ".join(_label(i, alpha) for i in repeated)
            raise BadInputError(f"{path}: split archive part {parts} appears twice in the set "
                                f"'{base}' ({names}); keep one copy of each part")
        expected = list(range(indexes[0], indexes[0] + len(indexes)))
        if indexes != expected or indexes[0] not in (0, 1):
            start = 0 if indexes[0] == 0 else 1
            missing = sorted(set(range(start, indexes[-1] + 1)) - set(indexes))
            raise BadInputError(f"{path}: split archive is missing part(s) {missing} of '{base}'")
        return [str(p) for _, p in siblings]
    return [str(path)]


def canonical_inputs(paths: list[Path]) -> list[Path]:
    """Collapse the parts of one split archive given separately into a single input.

    ``mgscan analyze x.tar.gz-02 x.tar.gz-00 x.tar.gz-01`` names one archive three times; each
    part opens the whole set, so only its first part is kept (at the position of the first part
    the user named). Other paths pass through unchanged, duplicates are dropped.

    Raises:
        BadInputError: a split set with a gap in its numbering.
    """
    out: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        key = str(path)
        if path.is_file():
            key = split_parts(path)[0]
            path = Path(key) if key != str(path) else path
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _label(index: int, alpha: bool) -> str:
    """The suffix a part number is written with (``01``, ``ab``)."""
    return chr(97 + index // 26) + chr(97 + index % 26) if alpha else f"{index:02d}"


def _index(idx: str, alpha: bool) -> int:
    if not alpha:
        return int(idx)
    return (ord(idx[0]) - 97) * 26 + (ord(idx[1]) - 97)
