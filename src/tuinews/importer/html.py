"""HTML fragments (feed content, summaries) to Markdown, and plain text to Markdown.

No HTML is stored: every tag is converted or dropped (script and style with their
content), media become links. Text that only looks like markup (`&lt;K, V&gt;` in the
feed, so `<K, V>` in the text) is escaped, so the reader shows it as it was written.
"""

from __future__ import annotations

import re
from html import unescape

# Anything that starts a tag, a comment or a declaration: the converter takes it apart.
_TAG_START = re.compile(r"<[A-Za-z!?/]")
# What Markdown would read as markup in plain text: emphasis, a tag or an autolink, an
# entity, a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"[*_]|<(?=[A-Za-z!?/])|&(?=#?[A-Za-z0-9]+;)")


def html_to_markdown(html: str, base: str | None = None) -> str:
    """Markdown for an HTML fragment: headings, lists, quotes, links and line breaks kept.

    Text that holds no tag is only unescaped; in both cases `*`, `_`, a `<` that could
    start a tag and an `&` that could start an entity are escaped, so that text never
    turns into markup it did not have. Relative links and images are resolved against
    `base` (the feed's URL) when it is given.
    """
    if not _TAG_START.search(html):
        return text_to_markdown(unescape(html))
    from tuinews.importer.markdown_fast import convert_html

    return convert_html(html, base).strip()


def text_to_markdown(text: str) -> str:
    """Markdown that shows `text` as it is (a feed's text/plain content, a JSON field)."""
    return _MARKDOWN_SPECIAL.sub(lambda found: "\\" + found.group(0), text).strip()


def escape_text(text: str) -> str:
    """What markdown_fast writes for a text node: `<` and `&` escaped where they could
    be read as a tag or an entity (markdownify escapes `*` and `_` itself)."""
    if "<" in text or "&" in text:
        return _MARKUP_START.sub(lambda found: "\\" + found.group(0), text)
    return text


_MARKUP_START = re.compile(r"<(?=[A-Za-z!?/])|&(?=#?[A-Za-z0-9]+;)")
