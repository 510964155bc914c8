"""Import a 100,000-item RSS feed (about 375 MB) into an empty store, and compare.

python -m bench.feed_import [--items 100000] [--keep DIR] [--feed FILE] [--thread]
                            [--no-newsboat]

Prints seconds (until import_sources returns, and with the store closed), articles/s,
CPU seconds (all, and the feed-reading worker's: the rest is the store's), peak RSS
(the importing process, plus its feed-reading worker process), the store's size per
article and, when newsboat can be installed (it is tried once with apt-get), the same
figures for `newsboat -x reload` on the same file, with the ratios. --thread also
measures parsing in a thread instead of a worker process (the alternative that was
measured). The feed is the one `bench.synthetic.rss_feed(items)` builds, written item
by item so that the generator does not hold 375 MB itself.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.synthetic import rss_feed_parts
from tuinews.importer.pipeline import import_sources
from tuinews.store import open_store


def write_feed(path: Path, items: int) -> int:
    """Write the synthetic feed to `path`; its size in bytes."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for part in rss_feed_parts(items):
            out.write(part)
    return path.stat().st_size


def _usage() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "worker_cpu": children.ru_utime + children.ru_stime,
        "rss_mib": own.ru_maxrss / 1024,
        "children_mib": children.ru_maxrss / 1024,
    }


def tuinews_import(feed: Path, db: Path, reader: str) -> dict[str, float]:
    """Import the feed with import_sources, parsing in a "thread" or a "process"."""
    from tuinews.importer import limits

    limits.PROCESS_FEED_BYTES = 0 if reader == "process" else 2**62
    before = _usage()
    store = open_store(db)
    start = time.perf_counter()
    report = import_sources([str(feed)], store)
    imported = time.perf_counter() - start
    store.close()  # the WAL is checkpointed here at the latest: count it too
    closed = time.perf_counter() - start
    assert not report.failures, report.failures
    usage = _usage()
    return {
        "seconds": imported,
        "with_close": closed,
        "articles": report.new,
        **usage,
        "cpu": usage["cpu"] - before["cpu"],
        "worker_cpu": usage["worker_cpu"] - before["worker_cpu"],
    }


def in_child(function: object, *args: object) -> dict[str, float]:
    """Run one measurement in a fresh process, so that peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_measure, args=(results, function, *args))
    child.start()
    result: dict[str, float] = results.get()
    child.join()
    return result


def _measure(results: multiprocessing.Queue[object], function: object, *args: object) -> None:
    results.put(function(*args))  # type: ignore[operator]


def newsboat(feed: Path, folder: Path) -> dict[str, float] | str:
    """`newsboat -x reload` on the same feed, timed by /usr/bin/time; or why it could not run."""
    binary = shutil.which("newsboat")
    if binary is None:
        installed = subprocess.run(
            ["apt-get", "install", "-y", "newsboat"], capture_output=True, text=True
        )
        binary = shutil.which("newsboat")
        if binary is None:
            last = (installed.stderr or installed.stdout).strip().splitlines()[-1:] or ["?"]
            return f"newsboat could not be installed (apt-get install -y newsboat: {last[0]})"
    if not Path("/usr/bin/time").exists():
        return "newsboat is installed, but /usr/bin/time is not (apt-get install time)"
    urls = folder / "urls"
    urls.write_text(f"file://{feed.resolve()}\n", encoding="utf-8")
    config = folder / "config"
    config.write_text("", encoding="utf-8")
    cache = folder / "cache.db"
    command = ["/usr/bin/time", "-v", binary, "-u", str(urls), "-c", str(cache)]
    command += ["-C", str(config), "-x", "reload"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode != 0 or peak is None:
        return f"newsboat failed ({done.returncode}): {done.stderr.strip()[-300:]}"
    count = 0
    try:
        import sqlite3

        with sqlite3.connect(cache) as conn:
            count = conn.execute("SELECT count(*) FROM rss_item").fetchone()[0]
    except Exception:  # newsboat's cache layout is its own business
        count = 0
    return {
        "seconds": seconds,
        "articles": count,
        "rss_mib": int(peak.group(1)) / 1024,
        "store_bytes": cache.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the feed and stores here")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument("--thread", action="store_true", help="also parse in a thread")
    parser.add_argument("--feed", type=Path, help="use this feed file instead of writing one")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="tuinews-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        feed = args.feed or folder / "feed.rss"
        size = feed.stat().st_size if args.feed else write_feed(feed, args.items)
        print(
            f"feed: {feed.name}, {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB); "
            "target: under 8 s and 400 MiB"
        )
        readers = ["process", "thread"] if args.thread else ["process"]
        ours: dict[str, float] = {}
        for reader in readers:
            label = f"tuinews ({reader})"
            db = folder / f"{reader}.db"
            result = in_child(tuinews_import, feed, db, reader)
            per_article = os.path.getsize(db) / max(1, result["articles"])
            print(
                f"{label}: {result['seconds']:.2f} s ({result['with_close']:.2f} s with close), "
                f"{result['articles'] / result['seconds']:,.0f} articles/s, "
                f"CPU {result['cpu']:.1f} s"
                + (f" (worker {result['worker_cpu']:.1f} s)" if result["worker_cpu"] else "")
                + f", peak RSS {result['rss_mib']:.0f} MiB"
                + (f" + worker {result['children_mib']:.0f} MiB" if result["children_mib"] else "")
                + f", store {per_article:,.0f} bytes/article"
            )
            ours = ours or result
        if not args.no_newsboat:
            other = newsboat(feed, folder)
            if isinstance(other, str):
                print(other)
            else:
                print(
                    f"newsboat -x reload: {other['seconds']:.2f} s, "
                    f"{other['articles']:,.0f} articles, peak RSS {other['rss_mib']:.0f} MiB, "
                    f"cache {other['store_bytes'] / max(1, other['articles']):,.0f} bytes/article"
                )
                peak = ours["rss_mib"] + ours["children_mib"]  # both processes at once, at most
                print(
                    f"ratio tuinews/newsboat: time {ours['seconds'] / other['seconds']:.2f}, "
                    f"peak RSS {peak / other['rss_mib']:.2f} (tuinews counted with its worker)"
                )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
