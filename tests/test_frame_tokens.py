"""The token questions every frame finder asks; sentences written by us."""

from __future__ import annotations

from redline.extract.frame_tokens import child, has_modal, minus, subject


def test_minus_drops_the_excluded_groups_and_punctuation(nlp) -> None:
    doc = nlp("If Seoul strikes, Pyongyang will respond.")
    kept = minus(list(doc), list(doc[0:3]))
    assert [t.text for t in kept] == ["Pyongyang", "will", "respond"]


def test_modal_subject_and_child(nlp) -> None:
    doc = nlp("The fleet would be sent to the strait.")
    verb = next(t for t in doc if t.lemma_ == "send")
    assert has_modal(verb)
    assert subject(verb) is not None and subject(verb).text == "fleet"
    assert child(verb, {"prep"}) is not None and child(verb, {"prep"}).text == "to"
    assert child(verb, {"dobj"}) is None
    assert not has_modal(next(t for t in nlp("The fleet sailed to the strait.") if t.lemma_ == "sail"))
