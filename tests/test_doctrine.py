"""Doctrine wording on the dependency parse: conditions named for a response; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.doctrine import doctrine_frames


def text(tokens) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def test_the_conditions_for_a_response_are_the_trigger(nlp) -> None:
    sentence = "The conditions for using chemical weapons would include an invasion of the homeland."
    frames = doctrine_frames(nlp(sentence))
    assert frames and "invasion" in text(frames[0].trigger) and "using" in text(frames[0].consequence)


def test_no_condition_word_no_frame(nlp) -> None:
    assert doctrine_frames(nlp("The army said the drills would continue into next week.")) == []


@pytest.mark.parametrize(
    ("sentence", "in_trigger"),
    [
        ("One of the conditions is an enemy strike on the command centres of the country.", "strike"),
        ("Another condition is the launch of ballistic missiles at the capital.", "launch"),
        ("An air attack with non-nuclear arms is called a condition under the new rules.", "attack"),
    ],
)
def test_a_listed_condition_carries_the_response_of_the_line_before(nlp, sentence: str, in_trigger: str) -> None:
    frames = doctrine_frames(nlp(sentence))
    assert frames, sentence
    assert in_trigger in text(frames[0].trigger)
    assert frames[0].consequence == [] and frames[0].extra.get("carry") == "consequence"


def test_grounds_that_merely_exist_name_no_condition(nlp) -> None:
    frames = doctrine_frames(nlp("There are plain grounds for using every kind of weapon."))
    assert frames and frames[0].trigger == []
    assert "using" in text(frames[0].consequence)
