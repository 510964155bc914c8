"""Dedupe keys and word counts: the fast paths give what the plain ones give."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from hypothesis import given
from hypothesis import strategies as st

from tuinews.store.keys import _TRACKING, canonical_url, word_count


def _urllib_canonical(url: str) -> str:
    """canonical_url as it was before its shortcut for plain links: the reference."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/") or "/", query, ""))


_URL_PIECES = ["http://", "https://", "HTTP://", "www.", "a", "B", "-", ".", "/", ":80", "?x=1"]
_URL_PIECES += ["#f", "%20", " ", "é", "utm_source=z", "&", "//", "0", "\t", "@", ""]


@given(st.lists(st.sampled_from(_URL_PIECES), max_size=12))
def test_the_shortcut_for_plain_links_gives_what_urllib_gives(pieces: list[str]) -> None:
    url = "".join(pieces)
    assert canonical_url(url) == _urllib_canonical(url)


def test_tracking_parameters_and_www_are_dropped() -> None:
    url = "HTTPS://www.Example.org/news/?utm_source=x&id=4#top"
    assert canonical_url(url) == "https://example.org/news?id=4"
    assert canonical_url("https://example.org/news/") == "https://example.org/news"


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0aZ9.é"), max_size=60))
def test_word_count_is_the_number_of_split_words(text: str) -> None:
    assert word_count(text) == len(text.split())
