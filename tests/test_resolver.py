"""The resolver: every case of the table, span invariants, offsets and NER spans."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from redline.actors import Resolver, load_registry
from redline.actors.evaluate import Case, judge, load_cases
from redline.models import ActorMention

CASES = load_cases(Path(__file__).parent / "fixtures" / "actors" / "cases.csv")

PARAGRAPH = (
    "Russia’s Foreign Minister Sergei Lavrov said on Monday that NATO's plans crossed a line. "
    "The Kremlin warned that Western troops in Ukraine would be targets, while Chinese President Xi Jinping "
    "urged restraint. Beijing and Taipei traded accusations; the IDF struck Hezbollah positions near Beirut. "
    "Any third party that interferes will face consequences, Lavrov added, according to Tass. "
    "Boris Johnson, who visited Kyiv, said Johnson-era promises stood. The Baltic states and the Gulf states "
    "were not consulted. Kim Jong Un watched; the Houthis, Ansar Allah, fired at a US ship."
)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_registry())


def _case_id(case: Case) -> str:
    return f"{case.note}: {case.mention}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_case_table(resolver: Resolver, case: Case) -> None:
    outcome = judge(resolver, case)
    found = [(m.text, m.codes, m.person) for m in outcome.found]
    assert outcome.right, f"want {case.codes} {case.person or ''}, found {found}"


def _check_invariants(resolver: Resolver, text: str, mentions: list[ActorMention], offset: int = 0) -> None:
    starts = [m.span.start for m in mentions]
    assert starts == sorted(starts)
    for m in mentions:
        assert text[m.span.start - offset:m.span.end - offset] == m.text
        assert m.codes and all(resolver.registry.is_known(c) for c in m.codes)
        assert m.kind in ("state", "organisation", "group", "armed_group", "person")
    for a, b in itertools.pairwise(mentions):
        assert not a.span.overlaps(b.span), (a, b)


def test_every_span_points_at_its_text(resolver: Resolver) -> None:
    for case in CASES:
        _check_invariants(resolver, case.sentence, resolver.find(case.sentence, published=case.published))
    _check_invariants(resolver, PARAGRAPH, resolver.find(PARAGRAPH))


def test_offset_shifts_spans(resolver: Resolver) -> None:
    plain = resolver.find(PARAGRAPH)
    shifted = resolver.find(PARAGRAPH, offset=1000)
    assert [(m.span.start + 1000, m.span.end + 1000, m.codes) for m in plain] == [
        (m.span.start, m.span.end, m.codes) for m in shifted
    ]
    document = "x" * 1000 + PARAGRAPH
    for m in shifted:
        assert document[m.span.start:m.span.end] == m.text


def test_paragraph_mentions(resolver: Resolver) -> None:
    found = {(m.text, m.codes) for m in resolver.find(PARAGRAPH)}
    assert ("Russia’s Foreign Minister Sergei Lavrov", ("RUS",)) in found
    assert ("NATO", ("NATO",)) in found
    assert ("Western troops", ("WEST",)) in found
    assert ("Chinese President Xi Jinping", ("CHN",)) in found
    assert ("the IDF", ("ISR",)) in found
    assert ("Any third party", ("ANY",)) in found
    assert ("The Baltic states", ("EST", "LVA", "LTU")) in found
    assert ("the Houthis", ("HOUTHIS",)) in found
    assert ("Lavrov", ("RUS",)) in found
    assert not any(text == "Tass" for text, _ in found)


def test_person_mentions_carry_the_person(resolver: Resolver) -> None:
    mentions = resolver.find("Kremlin spokesperson Dmitry Peskov spoke. Peskov added more.")
    assert [(m.kind, m.person, m.codes) for m in mentions] == [
        ("person", "Dmitry Peskov", ("RUS",)),
        ("person", "Dmitry Peskov", ("RUS",)),
    ]


def test_a_title_fixes_the_code_for_the_rest_of_the_text(resolver: Resolver) -> None:
    text = "NATO Secretary-General Jens Stoltenberg spoke. Later Stoltenberg repeated it."
    assert [m.codes for m in resolver.find(text)] == [("NATO",), ("NATO",)]
    assert [m.codes for m in resolver.find("Stoltenberg spoke.", published=date(2025, 6, 1))] == [("NOR",)]


def test_delegate_to_an_organisation_keeps_their_state(resolver: Resolver) -> None:
    (mention,) = [m for m in resolver.find("UN Ambassador Fu Cong wrote to the council.") if m.person]
    assert mention.codes == ("CHN",)


def test_national_security_council_is_not_the_un(resolver: Resolver) -> None:
    text = "Security Council Secretary Sergei Shoigu said the secretary of the Security Council would travel."
    assert all(m.codes == ("RUS",) for m in resolver.find(text))


def test_empty_and_plain_text(resolver: Resolver) -> None:
    assert resolver.find("") == []
    assert resolver.find("nothing here but us and the weather") == []


@pytest.mark.parametrize(
    ("text", "label", "codes"),
    [
        ("the Kremlin", "ORG", ("RUS",)),
        ("Russia's", "GPE", ("RUS",)),
        ("French", "NORP", ("FRA",)),
        ("the Baltic states", "GPE", ("EST", "LVA", "LTU")),
        ("Hezbollah", "ORG", ("HEZBOLLAH",)),
        ("Peskov", "PERSON", ("RUS",)),
        ("Jordan", "GPE", ("JOR",)),
        ("Jordan", "PERSON", None),
        ("Peskov", "GPE", None),
        ("Washington Post", "ORG", None),
        ("the alliance", "ORG", None),
        ("John Smith", "PERSON", None),
    ],
)
def test_resolve_entity(resolver: Resolver, text: str, label: str, codes: tuple[str, ...] | None) -> None:
    assert resolver.resolve_entity(text, label) == codes


def test_resolve_entity_uses_the_date(resolver: Resolver) -> None:
    assert resolver.resolve_entity("Kaja Kallas", "PERSON", published=date(2022, 1, 1)) == ("EST",)
    assert resolver.resolve_entity("Kaja Kallas", "PERSON", published=date(2025, 1, 1)) == ("EU",)
