"""Podcasts: the cost of enclosures on a feed import, and the download speed of D.

python -m bench.enclosures [--items 5000] [--download-mb 50]

Imports the synthetic feed of bench.synthetic (rss_feed) into an empty store twice:
as it is, and with an <enclosure> and a <media:content> added to every item; prints
articles/s for both (best of 3). Then downloads a file of `download-mb` MB from a
server on 127.0.0.1 through podcast.download (as the D key does) and prints MB/s.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.synthetic import rss_feed
from tuinews.importer.pipeline import import_sources
from tuinews.podcast import download
from tuinews.store import open_store

MRSS = 'xmlns:media="http://search.yahoo.com/mrss/"'


def podcast_feed(items: int) -> bytes:
    """The synthetic feed with two enclosures per item."""
    text = rss_feed(items).decode()
    text = text.replace("<rss ", f"<rss {MRSS} ", 1)
    parts = text.split("</item>")
    out = []
    for n, part in enumerate(parts[:-1]):
        out.append(
            part + f'<enclosure url="https://cast.example/{n}.mp3" type="audio/mpeg" '
            f'length="{n * 1000 + 1}"/><media:content url="https://cast.example/{n}.mp4" '
            'type="video/mp4"/>'
        )
    return ("</item>".join(out) + "</item>" + parts[-1]).encode()


def import_rate(feed: bytes, folder: Path, runs: int = 3) -> float:
    best = float("inf")
    for run in range(runs):
        path = folder / f"feed-{run}.rss"
        path.write_bytes(feed)
        store = open_store(folder / f"store-{run}-{len(feed)}.db")
        started = time.perf_counter()
        import_sources([str(path)], store)
        best = min(best, time.perf_counter() - started)
        store.close()
    return best


def download_rate(megabytes: int, folder: Path) -> float:
    body = bytes(range(256)) * (megabytes * 4096)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/episode.mp3"
        started = time.perf_counter()
        path = download(url, folder / "downloads")
        seconds = time.perf_counter() - started
        assert path.stat().st_size == len(body)
    finally:
        server.shutdown()
        server.server_close()
    return len(body) / 1e6 / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--download-mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = import_rate(rss_feed(args.items), folder)
        enclosed = import_rate(podcast_feed(args.items), folder)
        print(f"feed of {args.items:,} items, best of 3:")
        print(f"  without enclosures: {args.items / plain:,.0f} articles/s ({plain:.2f} s)")
        print(f"  two enclosures each: {args.items / enclosed:,.0f} articles/s ({enclosed:.2f} s)")
        rate = download_rate(args.download_mb, folder)
        print(f"download of {args.download_mb} MB from 127.0.0.1: {rate:,.0f} MB/s")


if __name__ == "__main__":
    main()
