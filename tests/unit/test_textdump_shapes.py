"""One page in the shapes people paste it in: each gives the article the browser's copy gives.

A browser's "select all, copy" keeps every paragraph on one line. lynx, links, w3m -dump, a
terminal's copy and a mail hard-wrap it at 72 to 80 columns; lynx indents it, numbers its links
("[12]Home") and lists their addresses under "References"; a page may be pasted twice, or come
with CRLF ends, no-break and zero-width spaces, tabs and trailing blanks. The fixtures
(shapes_*.txt) are one page written for tuinews, in three of those shapes; the others are made
from it here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bench.dump_variants import reshape

from tuinews.importer.formats.textdump.dates import find_date
from tuinews.importer.formats.textdump.lines import classify_all
from tuinews.importer.formats.textdump.parse import parse_text_dump
from tuinews.importer.formats.textdump.reflow import drop_repeat, reflow, unwrap, wrap_width
from tuinews.models import ArticleDraft

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"
TITLE = (
    "Volunteers count the last of the winter's seal pups on the northern sandbanks before the "
    "spring tides"
)


def _text(shape: str) -> str:
    return (DUMPS / f"shapes_{shape}.txt").read_text(encoding="utf-8")


def _one(text: str) -> ArticleDraft:
    [draft] = parse_text_dump(text)
    return draft


def _same_article(draft: ArticleDraft, browser: ArticleDraft) -> None:
    assert draft.title == TITLE
    assert (draft.author, draft.published, draft.category, draft.source_name) == (
        browser.author,
        browser.published,
        browser.category,
        browser.source_name,
    )
    assert draft.body == browser.body


def test_the_browser_copy() -> None:
    draft = _one(_text("browser_copy"))
    assert draft.title == TITLE
    assert draft.author == "Orla Brennan"
    assert draft.category == "Environment"
    assert draft.source_name == "Kestrel Bay Gazette"
    paragraphs = draft.body.split("\n\n")
    assert len(paragraphs) == 7  # six paragraphs and a heading
    assert paragraphs[4] == "## Why the numbers matter"
    assert paragraphs[0].startswith("A team of forty volunteers")
    assert paragraphs[-1].endswith("at the library on Mill Street.")


@pytest.mark.parametrize("shape", ["wrapped_72", "lynx"])
def test_a_hard_wrapped_page_gives_the_same_article(shape: str) -> None:
    """Each wrapped paragraph and the wrapped headline are one line again; lynx's link
    numbers and its list of addresses are gone."""
    draft = _one(_text(shape))
    _same_article(draft, _one(_text("browser_copy")))
    assert "[" not in draft.body and "https" not in draft.body


def test_a_page_pasted_twice_gives_one_article() -> None:
    text = _text("browser_copy")
    browser = _one(text)
    _same_article(_one(text + "\n" + text), browser)
    _same_article(_one(_text("wrapped_72") + "\n\n" + _text("wrapped_72")), browser)


SHORT_PAGE = """Kestrel Bay Gazette

Seal pups counted on the northern sandbanks

By Orla Brennan

Forty volunteers counted 312 grey seal pups on the northern sandbanks at the weekend.

The count, held every March before the spring tides, found more pups than last year.

Wardens think the mild weather kept more mothers close to the shore this winter.
"""


def test_a_short_page_pasted_twice_gives_one_article() -> None:
    draft = _one(SHORT_PAGE + "\n" + SHORT_PAGE)
    assert draft.title == "Seal pups counted on the northern sandbanks"
    assert draft.body == _one(SHORT_PAGE).body
    assert draft.body.count("Forty volunteers") == 1


def test_crlf_no_break_and_zero_width_spaces_tabs_and_trailing_blanks() -> None:
    text = _text("browser_copy")
    messy = "\r\n".join(
        line.replace(" the ", "\u00a0the ").replace("volunteers", "volun\u200bteers") + " \t"
        for line in text.splitlines()
    )
    _same_article(_one(messy), _one(text))


def test_a_browser_copy_is_not_unwrapped() -> None:
    lines = _text("browser_copy").splitlines()
    assert wrap_width(lines) is None
    assert unwrap(lines) is lines
    # Short paragraphs, all under 100 columns, are no hard-wrapped page either.
    short = ["Ferries", "", "The first boat leaves at six on weekdays and at eight on Sundays."] * 6
    assert wrap_width(short) is None


def test_a_wrapped_page_keeps_its_short_lines_apart() -> None:
    lines = _text("wrapped_72").splitlines()
    assert wrap_width(lines) == 72
    joined = unwrap(lines)
    assert "Why the numbers matter" in joined  # a heading: the next word would have fitted
    assert "By Orla Brennan" in joined
    assert TITLE in joined


def test_footnote_marks_stay_without_a_list_of_links() -> None:
    lines = ["Seals breed on three sandbanks.[12] The count began in 1991.[13]"] * 3
    assert reflow(lines) == lines


def test_a_menu_printed_twice_is_not_a_second_paste() -> None:
    menu = ["Home", "News", "Sport", "Business", "Opinion", "Weather", "Travel", "Events"]
    prose = [f"Paragraph {n} of the article, long enough to read as prose." for n in range(30)]
    lines = menu + menu + prose + ["© 2026 Kestrel Bay Gazette"]
    assert drop_repeat(lines) == lines
    assert drop_repeat(lines + lines) == lines


@pytest.mark.parametrize(
    "line",
    [
        # Unwrapped, a wiki's reference runs an ISSN into its date: "-5085" is no zone.
        "Department of Labour. 2010. p. 2. ISSN 1179-5085. Archived from the original (PDF) on "
        "11 May 2011.",
        "Updated 2026-03-03T10:15+99:00",
    ],
)
def test_a_figure_that_is_no_time_zone_does_not_break_the_date(line: str) -> None:
    found = find_date(line)
    assert found is not None and found[0].date() in (date(2011, 5, 11), date(2026, 3, 3))


@pytest.mark.parametrize("mark", ["*", "-", "+", "–"])
def test_other_bullets_read_as_the_browsers(mark: str) -> None:
    """A list marked "*", "-" or "+" (lynx, Markdown, a mail) is the same list as "•":
    also a menu's items and a footer's links, which the headline's choice looks at."""
    text = _text("browser_copy")
    _same_article(_one(text.replace("  • ", f"  {mark} ")), _one(text))
    footer = "Comments\n\n  • Privacy Policy\n  • Contact us\n  • Home\n"
    plain = [(line.text, line.kind, line.words) for line in classify_all(footer)]
    other = classify_all(footer.replace("•", mark))
    assert [(line.text, line.kind, line.words) for line in other] == plain


def test_a_wrapped_page_with_a_blank_line_after_every_line() -> None:
    text = _text("wrapped_72")
    spaced = "\n\n".join(line for line in text.splitlines() if line.strip())
    draft = _one(spaced)
    assert draft.title == TITLE
    assert draft.author == "Orla Brennan"
    assert "local wardens say has been the busiest since records began" in draft.body


def test_a_wrapped_page_with_a_longer_line_of_code() -> None:
    """A line the tool could not wrap (a command, a table's row) does not hide the width."""
    code = "    curl -s https://count.example/api/2026/pups?bank=north | jq '.pups[] | .coat'"
    text = _text("wrapped_72").replace(
        "Why the numbers matter\n", f"{code}\n\nWhy the numbers matter\n"
    )
    assert wrap_width(text.splitlines()) == 72
    assert _one(text).title == TITLE


def test_a_lower_case_byline_right_under_the_headline_is_not_its_wrapped_tail() -> None:
    """Without blank lines, "by Orla Brennan" under a long headline is still the byline."""
    text = _text("browser_copy").replace("By Orla", "by Orla")
    packed = "\n".join(line for line in text.splitlines() if line.strip())
    draft = _one(packed)
    assert draft.title == TITLE
    assert draft.author == "Orla Brennan"


def _wrapped_page(*lines: str) -> list[str]:
    """Lines of a page wrapped at 60 columns: a paragraph of full lines, then `lines`."""
    return [
        "   The harbour board met on Tuesday to decide whether the old",
        "   ferry should keep running through the winter, and most of",
        "   the members who spoke wanted the service kept as it is now",
        "   until the new boat arrives from the yard in the spring.",
        "",
        *lines,
    ]


def test_a_wrapped_list_item_goes_on_under_its_text_or_under_its_mark() -> None:
    item = "     * Fares for islanders stay at the winter rate (see pages 6,"
    lines = _wrapped_page(item, "       7) until the end of March", "     * Bikes go free")
    assert unwrap(lines)[-2:] == [
        item + " 7) until the end of March",
        "     * Bikes go free",
    ]
    # A tool that does not indent an item's later lines puts them under its mark.
    unhung = _wrapped_page(item, "     (see the timetable)", "     * Bikes go free")
    assert unwrap(unhung)[-2] == item + " (see the timetable)"


def test_a_short_line_under_a_sentence_is_not_its_wrapped_end() -> None:
    """A table's cell or a film's title under a row that ends a sentence stays a line."""
    row = "   Third film about the ferry, made from the 1965 novel."
    lines = _wrapped_page("   Crossing", row, "   Repeaters", "   2010")
    assert lines[-3:] == unwrap(lines)[-3:]


def test_lynx_link_numbers_go_and_footnote_marks_stay() -> None:
    lines = [
        "   Seals breed on [3]three sandbanks.[4] The count^[5][6] began in [7]1991.",
        "",
        "References",
        "",
        *(f"   {n}. https://seals.example/{n}" for n in range(1, 8)),
    ]
    assert reflow(lines) == ["   Seals breed on three sandbanks.[4] The count^[6] began in 1991."]


def test_a_wrapped_headline_byline_age_and_caption_keep_their_lines() -> None:
    """Wrapped at 76 columns: each line but the last of its block is full."""
    lines = [
        "   The harbour board met on Tuesday to decide whether the old ferry should",
        "   keep running through the winter, and most of the members who spoke there",
        "   wanted the service kept as it is now until the new boat arrives from the",
        "   yard in the spring.",
        "",
        "   Ferry tickets go digital with a pocket pass that ends the longer queue at",
        "   - free for everyone who lives on the islands",
        "   Why a short nap after the crossing may help you, according to a new study",
        "   Written by Tomás Ferreira on March 3, 2026",
        "   The judges praised a recipe that the family has kept for four long years.",
        "   8 hours ago",
        "   Cut the foam block about one inch smaller than the glass cloche, about a",
        "   3/4 inch (2 cm), and leave it in water until it sinks to the bottom.",
        "   The container port reopened on Monday after a strike by crane drivers as",
        "   2/6 Bakery chain expands north",
    ]
    assert wrap_width(lines) == 76
    assert unwrap(lines) == [
        " ".join(line.strip() for line in lines[:4]).join(["   ", ""]),
        "",
        lines[5] + " - free for everyone who lives on the islands",
        *lines[7:11],
        lines[11] + " 3/4 inch (2 cm), and leave it in water until it sinks to the bottom.",
        *lines[13:],
    ]


@pytest.mark.parametrize("shape", ["wrap72", "lynx"])
def test_every_fixture_wrapped_gives_the_same_articles(shape: str) -> None:
    """Each of our page fixtures, hard-wrapped (bench.dump_variants), gives what it gives
    as a browser's copy: the same articles, titles, bylines, dates and bodies."""
    for path in sorted(DUMPS.glob("*.txt")):
        if path.stem.startswith("shapes_"):
            continue  # wrapped already
        text = path.read_text(encoding="utf-8")
        plain = parse_text_dump(text)
        reshaped = parse_text_dump(reshape(shape, text, path.stem))
        assert [(d.title, d.author, d.published, d.category, d.body) for d in reshaped] == [
            (d.title, d.author, d.published, d.category, d.body) for d in plain
        ], path.name


@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
def test_the_section_label_without_blank_lines_to_part_it(joiner: str) -> None:
    """Pasted without blank lines, or with one after every line, the label over the
    headline is still the category, and a menu's last item over it still is not."""
    text = _text("browser_copy")
    filled = [line for line in text.splitlines() if line.strip()]
    draft = _one(joiner.join(filled))
    assert (draft.title, draft.category, draft.author) == (TITLE, "Environment", "Orla Brennan")
    at = filled.index("Environment")
    for menu in (["  • Sport", "  • Weather"], ["Home", "Sport", "Weather"]):
        # The last item of a menu right over the headline, bulleted or not.
        draft = _one(joiner.join(filled[:at] + menu + filled[at + 1 :]))
        assert (draft.title, draft.category) == (TITLE, None), menu


@pytest.mark.parametrize("tool", ["lynx", "w3m72", "elinks", "links"])
def test_a_real_text_browsers_dump_gives_the_browser_copys_article(tool: str) -> None:
    """shapes_real_*.txt: tests/fixtures/html/newspaper.html as `lynx -dump -width=80`,
    `w3m -dump -cols 72`, `elinks -dump -dump-width 80` ("Visible links"), `links -dump
    -width 80` and `w3m -dump -cols 400` (a paragraph a line, as a browser's copy) printed
    it (lynx 2.9, w3m 0.5.3, ELinks 0.13, Links 2.28)."""
    wide = _one(_text("real_w3m_wide"))
    draft = _one(_text(f"real_{tool}"))
    assert draft.title == "Harbour district gets a floating library"
    assert (draft.author, draft.published, draft.source_name) == (
        wide.author,
        wide.published,
        wide.source_name,
    )
    assert draft.body == wide.body
    assert "[" not in draft.body and "file://" not in draft.body


def test_a_wrapped_line_may_start_with_the_word_o() -> None:
    """Portuguese and Spanish lines start with "o" ("the", "or"): no list item's mark."""
    lines = [
        "   O conselho do porto decidiu na terça-feira manter as travessias durante",
        "   o inverno, e a maioria dos membros que falaram quer o serviço como está",
        "   hoje até que o barco novo chegue do estaleiro na primavera do ano que",
        "   vem, disse a presidente.",
    ]
    assert unwrap(lines) == ["   " + " ".join(line.strip() for line in lines)]


def test_one_word_replies_under_a_long_comment_stay_lines_of_their_own() -> None:
    # A browser's copy without blank lines: a comment's paragraph, whole on one long line, then
    # replies of one word in lower case. They are no wrapped tail of the paragraph above.
    text = (DUMPS / "comments_one_word_replies.txt").read_text(encoding="utf-8")
    lines = [line.text for line in classify_all(text)]
    assert lines[lines.index("s") + 1 : lines.index("s") + 3] == ["sai", "sai"]
    assert lines[lines.index("s") - 1].endswith("for a boat that never comes")
    draft = _one(text)
    assert draft.title == "Ferry timetable changes for the winter months"
    assert draft.body.endswith("as it does every year.")
    # A long line's rest that reads as one (three words, or a sentence's end) still joins it.
    long = "The council met on Tuesday to talk about the ferry, " * 3
    for rest in ("and voted to keep the late boat", "again."):
        assert [line.text for line in classify_all(f"{long.strip()}\n{rest}")] == [
            f"{long.strip()} {rest}"
        ]


@pytest.mark.parametrize("joiner", ["\n\n", "\n"])
def test_a_feed_link_under_follow_us_is_no_section_label(joiner: str) -> None:
    """shapes_real_w3m_blog.txt: tests/fixtures/html/blog.html as `w3m -dump -cols 400` (w3m
    0.5.3) printed it. "RSS", the link under the sidebar's "Follow us" right over the headline,
    read as an upper-case section label: the post was filed under "RSS"."""
    filled = [line for line in _text("real_w3m_blog").splitlines() if line.strip()]
    draft = _one(joiner.join(filled))
    assert (draft.title, draft.author) == ("Night trains return to the Corvane line", "Ilse Marrow")
    assert draft.category is None
    # A label over the headline under a plain heading still is the post's category.
    at = filled.index("Follow us")
    draft = _one(joiner.join([*filled[:at], "Latest", "TRANSPORT", *filled[at + 2 :]]))
    assert draft.category == "Transport"
