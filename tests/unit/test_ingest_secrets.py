"""Secret values never reach a table or the DuckDB file: only their byte lengths do."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import duckdb

from analyzer.ingest import ingest_paths
from analyzer.ingest.records import build_records, redact_secret
from analyzer.limits import Limits

PASSWORD = "s3cr3t-planted-password-value"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.planted-service-account-token"
STRING_DATA = "planted-string-data-value"
APPLIED = "planted-in-last-applied-configuration"
TOKEN_ANNOTATION = "planted-token-secret-annotation"
CONTROL = "control-value-that-is-not-secret"
PLANTED = [PASSWORD, TOKEN, STRING_DATA, APPLIED, TOKEN_ANNOTATION]


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def secret_list() -> dict[str, Any]:
    """What ``oc get secret -A -o yaml`` prints: real base64 values, a List wrapper."""
    applied = json.dumps({"apiVersion": "v1", "kind": "Secret",
                          "stringData": {"password": APPLIED}})
    return {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
         "metadata": {"name": "db", "namespace": "app", "annotations": {
             "kubectl.kubernetes.io/last-applied-configuration": applied, "team": "x"}},
         "data": {"password": b64(PASSWORD), "empty": ""},
         "stringData": {"extra": STRING_DATA}},
        {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
         "metadata": {"name": "builder-token", "namespace": "app", "annotations": {
             "openshift.io/token-secret.value": TOKEN_ANNOTATION}},
         "data": {"token": b64(TOKEN), "ca.crt": b64("-----BEGIN CERTIFICATE-----")}},
    ]}


def inspect_secret_list() -> str:
    """An ``oc adm inspect`` SecretList: items without kind, values elided to "<n> bytes long"."""
    return ("apiVersion: v1\nkind: SecretList\nitems:\n"
            "- metadata: {name: elided, namespace: app}\n"
            f"  data: {{password: {b64('17 bytes long')}, token: {b64('940 bytes long')}}}\n")


def test_redact_secret_keeps_only_lengths() -> None:
    obj = secret_list()["items"][0]
    redact_secret(obj)
    assert obj["data"] == {"password": len(PASSWORD), "empty": 0}
    assert obj["stringData"] == {"extra": len(STRING_DATA)}
    assert obj["metadata"]["annotations"] == {"team": "x"}


def test_non_mapping_data_is_dropped() -> None:
    obj = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}, "data": [PASSWORD]}
    redact_secret(obj)
    assert obj["data"] == {}


def test_build_records_redacts_list_items() -> None:
    records, _ = build_records([secret_list()], "secrets.json", 0)
    assert len(records) == 2
    blob = json.dumps([[v.decode() if isinstance(v, bytes) else v for v in r] for r in records],
                      default=str)
    for value in PLANTED + [b64(PASSWORD), b64(TOKEN)]:
        assert value not in blob


def test_planted_values_appear_nowhere_in_the_database_file(tmp_path: Path) -> None:
    tree = tmp_path / "mg"
    ns = tree / "namespaces" / "app" / "core"
    ns.mkdir(parents=True)
    (ns / "secrets.yaml").write_text(inspect_secret_list())
    (ns / "configmaps.yaml").write_text(  # a control: a non-secret value that must be found
        "apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: c, namespace: app}\n"
        f"  data: {{k: {CONTROL}}}\n")
    dump = tmp_path / "secrets.json"
    dump.write_text(json.dumps(secret_list(), indent=1))
    yaml_dump = tmp_path / "secrets-copy.yaml"  # the same dump as YAML, via the YAML parser
    yaml_dump.write_text("\n".join(["---"] + [json.dumps(i) for i in secret_list()["items"]
                                              ]).replace("\n{", "\n---\n{"))
    db = tmp_path / "out.duckdb"
    con = duckdb.connect(str(db))
    con.execute("set force_compression = 'uncompressed'")  # so a byte search is meaningful
    summary = ingest_paths([tree, dump, yaml_dump], con, limits=Limits(), workers=1)
    assert summary.errors == []
    got = con.execute("select name, raw->'data', raw->'stringData' from secrets order by name"
                      ).fetchall()
    assert [(n, json.loads(d), s and json.loads(s)) for n, d, s in got] == [
        ("builder-token", {"token": len(TOKEN), "ca.crt": 27}, None),
        ("db", {"password": len(PASSWORD), "empty": 0}, {"extra": len(STRING_DATA)}),
        ("elided", {"password": 17, "token": 940}, None),
    ]
    con.close()
    data = db.read_bytes()
    assert CONTROL.encode() in data
    for value in PLANTED + [b64(PASSWORD), b64(TOKEN), b64(STRING_DATA)]:
        assert value.encode() not in data, value


def test_secret_values_are_redacted_whatever_the_api_version() -> None:
    odd = {"apiVersion": "example.com/v9", "kind": "Secret", "metadata": {"name": "odd"},
           "data": {"password": b64(PASSWORD)}}
    records, _ = build_records([odd], "odd.yaml", 0)
    raw = records[0][15].decode()
    assert PASSWORD not in raw and b64(PASSWORD) not in raw


def test_bad_int_tag_is_kept_as_text_not_echoed_in_an_error() -> None:
    from analyzer.ingest.yaml12 import parse_documents

    docs, note = parse_documents(b"a: &x 1\nb: !!int " + PASSWORD.encode() + b"\n")
    assert docs == [{"a": 1, "b": PASSWORD}] and note is None
