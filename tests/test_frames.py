"""Trigger / consequence frames on the dependency parse; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.frames import Frame, find_frames


def text(tokens) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def first(nlp, sentence: str) -> Frame:
    frames = find_frames(nlp(sentence))
    assert frames, f"no frame in {sentence!r}"
    return frames[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "in_trigger", "in_consequence"),
    [
        ("If Seoul deploys the new missiles, Pyongyang will respond with force.", "if", "deploys", "respond"),
        ("The minister warned that if India strikes again, Pakistan would retaliate.", "if", "strikes", "retaliate"),
        ("Should Athens extend its waters, Ankara will consider it a cause of war.", "if", "extend", "consider"),
        ("Beijing will not intervene unless Manila blockades the shoal.", "if", "blockades", "intervene"),
        ("Any attack on our ships would lead to a devastating response.", "link", "attack", "response"),
        ("Taiwanese independence means war.", "link", "independence", "war"),
        ("Sending tanks would be regarded as direct participation in the war.", "regard", "Sending", "participation"),
        ("Any incursion will be met with overwhelming force.", "meet", "incursion", "force"),
        ("In the event of an invasion, the allies would impose sanctions.", "event", "invasion", "sanctions"),
    ],
)
def test_frame_shapes(nlp, sentence: str, kind: str, in_trigger: str, in_consequence: str) -> None:
    f = first(nlp, sentence)
    assert f.kind == kind
    assert in_trigger in text(f.trigger)
    assert in_consequence in text(f.consequence)
    assert in_trigger not in text(f.consequence) or kind == "explicit"


def test_explicit_copula_takes_the_other_side_as_trigger(nlp) -> None:
    f = first(nlp, "The status of the strait is a red line for us.")
    assert f.explicit and f.kind == "explicit"
    assert "strait" in text(f.trigger)


def test_otherwise_has_consequence_and_no_trigger(nlp) -> None:
    frames = find_frames(nlp("Otherwise, all the consequences will be borne by the other side."))
    assert any(f.kind == "otherwise" and "consequences" in text(f.consequence) for f in frames)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks resumed on Monday in Geneva.",
        "The army fired three missiles at the depot.",
        "Officials said the bridge was destroyed.",
    ],
)
def test_no_frame_in_plain_reports(nlp, sentence: str) -> None:
    assert find_frames(nlp(sentence)) == []


def test_explicit_wording_joins_a_conditional(nlp) -> None:
    frames = find_frames(nlp("Crossing this red line would mean war, he said."))
    assert frames and all(f.explicit for f in frames)


def test_anyone_who_frame(nlp) -> None:
    f = first(nlp, "Any country that sends warships into the strait will pay a heavy price.")
    assert f.kind == "anyone"
    assert "sends" in text(f.trigger) and "price" in text(f.consequence)
