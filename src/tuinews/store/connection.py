"""A store's connection: transactions, and the same connection as a sqlite-utils Database.

The base of Store (store.py), kept apart so that the modules Store is made of
(saving.py, subscriptions.py) can take one without importing Store itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class StoreConnection:
    """One SQLite connection to a store file, used by one thread at a time."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a sqlite-utils Database, for the code that is not hot.

        Imported on first use: sqlite-utils brings click, dateutil and pluggy (140 ms to
        import, measured with `python -X importtime` on the shared machine), which the
        reader's first screen and its key presses must not wait for: they use `conn`.
        """
        import sqlite_utils

        # Our triggers are not recursive, and the connection stays as opened: no plugins
        # run on it and no PRAGMA changes under the queries that do not use sqlite-utils.
        return sqlite_utils.Database(self.conn, recursive_triggers=False, execute_plugins=False)

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
