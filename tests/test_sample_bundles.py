"""The committed sample bundles match their generator and carry the scenario facts.

The generator (sample_bundles/build.py) is run once into a temporary directory;
every committed archive must be byte-identical to its rebuild, so the archives
can never drift from the code that documents them.
"""

from __future__ import annotations

import base64
import gzip
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_bundles"
STEMS = [
    "kueue-managed",
    "llamastack",
    "modelmesh-serverless",
    "ocp-too-old",
    "ready-to-migrate",
    "rhoai-2x-no-workload-crs",
    "source-2.25.3",
    "upgrade-3.3-to-3.4",
    "upgrade-3.4-to-3.5",
    "workbenches",
]
CFG = r"cluster-scoped-resources/config\.openshift\.io/"
DSC = r"cluster-scoped-resources/datasciencecluster\.opendatahub\.io/datascienceclusters/"
DSC += r"default-dsc\.yaml$"
DSCI = r"cluster-scoped-resources/dscinitialization\.opendatahub\.io/dscinitializations/"
DSCI += r"default-dsci\.yaml$"
APPS = r"namespaces/redhat-ods-applications/"
OLM = r"namespaces/redhat-ods-operator/operators\.coreos\.com/"
DEFAULT_IMAGE = re.compile(r"^quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-[0-9a-f]{64}/")
RHOAI_IMAGE = re.compile(r"^quay-io-modh-must-gather-sha256-[0-9a-f]{64}/")
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    subprocess.run(
        [sys.executable, str(SAMPLES / "build.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return out


class Bundle:
    """Member names and bodies of one archive, with the top directory stripped."""

    def __init__(self, path: Path) -> None:
        self.files: dict[str, bytes] = {}
        self.tops: set[str] = set()
        self.members: list[tarfile.TarInfo] = []
        with tarfile.open(path) as tar:
            for m in tar.getmembers():
                self.members.append(m)
                top, _, rel = m.name.partition("/")
                self.tops.add(top)
                if m.isfile():
                    fh = tar.extractfile(m)
                    assert fh is not None
                    self.files[rel] = fh.read()

    def one(self, pattern: str) -> str:
        """Return the single member path matching ``pattern`` (a regex on the relative path)."""
        hits = sorted(p for p in self.files if re.search(pattern, p))
        assert len(hits) == 1, f"{pattern}: {hits}"
        return hits[0]

    def doc(self, pattern: str) -> Any:
        return yaml.load(self.files[self.one(pattern)], Loader=Loader)

    def items(self, pattern: str) -> Iterator[dict[str, Any]]:
        for path in sorted(p for p in self.files if re.search(pattern, p)):
            d = yaml.load(self.files[path], Loader=Loader)
            yield from d.get("items") or []


@pytest.fixture(scope="module")
def bundles() -> dict[str, Bundle]:
    return {stem: Bundle(SAMPLES / f"{stem}.tar.gz") for stem in STEMS}


def test_committed_set_matches_generator(rebuilt: Path) -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.tar.gz")) == sorted(f"{s}.tar.gz" for s in STEMS)
    assert sorted(p.name for p in rebuilt.glob("*.tar.gz")) == sorted(f"{s}.tar.gz" for s in STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_rebuild_is_byte_identical(rebuilt: Path, stem: str) -> None:
    committed = (SAMPLES / f"{stem}.tar.gz").read_bytes()
    fresh = (rebuilt / f"{stem}.tar.gz").read_bytes()
    assert gzip.decompress(committed) == gzip.decompress(fresh), (
        f"{stem}: content drifted from sample_bundles/build.py; run `make samples` and commit"
    )
    assert committed == fresh, f"{stem}: same tar, different gzip bytes (zlib build differs?)"


def test_sizes_stay_small() -> None:
    sizes = {s: (SAMPLES / f"{s}.tar.gz").stat().st_size for s in STEMS}
    assert all(size < 300_000 for size in sizes.values()), sizes
    assert sum(sizes.values()) < 1_500_000


@pytest.mark.parametrize("stem", STEMS)
def test_members_are_reproducible_and_parse(bundles: dict[str, Bundle], stem: str) -> None:
    b = bundles[stem]
    for m in b.members:
        assert (m.mtime, m.uid, m.gid) == (0, 0, 0), m.name
        assert m.mode == (0o755 if m.isdir() else 0o644), m.name
        assert ".." not in m.name.split("/") and not m.name.startswith("/")
    names = [m.name for m in b.members]
    assert names == sorted(names)
    for path, body in b.files.items():
        if path.endswith(".yaml"):
            assert yaml.load(body, Loader=Loader) is not None, path


@pytest.mark.parametrize("stem", STEMS)
def test_key_paths_present(bundles: dict[str, Bundle], stem: str) -> None:
    b = bundles[stem]
    default_version = b.files[b.one(DEFAULT_IMAGE.pattern + r"version$")].decode().splitlines()
    rhoai_version = b.files[b.one(RHOAI_IMAGE.pattern + r"version$")].decode().splitlines()
    assert default_version[0] == "openshift/must-gather"
    assert rhoai_version[0] == "red-hat-data-services/must-gather"
    for pattern in (
        r"^timestamp$",
        r"^event-filter\.html$",
        DEFAULT_IMAGE.pattern + CFG + r"clusterversions/version\.yaml$",
        DEFAULT_IMAGE.pattern + CFG + r"clusterversions\.yaml$",
        DEFAULT_IMAGE.pattern + CFG + r"infrastructures\.yaml$",
        DEFAULT_IMAGE.pattern + r"aggregated-discovery-apis\.yaml$",
        DEFAULT_IMAGE.pattern + OLM
        + r"clusterserviceversions/rhods-operator\.[23]\.\d+\.\d+\.yaml$",
        DEFAULT_IMAGE.pattern + OLM + r"subscriptions/rhods-operator\.yaml$",
        RHOAI_IMAGE.pattern + DSC,
        RHOAI_IMAGE.pattern + DSCI,
        RHOAI_IMAGE.pattern + APPS + r"core/configmaps\.yaml$",
        RHOAI_IMAGE.pattern + APPS + r"image\.openshift\.io/imagestreams\.yaml$",
    ):
        b.one(pattern)
    # pods appear both in the list file and as their own file, with logs
    pod_files = [p for p in b.files if re.search(r"/pods/([^/]+)/\1\.yaml$", p)]
    assert pod_files
    for p in pod_files:
        base = p.rsplit("/", 1)[0]
        assert any(q.startswith(base + "/") and q.endswith("/logs/current.log") for q in b.files), p


@pytest.mark.parametrize(
    ("stem", "ocp", "rhoai", "channel"),
    [
        ("ready-to-migrate", "4.19.12", "2.25.4", "eus-2.25"),
        ("ocp-too-old", "4.18.20", "2.25.4", "eus-2.25"),
        ("source-2.25.3", "4.19.12", "2.25.3", "stable-2.25"),
        ("modelmesh-serverless", "4.19.12", "2.25.4", "eus-2.25"),
        ("kueue-managed", "4.19.12", "2.25.4", "eus-2.25"),
        ("workbenches", "4.19.12", "2.25.4", "eus-2.25"),
        ("llamastack", "4.19.12", "2.25.4", "eus-2.25"),
        ("rhoai-2x-no-workload-crs", "4.19.12", "2.25.4", "eus-2.25"),
        ("upgrade-3.3-to-3.4", "4.20.8", "3.3.2", "stable-3.3"),
        ("upgrade-3.4-to-3.5", "4.20.8", "3.4.1", "stable-3.4"),
    ],
)
def test_versions_agree_across_sources(
    bundles: dict[str, Bundle], stem: str, ocp: str, rhoai: str, channel: str
) -> None:
    b = bundles[stem]
    cv = b.doc(r"clusterversions/version\.yaml$")
    completed = [h["version"] for h in cv["status"]["history"] if h["state"] == "Completed"]
    assert completed[0] == cv["status"]["desired"]["version"] == ocp
    assert b.files[b.one(RHOAI_IMAGE.pattern + "version$")].decode().splitlines()[1] == rhoai
    csv = b.doc(
        "^"
        + DEFAULT_IMAGE.pattern[1:]
        + OLM
        + r"clusterserviceversions/rhods-operator\.[\d.]+\.yaml$"
    )
    assert csv["spec"]["version"] == rhoai
    sub = b.doc(OLM + r"subscriptions/rhods-operator\.yaml$")
    assert sub["spec"]["channel"] == channel
    assert sub["status"]["installedCSV"] == f"rhods-operator.{rhoai}"
    for kind in ("datascienceclusters/default-dsc", "dscinitializations/default-dsci"):
        assert b.doc(kind + r"\.yaml$")["status"]["release"]["version"] == rhoai
    name = f"clusterserviceversions/rhods-operator.{rhoai}.yaml"
    copies = [p for p in b.files if p.endswith(name)]
    assert len(copies) > 1  # the original plus OLM "Copied" CSVs in other namespaces


def test_layout_variants(bundles: dict[str, Bundle]) -> None:
    (top,) = bundles["ready-to-migrate"].tops
    assert re.fullmatch(r"must-gather\.local\.\d+", top)
    assert bundles["workbenches"].tops == {"must-gather-rhoai-prod"}
    ci = bundles["ocp-too-old"]
    assert ci.tops == {"."} and "must-gather.log" in ci.files
    assert "must-gather.logs" in bundles["ready-to-migrate"].files


def test_supplementary_tree_everywhere_but_the_2x_only_bundle(bundles: dict[str, Bundle]) -> None:
    for stem, b in bundles.items():
        extra = [p for p in b.files if p.startswith("rhoai-extra/")]
        if stem == "rhoai-2x-no-workload-crs" or stem.startswith("upgrade-3."):
            # 2.x image only; or the 3.x image, which collects the workload CRs itself
            assert not extra and "namespaces.yaml" not in b.files
        else:
            assert "rhoai-extra/timestamp" in b.files and "rhoai-extra/version" not in b.files
            assert yaml.load(b.files["namespaces.yaml"], Loader=Loader)["kind"] == "List"


@pytest.mark.parametrize("stem", ["upgrade-3.3-to-3.4", "upgrade-3.4-to-3.5"])
def test_3x_samples_are_3x_shaped(bundles: dict[str, Bundle], stem: str) -> None:
    b = bundles[stem]
    dsc = b.doc(DSC)
    assert dsc["apiVersion"] == "datasciencecluster.opendatahub.io/v2"
    assert "aipipelines" in dsc["spec"]["components"]
    assert "codeflare" not in dsc["spec"]["components"]
    assert b.doc(DSCI)["apiVersion"] == "dscinitialization.opendatahub.io/v2"
    crs = {p.split("/")[-2] for p in b.files if RHOAI_IMAGE.match(p) and "/namespaces/ds-llm/" in p}
    assert {"trainjobs", "pytorchjobs", "notebooks"} <= crs  # collected by the 3.x image
    maas = dsc["spec"]["components"]["kserve"].get("modelsAsService")
    assert (maas is not None) == (stem == "upgrade-3.4-to-3.5")
    assert ("llamastackdistributions" in crs) == (stem == "upgrade-3.4-to-3.5")


def test_no_workload_crs_bundle_only_has_inferable_evidence(bundles: dict[str, Bundle]) -> None:
    b = bundles["rhoai-2x-no-workload-crs"]
    assert not [p for p in b.files if "kubeflow.org/notebooks" in p or "serving.kserve.io" in p]
    assert not [p for p in b.files if "acceleratorprofiles" in p]
    pods = list(b.items(r"namespaces/ds-project-legacy/core/pods\.yaml$"))
    assert any(p["metadata"]["labels"].get("notebook-name") == "nb-inferred" for p in pods)
    ns = r"namespaces/ds-project-legacy/"
    stss = {s["metadata"]["name"] for s in b.items(ns + r"apps/statefulsets\.yaml$")}
    assert {"nb-inferred", "nb-stopped"} <= stss
    deps = list(b.items(r"namespaces/ds-project-legacy/apps/deployments\.yaml$"))
    label = "serving.kserve.io/inferenceservice"
    isvc_of = {d["metadata"]["name"]: d["metadata"]["labels"].get(label) for d in deps}
    assert isvc_of["model-raw-predictor"] == "model-raw"
    ksvcs = list(b.items(r"namespaces/ds-project-legacy/serving\.knative\.dev/services\.yaml$"))
    assert [k["metadata"]["labels"][label] for k in ksvcs] == ["model-serverless"]
    assert list(b.items(r"namespaces/ds-project-legacy/ray\.io/rayclusters\.yaml$"))


def test_html_payloads_only_in_free_text(bundles: dict[str, Bundle]) -> None:
    b = bundles["modelmesh-serverless"]
    isvc = b.doc(
        r"^rhoai-extra/namespaces/ds-project-serving/serving\.kserve\.io/inferenceservices/"
        r"llm-serverless\.yaml$"
    )
    payload = "<script>alert(1)</script>"
    assert isvc["metadata"]["annotations"]["openshift.io/description"] == payload
    html = b.files["event-filter.html"].decode()
    assert payload not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for path in b.files:
        assert "<" not in path and '"' not in path


def test_secrets_are_elided(bundles: dict[str, Bundle]) -> None:
    for b in bundles.values():
        for s in b.items(r"/core/secrets\.yaml$"):
            for key, value in (s.get("data") or {}).items():
                if key not in ("tls.crt", "ca.crt", "service-ca.crt"):
                    assert re.fullmatch(r"\d+ bytes long", base64.b64decode(value).decode()), key
