"""``report.html``: one self-contained page rendered with Jinja2.

Autoescape is on for every template and undefined values raise (``StrictUndefined``). The
stylesheet and script are inlined and pinned by their SHA-256 in a Content-Security-Policy
that forbids every outbound request, so the page works (and stays silent) air-gapped.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from analyzer.report.common import Report
from analyzer.report.paths import templates_dir
from analyzer.report.textfmt import clip, text_block
from analyzer.report.view import build_view

_ASSETS = ("style.css", "filter.js")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _finalize(value: object) -> object:
    """Drop control characters from every value a template prints (before escaping)."""
    if isinstance(value, Markup):
        return Markup(_CONTROL.sub("", str(value)))
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


def _csp_hash(text: str) -> str:
    """Return the CSP source expression (``'sha256-…'``) of an inline element's text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(css: str, js: str) -> str:
    """Return the page's CSP: nothing may load except the two hashed inline blocks.

    Args:
        css: The exact text of the inline ``<style>`` element.
        js: The exact text of the inline ``<script>`` element.

    Returns:
        The policy string for the ``http-equiv`` meta element.
    """
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja2's cache of compiled templates, in a private folder of the mgscan cache.

    Entries are keyed by each template's source checksum, so an edited template recompiles.
    None (compile every run) when the folder is not private to this user.
    """
    from analyzer.precompiled import DISABLE_ENV, private_dir

    folder = None if os.environ.get(DISABLE_ENV) else private_dir("jinja")
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


@lru_cache(maxsize=4)
def _environment(directory: Path) -> Environment:
    """Create the Jinja2 environment for a template directory (cached)."""
    env = Environment(
        loader=FileSystemLoader(str(directory)),
        bytecode_cache=_bytecode_cache(),  # compiled templates kept between runs
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["text_block"] = text_block
    env.filters["clip"] = clip
    return env


def _asset(directory: Path, name: str) -> str:
    """Read one inline asset; refuse text that could close its own element."""
    text = (directory / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} must not contain '</' (it is inlined into the page)")
    return text


def render_html(report: Report, template_dir: Path | None = None) -> str:
    """Render the report dict as one self-contained HTML page.

    Args:
        report: The report dict (contract schema_version 1 plus optional ``assessment``).
        template_dir: Override of the template directory (tests); default: the installed one.

    Returns:
        The HTML document as text.
    """
    directory = template_dir or templates_dir()
    env = _environment(directory)
    css, js = (_asset(directory, name) for name in _ASSETS)
    context: dict[str, Any] = build_view(report)
    context.update(
        inline_css=Markup(css),
        inline_js=Markup(js),
        csp=content_security_policy(css, js),
    )
    return env.get_template("report.html.j2").render(context)


def render_standalone(template: str, context: dict[str, Any], script: str | None = None,
                      template_dir: Path | None = None) -> str:
    """Render another self-contained page (diff, fleet) in the report's style and CSP.

    Args:
        template: Template file name in the report template directory.
        context: Template variables (``tool`` is required by the base template).
        script: Optional inline script file of the same directory (hashed into the CSP).
        template_dir: Override of the template directory (tests).

    Returns:
        The HTML document as text.
    """
    directory = template_dir or templates_dir()
    env = _environment(directory)
    css = _asset(directory, "style.css") + _asset(directory, "pages.css")
    js = _asset(directory, script) if script else ""
    page = dict(context)
    page.update(inline_css=Markup(css), inline_js=Markup(js),
                csp=content_security_policy(css, js))
    return env.get_template(template).render(page)
