"""Filters (a killfile, as newsboat's ignore-article): rules that hide or mark read the
articles they match, applied to new articles after each import and refresh.

A filter's query is a search (the same words as `search`) plus fields: `source:NAME`,
`author:NAME`, `category:NAME` (quoted when they hold spaces) and `older:DAYS`. The
config's filters are copied into the store (`sync_filters`) so that every import, from
the command line or the reader, applies them (`apply_filters`). What a filter caught is
kept in `filter_hits` (a hidden article's whole row), so that it can be listed and undone.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tuinews.models import ArticleFilter
from tuinews.store.rows import to_iso
from tuinews.store.views import fts_query

_TOKEN = re.compile(r'(\w+):"([^"]*)"|(\w+):(\S+)|("[^"]*"|\S+)')
FIELDS = {"source": "source", "author": "author", "category": "category"}
# Keys of a hidden article's kept row that are not columns of `articles`.
_ENCLOSURES, _VIEWS = "_enclosures", "_saved_views"


class FilterError(Exception):
    """A filter's query cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class FilterCount:
    """How many articles a filter caught (and still holds), and what it does."""

    name: str
    action: str
    caught: int
    configured: bool  # False: no longer in the config file, its catches are still held


def parse_query(text: str) -> tuple[str, dict[str, str], int | None]:
    """(the FTS query of the words, the fields asked for, `older` in days or None)."""
    words: list[str] = []
    fields: dict[str, str] = {}
    older: int | None = None
    for quoted_key, quoted, key, value, word in _TOKEN.findall(text):
        name, given = (quoted_key, quoted) if quoted_key else (key, value)
        if word or name.lower() not in (*FIELDS, "older"):
            words.append(word or f"{name}:{given}")
        elif name.lower() == "older":
            days = given.lower().removesuffix("d")
            if not days.isdigit():
                raise FilterError(f"older: needs a number of days, not {given!r}")
            older = int(days)
        else:
            fields[name.lower()] = given
    return fts_query(" ".join(words)), fields, older


def check_query(text: str) -> None:
    """Raise FilterError when a filter's query would match nothing or everything."""
    words, fields, older = parse_query(text)
    if not words and not fields and older is None:
        raise FilterError(f"nothing to match in {text!r}")


def sync_filters(conn: sqlite3.Connection, filters: Sequence[ArticleFilter]) -> None:
    """Make the store's filters the config's: a changed query or action starts over (its
    filter is applied to every article again); a removed filter stops catching."""
    known = {
        name: (query, action)
        for name, query, action in conn.execute("SELECT name, query, action FROM filters")
    }
    wanted = {f.name: f for f in filters}
    if all(known.get(f.name) == (f.query, f.action) for f in filters) and set(known) == set(wanted):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in set(known) - set(wanted):
            conn.execute("DELETE FROM filters WHERE name = ?", (name,))
        for f in filters:
            if known.get(f.name) != (f.query, f.action):
                conn.execute(
                    "INSERT OR REPLACE INTO filters(name, query, action, checked_id) "
                    "VALUES (?, ?, ?, 0)",
                    (f.name, f.query, f.action),
                )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def apply_filters(conn: sqlite3.Connection, now: datetime) -> dict[str, int]:
    """Apply every filter to the articles it has not seen; return how many each caught."""
    filters = conn.execute("SELECT name, query, action, checked_id FROM filters").fetchall()
    if not filters:
        return {}
    caught: dict[str, int] = {}
    conn.execute("BEGIN IMMEDIATE")
    try:
        (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
        for name, query, action, checked in filters:
            if last > checked:
                ids = _matching(conn, query, int(checked), now)
                caught[name] = _catch(conn, name, action, ids, now)
            conn.execute("UPDATE filters SET checked_id = ? WHERE name = ?", (last, name))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return {name: count for name, count in caught.items() if count}


def _matching(conn: sqlite3.Connection, query: str, after: int, now: datetime) -> list[int]:
    words, fields, older = parse_query(query)
    conditions: list[str] = ["a.id > ?"]
    params: list[object] = [after]
    if words:
        conditions.append(
            "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ?)"
        )
        params += [words, after]
    # The unary + keeps the planner off the field indexes: the range of new ids (the
    # primary key) is what bounds the work, not every old article of a category or age.
    for name, value in fields.items():
        conditions.append(f"+a.{FIELDS[name]} = ? COLLATE NOCASE")
        params.append(value)
    if older is not None:
        conditions.append("+a.sort_at < ?")
        params.append(to_iso(now - timedelta(days=older)))
    if len(conditions) == 1:
        return []
    rows = conn.execute(f"SELECT a.id FROM articles AS a WHERE {' AND '.join(conditions)}", params)
    return [int(article_id) for (article_id,) in rows]


def _catch(conn: sqlite3.Connection, name: str, action: str, ids: list[int], now: datetime) -> int:
    """Hide (keep the row aside, delete it) or mark read; record each catch."""
    count = 0
    for article_id in ids:
        cursor = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,))
        row = cursor.fetchone()
        if row is None:
            continue
        article = dict(zip([d[0] for d in cursor.description], row, strict=True))
        if action == "read" and article["read"]:
            continue  # nothing to do, nothing to undo
        kept = json.dumps(_whole(conn, article)) if action == "hide" else None
        conn.execute(
            "INSERT OR REPLACE INTO filter_hits(filter, article_key, action, caught_at, "
            "was_read, article) VALUES (?, ?, ?, ?, ?, ?)",
            (name, article["dedupe_key"], action, to_iso(now), article["read"], kept),
        )
        if action == "hide":
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        else:
            conn.execute("UPDATE articles SET read = 1 WHERE id = ?", (article_id,))
        count += 1
    return count


def _whole(conn: sqlite3.Connection, article: dict[str, object]) -> dict[str, object]:
    """The article's row with what goes with it and would go when it is deleted: its
    enclosures and the saved views it is in (restored when the filter is undone)."""
    ident = article["id"]
    enclosures = conn.execute(
        "SELECT position, url, type, length FROM enclosures WHERE article_id = ?", (ident,)
    ).fetchall()
    views = conn.execute("SELECT view_id FROM saved_matches WHERE article_id = ?", (ident,))
    return {
        **article,
        _ENCLOSURES: [list(row) for row in enclosures],
        _VIEWS: [view_id for (view_id,) in views],
    }


def _give_back(conn: sqlite3.Connection, article: dict[str, Any]) -> None:
    """Insert a hidden article again, with its enclosures and saved-view memberships
    (rows kept before those were recorded have neither)."""
    enclosures = article.pop(_ENCLOSURES, [])
    views = article.pop(_VIEWS, [])
    names = ", ".join(article)
    marks = ", ".join("?" * len(article))
    cursor = conn.execute(
        f"INSERT OR IGNORE INTO articles({names}) VALUES ({marks})", list(article.values())
    )
    if cursor.rowcount != 1:
        return  # the same article came back meanwhile: keep what is there
    ident = article["id"]
    conn.executemany(
        "INSERT INTO enclosures(article_id, position, url, type, length) VALUES (?, ?, ?, ?, ?)",
        [(ident, *row) for row in enclosures],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO saved_matches(view_id, article_id, matched_at, is_read) "
        "SELECT id, ?, ?, ? FROM saved_views WHERE id = ?",
        [(ident, article["sort_at"], article["read"], view_id) for view_id in views],
    )


def filter_counts(conn: sqlite3.Connection, filters: Sequence[ArticleFilter]) -> list[FilterCount]:
    """Each configured filter with what it holds, then filters no longer configured."""
    held = {
        (name, action): int(count)
        for name, action, count in conn.execute(
            "SELECT filter, action, count(*) FROM filter_hits GROUP BY filter, action"
        )
    }
    counts = [FilterCount(f.name, f.action, held.pop((f.name, f.action), 0), True) for f in filters]
    counts += [FilterCount(name, action, n, False) for (name, action), n in sorted(held.items())]
    return counts


def undo_filter(conn: sqlite3.Connection, name: str) -> int:
    """Give back what a filter caught: hidden articles return, marks are restored. The
    filter does not catch them again (unless its query or action changes)."""
    hits = conn.execute(
        "SELECT article_key, action, was_read, article FROM filter_hits WHERE filter = ?",
        (name,),
    ).fetchall()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for key, action, was_read, kept in hits:
            if action == "hide" and kept:
                _give_back(conn, json.loads(kept))
            else:
                conn.execute("UPDATE articles SET read = ? WHERE dedupe_key = ?", (was_read, key))
        conn.execute("DELETE FROM filter_hits WHERE filter = ?", (name,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(hits)
