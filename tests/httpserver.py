"""A small threaded HTTP server on 127.0.0.1 for tests: routes map paths to handlers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False


Route = Callable[[BaseHTTPRequestHandler], Reply]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        route = self.routes.get(self.path.split("?", 1)[0])
        reply = route(self) if route else Reply(404, b"not here")
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
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

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[tuple[str, list[str]]]:
    """Serve `routes` on a free port; yield the base URL and the list of requested paths."""
    handler = type("Handler", (_Handler,), {"routes": routes, "hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.hits
    finally:
        server.shutdown()
        server.server_close()


def static(body: bytes, content_type: str = "application/xml", **extra: str) -> Route:
    """A route that always answers 200 with `body`."""
    return lambda request: Reply(200, body, {"Content-Type": content_type, **extra})
