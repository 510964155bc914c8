"""The maintained counters equal a fresh count after any sequence of writes, and after migrating."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import NOW
from tuinews.models import ArticleDraft, Count, FeedSubscription, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.schema import MIGRATIONS, migrate
from tuinews.store.subscriptions import apply_retention, remove_subscription

CATEGORIES = ("Science", "World", "Sports", "science")
FEEDS = ("https://a.example/feed", "https://b.example/feed", "https://c.example/feed")


def fresh(store: Store) -> dict[str, tuple[int, int, int, int]]:
    """Per category: total, unread, starred, starred unread, counted from the articles."""
    rows = store.conn.execute(
        "SELECT category, count(*), sum(read = 0), sum(starred = 1), "
        "sum(starred = 1 AND read = 0) FROM articles GROUP BY category"
    )
    return {name: (total, unread, starred, both) for name, total, unread, starred, both in rows}


def counters(store: Store) -> dict[str, tuple[int, int, int, int]]:
    rows = store.conn.execute(
        "SELECT category, total, unread, starred, starred_unread FROM category_counts"
    )
    return {name: (total, unread, starred, both) for name, total, unread, starred, both in rows}


def assert_in_step(store: Store) -> None:
    expected = fresh(store)
    assert counters(store) == expected
    counts = store.counts(NOW)
    assert list(counts.categories) == sorted(expected, key=lambda name: (name.lower(), name))
    for name, (total, unread, _, _) in expected.items():
        assert counts.categories[name] == Count(total, unread)
        assert store.count(View(ViewKind.CATEGORY, name), NOW) == Count(total, unread)
    ((total, unread, starred, both),) = store.conn.execute(
        "SELECT count(*), coalesce(sum(read = 0), 0), coalesce(sum(starred = 1), 0), "
        "coalesce(sum(starred = 1 AND read = 0), 0) FROM articles"
    )
    assert counts.views[ViewKind.ALL] == Count(total, unread)
    assert counts.views[ViewKind.UNREAD] == Count(unread, unread)
    assert counts.views[ViewKind.STARRED] == Count(starred, both)
    since = (NOW - timedelta(hours=24)).isoformat(timespec="seconds")
    ((today, today_unread),) = store.conn.execute(
        "SELECT count(*), coalesce(sum(read = 0), 0) FROM articles WHERE sort_at >= ?", (since,)
    )
    assert counts.views[ViewKind.TODAY] == Count(today, today_unread)
    for kind in (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED, ViewKind.TODAY):
        assert store.count(View(kind), NOW) == counts.views[kind]
    assert store.is_empty() == (total == 0)


def draft(rng: random.Random, n: int, version: int = 0) -> ArticleDraft:
    return ArticleDraft(
        title=f"Story {n} v{version}",
        body=f"Body of story {n}, version {version}.",
        published=NOW - timedelta(hours=rng.randint(0, 24 * 60)),
        category=rng.choice(CATEGORIES),
        key_hint=f"story-{n}",
    )


def all_ids(store: Store) -> list[int]:
    return [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY id")]


@pytest.mark.parametrize("seed", range(6))
def test_counters_follow_a_random_sequence_of_writes(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    versions: dict[int, int] = {}
    history: list[tuple[str, dict[int, bool]]] = []
    for _step in range(60):
        ids = all_ids(store)
        action = rng.choice(
            ["insert", "insert", "update", "read", "star", "view", "undo", "retain", "remove"]
        )
        if action == "insert" or not ids:
            feed = rng.choice(FEEDS)
            numbers = [rng.randint(0, 80) for _ in range(rng.randint(1, 6))]
            drafts = []
            for n in dict.fromkeys(numbers):
                versions[n] = versions.get(n, 0) + rng.choice((0, 1))
                drafts.append(draft(rng, n, versions[n]))
            store.save_source(
                feed,
                feed,
                "feed",
                drafts,
                category=rng.choice((None, "World")),
                subscriptions=[FeedSubscription(feed)],
                now=NOW,
            )
        elif action == "update":
            # A new version of known articles, possibly moving them to another category.
            feed = rng.choice(FEEDS)
            known = list(versions)
            drafts = []
            for n in dict.fromkeys(rng.sample(known, min(len(known), 4))):
                versions[n] += 1
                drafts.append(draft(rng, n, versions[n]))
            store.save_source(feed, feed, "feed", drafts, now=NOW)
        elif action == "read":
            chosen = rng.sample(ids, min(len(ids), rng.randint(1, 5)))
            value = rng.random() < 0.7
            changed = store.set_read(chosen, value)
            history.append(("read", dict.fromkeys(changed, not value)))
        elif action == "star":
            article_id = rng.choice(ids)
            (was,) = store.conn.execute(
                "SELECT starred FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            store.set_starred(article_id, not was)
            history.append(("starred", {article_id: bool(was)}))
        elif action == "view":
            view = rng.choice(
                [
                    View(ViewKind.ALL),
                    View(ViewKind.TODAY),
                    View(ViewKind.STARRED),
                    View(ViewKind.CATEGORY, rng.choice(CATEGORIES)),
                ]
            )
            marked = store.mark_view_read(view, NOW)
            history.append(("read", dict.fromkeys(marked, False)))
        elif action == "undo" and history:
            column, previous = history.pop()
            present = set(all_ids(store))
            store.restore(column, {i: v for i, v in previous.items() if i in present})
        elif action == "retain":
            apply_retention(store, rng.choice((None, 20, 40)), rng.choice((None, 5)), NOW)
        elif action == "remove":
            remove_subscription(store, rng.choice(FEEDS))
        assert_in_step(store)


def test_a_category_that_empties_leaves_the_counters(store: Store) -> None:
    rng = random.Random(1)
    store.save_source("https://a.example/feed", "A", "feed", [draft(rng, 1)], category="Solo")
    assert "Solo" in store.counts(NOW).categories
    store.conn.execute("DELETE FROM articles")
    assert counters(store) == {}
    assert store.is_empty()


def v3_store(path: Path) -> None:
    """A store as the previous version left it, with articles in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, target=3)
    conn.execute(
        "INSERT INTO sources(id, name, location, kind, imported_at) "
        "VALUES (1, 's', 'l', 'feed', ?)",
        (NOW.isoformat(),),
    )
    rng = random.Random(3)
    for n in range(200):
        stamp = (NOW - timedelta(hours=n)).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO articles(dedupe_key, source_id, source, title, category, body, "
            "word_count, read, starred, imported_at, sort_at, content_hash) "
            "VALUES (?, 1, 's', ?, ?, 'text', 1, ?, ?, ?, ?, 'h')",
            (
                f"k{n}",
                f"t{n}",
                rng.choice(CATEGORIES),
                int(rng.random() < 0.5),
                int(rng.random() < 0.2),
                stamp,
                stamp,
            ),
        )
    conn.close()


def test_migrating_a_previous_store_backfills_the_counters(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    v3_store(path)
    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert sum(total for total, *_ in counters(store).values()) == 200
        assert_in_step(store)
        store.mark_view_read(View(ViewKind.CATEGORY, "World"), NOW)
        store.set_starred(all_ids(store)[0], True)
        assert_in_step(store)
    finally:
        store.close()
