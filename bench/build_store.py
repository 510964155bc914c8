"""Build synthetic stores of any size, fast and deterministically, cached by size.

python -m bench.build_store [--sizes 1000,100000,1000000] [--cache DIR] [--force]
                            [--workers 2]

The store is opened with open_store, so the schema, its triggers (full-text index,
counters) and its indexes are the real ones. Rows go in with executemany, in one
transaction, while worker processes make the text; the full-text index grows batch by
batch behind them, the indexes and the counts are built once at the end
(bench/bulk_load.py). Rows are what the importer
writes for a feed: a feed-scoped guid key, the store's word count and content hash.
Text follows a Zipf law over a vocabulary of common English words, the word list of
bench/synthetic.py and invented words, so that searches match a realistic share of the
articles. Bodies are ~3 KB of Markdown made of paragraphs from a pool of 20,000;
~10 categories; ~50 sources; dates spread over three years up to END; older articles are
mostly read; ~1% starred.
"""

from __future__ import annotations

import argparse
import collections
import functools
import itertools
import multiprocessing
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from bench.bulk_load import check_store, deferred_upkeep
from bench.synthetic import CATEGORIES, NAMES, WORDS
from tuinews.store import open_store
from tuinews.store.keys import content_hash, word_count
from tuinews.store.rows import to_iso
from tuinews.store.schema import LATEST_VERSION

GENERATOR = 2  # bump when the generated content changes: cached stores are rebuilt
END = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SPAN = timedelta(days=3 * 365)
BATCH = 20_000
CATEGORY_NAMES = (*CATEGORIES, "Culture", "Travel", "Opinion")
SOURCE_COUNT = 50
SOURCE_NAME = "Wire {:02}"
SOURCE_LOCATION = "https://wire{:02}.example/feed"
COMMON = (  # noqa: SIM905
    "the of and to in a is that for on it with as was at by he from his an be have has "
    "are but not they this which or their said its after who been had were more one new "
    "will also would about up than over out into year two people first other"
).split()
SYLLABLES = (  # noqa: SIM905
    "ba be bi bo bu ca ce ci co da de di do du fa fe fi ga ge go ha he hi ka ke ki ko la "
    "le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta "
    "te ti to tu va ve vi vo za ze zi zo"
).split()


def cache_dir() -> Path:
    return Path(
        os.environ.get("TUINEWS_BENCH_CACHE", Path(tempfile.gettempdir()) / "tuinews-bench")
    )


def vocabulary(size: int = 30_000) -> list[str]:
    """Common words first, then the news words, then invented ones: rank = position."""
    rng = random.Random(7)
    words = list(dict.fromkeys([*COMMON, *WORDS]))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


VOCAB = vocabulary()
CUMULATIVE = list(itertools.accumulate(1.0 / (rank + 2.7) for rank in range(len(VOCAB))))


@functools.cache
def zipf_table(size: int = 1 << 21) -> list[str]:
    """The vocabulary with each word repeated in proportion to its Zipf weight: a uniform
    draw from it is a Zipf draw, 5 times cheaper than a weighted one (the rarest words
    keep at least one place)."""
    total = CUMULATIVE[-1]
    table: list[str] = []
    for rank, word in enumerate(VOCAB):
        table += [word] * max(1, round(size / (rank + 2.7) / total))
    return table


@functools.cache
def paragraph_pool(size: int = 20_000) -> list[str]:
    """Paragraphs of 4-6 sentences; bodies are made of a few of them."""
    rng = random.Random(11)
    table = zipf_table()
    pool = []
    for _ in range(size):
        sentences = []
        for _ in range(rng.randint(4, 6)):
            words = rng.choices(table, k=rng.randint(10, 20))
            sentences.append(" ".join(words).capitalize() + ".")
        pool.append(" ".join(sentences))
    return pool


def body(chunks: Sequence[str], heading: str, items: str) -> str:
    """~3 KB of Markdown: paragraphs from `chunks`, a heading and a list after the third."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        if size >= 2900:
            break
        if len(parts) == 3:
            parts += (f"## {heading}", items)
            size += len(heading) + len(items)
        parts.append(chunk)
        size += len(chunk)
    return "\n\n".join(parts)


# Words drawn for each article, in one call: title (6-10), summary, heading, 3 list items.
_TITLE, _SUMMARY, _HEADING, _ITEMS = slice(0, 10), slice(10, 30), slice(30, 34), (34, 40, 46)
_DRAWN = 52
_CHUNKS = 16  # more paragraphs than ~3 KB needs


def rows(count: int, pool: Sequence[str], start: int, stop: int) -> Iterator[tuple[object, ...]]:
    """Articles start..stop-1 of `count`, oldest first (ids grow with dates), as the
    importer writes them: a feed-scoped guid key, the word count and content hash the
    store computes (store.keys)."""
    rng = random.Random(start * 7919 + count)
    step = SPAN / count
    first = END - SPAN
    recent = END - timedelta(days=30)
    table = zipf_table()
    for n in range(start, stop):
        source = n % SOURCE_COUNT
        when = first + step * n + timedelta(seconds=rng.randrange(60))
        words = rng.choices(table, k=_DRAWN)
        title = " ".join(words[_TITLE][: 6 + n % 5]).capitalize() + f" {n}"
        summary = " ".join(words[_SUMMARY]).capitalize() + "."
        items = "\n".join("- " + " ".join(words[at : at + 6]) for at in _ITEMS)
        heading = " ".join(words[_HEADING]).capitalize()
        text = body(rng.choices(pool, k=_CHUNKS), heading, items)
        category = CATEGORY_NAMES[int(rng.random() * len(CATEGORY_NAMES))]
        published = to_iso(when)
        url = f"https://wire{source:02}.example/{when:%Y/%m}/{n}"
        author = NAMES[n % len(NAMES)]
        read = int(rng.random() < (0.85 if when < recent else 0.25))
        starred = int(rng.random() < 0.01)
        feed = SOURCE_LOCATION.format(source)
        yield (
            f"guid:{len(feed)}:{feed}:{url}",
            source + 1,
            SOURCE_NAME.format(source),
            url,
            title,
            author,
            published,
            category,
            summary,
            text,
            word_count(text),
            read,
            starred,
            published,
            published,
            content_hash(title, author, published, category, url, summary, text),
        )


def _batch(span: tuple[int, int, int]) -> list[tuple[object, ...]]:
    count, start, stop = span
    return list(rows(count, paragraph_pool(), start, stop))


INSERT = (
    "INSERT INTO articles(dedupe_key, source_id, source, url, title, author, published, "
    "category, summary, body, word_count, read, starred, imported_at, sort_at, content_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def store_path(count: int, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"store-{count}-s{LATEST_VERSION}-g{GENERATOR}.db"


def _in_order(
    pool: Pool, spans: Sequence[tuple[int, int, int]], ahead: int
) -> Iterator[list[tuple[object, ...]]]:
    """The spans' rows, made by `pool`, in order; at most `ahead` batches made and not yet
    taken (Pool.imap has no bound: the rows of a whole 1M store waited in memory, 3.5 GB,
    when the inserting process was the slower side)."""
    waiting: collections.deque[AsyncResult[list[tuple[object, ...]]]] = collections.deque()
    for span in spans:
        waiting.append(pool.apply_async(_batch, (span,)))
        if len(waiting) > ahead:
            yield waiting.popleft().get()
    while waiting:
        yield waiting.popleft().get()


def _older(count: int, folder: Path | None) -> Path | None:
    """The cached store of `count` articles of this generator made for an older schema."""
    for version in range(LATEST_VERSION - 1, 0, -1):
        older = store_path(count, folder).with_name(f"store-{count}-s{version}-g{GENERATOR}.db")
        if older.exists():
            return older
    return None


def build(
    count: int,
    folder: Path | None = None,
    *,
    force: bool = False,
    workers: int = 2,
    batch: int = BATCH,
) -> tuple[Path, float]:
    """The cached store of `count` articles (built if missing); and seconds spent building.

    `workers` processes make the text, `batch` rows at a time (the text depends on it),
    while this one inserts it. A cached store of the same articles made for an older
    schema is upgraded by open_store instead, as a user's store would be (it is moved,
    not copied: 7 GB at 1M).
    """
    path = store_path(count, folder)
    if path.exists() and not force:
        return path, 0.0
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    older = None if force else _older(count, folder)
    if older is not None:
        print(f"  upgrading {older.name} to schema {LATEST_VERSION}", flush=True)
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{older}{suffix}").exists():
                Path(f"{older}{suffix}").rename(f"{partial}{suffix}")
        open_store(partial).close()
        partial.rename(path)
        return path, time.perf_counter() - started
    loud = count >= 100_000

    def progress(what: str) -> None:
        if loud:
            print(f"  {what} ({time.perf_counter() - started:.0f} s)", flush=True)

    store = open_store(partial)
    conn = store.conn
    # For the build only: a file that is thrown away if the build stops needs no journal.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA temp_store = MEMORY")
    with store.write():
        conn.executemany(
            "INSERT INTO sources(id, name, location, kind, imported_at) VALUES (?, ?, ?, ?, ?)",
            [
                (n + 1, SOURCE_NAME.format(n), SOURCE_LOCATION.format(n), "feed", to_iso(END))
                for n in range(SOURCE_COUNT)
            ],
        )
    paragraph_pool()  # made before the fork, so that the workers share it
    spans = [(count, start, min(count, start + batch)) for start in range(0, count, batch)]
    with (
        deferred_upkeep(conn, progress) as catch_up,
        multiprocessing.get_context("fork").Pool(max(1, workers)) as pool,
    ):
        for done, made in enumerate(_in_order(pool, spans, ahead=2 * workers), start=1):
            conn.executemany(INSERT, made)
            catch_up()  # the search index, while the workers make the next batch
            if done % (200_000 // batch or 1) == 0:
                progress(f"{done * batch:,}/{count:,} rows")
    conn.execute("PRAGMA journal_mode = WAL")
    store.close()
    partial.rename(path)
    return path, time.perf_counter() - started


def size_per_article(path: Path) -> float:
    """Bytes per article of the store file, after folding the WAL back in."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (count,) = conn.execute("SELECT coalesce(sum(total), 0) FROM category_counts").fetchone()
    finally:
        conn.close()
    return path.stat().st_size / max(1, count)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="processes making the text")
    parser.add_argument(
        "--check", action="store_true", help="then check each store (bench.bulk_load.check_store)"
    )
    args = parser.parse_args()
    for count in (int(size) for size in args.sizes.split(",")):
        path, seconds = build(count, args.cache, force=args.force, workers=args.workers)
        built = f"built in {seconds:.1f} s" if seconds else "cached"
        print(
            f"{count:>9,} articles: {path} ({path.stat().st_size / 1e6:,.0f} MB, "
            f"{size_per_article(path):,.0f} B/article), {built}"
        )
        if args.check:
            check(path)


def check(path: Path) -> None:
    """Print what check_store finds in the store at `path` (it reads all of it)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        reference = open_store(Path(tmp) / "fresh.db")
        conn = sqlite3.connect(path)
        try:
            found = check_store(conn, reference.conn)
        finally:
            conn.close()
            reference.close()
    verdict = "; ".join(found.problems) or "consistent"
    seconds = time.perf_counter() - started
    print(f"  checked {found.articles:,} articles in {seconds:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
