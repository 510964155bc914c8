"""Strings from outside never reach the terminal raw: reason phrases, file names, OPML
titles and folders, config categories, and whatever else is handed to the store.

Each hostile string carries a clipboard write and a window title; the bytes the command
line writes, and every text column the store holds, must hold neither.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli import tuinews
from httpserver import Reply, serve
from tuinews.models import FeedSubscription
from tuinews.store import open_store
from tuinews.store.keys import article_fields
from tuinews.store.subscriptions import add_subscription, record_fetch

CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"
TITLE = "\x1b]2;TITLEPWN\x07"
HOSTILE = f"{CLIPBOARD}{TITLE}\x9b2J\x9d0;C1PWN\x9c\u202e\u200b"
MARKERS = ("UFdORUQ=", "TITLEPWN", "C1PWN")
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def assert_clean(text: str) -> None:
    """No control sequence and no byte that a terminal would act on."""
    for marker in MARKERS:
        assert marker not in text, repr(text)
    bad = [ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F]
    assert not bad, repr(text)
    assert "\u202e" not in text and "\u200b" not in text, repr(text)


def stored_text(path: Path) -> list[str]:
    """Every text value of every table of the store at `path`."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("articles_fts", "sqlite_"))
        ]
        values: list[str] = []
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                values.extend(value for value in row if isinstance(value, str))
        return values
    finally:
        conn.close()


def test_a_hostile_reason_phrase_is_cleaned_when_printed_stored_and_listed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    routes = {"/feed": lambda request: Reply(403, b"no", reason=f"Forbidden {CLIPBOARD}{TITLE}")}
    with serve(routes) as (base, _):
        imported = tuinews("import", "--db", str(db), f"{base}/feed")
        assert imported.returncode == 1
        assert "403 Forbidden" in imported.stderr
        assert tuinews("feeds", "add", "--db", str(db), f"{base}/feed").returncode == 0
        refreshed = tuinews("refresh", "--db", str(db))
    listed = tuinews("feeds", "list", "--db", str(db))
    as_json = tuinews("feeds", "list", "--json", "--db", str(db))
    assert "403 Forbidden" in refreshed.stderr and "403 Forbidden" in listed.stdout
    for result in (imported, refreshed, listed, as_json):
        assert_clean(result.stdout + result.stderr)
    for value in stored_text(db):
        assert_clean(value)


def test_hostile_file_names_are_cleaned_in_output_and_store(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    name = f"news{CLIPBOARD}{TITLE}.json"
    (folder / name).write_text(json.dumps([{"title": "Harbour ferry returns", "body": "Back."}]))
    (folder / f"broken{TITLE}.json").write_text("{not json")
    db = tmp_path / "store.db"
    imported = tuinews("import", "--db", str(db), str(folder))
    assert imported.returncode == 1, imported.stderr
    assert "imported 1 new" in imported.stdout
    shown = tuinews("show", "--db", str(db), "1")
    listed = tuinews("list", "--db", str(db), "--json")
    assert json.loads(listed.stdout)["source"].startswith("news")
    for result in (imported, shown, listed):
        assert_clean(result.stdout + result.stderr)
    for value in stored_text(db):
        assert_clean(value)


def test_opml_titles_folders_and_categories_are_cleaned(tmp_path: Path) -> None:
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="Folder\u009b2J\u202eX">'
        '<outline text="Feed\u009d0;C1PWN\u009c\u200b" xmlUrl="https://example.org/a.xml"/>'
        '<outline text="Other" category="Cat\u202e\u200b\u009b2J" '
        'xmlUrl="https://example.org/b.xml"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    assert tuinews("import", "--db", str(db), str(opml)).returncode == 0
    listed = tuinews("feeds", "list", "--db", str(db))
    assert "Feed" in listed.stdout and "Folder" in listed.stdout
    assert_clean(listed.stdout + listed.stderr)
    for value in stored_text(db):
        assert_clean(value)


def test_a_config_rule_category_cannot_clear_the_screen(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[rules]]\ncategory = "Space\\u001b[2J\\u001b[H"\nkeywords = ["orbit"]\n')
    source = tmp_path / "news.json"
    source.write_text(json.dumps([{"title": "A new orbit", "body": "The orbit was changed."}]))
    db = tmp_path / "store.db"
    imported = tuinews("--config", str(config), "import", "--db", str(db), str(source))
    assert imported.returncode == 0, imported.stderr
    listed = tuinews("list", "--db", str(db))
    assert "Space" in listed.stdout
    assert_clean(listed.stdout)
    for value in stored_text(db):
        assert_clean(value)


def test_the_store_cleans_every_text_it_is_handed(tmp_path: Path) -> None:
    """The store's door: callers that forgot to clean cannot store a control sequence."""
    from tuinews.models import ArticleDraft

    db = tmp_path / "store.db"
    store = open_store(db)
    try:
        draft = ArticleDraft(
            title=f"Title {HOSTILE}",
            body=f"Body {HOSTILE}\n\nmore",
            author=f"Author {HOSTILE}",
            summary=f"Summary {HOSTILE}",
            url=f"https://example.org/{HOSTILE}",
            category=f"Cat {HOSTILE}",
        )
        store.save_source(
            f"loc {HOSTILE}",
            f"Name {HOSTILE}",
            "json",
            [draft, article_fields(ArticleDraft(title="Second"), f"Src {HOSTILE}", f"C{HOSTILE}")],
            subscriptions=[FeedSubscription(f"https://e.org/{TITLE}", f"T {HOSTILE}", HOSTILE)],
            now=NOW,
        )
        add_subscription(store, "https://example.org/feed", f"Feed {HOSTILE}", f"C {HOSTILE}")
        record_fetch(store, "https://example.org/feed", fetched_at=NOW, status=500, error=HOSTILE)
        store.set_setting("view", f"category:{HOSTILE}")
    finally:
        store.close()
    values = stored_text(db)
    assert any(value.startswith("Title") for value in values)
    for value in values:
        assert_clean(value)


@pytest.mark.parametrize("field", ["title", "body", "author", "summary", "category", "url"])
def test_a_lone_surrogate_never_breaks_an_import(tmp_path: Path, field: str) -> None:
    """JSON may escape half a surrogate pair: it is replaced, the rest imports."""
    item = {"title": "Harbour ferry", "body": "Back in service.", "url": "https://e.org/1"}
    item[field] = item.get(field, "x") + "\ud800 tail"
    source = tmp_path / "surrogate.json"
    source.write_text(json.dumps([item, {"title": "Second", "body": "fine"}]))
    later = tmp_path / "later.json"
    later.write_text(json.dumps([{"title": "Later source", "body": "still imported"}]))
    db = tmp_path / "store.db"
    result = tuinews("import", "--db", str(db), str(source), str(later))
    assert result.returncode == 0, result.stderr
    assert "imported 3 new" in result.stdout
    assert "Traceback" not in result.stderr
    listed = tuinews("list", "--db", str(db), "--json")
    assert "\ufffd tail" in listed.stdout or field == "url"


def test_raw_text_left_by_an_older_tuinews_is_cleaned_when_shown(tmp_path: Path) -> None:
    """A store written before the door check may hold a raw reason: listing cleans it."""
    db = tmp_path / "store.db"
    store = open_store(db)
    add_subscription(store, "https://example.org/feed", "Feed", "News")
    store.close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE subscriptions SET last_error = ?, title = ?", (f"403 {HOSTILE}", HOSTILE)
        )
    conn.close()
    for listed in (
        tuinews("feeds", "list", "--db", str(db)),
        tuinews("feeds", "list", "--json", "--db", str(db)),
    ):
        assert "403" in listed.stdout
        assert_clean(listed.stdout + listed.stderr)


def test_saved_views_and_full_texts_pass_the_door_too(tmp_path: Path) -> None:
    """Two writes outside save_source: a saved view's name and query, a page's full text."""
    from tuinews.feeds.fulltext import save_full_text
    from tuinews.models import ArticleDraft, View
    from tuinews.store.saved import save_view

    db = tmp_path / "store.db"
    store = open_store(db)
    try:
        store.save_source("test:x", "X", "json", [ArticleDraft(title="Ferry", body="Back.")])
        [article] = store.articles(View(), now=NOW, limit=1)
        save_full_text(store, article, f"The page {HOSTILE}")
        save_view(store.conn, f"Ferries {HOSTILE}", f"ferry {TITLE}")
    finally:
        store.close()
    values = stored_text(db)
    assert any(value.startswith("Ferries") for value in values)
    assert any("The page" in value for value in values)
    for value in values:
        assert_clean(value)
