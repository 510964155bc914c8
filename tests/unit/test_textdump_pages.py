"""Page dumps shaped like real sites: one fixture per kind of page the parser once got wrong.

Every fixture in tests/fixtures/dumps/ was written for tuinews; none is copied from a site.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from httpserver import serve, static
from tuinews.importer.formats.textdump.parse import parse_text_dump
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft, View
from tuinews.store import Store

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"
HEADLINE = "Ferry operator orders two hybrid boats"
BODY = (
    "The harbour's ferry operator has ordered two hybrid boats that run on batteries in "
    "port and on diesel at sea, replacing the two oldest vessels on the island route.\n\n"
    "The company said the new boats would arrive in 2028 and would be quieter for the "
    "people who live along the harbour front as well as cheaper to run.\n"
)


def _one(name: str) -> ArticleDraft:
    [draft] = parse_text_dump((DUMPS / name).read_text(encoding="utf-8"))
    return draft


def _paragraphs(draft: ArticleDraft) -> list[str]:
    return draft.body.split("\n\n")


def _check(draft: ArticleDraft, title: str, body: tuple[str, str], absent: list[str]) -> None:
    """The draft's title, the first and last words of its body, and what is not in it."""
    assert draft.title == title
    assert draft.body.startswith(body[0]), draft.body[:80]
    assert draft.body.endswith(body[1]), draft.body[-80:]
    for text in absent:
        assert text not in draft.body, text


def test_blog_post_without_byline_keeps_its_post_and_drops_its_comments() -> None:
    draft = _one("blog_no_byline.txt")
    assert draft.title == "Fixing the old tide clock in the hall"
    assert draft.author is None
    assert draft.published is None
    paragraphs = _paragraphs(draft)
    assert paragraphs[0].startswith("The tide clock in our hall stopped")
    assert paragraphs[-1].endswith("It is a small thing, but the hall feels right again.")
    for text in ("vinegar trick", "Blog Archive", "Powered by", "Labels", "Anna said"):
        assert text not in draft.body, text


def test_interview_keeps_questions_and_answers() -> None:
    draft = _one("interview_qa.txt")
    assert draft.title == (
        '"I wanted the boats to sound like the town": a composer on her harbour symphony'
    )
    assert draft.author == "Tom Reyes"
    assert draft.category == "Interviews"
    assert draft.source_name == "The Valley Review"
    paragraphs = _paragraphs(draft)
    questions = [p for p in paragraphs if p.endswith("?")]
    assert questions == [
        "Why start with recordings rather than a melody?",
        "Was it hard to get the sounds you wanted?",
        "Did the fishermen mind?",
        "What do you hope the audience hears?",
    ]
    assert paragraphs[-1].startswith("Their own town.")
    for text in ("Share this interview", "More interviews", "painter", "©"):
        assert text not in draft.body, text


def test_comments_under_the_article_are_not_its_body() -> None:
    draft = _one("comments_below.txt")
    _check(
        draft,
        "Council approves night buses for the island route",
        ("Night buses will run", "adding a second route to the northern villages."),
        ["Harbourworker", "walked home", "fish market", "Load more", "Privacy"],
    )
    assert draft.author == "Lena Marsh"


def test_wiki_page_keeps_sections_and_drops_contents_and_footer() -> None:
    draft = _one("wiki_page.txt")
    _check(
        draft,
        "Harbour ferry",
        (
            "The harbour ferry is a passenger boat service",
            "used on winter evenings when few people travel.",
        ),
        ["Contents", "1 History", "Jump to", "last edited", "Creative Commons"],
    )
    assert "\n\n## History\n\n" in draft.body
    assert "\n\n## Fleet\n\n" in draft.body


def test_long_teaser_lists_do_not_outweigh_the_article() -> None:
    draft = _one("teaser_lists.txt")
    _check(
        draft,
        "Shipyard wins order for three electric ferries",
        ("The town's shipyard has won an order", "the fishing boats it is building now."),
        ["Storm closes", "Most popular", "Lifeboat", "days ago"],
    )
    assert (draft.author, draft.published, draft.category) == (None, None, "Business")


def test_german_page_byline_and_day_first_date() -> None:
    draft = _one("german_page.txt")
    _check(
        draft,
        "Werft am Hafen baut drei elektrische Fähren",
        ("Die Werft am alten Hafen", "an denen die Werft derzeit arbeitet."),
        ["Mehr zum Thema", "Hafenfest", "Impressum", "Anmelden"],
    )
    assert draft.author == "Anna Schmidt"
    assert draft.published == datetime(2024, 3, 12, 14, 30, tzinfo=UTC)
    assert draft.source_name == "Hafenkurier"


def test_right_to_left_page() -> None:
    draft = _one("rtl_page.txt")
    assert draft.title == "بلدية المدينة تطلق خدمة عبارات جديدة بين الجزر"
    assert draft.author == "سارة حداد"  # "بقلم": "by"
    assert draft.source_name == "صحيفة الساحل"
    paragraphs = _paragraphs(draft)
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("أعلنت بلدية المدينة")  # the right-to-left mark is gone
    assert "\u200f" not in draft.body
    assert "اقرأ أيضا" not in draft.body and "مهرجان" not in draft.body


def test_specs_list_fields_are_not_headings() -> None:
    draft = _one("specs_list.txt")
    _check(
        draft,
        "Tidewater One review: a speaker that survives the beach",
        ("The Tidewater One is", "none I would trust as much near the water."),
        ["## Price", "## Colours", "Related reviews"],
    )
    assert "\n\nPrice: $229\n\n" in draft.body


def test_standfirst_is_the_summary_not_the_body() -> None:
    text = (
        "Menu\nSubscribe\n\nFerry operator orders two hybrid boats\n\n"
        "The boats will cut fuel use on the island route by a third, the operator says.\n\n"
        "By Jane Doe\n2 October 2026\n\n" + BODY
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.summary == (
        "The boats will cut fuel use on the island route by a third, the operator says."
    )
    assert draft.body.startswith("The harbour's ferry operator has ordered")
    assert "cut fuel use" not in draft.body


def test_site_name_from_the_masthead_and_the_copyright_line() -> None:
    article = (
        "Ferry operator orders two hybrid boats\nBy Jane Doe\n2 October 2026\n\n" + BODY + "\n"
    )
    [by_copyright] = parse_text_dump(
        "Menu\nSign in\n\n" + article + "© 2026 Valley Almanac Ltd. All rights reserved.\n"
    )
    assert by_copyright.source_name == "Valley Almanac"
    [by_masthead] = parse_text_dump(
        "The Harbour Post\nNews\nSport\n\n" + article + "About The Harbour Post\n"
    )
    assert by_masthead.source_name == "The Harbour Post"
    [unnamed] = parse_text_dump("Menu\nSign in\n\n" + article)
    assert unnamed.source_name is None


def test_comment_count_under_a_share_bar_is_not_the_end() -> None:
    text = (
        "Ferry operator orders two hybrid boats\nBy Jane Doe\n2 October 2026\n"
        "Share\nTweet\n12 comments\n\n" + BODY
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.body.endswith("as well as cheaper to run.")
    assert "12 comments" not in draft.body


def test_two_line_text_file_imported_by_url(store: Store) -> None:
    note = (
        b"Harbour ferry timetable changes\n"
        b"The winter timetable starts on Monday and the last boat leaves at nine.\n"
    )
    with serve({"/note.txt": static(note, "text/plain")}) as (base, _):
        report = import_sources([f"{base}/note.txt"], store)
    assert (report.new, report.failures) == (1, [])
    [article] = store.articles(View(), now=datetime.now(UTC), limit=5)
    assert article.title == "Harbour ferry timetable changes"


def test_published_and_modified_dates_on_one_line() -> None:
    """Found pasting a newspaper page into the import dialog: the date line became the body's
    first paragraph and the article had no date."""
    text = (
        f"{HEADLINE}\nThu 1 Oct 2026 09.00 EDT Last modified on Fri 2 Oct 2026 10.30 EDT\n\n" + BODY
    )
    [draft] = parse_text_dump(text)
    assert draft.published == datetime(2026, 10, 1, 13, 0, tzinfo=UTC)
    assert draft.body.startswith("The harbour's ferry operator")


def test_french_byline_and_date_line() -> None:
    """Found pasting a French newspaper page: its date line ("à 09h15", "Mis à jour") was not
    read, so the site's promotion at the top of the page was taken for the headline."""
    text = (
        "S'abonner à la Gazette dès 1 €\nAccueil\nMonde\nPolitique\n\n"
        "Le port ouvre une ligne de bateaux électriques vers les îles\n\n"
        "La Gazette du Port | 12.03.2024 à 09h15 • Mis à jour le 13.03.2024 à 18h02 | "
        "Par Claire Dubois\n\n"
        "La mairie a annoncé lundi l'ouverture d'une nouvelle ligne de bateaux électriques "
        "entre le vieux port et les îles, après des années de demandes des habitants.\n\n"
        "Les bateaux partiront toutes les heures du matin au soir, et le billet coûtera moins "
        "cher que le bus vers le centre de la ville.\n\n"
        "S'abonner à la Gazette dès 1 €\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Le port ouvre une ligne de bateaux électriques vers les îles"
    assert draft.author == "Claire Dubois"
    assert draft.published == datetime(2024, 3, 12, 9, 15, tzinfo=UTC)
    assert draft.body.startswith("La mairie a annoncé lundi")


def test_a_label_ending_in_by_is_not_the_headline() -> None:
    text = (
        "Harbour news is sponsored by\nHarbour news is sponsored by\n\n"
        f"{HEADLINE}\n\nThe boats will cut fuel use on the island route by a third.\n\n" + BODY
    )
    [draft] = parse_text_dump(text)
    assert draft.title == HEADLINE
