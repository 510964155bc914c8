"""The Store: one connection to a tuinews store, speaking in dataclasses.

Made of parts: the connection and its transactions (connection.py), the import
writer (saving.py) and the queries (queries.py, search.py); opening a file is
opening.py, which also states the threading rule. Marks and settings are written
here, on the store's own connection in plain SQL rather than through sqlite-utils:
the reader's first screen and its key presses must not wait for importing it (see
StoreConnection.db).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from tuinews.models import ListOrder, View
from tuinews.store import schema
from tuinews.store.busy import BUSY_TIMEOUT_MS
from tuinews.store.orders import list_index
from tuinews.store.queries import Queries
from tuinews.store.saving import Saving
from tuinews.store.views import view_filter
from tuinews.untrusted import door_line


class Store(Saving, Queries):
    """Articles, sources and settings in one SQLite file; speaks in dataclasses."""

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

    # -- marks ---------------------------------------------------------------

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
        unread = list_index(view, ListOrder(unread_only=True))
        select = f"SELECT id FROM articles {unread} WHERE ({where}) AND read = 0"
        if dry_run:
            return [article_id for (article_id,) in self.conn.execute(select, params)]
        with self.write() as conn:
            ids = [article_id for (article_id,) in conn.execute(select, params)]
            conn.executemany("UPDATE articles SET read = 1 WHERE id = ?", [(i,) for i in ids])
        return ids

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
