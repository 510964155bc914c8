"""The store's schema as numbered migrations, and the checks made before a file is touched.

`user_version` holds the schema version and `application_id` marks the file as a tuinews
store, so that a foreign SQLite file is recognised and left alone.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x74756E77  # "tunw"
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100  # the database header at the start of page 1
_RESTORE = "restore it from a backup, or move it away to start a new store"


class StoreError(Exception):
    """The store cannot be used; the message says why in plain words."""


DISK_FULL = "the disk holding the store is full; free some space and try again"
_ROOM_BYTES = 1024 * 1024  # less free space than this, and an I/O error means "full"


def refusal(path: Path, error: sqlite3.Error) -> str:
    """A write the store refused, in plain words: a full disk, a busy store, or why."""
    from tuinews.store.busy import is_busy

    if disk_full(path, error):
        return f"{path}: {DISK_FULL}"
    if is_busy(error):
        return f"{path}: the store stayed busy (another program kept writing to it); try again"
    return f"{path}: the store refused the change ({error})"


def disk_full(path: Path, error: sqlite3.Error) -> bool:
    """Whether `error` comes from a full disk. SQLite says SQLITE_FULL when a write finds no
    room, but only "disk I/O error" when even its shared-memory file cannot be made (the
    state after every clean exit): then the free space of the store's folder decides."""
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return True
    if not name.startswith("SQLITE_IOERR"):
        return False
    try:
        free = os.statvfs(path.parent)
    except OSError:
        return False
    return free.f_bavail * free.f_frsize < _ROOM_BYTES


_V1 = """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            location TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            dedupe_key TEXT NOT NULL UNIQUE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            source TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            author TEXT,
            published TEXT,
            category TEXT NOT NULL,
            summary TEXT,
            body TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL,
            sort_at TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX articles_by_date ON articles(sort_at DESC, id DESC);
        CREATE INDEX articles_by_category ON articles(category, sort_at DESC, id DESC);
        CREATE INDEX articles_by_read ON articles(read, sort_at DESC, id DESC);
        CREATE INDEX articles_starred ON articles(sort_at DESC, id DESC) WHERE starred = 1;
        CREATE INDEX articles_category_read ON articles(category, read);
        CREATE INDEX articles_by_source ON articles(source_id);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, author, summary, body,
            content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, author, summary, body)
            VALUES (new.id, new.title, new.author, new.summary, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, author, summary, body)
            VALUES ('delete', old.id, old.title, old.author, old.summary, old.body);
        END;
        -- Only text changes touch the index: marking read or starred must stay cheap.
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, author, summary, body
        ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, author, summary, body)
            VALUES ('delete', old.id, old.title, old.author, old.summary, old.body);
            INSERT INTO articles_fts(rowid, title, author, summary, body)
            VALUES (new.id, new.title, new.author, new.summary, new.body);
        END;

        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_V2 = """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            category TEXT,
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_error TEXT,
            added_at TEXT NOT NULL
        );
"""

# v3: feed refresh. `permanent_url` remembers where a 301/308 led (the next refresh asks
# there directly); `last_status` is the last HTTP status. `retired_articles` holds the
# dedupe keys of articles that retention deleted, so that a feed still listing them does
# not bring them back as new.
_V3 = """
        ALTER TABLE subscriptions ADD COLUMN permanent_url TEXT;
        ALTER TABLE subscriptions ADD COLUMN last_status INTEGER;
        CREATE TABLE retired_articles (
            dedupe_key TEXT PRIMARY KEY,
            retired_at TEXT NOT NULL
        );
"""

# v4: counts without scans. `category_counts` holds, per category, how many articles there
# are, how many unread, starred, and starred-and-unread; triggers keep it in step with every
# insert, delete and change of read, starred or category, so the sidebar's counts cost
# O(categories) instead of a pass over every article. A row goes when its category empties.
# The (category, read) index served only the old GROUP BY; partial indexes of the unread
# articles per category and of the starred unread ones, in list order, serve next-unread
# and mark-all-read instead.
_V4 = """
        CREATE TABLE category_counts (
            category TEXT PRIMARY KEY,
            total INTEGER NOT NULL,
            unread INTEGER NOT NULL,
            starred INTEGER NOT NULL,
            starred_unread INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            SELECT category, count(*), sum(read = 0), sum(starred = 1),
                   sum(starred = 1 AND read = 0)
            FROM articles GROUP BY category;

        CREATE TRIGGER category_counts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            VALUES (new.category, 1, new.read = 0, new.starred = 1,
                    new.starred = 1 AND new.read = 0)
            ON CONFLICT(category) DO UPDATE SET
                total = total + 1,
                unread = unread + excluded.unread,
                starred = starred + excluded.starred,
                starred_unread = starred_unread + excluded.starred_unread;
        END;
        CREATE TRIGGER category_counts_delete AFTER DELETE ON articles BEGIN
            UPDATE category_counts SET
                total = total - 1,
                unread = unread - (old.read = 0),
                starred = starred - (old.starred = 1),
                starred_unread = starred_unread - (old.starred = 1 AND old.read = 0)
            WHERE category = old.category;
            DELETE FROM category_counts WHERE category = old.category AND total <= 0;
        END;
        -- A mark in place: one UPDATE of the category's row (the common, cheap case).
        CREATE TRIGGER category_counts_mark AFTER UPDATE OF read, starred, category ON articles
        WHEN old.category IS new.category
            AND (old.read IS NOT new.read OR old.starred IS NOT new.starred) BEGIN
            UPDATE category_counts SET
                unread = unread + (new.read = 0) - (old.read = 0),
                starred = starred + (new.starred = 1) - (old.starred = 1),
                starred_unread = starred_unread + (new.starred = 1 AND new.read = 0)
                    - (old.starred = 1 AND old.read = 0)
            WHERE category = new.category;
        END;
        -- An article that changed category leaves one row and joins (or creates) another.
        CREATE TRIGGER category_counts_move AFTER UPDATE OF read, starred, category ON articles
        WHEN old.category IS NOT new.category BEGIN
            UPDATE category_counts SET
                total = total - 1,
                unread = unread - (old.read = 0),
                starred = starred - (old.starred = 1),
                starred_unread = starred_unread - (old.starred = 1 AND old.read = 0)
            WHERE category = old.category;
            DELETE FROM category_counts WHERE category = old.category AND total <= 0;
            INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            VALUES (new.category, 1, new.read = 0, new.starred = 1,
                    new.starred = 1 AND new.read = 0)
            ON CONFLICT(category) DO UPDATE SET
                total = total + 1,
                unread = unread + excluded.unread,
                starred = starred + excluded.starred,
                starred_unread = starred_unread + excluded.starred_unread;
        END;

        DROP INDEX articles_category_read;
        CREATE INDEX articles_unread_by_category ON articles(category, sort_at DESC, id DESC)
            WHERE read = 0;
        CREATE INDEX articles_starred_unread ON articles(sort_at DESC, id DESC)
            WHERE starred = 1 AND read = 0;
"""

# Search matches words by their stem (porter): "satellite" finds "satellites" without a
# prefix query, which FTS5 answers by merging every matching term's list in full.
_V5 = """
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, author, summary, body,
            content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

# v6: a guid names an article within its feed (importer/guids.py): "guid:G" becomes
# "guid:<length of the source's location>:<location>:G". In two steps, so that no row
# takes a key an older row still holds while the UPDATE runs (keys never hold \x01).
# Marks, stars and ids stay as they were; retired keys keep the bare guid, and refresh
# checks both forms.
_V6 = """
        UPDATE articles SET dedupe_key = char(1) || 'guid:' || (
            SELECT length(s.location) || ':' || s.location || ':' FROM sources s
            WHERE s.id = articles.source_id
        ) || substr(dedupe_key, 6)
        WHERE substr(dedupe_key, 1, 5) = 'guid:';
        UPDATE articles SET dedupe_key = substr(dedupe_key, 2)
        WHERE substr(dedupe_key, 1, 1) = char(1);
"""

# v7: searches saved as views. Their matches are kept in saved_matches, with a copy of
# each article's sort key and read mark (kept in step by triggers) so that a saved view
# pages, counts and finds its next unread article in its own index, as a category does.
# `checked_id`: the articles up to this id have been matched (saved.sync_saved_views).
_V7 = """
        CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            query TEXT NOT NULL,
            checked_id INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE saved_matches (
            view_id INTEGER NOT NULL REFERENCES saved_views(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL,
            matched_at TEXT NOT NULL,
            is_read INTEGER NOT NULL,
            PRIMARY KEY (view_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX saved_matches_by_date
            ON saved_matches(view_id, matched_at DESC, article_id DESC);
        CREATE INDEX saved_matches_by_read
            ON saved_matches(view_id, is_read, matched_at DESC, article_id DESC);
        CREATE INDEX saved_matches_by_article ON saved_matches(article_id);
        CREATE TRIGGER saved_matches_follow AFTER UPDATE OF read, sort_at ON articles
        WHEN old.read IS NOT new.read OR old.sort_at IS NOT new.sort_at BEGIN
            UPDATE saved_matches SET is_read = new.read, matched_at = new.sort_at
            WHERE article_id = new.id;
        END;
        CREATE TRIGGER saved_matches_forget AFTER DELETE ON articles BEGIN
            DELETE FROM saved_matches WHERE article_id = old.id;
        END;
"""

# v8: each saved view's counts kept by triggers on saved_matches, as category_counts are
# for categories, so that the sidebar and a view's title read them instead of counting.
_V8 = """
        ALTER TABLE saved_views ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE saved_views ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
        UPDATE saved_views SET
            total = (SELECT count(*) FROM saved_matches m WHERE m.view_id = saved_views.id),
            unread = (SELECT count(*) FROM saved_matches m
                      WHERE m.view_id = saved_views.id AND m.is_read = 0);
        CREATE TRIGGER saved_counts_insert AFTER INSERT ON saved_matches BEGIN
            UPDATE saved_views SET total = total + 1, unread = unread + (new.is_read = 0)
            WHERE id = new.view_id;
        END;
        CREATE TRIGGER saved_counts_delete AFTER DELETE ON saved_matches BEGIN
            UPDATE saved_views SET total = total - 1, unread = unread - (old.is_read = 0)
            WHERE id = old.view_id;
        END;
        CREATE TRIGGER saved_counts_read AFTER UPDATE OF is_read ON saved_matches
        WHEN old.is_read IS NOT new.is_read BEGIN
            UPDATE saved_views SET unread = unread + (new.is_read = 0) - (old.is_read = 0)
            WHERE id = new.view_id;
        END;
"""

# One schema version: a SQL script, or a function that changes the schema through
# sqlite-utils (`db[table].transform(...)`, `create_index`, `enable_fts`...).
Migration = str | Callable[["sqlite_utils.Database"], None]

# Each entry is one schema version; never edit a released one, append a new one.
MIGRATIONS: list[Migration] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8]
LATEST_VERSION = len(MIGRATIONS)


def inspect(path: Path) -> int:
    """Check an existing file without changing it; return its schema version (0 = empty).

    Raises StoreError for a file that is not SQLite, not a tuinews store, truncated,
    corrupt, or made by a newer tuinews.
    """
    _check_file_type(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not header:
        return 0
    if not header.startswith(SQLITE_HEADER):
        if SQLITE_HEADER.startswith(header):
            raise StoreError(f"{path}: the store is truncated (only {size} bytes); {_RESTORE}")
        raise StoreError(f"{path}: not a tuinews store (not a SQLite database)")
    _check_length(path, header, size)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if disk_full(path, exc):
            raise StoreError(f"{path}: {DISK_FULL}") from None
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_CANTOPEN":
            raise StoreError(f"{path}: cannot be opened ({exc})") from None
        raise StoreError(f"{path}: the store is corrupt ({exc})") from None
    if app_id != APPLICATION_ID:
        if tables == 0 and version == 0:
            return 0
        raise StoreError(f"{path}: not a tuinews store (a SQLite database of another program)")
    if version < 0:  # never migrated "up" from a version no tuinews wrote
        raise StoreError(f"{path}: not a tuinews store this version knows (schema {version})")
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path}: made by a newer tuinews (schema {version}; this version knows up to "
            f"{LATEST_VERSION}). Upgrade tuinews to open it."
        )
    return int(version)


def _check_file_type(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO would hang the read, /dev/zero never end)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise StoreError(f"{path}: not a tuinews store ({kind})")


def _check_length(path: Path, header: bytes, size: int) -> None:
    """Refuse a file shorter than its header says: a copy cut short, a disk that filled up.

    O(1) however large the store (PRAGMA quick_check would read all of it). SQLite itself
    notices a missing page only when a query reaches it, and a write may "repair" the
    header's page count, losing the evidence: so this is checked before anything opens it.
    """
    if len(header) < HEADER_BYTES:
        raise StoreError(f"{path}: the store is truncated (only {size} bytes); {_RESTORE}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreError(f"{path}: the store is corrupt (its header is damaged); {_RESTORE}")
    pages = int.from_bytes(header[28:32], "big")
    # The page count is only valid when "version-valid-for" matches the change counter
    # (SQLite before 3.7.0 did not keep it up to date).
    if pages == 0 or header[24:28] != header[92:96]:
        return
    expected = pages * page_size
    if size >= expected:
        return
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return  # a checkpoint cut short: the WAL still holds the pages, SQLite replays it
    raise StoreError(
        f"{path}: the store is truncated ({size} bytes of the {expected} its header "
        f"promises); {_RESTORE}"
    )


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` for reading only, wherever it is.

    A WAL store needs its -shm file beside it: in a folder where none can be made and no
    -wal file holds pages, the file is read as it is (immutable).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK | os.X_OK) and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def unwritable(path: Path) -> str | None:
    """Why the store at `path` cannot be written (None when it can), in plain words.

    os.access() sees permissions, read-only mounts and immutable files alike.
    """
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path}: the store is read-only (tuinews writes imports and marks to it)"
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{path}: its folder {folder} is read-only (tuinews keeps the store's -wal and "
            "-shm files beside it)"
        )
    return None


def migrate(conn: sqlite3.Connection, current: int, target: int = LATEST_VERSION) -> None:
    """Apply every migration after `current` up to `target`, each in its own transaction.

    The connection must be in autocommit mode (isolation_level=None): each migration
    runs inside BEGIN IMMEDIATE ... COMMIT, so a failure leaves the previous version
    intact. A SQL step runs as one script (sqlite-utils would split it statement by
    statement: 49 ms for the five scripts of versions 1-5, against 10 ms to create a
    store); a function step gets the connection as a sqlite-utils Database, whose
    operations run inside the open transaction. (Tests pass a `target` to build a
    store as an older version left it.)
    """
    db: sqlite_utils.Database | None = None
    for number in range(current + 1, target + 1):
        step = MIGRATIONS[number - 1]
        stamp = f"PRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {number};"
        try:
            if isinstance(step, str):
                conn.executescript(f"BEGIN IMMEDIATE;\n{step}\n{stamp}\nCOMMIT;")
                continue
            if db is None:
                import sqlite_utils

                db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
            conn.execute("BEGIN IMMEDIATE")
            step(db)
            db.executescript(stamp)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
