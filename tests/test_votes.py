"""Reported votes: which way each listed actor voted; sentences we wrote."""

from __future__ import annotations

import pytest
from spacy.language import Language

from gate_sentences import GATE_SENTENCES
from redline.extract.votes import _tally, vote_position


def _position(nlp: Language, text: str, word: str) -> str | None:
    doc = nlp(text)
    return vote_position(next(t for t in doc if t.text == word))


@pytest.mark.parametrize(("text", "word", "position"), [
    ("Portugal and Chile voted against the plan, while Peru abstained.", "Chile", "oppose"),
    ("Portugal and Chile voted against the plan, while Peru abstained.", "Peru", "open"),
    ("Ninety nations voted in favour of the text, while Chile, Peru and Bolivia abstained.", "Bolivia", "open"),
    ("Twelve countries voted against, including Chile, Peru and Ghana.", "Ghana", "oppose"),
    ("Thirty states abstained, including Mali and Chad.", "Chad", "open"),
    ("The council voted to impose sanctions, with Russia and China abstaining.", "China", "open"),
    ("Russia and China vetoed the resolution, while France voted for it.", "France", "support"),
    ("Russia and China vetoed the resolution, while France voted for it.", "China", "oppose"),
    ("Only Chile voted no.", "Chile", "oppose"),
    ("Those voting against the text included Chile, Peru and Ghana.", "Ghana", "oppose"),
    ("The states that voted in favour included Chile and Peru.", "Chile", "support"),
    ("The Assembly adopted the text by a recorded vote of 120 in favour to 9 against (Chile, Peru, Ghana), "
     "with 30 abstentions (Mali, Chad).", "Peru", "oppose"),
    ("The Assembly adopted the text by a recorded vote of 120 in favour to 9 against (Chile, Peru, Ghana), "
     "with 30 abstentions (Mali, Chad).", "Chad", "open"),
])
def test_the_vote_an_actor_is_the_subject_of(nlp: Language, text: str, word: str, position: str) -> None:
    assert _position(nlp, text, word) == position


@pytest.mark.parametrize(("text", "word"), [
    ("Brazil did not vote for the draft.", "Brazil"),           # a negated vote reads nothing
    ("Chile rejected the plan to send warships.", "Chile"),     # not a vote
    ("The vote was called by Chile.", "Chile"),                 # not the voter
    ("The delegations included Chile and Peru.", "Chile"),      # a list with no vote
    ("Protests against (Chile, Peru) grew.", "Peru"),           # a parenthesis with no vote reported
])
def test_no_vote_reading(nlp: Language, text: str, word: str) -> None:
    assert _position(nlp, text, word) is None


def test_a_noun_with_its_own_vote_clause(nlp: Language) -> None:
    text = ('The measure passed with 90 countries voting "yes," Chile voting "no," and 30 countries abstaining, '
            "including Peru and Ghana.")
    assert _position(nlp, text, "Ghana") == "open"
    assert _position(nlp, text, "Chile") == "oppose"


@pytest.mark.parametrize(("text", "word"), [
    ("Among the sponsors were Chile, Peru and Ghana.", "Peru"),
    ("The draft was sponsored by Chile and Peru.", "Peru"),
    ("The resolution, drafted by Chile and Peru, passed.", "Chile"),
])
def test_a_sponsor_of_the_text_supports_it(nlp: Language, text: str, word: str) -> None:
    assert _position(nlp, text, word) == "support"




def test_tally_gate_equals_the_walk_back(nlp, ungated) -> None:
    """A sentence without a parenthesis reads no tally; with one, the walk back runs as before."""
    tallied = 0
    for text in GATE_SENTENCES:
        gated, opened = nlp(text), ungated(nlp(text), frozenset({"("}))
        assert [_tally(t) for t in gated] == [_tally(t) for t in opened], text
        tallied += any(_tally(t) for t in gated)
    assert tallied == 1
