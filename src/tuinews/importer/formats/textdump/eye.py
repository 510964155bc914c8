"""The page's main article, found as a reader's eye finds it (see `prose`).

The body is the main run of prose; the headline the line above it that reads as one (else
the run's first words); a standfirst between the headline and a byline becomes the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tuinews.importer.formats.textdump.body import category_above
from tuinews.importer.formats.textdump.head import Keys, find_headline
from tuinews.importer.formats.textdump.header import credited, header_meta, key_points, standfirst
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.prose import Grade, Run, grade_all, timed, weights
from tuinews.importer.formats.textdump.runbody import run_body
from tuinews.importer.formats.textdump.runs import feed_cut, main_run
from tuinews.importer.formats.textdump.topic import Topic
from tuinews.models import ArticleDraft

_STANDFIRST_WORDS = 60
_INTRO_WORDS = 60  # words in a paragraph under the headline that is the article's intro
_NUMBERED = re.compile(r"(\d{1,2})[.)] \S")  # "5. Beware the hairdryer": an item's heading
_POINT_WORDS = 40  # words in a bullet under the headline that may be a key point of its summary
_TITLE_WORDS = 12
_STAMPED = 40  # words in a line that may be a feed's entry under its time
_LIST_ITEMS = 8  # entries in a list that may be the page's article
_LIST_WORDS = 5  # ... of this many words on average: entries, not menu items
_LIST_OVER = 3.0  # ... holding this many times the words of the page's run of prose


@dataclass(frozen=True, slots=True)
class Found:
    """The main article and where its header and body stand in the page."""

    draft: ArticleDraft
    head: int
    run: Run


def _standfirst(lines: list[Line], grades: list[Grade], run: Run) -> int | None:
    """The run's first line, when it is a short paragraph with a byline or date under it."""
    first = lines[run.start]
    if first.words > _STANDFIRST_WORDS:
        return None
    meta = False
    for j in range(run.start + 1, min(run.stop, run.start + 12)):
        kind = lines[j].kind
        if kind is Kind.META:
            meta = True
        elif grades[j] in (Grade.GOOD, Grade.NEAR):
            return j if meta else None
    return None


def _first_copy(lines: list[Line], head: int) -> int:
    """The headline's first copy when the page prints it twice in a row (the header's top)."""
    top = head
    for j in range(head - 1, max(-1, head - 6), -1):
        if lines[j].kind is Kind.BLANK:
            continue
        if lines[j].key != lines[head].key:
            break
        top = j
    return top


def _first_words(text: str) -> str:
    words = text.split()
    title = " ".join(words[:_TITLE_WORDS]).rstrip(".,;:")
    return title + ("…" if len(words) > _TITLE_WORDS else "")


def _entries(lines: list[Line], run: Run | None) -> Run | None:
    """The page's longest list of entries (a changelog, a list of tips), when it holds far
    more words than the page's run of prose: a page whose content is a list."""
    best: Run | None = None
    start = items = words = 0
    for j in range(len(lines) + 1):
        kind = lines[j].kind if j < len(lines) else Kind.END
        if kind is Kind.BLANK:
            continue
        if kind is Kind.BULLET:
            start = start if items else j
            items += 1
            words += lines[j].words
            continue
        long = items >= _LIST_ITEMS and words >= _LIST_WORDS * items
        if long and (best is None or words > best.score):
            best = Run(start, j, float(words))
        items = words = 0
    floor = _LIST_OVER * run.score if run is not None else 0.0
    return best if best is not None and best.score > floor else None


def _heading_number(line: Line) -> int:
    """The number of a short line that reads as a numbered heading ("5. Beware the
    hairdryer"), else 0."""
    found = _NUMBERED.match(line.text)
    return int(found[1]) if found else 0


def _with_intro(lines: list[Line], grades: list[Grade], head: int, run: Run) -> Run:
    """The run from the paragraph right under the headline's header, when a box without
    prose (a list of links, a list of materials) parts it from the run: the intro."""
    between = [j for j in range(head + 1, run.start) if grades[j] is Grade.GOOD]
    if len(between) != 1 or lines[between[0]].words < _INTRO_WORDS:
        return run
    if any(grades[j] in (Grade.END, Grade.CUT) for j in range(head + 1, run.start)):
        return run
    return Run(between[0], run.stop, run.score)


def main_article(lines: list[Line], keys: Keys, cuts: frozenset[int] = frozenset()) -> Found | None:
    """The page's main article, or None if the page holds no run of prose.

    `cuts` are the headlines of other articles in the dump: the run never crosses them.
    """
    grades, sizes, lang = grade_all(lines)
    weight = weights(grades, sizes, cuts)
    numbers = [
        _heading_number(line) if grade is Grade.SHORT and line.text[:1].isdigit() else 0
        for line, grade in zip(lines, grades, strict=True)
    ]
    run = main_run(grades, sizes, weight, numbers)
    listed = _entries(lines, run)
    if listed is not None:
        run = listed
    elif run is None:
        return None
    else:
        stamps = [
            j for j in range(run.start, run.stop) if sizes[j] <= _STAMPED and timed(lines[j].text)
        ]
        run = feed_cut(run, stamps, grades, sizes)
    head = find_headline(lines, grades, weight, run, keys, Topic(lines, grades, run, lang))
    if head is not None and head >= run.start:
        first = next((j for j in range(head + 1, run.stop) if weight[j] > 0), None)
        if first is None:
            return None
        run = Run(first, run.stop, run.score)
    elif head is not None and listed is None:
        run = _with_intro(lines, grades, head, run)
    summary: str | None = None
    body_start = run.start
    while (
        listed is None
        and lines[body_start].kind in (Kind.BULLET, Kind.BLANK)
        and body_start < run.stop - 1
    ):
        body_start += 1  # bullets right under the headline: the article's summary
    # ... when they read as one: a key point is a sentence, not a paragraph of its own.
    opening = lines[run.start : body_start]
    if body_start > run.start and all(line.words <= _POINT_WORDS for line in opening):
        run = Run(body_start, run.stop, run.score)
    else:
        body_start = run.start
    after = _standfirst(lines, grades, run)
    if after is not None:  # a photo's credited caption over the byline is neither
        summary = None if credited(lines[run.start].text) else lines[run.start].text
        body_start = after
    title_key = lines[head].key if head is not None else ""
    body = run_body(lines, grades, body_start, run.stop, title_key)
    if body is None:
        return None
    top = head if head is not None else run.start
    if head is not None:
        top = _first_copy(lines, head)
    bullets = [line for line in lines[top + 1 : body_start] if line.kind is Kind.BULLET]
    points = key_points(bullets, keys.named)
    if summary is None and head is not None and points is None:
        summary = standfirst(lines, grades, head, body_start)
    # A list's entries are not bylines ("Added Slime Block"): only the header is read.
    end = run.stop if listed is None else body_start
    author, published, _ = header_meta(lines, top, body_start, end, lang.codes)
    title = lines[head].text if head is not None else _first_words(lines[run.start].text)
    draft = ArticleDraft(
        title=title[:300],
        body=body.text,
        author=author,
        published=published,
        category=category_above(lines, top) if head is not None else None,
        summary=summary or points,
    )
    return Found(draft, top, Run(top, run.stop, run.score))
