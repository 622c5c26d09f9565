"""The vendor build the catalogue matches as a whole (``queries/_reference/vendor_build.yaml``).

Each rule that follows a newer vendor commit than the catalogue's build says so in its
``vendor_commit`` front-matter; ``docs/parity.md``, ``mgscan rules list`` and report.json
``tool.vendor_build`` show both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analyzer.rules.catalog import CatalogError
from analyzer.rules.reference import read_reference

_KEYS = ("name", "repository", "commit", "release", "date", "checks")


def vendor_build(root: Path) -> dict[str, Any]:
    """Return ``{name, repository, commit, release, date, checks}`` of the matched vendor build.

    Raises:
        CatalogError: the file is missing a key or holds more than one row.
    """
    path = root / "_reference" / "vendor_build.yaml"
    _, rows = read_reference(path)
    if len(rows) != 1 or any(k not in rows[0] for k in _KEYS):
        raise CatalogError(f"{path}:1: vendor_build.yaml needs one row with {', '.join(_KEYS)}")
    row = rows[0]
    return {"name": str(row["name"]), "repository": str(row["repository"]),
            "commit": str(row["commit"]), "release": str(row["release"]),
            "date": str(row["date"]), "checks": int(row["checks"])}


def vendor_build_label(build: dict[str, Any]) -> str:
    """One line naming the build, e.g. ``rhai-cli 3.3.2 (opendatahub-io/odh-cli e95e7f5, …)``."""
    return (f"{build['name']} {build['release']} ({build['repository']} {build['commit']}, "
            f"{build['date']}, {build['checks']} registered checks)")
