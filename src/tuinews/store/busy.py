"""A store held by another connection: how to tell, and how to wait only briefly for it.

Every connection of the store waits up to BUSY_TIMEOUT_MS for a lock another one holds
(an import holds it for one source at a time); $TUINEWS_BUSY_TIMEOUT_MS sets another
wait, in milliseconds (the tests shorten it, so as not to sit out ten seconds). A key
press must never hang that long: QuickWait lowers the wait for one write, and is_busy
tells a lock worth retrying from a store that cannot be written at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _busy_timeout(default: int = 10_000) -> int:
    given = os.environ.get("TUINEWS_BUSY_TIMEOUT_MS", "")
    return int(given) if given.isdigit() else default


BUSY_TIMEOUT_MS = _busy_timeout()
QUICK_WAIT_MS = 50  # how long a key press waits for a busy store before its change queues


def is_busy(error: BaseException) -> bool:
    """True when another connection holds the lock: worth trying again later."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return isinstance(error, sqlite3.OperationalError) and code in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    )


class QuickWait:
    """Lower a connection's busy wait for one write, so that a key never hangs the reader."""

    def __init__(self, conn: sqlite3.Connection, wait_ms: int = QUICK_WAIT_MS) -> None:
        self.conn = conn
        self.wait_ms = wait_ms

    def __enter__(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {self.wait_ms}")

    def __exit__(self, *exc: object) -> None:
        if self.conn.in_transaction:  # a failed COMMIT leaves its transaction open
            self.conn.execute("ROLLBACK")
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def patiently(
    step: Callable[[], T],
    *,
    tries: int,
    should_stop: Callable[[], bool] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> T:
    """Run one transaction; while another connection holds the store, try again.

    Each try already waits the busy timeout; `on_wait` is told before each new try.
    Raises the last busy error after `tries` tries, or at once when `should_stop()`.
    """
    for _ in range(tries - 1):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or (should_stop is not None and should_stop()):
                raise
            if on_wait is not None:
                on_wait()
    return step()
