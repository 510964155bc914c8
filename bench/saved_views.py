"""Opening a saved view against opening a category, at any store size (issue 13 item 2).

python -m bench.saved_views [--sizes 1000,100000,1000000] [--runs 20]

For each size (stores from bench.build_store, cached; the views are made in a copy): the
time to save a search as a view (matching every article once), then what the reader does
to open a view — its first page of 200 rows and its counts — for saved views of a rare, a
middling and a common word, against the same for a category. Medians of `runs` opens.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.build_store import VOCAB, build
from tuinews.models import View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.saved import list_views, save_view

# Words of the synthetic vocabulary by rank: rare, middling, common.
WORDS = {"rare": 20_000, "middling": 3_000, "common": 150}
PAGE = 200


@dataclass
class SavedFigures:
    """One size: seconds to save each view, to open each view, to open a category."""

    size: int
    saved: dict[str, float] = field(default_factory=dict)
    matches: dict[str, int] = field(default_factory=dict)
    opened: dict[str, float] = field(default_factory=dict)
    category: float = 0.0
    sidebar: float = 0.0  # list_views: the sidebar's counts of every saved view


def _open(store: Store, view: View, runs: int) -> float:
    """Median seconds for a view's first page and its counts, as the reader opens it."""
    now = datetime.now(UTC)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store.page(view, now=now, limit=PAGE)
        store.count(view, now)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_saved(path: Path, size: int, runs: int) -> SavedFigures:
    """Save three views in a copy of the store at `path` and time opening them."""
    figures = SavedFigures(size)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copyfile(path, copy)
        store = open_store(copy)
        try:
            for label, rank in WORDS.items():
                word = VOCAB[min(rank, len(VOCAB) - 1)]
                started = time.perf_counter()
                saved = save_view(store.conn, f"{label} ({word})", word)
                figures.saved[label] = time.perf_counter() - started
                figures.matches[label] = saved.total
                figures.opened[label] = _open(store, View(ViewKind.SAVED, name=saved.name), runs)
            category = next(iter(store.counts(datetime.now(UTC)).categories))
            figures.category = _open(store, View(ViewKind.CATEGORY, category), runs)
            started = time.perf_counter()
            for _ in range(runs):
                list_views(store.conn)
            figures.sidebar = (time.perf_counter() - started) / runs
        finally:
            store.close()
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def report(all_figures: list[SavedFigures]) -> None:
    sizes = [f"{f.size:,}" for f in all_figures]
    print("| work | " + " | ".join(sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    print(
        "| open a category (page + counts) | "
        + " | ".join(ms(f.category) for f in all_figures)
        + " |"
    )
    for label in WORDS:
        cells = [f"{ms(f.opened[label])} ({f.matches[label]:,} articles)" for f in all_figures]
        print(f"| open a saved view, {label} word | " + " | ".join(cells) + " |")
    for label in WORDS:
        cells = [ms(f.saved[label]) for f in all_figures]
        print(f"| save the view, {label} word (once) | " + " | ".join(cells) + " |")
    print(
        "| sidebar counts of 3 saved views | "
        + " | ".join(ms(f.sidebar) for f in all_figures)
        + " |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    figures = []
    for size in (int(text) for text in args.sizes.split(",")):
        path, _ = build(size)
        figures.append(measure_saved(path, size, args.runs))
    report(figures)


if __name__ == "__main__":
    main()
