"""Every query the UI runs uses an index: EXPLAIN QUERY PLAN of each statement it executes.

The store's methods run against a small store while a trace callback records each SQL
statement (with its parameters bound); each is then explained. No plan may walk the
articles table itself; only a search may sort (by rank) in a temporary B-tree.
Start-up must not import the heavy libraries that only importing or refreshing needs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from conftest import NOW, app_for
from tuinews.models import ArticleDraft, View, ViewKind
from tuinews.store import Store

CATEGORIES = ("Science", "World", "Sports")


@pytest.fixture
def filled(store: Store) -> Store:
    drafts = [
        ArticleDraft(
            title=f"Harbour council story {n}",
            body=f"The ferry budget and the river valley, part {n}.",
            published=NOW - timedelta(hours=5 * n),
            category=CATEGORIES[n % len(CATEGORIES)],
            key_hint=f"story-{n}",
        )
        for n in range(60)
    ]
    saved, _ = store.save_source("wire.rss", "Wire", "feed", drafts)
    ids = [result.article_id for result in saved]
    store.set_read(ids[::3], True)
    for article_id in ids[::7]:
        store.set_starred(article_id, True)
    return store


def plans(store: Store, call: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Each statement `call` ran, and its query plan's lines."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    explained = []
    for sql in seen:
        if sql.startswith(("--", "BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            continue  # trigger bodies are traced as comments; they are checked below
        if "articles_fts_config" in sql:
            continue  # FTS5's own bookkeeping
        lines = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        explained.append((sql, lines))
    return explained


def assert_indexed(explained: list[tuple[str, list[str]]]) -> None:
    assert explained, "no statement was run"
    for sql, lines in explained:
        for line in lines:
            walks = line.startswith("SCAN ") and not line.startswith(
                # A subquery's rows are bounded by its own LIMIT.
                ("SCAN articles_fts VIRTUAL TABLE", "SCAN category_counts", "SCAN (subquery-")
            )
            assert not walks or "USING INDEX" in line or "USING COVERING INDEX" in line, (
                sql,
                lines,
            )
            if "TEMP B-TREE" in line:
                assert "articles_fts MATCH" in sql or "FROM category_counts" in sql, (sql, lines)


def views(store: Store) -> list[View]:
    return [
        View(ViewKind.ALL),
        View(ViewKind.UNREAD),
        View(ViewKind.STARRED),
        View(ViewKind.TODAY),
        View(ViewKind.CATEGORY, "Science"),
        View(ViewKind.SEARCH, query="harbour council"),
    ]


def test_every_page_of_every_view_uses_an_index(filled: Store) -> None:
    for view in views(filled):
        for offset in (0, 20):
            explained = plans(
                filled, lambda v=view, o=offset: filled.page(v, now=NOW, limit=10, offset=o)
            )
            assert_indexed(explained)


def test_pages_use_the_index_of_their_view(filled: Store) -> None:
    expected = {
        ViewKind.ALL: "INDEX articles_by_date",
        ViewKind.UNREAD: "INDEX articles_by_read (read=?)",
        ViewKind.STARRED: "INDEX articles_starred",
        ViewKind.TODAY: "INDEX articles_by_date (sort_at>?)",
        ViewKind.CATEGORY: "INDEX articles_by_category (category=?)",
        ViewKind.SEARCH: "VIRTUAL TABLE INDEX",
    }
    for view in views(filled):
        (_, lines), *_ = plans(filled, lambda v=view: filled.page(v, now=NOW, limit=10))
        assert expected[view.kind] in lines[0], (view, lines)


def test_counts_read_the_counters_and_todays_index_range(filled: Store) -> None:
    explained = plans(filled, lambda: filled.counts(NOW))
    assert_indexed(explained)
    text = " ".join(" ".join(lines) for _, lines in explained)
    assert "COVERING INDEX articles_by_date (sort_at>?)" in text
    assert "COVERING INDEX articles_by_read (read=? AND sort_at>?)" in text
    for view in views(filled):
        assert_indexed(plans(filled, lambda v=view: filled.count(v, NOW)))


def test_next_unread_and_position_seek_in_an_index(filled: Store) -> None:
    for view in views(filled)[:-1]:
        rows = filled.page(view, now=NOW, limit=10)
        after = rows[len(rows) // 2]
        explained = plans(filled, lambda v=view, a=after: filled.next_unread(v, now=NOW, after=a))
        assert_indexed(explained)
        explained = plans(filled, lambda v=view, a=after: filled.position(v, a.id, NOW))
        assert_indexed(explained)
        assert any("count(*)" in sql for sql, _ in explained)
    (_, lines), *_ = plans(
        filled,
        lambda: filled.next_unread(View(ViewKind.STARRED), now=NOW, after=None),
    )
    assert "articles_starred_unread" in lines[0]
    rows = filled.page(View(), now=NOW, limit=10)
    (_, lines), *_ = plans(filled, lambda: filled.next_unread(View(), now=NOW, after=rows[3]))
    assert "articles_by_read (read=? AND sort_at<?)" in lines[0]


def test_marks_undo_and_reading_touch_rows_by_key(filled: Store) -> None:
    article_id = filled.page(View(), now=NOW, limit=1)[0].id
    for call in (
        lambda: filled.get(article_id),
        lambda: filled.set_read([article_id], True),
        lambda: filled.set_starred(article_id, True),
        lambda: filled.restore("read", {article_id: False}),
        filled.is_empty,
    ):
        assert_indexed(plans(filled, call))
    for view in views(filled)[:-1]:
        assert_indexed(plans(filled, lambda v=view: filled.mark_view_read(v, NOW)))


def test_the_counters_triggers_touch_one_row_by_key(filled: Store) -> None:
    bodies = [
        sql
        for (sql,) in filled.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'category_counts%'"
        )
    ]
    assert len(bodies) == 4
    for body in bodies:
        assert "WHERE category = " in body or "ON CONFLICT(category)" in body


async def test_a_saved_article_deep_in_the_list_loads_one_window(store: Store) -> None:
    from tuinews.ui.paging import PAGE_SIZE
    from tuinews.ui.widgets.article_list import ArticleList

    drafts = [
        ArticleDraft(
            title=f"Deep story {n}",
            body="text",
            published=NOW - timedelta(minutes=n),
            category="World",
            key_hint=f"deep-{n}",
        )
        for n in range(3000)
    ]
    store.save_source("deep.rss", "Deep", "feed", drafts)
    rows = store.page(View(), now=NOW, limit=1, offset=2500)
    store.set_setting("ui.article", str(rows[0].id))
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        articles = app.screen.query_one(ArticleList)
        await pilot.pause()
        assert articles.current is not None and articles.current.id == rows[0].id
        assert len(articles.rows_shown) <= 2 * PAGE_SIZE
        # Near the top of the window, the rows above it load; the cursor keeps its article.
        above = articles.rows_shown[5]
        articles.move_cursor(row=5)
        await pilot.pause()
        assert articles.current == above
        assert articles.rows_shown[0].title == f"Deep story {2500 - PAGE_SIZE // 2 - PAGE_SIZE}"
        # An article a little below the window: the pages down to it load.
        below = store.page(View(), now=NOW, limit=1, offset=2990)[0]
        assert articles.select_id(below.id)
        assert articles.current is not None and articles.current.id == below.id
        assert len(articles.rows_shown) <= 4 * PAGE_SIZE
        # An article far above: a window of its own, not every page before it.
        near_top = store.page(View(), now=NOW, limit=1, offset=3)[0]
        assert articles.select_id(near_top.id)
        assert articles.current is not None and articles.current.id == near_top.id
        assert len(articles.rows_shown) <= PAGE_SIZE
