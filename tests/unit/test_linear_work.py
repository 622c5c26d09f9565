"""Work that used to grow faster than the input is now done once per file, root or cause.

No timing here (performance is measured by ``make bench``): each test counts the work or checks
the outcome that the quadratic versions got wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from analyzer.bundle.layout import find_roots
from analyzer.ingest import ingest_paths
from analyzer.ingest.errorlog import EXAMPLES
from analyzer.ingest.yamldepth import TooDeep, refuse_deep, structural_depth
from analyzer.limits import Limits
from analyzer.rules import evidence
from analyzer.rules.model import Evidence, Finding, Group, Outcome, Rule, RuleResult, Severity

MiB = 1024 * 1024


def _rule() -> Rule:
    return Rule(id="WRK-0010", title="t", group=Group.WORKLOAD, severity=Severity.WARNING,
                message="m", sql="select 1", path=Path("x.sql"))


def test_evidence_indexes_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = "".join(f"- kind: Notebook\n  metadata:\n    name: nb{i}\n" for i in range(300))
    (tmp_path / "list.yaml").write_text(f"apiVersion: v1\nkind: List\nitems:\n{items}")
    for j in range(12):
        (tmp_path / f"o{j}.yaml").write_text(f"kind: Notebook\nmetadata:\n  name: o{j}\n")
    built: list[int] = []
    real = evidence.FileIndex.__init__

    def counting(self: Any, text: str) -> None:
        built.append(1)
        real(self, text)

    monkeypatch.setattr(evidence.FileIndex, "__init__", counting)
    findings = []
    for i in range(300):  # findings alternate between the List file and 12 others
        findings.append(Finding("Notebook", "a", f"nb{i}", "m", Severity.WARNING,
                                [Evidence("list.yaml", "/metadata/name", None, 0, item=i)]))
        findings.append(Finding("Notebook", "a", f"o{i % 12}", "m", Severity.WARNING,
                                [Evidence(f"o{i % 12}.yaml", "/metadata/name", None, 0)]))
    res = RuleResult(_rule(), Outcome.FAILED, "m", findings)
    evidence.resolve_evidence([res], [{"input_id": 0, "path": str(tmp_path)}])
    assert len(built) == 13
    assert [f.evidence[0].line for f in findings[:4:2]] == [6, 9]  # item 0 and item 1 names
    assert all(f.evidence[0].excerpt for f in findings)


def test_nested_namespaces_make_one_root() -> None:
    path = "mg"
    paths = []
    for level in range(200):
        path += f"/namespaces/n{level}"
        paths.append(f"{path}/core/configmaps.yaml")
    roots = find_roots(0, paths, {})
    assert [r.path for r in roots] == ["mg"]


@pytest.mark.parametrize("text", [
    "".join(f'- message: "retry [{i}] {{{{ ["\n' for i in range(2000)),
    "".join(f"- message: retry [{i} {{ [\n" for i in range(2000)),
    "data:\n" + "".join(f"  f{i}.js: |\n    if (a[{i}] {{ b[x[\n" for i in range(2000)),
    "".join(f"# [[[[ {i}\n" for i in range(2000)) + "a: [[1]]\n",
])
def test_brackets_in_text_are_not_nesting(text: str) -> None:
    refuse_deep(text.encode(), 128)
    assert structural_depth(text.encode()) <= 2


def test_real_nesting_is_refused() -> None:
    with pytest.raises(TooDeep):
        refuse_deep(b"a: " + b"[" * 129 + b"]" * 129 + b"\n", 128)
    with pytest.raises(TooDeep):
        refuse_deep(b'{"a": ' * 200 + b"1" + b"}" * 200, 128)
    refuse_deep(b"a: " + b"[" * 128 + b"]" * 128 + b"\n", 128)


def _ingest(path: Path, **limits: int) -> tuple[int, list[tuple[str, str, int]]]:
    con = duckdb.connect()
    ingest_paths([path], con, limits=Limits(**limits), workers=1)
    objects = con.execute("select count(*) from objects").fetchone()[0]  # type: ignore[index]
    rows = con.execute("select file, error, count from ingest_errors order by all").fetchall()
    return objects, rows


def _cm(name: str, pad: int = 0) -> bytes:
    return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: a\n"
            f"data:\n  k: \"{'x' * pad}\"\n").encode()


def test_directory_limits_count_bytes_read(tmp_path: Path) -> None:
    logs = tmp_path / "mg" / "namespaces" / "a" / "pods" / "p" / "c" / "c" / "logs"
    logs.mkdir(parents=True)
    for i in range(3):  # 12 MiB of logs, of which only head and tail are read
        (logs / f"l{i}.log").write_bytes(b"2026-01-01T00:00:00Z line\n" * (4 * MiB // 26))
    (tmp_path / "mg" / "z.yaml").write_bytes(_cm("after-logs"))
    objects, rows = _ingest(tmp_path, max_total_size=2 * MiB)
    assert (objects, rows) == (1, [])


def test_directory_limit_names_every_file_not_read(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"c{i:02d}.yaml").write_bytes(_cm(f"c{i}", pad=100_000))
    objects, rows = _ingest(tmp_path, max_total_size=512 * 1024)
    skipped = [r for r in rows if "not read" in r[1]]
    assert 0 < objects < 30
    assert sum(r[2] for r in skipped) == 30 - objects
    assert len(skipped) <= EXAMPLES + 1


def test_repeated_errors_are_counted_past_the_examples(tmp_path: Path) -> None:
    for i in range(EXAMPLES + 7):
        (tmp_path / f"b{i:02d}.yaml").write_bytes(b"a: [\n")
    objects, rows = _ingest(tmp_path)
    assert objects == 0
    listed = [r for r in rows if r[2] == 1]
    counted = [r for r in rows if r[2] > 1]
    assert len(listed) == EXAMPLES
    assert len(counted) == 1 and counted[0][0] == "" and counted[0][2] == 7
    assert "7 more like this" in counted[0][1]
