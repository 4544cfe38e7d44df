"""The event forms' word lists (redline.extract.event_form_words): classes from FORMAT.md §4, lower-case words."""

from __future__ import annotations

import pytest

from redline.extract import event_form_words as words
from redline.extract.event_words import WEAPON_WORDS
from redline.models import ACTION_CLASSES

LISTS = {name: value for name, value in vars(words).items()
         if name.isupper() and isinstance(value, (set, frozenset))}


def test_every_nominalisation_names_an_action_class_of_the_format() -> None:
    assert words.NOMINAL_CLASSES and set(words.NOMINAL_CLASSES.values()) <= set(ACTION_CLASSES)
    assert words.NOMINAL_CLASSES["invasion"] == "ATTACK" and words.NOMINAL_CLASSES["accession"] == "JOIN"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_word_list_holds_lower_case_single_words(name: str) -> None:
    # the forms compare them with spaCy's lower forms and lemmas, one token at a time
    assert LISTS[name], name
    assert all(w == w.lower() and " " not in w for w in LISTS[name]), name


def test_what_a_delivery_moves_includes_every_weapon_word() -> None:
    assert WEAPON_WORDS <= words.ARMS and "tanks" in words.ARMS
