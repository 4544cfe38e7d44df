"""Fuzzing the cleaner: arbitrary Unicode in, storable text out, and cleaning twice changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import any_char, article_text, examples, unsafe_characters
from redline.ingest.clean import clean_field, clean_text

pytestmark = pytest.mark.fuzz

any_text = st.one_of(article_text(), st.text(st.one_of(any_char, st.sampled_from("\r\n\x00\ud800\x1b")),
                                               max_size=400))


@settings(max_examples=examples(100))
@given(any_text)
def test_cleaned_text_is_storable_and_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert unsafe_characters(cleaned) == []
    assert "\n\n\n" not in cleaned and cleaned == cleaned.strip()
    cleaned.encode("utf-8")
    assert clean_text(cleaned) == cleaned


@settings(max_examples=examples(100))
@given(any_text)
def test_a_cleaned_field_is_one_storable_line(value: str) -> None:
    field = clean_field(value)
    assert unsafe_characters(field) == [] and "\n" not in field and field == field.strip()
    assert clean_field(field) == field
