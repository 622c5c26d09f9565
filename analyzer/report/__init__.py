"""Report layer: renders the report dict (report.json) as HTML, JSON, Markdown, SARIF, JUnit."""

from analyzer.report.json_out import render_json
from analyzer.report.terminal import print_summary
from analyzer.report.writers import write_reports

__all__ = ["print_summary", "render_json", "write_reports"]
