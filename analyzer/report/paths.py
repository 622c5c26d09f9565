"""Locate the report templates in a source checkout, an editable install or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # .../analyzer
_MARKER = "report.html.j2"


def candidate_template_dirs() -> list[Path]:
    """Return the directories searched for report templates, in order of preference.

    Returns:
        The wheel location (``analyzer/_data/report_templates``, mapped in by hatch
        ``force-include``) followed by the source-checkout location
        (``<repo>/report_templates``).
    """
    return [
        _PACKAGE_ROOT / "_data" / "report_templates",
        _PACKAGE_ROOT.parent / "report_templates",
    ]


def templates_dir() -> Path:
    """Return the directory that holds the Jinja2 report templates.

    Returns:
        The first candidate directory that contains ``report.html.j2``.

    Raises:
        FileNotFoundError: No candidate directory holds the templates (a broken install).
    """
    candidates = candidate_template_dirs()
    for candidate in candidates:
        if (candidate / _MARKER).is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"report templates not found (searched: {searched})")
