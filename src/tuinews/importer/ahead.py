"""The files of a large import parsed ahead, in a worker process, while the store writes.

Parsing a page dump takes more time than storing it, and the two take turns in one process.
From limits.PARSE_AHEAD_FILES files on, one worker process (the feed reader's
ReadAheadProcess) reads and parses two files in three, in order, while this process parses
the third and stores each one in its own transaction, in order, as before: on two cores the
parsing and the writing overlap. Feed files are
left to this process (it streams them itself), and so is every file still to come when no
worker can start or the worker stops: they are then parsed here, as without a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

from tuinews.importer import limits
from tuinews.importer.formats.feed.readahead import ReadAheadProcess
from tuinews.importer.sources import SourceRef

# What the worker says of one file: its location, then ("parsed", Parsed), ("failed", the
# reason) or ("feed", None).
Ahead = tuple[str, str, Any]
AheadJob = Callable[[tuple[SourceRef, ...]], tuple[None, Iterator[Ahead]]]


def shares(files: tuple[SourceRef, ...]) -> tuple[SourceRef, ...]:
    """The files the worker parses: two in three, after the first ones (this process parses
    those while the worker starts). This process parses the rest and stores them all."""
    head = limits.PARSE_AHEAD_HEAD
    return tuple(ref for n, ref in enumerate(files) if n >= head and (n - head) % 3 != 0)


class ParsedAhead:
    """Each file's outcome from the worker, asked for in the order the files were given."""

    def __init__(self, stack: ExitStack, job: AheadJob, files: tuple[SourceRef, ...]) -> None:
        self._items: Iterator[Ahead] | None = None
        mine = shares(files)
        self._theirs = frozenset(ref.location for ref in mine)
        try:
            reader = stack.enter_context(ReadAheadProcess(job, mine, batch=1))
        except OSError:  # no process can start here: every file is parsed in this one
            return
        self._items = iter(reader)

    def take(self, ref: SourceRef) -> tuple[str, Any] | None:
        """The worker's outcome for `ref` (the next file), or None: parse it here."""
        if self._items is None or ref.location not in self._theirs:
            return None
        try:
            location, kind, value = next(self._items)
        except Exception:  # the worker stopped or failed: the rest is parsed here
            self._items = None
            return None
        if location != ref.location:  # out of step (never expected): parse here from now on
            self._items = None
            return None
        return kind, value
