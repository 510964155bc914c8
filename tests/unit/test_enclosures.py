"""Enclosures (podcast audio, video, files): parsed alike on both feed paths, cleaned,
stored in their own table (schema v10), and given by `list`/`show --json`."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from cli import on_terminal, tuinews
from tuinews.importer.drafts import clean_draft
from tuinews.importer.formats.feed.fallback import parse_feed_slow
from tuinews.importer.formats.feed.stream import Unsupported, read_feed
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft, Enclosure
from tuinews.store import open_store
from tuinews.store.schema import migrate

MRSS = 'xmlns:media="http://search.yahoo.com/mrss/"'


def rss(extra: str, *, guid: str = "ep-1") -> bytes:
    return (
        f"<rss version='2.0' {MRSS}><channel><title>Cast</title><item><title>Episode</title>"
        f"<link>https://cast.example/ep</link><guid>{guid}</guid>{extra}"
        "<description>Show notes.</description></item></channel></rss>"
    ).encode()


def both_paths(feed: bytes, base: str | None = None) -> ArticleDraft:
    """The one draft of `feed`: the streaming path must read it, and agree with feedparser."""
    fast = list(read_feed(io.BytesIO(feed), base)[1])
    slow = parse_feed_slow(feed, base)[1]
    assert fast == slow
    assert len(fast) == 1
    return fast[0]


def test_rss_enclosure_and_media_content_on_both_paths() -> None:
    draft = both_paths(
        rss(
            '<enclosure url="https://cast.example/ep1.mp3" type="Audio/MPEG" length="12345"/>'
            '<media:content url="https://cast.example/ep1.mp4" type="video/mp4" fileSize="99"/>'
            '<media:content url="https://cast.example/ep1.mp3" type="audio/mpeg"/>'
        )
    )
    assert draft.enclosures == (
        Enclosure("https://cast.example/ep1.mp3", "audio/mpeg", 12345),
        Enclosure("https://cast.example/ep1.mp4", "video/mp4", 99),
    )


def test_atom_enclosure_link_is_resolved_against_the_feed() -> None:
    feed = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Cast</title><entry><title>Ep</title>"
        b"<id>tag:ep</id><link href='https://cast.example/ep'/>"
        b"<link rel='enclosure' href='files/ep.ogg' type='audio/ogg' length='0'/>"
        b"</entry></feed>"
    )
    draft = both_paths(feed, "https://cast.example/feed.xml")
    assert draft.enclosures == (Enclosure("https://cast.example/files/ep.ogg", "audio/ogg"),)


def test_hostile_enclosures_are_cleaned_or_dropped() -> None:
    draft = both_paths(
        rss(
            '<enclosure url="javascript:alert(1)" type="audio/mpeg"/>'
            '<enclosure url="file:///etc/passwd" type="audio/mpeg"/>'
            '<enclosure url="https://cast.example/a.mp3" type="audio/mpeg" length="lots"/>'
        )
    )
    assert draft.enclosures == (Enclosure("https://cast.example/a.mp3", "audio/mpeg"),)


def test_control_sequences_are_stripped_from_urls_and_types() -> None:
    dirty = Enclosure("https://cast.example/a\x1b[31m.mp3", "audio/\x1b]0;owned\x07MPEG", -5)
    assert clean_draft(ArticleDraft("Ep", enclosures=(dirty,))) == ArticleDraft(
        "Ep", enclosures=(Enclosure("https://cast.example/a.mp3", "audio/mpeg"),)
    )


def test_enclosures_are_stored_updated_and_given_as_json(tmp_path: Path) -> None:
    feed = tmp_path / "cast.rss"
    feed.write_bytes(
        rss('<enclosure url="https://cast.example/1.mp3" type="audio/mpeg" length="7"/>')
    )
    db = tmp_path / "cast.db"
    store = open_store(db)
    import_sources([str(feed)], store)
    (article,) = store.search("Episode", limit=5)
    assert article.enclosures == (Enclosure("https://cast.example/1.mp3", "audio/mpeg", 7),)
    # A newer version of the episode replaces its enclosure; nothing is left behind.
    feed.write_bytes(rss('<enclosure url="https://cast.example/2.mp3" type="audio/mpeg"/>'))
    import_sources([str(feed)], store)
    got = store.get(article.id)
    assert got is not None and got.enclosures == (
        Enclosure("https://cast.example/2.mp3", "audio/mpeg"),
    )
    store.close()
    for command in (["show", str(article.id)], ["list"]):
        done = tuinews("--db", str(db), *command, "--json")
        assert done.returncode == 0, done.stderr
        (line,) = done.stdout.splitlines()
        assert json.loads(line)["enclosures"] == [
            {"url": "https://cast.example/2.mp3", "type": "audio/mpeg", "length": None}
        ]


def test_an_article_without_enclosures_has_an_empty_list(tmp_path: Path) -> None:
    feed = tmp_path / "plain.rss"
    feed.write_bytes(rss(""))
    db = tmp_path / "plain.db"
    store = open_store(db)
    import_sources([str(feed)], store)
    store.close()
    done = tuinews("--db", str(db), "show", "1", "--json")
    assert json.loads(done.stdout)["enclosures"] == []


V9_ARTICLE = """
    INSERT INTO sources(id, name, location, kind, imported_at)
        VALUES (1, 'Old', '/old.rss', 'feed', '2026-01-01T00:00:00+00:00');
    INSERT INTO articles(dedupe_key, source_id, source, title, category, body, word_count,
                         read, imported_at, sort_at, content_hash)
        VALUES ('guid:kept', 1, 'Old', 'Kept episode', 'Podcasts', 'Notes.', 1, 1,
                '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 'x');
"""


def test_a_store_of_the_previous_version_gains_enclosures(tmp_path: Path) -> None:
    db = tmp_path / "v9.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, 0, target=9)
    conn.executescript(V9_ARTICLE)
    conn.close()
    store = open_store(db)  # migrated to v10: the article kept, with its read mark
    try:
        kept = store.get(1)
        assert kept is not None and kept.title == "Kept episode" and kept.read
        assert kept.enclosures == ()
        feed = tmp_path / "new.rss"
        feed.write_bytes(rss('<enclosure url="https://cast.example/n.mp3"/>', guid="new"))
        import_sources([str(feed)], store)
        new = store.get(2)
        assert new is not None and new.title == "Episode"
        assert new.enclosures == (Enclosure("https://cast.example/n.mp3"),)
        # Enclosures go with their article.
        store.conn.execute("DELETE FROM articles")
        (left,) = store.conn.execute("SELECT count(*) FROM enclosures").fetchone()
        assert left == 0
    finally:
        store.close()


def test_an_atom_enclosure_link_without_href_agrees_with_feedparser() -> None:
    # Found on the feedparser test corpus: feedparser takes the link's text as its URL.
    feed = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>Ep</title>"
        b"<link rel='alternate' type='text/html' href='https://cast.example/ep'/>"
        b"<link rel='enclosure' type='audio/ogg'>https://cast.example/ep.ogg</link>"
        b"</entry></feed>"
    )
    with pytest.raises(Unsupported):
        list(read_feed(io.BytesIO(feed))[1])
    (draft,) = parse_feed_slow(feed)[1]  # (its link too, as feedparser does)
    assert draft.enclosures == (Enclosure("https://cast.example/ep.ogg", "audio/ogg"),)


def test_show_lists_enclosures_on_a_terminal_and_in_markdown(tmp_path: Path) -> None:
    feed = tmp_path / "cast.rss"
    enclosure = '<enclosure url="https://cast.example/12.mp3" type="audio/mpeg" length="2500000"/>'
    feed.write_bytes(rss(enclosure))
    db = tmp_path / "show.db"
    store = open_store(db)
    import_sources([str(feed)], store)
    store.close()
    screen = on_terminal("--db", str(db), "show", "1", columns=80)
    assert "Enclosures" in screen
    assert "[1] audio/mpeg · 2.5 MB" in screen and "https://cast.example/12.mp3" in screen
    piped = tuinews("--db", str(db), "show", "1").stdout
    assert "Enclosures:\n\n1. <https://cast.example/12.mp3> (audio/mpeg · 2.5 MB)\n" in piped


def test_json_feed_attachments_and_our_own_export_are_read_back(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Cast",
        "items": [
            {
                "id": "12",
                "title": "Episode 12",
                "content_text": "Notes.",
                "attachments": [
                    {
                        "url": "https://cast.example/12.m4a",
                        "mime_type": "audio/x-m4a",
                        "size_in_bytes": 89970236,
                    },
                    {"url": "ftp://cast.example/12.m4a"},
                ],
            }
        ],
    }
    source = tmp_path / "cast.json"
    source.write_text(json.dumps(feed))
    db = tmp_path / "json.db"
    store = open_store(db)
    import_sources([str(source)], store)
    store.close()
    expected = [{"url": "https://cast.example/12.m4a", "type": "audio/x-m4a", "length": 89970236}]
    exported = tuinews("--db", str(db), "export", "--format", "json").stdout
    assert json.loads(exported)["enclosures"] == expected
    # The export imported into another store keeps them.
    again = tmp_path / "export.jsonl"
    again.write_text(exported)
    other = tmp_path / "other.db"
    store = open_store(other)
    import_sources([str(again)], store)
    store.close()
    shown = tuinews("--db", str(other), "show", "1", "--json").stdout
    assert json.loads(shown)["enclosures"] == expected
