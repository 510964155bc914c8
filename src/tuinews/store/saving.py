"""Writing a source's articles: chunked multi-row INSERTs, with a writer thread.

A mixin of Store (store.py). The bulk insert stays on the store's own connection in
plain SQL, not sqlite-utils' `insert_all`: one multi-row INSERT per chunk of 2,000 rows
lets its FTS5 trigger index the whole chunk at once. Measured with bench/store_insert.py
(20,000 articles of 3 KB into an empty store, best of 3, on the shared 2-core machine):
2,840 articles/s against 2,233 for insert_all on the same rows and connection, which
does not even look up known keys.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from json import loads
from typing import NamedTuple

from tuinews.models import ArticleDraft, Enclosure, FeedSubscription, Outcome
from tuinews.store.connection import StoreConnection
from tuinews.store.guid_scope import rescoped, shared_scope
from tuinews.store.keys import (
    Fields,
    article_fields,
    door_enclosures,
    door_fields,
    fields_hash,
    word_count,
)
from tuinews.store.rows import to_iso
from tuinews.store.subscriptions import subscribe
from tuinews.untrusted import door_line

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


class NewRow(NamedTuple):
    """A draft's row of `articles`, as the INSERT writes it."""

    dedupe_key: str
    source_id: int
    source: str
    url: str | None
    title: str
    author: str | None
    published: str | None
    category: str
    summary: str | None
    body: str
    word_count: int
    imported_at: str
    sort_at: str
    content_hash: str


_INSERT = f"INSERT INTO articles({', '.join(NewRow._fields)}) VALUES "
_ONE_ROW = f"({', '.join('?' * len(NewRow._fields))})"
_UPDATE = (
    "UPDATE articles SET source = ?, url = ?, title = ?, author = ?, published = ?, "
    "category = ?, summary = ?, body = ?, word_count = ?, "
    "sort_at = coalesce(?, imported_at), content_hash = ? WHERE id = ?"
)
# dedupe key -> (article id, content hash, the id of the source that stored it)
Known = dict[str, tuple[int, str, int]]


def new_row(fields: Fields, source_id: int, moment: str) -> NewRow:
    """A draft's articles row.

    The word count and the hash are made here rather than with the fields: a feed's
    reader process is the slower side of a large import, this one has time to spare.
    """
    fields = door_fields(fields)
    return NewRow(
        fields.dedupe_key,
        source_id,
        fields.source,
        fields.url,
        fields.title,
        fields.author,
        fields.published,
        fields.category,
        fields.summary,
        fields.body,
        word_count(fields.body),
        moment,
        fields.published or moment,
        fields_hash(fields),
    )


class Saving(StoreConnection):
    """The Store's import writer."""

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
            with self.write() as conn:
                known = conn.execute(
                    "SELECT id, guid_scope FROM sources WHERE location = ?", (location,)
                ).fetchone()
                cursor = conn.execute(
                    "INSERT INTO sources(name, location, kind, imported_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(location) DO UPDATE SET name = excluded.name, "
                    "kind = excluded.kind, imported_at = excluded.imported_at",
                    (name, location, kind, moment),
                )
                # A known source keeps its id (the upsert updates its row in place); a new
                # one was a plain INSERT, inside this write transaction.
                source_id = known[0] if known is not None else cursor.lastrowid
                assert source_id is not None
                scope = _Scope(source_id, None if known is None else (known[1],))
                results = _save_drafts(conn, drafts, scope, name, category, moment)
                added = sum(subscribe(conn, sub, moment) for sub in subscriptions)
            return results, added
        finally:
            with suppress(sqlite3.Error):  # only refused while temporary tables exist
                self.conn.execute(f"PRAGMA temp_store = {int(temp_store)}")


class _Scope:
    """The guid scope of a source's keys (see guid_scope.py): its own (None) or an earlier
    source's, chosen from a new source's first chunk."""

    def __init__(self, source_id: int, known: tuple[str | None] | None) -> None:
        """`known`: the source's row as it was before this import (None: a new source)."""
        self.source_id, self.undecided = source_id, known is None
        self.scope = None if known is None else known[0]

    def settle(self, conn: sqlite3.Connection, chunk: list[NewRow]) -> list[NewRow]:
        """The chunk with its guid keys in the source's scope (chosen at the first one)."""
        if self.undecided:
            self.undecided = False
            self.scope = shared_scope(conn, self.source_id, chunk)
        if self.scope is None:
            return chunk
        scope = self.scope
        return [row._replace(dedupe_key=rescoped(row.dedupe_key, scope)) for row in chunk]


def _save_drafts(
    conn: sqlite3.Connection,
    drafts: Iterable[ArticleDraft | Fields],
    scope: _Scope,
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
    per_chunk = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(NewRow._fields)
    per_chunk = max(1, min(ROWS_PER_CHUNK, per_chunk))
    results: list[Saved] = []
    known: Known = {}
    enclosed: dict[int, tuple[Enclosure, ...]] = {}  # draft's index -> its enclosures
    # From the second chunk on, a thread writes while this one prepares the next
    # chunk: SQLite releases the GIL. The connection is still used by one thread
    # at a time: this one waits for the writer before it goes on with it. The queue
    # and the thread are made at the first full chunk: most sources are one chunk.
    chunks: queue.Queue[list[NewRow] | None] | None = None
    writer: threading.Thread | None = None
    failed: list[BaseException] = []

    def write(chunks: queue.Queue[list[NewRow] | None]) -> None:
        while (rows := chunks.get()) is not None:
            if not failed:
                try:
                    _save_chunk(conn, rows, known, results, scope.scope is not None)
                except BaseException as error:  # raised again in the caller
                    failed.append(error)

    chunk: list[NewRow] = []
    with ExitStack() as bulk:
        try:
            for index, draft in enumerate(drafts):
                fields = (
                    draft
                    if isinstance(draft, tuple)
                    else article_fields(draft, source_name, category)
                )
                if fields.enclosures:
                    enclosed[index] = door_enclosures(fields.enclosures)
                chunk.append(new_row(fields, scope.source_id, moment))
                if len(chunk) == per_chunk:
                    chunk = scope.settle(conn, chunk)
                    if chunks is None:
                        bulk.enter_context(_bulk_writing(conn))
                        chunks = queue.Queue(maxsize=2)
                        writer = threading.Thread(
                            target=write, args=(chunks,), name="tuinews-store-writer", daemon=True
                        )
                        writer.start()
                    chunks.put(chunk)
                    chunk = []
                    if failed:
                        break
        finally:
            if chunks is not None and writer is not None and writer.is_alive():
                chunks.put(None)
                writer.join()
        if failed:
            raise failed[0]
        if chunk:
            chunk = scope.settle(conn, chunk)
            _save_chunk(conn, chunk, known, results, scope.scope is not None)
    _save_enclosures(conn, results, enclosed)
    return results


def _save_enclosures(
    conn: sqlite3.Connection, results: list[Saved], enclosed: dict[int, tuple[Enclosure, ...]]
) -> None:
    """Each new article's enclosures; an updated one's replace what it had."""
    rows: list[tuple[int, int, str, str | None, int | None]] = []
    for index, saved in enumerate(results):
        if saved.outcome is Outcome.UPDATED:
            conn.execute("DELETE FROM enclosures WHERE article_id = ?", (saved.article_id,))
        elif saved.outcome is not Outcome.NEW:
            continue
        for position, item in enumerate(enclosed.get(index, ())):
            rows.append((saved.article_id, position, item.url, item.type, item.length))
    conn.executemany("INSERT INTO enclosures VALUES (?, ?, ?, ?, ?)", rows)


@contextmanager
def _bulk_writing(conn: sqlite3.Connection) -> Iterator[None]:
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
    conn: sqlite3.Connection,
    chunk: list[NewRow],
    known: Known,
    results: list[Saved],
    shared: bool = False,
) -> None:
    """Insert, update or skip each row of a chunk, in order; append the outcomes.

    `shared`: the rows' guid keys are in an earlier source's scope (the same feed, come
    another way), whose articles they update.
    """
    unknown = list({row.dedupe_key for row in chunk if row.dedupe_key not in known})
    if unknown:
        # One row of JSON rather than a row per article: each row fetched would let
        # another thread take the GIL while this one waits for it.
        marks = ", ".join("?" * len(unknown))
        (found,) = conn.execute(
            "SELECT json_group_array(json_array(dedupe_key, id, content_hash, source_id)) "
            f"FROM articles WHERE dedupe_key IN ({marks})",
            unknown,
        ).fetchone()
        known.update(
            (key, (article_id, digest, source)) for key, article_id, digest, source in loads(found)
        )
    new: dict[str, tuple[int, NewRow]] = {}  # key -> (index in results, row)
    for row in chunk:
        key, digest = row.dedupe_key, row.content_hash
        if key in new:  # the same article twice in a chunk: insert the first one now
            _insert(conn, new, known, results)
        existing = known.get(key)
        if existing is None:
            new[key] = (len(results), row)
            results.append(Saved(Outcome.NEW, 0))  # the id comes with the INSERT
        elif existing[1] == digest or (
            existing[2] != row.source_id and not (shared and key.startswith("guid:"))
        ):
            # Another source's copy of an article (the same link in two feeds) is not a
            # newer version of it: the article stays as its own source has it, rather
            # than changing back and forth with every import of either.
            results.append(Saved(Outcome.DUPLICATE, existing[0]))
        else:
            conn.execute(
                _UPDATE,
                (
                    row.source,
                    row.url,
                    row.title,
                    row.author,
                    row.published,
                    row.category,
                    row.summary,
                    row.body,
                    row.word_count,
                    row.published,
                    digest,
                    existing[0],
                ),
            )
            known[key] = (existing[0], digest, existing[2])
            results.append(Saved(Outcome.UPDATED, existing[0]))
    _insert(conn, new, known, results)


def _insert(
    conn: sqlite3.Connection,
    new: dict[str, tuple[int, NewRow]],
    known: Known,
    results: list[Saved],
) -> None:
    """One multi-row INSERT of the waiting rows; their ids go into the results."""
    if not new:
        return
    rows = [row for _, row in new.values()]
    marks = ", ".join([_ONE_ROW] * len(rows))
    cursor = conn.execute(_INSERT + marks, [value for row in rows for value in row])
    # The rows of one INSERT take the ids after the largest one, in order. (RETURNING
    # would hand them over one row at a time; see _save_chunk.)
    last = cursor.lastrowid or 0
    first_id = last - len(rows) + 1
    if len(rows) == 1 and cursor.lastrowid:  # one row: its id, however SQLite chose it
        ids = {rows[0].dedupe_key: last}
    elif conn.execute(
        "SELECT id FROM articles WHERE dedupe_key = ?", (rows[0].dedupe_key,)
    ).fetchone() == (first_id,):
        ids = {row.dedupe_key: first_id + n for n, row in enumerate(rows)}
    else:  # the largest possible id is taken: SQLite chose ids at random
        marks = ", ".join("?" * len(rows))
        (found,) = conn.execute(
            "SELECT json_group_array(json_array(dedupe_key, id)) FROM articles "
            f"WHERE dedupe_key IN ({marks})",
            [row.dedupe_key for row in rows],
        ).fetchone()
        ids = dict(loads(found))
    for key, (index, row) in new.items():
        results[index] = Saved(Outcome.NEW, ids[key])
        known[key] = (ids[key], row.content_hash, row.source_id)
    new.clear()
