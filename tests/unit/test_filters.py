"""Filters (a killfile): queries with fields, hide or mark read on import, counts, undo."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from cli import tuinews
from conftest import NOW, SAMPLE_DATA
from tuinews.config import ConfigError, load_settings
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft, ArticleFilter, Count, Enclosure, View, ViewKind
from tuinews.store import Store
from tuinews.store.filters import (
    FilterError,
    apply_filters,
    check_query,
    filter_counts,
    parse_query,
    sync_filters,
    undo_filter,
)
from tuinews.store.saved import save_view

GOSSIP = ArticleFilter("Gossip", 'transfer source:"Harbour Post"', "hide")
OLD = ArticleFilter("Old", "older:30", "read")


def story(title: str, source: str, days: int) -> ArticleDraft:
    return ArticleDraft(
        title=title,
        body=f"{title}.",
        published=NOW - timedelta(days=days),
        category="Sports",
        source_name=source,
        key_hint=title,
    )


def stories(store: Store) -> None:
    store.save_source(
        "a.rss",
        "Wire",
        "feed",
        [
            story("Transfer talk at the club", "Harbour Post", 1),
            story("Transfer window opens", "Meridian Wire", 1),
            story("An old match report", "Meridian Wire", 60),
        ],
    )


def test_the_query_language_is_search_plus_fields() -> None:
    words, fields, older = parse_query('transfer OR rumour source:"Harbour Post" older:30d x:y')
    assert words == '"transfer" OR "rumour" "x:y"'.replace('"x:y"', '"xy"')
    assert fields == {"source": "Harbour Post"} and older == 30
    with pytest.raises(FilterError, match="older: needs a number of days"):
        parse_query("older:soon")
    with pytest.raises(FilterError, match="nothing to match"):
        check_query('""')


def test_filters_hide_or_mark_read_new_articles_and_are_undone(store: Store) -> None:
    sync_filters(store.conn, [GOSSIP, OLD])
    stories(store)
    save_view(store.conn, "Transfers", "transfer")
    assert apply_filters(store.conn, NOW) == {"Gossip": 1, "Old": 1}
    titles = [a.title for a in store.articles(View(), now=NOW, limit=10)]
    assert titles == ["Transfer window opens", "An old match report"]
    assert store.count(View(ViewKind.UNREAD), NOW) == Count(1, 1)
    assert store.count(View(ViewKind.SAVED, name="Transfers"), NOW).total == 1
    assert store.search("talk", limit=5) == []  # hidden from search too
    assert apply_filters(store.conn, NOW) == {}  # each article is looked at once
    counts = filter_counts(store.conn, [GOSSIP, OLD])
    assert [(c.name, c.action, c.caught, c.configured) for c in counts] == [
        ("Gossip", "hide", 1, True),
        ("Old", "read", 1, True),
    ]
    assert undo_filter(store.conn, "Gossip") == 1
    assert undo_filter(store.conn, "Old") == 1
    assert store.count(View(), NOW) == Count(3, 3)
    assert [a.title for a in store.search("talk", limit=5)] == ["Transfer talk at the club"]
    assert apply_filters(store.conn, NOW) == {}  # given back: not caught again


def test_a_hidden_article_given_back_rejoins_its_saved_views_with_its_enclosures(
    store: Store,
) -> None:
    episode = ArticleDraft(
        title="Transfer podcast",
        body="Transfer talk, episode one.",
        published=NOW - timedelta(days=1),
        category="Sports",
        source_name="Harbour Post",
        key_hint="episode-1",
        enclosures=(Enclosure("https://cast.example/ep1.mp3", "audio/mpeg", 1234),),
    )
    store.save_source("cast.rss", "Cast", "feed", [episode])
    save_view(store.conn, "Transfers", "transfer")
    saved = View(ViewKind.SAVED, name="Transfers")
    assert store.count(saved, NOW) == Count(1, 1)
    sync_filters(store.conn, [GOSSIP])
    assert apply_filters(store.conn, NOW) == {"Gossip": 1}
    assert store.count(saved, NOW) == Count(0, 0)
    assert undo_filter(store.conn, "Gossip") == 1
    assert store.count(saved, NOW) == Count(1, 1)
    (back,) = store.articles(saved, now=NOW, limit=5)
    assert back.enclosures == episode.enclosures


def test_a_changed_filter_looks_again_and_a_removed_one_keeps_its_catch(store: Store) -> None:
    stories(store)
    sync_filters(store.conn, [GOSSIP])
    assert apply_filters(store.conn, NOW) == {"Gossip": 1}
    wider = ArticleFilter("Gossip", "transfer", "hide")
    sync_filters(store.conn, [wider])
    assert apply_filters(store.conn, NOW) == {"Gossip": 1}  # the other transfer story
    sync_filters(store.conn, [])
    (count,) = filter_counts(store.conn, [])
    assert (count.name, count.caught, count.configured) == ("Gossip", 2, False)


def test_import_applies_the_stored_filters(store: Store, tmp_path: Path) -> None:
    sync_filters(store.conn, [ArticleFilter("Fares", "ferry", "read")])
    news = tmp_path / "news.json"
    news.write_text('[{"title": "Ferry fares rise", "body": "The ferry costs more."}]')
    assert import_sources([str(news)], store).new == 1
    (article,) = store.articles(View(), now=NOW, limit=5)
    assert article.read


def test_filters_in_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[filters]]\nquery = "category:Sports"\n\n[[filters]]\nname = "x"\n'
        'query = "ferry"\naction = "read"\n'
    )
    assert load_settings(config).filters == (
        ArticleFilter("category:Sports", "category:Sports", "hide"),
        ArticleFilter("x", "ferry", "read"),
    )
    for bad, words in (
        ('[[filters]]\naction = "hide"\n', "filter 1 needs a query"),
        ('[[filters]]\nquery = "x"\naction = "drop"\n', 'action must be "hide" or "read"'),
        ('[[filters]]\nquery = "older:soon"\n', "older: needs a number of days"),
    ):
        config.write_text(bad)
        with pytest.raises(ConfigError, match=words):
            load_settings(config)


def test_filters_on_the_command_line(tmp_path: Path) -> None:
    db, config = str(tmp_path / "x.db"), tmp_path / "config.toml"
    config.write_text('[[filters]]\nname = "No sport"\nquery = "category:Sports"\n')
    imported = tuinews("--db", db, "--config", str(config), "import", str(SAMPLE_DATA))
    assert imported.returncode == 0, imported.stderr
    assert "filters caught 6 of them (see `tuinews filters list`)" in imported.stdout
    assert tuinews("--db", db, "list", "--category", "Sports").stdout == ""
    listed = tuinews("--db", db, "--config", str(config), "filters", "list", "--json")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == [
        {"name": "No sport", "action": "hide", "caught": 6, "configured": True}
    ]
    undone = tuinews("--db", db, "--config", str(config), "filters", "undo", "No sport")
    assert undone.stdout.strip() == "gave back 6 articles caught by 'No sport'"
    assert len(tuinews("--db", db, "list", "--category", "Sports").stdout.splitlines()) == 6
    missing = tuinews("--db", db, "--config", str(config), "filters", "undo", "Nope")
    assert missing.returncode == 2 and "no filter called 'Nope'" in missing.stderr


def test_filters_look_only_at_new_articles_through_indexes(store: Store) -> None:
    from test_query_plans import assert_indexed, plans

    stories(store)
    sync_filters(store.conn, [GOSSIP, OLD, ArticleFilter("Wire", "author:Ana", "read")])
    explained = plans(store, lambda: apply_filters(store.conn, NOW))
    # The filters' own table is a handful of rows, read whole.
    assert_indexed([e for e in explained if not e[0].startswith("SELECT name, query")])
    finds = [lines for sql, lines in explained if sql.startswith("SELECT a.id FROM articles")]
    assert len(finds) == 3
    # Each is bounded by the new ids: the rowid range, or the full-text match after it.
    for lines in finds:
        text = " ".join(lines)
        assert "INTEGER PRIMARY KEY (rowid>?)" in text or "M4>" in text, lines
