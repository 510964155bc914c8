"""A subscription list of 100,000 outlines (about 7 MB), read and imported.

    python -m bench.opml_import [--outlines 100000]

Before issue 14 item 8 the walk compared each feed URL with every one found before:
10k outlines took 5.4 s, 40k 1 m 44 s, 100k did not finish in 10 minutes. The test
tests/unit/test_opml_forgiving.py bounds the work by counting calls; this prints seconds.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def opml(outlines: int, per_folder: int = 100) -> bytes:
    """`outlines` feeds in folders of `per_folder`, with the faults real lists have."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head>']
    parts.append("<title>Big list</title></head><body>")
    for start in range(0, outlines, per_folder):
        parts.append(f'<outline text="Folder {start // per_folder} & co">')
        for n in range(start, min(outlines, start + per_folder)):
            parts.append(
                f'<outline type="rss" text="Feed {n} &amp; friends" title="Feed {n}" '
                f'xmlUrl="https://feed{n}.example.org/rss?id={n}&amp;fmt=xml" '
                f'htmlUrl="https://feed{n}.example.org/"/>'
            )
        parts.append("</outline>")
    parts.append("</body></opml>")
    return "".join(parts).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlines", type=int, default=100_000)
    args = parser.parse_args()
    from tuinews.importer.formats.opml import parse_opml
    from tuinews.importer.pipeline import import_sources
    from tuinews.store import open_store

    data = opml(args.outlines)
    started, cpu = time.perf_counter(), time.process_time()
    _, subscriptions = parse_opml(data)
    parsed = time.perf_counter() - started
    print(
        f"parse_opml: {len(subscriptions):,} feeds from {len(data) / 1e6:.1f} MB in "
        f"{parsed:.2f} s (CPU {time.process_time() - cpu:.2f} s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.opml"
        path.write_bytes(data)
        store = open_store(Path(tmp) / "store.db")
        try:
            started, cpu = time.perf_counter(), time.process_time()
            report = import_sources([str(path)], store)
            took = time.perf_counter() - started
            print(
                f"tuinews import: {report.subscriptions_added:,} subscriptions in {took:.2f} s "
                f"(CPU {time.process_time() - cpu:.2f} s), failures {len(report.failures)}, "
                f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
            )
        finally:
            store.close()


if __name__ == "__main__":
    main()
