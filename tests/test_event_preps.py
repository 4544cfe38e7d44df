"""What an act's prepositions say; sentences written by us."""

from __future__ import annotations

from redline.extract.event_preps import aimed, into_bloc, overflown


def _verb(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(text) if t.text == word)


def test_taken_into_a_bloc_by_its_word_or_its_code(nlp) -> None:  # type: ignore[no-untyped-def]
    assert into_bloc(_verb(nlp, "Moldova was accepted into the union in May.", "accepted"))
    assert into_bloc(_verb(nlp, "NATO welcomed Sweden into NATO.", "welcomed"))
    assert not into_bloc(_verb(nlp, "Moldova accepted the offer in May.", "accepted"))


def test_a_launch_over_a_place_is_aimed_at_nothing_and_one_at_a_city_is(nlp) -> None:  # type: ignore[no-untyped-def]
    over = _verb(nlp, "The army fired a rocket over Hokkaido.", "fired")
    assert overflown(over) and not aimed(over)
    at = _verb(nlp, "The army fired a rocket at the city.", "fired")
    assert aimed(at) and not overflown(at)
    assert not aimed(_verb(nlp, "The army fired a rocket on Sunday.", "fired"))
