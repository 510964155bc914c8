"""The marks' core without a screen: the undo history, the busy check, the queued writer.

A busy store is a real one: a second connection holds its write lock (as an import in
another process does) until the test lets go. Nothing waits on the clock: the writer
thread is awaited through flush() and events, with generous bounds that only stop a
broken test from hanging.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import fixed_clock
from tuinews.marks import UNDO_DEPTH, Change, Marking, Marks, QueuedWriter, UndoHistory
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.store.busy import BUSY_TIMEOUT_MS, QuickWait, is_busy

HANG_GUARD = 60.0  # seconds; only reached when the code under test is broken


@contextmanager
def lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holding the store's write lock, as an import's transaction does."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def read_marks(path: Path) -> dict[int, bool]:
    conn = sqlite3.connect(path)
    try:
        return {i: bool(read) for i, read in conn.execute("SELECT id, read FROM articles")}
    finally:
        conn.close()


def first_ids(store: Store, count: int) -> list[int]:
    rows = store.page(View(ViewKind.ALL), now=fixed_clock(), limit=count)
    assert len(rows) == count
    return [row.id for row in rows]


# -- the undo history ------------------------------------------------------------


def test_history_undoes_newest_first_and_keeps_only_its_depth() -> None:
    history = UndoHistory(depth=3)
    for n in range(5):
        history.push(Marking("read", {n: False}, f"mark {n}"))
    assert len(history) == 3
    popped = [history.pop() for _ in range(4)]
    assert [m.label if m else None for m in popped] == ["mark 4", "mark 3", "mark 2", None]
    assert not history


def test_history_skips_a_marking_that_changed_nothing() -> None:
    history = UndoHistory()
    history.push(Marking("starred", {}, "starred"))
    assert len(history) == 0
    assert history.depth == UNDO_DEPTH


# -- the busy check --------------------------------------------------------------


def test_is_busy_tells_a_held_lock_from_other_errors(sample_store: Store, db_path: Path) -> None:
    with lock_held(db_path):
        sample_store.conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(sqlite3.OperationalError) as held:
            sample_store.set_setting("k", "v")
    with pytest.raises(sqlite3.OperationalError) as wrong:
        sample_store.conn.execute("SELECT nothing FROM nowhere")
    assert is_busy(held.value)
    assert not is_busy(wrong.value)
    assert not is_busy(ValueError("busy"))


def test_quick_wait_gives_back_the_long_wait_and_no_open_transaction(
    sample_store: Store, db_path: Path
) -> None:
    conn = sample_store.conn
    with lock_held(db_path), pytest.raises(sqlite3.OperationalError), QuickWait(conn, 1):
        assert conn.execute("PRAGMA busy_timeout").fetchone() == (1,)
        conn.execute("BEGIN")
        conn.execute("UPDATE settings SET value = 'x'")  # the lock is held: busy
    assert not conn.in_transaction
    assert conn.execute("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)


# -- the queued writer -----------------------------------------------------------


def test_a_free_store_is_written_at_once(sample_store: Store, db_path: Path) -> None:
    writer = QueuedWriter(sample_store)
    (article,) = first_ids(sample_store, 1)
    assert writer.write(Change("read", {article: True}))
    assert writer.waiting == 0
    assert read_marks(db_path)[article] is True


def test_a_busy_store_queues_changes_and_lands_them_in_order(
    sample_store: Store, db_path: Path
) -> None:
    saved = threading.Event()
    writer = QueuedWriter(sample_store, on_saved=saved.set)
    first, second = first_ids(sample_store, 2)
    with lock_held(db_path):
        assert writer.write(Change("read", {first: True, second: True}))
        assert writer.write(Change("read", {first: False}))
        assert writer.write(Change("setting", {}, setting=("view", "unread")))
        assert writer.waiting == 3
        assert not writer.flush(0.01)  # the lock is held throughout: nothing can land
        assert not saved.is_set()
    assert writer.flush(HANG_GUARD)
    assert saved.wait(HANG_GUARD)
    marks = read_marks(db_path)
    assert (marks[first], marks[second]) == (False, True)  # the later change won
    assert sample_store.get_setting("view") == "unread"
    writer.close()


def test_a_store_that_cannot_be_written_says_so_once_and_queues_nothing(
    sample_store: Store,
) -> None:
    reasons: list[str] = []
    writer = QueuedWriter(sample_store, on_failed=reasons.append)
    sample_store.conn.execute("PRAGMA query_only = ON")  # writes fail, and not for a lock
    assert not writer.write(Change("starred", {1: True}))
    assert writer.waiting == 0
    assert reasons == ["Could not save a mark: the store cannot be written."]


def test_a_store_replaced_while_changes_wait_drops_them_with_a_reason(
    sample_store: Store, db_path: Path
) -> None:
    reasons: list[str] = []
    failed = threading.Event()

    def on_failed(reason: str) -> None:
        reasons.append(reason)
        failed.set()

    writer = QueuedWriter(sample_store, on_failed=on_failed)
    with lock_held(db_path):
        # The store's file is replaced by another program's database: this connection
        # still has the old one (busy), the writer thread's reopen finds the new one.
        db_path.unlink()
        foreign = sqlite3.connect(db_path)
        foreign.execute("CREATE TABLE other (x)")
        foreign.close()
        assert writer.write(Change("setting", {}, setting=("view", "all")))
        assert failed.wait(HANG_GUARD)
    assert writer.flush(HANG_GUARD)
    assert reasons == ["Could not save a setting: the store cannot be written."]


# -- marks over the writer -------------------------------------------------------


def test_marks_made_while_busy_show_at_once_and_undo_puts_them_back(
    sample_store: Store, db_path: Path
) -> None:
    marks = Marks(sample_store, fixed_clock)
    before = marks.counts(fixed_clock())
    with lock_held(db_path):
        ids = marks.mark_view_read(View(ViewKind.ALL), fixed_clock(), lambda n: f"{n} read")
        assert ids and marks.waiting == 1
        assert all(marks.pending_read(i) for i in ids)
        assert marks.article(ids[0]).read  # type: ignore[union-attr]
        undone = marks.undo()
        assert undone is not None and undone.label == f"{len(ids)} read"
        assert not marks.history
    assert marks.flush(HANG_GUARD)
    assert not any(read_marks(db_path)[i] for i in ids)
    assert marks.counts(fixed_clock()) == before
    marks.close()


def test_an_undo_that_cannot_be_written_stays_in_the_history(sample_store: Store) -> None:
    failures: list[str] = []
    marks = Marks(sample_store, fixed_clock, on_failed=failures.append)
    (article,) = first_ids(sample_store, 1)
    marks.set_starred(article, True)
    sample_store.conn.execute("PRAGMA query_only = ON")
    assert marks.undo() is None
    assert len(marks.history) == 1
    assert failures == ["Could not save a mark: the store cannot be written."]
