"""How the reader scales with the store: 1k, 100k, 1M articles, driving the real app in tmux.

python -m bench.scale [--sizes 1000,100000,1000000] [--runs 3]

For each size (stores from bench.build_store, cached): start to a drawn, filled list
(against a minimal Textual app started in the same run), key to the All view drawn,
1,000 `j` one by one in tmux (each timed until the pane redraws),
search query times against the store and key to results drawn in tmux, the RSS of the
running reader, the store's size per article, and opening saved views against opening a
category (bench.saved_views).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.build_store import VOCAB, build, paragraph_pool, size_per_article
from bench.saved_views import WORDS, SavedFigures, measure_saved
from tuinews.models import View, ViewKind
from tuinews.store import open_store

sys.path.insert(0, "/work/shared/tools")
from tmuxdrive import Term

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
TUINEWS = PYTHON.parent / "tuinews"
COLS, ROWS = 120, 40
STEPS = 1000
NEWSBOAT_BYTES = 443e6 / 100_000


@dataclass
class Figures:
    """One store size's measurements (seconds unless named otherwise)."""

    size: int
    built: float = 0.0
    minimal_start: float = 0.0
    start: float = 0.0
    open_all: float = 0.0
    keys: list[float] = field(default_factory=list)
    key_p95: float = 0.0
    key_p50: float = 0.0
    query_p95: float = 0.0
    query_p50: float = 0.0
    query_max: float = 0.0
    search_drawn: float = 0.0
    rss_mib: float = 0.0
    bytes_per_article: float = 0.0
    notes: list[str] = field(default_factory=list)
    saved: SavedFigures | None = None  # opening saved views against a category (store)


def queries(count: int = 100) -> list[str]:
    """Varied searches: single words of many frequencies, pairs, prefixes, phrases."""
    rng = random.Random(5)
    pool = paragraph_pool(200)

    def word(low: int, high: int) -> str:
        # Log-uniform rank: as many rare as middling words, as people search.
        return VOCAB[int(math.exp(rng.uniform(math.log(low), math.log(high))))]

    found: list[str] = []
    for n in range(count):
        kind = n % 5
        if kind in (0, 1):
            found.append(word(100, len(VOCAB) - 1))
        elif kind == 2:
            found.append(f"{word(100, 5000)} {word(100, 5000)}")
        elif kind == 3:
            found.append(word(200, 5000)[:4] + "*")  # a prefix, asked for with *
        else:
            words = [w.strip(".").lower() for w in rng.choice(pool).split()]
            start = rng.randrange(len(words) - 2)
            found.append(f'"{words[start]} {words[start + 1]} {words[start + 2]}"')
    return found


def search_times(path: Path) -> tuple[list[float], list[tuple[float, str, int]]]:
    """Each query's time for the first page of its results (and its count), best of two."""
    store = open_store(path)
    now = datetime.now(UTC)
    times, slow = [], []
    try:
        for query in queries():
            view = View(ViewKind.SEARCH, query=query)
            best = math.inf
            for _ in range(2):
                started = time.perf_counter()
                store.page(view, now=now, limit=200)
                total = store.count(view, now).total
                best = min(best, time.perf_counter() - started)
            times.append(best)
            slow.append((best, query, total))
    finally:
        store.close()
    return times, sorted(slow, reverse=True)[:3]


def prepare(path: Path, view: str) -> None:
    """Start the reader on `view` with no saved article: every run starts the same."""
    store = open_store(path)
    try:
        store.set_setting("ui.view", view)
        with store.write() as conn:
            conn.execute("DELETE FROM settings WHERE key = 'ui.article'")
    finally:
        store.close()


def titles(path: Path, view: View, limit: int, offset: int = 0) -> list[str]:
    store = open_store(path)
    try:
        return [
            row.title for row in store.page(view, now=datetime.now(UTC), limit=limit, offset=offset)
        ]
    finally:
        store.close()


def shown(title: str) -> str:
    """A title's start as the list draws it (the column is narrow), as a regex."""
    return re.escape(title[:18])


def reader_pid(term: Term) -> int | None:
    """The tuinews process under the tmux pane's shell."""
    (pane,) = term._tmux("list-panes", "-F", "#{pane_pid}").split()
    todo = [int(pane)]
    while todo:
        pid = todo.pop()
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if "python" in Path(argv[0].decode()).name and any(a.endswith(b"/tuinews") for a in argv):
            return pid
        for task in Path(f"/proc/{pid}/task").iterdir():
            todo += [int(child) for child in (task / "children").read_text().split()]
    return None


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def tuinews(path: Path, config: Path) -> Term:
    return Term(
        f"{TUINEWS} --db {path}",
        cols=COLS,
        rows=ROWS,
        env={"TUINEWS_CONFIG": str(config)},
        cwd=str(ROOT),
    )


def timed_start(make: Callable[[], Term], pattern: str) -> float:
    with make() as term:
        term.wait_for(pattern, timeout=120, poll=0.005)
        return term.since_start()


def drive(path: Path, config: Path, figures: Figures, runs: int) -> None:
    unread_first = titles(path, View(ViewKind.UNREAD), 1)[0]
    filled = rf"Unread \([\d,+]+\)[\s\S]*{shown(unread_first)}"
    minimal, starts = [], []
    for _ in range(runs):
        minimal.append(
            timed_start(
                lambda: Term(f"{PYTHON} -m bench.startup_app", cols=COLS, rows=ROWS, cwd=str(ROOT)),
                r"minimal row 030",
            )
        )
        prepare(path, "unread")
        starts.append(timed_start(lambda: tuinews(path, config), filled))
    figures.minimal_start = statistics.median(minimal)
    figures.start = statistics.median(starts)

    all_rows = titles(path, View(), STEPS + 60)
    prepare(path, "unread")
    with tuinews(path, config) as term:
        term.wait_for(filled, timeout=120)
        term.keys("BTab")  # the sidebar, on Unread
        time.sleep(0.3)
        started = time.perf_counter()
        term.keys("k", delay=0)
        term.wait_for(rf"All \([\d,+]+\)[\s\S]*{shown(all_rows[0])}", timeout=60, poll=0.002)
        figures.open_all = time.perf_counter() - started
        time.sleep(0.5)
        pid = reader_pid(term)
        figures.rss_mib = rss_mib(pid) if pid else math.nan

        # j held down: each key, then the time until the pane shows the cursor moved.
        term.keys("Tab")
        time.sleep(0.3)
        target = steps(figures.size)
        figures.keys = key_latencies(term, target)
        if all_rows[target][:18] not in term.screen():
            figures.notes.append(f"j: row {target} is not on screen after {target} keys")
        if pid:
            figures.notes.append(f"RSS after moving {target:,} rows: {rss_mib(pid):.0f} MiB")

        # Search: key (enter) to the results drawn.
        query = VOCAB[1500]
        first = titles(path, View(ViewKind.SEARCH, query=query), 1)
        term.keys("/")
        term.type(query)
        time.sleep(0.3)
        started = time.perf_counter()
        term.keys("Enter", delay=0)
        pattern = rf"Search: {query} \([\d,+]+\)" + (rf"[\s\S]*{shown(first[0])}" if first else "")
        term.wait_for(pattern, timeout=60, poll=0.002)
        figures.search_drawn = time.perf_counter() - started
        if pid:
            figures.notes.append(f"RSS after the search: {rss_mib(pid):.0f} MiB")


def key_latencies(term: Term, count: int) -> list[float]:
    """Send j `count` times; for each, the seconds until the pane's drawing changed.

    The pane is read with its colours (capture-pane -e): when the list does not
    scroll, moving the cursor changes only the highlight.
    """
    times = []
    for _ in range(count):
        before = term._tmux("capture-pane", "-p", "-e")
        started = time.perf_counter()
        term._tmux("send-keys", "j")
        while term._tmux("capture-pane", "-p", "-e") == before:
            if time.perf_counter() - started > 10:
                raise TimeoutError("j did not redraw the list")
        times.append(time.perf_counter() - started)
        time.sleep(0.01)
    return times


def steps(size: int) -> int:
    """How many rows j goes down: 1,000, or nearly the whole list of a smaller store."""
    return min(STEPS, size - 60)


def measure(size: int, runs: int) -> Figures:
    path, built = build(size)
    figures = Figures(size, built=built)
    figures.bytes_per_article = size_per_article(path)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        drive(path, config, figures, runs)
    keys = sorted(figures.keys)
    figures.key_p50 = keys[len(keys) // 2]
    figures.key_p95 = keys[int(len(keys) * 0.95)]
    figures.notes.append(f"j: slowest key {ms(keys[-1])} (a page of 200 rows loads every 200)")
    times, slow = search_times(path)
    times.sort()
    figures.query_p50 = times[len(times) // 2]
    figures.query_p95 = times[int(len(times) * 0.95)]
    figures.query_max = times[-1]
    figures.notes.append(
        "slowest searches: "
        + ", ".join(f"{q} ({n:,} matches, {t * 1000:.0f} ms)" for t, q, n in slow)
    )
    figures.saved = measure_saved(path, size, runs=10)
    prepare(path, "all")
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def report(all_figures: list[Figures]) -> None:
    sizes = [f"{f.size:,}" for f in all_figures]
    first, last = all_figures[0], all_figures[-1]
    rows: list[tuple[str, list[str], str, bool]] = []

    def row(work: str, cells: list[str], target: str, met: bool) -> None:
        rows.append((work, cells, target, met))

    ratio = [f.start / f.minimal_start for f in all_figures]
    row(
        "start → list drawn",
        [f"{ms(f.start)} ({r:.2f}x)" for f, r in zip(all_figures, ratio, strict=True)],
        "≤1.25x minimal app",
        all(r <= 1.25 for r in ratio),
    )
    row(
        "minimal Textual app start", [ms(f.minimal_start) for f in all_figures], "(yardstick)", True
    )
    grow = last.start / first.start
    row(
        "start: largest vs smallest",
        [f"{grow:.2f}x"] + [""] * (len(all_figures) - 1),
        "within 10%",
        grow <= 1.10,
    )
    row(
        "open All (key → drawn)",
        [ms(f.open_all) for f in all_figures],
        "< 100 ms",
        last.open_all < 0.1,
    )
    row(
        "j per key → drawn, p95 (tmux)",
        [f"{ms(f.key_p95)} (p50 {ms(f.key_p50)})" for f in all_figures],
        "< 20 ms",
        all(f.key_p95 < 0.02 for f in all_figures),
    )
    row(
        "search query p95 (store)",
        [f"{ms(f.query_p95)} (max {ms(f.query_max)})" for f in all_figures],
        "< 50 ms",
        all(f.query_p95 < 0.05 for f in all_figures),
    )
    row(
        "search key → results drawn",
        [ms(f.search_drawn) for f in all_figures],
        "< 150 ms",
        all(f.search_drawn < 0.15 for f in all_figures),
    )
    row(
        "RSS, All view open",
        [f"{f.rss_mib:.0f} MiB" for f in all_figures],
        "< 120 MiB",
        last.rss_mib < 120,
    )
    row(
        "store size per article",
        [f"{f.bytes_per_article:,.0f} B" for f in all_figures],
        f"≤ {NEWSBOAT_BYTES:,.0f} B",
        last.bytes_per_article <= NEWSBOAT_BYTES,
    )
    saved = [f.saved for f in all_figures if f.saved is not None]
    if len(saved) == len(all_figures):
        row(
            "open a category (store: page + counts)",
            [ms(s.category) for s in saved],
            "(yardstick)",
            True,
        )
        for label in WORDS:
            row(
                f"open a saved view, {label} word (store)",
                [f"{ms(s.opened[label])} ({s.matches[label]:,})" for s in saved],
                "≤ a category + 5 ms",
                all(s.opened[label] <= s.category + 0.005 for s in saved),
            )
    header = ["work", *sizes, "target", "met?"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for work, cells, target, met in rows:
        print("| " + " | ".join([work, *cells, target, "yes" if met else "NO"]) + " |")
    for f in all_figures:
        built = f"built in {f.built:.0f} s" if f.built else "cached store"
        print(f"\n{f.size:,} articles ({built}):")
        for note in f.notes:
            print(f"  {note}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3, help="start-ups per size (median)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench.scale needs tmux")
    started = time.perf_counter()
    figures = []
    for size in (int(text) for text in args.sizes.split(",")):
        print(f"measuring {size:,} articles…", flush=True)
        figures.append(measure(size, args.runs))
    report(figures)
    print(f"\nbench.scale took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
