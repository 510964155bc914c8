"""The links of an article's Markdown body, numbered for the reader's footer."""

from __future__ import annotations

import re

_LINK = re.compile(r"(?<!!)\[([^\]\n]{0,300})\]\((<[^>\n]+>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BARE = re.compile(r"<(https?://[^>\s]+)>")


def article_links(markdown: str) -> list[tuple[str, str]]:
    """(text, url) for every link, in order, without repeats."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for match in _LINK.finditer(markdown):
        url = match.group(2).strip("<>")
        if url not in seen and url.startswith(("http://", "https://", "mailto:")):
            seen.add(url)
            found.append((match.group(1).strip() or url, url))
    for match in _BARE.finditer(markdown):
        url = match.group(1)
        if url not in seen:
            seen.add(url)
            found.append((url, url))
    return found


def links_section(markdown: str) -> str:
    """A Markdown section listing the links, or "" when there are none."""
    links = article_links(markdown)
    if not links:
        return ""
    lines = ["", "---", "", "**Links**", ""]
    lines += [f"{number}. {_plain(text)}: <{url}>" for number, (text, url) in enumerate(links, 1)]
    return "\n".join(lines)


def _plain(text: str) -> str:
    # The label is shown as text: drop Markdown emphasis and brackets that could nest links.
    return re.sub(r"[*_`\[\]<>]", "", text)[:120]
