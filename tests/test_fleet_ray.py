"""``mgscan fleet --engine ray`` on a local Ray cluster started by the test: same verdicts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_variants import SAMPLES, fleet_rows
from click.testing import CliRunner

from analyzer.cli import cli

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _verdicts(out: Path) -> list[tuple[object, ...]]:
    return fleet_rows(out, "select bundle, cluster_id, status, coalesce(verdict, error) "
                           "from clusters order by all")


def test_ray_gives_the_same_verdicts(local_ray: None, tmp_path: Path) -> None:
    bundles = tmp_path / "in"
    bundles.mkdir()
    for name in ("workbenches", "ready-to-migrate"):
        shutil.copy(SAMPLES / f"{name}.tar.gz", bundles)
    (bundles / "broken.tar.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 100)
    runner = CliRunner()
    local = runner.invoke(cli, ["fleet", str(bundles), "-o", str(tmp_path / "local"),
                                "--jobs", "1"])
    assert local.exit_code == 0, local.stderr
    remote = runner.invoke(cli, ["fleet", str(bundles), "-o", str(tmp_path / "ray"),
                                 "--engine", "ray", "--jobs", "2"])
    assert remote.exit_code == 0, remote.stderr
    assert _verdicts(tmp_path / "ray") == _verdicts(tmp_path / "local")
    assert [v[3] for v in _verdicts(tmp_path / "ray")][1:] == ["WARNING", "FAIL"]
    assert (tmp_path / "ray" / "reports" / "in__workbenches.tar.gz" / "report.html").exists()
