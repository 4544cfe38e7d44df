"""Wording comparison: the synonym map and the similarity the merge thresholds were calibrated on."""

from __future__ import annotations

import pytest

from redline.store.merge import LINE_TEXT_THRESHOLD, PROPOSAL_TEXT_THRESHOLD
from redline.store.wording import (
    about_peace_force,
    debated_move,
    is_anaphoric,
    is_generic,
    normalise,
    restores_earlier,
    text_similarity,
)


def test_normalise_maps_synonyms_and_drops_function_words() -> None:
    assert normalise("Dispatching soldiers into the country") == "deploy troop"
    assert normalise("putting boots on the ground") == "deploy troop"
    assert normalise("supplying long-range missiles") == "supply longrange missile"


# Restatements in other words, as different outlets and officials put them (written for these tests).
SAME = [
    ("Western troops are sent to Ukraine", "NATO deploys soldiers in Ukraine"),
    ("if NATO countries put boots on the ground in Ukraine", "Western troops are sent to Ukraine"),
    ("the West allows Kyiv to use long-range missiles against Russia",
     "long-range missiles are used to strike Russian territory"),
    ("Ukraine joins NATO", "NATO admits Ukraine"),
    ("Israel attacks Iranian nuclear facilities", "strikes on Iran's nuclear sites"),
    ("the transfer of F-16 fighter jets to Ukraine", "F-16s are supplied to Kyiv"),
    ("Taiwan declares independence", "a formal declaration of independence by Taipei"),
]
# Different triggers of one holder, with the same action class and overlapping codes: codes cannot tell them apart.
DIFFERENT = [
    ("Hezbollah fires rockets at northern Israel", "Hezbollah attacks Israeli shipping"),
    ("sanctions on Russian oil exports", "freezing Russian central bank assets"),
    ("a naval blockade of Taiwan", "cyberattacks on Taiwanese infrastructure"),
    ("Western tanks are delivered to Ukraine", "long-range missiles are used against Crimea"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_restatements_score_above_the_line_threshold(a: str, b: str) -> None:
    assert text_similarity(a, b) >= LINE_TEXT_THRESHOLD


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_triggers_score_below_the_line_threshold(a: str, b: str) -> None:
    assert text_similarity(a, b) < LINE_TEXT_THRESHOLD


PROPOSALS_SAME = [
    ("send Western troops to Ukraine", "deploy NATO troops in Ukraine"),
    ("putting Western boots on the ground in Ukraine", "sending troops to Ukraine"),
    ("Ukraine's membership of NATO", "admitting Ukraine to NATO"),
    ("a ceasefire in Gaza", "a truce in Gaza"),
]
PROPOSALS_DIFFERENT = [
    ("send Western troops to Ukraine", "supply air defence systems to Ukraine"),
    ("a ceasefire in Gaza", "sanctions on Israeli settlers"),
    ("admitting Ukraine to NATO", "opening peace talks with Russia"),
]


@pytest.mark.parametrize(("a", "b"), PROPOSALS_SAME)
def test_proposals_in_other_words_merge(a: str, b: str) -> None:
    assert text_similarity(a, b) >= PROPOSAL_TEXT_THRESHOLD


@pytest.mark.parametrize(("a", "b"), PROPOSALS_DIFFERENT)
def test_different_proposals_stay_apart(a: str, b: str) -> None:
    assert text_similarity(a, b) < PROPOSAL_TEXT_THRESHOLD


def test_empty_text_is_not_similar_to_anything() -> None:
    assert text_similarity("", "troops") == 0.0
    assert text_similarity("the of", "the of") == 0.0


@pytest.mark.parametrize(
    "text",
    ["the resolution", "in favour of the plan", "such steps are repeated", "if it goes ahead", "", "tanks",
     # how a vote is reported says nothing of what was voted on
     "that backed the draft", "voted against the motion", "abstained on the text",
     "the measure to be implemented in full",
     # whose forces, and no move: "Ukrainian forces" is no proposal to do anything with them
     "Zembian forces", "the Velmoran troops", "Western soldiers"],
)
def test_texts_that_name_nothing_particular_are_generic(text: str) -> None:
    assert is_generic(text)


@pytest.mark.parametrize(
    "text", ["send Western troops to Ukraine", "a no-fly zone over the island", "Georgian forces join the bloc",
             "backing an arms embargo", "support for the ceasefire", "troops to Velmora", "Zembian troops in Velmora"]
)
def test_texts_that_name_an_action_are_not_generic(text: str) -> None:
    assert not is_generic(text)


@pytest.mark.parametrize("text", ["such payments are not made", "this happens", "if they cross it", "It goes on"])
def test_texts_that_point_back_are_anaphoric(text: str) -> None:
    assert is_anaphoric(text)


@pytest.mark.parametrize("text", ["the buyers refuse to pay", "thistle exports stop", "Ukraine strikes Russia"])
def test_texts_that_name_their_subject_are_not_anaphoric(text: str) -> None:
    assert not is_anaphoric(text)


@pytest.mark.parametrize("text", [
    "the lifted tariffs on Zembian steel are reinstated", "the arms embargo is re-imposed", "a snapback of the levies",
    "the export bans are snapped back", "Velmora reintroduces the transit fees", "quotas are brought back"])
def test_triggers_that_bring_back_an_earlier_measure(text: str) -> None:
    assert restores_earlier(text)


@pytest.mark.parametrize("text", [
    "new tariffs on Zembian steel are adopted", "the latest levies were approved", "Velmora introduces transit fees",
    "the envoy reports back", "representatives are sent to the border"])
def test_triggers_of_a_new_measure_bring_back_nothing(text: str) -> None:
    assert not restores_earlier(text)


@pytest.mark.parametrize("text", [
    "Leaders discussed a multinational force to keep the peace once a ceasefire holds.",
    "Zembia is ready to contribute peacekeepers.", "a reassurance force for Velmora",
    "troops would go only after a lasting peace agreement", "the post-war security of the region"])
def test_texts_about_a_force_to_keep_a_peace(text: str) -> None:
    assert about_peace_force(text)


@pytest.mark.parametrize("text", [
    "The president would not rule out sending troops to fight in Velmora.",
    "Allies fear the war could spread to their borders.", "the peace of mind of investors"])
def test_texts_about_troops_in_a_war_are_not_about_a_peace_force(text: str) -> None:
    assert not about_peace_force(text)


def test_normalise_and_is_generic_remember_a_text_they_have_read() -> None:
    # Ingest compares every new stance with each stored proposal: the stored wordings are read again and again.
    text = "the Kestrian navy blockades the port of Valdmar"
    first = normalise(text)
    hits = normalise.cache_info().hits, is_generic.cache_info().hits
    assert normalise(text) == first and is_generic(text) is is_generic(text) is False
    assert normalise.cache_info().hits > hits[0] and is_generic.cache_info().hits > hits[1]


def test_a_trigger_of_hostile_words_and_names_names_no_act() -> None:
    from redline.store.wording import names_no_act

    assert names_no_act("aggression against Zembia and its allies")
    assert names_no_act("any armed attack on Quarra")
    assert not names_no_act("Quarra's neighbours lend their airfields for bombing raids")
    assert not names_no_act("")


def test_wordings_of_the_strike_permission_debate_name_one_move() -> None:
    said = [
        "scrapping the range limits on the rockets it hands over",
        "easing restrictions on the use of the donated artillery",
        "letting Zembia fire the donated rockets to strike depots deep inside Ostravia",
        "the use of Falcon Lance missiles",
    ]
    moves = {debated_move(t) for t in said}
    assert len(moves) == 1 and None not in moves
    # supplying the weapons, or another debate, is not that move
    for other in ("handing over more rockets to Zembia", "a long-range missile delivery", "sending troops",
                  "lifting sanctions on grain", "the use of force"):
        assert debated_move(other) is None
