"""Split a pasted news page into clean lines and say what each line is.

Every test here looks at one line (and a bounded tail of it), so the cost stays linear in the
size of the dump whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import Enum
from functools import lru_cache
from typing import Any

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.dates import find_date
from tuinews.importer.formats.textdump.meta import Meta, parse_meta
from tuinews.importer.formats.textdump.names import bare_name, clean_author, person
from tuinews.importer.formats.textdump.reflow import reflow, signed
from tuinews.importer.sanitize import drop_escape_sequences


class Kind(Enum):
    """What a line of the dump is."""

    BLANK = "blank"
    JUNK = "junk"  # menus, share bars, ads, tickers, newsletter and cookie boxes
    CARD = "card"  # "Also read": the next short line is another story's headline
    READBAR = "readbar"  # "Reading: <headline>"
    END = "end"  # what follows an article: related lists, tags, comments, footer
    SOFT_END = "soft_end"  # "12 comments": furniture in a share bar, else an end
    BULLET = "bullet"
    CAPTION = "caption"
    META = "meta"  # byline, date, reading time
    PROSE = "prose"
    TITLE = "title"  # a headline-like line: 3 to 30 words, no closing full stop
    SHORT = "short"
    DEK = "dek"  # the standfirst under a headline


@dataclass(slots=True)
class Line:
    """One cleaned line, what it is, and what it says if it is metadata."""

    text: str
    kind: Kind
    words: int = 0
    key: str = ""
    meta: Meta | None = None
    weak: bool = False  # prose that may be a photo credit: never a body's first line


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u2060\ufeff]")
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·▸►]|[*+–-] )\s*(\S.*)$")
_ASCII_BULLETS = frozenset({"* ", "- ", "+ ", "– "})
_READBAR = re.compile(r"^(?:now )?reading ?: ?(\S.*)$", re.I)
_SLIDE = re.compile(r"(\d{1,3}) ?(?:/|of) ?(\d{1,3})\b")  # "3/50", "3 of 50": a slide's number
_SLIDES = 3  # slides counted out of the same total that make a gallery
_KEY = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_CAPTION_HEAD = re.compile(
    r"^(?:photo|photograph|photography|picture|pic|image|credit|illustration|caption|file photo"
    r"|main image|top image|video)s?(?: credit)? ?(?::|by\b|/|credit\b)|^(?:media )?caption\b",
    re.I,
)
_CAPTION_TAIL = re.compile(
    r"\b(?:photo|photograph|image|picture|pic)(?: credit)? ?: ?[^.:!?]{1,60}$"
    r"|\b(?:getty images|shutterstock|istock|alamy|via reuters|via ap|ap photo)\.?$",
    re.I,
)
_CAPTION_HINTS = re.compile("photo|image|picture|pic|getty|shutterstock|istock|alamy|via ")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|getty|shutterstock|image|picture|illustration|handout|courtesy|credit|supplied"
    r"|istock|alamy|screengrab|screenshot|video grab|file)",
    re.I,
)
AGENCIES = frozenset({
    "afp", "reuters", "ap", "xinhua", "anadolu", "epa", "pti", "ani", "bloomberg", "efe", "dpa",
    "wam", "spa", "app", "ians"
})  # fmt: skip
_CHROME_WORDS = 35  # no line of page furniture is longer than this
_DATE_WORDS = 6  # a line of figures this short may be a date
_DIGIT = re.compile(r"\d")
_WRAP_CHARS = 100  # no tool wraps wider: a longer line is a browser's whole paragraph
_CLOSERS = "\"'”’»)]* "


def key_of(text: str) -> str:
    """A headline's identity: its words, lower-cased, without punctuation or quotes."""
    return " ".join(_KEY.findall(text.lower()))


def split_lines(text: str) -> list[str]:
    """The dump's lines with control characters out, spaces collapsed, hard wraps rejoined."""
    out: list[list[str]] = []  # each line as its wrapped pieces, joined once at the end
    # str.splitlines() breaks at \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029 as well
    # as \n, far faster than a regular expression does.
    # Escape sequences go whole: dropping ESC alone left "[31m" glued to the words.
    # Hard wraps at a tool's width, lynx's link numbers and a second paste are undone first.
    for raw in reflow(_CONTROL.sub("", drop_escape_sequences(text)).splitlines()):
        # Runs of spaces, tabs and no-break spaces: one space. Most lines have none to fold.
        line = raw if _single_spaced(raw) else " ".join(raw.split())
        if line[:2] in _ASCII_BULLETS:  # "* Home", "- Home": the same item as "• Home"
            line = "• " + line[2:]
        # A line broken before a lower-case word is a wrapped paragraph, not two lines; but
        # "by Jane Doe" under a headline is its byline, pasted without a blank line between.
        if out and line[:1].islower() and _continues(out[-1], line):
            out[-1].append(line)
            continue
        out.append([line])
    return [" ".join(pieces) for pieces in out]


def _continues(pieces: list[str], line: str) -> bool:
    """Whether a line starting in lower case goes on with the line above (its pieces so far).

    Under a line of a wrapping tool's width (50 to 100 columns) or a line joined already, it
    does. A longer line is a browser's paragraph, whole: a line under it is its rest only if it
    reads as a sentence's rest (three words or more, or a sentence's end), not a stray word
    ("s", "sai": a comment thread's replies copied without the blank lines between them).
    """
    prev = pieces[-1]
    if not (prev[-1:].isalpha() or prev[-1:] in {",", ";"}) or signed(line):
        return False
    if len(prev) > _WRAP_CHARS and len(pieces) == 1:
        return line.count(" ") >= 2 or line[-1] in ".!?…"
    return len(prev) >= 50 or len(pieces) > 1


def _single_spaced(raw: str) -> bool:
    """Whether " ".join(raw.split()) is raw itself: after splitlines() and _CONTROL, the
    only whitespace an ASCII line can hold is spaces and tabs."""
    return (
        raw.isascii() and "  " not in raw and "\t" not in raw and raw[:1] != " " and raw[-1:] != " "
    )


def _chrome(text: str, words: int) -> Kind | None:
    """The kind of a line of page furniture, or None if it is not furniture."""
    if text[:1] == "©":  # a copyright notice, however long: the page's footer
        return Kind.END
    if words > _CHROME_WORDS:  # a long line: a paragraph, or a reading bar over one
        if _READBAR.match(text):
            return Kind.READBAR
        return None if _LETTERS.search(text[:200]) else Kind.JUNK
    low = text.lower()
    bare = low.strip(" :|>›»•·-–—.!")
    if vocab.COUNTS.match(bare):
        return Kind.SOFT_END if "comment" in bare else Kind.JUNK
    if bare in vocab.END or (words <= 25 and "all rights reserved" in low):
        return Kind.END
    if words <= 12 and vocab.END_PATTERNS.match(low):
        return Kind.END
    if words <= 6 and vocab.COMMENT_COUNT.search(low):
        return Kind.SOFT_END
    if bare in vocab.CARD:
        return Kind.CARD
    if bare in vocab.JUNK or (words <= 6 and vocab.JUNK_PATTERNS.match(low)):
        return Kind.JUNK
    if words <= 30 and vocab.TEASER.match(text):
        return Kind.JUNK
    if words == 1 and vocab.FILE_NAME.match(text):
        return Kind.JUNK
    if words <= 12 and vocab.TICKER.search(text):
        return Kind.JUNK
    if words <= 35 and vocab.CHROME_WORDS.search(low) and vocab.SECOND_PERSON.search(low):
        return Kind.JUNK
    if _READBAR.match(text):
        return Kind.READBAR
    if not _LETTERS.search(text[:200]):
        # Figures only: furniture, unless a date and nothing else ("03.03.2026 10:15",
        # "2026年3月3日"; not a table's row "2026-03-03 18:00 │ 200 │ 4084").
        found = find_date(text) if words <= _DATE_WORDS else None
        return None if found is not None and not _DIGIT.search(found[1]) else Kind.JUNK
    return None


def _caption(text: str) -> bool | None:
    """True for a photo caption, None for a line ending in a bare agency credit, else False."""
    tail = text[-120:]
    lowtail = tail.lower()
    if _CAPTION_HEAD.match(text) or (_CAPTION_HINTS.search(lowtail) and _CAPTION_TAIL.search(tail)):
        return True
    if text.endswith(")") and "(" in text[-100:]:
        inner = text[text.rindex("(") + 1 : -1]
        if _CREDIT_WORDS.search(inner) or ("/" in inner and len(inner) <= 40):
            return True
        if inner.lower().replace(" photo", "") in AGENCIES:
            return None
    return False


def classify(text: str) -> Line:
    """One cleaned line and what it is."""
    if not text:
        return Line(text, Kind.BLANK)
    if len(text) > _CACHED_CHARS:
        return _classify(text)
    return Line(*_classified(text))


# A site's menus, share bars, bylines and footer come back on every page of it: a folder of
# its pages classifies each short line once. Long lines (paragraphs) are not kept.
_CACHED_CHARS = 160
_CACHED_LINES = 4096
_LINE_FIELDS = tuple(field.name for field in fields(Line))


@lru_cache(maxsize=_CACHED_LINES)
def _classified(text: str) -> tuple[Any, ...]:
    """classify(text)'s fields, kept: the Line itself is not shared (the parse changes it)."""
    line = _classify(text)
    return tuple(getattr(line, name) for name in _LINE_FIELDS)


def _classify(text: str) -> Line:
    if not text:
        return Line(text, Kind.BLANK)
    words = text.count(" ") + 1
    kind = _chrome(text, words)
    if kind is not None:
        return Line(text, kind, words)
    bullet = _BULLET.match(text)
    if bullet is not None:
        item = bullet.group(1)
        kind = _chrome(item, item.count(" ") + 1)
        meta = parse_meta(item) if kind is None else None
        if meta is not None and (meta.date is not None or meta.author is not None):
            return Line(item, Kind.META, words - 1, meta=meta)  # "• 24 July 2015"
        return Line(item, kind or Kind.BULLET, words - 1)
    caption = _caption(text)
    if caption and text[:3].lower() != "by ":  # "by Jane Doe (reporting) and ... (photos)"
        return Line(text, Kind.CAPTION, words)
    meta = parse_meta(text)
    if meta is not None:
        return Line(text, Kind.META, words, meta=meta)
    if words <= 4 and 2 * sum(map(str.isdigit, text)) >= len(text) - words + 1:
        return Line(text, Kind.JUNK, words)  # "EUR/USD 1.0832": figures, not words
    key = key_of(text) if len(text) <= 300 else ""
    end = text.rstrip(_CLOSERS)[-1:]
    if (
        words >= 25
        or (end in ".…" and words >= 3)
        or (end in ":;" and words >= 5)
        or (end in "!?" and words >= 15)
    ):
        return Line(text, Kind.PROSE, words, key, weak=caption is None)
    if words <= 30 and len(text) <= 250 and len(_LETTERS.findall(text)) >= 3:
        return Line(text, Kind.TITLE, words, key)
    return Line(text, Kind.SHORT, words, key)


def classify_all(text: str) -> list[Line]:
    """Every line of the dump, classified, with split bylines ("By" / "Jane Doe") joined."""
    lines = [classify(line) for line in split_lines(text)]
    slides: dict[str, list[int]] = {}  # "3/12 ...": a gallery's slides, by their count
    for i, line in enumerate(lines):
        if line.text[:1].isdigit() and (slide := _SLIDE.match(line.text)) is not None:
            slides.setdefault(slide.group(2), []).append(i)
        if line.kind is Kind.SOFT_END:
            # "12 comments" in a share bar is furniture; heading a comment section, an end.
            near = (_prev_filled(lines, i, 1), _next_filled(lines, i, 1))
            junk = any(j is not None and lines[j].kind is Kind.JUNK for j in near)
            line.kind = Kind.JUNK if junk else Kind.END
        if line.kind is not Kind.META or line.meta is None:
            continue
        if line.meta.awaits_name:
            j = _next_filled(lines, i)
            name = clean_author(lines[j].text) if j is not None and lines[j].words <= 6 else None
            if j is not None and name is not None:
                lines[j] = Line(lines[j].text, Kind.META, lines[j].words, meta=Meta(author=name))
        elif line.meta.date is not None and line.meta.author is None:
            _name_above(lines, i)
    for places in slides.values():
        if len(places) >= _SLIDES:
            _captions(lines, places)
    return lines


def _captions(lines: list[Line], places: list[int]) -> None:
    """A gallery's slides ("1/50 Title", "2/50 ...") and the text under each: captions."""
    for i in places:
        lines[i].kind = Kind.CAPTION
        j = _next_filled(lines, i)
        if j is not None and lines[j].kind in (Kind.PROSE, Kind.TITLE, Kind.SHORT):
            lines[j].kind = Kind.CAPTION


def _name_above(lines: list[Line], i: int) -> None:
    """Make "Jane Doe" right above a date line a byline, when a headline stands above it."""
    j = _prev_filled(lines, i)
    if j is None or lines[j].kind not in (Kind.TITLE, Kind.SHORT):
        return
    name = bare_name(lines[j].text) if person(lines[j].text) else None
    above = _prev_filled(lines, j)
    if name is not None and above is not None and lines[above].kind in (Kind.TITLE, Kind.PROSE):
        lines[j] = Line(lines[j].text, Kind.META, lines[j].words, meta=Meta(author=name))


def _next_filled(lines: list[Line], i: int, reach: int = 3) -> int | None:
    for j in range(i + 1, min(len(lines), i + 1 + reach)):
        if lines[j].kind is not Kind.BLANK:
            return j
    return None


def _prev_filled(lines: list[Line], i: int, reach: int = 3) -> int | None:
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if lines[j].kind is not Kind.BLANK:
            return j
    return None
