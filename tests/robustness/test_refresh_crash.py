"""A refresh killed mid-way leaves a sound store with whole feeds only; a re-run completes it."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

from bench.synthetic import rss_feed

from cli import tuinews
from httpserver import Resource, Route, serve
from robustness.crash import kill_after_sources
from tuinews.store import open_store
from tuinews.store.subscriptions import add_subscription

FEEDS, ITEMS = 12, 150
PROMPT = 8  # these answer at once; the others wait until the killed refresh is gone
KILL_AFTER = 3  # feeds landed


def gated(resource: Resource, released: threading.Event) -> Route:
    def route(request):  # type: ignore[no-untyped-def]
        released.wait(60)
        return resource(request)

    return route


def per_feed(db: Path) -> dict[str, set[str]]:
    """Each subscribed feed's article links, for the feeds that have a source row."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found: dict[str, set[str]] = {}
        for location, url in conn.execute(
            "SELECT s.location, a.url FROM sources s LEFT JOIN articles a ON a.source_id = s.id"
        ):
            found.setdefault(location, set()).add(url)
        return found
    finally:
        conn.close()


def test_sigkill_mid_refresh_keeps_whole_feeds_and_a_rerun_gets_exactly_the_rest(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    released = threading.Event()
    feeds = {
        f"/feed{n}.xml": Resource(rss_feed(ITEMS, html_bytes=300, seed=n)) for n in range(FEEDS)
    }
    routes: dict[str, Route] = {
        path: resource if n < PROMPT else gated(resource, released)
        for n, (path, resource) in enumerate(feeds.items())
    }
    expected = {f"https://synthetic.example/a/{n}" for n in range(ITEMS)}
    with serve(routes) as (base, hits):
        store = open_store(db)
        for path in feeds:
            add_subscription(store, base + path, category="Wire")
        store.close()

        command = [sys.executable, "-m", "tuinews", "--db", str(db), "refresh"]
        kill_after_sources(command, db, KILL_AFTER)
        released.set()

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # A fetch record (the validators) never stands for articles that are not there.
        recorded = [
            url
            for (url,) in conn.execute(
                "SELECT url FROM subscriptions WHERE etag IS NOT NULL OR last_fetched IS NOT NULL"
            )
        ]
        conn.close()
        landed = per_feed(db)
        assert landed, "the refresh was killed before any feed landed"
        assert len(landed) < FEEDS, "the refresh finished before it was killed"
        assert all(links == expected for links in landed.values()), "a feed was only partly stored"
        assert set(recorded) <= set(landed)

        asked_before = len(hits)
        rerun = tuinews("--db", str(db), "refresh")
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert len(hits) - asked_before == FEEDS
        # Feeds whose record survived were asked conditionally, and answered 304.
        for url in recorded:
            asked = feeds[url.removeprefix(base)].requests[-1]
            assert "if-none-match" in asked

    after = per_feed(db)
    assert sorted(after) == sorted(base + path for path in feeds)
    assert all(links == expected for links in after.values())
    conn = sqlite3.connect(db)
    total, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT dedupe_key) FROM articles"
    ).fetchone()
    unrecorded = conn.execute(
        "SELECT count(*) FROM subscriptions WHERE etag IS NULL OR last_error IS NOT NULL"
    ).fetchone()[0]
    conn.close()
    assert total == distinct == FEEDS * ITEMS
    assert unrecorded == 0
