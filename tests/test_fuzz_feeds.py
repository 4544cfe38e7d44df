"""Fuzzing the feed parser: any bytes give entries with one-line fields, or UnreadableInput; 10k items parse."""

from __future__ import annotations

import time
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import HOSTILE, any_char, article_text, examples, unsafe_characters
from redline.errors import UnreadableInput
from redline.ingest.feeds import FeedEntry, parse_feed

pytestmark = pytest.mark.fuzz


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<description>{escape(d)}</description><pubDate>{escape(t[:30])}</pubDate></item>"
                   for t, link, d in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{body}' \
           "</channel></rss>".encode("utf-8", "surrogatepass")


def check_entries(entries: list[FeedEntry]) -> None:
    for e in entries:
        assert e.link
        for value in (e.title, e.summary, e.id):
            if value is not None:
                assert unsafe_characters(value) == [] and "\n" not in value, repr(value)


@settings(max_examples=examples(80))
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        check_entries(parse_feed(data))
    except UnreadableInput as e:
        assert e.reason


xml_text = st.one_of(article_text(max_words=15), st.text(any_char, max_size=40),
                     st.lists(st.sampled_from(HOSTILE), max_size=8).map("".join))


@settings(max_examples=examples(60))
@given(st.lists(st.tuples(xml_text, st.one_of(st.just("http://wire.example/a"), xml_text), xml_text),
                min_size=1, max_size=8))
def test_hostile_titles_links_and_summaries(items: list[tuple[str, str, str]]) -> None:
    try:
        check_entries(parse_feed(rss(items), base_url="http://wire.example/feed"))
    except UnreadableInput as e:
        assert e.reason


def test_a_feed_of_ten_thousand_items_parses_whole() -> None:
    items = [(f"Story {i}", f"http://wire.example/news/{i}.html", f"Summary {i}") for i in range(10_000)]
    started = time.monotonic()
    entries = parse_feed(rss(items))
    assert len(entries) == 10_000 and len({e.link for e in entries}) == 10_000
    assert time.monotonic() - started < 60
