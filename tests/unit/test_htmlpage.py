"""Saved HTML pages: main text and metadata through trafilatura, boilerplate dropped."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SAMPLE_DATA
from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.page import NO_TEXT, drop_boilerplate, parse_html_page
from tuinews.models import ArticleDraft

HTML = FIXTURES / "html"
PAGES = SAMPLE_DATA / "pages"


def parse(path: str, url: str | None = None) -> tuple[str | None, ArticleDraft]:
    site, drafts = parse_html_page((HTML / path).read_text(encoding="utf-8"), url)
    assert len(drafts) == 1
    return site, drafts[0]


def assert_clean(body: str, boilerplate: list[str]) -> None:
    found = [text for text in boilerplate if text.casefold() in body.casefold()]
    assert found == []
    assert "  " not in body  # the source's indentation is collapsed
    assert "\n\n\n" not in body


def test_newspaper_page_keeps_the_article_and_nothing_else() -> None:
    site, draft = parse("newspaper.html", url="https://elsewhere.example/saved")
    assert site == "The Brackwater Courier"
    assert draft.title == "Harbour district gets a floating library"
    assert draft.author == "Maren Thorsby"
    assert draft.published == datetime(2026, 11, 18, 6, 45, tzinfo=UTC)
    assert draft.category == "Local"
    assert draft.url == "https://courier.example/local/floating-library"  # canonical wins
    assert draft.summary == (
        "A converted ferry will lend books along the Brackwater quays from spring."
    )
    assert draft.key_hint is None
    assert draft.source_name == "The Brackwater Courier"
    body = draft.body
    assert body.startswith("The old passenger ferry Saltwren, retired from the Brackwater")
    assert body.endswith("will open to readers on the twelfth of April.")
    assert "\n\n## What the library will offer\n\n" in body
    assert "## When it opens" in body
    assert "\n- Homework help on weekday afternoons\n" in body
    assert "\n\n> We wanted a library that goes to people instead of waiting" in body
    assert "the [Friends of the Saltwren](https://friends.example/saltwren) campaign" in body
    assert "# Harbour district" not in body  # the title is not repeated as a heading
    assert_clean(
        body,
        [
            "cookie",
            "Accept all",
            "Subscribe",
            "Opinion",
            "Share on",
            "Share this",
            "Share via",
            "advertisement",
            "Related stories",
            "Millgate library roof repairs",
            "Pier Nine to get new lighting",
            "newsletter",
            "morning briefing",
            "Comments (2)",
            "harbourcat",
            "Fix the Millgate roof first",
            "All rights reserved",
            "Privacy policy",
            "Contact us",
            "18 November 2026",
            "By Maren",
        ],
    )


def test_blog_page_reads_json_ld_and_drops_inline_boilerplate() -> None:
    site, draft = parse("blog.html")
    assert site == "Lantern Rail Notes"
    assert draft.title == "Night trains return to the Corvane line"
    assert draft.author == "Ilse Marrow"
    assert draft.published == datetime(2026, 10, 5, 21, 10, tzinfo=UTC)
    assert draft.category == "Transport"
    assert draft.url == "https://lanternrail.example/2026/10/night-trains-corvane/"
    assert draft.summary == (
        "A sleeper service between Corvane and Aldermouth restarts after nine years."
    )
    assert draft.source_name == "Lantern Rail Notes"
    body = draft.body
    assert body.startswith("For the first time in nine years, a sleeper train will leave Corvane")
    assert body.endswith("whether the winter bookings hold up.")
    assert "\n\n## Cabins and prices\n\n" in body
    assert "\n1. Seats that recline, from 39 crowns\n" in body
    assert "\n- Bicycles carried in the front van" in body
    assert "\n\n> Passengers kept writing to us asking for the night train back" in body
    assert "[operator's night train page](https://valenorthern.example/night)" in body
    # A relative link is resolved against the page's own address.
    assert (
        "[lease deal we covered in August](https://lanternrail.example/2026/08/carriage-lease)"
    ) in body
    assert_clean(
        body,
        [
            "Archive",
            "Categories",
            "Follow us",
            "Posted on",
            "Advertisement",
            "Share this",
            "Share on",
            "Mastodon",
            "newsletter",
            "Related",
            "Tram extension",
            "thoughts on",
            "Booked already",
            "Leave a Reply",
            "Powered by",
        ],
    )


def test_minimal_page_without_metadata() -> None:
    site, draft = parse("minimal.html")
    assert site is None
    assert draft.title == "Pumpkin contest breaks village record"
    assert draft.author is None
    assert draft.published is None  # "the record set in 2019" is not a publication date
    assert draft.category is None
    assert draft.url is None
    assert draft.summary is None
    assert draft.source_name is None
    assert draft.body.startswith("The annual pumpkin contest in Little Fennick was won")
    assert draft.body.endswith("around two thousand visitors to the village green.")
    assert draft.body.count("\n\n") == 2  # three plain paragraphs, no other markup
    assert not any(mark in draft.body for mark in ("#", "- ", "> ", "]("))


def test_minimal_page_takes_the_url_it_was_saved_from() -> None:
    _, draft = parse("minimal.html", url="https://fennick.example/news/pumpkin")
    assert draft.url == "https://fennick.example/news/pumpkin"


PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story tells how the Osterby choir rehearsed in the old mill "
    f"through the winter, and what the singers made of the cold rooms there.</p>"
    for n in range(3)
)


def page(head: str, body: str = PARAGRAPHS) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_summary_is_dropped_when_it_only_repeats_the_start_of_the_body() -> None:
    head = '<title>Choir</title><meta name="description" content="Paragraph 0 of the story…">'
    _, (draft,) = parse_html_page(page(head))
    assert draft.summary is None
    head = '<title>Choir</title><meta name="description" content="The choir sings again.">'
    _, (draft,) = parse_html_page(page(head))
    assert draft.summary == "The choir sings again."


def test_relative_canonical_link_is_resolved_against_the_saved_address() -> None:
    head = "<title>Choir</title><link rel='canonical' href='/music/choir'>"
    _, (draft,) = parse_html_page(page(head), url="https://osterby.example/print/123")
    assert draft.url == "https://osterby.example/music/choir"
    _, (draft,) = parse_html_page(page(head))
    assert draft.url is None  # a relative address alone is no use


def test_title_falls_back_to_the_title_tag_without_the_site_suffix() -> None:
    _, (draft,) = parse_html_page(page("<title>Choir keeps singing | Osterby Post</title>"))
    assert draft.title == "Choir keeps singing"
    head = (
        '<title>Choir keeps singing - Osterby Post</title><meta property="og:site_name" '
        'content="Osterby Post"><meta property="article:section" content="Music">'
    )
    site, (draft,) = parse_html_page(page(head))
    assert (site, draft.title, draft.category) == ("Osterby Post", "Choir keeps singing", "Music")


def test_drop_boilerplate_removes_share_ads_newsletters_and_related_lists() -> None:
    blocks = [
        "Real text one.",
        "Advertisement",
        "**Share this article**",
        "Share on Facebook Share on X",
        "Sign up for our newsletter to get the week's best stories.",
        "We use cookies to improve your experience. Accept all cookies",
        "Real text two with [a link](https://a.example/).",
        "## Related articles",
        "- [One](https://a.example/1)\n- [Two](https://a.example/2)",
        "Read more: [Three](https://a.example/3)",
        "© 2026 Some Paper. All rights reserved.",
        "Copyright 2026 Some Paper",
    ]
    assert drop_boilerplate(blocks) == [
        "Real text one.",
        "Real text two with [a link](https://a.example/).",
    ]
    # Ordinary paragraphs that merely mention these words stay.
    text = [
        "Related news came later.",
        "- Share prices fell",
        "By noon the ferry had left.",
        "Copyright law was changed in May.",
    ]
    assert drop_boilerplate(text) == text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news"
        " from everywhere today</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        "</body></html>",
        "<html><head><title>Nothing</title></head><body><footer>© 2026 Nobody</footer></body>",
        "<html><body><div class='cookie'><p>We use cookies. Accept all cookies?</p></div></body>",
        "",
        "   \n ",
        "<html></html>",
    ],
    ids=["only navigation", "only a footer", "only a cookie banner", "empty", "blank", "no body"],
)
def test_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(ImportFailure) as raised:
        parse_html_page(html)
    assert raised.value.reason == NO_TEXT


def test_fragment_saved_without_html_element_is_read() -> None:
    _, (draft,) = parse_html_page("<div>" * 200 + PARAGRAPHS + "</div>" * 200)
    assert draft.body.startswith("Paragraph 0 of the story") and draft.body.count("\n\n") == 2


HOSTILE_PAGES = {
    "control characters": "\x00\x01\x02<p>\x00</p>",
    "xml declaration": (
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Text here.</p></body></html>"
    ),
    "5000 nested divs": "<div>" * 5000 + "deep text " * 50 + "</div>" * 5000,
    "4500 unclosed blocks": "<blockquote><ul><li>" * 1500 + "nested " * 50,
    "20000 empty paragraphs": "<p>" * 20000,
    "broken canonical link": (
        "<html><head><link rel='canonical' href='http://[broken'></head><body>"
        + PARAGRAPHS
        + "</body></html>"
    ),
}


@pytest.mark.parametrize("html", HOSTILE_PAGES.values(), ids=HOSTILE_PAGES.keys())
def test_hostile_pages_give_a_draft_or_import_failure(html: str) -> None:
    try:
        _, drafts = parse_html_page(html, url="https://x.example/")
    except ImportFailure as failure:
        assert failure.reason
    else:
        assert len(drafts) == 1 and drafts[0].body and drafts[0].title


HTML_BITS = st.sampled_from(
    ["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<nav>", "<h2>", "<ul><li>",
     "<blockquote>", "<a href='/x'>", "</a>", "<title>", "<meta property='og:title' content='",
     "'>", "<script>", "<!--", "-->", "&amp;", "&#0;", "<![CDATA[", "\x00", "Share this",
     "The ferry left at noon and the harbour was quiet for the rest of the day. "]
)  # fmt: skip
PAGE_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(HTML_BITS, st.text(max_size=20)), max_size=60).map("".join),
    st.binary(max_size=400).map(lambda data: data.decode("cp1252", errors="replace")),
)


@settings(max_examples=100, deadline=None)
@given(text=PAGE_TEXT)
def test_any_text_gives_drafts_or_import_failure(text: str) -> None:
    try:
        site, drafts = parse_html_page(text)
    except ImportFailure as failure:
        assert isinstance(failure.reason, str) and failure.reason
    else:
        assert site is None or isinstance(site, str)
        assert len(drafts) == 1 and isinstance(drafts[0].title, str) and drafts[0].body


@pytest.mark.parametrize(
    ("name", "title", "section", "site", "published"),
    [
        (
            "science-glacier-moss.html",
            "Moss found thriving under a retreating glacier",
            "Science",
            "Northlight Gazette",
            datetime(2026, 10, 14, 6, 30, tzinfo=UTC),
        ),
        (
            "culture-puppet-theatre.html",
            "A puppet theatre returns to the old tram depot",
            "Culture",
            "The Ember Review",
            datetime(2026, 11, 6, 17, 20, tzinfo=UTC),
        ),
    ],
)
def test_sample_pages(name: str, title: str, section: str, site: str, published: datetime) -> None:
    found, (draft,) = parse_html_page((PAGES / name).read_text(encoding="utf-8"))
    assert (found, draft.title, draft.category, draft.published) == (
        site,
        title,
        section,
        published,
    )
    assert draft.author and draft.url and draft.summary
    assert 300 <= len(draft.body.split()) <= 500
    assert "## " in draft.body and "\n- " in draft.body and "\n> " in draft.body
    assert_clean(draft.body, ["cookie", "Share", "Related", "newsletter", "Comment", "©"])


def test_trafilatura_is_imported_only_when_a_page_is_parsed() -> None:
    code = "import sys, tuinews.importer.formats.page; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
