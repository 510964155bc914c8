"""A small threaded HTTP server on 127.0.0.1 for tests: routes map paths to handlers.

`Resource` is a route for a document that changes: it sends ETag and Last-Modified,
answers 304 to matching conditional requests, can gzip, and records what was asked.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False
    reason: str | None = None  # the status line's phrase; None: the standard one
    # A hostile server: one byte every `trickle` seconds, from the status line on (or
    # from the body on, with `trickle_body`); `hung_up` is set when the client hangs up.
    trickle: float = 0.0
    trickle_body: bool = False
    hung_up: threading.Event | None = None
    # Held until the test sets it: a slow server whose answer the test releases when it
    # is ready, instead of a delay that a busy machine can outlast.
    gate: threading.Event | None = None


Route = Callable[[BaseHTTPRequestHandler], Reply]


class _Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    routes: dict[str, Route] = {}
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        route = self.routes.get(self.path.split("?", 1)[0])
        reply = route(self) if route else Reply(404, b"not here")
        if reply.delay:
            time.sleep(reply.delay)
        if reply.gate is not None:
            reply.gate.wait(timeout=120)  # a failed test must not leave the server hanging
        if reply.trickle:
            self._trickle(reply)
            return
        self.send_response(reply.status, reply.reason)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(reply.body), 4096):
                piece = reply.body[start : start + 4096]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def _trickle(self, reply: Reply) -> None:
        head = f"HTTP/1.1 {reply.status} {reply.reason or 'OK'}\r\n"
        fields = {"Content-Length": str(len(reply.body)), "Connection": "close", **reply.headers}
        head += "".join(f"{name}: {value}\r\n" for name, value in fields.items()) + "\r\n"
        data = head.encode("latin-1")
        at_once = len(data) if reply.trickle_body else 0
        data += reply.body
        try:
            self.wfile.write(data[:at_once])
            for start in range(at_once, len(data)):
                self.wfile.write(data[start : start + 1])
                time.sleep(reply.trickle)
        except OSError:
            if reply.hung_up is not None:
                reply.hung_up.set()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops concurrent connects for a second

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up early (a size cap, a timeout) is part of the test.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[tuple[str, list[str]]]:
    """Serve `routes` on a free port; yield the base URL and the list of requested paths."""
    handler = type("Handler", (_Handler,), {"routes": routes, "hits": []})
    server = _Server(("127.0.0.1", 0), handler)
    # A short poll interval: shutdown() waits for it, at the end of every test.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.hits
    finally:
        server.shutdown()
        server.server_close()


def static(body: bytes, content_type: str = "application/xml", **extra: str) -> Route:
    """A route that always answers 200 with `body`."""
    return lambda request: Reply(200, body, {"Content-Type": content_type, **extra})


EPOCH = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass
class Resource:
    """A route serving `body` with validators; `update()` makes a new version of it.

    With `etag` / `last_modified` off the validator is not sent (nor honoured); with
    `gzip` the body is compressed for clients that accept it. `requests` holds the
    headers of every request, lower-cased names.
    """

    body: bytes
    content_type: str = "application/rss+xml"
    etag: bool = True
    last_modified: bool = True
    gzip: bool = False
    version: int = 0
    requests: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def update(self, body: bytes) -> None:
        with self.lock:
            self.body = body
            self.version += 1

    @property
    def tag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'

    @property
    def modified(self) -> str:
        return format_datetime(EPOCH + timedelta(hours=self.version), usegmt=True)

    def __call__(self, request: BaseHTTPRequestHandler) -> Reply:
        asked = {name.lower(): value for name, value in request.headers.items()}
        with self.lock:
            self.requests.append(asked)
            headers = {"Content-Type": self.content_type}
            if self.etag:
                headers["ETag"] = self.tag
            if self.last_modified:
                headers["Last-Modified"] = self.modified
            if self._unchanged(asked):
                return Reply(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
            body = self.body
        if self.gzip and "gzip" in asked.get("accept-encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return Reply(200, body, headers)

    def _unchanged(self, asked: dict[str, str]) -> bool:
        # As servers do: If-None-Match decides when both are sent.
        if self.etag and "if-none-match" in asked:
            return asked["if-none-match"] == self.tag
        if self.last_modified and "if-modified-since" in asked:
            return asked["if-modified-since"] == self.modified
        return False
