"""JSON, JSON Lines and JSON Feed files of article objects (unknown fields ignored)."""

from __future__ import annotations

import json
from typing import Any

from tuinews.importer.dates import parse_date
from tuinews.importer.errors import ImportFailure
from tuinews.importer.markdown import html_to_markdown
from tuinews.models import ArticleDraft


def parse_json(text: str) -> tuple[str | None, list[ArticleDraft]]:
    """A JSON document: an array of articles, {"articles": [...]}, a JSON Feed, or one article."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFailure(f"malformed JSON ({_reason(exc)})") from None
    title: str | None = None
    if isinstance(document, dict):
        title = _string(document.get("title"))
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
    )
