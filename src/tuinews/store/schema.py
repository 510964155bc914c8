"""The store's schema version, migrating to it, and the checks made before a file is touched.

The migrations themselves are in migrations.py.

`user_version` holds the schema version and `application_id` marks the file as a tuinews
store, so that a foreign SQLite file is recognised and left alone.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from tuinews.store.migrations import MIGRATIONS, Migration

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "APPLICATION_ID",
    "DISK_FULL",
    "LATEST_VERSION",
    "MIGRATIONS",
    "Migration",
    "StoreError",
    "disk_full",
    "inspect",
    "migrate",
    "read_only_uri",
    "refusal",
    "unwritable",
]

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
