"""What stands around an article's headline: its byline, date and standfirst.

The byline is a "By ..." line (in the page's language) or a name alone near the headline:
under it, under the headline's first copy when the page prints it twice, right above the
body, or above the headline with a reading time or date under the name. Failing those, the
author's note under the article ("Jane Doe covers ...") or a line of names that ends it.
Dates are read on the lines around the headline, in the page's language through dateparser.
The summary is a standfirst under the headline, or the header's bullets when they read as
key points.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from tuinews.importer.formats.textdump.dates import find_date
from tuinews.importer.formats.textdump.lines import Kind, Line, key_of
from tuinews.importer.formats.textdump.meta import Meta
from tuinews.importer.formats.textdump.names import (
    PARTS,
    bare_name,
    clean_author,
    names_line,
    person,
)
from tuinews.importer.formats.textdump.prose import Grade

_AFTER = 8  # non-blank lines below the start of the prose searched for a byline or date
_NAME_REACH = 6  # non-blank lines under the headline where a bare name is its byline
_COPY_REACH = 80  # lines above the headline searched for its first copy
_ABOVE_DATE = 4  # non-blank lines above the headline where its date may stand
_ABOVE = 16  # non-blank lines above the headline where a name over its reading time stands
# "About the author", "Über den Autor", "À propos de l'auteur": the note follows, not the end.
_ABOUT_AUTHOR = re.compile(r"\b(?:authors?|autor|autora|autore|auteur|auteure|autorin)\b", re.I)
# A wire story's credit or a signature under the article: the reporter, not the editor.
_SIGNED = re.compile(
    r"^\(?(?:reporting|reported|writing|written) by ([^;)]{3,80})"
    r"|^(?:—|–|--) ?([^\W\d_][^,;]{2,40})$",
    re.I,
)
_FURNITURE_REACH = 200  # lines above the body searched for a byline past a player's controls
_NOTICE_WORDS = 12  # "This video is not available in your region."
_END_REACH = 12  # non-blank lines around the body's end searched for the author's note
_NOT_NAMES = frozenset({"the", "from", "of", "to", "for", "in", "on", "with", "your", "my", "our"})
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)] ")  # "1. Jane Doe": the authors as a numbered list
_FILE_NAME = re.compile(r"^[a-z0-9]+[-_][\w-]*\s")  # "jdoe-headshot Jane Doe": an image's name
# A photo's caption ends with its credit: "... Credit: Harbour Herald", "... Foto: J. Doe".
_CREDITED = re.compile(
    r"\b(?:credit|credits|photo|photograph|foto|bild|image|picture)s? ?: ?[^.:!?]{1,60}$", re.I
)
_ECHO_WORDS = 6  # a caption's copy starts with the same words
_POINT_WORDS = 5  # a bullet of the summary says something: "Fares rise by a tenth"
_YEAR = re.compile(r"\b(?:19[7-9]\d|20\d\d)\b")
# The author's note under an article: "Jane Doe covers ...", "Jane Doe Jane is a reporter".
_NOTE = re.compile(
    r"^((?:[A-Z][\w.'’-]*\.? ){1,2}[A-Z][\w'’-]+) (?:([A-Z][\w'’-]+) )?"
    r"(?:is|was|has|covers|writes|reports|joined|edits|lives|arrives|became|est|ist|es|è)\b"
)


def header_meta(
    lines: list[Line], head: int, start: int, stop: int, languages: list[str]
) -> tuple[str | None, datetime | None, list[int]]:
    """The byline and date nearest the headline, and the META lines read for them."""
    author: str | None = None
    published: datetime | None = None
    label = ""
    used: list[int] = []
    low = _top_of_header(lines, head)
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
    author = (
        author
        or _bare_byline(lines, head, high)
        or _byline_over_body(lines, start)
        or _byline_under_copy(lines, head)
        or _name_over_age(lines, head)
        or end_byline(lines, stop)
    )
    if author is None and (far := _byline_past_furniture(lines, start)) is not None:
        author, published = far.author, published or far.date
    if published is None and languages:
        published = _foreign_date(lines, low, high, languages)
    return author, published, used


def _top_of_header(lines: list[Line], head: int) -> int:
    """The highest line of the header above the headline: up to four lines, blank lines not
    counted (a blog puts its date, reading time and tags in a list over the title), and no
    paragraph or end of another article."""
    low = head
    seen = 0
    for j in range(head - 1, max(-1, head - 4 * _ABOVE_DATE), -1):
        kind = lines[j].kind
        if kind is Kind.BLANK:
            continue
        if kind in (Kind.PROSE, Kind.END) or seen == _ABOVE_DATE:
            break
        seen += 1
        low = j
    return low


def _bare_byline(lines: list[Line], head: int, high: int, metas: bool = False) -> str | None:
    """A name standing alone under the headline ("Jane Doe", "• Jane Doe", "1. Jane Doe"):
    the byline. With `metas`, a "By" line counts too."""
    seen = 0
    for line in lines[head + 1 : high]:
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _NAME_REACH:
            break
        if metas or line.kind is not Kind.META:
            name = _name_of(line, lines[head].key)
            if name is not None:
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
    """The summary line between the headline and the prose: a sentence, not a byline.

    Not a photo's caption (with its credit at the end, or printed twice: its alt text, then
    the caption with its credit), nor a line under the byline with another story's teaser
    between it and the body (a card under a share bar).
    """
    for j in range(head + 1, start):
        line = lines[j]
        if line.kind in (Kind.BLANK, Kind.META, Kind.JUNK, Kind.CAPTION, Kind.BULLET):
            continue
        if line.key == lines[head].key:
            continue
        if grades[j] in (Grade.GOOD, Grade.NEAR) and line.words >= 6:
            if credited(line.text) or not _over_body(lines, j, start, lines[head].key):
                return None
            return line.text
    return None


def credited(text: str) -> bool:
    """Whether a line ends with a photo's credit ("... Credit: Harbour Herald"): a caption."""
    return _CREDITED.search(text) is not None


def _over_body(lines: list[Line], j: int, start: int, title_key: str) -> bool:
    """Whether lines[j] stands over the article's byline or date, or over the body with only
    furniture between; and the line next to it does not repeat it."""
    opening = lines[j].text.split()[:_ECHO_WORDS]
    below = [line for line in lines[j + 1 : start] if line.kind is not Kind.BLANK]
    above = next((line for line in reversed(lines[:j]) if line.kind is not Kind.BLANK), None)
    if any(n is not None and n.text.split()[:_ECHO_WORDS] == opening for n in (above, *below[:1])):
        return False
    return any(line.kind is Kind.META for line in below) or not any(
        line.kind is Kind.PROSE or (line.kind is Kind.TITLE and line.key != title_key)
        for line in below
    )


def key_points(bullets: list[Line], named: Callable[[str], int]) -> str | None:
    """The bullets of a header as the article's summary ("- ..." lines), when they read as
    its key points: at least two of five words or more, most of the header's bullets, none
    of them printed again on the page (`named` counts the short lines that hold a key). Not
    share buttons, tags, a menu, a table of contents or a gallery's captions."""
    points = [line for line in bullets if line.words >= _POINT_WORDS]
    if len(points) < 2 or 2 * len(points) < len(bullets):
        return None
    openings = {tuple(line.text.split()[:_ECHO_WORDS]) for line in points}
    if len(openings) < len(points) or any(named(key_of(line.text)) for line in points):
        return None  # a gallery's captions; a table of contents (its entries are headings)
    return "\n".join("- " + line.text for line in points)


def _name_of(line: Line, own_key: str = "") -> str | None:
    """The name a line holds alone ("Jane Doe", "1. Jane Doe", "jdoe-photo Jane Doe"), or None."""
    if line.kind is Kind.META and line.meta is not None:
        return line.meta.author
    if line.kind not in (Kind.TITLE, Kind.SHORT, Kind.BULLET) or f" {line.key} " in f" {own_key} ":
        return None  # the headline, or a part of it printed on a line of its own
    text = _FILE_NAME.sub("", _LIST_NUMBER.sub("", line.text))
    if _NOT_NAMES.intersection(text.lower().split()):
        return None
    return bare_name(text) if person(text) else names_line(text)  # "Jane Doe, John Roe"


def _byline_over_body(lines: list[Line], start: int) -> str | None:
    """A byline right above the body (the headline found stands below it, or none was)."""
    seen = 0
    for j in range(start - 1, -1, -1):
        line = lines[j]
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _NAME_REACH:
            break
        if line.kind is Kind.META and line.meta is not None and line.meta.author is not None:
            return line.meta.author
    return None


def _byline_under_copy(lines: list[Line], head: int) -> str | None:
    """The byline under the headline's first copy, when the page prints the headline twice
    (the header far above, the headline again over the body)."""
    key = lines[head].key
    if not key:
        return None
    for j in range(head - 1, max(-1, head - _COPY_REACH), -1):
        if lines[j].key == key:
            return _bare_byline(lines, j, head, metas=True)
    return None


def _name_over_age(lines: list[Line], head: int) -> str | None:
    """A name above the headline with its reading time or date under it ("Jane Doe" /
    "4 min read"): the author's card at the top of a blog post."""
    seen = 0
    for j in range(head - 1, -1, -1):
        if lines[j].kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _ABOVE:
            break
        after = next(
            (k for k in range(j + 1, min(head, j + 3)) if lines[k].kind is not Kind.BLANK), None
        )
        if after is None or lines[after].kind is not Kind.META:
            continue
        name = _name_of(lines[j]) if lines[j].kind is not Kind.META else None
        if name is not None:
            return name
    return None


def _byline_past_furniture(lines: list[Line], start: int) -> Meta | None:
    """The nearest byline above the body however far, when only furniture stands between
    them (a video player's controls and settings, a gallery's buttons): no paragraph, no
    end of another article, at most one short line of prose (the player's notice)."""
    prose = 0
    for j in range(start - 1, max(-1, start - _FURNITURE_REACH), -1):
        line = lines[j]
        if line.kind is Kind.END:
            return None
        if line.kind is Kind.PROSE:
            prose += 1
            if prose > 1 or line.words > _NOTICE_WORDS:
                return None
        if line.kind is Kind.META and line.meta is not None and line.meta.author is not None:
            return line.meta
    return None


def _signature(signed: re.Match[str]) -> str | None:
    """The reporter of a wire credit, or the person who signs the article."""
    if signed.group(1):
        return clean_author(signed.group(1))
    text = signed.group(2)
    if _NOT_NAMES.intersection(text.lower().split()) or not person(text):
        return None
    return bare_name(text)


def end_byline(lines: list[Line], stop: int) -> str | None:
    """The author named where the article ends: a note about them ("Jane Doe covers the
    courts.") or a line of names alone ("Jane Doe, John Roe")."""
    seen = 0
    for j in range(max(0, stop - 3), len(lines)):
        line = lines[j]
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _END_REACH or (line.kind is Kind.END and not _ABOUT_AUTHOR.search(line.text)):
            break
        note = _NOTE.match(line.text)
        if note is not None and (note.group(2) in (None, note.group(1).split()[0])):
            name = bare_name(note.group(1))
            if name is not None and person(note.group(1)):
                return name
        parts = PARTS.split(line.text, maxsplit=2)
        if len(parts) > 1 and person(parts[0]) and find_date(parts[1]) is not None:
            return bare_name(parts[0])  # "Jane Doe — 2026-03-09 — in Notes — Permalink"
        signed = _SIGNED.match(line.text) if len(line.text) <= 160 else None
        if signed is not None and (name := _signature(signed)) is not None:
            return name  # "(Reporting by Jane Doe in Oslo; Editing by ...)", "— Jane Doe"
        if line.kind in (Kind.TITLE, Kind.SHORT) and (names := names_line(line.text)):
            return names
    return None
