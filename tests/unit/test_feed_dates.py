"""Feed dates: read as feedparser reads them, on both feed paths; unreadable means unknown."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from html import escape

import pytest
from feedparser.datetimes import _parse_date

from tuinews.importer.dates import parse_date
from tuinews.importer.formats.feed.fallback import parse_feed_slow
from tuinews.importer.formats.feed.stream import read_feed

# Written by us in the shapes that went wrong: zone names, odd offsets, reduced ISO 8601
# forms, a year alone; and strings no parser can read exactly.
READABLE = {
    "Sat, 14 Mar 2015 09:26:53 EDT": datetime(2015, 3, 14, 13, 26, 53, tzinfo=UTC),
    "Sat, 14 Mar 2015 09:26:53 MET": datetime(2015, 3, 14, 8, 26, 53, tzinfo=UTC),
    "Sat, 14 Mar 2015 09:26:53 -02:30": datetime(2015, 3, 14, 11, 56, 53, tzinfo=UTC),
    "Sat, 14 Mar 2015 09:26:53 GMT+03:15": datetime(2015, 3, 14, 6, 11, 53, tzinfo=UTC),
    "150314": datetime(2015, 3, 14, tzinfo=UTC),
    "15-03-14": datetime(2015, 3, 14, tzinfo=UTC),
    "2015": datetime(2015, 1, 1, tzinfo=UTC),
    "2015-03-14T09:26:53.589+01:00": datetime(2015, 3, 14, 8, 26, 53, tzinfo=UTC),
    "Sat Mar 14 09:26:53 2015": datetime(2015, 3, 14, 9, 26, 53, tzinfo=UTC),
}
UNREADABLE = ["Saturday, March 14, 2015 9:26 AM PST", "next Tuesday", "14 Mar", "soon 2015"]


def published(value: str) -> tuple[datetime | None, datetime | None]:
    feed = (
        "<rss><channel><title>D</title><item><title>t</title>"
        f"<pubDate>{escape(value)}</pubDate></item></channel></rss>"
    ).encode()
    fast = next(iter(read_feed(io.BytesIO(feed))[1])).published
    slow = parse_feed_slow(feed)[1][0].published
    return fast, slow


@pytest.mark.parametrize(("value", "moment"), READABLE.items())
def test_dates_feedparser_reads_give_its_instant_on_both_paths(
    value: str, moment: datetime
) -> None:
    expected = _parse_date(value)
    assert expected is not None and tuple(expected)[:6] == moment.timetuple()[:6]
    assert published(value) == (moment, moment)


@pytest.mark.parametrize("value", UNREADABLE)
def test_a_date_feedparser_cannot_read_is_unknown_not_guessed(value: str) -> None:
    assert _parse_date(value) is None
    assert published(value) == (None, None)


def test_other_sources_never_fill_a_date_from_today_nor_guess_a_zone() -> None:
    # JSON and saved pages: dateutil filled missing parts from today and read an unknown
    # zone as UTC; email.utils read "4:31 PM EST" as 04:31.
    assert parse_date("2015") == datetime(2015, 1, 1, tzinfo=UTC)
    assert parse_date("March 2015") is None
    assert parse_date("Saturday, March 14, 2015 9:26 AM PST") is None
    assert parse_date("March 14, 2015 9:26 PM") == datetime(2015, 3, 14, 21, 26, tzinfo=UTC)
    assert parse_date("March 14, 2015") == datetime(2015, 3, 14, tzinfo=UTC)
