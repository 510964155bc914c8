"""The sidebar's feeds: each subscribed feed under its categories, with its counts there.

A feed is listed under every category its articles are in (feed_counts, schema v11, kept
by triggers: O(feeds) however many articles), and under its own category while it has no
article there yet (a new or failing feed), so that its error mark shows where the user
put it. Functions of a connection, in the caller's thread (see opening.py).

The joins go from the subscriptions (CROSS JOIN keeps that order): feed_counts also counts
every imported file, which may be many more.
"""

from __future__ import annotations

import sqlite3

from tuinews.models import Count, FeedEntry, SidebarCounts
from tuinews.untrusted import door_line

_ENTRIES = """
    SELECT s.url, coalesce(s.title, s.url), fc.category, fc.total, fc.unread, s.last_error
    FROM subscriptions s
    CROSS JOIN sources src ON src.location = s.url
    CROSS JOIN feed_counts fc ON fc.source_id = src.id
    UNION ALL
    SELECT s.url, coalesce(s.title, s.url), s.category, 0, 0, s.last_error
    FROM subscriptions s
    WHERE s.category IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM sources src JOIN feed_counts fc ON fc.source_id = src.id
        WHERE src.location = s.url AND fc.category = s.category
    )
"""


def feed_entries(conn: sqlite3.Connection) -> dict[str, list[FeedEntry]]:
    """Category name -> its feeds, by title (without regard to case), then URL."""
    entries: dict[str, list[FeedEntry]] = {}
    for url, label, category, total, unread, error in conn.execute(_ENTRIES):
        # Shown as they are: a store written by an older tuinews may hold raw text.
        entry = FeedEntry(
            url, door_line(label) or url, category, int(total), int(unread), door_line(error)
        )
        entries.setdefault(category, []).append(entry)
    for feeds in entries.values():
        feeds.sort(key=lambda entry: (entry.label.casefold(), entry.url))
    return entries


def with_feed_categories(counts: SidebarCounts, feeds: dict[str, list[FeedEntry]]) -> SidebarCounts:
    """The counts with every category a subscription names listed, at zero while it holds
    no article yet (a new or failing feed): the feed and its `!` show where it was put."""
    missing = [name for name in feeds if name and name not in counts.categories]
    if not missing:
        return counts
    categories = dict(counts.categories) | {name: Count(0, 0) for name in missing}
    # The store's order: COLLATE NOCASE, then the name.
    ordered = sorted(categories.items(), key=lambda item: (item[0].lower(), item[0]))
    return SidebarCounts(counts.views, dict(ordered))
