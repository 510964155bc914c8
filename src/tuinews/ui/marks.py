"""Read and starred marks with undo, saved without ever blocking the reader.

A change is written at once when the store is free. While another process holds
the write lock (one source of an import is one transaction, and may take seconds),
changes wait, in order, for a writer thread with its own connection that retries
until the lock is free. Until they land, the waiting changes are laid over what
the store says (rows, articles and counts), so the reader shows them at once. A
busy store never loses a change, and no sqlite error text reaches the user.

Threading: the reader's thread calls every public method; the writer thread only
writes and calls `on_saved` / `on_failed` (which must be thread-safe, such as
Textual's post_message). One lock covers the queue and each write, so that the
counts and the queue are always read together, from the same moment.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from tuinews.models import Article, ArticleRow, Count, SidebarCounts, View, ViewKind
from tuinews.store import Store, StoreError
from tuinews.store.store import BUSY_TIMEOUT_MS
from tuinews.store.views import TODAY_SPAN

UNDO_DEPTH = 50
QUICK_WAIT_MS = 50  # how long a key press waits for a busy store before its change queues
RETRY_SECONDS = 0.02  # how often the writer tries a busy store again
OPTIMISTIC_COUNTS = 200  # above this many articles the counts follow once the change lands

Row = TypeVar("Row", Article, ArticleRow)
Delta = dict[ViewKind | str, tuple[int, int]]  # a view or a category -> (total, unread) change


@dataclass(frozen=True, slots=True)
class Marking:
    """One user action's changes: a column and each article's previous value."""

    column: str
    previous: dict[int, bool]
    label: str


@dataclass(frozen=True, slots=True)
class _Change:
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


def is_busy(error: sqlite3.Error) -> bool:
    """True when another connection holds the lock: worth trying again later."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return isinstance(error, sqlite3.OperationalError) and code in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    )


class Marks:
    """Marks articles, keeps an undo stack, and writes through a busy store's queue."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        *,
        on_saved: Callable[[], object] | None = None,
        on_failed: Callable[[str], object] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.on_saved = on_saved or (lambda: None)
        self.on_failed = on_failed or (lambda reason: None)
        self.history: list[Marking] = []
        self._pending: deque[_Change] = deque()
        self._lock = threading.Condition()
        self._writer: threading.Thread | None = None
        self._closing = False

    # -- reading, with the waiting changes laid over ---------------------------

    @property
    def waiting(self) -> int:
        """How many changes wait for the store."""
        with self._lock:
            return len(self._pending)

    def article(self, article_id: int) -> Article | None:
        """The article as the user last left it."""
        with self._lock:
            found = self.store.get(article_id)
            return self._laid(found) if found is not None else None

    def rows(self, rows: list[ArticleRow]) -> list[ArticleRow]:
        """List rows as the user last left them."""
        with self._lock:
            return [self._laid(row) for row in rows] if self._pending else rows

    def counts(self, now: datetime) -> SidebarCounts:
        """The sidebar's counts, waiting changes included."""
        with self._lock:
            counts = self.store.counts(now)
            deltas = [change.delta for change in self._pending if change.delta]
        if not deltas:
            return counts
        views, categories = dict(counts.views), dict(counts.categories)
        for delta in deltas:
            for key, (total, unread) in delta.items():
                if isinstance(key, ViewKind):
                    views[key] = _plus(views.get(key), total, unread)
                elif key in categories:
                    categories[key] = _plus(categories[key], total, unread)
        return SidebarCounts(views, categories)

    def pending_read(self, article_id: int) -> bool:
        """True when the article waits to be marked read."""
        with self._lock:
            value = self._value(article_id, "read")
        return value is True

    def _laid(self, item: Row) -> Row:
        read, starred = self._value(item.id, "read"), self._value(item.id, "starred")
        if read is None and starred is None:
            return item
        return replace(
            item,
            read=item.read if read is None else read,
            starred=item.starred if starred is None else starred,
        )

    def _value(self, article_id: int, column: str) -> bool | None:
        """The newest waiting value of an article's column (the lock is held)."""
        for change in reversed(self._pending):
            if change.column == column and article_id in change.states:
                return change.states[article_id]
        return None

    # -- marking ---------------------------------------------------------------

    def set_read(self, ids: Sequence[int], read: bool, label: str) -> list[int]:
        """Mark articles read or unread; return the ids that changed."""
        return self._set("read", ids, read, label)

    def set_starred(self, article_id: int, starred: bool) -> None:
        self._set("starred", [article_id], starred, "starred" if starred else "unstarred")

    def mark_view_read(self, view: View, now: datetime, label: Callable[[int], str]) -> list[int]:
        """Mark every unread article of a view read; return their ids."""
        if not self.waiting:
            try:
                with self._quick():
                    ids = self.store.mark_view_read(view, now)
            except sqlite3.Error as error:
                if not is_busy(error):
                    self.on_failed("The marks could not be saved: the store cannot be written.")
                    return []
            else:
                self._remember(Marking("read", dict.fromkeys(ids, False), label(len(ids))))
                return ids
        # The store is busy: the articles are known now, and written when it is free.
        with self._lock:
            ids = [
                i
                for i in self.store.mark_view_read(view, now, dry_run=True)
                if self._value(i, "read") is not True
            ]
        if not ids:
            return []
        return self._set("read", ids, True, label(len(ids)), known=False)

    def undo(self) -> Marking | None:
        """Put back the last marking; return it, or None when there is nothing to undo."""
        if not self.history:
            return None
        marking = self.history.pop()
        column, previous = marking.column, marking.previous
        articles = self._articles(previous) if len(previous) <= OPTIMISTIC_COUNTS else None
        delta = None
        if articles is not None:
            changing = [a for a in articles if getattr(a, column) != previous[a.id]]
            delta = self._delta(column, changing)
        if not self._write(_Change(column, previous, delta=delta)):
            self.history.append(marking)
            return None
        return marking

    def save_setting(self, key: str, value: str) -> None:
        """Save a setting of the reader (the view, the open article) in turn with the marks."""
        self._write(_Change("setting", {}, setting=(key, value)))

    def _set(
        self, column: str, ids: Sequence[int], value: bool, label: str, *, known: bool | None = None
    ) -> list[int]:
        """Set a column on the articles whose value differs; `known` is their current value."""
        if known is None:
            articles = self._articles(ids)
            changing = [a for a in articles if getattr(a, column) != value]
            changed = [a.id for a in changing]
            delta: Delta | None = self._delta(column, changing)
        else:
            changed = list(ids)
            delta = None
            if len(changed) <= OPTIMISTIC_COUNTS:
                delta = self._delta(column, self._articles(changed))
        if not changed:
            return []
        if not self._write(_Change(column, dict.fromkeys(changed, value), delta=delta)):
            return []
        self._remember(Marking(column, dict.fromkeys(changed, not value), label))
        return changed

    def _articles(self, ids: Sequence[int] | dict[int, bool]) -> list[Article]:
        found = (self.article(i) for i in ids)
        return [article for article in found if article is not None]

    def _delta(self, column: str, articles: list[Article]) -> Delta:
        """How flipping `column` on these articles changes the counts."""
        since = self.clock() - TODAY_SPAN
        delta: Delta = {}

        def add(key: ViewKind | str, total: int, unread: int) -> None:
            before = delta.get(key, (0, 0))
            delta[key] = (before[0] + total, before[1] + unread)

        for article in articles:
            if column == "read":
                step = 1 if article.read else -1  # read -> unread adds one unread
                add(article.category, 0, step)
                add(ViewKind.ALL, 0, step)
                add(ViewKind.UNREAD, step, step)
                if article.starred:
                    add(ViewKind.STARRED, 0, step)
                if (article.published or article.imported_at) >= since:
                    add(ViewKind.TODAY, 0, step)
            elif column == "starred":
                step = -1 if article.starred else 1
                add(ViewKind.STARRED, step, 0 if article.read else step)
        return delta

    def _remember(self, marking: Marking) -> None:
        if marking.previous:
            self.history.append(marking)
            del self.history[:-UNDO_DEPTH]

    # -- writing ---------------------------------------------------------------

    def _write(self, change: _Change) -> bool:
        """Write now if the store is free, else queue it; False if it cannot be written."""
        if not self.waiting:
            try:
                with self._quick():
                    change.apply(self.store)
                return True
            except sqlite3.Error as error:
                if not is_busy(error):
                    self.on_failed(_failure(change))
                    return False
        with self._lock:
            self._pending.append(change)
            self._lock.notify_all()
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._run, name="tuinews-marks-writer", daemon=True
                )
                self._writer.start()
        return True

    def _quick(self) -> QuickWait:
        return QuickWait(self.store.conn)

    def flush(self, timeout: float) -> bool:
        """Wait until every change has landed; False if some still wait after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self) -> None:
        """Let the writer finish what waits, then stop (it never holds the process)."""
        with self._lock:
            self._closing = True
            self._lock.notify_all()

    def _run(self) -> None:
        """The writer thread: one change at a time, in order, until the queue is empty."""
        store: Store | None = None
        try:
            while True:
                with self._lock:
                    while not self._pending and not self._closing:
                        self._lock.wait()
                    if not self._pending:
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
            with self._lock:
                dropped = list(self._pending)
                self._pending.clear()
                self._lock.notify_all()
            for change in dropped:
                self.on_failed(_failure(change))
            return None
        return store

    def _attempt(self, store: Store) -> bool:
        """Try the oldest change once; False when the store was busy."""
        failed: _Change | None = None
        with self._lock:
            change = self._pending[0]
            try:
                change.apply(store)
            except sqlite3.Error as error:
                if store.conn.in_transaction:
                    store.conn.execute("ROLLBACK")
                if is_busy(error):
                    return False
                failed = change
            self._pending.popleft()
            self._lock.notify_all()
            left = len(self._pending)
        if failed is not None:
            self.on_failed(_failure(failed))
        elif not left:
            self.on_saved()
        return True


class QuickWait:
    """Lower the reader connection's busy wait for one write, so that a key never hangs it."""

    def __init__(self, conn: sqlite3.Connection, wait_ms: int = QUICK_WAIT_MS) -> None:
        self.conn = conn
        self.wait_ms = wait_ms

    def __enter__(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {self.wait_ms}")

    def __exit__(self, *exc: object) -> None:
        if self.conn.in_transaction:  # a failed COMMIT leaves its transaction open
            self.conn.execute("ROLLBACK")
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _plus(count: Count | None, total: int, unread: int) -> Count:
    base = count or Count(0, 0)
    return Count(max(0, base.total + total), max(0, base.unread + unread))


def _failure(change: _Change) -> str:
    return f"Could not save {change.what}: the store cannot be written."
