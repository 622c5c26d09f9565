"""Guard tests over the whole rule catalogue (house-style.md §5).

The vendor-coverage test stays red until every vendor check is re-implemented.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from jinja2 import meta

from analyzer.ingest.schema import create_empty_database
from analyzer.rules import RunParams, load_catalog
from analyzer.rules.catalog import parse_rule_file
from analyzer.rules.model import GROUP_PREFIX
from analyzer.rules.runner import _ENV, REQUIRED_COLUMNS, check_read_only, prepare_database

REPO = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
CATALOG = load_catalog()
RULES = {r.id: r for r in CATALOG.rules}
VENDOR = yaml.safe_load((CATALOG.root / "_reference" / "vendor_checks.yaml").read_text())


@pytest.fixture(scope="module")
def empty_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    create_empty_database(con)
    prepare_database(con, CATALOG, RunParams("2.25.4", "3.3.2"))
    return con


def test_vendor_reference_lists_every_registered_check() -> None:
    """The committed list: 37 checks at 3.3.2, 56 at the newest build read, plus wva-removal."""
    rows = VENDOR["rows"]
    assert len(rows) == len({r["id"] for r in rows}) == 57
    release = [r["group"] for r in rows if r["registered_at"] == "e95e7f5"]
    assert len(release) == 37
    assert (release.count("dependency"), release.count("platform"), release.count("component"),
            release.count("workload")) == (3, 2, 12, 20)
    newest = [r["group"] for r in rows if r["registered_at"] != "0554296"]
    assert len(newest) == 56
    assert (newest.count("dependency"), newest.count("platform"), newest.count("component"),
            newest.count("workload")) == (7, 3, 21, 25)
    assert "1e69f9645db8cfa11bca7ae41593a60e4d794fc4" in VENDOR["description"]
    for row in rows:
        assert row["registered_at"] and row["registered_date"] and row["source"], row["id"]
        assert row["followed"], f"{row['id']}: which vendor commit does its twin follow?"


@pytest.mark.parametrize("check", [r["id"] for r in VENDOR["rows"]])
def test_vendor_check_has_a_rule(check: str) -> None:
    group = next(r["group"] for r in VENDOR["rows"] if r["id"] == check)
    owners = [r for r in CATALOG.rules if check in r.aliases]
    assert owners, f"no rule carries vendor check {check} in aliases"
    assert all(r.group.value == group for r in owners), f"{check} belongs in group {group}"
    for rule in owners:
        cases = [p.name for p in (CASES / rule.id).iterdir()] if (CASES / rule.id).is_dir() else []
        assert any(c.startswith(("pass_", "not_collected_")) for c in cases), rule.id
        assert any(c.startswith("fail_") for c in cases), f"{rule.id} twins {check}: no fail_ case"


def test_ids_unique_and_match_file_and_folder() -> None:
    files = sorted(p for p in CATALOG.root.glob("*/*.sql") if not p.parent.name.startswith("_"))
    assert len(files) == len(CATALOG.rules) == len(RULES)
    for rule in CATALOG.rules:
        assert rule.path.name.startswith(f"{rule.id}__")
        assert rule.path.parent.name == rule.group.value
        assert rule.id.startswith(GROUP_PREFIX[rule.group] + "-")
        assert int(rule.id[-4:]) % 10 == 0, f"{rule.id}: IDs go in steps of 10"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_metadata_complete(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.title and not rule.title.endswith("."), "title: one sentence, no final period"
    assert rule.message and rule.links, "message and at least one link are required"
    assert all(link.url.startswith("https://") for link in rule.links)
    assert parse_rule_file(rule.path) == rule


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_beyond_vendor_rules_say_why_their_severity(rule_id: str) -> None:
    """A rule no vendor check backs must justify its severity by the action it asks for.

    Facts that need no action are info; otherwise a clean, ready cluster could never read PASS.
    """
    rule = RULES[rule_id]
    if rule.aliases:
        return  # a vendor twin takes the vendor's severity
    assert len(rule.severity_reason) >= 40, (
        f"{rule_id}: add `severity_reason:` saying which customer action makes it "
        f"{rule.severity.value}")
    if rule.group.value == "collection":
        assert rule.severity.value == "info", (
            f"{rule_id}: collection rules describe the bundle, not the cluster; missing data "
            "never raises the verdict (completeness reports what could not run)")


# Rules that can never pass: the vendor's gate opens only when the component is Managed, and
# then its Validate always reports the component (validate.Removal or a fixed condition), so
# every non-failing cluster is not_applicable. Their not_applicable_* case (component Removed)
# stands in for the pass_* case. Vendor lines: odh-cli 13c144c, pkg/lint/.
NO_PASS_OUTCOME = {
    "CMP-0010": "checks/components/ray/codeflare_removal.go L55 gate Managed; L62 "
                "validate.Removal (check/validate/component.go L123-137: always ConditionFalse)",
    "CMP-0040": "checks/components/datasciencepipelines/renaming.go L53 gate Managed; L61-73 "
                "one fixed advisory condition",
    "CMP-0120": "checks/components/modelmesh/modelmesh.go L49 gate Managed; L54 validate.Removal",
    "CMP-0130": "checks/components/trainingoperator/trainingoperator.go L55 gate Managed; "
                "L63-73 one fixed advisory condition",
    "CMP-0500": "checks/components/llamastack/llamastack.go L49 gate Managed; L54 "
                "validate.Removal",
    "CMP-0510": "checks/components/aigateway/maas_migration.go L59-68 gate "
                "kserve.modelsAsService Managed or Unmanaged; L88-98 that state is the advisory "
                "row (the other branches cannot be reached once the gate opened)",
    "CMP-0520": "checks/components/trainingoperator/removal.go L48 gate Managed; L53 "
                "validate.Removal",
}


def test_no_pass_outcome_list_is_exact() -> None:
    """Each entry is a component-gated rule that really has no pass_* case (the list only
    names rules that cannot pass; a rule that gains a pass_* case leaves it)."""
    for rule_id, reason in NO_PASS_OUTCOME.items():
        rule = RULES[rule_id]
        assert rule.component_state and "Managed" in rule.component_state.states, rule_id
        assert ".go L" in reason, f"{rule_id}: name the vendor line"
        cases = [p.name for p in (CASES / rule_id).iterdir()]
        assert not any(c.startswith("pass_") for c in cases), (
            f"{rule_id} has a pass_* case now: remove it from NO_PASS_OUTCOME")


# Every rule whose SQL tests a management state, with the line that makes the test part of the
# row's meaning rather than a gate. A gate (the vendor's CanApply or ForComponent on a DSC
# component) belongs in `component_state:` front-matter, where the runner decides it before
# coverage for all rules alike. Vendor lines: odh-cli 13c144c pkg/lint/ unless another commit
# is named. Adding an entry needs such a line; an entry whose rule no longer tests a state fails.
MANAGEMENT_STATE_IN_SQL = {
    "CMP-0050": "checks/components/kserve/serverless.go L60-72: Validate reads "
                "kserve.serving.managementState, Managed or Unmanaged is the blocking row (the "
                "kserve gate of L53 is front-matter)",
    "CMP-0090": "checks/components/kserve/servicemesh_removal.go L46-58: Validate reads the "
                "DSCInitialization's serviceMesh.managementState (not a DSC component; CanApply "
                "L38-40 is version only)",
    "CMP-0100": "checks/components/kueue/kueue.go L97-101: Validate picks its rows by the "
                "state (Managed: prohibited/critical; Unmanaged: LocalQueue conflict); the gate "
                "of L86-89 is front-matter",
    "CMP-0110": "checks/components/kueue/kueue_operator_installed.go L69: Managed is the "
                "prohibited row, Unmanaged needs the operator; the gate of L57-60 is front-matter",
    "CMP-0140": "beyond vendor: decides the checklist item 'Kueue managementState Removed'; "
                "the Managed state is the row itself, with no gate (Kueue Removed reads passed)",
    "CMP-0590": "checks/components/kserve/wva_removal.go (0554296) L114-120: Validate reads "
                "kserve.wva.managementState, Managed is a blocker; CanApply L61-70 is version only",
    "COL-0030": "beyond vendor: lists the rules the collection gap hides, re-deciding the "
                "runner's component gate (analyzer/rules/runner.py _component_gate) from "
                "mgscan_rules",
    "DEP-0520": "checks/dependencies/orphanedcrds/orphanedcrds.go (0ea2dd5) L60-61: CanApply is "
                "version only and Validate reads no DSCInitialization; mgscan reads its "
                "serviceMesh.managementState only as evidence that Service Mesh v2 was used, to "
                "mark the uncollected CRDs unverified",
    "WRK-0370": "beyond vendor: an InferenceService without a deploymentMode annotation runs "
                "Serverless when KServe serving is Managed (the cluster default); the state is "
                "evidence of the model's mode, not a gate",
    "WRK-0040": "checks/workloads/datasciencepipelines/stored_version_removal.go L55-56: no "
                "component gate (version only); datasciencepipelines Managed is evidence of use "
                "that makes an uncollected CRD unverified instead of passed (L71-80: CRD absent "
                "on the cluster passes)",
}
# Vendor gates in CanApply that front-matter cannot express yet, so the SQL still decides them
# and a closed gate reads `passed` instead of `not_applicable`. The list only shrinks (CMP-0510
# and WRK-0520 left it when the gate learned nested fields and `or_exists`).
KNOWN_SQL_GATES: dict[str, str] = {}
_STATE_LITERAL = re.compile(r"'(Managed|Unmanaged|Removed)'")


def _tests_management_state(sql: str) -> bool:
    """True when the SQL compares a DSC/DSCI managementState (directly or through the
    mgscan_dsc_component_states view) with a state name; comments do not count."""
    code = re.sub(r"--[^\n]*", "", re.sub(r"/\*.*?\*/", "", sql, flags=re.S))
    reads_state = "managementstate" in code.lower() or "mgscan_dsc_component_states" in code
    return reads_state and bool(_STATE_LITERAL.search(code))


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_component_gates_live_in_front_matter(rule_id: str) -> None:
    """A management-state test in SQL must name the vendor line that makes it row semantics.

    Otherwise it is a gate written in SQL: a Removed component reads `passed` (or
    `not_evaluated` for lack of data it does not need) where the vendor skips the check.
    """
    tests_state = _tests_management_state(RULES[rule_id].sql)
    listed = rule_id in MANAGEMENT_STATE_IN_SQL or rule_id in KNOWN_SQL_GATES
    assert tests_state == listed, (
        f"{rule_id} tests a managementState in SQL: move a component gate to `component_state:` "
        "front-matter, or add the vendor line that reads the state inside Validate to "
        "MANAGEMENT_STATE_IN_SQL" if tests_state else
        f"{rule_id} no longer tests a managementState in SQL: remove it from the allow-list")


def test_management_state_allow_list_names_sources() -> None:
    for rule_id, why in {**MANAGEMENT_STATE_IN_SQL, **KNOWN_SQL_GATES}.items():
        assert rule_id in RULES, f"{rule_id}: no such rule"
        assert re.search(r"\.go( \(\w+\))? L\d", why) or why.startswith("beyond vendor:"), (
            f"{rule_id}: cite the vendor line")
        if why.startswith("beyond vendor:"):
            assert not RULES[rule_id].aliases, f"{rule_id} twins a vendor check: cite its line"
    assert _tests_management_state("select 1 from mgscan_dsc_component_states as c "
                                   "where c.state = 'Managed'")
    assert not _tests_management_state("select d.raw ->> '/spec/components/x/managementState' "
                                       "as observed from datascienceclusters as d -- 'Managed'")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_case_folders(rule_id: str) -> None:
    rule = RULES[rule_id]
    cases = [p.name for p in (CASES / rule_id).iterdir()] if (CASES / rule_id).is_dir() else []
    if rule_id in NO_PASS_OUTCOME:
        assert any(c.startswith("not_applicable_") for c in cases), (
            f"{rule_id} cannot pass ({NO_PASS_OUTCOME[rule_id]}): it needs a not_applicable_* "
            "case with the component not Managed")
    else:
        assert any(c.startswith("pass_") for c in cases), f"{rule_id} needs a pass_* case"
    assert any(c.startswith("fail_") for c in cases), f"{rule_id} needs a fail_* case"
    if rule.requires:  # any required kind can be missing from some bundle
        assert any(c.startswith("not_collected_") for c in cases), (
            f"{rule_id} requires {sorted(rule.requires)}, which a bundle may lack: add a "
            "not_collected_* case")


def test_case_folders_name_existing_rules() -> None:
    orphans = sorted(p.name for p in CASES.iterdir()
                     if p.is_dir() and not p.name.startswith("_") and p.name not in RULES)
    assert not orphans


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_sql_runs_on_empty_database(rule_id: str, empty_db: duckdb.DuckDBPyConnection) -> None:
    rule = RULES[rule_id]
    check_read_only(empty_db, rule.sql)
    cur = empty_db.cursor()
    cur.execute(f"select * from ({rule.sql}) limit 0")
    columns = [d[0] for d in cur.description or ()]
    missing = set(REQUIRED_COLUMNS) - set(columns)
    assert not missing, f"SQL lacks required columns {sorted(missing)}"
    unknown = meta.find_undeclared_variables(_ENV.parse(rule.message)) - set(columns)
    assert not unknown, f"message uses columns the SQL lacks: {sorted(unknown)}"


def test_docs_rules_md_is_current() -> None:
    generated = subprocess.run([sys.executable, "-m", "analyzer.rules.docs"], cwd=REPO,
                               check=True, capture_output=True, text=True).stdout
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == generated, "docs/rules.md is stale: run `make docs`"
