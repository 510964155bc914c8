"""Metadata lines of a pasted news page: dates, bylines and reading times.

Plain anchored regexes on short lines only, so a huge line never costs more than a scan; the
dates themselves are read by `dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from tuinews.importer.formats.textdump.dates import FULL_MONTHS, find_date
from tuinews.importer.formats.textdump.names import (
    PARTS,
    bare_name,
    cjk_credit,
    clean_author,
    is_name,
    is_role,
    unglue,
)

_DATE_WORDS = frozenset({
    "updated", "update", "last", "published", "posted", "first", "on", "at", "date", "dated",
    "modified", "edited", "created", "originally", "time", "and", "am", "pm", "a", "p", "m",
    "of", "the", "local", "hrs", "hours", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "issued", "à", "le", "mis", "jour", "publié", "h", "um", "uhr",
    "aktualisiert", "veröffentlicht", "de", "del", "às", "publicado", "actualizado", "ago"
}) | FULL_MONTHS  # fmt: skip
_PUBLISHED_WORDS = frozenset(
    {
        "published",
        "posted",
        "first",
        "originally",
        "created",
        "issued",
        "publié",
        "publicado",
        "veröffentlicht",
    }
)
_UPDATED_WORDS = frozenset(
    {"updated", "update", "modified", "edited", "mis", "aktualisiert", "actualizado"}
)

_RELATIVE = re.compile(
    r"^(?:(?:last )?(?:published|updated|posted|edited) ?:? ?)?(?:(?:\d{1,4}|an?|one|a few) ?"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|y|yrs?|years?)"
    r" ago|yesterday|today|just now|moments ago)$",
    re.I,
)
_READTIME = re.compile(
    r"^(?:(?:estimated )?(?:reading|read) time ?:? ?)?(?:about |approx\.? )?\d{1,3} ?-? ?"
    r"(?:min|mins|minute|minutes)\.?(?: (?:read|reading|to read|listen|watch))?$",
    re.I,
)
_BY_ALONE = frozenset(
    {
        "by",
        "by:",
        "words by",
        "written by",
        "story by",
        "words",
        "author",
        "author:",
        "par",
        "por",
        "von",
    }
)
# "By" in the other languages: a byline's first word, and a hint that a line is metadata.
_BY_FOREIGN = "par|por|von|door|di|av|af|przez|autor|autore|auteur|bởi|بقلم|מאת"
# A byline's label in other languages: "Text: ...", "Texte : ...", "Redakcja: ...".
_BY_LABELS = "text|texte|texto|testo|tekst|autorin|autora|redakcja|автор|текст|yazar|kirjoittaja"
_BYLINE = re.compile(
    r"^(?:/+ )?(?:(?:by|words by|written by|story by|text by|posted by|reported by|reporting by"
    r"|interview by|interviewed by"
    r"|(?:escrito|escrita|écrit|écrite|geschrieben|scritto|scritta|skrevet|geschreven) "
    rf"(?:{_BY_FOREIGN}|da|von)"
    rf"|{_BY_FOREIGN})(?: :?| ?:)"
    rf"|(?:authors?|words|byline|writer|{_BY_LABELS}) ?:) ?(\S.*)$",
    re.I,
)
_POSTED_IN_BY = re.compile(
    r"^\s*(?i:posted|filed|published) in [^\d]{1,30}? (?=by )|\bby @?[a-z0-9_.-]+(?!\S)"
)
_HANDLE = re.compile(r"@\w+|\bfollow\b", re.I)
_HINT_DIGIT = re.compile(r"\d")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")  # words in any script ("veröffentlicht", not "ver")
_CLOCK_ONLY = re.compile(
    r"^(?:at |um |à |às )?\d{1,2}[:.h]\d{2}(?::\d{2})? ?(?:[ap]\.?m\.?|h|uhr)?"
    r"(?: ?\(?[a-z]{2,4}\)?)?$",
    re.I,
)
# Every metadata line holds a figure, a byline word or a relative day.
_HINT = re.compile(
    rf"\d|\b(?:by|authors?|words|writer|byline|yesterday|today|just now|{_BY_FOREIGN}"
    rf"|{_BY_LABELS}|reporter|correspondent|editor|columnist|contributor|staff|press)\b",
    re.I,
)
# "on March 10, 2015 by Jane Doe": the date's part ends where the byline starts.
_BY_AFTER_DATE = re.compile(rf"(?<=\d),? (?=(?:by|{_BY_FOREIGN}) [A-Z@])")
# "Jane Doe 2 hours ago", "Jane Doe • 8h": a name and when, relative to now.
_NAME_THEN_RELATIVE = re.compile(
    r"^(\S.*?),? (?:(?:\d{1,4}|an?|one) ?(?:m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?"
    r"|weeks?|months?|y|yrs?|years?) ago|yesterday|today|just now)$",
    re.I,
)
# Dates printed without their full year. A Japanese portal's stamp after the outlet's name:
# the month and day with the weekday, the time, "delivered" or "updated" ("4/12(日) 07:30配信").
_WEEKDAY_STAMP = re.compile(
    r"^(?:\S.{0,30}? )?\d{1,2}(?:/|月 ?)\d{1,2}日? ?[(（][月火水木金土日][)）] ?\d{1,2}:\d{2} ?"
    r"(?:配信|更新|掲載|公開|投稿)?$"
)
# A two-figure year with the section the story was filed in ("04.22.26 in Ferries").
_SHORT_YEAR = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{2}) in [^\d|]{1,30}$")
_COMPACT_AGE = re.compile(r"^\d{1,2} ?(?:m|h|d|w|min|hr|hrs)$", re.I)  # "8h" beside a byline


@dataclass(frozen=True, slots=True)
class Meta:
    """What one metadata line says: an author, a date (UTC) and what kind of date it is."""

    author: str | None = None
    date: datetime | None = None
    date_label: str = ""
    awaits_name: bool = False


def _date_part(part: str) -> Meta | None:
    """A part that is only a date (with its labels, weekday, time and zone), else None."""
    found = find_date(part)
    if found is None:
        return None
    when, rest = found
    # "Posted in News by jdoe on ...", "Posted on ... by jdoe": a section and a handle beside it.
    words = _LETTER_RUNS.findall(_POSTED_IN_BY.sub(" ", rest).lower())
    if sum(1 for w in words if w not in _DATE_WORDS) > 1:
        return None
    label = ""
    if _PUBLISHED_WORDS.intersection(words):
        label = "published"
    elif _UPDATED_WORDS.intersection(words):
        label = "updated"
    return Meta(date=when, date_label=label)


def _name_and_date(part: str) -> Meta | None:
    """A name of two to four words followed by a date (or an age), and nothing else."""
    relative = _NAME_THEN_RELATIVE.match(part)
    if relative is not None:
        name = bare_name(relative.group(1))
        return Meta(author=name) if name is not None else None
    found = find_date(part)
    name = clean_author(part) if found is not None else None
    if found is None or name is None or not 2 <= len(name.split()) <= 4:
        return None
    own = set(name.lower().split())
    words = re.findall(r"[^\W\d_]+", found[1].lower())
    if any(w not in _DATE_WORDS and w not in own for w in words):
        return None
    return Meta(author=name, date=found[0])


def _yearless(text: str) -> Meta | None:
    """A date line without its full year: the header's line all the same, its date kept only
    when it cannot be misread (a two-figure year whose day is over 12: month and day agree
    whichever comes first)."""
    if _WEEKDAY_STAMP.match(text):
        return Meta()
    found = _SHORT_YEAR.match(text)
    if found is None:
        return None
    first, second, year = int(found.group(1)), int(found.group(3)), 2000 + int(found.group(4))
    if first > 12 and second <= 12:
        day, month = first, second
    elif second > 12 and first <= 12:
        day, month = second, first
    else:
        return Meta()
    try:
        return Meta(date=datetime(year, month, day, tzinfo=UTC))
    except ValueError:
        return Meta()


def parse_meta(text: str) -> Meta | None:
    """What a byline/date/reading-time line says, or None if the line is something else."""
    if len(text) > 160:
        return None
    if (yearless := _yearless(text)) is not None:
        return yearless
    low = text.lower()
    if low in _BY_ALONE:
        return Meta(awaits_name=True)
    if not text.isascii() and (credit := cjk_credit(text)) is not None:
        name, at = credit
        found = find_date(text[:at]) if at else None
        if name is None and found is None:
            return None
        return Meta(author=name, date=found[0] if found is not None else None)
    if not _HINT.search(text):
        return None
    author: str | None = None
    dates: list[Meta] = []
    loose_names: list[str] = []
    labels = 0
    has_meta = False
    dated = ""  # the part that held the last date
    for part in PARTS.split(_BY_AFTER_DATE.sub(" | ", text)):
        part = part.strip(" ,")
        if not part:
            continue
        if _READTIME.match(part) or _RELATIVE.match(part) or _COMPACT_AGE.match(part):
            has_meta = True
            continue
        if part.lower().rstrip(":") in {"updated", "published", "posted", "last updated"}:
            continue
        if _CLOCK_ONLY.match(part):
            # "April 5, 2018 | 6:00 PM": the time of the date beside it
            timed = _date_part(f"{dated} {part}") if dates and dated else None
            if timed is not None and timed.date is not None:
                dates[-1] = replace(dates[-1], date=timed.date)
            continue
        date = _date_part(part)
        dated = part if date is not None else ""
        if date is not None:
            dates.append(date)
            has_meta = True
            continue
        if loose_names and is_role(part):
            has_meta = True  # "Jane Doe | Senior Reporter"
            continue
        by = _BYLINE.match(part)
        if by is not None:
            raw = " ".join(unglue(_HANDLE.sub(" ", by.group(1))).split())
            if not raw and "@" in by.group(1):
                has_meta = True  # "On 6/13/2026 by @handle": no name, the date still counts
                continue
            found = find_date(raw) if _HINT_DIGIT.search(raw) else None
            # "By Jane Doe March 18, 2026 12:22 PM Good Morning": the name, then the date.
            name = clean_author(raw)
            if found is not None:
                dates.append(Meta(date=found[0]))
                name = name or clean_author(" ".join(found[1].split()))
            if name is None:
                return None
            author = author or name
            has_meta = True
            continue
        name = bare_name(part)
        who, comma, role = part.partition(", ")
        if name is None and comma and is_role(role) and (named := bare_name(who)) is not None:
            author, has_meta = author or named, True  # "Jane Doe, Staff Writer"
            continue
        if name is None and _HINT_DIGIT.search(part):
            both = _name_and_date(part)  # "Jane Doe March 9, 2026 13", "Jane Doe 1 day ago"
            if both is not None:
                author = author or both.author
                if both.date is not None:
                    dates.append(both)
                has_meta = True
                continue
        if name is None:
            if labels or not is_name(part.split()):
                return None
            labels += 1  # "The Harbour Gazette | 2 May 2026 | By Jane Doe": the paper's name
            continue
        loose_names.append(name)
    if not has_meta or len(loose_names) > 1 or (labels and author is None and not dates):
        return None
    if author is None and loose_names:
        author = loose_names[0]
    best = next((d for d in dates if d.date_label == "published"), dates[0] if dates else None)
    if best is None:
        return Meta(author=author)
    return Meta(author=author, date=best.date, date_label=best.date_label)
