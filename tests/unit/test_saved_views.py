"""Searches saved as views: kept matches, counts that follow marks and imports, indexes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from test_query_plans import assert_indexed, filled, plans  # noqa: F401 (filled: a fixture)

from conftest import NOW
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft, Count, View, ViewKind
from tuinews.store import Store, open_store
from tuinews.store.saved import (
    SavedViewError,
    list_views,
    remove_view,
    rename_view,
    save_view,
    sync_saved_views,
)
from tuinews.store.schema import migrate

FERRY = View(ViewKind.SAVED, name="Ferries")


def drafts(words: str, count: int, start: int = 0) -> list[ArticleDraft]:
    return [
        ArticleDraft(
            title=f"{words} {n}",
            body=f"Story {n} about {words}.",
            published=NOW - timedelta(hours=n),
            category="Local",
            key_hint=f"{words}-{n}",
        )
        for n in range(start, start + count)
    ]


def test_a_saved_view_lists_its_matches_newest_first_and_keeps_up(store: Store) -> None:
    store.save_source("a.rss", "A", "feed", drafts("ferry timetable", 3) + drafts("budget", 2))
    saved = save_view(store.conn, "Ferries", "ferries")  # stems: "ferries" finds "ferry"
    assert (saved.name, saved.query, saved.total, saved.unread) == ("Ferries", "ferries", 3, 3)
    rows = store.page(FERRY, now=NOW, limit=10)
    assert [row.title for row in rows] == [f"ferry timetable {n}" for n in range(3)]
    # New articles join at the next sync (run by the import and the refresh).
    store.save_source("b.rss", "B", "feed", drafts("ferry strike", 2, start=10))
    assert store.count(FERRY, NOW) == Count(3, 3)
    assert sync_saved_views(store.conn) == 2
    assert sync_saved_views(store.conn) == 0  # only what came since the last run
    assert store.count(FERRY, NOW) == Count(5, 5)
    # Marks follow at once; an article deleted leaves the view.
    store.set_read([rows[0].id], True)
    assert store.count(FERRY, NOW) == Count(5, 4)
    assert store.next_unread(FERRY, now=NOW, after=None) == rows[1].id
    assert store.next_unread(FERRY, now=NOW, after=rows[1]) == rows[2].id
    assert store.position(FERRY, rows[2].id, NOW) == 2
    assert store.position(FERRY, 999, NOW) is None
    marked = store.mark_view_read(FERRY, NOW)
    assert len(marked) == 4 and store.count(FERRY, NOW) == Count(5, 0)
    assert store.count(View(ViewKind.UNREAD), NOW).total == 2  # the budget stories
    store.conn.execute("DELETE FROM articles WHERE id = ?", (rows[0].id,))
    assert store.count(FERRY, NOW).total == 4
    assert [a.title for a in store.articles(FERRY, now=NOW, limit=2)] == [
        "ferry timetable 1",
        "ferry timetable 2",
    ]


def test_import_keeps_saved_views_current(store: Store, tmp_path: Path) -> None:
    save_view(store.conn, "Ferries", "ferry")
    feed = tmp_path / "news.json"
    feed.write_text('[{"title": "Ferry fares rise", "body": "The ferry costs more."}]')
    report = import_sources([str(feed)], store)
    assert report.new == 1
    assert list_views(store.conn)[0].unread == 1


def test_rename_remove_and_refusals(store: Store) -> None:
    store.save_source("a.rss", "A", "feed", drafts("ferry", 2))
    save_view(store.conn, "Ferries", "ferry")
    save_view(store.conn, "Budget", "budget")
    with pytest.raises(SavedViewError, match="already a view called 'Ferries'"):
        save_view(store.conn, "Ferries", "boats")
    with pytest.raises(SavedViewError, match="nothing to search for"):
        save_view(store.conn, "Empty", ' "" * ')
    with pytest.raises(SavedViewError, match="needs a name"):
        save_view(store.conn, "  ", "ferry")
    assert rename_view(store.conn, "Ferries", "  Boats   and ferries ") == "Boats and ferries"
    with pytest.raises(SavedViewError, match="already a view called 'Budget'"):
        rename_view(store.conn, "Boats and ferries", "Budget")
    assert [v.name for v in list_views(store.conn)] == ["Boats and ferries", "Budget"]
    assert store.count(View(ViewKind.SAVED, name="Boats and ferries"), NOW).total == 2
    remove_view(store.conn, "Budget")
    with pytest.raises(SavedViewError, match="no saved view called 'Budget'"):
        remove_view(store.conn, "Budget")
    assert [v.name for v in list_views(store.conn)] == ["Boats and ferries"]
    assert store.count(View(ViewKind.SAVED, name="Budget"), NOW) == Count(0, 0)
    (left,) = store.conn.execute("SELECT count(*) FROM saved_matches").fetchone()
    assert left == 2


def older_store(db_path: Path, version: int, script: str = "") -> Store:
    """A store as schema `version` left it (with `script` run on it), opened: migrated."""
    import sqlite3

    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, 0, target=version)
    conn.executescript(script)
    conn.close()
    return open_store(db_path)


def test_a_store_of_the_previous_version_gains_saved_views(db_path: Path) -> None:
    store = older_store(db_path, 6)
    try:
        assert list_views(store.conn) == []
        store.save_source("a.rss", "A", "feed", drafts("ferry", 1))
        assert save_view(store.conn, "Ferries", "ferry").total == 1
    finally:
        store.close()


def test_a_view_round_trips_through_the_settings() -> None:
    assert View.from_setting(FERRY.to_setting()) == FERRY
    assert FERRY.label == "Ferries"


def test_saved_views_page_count_and_seek_in_their_own_indexes(filled: Store) -> None:  # noqa: F811
    save_view(filled.conn, "Harbour", "harbour")
    view = View(ViewKind.SAVED, name="Harbour")
    for offset in (0, 20):
        explained = plans(filled, lambda o=offset: filled.page(view, now=NOW, limit=10, offset=o))
        assert_indexed(explained)
        assert "saved_matches_by_date" in " ".join(explained[0][1])
    # The sidebar reads the counts the triggers keep: one row per view, no counting.
    explained = plans(filled, lambda: list_views(filled.conn))
    assert [sql for sql, _ in explained] == [
        "SELECT name, query, total, unread FROM saved_views ORDER BY name COLLATE NOCASE, name"
    ]
    rows = filled.page(view, now=NOW, limit=10)
    after = rows[len(rows) // 2]
    explained = plans(filled, lambda: filled.next_unread(view, now=NOW, after=after))
    assert_indexed(explained)
    assert "saved_matches_by_read" in " ".join(explained[0][1])
    assert_indexed(plans(filled, lambda: filled.position(view, after.id, NOW)))
    explained = plans(filled, lambda: filled.count(view, NOW))
    assert_indexed(explained)
    assert "saved_matches" not in " ".join(sql for sql, _ in explained)
    # Marking an article read updates its copy in the view through the article's index.
    assert_indexed(plans(filled, lambda: filled.set_read([after.id], True)))


def test_counters_match_a_count_after_marks_deletes_and_syncs(store: Store) -> None:
    store.save_source("a.rss", "A", "feed", drafts("ferry", 6))
    save_view(store.conn, "Ferries", "ferry")
    rows = store.page(FERRY, now=NOW, limit=10)
    store.set_read([rows[0].id, rows[1].id], True)
    store.set_read([rows[1].id], False)
    store.conn.execute("DELETE FROM articles WHERE id = ?", (rows[2].id,))
    store.save_source("b.rss", "B", "feed", drafts("ferry late", 2, start=20))
    sync_saved_views(store.conn)
    store.mark_view_read(FERRY, NOW)
    store.set_read([rows[3].id], False)
    counted = store.conn.execute(
        "SELECT count(*), sum(is_read = 0) FROM saved_matches WHERE view_id = 1"
    ).fetchone()
    assert store.count(FERRY, NOW) == Count(counted[0], counted[1]) == Count(7, 1)


def test_the_counters_are_filled_in_for_views_saved_before_them(db_path: Path) -> None:
    store = older_store(
        db_path,
        7,
        "INSERT INTO saved_views(id, name, query) VALUES (1, 'Old', 'x');"
        "INSERT INTO saved_matches VALUES (1, 10, '2026-01-01', 0), (1, 11, '2026-01-02', 1);",
    )
    try:
        assert store.count(View(ViewKind.SAVED, name="Old"), NOW) == Count(2, 1)
    finally:
        store.close()
