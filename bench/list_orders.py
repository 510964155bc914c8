"""Opening a feed view and a sorted list against opening a category (issue 13 item 3).

python -m bench.list_orders [--sizes 1000,100000] [--runs 20]

For each size (stores from bench.build_store, cached; measured in a copy): the synthetic
store's sources are subscribed to as feeds, and searches for a rare, a middling and a
common word saved as views (as bench.saved_views does). Then, medians of `runs`: what the
reader does to open a view (its first page of 200 rows in the view's order) and to go on
from there (the page at offset 2,000, the next unread article after the 100th row, the
100th row's position), for a category newest first (the baseline), a feed within its
category, and the whole store, a category, a feed, the starred and the saved views by
title, by source and unread only; and the sidebar's feeds with their counts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from bench.build_store import VOCAB, build
from bench.saved_views import WORDS
from tuinews.models import ArticleRow, ListOrder, Sort, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.feed_entries import feed_entries
from tuinews.store.saved import save_view

PAGE = 200


@dataclass
class OrderFigures:
    """One size: for each case, seconds to open it and to go on in it."""

    size: int
    opened: dict[str, float] = field(default_factory=dict)
    later: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    sidebar: float = 0.0
    feeds: int = 0
    matches: dict[str, int] = field(default_factory=dict)


def median(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cases(store: Store, saved: list[str]) -> dict[str, tuple[View, ListOrder]]:
    """The views and orders measured, by the name the table gives them."""
    category = next(iter(store.counts(datetime.now(UTC)).categories))
    feed = feed_entries(store.conn)[category][0]
    newest = ListOrder()
    by_title = {
        f"saved view {name}, by title": (View(ViewKind.SAVED, name=name), ListOrder(Sort.TITLE))
        for name in saved
    }
    return by_title | {
        "category, newest (baseline)": (View(ViewKind.CATEGORY, category), newest),
        "feed within its category, newest": (feed.view, newest),
        "feed, by title": (feed.view, ListOrder(Sort.TITLE)),
        "all, oldest": (View(), ListOrder(Sort.OLDEST)),
        "all, by title": (View(), ListOrder(Sort.TITLE)),
        "all, by source": (View(), ListOrder(Sort.SOURCE)),
        "all, by title, unread only": (View(), ListOrder(Sort.TITLE, unread_only=True)),
        "category, by title": (View(ViewKind.CATEGORY, category), ListOrder(Sort.TITLE)),
        "category, by source, unread only": (
            View(ViewKind.CATEGORY, category),
            ListOrder(Sort.SOURCE, unread_only=True),
        ),
        "category, unread only": (
            View(ViewKind.CATEGORY, category),
            ListOrder(unread_only=True),
        ),
        "starred, by title": (View(ViewKind.STARRED), ListOrder(Sort.TITLE)),
    }


def measure(path: Path, size: int, runs: int) -> OrderFigures:
    figures = OrderFigures(size)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copyfile(path, copy)
        store = open_store(copy)
        try:
            _measure(store, figures, runs)
        finally:
            store.close()
    return figures


def _measure(store: Store, figures: OrderFigures, runs: int) -> None:
    now = datetime.now(UTC)
    # Each synthetic source becomes a subscribed feed.
    with store.write() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO subscriptions(url, title, added_at) "
            "SELECT location, name, imported_at FROM sources"
        )
    saved = []
    for label, rank in WORDS.items():
        word = VOCAB[min(rank, len(VOCAB) - 1)]
        view = save_view(store.conn, f"{label} ({word})", word)
        saved.append(view.name)
        figures.matches[view.name] = view.total
    figures.feeds = sum(len(entries) for entries in feed_entries(store.conn).values())
    figures.sidebar = median(partial(feed_entries, store.conn), runs)
    for name, (view, order) in cases(store, saved).items():
        figures.opened[name] = median(
            partial(store.page, view, now=now, limit=PAGE, order=order), runs
        )
        rows = store.page(view, now=now, limit=PAGE, order=order)
        figures.rows[name] = len(rows)
        if len(rows) <= 100:
            continue
        row = rows[100]

        def go_on(v: View = view, o: ListOrder = order, r: ArticleRow = row) -> None:
            store.page(v, now=now, limit=PAGE, offset=2_000, order=o)
            store.next_unread(v, now=now, after=r, order=o)
            store.position(v, r.id, now, o)

        figures.later[name] = median(go_on, runs)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def report(all_figures: list[OrderFigures]) -> None:
    sizes = [f"{f.size:,}" for f in all_figures]
    print("| work | " + " | ".join(sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in all_figures[0].opened:
        cells = [ms(f.opened[name]) for f in all_figures]
        print(f"| open {name} (first {PAGE} rows) | " + " | ".join(cells) + " |")
    for name in all_figures[0].opened:
        cells = [ms(f.later[name]) if name in f.later else "-" for f in all_figures]
        print(f"| go on in {name} | " + " | ".join(cells) + " |")
    for name in all_figures[0].matches:
        cells = [f"{f.matches.get(name, 0):,}" for f in all_figures]
        print(f"| articles in the saved view {name} | " + " | ".join(cells) + " |")
    cells = [f"{ms(f.sidebar)} ({f.feeds} entries)" for f in all_figures]
    print("| the sidebar's feeds with their counts | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    figures = []
    for size in (int(text) for text in args.sizes.split(",")):
        path, _ = build(size)
        figures.append(measure(path, size, args.runs))
    report(figures)


if __name__ == "__main__":
    main()
