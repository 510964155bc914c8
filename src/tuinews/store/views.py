"""SQL for the sidebar's views and for full-text queries."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from tuinews.models import View, ViewKind
from tuinews.store.rows import to_iso

ORDER = "ORDER BY sort_at DESC, id DESC"
# Keyset bounds in list order, as row values so that an index seeks to them.
AFTER = "(sort_at, id) < (?, ?)"
BEFORE = "(sort_at, id) > (?, ?)"
TODAY_SPAN = timedelta(hours=24)
# A search's score: FTS5 bm25 weighting title, author, summary, body (lower is better).
RANK = "bm25(articles_fts, 10.0, 2.0, 4.0, 1.0)"


def today_start(now: datetime) -> str:
    """The lower bound of Today's sort_at range (the last 24 hours)."""
    return to_iso(now - TODAY_SPAN)


def view_filter(view: View, now: datetime) -> tuple[str, list[object]]:
    """The WHERE clause (without the keyword) and parameters that select a view."""
    if view.kind is ViewKind.UNREAD:
        return "read = 0", []
    if view.kind is ViewKind.STARRED:
        return "starred = 1", []
    if view.kind is ViewKind.TODAY:
        return "sort_at >= ?", [today_start(now)]
    if view.kind is ViewKind.CATEGORY:
        return "category = ?", [view.category or ""]
    if view.kind is ViewKind.FEED:
        # A feed's articles are its source's (saved at the subscription's URL); without a
        # category (the command line's `list --feed`), in every category.
        feed = "source_id = (SELECT id FROM sources WHERE location = ?)"
        if view.category is None:
            return feed, [view.feed or ""]
        return f"{feed} AND category = ?", [view.feed or "", view.category]
    if view.kind is ViewKind.SAVED:  # for bulk marks: lists read saved_matches (saved.py)
        return (
            "id IN (SELECT article_id FROM saved_matches "
            "WHERE view_id = (SELECT id FROM saved_views WHERE name = ?))",
            [view.name or ""],
        )
    if view.kind is ViewKind.SEARCH:
        query = fts_query(view.query or "")
        if not query:
            return "0", []
        return "id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [query]
    return "1", []


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def has_phrase(text: str) -> bool:
    """Whether a search holds a quoted phrase of more than one word."""
    return any(len(phrase.split()) > 1 for phrase, _ in _TOKEN.findall(text))


def fts_query(text: str) -> str:
    """Turn what a person types into an FTS5 query.

    Words match whole words by their stem ("satellite" finds "satellites"); a word
    ending in `*` matches as a prefix; quoted phrases stay phrases; OR and NOT in
    capitals keep their meaning. Everything is quoted, so no input is a syntax error.
    """
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            cleaned = phrase.replace('"', "").strip()
            if cleaned:
                parts.append(f'"{cleaned}"')
        elif word in ("OR", "NOT") and parts:
            parts.append(word)
        else:
            cleaned = "".join(ch for ch in word if ch.isalnum() or ch in "-_'")
            if cleaned.strip("-_'"):
                parts.append(f'"{cleaned}"*' if word.endswith("*") else f'"{cleaned}"')
    while parts and parts[-1] in ("OR", "NOT"):
        parts.pop()
    return " ".join(parts)
