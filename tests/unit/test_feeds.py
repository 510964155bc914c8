"""Subscriptions and refresh against a real threaded HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from cli import tuinews
from conftest import FIXED_NOW, FIXTURES
from httpserver import Reply, Resource, Route, serve
from tuinews.feeds.refresh import refresh_feeds
from tuinews.importer import pipeline as pipeline_module
from tuinews.models import ArticleDraft, FeedProgress, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.schema import LATEST_VERSION, migrate
from tuinews.store.subscriptions import (
    add_subscription,
    apply_retention,
    feed_articles,
    get_subscription,
    list_subscriptions,
    record_fetch,
    remove_subscription,
)

BOMB = (FIXTURES / "feeds" / "bomb.rss").read_bytes()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, body) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{heading}</title>"
        f"<link>https://news.example/{guid}</link>"
        f"<pubDate>0{n + 1} Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>{body}</description></item>"
        for n, (guid, heading, body) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>{entries}</channel></rss>"
    ).encode()


def items(prefix: str, count: int = 3) -> list[tuple[str, str, str]]:
    return [
        (f"{prefix}-{n}", f"{prefix} story {n}", f"Body of {prefix} story {n}.")
        for n in range(count)
    ]


def subscribe(db_path: Path, *urls: str, category: str | None = None) -> None:
    store = open_store(db_path)
    for url in urls:
        assert add_subscription(store, url, category=category)
    store.close()


def articles_of(db_path: Path, url: str) -> list[tuple[str, int, int, str]]:
    """(title, read, starred, category) of a feed's articles, by title."""
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT a.title, a.read, a.starred, a.category FROM articles a "
        "JOIN sources s ON s.id = a.source_id WHERE s.location = ? ORDER BY a.title",
        (url,),
    ).fetchall()
    conn.close()
    return rows


# -- the store ------------------------------------------------------------------


def test_a_version_2_store_is_migrated_and_keeps_its_subscriptions(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, target=2)
    conn.execute(
        "INSERT INTO subscriptions(url, title, category, etag, added_at) "
        "VALUES ('https://a.example/feed', 'A', 'World', '\"x\"', '2026-01-01T00:00:00+00:00')"
    )
    conn.close()
    store = open_store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    (sub,) = list_subscriptions(store)
    assert (sub.url, sub.title, sub.category, sub.etag) == (
        "https://a.example/feed",
        "A",
        "World",
        '"x"',
    )
    assert (sub.permanent_url, sub.last_status, sub.articles, sub.unread) == (None, None, 0, 0)
    store.close()


def test_add_list_and_remove_keep_starred_articles(store: Store) -> None:
    url = "https://feed.example/rss"
    assert add_subscription(store, url, "Feed", "World") is True
    assert add_subscription(store, url) is False
    drafts = [ArticleDraft(title=f"Story {n}", key_hint=f"g{n}") for n in range(4)]
    saved, _ = store.save_source(url, "Feed", "feed", drafts)
    store.set_starred(saved[0].article_id, True)
    store.set_read([saved[1].article_id], True)
    (sub,) = list_subscriptions(store)
    assert (sub.title, sub.category, sub.articles, sub.unread) == ("Feed", "World", 4, 3)
    assert remove_subscription(store, url) == 3
    assert get_subscription(store, url) is None and list_subscriptions(store) == []
    assert feed_articles(store, url).total == 1
    assert store.get(saved[0].article_id) is not None
    assert remove_subscription(store, url) == 0


def test_retention_never_deletes_starred_or_unread(store: Store) -> None:
    url, other = "https://feed.example/rss", "/home/me/saved.json"
    add_subscription(store, url)
    old = FIXED_NOW - timedelta(days=90)
    drafts = [
        ArticleDraft(title=f"Story {n}", key_hint=f"g{n}", published=old + timedelta(hours=n))
        for n in range(6)
    ]
    saved, _ = store.save_source(url, "Feed", "feed", drafts)
    kept_by_hand, _ = store.save_source(
        other, "Saved", "json", [ArticleDraft("Mine", published=old)]
    )
    ids = [s.article_id for s in saved]
    store.set_read([*ids[:4], kept_by_hand[0].article_id], True)  # 4 and 5 stay unread
    store.set_starred(ids[0], True)
    removed = apply_retention(store, keep_days=30, max_per_feed=None, now=FIXED_NOW)
    assert removed == 3  # read, unstarred, old: 1, 2, 3
    remaining = {a.id for a in store.articles(View(ViewKind.ALL), now=FIXED_NOW, limit=50)}
    assert remaining == {ids[0], ids[4], ids[5], kept_by_hand[0].article_id}
    assert apply_retention(store, None, None, FIXED_NOW) == 0


def test_retention_by_count_keeps_the_newest_per_feed(store: Store) -> None:
    url = "https://feed.example/rss"
    add_subscription(store, url)
    drafts = [
        ArticleDraft(title=f"Story {n}", key_hint=f"g{n}", published=FIXED_NOW - timedelta(hours=n))
        for n in range(5)
    ]
    saved, _ = store.save_source(url, "Feed", "feed", drafts)
    ids = [s.article_id for s in saved]
    store.set_read(ids, True)
    store.set_starred(ids[4], True)
    assert apply_retention(store, keep_days=None, max_per_feed=2, now=FIXED_NOW) == 2
    assert feed_articles(store, url).total == 3  # the newest two, and the starred oldest


# -- refresh ----------------------------------------------------------------------


def test_first_refresh_imports_and_the_second_is_not_modified_without_parsing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Resource(rss("Harbour News", items("h")))
    with serve({"/feed.xml": feed}) as (base, _):
        url = f"{base}/feed.xml"
        subscribe(db_path, url, category="Local")
        first = refresh_feeds(db_path)
        assert first.summary() == "refreshed 1 feed: 3 new, 0 updated, 0 not modified, 0 failed"
        parsed: list[bytes] = []
        # Feed bodies are parsed through the importer's parse_clean -> parse_bytes.
        real_parse = pipeline_module.parse_bytes
        monkeypatch.setattr(
            pipeline_module,
            "parse_bytes",
            lambda data, u=None: parsed.append(data) or real_parse(data, u),
        )
        second = refresh_feeds(db_path)
    assert [r.line() for r in second.results] == [f"{url}: not modified"]
    assert parsed == []
    conditional = feed.requests[1]
    assert conditional["if-none-match"] == feed.tag
    assert conditional["if-modified-since"] == feed.modified
    assert "if-none-match" not in feed.requests[0]
    store = open_store(db_path)
    sub = get_subscription(store, url)
    store.close()
    assert sub is not None
    # The feed's title fills in; the subscription's category goes to every article.
    assert (sub.title, sub.last_status, sub.last_error, sub.articles) == (
        "Harbour News",
        304,
        None,
        3,
    )
    assert {row[3] for row in articles_of(db_path, url)} == {"Local"}


def test_only_last_modified_is_enough_for_a_304(db_path: Path) -> None:
    feed = Resource(rss("Dated", items("d")), etag=False)
    with serve({"/feed.xml": feed}) as (base, _):
        subscribe(db_path, f"{base}/feed.xml")
        refresh_feeds(db_path)
        again = refresh_feeds(db_path)
    assert again.not_modified == 1 and "if-none-match" not in feed.requests[1]


def test_a_changed_feed_adds_new_items_and_updates_changed_ones_keeping_read(db_path: Path) -> None:
    stories = items("c")
    feed = Resource(rss("Changing", stories))
    with serve({"/feed.xml": feed}) as (base, _):
        url = f"{base}/feed.xml"
        subscribe(db_path, url)
        refresh_feeds(db_path)
        store = open_store(db_path)
        first = store.articles(View(ViewKind.ALL), now=FIXED_NOW, limit=10)
        store.set_read([a.id for a in first if a.title == "c story 1"], True)
        store.close()
        stories[1] = ("c-1", "c story 1", "A corrected body.")
        feed.update(rss("Changing", [*stories, ("c-3", "c story 3", "Fresh.")]))
        report = refresh_feeds(db_path)
    assert [r.line() for r in report.results] == [f"{url}: 1 new, 1 updated"]
    assert report.results[0].duplicate == 2
    assert [(title, read) for title, read, _, _ in articles_of(db_path, url)] == [
        ("c story 0", 0),
        ("c story 1", 1),
        ("c story 2", 0),
        ("c story 3", 0),
    ]


def test_a_permanent_redirect_is_remembered_and_a_temporary_one_is_not(db_path: Path) -> None:
    moved, wandering = Resource(rss("Moved", items("m"))), Resource(rss("Wandering", items("w")))
    routes = {
        "/old.xml": lambda r: Reply(301, headers={"Location": "/new.xml"}),
        "/new.xml": moved,
        "/temp.xml": lambda r: Reply(302, headers={"Location": "/elsewhere.xml"}),
        "/elsewhere.xml": wandering,
    }
    with serve(routes) as (base, hits):
        subscribe(db_path, f"{base}/old.xml", f"{base}/temp.xml")
        first = refresh_feeds(db_path)
        assert (first.new, first.failed) == (6, 0)
        hits.clear()
        second = refresh_feeds(db_path)
    assert sorted(hits) == ["/elsewhere.xml", "/new.xml", "/temp.xml"]
    assert second.not_modified == 2
    store = open_store(db_path)
    subs = {s.url.rsplit("/", 1)[1]: s for s in list_subscriptions(store)}
    store.close()
    assert subs["old.xml"].permanent_url == f"{base}/new.xml"
    assert subs["temp.xml"].permanent_url is None
    # The articles stay with the subscription's own URL.
    assert subs["old.xml"].articles == 3


def test_fetch_remembers_only_the_leading_permanent_redirects() -> None:
    from tuinews.importer.fetch import fetch

    routes = {
        "/a": lambda r: Reply(308, headers={"Location": "/b"}),
        "/b": lambda r: Reply(301, headers={"Location": "/c"}),
        "/c": lambda r: Reply(302, headers={"Location": "/d"}),
        "/d": lambda r: Reply(200, b"ok"),
        "/t": lambda r: Reply(307, headers={"Location": "/b"}),
    }
    with serve(routes) as (base, _):
        chained = fetch(f"{base}/a", max_bytes=100)
        temporary_first = fetch(f"{base}/t", max_bytes=100)
    assert (chained.body, chained.final_url) == (b"ok", f"{base}/d")
    assert chained.permanent_redirect == f"{base}/c"
    assert temporary_first.permanent_redirect is None


def test_failing_feeds_keep_their_articles_and_say_why(db_path: Path) -> None:
    names = ["gone", "broken", "slow", "malformed", "bomb", "page"]
    feeds = {name: Resource(rss(name.title(), items(name, 2))) for name in names}
    never = threading.Event()  # the slow feed answers only after the refresh gave up on it
    failing = {
        "gone": Reply(404, b"no"),
        "broken": Reply(500, b"oops"),
        "slow": Reply(200, rss("Slow", items("slow", 2)), gate=never),
        "malformed": Reply(
            200, b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut'
        ),
        "bomb": Reply(200, BOMB),
        "page": Reply(
            200,
            b"<!doctype html><html><body><p>We moved.</p></body></html>",
            {"Content-Type": "text/html"},
        ),
    }
    broken = threading.Event()

    def route(name: str) -> Route:
        return lambda request: failing[name] if broken.is_set() else feeds[name](request)

    with serve({f"/{name}": route(name) for name in names}) as (base, _):
        subscribe(db_path, *(f"{base}/{name}" for name in names))
        assert refresh_feeds(db_path).new == 2 * len(names)
        broken.set()
        try:
            report = refresh_feeds(db_path, timeout=1.0)
        finally:
            never.set()
    reasons = {r.url.rsplit("/", 1)[1]: r.error for r in report.results}
    assert reasons["gone"] == "the server answered 404 Not Found"
    assert reasons["broken"] == "the server answered 500 Internal Server Error"
    assert reasons["slow"] == "timed out after 1 s"
    assert reasons["malformed"] is not None and reasons["malformed"].startswith("malformed feed")
    assert reasons["bomb"] == "the XML declares entities, which tuinews refuses (entity expansion)"
    assert reasons["page"] == "not a feed (the server sent an HTML page)"
    assert report.summary().endswith("0 not modified, 6 failed")
    store = open_store(db_path)
    subs = {s.url.rsplit("/", 1)[1]: s for s in list_subscriptions(store)}
    store.close()
    assert all(sub.articles == 2 for sub in subs.values())
    assert subs["gone"].last_error == reasons["gone"] and subs["gone"].last_status == 404
    assert subs["bomb"].last_error == reasons["bomb"]
    # A failure keeps the validators: the feed is not reported unchanged once it is fixed.
    assert subs["gone"].etag == feeds["gone"].tag


def test_size_cap_applies_to_the_decoded_body_and_gzip_is_read(db_path: Path) -> None:
    small = Resource(rss("Zipped", items("z")), gzip=True)
    padding = "".join(f" word{n}" for n in range(4000))  # compresses far below the cap
    bloated = Resource(rss("Bloated", [("b-0", "Bloated story", padding)]), gzip=True)
    big = Resource(rss("Big", [("g-0", "Big story", padding)]))
    with serve({"/small": small, "/bloated": bloated, "/big": big}) as (base, _):
        subscribe(db_path, f"{base}/small", f"{base}/bloated", f"{base}/big")
        assert len(gzip.compress(bloated.body)) < 20 * 1024 < len(bloated.body)
        report = refresh_feeds(db_path, max_bytes=20 * 1024)
    reasons = {r.url.rsplit("/", 1)[1]: r for r in report.results}
    assert reasons["small"].new == 3 and reasons["small"].error is None
    assert "gzip" in small.requests[0]["accept-encoding"]
    assert reasons["bloated"].error == "larger than the 20 KiB limit"
    assert reasons["big"].error == "larger than the 20 KiB limit"


def test_fifty_feeds_at_once_each_in_its_own_transaction(db_path: Path) -> None:
    feeds = {f"/f{n}.xml": Resource(rss(f"Feed {n}", items(f"f{n}"))) for n in range(50)}
    active, peak, lock = [0], [0], threading.Lock()
    overlapping = threading.Event()

    def counted(resource: Resource) -> Route:
        def route(request: BaseHTTPRequestHandler) -> Reply:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
                if active[0] > 1:
                    overlapping.set()
            # The first answer waits for a second request: concurrency shown without a race.
            if not overlapping.wait(timeout=60):
                overlapping.set()  # they never overlapped: the rest go on, the peak says so
            with lock:
                active[0] -= 1
            return resource(request)

        return route

    landed: list[int] = []

    def check(progress: FeedProgress) -> None:
        # Another connection already sees this feed's articles: its transaction committed.
        landed.append(len(articles_of(db_path, progress.result.url)))

    with serve({path: counted(feed) for path, feed in feeds.items()}) as (base, _):
        subscribe(db_path, *(f"{base}{path}" for path in feeds))
        report = refresh_feeds(db_path, concurrency=8, on_progress=check)
    assert (report.new, report.failed, len(report.results)) == (150, 0, 50)
    assert landed == [3] * 50
    assert 1 < peak[0] <= 8


def test_should_stop_ends_the_refresh_and_keeps_what_landed(db_path: Path) -> None:
    feeds = {f"/s{n}.xml": Resource(rss(f"S{n}", items(f"s{n}", 1))) for n in range(6)}
    with serve(feeds) as (base, _):
        subscribe(db_path, *(f"{base}{path}" for path in feeds))
        landed: list[FeedProgress] = []
        report = refresh_feeds(
            db_path, concurrency=1, on_progress=landed.append, should_stop=lambda: len(landed) >= 2
        )
    assert report.stopped and len(report.results) == 2
    store = open_store(db_path)
    assert store.count(View(), FIXED_NOW).total == 2
    store.close()


def test_retention_runs_after_a_refresh_and_deleted_items_stay_deleted(db_path: Path) -> None:
    feed = Resource(rss("Old", items("o")), etag=False, last_modified=False)
    with serve({"/feed.xml": feed}) as (base, _):
        subscribe(db_path, f"{base}/feed.xml")
        refresh_feeds(db_path)
        store = open_store(db_path)
        store.mark_view_read(View(), FIXED_NOW)
        store.close()
        later = lambda: datetime(2027, 6, 1, tzinfo=UTC)  # noqa: E731
        report = refresh_feeds(db_path, keep_days=30, clock=later)
        assert report.removed == 3
        again = refresh_feeds(db_path, keep_days=30, clock=later)
    assert (again.new, again.removed) == (0, 0)


# -- the command line ---------------------------------------------------------------


def test_feeds_add_refresh_twice_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    feed = Resource(rss("Command Line Times", items("cl")))
    with serve({"/feed.xml": feed, "/gone.xml": lambda r: Reply(404)}) as (base, _):
        url, gone = f"{base}/feed.xml", f"{base}/gone.xml"
        added = tuinews("feeds", "add", url, "--db", db, "--category", "Local")
        assert (added.returncode, added.stdout) == (0, f"subscribed to {url}\n")
        assert tuinews("--db", db, "feeds", "add", url).stdout == f"already subscribed: {url}\n"
        first = tuinews("refresh", "--db", db)
        assert first.returncode == 0, first.stderr
        assert first.stdout.splitlines() == [
            f"{url}: 3 new, 0 updated",
            "refreshed 1 feed: 3 new, 0 updated, 0 not modified, 0 failed",
        ]
        tuinews("feeds", "add", gone, "--db", db)
        second = tuinews("refresh", "--db", db)
    assert second.returncode == 1
    assert second.stdout.splitlines() == [
        f"{url}: not modified",
        "refreshed 2 feeds: 0 new, 0 updated, 1 not modified, 1 failed",
    ]
    assert f"error: {gone}: the server answered 404 Not Found" in second.stderr


def test_feeds_list_and_remove_from_the_command_line(tmp_path: Path) -> None:
    import json

    db = tmp_path / "cli.db"
    url = "https://feed.example/rss"
    store = open_store(db)
    add_subscription(store, url, "Example Feed", "World")
    saved, _ = store.save_source(
        url, "Example Feed", "feed", [ArticleDraft(f"S{n}", key_hint=f"k{n}") for n in range(3)]
    )
    store.set_starred(saved[2].article_id, True)
    store.close()
    listed = tuinews("feeds", "list", "--db", str(db), "--json")
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row == {
        "url": url,
        "title": "Example Feed",
        "category": "World",
        "etag": None,
        "last_modified": None,
        "last_fetched": None,
        "last_error": None,
        "articles": 3,
        "unread": 3,
    }
    table = tuinews("feeds", "list", "--db", str(db)).stdout.splitlines()
    assert table[0].split() == ["TITLE", "CATEGORY", "ARTICLES", "UNREAD", "LAST", "FETCH", "URL"]
    assert table[1].split() == ["Example", "Feed", "World", "3", "3", "never", url]
    removed = tuinews("feeds", "remove", url, "--db", str(db))
    assert removed.stdout == f"unsubscribed from {url}; removed 2 articles, kept 1 starred\n"
    again = tuinews("feeds", "remove", url, "--db", str(db))
    assert again.returncode == 2 and f"not subscribed: {url}" in again.stderr
    assert tuinews("feeds", "add", "ftp://x.example/feed", "--db", str(db)).returncode == 2
    assert tuinews("feeds", "--db", str(db)).returncode == 2  # an action is required


def test_feeds_remove_by_title_and_list_shows_urls_and_whole_errors(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    store = open_store(db)
    add_subscription(store, "https://wire.example/rss", "Meridian Wire", "World")
    add_subscription(store, "https://a.example/feed", "Twin Post", None)
    add_subscription(store, "https://b.example/feed", "twin post ", None)
    error = "could not be fetched ([Errno -2] Name or service not known) " + "x" * 80
    record_fetch(store, "https://b.example/feed", error=error, status=None, fetched_at=FIXED_NOW)
    store.close()
    table = tuinews("feeds", "list", "--db", str(db)).stdout.splitlines()
    assert any(line.rstrip().endswith("https://wire.example/rss") for line in table)
    assert f"  error: {error}" in table
    removed = tuinews("feeds", "remove", "meridian wire", "--db", str(db))
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == (
        "unsubscribed from https://wire.example/rss; removed 0 articles, kept 0 starred\n"
    )
    twins = tuinews("feeds", "remove", "Twin Post", "--db", str(db))
    assert twins.returncode == 2 and twins.stdout == ""
    assert "2 feeds are titled 'Twin Post'" in twins.stderr
    assert "https://a.example/feed https://b.example/feed" in twins.stderr
    gone = tuinews("feeds", "remove", "Meridian Wire", "--db", str(db))
    assert gone.returncode == 2 and "not subscribed: Meridian Wire" in gone.stderr
