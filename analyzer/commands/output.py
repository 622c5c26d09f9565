"""Where ``analyze`` writes: checks on ``-o``, one folder per cluster, ``-o -`` to stdout.

A report folder carries a manifest (``.mgscan-report.json``) naming the cluster, the inputs
and the files of the run that wrote it. A folder holding another cluster's (or another run's)
report, or files mgscan did not write, is refused unless ``--force``; a run that may write
there replaces the whole set of report files, so no stale report stays beside a new one.
Files mgscan did not write are never removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analyzer.errors import BadInputError
from analyzer.report.atomic import write_atomic
from analyzer.report.common import FILE_NAMES, TEXT_FORMATS
from analyzer.safetext import visible

MANIFEST = ".mgscan-report.json"
STDOUT = Path("-")
_OWN = frozenset(FILE_NAMES.values()) | {MANIFEST}
_OWN_PATTERN = re.compile(r"^(mgscan-crash-.*\.txt|\.report\..*\.tmp)$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _show(path: Path) -> str:
    return visible(os.fsdecode(path))


def check_destination(out_dir: Path | None, formats: Sequence[str]) -> None:
    """Refuse an ``-o`` that cannot hold a report folder, before any work is done."""
    if out_dir == STDOUT:
        if len(formats) != 1 or formats[0] not in TEXT_FORMATS:
            raise BadInputError(f"-o - writes one text format to stdout; give --format with "
                                f"one of {', '.join(TEXT_FORMATS)} (got {','.join(formats)})")
        return
    if out_dir is None:
        out_dir = Path(".")
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInputError(f"{_show(out_dir)}: -o names an existing file, not a folder")
    existing = out_dir
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise BadInputError(f"{_show(out_dir)}: cannot create a folder below "
                            f"{_show(existing)}, which is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise BadInputError(f"{_show(existing)}: folder is read-only; choose another -o")
    try:  # root passes os.access everywhere: a probe folder (removed at once) tells the truth
        os.rmdir(tempfile.mkdtemp(prefix=".mgscan-probe-", dir=existing))
    except OSError as exc:
        raise BadInputError(f"{_show(existing)}: cannot write in this folder "
                            f"({exc.strerror or exc}); choose another -o") from exc


def default_dir(report: Mapping[str, Any]) -> Path:
    """``mgscan-report-<infrastructure name>``, or ``mgscan-report`` when it is unknown."""
    name = (report.get("cluster") or {}).get("infrastructure_name")
    safe = _UNSAFE_NAME.sub("-", str(name)).strip(".-")[:100] if name else ""
    return Path(f"mgscan-report-{safe}" if safe else "mgscan-report")


def _identity(report: Mapping[str, Any]) -> dict[str, Any]:
    cluster = report.get("cluster") or {}
    return {"id": cluster.get("id"), "infrastructure_name": cluster.get("infrastructure_name"),
            "api_url": cluster.get("api_url"),
            "inputs": sorted(str(i.get("sha256")) for i in report.get("inputs") or [])}


def _describe(ident: Mapping[str, Any]) -> str:
    for key, label in (("id", "cluster"), ("infrastructure_name", "cluster"),
                       ("api_url", "cluster at")):
        if ident.get(key):
            return f"{label} {visible(str(ident[key]))}"
    digests = ident.get("inputs") or []
    return "inputs " + ", ".join(str(d)[:12] for d in digests) if digests else "unknown inputs"


def _same_cluster(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    for key in ("id", "infrastructure_name", "api_url"):
        if old.get(key) and new.get(key):
            return bool(old[key] == new[key])
    return bool(old.get("inputs") == new.get("inputs"))


def _read_previous(out_dir: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The identity of the report already in ``out_dir`` (manifest, else report.json)."""
    files: list[str] = []
    for source in (out_dir / MANIFEST, out_dir / FILE_NAMES["json"]):
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        if source.name == MANIFEST and isinstance(data.get("identity"), dict):
            files = [f for f in data.get("files") or [] if f in _OWN]
            return data["identity"], files
        if data.get("schema_version") == 1 and isinstance(data.get("cluster"), dict):
            return _identity(data), files
    return None, files


def claim(out_dir: Path, report: Mapping[str, Any], force: bool) -> list[str]:
    """Check that this run may write into ``out_dir``; return the stale report files to remove.

    Raises:
        BadInputError: the folder holds another cluster's or run's report, or foreign files,
            and ``force`` is not set.
    """
    if not out_dir.is_dir():
        return []
    names = sorted(os.fsdecode(p.name) for p in out_dir.iterdir())
    ours = [n for n in names if n in _OWN or _OWN_PATTERN.match(n)]
    foreign = [n for n in names if n not in ours]
    previous, listed = _read_previous(out_dir)
    reports = [n for n in ours if n in FILE_NAMES.values()]
    if not force:
        if foreign:
            shown = ", ".join(visible(n) for n in foreign[:5])
            more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            raise BadInputError(f"{_show(out_dir)}: folder holds files mgscan did not write "
                                f"({shown}{more}); choose another -o, or --force to write the "
                                "report beside them")
        new = _identity(report)
        if reports and (previous is None or not _same_cluster(previous, new)):
            what = _describe(previous) if previous else "an unidentified run"
            raise BadInputError(f"{_show(out_dir)}: folder holds the report of {what}, not of "
                                f"{_describe(new)}; choose another -o, or --force to replace it")
    return sorted(set(reports) | set(listed))


def write_manifest(out_dir: Path, report: Mapping[str, Any], files: Sequence[Path]) -> None:
    """Record which cluster and which files this folder's report set belongs to."""
    doc = {"tool": "mgscan", "generated_at": report.get("generated_at"),
           "identity": _identity(report), "files": sorted(p.name for p in files)}
    write_atomic(out_dir / MANIFEST, json.dumps(doc, indent=2, ensure_ascii=True) + "\n")


def deliver(report: Mapping[str, Any], out_dir: Path | None, formats: Sequence[str],
            fail_on: str, force: bool) -> list[Path]:
    """Write the report where ``-o`` says; return the paths written (none for ``-o -``)."""
    from analyzer.report.writers import render_report, write_reports

    if out_dir == STDOUT:
        text = render_report(report, formats[0], fail_on)
        sys.stdout.write(text)
        sys.stdout.flush()
        return []
    target = out_dir if out_dir is not None else default_dir(report)
    check_destination(target, formats)
    stale = claim(target, report, force)
    try:
        written = write_reports(report, target, list(formats), fail_on)
    except OSError as exc:
        raise BadInputError(f"{_show(target)}: cannot write the report "
                            f"({exc.strerror or exc})") from exc
    keep = {p.name for p in written}
    for name in stale:
        if name not in keep:
            with contextlib.suppress(FileNotFoundError):
                (target / name).unlink()
    write_manifest(target, report, written)
    return written
