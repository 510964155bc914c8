"""Searches saved as views (newsboat's query feeds): kept matches, counts, pages.

A saved view keeps its matches in `saved_matches` (schema v7) with each article's sort key
and read mark, so that it pages and finds its next unread article in its own indexes, and
its counts in `saved_views` (kept by triggers, v8): as fast as a category. New articles
are matched by `sync_saved_views`, which the import and the refresh run after they store
articles; it matches only the articles added since its last run (`checked_id`), in the
full-text index.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tuinews.models import ArticleRow, Count, ListOrder, SavedView, Sort
from tuinews.store.orders import keyset
from tuinews.store.search import rows_by_ids
from tuinews.store.views import fts_query
from tuinews.untrusted import door_line

MAX_NAME = 80
_ORDER = "ORDER BY matched_at DESC, article_id DESC"
_DEFAULT = ListOrder()
# Each order's ORDER BY in the view's own indexes (on the copies the matches keep).
_ORDERS = {
    Sort.NEWEST: _ORDER,
    Sort.BEST: _ORDER,
    Sort.OLDEST: "ORDER BY matched_at ASC, article_id ASC",
    Sort.TITLE: "ORDER BY match_title COLLATE NOCASE, matched_at DESC, article_id DESC",
    Sort.SOURCE: "ORDER BY match_source COLLATE NOCASE, matched_at DESC, article_id DESC",
}


def _where(order: ListOrder) -> str:
    unread = " AND is_read = 0" if order.unread_only else ""
    return f"WHERE view_id = (SELECT id FROM saved_views WHERE name = ?){unread}"


def _bounds(order: ListOrder, row: ArticleRow, *, after: bool) -> list[tuple[str, list[object]]]:
    """The matches after (or before) `row` in `order`, as index ranges (orders.keyset on
    the copies the matches keep)."""
    return keyset(order, row, after=after, columns=("matched_at", "article_id", "match_"))


def _order(order: ListOrder) -> str:
    return _ORDERS[order.sort]


class SavedViewError(Exception):
    """A saved view cannot be made, renamed or found; the message says why."""


def _view_id(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM saved_views WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else None


def _checked_name(name: str) -> str:
    # Shown in the sidebar: no control sequences, spaces folded.
    cleaned = " ".join(door_line(name).split())[:MAX_NAME]
    if not cleaned:
        raise SavedViewError("a saved view needs a name")
    return cleaned


def save_view(conn: sqlite3.Connection, name: str, query: str) -> SavedView:
    """Save `query` as a view called `name`, with every article it matches now."""
    name = _checked_name(name)
    if not fts_query(query):
        raise SavedViewError(f"nothing to search for in {query!r}")
    _begin(conn)
    try:
        if _view_id(conn, name) is not None:
            raise SavedViewError(f"there is already a view called {name!r}")
        cursor = conn.execute(
            "INSERT INTO saved_views(name, query) VALUES (?, ?)", (name, door_line(query.strip()))
        )
        _match_new(conn, int(cursor.lastrowid or 0), query, checked_id=0)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return next(view for view in list_views(conn) if view.name == name)


def rename_view(conn: sqlite3.Connection, old: str, new: str) -> str:
    """Rename a saved view; return the new name as stored."""
    new = _checked_name(new)
    view_id = _view_id(conn, old)
    if view_id is None:
        raise SavedViewError(f"no saved view called {old!r}")
    if new != old and _view_id(conn, new) is not None:
        raise SavedViewError(f"there is already a view called {new!r}")
    with conn:
        conn.execute("UPDATE saved_views SET name = ? WHERE id = ?", (new, view_id))
    return new


def remove_view(conn: sqlite3.Connection, name: str) -> None:
    """Forget a saved view (its articles stay where they are)."""
    view_id = _view_id(conn, name)
    if view_id is None:
        raise SavedViewError(f"no saved view called {name!r}")
    _begin(conn)
    conn.execute("DELETE FROM saved_matches WHERE view_id = ?", (view_id,))
    conn.execute("DELETE FROM saved_views WHERE id = ?", (view_id,))
    conn.execute("COMMIT")


def list_views(conn: sqlite3.Connection) -> list[SavedView]:
    """Every saved view with its counts (kept by triggers), by name."""
    rows = conn.execute(
        "SELECT name, query, total, unread FROM saved_views ORDER BY name COLLATE NOCASE, name"
    ).fetchall()
    return [SavedView(name, query, int(total), int(unread)) for name, query, total, unread in rows]


def sync_saved_views(conn: sqlite3.Connection) -> int:
    """Match the articles stored since the last run against every saved view, in one
    transaction; return how many matches were added."""
    views = conn.execute("SELECT id, query, checked_id FROM saved_views").fetchall()
    if not views:
        return 0
    _begin(conn)
    try:
        added = sum(
            _match_new(conn, int(view_id), query, int(checked)) for view_id, query, checked in views
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return added


def _begin(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")


def _match_new(conn: sqlite3.Connection, view_id: int, query: str, checked_id: int) -> int:
    """Add the matches among the articles after `checked_id` (inside a transaction)."""
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    added = 0
    match = fts_query(query)
    if match and last > checked_id:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO saved_matches(view_id, article_id, matched_at, is_read, "
            "match_title, match_source) "
            "SELECT ?, a.id, a.sort_at, a.read, a.title, a.source FROM articles_fts AS f "
            "JOIN articles AS a ON a.id = f.rowid "
            "WHERE articles_fts MATCH ? AND f.rowid > ?",
            (view_id, match, checked_id),
        )
        added = cursor.rowcount
    conn.execute("UPDATE saved_views SET checked_id = ? WHERE id = ?", (last, view_id))
    return max(added, 0)


# -- reading a saved view: each in the view's own index ---------------------------------


def _count(conn: sqlite3.Connection, view_id: int) -> Count:
    row = conn.execute("SELECT total, unread FROM saved_views WHERE id = ?", (view_id,)).fetchone()
    return Count(int(row[0]), int(row[1])) if row else Count(0, 0)


def saved_count(conn: sqlite3.Connection, name: str) -> Count:
    """How many articles a saved view holds, and how many are unread."""
    view_id = _view_id(conn, name)
    return Count(0, 0) if view_id is None else _count(conn, view_id)


def saved_rows(
    conn: sqlite3.Connection,
    name: str,
    columns: str,
    limit: int,
    offset: int,
    order: ListOrder = _DEFAULT,
) -> list[tuple[Any, ...]]:
    """Rows of `columns` (of articles, the id first) for one page of a saved view in
    `order`, unread only if it says so: a walk of one of the view's indexes joined to the
    articles by id. Past the first page, the page's ids first, then their rows: joined,
    the rows an OFFSET skips are read too (35 ms for the page at 2,000 of a view of 31k
    articles at 100k, bench.list_orders)."""
    if offset == 0:
        return conn.execute(
            f"SELECT {columns} FROM saved_matches JOIN articles ON articles.id = article_id "
            f"{_where(order)} {_order(order)} LIMIT ?",
            (name, limit),
        ).fetchall()
    ids = [
        article_id
        for (article_id,) in conn.execute(
            f"SELECT article_id FROM saved_matches {_where(order)} {_order(order)} "
            "LIMIT ? OFFSET ?",
            (name, limit, offset),
        )
    ]
    return rows_by_ids(conn, columns, ids)


def saved_next_unread(
    conn: sqlite3.Connection, name: str, after: ArticleRow | None, order: ListOrder = _DEFAULT
) -> int | None:
    """The first unread article of a saved view after `after` in `order`, or the first."""
    sql = f"SELECT article_id FROM saved_matches {_where(ListOrder(order.sort, True))}"
    bounds = _bounds(order, after, after=True) if after is not None else [("1", [])]
    for bound, values in bounds:
        row = conn.execute(f"{sql} AND {bound} {_order(order)} LIMIT 1", [name, *values])
        found = row.fetchone()
        if found:
            return int(found[0])
    return None


def saved_position(
    conn: sqlite3.Connection, name: str, row: ArticleRow, order: ListOrder = _DEFAULT
) -> int | None:
    """The index of an article (its list row) in a saved view's list in `order`, or None
    if it is not in it."""
    view_id = _view_id(conn, name)
    unread = " AND is_read = 0" if order.unread_only else ""
    found = conn.execute(
        f"SELECT 1 FROM saved_matches WHERE view_id = ? AND article_id = ?{unread}",
        (view_id, row.id),
    ).fetchone()
    if found is None:
        return None
    before = 0
    for bound, values in _bounds(order, row, after=False):
        (count,) = conn.execute(
            f"SELECT count(*) FROM saved_matches WHERE view_id = ?{unread} AND {bound}",
            [view_id, *values],
        ).fetchone()
        before += int(count)
    return before
