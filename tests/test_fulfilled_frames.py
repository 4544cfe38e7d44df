"""Threats carried out, named in a participle phrase (fulfilled_frames); sentences written by us."""

from __future__ import annotations

from redline.extract.frames import phrase_text
from redline.extract.fulfilled_frames import fulfilled_frames
from redline.models import RedLine


def only(extract_text, text: str) -> RedLine:
    found = extract_text(text).redlines
    assert len(found) == 1, [(r.holder, r.evidence[0].text) for r in found]
    return found[0]


def test_a_warning_s_demand_is_the_trigger_and_the_act_done_the_answer(nlp) -> None:
    doc = nlp("Seoul restarted its border propaganda broadcasts on Monday, making good on a warning that demanded "
              "Pyongyang stop launching drones across the frontier.")
    frames = fulfilled_frames(doc)
    assert len(frames) == 1
    assert phrase_text(frames[0].trigger) == "Pyongyang launching drones across the frontier"
    assert phrase_text(frames[0].consequence) == "Seoul restarted its border propaganda broadcasts on Monday"


def test_a_threat_s_condition_is_the_trigger(nlp) -> None:
    doc = nlp("The army shelled the rebel positions, carrying out its threat to strike if the militia kept "
              "firing rockets.")
    frames = fulfilled_frames(doc)
    assert [phrase_text(f.trigger) for f in frames] == ["the militia kept firing rockets"]


def test_a_promise_of_help_kept_is_no_threat(nlp) -> None:
    assert fulfilled_frames(nlp("Canada sent a delegation to the talks, following through on a promise to help.")) == []


def test_the_reported_act_is_the_answer_and_its_actor_the_holder(extract_text) -> None:
    r = only(extract_text, "Seoul restarted its border broadcasts on Monday, its army said, following through on its "
                           "warning, which demanded that Pyongyang halt its drone flights.")
    assert r.holder == ("KOR",)
    assert r.trigger.actors == ("PRK",)
    assert "broadcasts" in r.consequence.text
    assert "said" not in r.consequence.text


def test_a_fulfilled_threat_with_a_condition_is_one_line(extract_text) -> None:
    r = only(extract_text, "The Ethiopian army shelled the rebel positions, carrying out its threat to strike if the "
                           "militia kept firing rockets.")
    assert r.holder == ("ETH",)
    assert r.consequence.action == "ATTACK"
