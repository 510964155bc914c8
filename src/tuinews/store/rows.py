"""The one place where columns meet dataclasses, and how times are written down."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tuinews.models import Article, ArticleRow

ARTICLE_COLUMNS = (
    "id, title, author, published, category, source, url, summary, body, "
    "word_count, read, starred, imported_at"
)
_ARTICLE_NAMES = ARTICLE_COLUMNS.split(", ")
ROW_COLUMNS = "id, title, source, category, published, imported_at, read, starred"


def to_iso(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC, second precision: sortable as text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    """The inverse of to_iso (None stays None)."""
    return datetime.fromisoformat(text) if text else None


def article_from_row(row: tuple[Any, ...]) -> Article:
    """Build an Article from a row selected with ARTICLE_COLUMNS."""
    (
        article_id,
        title,
        author,
        published,
        category,
        source,
        url,
        summary,
        body,
        words,
        read,
        starred,
        imported_at,
    ) = row
    imported = from_iso(imported_at)
    assert imported is not None
    return Article(
        id=article_id,
        title=title,
        author=author,
        published=from_iso(published),
        category=category,
        source=source,
        url=url,
        summary=summary,
        body=body,
        word_count=words,
        read=bool(read),
        starred=bool(starred),
        imported_at=imported,
    )


def article_from_dict(row: dict[str, Any]) -> Article:
    """Build an Article from a row of ARTICLE_COLUMNS by name (as sqlite-utils gives it)."""
    return article_from_row(tuple(row[name] for name in _ARTICLE_NAMES))


def list_row_from_row(row: tuple[Any, ...]) -> ArticleRow:
    """Build an ArticleRow from a row selected with ROW_COLUMNS."""
    article_id, title, source, category, published, imported_at, read, starred = row
    imported = from_iso(imported_at)
    assert imported is not None
    return ArticleRow(
        id=article_id,
        title=title,
        source=source,
        category=category,
        published=from_iso(published),
        imported_at=imported,
        read=bool(read),
        starred=bool(starred),
    )


def article_to_json(article: Article) -> dict[str, Any]:
    """The JSON object of DESIGN.md for one article."""
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "published": to_iso(article.published) if article.published else None,
        "category": article.category,
        "source": article.source,
        "url": article.url,
        "summary": article.summary,
        "body": article.body,
        "word_count": article.word_count,
        "read": article.read,
        "starred": article.starred,
        "imported_at": to_iso(article.imported_at),
        "enclosures": [
            {"url": item.url, "type": item.type, "length": item.length}
            for item in article.enclosures
        ],
    }
