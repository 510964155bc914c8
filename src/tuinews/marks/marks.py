"""Read and starred marks with undo, saved without ever blocking the reader.

Changes go through a QueuedWriter (see writer.py): at once when the store is free,
else queued for a thread that retries. Until they land, the waiting changes are laid
over what the store says (rows, articles and counts), so the reader shows them at once.

Threading: the reader's thread calls every public method; see writer.py for the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from tuinews.marks.history import Marking, UndoHistory
from tuinews.marks.writer import Change, Delta, QueuedWriter
from tuinews.models import Article, ArticleRow, Count, SidebarCounts, View, ViewKind
from tuinews.store import Store
from tuinews.store.busy import QuickWait, is_busy
from tuinews.store.views import TODAY_SPAN

OPTIMISTIC_COUNTS = 200  # above this many articles the counts follow once the change lands

Row = TypeVar("Row", Article, ArticleRow)


class Marks:
    """Marks articles, keeps an undo history, and writes through a busy store's queue."""

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
        self.history = UndoHistory()
        self.writer = QueuedWriter(store, on_saved=on_saved, on_failed=on_failed)
        self._lock = self.writer.lock
        self._pending = self.writer.pending

    # -- reading, with the waiting changes laid over ---------------------------

    @property
    def waiting(self) -> int:
        """How many changes wait for the store."""
        return self.writer.waiting

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
                with QuickWait(self.store.conn):
                    ids = self.store.mark_view_read(view, now)
            except sqlite3.Error as error:
                if not is_busy(error):
                    self.writer.on_failed(
                        "The marks could not be saved: the store cannot be written."
                    )
                    return []
            else:
                if ids:  # nothing marked is nothing to undo (`u` would undo it, not the last)
                    self.history.push(Marking("read", dict.fromkeys(ids, False), label(len(ids))))
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
        marking = self.history.pop()
        if marking is None:
            return None
        column, previous = marking.column, marking.previous
        articles = self._articles(previous) if len(previous) <= OPTIMISTIC_COUNTS else None
        delta = None
        if articles is not None:
            changing = [a for a in articles if getattr(a, column) != previous[a.id]]
            delta = self._delta(column, changing)
        if not self.writer.write(Change(column, previous, delta=delta)):
            self.history.push(marking)
            return None
        return marking

    def save_setting(self, key: str, value: str) -> None:
        """Save a setting of the reader (the view, the open article) in turn with the marks."""
        self.writer.write(Change("setting", {}, setting=(key, value)))

    def flush(self, timeout: float) -> bool:
        """Wait until every change has landed; False if some still wait after `timeout`."""
        return self.writer.flush(timeout)

    def close(self) -> None:
        """Let the writer finish what waits, then stop (it never holds the process)."""
        self.writer.close()

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
        if not self.writer.write(Change(column, dict.fromkeys(changed, value), delta=delta)):
            return []
        self.history.push(Marking(column, dict.fromkeys(changed, not value), label))
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


def _plus(count: Count | None, total: int, unread: int) -> Count:
    base = count or Count(0, 0)
    return Count(max(0, base.total + total), max(0, base.unread + unread))
