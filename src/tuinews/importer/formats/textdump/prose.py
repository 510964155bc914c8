"""Find a page's article the way a reader's eye does: the main contiguous run of prose.

Each line is graded from what survives when the HTML is gone: its length in words, how
many of its words are the language's small words (stopwords), whether it ends a
sentence, and the lines around it. Prose counts for the run, furniture and short lines
count against it, a comment section or a footer cuts it. The article body is the run
with the highest total (a maximum-sum segment, found in one pass), trimmed to prose at
both ends.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.formula import formula
from tuinews.importer.formats.textdump.lang import (
    Language,
    dense_chars,
    dense_function_share,
    detect,
    is_dense_stop,
    strip_dense,
    words_of,
)
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.outline import contents

CUT = -1e9  # the weight of a line no run crosses
_SENTENCE_END = ".!?…:;。！？"
_CLOSERS = "\"'”’»)]* "
_COMMENTS = re.compile(
    r"comment|conversation|discussion|repl(?:y|ies)|responses|thoughts? on|kommentar|komentář"
    r"|komentarz|reacties|réagir",
    re.I,
)
_FOOTER = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.I)
# "Reporting by ...; Editing by ...": the credits under a wire story, not its prose.
_CREDITS = re.compile(
    r"^[(\[]?(?:additional )?(?:reporting|editing|writing|compiled|translated|produced|"
    r"graphics|research|fact-checking) by\b",
    re.I,
)
# A time at the start or the end of a line: a live feed's entry, a list item's timestamp.
_STAMP_START = re.compile(r"\d{1,2}[:h]\d\d\b")
_STAMP_END = re.compile(r"\b\d{1,2}:\d\d\)?$")
_STAMPED_WORDS = 40
# Brackets, operators and box-drawing: a line of code or of a table printed as text.
_CODE = re.compile(r"[{}\[\]<>=;│]|\w\(|\($|^\)")
_CODE_WORDS = 12  # a line of code this short may read as a sentence
_CODE_LINES = 3  # lines in a stretch that may be a program
_CODE_SHARE = 0.4  # ... of which this share have brackets or operators
_CHART_SHARE = 0.5  # ... or are figures: a chart's axis labels
_FIGURE = re.compile(r"\W{0,3}\d[\d.,]*\W{0,3}$")  # "$915", "’17", "12%", "0"
_ALONE = 0.35  # what a paragraph alone between headlines counts for: a teaser in a list
_TEASER = 0.15
_STREAK = 0.25  # the extra cost of each further line in a stretch without prose
_FREE_STREAK = 6  # a heading, a caption and a share bar between paragraphs cost no extra
_UNPUNCTUATED = 25  # words in a line without a full stop that may still be a paragraph
_LONG = 30  # words in a line of sentences that is prose without counting its stopwords
_DENSE_LINE = 12  # characters in a line without spaces that may be Chinese or Japanese prose
_DENSE_SMALL = 0.1  # share of small words in a line of Chinese prose
_DENSE_LONG = 15  # words (30 characters) in a line of it that may be prose without them
_CUT_OFF = ("...", "…")  # a teaser's headline cut short
_TWIN_WORDS = 4  # a headline this long printed twice in a row: a card (picture and headline)
_SAMPLE = 400  # words read to tell the page's language
_SAMPLE_WORDS = 6  # lines this long tell the page's language
# A tuple, not a set: an Enum hashes in Python, a tuple compares by identity first.
_FURNITURE = (Kind.JUNK, Kind.CARD, Kind.READBAR, Kind.CAPTION, Kind.META)


class Grade(Enum):
    """What a line is worth to the article."""

    BLANK = "blank"
    GOOD = "good"  # a paragraph of prose
    NEAR = "near"  # a short sentence: prose beside prose, else furniture
    SHORT = "short"  # a heading, a menu item, a teaser headline
    BAD = "bad"  # page furniture
    META = "meta"  # a byline or a date: furniture too, but it tells a list item's end
    END = "end"  # "Related", "Most read": what follows an article
    CUT = "cut"  # comments, copyright: the article is over
    CODE = "code"  # a line of a program or a table of figures: neither prose nor furniture
    CHART = "chart"  # a chart's figures and labels ("$900", "billion", "'17"): dropped
    CONTENTS = "contents"  # a table of contents: part of the article, but not its text
    TWIN = "twin"  # a card: a headline printed twice in a row, in a list of such cards
    MATH = "math"  # a formula printed as text ("a x 2 + b x + c = 0"): dropped


_PROSE = (Grade.GOOD, Grade.NEAR)
_NEUTRAL = (Grade.CODE, Grade.CHART, Grade.CONTENTS, Grade.MATH)


@dataclass(frozen=True, slots=True)
class Run:
    """The article's lines, [start, stop), and how much prose they hold."""

    start: int
    stop: int
    score: float


def line_words(text: str) -> int:
    """A line's length in words; two characters of Chinese or Japanese count as one word."""
    dense = dense_chars(text)
    if dense:
        return dense // 2 + len(words_of(strip_dense(text)))
    return text.count(" ") + 1


def timed(text: str) -> bool:
    """Whether the line starts with a time ("14:32 ...", "6:32 PM"): an entry of a feed."""
    return text[:1].isdigit() and _STAMP_START.match(text) is not None


def _stamped(text: str) -> bool:
    """Whether a time stands at the start or the end of the line ("14:32 ...", "... 18:45")."""
    if timed(text):
        return True
    return text[-1:] in "0123456789)" and _STAMP_END.search(text[-8:]) is not None


def _ends_sentence(text: str) -> bool:
    end = text.rstrip(_CLOSERS)[-1:]
    return bool(end) and end in _SENTENCE_END


def grade_line(line: Line, lang: Language, tokens: list[str] | None = None) -> tuple[Grade, int]:
    """How a line counts, and its length in words (`tokens`: its words, if already split)."""
    kind = line.kind
    if kind is Kind.BLANK:
        return Grade.BLANK, 0
    text = line.text
    if kind is Kind.END:
        low = text.lower()
        # "12 comments" may sit in a share bar above the article: a count is not a cut.
        if (_COMMENTS.search(low) and not vocab.COUNTS.match(low.strip(" •·|"))) or _FOOTER.search(
            low
        ):
            return Grade.CUT, 0
        return Grade.END, 0
    if kind is Kind.META:
        return Grade.META, line.words
    if formula(text):
        return Grade.MATH, line.words  # between paragraphs it neither adds nor parts them
    if kind in _FURNITURE or _CREDITS.match(text):
        return Grade.BAD, line.words
    words = line_words(text) if lang.mixed else line.words
    if words <= _STAMPED_WORDS and _stamped(text):
        return Grade.SHORT, words  # "14:32 Minister resigns": an item of a feed or a list
    sentence = _ends_sentence(text)
    dense = dense_chars(text) if lang.dense else 0
    if dense >= 12:
        punct = sum(1 for ch in text if is_dense_stop(ch))
        if words >= 15 and punct >= 1 and kind is not Kind.BULLET:
            return Grade.GOOD, words
        # Chinese prose may be split into short lines without punctuation: its small
        # words tell it from a menu item or a teaser headline.
        if (
            kind is not Kind.BULLET
            and words >= 8
            and dense_function_share(text, dense) >= _DENSE_SMALL
        ):
            return Grade.GOOD, words
        # A long line of it without punctuation may be prose or a teaser: its neighbours tell.
        long = words >= _DENSE_LONG and kind is not Kind.BULLET and not text.endswith(_CUT_OFF)
        return (Grade.NEAR if punct or long else Grade.SHORT), words
    if words >= _LONG and sentence:
        return Grade.GOOD, words  # a long line of sentences reads as prose in any language
    if lang.stopwords:
        tokens = words_of(text) if tokens is None else tokens
        stops = sum(map(lang.stopwords.__contains__, tokens))
        density = stops / len(tokens) if tokens else 0.0
    else:  # a language we have no list for: sentences are prose
        density = 0.3 if sentence or "," in text else 0.0
    if density >= 0.18 and (words >= _UNPUNCTUATED or (words >= 6 and sentence)):
        return Grade.GOOD, words
    if words >= 30 and density >= 0.08:
        return Grade.GOOD, words
    if density >= 0.1 and (words >= 16 or sentence) and words >= 3:
        return Grade.NEAR, words
    return Grade.SHORT, words


def grade_all(lines: list[Line]) -> tuple[list[Grade], list[int], Language]:
    """Every line's grade and length in words, and the page's language they were read in."""
    tokens: dict[int, list[str]] = {}
    sampled = 0
    for i, line in enumerate(lines):
        if line.words >= _SAMPLE_WORDS and line.kind not in _FURNITURE:
            tokens[i] = words_of(line.text)
            sampled += len(tokens[i])
            if sampled >= _SAMPLE:
                break
    # Spaceless scripts show as long lines of one or two "words".
    dense = [line.text for line in lines if line.words <= 4 and len(line.text) >= _DENSE_LINE]
    lang = detect(list(tokens.values()), dense)
    # A line the page prints twice is a link (a teaser's headline and its copy, a menu), or
    # the headline: an article's paragraphs are printed once.
    seen = Counter(line.key for line in lines if line.key)
    grades: list[Grade] = []
    sizes: list[int] = []
    last = ""  # the key of the last line that was not blank
    twins: list[int] = []
    for i, line in enumerate(lines):
        grade, words = grade_line(line, lang, tokens.get(i))
        if grade in _PROSE and seen[line.key] > 1 and line.key:
            grade = Grade.SHORT
        if grade is Grade.SHORT and line.key and line.key == last and words >= _TWIN_WORDS:
            twins.append(i)
        if grade is not Grade.BLANK:
            last = line.key
        grades.append(grade)
        sizes.append(words)
    _programs(lines, grades)
    short = [grade is Grade.SHORT for grade in grades]
    for j in contents(lines, sizes, short):
        grades[j] = Grade.CONTENTS
    _cards(twins, grades)
    if lang.dense:
        _sentence_lines(lines, grades, sizes)
    return grades, sizes, lang


def _cards(twins: list[int], grades: list[Grade]) -> None:
    """Regrade as TWIN the headlines printed twice in a row (a link on the picture, one on
    the headline) that stand in a list of such cards with no paragraph between them."""
    for n, at in enumerate(twins):
        for m in (n - 1, n + 1):
            if 0 <= m < len(twins):
                low, high = min(at, twins[m]), max(at, twins[m])
                if not any(grades[j] is Grade.GOOD for j in range(low, high)):
                    grades[at] = Grade.TWIN


def _sentence_lines(lines: list[Line], grades: list[Grade], sizes: list[int]) -> None:
    """Regrade as GOOD the long lines of Chinese or Japanese that read as sentences (NEAR)
    in a stretch of them that touches a paragraph, past pictures' file names between them:
    prose printed a sentence a line, not a list of teasers (shorter, or cut off)."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        last = Grade.BLANK  # the grade of the last line that was neither blank nor furniture
        for i in order:
            grade = grades[i]
            if grade is Grade.BLANK or grade is Grade.BAD:
                continue
            if (
                grade is Grade.NEAR
                and last is Grade.GOOD
                and sizes[i] >= _DENSE_LONG
                and dense_chars(lines[i].text) >= _DENSE_LINE
            ):
                grades[i] = grade = Grade.GOOD
            last = grade


def _programs(lines: list[Line], grades: list[Grade]) -> None:
    """Regrade as CODE the stretches of short lines that read as a program or a table of
    figures (brackets, operators, box-drawing on many of them), which neither add to an
    article nor part it: a technical article prints them between its paragraphs."""
    stretch: list[int] = []
    for j in range(len(lines) + 1):
        grade = grades[j] if j < len(lines) else Grade.END
        if grade is Grade.BLANK:
            continue
        if grade in (Grade.SHORT, Grade.BAD) or (grade in _PROSE and _code_line(lines[j])):
            stretch.append(j)
            continue
        new = _stretch_grade(lines, stretch)
        if new is not None:
            for k in stretch:
                grades[k] = new
        stretch = []


def _stretch_grade(lines: list[Line], stretch: list[int]) -> Grade | None:
    """CODE for a program's lines, CHART for a chart's figures and labels, else None."""
    if len(stretch) < _CODE_LINES:
        return None
    marked = sum(1 for k in stretch if _CODE.search(lines[k].text))
    if marked >= _CODE_SHARE * len(stretch):
        return Grade.CODE
    figures = sum(1 for k in stretch if _FIGURE.match(lines[k].text))
    return Grade.CHART if marked + figures >= _CHART_SHARE * len(stretch) else None


def _code_line(line: Line) -> bool:
    """A short line of a program that ends like a sentence: "for word in line.split():"."""
    text = line.text
    if line.words > _CODE_WORDS:
        return False
    return _CODE.search(text) is not None or (line.words <= 6 and text.endswith(":"))


def _neighbours(grades: list[Grade], i: int) -> tuple[Grade, Grade]:
    """The grades of the lines before and after line i that are neither blank nor a formula
    (a formula stands inside the paragraphs around it), within three lines of either."""
    before = after = Grade.BLANK
    n = len(grades)
    for step, out in ((-1, True), (1, False)):
        j, seen = i + step, 0
        while 0 <= j < n and seen < 3:
            grade = grades[j]
            if grade is Grade.MATH:
                seen -= 1  # a formula (and the blank line after it) is passed for free
            elif grade is not Grade.BLANK:
                if out:
                    before = grade
                else:
                    after = grade
                break
            seen += 1
            j += step
    return before, after


def _labels_formula(grades: list[Grade], i: int) -> bool:
    """Whether the next line after line i that is not blank is a formula: i is its label."""
    j = i + 1
    while j < len(grades) and grades[j] is Grade.BLANK:
        j += 1
    return j < len(grades) and grades[j] is Grade.MATH


def weights(
    grades: list[Grade], sizes: list[int], cuts: frozenset[int] = frozenset()
) -> list[float]:
    """What each line adds to a run: prose its words, furniture a small cost, a cut all.

    `cuts` are lines where another article starts (a headline with its own byline).
    """
    out: list[float] = []
    streak = 0  # lines without prose so far: a long stretch of them parts two blocks
    for i, grade in enumerate(grades):
        if grade is Grade.BLANK:
            out.append(0.0)
            continue
        if i in cuts or grade is Grade.CUT:
            out.append(CUT)
            continue
        if grade is Grade.GOOD:
            before, after = _neighbours(grades, i)
            # A lone paragraph between headlines is a teaser in a list, not an article's.
            alone = before is not Grade.GOOD and after is not Grade.GOOD
            # ... and one with a date under it, a teaser for sure.
            share = _TEASER if alone and after is Grade.META else _ALONE if alone else 1.0
            out.append(sizes[i] * share)
            streak = 0
            continue
        if grade is Grade.NEAR:
            before, after = _neighbours(grades, i)
            if Grade.GOOD in (before, after):
                out.append(0.5 * sizes[i])
                streak = 0
                continue
        if grade in _NEUTRAL or (grade is Grade.SHORT and _labels_formula(grades, i)):
            out.append(0.0)  # a program, a chart, a formula, contents: neither add nor part
            continue
        streak += 1
        cost = _STREAK * max(0, streak - _FREE_STREAK)
        if grade is Grade.SHORT or grade is Grade.TWIN:
            out.append(-1.5 - 0.1 * min(sizes[i], 20) - cost)
        elif grade is Grade.END:
            out.append(-25.0 - cost)
        else:  # furniture, or a short sentence among furniture
            out.append(-2.0 - cost)
    return out
