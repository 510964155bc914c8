"""The SQLite store: open it, write imports and marks, read pages of articles.

Threading rule: a Store wraps one SQLite connection and is used by one thread at a
time. A worker thread that writes opens its own Store on the same path
(`store.reopen()`); WAL mode lets the reader keep reading while it writes, and
`busy_timeout` makes writers from other processes wait instead of failing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from tuinews.models import (
    Article,
    ArticleDraft,
    ArticleRow,
    Count,
    FeedSubscription,
    Outcome,
    SidebarCounts,
    View,
    ViewKind,
)
from tuinews.store import schema
from tuinews.store.keys import canonical_url, content_hash, dedupe_key
from tuinews.store.rows import (
    ARTICLE_COLUMNS,
    ROW_COLUMNS,
    article_from_row,
    list_row_from_row,
    to_iso,
)
from tuinews.store.views import AFTER, BEFORE, ORDER, fts_query, today_start, view_filter

UNCATEGORIZED = "Uncategorized"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class Saved:
    """What storing one draft did, and the article's id."""

    outcome: Outcome
    article_id: int


def open_store(path: Path) -> Store:
    """Open (creating or migrating) the store at `path`.

    Raises StoreError, before anything is written, for a file that is not a tuinews
    store, is corrupt, has a newer schema, or cannot be written.
    """
    version = schema.inspect(path) if path.exists() else 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise schema.StoreError(f"{path}: cannot be opened ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version < schema.LATEST_VERSION:
            schema.migrate(conn, version)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise schema.StoreError(f"{path}: cannot be used ({exc})") from None
    return Store(path, conn)


class Store:
    """Articles, sources and settings in one SQLite file; speaks in dataclasses."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    def reopen(self) -> Store:
        """A second connection to the same file, for another thread."""
        return open_store(self.path)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; BEGIN IMMEDIATE so concurrent writers queue up cleanly."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------

    def save_source(
        self,
        location: str,
        name: str,
        kind: str,
        drafts: Sequence[ArticleDraft],
        *,
        category: str | None = None,
        subscriptions: Sequence[FeedSubscription] = (),
        now: datetime | None = None,
    ) -> tuple[list[Saved], int]:
        """Store one source's articles and feed subscriptions in one transaction.

        `category` overrides the drafts' own. A draft whose dedupe key is known is
        a duplicate when its text is the same, else it updates the article in place
        (read and starred are kept). Returns what happened to each draft and how
        many subscriptions were new.
        """
        moment = to_iso(now or datetime.now(UTC))
        results: list[Saved] = []
        with self.write() as conn:
            conn.execute(
                "INSERT INTO sources(name, location, kind, imported_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(location) DO UPDATE SET name = excluded.name, "
                "kind = excluded.kind, imported_at = excluded.imported_at",
                (name, location, kind, moment),
            )
            source_id = conn.execute(
                "SELECT id FROM sources WHERE location = ?", (location,)
            ).fetchone()[0]
            for draft in drafts:
                results.append(self._save_draft(conn, draft, source_id, name, category, moment))
            added = sum(self._subscribe(conn, sub, moment) for sub in subscriptions)
        return results, added

    def _subscribe(self, conn: sqlite3.Connection, sub: FeedSubscription, moment: str) -> bool:
        cursor = conn.execute(
            "INSERT INTO subscriptions(url, title, category, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO NOTHING",
            (sub.url, sub.title, sub.category, moment),
        )
        return cursor.rowcount > 0

    def subscriptions(self) -> list[FeedSubscription]:
        """Every feed subscription, by category then title."""
        rows = self.conn.execute(
            "SELECT url, title, category FROM subscriptions "
            "ORDER BY category COLLATE NOCASE, title COLLATE NOCASE, url"
        )
        return [FeedSubscription(url, title, category) for url, title, category in rows]

    def _save_draft(
        self,
        conn: sqlite3.Connection,
        draft: ArticleDraft,
        source_id: int,
        source_name: str,
        category: str | None,
        moment: str,
    ) -> Saved:
        source = draft.source_name or source_name
        key = dedupe_key(draft, source)
        published = to_iso(draft.published) if draft.published else None
        chosen = category or draft.category or UNCATEGORIZED
        # The canonical URL: a link that only gained tracking parameters is no new version.
        link = canonical_url(draft.url) if draft.url else None
        digest = content_hash(
            draft.title, draft.author, published, chosen, link, draft.summary, draft.body
        )
        words = len(draft.body.split())
        existing = conn.execute(
            "SELECT id, content_hash FROM articles WHERE dedupe_key = ?", (key,)
        ).fetchone()
        if existing is None:
            cursor = conn.execute(
                "INSERT INTO articles(dedupe_key, source_id, source, url, title, author, "
                "published, category, summary, body, word_count, imported_at, sort_at, "
                "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    source_id,
                    source,
                    draft.url,
                    draft.title,
                    draft.author,
                    published,
                    chosen,
                    draft.summary,
                    draft.body,
                    words,
                    moment,
                    published or moment,
                    digest,
                ),
            )
            assert cursor.lastrowid is not None
            return Saved(Outcome.NEW, cursor.lastrowid)
        article_id, old_digest = existing
        if old_digest == digest:
            return Saved(Outcome.DUPLICATE, article_id)
        conn.execute(
            "UPDATE articles SET source = ?, url = ?, title = ?, author = ?, published = ?, "
            "category = ?, summary = ?, body = ?, word_count = ?, "
            "sort_at = coalesce(?, imported_at), content_hash = ? WHERE id = ?",
            (
                source,
                draft.url,
                draft.title,
                draft.author,
                published,
                chosen,
                draft.summary,
                draft.body,
                words,
                published,
                digest,
                article_id,
            ),
        )
        return Saved(Outcome.UPDATED, article_id)

    def set_read(self, ids: Sequence[int], read: bool) -> list[int]:
        """Mark articles read or unread; return the ids whose state changed."""
        changed: list[int] = []
        with self.write() as conn:
            for article_id in ids:
                cursor = conn.execute(
                    "UPDATE articles SET read = ? WHERE id = ? AND read != ?",
                    (int(read), article_id, int(read)),
                )
                if cursor.rowcount:
                    changed.append(article_id)
        return changed

    def restore(self, column: str, states: dict[int, bool]) -> None:
        """Put read or starred marks back as they were (undo)."""
        if column not in ("read", "starred"):
            raise ValueError(column)
        with self.write() as conn:
            conn.executemany(
                f"UPDATE articles SET {column} = ? WHERE id = ?",
                [(int(value), article_id) for article_id, value in states.items()],
            )

    def set_starred(self, article_id: int, starred: bool) -> None:
        with self.write() as conn:
            conn.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def mark_view_read(self, view: View, now: datetime) -> list[int]:
        """Mark every unread article of a view read; return their ids (for undo)."""
        where, params = view_filter(view, now)
        with self.write() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM articles WHERE ({where}) AND read = 0", params
                )
            ]
            conn.executemany("UPDATE articles SET read = 1 WHERE id = ?", [(i,) for i in ids])
        return ids

    # -- reading -------------------------------------------------------------

    def get(self, article_id: int) -> Article | None:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return article_from_row(row) if row else None

    def page(self, view: View, *, now: datetime, limit: int, offset: int = 0) -> list[ArticleRow]:
        """One page of a view's list rows: newest first, a search's best match first."""
        if view.kind is ViewKind.SEARCH:
            return [
                list_row_from_row(row)
                for row in self._ranked(view.query or "", ROW_COLUMNS, limit, offset)
            ]
        where, params = view_filter(view, now)
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM articles WHERE {where} {ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [list_row_from_row(row) for row in rows]

    def articles(self, view: View, *, now: datetime, limit: int, offset: int = 0) -> list[Article]:
        """Like page(), with every field (for the command line's output)."""
        where, params = view_filter(view, now)
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {where} {ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [article_from_row(row) for row in rows]

    def count(self, view: View, now: datetime) -> Count:
        where, params = view_filter(view, now)
        total, unread = self.conn.execute(
            f"SELECT count(*), count(*) - coalesce(sum(read), 0) FROM articles WHERE {where}",
            params,
        ).fetchone()
        return Count(total, unread)

    def counts(self, now: datetime) -> SidebarCounts:
        """Totals and unread counts for the smart views and every category."""
        views = {
            kind: self.count(View(kind), now)
            for kind in (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED, ViewKind.TODAY)
        }
        categories = {
            name: Count(total, unread)
            for name, total, unread in self.conn.execute(
                "SELECT category, count(*), count(*) - sum(read) FROM articles "
                "GROUP BY category ORDER BY category COLLATE NOCASE"
            )
        }
        return SidebarCounts(views, categories)

    def next_unread(self, view: View, *, now: datetime, after: ArticleRow | None) -> int | None:
        """The first unread article of a view that sorts after `after` (or the first)."""
        where, params = view_filter(view, now)
        sql = f"SELECT id FROM articles WHERE ({where}) AND read = 0"
        if after is not None:
            sql += " AND (sort_at < ? OR (sort_at = ? AND id < ?))"
            stamp = to_iso(after.date)
            params = [*params, stamp, stamp, after.id]
        row = self.conn.execute(f"{sql} {ORDER} LIMIT 1", params).fetchone()
        return int(row[0]) if row else None

    def position(self, view: View, article_id: int, now: datetime) -> int | None:
        """The index of an article in a view's order, or None if it is not in the view."""
        where, params = view_filter(view, now)
        row = self.conn.execute(
            "SELECT sort_at FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        inside = self.conn.execute(
            f"SELECT 1 FROM articles WHERE id = ? AND ({where})", [article_id, *params]
        ).fetchone()
        if inside is None:
            return None
        (before,) = self.conn.execute(
            f"SELECT count(*) FROM articles WHERE ({where}) "
            "AND (sort_at > ? OR (sort_at = ? AND id > ?))",
            [*params, row[0], row[0], article_id],
        ).fetchone()
        return int(before)

    def search(self, text: str, *, limit: int, offset: int = 0) -> list[Article]:
        """Full-text search, best match first (FTS5 bm25, title weighted highest)."""
        return [article_from_row(row) for row in self._ranked(text, ARTICLE_COLUMNS, limit, offset)]

    def _ranked(self, text: str, columns: str, limit: int, offset: int) -> list[tuple[Any, ...]]:
        query = fts_query(text)
        if not query:
            return []
        selected = ", ".join("a." + column.strip() for column in columns.split(","))
        try:
            return self.conn.execute(
                f"SELECT {selected} FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH ? "
                "ORDER BY bm25(articles_fts, 10.0, 2.0, 4.0, 1.0), a.sort_at DESC "
                "LIMIT ? OFFSET ?",
                (query, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError:
            return []

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    # -- settings ------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
