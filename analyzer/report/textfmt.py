"""Safe text formatting for HTML: escape first, then add a few harmless tags.

Bundle and rule text is never trusted as Markdown or HTML. Remediation text gets paragraphs,
line breaks, inline code spans and fenced code blocks, all built from already-escaped text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_FENCE = re.compile(r"^```[^\n`]*\n(.*?)(?:\n```[ \t]*$|\Z)", re.S | re.M)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_SAFE_SCHEMES = frozenset({"http", "https"})


_KEEP_BREAK = re.compile(r"^(?:[ \t]+\S|(?:[-*+]|\d+[.)])[ \t])")


def unwrap(text: str) -> str:
    r"""Join hard-wrapped lines of a paragraph, keeping breaks before list items and indents.

    Rule text in YAML is often wrapped at a fixed width; those newlines are not meant as
    line breaks. Blank lines stay. A newline stays when the next line is a list item
    (``-``, ``*``, ``+``, ``1.``) or indented, or when the line ends with two spaces
    (Markdown's hard break).

    >>> unwrap("Set the field\nto Removed.\n- step one\n- step two")
    'Set the field to Removed.\n- step one\n- step two'
    """
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if (
            not line.strip()
            or not out[-1].strip()
            or _KEEP_BREAK.match(line)
            or out[-1].endswith("  ")
        ):
            out[-1] = out[-1].rstrip(" ")
            out.append(line)
        else:
            out[-1] = f"{out[-1].rstrip(' ')} {line.lstrip(' ')}"
    return "\n".join(out)


def _inline(text: str) -> str:
    """Escape one paragraph and turn `code` spans and kept newlines into tags."""
    escaped = str(escape(unwrap(text)))
    with_code = _INLINE_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)
    return with_code.replace("\n", "<br>\n")


def text_block(value: object) -> Markup:
    r"""Render free text as escaped HTML paragraphs.

    Blank lines separate paragraphs, single newlines become ``<br>``, backtick spans become
    ``<code>`` and fenced blocks become ``<pre><code>``. Every character of ``value`` is
    escaped before any tag is added, so no markup from the input survives.

    >>> str(text_block("Run `oc get x`\n- <b>now</b>"))
    '<p>Run <code>oc get x</code><br>\n- &lt;b&gt;now&lt;/b&gt;</p>'
    """
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str] = []
    pos = 0
    for match in _FENCE.finditer(text):
        parts.extend(_paragraphs(text[pos : match.start()]))
        parts.append(f"<pre><code>{escape(match.group(1))}</code></pre>")
        pos = match.end()
    parts.extend(_paragraphs(text[pos:]))
    return Markup("\n".join(parts))


def _paragraphs(text: str) -> list[str]:
    """Split text on blank lines into ``<p>`` elements."""
    chunks = [c.strip("\n") for c in re.split(r"\n[ \t]*\n", text)]
    return [f"<p>{_inline(c)}</p>" for c in chunks if c.strip()]


def safe_url(value: object) -> str | None:
    """Return the URL when it is an absolute http(s) URL, else ``None``.

    Used for ``href`` values: ``javascript:``, ``data:`` and relative URLs from rule metadata
    are rendered as plain text instead of links.

    >>> safe_url("https://docs.redhat.com/x"), safe_url("javascript:alert(1)")
    ('https://docs.redhat.com/x', None)
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ch in url for ch in "\x00\n\r\t \"'<>`"):
        return None
    return url


def clip(value: object, limit: int = 400) -> str:
    """Return ``value`` as text cut to ``limit`` characters with an ellipsis."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
