"""Import throughput: a 10k-item RSS feed and 1,000 plain-text page dumps into empty stores.

python -m bench.import_speed [--items 10000] [--dumps 1000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bench.synthetic import page_dump, rss_feed
from tuinews.importer.pipeline import import_sources
from tuinews.store import open_store


def timed_import(sources: list[str], db: Path) -> tuple[float, int, int]:
    store = open_store(db)
    start = time.perf_counter()
    cpu = time.process_time()
    workers = _children_cpu()
    report = import_sources(sources, store)
    elapsed = time.perf_counter() - start
    # On a shared machine the wall clock counts other people's work: CPU time does not.
    # A large import parses in a worker process too (importer/ahead.py): its CPU is apart.
    worker = _children_cpu() - workers
    print(
        f"  (CPU {time.process_time() - cpu:.2f} s for {report.sources} sources"
        + (f", and {worker:.2f} s in the worker process" if worker else "")
        + ")"
    )
    store.close()
    assert not report.failures, report.failures[:3]
    return elapsed, report.new, report.sources


def _children_cpu() -> float:
    """User and system CPU of the worker processes that have ended (and were waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--dumps", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.rss"
        feed.write_bytes(rss_feed(args.items))
        size_mb = feed.stat().st_size / 1e6
        seconds, new, _ = timed_import([str(feed)], folder / "feed.db")
        print(
            f"RSS feed, {args.items} items ({size_mb:.1f} MB): {seconds:.2f} s, "
            f"{new / seconds:,.0f} articles/s"
        )
        dumps = folder / "dumps"
        dumps.mkdir()
        for n in range(args.dumps):
            (dumps / f"dump-{n:05}.txt").write_text(page_dump(n), encoding="utf-8")
        seconds, new, sources = timed_import([str(dumps)], folder / "dumps.db")
        print(
            f"Text dumps, {sources} files: {seconds:.2f} s, {sources / seconds:,.0f} dumps/s, "
            f"{new} articles"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
