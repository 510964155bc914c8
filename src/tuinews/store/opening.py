"""Opening a store: the checks before the file is touched, migrations, and connections.

Threading rule: a Store wraps one SQLite connection and is used by one thread at a
time. A worker thread that writes opens its own Store on the same path
(`store.reopen()`); WAL mode lets the reader keep reading while it writes, and
`busy_timeout` makes writers from other processes wait instead of failing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tuinews.store import schema
from tuinews.store.busy import BUSY_TIMEOUT_MS
from tuinews.store.store import Store


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
        return Store(path, _read_only(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.Error) and schema.disk_full(path, exc):
            raise schema.StoreError(f"{path}: {schema.DISK_FULL}") from None
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
        if schema.disk_full(path, exc):
            raise schema.StoreError(f"{path}: {schema.DISK_FULL}") from None
        raise schema.StoreError(f"{path}: cannot be used ({exc})") from None
    return Store(path, conn)


def _read_only(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            schema.read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        if schema.disk_full(path, exc):
            raise schema.StoreError(f"{path}: {schema.DISK_FULL}") from None
        raise schema.StoreError(f"{path}: cannot be opened for reading ({exc})") from None
    return conn
