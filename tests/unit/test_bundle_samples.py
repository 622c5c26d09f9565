"""The four real public must-gathers (../shared/samples/*.tar.xz): roots, facts, dedup, CSVs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from analyzer.ingest import ingest_paths
from analyzer.limits import Limits

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
# platform -> (OpenShift version prefix, copied CSVs range, platform type)
KNOWN = {
    "aws": ("4.8.0-0.nightly-2021-07-31", (0, 0), "AWS"),
    "azure": ("4.8.11", (128, 132), "Azure"),
    "metal": ("4.9.0-0.nightly-2021-09-10", (128, 132), "None"),  # a UPI install
    "vsphere": ("4.8.11", (128, 132), "VSphere"),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is absent"),
]


@pytest.fixture(scope="module", params=sorted(KNOWN))
def sample(request: pytest.FixtureRequest) -> dict[str, Any]:
    path = SAMPLES / f"must-gather-{request.param}.tar.xz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    con = duckdb.connect()
    summary = ingest_paths([path], con, limits=Limits(), workers=2)
    return {"name": request.param, "con": con, "summary": summary}


def q(sample: dict[str, Any], sql: str) -> list[tuple[Any, ...]]:
    return sample["con"].execute(sql).fetchall()  # type: ignore[no-any-return]


def test_zero_ingest_errors_and_many_objects(sample: dict[str, Any]) -> None:
    summary = sample["summary"]
    assert summary.errors == []
    assert summary.objects > 8000
    assert q(sample, "select format from inputs") == [("tar.xz",)]
    assert q(sample, "select count(*) from files where parse_status = 'error'") == [(0,)]


def test_roots_found(sample: dict[str, Any]) -> None:
    roots = q(sample, "select path, kind, product, version, ts_last from roots")
    images = [r for r in roots if r[1] == "image"]
    assert len(images) == 1
    path, _, product, version, ts_last = images[0]
    assert path.startswith(f"must-gather-{sample['name']}/quay-io-openshift-release-dev-")
    assert (product, version) == ("openshift/must-gather", "4.0-art-dev")
    assert ts_last and ts_last.startswith("2021-")
    assert q(sample, "select count(*) from objects where root_id is null") == [(0,)]


def test_cluster_version_and_platform(sample: dict[str, Any]) -> None:
    prefix, _, platform = KNOWN[sample["name"]]
    ((ocp, source, rhoai, plat),) = q(sample, "select ocp_version, ocp_version_source, "
                                              "rhoai_version, platform from cluster_facts")
    assert ocp.startswith(prefix)
    assert source == "clusterversion-history"
    assert rhoai is None  # no OpenShift AI on these clusters
    assert plat == platform


def test_copied_csvs_flagged(sample: dict[str, Any]) -> None:
    _, (low, high), _ = KNOWN[sample["name"]]
    ((copied,),) = q(sample, "select count(*) from objects where is_copied_csv")
    assert low <= copied <= high
    assert q(sample, "select count(*) from csvs where "
                     "(labels ->> '$.\"olm.copiedFrom\"') is not null") == [(0,)]
    if high:
        assert q(sample, "select count(*) from csvs") < [(copied,)]


def test_dedup_collapses_list_and_single_files(sample: dict[str, Any]) -> None:
    assert q(sample, "select count(*), min(sources) from clusterversions") == [(1, 2)]
    ((operators, least),) = q(sample, "select count(*), min(sources) from clusteroperators")
    assert 31 <= operators <= 33 and least >= 2
    assert q(sample, "select count(*) from (select \"group\", kind, namespace, name from "
                     "resources group by all having count(*) > 1)") == [(0,)]
    ((objects,),) = q(sample, "select count(*) from objects where not is_copied_csv "
                              "and name is not null")
    assert q(sample, "select count(*) from object_sources") == [(objects,)]
    assert sample["summary"].duplicates > 0
