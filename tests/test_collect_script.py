"""`collect-commands --format script`: a POSIX sh script that really runs, with a fake `oc`."""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "sample_bundles"
FAKE_OC = """#!/bin/sh
echo "$*" >> "$OC_LOG"
case "$1 $2" in
  "adm must-gather") mkdir -p must-gather/must-gather.local.1 && echo mg > must-gather/x ;;
  "adm inspect") case "$*" in *rayjobs*) exit 1 ;; esac; mkdir -p rhoai-extra ;;
  "get "*) echo "kind: List" ;;
esac
"""


def _script(*args: str) -> str:
    result = CliRunner().invoke(cli, ["collect-commands", *args, "--format", "script"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_script_runs_must_gather_extras_and_tar(tmp_path: Path) -> None:
    script = _script(str(SAMPLES / "rhoai-2x-no-workload-crs.tar.gz"))
    assert script.startswith("#!/bin/sh\n# ")
    assert "--image-stream=openshift/must-gather --image=quay.io/modh/must-gather:rhoai-2." \
        in script
    assert "# notebooks" in script and "needed by" in script
    (tmp_path / "collect.sh").write_text(script)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "oc").write_text(FAKE_OC)
    (bindir / "oc").chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}",
           "OC_LOG": str(tmp_path / "oc.log")}
    for shell in ("sh", "dash"):
        if subprocess.run(["sh", "-c", f"command -v {shell}"], capture_output=True).returncode:
            continue
        proc = subprocess.run([shell, str(tmp_path / "collect.sh"), f"case-{shell}"], cwd=work,
                              env=env, capture_output=True, text=True, check=False, timeout=60)
        assert proc.returncode == 0, proc.stderr
        archive = work / f"case-{shell}.tar.gz"
        assert f"Attach this file to the support case: {archive}" in proc.stdout
        assert "warning: could not collect: oc adm inspect -A --dest-dir=rhoai-extra rayjobs" \
            in proc.stderr
        with tarfile.open(archive) as tar:
            names = tar.getnames()
        assert f"case-{shell}/must-gather/x" in names
    calls = (tmp_path / "oc.log").read_text().splitlines()
    assert calls[0] == "whoami"
    assert calls[1].startswith("adm must-gather --image-stream=openshift/must-gather --image=")
    assert any(c.startswith("adm inspect") and "notebooks" in c for c in calls)


def test_script_without_bundle_covers_the_supplementary_kinds() -> None:
    script = _script()
    listing = CliRunner().invoke(cli, ["collect-commands"]).output.splitlines()
    assert "everything the catalogue reads" in script
    for command in listing[1:]:
        assert command.replace("'", "'\"'\"'") in script
    assert script.rstrip().endswith('$PWD/$OUT.tar.gz"')
