"""Independent sources and the Admiralty letter and digit of one claim."""

from __future__ import annotations

import pytest

from redline.errors import ConfigError
from redline.sources.corroborate import Report, corroborate, credibility, keep, parse_grades
from redline.sources.outlets import load_sources


def report(doc_id: str, n: int, *, url: str | None = None, source: str | None = None, text: str = "",
           root: int | None = None) -> Report:
    return Report(doc_id, n, root or n, url, source, text)


@pytest.mark.parametrize(("grades", "digit"), [
    (["B", "C"], 1),
    (["B", "B", "F"], 1),
    (["B", "D"], 2),
    (["C"], 3),
    (["D", "E"], 3),
    (["D"], 4),
    (["F", "F"], 6),
    ([], 6),
])
def test_credibility_follows_the_documented_rule(grades: list[str], digit: int) -> None:
    assert credibility(grades) == digit


def test_a_syndicated_copy_counts_once() -> None:
    found = corroborate([
        report("wire", 1, url="https://www.reuters.com/a"),
        report("copy", 2, url="https://news.yahoo.com/a", root=1),
    ], load_sources())
    assert found["independent_sources"] == 1
    assert found["admiralty"] == "B3"
    assert {s["outlet"]: s["independent_source"] for s in found["sources"]} == {
        "reuters.com": 1, "news.yahoo.com": 1}


def test_a_report_that_credits_another_outlet_counts_with_it() -> None:
    found = corroborate([
        report("bbc", 1, url="https://www.bbc.com/a", text="KYIV (Reuters) - The ministry said on Monday ..."),
        report("wire", 2, url="https://www.reuters.com/a"),
        report("ap", 3, url="https://apnews.com/a"),
    ], load_sources())
    assert (found["independent_sources"], found["admiralty"]) == (2, "B1")
    bbc = next(s for s in found["sources"] if s["outlet"] == "bbc.com")
    wire = next(s for s in found["sources"] if s["outlet"] == "reuters.com")
    assert bbc["credits"] == ["reuters.com"] and bbc["independent_source"] == wire["independent_source"]


def test_outlets_of_one_owner_count_once() -> None:
    found = corroborate([report("tass", 1, source="TASS"), report("rt", 2, url="https://rt.com/x")], load_sources())
    assert found["independent_sources"] == 1
    assert found["admiralty"] == "C3"


def test_independent_reliable_outlets_confirm() -> None:
    found = corroborate([
        report("a", 1, url="https://apnews.com/x"), report("b", 2, url="https://www.bbc.com/x"),
        report("c", 3, source="TASS"),
    ], load_sources())
    assert (found["independent_sources"], found["admiralty"], found["credibility"]) == (3, "B1", 1)
    assert [s["grade"] for s in found["sources"]] == ["B", "B", "C"]


def test_an_unknown_outlet_is_graded_f_and_cannot_be_judged() -> None:
    found = corroborate([report("blog", 1, url="https://blog.example.org/x")], load_sources())
    assert found["admiralty"] == "F6"
    assert found["sources"][0] | {"doc_ids": None} == {
        "outlet": "blog.example.org", "name": "blog.example.org", "kind": None, "owner": None, "grade": "F",
        "reason": "not in the source list: reliability cannot be judged", "doc_ids": None, "independent_source": 1,
        "credits": []}


def test_unidentified_documents_together_count_once() -> None:
    found = corroborate([report("x", 1), report("y", 2)], load_sources())
    assert found["independent_sources"] == 1
    assert found["sources"][0]["outlet"] is None and found["sources"][0]["doc_ids"] == ["x", "y"]


def test_no_reports_is_no_source() -> None:
    assert corroborate([], load_sources()) == {"independent_sources": 0, "admiralty": "F6", "credibility": 6,
                                              "sources": []}


@pytest.mark.parametrize(("text", "letters"), [
    ("A-C", "ABC"), ("b", "B"), ("A,D-E", "ADE"), ("F", "F"),
])
def test_parse_grades(text: str, letters: str) -> None:
    assert parse_grades(text) == frozenset(letters)


@pytest.mark.parametrize("text", ["C-A", "G", "A-", "AB"])
def test_parse_grades_refuses_what_is_not_a_range(text: str) -> None:
    with pytest.raises(ConfigError, match="--grade"):
        parse_grades(text)


def test_keep_filters_on_sources_and_letters() -> None:
    item = {"independent_sources": 2, "admiralty": "C2"}
    assert keep(item, min_sources=2, grades=frozenset("ABC"))
    assert not keep(item, min_sources=3)
    assert not keep(item, grades=frozenset("AB"))
