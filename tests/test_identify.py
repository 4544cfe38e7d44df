"""A document's outlet from its URL, its source field or an attribution in its text; unknown stays unknown."""

from __future__ import annotations

import pytest

from redline.sources.identify import host_of, identify
from redline.sources.outlets import load_sources


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.reuters.com/world/x", "reuters.com"),
    ("http://m.bbc.co.uk/news", "bbc.co.uk"),
    ("//tass.com/politics/1", "tass.com"),
    ("file.txt", None),
    (None, None),
])
def test_host_of(url: str | None, host: str | None) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(("url", "source", "text", "key", "method"), [
    ("https://www.reuters.com/a", None, "", "reuters.com", "url"),
    (None, "TASS", "", "tass.com", "source"),
    (None, "bbc.co.uk", "", "bbc.com", "source"),
    (None, None, "The minister spoke on Friday, according to Reuters, before the summit.", "reuters.com", "text"),
    (None, None, "Ships were seen near the strait, per Tass, on Monday.", "tass.com", "text"),
    (None, None, "VILNIUS (AP) — Ministers met on Friday.", "apnews.com", "text"),
    (None, None, "The envoy told the BBC that talks had stalled.", "bbc.com", "text"),
    # An aggregator gives way to the outlet it took the story from ...
    ("https://news.yahoo.com/a", None, "KYIV (Reuters) - Officials said on Monday.", "reuters.com", "text"),
    # ... and stands when nothing else names one.
    ("https://news.yahoo.com/a", None, "Officials said on Monday.", "news.yahoo.com", "url"),
    # The URL wins over a credit in the text.
    ("https://www.bbc.com/a", None, "The minister said, according to Reuters, that ...", "bbc.com", "url"),
])
def test_identify_finds_the_outlet(url: str | None, source: str | None, text: str, key: str, method: str) -> None:
    found = identify(url, source, text, load_sources())
    assert found.outlet is not None and (found.outlet.key, found.method) == (key, method)


def test_an_unknown_domain_or_name_is_kept_and_graded_f() -> None:
    by_url = identify("https://blog.example.org/post", None, "no credit here", load_sources())
    by_name = identify(None, "The Daily Nowhere", "no credit here", load_sources())
    assert by_url.outlet is not None and (by_url.outlet.key, by_url.outlet.grade) == ("blog.example.org", "F")
    assert by_name.outlet is not None and (by_name.outlet.key, by_name.outlet.grade) == ("The Daily Nowhere", "F")


def test_nothing_to_go_on_is_unidentified_not_guessed() -> None:
    found = identify(None, None, "The ministry warned on Monday that it would respond.", load_sources())
    assert (found.outlet, found.method) == (None, None)


def test_a_name_inside_a_longer_name_is_not_a_credit() -> None:
    text = "The plan was approved, according to The National Security Council of the republic."
    assert identify(None, None, text, load_sources()).outlet is None
    assert identify(None, None, "The plan was approved, according to The National.", load_sources()).outlet is not None


def test_an_actor_speaking_is_not_an_outlet_reporting() -> None:
    # "NATO said" and "the White House said" are the actors' own words, not nato.int or whitehouse.gov.
    text = "NATO said on Tuesday that the White House said it would respond."
    assert identify(None, None, text, load_sources()).outlet is None


def test_the_credit_is_kept_whatever_names_the_outlet() -> None:
    found = identify("https://www.bbc.com/a", None, "The minister said, according to TASS, that ...", load_sources())
    assert found.outlet is not None and found.credit is not None
    assert (found.outlet.key, found.method, found.credit.key) == ("bbc.com", "url", "tass.com")
