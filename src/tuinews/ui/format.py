"""How dates and bylines read on screen (pure functions, easy to test)."""

from __future__ import annotations

from datetime import datetime, timedelta

# Within about half a year a day and month cannot be mistaken (as `ls -l` shows dates).
RECENT = timedelta(days=183)


def relative_date(moment: datetime, now: datetime) -> str:
    """'now', '5m', '3h' within a day; a weekday within a week; '12 Sep' this year or
    within half a year; else the month and year, 'Dec 2025'. At most 8 cells."""
    local_now = now.astimezone()
    local = moment.astimezone()
    delta = now - moment
    if delta < timedelta(minutes=1) and delta > -timedelta(minutes=1):
        return "now"
    if timedelta(0) < delta < timedelta(hours=1):
        return f"{int(delta.total_seconds() // 60)}m"
    if timedelta(0) < delta < timedelta(hours=24):
        return f"{int(delta.total_seconds() // 3600)}h"
    if timedelta(0) < delta < timedelta(days=7):
        return local.strftime("%a")
    if local.year == local_now.year or timedelta(0) < delta < RECENT:
        return local.strftime("%d %b").lstrip("0")
    return local.strftime("%b %Y")
