"""Pledges to defend another party; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.defence_frames import defence_frames


@pytest.mark.parametrize(
    ("sentence", "defended"),
    [
        ("Canberra and Wellington will defend Fiji.", "Fiji"),
        ("Norway to defend its islands", "islands"),
        ("Washington would side with Manila in a clash.", "Manila"),
    ],
)
def test_a_pledge_to_defend_names_the_defended(nlp, sentence: str, defended: str) -> None:
    frames = defence_frames(nlp(sentence))
    assert len(frames) == 1 and frames[0].kind == "defence"
    assert defended in [t.text for t in frames[0].trigger]


@pytest.mark.parametrize("sentence", ["Canberra will not defend Fiji.", "Canberra defended Fiji in 1999."])
def test_no_pledge_without_a_future_or_when_negated(nlp, sentence: str) -> None:
    assert defence_frames(nlp(sentence)) == []
