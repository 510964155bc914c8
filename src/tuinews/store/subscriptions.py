"""Feed subscriptions in the store: add, list with counts, remove, record fetches, retention.

A feed's articles are those whose source is the `sources` row located at the
subscription's URL: refresh saves them with `save_source(location=url, ...)`.
Every function takes a Store and follows its threading rule (the caller's thread only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tuinews.models import Article, Count, Subscription
from tuinews.store.rows import ARTICLE_COLUMNS, article_from_row, from_iso, to_iso
from tuinews.store.store import Store
from tuinews.untrusted import door_line

# A tombstone outlives any feed that still lists the article it stands for.
RETIRED_KEEP = timedelta(days=365)
_CHUNK = 500

_SELECT = """
    SELECT s.url, s.title, s.category, s.etag, s.last_modified, s.last_fetched,
           s.last_error, s.last_status, s.permanent_url, s.added_at,
           count(a.id), coalesce(sum(a.read = 0), 0)
    FROM subscriptions s
    LEFT JOIN sources src ON src.location = s.url
    LEFT JOIN articles a ON a.source_id = src.id
"""
_ORDER = "GROUP BY s.id ORDER BY s.category COLLATE NOCASE, s.title COLLATE NOCASE, s.url"
# The articles of subscribed feeds: retention never touches what the user imported by hand.
_FEED_SOURCES = "SELECT src.id FROM sources src JOIN subscriptions s ON s.url = src.location"


def _subscription(row: tuple[Any, ...]) -> Subscription:
    added = from_iso(row[9])
    assert added is not None
    return Subscription(
        url=row[0],
        title=row[1],
        category=row[2],
        etag=row[3],
        last_modified=row[4],
        last_fetched=from_iso(row[5]),
        last_error=row[6],
        last_status=row[7],
        permanent_url=row[8],
        added_at=added,
        articles=int(row[10]),
        unread=int(row[11]),
    )


def add_subscription(
    store: Store,
    url: str,
    title: str | None = None,
    category: str | None = None,
    *,
    now: datetime | None = None,
) -> bool:
    """Subscribe to `url`; return False when it was already subscribed."""
    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO subscriptions(url, title, category, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO NOTHING",
            (
                door_line(url),
                door_line(title),
                door_line(category),
                to_iso(now or datetime.now(UTC)),
            ),
        )
    return cursor.rowcount > 0


def list_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription with its article and unread counts, by category then title."""
    return [_subscription(row) for row in store.conn.execute(f"{_SELECT} {_ORDER}")]


def get_subscription(store: Store, url: str) -> Subscription | None:
    """The subscription to `url`, or None."""
    row = store.conn.execute(f"{_SELECT} WHERE s.url = ? {_ORDER}", (url,)).fetchone()
    return _subscription(row) if row else None


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
    with store.write() as conn:
        found = conn.execute("SELECT id FROM subscriptions WHERE url = ?", (url,)).fetchone()
        if found is None:
            return 0
        removed = 0
        source = conn.execute("SELECT id FROM sources WHERE location = ?", (url,)).fetchone()
        if source is not None:
            removed = conn.execute(
                "DELETE FROM articles WHERE source_id = ? AND starred = 0", (source[0],)
            ).rowcount
            # The source row stays while starred articles still point at it.
            conn.execute(
                "DELETE FROM sources WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM articles WHERE source_id = ?)",
                (source[0], source[0]),
            )
        conn.execute("DELETE FROM subscriptions WHERE id = ?", (found[0],))
    return removed


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
    moment = to_iso(fetched_at)
    # What a server sent (a reason phrase, validators, a title) is stored safe to show.
    error, etag, last_modified = door_line(error), door_line(etag), door_line(last_modified)
    permanent_url, title = door_line(permanent_url), door_line(title)
    with store.write() as conn:
        if error is not None:
            conn.execute(
                "UPDATE subscriptions SET last_fetched = ?, last_status = ?, last_error = ? "
                "WHERE url = ?",
                (moment, status, error, url),
            )
            return
        conn.execute(
            "UPDATE subscriptions SET last_fetched = ?, last_status = ?, last_error = NULL, "
            "etag = ?, last_modified = ?, permanent_url = coalesce(?, permanent_url), "
            "title = coalesce(title, ?) WHERE url = ?",
            (moment, status, etag, last_modified, permanent_url, title, url),
        )


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
    rows = store.conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )
    return [article_from_row(row) for row in rows]


def feed_problems(store: Store) -> dict[str, str]:
    """Failing feeds: title (or URL) -> its last error, cheap enough for every redraw."""
    rows = store.conn.execute(
        "SELECT coalesce(title, url), coalesce(category, ''), last_error FROM subscriptions "
        "WHERE last_error IS NOT NULL ORDER BY 1"
    )
    # Shown in a tooltip: a store written by an older tuinews may hold a raw reason.
    return {
        f"{door_line(name)}\x1f{door_line(category)}": door_line(error)
        for name, category, error in rows
    }
