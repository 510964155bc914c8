"""Tests for the plain-text page dump importer (tuinews.importer.formats.textdump.parse)."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cpu_budget
from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.textdump.body import section_label
from tuinews.importer.formats.textdump.meta import parse_meta
from tuinews.importer.formats.textdump.names import clean_author
from tuinews.importer.formats.textdump.parse import parse_text_dump
from tuinews.models import ArticleDraft

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "dumps"
SAMPLES = ROOT / "sample_data" / "dumps"
# ../shared beside the checkout (a worktree under wt/ finds it one level further up).
SHARED = next(
    (
        up / "shared" / "samples" / "two-articles-pagedump.txt"
        for up in (ROOT.parent, ROOT.parents[1])
        if (up / "shared" / "samples").is_dir()
    ),
    ROOT.parent / "shared" / "samples" / "two-articles-pagedump.txt",
)


def _parse(name: str) -> list[ArticleDraft]:
    return parse_text_dump((FIXTURES / name).read_text(encoding="utf-8"))


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _check_body(draft: ArticleDraft, starts: str, ends: str, excludes: list[str]) -> None:
    assert draft.body.startswith(starts)
    assert draft.body.endswith(ends)
    for text in excludes:
        assert text not in draft.body, text
    assert "\n\n\n" not in draft.body


# (a) wire service: "Reading:" bar, nav menu, ticker, split byline, "4 Min Read", trending list.
def test_wire_service_dump() -> None:
    [draft] = _parse("wire_reading_bar.txt")
    assert draft.title == "Chipmakers race to build smaller fabs as power bills climb"
    assert draft.author == "Marta Kovalenko"
    assert draft.published == _utc(2026, 1, 22, 21, 15)  # 4:15 PM ET in January
    assert draft.category == "Technology"
    assert draft.summary is None
    assert draft.url is None and draft.key_hint is None
    _check_body(
        draft,
        "TAIPEI, Jan 22 (Wirewire) - Chipmakers from Taiwan to Arizona",
        "compared with four years or more for a conventional campus.",
        [
            "Reading:",
            "BTC",
            "4 Min Read",
            "Advertisement",
            "Read more",
            "Reporting by",
            "Our Standards",
            "Trending",
            "Lena Marsh",
            "Port strike",
            "Privacy Policy",
            "©",
            "Copy link",
        ],
    )
    assert "\n\n## Power bills\n\n" in draft.body
    assert draft.body.count("\n\n") == 8  # eight paragraphs and one heading


# (b) tabloid: section label, "Last updated", bullets, share bars and an ad inside the body.
def test_tabloid_dump() -> None:
    [draft] = _parse("tabloid_share_bar.txt")
    assert (
        draft.title == "Hospital trials 'smart plaster' that texts nurses when a wound turns septic"
    )
    assert draft.author == "Dan Holloway"
    assert draft.published == _utc(2025, 11, 21, 0, 43)
    assert draft.category == "Health"
    assert draft.summary == (
        "- Sensor strip changes colour and sends an alert within hours of an infection starting\n"
        "- Trial at three hospitals could cut repeat surgery, doctors say\n"
        "- Each plaster costs less than a cup of coffee to make"
    )
    _check_body(
        draft,
        "A sticking plaster that quietly sends a text message",
        "if the technology is rolled out more widely.",
        [
            "ADVERTISEMENT",
            "Share",
            "WhatsApp",
            "12 comments",
            "newsletter",
            "inbox",
            "Email address",
            "Subscribe",
            "You might also like",
            "morning coffee",
            "JANE PRICE",
            "HappyHiker",
            "Reply",
            "©",
            "Sensor strip",
        ],
    )
    assert "'If this works as well as it did in the laboratory" in draft.body
    assert draft.body.count("\n\n") == 8


# (c) two articles: caption, "Short Url", "Updated", "Follow", repeated headline, bullets.
def test_two_article_dump() -> None:
    first, second = _parse("two_articles_short_url.txt")
    assert first.title == (
        "Kenya’s solar pump makers eye $400 million export market as drought spreads"
        " — industry body"
    )
    assert first.published == _utc(2025, 10, 14)
    assert first.author is None and first.category is None
    assert first.summary == (
        "- Local manufacturers shipped more than 85,000 pumps to neighbouring countries last year\n"
        "- Industry body says cheaper credit and faster customs checks could double sales by 2028"
    )
    _check_body(
        first,
        "NAIROBI: Kenyan makers of solar-powered water pumps",
        "too expensive to run for many farmers across the region.",
        ["Short Url", "Follow", "(Reuters/File)", "Updated 14 October 2025", "Gulf", "\u00a0"],
    )
    assert first.title not in first.body
    assert second.title == (
        "Gulf carrier orders 30 wide-body jets to expand its East Africa network — chairman"
    )
    assert second.published == _utc(2025, 11, 5)
    assert second.summary is not None and second.summary.count("\n- ") == 1
    _check_body(
        second,
        "DUBAI: A Gulf airline has ordered 30 wide-body aircraft",
        "which it expects to reach 120 aircraft by the end of the decade.",
        ["Updated 05 November 2025", "Follow", "NAIROBI", "Deal includes options"],
    )


# (d) magazine: standfirst, "Words by", plain date, photo credit, subheadings, related, comments.
def test_magazine_dump() -> None:
    [draft] = _parse("magazine_words_by.txt")
    assert draft.title == "The quiet return of the neighbourhood repair café"
    assert draft.author == "Priya Raman"
    assert draft.published == _utc(2026, 1, 22)
    assert draft.category == "Culture"
    # The standfirst between the headline and the byline is the article's summary.
    assert (
        draft.summary
        == "Why a generation raised on disposable gadgets is learning to fix things again."
    )
    _check_body(
        draft,
        "On the first Saturday of every month, the hall behind St Aidan's church",
        "the organisers argue, is where a less wasteful habit begins.",
        [
            "Why a generation",
            "Words by",
            "Photography",
            "Photo: Tom Ashby",
            "Subscribe",
            "Related",
            "moths",
            "Comments",
            "Maya Fenwick",
            "town library",
            "Owen Pryce",
            "©",
        ],
    )
    assert "\n\n## A fix for every fuse\n\n" in draft.body
    assert "\n\n## What the numbers miss\n\n" in draft.body


# (e) three articles in a row, with lists of other headlines (bylines, dates) between them.
def test_three_article_dump() -> None:
    first, second, third = _parse("three_articles_scroll.txt")
    assert first.title == (
        "Coastal towns vote to share one ferry fleet after years of rival timetables"
    )
    assert (first.author, first.category) == ("Sam Ortiz", "World")
    assert first.published == _utc(2026, 9, 3, 13, 5)  # 14:05 BST
    _check_body(
        first,
        "Five coastal towns that have spent two decades",
        "in a joint statement after the vote.",
        ["Also read", "electric water taxi", "Tags", "Most read", "Storm closes", "Kit Langley"],
    )
    assert first.body.count("\n\n") == 3

    assert second.title == (
        "Seabed Cable Repair Ship Uses Underwater Drone To Find Fault In Record Time"
    )
    assert (second.author, second.category) == ("Ana Sousa", "Science & Tech")
    assert second.published == _utc(2026, 9, 5, 8, 30)
    # The standfirst between the headline and the byline is the summary, as for a page's
    # main article (it was dropped before: not in the body, not the summary).
    assert second.summary is not None
    assert second.summary.startswith("Engineers say the remotely operated vehicle")
    _check_body(
        second,
        "A repair ship working off the northern headland",
        "it would publish a full report on the cause.",
        ["Engineers say the remotely operated", "Advertisement", "Most popular", "festival"],
    )
    assert "\n\n## How the search worked\n\n" in second.body

    assert third.title == "Island clinics to offer video appointments with mainland specialists"
    assert (third.author, third.category) == ("Kit Langley", "Health")
    assert third.published == _utc(2026, 9, 7, 11, 0)
    assert third.summary == (
        "- Patients on three islands will be able to see hospital consultants without taking"
        " the ferry\n- The service starts in October and will be free at the point of use"
    )
    _check_body(
        third,
        "Patients on three of the region's islands",
        "the number of specialist visits to the islands in person.",
        ["Comments", "About time", "Reply", "©", "Updated"],
    )


@pytest.mark.skipif(not SHARED.exists(), reason="the shared sample is not on this machine")
def test_shared_sample_matches_its_expected_result() -> None:
    expected = json.loads(SHARED.with_suffix(".expected.json").read_text(encoding="utf-8"))
    drafts = parse_text_dump(SHARED.read_text(encoding="utf-8"))
    assert len(drafts) == len(expected["articles"])
    for draft, want in zip(drafts, expected["articles"], strict=True):
        assert draft.title == want["title"]
        assert draft.published is not None
        assert draft.published.date().isoformat() == want["published"]
        assert draft.body.startswith(want["body_starts"])
        assert draft.body.endswith(want["body_ends"])
        for text in want.get("body_excludes", []):
            assert text not in draft.body
        for text in want.get("summary_has", []):
            assert draft.summary is not None and text in draft.summary


@pytest.mark.parametrize(
    ("name", "categories", "site"),
    [
        ("technology-wire.txt", ["Technology"], "Wirewire"),
        ("health-tabloid.txt", ["Health"], "Associated Tabloids"),
        ("world-two-articles.txt", ["World", "World"], "The Compass Dispatch"),
    ],
)
def test_sample_dumps(name: str, categories: list[str], site: str) -> None:
    drafts = parse_text_dump((SAMPLES / name).read_text(encoding="utf-8"))
    assert [d.category for d in drafts] == categories
    for draft in drafts:
        # The site's name, as the sidebar and the list show it: never the file's name.
        assert draft.source_name == site
        assert draft.published is not None
        assert _utc(2026, 9, 1) <= draft.published < _utc(2026, 12, 1)
        assert 300 <= len(draft.body.split()) <= 600


# Small pages written inline: layouts the fixtures do not cover.
PARA_1 = (
    "The council said the new scheme would start in the spring and cost less than the old"
    " one, officials confirmed on Monday evening."
)
PARA_2 = (
    "Residents have been asked to comment on the proposals before the end of the month, and"
    " a public meeting will be held in the town hall."
)
HEADLINE = "Rivers get a second chance as weirs come down"


def test_headline_and_prose_without_metadata() -> None:
    [draft] = parse_text_dump(f"{HEADLINE}\n\n{PARA_1}\n\n{PARA_2}\n")
    assert draft.title == HEADLINE
    assert draft.body == f"{PARA_1}\n\n{PARA_2}"
    assert draft.author is None and draft.published is None and draft.category is None


def test_standfirst_then_bare_name_and_date() -> None:
    text = (
        f"Environment\n\n{HEADLINE}\nDozens of old barriers are being removed to let fish"
        f" swim upstream.\nJane Doe\nMon 3 Nov 2026 08.00 GMT\nShare\n\n{PARA_1}\n\n{PARA_2}\n"
    )
    [draft] = parse_text_dump(text)
    assert (draft.title, draft.author, draft.category) == (HEADLINE, "Jane Doe", "Environment")
    assert draft.published == _utc(2026, 11, 3, 8, 0)
    assert draft.body.startswith("The council said")


def test_date_above_the_headline() -> None:
    [draft] = parse_text_dump(f"3 November 2026\n{HEADLINE}\n\n{PARA_1}\n\n{PARA_2}\n")
    assert draft.title == HEADLINE
    assert draft.published == _utc(2026, 11, 3)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The council said the new scheme would start in the spring and cost\n"
        "less than the old one, officials confirmed on Monday evening after a\nlong debate."
    )
    [draft] = parse_text_dump(f"{HEADLINE}\nBy Jane Doe\n\n{wrapped}\n\n{PARA_2}\n")
    assert draft.body.split("\n\n")[0] == (
        "The council said the new scheme would start in the spring and cost less than the old"
        " one, officials confirmed on Monday evening after a long debate."
    )


def test_relative_date_is_ignored_and_published_wins_over_updated() -> None:
    text = (
        f"{HEADLINE}\nPublished 3 hours ago\n\n{PARA_1}\n\n{PARA_2}\n\n"
        f"Other headline for the next story here\nUpdated: 4 Oct 2026\n"
        f"Published: 2 Oct 2026 10:00 am\n\n{PARA_2}\n\n{PARA_1}\n"
    )
    first, second = parse_text_dump(text)
    assert first.published is None
    assert second.published == _utc(2026, 10, 2, 10, 0)


def test_headline_list_above_the_article_is_not_taken_for_it() -> None:
    text = (
        "Most read\nPort strike enters second week as talks stall\nBy Lena Marsh\n3 hours ago\n"
        "Central bank signals pause after third cut\nBy Arjun Patel\n\n"
        f"{HEADLINE}\nBy Jane Doe\nOctober 2, 2026\n\n{PARA_1}\n\n{PARA_2}\n"
    )
    [draft] = parse_text_dump(text)
    assert (draft.title, draft.author) == (HEADLINE, "Jane Doe")
    assert draft.published == _utc(2026, 10, 2)


def test_long_standfirst_without_full_stop_is_not_the_title() -> None:
    dek = (
        "Dozens of old barriers across the country are being pulled out so that salmon and"
        " eels can reach their spawning grounds again"
    )
    text = (
        f"Sign in\nCost of living\nEnergy price cap\n\n{HEADLINE}\n{dek}\nBy Jane Doe\n"
        f"October 2, 2026\n\n{PARA_1}\n\n{PARA_2}\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.title == HEADLINE
    assert dek not in draft.body


def test_lists_attributions_and_headings_inside_the_body() -> None:
    text = (
        f"{HEADLINE}\nBy Jane Doe\n\n{PARA_1}\n\nThe plan has three parts:\n"
        "1. Remove the weirs\n2. Restore the banks\n3. Count the fish\n\n"
        "“We will not stop until every river runs free.”\n— Ana Sousa, campaigner\n\n"
        f"What comes next\n\nAdvertisement\n\n{PARA_2}\n\nShare\nFacebook\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.body == (
        f"{PARA_1}\n\nThe plan has three parts:\n\n"
        "1. Remove the weirs\n2. Restore the banks\n3. Count the fish\n\n"
        "“We will not stop until every river runs free.”\n\n— Ana Sousa, campaigner\n\n"
        f"## What comes next\n\n{PARA_2}"
    )


def test_control_characters_and_odd_spaces_are_cleaned() -> None:
    text = f"\ufeff{HEADLINE}\r\nBy\tJane\u00a0Doe\r\n\r\n{PARA_1}\x07\r\n\r\n{PARA_2}\u200b"
    [draft] = parse_text_dump(text)
    assert draft.author == "Jane Doe"
    assert draft.body == f"{PARA_1}\n\n{PARA_2}"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t\n",
        "Home\nWorld\nBusiness\nSubscribe\nSign in\n© 2026 Example Media",
        "Advertisement\nShare\nFacebook\nTwitter\nCopy link",
        "Trending\nSome headline here today\nBy Jane Doe\n2 hours ago",
        "Just a short note.",
    ],
)
def test_no_article_raises_import_failure(text: str) -> None:
    with pytest.raises(ImportFailure, match="no article found"):
        parse_text_dump(text)


def test_non_text_raises_import_failure() -> None:
    with pytest.raises(ImportFailure):
        parse_text_dump(b"bytes are not text")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("Updated 26 September 2025", None, _utc(2025, 9, 26)),
        ("Last updated: November 21, 2025 12:43 am", None, _utc(2025, 11, 21, 0, 43)),
        ("Sept. 5, 2026, 3:10 p.m. EDT", None, _utc(2026, 9, 5, 19, 10)),
        ("2026-10-02T09:30:00+02:00", None, _utc(2026, 10, 2, 7, 30)),
        ("21/11/2026", None, _utc(2026, 11, 21)),
        ("Thursday 1st October 2026", None, _utc(2026, 10, 1)),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe, John Roe", None),
        ("BY JANE DOE FOR DAILY EXAMPLE", "Jane Doe", None),
        ("By Jane Doe in Nairobi · 2 Oct 2026 · 4 min read", "Jane Doe", _utc(2026, 10, 2)),
        ("Words by Sam Ortiz", "Sam Ortiz", None),
    ],
)
def test_metadata_lines(line: str, author: str | None, published: datetime | None) -> None:
    meta = parse_meta(line)
    assert meta is not None
    assert (meta.author, meta.date) == (author, published)


@pytest.mark.parametrize(
    "line",
    [
        "Budget talks stall on March 3, 2026 as ministers walk out of the room",
        "By continuing to browse you agree to our use of cookies",
        "31 February 2026",
        "By the numbers",
    ],
)
def test_lines_that_are_not_metadata(line: str) -> None:
    assert parse_meta(line) is None


def test_author_and_section_helpers() -> None:
    assert clean_author("Dan Holloway, Health Reporter") == "Dan Holloway"
    assert clean_author("continuing to browse") is None
    assert clean_author("JANE DOE AND JOHN ROE") == "Jane Doe, John Roe"
    assert section_label("WORLD") == "World"
    assert section_label("UK NEWS") == "UK News"
    assert section_label("Home / Technology") == "Technology"
    assert section_label("Sign in") is None
    assert section_label("ADVERTISEMENT") is None


def test_huge_inputs_finish_quickly() -> None:
    texts = [
        "word " * 200_000,
        "(" * 100_000 + "photo",
        "1 January 2026 " * 20_000,
        "Some headline here today\nBy Jane Doe\n" * 20_000,
        "\n" * 200_000,
    ]
    # Linear work finishes in well under a second of CPU; a quadratic pass would take minutes.
    with cpu_budget(10):
        for text in texts:
            with contextlib.suppress(ImportFailure):
                parse_text_dump(text)


BOILERPLATE = [
    "Home", "World", "Business", "Subscribe", "Sign in", "Share", "Facebook", "Copy link",
    "Short Url", "Follow", "Advertisement", "ADVERTISEMENT", "Trending", "Most read",
    "You might also like", "Related", "© 2026 Example Media", "All rights reserved",
    "Privacy Policy", "BTC $97,000 +1.2%", "S&P 500 6,012.45 -0.3%", "By", "By Jane Doe",
    "Jane Doe", "Updated 26 September 2025", "January 22, 2026", "Published 3 hours ago",
    "4 Min Read", "Reading: A headline about the harbour", "A headline about the harbour",
    "TECHNOLOGY", "  • A bullet point about the harbour and its boats", "- Another bullet",
    "A harbour worker at dawn. (AFP/File)", "Photo: Jane Doe", "12 comments", "Comments",
    "Also read", "Read more: Another headline",
    "Sign up for our newsletter and get news in your inbox.",
    "HARBOURTOWN: A long paragraph of prose that goes on for a while, with many words in it.",
    "He declined to comment.", "A subheading here", "", "", "\u00a0",
]  # fmt: skip


NO_ARTICLE = "no article found in the text"


def _well_formed(drafts: list[ArticleDraft]) -> None:
    assert drafts
    for draft in drafts:
        assert draft.title.strip() and draft.body.strip()
        assert draft.published is None or draft.published.utcoffset() == UTC.utcoffset(None)
        assert draft.summary is None or all(s.startswith("- ") for s in draft.summary.split("\n"))
        assert draft.url is None and draft.key_hint is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(BOILERPLATE), st.text(max_size=60)), max_size=40))
def test_random_boilerplate_lines_never_break_the_parser(lines: list[str]) -> None:
    try:
        drafts = parse_text_dump("\n".join(lines))
    except ImportFailure as failure:
        assert failure.reason == NO_ARTICLE  # not the guard that turns a parser bug into one
        return
    _well_formed(drafts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_breaks_the_parser(text: str) -> None:
    try:
        drafts = parse_text_dump(text)
    except ImportFailure as failure:
        assert failure.reason == NO_ARTICLE  # not the guard that turns a parser bug into one
        return
    _well_formed(drafts)
