"""Fuzzing the sentence splitter: every sentence is the text at its span, in order, never overlapping."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import article_text, examples
from redline.extract.sentences import split_blocks, split_sentences
from redline.ingest.clean import clean_text

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.fuzz


@settings(max_examples=examples(40))
@given(article_text(max_words=120), st.booleans())
def test_sentences_are_the_text_at_their_spans(nlp: Language, text: str, cleaned: bool) -> None:
    text = clean_text(text) if cleaned else text
    sentences = split_sentences(text, nlp)
    end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.span.start:s.span.end] == s.text and s.text.strip() == s.text and s.text
        assert s.span.start >= end
        end = s.span.end


@settings(max_examples=examples(100))
@given(article_text(max_words=200), st.integers(5, 400))
def test_blocks_cover_the_text_in_order_and_within_the_limit(text: str, limit: int) -> None:
    text = clean_text(text)  # what every reader hands the pipeline
    end = 0
    for start, stop in split_blocks(text, limit):
        assert end <= start < stop <= len(text) and stop - start <= limit
        assert text[start:stop].strip()
        end = stop
