"""Full garbage collections while the reader is idle, not in the middle of a key.

Python runs a full collection once enough objects have outlived two younger ones. With the
objects that live as long as the reader frozen out of its sight (warm_up), a full
collection still walks every object of the session: 20 to 30 ms of CPU at 160x48, landing
on whichever key allocated the last straw (often the first article opened, or the theme
list). Here automatic full collections are off; the reader runs one after a second
without a key, when younger collections have happened since the last. A long run of keys
without a pause still gets one after LIMIT young collections, so memory stays bounded.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET = 1.0  # seconds without a key before a full collection
CHECK = 0.5  # seconds between looks
LIMIT = 100  # young (generation 1) collections after which a full one runs anyway
NEVER = 1_000_000  # a generation-2 threshold never reached


class IdleCollector:
    """Turns Python's automatic full collections into collections while idle."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_key = clock()
        self.collections = 0  # full collections run here (the tests count them)
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Stop automatic full collections (stop() gives the thresholds back)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def touch(self) -> None:
        """A key came: no full collection for QUIET seconds."""
        self.last_key = self.clock()

    def check(self) -> None:
        """Collect if idle long enough and there may be old garbage (or far too much)."""
        pending = gc.get_count()[2]
        idle = self.clock() - self.last_key >= QUIET
        if self._saved is not None and ((idle and pending) or pending >= LIMIT):
            gc.collect()
            self.collections += 1
