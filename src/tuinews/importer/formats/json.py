"""JSON, JSON Lines and JSON Feed files of article objects (unknown fields ignored)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tuinews.importer.dates import parse_date
from tuinews.importer.enclosures import RawEnclosure, enclosures_of
from tuinews.importer.errors import ImportFailure
from tuinews.importer.markdown import html_to_markdown
from tuinews.models import ArticleDraft

if TYPE_CHECKING:
    from tuinews.importer.formats.feed.entry import RawEntry


def parse_json(text: str) -> tuple[str | None, list[ArticleDraft]]:
    """A JSON document: an array of articles, {"articles": [...]}, a JSON Feed, or one article."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFailure(f"malformed JSON ({_reason(exc)})") from None
    title: str | None = None
    if isinstance(document, dict):
        title = _string(document.get("title"))
        if "jsonfeed.org" in str(document.get("version", "")):
            return _json_feed(document)
        channel = document.get("rss")
        if isinstance(channel, dict) and isinstance(channel.get("channel"), dict):
            return _rss_in_json(channel["channel"])
        for key in ("articles", "items", "entries"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
        else:
            document = [document]
    if not isinstance(document, list):
        raise ImportFailure("the JSON holds no article objects")
    return title, _drafts(document)


def parse_json_lines(text: str) -> list[ArticleDraft]:
    """JSON Lines: one article object per line; blank lines skipped."""
    objects: list[Any] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            objects.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ImportFailure(f"malformed JSON on line {number} ({_reason(exc)})") from None
    return _drafts(objects)


def _json_feed(document: dict[str, Any]) -> tuple[str | None, list[ArticleDraft]]:
    """A JSON Feed (jsonfeed.org): its items read like RSS and Atom entries.

    Same rules as a feed: HTML or text content, a title from the first words when an
    item has none, the id as the guid, dates as feedparser reads them.
    """
    from tuinews.importer.formats.feed.entry import draft_from_entry, text_only

    items = document.get("items")
    if not isinstance(items, list):
        raise ImportFailure("the JSON Feed has no items list")
    base = _string(document.get("feed_url")) or _string(document.get("home_page_url"))
    drafts = []
    for item in items:
        if isinstance(item, dict):
            draft = draft_from_entry(_json_feed_entry(item), base)
            if draft is not None:
                drafts.append(draft)
    return text_only(document.get("title")), drafts


def _rss_in_json(channel: dict[str, Any]) -> tuple[str | None, list[ArticleDraft]]:
    """RSS written as JSON (scripting.com's "rss.channel.item"): RSS's fields and rules."""
    from tuinews.importer.formats.feed.entry import RawEntry, draft_from_entry, text_only

    items = channel.get("item")
    items = items if isinstance(items, list) else [items]
    drafts = []
    for item in items:
        if not isinstance(item, dict):
            continue
        guid = item.get("guid")
        if isinstance(guid, dict):
            guid = guid.get("value") or guid.get("#text") or guid.get("content")
        category = item.get("category")
        entry = RawEntry(
            title=_string(item.get("title")),
            link=_string(item.get("link")),
            guid=_string(guid),
            author=_string(item.get("author")),
            published=_string(item.get("pubDate")),
            category=_string(category) if isinstance(category, str) else None,
            summary=_string(item.get("description")),
        )
        draft = draft_from_entry(entry, _string(channel.get("link")))
        if draft is not None:
            drafts.append(draft)
    return text_only(channel.get("title")), drafts


def _json_feed_entry(item: dict[str, Any]) -> RawEntry:
    from html import escape

    from tuinews.importer.formats.feed.entry import RawEntry

    content = _string(item.get("content_html"))
    text = _string(item.get("content_text"))
    if content is None and text is not None:
        content = escape(text, quote=False)  # plain text: shown as it is
    summary = _string(item.get("summary"))
    tags = item.get("tags")
    guid = item.get("id")
    return RawEntry(
        title=_string(item.get("title")),
        link=_string(item.get("url")) or _string(item.get("external_url")),
        guid=str(guid).strip() or None if isinstance(guid, (str, int)) else None,
        author=_author(item),
        published=_string(item.get("date_published")),
        updated=_string(item.get("date_modified")),
        category=_string(tags[0]) if isinstance(tags, list) and tags else None,
        summary=escape(summary, quote=False) if summary and content else content,
        content=content if summary else None,
        enclosures=_raw_enclosures(item.get("attachments"), "mime_type", "size_in_bytes"),
    )


def _raw_enclosures(items: object, kind: str, size: str) -> list[RawEnclosure]:
    """(url, type, length) of a JSON Feed's attachments or tuinews' own `enclosures`."""
    if not isinstance(items, list):
        return []
    return [
        (_string(item.get("url")), _string(item.get(kind)), str(item.get(size) or ""))
        for item in items
        if isinstance(item, dict)
    ]


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return "nested too deeply"


def _drafts(objects: list[Any]) -> list[ArticleDraft]:
    drafts = [draft for item in objects if (draft := _article(item)) is not None]
    if objects and not drafts:
        raise ImportFailure("the JSON holds no article with a title")
    return drafts


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _author(item: dict[str, Any]) -> str | None:
    author = item.get("author")
    if isinstance(author, dict):
        return _string(author.get("name"))
    if author is None and isinstance(item.get("authors"), list) and item["authors"]:
        first = item["authors"][0]
        return _string(first.get("name")) if isinstance(first, dict) else _string(first)
    return _string(author)


def _category(item: dict[str, Any]) -> str | None:
    category = _string(item.get("category"))
    tags = item.get("tags")
    if category is None and isinstance(tags, list) and tags:
        category = _string(tags[0])
    return category


def _article(item: object) -> ArticleDraft | None:
    if not isinstance(item, dict):
        return None
    title = _string(item.get("title"))
    if title is None:
        return None
    body = _string(item.get("body")) or _string(item.get("content_text"))
    if body is None:
        html = _string(item.get("content_html")) or _string(item.get("content"))
        body = html_to_markdown(html) if html else ""
    guid = item.get("guid") or (item.get("id") if "content_html" in item else None)
    return ArticleDraft(
        title=title,
        body=body,
        author=_author(item),
        published=parse_date(item.get("published") or item.get("date_published")),
        category=_category(item),
        url=_string(item.get("url")) or _string(item.get("link")),
        summary=_string(item.get("summary")),
        key_hint=str(guid) if isinstance(guid, (str, int)) and str(guid).strip() else None,
        source_name=_string(item.get("source")),
        enclosures=enclosures_of(_raw_enclosures(item.get("enclosures"), "type", "length"), None),
    )
