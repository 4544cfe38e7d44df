"""The per-sentence word index and the frame finders' word gates; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract import frames as frames_module
from redline.extract.frame_gates import SentenceWords, frame_gates, sentence_words
from redline.extract.frames import find_frames

# One or more sentences for each shape of frame, and some with none.
SENTENCES = [
    "If Seoul deploys the new missiles, Pyongyang will respond with force.",
    "Beijing will not intervene unless Manila blockades the shoal.",
    "Should Athens extend its waters, Ankara would impose sanctions.",
    "In the event of an invasion, the allies would impose sanctions.",
    "Any attack on our ships would lead to a devastating response.",
    "Shipping the jets would be seen as direct involvement in the war.",
    "Moscow would regard the transfer of jets as a direct threat.",
    "Any incursion will be met with overwhelming force.",
    "Annexing that valley would surely be a declaration of war.",
    "Such a move would be the death knell for relations between the two capitals.",
    "The blockade is tantamount to an act of aggression.",
    "Any firm that ships fuel to the rebels will pay a heavy price.",
    "The navy will respond to any violation of the strait.",
    "Caracas threatened Bogota with sanctions over the new air bases.",
    "Cairo would take firm measures in response to any new dam on the river.",
    "The conditions for using chemical weapons would include an invasion of the homeland.",
    "The two allies will defend Estonia.",
    "Whoever attacks our convoys, we will destroy them.",
    "They might hit our convoys once more, and we will hit back.",
    "The coast guard will shoot down any drone that crosses into its waters.",
    "A strike on the reef would come under Article 5 of the treaty.",
    "The ministry would cut off gas to any country that buys weapons from the rebels.",
    "Pull your troops back, otherwise we will act.",
    "The envoy told Baku to withdraw its forces or face serious consequences.",
    "The army handed the militia a two-day ultimatum to disarm, before troops move in.",
    "Gunboats sank the barges on Friday, making good on a warning that demanded the traders stop crossing the lake.",
    "Expanding the base counts as a red line, the islanders say.",
    "The delegates met in Geneva on Tuesday and discussed the harvest.",
    "Fishing boats returned to the harbour after the storm.",
]


def _frames(doc) -> list[tuple]:
    return [(f.kind, [t.i for t in f.trigger], [t.i for t in f.consequence],
             f.head.i if f.head is not None else None, f.explicit, sorted(f.extra.items()))
            for f in find_frames(doc)]


def test_sentence_words_are_the_token_attributes(nlp) -> None:
    doc = nlp("Officials in Kyiv  said the  strikes   would Continue, “if needed”. ")
    s = sentence_words(doc)
    assert s.words == {t.lower_ for t in doc}
    assert s.lemmas == {t.lemma_.lower() for t in doc}
    assert s.deps == {t.dep_ for t in doc}
    assert s.text == doc.text
    assert s.lower == doc.text.lower()


def test_sentence_words_of_an_empty_doc(nlp) -> None:
    assert sentence_words(nlp("")) == SentenceWords(frozenset(), frozenset(), frozenset(), "", "")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_gated_frames_are_the_frames_of_every_finder(nlp, monkeypatch: pytest.MonkeyPatch, sentence: str) -> None:
    doc = nlp(sentence)
    gated = _frames(doc)
    everything = dict.fromkeys(frame_gates(sentence_words(doc)), True)
    monkeypatch.setattr(frames_module, "frame_gates", lambda s: everything)
    assert _frames(doc) == gated


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_closed_gate_means_no_frame_from_its_finder(nlp, sentence: str) -> None:
    doc = nlp(sentence)
    for name, open_ in frame_gates(sentence_words(doc)).items():
        finder = getattr(frames_module, name)
        if not open_:
            assert not finder(doc), name


def test_gates_open_for_their_words_and_close_without_them(nlp) -> None:
    plain = frame_gates(sentence_words(nlp("Fishing boats returned to the harbour after the storm.")))
    assert not any(plain.values())
    conditional = frame_gates(sentence_words(nlp("If the talks fail, the envoy will leave.")))
    assert conditional["condition_frames"] and not conditional["ultimatum_frames"]
    threat = frame_gates(sentence_words(nlp("The rebels threatened reprisals over the arrests.")))
    assert threat["threat_frames"] and not threat["condition_frames"]


def test_every_gate_names_a_finder() -> None:
    names = frame_gates(SentenceWords(frozenset(), frozenset(), frozenset(), "", ""))
    assert all(callable(getattr(frames_module, name)) for name in names)
