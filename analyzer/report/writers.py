"""Write the report files named by the contract, each one atomically."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analyzer.report.atomic import write_atomic
from analyzer.report.common import FILE_NAMES, FORMATS, at_or_above
from analyzer.report.json_out import render_json
from analyzer.report.junit import render_junit
from analyzer.report.markdown import render_markdown
from analyzer.report.sarif import render_sarif
from analyzer.report.yaml_out import render_yaml
from analyzer.safetext import json_safe, visible_tree

Renderer = Callable[[Mapping[str, Any], str], str]


def _html(report: Mapping[str, Any]) -> str:
    """The HTML page; Jinja2 is imported only when it is asked for."""
    from analyzer.report.html import render_html

    return render_html(report)


# Data formats keep every value exactly and escape control/bidi characters in their own syntax
# (JSON \uXXXX, YAML double-quoted escapes); formats people read show them as visible escapes.
_RENDERERS: dict[str, Renderer] = {
    "html": lambda report, _fail_on: _html(visible_tree(report)),
    "json": lambda report, _fail_on: json_safe(render_json(report)),
    "yaml": lambda report, _fail_on: render_yaml(report),
    "md": lambda report, _fail_on: render_markdown(visible_tree(report)),
    "sarif": lambda report, _fail_on: json_safe(render_sarif(report)),
    "junit": lambda report, fail_on: render_junit(visible_tree(report), fail_on),
}


def render_report(report: Mapping[str, Any], fmt: str, fail_on: str = "critical") -> str:
    """Render one report format as text (``-o -`` writes it to stdout)."""
    at_or_above(None, fail_on)
    return _RENDERERS[parse_formats(fmt)[0]](report, fail_on)


def parse_formats(value: str | Sequence[str]) -> list[str]:
    """Normalise a ``--format`` value (comma list or sequence) to known formats, in order.

    >>> parse_formats("json, html,json")
    ['json', 'html']

    Raises:
        ValueError: An unknown format name.
    """
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in FORMATS:
            raise ValueError(f"unknown report format {item!r}; expected {', '.join(FORMATS)}")
        if item not in out:
            out.append(item)
    return out


def write_reports(
    report: Mapping[str, Any],
    out_dir: Path,
    formats: Sequence[str],
    fail_on: str = "critical",
) -> list[Path]:
    """Render and write the requested report files into ``out_dir``.

    Every format is rendered before anything is written, so a rendering error leaves the
    directory as it was; each file is then replaced atomically.

    Args:
        report: The report dict (contract schema_version 1 plus ``assessment``).
        out_dir: Output directory, created if missing.
        formats: Any of ``html``, ``json``, ``md``, ``sarif``, ``junit``.
        fail_on: Severity threshold for JUnit failures (``--fail-on``).

    Returns:
        The written paths, in the order of ``formats``.

    Raises:
        ValueError: An unknown format or severity.
    """
    wanted = parse_formats(formats)
    at_or_above(None, fail_on)
    rendered = [(FILE_NAMES[f], render_report(report, f, fail_on)) for f in wanted]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomic(out_dir / name, text) for name, text in rendered]
