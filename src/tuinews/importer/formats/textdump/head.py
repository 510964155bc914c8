"""What stands around an article's run of prose: its headline, byline, date and standfirst.

The headline is the short line just above the prose that reads like one: a few words, no
closing full stop, near the top of the run, best if the page prints it twice (the browser
tab, a breadcrumb, a "Reading:" bar, a photo caption that starts with it) or puts a byline or
date under it, and better the more of its words the article's first paragraphs repeat (a
headline names the article's subject; another story's teaser or a button does not).
"""

from __future__ import annotations

import re
from collections import Counter

from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.names import person
from tuinews.importer.formats.textdump.prose import Grade, Run
from tuinews.importer.formats.textdump.shape import QUOTES, shape_score, title_case
from tuinews.importer.formats.textdump.topic import Topic

_WEAKEST = -6.0  # a best line scoring below this is no headline: the page has none
_HOPELESS = -99.0  # the shape of a line that cannot be a headline

_REACH = 40  # non-blank lines above the prose searched for the headline
_FAR = 150  # non-blank lines above the prose where a headline with its byline may stand
_CUT_NEAR = 12  # a lone "Comments" this close above the prose is a share bar's link, not an end
_INSIDE = 0.08  # how deep into the run a headline may stand
_DEK_WORDS = 5  # a standfirst under a headline is at least this long
_DEK_SHARE = 0.6  # a longer one is at least this much longer
_ECHO = 40  # lines under a headline where a caption may repeat it
_SUBJECT = 0.5  # share of a subtitle's words that the article's opening repeats
_LEAD = 4.0  # worth of a line that the first paragraph opens with
_TOPIC = 3.0  # worth of a headline whose words the article's opening all repeats
_NAME_WORDS = 4
_KICKER = 5  # words of a section label or kicker over a headline at most
_HEADLINE_WORDS = 16  # a headline has fewer words; a longer line under one is its standfirst
_NOT_NAMES = frozenset({"the", "from", "of", "to", "for", "in", "on", "with", "your", "my", "our"})
# Tuples, not sets: an Enum hashes in Python, a tuple compares by identity first.
_HEADLINE_KINDS = (Kind.TITLE, Kind.SHORT, Kind.DEK, Kind.PROSE)
# Lines that do not push the headline further from the prose: furniture between them.
_QUIET = (Kind.JUNK, Kind.META, Kind.CAPTION, Kind.CARD, Kind.READBAR)


class Keys:
    """Every line's key, to count how often the page prints a headline.

    A key counts on a line to itself, or at the end of a longer line ("Africa | <headline>").
    The second kind of count scans the whole page, so it is kept for a bounded number of keys.
    """

    _SCANS = 200

    def __init__(self, lines: list[Line]) -> None:
        self._whole = Counter(line.key for line in lines if line.key)
        self._blob = "\n" + "\n".join(line.key for line in lines if line.key) + "\n"
        self._cache: dict[str, int] = {}

    def printed(self, key: str) -> int:
        """How many lines hold this key (at least one: the line asked about)."""
        if key.count(" ") < 1:
            return 1
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= self._SCANS:
                return max(1, self._whole[key])
            found = self._whole[key] + self._blob.count(f" {key}\n")
            self._cache[key] = found
        return max(1, found)

    def named(self, key: str) -> int:
        """How many lines name this key among their words (a site's name in its footer)."""
        return len(re.findall(rf"(?<!\w){re.escape(key)}(?!\w)", self._blob))


def _over_standfirst(lines: list[Line], j: int) -> bool:
    """Whether the next line is a longer line of words standing apart from the paragraphs
    under it (a byline, a photo or a blank-free gap between): a headline over its standfirst."""
    below = _next_text(lines, j)
    if below is None or lines[below].kind not in (Kind.TITLE, Kind.PROSE, Kind.DEK):
        return False
    words, under = lines[j].words, lines[below].words
    # A standfirst is longer than its headline, or a subtitle no longer than it; a line
    # somewhat longer than the one above is the headline under its kicker.
    if under < _DEK_WORDS or words < under < words / _DEK_SHARE:
        return False
    after = _next_text(lines, below)
    return after is None or lines[after].kind is not Kind.PROSE


def _in_share_bar(lines: list[Line], j: int) -> bool:
    """Whether a line stands among buttons or under a byline: a "Comments" link."""
    near = [
        _next_text(lines, j),
        next((k for k in (j - 1, j - 2) if k >= 0 and lines[k].text), None),
    ]
    return any(k is not None and lines[k].kind in (Kind.JUNK, Kind.META) for k in near)


def _item_above(lines: list[Line], j: int) -> bool:
    """Whether the line above ends another list item (its date, its blurb): j is the next."""
    for k in range(j - 1, max(-1, j - 3), -1):
        if lines[k].kind is not Kind.BLANK:
            return lines[k].kind in (Kind.META, Kind.PROSE)
    return False


def _under_byline(lines: list[Line], j: int) -> bool:
    """Whether lines[j] stands right under a byline or date that stands under a line of
    words (a headline, not a button's "Log out Sign in"): then it is the header's standfirst,
    a subheading or its tags."""
    above = _text_above(lines, j)
    if above is None or lines[above].kind is not Kind.META:
        return False
    top = _text_above(lines, above)
    return top is not None and lines[top].kind in _HEADLINE_KINDS and lines[top].words >= 6


def _text_above(lines: list[Line], j: int) -> int | None:
    """The line of text above lines[j], past blanks, within three lines."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if lines[k].kind is not Kind.BLANK:
            return k
    return None


def _next_text(lines: list[Line], j: int) -> int | None:
    """The next line that is not blank, within two lines."""
    for k in range(j + 1, min(len(lines), j + 3)):
        if lines[k].kind is not Kind.BLANK:
            return k
    return None


def _echo(lines: list[Line], j: int) -> int:
    """Whether a longer line below starts with lines[j]'s words: 1 for a photo's caption
    further down that repeats the headline ("<headline> (Credit: ...)"), -1 when it is the
    very next line (an image's alt text over its caption), else 0."""
    prefix = lines[j].text + " "
    if lines[j].words < 3:
        return 0
    for k in range(j + 1, min(len(lines), j + _ECHO)):
        if lines[k].text.startswith(prefix):
            return -1 if k == _next_text(lines, j) else 1
    return 0


def _headline_score(shape: float, distance: int, meta_below: bool, twice: bool) -> float:
    """How much a line of that shape reads as the headline: how near the prose it stands,
    whether the page prints it twice and puts a byline under it."""
    score = shape - 0.2 * distance
    if twice:
        score += 2.5
    if meta_below:
        score += 3.0
    return score


_CRUMB = re.compile(r" [>›»] ")


def _meta_below(lines: list[Line], j: int, topic: Topic) -> bool:
    """Whether a byline, a date or a name alone stands within four lines of text under
    lines[j] (share buttons, captions and other furniture between them do not count) before
    another headline-like line (a longer one may be its standfirst)."""
    seen = 0
    for k in range(j + 1, min(len(lines), j + 24)):
        below = lines[k]
        if below.kind is Kind.META:
            return True
        if below.kind is Kind.BLANK or below.kind in _QUIET:
            continue
        if len(_CRUMB.findall(below.text)) >= 2:
            return False  # a breadcrumb ("Home > News > ..."): the menu ends, the header follows
        if below.kind in (Kind.TITLE, Kind.SHORT) and _name_line(lines, k):
            return True
        if below.kind in (Kind.SHORT, Kind.END, Kind.BULLET) and below.words <= 2:
            continue  # "Print Article", "Comments", "• Copy link": the buttons of a share bar
        if _headline_between(below, lines[j].words, topic):
            return False  # another headline stands between: the byline is its own
        seen += 1
        if seen >= 4:
            break
    return False


def _headline_between(line: Line, words: int, topic: Topic) -> bool:
    """Whether a line under a headline-like line of `words` words is a headline itself (the
    upper line its kicker or another story's teaser): a few words, not a sentence (a short
    standfirst ends with a full stop), and not a subtitle: a line no longer than a headline over it
    that names the article's subject."""
    if not 4 <= line.words < max(_HEADLINE_WORDS, words + 3):
        return False
    if line.kind is not Kind.TITLE and (
        line.kind not in (Kind.PROSE, Kind.DEK) or line.text.rstrip(QUOTES + "”’»)")[-1:] == "."
    ):
        return False
    return words <= _KICKER or line.words > words or topic.share(line.text) < _SUBJECT


def _name_line(lines: list[Line], k: int) -> bool:
    """A person's name alone on its line ("Jane Doe"), not a heading over a paragraph or a
    list ("Related Articles")."""
    text = lines[k].text
    if _NOT_NAMES.intersection(text.lower().split()) or not person(text):
        return False
    after = next((line for line in lines[k + 1 : k + 4] if line.kind is not Kind.BLANK), None)
    return after is None or after.kind not in (Kind.PROSE, Kind.BULLET)


def _names_lead(line: Line, lead: str) -> bool:
    """Whether the article's first paragraph opens with the line's words, the way an
    encyclopedia's entry names its subject ("New Zealand (Māori: ...) is a country ...")."""
    text = line.text
    if len(text) < 4 or text.isupper() or len(lead) <= len(text) or lead[len(text)].isalnum():
        return False
    return lead.startswith(text)


def _box_heading(text: str) -> bool:
    """Whether an end marker reads as a box's heading or a link ("Related", "Comments"),
    not a menu item ("• Popular") or a field's label over a figure ("Comments:" 1648)."""
    return not text.startswith("•") and not text.endswith(":")


def _over_box(
    lines: list[Line],
    candidates: list[tuple[int, int]],
    bylined: dict[int, bool],
    box: int,
    box_seen: int,
    topic: Topic,
    start: int,
) -> bool:
    """Whether a headline with its byline stands just above a box of links (a "Related"
    heading, a "Comments" link) that stands over the body, naming the article's subject at
    least as well as any line in the box: then the box's lines are other stories. A "Most
    read" list over the article, under another story's bylined teaser, is not such a box."""
    inside = [
        topic.share(lines[j].text)
        for j, _ in candidates
        if box < j < start and j in bylined and lines[j].kind is not Kind.PROSE
    ]
    best = max(inside, default=0.0)
    return any(
        bylined.get(j)
        and j < box
        and distance <= box_seen + _CUT_NEAR
        and lines[j].words >= 3
        and topic.share(lines[j].text) >= best
        for j, distance in candidates
    )


def _byline(line: Line) -> bool:
    """Whether a line names an author ("By Jane Doe", "Jane Doe March 9, 2026")."""
    meta = line.meta if line.kind is Kind.META else None
    return meta is not None and bool(meta.author)


def _printed_twice(line: Line, keys: Keys) -> bool:
    """Whether the page prints this line again (a breadcrumb, a share text, a "Reading:"
    bar): two or three times, four for a longer headline; more is a menu item."""
    printed = keys.printed(line.key)
    return 2 <= printed <= (4 if line.words >= 4 else 3)


def _strong(line: Line, meta_below: bool, keys: Keys) -> bool:
    """Evidence that a line inside the prose is the headline, not a paragraph or a heading."""
    return meta_below or _printed_twice(line, keys) or title_case(line.text)


def find_headline(
    lines: list[Line],
    grades: list[Grade],
    weight: list[float],
    run: Run,
    keys: Keys,
    topic: Topic,
) -> int | None:
    """The index of the article's headline: above the run, or early inside it (the run then
    holds a teaser or a blurb above the headline), or None if no line reads as one."""
    best: tuple[float, int] | None = None
    candidates: list[tuple[int, int]] = []  # (index, lines of text from the run's start)
    # Candidates with prose of their own under them are list items: how many blurbs under
    # each (one may be a headline's standfirst or a photo's caption, if a byline follows).
    blurbs: dict[int, int] = {}
    far: set[int] = set()  # beyond the reach: only a headline with its byline under it
    seen = listed = 0
    text_below = False
    box: int | None = None  # a "Related" box's heading or a "Comments" link over the body
    box_seen = 0
    for j in range(run.start - 1, -1, -1):
        kind = lines[j].kind
        if kind is Kind.BLANK:
            continue
        if kind is Kind.END and box is None and _box_heading(lines[j].text):
            box, box_seen = j, seen
        if grades[j] is Grade.CUT:
            if lines[j].words > 2 or not (seen <= _CUT_NEAR or _in_share_bar(lines, j)):
                break
            continue  # "Comments" in the share bar between the header and the body
        if kind not in _QUIET:
            seen += 1
        if seen > _FAR:
            break
        if seen > _REACH:
            far.add(j)
        candidates.append((j, seen))
        blurbs[j] = listed
        if grades[j] is Grade.GOOD:
            listed += text_below
        elif kind not in _QUIET:
            text_below = True
    inside = 0.0  # the run's weight above a candidate inside it
    seen = 0
    for j in range(run.start, run.stop):
        if inside > _INSIDE * run.score:
            break
        inside += max(weight[j], 0.0)
        if lines[j].kind is not Kind.BLANK:
            seen += 1
            candidates.append((j, seen))
    lead = next((lines[j].text for j in range(run.start, run.stop) if grades[j] is Grade.GOOD), "")
    bylined = {
        j: _meta_below(lines, j, topic) for j, _ in candidates if lines[j].kind in _HEADLINE_KINDS
    }
    boxed = box is not None and _over_box(
        lines, candidates, bylined, box, box_seen, topic, run.start
    )
    # An entry (a wiki page, a glossary) names its subject first; a news page's bylined
    # headline outranks a logo or a dateline that the first paragraph happens to open with.
    entry = not any(_byline(lines[j]) for j, _ in candidates if j not in far)
    for j, distance in candidates:
        line = lines[j]
        if line.kind not in _HEADLINE_KINDS:
            continue
        below = bylined[j]
        if boxed and box is not None and box < j < run.start:
            continue
        named = entry and _names_lead(line, lead)
        if j in far and not (below and blurbs[j] <= 1) and not named:
            continue
        if j >= run.start and not (below or _printed_twice(line, keys)):
            continue  # inside the prose only a headline with its byline or a second copy
        if grades[j] is Grade.GOOD and not _strong(line, below, keys):
            continue
        shape = shape_score(line, named)
        if shape <= _HOPELESS:
            continue  # a byline, a date, a breadcrumb: not worth weighing further
        teaser = blurbs.get(j, 0) > (1 if below and not _item_above(lines, j) else 0)
        echo = _echo(lines, j)
        if echo < 0:
            continue
        twice = echo > 0 or _printed_twice(line, keys)
        # An entry's subject stands at its top, however long the box of facts under it.
        reach = 0 if named else min(distance, _REACH)
        score = _headline_score(shape, reach, below, twice)
        score += _LEAD if named else 0.0
        score -= 3.0 if teaser else 0.0
        # The headline names the subject that the article's first paragraphs name again.
        score += _TOPIC * topic.share(line.text)
        if not below and _under_byline(lines, j):
            score -= 2.0
        if not teaser and _over_standfirst(lines, j):
            # A headline over its standfirst; a page's short name over its tagline.
            score += 2.0 if not below and line.words <= _NAME_WORDS else 1.5
        if j >= run.start:
            lost = sum(max(w, 0.0) for w in weight[run.start : j])
            score -= 40.0 * lost / run.score
        if best is None or score > best[0]:
            best = (score, j)
    if best is None or best[0] < _WEAKEST:
        return None
    return best[1]
