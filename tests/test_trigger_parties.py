"""Who would cross a red line and against whom (trigger_parties); sentences written by us."""

from __future__ import annotations

from redline.extract.trigger_parties import role_of


def words(tokens) -> str:
    return " ".join(t.text for t in tokens)


# -- the roles the trigger's words give ---------------------------------------------------------------------


def test_the_subject_acts_and_the_object_of_on_is_the_target(nlp) -> None:
    doc = nlp("an attack by Caracas on Georgetown")
    tokens = list(doc)
    assert role_of(tokens, [doc[3]]) == "actor"
    assert role_of(tokens, [doc[5]]) == "target"


def test_whoever_owns_the_troops_acts(nlp) -> None:
    doc = nlp("if Chilean troops are sent to the border")
    assert role_of(list(doc), [doc[1], doc[2]]) == "actor"
