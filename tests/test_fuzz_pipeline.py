"""Fuzzing the whole extract path: reader → cleaning → pipeline. Every span is its evidence; same in, same out."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import article_text, check_item, examples
from redline.export.jsonfmt import document_json
from redline.ingest.readers import read_inputs
from redline.models import Document

if TYPE_CHECKING:
    from redline.models import Extraction

pytestmark = pytest.mark.fuzz

# Sentences that give the red-line, stance and event steps something to find, to splice hostile text into.
CUES = (
    "The Kremlin warned that if NATO troops are sent to Ukraine, Russia would respond with force.",
    "France supports the plan to send troops to Ukraine, the minister said on Tuesday.",
    "Any attack on Poland will be met with a response, a NATO spokesman said.",
    "Russian forces attacked Kyiv on Monday, officials said.",
    "Germany opposes the proposal, Chancellor Scholz told reporters.",
)


def check_spans(x: Extraction) -> None:
    text = x.document.text
    for s in x.document.sentences:
        assert text[s.span.start:s.span.end] == s.text
    for m in x.actors:
        assert text[m.span.start:m.span.end] == m.text
    for item in (*x.redlines, *x.stances, *x.events):
        assert item.evidence
        for e in item.evidence:
            assert text[e.span.start:e.span.end] == e.text


@settings(max_examples=examples(30))
@given(st.lists(st.one_of(st.sampled_from(CUES), article_text(max_words=25)), min_size=1, max_size=6),
       st.sampled_from(["txt", "json"]))
def test_extraction_keeps_every_span_and_is_deterministic(
        extract_text: Callable[..., Extraction], pieces: list[str], kind: str) -> None:
    raw = "\n\n".join(pieces)
    data = json.dumps({"text": raw}).encode() if kind == "json" else raw.encode("utf-8", "surrogatepass")
    for item in read_inputs(["-"], stdin=io.BytesIO(data)):
        check_item(item)
        if not isinstance(item, Document):
            continue
        first = extract_text(item.text, doc_id=item.id, published=item.published)
        check_spans(first)
        again = extract_text(item.text, doc_id=item.id, published=item.published)
        assert document_json(again) == document_json(first)


@settings(max_examples=examples(20))
@given(st.lists(st.one_of(st.sampled_from(CUES), article_text(max_words=25)), min_size=1, max_size=5))
def test_raw_uncleaned_text_keeps_every_span(extract_text: Callable[..., Extraction], pieces: list[str]) -> None:
    """A library caller may hand the pipeline a Document that no reader cleaned: lone CRs, NULs, bidi marks."""
    x = extract_text(" \r".join(pieces))
    check_spans(x)
    assert document_json(extract_text(" \r".join(pieces))) == document_json(x)
