"""scripts/profile_floor.py: the floor measurement runs and measures what the ingest keeps."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "profile_floor.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("profile_floor", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_managed_fields_are_removed_from_documents_and_list_items() -> None:
    import orjson
    import ryml

    from analyzer.ingest.yaml12 import _emit_json

    tree = ryml.parse_in_arena(
        b"---\nkind: A\nmetadata:\n  name: a\n  managedFields: [{m: 1}]\n"
        b"---\nkind: BList\nitems:\n- metadata: {name: b, managedFields: [2]}\n- 3\n"
        b"---\nplain\n")
    _load()._strip_managed_fields(tree)
    assert orjson.loads(_emit_json(tree, tree.root_id())) == [
        {"kind": "A", "metadata": {"name": "a"}},
        {"kind": "BList", "items": [{"metadata": {"name": "b"}}, 3]},
        "plain",
    ]


@pytest.mark.skipif(subprocess.run(["sh", "-c", "command -v gzip"], check=False,
                                   capture_output=True).returncode, reason="needs gzip")
def test_the_ingest_floor_runs_on_a_bundle(tmp_path: Path) -> None:
    tree = tmp_path / "mg" / "namespaces" / "ns" / "core" / "configmaps"
    tree.mkdir(parents=True)
    for i in range(3):
        (tree / f"cm{i}.yaml").write_text(
            f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\n  namespace: ns\n")
    bundle = tmp_path / "mg.tar.gz"
    with tarfile.open(bundle, "w:gz") as tar:
        tar.add(tmp_path / "mg", arcname="mg")
    proc = subprocess.run([sys.executable, str(SCRIPT), "--ingest", str(bundle)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "3 YAML/JSON files" in proc.stdout and "3 objects rows" in proc.stdout
    assert "x gzip -dc" in proc.stdout.splitlines()[-1]
