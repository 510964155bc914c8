"""Dates from feeds, JSON and text: always timezone-aware UTC, or None."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def from_struct(value: time.struct_time | None) -> datetime | None:
    """A UTC struct_time (as feedparser gives) as an aware datetime."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def parse_date(value: object) -> datetime | None:
    """ISO 8601, RFC 822 or a written date; a date without a zone is taken as UTC.

    A date that cannot be read exactly (a part missing, an unknown zone) is None.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from feedparser.datetimes import _parse_date

        # feedparser's handlers first (RFC 822 with zone names, W3C-DTF, asctime ...):
        # email.utils read "4:31 PM EST" as 04:31.
        try:
            found = from_struct(_parse_date(text)) or _written_date(text)
        except (ValueError, OverflowError, IndexError):
            return None
        if found is None:
            return None
        parsed = found
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


# Two defaults that share no field: a part the text does not give shows as a difference.
_DEFAULTS = (datetime(2001, 1, 1, 1, 1, 1), datetime(2002, 2, 2, 2, 2, 2))


def _written_date(text: str) -> datetime | None:
    """A date written out ("January 26, 2004 4:31 PM EST"), only when it is complete.

    dateutil fills what the text leaves out from its default (today's date) and reads an
    unknown zone name as no zone: either would store a guess, so both give None. The time
    of day may be left out (midnight), the date itself may not.
    """
    import warnings

    from dateutil import parser

    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", parser.UnknownTimezoneWarning)
                results.append(parser.parse(text, default=default))
        except (ValueError, OverflowError, parser.ParserError, parser.UnknownTimezoneWarning):
            return None
    first, second = results
    if first.date() != second.date():
        return None
    if first.hour != second.hour:
        return first.replace(hour=0, minute=0, second=0)
    return first if first.second == second.second else first.replace(second=0)
