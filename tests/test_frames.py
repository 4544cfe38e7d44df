"""Trigger / consequence frames on the dependency parse; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.frame_tokens import Frame
from redline.extract.frames import _comma_groups, _stated_count, condition_frames, find_frames


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
        ("Supplying jets would be regarded as open involvement in the fighting.", "regard", "Supplying", "involvement"),
        ("Any incursion will be met with overwhelming force.", "meet", "incursion", "force"),
        ("In the event of an invasion, the allies would impose sanctions.", "event", "invasion", "sanctions"),
        ("Caracas threatened Bogota with sanctions over the new air bases.", "threat", "bases", "sanctions"),
        ("Hanoi threatened to take countermeasures in response to the drilling.", "threat", "drilling",
         "countermeasures"),
        ("The admiral warned of the consequences of Oslo joining the pact.", "threat", "joining", "consequences"),
        ("Cairo would take firm measures in response to any new dam on the river.", "threat", "dam", "measures"),
        ("The conditions for using chemical weapons would include an invasion of the homeland.", "doctrine",
         "invasion", "using"),
        ("Any hostile steps will be followed by a swift and adequate response.", "meet", "steps", "response"),
        ("Closing the airspace over the islands would be a declaration of war.", "link", "Closing", "declaration"),
        ("Paris and Berlin threatened further steps against Minsk over the forced landing.", "threat", "landing",
         "steps"),
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


def test_each_condition_of_one_clause_is_its_own_frame_and_leaves_the_consequence(nlp) -> None:
    frames = [f for f in find_frames(nlp("If they cross the river, if they shell the port, we will strike back."))
              if f.kind == "if"]
    assert [text(f.trigger) for f in frames] == ["they cross the river", "they shell the port"]
    assert all(text(f.consequence) == "we will strike back" for f in frames)


def test_a_headline_clause_treated_as_an_act_of_war(nlp) -> None:
    frames = find_frames(nlp("Future drone incursions to be treated as acts of war"))
    assert any(f.kind == "regard" and "incursions" in text(f.trigger) and "war" in text(f.consequence)
               for f in frames)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks resumed on Monday in Geneva.",
        "The army fired three missiles at the depot.",
        "Officials said the bridge was destroyed.",
        "The parade was followed by a reception at the embassy.",
        "The new minister would be a strong voice in the cabinet.",
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


def test_a_conjunct_consequence_keeps_the_subject_it_shares(nlp) -> None:
    frames = [f for f in find_frames(nlp("The president said the missiles are in the country and would be used if "
                                         "it faces aggression.")) if f.kind == "if"]
    assert frames and "missiles" in text(frames[0].consequence)


@pytest.mark.parametrize("sentence", ["Norway to robustly defend Svalbard",
                                      "Tokyo would side with Manila in a clash."])
def test_a_defence_pledge_names_the_one_defended(nlp, sentence: str) -> None:
    frames = [f for f in find_frames(nlp(sentence)) if f.kind == "defence"]
    assert frames and text(frames[0].trigger) in {"Svalbard", "Manila"}


def test_a_list_of_red_lines_is_one_frame_per_item(nlp) -> None:
    frames = find_frames(nlp("The Golan question, the refugees and the water rights are red lines for Damascus."))
    assert [text(f.trigger) for f in frames] == ["The Golan question", "the refugees", "the water rights"]
    # a list of targets is one act
    assert len(find_frames(nlp("Any attack on Poland or Moldova is a red line."))) == 1


def test_a_pronoun_standing_for_the_condition_makes_no_frame_of_its_own(nlp) -> None:
    frames = find_frames(nlp("If Oslo sends the jets, this could lead to a direct conflict."))
    assert [f.kind for f in frames] == ["if"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency would make every effort to find the culprits.",
        "Ottawa would turn to the General Assembly for a vote.",
        "The sale of the reactors constitutes a severe proliferation risk.",
    ],
)
def test_a_link_verb_without_its_predicate_links_nothing(nlp, sentence: str) -> None:
    assert [f for f in find_frames(nlp(sentence)) if f.kind == "link"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Sending the jets would turn Oslo into a party to the conflict.",
        "Hosting the missiles would make Romania a legitimate target.",
        "The blockade constitutes an act of aggression.",
    ],
)
def test_a_link_verb_with_its_predicate_still_links(nlp, sentence: str) -> None:
    assert [f for f in find_frames(nlp(sentence)) if f.kind == "link"]


def test_a_link_inside_a_condition_is_part_of_the_condition(nlp) -> None:
    frames = find_frames(nlp("If the guarantees mean that troops are needed, the allies will meet again."))
    assert "link" not in [f.kind for f in frames]


def test_a_stated_count_groups_a_list_of_red_lines_by_its_commas(nlp) -> None:
    doc = nlp("Taiwan, trade and fishing, and the border are three red lines.")
    items = [[doc[0]], [doc[2]], [doc[4]], [doc[8]]]
    groups = _comma_groups(items)
    assert [[t.text for t in g] for g in groups] == [["Taiwan"], ["trade", "fishing"], ["border"]]
    assert _stated_count([doc[11], doc[12]]) == 3


def test_without_a_count_each_item_is_its_own_line(nlp) -> None:
    frames = find_frames(nlp("The border, the ports and the fishing grounds are red lines for us."))
    assert len(frames) == 3


def test_conditions_joined_after_the_consequence_are_frames_of_their_own(nlp) -> None:
    frames = [f for f in find_frames(nlp(
        "Drones will be launched if the border is crossed, if the port is shelled, or if the capital is bombed."))
        if f.kind == "if"]
    assert [text(f.trigger) for f in frames] == [
        "the border is crossed", "the port is shelled", "the capital is bombed"]
    assert all("launched" in text(f.consequence) for f in frames)


def test_a_complement_subject_misread_as_the_reporting_verbs_object_stays_in_the_consequence(nlp) -> None:
    frames = [f for f in find_frames(nlp("The new statute stipulates nuclear weapons will be launched if the "
                                         "capital is attacked.")) if f.kind == "if"]
    assert frames and "weapons" in text(frames[0].consequence)


@pytest.mark.parametrize(("sentence", "answer"), [
    ("Canberra threatened Honiara with further action if it signs the security pact.", "further action"),
    ("Lima has warned Quito of serious consequences if its troops cross the river.", "serious consequences"),
])
def test_a_threat_verb_with_a_condition_answers_with_what_it_threatens(nlp, sentence: str, answer: str) -> None:
    # the one threatened ("Honiara", "Quito") is not the answer
    frames = [f for f in find_frames(nlp(sentence)) if f.kind == "if"]
    assert frames and " ".join(t.text for t in frames[0].consequence) == answer


def test_the_one_told_is_not_in_the_consequence(nlp) -> None:
    # "told X that if ..., there will be ...": X is spoken to, not the subject of the answer
    frames = condition_frames(nlp('He told Attaf then that "if Algeria expels more French diplomats," there will be '
                                  "consequences."))
    assert frames and "Attaf" not in [t.text for t in frames[0].consequence]
    assert "consequences" in [t.text for t in frames[0].consequence]


def test_an_inverted_should_after_the_answer_is_a_condition(nlp) -> None:
    # the parser reads "should it recognise" as a second complement of "warned"
    frames = condition_frames(nlp("The EU warned Belgrade it would face sanctions should it recognise the breakaway "
                                  "region."))
    assert frames and text(frames[0].trigger) == "it recognise the breakaway region"
    assert text(frames[0].consequence) == "it would face sanctions"


def test_an_inverted_should_parsed_above_its_answer(nlp) -> None:
    frames = condition_frames(nlp("The EU would impose sanctions on Belgrade should it recognise the breakaway "
                                  "region, an EU official said."))
    assert frames and text(frames[0].trigger) == "it recognise the breakaway region"
    assert "sanctions" in text(frames[0].consequence) and "recognise" not in text(frames[0].consequence)


def test_a_second_predicate_sharing_the_subject_is_a_link(nlp) -> None:
    frames = [f for f in find_frames(nlp("Hanoi said the patrols would not change the balance at sea but would "
                                         "cause serious damage to ties between the two neighbours."))
              if f.kind == "link"]
    assert len(frames) == 1
    assert text(frames[0].trigger) == "the patrols" and "damage" in text(frames[0].consequence)


def test_a_second_predicate_that_links_nothing_is_no_frame(nlp) -> None:
    assert not [f for f in find_frames(nlp("The envoy said the talks would be long but would end in a deal."))
                if f.kind == "link"]


@pytest.mark.parametrize("ending", ["the death knell for relations with Hanoi", "the end of our ties with Hanoi",
                                    "the final collapse of Sino-Vietnamese relations"])
def test_relations_broken_off_is_a_link(nlp, ending: str) -> None:
    frames = [f for f in find_frames(nlp(f"Beijing warned that the new base would be {ending}.")) if f.kind == "link"]
    assert len(frames) == 1 and text(frames[0].trigger) == "the new base"
