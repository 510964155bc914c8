"""Refresh throughput: 100 local feeds of 200 items each, cold and then all answering 304.

The feeds are served from this process (a threaded HTTP server on 127.0.0.1) with
ETags, so the second refresh measures the conditional-GET path alone.

python -m bench.refresh_speed [--feeds 100] [--items 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.synthetic import rss_feed
from tuinews.feeds.refresh import refresh_feeds
from tuinews.models import RefreshReport
from tuinews.store import open_store
from tuinews.store.subscriptions import add_subscription


@contextmanager
def serve_feeds(bodies: dict[str, bytes]) -> Iterator[str]:
    """Serve `bodies` by path with ETags (304 to a matching If-None-Match); yield the base URL."""
    tags = {path: '"' + hashlib.sha1(body).hexdigest() + '"' for path, body in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real feed servers do
        # Headers and body in one packet, sent at once (no Nagle / delayed-ACK stalls).
        wbufsize = 1 << 16
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            body, tag = bodies.get(self.path), tags.get(self.path)
            if body is None or tag is None:
                self.send_error(404)
                return
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # the default 5 drops concurrent connects for a second

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def timed_refresh(db: Path, concurrency: int) -> tuple[float, RefreshReport]:
    start = time.perf_counter()
    report = refresh_feeds(db, concurrency=concurrency)
    elapsed = time.perf_counter() - start
    assert not report.failures, [r.line() for r in report.failures[:3]]
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    bodies = {f"/feed-{n}.xml": rss_feed(args.items, seed=n + 1) for n in range(args.feeds)}
    size_mb = sum(len(body) for body in bodies.values()) / 1e6
    with tempfile.TemporaryDirectory() as tmp, serve_feeds(bodies) as base:
        db = Path(tmp) / "refresh.db"
        store = open_store(db)
        for path in bodies:
            add_subscription(store, f"{base}{path}")
        store.close()
        label = f"{args.feeds} feeds x {args.items} items ({size_mb:.0f} MB)"
        cold, report = timed_refresh(db, args.concurrency)
        print(
            f"Refresh, cold, {label}, concurrency {args.concurrency}: {cold:.2f} s, "
            f"{report.new / cold:,.0f} articles/s ({report.new} new)"
        )
        warm, report = timed_refresh(db, args.concurrency)
        assert report.not_modified == args.feeds, report.summary()
        print(
            f"Refresh, all 304 not modified, {args.feeds} feeds: {warm:.2f} s, "
            f"{args.feeds / warm:,.0f} feeds/s"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
