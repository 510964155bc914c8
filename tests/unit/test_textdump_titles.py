"""The headline of a pasted page: the line a reader takes for the article's title.

Each case is a kind of page whose headline the dump parser once missed; every fixture here
was written for tuinews.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.importer.formats.textdump.lang import detect
from tuinews.importer.formats.textdump.lines import classify_all
from tuinews.importer.formats.textdump.parse import parse_text_dump
from tuinews.importer.formats.textdump.prose import Grade, Run
from tuinews.importer.formats.textdump.shape import not_a_headline
from tuinews.importer.formats.textdump.topic import Topic
from tuinews.models import ArticleDraft

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"


def _page(name: str) -> ArticleDraft:
    [draft] = parse_text_dump((DUMPS / name).read_text(encoding="utf-8"))
    return draft


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # A reference page: the title above a tools menu and a tagline, the site's logo
        # printed twice; the first sentence names the subject again.
        ("titles_list_page_under_tools.txt", "List of lighthouses on the northern coast"),
        # A blog editor's bar at the top, with the author's name under its own chrome.
        (
            "titles_editor_bar_above_post.txt",
            "The Harbour School Newsroom: Teaching Local Reporting",
        ),
        # A subtitle as short as the headline, right over the body.
        ("titles_subtitle_over_body.txt", "Counting Ferry Passengers With Plain Python"),
        # Headline, a subtitle a little shorter than it, share buttons, a photo's caption
        # printed twice, then the date: the date is the headline's, not the subtitle's.
        (
            "titles_subtitle_then_photo_then_date.txt",
            "Harbour master says he was wrong to hand the regatta cup to the mayor in 2019",
        ),
        # Headline and agency date line, a photo, then a "Related" box of two other stories,
        # each with its byline, right over the body: the box's items are not headlines.
        (
            "titles_related_box_above_body.txt",
            "A second climber dies in the avalanche on the northern ridge",
        ),
        # An encyclopedia entry: the name at the top, fifty lines of facts, then a first
        # sentence that opens with the name. It reads like a person's name; it is the title.
        ("titles_entry_under_fact_box.txt", "Port Elwin"),
        # The same with a one-word name: too short for a headline anywhere else.
        ("titles_one_word_entry.txt", "Tidewater"),
        # A news page whose first paragraph opens with the site's name ("Harbourpost has
        # learned ..."): the headline with its byline stays the headline.
        ("titles_logo_opens_the_lead.txt", "A lonely season ahead for the far isles"),
        # Chinese has no spaces: the headline is one "word" by spaces, yet eighteen
        # characters long; the site's name line and the menu are shorter.
        ("titles_chinese_under_breadcrumb.txt", "渔民在北方海湾发现一群罕见的白色海豚"),
        # Another story's bylined teaser over a "Most read" list over the article: the
        # list's last line is not a box's item but the headline (it names the subject).
        ("titles_most_read_over_the_article.txt", "Ferry company cuts winter timetable by a third"),
        # A story's stats ("Comments:" over a count is a field, not a comment section) and a
        # "Part 2 of the series Next Work →" link, bylined by its date, over the title.
        ("titles_work_under_its_stats.txt", "The Last Winter of the Light"),
        # A series' name over a fifteen-word headline, both printed twice, the byline under
        # the standfirst: the byline is the headline's, not the label's.
        (
            "titles_series_label_over_long_headline.txt",
            "'Where did the beach go?': fishing villages fear for their harbours after the "
            "winter storms",
        ),
    ],
)
def test_the_headline_names_what_the_article_is_about(name: str, title: str) -> None:
    assert _page(name).title == title


def test_a_part_of_the_headline_on_its_own_line_is_not_the_byline() -> None:
    # The headline printed again in two pieces over the body: "Teaching Local Reporting"
    # reads like a name, but it is the headline's second half.
    draft = _page("titles_editor_bar_above_post.txt")
    assert draft.author == "Tove Marsh"


def test_a_photo_caption_that_repeats_the_headline_counts_as_its_second_copy() -> None:
    # A teaser printed twice stands above; the headline's copy is the caption under it.
    draft = _page("titles_caption_repeats_headline.txt")
    assert draft.title == (
        "The harbour toll is a trap: tourists, landlords and the truth about who pays for the pier"
    )


def test_an_image_text_over_its_caption_is_not_the_headline() -> None:
    # A Portuguese page: the headline over a standfirst as long as itself, then a photo's
    # description printed twice (its alt text, then its caption with the credit).
    draft = _page("titles_alt_text_over_caption.txt")
    assert draft.title == "Capitão diz que errou ao levar a taça da regata ao prefeito em 2019"


def test_a_tag_line_between_the_byline_and_the_body_is_not_the_headline() -> None:
    # The tags repeat the body's words more than the headline does; the headline has the
    # byline under it.
    draft = _page("titles_tags_between_byline_and_body.txt")
    assert draft.title.startswith("Ferry tickets go digital")
    assert draft.author == "Tove Marsh"


def test_topic_share_counts_content_words_of_the_opening() -> None:
    text = (
        "Menu\n\nThe ferry timetable changes on Monday for the winter season, and the last "
        "boat will leave the island an hour earlier than in summer.\n"
    )
    lines = classify_all(text)
    grades = [Grade.GOOD if line.words > 10 else Grade.SHORT for line in lines]
    words = [line.text.lower().split() for line in lines if line.words > 10]
    topic = Topic(lines, grades, Run(0, len(lines), 1.0), detect(words, []))
    assert topic.share("Winter ferry timetables") == 1.0  # "timetables" meets "timetable"
    assert topic.share("Council closes the market hall") == 0.0
    # One word met counts as one in three: chance, not a subject named.
    assert topic.share("Ferry") == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "text",
    [
        "Home > World > Europe",
        "首页 >> 教育资讯 >> 正文",
        "News / Science / Space",
        "Portrait by Jane Doe",  # a photo's credit
        "Illustration by Tove Marsh",
    ],
)
def test_a_breadcrumb_trail_or_a_credit_is_not_a_headline(text: str) -> None:
    assert not_a_headline(text)


def test_a_headline_with_a_slash_or_an_arrow_is_still_one() -> None:
    assert not not_a_headline("Rates > 5% for the first time since 2008")
    assert not not_a_headline("AC / DC announce a farewell tour")
    assert not not_a_headline("Pier closed by the winter storms")
    assert not not_a_headline("Ferry fares set by Tove Marsh's new council")


def test_an_escape_sequence_in_the_headline_goes_whole() -> None:
    # A pasted page carrying a colour escape: once only ESC was dropped, "[31m" stayed glued
    # to the headline, which then no longer read as one.
    text = (DUMPS / "german_page.txt").read_text(encoding="utf-8")
    text = text.replace("Werft am Hafen", "\x1b[1;31mWerft\x1b[0m am Hafen", 1)
    [draft] = parse_text_dump(text.replace("Die Schiffe", "Die \x1b]0;title\x07Schiffe"))
    assert draft.title == "Werft am Hafen baut drei elektrische Fähren"
    assert "Die Schiffe werden vierzig Meter lang" in draft.body
