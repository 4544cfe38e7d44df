"""Fuzzing date parsing: any string gives a plausible date or None, never an exception or a future date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import any_char, article_text, examples
from redline.ingest.dates import EARLIEST_YEAR, find_published, parse_date

pytestmark = pytest.mark.fuzz

TODAY = date(2026, 6, 15)
date_like = st.one_of(
    st.text(st.one_of(any_char, st.sampled_from("0123456789-/.:TZ+ ")), max_size=40),
    st.builds(lambda y, m, d, sep: f"{y}{sep}{m}{sep}{d}", st.integers(-10, 99999), st.integers(-1, 40),
              st.integers(-1, 40), st.sampled_from(["-", "/", ".", " "])),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 40),
              st.sampled_from(["March", "Feb", "sept.", "Dec", "Mai", "Foo"]), st.integers(0, 10**12)),
    st.sampled_from(["Tue, 31 Feb 2024 25:61:00 +9999", "9999-12-31T23:59:59+14:00", "0000-00-00", "yesterday",
                     "2 hours ago", "+275760-09-13", "1e9999", "2024-W99-9"]),
)


def _plausible(found: date | None) -> bool:
    return found is None or (found.year >= EARLIEST_YEAR and found <= TODAY)


@settings(max_examples=examples(150))
@given(date_like)
def test_parse_date_never_raises_and_never_guesses_the_future(value: str) -> None:
    assert _plausible(parse_date(value, today=TODAY))


@settings(max_examples=examples(80))
@given(article_text(), st.one_of(st.none(), date_like))
def test_find_published_in_hostile_text(text: str, metadata: str | None) -> None:
    assert _plausible(find_published(text, metadata, today=TODAY))
