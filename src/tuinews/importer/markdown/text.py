"""Plain text made safe as Markdown: what would read as markup is escaped."""

from __future__ import annotations

import re

# What Markdown would read as markup in plain text: emphasis, a tag or an autolink, an
# entity, a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"[*_]|<(?=[A-Za-z!?/])|&(?=#?[A-Za-z0-9]+;)")


def text_to_markdown(text: str) -> str:
    """Markdown that shows `text` as it is (a feed's text/plain content, a JSON field)."""
    return _MARKDOWN_SPECIAL.sub(lambda found: "\\" + found.group(0), text).strip()


def escape_text(text: str) -> str:
    """What the converter writes for a text node: `<` and `&` escaped where they could
    be read as a tag or an entity (markdownify escapes `*` and `_` itself)."""
    if "<" in text or "&" in text:
        return _MARKUP_START.sub(lambda found: "\\" + found.group(0), text)
    return text


_MARKUP_START = re.compile(r"<(?=[A-Za-z!?/])|&(?=#?[A-Za-z0-9]+;)")
