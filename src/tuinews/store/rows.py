"""The one place where columns meet dataclasses, and how times are written down."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tuinews.models import Article, ArticleRow

ARTICLE_COLUMNS = (
    "id, title, author, published, category, source, url, summary, body, "
    "word_count, read, starred, imported_at"
)
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
    imported = from_iso(row[12])
    assert imported is not None
    return Article(
        id=row[0],
        title=row[1],
        author=row[2],
        published=from_iso(row[3]),
        category=row[4],
        source=row[5],
        url=row[6],
        summary=row[7],
        body=row[8],
        word_count=row[9],
        read=bool(row[10]),
        starred=bool(row[11]),
        imported_at=imported,
    )


def list_row_from_row(row: tuple[Any, ...]) -> ArticleRow:
    """Build an ArticleRow from a row selected with ROW_COLUMNS."""
    imported = from_iso(row[5])
    assert imported is not None
    return ArticleRow(
        id=row[0],
        title=row[1],
        source=row[2],
        category=row[3],
        published=from_iso(row[4]),
        imported_at=imported,
        read=bool(row[6]),
        starred=bool(row[7]),
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
    }
