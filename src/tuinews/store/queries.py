"""Reading the store: articles, pages of a view, counts, next unread, positions.

A mixin of Store (store.py): every method reads through `self.conn`, in the caller's
thread (see the threading rule in opening.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from typing import Any

from tuinews.models import (
    Article,
    ArticleRow,
    Count,
    Enclosure,
    ListOrder,
    SidebarCounts,
    Sort,
    View,
    ViewKind,
)
from tuinews.store.orders import (
    default_order,
    effective_order,
    keyset,
    list_index,
    order_by,
    ordered_filter,
)
from tuinews.store.rows import (
    ARTICLE_COLUMNS,
    ROW_COLUMNS,
    article_from_row,
    list_row_from_row,
)
from tuinews.store.saved import (
    saved_count,
    saved_next_unread,
    saved_position,
    saved_rows,
)
from tuinews.store.search import rows_by_ids, search_count, search_ids
from tuinews.store.views import today_start


class Queries:
    """The Store's reading methods; they speak in dataclasses."""

    conn: sqlite3.Connection

    def get(self, article_id: int) -> Article | None:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return with_enclosures(self.conn, [article_from_row(row)])[0] if row else None

    def page(
        self,
        view: View,
        *,
        now: datetime,
        limit: int,
        offset: int = 0,
        order: ListOrder | None = None,
    ) -> list[ArticleRow]:
        """One page of a view's list rows in `order` (newest first, a search's best
        match first), only the unread ones if it says so."""
        rows = self._rows(view, ROW_COLUMNS, now, limit, offset, order)
        return [list_row_from_row(row) for row in rows]

    def articles(
        self,
        view: View,
        *,
        now: datetime,
        limit: int,
        offset: int = 0,
        order: ListOrder | None = None,
    ) -> list[Article]:
        """Like page(), with every field (for the command line's output)."""
        rows = self._rows(view, ARTICLE_COLUMNS, now, limit, offset, order)
        return with_enclosures(self.conn, [article_from_row(row) for row in rows])

    def _rows(
        self,
        view: View,
        columns: str,
        now: datetime,
        limit: int,
        offset: int,
        order: ListOrder | None,
    ) -> list[tuple[Any, ...]]:
        order = effective_order(view, order)
        if view.kind is ViewKind.SAVED:
            return saved_rows(self.conn, view.name or "", columns, limit, offset, order)
        if view.kind is ViewKind.SEARCH and order.sort is Sort.BEST:
            return rows_by_ids(
                self.conn, columns, search_ids(self.conn, view.query or "", limit, offset)
            )
        where, params = ordered_filter(view, order, now)
        return self.conn.execute(
            f"SELECT {columns} FROM articles {list_index(view, order)} WHERE {where} "
            f"{order_by(order)} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()

    def search(self, text: str, *, limit: int, offset: int = 0) -> list[Article]:
        """Full-text search: the best of the newest matches first (see search.search_ids)."""
        ids = search_ids(self.conn, text, limit, offset)
        found = [article_from_row(row) for row in rows_by_ids(self.conn, ARTICLE_COLUMNS, ids)]
        return with_enclosures(self.conn, found)

    def count(self, view: View, now: datetime) -> Count:
        """How many articles a view holds and how many are unread, without a scan.

        Smart views and categories read the maintained counters; Today counts a
        range of two indexes; a search counts its matches in the full-text index.
        """
        if view.kind is ViewKind.TODAY:
            return self._today(now)
        if view.kind is ViewKind.SEARCH:
            return search_count(self.conn, view.query or "")
        if view.kind is ViewKind.SAVED:
            return saved_count(self.conn, view.name or "")
        if view.kind is ViewKind.CATEGORY:
            row = self.conn.execute(
                "SELECT total, unread FROM category_counts WHERE category = ?",
                (view.category or "",),
            ).fetchone()
            return Count(int(row[0]), int(row[1])) if row else Count(0, 0)
        total, unread, starred, starred_unread = self.conn.execute(
            "SELECT coalesce(sum(total), 0), coalesce(sum(unread), 0), "
            "coalesce(sum(starred), 0), coalesce(sum(starred_unread), 0) FROM category_counts"
        ).fetchone()
        if view.kind is ViewKind.UNREAD:
            return Count(int(unread), int(unread))
        if view.kind is ViewKind.STARRED:
            return Count(int(starred), int(starred_unread))
        return Count(int(total), int(unread))

    def counts(self, now: datetime) -> SidebarCounts:
        """Totals and unread counts for the smart views and every category.

        O(categories): one pass over the counters' rows, plus Today's index ranges.
        """
        categories: dict[str, Count] = {}
        total = unread = starred = starred_unread = 0
        for name, c_total, c_unread, c_starred, c_starred_unread in self.conn.execute(
            "SELECT category, total, unread, starred, starred_unread FROM category_counts "
            "ORDER BY category COLLATE NOCASE, category"
        ):
            categories[name] = Count(int(c_total), int(c_unread))
            total += c_total
            unread += c_unread
            starred += c_starred
            starred_unread += c_starred_unread
        views = {
            ViewKind.ALL: Count(total, unread),
            ViewKind.UNREAD: Count(unread, unread),
            ViewKind.STARRED: Count(starred, starred_unread),
            ViewKind.TODAY: self._today(now),
        }
        return SidebarCounts(views, categories)

    def _today(self, now: datetime) -> Count:
        """Today's counts: two covering-index ranges over the last day, never the table."""
        since = today_start(now)
        (total,) = self.conn.execute(
            "SELECT count(*) FROM articles WHERE sort_at >= ?", (since,)
        ).fetchone()
        (unread,) = self.conn.execute(
            "SELECT count(*) FROM articles WHERE read = 0 AND sort_at >= ?", (since,)
        ).fetchone()
        return Count(int(total), int(unread))

    def next_unread(
        self,
        view: View,
        *,
        now: datetime,
        after: ArticleRow | None,
        order: ListOrder | None = None,
    ) -> int | None:
        """The first unread article of a view that comes after `after` (or the first)
        in `order`."""
        sort = (order or default_order(view)).sort
        order = effective_order(view, ListOrder(sort, unread_only=True))
        if view.kind is ViewKind.SAVED:
            return saved_next_unread(self.conn, view.name or "", after, order)
        where, params = ordered_filter(view, order, now)
        sql = f"SELECT id FROM articles {list_index(view, order)} WHERE ({where})"
        if after is None:
            row = self.conn.execute(f"{sql} {order_by(order)} LIMIT 1", params).fetchone()
            return int(row[0]) if row else None
        # Keyset bounds: the index in list order seeks straight to `after`.
        for bound, values in keyset(order, after, after=True):
            row = self.conn.execute(
                f"{sql} AND {bound} {order_by(order)} LIMIT 1", [*params, *values]
            ).fetchone()
            if row:
                return int(row[0])
        return None

    def position(
        self, view: View, article_id: int, now: datetime, order: ListOrder | None = None
    ) -> int | None:
        """The index of an article in a view's list in `order`, or None if it is not in it
        (or the list is a search's ranking, which its list pages through itself)."""
        order = effective_order(view, order)
        if view.kind is ViewKind.SEARCH and order.sort is Sort.BEST:
            return None
        if view.kind is ViewKind.SAVED:
            article = self.conn.execute(
                f"SELECT {ROW_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if article is None:
                return None
            return saved_position(self.conn, view.name or "", list_row_from_row(article), order)
        where, params = ordered_filter(view, order, now)
        found = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM articles WHERE id = ? AND ({where})",
            [article_id, *params],
        ).fetchone()
        if found is None:
            return None
        # Counted in index ranges in list order: the cost grows with the position.
        before = 0
        for bound, values in keyset(order, list_row_from_row(found), after=False):
            (count,) = self.conn.execute(
                f"SELECT count(*) FROM articles {list_index(view, order)} "
                f"WHERE ({where}) AND {bound}",
                [*params, *values],
            ).fetchone()
            before += int(count)
        return before

    def is_empty(self) -> bool:
        # A counters' row exists exactly while its category holds an article.
        return self.conn.execute("SELECT 1 FROM category_counts LIMIT 1").fetchone() is None

    def data_version(self) -> int:
        """A number that changes when another connection (or process) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])


def with_enclosures(conn: sqlite3.Connection, articles: list[Article]) -> list[Article]:
    """The articles with their enclosures, in feed order: one indexed query per 500."""
    attached: dict[int, list[Enclosure]] = {}
    ids = [article.id for article in articles]
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        rows = conn.execute(
            "SELECT article_id, url, type, length FROM enclosures "
            f"WHERE article_id IN ({', '.join('?' * len(part))}) ORDER BY article_id, position",
            part,
        )
        for article_id, url, kind, length in rows:
            attached.setdefault(article_id, []).append(Enclosure(url, kind, length))
    return [
        replace(article, enclosures=tuple(attached[article.id]))
        if article.id in attached
        else article
        for article in articles
    ]
