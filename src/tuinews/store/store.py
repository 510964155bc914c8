"""The SQLite store: open it, write imports and marks, read pages of articles.

Threading rule: a Store wraps one SQLite connection and is used by one thread at a
time. A worker thread that writes opens its own Store on the same path
(`store.reopen()`); WAL mode lets the reader keep reading while it writes, and
`busy_timeout` makes writers from other processes wait instead of failing.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from json import loads
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from tuinews.store.busy import BUSY_TIMEOUT_MS
from tuinews.store.keys import UNCATEGORIZED as UNCATEGORIZED  # re-exported
from tuinews.store.keys import Fields, article_fields, door_fields, fields_hash, word_count
from tuinews.store.rows import (
    ARTICLE_COLUMNS,
    ROW_COLUMNS,
    article_from_row,
    list_row_from_row,
    to_iso,
)
from tuinews.store.views import (
    AFTER,
    BEFORE,
    ORDER,
    RANK,
    fts_query,
    has_phrase,
    today_start,
    unread_index,
    view_filter,
)
from tuinews.untrusted import door_line

if TYPE_CHECKING:
    import sqlite_utils

# A search ranks this many of its newest matches; older ones follow by date stored.
RANKED_MATCHES = 500
# A search counts its matches up to this many (the reader shows "1,000+"): counting
# every match of a phrase of common words would walk most of the store.
SEARCH_COUNT_LIMIT = 1_000
# A source larger than one chunk is written with more memory, for its length only: a
# larger page cache (fewer pages spilled to the WAL and read back) and a larger FTS5
# buffer of pending terms (fewer, larger segments to write and merge).
BULK_CACHE_KIB = 64 * 1024
BULK_FTS_HASH_BYTES = 64 * 1024 * 1024
FTS_HASH_BYTES = 1024 * 1024  # FTS5's own default
ROWS_PER_CHUNK = 2000


_FTS_SETTING = "INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)"


@dataclass(frozen=True, slots=True)
class Saved:
    """What storing one draft did, and the article's id."""

    outcome: Outcome
    article_id: int


def open_store(
    path: Path, *, read_only_ok: bool = False, on_upgrade: Callable[[str], None] | None = None
) -> Store:
    """Open (creating or migrating) the store at `path`.

    `on_upgrade` is told, in plain words, before an existing store is upgraded (a
    new search index is built over every article: about a minute per million).

    Raises StoreError, before anything is written, for a file that is not a tuinews
    store, is truncated or corrupt, has a newer schema, or cannot be written. With
    `read_only_ok`, a store that cannot be written (a read-only file, folder or disk)
    is opened for reading instead; writing to it then raises sqlite3.OperationalError.
    """
    version = schema.inspect(path) if path.exists() else 0
    refusal = schema.unwritable(path)
    if refusal is not None:
        if not read_only_ok or not path.exists():
            raise schema.StoreError(refusal)
        if version < schema.LATEST_VERSION:
            raise schema.StoreError(f"{refusal}; it needs an upgrade, which writes to it")
        try:
            conn = sqlite3.connect(
                schema.read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.Error as exc:
            raise schema.StoreError(f"{path}: cannot be opened for reading ({exc})") from None
        return Store(path, conn)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise schema.StoreError(f"{path}: cannot be opened ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version < schema.LATEST_VERSION:
            if version and on_upgrade is not None:
                on_upgrade(f"Upgrading {path} for this version of tuinews (once)…")
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

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a sqlite-utils Database (imported on first use: it
        brings click and dateutil, which the reader's start-up does not need)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def reopen(self) -> Store:
        """A second connection to the same file, for another thread.

        Not open_store(): the file was checked when this store was opened, and the
        checks read its header with a plain open(). Closing that file would drop every
        POSIX lock this process holds on it, this connection's included; another
        process closing its connection could then delete the WAL under us, and what
        we write next would be lost.
        """
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            # Checked through SQLite itself: the file may have been replaced meanwhile.
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            raise schema.StoreError(f"{self.path}: not a tuinews store any more ({exc})") from None
        if app_id != schema.APPLICATION_ID:
            conn.close()
            raise schema.StoreError(f"{self.path}: not a tuinews store any more")
        return Store(self.path, conn)

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
        drafts: Iterable[ArticleDraft | Fields],
        *,
        category: str | None = None,
        subscriptions: Sequence[FeedSubscription] = (),
        now: datetime | None = None,
    ) -> tuple[list[Saved], int]:
        """Store one source's articles and feed subscriptions in one transaction.

        `category` overrides the drafts' own. A draft whose dedupe key is known is
        a duplicate when its text is the same, else it updates the article in place
        (read and starred are kept). Returns what happened to each draft and how
        many subscriptions were new. `drafts` may be an iterator, read once: a large
        source streams through in chunks, and an exception it raises rolls back. A draft
        may come as `article_fields(draft, name, category)` already (with this call's
        name and category), as a worker process can prepare it.
        """
        moment = to_iso(now or datetime.now(UTC))
        name, location = door_line(name), door_line(location)  # a file name may be hostile
        # Statement journals in memory: each multi-row INSERT needs one (its triggers,
        # its UNIQUE key), and on disk it wrote as much again as the store grew.
        (temp_store,) = self.conn.execute("PRAGMA temp_store").fetchone()
        self.conn.execute("PRAGMA temp_store = MEMORY")
        try:
            return self._save_source(location, name, kind, drafts, category, subscriptions, moment)
        finally:
            with suppress(sqlite3.Error):  # only refused while temporary tables exist
                self.conn.execute(f"PRAGMA temp_store = {int(temp_store)}")

    def _save_source(
        self,
        location: str,
        name: str,
        kind: str,
        drafts: Iterable[ArticleDraft | Fields],
        category: str | None,
        subscriptions: Sequence[FeedSubscription],
        moment: str,
    ) -> tuple[list[Saved], int]:
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
            results = self._save_drafts(conn, drafts, source_id, name, category, moment)
            added = sum(self._subscribe(conn, sub, moment) for sub in subscriptions)
        return results, added

    def _subscribe(self, conn: sqlite3.Connection, sub: FeedSubscription, moment: str) -> bool:
        cursor = conn.execute(
            "INSERT INTO subscriptions(url, title, category, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO NOTHING",
            (door_line(sub.url), door_line(sub.title), door_line(sub.category), moment),
        )
        return cursor.rowcount > 0

    def subscriptions(self) -> list[FeedSubscription]:
        """Every feed subscription, by category then title."""
        rows = self.conn.execute(
            "SELECT url, title, category FROM subscriptions "
            "ORDER BY category COLLATE NOCASE, title COLLATE NOCASE, url"
        )
        return [FeedSubscription(url, title, category) for url, title, category in rows]

    _INSERT = (
        "INSERT INTO articles(dedupe_key, source_id, source, url, title, author, published, "
        "category, summary, body, word_count, imported_at, sort_at, content_hash) VALUES "
    )
    _UPDATE = (
        "UPDATE articles SET source = ?, url = ?, title = ?, author = ?, published = ?, "
        "category = ?, summary = ?, body = ?, word_count = ?, "
        "sort_at = coalesce(?, imported_at), content_hash = ? WHERE id = ?"
    )

    def _save_drafts(
        self,
        conn: sqlite3.Connection,
        drafts: Iterable[ArticleDraft | Fields],
        source_id: int,
        source_name: str,
        category: str | None,
        moment: str,
    ) -> list[Saved]:
        """Store drafts in chunks: one lookup of known keys and one multi-row INSERT each.

        Row by row, FTS5 is slow here: the insert trigger gives each INSERT a statement
        journal, and FTS5 flushes its pending terms at every one. One statement per
        chunk lets it index the whole chunk at once. Keys written earlier in this call
        are remembered, so a source that repeats an article gets the same outcomes as
        saving one draft at a time would give.
        """
        per_chunk = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 14
        per_chunk = max(1, min(ROWS_PER_CHUNK, per_chunk))
        results: list[Saved] = []
        known: dict[str, tuple[int, str]] = {}  # dedupe key -> (article id, content hash)
        # From the second chunk on, a thread writes while this one prepares the next
        # chunk: SQLite releases the GIL. The connection is still used by one thread
        # at a time: this one waits for the writer before it goes on with it.
        chunks: queue.Queue[list[tuple[Any, ...]] | None] = queue.Queue(maxsize=2)
        failed: list[BaseException] = []

        def write() -> None:
            while (rows := chunks.get()) is not None:
                if not failed:
                    try:
                        self._save_chunk(conn, rows, known, results)
                    except BaseException as error:  # raised again in the caller
                        failed.append(error)

        writer = threading.Thread(target=write, name="tuinews-store-writer", daemon=True)
        chunk: list[tuple[Any, ...]] = []
        with ExitStack() as bulk:
            try:
                for draft in drafts:
                    fields = (
                        draft
                        if isinstance(draft, tuple)
                        else article_fields(draft, source_name, category)
                    )
                    chunk.append(self._row(fields, source_id, moment))
                    if len(chunk) == per_chunk:
                        if writer.ident is None:
                            bulk.enter_context(self._bulk_writing(conn))
                            writer.start()
                        chunks.put(chunk)
                        chunk = []
                        if failed:
                            break
            finally:
                if writer.is_alive():
                    chunks.put(None)
                    writer.join()
            if failed:
                raise failed[0]
            if chunk:
                self._save_chunk(conn, chunk, known, results)
        return results

    @staticmethod
    def _row(fields: Fields, source_id: int, moment: str) -> tuple[Any, ...]:
        """A draft's articles row, in the columns of _INSERT (the key first, the hash last).

        The word count and the hash are made here rather than with the fields: a feed's
        reader process is the slower side of a large import, this one has time to spare.
        """
        fields = door_fields(fields)
        published, body = fields[5], fields[8]
        return (
            fields[0],
            source_id,
            *fields[1:9],
            word_count(body),
            moment,
            published or moment,
            fields_hash(fields),
        )

    @contextmanager
    def _bulk_writing(self, conn: sqlite3.Connection) -> Iterator[None]:
        """A larger page cache and FTS5 buffer while a large source is written.

        The FTS5 setting is kept in the store: it goes back to what it was at the end of
        the transaction, which leaves no trace of it (a rollback undoes it anyway).
        """
        (cache,) = conn.execute("PRAGMA cache_size").fetchone()
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        try:
            (before,) = conn.execute(
                "SELECT json_group_array(v) FROM articles_fts_config WHERE k = 'hashsize'"
            ).fetchone()
            conn.execute(_FTS_SETTING, ("hashsize", BULK_FTS_HASH_BYTES))
            yield
            hashsize = loads(before)
            conn.execute(_FTS_SETTING, ("hashsize", hashsize[0] if hashsize else FTS_HASH_BYTES))
            if not hashsize:
                conn.execute("DELETE FROM articles_fts_config WHERE k = 'hashsize'")
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")

    def _save_chunk(
        self,
        conn: sqlite3.Connection,
        chunk: list[tuple[Any, ...]],
        known: dict[str, tuple[int, str]],
        results: list[Saved],
    ) -> None:
        """Insert, update or skip each row of a chunk, in order; append the outcomes."""
        unknown = list({row[0] for row in chunk if row[0] not in known})
        if unknown:
            # One row of JSON rather than a row per article: each row fetched would let
            # another thread take the GIL while this one waits for it.
            marks = ", ".join("?" * len(unknown))
            (found,) = conn.execute(
                "SELECT json_group_array(json_array(dedupe_key, id, content_hash)) "
                f"FROM articles WHERE dedupe_key IN ({marks})",
                unknown,
            ).fetchone()
            known.update((key, (article_id, digest)) for key, article_id, digest in loads(found))
        new: dict[str, tuple[int, tuple[Any, ...]]] = {}  # key -> (index in results, row)
        for row in chunk:
            key, digest = row[0], row[13]
            if key in new:  # the same article twice in a chunk: insert the first one now
                self._insert(conn, new, known, results)
            existing = known.get(key)
            if existing is None:
                new[key] = (len(results), row)
                results.append(Saved(Outcome.NEW, 0))  # the id comes with the INSERT
            elif existing[1] == digest:
                results.append(Saved(Outcome.DUPLICATE, existing[0]))
            else:
                conn.execute(self._UPDATE, (*row[2:11], row[6], digest, existing[0]))
                known[key] = (existing[0], digest)
                results.append(Saved(Outcome.UPDATED, existing[0]))
        self._insert(conn, new, known, results)

    def _insert(
        self,
        conn: sqlite3.Connection,
        new: dict[str, tuple[int, tuple[Any, ...]]],
        known: dict[str, tuple[int, str]],
        results: list[Saved],
    ) -> None:
        """One multi-row INSERT of the waiting rows; their ids go into the results."""
        if not new:
            return
        rows = [row for _, row in new.values()]
        marks = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(rows))
        cursor = conn.execute(self._INSERT + marks, [value for row in rows for value in row])
        # The rows of one INSERT take the ids after the largest one, in order. (RETURNING
        # would hand them over one row at a time; see _save_chunk.)
        last = cursor.lastrowid or 0
        first = conn.execute("SELECT id FROM articles WHERE dedupe_key = ?", (rows[0][0],))
        if first.fetchone() == (last - len(rows) + 1,):
            ids = {row[0]: last - len(rows) + 1 + n for n, row in enumerate(rows)}
        else:  # the largest possible id is taken: SQLite chose ids at random
            marks = ", ".join("?" * len(rows))
            (found,) = conn.execute(
                "SELECT json_group_array(json_array(dedupe_key, id)) FROM articles "
                f"WHERE dedupe_key IN ({marks})",
                [row[0] for row in rows],
            ).fetchone()
            ids = dict(loads(found))
        for key, (index, row) in new.items():
            results[index] = Saved(Outcome.NEW, ids[key])
            known[key] = (ids[key], row[13])
        new.clear()

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

    def mark_view_read(self, view: View, now: datetime, *, dry_run: bool = False) -> list[int]:
        """Mark every unread article of a view read; return their ids (for undo).

        With `dry_run` nothing is written (and no lock is taken): the ids are those
        it would mark, for a caller that writes them later.
        """
        where, params = view_filter(view, now)
        # The unread indexes find them; the counters' triggers keep the counts right.
        select = f"SELECT id FROM articles {unread_index(view)} WHERE ({where}) AND read = 0"
        if dry_run:
            return [row[0] for row in self.conn.execute(select, params)]
        with self.write() as conn:
            ids = [row[0] for row in conn.execute(select, params)]
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
            return self._search_page(view.query or "", limit, offset)
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
        """How many articles a view holds and how many are unread, without a scan.

        Smart views and categories read the maintained counters; Today counts a
        range of two indexes; a search counts its matches in the full-text index.
        """
        if view.kind is ViewKind.TODAY:
            return self._today(now)
        if view.kind is ViewKind.SEARCH:
            return self._search_count(view.query or "")
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

    def _search_count(self, text: str) -> Count:
        """A search's matches, counted in the full-text index up to SEARCH_COUNT_LIMIT + 1.

        Counting every match of a common word costs a walk over its whole list; past
        the limit the reader says "1,000+" instead.
        """
        query = fts_query(text)
        if not query:
            return Count(0, 0)
        try:
            (total,) = self.conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM articles_fts "
                "WHERE articles_fts MATCH ? LIMIT ?)",
                (query, SEARCH_COUNT_LIMIT + 1),
            ).fetchone()
        except sqlite3.OperationalError:
            return Count(0, 0)
        return Count(int(total), int(total))

    def next_unread(self, view: View, *, now: datetime, after: ArticleRow | None) -> int | None:
        """The first unread article of a view that sorts after `after` (or the first)."""
        where, params = view_filter(view, now)
        sql = f"SELECT id FROM articles {unread_index(view)} WHERE ({where}) AND read = 0"
        if after is not None:
            # A row-value bound: the unread index seeks straight to `after`.
            sql += f" AND {AFTER}"
            params = [*params, to_iso(after.date), after.id]
        row = self.conn.execute(f"{sql} {ORDER} LIMIT 1", params).fetchone()
        return int(row[0]) if row else None

    def position(self, view: View, article_id: int, now: datetime) -> int | None:
        """The index of an article in a view's order, or None if it is not in the view."""
        if view.kind is ViewKind.SEARCH:
            return None  # a search sorts by rank: its list finds the article itself
        where, params = view_filter(view, now)
        row = self.conn.execute(
            f"SELECT sort_at FROM articles WHERE id = ? AND ({where})", [article_id, *params]
        ).fetchone()
        if row is None:
            return None
        # Counted in a covering index range: cost grows with the position, not the store.
        (before,) = self.conn.execute(
            f"SELECT count(*) FROM articles WHERE ({where}) AND {BEFORE}",
            [*params, row[0], article_id],
        ).fetchone()
        return int(before)

    def _search_page(self, text: str, limit: int, offset: int) -> list[ArticleRow]:
        """A page of search results (see `_search_ids` for the order)."""
        return [
            list_row_from_row(row)
            for row in self._by_ids(ROW_COLUMNS, self._search_ids(text, limit, offset))
        ]

    def search(self, text: str, *, limit: int, offset: int = 0) -> list[Article]:
        """Full-text search: the best of the newest matches first (see `_search_ids`)."""
        ids = self._search_ids(text, limit, offset)
        return [article_from_row(row) for row in self._by_ids(ARTICLE_COLUMNS, ids)]

    def _search_ids(self, text: str, limit: int, offset: int) -> list[int]:
        """The ids of one page of a search's results, in result order.

        The newest RANKED_MATCHES matches (by id, the order they were stored) are
        ranked by bm25, title weighted highest; older matches follow, newest first. A
        search with a quoted phrase lists every match newest first.
        Scoring every match would cost a pass over each word's whole list: for a
        common word in a million articles, over a second. The newest matches are read
        from the end of the index, so the cost is the window's, whatever the store.
        """
        query = fts_query(text)
        if not query or limit <= 0:
            return []
        if has_phrase(text):
            # A phrase is precise already, and scoring one made of common words walks
            # every article that holds them (a second at a million): newest first.
            return [
                row[0]
                for row in self.conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                    "ORDER BY rowid DESC LIMIT ? OFFSET ?",
                    (query, limit, offset),
                )
            ]
        try:
            window = self.conn.execute(
                f"SELECT rowid, {RANK} FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT ?",
                (query, RANKED_MATCHES),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        # Best score first; among equal scores the newest.
        ranked = [row[0] for row in sorted(window, key=lambda row: (row[1], -row[0]))]
        ids = ranked[offset : offset + limit]
        if len(window) == RANKED_MATCHES and len(ids) < limit:
            ids += [
                row[0]
                for row in self.conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ? "
                    "ORDER BY rowid DESC LIMIT ? OFFSET ?",
                    (query, window[-1][0], limit - len(ids), max(0, offset - RANKED_MATCHES)),
                )
            ]
        return ids

    def _by_ids(self, columns: str, ids: list[int]) -> list[tuple[Any, ...]]:
        """Rows of `columns` for `ids`, in the order of `ids`."""
        found: dict[int, tuple[Any, ...]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self.conn.execute(
                f"SELECT {columns} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                found[int(row[0])] = row
        return [found[i] for i in ids if i in found]

    def is_empty(self) -> bool:
        # A counters' row exists exactly while its category holds an article.
        return self.conn.execute("SELECT 1 FROM category_counts LIMIT 1").fetchone() is None

    def data_version(self) -> int:
        """A number that changes when another connection (or process) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- settings ------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, door_line(value)),
            )
