"""Terminal summary: plain in CI logs and with NO_COLOR, filtered by --severity, markup-safe."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from analyzer.report import print_summary


def _render(report: dict[str, Any], severity: str = "info", **console_args: Any) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, **console_args)
    print_summary(report, console, severity=severity)
    return buffer.getvalue()


def test_non_tty_output_is_plain(fail_report: dict[str, Any]) -> None:
    text = _render(fail_report)
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[0].strip() == "FAIL  exposure high"
    assert lines[1] == "OCP 4.18.20 · RHOAI 2.25.4 (csv) -> 3.3.2 · channel eus-2.25 · AWS"
    assert lines[2] == ("cluster 5f0c6a2e-3b1d-4c8e-9a7f-2d4b6e8c0a13 (rhoai-prod-x7k2p) · "
                        "https://api.rhoai-prod.example.com:6443")
    assert "9 rules: 4 failed, 3 passed" in lines[3]
    assert text.index("CRITICAL") < text.index("WARNING")
    # the message names the object already: it is not named twice
    assert "    - InferenceService llm-team/granite-7b is deployed with Serverless" in text
    assert text.count("granite-7b") == 1
    assert "1 rule not evaluated" in text and "mgscan collect-commands" in text


def test_no_color_even_on_a_terminal(
    fail_report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = _render(fail_report, force_terminal=True)
    assert "\x1b[3" not in text and "\x1b[4" not in text  # no colour codes
    monkeypatch.delenv("NO_COLOR")
    colour = _render(fail_report, force_terminal=True, color_system="standard")
    assert "\x1b[" in colour


def test_severity_filter(fail_report: dict[str, Any]) -> None:
    text = _render(fail_report, severity="critical")
    findings, _, steps = text.partition("Next steps")
    assert "DEP-0030" not in findings
    assert "DEP-0030" in steps  # the plan still names every rule it needs
    assert "1 failed rule below --severity critical not shown." in text
    assert "WRK-0010" in text


def test_prohibited_and_errors(prohibited_report: dict[str, Any]) -> None:
    text = _render(prohibited_report)
    assert text.splitlines()[0].strip() == "PROHIBITED  exposure moderate"
    assert "PROHIBITED\n  VER-0010" in text
    assert "1 rule error: WRK-0060" in text
    assert "3 rules not evaluated" in text


def test_bundle_markup_is_printed_literally(fail_report: dict[str, Any]) -> None:
    fail_report["results"][1]["findings"][0]["name"] = "[bold red]evil[/]"
    fail_report["cluster"]["channel"] = "[link=http://x]c[/link]"
    text = _render(fail_report)
    assert "ClusterVersion [bold red]evil[/]:" in text
    assert "channel [link=http://x]c[/link]" in text


def test_long_lines_are_not_hard_wrapped(fail_report: dict[str, Any]) -> None:
    fail_report["results"][1]["findings"][0]["message"] = "word " * 60
    text = _render(fail_report)
    assert any(len(line) > 100 for line in text.splitlines())


def test_terminal_lines_wrap_at_word_boundaries(fail_report: dict[str, Any]) -> None:
    fail_report["results"][1]["findings"][0]["message"] = "word " * 60
    text = _render(fail_report, force_terminal=True, color_system=None)
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines)
    wrapped = [line for line in lines if line.strip().startswith("word")]
    assert len(wrapped) > 1 and all(line.startswith("      word") for line in wrapped[1:])


def test_invalid_severity(fail_report: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _render(fail_report, severity="loud")


def test_next_steps_follow_the_plan(fail_report: dict[str, Any]) -> None:
    text = _render(fail_report)
    steps = text[text.index("Next steps"):].splitlines()[1:]
    titles = [s["title"] for s in fail_report["assessment"]["plan"]]
    assert [line.split(". ", 1)[1].split(" (")[0] for line in steps] == titles
    assert steps[0].startswith("  1. Back up the cluster")
