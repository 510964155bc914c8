"""Metadata lines of a pasted news page: dates, bylines and reading times.

Plain anchored regexes on short lines only, so a huge line never costs more than a scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tuinews.importer.formats.textdump.names import (
    PARTS,
    bare_name,
    cjk_credit,
    clean_author,
    is_name,
    is_role,
    unglue,
)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
# Month names of the languages whose pages write the day first ("30 avril 2015", "21. März
# 2024", "12 de marzo de 2024"): French, German, Spanish, Portuguese, Italian, Dutch.
_FOREIGN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "janvier januar enero janeiro gennaio januari",
            "février februar febrero fevereiro febbraio februari",
            "mars märz marzo março maart",
            "avril april abril aprile",
            "mai mayo maio maggio mei",
            "juin juni junio junho giugno",
            "juillet juli julio julho luglio",
            "août august agosto augustus",
            "septembre september septiembre setiembre setembro settembre",
            "octobre oktober octubre outubro ottobre",
            "novembre november noviembre novembro",
            "décembre dezember diciembre dezembro dicembre december",
        ),
        start=1,
    )
    for name in names.split()
}


def _abbreviations(months: dict[str, int]) -> dict[str, int]:
    """The month names cut to three and four letters ("dez", "févr", "juil"), where the cut
    names one month only ("jui" could be June or July)."""
    cuts: dict[str, set[int]] = {}
    for name, number in months.items():
        for size in (3, 4):
            if len(name) > size:
                cuts.setdefault(name[:size], set()).add(number)
    return {cut: numbers.pop() for cut, numbers in cuts.items() if len(numbers) == 1}


_FULL_MONTHS = frozenset(_FOREIGN_MONTHS)  # not their cuts: "Jane" is no "jane(iro)"
_FOREIGN_MONTHS |= {
    cut: n for cut, n in _abbreviations(_FOREIGN_MONTHS).items() if cut not in _FOREIGN_MONTHS
}
# "30 avril 2015", "1er mai", "21. März 2024", "12 de marzo de 2024", "21.dez.2018", "21. Dez.
# 2025": the longest names first, so that "marzo" is not read as "mar".
_DMY_FOREIGN = re.compile(
    r"\b(\d{1,2})(?:\.|er)? ?(?:de )?("
    + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r")(?:\.|(?![^\W\d_]))(?: de)?,? ?(\d{4})(?!\d)",
    re.I,
)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MON},? ?(\d{{4}})(?!\d)", re.I)
_MDY = re.compile(rf"\b{_MON} ?(\d{{1,2}})(?:st|nd|rd|th)?,? ?(\d{{4}})(?!\d)", re.I)
_ISO = re.compile(
    r"\b(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?",
    re.I,
)
_NUM = re.compile(r"\b(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b")
# The year first: "2026/03/03", "2026.03.03" (figures zero-padded), "2026年3月3日",
# "2026년 3월 3일".
_YMD = re.compile(
    r"(?<![\d.])(\d{4})(?:([/.])(\d\d)\2(\d\d)(?![\d.])"
    r"| ?[年년] ?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]?)"
)
_YEAR_DIGITS = re.compile(r"\d{4}")  # every date pattern above holds its year's four figures
_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})? ?([ap])\.?m\b\.?|\b(\d{1,2})[:.h](\d{2})(?::\d{2})?\b",
    re.I,
)
_TZ = re.compile(
    r"\(?\b(utc|gmt|bst|cet|cest|eet|eest|est|edt|et|cst|cdt|ct|mst|mdt|pst|pdt|pt|ist|pkt|jst"
    r"|kst|aest|aedt|sgt|hkt|wib|gst|ast|msk)\b\)?(?: ?([+-]) ?(\d{1,2})(?::?(\d{2}))?)?"
    r"|([+-]\d{2}):?(\d{2})\b",
    re.I,
)
_TZ_HOURS = {
    "utc": 0.0, "gmt": 0.0, "bst": 1.0, "cet": 1.0, "cest": 2.0, "eet": 2.0, "eest": 3.0,
    "est": -5.0, "edt": -4.0, "cst": -6.0, "cdt": -5.0, "mst": -7.0, "mdt": -6.0,
    "pst": -8.0, "pdt": -7.0, "ist": 5.5, "pkt": 5.0, "jst": 9.0, "kst": 9.0, "aest": 10.0,
    "aedt": 11.0, "sgt": 8.0, "hkt": 8.0, "wib": 7.0, "gst": 4.0, "ast": 3.0, "msk": 3.0,
}  # fmt: skip
# Zones whose offset depends on the season: looked up in the tz database when it is there.
_TZ_NAMES = {
    "et": "America/New_York",
    "ct": "America/Chicago",
    "pt": "America/Los_Angeles",
}
_DATE_WORDS = frozenset({
    "updated", "update", "last", "published", "posted", "first", "on", "at", "date", "dated",
    "modified", "edited", "created", "originally", "time", "and", "am", "pm", "a", "p", "m",
    "of", "the", "local", "hrs", "hours", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "issued", "à", "le", "mis", "jour", "publié", "h", "um", "uhr",
    "aktualisiert", "veröffentlicht", "de", "del", "às", "publicado", "actualizado", "ago"
}) | _FULL_MONTHS  # fmt: skip
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
_HANDLE = re.compile(r"@\w+|\bfollow\b", re.I)
_HINT_DIGIT = re.compile(r"\d")
_CLOCK_ONLY = re.compile(
    r"^(?:at )?\d{1,2}[:.]\d{2}(?::\d{2})? ?(?:[ap]\.?m\.?)?(?: ?\(?[a-z]{2,4}\)?)?$", re.I
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
_COMPACT_AGE = re.compile(r"^\d{1,2} ?(?:m|h|d|w|min|hr|hrs)$", re.I)  # "8h" beside a byline


@dataclass(frozen=True, slots=True)
class Meta:
    """What one metadata line says: an author, a date (UTC) and what kind of date it is."""

    author: str | None = None
    date: datetime | None = None
    date_label: str = ""
    awaits_name: bool = False


def _zone(word: str, when: datetime) -> tzinfo:
    """The fixed offset of a zone abbreviation, from the tz database for ET/CT/PT."""
    name = _TZ_NAMES.get(word)
    if name is not None:
        try:
            offset = when.replace(tzinfo=ZoneInfo(name)).utcoffset()
        except (ZoneInfoNotFoundError, ValueError, OSError):  # no tz database: standard time
            offset = None
        return timezone(offset or timedelta(hours={"et": -5, "ct": -6, "pt": -8}[word]))
    return timezone(timedelta(hours=_TZ_HOURS.get(word, 0.0)))


def _clock(rest: str) -> tuple[int, int, str] | None:
    """The time of day in `rest` as (hour, minute, rest without it), if there is one."""
    m = _TIME.search(rest)
    if m is None:
        return None
    if m.group(3):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    else:
        hour, minute = int(m.group(4)), int(m.group(5))
    if hour > 23 or minute > 59:
        return None
    return hour, minute, rest[: m.start()] + " " + rest[m.end() :]


def find_date(text: str) -> tuple[datetime, str] | None:
    """The first calendar date in `text` as an aware UTC datetime, and the text around it."""
    if _YEAR_DIGITS.search(text) is None:  # one quick scan rather than five patterns
        return None
    hour = minute = 0
    offset: str | None = None
    m = _ISO.search(text)
    if m is not None:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4):
            hour, minute = int(m.group(4)), int(m.group(5))
        offset = m.group(6)
    elif (m := _DMY.search(text)) is not None:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)[:3].lower()], int(m.group(3))
    elif (m := _MDY.search(text)) is not None:
        month, day, year = _MONTHS[m.group(1)[:3].lower()], int(m.group(2)), int(m.group(3))
    elif (m := _DMY_FOREIGN.search(text)) is not None:
        day, month = int(m.group(1)), _FOREIGN_MONTHS[m.group(2).lower()]
        year = int(m.group(3))
    elif (m := _NUM.search(text)) is not None:
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        # 21/11/2025 is day first; 11/21/2025 and the ambiguous 05/06/2025 read month first;
        # dotted dates (12.03.2024) are written day first wherever they are used.
        dotted = m.group(2) == "."
        day, month = (first, second) if first > 12 or (dotted and second <= 12) else (second, first)
    elif (m := _YMD.search(text)) is not None:
        year, month, day = (
            int(m.group(1)),
            int(m.group(3) or m.group(5)),
            int(m.group(4) or m.group(6)),
        )
    else:
        return None
    if not 1970 <= year <= 2100:
        return None
    rest = text[: m.start()] + " " + text[m.end() :]
    if not (m.re is _ISO and m.group(4)):
        clock = _clock(rest)
        if clock is not None:
            hour, minute, rest = clock
    try:
        when = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    zone: tzinfo = UTC
    if offset and offset.upper() != "Z":
        digits = offset.replace(":", "")
        zone = timezone(timedelta(hours=int(digits[:3]), minutes=int(digits[0] + digits[3:])))
    elif not offset:
        z = _TZ.search(rest)
        if z is not None:
            rest = rest[: z.start()] + " " + rest[z.end() :]
            if z.group(1):
                zone = _zone(z.group(1).lower(), when)
                if z.group(2):
                    shift = timedelta(hours=int(z.group(3)), minutes=int(z.group(4) or 0))
                    utcoff = zone.utcoffset(None) or timedelta()
                    zone = timezone(utcoff + (shift if z.group(2) == "+" else -shift))
            else:
                sign = -1 if z.group(5).startswith("-") else 1
                zone = timezone(
                    sign * timedelta(hours=int(z.group(5)[1:]), minutes=int(z.group(6)))
                )
    try:
        return when.replace(tzinfo=zone).astimezone(UTC), rest
    except (ValueError, OverflowError):
        return None


def _date_part(part: str) -> Meta | None:
    """A part that is only a date (with its labels, weekday, time and zone), else None."""
    found = find_date(part)
    if found is None:
        return None
    when, rest = found
    words = re.findall(r"[a-z]+", rest.lower())
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


def parse_meta(text: str) -> Meta | None:
    """What a byline/date/reading-time line says, or None if the line is something else."""
    if len(text) > 160:
        return None
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
