"""Writes that never block the reader: at once when the store is free, else queued.

While another process holds the write lock (one source of an import is one
transaction, and may take seconds), changes wait, in order, for a writer thread with
its own connection that retries until the lock is free. A busy store never loses a
change, and no sqlite error text reaches the user.

Threading: the owner's thread calls write(), flush() and close(), and reads the
waiting changes while holding `lock`; the writer thread only writes and calls
`on_saved` / `on_failed` (which must be thread-safe, such as Textual's post_message).
One lock covers the queue and each write, so that what the store says and what still
waits are always read together, from the same moment.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from tuinews.models import ViewKind
from tuinews.store import Store, StoreError
from tuinews.store.busy import QuickWait, is_busy

RETRY_SECONDS = 0.02  # how often the writer tries a busy store again

Delta = dict[ViewKind | str, tuple[int, int]]  # a view or a category -> (total, unread) change


@dataclass(frozen=True, slots=True)
class Change:
    """One write: new values of a column ("read", "starred"), or a setting."""

    column: str
    states: dict[int, bool]
    setting: tuple[str, str] | None = None
    delta: Delta | None = None  # what it does to the counts; None when unknown

    def apply(self, store: Store) -> None:
        if self.setting is not None:
            store.set_setting(*self.setting)
        else:
            store.restore(self.column, self.states)

    @property
    def what(self) -> str:
        return "a setting" if self.setting is not None else "a mark"


def failure(change: Change) -> str:
    """What the user is told when a change cannot be written."""
    return f"Could not save {change.what}: the store cannot be written."


class QueuedWriter:
    """Writes changes to a store in order, through a retrying thread while it is busy."""

    def __init__(
        self,
        store: Store,
        *,
        on_saved: Callable[[], object] | None = None,
        on_failed: Callable[[str], object] | None = None,
    ) -> None:
        self.store = store
        self.on_saved = on_saved or (lambda: None)
        self.on_failed = on_failed or (lambda reason: None)
        self.lock = threading.Condition()
        # The changes that wait for the store, oldest first: read them holding `lock`.
        self.pending: deque[Change] = deque()
        self._thread: threading.Thread | None = None
        self._closing = False

    @property
    def waiting(self) -> int:
        """How many changes wait for the store."""
        with self.lock:
            return len(self.pending)

    def write(self, change: Change) -> bool:
        """Write now if the store is free, else queue it; False if it cannot be written."""
        if not self.waiting:
            try:
                with QuickWait(self.store.conn):
                    change.apply(self.store)
                return True
            except sqlite3.Error as error:
                if not is_busy(error):
                    self.on_failed(failure(change))
                    return False
        with self.lock:
            self.pending.append(change)
            self.lock.notify_all()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="tuinews-marks-writer", daemon=True
                )
                self._thread.start()
        return True

    def flush(self, timeout: float) -> bool:
        """Wait until every change has landed; False if some still wait after `timeout`."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(left)
        return True

    def close(self) -> None:
        """Let the thread finish what waits, then stop (it never holds the process)."""
        with self.lock:
            self._closing = True
            self.lock.notify_all()

    def _run(self) -> None:
        """The writer thread: one change at a time, in order, until the queue is empty."""
        store: Store | None = None
        try:
            while True:
                with self.lock:
                    while not self.pending and not self._closing:
                        self.lock.wait()
                    if not self.pending:
                        return
                if store is None:
                    store = self._connect()
                    if store is None:
                        continue
                if not self._attempt(store):
                    time.sleep(RETRY_SECONDS)
        finally:
            if store is not None:
                store.close()

    def _connect(self) -> Store | None:
        try:
            store = self.store.reopen()
            # It never waits inside the lock: a busy store is tried again after a pause.
            store.conn.execute("PRAGMA busy_timeout = 0")
        except (sqlite3.Error, StoreError):  # reopen says StoreError when the file changed
            with self.lock:
                dropped = list(self.pending)
                self.pending.clear()
                self.lock.notify_all()
            for change in dropped:
                self.on_failed(failure(change))
            return None
        return store

    def _attempt(self, store: Store) -> bool:
        """Try the oldest change once; False when the store was busy."""
        failed: Change | None = None
        with self.lock:
            change = self.pending[0]
            try:
                change.apply(store)
            except sqlite3.Error as error:
                if store.conn.in_transaction:
                    store.conn.execute("ROLLBACK")
                if is_busy(error):
                    return False
                failed = change
            self.pending.popleft()
            self.lock.notify_all()
            left = len(self.pending)
        if failed is not None:
            self.on_failed(failure(failed))
        elif not left:
            self.on_saved()
        return True
