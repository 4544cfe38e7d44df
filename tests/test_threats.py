"""Whether a frame is a threat; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.actions import classify
from redline.extract.frames import find_frames, phrase_text
from redline.extract.threats import is_threat


def first_threat(nlp, sentence: str) -> bool:
    frames = find_frames(nlp(sentence))
    assert frames, f"no frame in {sentence!r}"
    f = frames[0]
    return is_threat(f, phrase_text(f.consequence), classify(f.consequence) if f.consequence else "RESPOND",
                     classify(f.trigger))


@pytest.mark.parametrize(
    "sentence",
    [
        "If the fleet enters the bay, the navy will respond with force.",
        "Any incursion will be met with overwhelming force.",
        "If they do not pay, we will not defend them.",
        "Oslo warned it would expand the drills if the flights continue.",
        "Brussels will never tolerate any attempt to close the border.",
        # a diplomatic penalty answers the act
        "Quito would suspend the negotiations if the fishing fleet returned.",
        "If the embassy is attacked again, Dhaka will recall its ambassador.",
        "Nepal said it would pull out of the border talks if the survey went ahead.",
        "The party will boycott the summit unless the blockade is lifted.",
    ],
)
def test_threats(nlp, sentence: str) -> None:
    assert first_threat(nlp, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a settlement is the condition of a pledge
        "If a peace agreement is reached, the troops will leave.",
        # advice answers nothing
        "If the guarantees hold, then the Netherlands should enter the discussion.",
        # a vow of what the holder will not do
        "Tehran would not abandon its missile programme if the talks failed.",
        # restraint over a weapon
        "Canada will not send any missile that can reach the capital.",
        # ending something that is no diplomatic tie
        "If the rains come, the ministry will end the water rationing.",
    ],
)
def test_not_threats(nlp, sentence: str) -> None:
    assert not first_threat(nlp, sentence)


def test_a_condition_of_cooperation_is_a_pledge_not_a_threat(nlp) -> None:
    assert not first_threat(nlp, "If Kabul provides actionable intelligence about the camps, we will take action.")


def test_a_standing_order_to_deny_is_a_threat_whatever_its_answer_s_class(nlp) -> None:
    assert first_threat(nlp, "Algeria's president signed a decree last week ordering the state gas firm to cut off "
                             "buyers from hostile states that refuse to pay in dinars.")
