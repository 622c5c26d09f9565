"""Rule catalogue: front-matter parsing, strict validation, selection and digest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analyzer.errors import UsageError
from analyzer.rules.catalog import CatalogError, load_catalog, queries_dir
from analyzer.rules.model import Group, Severity
from analyzer.rules.versions import matches, normalize, parse_version, same_minor

GOOD = """/*---
id: {id}
title: {title}
group: {group}
severity: {severity}
aliases: [{aliases}]
applies_to: {{source: ">=2.0,<3.0", target: ">=3.0"}}
requires: [datascienceclusters]
component_state: {{component: kserve, states: [Managed]}}
message: >-
  DSC {{{{ name }}}} is {{{{ observed }}}}.
remediation: Fix it.
links:
  - {{title: "Doc", url: "https://example.com/doc"}}
---*/
select 'DataScienceCluster' as kind, null as namespace, name, file as evidence_file,
       '/spec' as evidence_pointer, 'x' as observed
from datascienceclusters
order by name
"""


def write_rule(root: Path, folder: str, rid: str, slug: str = "thing", **fields: str) -> Path:
    values = {"id": rid, "title": "A thing is wrong", "group": folder, "severity": "critical",
              "aliases": "vendor.thing"}
    values.update(fields)
    (root / folder).mkdir(parents=True, exist_ok=True)
    path = root / folder / f"{rid}__{slug}.sql"
    path.write_text(GOOD.format(**values))
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "_reference").mkdir()
    shutil.copy(queries_dir() / "_reference" / "collection.yaml", tmp_path / "_reference")
    return tmp_path


def test_loads_and_builds_rule(root: Path) -> None:
    write_rule(root, "component", "CMP-0010")
    catalog = load_catalog(root)
    [rule] = catalog.rules
    assert rule.id == "CMP-0010" and rule.group is Group.COMPONENT
    assert rule.severity is Severity.CRITICAL and rule.aliases == ("vendor.thing",)
    assert rule.source_spec == ">=2.0,<3.0" and rule.target_spec == ">=3.0"
    assert rule.component_state is not None and rule.component_state.states == ("Managed",)
    assert rule.sql.startswith("select") and rule.links[0].url == "https://example.com/doc"
    assert rule.sql_line == 16


@pytest.mark.parametrize(("fields", "needle", "line"), [
    ({"severity": "fatal"}, "severity 'fatal'", 5),
    ({"group": "workload"}, "differs from the folder", 4),
    ({"id": "CMP-0020"}, "does not match the file name", 2),
])
def test_invalid_field_names_file_and_line(root: Path, fields: dict[str, str], needle: str,
                                           line: int) -> None:
    write_rule(root, "component", "CMP-0010", **fields)
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    assert needle in str(err.value)
    assert f"component/CMP-0010__thing.sql:{line}:" in str(err.value)


def test_rejects_unknown_field_bad_spec_and_dml(root: Path) -> None:
    path = write_rule(root, "component", "CMP-0010")
    text = path.read_text()
    path.write_text(text.replace("remediation: Fix it.", "remedy: x")
                    .replace('">=3.0"', '"=>3"')
                    .replace("select 'DataScienceCluster'", "delete from objects; select 'D'"))
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    message = str(err.value)
    assert "unknown field 'remedy'" in message
    assert "applies_to.target" in message
    assert "exactly one SELECT" in message


def test_rejects_unknown_required_kind_and_duplicate_ids(root: Path) -> None:
    path = write_rule(root, "component", "CMP-0010")
    write_rule(root, "component", "CMP-0010", slug="other")
    write_rule(root, "component", "CMP-0030").write_text(
        path.read_text().replace("[datascienceclusters]", "[widgets]").replace("0010", "0030"))
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    assert "'widgets' is not in _reference/collection.yaml" in str(err.value)
    assert "duplicate rule id CMP-0010" in str(err.value)


def test_component_gate_or_exists(root: Path) -> None:
    """``or_exists`` names a coverage kind; anything else in the gate is refused."""
    path = write_rule(root, "component", "CMP-0010")
    text = path.read_text()
    path.write_text(text.replace("states: [Managed]}", "states: [Managed], or_exists: dspas}"))
    [rule] = load_catalog(root).rules
    assert rule.component_state is not None and rule.component_state.or_exists == "dspas"
    path.write_text(text.replace("states: [Managed]}", "states: [Managed], or_exists: widgets}"))
    with pytest.raises(CatalogError, match="or_exists kind 'widgets' is not in"):
        load_catalog(root)
    path.write_text(text.replace("states: [Managed]}", "states: [Managed], unless: dspas}"))
    with pytest.raises(CatalogError, match="component_state needs"):
        load_catalog(root)


def test_missing_front_matter(root: Path) -> None:
    (root / "version").mkdir()
    (root / "version" / "VER-0010__x.sql").write_text("select 1")
    with pytest.raises(CatalogError, match=r"VER-0010__x.sql:1: missing"):
        load_catalog(root)


def test_select_patterns(root: Path) -> None:
    write_rule(root, "component", "CMP-0010", aliases="components.kserve.serverless-removal")
    write_rule(root, "component", "CMP-0020", aliases="components.ray.codeflare-removal")
    write_rule(root, "workload", "WRK-0010", aliases="workloads.notebook.impacted-workloads")
    catalog = load_catalog(root)

    def ids(*patterns: str) -> list[str]:
        return [r.id for r in catalog.select(list(patterns)).rules]

    assert ids() == ids("*") == ["CMP-0010", "CMP-0020", "WRK-0010"]
    assert ids("cmp-0020") == ["CMP-0020"]
    assert ids("components.kserve.serverless-removal") == ["CMP-0010"]
    assert ids("*notebook*") == ["WRK-0010"]
    assert ids("components.*") == ["CMP-0010", "CMP-0020"]
    assert ids("workloads") == ids("workload") == ["WRK-0010"]
    assert ids("WRK-*", "CMP-0010") == ["CMP-0010", "WRK-0010"]
    assert ids("*nothing*", "CMP-0010") == ["CMP-0010"]
    with pytest.raises(UsageError):
        catalog.select(["no-such-check"])
    with pytest.raises(UsageError):
        catalog.select(["*nothing*"])
    assert catalog.get("components.ray.codeflare-removal").id == "CMP-0020"
    assert catalog.select(["CMP-0010"]).select(["*"]).universe == catalog.rules


def test_rules_sha256_tracks_content(root: Path) -> None:
    path = write_rule(root, "component", "CMP-0010")
    first = load_catalog(root).rules_sha256
    assert first == load_catalog(root).rules_sha256
    path.write_text(path.read_text().replace("Fix it.", "Fix it now."))
    assert load_catalog(root).rules_sha256 != first


def test_real_catalogue_loads() -> None:
    catalog = load_catalog()
    assert catalog.rules and len(catalog.rules_sha256) == 64
    keys = [r.sort_key for r in catalog.rules]
    assert keys == sorted(keys)


def test_versions() -> None:
    assert normalize("3.3") == "3.3.0" and str(parse_version("v2.25.4")) == "2.25.4"
    assert same_minor("2.25.4", "2.25.0") and not same_minor("2.25.4", "3.3.2")
    assert matches("2.25.4", ">=2.0,<3.0") and not matches("3.3.2", ">=2.0,<3.0")
    assert matches("3.3", ">=3.3") and matches("1.0", None)
    with pytest.raises(ValueError):
        parse_version("latest")
