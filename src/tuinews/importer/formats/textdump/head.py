"""What stands around an article's run of prose: its headline, byline, date and standfirst.

The headline is the short line just above the prose that reads like one: a few words, no
closing full stop, near the top of the run, best if the page prints it twice (the browser
tab, a breadcrumb, a "Reading:" bar) or puts a byline or date under it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from tuinews.importer.formats.textdump.body import section_label
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.meta import find_date
from tuinews.importer.formats.textdump.names import bare_name
from tuinews.importer.formats.textdump.prose import Grade, Run

_REACH = 40  # non-blank lines above the prose searched for the headline
_INSIDE = 0.08  # how deep into the run a headline may stand
_AFTER = 8  # non-blank lines below the start of the prose searched for a byline or date
# A line ending on one of these is a label ("Supported by", "Sponsored by"), not a headline.
_DANGLING = frozenset(
    {"by", "of", "on", "for", "to", "with", "and", "the", "a", "an", "in", "from"}
)
_NAME_WORDS = 4
_QUOTES = "\"'“‘«„"
_NOT_NAMES = frozenset({"the", "from", "of", "to", "for", "in", "on", "with", "your", "my", "our"})
_NAME_REACH = 6  # non-blank lines under the headline where a bare name is its byline
_YEAR = re.compile(r"\b(?:19[7-9]\d|20\d\d)\b")
_HEADLINE_KINDS = frozenset({Kind.TITLE, Kind.SHORT, Kind.DEK, Kind.PROSE})
# Lines that do not push the headline further from the prose: furniture between them.
_QUIET = frozenset({Kind.JUNK, Kind.META, Kind.CAPTION, Kind.CARD, Kind.READBAR})


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


def _title_case(text: str) -> bool:
    """Most longer words capitalised, as English headlines are ("How Winter Wreaks Havoc")."""
    long = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)


def _not_a_headline(text: str) -> bool:
    """A byline, a date line, a handle or a name: metadata that is not a headline."""
    low = text.lower()
    return (
        low.rsplit(" ", 1)[-1] in _DANGLING
        or low.startswith("by ")
        or "@" in text
        or bare_name(text) is not None
        or find_date(text) is not None
    )


def _over_standfirst(lines: list[Line], j: int) -> bool:
    """Whether the next line is a longer line of words: a headline over its standfirst."""
    for k in range(j + 1, min(len(lines), j + 3)):
        below = lines[k]
        if below.kind is Kind.BLANK:
            continue
        return (
            below.kind in (Kind.TITLE, Kind.PROSE, Kind.DEK) and below.words * 0.6 >= lines[j].words
        )
    return False


def _headline_score(line: Line, distance: int, meta_below: bool, keys: Keys) -> float:
    words = line.words
    text = line.text
    if not 2 <= words <= 30 or len(text) > 250 or not text.lstrip(_QUOTES)[:1].isalnum():
        return -99.0
    if _not_a_headline(text):
        return -99.0
    score = -0.2 * distance
    printed = keys.printed(line.key)
    if 2 <= printed <= 3:
        score += 2.5
    if meta_below:
        score += 3.0
    if 4 <= words <= 20:
        score += 1.5
    if _title_case(text):
        score += 1.0
    if text.rstrip("\"'”’»)")[-1:] == "." and words > 3 and not _title_case(text):
        score -= 3.0
    if text.isupper() or section_label(text) is not None:
        score -= 3.0
    if line.kind is Kind.PROSE:
        score -= 1.0
    if text.lstrip(_QUOTES)[:1].islower():
        score -= 2.0
    return score


def _meta_below(lines: list[Line], j: int) -> bool:
    """Whether a byline or date stands within four lines under lines[j]."""
    seen = 0
    for k in range(j + 1, min(len(lines), j + 12)):
        if lines[k].kind is Kind.BLANK:
            continue
        if lines[k].kind is Kind.META:
            return True
        seen += 1
        if seen >= 4:
            break
    return False


def _strong(line: Line, meta_below: bool, keys: Keys) -> bool:
    """Evidence that a line inside the prose is the headline, not a paragraph or a heading."""
    return meta_below or 2 <= keys.printed(line.key) <= 3 or _title_case(line.text)


def find_headline(
    lines: list[Line], grades: list[Grade], weight: list[float], run: Run, keys: Keys
) -> int | None:
    """The index of the article's headline: above the run, or early inside it (the run then
    holds a teaser or a blurb above the headline), or None if no line reads as one."""
    best: tuple[float, int] | None = None
    candidates: list[tuple[int, int]] = []  # (index, lines of text from the run's start)
    teasers: set[int] = set()  # candidates with prose of their own under them: list items
    seen = 0
    text_below = in_list = False
    for j in range(run.start - 1, -1, -1):
        kind = lines[j].kind
        if kind is Kind.BLANK:
            continue
        if kind not in _QUIET:
            seen += 1
        if seen > _REACH or grades[j] is Grade.CUT:
            break
        candidates.append((j, seen))
        if in_list:
            teasers.add(j)
        if grades[j] is Grade.GOOD:
            in_list = in_list or text_below
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
    for j, distance in candidates:
        line = lines[j]
        if line.kind not in _HEADLINE_KINDS:
            continue
        below = _meta_below(lines, j)
        if j >= run.start and not (below or 2 <= keys.printed(line.key) <= 3):
            continue  # inside the prose only a headline with its byline or a second copy
        if grades[j] is Grade.GOOD and not _strong(line, below, keys):
            continue
        score = _headline_score(line, distance, below, keys) - (3.0 if j in teasers else 0.0)
        if not below and line.words <= _NAME_WORDS and _over_standfirst(lines, j):
            score += 2.0  # a page's short name over its tagline ("Harbour ferry")
        if j >= run.start:
            lost = sum(max(w, 0.0) for w in weight[run.start : j])
            score -= 40.0 * lost / run.score
        if best is None or score > best[0]:
            best = (score, j)
    if best is None or best[0] < -6:
        return None
    return best[1]


def header_meta(
    lines: list[Line], head: int, start: int, stop: int, languages: list[str]
) -> tuple[str | None, datetime | None, list[int]]:
    """The byline and date nearest the headline, and the META lines read for them."""
    author: str | None = None
    published: datetime | None = None
    label = ""
    used: list[int] = []
    low = max(0, head - 4)
    seen = 0
    high = start
    while high < stop and seen < _AFTER:
        seen += lines[high].kind is not Kind.BLANK
        high += 1
    # Below the headline first; above it only a date ("22 January 2026" over the headline).
    for j in [*range(head + 1, high), *range(head - 1, low - 1, -1)]:
        meta = lines[j].meta
        if lines[j].kind is not Kind.META or meta is None:
            continue
        used.append(j)
        if j > head:
            author = author or meta.author
        elif meta.author is not None:
            continue
        if meta.date is not None and (
            published is None or (meta.date_label == "published" and label != "published")
        ):
            published, label = meta.date, meta.date_label
    if author is None:
        author = _bare_byline(lines, head, high)
    if published is None and languages:
        published = _foreign_date(lines, low, high, languages)
    return author, published, used


def _bare_byline(lines: list[Line], head: int, high: int) -> str | None:
    """A name standing alone under the headline ("Jane Doe", "• Jane Doe"): the byline."""
    seen = 0
    for line in lines[head + 1 : high]:
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _NAME_REACH:
            break
        if line.kind in (Kind.TITLE, Kind.SHORT, Kind.BULLET) and not _NOT_NAMES.intersection(
            line.text.lower().split()
        ):
            name = bare_name(line.text)
            if name is not None and line.key != lines[head].key:
                return name
    return None


def _foreign_date(lines: list[Line], low: int, high: int, languages: list[str]) -> datetime | None:
    """A date in the page's language (`languages`: ISO codes) near the headline, read by
    dateparser."""
    candidates = [
        line.text
        for line in lines[low:high]
        if line.kind is not Kind.BLANK and line.words <= 12 and _YEAR.search(line.text)
    ]
    if not candidates:
        return None
    try:
        import dateparser  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - trafilatura brings it
        return None
    settings = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC", "STRICT_PARSING": True}
    for text in candidates[:4]:
        for piece in (text, *re.split(r" ?[|·•,] ?| [-–—] ", text)):
            try:
                when: datetime | None = dateparser.parse(
                    piece, languages=languages, settings=settings
                )
            except Exception:  # dateparser raises a variety of errors on odd input
                when = None
            if when is not None and 1970 <= when.year <= 2100:
                return when.astimezone(UTC)
    return None


def standfirst(lines: list[Line], grades: list[Grade], head: int, start: int) -> str | None:
    """The summary line between the headline and the prose: a sentence, not a byline."""
    for j in range(head + 1, start):
        line = lines[j]
        if line.kind in (Kind.BLANK, Kind.META, Kind.JUNK, Kind.CAPTION, Kind.BULLET):
            continue
        if line.key == lines[head].key:
            continue
        if grades[j] in (Grade.GOOD, Grade.NEAR) and line.words >= 6:
            return line.text
    return None
