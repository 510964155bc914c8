"""OPML as publishers write it: read as forgivingly as feed readers do, in one pass."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.opml import parse_opml
from tuinews.models import FeedSubscription


def opml(body: str, head: str = "<head><title>Mine</title></head>") -> bytes:
    return f'<?xml version="1.0"?><opml version="2.0">{head}<body>{body}</body></opml>'.encode()


def test_bare_ampersands_and_html_entities_are_read() -> None:
    # The usual faults of real lists: a bare & in a title and in a URL, &nbsp; undeclared.
    data = opml(
        '<outline text="News & Views">'
        '<outline text="Q&A&nbsp;daily" xmlUrl="https://qa.example/feed?a=1&b=2"/>'
        "</outline>"
        '<outline text="Caf&eacute; &amp; co" xmlUrl="https://cafe.example/rss"/>'
    )
    title, subs = parse_opml(data)
    assert title == "Mine"
    assert subs == [
        FeedSubscription("https://qa.example/feed?a=1&b=2", "Q&A\u00a0daily", "News & Views"),
        FeedSubscription("https://cafe.example/rss", "Café & co", None),
    ]


def test_a_tag_left_open_keeps_the_feeds_before_and_after() -> None:
    data = opml(
        '<outline text="Tech"><outline text="A" xmlUrl="https://a.example/feed">'
        '<outline text="B" xmlUrl="https://b.example/feed"/></outline>'
    )
    assert [s.url for s in parse_opml(data)[1]] == [
        "https://a.example/feed",
        "https://b.example/feed",
    ]


def test_a_doctype_without_entities_is_read_and_entity_declarations_are_refused() -> None:
    plain = (
        b'<?xml version="1.0"?><!DOCTYPE opml><opml><body><outline xmlUrl="http://a.example/f"/>'
    )
    assert [s.url for s in parse_opml(plain + b"</body></opml>")[1]] == ["http://a.example/f"]
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<opml><body><outline text="&b;" xmlUrl="http://a.example/f"/></body></opml>'
    )
    with pytest.raises(ImportFailure, match="entities"):
        parse_opml(bomb)


def test_folders_are_named_by_text_and_feeds_by_title() -> None:
    data = opml(
        '<outline text="Science" title="sci-folder-id">'
        '<outline text="short" title="The Long Name" xmlUrl="https://s.example/feed"/>'
        "</outline>"
    )
    assert parse_opml(data)[1] == [
        FeedSubscription("https://s.example/feed", "The Long Name", "Science")
    ]


def test_an_undeclared_legacy_encoding_or_unknown_declaration_still_reads() -> None:
    data = b'<?xml version="1.0" encoding="ATF-8"?><opml><body>'
    data += b'<outline text="Caf\xc3\xa9" xmlUrl="https://c.example/f"/></body></opml>'
    assert parse_opml(data)[1] == [FeedSubscription("https://c.example/f", "Café", None)]


def calls_made(work: Callable[[], Any]) -> int:
    """How many Python function calls (and generator resumptions) `work` makes."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def big_list(feeds: int) -> bytes:
    outlines = "".join(
        f'<outline text="F{n}" xmlUrl="https://f{n}.example/feed"/>' for n in range(feeds)
    )
    return opml(f'<outline text="Folder">{outlines}</outline>')


def test_the_work_grows_linearly_with_the_outlines() -> None:
    # Found with 10k, 20k, 40k outlines: 5.4 s, 25 s, 1 m 44 s (each URL was compared with
    # every one found before). Counted in calls, not seconds: the clock is not a test.
    small, large = big_list(1_000), big_list(8_000)
    assert len(parse_opml(large)[1]) == 8_000
    small_calls = calls_made(lambda: parse_opml(small))
    large_calls = calls_made(lambda: parse_opml(large))
    assert large_calls < 9 * small_calls
