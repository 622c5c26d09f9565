"""A bundle without RHOAI exits 3 and says what it holds and how to collect RHOAI as well.

The four real public OpenShift must-gathers of ../shared/samples (no RHOAI) are read in place;
the test skips when they are not there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.app import no_rhoai_message
from analyzer.bundle.layout import Root

SHARED = Path(__file__).resolve().parents[2] / "shared" / "samples"
COMMAND = ("`oc adm must-gather --image-stream=openshift/must-gather "
           "--image=quay.io/modh/must-gather:rhoai-2.25`")

# What each real must-gather holds (read with `mgscan query ... from cluster_facts, roots`).
REAL = {
    "aws": ("OpenShift 4.8.0-0.nightly-2021-07-31-065602 on platform AWS",
            "cluster ci-ln-5ylibmb-d5d6b-dfvr6, collected 2021-08-03",
            "must-gather-aws/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-eede85cb"),
    "azure": ("OpenShift 4.8.11 on platform Azure",
              "cluster ci-ln-k7vx6h2-002ac-w7gjh, collected 2021-09-13",
              "must-gather-azure/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-415e56a6"),
    "metal": ("OpenShift 4.9.0-0.nightly-2021-09-10-170926 on platform None",
              "cluster ci-ln-xj8t7ct-86010-2dmwx, collected 2021-09-14",
              "must-gather-metal/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-514b5bd4"),
    "vsphere": ("OpenShift 4.8.11 on platform VSphere",
                "cluster ci-ln-i7gzws2-8c773-jn5dn, collected 2021-09-14",
                "must-gather-vsphere/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-415e56a6"),
}


def _root(root_id: int, path: str, kind: str = "image", product: str | None = None,
          version: str | None = None) -> Root:
    return Root(root_id=root_id, input_id=0, path=path, kind=kind, image=path.split("/")[-1],
                product=product, version=version, parent_root_id=None, ts_first=None,
                ts_last=None)


@pytest.mark.slow
@pytest.mark.parametrize("platform", sorted(REAL))
def test_real_openshift_must_gather_without_rhoai(platform: str, tmp_path: Path) -> None:
    bundle = SHARED / f"must-gather-{platform}.tar.xz"
    if not bundle.is_file():
        pytest.skip(f"{bundle} not present")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "analyzer", "analyze", str(bundle), "-o",
                           str(out)], capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines  # one line, no traceback
    line = lines[0]
    held, cluster, root = REAL[platform]
    assert line.startswith(f"mgscan: error: no RHOAI version found: the bundle holds {held} "
                           f"({cluster}); collected by: openshift/must-gather 4.0-art-dev "
                           f"({root}"), line
    assert "no RHOAI must-gather image ran" in line
    assert f"Collect RHOAI as well with {COMMAND}" in line
    assert "--source-version X.Y.Z" in line
    assert not out.exists()  # nothing written for a bundle mgscan cannot analyze


def test_message_without_openshift_data_or_roots() -> None:
    text = no_rhoai_message({})
    assert text.startswith("no RHOAI version found: the bundle holds no ClusterVersion "
                           "(OpenShift version unknown), platform unknown; no must-gather "
                           "image or inspect folder found; no RHOAI must-gather image ran. ")
    assert COMMAND in text
    assert "registry.redhat.io/rhoai/odh-must-gather-rhel9:v<version>" in text


def test_message_names_three_roots_and_counts_the_rest() -> None:
    roots = [_root(0, "mg/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-" + "a" * 64,
                   product="openshift/must-gather", version="4.19"),
             _root(1, "extra", kind="inspect"),
             _root(2, "dump.yaml", kind="dump"),
             _root(3, "mg/zz-rhoai-must-gather", product="red-hat-data-services"
                   "/must-gather")]
    facts = {"ocp_version": "4.19.9", "platform": "BareMetal", "cluster_id": "c-1"}
    text = no_rhoai_message(facts, roots)
    assert "OpenShift 4.19.9 on platform BareMetal (cluster c-1)" in text
    assert ("collected by: YAML/JSON dump (dump.yaml); oc adm inspect (extra); "
            "openshift/must-gather 4.19 (mg/quay-io-openshift-release-dev-ocp-v4-0-art-dev-"
            "sha256-" + "a" * 32 + "\u2026); and 1 more.") in text
    # an RHOAI image ran (its version file was missing): the message does not deny it
    assert "no RHOAI must-gather image ran" not in text
