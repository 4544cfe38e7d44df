"""Stance extraction on sentences we wrote (FORMAT.md §2): positions, lists, anaphora, merging, negatives."""

from __future__ import annotations

import pytest

from gate_sentences import GATE_SENTENCES
from redline.extract.stances import CUE_LEMMAS, _cue_verbs, cue_verbs, phrase_at, rule_candidates, token_at
from redline.models import Stance


def stances(extract_text, text: str) -> dict[str, Stance]:
    found = extract_text(text).stances
    return {s.actor: s for s in found}


def test_a_list_of_countries_gives_one_stance_each(extract_text) -> None:
    got = stances(extract_text, "Japan, South Korea, Australia and Canada publicly rejected the idea of sending "
                                "warships to the Strait of Hormuz.")
    assert set(got) == {"JPN", "KOR", "AUS", "CAN"}
    assert {s.position for s in got.values()} == {"oppose"}


def test_including_list_names_the_actors(extract_text) -> None:
    got = stances(extract_text, "Several EU governments said they would not support new sanctions on Beijing, "
                                "including Hungary, Slovakia and Greece.")
    assert {"HUN", "SVK", "GRC"} <= set(got)
    assert all(got[c].position == "oppose" for c in ("HUN", "SVK", "GRC"))


@pytest.mark.parametrize(
    ("text", "actor", "position"),
    [
        ('"All options should be open," the Dutch defence minister said of deploying air defence systems to Poland.',
         "NLD", "open"),
        ("The German chancellor said sending Taurus missiles to Kyiv should not be ruled out.", "DEU", "open"),
        ("Washington is considering a request from Taipei for more air defence missiles.", "USA", "open"),
        ("The Italian government has no plans to send troops to Libya, the defence minister said.", "ITA",
         "oppose"),
        ("India ruled out any talks with Pakistan until cross-border attacks stop.", "IND", "oppose"),
        ("The Estonian prime minister said her country would send troops, but only for training missions.", "EST",
         "conditional"),
        ("The Swedish foreign minister said Swedish soldiers could help, but not on the front line.", "SWE",
         "conditional"),
        ("Poland's president called for a permanent NATO base on Polish territory.", "POL", "support"),
        ("Seoul backs tougher sanctions on Pyongyang, its foreign ministry said.", "KOR", "support"),
    ],
)
def test_positions(extract_text, text: str, actor: str, position: str) -> None:
    got = stances(extract_text, text)
    assert actor in got, got
    assert got[actor].position == position


def test_back_misread_as_an_adverb_before_a_gerund_still_supports(context_before) -> None:
    ctx = context_before("Norway said it would back sending a peacekeeping force to the border.")
    assert [(c.actor, c.position) for c in rule_candidates(ctx)] == [("NOR", "support")]


@pytest.mark.parametrize(
    "text",
    [
        "The Icelandic government said it opposes a referendum on the islands' status.",
        "Lisbon rejected a corridor through the disputed valley.",
        "Uruguay opposed suspending the treaty with its neighbour.",
    ],
)
def test_proposals_outside_weapons_and_troops(context_before, text: str) -> None:
    assert [c.position for c in rule_candidates(context_before(text))] == ["oppose"]


def test_such_a_plan_points_back_to_the_proposal(extract_text) -> None:
    text = ("Paris proposed sending European peacekeepers to Gaza after a ceasefire.\n\n"
            "Madrid said it would not support such a plan.")
    got = stances(extract_text, text)
    assert got["ESP"].position == "oppose"
    assert "peacekeepers" in got["ESP"].proposal


def test_a_ban_is_its_own_proposal_not_the_one_before(extract_text) -> None:
    text = ("Germany moved on Tuesday to block the sale of tanks to Chile, the economy ministry said.\n\n"
            "Italy refrained from backing the proposed ban on Peruvian fishmeal.")
    got = stances(extract_text, text)
    assert got["ITA"].position == "oppose"
    assert "ban on Peruvian fishmeal" in got["ITA"].proposal and "tanks" not in got["ITA"].proposal


def test_one_actor_one_proposal_is_one_stance(extract_text) -> None:
    text = ("Norway said it would send air defence systems to Kyiv.\n\n"
            "The Norwegian defence minister added that Oslo backs sending more air defence systems to Ukraine.")
    found = [s for s in extract_text(text).stances if s.actor == "NOR"]
    assert len(found) == 1
    assert len(found[0].evidence) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine would likely welcome more air defence systems from its allies.",
        "Analysts say Berlin could eventually support sending more tanks.",
        "The weather in Brussels was cold on Tuesday.",
    ],
)
def test_not_stances(extract_text, text: str) -> None:
    assert extract_text(text).stances == ()


def test_an_actors_own_completed_move_is_support_of_it(extract_text) -> None:
    # FORMAT.md §2: "an actor's own decision, pledge or action that is itself the debated move ... is support".
    got = stances(extract_text, "Germany delivered two more air defence systems to Ukraine last month.")
    assert got["DEU"].position == "support"


@pytest.mark.parametrize(
    ("text", "actor", "position"),
    [
        ("Forty countries abstained, including India, Brazil and South Africa.", "BRA", "open"),
        ("Pakistan urged India not to retaliate against the militants.", "PAK", "oppose"),
        ("Estonia requested a permanent allied brigade on its soil.", "EST", "support"),
    ],
)
def test_positions_carried_by_votes_and_requests(extract_text, text: str, actor: str, position: str) -> None:
    got = stances(extract_text, text)
    assert actor in got, got
    assert got[actor].position == position


def test_a_threat_is_not_a_stance(extract_text) -> None:
    x = extract_text("Moscow warned that if NATO sends troops to Ukraine, it will respond with force.")
    assert x.redlines and not x.stances


@pytest.mark.parametrize(("text", "actor"), [
    ("Chile declined to sign the treaty on warships in the strait.", "CHL"),
    ("Chile stalled the new sanctions package on Bolivia.", "CHL"),
    ("Chile held up the new sanctions package on Bolivia for a week.", "CHL"),
])
def test_refusals_by_other_verbs_are_read_as_opposition(context_before, text: str, actor: str) -> None:
    assert [(c.actor, c.position) for c in rule_candidates(context_before(text))] == [(actor, "oppose")]


def test_holding_talks_is_no_refusal(context_before) -> None:
    assert rule_candidates(context_before("Chile held talks on new sanctions on Bolivia.")) == []


def test_a_position_verbs_object_is_the_proposal_not_the_whole_sentence(context_before) -> None:
    text = "The Chilean cabinet has approved a naval mission to the Strait of Magellan, officials said on Monday."
    doc = context_before(text).parsed[0]
    assert phrase_at(doc, text.index("mission")) == "a naval mission to the Strait of Magellan"


def test_a_position_noun_reads_its_possessors_position(context_before) -> None:
    ctx = context_before("Chile's refusal to join the naval mission in the strait surprised its neighbours.")
    assert [(c.actor, c.position) for c in rule_candidates(ctx)] == [("CHL", "oppose")]
    ctx = context_before("Peru's backing for the naval mission in the strait came late.")
    assert [(c.actor, c.position) for c in rule_candidates(ctx)] == [("PER", "support")]


def test_a_position_noun_with_no_holder_of_its_own_reads_nothing(context_before) -> None:
    ctx = context_before("The refusal to join the naval mission in the strait surprised observers.")
    assert rule_candidates(ctx) == []


def test_a_negated_subject_negates_the_position(context_before) -> None:
    ctx = context_before("None of the Andean states backed the naval mission, Chile said.")
    assert {c.position for c in rule_candidates(ctx)} == {"oppose"}


@pytest.mark.parametrize(("sentence", "position"), [
    ("Peru opted out of the naval mission to the strait.", "oppose"),
    ("Peru is not ready to send warships to the strait.", "oppose"),
    ("Peru was non-committal about sending warships to the strait.", "open"),
    # A refusal with an exception: the move is made only under a condition.
    ("Peru will not send warships to the strait unless Ecuador sends its own.", "conditional"),
])
def test_fixed_phrases_of_holding_back_and_of_openness(context_before, sentence: str, position: str) -> None:
    assert {c.position for c in rule_candidates(context_before(sentence))} == {position}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Ghana urged Togo not to close the border crossing.", "oppose"),
        ("The ministers agreed not to extend the naval mission.", "oppose"),
        ("Ghana urged Togo to close the border crossing.", "support"),
    ],
)
def test_a_verb_of_support_whose_complement_is_negated_reads_opposition(nlp, text: str, position: str) -> None:
    from redline.extract.stances import cue_verbs

    cues = {t.lemma_: p for t, p in cue_verbs(nlp(text))}
    assert position in cues.values(), cues


@pytest.mark.parametrize(
    ("text", "cue", "position"),
    [
        # A verb of judging reads the predicate it gives its object, not "considering" or "calling for".
        ("Chile has called the plebiscite illegitimate.", "called", "oppose"),
        ("Ottawa considers the naval drills provocative.", "considers", "oppose"),
        ("Tokyo considers the launches a threat to regional security.", "considers", "oppose"),
        ("Canada is considering sending frigates to the strait.", "considering", "open"),
        # A demand to undo a move opposes it; a "whether" complement is undecided.
        ("The Kenyan president urged Uganda to reconsider its decision to close the border.", "urged", "oppose"),
        ("Norway will decide whether to join the naval mission within weeks.", "decide", "open"),
        # A request for an exemption or for time, or a condition on the verb, is conditional.
        ("Malta sought an exemption from the oil embargo.", "sought", "conditional"),
        ("Quito said it planned to seek a comparable waiver from the arms embargo.", "planned", "conditional"),
        ("Peru would back the peacekeeping force if the UN approved it.", "back", "conditional"),
        ("Chile called for talks on the border dispute.", "called", "support"),
    ],
)
def test_cue_positions_read_what_the_verb_governs(nlp, text: str, cue: str, position: str) -> None:
    from redline.extract.stances import cue_verbs

    got = {t.text: p for t, p in cue_verbs(nlp(text))}
    assert got.get(cue) == position, got



@pytest.mark.parametrize(("text", "against"), [
    ("Chile called for an arms embargo against the junta.", False),
    ("Peru launched air strikes against the rebel camp in the hills.", False),
    ("Chile voted against the naval mission.", True),
    ("Peru is against sending warships to the strait.", True),
    ("Students held protests against the naval mission.", True),
])
def test_against_a_measures_target_is_no_phrase_of_opposition(nlp, text: str, against: bool) -> None:
    from redline.extract.stances import oppose_phrase

    assert (oppose_phrase(nlp(text), text) is not None) is against


def test_a_cue_whose_object_names_the_proposal_reads_the_position(context_before) -> None:
    ctx = context_before("The European Union condemned the junta's takeover in Lima on Monday, calling for an arms "
                         "embargo against the country.")
    assert ("EU", "support") in [(c.actor, c.position) for c in rule_candidates(ctx)]


def test_a_position_noun_stated_by_a_second_clause_s_subject_is_its_stance(context_before) -> None:
    # "its opposition" names no one itself; the subject that signalled it holds it, in a clause of its own
    ctx = context_before("Chile said it would back the peace plan, while Peru has also signalled its opposition "
                         "to sending troops to Bolivia.")
    got = {c.actor: c.position for c in rule_candidates(ctx)}
    assert got == {"CHL": "support", "PER": "oppose"}


@pytest.mark.parametrize(("text", "actor"), [
    ("Chile has sided with Peru, which has refused to join the naval mission.", "PER"),
    ("The talks stalled over Ecuador, which rejected sending troops to the border.", "ECU"),
])
def test_a_relative_clause_s_position_is_its_antecedent_s(context_before, text: str, actor: str) -> None:
    ctx = context_before(text)
    assert [(c.actor, c.position) for c in rule_candidates(ctx)] == [(actor, "oppose")]




def test_cue_verbs_gated_and_kept_equal_the_token_walk(nlp, ungated) -> None:
    """The gate on CUE_LEMMAS and the cues kept with the parse give what walking every token gives."""
    found = 0
    for text in GATE_SENTENCES:
        walked = [(t.i, read) for t, read in _cue_verbs(nlp(text))]
        doc = nlp(text)
        gated = [(t.i, read) for t, read in cue_verbs(doc)]
        again = [(t.i, read) for t, read in cue_verbs(doc)]  # read back from doc.user_data
        opened = [(t.i, read) for t, read in cue_verbs(ungated(nlp(text), CUE_LEMMAS))]
        assert gated == walked == again == opened, text
        assert all(t.doc is doc for t, _ in cue_verbs(doc))
        found += bool(walked)
    assert 0 < found < len(GATE_SENTENCES)


@pytest.mark.parametrize("text, actor", [
    ("Chile, which has said it would not join the naval mission, is under pressure.", "CHL"),
    ("Aruba, which has said it will not send patrols, stayed away from the talks.", "ABW"),
])
def test_a_refusal_in_a_relative_clause_is_its_antecedents(context_before, text: str, actor: str) -> None:
    # The fixed phrase "would not join" is governed by "join", not by its auxiliary "would".
    assert [(c.actor, c.position) for c in rule_candidates(context_before(text))] == [(actor, "oppose")]


@pytest.mark.parametrize("text", [
    "Peru, its minister said, would stay out of the naval mission if Chile did not support it.",
    "The minister said Peru would stay out of the naval mission if Chile did not support it.",
])
def test_a_refusal_phrase_inside_a_condition_is_no_refusal(context_before, text: str) -> None:
    assert "CHL" not in {c.actor for c in rule_candidates(context_before(text))}


def test_token_at_finds_the_word_at_a_character_or_the_one_before_its_space(nlp) -> None:
    doc = nlp("Italy backs a ban.")
    assert token_at(doc, doc.text.index("ban")).text == "ban"
    assert token_at(doc, doc.text.index("ban") + 1).text == "ban"
    assert token_at(doc, len("Italy")).text == "Italy"   # the space after a word belongs to it
    assert token_at(doc, 999).text == "Italy"   # past the end: the first token
