"""A guid is unique within its feed: feeds that share guids, feeds that repeat one, and one
feed that comes in two ways (its XML file, its URL, a subscription over real HTTP from
127.0.0.1), whose articles are stored once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from httpserver import Resource, serve
from tuinews.feeds.refresh import refresh_feeds
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store, open_store
from tuinews.store.schema import LATEST_VERSION, migrate
from tuinews.store.subscriptions import add_subscription

# The columns schema 5 had (later versions may add more).
SOURCES = "id, name, location, kind, imported_at"
ARTICLES = (
    "id, dedupe_key, source_id, source, url, title, author, published, category, summary, "
    "body, word_count, read, starred, imported_at, sort_at, content_hash"
)


def rss(title: str, *items: tuple[str, str, str]) -> str:
    """A feed of (guid, link, title) items."""
    body = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><link>{link}</link>"
        f"<title>{name}</title><description>About {name}.</description></item>"
        for guid, link, name in items
    )
    return f"<rss version='2.0'><channel><title>{title}</title>{body}</channel></rss>"


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


def titles(store: Store) -> list[str]:
    rows = store.conn.execute("SELECT title FROM articles ORDER BY id")
    return [title for (title,) in rows]


def test_two_feeds_that_reuse_a_guid_keep_both_articles(store: Store, tmp_path: Path) -> None:
    # Same guids and same feed title: the source (file, URL, subscription) tells them apart.
    one = write(tmp_path, "one.xml", rss("Blog", ("1", "https://one.example/a", "Ferries")))
    two = write(tmp_path, "two.xml", rss("Blog", ("1", "https://two.example/a", "Gulls")))
    first = import_sources([one], store)
    second = import_sources([two], store)
    assert (first.new, second.new, second.updated) == (1, 1, 0)
    assert titles(store) == ["Ferries", "Gulls"]


def test_a_guid_repeated_inside_a_feed_keeps_every_post(store: Store, tmp_path: Path) -> None:
    # A real 50-item feed stored 48 ("48 new, 2 updated" on its first import).
    feed = write(
        tmp_path,
        "repeats.xml",
        rss(
            "Daily",
            ("p1", "https://d.example/1", "Morning note"),
            ("p1", "https://d.example/1", "Evening note"),
            ("p2", "https://d.example/2", "Second day"),
            ("p2", "https://d.example/2b", "Second day, again"),
        ),
    )
    first = import_sources([feed], store)
    assert (first.new, first.updated) == (4, 0)
    again = import_sources([feed], store)
    assert (again.new, again.updated, again.duplicate) == (0, 0, 4)


def test_the_migration_keeps_every_article_mark_and_star(tmp_path: Path) -> None:
    """A store as version 5 wrote it: guid keys across the store, read and starred marks."""
    feed = write(
        tmp_path,
        "feed.xml",
        rss("Harbour", ("1", "https://h.example/1", "Tides"), ("2", "https://h.example/2", "Nets")),
    )
    other = write(tmp_path, "other.xml", rss("Hill", ("x", "https://hill.example/x", "Goats")))
    new = tmp_path / "new.db"
    store = open_store(new)
    import_sources([feed, other], store)
    ids = [a for (a,) in store.conn.execute("SELECT id FROM articles ORDER BY id")]
    store.set_read(ids[:2], True)
    store.set_starred(ids[1], True)
    store.close()
    # The same rows in a store of schema 5, keyed as version 5 keyed them (the bare guid).
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, target=5)
    conn.execute("ATTACH DATABASE ? AS new", (str(new),))
    conn.execute(f"INSERT INTO sources({SOURCES}) SELECT {SOURCES} FROM new.sources")
    conn.execute(f"INSERT INTO articles({ARTICLES}) SELECT {ARTICLES} FROM new.articles")
    keys = dict(conn.execute("SELECT id, dedupe_key FROM articles"))
    for article_id, key in keys.items():
        bare = "guid:" + key.rsplit(":", 1)[-1]
        conn.execute("UPDATE articles SET dedupe_key = ? WHERE id = ?", (bare, article_id))
    conn.execute("DETACH DATABASE new")
    conn.close()

    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        after = dict(store.conn.execute("SELECT id, dedupe_key FROM articles"))
        assert after == keys  # the same keys the importer makes now, for the same ids
        marks = store.conn.execute("SELECT id, read, starred FROM articles ORDER BY id")
        assert list(marks) == [(ids[0], 1, 0), (ids[1], 1, 1), (ids[2], 0, 0)]
        again = import_sources([feed, other], store)
        assert (again.new, again.updated, again.duplicate) == (0, 0, 3)
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        store.close()


def test_the_same_link_in_two_feeds_is_one_article_that_stays_put(
    store: Store, tmp_path: Path
) -> None:
    # Items without guids in two feeds sharing a link: re-importing both "updated" it back
    # and forth every time (a re-import of an unchanged corpus reported updates).
    one = write(tmp_path, "one.xml", rss("One", ("", "https://s.example/a", "First words")))
    two = write(tmp_path, "two.xml", rss("Two", ("", "https://s.example/a", "Other words")))
    first = import_sources([one, two], store)
    assert (first.new, first.updated, first.duplicate) == (1, 0, 1)
    again = import_sources([one, two], store)
    assert (again.new, again.updated, again.duplicate) == (0, 0, 2)
    assert titles(store) == ["First words"]


# -- one feed, two ways ---------------------------------------------------------

HARBOUR = rss(
    "Harbour Log",
    ("1", "https://harbour.example/tides", "Tides"),
    ("2", "https://harbour.example/nets", "Nets"),
).encode()


def test_the_file_then_the_url_then_the_subscription_store_each_article_once(
    store: Store, tmp_path: Path, db_path: Path
) -> None:
    feed = tmp_path / "harbour.xml"
    feed.write_bytes(HARBOUR)
    with serve({"/harbour.xml": Resource(HARBOUR)}) as (base, _):
        url = f"{base}/harbour.xml"
        by_file = import_sources([str(feed)], store)
        by_url = import_sources([url], store)
        assert add_subscription(store, url)
        store.set_read([1], True)
        refreshed = refresh_feeds(db_path)
    assert (by_file.new, by_url.new, by_url.duplicate) == (2, 0, 2)
    assert refreshed.summary() == "refreshed 1 feed: 0 new, 0 updated, 0 not modified, 0 failed"
    assert titles(store) == ["Tides", "Nets"]
    # ...and again by file: still the same two, with their marks.
    again = import_sources([str(feed)], store)
    assert (again.new, again.updated, again.duplicate) == (0, 0, 2)
    assert list(store.conn.execute("SELECT read FROM articles ORDER BY id")) == [(1,), (0,)]


def test_the_subscription_then_its_file_with_a_newer_item(
    store: Store, tmp_path: Path, db_path: Path
) -> None:
    with serve({"/harbour.xml": Resource(HARBOUR)}) as (base, _):
        url = f"{base}/harbour.xml"
        assert add_subscription(store, url)
        assert refresh_feeds(db_path).results[0].new == 2
        # Saved later by hand: one item more, one gone, one retitled (a newer version).
        newer = rss(
            "Harbour Log",
            ("3", "https://harbour.example/gulls", "Gulls"),
            ("2", "https://harbour.example/nets", "Nets, mended"),
        ).encode()
        feed = tmp_path / "saved.xml"
        feed.write_bytes(newer)
        by_file = import_sources([str(feed)], store)
        assert (by_file.new, by_file.updated, by_file.duplicate) == (1, 1, 0)
        # The feed now serves that version too: the subscription has nothing new.
        with serve({"/harbour.xml": Resource(newer)}) as (other, _):
            moved = import_sources([f"{other}/harbour.xml"], store)
    assert titles(store) == ["Tides", "Nets, mended", "Gulls"]
    assert (moved.new, moved.updated) == (0, 0)


def test_two_feeds_with_the_same_name_and_small_guids_stay_apart(
    store: Store, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.xml", tmp_path / "two.xml"
    one.write_text(rss("Blog", ("1", "https://one.example/a", "Ferries")))
    two.write_text(rss("Blog", ("1", "https://two.example/a", "Gulls")))
    with serve({"/two.xml": Resource(two.read_bytes())}) as (base, _):
        reports = [import_sources([source], store) for source in (str(one), f"{base}/two.xml")]
    assert [(r.new, r.duplicate) for r in reports] == [(1, 0), (1, 0)]
    assert titles(store) == ["Ferries", "Gulls"]


def test_a_store_of_the_previous_version_keeps_its_keys_and_learns(tmp_path: Path) -> None:
    """Schema 12's keys stay as they were; its feeds are recognised by a new import."""
    feed = tmp_path / "harbour.xml"
    feed.write_bytes(HARBOUR)
    new = tmp_path / "new.db"
    with serve({"/harbour.xml": Resource(HARBOUR)}) as (base, _):
        url = f"{base}/harbour.xml"
        store = open_store(new)
        import_sources([url], store)
        store.close()
        old = tmp_path / "old.db"
        conn = sqlite3.connect(old, isolation_level=None)
        migrate(conn, 0, target=12)
        conn.execute("ATTACH DATABASE ? AS new", (str(new),))
        columns = "id, name, location, kind, imported_at"
        conn.execute(f"INSERT INTO sources SELECT {columns} FROM new.sources")
        conn.execute(f"INSERT INTO articles({ARTICLES}) SELECT {ARTICLES} FROM new.articles")
        keys = list(conn.execute("SELECT id, dedupe_key FROM articles ORDER BY id"))
        conn.execute("DETACH DATABASE new")
        conn.close()
        store = open_store(old)
        try:
            assert store.conn.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
            assert list(store.conn.execute("SELECT id, dedupe_key FROM articles")) == keys
            by_url = import_sources([url], store)
            by_file = import_sources([str(feed)], store)
            assert (by_url.duplicate, by_file.new, by_file.duplicate) == (2, 0, 2)
        finally:
            store.close()


def test_a_dozen_daily_snapshots_of_a_feed_store_each_article_once(
    store: Store, tmp_path: Path
) -> None:
    # Each day's saved copy is a source of its own, more of them than the look-up tries
    # (guid_scope.CANDIDATES): each shares the first copy's scope.
    days = []
    for day in range(1, 13):
        items = [(str(n), f"https://harbour.example/{n}", f"Day {n}") for n in range(day, day + 3)]
        days.append(write(tmp_path, f"harbour-{day:02}.xml", rss("Harbour Log", *items)))
    reports = [import_sources([day], store) for day in days]
    assert [r.new for r in reports] == [3] + [1] * 11
    assert len(titles(store)) == 14
