"""analyzer.assess.completeness: blocker-level checks that could not run, and confirmation items."""

from __future__ import annotations

from pathlib import Path

from analyzer.assess.completeness import build_completeness
from analyzer.rules.model import Group, Outcome, Rule, RuleResult, Severity


def _rule(rule_id: str, severity: Severity) -> Rule:
    return Rule(id=rule_id, title="t", group=Group.WORKLOAD, severity=severity, message="m",
                sql="select 1", path=Path(f"{rule_id}.sql"), aliases=(f"vendor.{rule_id}",))


def _not_evaluated(rule_id: str, severity: Severity, *kinds: str,
                   collect: tuple[str, ...] = ()) -> RuleResult:
    return RuleResult(_rule(rule_id, severity), Outcome.NOT_EVALUATED, "Not collected.", [],
                      kinds, collect)


def test_blocker_not_evaluated_makes_the_analysis_incomplete() -> None:
    results = [
        _not_evaluated("WRK-0100", Severity.CRITICAL, "inferenceservices"),
        _not_evaluated("WRK-0190", Severity.WARNING, "notebooks"),  # warnings never count
        RuleResult(_rule("WRK-0170", Severity.PROHIBITED), Outcome.PASSED),
    ]
    coverage = [{"kind": "inferenceservices", "status": "not_collected", "count": 0,
                 "hint": "oc adm inspect -A inferenceservices.serving.kserve.io"}]
    block = build_completeness(results, coverage)
    assert block["complete"] is False and block["confirm"] == []
    assert block["unverified"] == [{
        "rule_id": "WRK-0100", "aliases": ["vendor.WRK-0100"], "severity": "critical",
        "missing": ["inferenceservices"],
        "collect": "oc adm inspect -A inferenceservices.serving.kserve.io",
        "reason": "Not collected."}]


def test_data_no_must_gather_collects_is_a_confirmation_item() -> None:
    results = [_not_evaluated("DEP-0030", Severity.CRITICAL, "packagemanifests"),
               _not_evaluated("WRK-0040", Severity.CRITICAL, "crds", collect=("oc get crd x",))]
    block = build_completeness(results)
    assert block["complete"] is True and block["unverified"] == []
    assert [c["rule_id"] for c in block["confirm"]] == ["DEP-0030", "WRK-0040"]
    assert block["confirm"][1]["collect"] == "oc get crd x"
    assert "No must-gather collects crds" in block["confirm"][1]["reason"]


def test_unknown_source_version_is_unverified_without_kinds() -> None:
    block = build_completeness([_not_evaluated("VER-0010", Severity.PROHIBITED)])
    assert block["complete"] is False
    assert block["unverified"][0]["missing"] == [] and block["unverified"][0]["collect"] is None


def test_mixed_missing_kinds_stay_unverified() -> None:
    block = build_completeness([_not_evaluated("WRK-0230", Severity.CRITICAL, "hardwareprofiles",
                                               "notebooks")])
    assert block["complete"] is False


def test_the_gate_kind_does_not_make_a_confirmation_item_unverified() -> None:
    """WRK-0520 needs Roles (no must-gather collects them); with AI Pipelines Removed it also
    waits for DSPAs, which only decide whether it applies: still a confirmation item. Any other
    collectable kind keeps it unverified."""
    import dataclasses

    from analyzer.rules.model import ComponentGate

    gated = dataclasses.replace(_rule("WRK-0520", Severity.CRITICAL), component_state=(
        ComponentGate(("datasciencepipelines",), ("Managed",), "dspas")))
    waiting = RuleResult(gated, Outcome.NOT_EVALUATED, "m", [], ("dspas", "roles"))
    block = build_completeness([waiting])
    assert block["complete"] is True and [c["rule_id"] for c in block["confirm"]] == ["WRK-0520"]
    assert "No must-gather collects roles," in block["confirm"][0]["reason"]
    only_gate = RuleResult(gated, Outcome.NOT_EVALUATED, "m", [], ("dspas",))
    assert build_completeness([only_gate])["complete"] is False
    other = RuleResult(gated, Outcome.NOT_EVALUATED, "m", [], ("datascienceclusters", "roles"))
    assert build_completeness([other])["complete"] is False
