"""The list's sort orders and unread-only switch read indexes (EXPLAIN QUERY PLAN).

Every order of the whole store, the unread view, the starred, a category and a saved view
reads an index in list order: no plan sorts. Views small by nature (a feed within a
category, today) and a search may sort their own index's rows; none walks the articles
table. The sidebar's
feeds read only the subscriptions.
"""

from __future__ import annotations

import pytest
from test_query_plans import assert_indexed, filled, plans  # noqa: F401 (filled: a fixture)

from conftest import NOW
from tuinews.models import ListOrder, Sort, View, ViewKind
from tuinews.store import Store
from tuinews.store.feed_entries import feed_entries
from tuinews.store.saved import save_view
from tuinews.store.subscriptions import add_subscription

FEED = View(ViewKind.FEED, "Science", feed="wire.rss")
SORTS = [ListOrder(sort, unread) for sort in Sort for unread in (False, True)]
# Views whose lists may sort their own rows (their size is a feed's, a day's, a search's).
SMALL = {ViewKind.FEED, ViewKind.TODAY, ViewKind.SEARCH}


@pytest.fixture
def ordered(filled: Store) -> Store:  # noqa: F811 (the fixture imported above)
    add_subscription(filled, "wire.rss", "Wire", "Science", now=NOW)
    save_view(filled.conn, "Councils", "council")
    return filled


def all_views() -> list[View]:
    return [
        View(),
        View(ViewKind.UNREAD),
        View(ViewKind.STARRED),
        View(ViewKind.TODAY),
        View(ViewKind.CATEGORY, "Science"),
        FEED,
        View(ViewKind.SAVED, name="Councils"),
        View(ViewKind.SEARCH, query="harbour council"),
    ]


def assert_no_sort(view: View, explained: list[tuple[str, list[str]]]) -> None:
    if view.kind in SMALL:
        return
    for sql, lines in explained:
        assert not any("TEMP B-TREE" in line for line in lines), (view, sql, lines)


@pytest.mark.parametrize("order", SORTS, ids=lambda o: o.to_setting())
def test_every_order_of_every_view_reads_an_index(ordered: Store, order: ListOrder) -> None:
    for view in all_views():
        rows = ordered.page(view, now=NOW, limit=10, order=order)
        calls = [
            lambda v=view: ordered.page(v, now=NOW, limit=10, offset=10, order=order),
            lambda v=view: ordered.next_unread(v, now=NOW, after=None, order=order),
        ]
        if rows:
            row = rows[len(rows) // 2]
            calls += [
                lambda v=view, r=row: ordered.next_unread(v, now=NOW, after=r, order=order),
                lambda v=view, r=row: ordered.position(v, r.id, NOW, order),
            ]
        for call in calls:
            explained = plans(ordered, call)
            if not explained:
                continue  # a search's position: its list pages through the ranking
            allowed = [(sql, lines) for sql, lines in explained if "TEMP B-TREE" not in str(lines)]
            if allowed:
                assert_indexed(allowed)
            for sql, lines in explained:
                assert not any(
                    line.startswith("SCAN articles") and "INDEX" not in line for line in lines
                ), (view, order, sql, lines)
            assert_no_sort(view, explained)


def test_the_big_views_read_their_text_orders_index(ordered: Store) -> None:
    expected = {
        (ViewKind.ALL, Sort.TITLE): "articles_by_title",
        (ViewKind.UNREAD, Sort.TITLE): "articles_by_title",
        (ViewKind.ALL, Sort.SOURCE): "articles_by_source_name",
        (ViewKind.CATEGORY, Sort.TITLE): "articles_category_by_title (category=?)",
        (ViewKind.CATEGORY, Sort.SOURCE): "articles_category_by_source (category=?)",
        (ViewKind.FEED, Sort.NEWEST): "articles_by_feed (source_id=? AND category=?)",
        (ViewKind.FEED, Sort.TITLE): "articles_by_feed (source_id=? AND category=?)",
        (ViewKind.STARRED, Sort.TITLE): "articles_starred_by_title",
        (ViewKind.STARRED, Sort.SOURCE): "articles_starred_by_source",
        (ViewKind.SAVED, Sort.TITLE): "saved_matches_by_title (view_id=?)",
        (ViewKind.SAVED, Sort.SOURCE): "saved_matches_by_source (view_id=?)",
    }
    views = {view.kind: view for view in all_views()}
    for (kind, sort), index in expected.items():
        for unread in (False, True):
            order = ListOrder(sort, unread)
            explained = plans(
                ordered, lambda v=views[kind], o=order: ordered.page(v, now=NOW, limit=10, order=o)
            )
            # The statement that orders the page (a saved view then reads the rows by id).
            lines = next(lines for sql, lines in explained if "ORDER BY" in sql)
            assert index in lines[0], (kind, order, lines)


def test_the_sidebars_feeds_read_the_counters(ordered: Store) -> None:
    explained = plans(ordered, lambda: feed_entries(ordered.conn))
    for _, lines in explained:
        for line in lines:
            assert not line.startswith("SCAN") or line.startswith("SCAN s"), lines
            assert "TEMP B-TREE" not in line, lines
    assert feed_entries(ordered.conn)["Science"][0].total == 20


def test_the_feed_counters_triggers_touch_one_row_by_key(ordered: Store) -> None:
    bodies = [
        sql
        for (sql,) in ordered.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'feed_counts%'"
        )
    ]
    assert len(bodies) == 4
    for body in bodies:
        assert "WHERE source_id = " in body or "ON CONFLICT(source_id, category)" in body
