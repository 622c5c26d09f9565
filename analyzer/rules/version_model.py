"""The version model: which RHOAI upgrade paths mgscan knows, as data.

The facts live in ``queries/_reference/upgrade_paths.yaml`` (source stream -> target stream,
status, lowest accepted patches), ``support_matrix.yaml`` (OpenShift minimum per target) and
``lifecycle.yaml`` (channels and support windows). The version rules join the same files as
``ref_*`` tables; this module answers the questions mgscan asks before any rule runs: is the
target known at all, and which targets are supported from a source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from analyzer.errors import UsageError
from analyzer.rules.reference import read_reference
from analyzer.rules.versions import parse_specifier, parse_version

STATUSES = ("supported", "multi_hop", "planned", "prohibited")


@dataclass(frozen=True)
class UpgradePath:
    """One row of ``upgrade_paths.yaml``."""

    from_stream: str
    to_stream: str
    status: str
    reason: str
    from_min: str | None = None
    to_min: str | None = None

    @property
    def label(self) -> str:
        """The target as a user reads it, e.g. ``3.3.2 or later 3.3.z``."""
        if self.to_min:
            return f"{self.to_min} or later {self.to_stream}.z"
        return f"{self.to_stream}.z"


def stream(version: str) -> str:
    """``major.minor`` of a tolerant version string.

    >>> stream("2.25.4"), stream("3.3")
    ('2.25', '3.3')
    """
    v = parse_version(version)
    return f"{v.major}.{v.minor}"


def _key(text: str) -> Version:
    return parse_version(text)


@dataclass(frozen=True)
class VersionModel:
    """The known upgrade paths and the streams the model names."""

    paths: tuple[UpgradePath, ...]
    streams: tuple[str, ...]  # every stream with a life-cycle or support-matrix row

    @property
    def targets(self) -> tuple[str, ...]:
        """Every known target stream, oldest first."""
        return tuple(sorted({p.to_stream for p in self.paths}, key=_key))

    @property
    def sources(self) -> tuple[str, ...]:
        """Every known source stream (path sources and life-cycle streams), oldest first."""
        return tuple(sorted({p.from_stream for p in self.paths} | set(self.streams), key=_key))

    def rows_from(self, source: str) -> tuple[UpgradePath, ...]:
        """The paths that apply to ``source``: its stream's rows, else those of its major.

        A 2.x stream without rows (2.16, 2.19, ...) migrates only through the stream that has
        them (2.25), so its targets are judged by that stream's rows.
        """
        own = tuple(p for p in self.paths if p.from_stream == stream(source))
        if own:
            return own
        major = str(parse_version(source).major)
        return tuple(p for p in self.paths if p.from_stream.split(".")[0] == major)

    def path(self, source: str, target: str) -> UpgradePath | None:
        """The row for ``source`` -> ``target`` (None when the model has no such pair)."""
        return next((p for p in self.rows_from(source) if p.to_stream == stream(target)), None)

    def supported_targets(self, source: str) -> tuple[UpgradePath, ...]:
        """Rows with status ``supported`` from ``source``, oldest target first."""
        rows = [p for p in self.rows_from(source) if p.status == "supported"]
        return tuple(sorted(rows, key=lambda p: _key(p.to_stream)))

    def check_target(self, source: str, target: str) -> None:
        """Refuse a target the model knows nothing about (same major.minor is lint mode).

        Raises:
            UsageError: the target stream is not a known target (exit 3), naming the known ones.
        """
        if stream(source) == stream(target) or stream(target) in self.targets:
            return
        raise UsageError(
            f"unknown target version {target}: mgscan knows the targets "
            f"{', '.join(t + '.x' for t in self.targets)}; supported from {source}: "
            f"{self.describe_supported(source)}")

    def describe_supported(self, source: str) -> str:
        """The supported targets from ``source`` in words (``none`` when there is none)."""
        rows = self.supported_targets(source)
        return ", ".join(p.label for p in rows) if rows else "none"

    def spec_matches(self, spec: str, side: str) -> bool:
        """True when a PEP 440 ``applies_to`` spec admits at least one known version on ``side``.

        Each known stream is tried at its ``.0`` patch and at its lowest accepted patch.
        """
        known = self.sources if side == "source" else self.targets
        specifier = parse_specifier(spec)
        candidates = {f"{s}.0" for s in known}
        candidates |= {p.from_min for p in self.paths if p.from_min and side == "source"}
        candidates |= {p.to_min for p in self.paths if p.to_min and side == "target"}
        return any(specifier.contains(parse_version(c), prereleases=True) for c in candidates)


def load_model(root: Path) -> VersionModel:
    """Read the version model from ``root/_reference`` (the ``queries/`` folder).

    Raises:
        CatalogError: a reference file is malformed.
    """
    ref = root / "_reference"
    _, rows = read_reference(ref / "upgrade_paths.yaml")
    paths = tuple(
        UpgradePath(from_stream=str(r["from_stream"]), to_stream=str(r["to_stream"]),
                    status=str(r["status"]), reason=str(r["reason"]),
                    from_min=str(r["from_min"]) if r.get("from_min") else None,
                    to_min=str(r["to_min"]) if r.get("to_min") else None)
        for r in rows)
    streams: set[str] = set()
    for stem, key in (("lifecycle", "version"), ("support_matrix", "rhoai")):
        _, extra = read_reference(ref / f"{stem}.yaml")
        streams |= {str(r[key]) for r in extra if r.get(key)}
    return VersionModel(paths=paths, streams=tuple(sorted(streams, key=_key)))


@functools.cache
def default_model() -> VersionModel:
    """The model of the installed rule folder (cached)."""
    from analyzer.rules.catalog import queries_dir

    return load_model(queries_dir())
