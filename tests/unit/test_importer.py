"""The importer: feeds, JSON, sanitizing, bad input, and the bundled sample data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW, SAMPLE_DATA
from tuinews.importer.encoding import decode
from tuinews.importer.errors import ImportFailure
from tuinews.importer.pipeline import SourceRef, import_sources, parse_source
from tuinews.importer.sanitize import clean_block, clean_line
from tuinews.importer.sniff import parse_bytes, sniff
from tuinews.models import View, ViewKind
from tuinews.store import Store


def parse_file(path: Path):  # type: ignore[no-untyped-def]
    return parse_source(SourceRef(str(path), str(path), "file"))


def test_rss_feed_gives_clean_markdown_articles() -> None:
    parsed = parse_file(FIXTURES / "feeds" / "small.rss")
    assert parsed.kind == "feed"
    assert parsed.title == "Quayside Bulletin"
    first, evil = parsed.drafts
    assert first.title == "Night ferry timetable extended & simplified"
    assert first.author == "Tomas Brandvik"
    assert first.published == datetime(2026, 11, 17, 6, 30, tzinfo=UTC)
    assert first.category == "Transport"
    assert first.key_hint == "quayside-0001"
    assert first.url == "https://quayside.example/ferry-timetable"
    assert first.summary == "Two late crossings are added from December."
    assert "## What changes" in first.body
    assert "- A 23:40 departure on weekdays" in first.body
    assert '> "Shift workers asked' in first.body
    assert "[the timetable page](https://quayside.example/timetable)" in first.body
    assert "alert" not in first.body
    # Control sequences never survive: not in the title, not in the body.
    assert evil.title == "Evil title"
    assert "\x1b" not in evil.body and "\x07" not in evil.body
    assert "pwned" not in evil.body


def test_atom_and_rdf_feeds() -> None:
    (entry,) = parse_file(FIXTURES / "feeds" / "small.atom").drafts
    assert entry.title == "Beekeepers report a late honey harvest"
    assert entry.published == datetime(2026, 11, 20, 14, 15, tzinfo=UTC)
    assert entry.category == "Science"  # lower-case categories are capitalised
    assert entry.author == "Rosa Quintero"
    assert entry.body == "Colonies kept foraging well into October.\n\nYields rose by a fifth."
    (item,) = parse_file(FIXTURES / "feeds" / "small.rdf").drafts
    assert item.title == "Library extends weekend hours"
    assert item.author == "Jun Park"
    assert item.published == datetime(2026, 10, 2, 8, 0, tzinfo=UTC)


def test_entity_expansion_bomb_is_refused() -> None:
    with pytest.raises(ImportFailure, match="entities"):
        parse_file(FIXTURES / "feeds" / "bomb.rss")


def test_json_array_object_jsonl_and_json_feed() -> None:
    article = {
        "title": "Ferry",
        "body": "Text",
        "published": "2026-11-01T10:00:00+02:00",
        "category": "Transport",
        "unknown": [1, 2],
    }
    for payload in (
        json.dumps([article]),
        json.dumps({"articles": [article]}),
        json.dumps(article),
        json.dumps(article) + "\n\n" + json.dumps(article) + "\n",
    ):
        drafts = parse_bytes(payload.encode()).drafts
        assert drafts[0].title == "Ferry"
        assert drafts[0].published == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JF",
        "items": [
            {
                "id": "jf-1",
                "title": "Hello",
                "content_html": "<p>One</p><p>Two</p>",
                "date_published": "2026-11-02T00:00:00Z",
                "authors": [{"name": "Ola"}],
                "tags": ["Misc"],
            }
        ],
    }
    parsed = parse_bytes(json.dumps(feed).encode())
    assert parsed.title == "JF"
    (draft,) = parsed.drafts
    assert (draft.body, draft.author, draft.category, draft.key_hint) == (
        "One\n\nTwo",
        "Ola",
        "Misc",
        "jf-1",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b'{"title": "x", ', "malformed JSON"),
        (b"[1, 2, 3]", "no article"),
        (b"<rss><channel><item><title>unclosed", "malformed feed"),
    ],
)
def test_bad_input_gives_a_plain_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFailure, match=reason):
        parse_bytes(data)


def test_encodings_are_detected() -> None:
    assert decode("Café".encode("utf-16")) == "Café"
    assert decode("Café".encode("utf-8-sig")) == "Café"
    assert decode("Café “quoted”".encode("cp1252")) == "Café “quoted”"
    assert decode(b'<?xml version="1.0" encoding="iso-8859-1"?><a>\xe9</a>').endswith("é</a>")


def test_sniffing_looks_at_content_not_names() -> None:
    assert sniff('<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff("<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff("<opml version='2.0'>") == "opml"
    assert sniff("<!DOCTYPE html><html>") == "html"
    assert sniff('{"a": 1}\n{"b": 2}\n') == "jsonl"
    assert sniff('{\n "a": 1\n}') == "json"
    assert sniff("Headline\n\nBody text") == "text"


def test_sanitizing_removes_escapes_bidi_and_zero_width() -> None:
    hostile = "A\x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07b\u202eevil\u200b\x9b2J\x00z"
    assert clean_line(hostile) == "Aredbevilz" or "\x1b" not in (clean_line(hostile) or "")
    cleaned = clean_line(hostile) or ""
    for bad in ("\x1b", "\x07", "\u202e", "\u200b", "\x9b", "\x00", "ZXZpbA"):
        assert bad not in cleaned
    assert clean_block("one\r\n\r\n\r\n\r\ntwo  \n") == "one\n\ntwo"
    assert clean_line("  a \t b\n c ") == "a b c"


def test_sample_data_imports_once_and_reimport_adds_nothing(store: Store) -> None:
    sources = [
        str(SAMPLE_DATA / "feeds"),
        str(SAMPLE_DATA / "business-and-sports.json"),
        str(SAMPLE_DATA / "health-and-culture.jsonl"),
    ]
    first = import_sources(sources, store)
    assert first.failures == []
    assert (first.new, first.updated, first.duplicate, first.sources) == (47, 0, 0, 5)
    again = import_sources(sources, store)
    assert (again.new, again.updated, again.duplicate) == (0, 0, 47)
    counts = store.counts(NOW)
    assert counts.views[ViewKind.ALL].total == 47
    assert {"Technology", "Science", "World", "Politics", "Business", "Sports"} <= set(
        counts.categories
    )
    sources_seen = {row.source for row in store.page(View(), now=NOW, limit=100)}
    assert {"The Circuit Ledger", "Meridian Wire", "Harbour Post", "Lantern Weekly"} <= sources_seen


def test_whole_sample_folder_imports_without_failures(store: Store) -> None:
    report = import_sources([str(SAMPLE_DATA)], store)
    assert report.failures == []
    assert report.new >= 30
    assert len(store.counts(NOW).categories) >= 6


def test_one_bad_source_does_not_stop_the_others(store: Store, tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": ')
    (tmp_path / "good.json").write_text('[{"title": "Fine", "body": "Words here."}]')
    (tmp_path / ".hidden.json").write_text("not read at all")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    report = import_sources([str(tmp_path), str(tmp_path / "missing.rss")], store)
    assert report.new == 1
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert set(reasons) == {"broken.json", "missing.rss"}
    assert reasons["missing.rss"] == "no such file or folder"
    assert report.summary() == "imported 1 new, 0 updated, 0 duplicate, 2 failed from 3 sources"
