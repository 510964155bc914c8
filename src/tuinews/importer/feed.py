"""RSS 0.9x/1.0/2.0, Atom and RDF feeds through feedparser."""

from __future__ import annotations

import re
from typing import Any

from tuinews.importer.dates import from_struct
from tuinews.importer.errors import ImportFailure
from tuinews.importer.html import html_to_markdown
from tuinews.models import ArticleDraft

# Entity declarations can expand a few bytes into gigabytes ("billion laughs") or
# pull in local files (external entities). Real feeds never declare entities, so a
# feed that does is refused before any parser sees it.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_ROOT_START = re.compile(rb"<(?![?!])")
_TRUNCATED = ("no element found", "unclosed token")


def check_no_entities(data: bytes) -> None:
    """Refuse XML whose prolog declares entities (entity-expansion bombs, XXE)."""
    head_end = _ROOT_START.search(data)
    prolog = data[: head_end.start()] if head_end else data
    if _ENTITY_DECLARATION.search(prolog.replace(b"\x00", b"")):
        raise ImportFailure("the XML declares entities, which tuinews refuses (entity expansion)")


def parse_feed(data: bytes) -> tuple[str | None, list[ArticleDraft]]:
    """The feed's title and its entries as drafts."""
    check_no_entities(data)
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    drafts = [draft for entry in entries if (draft := _entry(entry)) is not None]
    if parsed.get("bozo"):
        # Small faults (an undefined &nbsp;) are common and feedparser recovers them;
        # a cut-off document or one that yields nothing is reported instead.
        problem = _describe(parsed.get("bozo_exception"))
        if not drafts or any(sign in problem for sign in _TRUNCATED):
            raise ImportFailure(f"malformed feed ({problem})")
    if not parsed.get("version") and not drafts:
        raise ImportFailure("not a feed")
    return _text(parsed.get("feed", {}).get("title")), drafts


def _describe(problem: object) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0][:120]


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", value)).strip() or None


def _entry(entry: Any) -> ArticleDraft | None:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    html_first = sorted(contents, key=lambda c: "html" not in str(c.get("type", "")))
    summary_html = entry.get("summary") or ""
    body_html = html_first[0]["value"] if html_first else summary_html
    body = html_to_markdown(body_html) if body_html else ""
    summary = html_to_markdown(summary_html) if summary_html and html_first else None
    if summary and summary.strip() == body.strip():
        summary = None
    title = _text(entry.get("title")) or _first_words(body)
    if not title:
        return None
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    return ArticleDraft(
        title=title,
        body=body,
        author=_text(entry.get("author")),
        published=from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        category=tags[0] if tags else None,
        url=entry.get("link") or None,
        summary=summary,
        key_hint=entry.get("id") or None,
    )


def _first_words(text: str, count: int = 12) -> str | None:
    words = text.split()
    if not words:
        return None
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
