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
    """ISO 8601, RFC 822 or a written date; a date without a zone is taken as UTC."""
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
        from email.utils import parsedate_to_datetime

        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            from dateutil import parser

            try:
                parsed = parser.parse(text)
            except (ValueError, OverflowError, parser.ParserError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
