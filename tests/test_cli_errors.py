"""Every bad input to the CLI is one clear line and exit 3: never a traceback, nothing written.

The whole CLI runs in a subprocess (``python -m analyzer``) over each case, as a user would run
it; any "Traceback" on stderr fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_bundles" / "ready-to-migrate.tar.gz"
HUGE = "9" * 5000


def _mgscan(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "XDG_STATE_HOME": str(cwd / "state")}
    return subprocess.run([sys.executable, "-m", "analyzer", *args], cwd=cwd, env=env,
                          capture_output=True, check=False, timeout=300)


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _out_is_file(tmp: Path) -> list[str | bytes]:
    (tmp / "taken.txt").write_text("mine")
    return ["analyze", str(SAMPLE), "-o", "taken.txt"]


def _out_below_file(tmp: Path) -> list[str | bytes]:
    (tmp / "taken.txt").write_text("mine")
    return ["analyze", str(SAMPLE), "-o", "taken.txt/report"]


def _out_read_only(tmp: Path) -> list[str | bytes]:
    if os.geteuid() == 0:  # root writes through a 0555 folder: use one nobody can write in
        return ["analyze", str(SAMPLE), "-o", "/proc/mgscan-report"]
    ro = tmp / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return ["analyze", str(SAMPLE), "-o", "ro/report"]


def _huge_source_flag(tmp: Path) -> list[str | bytes]:
    return ["analyze", str(SAMPLE), "--source-version", f"2.{HUGE}.1", "-o", "out"]


def _dump(tmp: Path, rhoai: str, ocp: str) -> Path:
    path = tmp / "cluster.yaml"
    path.write_text(
        "apiVersion: config.openshift.io/v1\nkind: ClusterVersion\nmetadata: {name: version}\n"
        f"status: {{desired: {{version: '{ocp}'}}}}\n---\n"
        "apiVersion: operators.coreos.com/v1alpha1\nkind: ClusterServiceVersion\n"
        "metadata: {name: rhods-operator.2.25.4, namespace: redhat-ods-operator}\n"
        f"spec: {{version: '{rhoai}'}}\n")
    return path


def _huge_rhoai_in_bundle(tmp: Path) -> list[str | bytes]:
    return ["analyze", str(_dump(tmp, f"2.{HUGE}.4", "4.19.12")), "-o", "out"]


def _huge_ocp_in_bundle(tmp: Path) -> list[str | bytes]:
    return ["analyze", str(_dump(tmp, "2.25.4", f"4.{HUGE}.1")), "-o", "out"]


def _non_utf8_name(tmp: Path) -> list[str | bytes]:
    name = os.fsencode(tmp) + b"/bundle-\xff\xfe.tar.gz"
    shutil.copy(SAMPLE, name)
    return ["analyze", name, "-o", "out"]


def _diff_malformed(tmp: Path) -> list[str | bytes]:
    (tmp / "a.json").write_text(json.dumps({"schema_version": 1, "verdict": "FAIL",
                                            "cluster": {}, "results": [{"rule_id": 7}]}))
    return ["diff", "a.json", "a.json"]


def _diff_not_json(tmp: Path) -> list[str | bytes]:
    (tmp / "a.json").write_text('{"schema_version": 1, "results": [')
    return ["diff", "a.json", "a.json"]


def _fleet_collision(tmp: Path) -> list[str | bytes]:
    (tmp / "in").mkdir()
    shutil.copy(SAMPLE, tmp / "in" / "fleet.json")
    return ["fleet", "in", "-o", "fleet-out"]


def _stdout_with_html(tmp: Path) -> list[str | bytes]:
    return ["analyze", str(SAMPLE), "-o", "-", "--format", "html"]


CASES: dict[str, tuple[Callable[[Path], list[str | bytes]], str]] = {
    "output-is-a-file": (_out_is_file, "names an existing file"),
    "output-below-a-file": (_out_below_file, "which is a file"),
    "output-read-only": (_out_read_only, "folder"),
    "huge-source-version-flag": (_huge_source_flag, "5,004 characters"),
    "huge-rhoai-version-in-bundle": (_huge_rhoai_in_bundle, "is not a version"),
    "huge-ocp-version-in-bundle": (_huge_ocp_in_bundle, "is not a version"),
    "non-utf8-file-name": (_non_utf8_name, "not valid UTF-8"),
    "diff-malformed-report": (_diff_malformed, "malformed report.json"),
    "diff-truncated-report": (_diff_not_json, "not a readable report.json"),
    "stdout-needs-a-text-format": (_stdout_with_html, "one text format"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_and_exit_3(tmp_path: Path, case: str) -> None:
    make, needle = CASES[case]
    args = make(tmp_path)
    before = _files(tmp_path)
    proc = _mgscan(*args, cwd=tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert proc.returncode == 3, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mgscan: error: "), err
    assert needle in lines[0]
    assert lines[0].isprintable()
    assert proc.stdout == b""
    assert _files(tmp_path) == before  # nothing half-written (no folder, no crash file)


@pytest.mark.slow
def test_out_of_range_timestamp_is_ignored_not_a_crash(tmp_path: Path) -> None:
    tree = tmp_path / "bundle"
    shutil.unpack_archive(SAMPLE, tree)
    stamps = list(tree.rglob("timestamp"))
    assert stamps
    for stamp in stamps:
        stamp.write_text("0001-01-01 00:00:00 +0100 X m=+0.1\n"
                         "9999-12-31 23:59:59 -0100 X m=+0.1\n")
    proc = _mgscan("analyze", str(tree), "-o", "out", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in proc.stderr.decode()
    assert proc.returncode in (0, 1, 2), proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["cluster"]["collected_at"] is None


@pytest.mark.slow
def test_fleet_bundle_named_like_an_output_file_cannot_collide(tmp_path: Path) -> None:
    """Per-bundle reports live under ``reports/<slug>/``: a bundle called fleet.json is harmless."""
    args = _fleet_collision(tmp_path)
    proc = _mgscan(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    summary = json.loads((tmp_path / "fleet-out" / "fleet.json").read_text(encoding="utf-8"))
    assert isinstance(summary, dict)  # fleet's own summary, not the bundle copied over it
    assert (tmp_path / "in" / "fleet.json").read_bytes() == SAMPLE.read_bytes()  # input intact
    reports = sorted((tmp_path / "fleet-out" / "reports").glob("*/report.json"))
    assert len(reports) == 1
