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


def test_a_yearless_date_after_publication_is_the_next_one_only_for_an_act_to_come() -> None:
    # 24 October 2025: "on 3 November" ahead of the article is this year's only when the act is still to come
    assert event_date("Velmora will open the base on 3 November.", PUBLISHED, "future") == date(2025, 11, 3)
    assert event_date("Velmora opened the base on 3 November.", PUBLISHED, "past") is None
    assert event_date("Velmora opens the base on 3 November.", PUBLISHED) is None  # never a year back
    assert event_date("Velmora opened the base on 3 October.", PUBLISHED, "past") == date(2025, 10, 3)
    # said in October of a January day to come: next year's
    assert event_date("Velmora will sign the pact on 5 January.", PUBLISHED, "future") == date(2026, 1, 5)
    # a day just before the article is this year's (a dateline, a date a time zone away), not next year's
    assert event_date("ORLA, 23 October - Velmora will sign the pact.", PUBLISHED, "future") == date(2025, 10, 23)


def test_a_weekday_of_an_act_to_come_is_the_next_one() -> None:
    # PUBLISHED is a Friday
    assert event_date("Velmora will open the base on Tuesday.", PUBLISHED, "future") == date(2025, 10, 28)
    assert event_date("Velmora opened the base on Tuesday.", PUBLISHED, "past") == date(2025, 10, 21)
    assert event_date("Velmora opens the base next Tuesday.", PUBLISHED) == date(2025, 10, 28)
