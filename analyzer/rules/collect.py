"""The ``oc`` commands that gather what the analysis needs (``mgscan collect-commands``).

Without a bundle: the full must-gather with both images (bundle-format.md §8.1) plus every
supplementary command a 2.x must-gather needs (§8.2). With a bundle's coverage: only the
commands for kinds that were not collected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analyzer.rules.catalog import queries_dir
from analyzer.rules.reference import read_reference
from analyzer.rules.versions import parse_version

DEFAULT_APP_NAMESPACE = "redhat-ods-applications"
_GAP_SOURCES = ("rhoai_3_3", "supplementary")
_MUST_GATHER_SOURCES = ("default", "rhoai")


def rhoai_image(rhoai_version: str | None = None) -> str:
    """Return the RHOAI must-gather image for a cluster version (default: rhoai-2.25).

    >>> rhoai_image("2.19.1"), rhoai_image("3.3.2")
    ('quay.io/modh/must-gather:rhoai-2.19', 'registry.redhat.io/rhoai/odh-must-gather-rhel9:v3.3.2')
    """
    try:
        version = parse_version(rhoai_version) if rhoai_version else None
    except ValueError:
        version = None
    if version is not None and version.major >= 3:
        return f"registry.redhat.io/rhoai/odh-must-gather-rhel9:v{version}"
    minor = version.minor if version is not None and version.major == 2 else 25
    return f"quay.io/modh/must-gather:rhoai-2.{minor}"


def must_gather_command(rhoai_version: str | None = None) -> str:
    """Return the ``oc adm must-gather`` command with the default and the RHOAI image."""
    return ("oc adm must-gather --image-stream=openshift/must-gather "
            f"--image={rhoai_image(rhoai_version)}")


def _collection_rows(root: Path | None) -> list[dict[str, Any]]:
    _, rows = read_reference((root or queries_dir()) / "_reference" / "collection.yaml")
    return sorted(rows, key=lambda r: str(r["kind"]))


def collect_commands(coverage: Sequence[Mapping[str, Any]] | None = None, *,
                     rhoai_version: str | None = None,
                     app_namespace: str | None = None,
                     root: Path | None = None) -> list[str]:
    """Return the commands to run, deduplicated, must-gather first, then by kind.

    Args:
        coverage: ``compute_coverage`` rows of a bundle, or None for a fresh collection.
        rhoai_version: picks the RHOAI must-gather image tag.
        app_namespace: replaces ``{app_namespace}`` (default ``redhat-ods-applications``).
        root: the ``queries/`` folder (default: :func:`queries_dir`).
    """
    rows = _collection_rows(root)
    ns = app_namespace or DEFAULT_APP_NAMESPACE
    commands: list[str] = []
    if coverage is None:
        commands.append(must_gather_command(rhoai_version))
        wanted = [r for r in rows if r["collected_by"] in _GAP_SOURCES]
    else:
        missing = {str(c["kind"]) for c in coverage if c.get("status") == "not_collected"}
        wanted = [r for r in rows if r["kind"] in missing]
        if any(r["collected_by"] in _MUST_GATHER_SOURCES for r in wanted):
            commands.append(must_gather_command(rhoai_version))
    for row in wanted:
        command = str(row["command"]).replace("{app_namespace}", ns)
        if command not in commands:
            commands.append(command)
    return commands
