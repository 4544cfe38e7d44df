"""Pledges to defend another party; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.defence_frames import defence_frames, intercept_frames, treaty_frames


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


@pytest.mark.parametrize(
    ("sentence", "trigger_word"),
    [
        ("Hanoi ordered its frigates to be ready to intercept any vessel that entered Vietnamese waters.", "vessel"),
        ("The Lithuanian army said its troops would down any drone that crossed the frontier.", "drone"),
        ("Any aircraft that violates Cypriot airspace will be shot down, the minister said.", "aircraft"),
        ("Seoul readies jets to shoot down Chinese balloons", "balloons"),
    ],
)
def test_a_standing_order_to_intercept_is_a_frame(nlp, sentence: str, trigger_word: str) -> None:
    frames = intercept_frames(nlp(sentence))
    assert len(frames) == 1 and frames[0].kind == "intercept"
    assert trigger_word in [t.text for t in frames[0].trigger]
    assert trigger_word not in [t.text for t in frames[0].consequence]


@pytest.mark.parametrize("sentence", [
    "Lithuanian troops shot down a drone that crossed the frontier on Sunday.",
    "The ministry said its batteries had intercepted every missile fired at the port.",
    "The army will not shoot down any balloon that drifts over the hills.",
    "Hanoi ordered its frigates to intercept the tanker.",
])
def test_a_report_of_an_interception_or_a_one_off_order_is_no_frame(nlp, sentence: str) -> None:
    assert intercept_frames(nlp(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Manila and Washington confirmed that an armed attack on Philippine ships would be covered by Article IV "
        "of their defence treaty.",
        "The minister said a strike on any member would trigger the alliance's mutual-defence clause.",
    ],
)
def test_an_act_brought_under_a_defence_clause_is_a_frame(nlp, sentence: str) -> None:
    frames = treaty_frames(nlp(sentence))
    assert len(frames) == 1 and frames[0].extra.get("treaty")
    assert any(t.lemma_ in {"attack", "strike"} for t in frames[0].trigger)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mutual defence treaty would apply to cyberattacks, officials said.",
        "An attack on the atoll would not be covered by Article 5.",
        "The talks covered the security treaty and trade.",
    ],
)
def test_no_frame_where_no_act_is_brought_under_a_clause(nlp, sentence: str) -> None:
    assert not treaty_frames(nlp(sentence))
