"""Import many small feed files (a folder of saved feeds) into an empty store: CPU time.

python -m bench.feed_files [--files 1000] [--items 10] [--titles 50] [--runs 3]
                           [--without-shared-scope]

Each new feed source looks for an earlier source of the same feed (store/guid_scope.py:
the same title, some of the same guids with the same links). `--titles` feeds share each
title, so that every new source has up to 10 same-named feeds to look in (the worst
case; most feeds have a title of their own). `--without-shared-scope` turns the look-up
off, to compare. Prints the best CPU time of the runs (this process: the store's writes
and the parsing alike); CPU, not wall-clock, because the machine is shared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tuinews.importer.pipeline import import_sources
from tuinews.store import open_store


def write_feeds(folder: Path, files: int, items: int, titles: int) -> None:
    for number in range(files):
        entries = "".join(
            f"<item><guid>g{number}-{i}</guid><link>https://f{number}.example/{i}</link>"
            f"<title>Story {number} {i}</title><description>Body.</description></item>"
            for i in range(items)
        )
        (folder / f"feed-{number:05}.xml").write_text(
            f"<rss version='2.0'><channel><title>Feed {number % titles}</title>"
            f"{entries}</channel></rss>"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--titles", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--without-shared-scope", action="store_true")
    args = parser.parse_args()
    if args.without_shared_scope:
        import tuinews.store.saving as saving

        saving.shared_scope = lambda conn, source_id, rows: None  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "feeds"
        folder.mkdir()
        write_feeds(folder, args.files, args.items, args.titles)
        best = float("inf")
        for run in range(args.runs):
            store = open_store(Path(work) / f"run-{run}.db")
            cpu = time.process_time()
            report = import_sources([str(folder)], store)
            best = min(best, time.process_time() - cpu)
            store.close()
            assert report.new == args.files * args.items and not report.failures
    print(
        f"{args.files} feed files of {args.items} items ({args.titles} titles): "
        f"best CPU {best:.2f} s of {args.runs} runs"
        + (" (shared scope off)" if args.without_shared_scope else "")
    )


if __name__ == "__main__":
    main()
