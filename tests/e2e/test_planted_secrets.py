"""Planted Secret values reach no output: database, every report format, excerpts, query.

A real sample bundle is extracted and one List file that yields findings is rewritten so that
Secrets sit right next to the offending objects (a ``kind: Secret`` item with a
``last-applied-configuration`` annotation, another with tagged values), and a ``SecretList``
from ``oc adm inspect`` (items without kind) is added. The evidence excerpt of that file must
show the Secret lines redacted, and no planted value, plain or base64, may appear anywhere.
"""

from __future__ import annotations

import base64
import json
import tarfile
from pathlib import Path

import yaml
from click.testing import CliRunner

from analyzer.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_bundles" / "modelmesh-serverless.tar.gz"
PLANTED = ["planted-e2e-password-1", "planted-e2e-applied-2", "planted-e2e-float-tag-3",
           "planted-e2e-secretlist-4", "planted-e2e-stringdata-5"]
FORMATS = "html,json,md,sarif,junit"


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def _secret_item(name: str, tagged: bool) -> str:
    """A Secret item whose last-applied annotation sits on its first (tagged) or last line."""
    applied = json.dumps({"kind": "Secret", "data": {"password": b64(PLANTED[1])}})
    meta = (f"metadata: {{name: {name}, namespace: ds-project-mm, annotations: "
            f"{{kubectl.kubernetes.io/last-applied-configuration: '{applied}'}}}}")
    value = f"!!float {b64(PLANTED[2])}" if tagged else b64(PLANTED[0])
    body = (f"kind: Secret\n  apiVersion: v1\n  data:\n    password: {value}\n"
            f"  stringData:\n    extra: {PLANTED[4]}\n")
    return f"- {meta}\n  {body}" if tagged else f"- {body}  {meta}\n"


def _bundle(tmp_path: Path) -> Path:
    tree = tmp_path / "bundle"
    with tarfile.open(SAMPLE) as tar:
        tar.extractall(tree, filter="data")
    routes = next(tree.rglob("namespaces/ds-project-mm/route.openshift.io/routes.yaml"))
    items = yaml.safe_load(routes.read_text())["items"]
    body = "apiVersion: v1\nkind: List\nitems:\n" + _secret_item("before", tagged=False)
    body += "".join(f"- {json.dumps(item)}\n" for item in items)  # one line per Route
    body += _secret_item("after", tagged=True) + "metadata: {name: &n x}\nextra: *n\n"
    routes.write_text(body)
    core = routes.parent.parent / "core"
    core.mkdir(exist_ok=True)
    (core / "secrets.yaml").write_text(
        "apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: listed, namespace: "
        f"ds-project-mm}}\n  data: {{token: {b64(PLANTED[3])}}}\n")
    return tree


def _everything(paths: list[Path]) -> bytes:
    out = b""
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        out += b"".join(p.read_bytes() for p in files)
    return out


def test_no_planted_value_reaches_any_output(tmp_path: Path) -> None:
    tree = _bundle(tmp_path)
    runner = CliRunner()
    db = tmp_path / "c.duckdb"
    ingested = runner.invoke(cli, ["ingest", str(tree), "--db", str(db)])
    assert ingested.exit_code == 0, ingested.output
    outputs = [db]
    analyzed = runner.invoke(cli, ["analyze", str(tree), "-o", str(tmp_path / "fresh"),
                                   "--format", FORMATS])
    from_db = runner.invoke(cli, ["analyze", "--db", str(db), "-o", str(tmp_path / "fromdb"),
                                  "--format", FORMATS])
    assert analyzed.exit_code in (0, 1, 2) and from_db.exit_code == analyzed.exit_code
    outputs += [tmp_path / "fresh", tmp_path / "fromdb"]
    texts = analyzed.output + from_db.output + ingested.output
    for fmt in ("table", "csv", "json"):
        q = runner.invoke(cli, ["query", "--db", str(db), "--format", fmt,
                                "select name, raw, annotations from secrets order by name"])
        assert q.exit_code == 0 and "listed" in q.output, q.output
        texts += q.output
    report = json.loads((tmp_path / "fresh" / "report.json").read_text())
    routes = [e for e in report["assessment"]["excerpts"] if e["file"].endswith("routes.yaml")
              and "ds-project-mm" in e["file"]]
    assert routes and any("<redacted>" in e["excerpt"] for e in routes), routes
    blob = _everything(outputs) + texts.encode()
    for value in PLANTED:
        for form in (value, b64(value), b64(value).lower()):
            assert form.encode() not in blob, form
