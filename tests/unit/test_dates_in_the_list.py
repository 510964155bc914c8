"""How the list shows dates: the year is never missing where a day and month mislead."""

from __future__ import annotations

from datetime import UTC, datetime

from tuinews.ui.format import relative_date
from tuinews.ui.screens.navigation import reader_width

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def test_a_date_this_year_or_within_half_a_year_shows_day_and_month() -> None:
    assert relative_date(datetime(2026, 1, 2, tzinfo=UTC), NOW) == "2 Jan"
    assert relative_date(datetime(2025, 12, 4, tzinfo=UTC), NOW) == "4 Dec"


def test_an_older_date_shows_its_month_and_year_in_eight_cells() -> None:
    assert relative_date(datetime(2025, 7, 1, tzinfo=UTC), NOW) == "Jul 2025"
    assert relative_date(datetime(2024, 12, 4, tzinfo=UTC), NOW) == "Dec 2024"


def test_the_default_reader_keeps_sixty_columns_of_text_where_it_can() -> None:
    assert reader_width(131, None) == 64  # 160 columns beside a 28-column sidebar
    assert reader_width(171, None) == 68  # wider: two fifths
    assert reader_width(71, None) == 35  # 100 columns: half each, not 29 for the reader
    assert reader_width(131, 80) == 26  # the user's split wins
