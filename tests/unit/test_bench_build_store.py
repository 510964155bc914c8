"""The benchmarks' fast-built store is the store the importer would have made of the same
articles: same rows, same counters, same full-text index, and the triggers back in place."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bench.build_store import (
    END,
    GENERATOR,
    SOURCE_COUNT,
    SOURCE_LOCATION,
    SOURCE_NAME,
    build,
    paragraph_pool,
    rows,
    store_path,
)
from bench.bulk_load import check_store, deferred_upkeep

from tuinews.importer.guids import scope_guids
from tuinews.models import ArticleDraft, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.rows import from_iso
from tuinews.store.schema import LATEST_VERSION, migrate
from tuinews.store.search import search_count

SIZE = 240
BATCH = 100  # three batches: the search index catches up after each
# Every column but the id (the order of import differs) and imported_at (the importer's clock).
COLUMNS = (
    "dedupe_key, source_id, source, url, title, author, published, category, summary, "
    "body, word_count, read, starred, sort_at, content_hash"
)
WORDS = ("the", "council", "harbour", "satellites", "bridge OR ferry", '"of the"')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = build(SIZE, tmp_path_factory.mktemp("bench"), workers=1, batch=BATCH)
    return path


@pytest.fixture
def fast(built: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "fast.db"
    shutil.copyfile(built, copy)
    store = open_store(copy)
    yield store
    store.close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same articles imported source by source through Store.save_source."""
    path = tmp_path_factory.mktemp("imported") / "imported.db"
    made = [
        row
        for start in range(0, SIZE, BATCH)
        for row in rows(SIZE, paragraph_pool(), start, min(SIZE, start + BATCH))
    ]
    store = open_store(path)
    for source in range(SOURCE_COUNT):
        mine = [row for row in made if row[1] == source + 1]
        drafts = [
            ArticleDraft(
                title=str(title),
                body=str(body),
                author=str(author),
                published=from_iso(str(published)),
                category=str(category),
                url=str(url),
                summary=str(summary),
                key_hint=str(url),
                source_name=str(name),
            )
            for _, _, name, url, title, author, published, category, summary, body, *_ in mine
        ]
        location = SOURCE_LOCATION.format(source)
        store.save_source(
            location, SOURCE_NAME.format(source), "feed", scope_guids(drafts, location), now=END
        )
        saved = dict(store.conn.execute("SELECT dedupe_key, id FROM articles"))
        store.set_read([saved[str(row[0])] for row in mine if row[11]], True)
        for row in mine:
            if row[12]:
                store.set_starred(saved[str(row[0])], True)
    store.close()
    return path


def test_the_fast_store_holds_the_rows_the_importer_writes(fast: Store, imported: Path) -> None:
    order = f"SELECT {COLUMNS} FROM articles ORDER BY dedupe_key"
    theirs = sqlite3.connect(imported)
    assert fast.conn.execute(order).fetchall() == theirs.execute(order).fetchall()
    assert len(fast.conn.execute(order).fetchall()) == SIZE
    now = datetime.now(UTC)
    other = open_store(imported)
    assert fast.counts(now) == other.counts(now)
    for words in WORDS:
        assert search_count(fast.conn, words) == search_count(other.conn, words), words
    assert search_count(fast.conn, "the").total > 0
    other.close()


def test_the_fast_store_passes_its_checks(fast: Store, tmp_path: Path) -> None:
    reference = open_store(tmp_path / "fresh.db")
    found = check_store(fast.conn, reference.conn)
    assert found.problems == ()
    assert found.articles == SIZE
    (mode,) = fast.conn.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


def test_the_checks_catch_a_wrong_counter_and_a_missing_index(fast: Store, tmp_path: Path) -> None:
    reference = open_store(tmp_path / "fresh.db")
    fast.conn.execute("UPDATE category_counts SET unread = unread + 1")
    fast.conn.execute("DROP INDEX articles_by_date")
    fast.conn.execute("DELETE FROM articles_fts_data WHERE id > 10")
    problems = check_store(fast.conn, reference.conn).problems
    assert len(problems) == 3
    assert "schema" in problems[0] and "category_counts" in problems[1]
    assert "full-text" in problems[2]


def test_an_insert_trigger_it_cannot_redo_stops_the_build(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.db")
    store.conn.execute("CREATE TRIGGER new_counter AFTER INSERT ON articles BEGIN SELECT 1; END")
    with pytest.raises(ValueError, match="new_counter"), deferred_upkeep(store.conn):
        pass


def test_the_triggers_work_again_after_the_build(fast: Store) -> None:
    """An article imported into the built store is counted and found, as in any store."""
    now = datetime.now(UTC)
    before = fast.counts(now).views[ViewKind.ALL]
    draft = ArticleDraft(title="Zyxwvut arrives", body="A zyxwvut story.", category="Travel")
    fast.save_source("extra.txt", "Extra", "file", [draft], now=now)
    after = fast.counts(now).views[ViewKind.ALL]
    assert (after.total, after.unread) == (before.total + 1, before.unread + 1)
    assert search_count(fast.conn, "zyxwvut").total == 1
    assert fast.page(View(ViewKind.CATEGORY, "Travel"), now=now, limit=1)[0].title == (
        "Zyxwvut arrives"
    )


def test_a_store_cached_for_an_older_schema_is_upgraded_not_rebuilt(tmp_path: Path) -> None:
    older = store_path(SIZE, tmp_path).with_name(
        f"store-{SIZE}-s{LATEST_VERSION - 1}-g{GENERATOR}.db"
    )
    conn = sqlite3.connect(older, isolation_level=None)
    migrate(conn, 0, target=LATEST_VERSION - 1)
    conn.close()
    path, _ = build(SIZE, tmp_path, workers=1)
    assert path == store_path(SIZE, tmp_path) and not older.exists()
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    assert upgraded.execute("SELECT count(*) FROM articles").fetchone() == (0,)  # moved
