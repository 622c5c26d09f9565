"""The version model at the CLI: unknown targets exit 3, unsupported targets are PROHIBITED."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.errors import UsageError
from analyzer.rules.version_model import default_model

SAMPLE = Path(__file__).resolve().parents[1] / "sample_bundles" / "ready-to-migrate.tar.gz"


def _analyze(tmp_path: Path, *args: str) -> tuple[int, str, dict | None]:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(SAMPLE), *args, "-o", str(out),
                                      "--format", "json", "--checks", "VER-0020"])
    path = out / "report.json"
    return result.exit_code, result.output, (json.loads(path.read_text())
                                             if path.exists() else None)


@pytest.mark.parametrize("target", ["3.9.0", "4.0", "3.7.1"])
def test_unknown_target_exits_3_naming_the_known_ones(tmp_path: Path, target: str) -> None:
    code, output, report = _analyze(tmp_path, "--target-version", target)
    assert code == 3 and report is None
    assert f"unknown target version {target}" in output
    for known in ("3.3.x", "3.4.x", "3.5.x", "3.6.x"):
        assert known in output
    assert "3.3.2 or later 3.3.z" in output


@pytest.mark.parametrize("target", ["3.0.0", "3.1.0", "3.2.0", "3.3.0", "3.3.1", "3.4.0",
                                    "3.5.0", "3.6.0"])
def test_unsupported_target_from_2x_is_prohibited(tmp_path: Path, target: str) -> None:
    code, _, report = _analyze(tmp_path, "--target-version", target)
    assert code == 1
    assert report is not None and report["verdict"] == "PROHIBITED"
    [result] = [r for r in report["results"] if r["rule_id"] == "VER-0020"]
    [finding] = result["findings"]
    assert finding["severity"] == "prohibited"
    assert "3.3.2 or later 3.3.z" in finding["message"]  # names the supported target


def test_supported_target_passes_the_gate(tmp_path: Path) -> None:
    code, _, report = _analyze(tmp_path, "--target-version", "3.3.4")
    assert report is not None
    [result] = [r for r in report["results"] if r["rule_id"] == "VER-0020"]
    assert result["outcome"] == "passed" and code == 0


def test_same_minor_is_lint_mode_even_for_an_unlisted_patch(tmp_path: Path) -> None:
    code, _, report = _analyze(tmp_path, "--target-version", "2.25.99")
    assert code == 0 and report is not None and report["verdict"] == "PASS"


def test_model_pairs() -> None:
    model = default_model()
    assert model.targets == ("3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6")
    assert model.describe_supported("2.25.4") == "3.3.2 or later 3.3.z"
    assert model.describe_supported("2.16.1") == "3.3.2 or later 3.3.z"  # via 2.25
    assert model.describe_supported("3.4.1") == "3.5.z"
    path = model.path("2.25.4", "3.5.0")
    assert path is not None and path.status == "planned"
    multi = model.path("3.3.2", "3.6.0")
    assert multi is not None and multi.status == "multi_hop"
    with pytest.raises(UsageError, match="unknown target version 3.9.0"):
        model.check_target("2.25.4", "3.9.0")
    model.check_target("3.9.0", "3.9.2")  # same major.minor: lint mode, never refused
    assert model.spec_matches(">=3.3,<3.6", "target")
    assert not model.spec_matches(">=4.0", "target")


def test_a_rule_gated_outside_the_model_is_refused(tmp_path: Path) -> None:
    import shutil

    from analyzer.rules.catalog import CatalogError, load_catalog, queries_dir

    root = tmp_path / "queries"
    shutil.copytree(queries_dir(), root)
    rule = root / "version" / "VER-0020__target_version_gate.sql"
    rule.write_text(rule.read_text().replace("requires: []", "applies_to: {target: \">=4.0\"}\n"
                                             "requires: []", 1))
    with pytest.raises(CatalogError, match="VER-0020.*matches no target version"):
        load_catalog(root)


def test_vendor_build_is_shown_and_matches_the_vendor_check_list() -> None:
    import yaml

    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.vendor import vendor_build

    catalog = load_catalog()
    build = vendor_build(catalog.root)
    listed = yaml.safe_load((catalog.root / "_reference" / "vendor_checks.yaml").read_text())
    assert build["checks"] == len(listed["rows"])  # every check of that build has a twin
    listing = CliRunner().invoke(cli, ["rules", "list"])
    assert listing.exit_code == 0
    first = listing.output.splitlines()[0]
    assert build["commit"] in first and build["release"] in first
    newer = [r for r in catalog.rules if r.vendor_commit]
    assert newer and all(r.aliases for r in newer)


def test_report_tool_names_the_vendor_build(tmp_path: Path) -> None:
    _, _, report = _analyze(tmp_path)
    assert report is not None
    assert report["tool"]["vendor_build"]["name"] == "rhai-cli"
    assert len(report["tool"]["vendor_build"]["commit"]) >= 7
