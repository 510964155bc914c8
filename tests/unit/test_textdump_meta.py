"""The metadata of a pasted page: bylines, dates, headlines, as real pages print them.

Each case is a kind of line or page the dump parser once read wrong; every line and fixture
here was written for tuinews.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tuinews.importer.formats.textdump.header import header_meta
from tuinews.importer.formats.textdump.lines import Kind, classify, classify_all
from tuinews.importer.formats.textdump.meta import parse_meta
from tuinews.importer.formats.textdump.names import bare_name
from tuinews.importer.formats.textdump.parse import parse_text_dump
from tuinews.models import ArticleDraft

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        # A name and a date with nothing between them (a blog's byline row).
        ("Mara Lindqvist March 9, 2026 13", "Mara Lindqvist", _utc(2026, 3, 9)),
        ("Tomas Ek Monday, February 2, 2026 @ 10:15 PM UTC", "Tomas Ek", _utc(2026, 2, 2, 22, 15)),
        # A name and how long ago.
        ("Ines Okafor 2 days ago", "Ines Okafor", None),
        ("Ines Okafor • 8h", "Ines Okafor", None),
        # "By" with a date that has no year, and the author's handle.
        ("By Lena Sorel May 4 at 9:12 AM Follow @lenasorel", "Lena Sorel", None),
        # The name, the date, then the programme or outlet: the name is what comes first.
        (
            "By PETRA NOVAK June 2, 2026 4:05 PM Harbour Morning",
            "Petra Novak",
            _utc(2026, 6, 2, 16, 5),
        ),
        # A lost space between the name and the date.
        ("by Rui Costa12 Jan 2026", "Rui Costa", _utc(2026, 1, 12)),
        # The date first, then "by".
        ("on April 7, 2026 by Wen Zhao", "Wen Zhao", _utc(2026, 4, 7)),
        ("Posted by Wen Zhao on April 7, 2026at 08:05", "Wen Zhao", _utc(2026, 4, 7, 8, 5)),
        # Dates written the way French, German and Spanish pages write them.
        ("AFP 3 mai 2026 à 09:15 (Mis à jour : 3 mai 2026 à 11:40)", None, _utc(2026, 5, 3, 9, 15)),
        ("21. März 2026, 14:05 Uhr", None, _utc(2026, 3, 21, 14, 5)),
        ("Publicado el 12 de marzo de 2026", None, _utc(2026, 3, 12)),
        # Three authors joined by a comma and the page language's "and".
        ("Por Ana Ruiz Gil, Pau Vidal y Marta Sol", "Ana Ruiz Gil, Pau Vidal, Marta Sol", None),
        # A place, a degree or the outlet after the names.
        ("Von Anna Lindqvist, Bergen", "Anna Lindqvist", None),
        ("By Jo Marsh, PhD", "Jo Marsh", None),
        ("By Jo Marsh and Tove Berg, The Harbour Post", "Jo Marsh, Tove Berg", None),
        # "by" after the date and a comma, in English and in French.
        ("Published 3 March 2026, by Jo Marsh", "Jo Marsh", _utc(2026, 3, 3)),
        ("Publié le 3 mars 2026 à 10h15, par Jean Moreau", "Jean Moreau", _utc(2026, 3, 3, 10, 15)),
        # "Written by" and a byline's label in other languages.
        ("Escrito por Marta Sol", "Marta Sol", None),
        ("Geschrieben von Anna Lindqvist", "Anna Lindqvist", None),
        ("Skrevet af Ole Holm", "Ole Holm", None),
        ("Text: Anna Lindqvist", "Anna Lindqvist", None),
        ("Redakcja: Jan Nowak", "Jan Nowak", None),
        # A place between the name and the date; a time written "10:15h"; a German label.
        ("Por Ana Ruiz | Madrid | 03/03/2026 - 10:15h", "Ana Ruiz", _utc(2026, 3, 3, 10, 15)),
        ("Veröffentlicht am 3. März 2026 um 10:15 Uhr", None, _utc(2026, 3, 3, 10, 15)),
        # A blog theme's line: the section and the author's handle beside the date.
        ("Posted in Ferries by jomarsh on March 3, 2026", None, _utc(2026, 3, 3)),
        ("Posted on March 3, 2026 by jomarsh", None, _utc(2026, 3, 3)),
        # The name and the job title; the date and its time in two parts.
        ("Jo Marsh | Senior Health Correspondent", "Jo Marsh", None),
        ("Jo Marsh, Staff Writer", "Jo Marsh", None),
        ("Jo Marsh, Associated Press", "Jo Marsh", None),
        ("Mar 3, 2026 | 10:15 am", None, _utc(2026, 3, 3, 10, 15)),
        # "By" in Hebrew, Russian and Turkish; a script without capitals.
        ("מאת דנה לוי", "דנה לוי", None),
        ("Автор: Анна Смирнова", "Анна Смирнова", None),
        ("Yazar: Ayşe Yılmaz", "Ayşe Yılmaz", None),
        # The year first, as Chinese, Japanese and Korean pages write dates.
        ("发布时间：2026年03月03日 10:15", None, _utc(2026, 3, 3, 10, 15)),
        ("2026년 3월 3일", None, _utc(2026, 3, 3)),
        ("입력 2026.03.03 10:15", None, _utc(2026, 3, 3, 10, 15)),
        ("2026/03/03", None, _utc(2026, 3, 3)),
        # A first name that starts like a month's name cut short ("Jane", "janeiro").
        ("Jane Marsh March 3, 2026", "Jane Marsh", _utc(2026, 3, 3)),
    ],
)
def test_byline_and_date_lines(line: str, author: str | None, published: datetime | None) -> None:
    meta = parse_meta(line)
    assert meta is not None, line
    assert (meta.author, meta.date) == (author, published)


@pytest.mark.parametrize(
    "line",
    [
        "Budget talks stall on March 3, 2026 as ministers walk out of the room",
        "Harbour Tides Report March 3, 2026 and the week ahead",
        "Ferry fares rise 2 days ago",
        "Text: bold and italic",
        "Version 2024.10.1",
        "News | Reporter",
        "Press Releases",
        "Editor, Harbour Post",
        "Letters to the Editor",
    ],
)
def test_headlines_with_dates_are_not_bylines(line: str) -> None:
    assert parse_meta(line) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Jo Marsh", "Jo Marsh"),
        ("Jo Marsh, @jomarsh", "Jo Marsh"),
        ("Jo Marsh Jo Marsh", "Jo Marsh"),  # the photo's alt text, then the name's link
        ("Jo Marsh writes", None),
        # A nickname or initials in brackets or quotes inside the name.
        ("Robert (R.J.) Lindqvist", "Robert (R.J.) Lindqvist"),
        ('Robert "Bob" Lindqvist', 'Robert "Bob" Lindqvist'),
        ("Jo Marsh (Reuters)", "Jo Marsh"),
        # Two words of a script without capitals: a menu's item as likely as a name.
        ("أخبار محلية", None),
    ],
)
def test_a_name_standing_alone(line: str, name: str | None) -> None:
    assert bare_name(line) == name


def _page(name: str) -> ArticleDraft:
    [draft] = parse_text_dump((DUMPS / name).read_text(encoding="utf-8"))
    return draft


def test_a_name_alone_under_the_headline_beats_buttons_and_photo_titles() -> None:
    # Between the header and the body: share buttons, a login box, a photo's title.
    draft = _page("name_under_headline.txt")
    assert draft.title == "Ferry timetable changes for the winter season"
    assert draft.author == "Tove Marsh"
    assert draft.body.startswith("The ferry operator will cut")


def test_headline_over_its_standfirst_under_a_glued_menu() -> None:
    # A Spanish page: menu items run together above the headline, a standfirst without a
    # full stop under it.
    draft = _page("standfirst_glued_menu.txt")
    assert draft.title == "La nueva lancha del puerto llega antes del invierno"


def test_a_caption_between_headline_and_byline_does_not_make_it_a_teaser() -> None:
    # The outlet's logo printed twice and a teaser's headline stand near the body as well.
    draft = _page("caption_above_byline.txt")
    assert draft.title == "Island school gets a new roof before the winter storms"
    assert draft.author == "Ines Okafor"


@pytest.mark.parametrize(
    ("name", "title", "author"),
    [
        # The header with its byline far above; the headline printed again over the body.
        (
            "byline_under_first_copy.txt",
            "How to pack for a week on the island without a car",
            "Tove Marsh",
        ),
        # No byline at the top: the author's note under the article names them.
        ("author_note_at_end.txt", "Night buses return to the valley after six years", "Rosa Lind"),
        # A blog's author card above the headline: the name over its reading time.
        (
            "name_over_reading_time.txt",
            "What the old lighthouse keeper taught me about patience",
            "Ines Okafor",
        ),
    ],
)
def test_bylines_away_from_the_headline(name: str, title: str, author: str) -> None:
    draft = _page(name)
    assert (draft.title, draft.author) == (title, author)


def test_a_comments_link_in_the_share_bar_does_not_hide_the_headline() -> None:
    draft = _page("comments_link_in_header.txt")
    assert draft.title == "Lifeboat station wins funding for a new slipway"
    assert draft.author == "Hanna Berg"
    assert draft.body.endswith("on the other side of the bay.")


def test_a_post_signed_with_name_and_date_at_its_end() -> None:
    draft = _page("signed_at_the_end.txt")
    assert draft.title == "Why I still sharpen my chisels by hand"
    assert draft.author == "Mara Lindqvist"


def test_a_byline_naming_the_photographer_is_not_a_caption() -> None:
    line = classify("by Lena Sorel (reporting) and Tomas Ek (photography)")
    assert line.kind is Kind.META
    assert line.meta is not None and line.meta.author == "Lena Sorel"


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        # A Chinese news page's credit line: the date, the source, an empty author field and
        # the editor, with nothing between them.
        (
            "2026-03-10 09:58:03来源：海港日报作者：责任编辑：王芳",
            "王芳",
            _utc(2026, 3, 10, 9, 58),
        ),
        ("2026-03-10 来源：海港日报 作者：李海 编辑：王芳", "李海", _utc(2026, 3, 10)),
        ("作者：李海", "李海", None),
        # "by:" with its colon glued to the word, as a list item of the header.
        ("by: Laila Haddad", "Laila Haddad", None),
        # The author's job after the name is not a second author.
        ("Posted by Jon Berg, Software Engineer on Harbour Cloud", "Jon Berg", None),
        # Several authors are stored as a list of names, whatever the page's word for "and".
        ("Par Léa Martin et Hugo Petit", "Léa Martin, Hugo Petit", None),
        ("By Jo Marsh and Tove Berg", "Jo Marsh, Tove Berg", None),
        # A particle inside one name is not a second author.
        ("Por José Ortega y Gasset", "José Ortega y Gasset", None),
        # A byline that is only a handle still dates the page.
        ("On 6/13/2026 by @harbourjon", None, _utc(2026, 6, 13)),
        # Abbreviated month names between dots (Brazilian papers) or with a dot (German).
        ("21.dez.2025 às 12h55", None, _utc(2025, 12, 21, 12, 55)),
        ("21. Dez. 2025, 08:30 Uhr", None, _utc(2025, 12, 21, 8, 30)),
    ],
)
def test_credit_lines_in_other_forms(
    line: str, author: str | None, published: datetime | None
) -> None:
    meta = parse_meta(line)
    assert meta is not None, line
    assert (meta.author, meta.date) == (author, published)


def test_a_name_under_by_alone_printed_twice() -> None:
    # "by" on a line of its own, then the author's avatar text and link: one name.
    lines = classify_all("by\n\nTove Marsh Tove Marsh\n")
    assert lines[2].meta is not None and lines[2].meta.author == "Tove Marsh"


def test_a_bulleted_by_line_is_the_byline() -> None:
    line = classify("  • by: Laila Haddad")
    assert line.kind is Kind.META
    assert line.meta is not None and line.meta.author == "Laila Haddad"


def test_a_personal_blog_named_after_its_author() -> None:
    # The masthead and the copyright line name the same person and no byline stands
    # anywhere; the date is a list item several lines above the headline.
    draft = _page("personal_blog_masthead.txt")
    assert draft.author == "Mara Lindqvist"
    assert draft.published == _utc(2026, 3, 3)
    assert draft.source_name == "Mara Lindqvist"


_ARTICLE = (
    "Ferry operator orders two hybrid boats\nBy Jane Doe\n2 October 2026\n\n"
    "The harbour's ferry operator has ordered two hybrid boats that run on batteries in "
    "port and on diesel at sea, replacing the two oldest vessels on the island route.\n\n"
    "The company said the new boats would arrive in 2028 and would be quieter for the "
    "people who live along the harbour front as well as cheaper to run.\n\n"
)


@pytest.mark.parametrize(
    ("top", "footer", "site"),
    [
        # The site's name before the sign, its owner after it.
        ("Menu\nSign in", "Harbour Post © 2026 Tidewater Holdings", "Harbour Post"),
        ("Menu\nSign in", "Harbour Post® © 2026", "Harbour Post"),
        # A company owns the site; the logo's text at the top names it.
        ("Harbour Post logo\nNews", "© 2026 Tidewater Media Group, Inc.", "Harbour Post"),
        ("eHarbour Logo Discover\nNews", "© 2026 Tidewater Group", "eHarbour"),
        ("The Harbour Post homepage\nNews", "© 2026 Tidewater Media", "The Harbour Post"),
        # The site's address alone at the top (a mobile page's logo).
        ("m.harbourpost.com\nNews", "© 2026 Tidewater Media", "harbourpost.com"),
        # A company owns it; the first line is a brand that the page names again.
        ("HPOST\nNews\nSport", "About HPOST\n© 2026 Tidewater Interactive Inc.", "HPOST"),
        # A menu's word first is no brand: the owner is the best name there is.
        ("Blog\nNews", "Blog\n© 2026 Tidewater Media", "Tidewater Media"),
        # The company is named after its paper: the paper's name, not the masthead's city.
        (
            "Harbour City\nNews",
            "Harbour City\n© 2026 The Harbour City Post Company",
            ("The Harbour City Post"),
        ),
        # A numbered menu printed again (a breadcrumb) is no masthead.
        ("1. News\n2. Ferries", "1. News\n2. Ferries", None),
        # "Copyright" as a link's label is no copyright line with a name before it.
        ("Menu\nSign in", "Report Copyright\nTerms of Use", None),
        # The site's calls to follow it or read more of it name it, without a copyright line
        # or over its owner's (a company's: "Media", "Network" anywhere, ", LLC" after it).
        ("Menu\nSign in", "Follow Harbour Post\nMore from Harbour Post", "Harbour Post"),
        (
            "Menu\nSign in",
            "Get the Harbour Post app\nAbout Harbour Post\n© 2026 Tidewater Media, LLC",
            "Harbour Post",
        ),
        (
            "Menu\nSign in",
            "Follow Harbour Post\nAbout Harbour Post\n© 2026 Tidewater Network Digital",
            "Harbour Post",
        ),
        (
            "Menu\nSign in",
            "Follow Harbour Post\nNew to Harbour Post?\n© 2026 Tidewater, a.s.",
            "Harbour Post",
        ),
        # ... never a person's button, a pronoun, or a name the page prints once.
        (
            "Menu\nSign in",
            "Follow Jane Doe\nFollow Jane Doe\n© 2026 Tidewater Media",
            "Tidewater Media",
        ),
        ("Menu\nSign in", "Follow Us\nAbout Us\n© 2026 Tidewater Media", "Tidewater Media"),
        ("Menu\nSign in", "About Cookies\nCookies\n© 2026 Tidewater Media", "Tidewater Media"),
        ("Menu\nSign in", "More from Xinhua\nXinhua\n© 2026 Tidewater Media", "Tidewater Media"),
        ("Menu\nSign in", "More from Tidewater Sport\n© 2026 Tidewater Media", "Tidewater Media"),
        # A writer's name over a post on a platform: the platform names itself.
        (
            "Open in app\nSign in\nMara Lindqvist",
            "Mara Lindqvist\nMore from Harbourline\nGet the Harbourline app",
            "Harbourline",
        ),
        # The logo's text and its link's, printed twice: the name, a small one too.
        ("HPOSTHPOST\nNews", "© 2026 Tidewater Interactive Inc.", "HPOST"),
        ("harbourpost harbourpost logo\nNews", "© 2026 Tidewater Media", "harbourpost"),
        # The headline with the site's name after it, as the page's title gives it (a share
        # text, a print header); not a section's name.
        (
            "Menu\nSign in",
            "Share: Ferry operator orders two hybrid boats | Harbour Post\n© 2026 Tidewater Media",
            "Harbour Post",
        ),
        (
            "Menu\nSign in",
            "Ferry operator orders two hybrid boats - World\n© 2026 Tidewater Media",
            "Tidewater Media",
        ),
        # A link back to the front page names the site, as the logo's address before its
        # "Home" does.
        ("hpost back to hpost home news\nSign in", "© 2026 Tidewater Media", "hpost"),
        ("Back to The Harbour Post home\nNews", "© 2026 Tidewater Media", "Harbour Post"),
        ("harbourpost.com Home\nNews", "© 2026 Tidewater Media", "harbourpost.com"),
        ("Back to the home page\nNews", "© 2026 Tidewater Media", "Tidewater Media"),
        ("Back to our home page\nNews", "© 2026 Tidewater Media", "Tidewater Media"),
        # A button's label printed twice at the top is no masthead.
        (
            "Download Harbour Post\nNews",
            "Download Harbour Post\n© 2026 Tidewater Media",
            "Tidewater Media",
        ),
        # A long notice that opens with the sign names the site first.
        (
            "Menu\nSign in",
            "© 2026 Valley Almanac. All rights reserved. Use of this site constitutes acceptance "
            "of our User Agreement and Privacy Policy, and the material on it may not be "
            "reproduced, distributed, transmitted, cached or otherwise used without permission.",
            "Valley Almanac",
        ),
    ],
)
def test_the_site_name_as_a_reader_sees_it(top: str, footer: str, site: str | None) -> None:
    [draft] = parse_text_dump(f"{top}\n\n{_ARTICLE}{footer}\n")
    assert draft.source_name == site


_PARAGRAPHS = (
    "The harbour's ferry operator has ordered two hybrid boats that run on batteries in "
    "port and on diesel at sea, replacing the two oldest vessels on the island route.\n\n"
    "The company said the new boats would arrive in 2028 and would be quieter for the "
    "people who live along the harbour front as well as cheaper to run.\n\n"
    "Islanders have asked for a later last sailing for years, and the operator said the "
    "new timetable would add one in the summer months.\n"
)


@pytest.mark.parametrize(
    ("header", "summary"),
    [
        # Key points: the summary.
        (
            "• Two hybrid boats will replace the oldest ferries\n"
            "• The first is due on the island route in 2028\n",
            "- Two hybrid boats will replace the oldest ferries\n"
            "- The first is due on the island route in 2028",
        ),
        # Share buttons and tags in a bulleted row: no summary; the standfirst is one.
        (
            "• Pin\n• Share\n• Tweet\n• Email\n\n"
            "The island route gets quieter boats and a later last sailing.\n",
            "The island route gets quieter boats and a later last sailing.",
        ),
        ("• Ferries\n• Harbour news\n• Island life\n", None),
        # A table of contents: its entries are the article's headings further down.
        (
            "• Why the operator chose hybrid boats\n• What changes for the islanders\n",
            None,
        ),
        # A gallery's captions: the photo's alt text and its caption start alike.
        (
            "• In this photo taken on Monday the old ferry leaves the harbour\n"
            "• In this photo taken on Monday the old ferry leaves the harbour (Photo: J. Doe)\n"
            "• A crew member ties the ferry up at the island pier in the rain\n",
            None,
        ),
    ],
)
def test_bullets_under_the_headline_as_the_summary(header: str, summary: str | None) -> None:
    body = _PARAGRAPHS.replace(
        "\n\nIslanders", "\n\nWhy the operator chose hybrid boats\n\nIslanders"
    ).replace("summer months.\n", "summer months.\n\nWhat changes for the islanders\n\n")
    text = (
        "Menu\n\nFerry operator orders two hybrid boats\n\n"
        f"{header}\nBy Jane Doe\n2 October 2026\n\n{body}"
        "Fares stay the same until the new boats arrive, the operator said.\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.summary == summary


@pytest.mark.parametrize(
    "between",
    [
        # A photo's alt text, then its caption with the credit: a caption, printed twice.
        "The old ferry leaves the harbour on its last crossing of the year\n"
        "The old ferry leaves the harbour on its last crossing of the year Photo: J. Doe\n"
        "By Jane Doe\n2 October 2026\n",
        # A photo's caption that ends with its credit.
        "Passengers wait on the pier beside the old ferry at dawn on Monday, in a picture the "
        "harbour office says was taken on the day the new boats were ordered from the yard "
        "Credit: Harbour Herald\n\n"
        "By Jane Doe\n2 October 2026\n",
        # Under the byline and a share bar, a photo's caption over another story's card.
        "By Jane Doe\n2 October 2026\nShare\nTweet\n\n"
        "Passengers wait on the pier beside the old ferry.\n\n"
        "Island school gets a new roof\n\nThe roof was paid for by the parish.\n"
        "More from the harbour\n",
    ],
)
def test_a_caption_is_not_the_standfirst(between: str) -> None:
    text = f"Menu\n\nFerry operator orders two hybrid boats\n\n{between}\n{_PARAGRAPHS}"
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.summary is None


@pytest.mark.parametrize(
    ("above", "category"),
    [
        ("Menu\n\nWorld", "World"),
        ("Menu\n\nWirtschaft", "Wirtschaft"),  # as German, French, Spanish pages name them
        ("Menu\n\nÉconomie", "Économie"),
        ("Menu\n\nDeportes", "Deportes"),
        # An ad's label or the columnist's name between the label and the headline.
        ("Menu\n\nWorld\n\nSupported by", "World"),
        ("Menu\n\nOpinion\n\nJane Doe", "Opinion"),
        # A label that says it is one, whatever the section is called.
        ("Menu\n\nCategories: Ferries", "Ferries"),
        ("Menu\n\nRubrique : Transports", "Transports"),
        # A button in capitals is no section.
        ("Menu\n\nSHOP NOW >", None),
    ],
)
def test_the_section_label_above_the_headline(above: str, category: str | None) -> None:
    text = f"{above}\n\nFerry operator orders two hybrid boats\n\n2 October 2026\n\n{_PARAGRAPHS}"
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.category == category


_PLAYER = (
    "Settings\nFull Screen\nEmbed\nVideo Quality\nAuto\nHigh (HD)\nMedium\nLow\n"
    "Closed Caption Settings\nBack\nLanguage\nEnglish\nPosition\n  • Bottom\n  • Top\n"
    "Type Size\nA\nA\nA\nStyle Options\n  • Presets\n  • Text\n  • Background\nArial\n"
    "  • Georgia\n  • Verdana\n75% (transparency)\n  • 100% (opaque)\n  • 50% (transparency)\n"
    "Plain\nShadow\nRaised\nLowered\nOutline\n"
)


def test_a_byline_above_a_video_player() -> None:
    # A video player's controls and settings between the byline and the body, and the
    # player's notice: the byline is the article's, however far above.
    text = (
        "Menu\n\nHarbour ferry gets a new skipper\n\n"
        "By TOVE MARSH March 3, 2026 4:05 PM Harbour Morning\n\n"
        f"{_PLAYER}This clip cannot be played where you are.\n\n"
        "Ferry operator orders two hybrid boats\n\nNow playing\n\n"
        f"Ferry operator orders two hybrid boats\n\n{_PARAGRAPHS}"
    )
    draft = parse_text_dump(text)[0]
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert (draft.author, draft.published) == ("Tove Marsh", _utc(2026, 3, 3, 16, 5))


@pytest.mark.parametrize(
    "between",
    [
        "Most watched\n\n" + _PLAYER,  # a list's header: the byline is another story's
        _PLAYER + "The island's last boatyard closes after a century, and its workers say "
        "the harbour will not be the same.\n",  # a teaser's blurb
    ],
)
def test_no_byline_past_a_list_or_a_paragraph(between: str) -> None:
    lines = classify_all(
        "Harbour ferry gets a new skipper\nBy Tove Marsh\n"
        f"{between}\nFerry operator orders two hybrid boats\n\n{_PARAGRAPHS}"
    )
    head = next(i for i, line in enumerate(lines) if line.text.startswith("Ferry operator"))
    assert header_meta(lines, head, head + 2, len(lines), [])[0] is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("03.03.2026 10:15", _utc(2026, 3, 3, 10, 15)),
        ("2026-03-03", _utc(2026, 3, 3)),
        ("2026年3月3日", _utc(2026, 3, 3)),
        ("2026-03-03 18:00 │ 200 │ 4084", None),  # a table's row, not a date line
    ],
)
def test_a_date_in_figures_only(line: str, published: datetime | None) -> None:
    meta = classify(line).meta
    assert (meta.date if meta is not None else None) == published


@pytest.mark.parametrize(
    "names",
    ["Jo Marsh and Tove Berg", "Jo Marsh, Tove Berg", "Jo Marsh, Tove Berg y Ana Ruiz"],
)
def test_a_line_of_names_under_the_headline(names: str) -> None:
    text = (
        f"Menu\n\nFerry operator orders two hybrid boats\n\n{names}\n3 March 2026\n\n{_PARAGRAPHS}"
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.author is not None and draft.author.startswith("Jo Marsh, Tove Berg")


def test_the_author_note_under_about_the_author() -> None:
    text = (
        f"Menu\n\nFerry operator orders two hybrid boats\n\n3 March 2026\n\n{_PARAGRAPHS}\n"
        "About the author\n\nJo Marsh is the Harbour Post's transport correspondent.\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.author == "Jo Marsh"


@pytest.mark.parametrize(
    ("end", "author"),
    [
        ("(Reporting by Jo Marsh in Oslo; Editing by Tove Berg)", "Jo Marsh"),
        ("— Jo Marsh", "Jo Marsh"),
        ("-- The Editors", None),
        ("Additional reporting by Jo Marsh", None),
    ],
)
def test_the_author_signed_under_the_article(end: str, author: str | None) -> None:
    text = (
        f"Menu\n\nFerry operator orders two hybrid boats\n\n3 March 2026\n\n{_PARAGRAPHS}\n"
        f"{end}\n\nMost read\n"
    )
    [draft] = parse_text_dump(text)
    assert draft.author == author


@pytest.mark.parametrize("line", ["Tidewater Software", "Harbour Commons", "Valley Institute"])
def test_an_organisation_under_the_headline_is_no_byline(line: str) -> None:
    text = (
        f"Menu\n\nFerry operator orders two hybrid boats\n\n{line}\n3 March 2026\n\n{_PARAGRAPHS}"
    )
    [draft] = parse_text_dump(text)
    assert draft.title == "Ferry operator orders two hybrid boats"
    assert draft.author is None


def test_every_article_of_a_dump_keeps_its_standfirst() -> None:
    second = _PARAGRAPHS.replace("ferry", "tram").replace("harbour", "city")
    text = (
        "Menu\n\nFerry operator orders two hybrid boats\n\n"
        "The island route gets quieter boats and a later last sailing.\n\n"
        f"By Jo Marsh\n3 March 2026\n\n{_PARAGRAPHS}\n"
        "City tram line to reopen in May after repairs\n\n"
        "The line has been closed since the storm damaged its bridge in January.\n\n"
        f"By Tove Berg\n4 March 2026\n\n{second}\n© 2026 Harbour Post\n"
    )
    first, then = parse_text_dump(text)
    assert first.summary == "The island route gets quieter boats and a later last sailing."
    assert then.summary == "The line has been closed since the storm damaged its bridge in January."


_BLOG_POST = (
    "Tidewater Tinkering\n\nSunday, March 8, 2026\n\n"
    "Rebuilding the harbour crane's old controller from scratch\n\n"
    "I've been meaning to write this up for a while, so here is the long overdue post on "
    "how the old crane controller came back to life on my bench over the winter.\n\n"
    "The board had three dead relays and a microcontroller nobody makes any more, so I "
    "replaced the lot with a small programmable logic part and a handful of transistors.\n\n"
    "More on the firmware next time, when I have the timing of the brake release right "
    "and the whole thing has survived a week on Tidewater Tinkering's test rig.\n\n"
    "Posted by Mara Lindqvist at 9:12 PM\n\n"
    "About Me\n\nMara Lindqvist\n\n"
    "Copyright (C) 2020-2026 Mara Lindqvist. Content licensed under CC-BY.\n"
)


def test_a_personal_blog_with_its_own_title_over_the_author() -> None:
    # The masthead is the blog's title; the copyright line names a person, its owner:
    # the blog's title is the source, never the author, and the person is the author.
    [draft] = parse_text_dump(_BLOG_POST)
    assert draft.source_name == "Tidewater Tinkering"
    assert draft.author == "Mara Lindqvist"


def test_the_headline_is_never_the_site_name() -> None:
    # A wiki-like page: the headline stands twice at the top (over the infobox too) and no
    # copyright line or logo names the site.
    page = (
        "Page protected\n\nHarbour Island\n\nFrom the Harbour Wiki, the free encyclopedia\n\n"
        "Harbour Island\n\nPopulation\n12,000\n\n"
        "Harbour Island is an island in the outer bay, joined to the mainland by a ferry "
        "route and, at low tide, by a causeway that the islanders have walked for centuries.\n\n"
        "The island has a school, two churches and a harbour that was once the busiest on "
        "the coast, before the railway took the trade to the city across the bay.\n"
    )
    [draft] = parse_text_dump(page)
    assert draft.title == "Harbour Island"
    assert draft.source_name != "Harbour Island"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        # A Japanese portal's stamp: the month and day with the weekday, the time, "delivered";
        # no year is printed, so no date is kept, but the line is the article's header.
        ("湊タイムズ 4/12(日) 07:30配信", None),
        ("4月12日(日) 7:30更新", None),
        # A date with a two-figure year and the section it was filed in: read only when the
        # day is the figure over 12, as a month/day page and a day/month page would agree.
        ("04.22.26 in Ferries", _utc(2026, 4, 22)),
        ("10.04.26 in Harbour life", None),
    ],
)
def test_a_date_line_without_its_full_year_is_the_header(
    line: str, published: datetime | None
) -> None:
    found = classify(line)
    assert found.kind is Kind.META, line
    assert found.meta is not None and found.meta.date == published
    assert found.meta.author is None


def test_a_japanese_share_bar_under_the_headline_is_not_the_body() -> None:
    # The headline, the outlet and its stamp, the share buttons, then the article.
    page = (
        "ここから本文です\n\n"
        "湊市、夏の臨時フェリー便を三往復増やすと発表\n\n"
        "湊タイムズ 4/12(日) 07:30配信\n\nツイート\n\nシェアする\n\n"
        "湊市は12日、夏休み期間中に島と本土を結ぶフェリーの臨時便を一日三往復増やすと発表した。"
        "昨年の夏は最終便の前に長い列ができ、乗り切れない客が出ていたという。\n\n"
        "新しい便は七月二十日から八月三十一日まで運航し、料金は通常の便と同じとする。"
        "市の担当者は「観光客だけでなく、島に住む人の通院や買い物にも使ってほしい」と話している。\n\n"
        "運航会社によると、臨時便には昨年導入した新しい船を使い、車も十台まで載せられる。"
        "予約は出発の一か月前から受け付け、当日の空席はその場で販売する。\n"
    )
    [draft] = parse_text_dump(page)
    assert draft.title == "湊市、夏の臨時フェリー便を三往復増やすと発表"
    assert draft.body.startswith("湊市は12日、")
