"""HTML fragments (feed content, summaries) to Markdown, and plain text to Markdown.

No HTML is stored: every tag is converted or dropped (script and style with their
content), media become links. Text that only looks like markup (`&lt;K, V&gt;` in the
feed, so `<K, V>` in the text) is escaped, so the reader shows it as it was written.
"""

from __future__ import annotations

import re
from html import unescape

from tuinews.importer.markdown.text import escape_text, text_to_markdown

__all__ = ["escape_text", "html_to_markdown", "text_to_markdown"]

# Anything that starts a tag, a comment or a declaration: the converter takes it apart.
_TAG_START = re.compile(r"<[A-Za-z!?/]")


def html_to_markdown(html: str, base: str | None = None) -> str:
    """Markdown for an HTML fragment: headings, lists, quotes, links and line breaks kept.

    Text that holds no tag is only unescaped; in both cases `*`, `_`, a `<` that could
    start a tag and an `&` that could start an entity are escaped, so that text never
    turns into markup it did not have. Relative links and images are resolved against
    `base` (the feed's URL) when it is given.
    """
    if not _TAG_START.search(html):
        return text_to_markdown(unescape(html))
    from tuinews.importer.markdown.convert import convert_html

    return convert_html(html, base).strip()
