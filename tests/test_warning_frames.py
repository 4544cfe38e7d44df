"""Frames of warnings and demands (threat verbs, "otherwise", "or face"); sentences written by us."""

from __future__ import annotations

from redline.extract.warning_frames import (
    or_face_frame,
    otherwise_frame,
    response_frames,
    threat_frames,
    ultimatum_frames,
)


def text(tokens) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def test_a_threat_verb_with_its_ground(nlp) -> None:
    frames = threat_frames(nlp("Caracas threatened Bogota with sanctions over the new air bases."))
    assert frames and "bases" in text(frames[0].trigger) and "sanctions" in text(frames[0].consequence)


def test_a_warning_addressed_to_someone_over_something_is_only_a_bare_warning(nlp) -> None:
    # "warned X over Y" names who is warned and why, but no response: a bare warning, which the red-line step
    # keeps only as a headline no other line of its holder explains
    frames = threat_frames(nlp("Lima warned Quito over the border incidents."))
    assert frames and all(f.extra.get("warned") and not f.consequence for f in frames)
    assert "incidents" in text(frames[0].trigger)


def test_a_warning_against_an_act_is_no_bare_warning(nlp) -> None:
    # "warns X against Y" objects to the act: a stance, not a line
    assert not threat_frames(nlp("Lima warns Quito against new drilling in the bay."))


def test_whom_a_threatened_offensive_strikes_is_not_what_it_answers(nlp) -> None:
    assert not threat_frames(nlp("Ankara has threatened to widen its offensive against the PKK further south."))
    frames = threat_frames(nlp("Ankara threatened to retaliate against any attack on its troops."))
    assert frames and text(frames[0].trigger) == "any attack on its troops"


def test_a_response_promised_to_an_act(nlp) -> None:
    frames = response_frames(nlp("Cairo would take firm measures in response to any new dam on the river."))
    assert frames and "dam" in text(frames[0].trigger) and "measures" in text(frames[0].consequence)


def test_otherwise_has_consequence_and_no_trigger(nlp) -> None:
    frame = otherwise_frame(nlp("Otherwise, all the consequences will be borne by the other side."))
    assert frame is not None and not frame.trigger and "consequences" in text(frame.consequence)


def test_a_demand_or_a_penalty(nlp) -> None:
    frame = or_face_frame(nlp("Seoul told Pyongyang to stop the drills or face the consequences."))
    assert frame is not None and "drills" in text(frame.trigger) and frame.extra.get("penalty") == "1"
    assert or_face_frame(nlp("Seoul told Pyongyang to stop the drills or talk to the envoy.")) is None


def test_a_hyphenated_ground_is_read_whole(nlp) -> None:
    # The parser splits "non-payment" into three objects of "over": the ground is all of them.
    frames = threat_frames(nlp("Astana threatened to halt gas deliveries to Bishkek over non-payment of its debts."))
    assert frames and text(frames[0].trigger).startswith("non") and text(frames[0].trigger).endswith("of its debts")
    assert "payment" not in text(frames[0].consequence)


def test_what_a_threatened_penalty_strikes_is_not_what_it_answers(nlp) -> None:
    assert not threat_frames(nlp("Brasilia threatened to impose tariffs against Argentine beef."))
    frames = threat_frames(nlp("Santiago threatened sanctions against Bolivian firms over the closure of the port."))
    assert frames and text(frames[0].trigger) == "the closure of the port"


def test_consequences_for_a_party_over_an_act_answer_the_act(nlp) -> None:
    # "for X" names who would pay, "over Y" what they would pay for: Y is the trigger, X stays in the answer
    frames = threat_frames(nlp("Addis Ababa threatened consequences for Cairo over the blockade of the port."))
    assert frames and "blockade" in text(frames[0].trigger) and "Cairo" not in text(frames[0].trigger)
    assert "Cairo" in text(frames[0].consequence)


def test_or_face_read_from_the_words_when_the_parser_hangs_it_on_a_noun(nlp) -> None:
    # the parser may hang "or face" on the last noun of the demand, and tag "face" a noun
    frame = or_face_frame(nlp("Baku warned Yerevan to stop shelling its border villages or face consequences."))
    assert frame is not None and frame.extra.get("penalty")
    assert text(frame.trigger) == "to stop shelling its border villages"
    assert text(frame.consequence) == "face consequences"


def test_an_ultimatum_with_its_addressee_demand_and_answer(nlp) -> None:
    frames = ultimatum_frames(nlp("The junta gave the rebel militia a 48-hour ultimatum to lay down its arms before "
                                  "the air force bombs their camps."))
    assert len(frames) == 1
    assert "militia" in text(frames[0].trigger) and "lay" in text(frames[0].trigger)
    assert "bombs" in text(frames[0].consequence) and "before" not in text(frames[0].consequence)
    assert frames[0].head is not None and frames[0].head.lemma_ == "give"


def test_an_ultimatum_whose_answer_is_unsaid(nlp) -> None:
    frames = ultimatum_frames(nlp("The rebels shelled the town hours after their ultimatum for Niger to free the "
                                  "prisoners expired."))
    assert len(frames) == 1 and not frames[0].consequence
    assert "Niger" in text(frames[0].trigger) and "shelled" not in text(frames[0].trigger)


def test_no_ultimatum_frame_without_a_demand(nlp) -> None:
    assert not ultimatum_frames(nlp("Analysts said the ultimatum was a bluff."))
