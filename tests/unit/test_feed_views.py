"""Feeds under their categories (counts kept by triggers), a feed's own view, and the list's
sort orders and unread-only switch in every view (issue 13 item 3): store level."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import NOW
from conftest import dated_draft as draft
from tuinews.models import ListOrder, Sort, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.feed_entries import feed_entries
from tuinews.store.saved import save_view
from tuinews.store.schema import migrate
from tuinews.store.subscriptions import (
    add_subscription,
    record_fetch,
    remove_subscription,
    set_subscription_category,
)

HARBOUR = "http://news.example/harbour.rss"
VALLEY = "http://news.example/valley.rss"
TITLES = ("apple tart", "Banana bread", "cherry pie", "apple crumble", "Damson jam")


@pytest.fixture
def feeds(store: Store) -> Store:
    """Two subscribed feeds (one split between two categories) and an imported file."""
    add_subscription(store, HARBOUR, "Harbour Gazette", "Local", now=NOW)
    add_subscription(store, VALLEY, "Valley Post", None, now=NOW)
    store.save_source(
        HARBOUR, "Harbour Gazette", "feed", [draft(n, TITLES[n], "Local") for n in range(5)]
    )
    store.save_source(
        VALLEY,
        "Valley Post",
        "feed",
        [draft(n + 5, f"valley {n}", "Local" if n % 2 else "Farming") for n in range(4)],
    )
    store.save_source("notes.json", "Notes", "json", [draft(20, "a note", "Local")])
    return store


def harbour() -> View:
    return View(ViewKind.FEED, "Local", feed=HARBOUR)


def test_each_feed_is_listed_under_each_category_its_articles_are_in(feeds: Store) -> None:
    entries = feed_entries(feeds.conn)
    local = {(e.label, e.total, e.unread) for e in entries["Local"]}
    assert local == {("Harbour Gazette", 5, 5), ("Valley Post", 2, 2)}
    assert [(e.label, e.total) for e in entries["Farming"]] == [("Valley Post", 2)]
    # An imported file is not a feed: its article counts in its category only.
    assert feeds.counts(NOW).categories["Local"].total == 8


def test_a_new_feed_and_its_error_show_under_its_own_category(feeds: Store) -> None:
    add_subscription(feeds, "http://new.example/feed", None, "Local", now=NOW)
    record_fetch(
        feeds, "http://new.example/feed", fetched_at=NOW, status=500, error="HTTP 500 \x1b[31m"
    )
    (new,) = [e for e in feed_entries(feeds.conn)["Local"] if e.url == "http://new.example/feed"]
    assert (new.label, new.total, new.error) == ("http://new.example/feed", 0, "HTTP 500")


def test_feed_counts_follow_marks_moves_and_removals(feeds: Store) -> None:
    rows = feeds.page(harbour(), now=NOW, limit=10)
    feeds.set_read([rows[0].id, rows[1].id], True)
    (gazette,) = [e for e in feed_entries(feeds.conn)["Local"] if e.url == HARBOUR]
    assert (gazette.total, gazette.unread) == (5, 3)
    assert feeds.mark_view_read(harbour(), NOW) == [r.id for r in rows[2:]]
    set_subscription_category(feeds, VALLEY, "Valley")
    entries = feed_entries(feeds.conn)
    assert "Farming" not in entries
    assert [(e.label, e.total, e.unread) for e in entries["Valley"]] == [("Valley Post", 4, 4)]
    remove_subscription(feeds, HARBOUR)
    assert "Local" not in feed_entries(feeds.conn)
    total = feeds.conn.execute("SELECT sum(total), sum(unread) FROM feed_counts").fetchone()
    assert total == (5, 5)  # Valley's four and the note


def test_a_feed_view_lists_its_articles_in_that_category(feeds: Store) -> None:
    assert [r.title for r in feeds.page(harbour(), now=NOW, limit=10)] == list(TITLES)
    valley_local = View(ViewKind.FEED, "Local", feed=VALLEY)
    assert [r.title for r in feeds.page(valley_local, now=NOW, limit=10)] == [
        "valley 1",
        "valley 3",
    ]
    assert feeds.page(View(ViewKind.FEED, "Local", feed="http://nowhere/"), now=NOW, limit=5) == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (Sort.NEWEST, list(TITLES)),
        (Sort.OLDEST, list(reversed(TITLES))),
        # Without regard to case; equal titles would go newest first.
        (Sort.TITLE, ["apple crumble", "apple tart", "Banana bread", "cherry pie", "Damson jam"]),
    ],
)
def test_sort_orders(feeds: Store, sort: Sort, expected: list[str]) -> None:
    order = ListOrder(sort)
    for view in (harbour(), View(ViewKind.CATEGORY, "Local"), View()):
        titles = [r.title for r in feeds.page(view, now=NOW, limit=50, order=order)]
        assert [t for t in titles if t in TITLES] == expected, view


def test_by_source_then_newest(feeds: Store) -> None:
    rows = feeds.page(View(), now=NOW, limit=50, order=ListOrder(Sort.SOURCE))
    assert [r.source for r in rows] == ["Harbour Gazette"] * 5 + ["Notes"] + ["Valley Post"] * 4
    assert [r.title for r in rows[-4:]] == ["valley 0", "valley 1", "valley 2", "valley 3"]


def test_every_order_pages_positions_and_finds_the_next_unread(store: Store) -> None:
    """Against a plain sort of every row in Python, for each view and order."""
    rng = random.Random(5)
    add_subscription(store, HARBOUR, "Harbour", "Local", now=NOW)
    drafts = [
        draft(rng.randrange(40), rng.choice(TITLES), rng.choice(("Local", "World")))
        for _ in range(60)
    ]
    store.save_source(HARBOUR, "Harbour", "feed", drafts)
    store.save_source(VALLEY, "Valley", "feed", [draft(n, "x", "Local") for n in range(8)])
    every = store.page(View(), now=NOW, limit=1000)
    store.set_read([row.id for row in every if rng.random() < 0.5], True)
    save_view(store.conn, "Councils", "council")
    views = [
        View(),
        View(ViewKind.CATEGORY, "Local"),
        harbour(),
        View(ViewKind.SAVED, name="Councils"),
        View(ViewKind.STARRED),
    ]
    for article_id in [row.id for row in every][::9]:
        store.set_starred(article_id, True)
    keys = {
        Sort.NEWEST: lambda r: (-r.date.timestamp(), -r.id),
        Sort.OLDEST: lambda r: (r.date.timestamp(), r.id),
        Sort.TITLE: lambda r: (r.title.casefold(), -r.date.timestamp(), -r.id),
        Sort.SOURCE: lambda r: (r.source.casefold(), -r.date.timestamp(), -r.id),
    }
    for view in views:
        members = store.page(view, now=NOW, limit=1000)
        for sort, key in keys.items():
            for unread_only in (False, True):
                order = ListOrder(sort, unread_only)
                expected = sorted((r for r in members if not (unread_only and r.read)), key=key)
                pages = [store.page(view, now=NOW, limit=7, offset=o, order=order) for o in (0, 7)]
                assert pages[0] + pages[1] == expected[:14], (view, order)
                for index, row in enumerate(expected[:20]):
                    assert store.position(view, row.id, NOW, order) == index, (view, order)
                unread = [r.id for r in expected if not r.read]
                after = expected[len(expected) // 3] if expected else None
                later = expected[len(expected) // 3 + 1 :]
                found = store.next_unread(view, now=NOW, after=after, order=order)
                assert found == next((r.id for r in later if not r.read), None), (view, order)
                assert store.next_unread(view, now=NOW, after=None, order=order) == (
                    unread[0] if unread else None
                )


def test_an_unread_only_search_lists_its_unread_matches_newest_first(feeds: Store) -> None:
    search = View(ViewKind.SEARCH, query="harbour")
    ranked = feeds.page(search, now=NOW, limit=50)
    assert len(ranked) == 10
    feeds.set_read([ranked[0].id], True)
    rows = feeds.page(search, now=NOW, limit=50, order=ListOrder(Sort.BEST, unread_only=True))
    assert len(rows) == 9 and not any(r.read for r in rows)
    assert rows == sorted(rows, key=lambda r: (r.date, r.id), reverse=True)


def test_migrating_a_version_10_store_counts_its_feeds(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, target=10)
    conn.execute(
        "INSERT INTO sources(id, name, location, kind, imported_at) VALUES (1, 'H', ?, 'feed', ?)",
        (HARBOUR, NOW.isoformat()),
    )
    conn.execute(
        "INSERT INTO subscriptions(url, title, category, added_at) VALUES (?, 'H', 'Local', ?)",
        (HARBOUR, NOW.isoformat()),
    )
    for n in range(6):
        stamp = (NOW - timedelta(hours=n)).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO articles(dedupe_key, source_id, source, title, category, body, "
            "word_count, read, starred, imported_at, sort_at, content_hash) "
            "VALUES (?, 1, 'H', ?, ?, 'text', 1, ?, 0, ?, ?, 'h')",
            (f"k{n}", f"t{n}", "Local" if n < 4 else "World", n % 2, stamp, stamp),
        )
    conn.close()
    store = open_store(path)
    try:
        entries = feed_entries(store.conn)
        assert [(e.total, e.unread) for e in entries["Local"]] == [(4, 2)]
        assert [(e.total, e.unread) for e in entries["World"]] == [(2, 1)]
        assert [r.title for r in store.page(harbour(), now=NOW, limit=9)] == [
            "t0",
            "t1",
            "t2",
            "t3",
        ]
    finally:
        store.close()


def test_a_saved_views_title_order_follows_its_articles(feeds: Store) -> None:
    save_view(feeds.conn, "Councils", "council")
    view = View(ViewKind.SAVED, name="Councils")
    by_title = ListOrder(Sort.TITLE)
    first = feeds.page(view, now=NOW, limit=1, order=by_title)[0]
    assert first.title == "a note"
    # A newer version of an article changes its title: the view's copy follows.
    feeds.conn.execute("UPDATE articles SET title = 'zz last' WHERE id = ?", (first.id,))
    rows = feeds.page(view, now=NOW, limit=50, order=by_title)
    assert rows[-1].id == first.id and rows[0].title == "apple crumble"
    # A match put back without the copies (a filter's undo does so) gets them.
    feeds.conn.execute("DELETE FROM saved_matches WHERE article_id = ?", (first.id,))
    feeds.conn.execute(
        "INSERT INTO saved_matches(view_id, article_id, matched_at, is_read) "
        "SELECT id, ?, '2026-01-01T00:00:00+00:00', 0 FROM saved_views",
        (first.id,),
    )
    assert feeds.page(view, now=NOW, limit=50, order=by_title)[-1].id == first.id
