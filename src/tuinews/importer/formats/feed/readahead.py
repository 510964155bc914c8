"""Read a stream of drafts ahead of the store, in a thread or in a worker process.

SQLite releases the GIL while it inserts and indexes, so a thread that parses the next
entries meanwhile already keeps both cores busy. But parsing and the store's own Python
work then share one GIL; a worker process parses without it, which was measurably faster
for large feeds (bench/feed_import.py), at the cost of starting a process. Both readers
hand over the same messages: a header, batches of items, then the end or an exception.
"""

from __future__ import annotations

import importlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from types import TracebackType
from typing import Any, BinaryIO, Generic, TypeVar

from tuinews.importer.errors import ImportFailure


class WorkerStopped(ImportFailure):
    """The worker process ended without finishing its messages (it crashed, was killed)."""


H = TypeVar("H")
T = TypeVar("T")
Start = Callable[..., tuple[H, Iterator[T]]]


class _Reader(Generic[H, T]):
    """The consumer's side: `header()`, then iterate the items."""

    def __init__(self) -> None:
        self._header: list[H] = []
        self._failure: BaseException | None = None

    def _get(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def header(self) -> H:
        """What `start` returned first (raises what it raised)."""
        if not self._header:
            self._header.append(self._expect("header"))
        return self._header[0]

    def __iter__(self) -> Iterator[T]:
        self.header()
        while (batch := self._expect("items")) is not None:
            yield from batch

    def _expect(self, kind: str) -> Any:
        if self._failure is not None:
            raise self._failure
        message = self._get()
        if message[0] == "failed":
            self._failure = message[1]
            raise message[1]
        if message[0] == "end":
            return None
        assert message[0] == kind, message[0]
        return message[1]


def _produce(
    put: Callable[[tuple[Any, ...]], bool], start: Start[H, T], args: tuple[Any, ...], size: int
) -> None:
    """Run `start(*args)` and put its messages; `put` returns False when told to stop."""
    source: Iterator[T] | None = None
    batch: list[T] = []
    try:
        header, source = start(*args)
        if not put(("header", header)):
            return
        for item in source:
            batch.append(item)
            if len(batch) >= size:
                if not put(("items", batch)):
                    return
                batch = []
        if put(("items", batch)):
            put(("end",))
    except BaseException as error:  # handed to the consumer, raised there
        if not batch or put(("items", batch)):
            put(("failed", error))
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()


class ReadAhead(_Reader[H, T]):
    """Run `start(*args)` in a thread and iterate what it returns, a few batches ahead.

    `start` returns a header (known before the items, such as a feed's name) and an
    iterator; both are made and read in the thread only, as lxml wants its documents.
    An exception in the thread is raised again in the consumer; leaving the `with`
    block early stops the thread (and closes the iterator in it).
    """

    def __init__(self, start: Start[H, T], *args: Any, batch: int = 256, depth: int = 8) -> None:
        super().__init__()
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=_produce,
            args=(self._put, start, args, batch),
            name="tuinews-read-ahead",
            daemon=True,
        )

    def __enter__(self) -> ReadAhead[H, T]:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with suppress(queue.Empty):
                self._queue.get(timeout=0.05)  # unblock a producer waiting to put
        self._thread.join()

    def _get(self) -> tuple[Any, ...]:
        return self._queue.get()

    def _put(self, message: tuple[Any, ...]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(message, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False


class ReadAheadProcess(_Reader[H, T]):
    """ReadAhead in a worker process: `python -m tuinews.importer.formats.feed.readahead_worker`.

    A plain subprocess rather than multiprocessing, whose "spawn" would run the caller's
    main module again in the worker. `start` must be a module-level function; its
    arguments, header, items and exceptions must pickle. They travel as pickles over
    the worker's stdin and stdout, whose pipe bounds how far ahead it reads. Raises
    OSError on entry when no process can be started (the caller can use a thread).
    """

    def __init__(self, start: Start[H, T], *args: Any, batch: int = 512) -> None:
        super().__init__()
        self._job = (start.__module__, start.__qualname__, args, batch)
        self._worker: subprocess.Popen[bytes] | None = None
        self._ended = False

    def __enter__(self) -> ReadAheadProcess[H, T]:
        if not sys.executable:
            raise OSError("no Python executable to start a worker with")
        # The worker finds tuinews where this process found it (-P: and nowhere else).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        command = [sys.executable, "-P", "-m", "tuinews.importer.formats.feed.readahead_worker"]
        worker = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            bufsize=1 << 20,
        )
        self._worker = worker
        assert worker.stdin is not None
        try:
            pickle.dump(self._job, worker.stdin)
            worker.stdin.close()
        except OSError:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        worker = self._worker
        if worker is None:
            return
        try:
            worker.wait(timeout=0 if error is not None or not self._ended else 5)
        except subprocess.TimeoutExpired:
            worker.kill()  # the consumer stopped early: the worker waits to write
            worker.wait()
        if worker.stdout is not None:
            worker.stdout.close()

    def _get(self) -> tuple[Any, ...]:
        assert self._worker is not None and self._worker.stdout is not None
        try:
            message: tuple[Any, ...] = pickle.load(self._worker.stdout)
            self._ended = message[0] in ("end", "failed")
        except (EOFError, pickle.UnpicklingError):
            code = self._worker.wait()
            raise WorkerStopped(f"the feed reader stopped (exit code {code})") from None
        return message


def serve(job: tuple[str, str, tuple[Any, ...], int], out: BinaryIO) -> None:
    """The worker's side: run the job's function, write its messages as pickles."""
    module, name, args, size = job
    start = getattr(importlib.import_module(module), name)

    def put(message: tuple[Any, ...]) -> bool:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        return True

    _produce(put, start, args, size)
