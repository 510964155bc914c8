"""The store: migrations, refusing foreign files, dedupe, state kept, search, paging."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import NOW
from tuinews.models import ArticleDraft, Outcome, View, ViewKind
from tuinews.store import Store, StoreError, open_store
from tuinews.store.schema import APPLICATION_ID, LATEST_VERSION


def draft(n: int, **changes: object) -> ArticleDraft:
    base = ArticleDraft(
        title=f"Article number {n}",
        body=f"Body of article {n} about harbours and ferries.",
        author="Ines Valdor",
        published=NOW - timedelta(hours=n),
        category="World" if n % 2 else "Science",
        url=f"https://example.org/news/{n}",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def save(store: Store, *drafts: ArticleDraft, location: str = "/src/a.json") -> list[Outcome]:
    saved, _ = store.save_source(location, "A", "json", drafts)
    return [result.outcome for result in saved]


def test_fresh_store_has_latest_schema_and_wal(db_path: Path) -> None:
    store = open_store(db_path)
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_reopening_an_existing_store_keeps_its_articles(db_path: Path) -> None:
    store = open_store(db_path)
    save(store, draft(1))
    store.close()
    again = open_store(db_path)
    assert again.count(View(), NOW).total == 1
    again.close()


def test_an_empty_sqlite_file_from_before_any_version_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # version 0: a file with no schema yet
    store = open_store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    store.close()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("text", "not a tuinews store"),
        ("foreign", "another program"),
        ("newer", "newer tuinews"),
        ("corrupt", "corrupt"),
    ],
)
def test_unusable_files_are_refused_and_left_untouched(
    tmp_path: Path, setup: str, message: str
) -> None:
    path = tmp_path / "x.db"
    if setup == "text":
        path.write_text("these are my notes, not a database\n")
    elif setup == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    elif setup == "newer":
        open_store(path).close()
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=message):
        open_store(path)
    assert path.read_bytes() == before
    if setup != "newer":  # a WAL store may keep its -wal file beside it; others get none
        assert not Path(str(path) + "-wal").exists()


def test_reimport_is_duplicate_and_new_version_updates_in_place_keeping_state(
    store: Store,
) -> None:
    assert save(store, draft(1), draft(2)) == [Outcome.NEW, Outcome.NEW]
    assert save(store, draft(1), draft(2)) == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    first = store.page(View(), now=NOW, limit=10)[0]
    store.set_read([first.id], True)
    store.set_starred(first.id, True)
    changed = draft(1, body="A corrected body about harbours and ferries.")
    assert save(store, changed) == [Outcome.UPDATED]
    article = store.get(first.id)
    assert article is not None
    assert article.body.startswith("A corrected body")
    assert article.read and article.starred
    assert store.count(View(), NOW).total == 2


def test_dedupe_key_prefers_guid_then_url_then_title(store: Store) -> None:
    # Same guid, different URL: one article.
    assert save(
        store, draft(1, key_hint="g-1"), draft(1, key_hint="g-1", url="https://x.org/b")
    ) == [
        Outcome.NEW,
        Outcome.UPDATED,
    ]
    # Same canonical URL (tracking parameters, fragment, www.): one article.
    a = draft(5, url="https://www.example.org/story?utm_source=feed#top")
    b = draft(5, url="https://example.org/story/")
    assert save(store, a, b) == [Outcome.NEW, Outcome.DUPLICATE]
    # No guid, no URL: the title (normalised) and source decide.
    c = draft(7, url=None, title="Ferries  Return!")
    d = draft(7, url=None, title="ferries return")
    assert save(store, c) == [Outcome.NEW]
    assert save(store, d) == [Outcome.UPDATED]


def test_a_failing_source_leaves_nothing_behind(store: Store) -> None:
    bad = draft(2, title=None)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.save_source("/src/bad.json", "bad", "json", [draft(1), bad])
    assert store.count(View(), NOW).total == 0
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_views_counts_and_paging(store: Store) -> None:
    save(store, *(draft(n) for n in range(1, 31)))
    rows = store.page(View(), now=NOW, limit=10)
    assert [r.title for r in rows][:2] == ["Article number 1", "Article number 2"]
    second = store.page(View(), now=NOW, limit=10, offset=10)
    assert second[0].title == "Article number 11"
    assert {r.id for r in rows}.isdisjoint({r.id for r in second})
    store.set_read([rows[0].id, rows[1].id], True)
    store.set_starred(rows[2].id, True)
    counts = store.counts(NOW)
    assert counts.views[ViewKind.ALL].total == 30
    assert counts.views[ViewKind.UNREAD].unread == 28
    assert counts.views[ViewKind.STARRED].total == 1
    assert counts.views[ViewKind.TODAY].total == 24  # published within the last 24 hours
    assert counts.categories["World"].unread == 14  # article 1 (World) was read
    assert counts.categories["Science"].unread == 14
    category_rows = store.page(View(ViewKind.CATEGORY, "Science"), now=NOW, limit=50)
    assert len(category_rows) == 15
    assert all(r.category == "Science" for r in category_rows)


def test_next_unread_follows_list_order(store: Store) -> None:
    save(store, *(draft(n) for n in range(1, 6)))
    rows = store.page(View(), now=NOW, limit=10)
    store.set_read([rows[1].id], True)
    assert store.next_unread(View(), now=NOW, after=None) == rows[0].id
    assert store.next_unread(View(), now=NOW, after=rows[0]) == rows[2].id
    assert store.next_unread(View(), now=NOW, after=rows[4]) is None


def test_mark_view_read_touches_only_that_view(store: Store) -> None:
    save(store, *(draft(n) for n in range(1, 7)))
    ids = store.mark_view_read(View(ViewKind.CATEGORY, "World"), NOW)
    assert len(ids) == 3
    assert store.counts(NOW).categories["Science"].unread == 3


def test_full_text_search_ranks_titles_and_matches_stems_prefixes_and_phrases(
    store: Store,
) -> None:
    save(
        store,
        draft(1, title="Tidal power plant opens", body="The estuary project begins."),
        draft(2, title="Budget talks", body="A tidal wave of objections met the plan."),
        draft(3, title="Chess final", body="Nothing about the sea here."),
    )
    titles = [a.title for a in store.search("tidal", limit=10)]
    assert titles == ["Tidal power plant opens", "Budget talks"]
    # Whole words by their stem; a trailing * asks for a prefix.
    assert [a.title for a in store.search("opening", limit=10)] == ["Tidal power plant opens"]
    assert store.search("tid", limit=10) == []
    assert store.search("tid*", limit=10)[0].title == "Tidal power plant opens"
    assert [a.title for a in store.search('"wave of objections"', limit=10)] == ["Budget talks"]
    assert store.search('"unbalanced AND (', limit=10) == []
    # The index follows updates and deletes made through triggers.
    save(store, draft(3, title="Chess final", body="A tidal surprise."))
    assert "Chess final" in [a.title for a in store.search("tidal", limit=10)]


def test_marking_read_does_not_rewrite_the_index(store: Store) -> None:
    save(store, draft(1))
    article_id = store.page(View(), now=NOW, limit=1)[0].id
    store.conn.execute("CREATE TEMP TABLE writes(n)")
    store.conn.execute(
        "CREATE TEMP TRIGGER count_fts AFTER UPDATE OF title, body ON main.articles "
        "BEGIN INSERT INTO writes VALUES (1); END"
    )
    store.set_read([article_id], True)
    assert store.conn.execute("SELECT count(*) FROM writes").fetchone()[0] == 0


def test_search_ranks_the_newest_matches_and_lists_older_ones_after_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tuinews.store.search as store_module

    monkeypatch.setattr(store_module, "RANKED_MATCHES", 4)
    monkeypatch.setattr(store_module, "SEARCH_COUNT_LIMIT", 5)
    # Stored oldest first: ids 1..8. Two of the four newest have "kelp" in the title.
    titles = ["kelp one", "plain two", "plain three", "plain four"]
    titles += ["plain five", "kelp six", "plain seven", "kelp eight"]
    save(store, *(draft(n + 1, title=title, body="kelp forests") for n, title in enumerate(titles)))
    found = [a.title for a in store.search("kelp", limit=10)]
    # The newest four, title matches first; then the older four, newest first.
    assert found[:4] == ["kelp eight", "kelp six", "plain seven", "plain five"]
    assert found[4:] == ["plain four", "plain three", "plain two", "kelp one"]
    # Pages split the same order at any offset.
    pages = [a.title for n in range(0, 8, 3) for a in store.search("kelp", limit=3, offset=n)]
    assert pages == found
    view = View(ViewKind.SEARCH, query="kelp")
    assert [row.title for row in store.page(view, now=NOW, limit=10)] == found
    # Counted up to the limit and one more: the reader shows "5+".
    assert store.count(view, NOW).total == 6


def test_a_version_4_store_gets_the_stemming_index_and_says_so(tmp_path: Path) -> None:
    from tuinews.store import schema

    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, 0, target=4)
    # An article indexed by version 4 (whole words, no stems).
    conn.execute(
        "INSERT INTO sources(id, name, location, kind, imported_at) "
        "VALUES (1, 'A', '/a', 'json', '2026-11-23T12:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO articles(dedupe_key, source_id, source, title, category, body, word_count, "
        "imported_at, sort_at, content_hash) VALUES ('k', 1, 'A', 'Satellites launched', "
        "'Science', 'Two satellites went up.', 4, '2026-11-23T12:00:00+00:00', "
        "'2026-11-23T12:00:00+00:00', 'h')"
    )
    conn.close()
    said: list[str] = []
    store = open_store(path, on_upgrade=said.append)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert said and "Upgrading" in said[0]
        assert [a.title for a in store.search("satellite", limit=5)] == ["Satellites launched"]
    finally:
        store.close()
    said.clear()
    open_store(path, on_upgrade=said.append).close()
    assert said == []


def test_a_search_with_a_phrase_lists_its_matches_newest_first(store: Store) -> None:
    titles = ["Quiet harbour", "The harbour master spoke", "harbour master", "Old harbour master"]
    save(store, *(draft(n + 1, title=t, body="Nothing else.") for n, t in enumerate(titles)))
    found = [a.title for a in store.search('"harbour master"', limit=10)]
    # Stored in that order (ids 1..4): the newest stored first, whatever the score.
    assert found == ["Old harbour master", "harbour master", "The harbour master spoke"]
    assert [a.title for a in store.search('"harbour master"', limit=1, offset=1)] == [found[1]]
