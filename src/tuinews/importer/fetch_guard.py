"""What a hostile server cannot do to a fetch: hold it open, inflate it, or redirect it inside.

- `Deadline`: a request ends within its total time, headers and body together, and at
  once when the caller stops (a watchdog shuts its sockets down: a server that trickles
  one byte a second defeats any per-read timeout).
- `decoded()`: Content-Encoding (gzip, deflate, stacked or not) is inflated a piece at
  a time, so the size cap counts decoded bytes before they pile up in memory.
- `check_redirect()`: a redirect from a public address to a private, loopback or
  link-local one (cloud metadata, the router) is refused.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure

if TYPE_CHECKING:
    import httpx

PIECE = 64 * 1024  # the most one inflate step may produce
_WATCH_SECONDS = 0.05  # how often the watchdog looks at the caller's stop flag
_GZIP = zlib.MAX_WBITS | 16
_ENCODINGS = {"gzip": _GZIP, "x-gzip": _GZIP, "deflate": zlib.MAX_WBITS}


class Deadline:
    """A request's total time and its stop flag, watched by a thread that cuts its sockets.

    Pass `trace` as the request's httpx "trace" extension: it learns each socket the
    request connects (the client keeps no idle connections, so every request makes
    its own). Use as a context manager around the request.
    """

    def __init__(self, seconds: float, should_stop: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.should_stop = should_stop or (lambda: False)
        self.expired = False  # the time ran out
        self.stopped = False  # the caller stopped
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="tuinews-deadline", daemon=True)

    def __enter__(self) -> Deadline:
        self._watchdog.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._watchdog.join()

    @property
    def left(self) -> float:
        """Seconds left, at least a little (httpx refuses a zero timeout)."""
        return max(0.001, self.ends - time.monotonic())

    @property
    def cut(self) -> bool:
        return self.expired or self.stopped

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's trace hook: remember the socket of each new connection."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.cut:
                    _shut(sock)

    def check(self) -> None:
        """Raise the reason once the time is up or the caller stopped."""
        if self.stopped or self.should_stop():
            self.stopped = True
            raise ImportFailure("stopped")
        if self.expired or time.monotonic() >= self.ends:
            self.expired = True
            raise ImportFailure(f"timed out after {self.seconds:g} s")

    def _watch(self) -> None:
        while not self._done.wait(_WATCH_SECONDS):
            if self.should_stop():
                self.stopped = True
            elif time.monotonic() >= self.ends:
                self.expired = True
            else:
                continue
            with self._lock:
                for sock in self._sockets:
                    _shut(sock)
            return


def _shut(sock: socket.socket) -> None:
    # shutdown() wakes a recv() blocked in another thread; close() would not.
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def encodings(header: str) -> list[str]:
    """The Content-Encoding names in the order they must be undone (last applied first).

    Raises ImportFailure for an encoding tuinews cannot read or too many of them.
    """
    names = [name.strip().lower() for name in header.split(",")]
    names = [name for name in names if name and name != "identity"]
    if len(names) > limits.MAX_ENCODINGS:
        raise ImportFailure(f"the server stacked {len(names)} encodings, which tuinews refuses")
    unknown = [name for name in names if name not in _ENCODINGS]
    if unknown:
        raise ImportFailure(f"the server sent an encoding tuinews cannot read ({unknown[0]})")
    return names[::-1]


def decoded(raw: Iterable[bytes], names: list[str]) -> Iterator[bytes]:
    """The body with every encoding undone, in pieces of at most PIECE bytes each."""
    pieces: Iterable[bytes] = raw
    for name in names:
        pieces = _inflate(pieces, _ENCODINGS[name])
    return iter(pieces)


def _inflate(pieces: Iterable[bytes], wbits: int) -> Iterator[bytes]:
    inflater: Any = None
    for data in pieces:
        while data:
            if inflater is None:
                inflater = zlib.decompressobj(_window(wbits, data))
            yield from _drain(inflater, data)
            data = b""
            if inflater.eof:
                # A gzip body may hold several members; what follows a deflate stream is
                # ignored, as browsers do.
                data = inflater.unused_data if wbits == _GZIP else b""
                inflater = None if wbits == _GZIP else inflater
    if inflater is not None and not inflater.eof:
        raise ImportFailure("the server sent a body that does not decompress (it is cut short)")


def _drain(inflater: Any, data: bytes) -> Iterator[bytes]:
    """Inflate `data` a PIECE at a time (output that waits inside zlib included)."""
    while True:
        try:
            out = inflater.decompress(data, PIECE)
        except zlib.error:
            raise ImportFailure("the server sent a body that does not decompress") from None
        if out:
            yield out
        data = inflater.unconsumed_tail
        if inflater.eof or (not data and len(out) < PIECE):
            return


def _window(wbits: int, data: bytes) -> int:
    # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
    if wbits == zlib.MAX_WBITS and len(data) >= 2:
        first, second = data[0], data[1]
        if first & 0x0F != 8 or (first << 8 | second) % 31:
            return -zlib.MAX_WBITS
    return wbits


def check_redirect(response: httpx.Response) -> None:
    """httpx's response hook: refuse a redirect from a public address to an internal one.

    The user may fetch a loopback or private URL they typed (a feed on their own
    network); a public server may not send them there.
    """
    if not response.has_redirect_location:
        return
    source = response.request.url
    target = source.join(response.headers["location"])
    if _internal(target.host) and not _internal(source.host):
        raise ImportFailure(
            f"redirected from {source.host} to an internal address ({target.host}), "
            "which tuinews refuses"
        )


def _internal(host: str) -> bool:
    """Whether `host` is, or resolves to, a private, loopback, link-local or reserved
    address (a name that does not resolve counts as internal: it is not refused later)."""
    addresses = resolve(host)
    return not addresses or any(not ipaddress.ip_address(a).is_global for a in addresses)


def resolve(host: str) -> list[str]:
    """The addresses `host` stands for (itself when it is one); [] when it does not resolve."""
    with suppress(ValueError):
        return [str(ipaddress.ip_address(host.strip("[]")))]
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]).split("%", 1)[0] for info in found]
