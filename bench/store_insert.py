"""The store's bulk insert against sqlite-utils' insert_all, on the same rows and schema.

python -m bench.store_insert [--rows 20000] [--runs 3]

Both write `rows` articles of about 3 KB of text into an empty store, in one
transaction, with the store's triggers (full-text index, counters) in place: ours
through Store.save_source (chunked multi-row INSERTs, a writer thread, dedupe lookups),
sqlite-utils through `Table.insert_all` on the same connection (no dedupe lookups:
its best case). Prints the best of `runs`, in articles per second.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.synthetic import CATEGORIES, EPOCH, paragraph, sentence
from tuinews.models import ArticleDraft
from tuinews.store import Store, open_store
from tuinews.store.keys import article_fields
from tuinews.store.rows import to_iso
from tuinews.store.saving import new_row


def drafts(count: int) -> list[ArticleDraft]:
    rng = random.Random(3)
    return [
        ArticleDraft(
            title=f"{sentence(rng, 8)} {n}",
            body="\n\n".join(paragraph(rng) for _ in range(5)),
            url=f"https://synthetic.example/a/{n}",
            published=EPOCH,
            category=rng.choice(CATEGORIES),
            summary=sentence(rng),
        )
        for n in range(count)
    ]


def ours(store: Store, batch: list[ArticleDraft]) -> None:
    store.save_source("bench", "bench", "feed", batch)


def sqlite_utils_insert_all(store: Store, batch: list[ArticleDraft]) -> None:
    moment = to_iso(datetime.now(UTC))
    with store.write() as conn:
        conn.execute(
            "INSERT INTO sources(name, location, kind, imported_at) VALUES ('b', 'b', 'feed', ?)",
            (moment,),
        )
        rows = (new_row(article_fields(d, "bench", None), 1, moment)._asdict() for d in batch)
        store.db.table("articles").insert_all(rows, batch_size=2000)


def best(runs: int, count: int, write: Callable[[Store, list[ArticleDraft]], None]) -> float:
    batch = drafts(count)
    rates = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "store.db")
            start = time.perf_counter()
            write(store, batch)
            rates.append(count / (time.perf_counter() - start))
            store.close()
    return max(rates)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{args.rows:,} articles into an empty store, best of {args.runs}:")
    for name, write in (
        ("save_source", ours),
        ("sqlite-utils insert_all", sqlite_utils_insert_all),
    ):
        print(f"  {name:<24} {best(args.runs, args.rows, write):9,.0f} articles/s")


if __name__ == "__main__":
    main()
