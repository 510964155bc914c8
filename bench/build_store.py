"""Build synthetic stores of any size, fast and deterministically, cached by size.

python -m bench.build_store [--sizes 1000,100000,1000000] [--cache DIR] [--force]

The store is opened with open_store, so the schema, its triggers (full-text index,
counters) and its indexes are the real ones; rows go in with executemany in large
transactions. Text follows a Zipf law over a vocabulary of common English words, the
word list of bench/synthetic.py and invented words, so that searches match a realistic
share of the articles. Bodies are ~3 KB of Markdown; ~10 categories; ~50 sources;
dates spread over three years up to END; older articles are mostly read; ~1% starred.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import multiprocessing
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.synthetic import CATEGORIES, NAMES, WORDS
from tuinews.store import open_store
from tuinews.store.rows import to_iso
from tuinews.store.schema import LATEST_VERSION

GENERATOR = 1  # bump when the generated content changes: cached stores are rebuilt
END = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SPAN = timedelta(days=3 * 365)
BATCH = 20_000
CATEGORY_NAMES = (*CATEGORIES, "Culture", "Travel", "Opinion")
SOURCE_COUNT = 50
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


def zipf_words(rng: random.Random, count: int) -> list[str]:
    return rng.choices(VOCAB, cum_weights=CUMULATIVE, k=count)


def paragraph_pool(size: int = 20_000) -> list[str]:
    """Paragraphs of 4-6 sentences; bodies are made of a few of them."""
    rng = random.Random(11)
    pool = []
    for _ in range(size):
        sentences = []
        for _ in range(rng.randint(4, 6)):
            words = zipf_words(rng, rng.randint(10, 20))
            sentences.append(" ".join(words).capitalize() + ".")
        pool.append(" ".join(sentences))
    return pool


def body(rng: random.Random, pool: Sequence[str]) -> str:
    """~3 KB of Markdown: paragraphs, a heading, a short list."""
    parts: list[str] = []
    size = 0
    while size < 2900:
        chunk = rng.choice(pool)
        if len(parts) == 3:
            heading = " ".join(zipf_words(rng, 4)).capitalize()
            parts.append(f"## {heading}")
            items = ["- " + " ".join(zipf_words(rng, 6)) for _ in range(3)]
            parts.append("\n".join(items))
            size += len(heading) + sum(len(item) for item in items)
        parts.append(chunk)
        size += len(chunk)
    return "\n\n".join(parts)


def rows(count: int, pool: Sequence[str], start: int, stop: int) -> Iterator[tuple[object, ...]]:
    """Articles start..stop-1 of `count`, oldest first (ids grow with dates)."""
    rng = random.Random(start * 7919 + count)
    step = SPAN / count
    first = END - SPAN
    recent = END - timedelta(days=30)
    for n in range(start, stop):
        source = n % SOURCE_COUNT
        when = first + step * n + timedelta(seconds=rng.randint(0, 59))
        title = " ".join(zipf_words(rng, rng.randint(6, 10))).capitalize() + f" {n}"
        summary = " ".join(zipf_words(rng, 20)).capitalize() + "."
        text = body(rng, pool)
        category = CATEGORY_NAMES[rng.randrange(len(CATEGORY_NAMES))]
        published = to_iso(when)
        url = f"https://wire{source:02}.example/{when:%Y/%m}/{n}"
        read = int(rng.random() < (0.85 if when < recent else 0.25))
        starred = int(rng.random() < 0.01)
        digest = hashlib.sha1(f"{title}\x1f{text}".encode()).hexdigest()
        yield (
            f"guid:{url}",
            source + 1,
            f"Wire {source:02}",
            url,
            title,
            NAMES[n % len(NAMES)],
            published,
            category,
            summary,
            text,
            len(text.split()),
            read,
            starred,
            published,
            published,
            digest,
        )


_POOL: list[str] = []


def _batch(span: tuple[int, int, int]) -> list[tuple[object, ...]]:
    if not _POOL:
        _POOL.extend(paragraph_pool())
    count, start, stop = span
    return list(rows(count, _POOL, start, stop))


INSERT = (
    "INSERT INTO articles(dedupe_key, source_id, source, url, title, author, published, "
    "category, summary, body, word_count, read, starred, imported_at, sort_at, content_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def store_path(count: int, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"store-{count}-s{LATEST_VERSION}-g{GENERATOR}.db"


def build(count: int, folder: Path | None = None, *, force: bool = False) -> tuple[Path, float]:
    """The cached store of `count` articles (built if missing); and seconds spent building."""
    path = store_path(count, folder)
    if path.exists() and not force:
        return path, 0.0
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    store = open_store(partial)
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA wal_autocheckpoint = 20000")
    # The full-text index is built in one pass at the end ('rebuild'): several times
    # faster than row by row through the trigger, and the same index in the end.
    (trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'"
    ).fetchone()
    conn.execute("DROP TRIGGER articles_fts_insert")
    with store.write():
        conn.executemany(
            "INSERT INTO sources(id, name, location, kind, imported_at) VALUES (?, ?, ?, ?, ?)",
            [
                (n + 1, f"Wire {n:02}", f"https://wire{n:02}.example/feed", "feed", to_iso(END))
                for n in range(SOURCE_COUNT)
            ],
        )
    spans = [(count, start, min(count, start + BATCH)) for start in range(0, count, BATCH)]
    # Text is made in a second process while this one inserts (two cores).
    with multiprocessing.get_context("fork").Pool(1) as workers:
        for done, batch in enumerate(workers.imap(_batch, spans), start=1):
            with store.write():
                conn.executemany(INSERT, batch)
            if count >= 100_000 and done % 10 == 0:
                print(f"  {done * BATCH:,}/{count:,} rows ({time.perf_counter() - started:.0f} s)")
    with store.write():
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        conn.execute(trigger)
    if count >= 100_000:
        print(f"  full-text index built ({time.perf_counter() - started:.0f} s)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
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
    args = parser.parse_args()
    for count in (int(size) for size in args.sizes.split(",")):
        path, seconds = build(count, args.cache, force=args.force)
        built = f"built in {seconds:.1f} s" if seconds else "cached"
        print(
            f"{count:>9,} articles: {path} ({path.stat().st_size / 1e6:,.0f} MB, "
            f"{size_per_article(path):,.0f} B/article), {built}"
        )


if __name__ == "__main__":
    main()
