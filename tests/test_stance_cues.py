"""Reported acts and position nouns as cues (FORMAT.md §2), on sentences we wrote."""

from __future__ import annotations

import pytest
from spacy.language import Language

from redline.extract.stance_cues import extra_noun_position, extra_verb_reading
from redline.extract.stances import cue_verbs


def _cues(nlp: Language, text: str) -> dict[str, str]:
    return {t.lemma_.lower(): position for t, position in cue_verbs(nlp(text))}


def _plain(verb: object, negated: bool) -> str:
    return "oppose" if negated else "support"


@pytest.mark.parametrize(
    ("text", "lemma", "position"),
    [
        ("The three Gulf monarchies refrained from imposing new penalties on their neighbour.", "refrain", "oppose"),
        ("The Kenyan president stopped short of endorsing the peace force for the region.", "stop", "oppose"),
        ("Ghana denounced the planned naval blockade of the port.", "denounce", "oppose"),
        ("Lisbon insisted on a vote in the council before any deployment.", "insist", "support"),
        ("Montenegro applied to join the alliance in the spring.", "apply", "support"),
        ("Norway offered to host the ceasefire talks next month.", "offer", "support"),
    ],
)
def test_reported_acts_read_a_position(nlp: Language, text: str, lemma: str, position: str) -> None:
    assert _cues(nlp, text).get(lemma) == position


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("The rebels did not refrain from shelling the town.", "refrain"),   # negated
        ("The convoy stopped at the border crossing overnight.", "stop"),    # no "short of"
        ("The blockade was denounced by several coastal states.", "denounce"),  # passive: the agent holds it
        ("Tokyo should refrain from sending the destroyer, the spokesman said.", "refrain"),  # a demand on Tokyo
        ("The minister insisted that the strike had been lawful.", "insist"),  # defends a claim
        ("Peru did not demand a vote on the force.", "demand"),  # negated
    ],
)
def test_shapes_that_are_no_position(nlp: Language, text: str, lemma: str) -> None:
    assert lemma not in _cues(nlp, text)


def test_a_demand_reads_through_the_support_reading(nlp: Language) -> None:
    doc = nlp("Chile demanded a vote on the peace force.")
    verb = next(t for t in doc if t.lemma_ == "demand")
    assert extra_verb_reading(verb, False, _plain) == "support"
    assert extra_verb_reading(verb, True, _plain) is None   # a negated demand reads nothing


def test_position_nouns_need_a_holder_and_a_topic(nlp: Language) -> None:
    assert _cues(nlp, "Uruguay's support for the arms embargo surprised diplomats.").get("support") == "support"
    assert _cues(nlp, "Oslo threw its support behind the monitoring mission.").get(
        "support") == "support"
    assert _cues(nlp, "Berlin's scepticism about the naval mission grew.").get("scepticism") == "oppose"
    # "a call" with nothing it calls for is a telephone call; a possessor alone names no topic.
    doc = nlp("Peru's call lasted an hour.")
    assert extra_noun_position(next(t for t in doc if t.lower_ == "call")) is None


def test_a_noun_asked_for_is_not_the_askers_position(nlp: Language) -> None:
    # Chile asks for Peru's support: neither is Peru's stance, nor is a rejected request the requester's.
    assert "support" not in _cues(nlp, "Chile asked for Peru's support for the blockade.")
    assert "request" not in _cues(nlp, "Lima rejected Quito's request for more patrol boats.")
