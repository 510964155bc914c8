"""The source of a page that names no site: the host it came from, or its file's name made
readable; a feed's or a list's name is left as it was."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from httpserver import serve, static
from tuinews.importer.page_names import page_name
from tuinews.importer.pipeline import import_sources
from tuinews.importer.sniff import parse_bytes
from tuinews.importer.sources import SourceRef
from tuinews.models import View
from tuinews.store import Store

BODY = (
    "The harbour's ferry operator said on Monday that it has ordered two hybrid boats for "
    "the crossing to the islands, which will enter service next spring.\n\n"
    "The boats run on batteries in the harbour and on diesel at sea, and the operator says "
    "they will be quieter as well as cheaper to run than the boats they replace.\n"
)
PAGE = "Ferry operator orders two hybrid boats\nBy Jane Doe\n2 October 2026\n\n" + BODY


def _articles(store: Store) -> list[tuple[str, str, str | None]]:
    found = store.articles(View(), now=datetime.now(UTC), limit=10)
    return sorted((a.title, a.source, a.url) for a in found)


def _source_names(store: Store) -> list[str]:
    return sorted(name for (name,) in store.conn.execute("SELECT name FROM sources"))


def test_a_dump_fetched_by_url_is_named_by_its_host_and_linked_to_the_page(store: Store) -> None:
    with serve({"/news/ferry.txt": static(PAGE.encode(), "text/plain")}) as (base, _):
        report = import_sources([f"{base}/news/ferry.txt"], store)
    assert (report.new, report.failures) == (1, [])
    title = "Ferry operator orders two hybrid boats"
    assert _articles(store) == [(title, "127.0.0.1", f"{base}/news/ferry.txt")]
    assert _source_names(store) == ["127.0.0.1"]


def test_a_dump_by_url_is_named_by_the_masthead_that_spells_its_host(store: Store) -> None:
    """The server names the page's address (Content-Location); its masthead line, printed
    once, is the source because it spells that host's name."""
    page = ("Harbour Post\nNews\nSport\n\n" + PAGE).encode()
    where = {"Content-Location": "https://www.harbourpost.example/news/ferry.txt"}
    with serve({"/ferry.txt": static(page, "text/plain", **where)}) as (base, _):
        assert import_sources([f"{base}/ferry.txt"], store).new == 1
    assert [source for _, source, _ in _articles(store)] == ["Harbour Post"]
    assert _source_names(store) == ["Harbour Post"]


def test_two_pages_of_one_host_with_one_headline_stay_two_articles(store: Store) -> None:
    other = PAGE.replace("next spring", "next autumn")
    routes = {
        "/a.txt": static(PAGE.encode(), "text/plain"),
        "/b.txt": static(other.encode(), "text/plain"),
    }
    with serve(routes) as (base, _):
        first = import_sources([f"{base}/a.txt", f"{base}/b.txt"], store)
        again = import_sources([f"{base}/a.txt"], store)
    assert (first.new, first.updated, again.new, again.duplicate) == (2, 0, 0, 1)


def test_a_dump_file_that_names_no_site_is_named_by_its_readable_stem(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "harbour-ferry_news.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert import_sources([str(path)], store).new == 1
    [(_, source, url)] = _articles(store)
    assert (source, url) == ("Harbour ferry news", None)
    assert _source_names(store) == ["Harbour ferry news"]


def test_a_saved_page_named_by_its_title_gives_the_site_after_the_headline(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "Ferry operator orders two hybrid boats - Harbour Post.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert import_sources([str(path)], store).new == 1
    assert [source for _, source, _ in _articles(store)] == ["Harbour Post"]


def test_a_feed_without_a_title_keeps_its_file_name(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "harbour-feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><item><title>Ferry news</title>'
        "<link>https://example.org/ferry</link><description>Two boats.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    assert import_sources([str(path)], store).new == 1
    assert _source_names(store) == ["harbour-feed.xml"]


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("https://www.example.org/news/ferry.txt", "example.org"),
        ("https://News.Example.org:8443/a", "news.example.org"),
        ("https://xn--hfen-loa.example/a", "häfen.example"),
        ("https://xn--zz.example/a", "xn--zz.example"),
        ("https://www.xn--bcher-kva.example/a", "bücher.example"),
    ],
)
def test_a_url_is_named_by_its_host_without_www(location: str, name: str) -> None:
    assert page_name(SourceRef(location, location, "url"), location, []) == name


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("world-two-articles.txt", "World two articles"),
        ("BBC_news.txt", "BBC news"),
        ("Harbour Post notes.txt", "Harbour Post notes"),
        ("2026-03-04.txt", "2026-03-04"),
        ("utf8-meta-after-1024.html", "Utf8 meta after 1024"),
        ("news-2026-03-04.txt", "News 2026-03-04"),
        ("notes.v2", "Notes.v2"),
        ("Ferry operator orders two hybrid boats | Harbour Post.html", "Harbour Post"),
        ("Harbour Post - Ferry operator orders two hybrid boats.txt", "Harbour Post"),
        ("Ferry news - Harbour Post.txt", "Ferry news - Harbour Post"),
    ],
)
def test_a_file_is_named_by_its_stem_made_readable(file: str, name: str) -> None:
    ref = SourceRef(file, f"/tmp/{file}", "file")
    assert page_name(ref, None, ["Ferry operator orders two hybrid boats"]) == name


def _dump_from(url: str, text: str) -> str | None:
    parsed = parse_bytes(text.encode(), url)
    names = {draft.source_name for draft in parsed.drafts}
    assert len(names) == 1
    return parsed.title


@pytest.mark.parametrize(
    ("top", "url", "site"),
    [
        ("Harbour Post\nNews\nSport\n\n", "https://www.harbourpost.example/n/1", "Harbour Post"),
        ("THE HARBOUR POST\nNews\n\n", "https://harbourpost.co.uk/n/1", "THE HARBOUR POST"),
        ("Menu\nharbour-post\n\n", "https://m.harbour-post.example/1", "harbour-post"),
        ("Harbour Post\nNews\n\n", "https://example.org/harbour-post.txt", None),
        ("News\nSport\n\n", "https://news.harbourpost.example/1", None),
    ],
)
def test_a_dump_by_url_takes_the_line_that_names_its_host(
    top: str, url: str, site: str | None
) -> None:
    assert _dump_from(url, top + PAGE) == site
