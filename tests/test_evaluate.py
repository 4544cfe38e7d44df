"""The case table and how a case is judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.actors import Resolver
from redline.actors.evaluate import Case, accuracy, judge, load_cases
from redline.models import Span

CASES = Path(__file__).parent / "fixtures" / "actors" / "cases.csv"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def test_load_cases_reads_the_table() -> None:
    cases = load_cases(CASES)
    assert len(cases) >= 120
    baltic = next(c for c in cases if c.mention == "The Baltic states")
    assert baltic.codes == ("EST", "LVA", "LTU")
    assert any(not c.codes for c in cases)
    assert any(c.published is not None for c in cases)


def test_span_finds_the_nth_occurrence() -> None:
    case = Case("Kim met Kim.", "Kim", 2, ("PRK",), None, None)
    assert case.span() == Span(8, 11)
    with pytest.raises(ValueError):
        Case("Kim met Kim.", "Kim", 3, (), None, None).span()


def test_judge_tells_right_from_wrong(resolver: Resolver) -> None:
    assert judge(resolver, Case("Moscow said no.", "Moscow", 1, ("RUS",), None, None)).right
    assert not judge(resolver, Case("Moscow said no.", "Moscow", 1, ("UKR",), None, None)).right
    assert not judge(resolver, Case("Moscow said no.", "Moscow", 1, (), None, None)).right
    assert judge(resolver, Case("Reuters said no.", "Reuters", 1, (), None, None)).right
    # The span must match exactly: a compound mention is not its first word.
    assert not judge(resolver, Case("Iranian officials said no.", "Iranian", 1, ("IRN",), None, None)).right
    wrong_person = Case("Putin said no.", "Putin", 1, ("RUS",), "Dmitry Medvedev", None)
    assert not judge(resolver, wrong_person).right


def test_accuracy_counts_cases(resolver: Resolver) -> None:
    cases = [
        Case("Moscow said no.", "Moscow", 1, ("RUS",), None, None),
        Case("Moscow said no.", "Moscow", 1, ("UKR",), None, None),
    ]
    score, outcomes = accuracy(resolver, cases)
    assert score == 0.5 and [o.right for o in outcomes] == [True, False]
    assert accuracy(resolver, [])[0] == 0.0
