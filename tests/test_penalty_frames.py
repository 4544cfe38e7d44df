"""Threats whose trigger is a clause on the party penalised; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.penalty_frames import paratactic_frames, penalty_object_frames, whoever_frames


def text(tokens) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


@pytest.mark.parametrize(
    ("sentence", "in_trigger", "in_consequence"),
    [
        ("The president threatened to cut off commerce with any nation buying oil from the junta.", "buying",
         "cut"),
        ("Canberra will not protect those that refuse to share the burden.", "refuse", "protect"),
        ("The ministry said it would sanction companies that sell drones to the militia.", "sell", "sanction"),
        ("\"I am not going to defend countries that do not pay,\" he said.", "pay", "defend"),
    ],
)
def test_the_party_clause_is_the_trigger(nlp, sentence: str, in_trigger: str, in_consequence: str) -> None:
    frames = penalty_object_frames(nlp(sentence))
    assert len(frames) == 1
    f = frames[0]
    assert f.kind == "anyone"
    assert in_trigger in text(f.trigger)
    assert in_consequence in text(f.consequence) and in_consequence not in text(f.trigger)


@pytest.mark.parametrize(
    "sentence",
    [
        # a clause on a thing, not a party
        "The allies threatened to levy fresh sanctions that would curb its oil sales.",
        # forces are no party named by what it does
        "Ankara will strike militias operating along its southern border.",
        # the countries are the ones already known, not a kind of party
        "The bloc will help the countries that signed the accord.",
        # nothing is threatened: a past act
        "The navy stopped ships that carried grain.",
    ],
)
def test_no_frame_without_a_party_named_by_its_act(nlp, sentence: str) -> None:
    assert penalty_object_frames(nlp(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "in_trigger", "in_consequence"),
    [
        ("Whoever attacks our ships, we will destroy them.", "attacks", "destroy"),
        ("Anyone who crosses the border, our army will crush.", "crosses", "crush"),
    ],
)
def test_a_fronted_generic_party_clause_is_the_condition(nlp, sentence: str, in_trigger: str,
                                                         in_consequence: str) -> None:
    frames = whoever_frames(nlp(sentence))
    assert len(frames) == 1 and frames[0].extra.get("mark") == "whoever"
    assert in_trigger in text(frames[0].trigger)
    assert in_consequence in text(frames[0].consequence)


def test_no_fronted_clause_no_whoever_frame(nlp) -> None:
    assert whoever_frames(nlp("We will destroy whoever attacks our ships.")) == []


def test_an_act_and_its_answer_side_by_side(nlp) -> None:
    frames = paratactic_frames(nlp("They might attack our ships once more, and we will hit back."))
    assert len(frames) == 1
    assert "attack" in text(frames[0].trigger) and "and" not in text(frames[0].trigger).split()
    assert "back" in text(frames[0].consequence)


@pytest.mark.parametrize("sentence", ["They may attack our ships, and they will strike back.",
                                      "They may attack our ships, and we will talk."])
def test_no_answer_or_the_same_party_no_paratactic_frame(nlp, sentence: str) -> None:
    assert paratactic_frames(nlp(sentence)) == []


def test_a_standing_order_to_deny_parties_described_by_a_clause_is_a_frame(nlp) -> None:
    doc = nlp("Algeria's president signed a decree last week ordering the state gas firm to cut off buyers from "
              "hostile states that refuse to pay in dinars.")
    frames = penalty_object_frames(doc)
    assert len(frames) == 1
    assert text(frames[0].trigger) == "buyers from hostile states that refuse to pay in dinars"
    assert frames[0].extra == {"standing": "1"}


def test_an_order_to_help_parties_is_no_frame(nlp) -> None:
    assert penalty_object_frames(nlp("The minister ordered the port authority to help ships from countries that "
                                     "back the embargo.")) == []
