"""Calendar dates in a pasted page's lines: English, French, German, Spanish, Portuguese,
Italian and Dutch month names (also cut short), numeric dates, the year first as Chinese,
Japanese and Korean pages write it, with the time of day and the zone when given.

Plain regexes searched once each, after one quick scan for a year's four figures.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


FULL_MONTHS = frozenset(_FOREIGN_MONTHS)  # not their cuts: "Jane" is no "jane(iro)"
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
    r"(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?",
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
    r"\b(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})? ?([ap])\.?m\b\.?"
    r"|\b(\d{1,2})[:.h](\d{2})(?::\d{2})?(?!\d)",  # "10:15h", "10h15"
    re.I,
)
_TZ = re.compile(
    r"\(?\b(utc|gmt|bst|cet|cest|eet|eest|est|edt|et|cst|cdt|ct|mst|mdt|pst|pdt|pt|ist|pkt|jst"
    r"|kst|aest|aedt|sgt|hkt|wib|gst|ast|msk)\b\)?(?: ?([+-]) ?(1[0-4]|0?\d)(?::?([0-5]\d))?)?"
    r"|([+-](?:0\d|1[0-4])):?([0-5]\d)\b",
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
