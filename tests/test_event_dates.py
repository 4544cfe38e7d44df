"""When an event happened (redline.extract.event_dates): sentences written by us."""

from __future__ import annotations

from datetime import date

from redline.extract.event_dates import event_date

PUBLISHED = date(2025, 10, 24)


def test_an_earlier_year_makes_the_event_background_dated_at_that_years_end() -> None:
    assert event_date("In 2015 Velmora shot down a jet near its border.", PUBLISHED) == date(2015, 12, 31)
    assert event_date("Velmora has been at war since 2014.", PUBLISHED) == date(2014, 12, 31)


def test_a_day_and_month_win_over_a_year_and_the_same_year_is_no_background() -> None:
    assert event_date("On 7 March 2024 Velmora joined the pact.", PUBLISHED) == date(2024, 3, 7)
    assert event_date("Velmora fired rockets in 2025.", PUBLISHED) == PUBLISHED


def test_without_a_publication_date_an_undated_event_stays_unknown() -> None:
    assert event_date("Velmora fired rockets in 2015.", None) is None
    assert event_date("Velmora fired rockets on Monday.", None) is None
