"""Fuzzing actor resolution: every mention is the text at its span and names known codes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import article_text, examples
from redline.actors import Resolver, load_registry

pytestmark = pytest.mark.fuzz

RESOLVER = Resolver(load_registry())


@settings(max_examples=examples(120))
@given(article_text(max_words=80), st.integers(0, 50), st.one_of(st.none(), st.dates(date(1950, 1, 1))))
def test_mentions_are_the_text_at_their_spans(text: str, offset: int, published: date | None) -> None:
    padded = " " * offset + text
    mentions = RESOLVER.find(text, offset=offset, published=published)
    assert mentions == RESOLVER.find(text, offset=offset, published=published)
    for m in mentions:
        assert padded[m.span.start:m.span.end] == m.text and m.text
        assert m.codes and all(code and code.upper() == code for code in m.codes)
    starts = [m.span.start for m in mentions]
    assert starts == sorted(starts)
