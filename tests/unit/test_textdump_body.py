"""The extent of an article's body on pages where more prose stands around it than in it.

Every fixture in tests/fixtures/dumps/ was written for tuinews; none is copied from a site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.textdump.formula import formula
from tuinews.importer.formats.textdump.parse import parse_text_dump

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"

# fixture, headline, the first and last paragraphs' first words, what the body must not hold
EXTENTS = [
    (  # a comment thread under a blog post, longer than the post
        "comments_outweigh_post.txt",
        "Why my broad beans failed this spring, and what I will try next year",
        "The broad beans went in at the end of October",
        "Next year I will sow half the row",
        ("washing-up liquid", "runner beans", "Margaret Hill", "comments"),
    ),
    (  # a "View comments (3)" link, then the thread with no header of its own
        "comments_link_then_thread.txt",
        "Your library card should not come with a tracking profile",
        "Public libraries have always protected",
        "Libraries can push back",
        ("branch library", "audiobook", "View comments", "Terms of Use"),
    ),
    (  # a copyright notice that runs to a paragraph, and more footer prose under it
        "long_copyright_notice.txt",
        "Short walks after meals help keep blood sugar steady, study finds",
        "A walk of ten to fifteen minutes",
        "The authors say the findings",
        ("All rights reserved", "printed from", "qualified professional"),
    ),
    (  # a "Recommended" list of teasers (headline twice, summary) longer than the article
        "related_outweighs_article.txt",
        "Lighthouse keeper's cottage to become a museum",
        "The cottage beside the old lighthouse",
        "Entry will be free for children",
        ("Fishing fleet", "ferry company", "seals", "Recommended"),
    ),
    (  # ranking lists whose items end in a time, under the article
        "ranking_list_with_times.txt",
        "Library lends out telescopes alongside its books",
        "The town library has started lending small telescopes",
        "The first six were reserved within an hour",
        ("brown dwarf", "e-reader", "Most read", "18:20"),
    ),
    (  # a "Recommended" box of teasers with bylines between two halves of the article
        "teaser_box_inside_article.txt",
        "Why the old tram depot is being turned into artists' studios",
        "The tram depot on Mill Lane has stood empty",
        "Work on the roof will start in the spring",
        ("Paddle Steamer", "Market Clock", "Recommended", "Harbour wall"),
    ),
    (  # a gallery of captioned slides ("1/6 ...") under the article, longer than it
        "gallery_after_article.txt",
        "Corner shops that survived the supermarkets, and how they did it",
        "The corner shop on Elm Street has been open",
        "The town council says it wants to help",
        ("container port", "Cinema sold", "1/6", "in pictures"),
    ),
    (  # an embedded video player's controls between two parts of the article
        "video_player_in_article.txt",
        "Five things the flood wardens want you to check before winter",
        "The river has burst its banks twice",
        "The wardens say the streets that cope best",
        ("Play Video", "Playback Rate", "Font Family", "Bridge to close"),
    ),
    (  # a gallery between two numbered items of a list article, longer than the items
        # under it: "4. ..." after "3. ..." goes on with the article
        "gallery_between_numbered_items.txt",
        "Five ways small shops are winning back customers from online giants",
        "Small shops on the high street have had a hard decade",
        "Every owner we spoke to said",
        ("Market day", "Traders set up", "Getty Images", "Share this", "Comments"),
    ),
    (  # a chart's figures and axis labels ("’17", "150", "litres") between two parts
        "chart_in_article.txt",
        "Homes in the valley use a third less water than ten years ago",
        "Households in the valley use a third less water",
        "Environmental groups welcomed the figures",
        ("’17", "150", "litres a day", "Reservoir"),
    ),
    (  # "Related coverage" under a long article, with a few teasers of a sentence or two
        "related_after_long_article.txt",
        "Night-shift nurses sleep better with a fixed rota, hospital trial finds",
        "Nurses who worked the same nights every week",
        "The authors now want to repeat the trial",
        ("shift work is hard", "ambulance crews", "car park", "Related coverage"),
    ),
    (  # "Related coverage" teasers glued to their summaries, then "Latest news" cards (headline
        # twice, a summary): the cards count as the teasers they are, so the first end cuts
        "related_then_latest_cards.txt",
        "Why a short nap after lunch may help the memory, according to a new study",
        "A short nap after lunch may help people remember",
        "The study was paid for by",
        ("Coffee and memory", "Walking meetings", "Vitamin D", "Latest news", "hands go numb"),
    ),
    (  # a list of cards (each headline printed twice) under an unnamed header, then another
        # story in full: the cards end the article
        "cards_then_other_story.txt",
        "New footbridge over the river opens six months early",
        "The new footbridge over the river",
        "The old crossing will be taken down",
        ("School bus", "Museum finds", "storeroom", "Happening now"),
    ),
    (  # a live ticker of other news (entries under their time) beside a short wire story
        "live_ticker_after_article.txt",
        "Un deuxième pont emporté par la crue dans la vallée du Rhin",
        "Un deuxième pont a été emporté jeudi",
        "La préfecture a ouvert une cellule",
        ("pharmacies", "contrôleurs", "14:44", "En direct", "Sénat"),
    ),
    (  # a live blog: the entries under their time are the article itself
        "live_blog.txt",
        "Election night: the results ward by ward",
        "Follow the results from every ward",
        "The Harbour ward result is finally in",
        ("Comments", "Related stories"),
    ),
    (  # Chinese prose split into short lines without full stops, image file names between
        "chinese_blog_short_lines.txt",
        None,  # the headline under a date line: not what this test is about
        "清晨四點半從台北出發的時候天空還是一片漆黑",
        "下次如果還有機會 一定要在秋天的時候再來一次",
        (".jpg", "上一篇", "太魯閣", "留言"),
    ),
    (  # ... whose first paragraphs have no punctuation and few small words: they read with
        # the punctuated prose under them, not as teaser headlines
        "chinese_post_unpunctuated_start.txt",
        None,
        "連續幾波低溫寒流南下後中部山區層層山巒",
        "下次一定要早一點出發",
        (".jpg", "上一篇", "清境農場", "留言", "相關文章"),
    ),
]


@pytest.mark.parametrize(("name", "title", "first", "last", "absent"), EXTENTS)
def test_the_body_is_the_article_not_the_longer_prose_around_it(
    name: str, title: str | None, first: str, last: str, absent: tuple[str, ...]
) -> None:
    [draft] = parse_text_dump((DUMPS / name).read_text(encoding="utf-8"))  # one article
    assert title is None or draft.title == title
    paragraphs = draft.body.split("\n\n")
    assert paragraphs[0].startswith(first), paragraphs[0][:80]
    assert paragraphs[-1].startswith(last), paragraphs[-1][:80]
    for text in absent:
        assert text not in draft.body, text


def test_a_program_between_paragraphs_stays_in_the_body_as_a_code_block() -> None:
    [draft] = parse_text_dump((DUMPS / "code_blocks_in_post.txt").read_text(encoding="utf-8"))
    assert draft.body.startswith("The first version of our word counter")
    assert draft.body.rstrip().endswith(
        "The block version lives next to it for the files that need it."
    )
    assert '```\ndef blocks(f, size=65536):\ntail = ""\n' in draft.body
    assert "logout │ 2230" in draft.body
    for text in ("► 2025", "Older posts", "Archive"):
        assert text not in draft.body, text


def test_a_page_whose_content_is_a_list_of_entries_gives_the_list() -> None:
    [draft] = parse_text_dump((DUMPS / "changelog_list.txt").read_text(encoding="utf-8"))
    assert draft.title == "Lantern Keeper 2.4 - The Winter Update"
    assert draft.author is None  # "Added Ice Lanterns" reads like a name: an entry
    items = draft.body.split("\n")
    assert items[0] == "- Added frozen lakes that can be crossed on foot in the coldest weeks"
    assert items[-1] == "- Removed the old weather menu, which the new seasons replace"
    assert len(items) == 13
    for text in ("Older posts", "Official links", "Store"):
        assert text not in draft.body, text


# fixture, the body's first words, what it must hold, what it must not
PIECES = [
    (  # long bullets under the headline: the article's first items, not its summary
        "long_bullets_open_post.txt",
        "- The new coxed four arrived on Tuesday",
        ("- After three years of fundraising", "The more of us there are"),
        ("Boathouse roof", "Junior squad", "Share this"),
    ),
    (  # a numbered list of tips with a "Read more" card between two items: the next number
        # goes on with the article
        "listicle_card_between_items.txt",
        "People who have worked in hotels for years",
        ("3. Tell reception about a problem straight away", "4. Tip the housekeeper"),
        ("Read more", "The best small hotels", "Share this", "© 2026"),
    ),
    (  # a how-to's intro under its headline, a box of links and a list of materials between
        # it and the steps
        "intro_over_materials_box.txt",
        "A paper lantern is one of the simplest decorations",
        ("- Coloured paper", "## Step 1", "Never put a candle"),
        ("More Articles", "Paper Flowers", "Found This Helpful", "Tweet"),
    ),
    (  # a wiki page's lead above a long table of contents
        "wiki_lead_over_contents.txt",
        "Brackenford is a market town on the river Bracken",
        ("## History", "Agnes Morrow was born in the town"),
        ("Contents", "1.1 Early years", "9 External links", "Creative Commons"),
    ),
]


@pytest.mark.parametrize(("name", "first", "present", "absent"), PIECES)
def test_the_body_keeps_what_opens_the_article(
    name: str, first: str, present: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    [draft] = parse_text_dump((DUMPS / name).read_text(encoding="utf-8"))
    assert draft.body.startswith(first), draft.body[:80]
    assert draft.summary is None or not any(text in draft.summary for text in present)
    for text in present:
        assert text in draft.body, text
    for text in absent:
        assert text not in draft.body, text


def test_a_list_of_short_links_is_still_no_article() -> None:
    links = "\n".join(f"• {name} news" for name in ("World", "Sport", "Money", "Travel") * 3)
    with pytest.raises(ImportFailure, match="no article found"):
        parse_text_dump(links)


def test_formulas_printed_as_text_leave_the_body_and_do_not_part_it() -> None:
    # A post whose formulas copy as their symbols set apart by spaces ("T = 2 π L g"): they
    # are dropped, the paragraphs around them stay one article, and inline math stays in its
    # sentence.
    [draft] = parse_text_dump((DUMPS / "formulas_in_post.txt").read_text(encoding="utf-8"))
    assert draft.title == "Why a longer pendulum ticks more slowly"
    paragraphs = draft.body.split("\n\n")
    assert paragraphs[0].startswith("Anyone who has wound a grandfather clock")
    assert paragraphs[-1].startswith("Doubling the length of the pendulum")
    assert "## Where it comes from" in paragraphs  # a heading over a formula, then prose
    assert "For small angles, sin θ ≈ θ , and the pendulum" in draft.body
    for text in ("T = 2 π L g", "θ ¨ + g L", "3072", "displaystyle", "```", "Related posts"):
        assert text not in draft.body, text


@pytest.mark.parametrize(
    ("text", "is_formula"),
    [
        ("a x 2 + b x + c = 0", True),
        ("∇ × B → − 1 c ∂ E → ∂ t = 4 π c j →", True),
        ("1 + q 2 ( 1 − q ) + q 6 ( 1 − q ) + ⋯ = ∏ j = 0 ∞ , for | q | < 1 .", True),
        ("a ≠ 0 , there are two solutions to a x 2 + b x + c = 0 and they are", False),
        ("a ≠ 0", False),  # too short to tell
        ("1 | 2 | 3 | 4 | 5", False),  # a pager
        ("A B C D E F G", False),  # an index's letters: no operator
        ("The harbour's ferry operator has ordered two hybrid boats.", False),
        # A formula's TeX source, as a wiki's copy gives it; not inside a sentence, nor a
        # program's escapes.
        (r"{\displaystyle A^{\mathsf {H}}=A^{\dagger }=A^{\ast }}", True),
        (r"If A is denoted by {\displaystyle A^{\mathsf {H}}}, then the property reads", False),
        (r'pattern = re.compile(r"\d+\s+\w{2}")', False),
    ],
)
def test_a_formula_is_told_from_prose_by_its_tokens(text: str, is_formula: bool) -> None:
    assert formula(text) is is_formula
