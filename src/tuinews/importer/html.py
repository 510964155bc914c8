"""HTML fragments (feed content, summaries) to Markdown."""

from __future__ import annotations

import re

_LOOKS_LIKE_HTML = re.compile(r"<(p|br|div|a|ul|ol|li|h[1-6]|blockquote|em|strong|img)\b", re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment: headings, lists, quotes and links kept."""
    if not _LOOKS_LIKE_HTML.search(html):
        # Plain text that may hold entities: let the parser decode them only.
        from html import unescape

        return unescape(html)
    from markdownify import markdownify

    markdown = markdownify(
        _INVISIBLE.sub("", html),
        heading_style="ATX",
        bullets="-",
        strip=["script", "style", "img", "iframe", "form", "button"],
    )
    return str(markdown).strip()
