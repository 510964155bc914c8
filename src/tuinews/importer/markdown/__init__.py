"""HTML fragments (feed content, summaries) to Markdown."""

from __future__ import annotations

import re
from html import unescape

_LOOKS_LIKE_HTML = re.compile(
    r"<(p|br|div|a|ul|ol|li|h[1-6]|blockquote|em|strong|b|i|code|pre|hr|img|table|span)\b",
    re.I,
)


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment: headings, lists, quotes and links kept.

    Text that holds no HTML is only unescaped; `*` and `_` are escaped in both cases,
    so that text never turns into emphasis it did not have.
    """
    if not _LOOKS_LIKE_HTML.search(html):
        return unescape(html).replace("*", r"\*").replace("_", r"\_").strip()
    from tuinews.importer.markdown.convert import convert_html

    return convert_html(html).strip()
