"""The explore commands through the CLI, on a .tar.gz sample: use, get, describe, logs, events,
status, components, deps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from analyzer.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_bundles" / "modelmesh-serverless.tar.gz"
POD = "modelmesh-serving-ovms-p24v5dtf6z-6886t"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MGSCAN_CACHE_DIR", str(folder))
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_use_then_get(cache: Path) -> None:
    code, out, _ = run("use", str(SAMPLE))
    assert code == 0 and "modelmesh-serverless.tar.gz" in out
    code, out, _ = run("use")
    assert code == 0 and str(SAMPLE) in out
    code, out, _ = run("get", "isvc", "-A")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split()[:3] == ["NAMESPACE", "NAME", "URL"]
    assert sorted(r.split()[1] for r in rows) == [
        "caikit-flan", "fraud-mm", "granite-raw", "llm-serverless", "mnist-mm"]
    code, out, _ = run("get", "inferenceservices.serving.kserve.io", "-n", "ds-project-mm",
                       "-o", "name")
    assert out.splitlines() == ["inferenceservice.serving.kserve.io/fraud-mm",
                                "inferenceservice.serving.kserve.io/mnist-mm"]


def test_get_yaml_round_trips_as_collected(cache: Path) -> None:
    code, out, _ = run("get", "dsc", "default-dsc", "-o", "yaml", "-b", str(SAMPLE))
    assert code == 0
    doc = yaml.safe_load(out)
    with tarfile.open(SAMPLE) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith(
            "datasciencecluster.opendatahub.io/datascienceclusters/default-dsc.yaml"))
        collected = yaml.safe_load(tf.extractfile(member).read())  # type: ignore[union-attr]
    collected["metadata"].pop("managedFields", None)
    assert doc == collected
    code, out, _ = run("get", "dsc", "-o", "json", "-b", str(SAMPLE))
    listed = json.loads(out)
    assert listed["kind"] == "List" and listed["items"][0] == collected


def test_get_jsonpath_and_selector(cache: Path) -> None:
    code, out, _ = run("get", "isvc", "-n", "ds-project-mm", "-b", str(SAMPLE), "-o",
                       "jsonpath={.items[*].metadata.name}")
    assert (code, out) == (0, "fraud-mm mnist-mm\n")
    code, out, _ = run("get", "isvc", "-A", "-b", str(SAMPLE), "-l",
                       "opendatahub.io/dashboard=true", "-o", "name")
    assert code == 0 and len(out.splitlines()) >= 1
    code, out, _ = run("get", "isvc", "-A", "-b", str(SAMPLE), "-l", "no-such-label",
                       "-o", "name")
    assert (code, out) == (0, "")


def test_missing_object_names_what_exists(cache: Path) -> None:
    result = CliRunner().invoke(cli, ["get", "isvc", "nope", "-n", "ds-project-mm", "-b",
                                      str(SAMPLE)])
    assert result.exit_code == 1
    assert "not found in namespace ds-project-mm" in result.stderr
    assert "fraud-mm" in result.stderr and "Traceback" not in result.stderr
    result = CliRunner().invoke(cli, ["get", "frobnicators", "-b", str(SAMPLE)])
    assert result.exit_code == 3 and "kinds present" in result.stderr


def test_logs_bytes_equal_the_collected_file(cache: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MGSCAN_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "analyzer", "use", str(SAMPLE)], check=True,
                   env=env, capture_output=True)
    assert list(cache.glob("logidx-*.gzidx")), "use builds the log index"
    with tarfile.open(SAMPLE) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith(
            f"pods/{POD}/mm/mm/logs/current.log"))
        expected = tf.extractfile(member).read()  # type: ignore[union-attr]
    proc = subprocess.run([sys.executable, "-m", "analyzer", "logs", POD, "-c", "mm", "-n",
                           "ds-project-mm"], env=env, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected
    proc = subprocess.run([sys.executable, "-m", "analyzer", "logs", POD, "-c", "mm",
                           "--tail", "1"], env=env, capture_output=True, check=False)
    assert proc.stdout == expected.splitlines(keepends=True)[-1]


def test_logs_without_index_stream_the_archive(cache: Path) -> None:
    code, _, _ = run("use", str(SAMPLE))
    for idx in cache.glob("logidx-*"):
        idx.unlink()
    code, out, err = run("logs", POD, "-c", "oauth-proxy", "--grep", ".")
    assert code == 0 and out, err


def test_logs_errors(cache: Path) -> None:
    run("use", str(SAMPLE))
    code, _, err = run("logs", POD)
    assert code == 3 and "mm, oauth-proxy, ovms, rest-proxy" in err
    result = CliRunner().invoke(cli, ["logs", "nope", "-n", "ds-project-mm"])
    assert result.exit_code == 1 and POD in result.stderr


def test_events_describe_status(cache: Path) -> None:
    run("use", str(SAMPLE))
    code, out, _ = run("events", "-n", "ds-project-serving", "--type", "Warning")
    assert code == 0 and "InternalError" in out
    assert "<script>" in out  # shown as text: the terminal gets no markup interpretation
    code, out, _ = run("describe", "isvc", "fraud-mm", "-n", "ds-project-mm")
    assert code == 0 and "PredictorReady" in out and "deploymentMode=ModelMesh" in out
    code, out, _ = run("status")
    assert code == 0 and "rhods-operator.2.25.4" in out and "modelmeshserving" in out
    code, out, _ = run("components")
    assert code == 0 and "kserve" in out and "Managed" in out
    code, out, _ = run("deps")
    assert code == 0 and "Service Mesh" in out


def test_no_bundle_chosen(cache: Path) -> None:
    code, _, err = run("get", "pods")
    assert code == 3 and "mgscan use" in err


def test_control_characters_never_reach_the_terminal(cache: Path, tmp_path: Path) -> None:
    dump = tmp_path / "nb.yaml"
    dump.write_text(yaml.safe_dump({
        "apiVersion": "kubeflow.org/v1", "kind": "Notebook",
        "metadata": {"name": "nb", "namespace": "ns",
                     "annotations": {"x": "evil\x1b]0;pwned\x07\u202e"}}}))
    code, out, _ = run("get", "notebooks", "-A", "-b", str(dump), "-o", "yaml")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert "evil\\e]0;pwned" in out  # YAML's own escapes keep the value readable and inert
    code, out, _ = run("describe", "nb", "nb", "-n", "ns", "-b", str(dump))
    assert code == 0 and "\x1b" not in out and "\\u202e" in out


def test_use_rebuilds_a_cache_the_guard_refuses(cache: Path) -> None:
    import duckdb

    run("use", str(SAMPLE))
    db = next(cache.glob("*.duckdb"))
    con = duckdb.connect(str(db))
    con.execute("create or replace view cluster_facts as select 1 as stale")
    con.close()
    code, _, err = run("get", "ns")
    assert code == 3 and "re-create it" in err
    code, _, _ = run("use", str(SAMPLE))
    assert code == 0
    code, out, _ = run("get", "ns", "-o", "name")
    assert code == 0 and "namespace/redhat-ods-applications" in out
