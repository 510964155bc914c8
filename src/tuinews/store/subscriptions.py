"""Feed subscriptions in the store: add, list with counts, remove, record fetches, retention.

A feed's articles are those whose source is the `sources` row located at the
subscription's URL: refresh saves them with `save_source(location=url, ...)`.
Every function takes a Store and follows its threading rule (the caller's thread only).
Reads and the fetch record go through sqlite-utils (`store.db`: rows come back with
their column names); writes run inside `store.write()`, whose BEGIN IMMEDIATE makes
concurrent writers wait their turn (sqlite-utils nests a savepoint in it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tuinews.models import Article, Count, FeedSubscription, Subscription
from tuinews.store.connection import StoreConnection as Store
from tuinews.store.queries import with_enclosures
from tuinews.store.rows import ARTICLE_COLUMNS, article_from_dict, from_iso, to_iso
from tuinews.untrusted import door_line

# A tombstone outlives any feed that still lists the article it stands for.
RETIRED_KEEP = timedelta(days=365)
_CHUNK = 500

_SELECT = """
    SELECT s.url, s.title, s.category, s.etag, s.last_modified, s.last_fetched,
           s.last_error, s.last_status, s.permanent_url, s.added_at,
           count(a.id) AS articles, coalesce(sum(a.read = 0), 0) AS unread
    FROM subscriptions s
    LEFT JOIN sources src ON src.location = s.url
    LEFT JOIN articles a ON a.source_id = src.id
"""
_ORDER = "GROUP BY s.id ORDER BY s.category COLLATE NOCASE, s.title COLLATE NOCASE, s.url"
# The articles of subscribed feeds: retention never touches what the user imported by hand.
_FEED_SOURCES = "SELECT src.id FROM sources src JOIN subscriptions s ON s.url = src.location"


def _subscription(row: dict[str, Any]) -> Subscription:
    added = from_iso(row["added_at"])
    assert added is not None
    return Subscription(
        **row
        | {
            "last_fetched": from_iso(row["last_fetched"]),
            "added_at": added,
            # Shown as they are: a store written by an older tuinews may hold raw text.
            "title": door_line(row["title"]),
            "category": door_line(row["category"]),
            "last_error": door_line(row["last_error"]),
            "articles": int(row["articles"]),
            "unread": int(row["unread"]),
        }
    )


def subscribe(conn: sqlite3.Connection, sub: FeedSubscription, moment: str) -> bool:
    """Subscribe inside the caller's transaction; False when it was subscribed already."""
    cursor = conn.execute(
        "INSERT INTO subscriptions(url, title, category, added_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(url) DO NOTHING",
        (door_line(sub.url), door_line(sub.title), door_line(sub.category), moment),
    )
    return cursor.rowcount > 0


def add_subscription(
    store: Store,
    url: str,
    title: str | None = None,
    category: str | None = None,
    *,
    now: datetime | None = None,
) -> bool:
    """Subscribe to `url`; return False when it was already subscribed."""
    # On the store's own connection: the reader subscribes with a short busy wait.
    with store.write() as conn:
        return subscribe(
            conn, FeedSubscription(url, title, category), to_iso(now or datetime.now(UTC))
        )


def list_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription with its article and unread counts, by category then title."""
    return [_subscription(row) for row in store.db.query(f"{_SELECT} {_ORDER}")]


def has_subscriptions(store: Store) -> bool:
    """Whether any feed is subscribed: for the reader's thread, which does not import
    sqlite-utils (see StoreConnection.db)."""
    return store.conn.execute("SELECT 1 FROM subscriptions LIMIT 1").fetchone() is not None


def get_subscription(store: Store, url: str) -> Subscription | None:
    """The subscription to `url`, or None."""
    rows = store.db.query(f"{_SELECT} WHERE s.url = ? {_ORDER}", (url,))
    return next((_subscription(row) for row in rows), None)


def find_subscriptions(store: Store, name: str) -> list[Subscription]:
    """The subscriptions `name` stands for: the one at that URL, else those titled so.

    Titles match without regard to case or surrounding spaces; several feeds may share one.
    """
    found = get_subscription(store, name)
    if found is not None:
        return [found]
    wanted = name.strip().casefold()
    if not wanted:
        return []
    return [s for s in list_subscriptions(store) if (s.title or "").strip().casefold() == wanted]


def rename_subscription(store: Store, url: str, title: str | None) -> bool:
    """Give the feed at `url` the user's title (None: the feed's own, from the next fetch).

    Returns whether there was such a feed. A title the user chose outlives refreshes.
    """
    with store.write() as conn:
        cursor = conn.execute(
            "UPDATE subscriptions SET title = ? WHERE url = ?", (door_line(title), url)
        )
    return cursor.rowcount > 0


def set_subscription_category(store: Store, url: str, category: str | None) -> bool:
    """Put the feed at `url` in `category`, and its stored articles with it, in one
    transaction (None: later articles are categorised by the rules; stored ones stay).

    Returns whether there was such a feed.
    """
    category = door_line(category)
    with store.write() as conn:
        cursor = conn.execute(
            "UPDATE subscriptions SET category = ? WHERE url = ?", (category, url)
        )
        if category is not None and cursor.rowcount:
            conn.execute(
                "UPDATE articles SET category = ? WHERE category != ? AND source_id IN "
                "(SELECT id FROM sources WHERE location = ?)",
                (category, category, url),
            )
    return cursor.rowcount > 0


def feed_articles(store: Store, url: str) -> Count:
    """How many articles the store holds from the feed at `url`, and how many are unread."""
    total, unread = store.conn.execute(
        "SELECT count(a.id), coalesce(sum(a.read = 0), 0) FROM sources src "
        "JOIN articles a ON a.source_id = src.id WHERE src.location = ?",
        (url,),
    ).fetchone()
    return Count(int(total), int(unread))


def remove_subscription(store: Store, url: str) -> int:
    """Unsubscribe from `url` and delete its articles except starred ones, in one transaction.

    Returns how many articles were deleted (0 when there was no such subscription).
    """
    db = store.db
    with store.write():
        if not db.table("subscriptions").count_where("url = ?", [url]):
            return 0
        removed = 0
        for source in list(db.table("sources").rows_where("location = ?", [url], select="id")):
            unstarred = ("source_id = ? AND starred = 0", [source["id"]])
            removed = db.table("articles").count_where(*unstarred)
            db.table("articles").delete_where(*unstarred)
            # The source row stays while starred articles still point at it.
            if not db.table("articles").count_where("source_id = ?", [source["id"]]):
                db.table("sources").delete(source["id"])
        db.table("subscriptions").delete_where("url = ?", [url])
    return removed


# A redirect and a title only fill in: None keeps what is there, a title the user chose stays.
_FILL_IN = {"permanent_url": "coalesce(?, permanent_url)", "title": "coalesce(title, ?)"}


def record_fetch(
    store: Store,
    url: str,
    *,
    fetched_at: datetime,
    status: int | None,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    permanent_url: str | None = None,
    title: str | None = None,
) -> None:
    """Write down what fetching the feed at `url` gave, in one transaction.

    A failure (`error`) records the reason and keeps the validators, the redirect and
    the title. A success clears the error and stores `etag` and `last_modified` as
    given; `permanent_url` and `title` only fill in (a None keeps what is there,
    and a title the user chose is never replaced).
    """
    fetch: dict[str, object] = {"last_fetched": to_iso(fetched_at), "last_status": status}
    # What a server sent (a reason phrase, validators, a title) is stored safe to show.
    if error is not None:
        fetch["last_error"] = door_line(error)
    else:
        fetch |= {
            "last_error": None,
            "etag": door_line(etag),
            "last_modified": door_line(last_modified),
            "permanent_url": door_line(permanent_url),
            "title": door_line(title),
        }
    table = store.db.table("subscriptions")
    with store.write():
        for pk, _ in list(table.pks_and_rows_where("url = ?", [url])):
            table.update(pk, fetch, conversions=_FILL_IN)


def retired_keys(store: Store, keys: Sequence[str]) -> set[str]:
    """The dedupe keys among `keys` whose articles retention deleted (and nothing re-added)."""
    found: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT r.dedupe_key FROM retired_articles r "
            "LEFT JOIN articles a ON a.dedupe_key = r.dedupe_key "
            f"WHERE a.id IS NULL AND r.dedupe_key IN ({marks})",
            chunk,
        )
        found.update(row[0] for row in rows)
    return found


def apply_retention(
    store: Store, keep_days: int | None, max_per_feed: int | None, now: datetime
) -> int:
    """Delete old articles of subscribed feeds, in one transaction; return how many.

    Old means dated (published, else imported) more than `keep_days` ago, or beyond
    the newest `max_per_feed` of its feed. Starred and unread articles are never
    deleted. Deleted articles leave a tombstone so that a refresh does not bring
    them back while their feed still lists them.
    """
    rules: list[str] = []
    params: list[object] = []
    if keep_days is not None:
        rules.append("sort_at < ?")
        params.append(to_iso(now - timedelta(days=keep_days)))
    if max_per_feed is not None:
        rules.append(
            "id IN (SELECT id FROM (SELECT id, row_number() OVER "
            "(PARTITION BY source_id ORDER BY sort_at DESC, id DESC) AS rank "
            f"FROM articles WHERE source_id IN ({_FEED_SOURCES})) WHERE rank > ?)"
        )
        params.append(max_per_feed)
    if not rules:
        return 0
    where = (
        f"source_id IN ({_FEED_SOURCES}) AND read = 1 AND starred = 0 AND ({' OR '.join(rules)})"
    )
    moment = to_iso(now)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO retired_articles(dedupe_key, retired_at) "
            f"SELECT dedupe_key, ? FROM articles WHERE {where} "
            "ON CONFLICT(dedupe_key) DO UPDATE SET retired_at = excluded.retired_at",
            [moment, *params],
        )
        removed = conn.execute(f"DELETE FROM articles WHERE {where}", params).rowcount
        conn.execute(
            "DELETE FROM retired_articles WHERE retired_at < ?", (to_iso(now - RETIRED_KEEP),)
        )
    return int(removed)


def article_page(store: Store, *, after_id: int = 0, limit: int = 500) -> list[Article]:
    """Up to `limit` articles with an id above `after_id`, by id: a keyset page for export."""
    rows = store.db.table("articles").rows_where(
        "id > ?", [after_id], select=ARTICLE_COLUMNS, order_by="id", limit=limit
    )
    return with_enclosures(store.conn, [article_from_dict(row) for row in rows])


def feed_problems(store: Store) -> dict[str, str]:
    """Failing feeds: "title (or URL)\x1fcategory" -> its last error, cheap enough for
    every redraw. A feed without a category of its own is listed under each category its
    articles are in (the rules put them there), and under "" when it has none yet."""
    rows = store.conn.execute(
        "SELECT DISTINCT coalesce(s.title, s.url), coalesce(s.category, a.category, ''), "
        "s.last_error FROM subscriptions s "
        "LEFT JOIN sources src ON s.category IS NULL AND src.location = s.url "
        "LEFT JOIN articles a ON a.source_id = src.id "
        "WHERE s.last_error IS NOT NULL ORDER BY 1, 2"
    )
    # Shown in a tooltip: a store written by an older tuinews may hold a raw reason.
    return {
        f"{door_line(name)}\x1f{door_line(category)}": door_line(error)
        for name, category, error in rows
    }
