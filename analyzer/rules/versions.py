"""Version parsing and matching, tolerant like the vendor tool (``3.3`` means ``3.3.0``)."""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

_VERSION_RE = re.compile(r"v?(\d+(?:\.\d+){0,2})")


def parse_version(text: str) -> Version:
    """Parse a release version; missing minor/patch parts count as zero.

    Leading ``v`` and trailing build or pre-release text are ignored.

    >>> str(parse_version("3.3"))
    '3.3.0'
    >>> str(parse_version("v2.25.4-rc1"))
    '2.25.4'

    Raises:
        ValueError: the text holds no version number.
    """
    match = _VERSION_RE.match(text.strip()) if text else None
    if not match:
        raise ValueError(f"invalid version {text!r}: expected X.Y or X.Y.Z")
    parts = [int(p) for p in match.group(1).split(".")]
    while len(parts) < 3:
        parts.append(0)
    try:
        return Version(".".join(str(p) for p in parts))
    except InvalidVersion as exc:  # pragma: no cover - the regex only lets digits through
        raise ValueError(f"invalid version {text!r}") from exc


def normalize(text: str) -> str:
    """Return ``X.Y.Z`` for a tolerant version string.

    >>> normalize("3.3")
    '3.3.0'
    """
    return str(parse_version(text))


def same_minor(a: str, b: str) -> bool:
    """Tell whether two versions share major and minor.

    >>> same_minor("2.25.4", "2.25"), same_minor("2.25.4", "3.3.2")
    (True, False)
    """
    va, vb = parse_version(a), parse_version(b)
    return (va.major, va.minor) == (vb.major, vb.minor)


def parse_specifier(spec: str) -> SpecifierSet:
    """Parse a PEP 440 specifier set such as ``">=2.0,<3.0"``.

    Raises:
        ValueError: the specifier is invalid.
    """
    try:
        return SpecifierSet(spec)
    except InvalidSpecifier as exc:
        raise ValueError(f"invalid version specifier {spec!r}: {exc}") from exc


def matches(version: str, spec: str | None) -> bool:
    """Tell whether ``version`` satisfies ``spec`` (an absent spec matches everything).

    >>> matches("2.25.4", ">=2.0,<3.0"), matches("3.3", ">=3.3"), matches("3.0", None)
    (True, True, True)
    """
    if not spec:
        return True
    return parse_specifier(spec).contains(parse_version(version), prereleases=True)
