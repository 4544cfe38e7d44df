"""Publication dates: metadata first, then the head of the text; never in the future."""

from __future__ import annotations

from datetime import date

import pytest

from redline.ingest.dates import HEAD_CHARS, find_published, parse_date

TODAY = date(2025, 6, 1)
BODY = "\n\nThe talks ended without agreement, officials said."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Post At: Feb 28/2024 01:50AM", date(2024, 2, 28)),
        ("Friday, September 13, 2024", date(2024, 9, 13)),
        ("13 September 2024", date(2024, 9, 13)),
        ("Published 13 Sept. 2024, 09:15 GMT", date(2024, 9, 13)),
        ("2024-09-13", date(2024, 9, 13)),
        ("2024-09-13T17:02:00Z", date(2024, 9, 13)),
        ("Sept. 13, 2024 · 5:02 PM", date(2024, 9, 13)),
        ("Updated March 3, 2025", date(2025, 3, 3)),
        ("By Staff Writer | Jan. 2nd, 2025", date(2025, 1, 2)),
        ("Posted 21/10/2023", date(2023, 10, 21)),
        ("Posted 10/21/2023", date(2023, 10, 21)),
        ("KYIV, Sept 13 (Reuters) - Reporting from 2024", date(2024, 9, 13)),
    ],
)
def test_date_near_the_top_is_found(head: str, expected: date) -> None:
    assert find_published(f"Headline of the story\n{head}{BODY}", today=TODAY) == expected


def test_dateline_without_a_year_gives_none() -> None:
    text = "Headline\n\nKYIV, Sept 13 (Reuters) - Shelling continued overnight."
    assert find_published(text, today=TODAY) is None


def test_month_and_day_in_a_sentence_is_not_a_dateline() -> None:
    text = "Headline\n\nThe report appeared on May 5 and was denied by the ministry in 2024."
    assert find_published(text, today=TODAY) is None


def test_ambiguous_numeric_date_gives_none() -> None:
    assert find_published("Posted 03/05/2024" + BODY, today=TODAY) is None


def test_only_the_head_of_the_text_is_searched() -> None:
    text = "Headline\n\n" + "x " * HEAD_CHARS + "Published 13 September 2024"
    assert find_published(text, today=TODAY) is None


def test_future_dates_are_never_returned() -> None:
    assert find_published("Updated March 3, 2026" + BODY, today=TODAY) is None
    text = "Updated March 3, 2026, first published 2 May 2025" + BODY
    assert find_published(text, today=TODAY) == date(2025, 5, 2)
    assert find_published("x", "2030-01-01", today=TODAY) is None


def test_impossible_dates_are_skipped() -> None:
    assert find_published("February 30, 2024, then 2024-02-29" + BODY, today=TODAY) == date(2024, 2, 29)


def test_metadata_wins_over_the_text() -> None:
    assert find_published("Updated March 3, 2025" + BODY, "2024-11-05T10:00:00+01:00", today=TODAY) == date(
        2024, 11, 5
    )


def test_unreadable_metadata_falls_back_to_the_text() -> None:
    assert find_published("Updated March 3, 2025" + BODY, "not a date", today=TODAY) == date(2025, 3, 3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5)),
        ("5th of March 2024", date(2024, 3, 5)),
        ("yesterday", None),
        ("3 hours ago", None),
        ("", None),
        ("n/a", None),
    ],
)
def test_parse_date_reads_metadata_strings(value: str, expected: date | None) -> None:
    assert parse_date(value, today=TODAY) == expected


def test_default_today_is_the_real_today() -> None:
    assert find_published("Updated March 3, 2999" + BODY) is None
    assert find_published("Updated March 3, 2020" + BODY) == date(2020, 3, 3)
