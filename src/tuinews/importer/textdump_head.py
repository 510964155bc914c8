"""What stands around an article's run of prose: its headline, byline, date and standfirst.

The headline is the short line just above the prose that reads like one: a few words, no
closing full stop, near the top of the run, best if the page prints it twice (the browser
tab, a breadcrumb, a "Reading:" bar) or puts a byline or date under it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tuinews.importer.textdump_body import section_label
from tuinews.importer.textdump_lines import Kind, Line
from tuinews.importer.textdump_prose import Grade, Run

_REACH = 40  # non-blank lines above the prose searched for the headline
_INSIDE = 0.25  # how deep into the run a headline may stand
_AFTER = 8  # non-blank lines below the start of the prose searched for a byline or date
_YEAR = re.compile(r"\b(?:19[7-9]\d|20\d\d)\b")
_HEADLINE_KINDS = frozenset({Kind.TITLE, Kind.SHORT, Kind.DEK, Kind.PROSE})


class Keys:
    """Every line's key in one string, to count how often the page prints a headline."""

    def __init__(self, lines: list[Line]) -> None:
        self._blob = "\n" + "\n".join(line.key for line in lines if line.key) + "\n"

    def printed(self, key: str) -> int:
        """How many lines hold this key: a line to itself, or at the end of a longer line."""
        if key.count(" ") < 1:
            return 1
        return self._blob.count(f"\n{key}\n") + self._blob.count(f" {key}\n")


def _headline_score(line: Line, distance: int, meta_below: bool, keys: Keys) -> float:
    words = line.words
    if not 2 <= words <= 30 or len(line.text) > 250 or not line.text[:1].isalnum():
        return -99.0
    text = line.text
    score = -0.3 * distance
    printed = keys.printed(line.key)
    if 2 <= printed <= 3:
        score += 2.5
    if meta_below:
        score += 3.0
    if 4 <= words <= 20:
        score += 1.5
    if text.rstrip("\"'”’»)")[-1:] == "." and words > 3:
        score -= 3.0
    if text.isupper() or section_label(text) is not None:
        score -= 3.0
    if line.kind is not Kind.TITLE:
        score -= 1.0
    if not text[:1].isupper() and not text[:1].isdigit():
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


def find_headline(
    lines: list[Line], grades: list[Grade], weight: list[float], run: Run, keys: Keys
) -> int | None:
    """The index of the article's headline: above the run, or early inside it (the run then
    holds a teaser or a blurb above the headline), or None if no line reads as one."""
    best: tuple[float, int] | None = None
    candidates: list[tuple[int, int]] = []  # (index, non-blank lines from the run's start)
    seen = 0
    for j in range(run.start - 1, -1, -1):
        if lines[j].kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _REACH or grades[j] is Grade.CUT:
            break
        candidates.append((j, seen))
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
        if line.kind not in _HEADLINE_KINDS or grades[j] is Grade.GOOD:
            continue
        score = _headline_score(line, distance, _meta_below(lines, j), keys)
        if j >= run.start:
            lost = sum(max(w, 0.0) for w in weight[run.start : j])
            score -= 12.0 * lost / run.score
        if best is None or score > best[0]:
            best = (score, j)
    if best is None or best[0] < -6:
        return None
    return best[1]


def header_meta(
    lines: list[Line], head: int, start: int, stop: int
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
    if published is None:
        published = _foreign_date(lines, low, high)
    return author, published, used


def _foreign_date(lines: list[Line], low: int, high: int) -> datetime | None:
    """A date in another language or format near the headline, read by dateparser."""
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
                when: datetime | None = dateparser.parse(piece, settings=settings)
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
