"""The stance step with the fitted model: what it adds to the rules, and what stays vetoed; sentences we wrote."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gate_sentences import GATE_SENTENCES
from redline.extract.candidates import stance_candidates
from redline.extract.scorer import Binary, Multiclass, StanceModel
from redline.extract.stance_model import (
    CONSEQUENCE_VERBS,
    FUTURE,
    VOW_NOUNS,
    VOWS,
    _main_clause_measure,
    candidate_features,
    consequence_shape,
    find_stances,
    move_tokens,
    vows_response,
)
from redline.extract.stances import rule_candidates
from redline.models import Extraction


def accept_all(merge: str = "actor") -> StanceModel:
    """A model that accepts every candidate and reads every position as "open"."""
    return StanceModel(Binary({}, bias=5.0, threshold=0.5), Multiclass(("open",), {"open": {}}, {"open": 0.0}),
                       "test", merge=merge, rule_position=True)


def test_without_a_model_the_rules_decide(context_before) -> None:
    ctx = context_before("Portugal rejected the proposal to send warships to the strait.")
    found = find_stances(ctx, None)
    assert [(c.actor, c.position) for c in found] == [("PRT", "oppose")]
    assert [(c.actor, c.position) for c in rule_candidates(ctx)] == [("PRT", "oppose")]


def test_the_model_adds_actors_the_rules_did_not_read_and_keeps_the_rules_position(context_before) -> None:
    ctx = context_before("Portugal rejected the proposal to send warships to the strait, a plan Chile has backed.")
    found = {c.actor: c for c in find_stances(ctx, accept_all())}
    assert found["PRT"].position == "oppose"           # the rules' reading
    assert "CHL" in found                              # a candidate only the model accepts


def test_speculation_is_vetoed_whatever_the_score(context_before) -> None:
    ctx = context_before("Analysts say Lisbon could eventually support sending more warships.")
    assert find_stances(ctx, accept_all()) == []


def test_a_threat_sentence_gives_no_stance_the_rules_did_not_read(context_before) -> None:
    ctx = context_before("Moscow warned that if NATO sends troops to Ukraine, it will respond with force.")
    assert ctx.scratch["redline_sentences"] == {0}
    assert {c.actor for c in find_stances(ctx, accept_all())} <= {c.actor for c in rule_candidates(ctx)}


def test_merging_by_actor_gives_one_stance_per_actor_and_article(context_before) -> None:
    text = ("Portugal rejected the plan to send warships to the strait.\n\n"
            "Portugal's position was welcomed in Chile on Tuesday.")
    by_actor = [c for c in find_stances(context_before(text), accept_all("actor")) if c.actor == "PRT"]
    assert len(by_actor) == 1 and by_actor[0].sentences == [0, 1]


def test_merging_by_actor_keeps_apart_two_proposals_the_rules_read(context_before) -> None:
    text = ("Norway rejected the plan to send frigates to the Barents Sea.\n\n"
            "Norway also backed new sanctions on the shipping cartel.")
    found = [(c.position, c.sentences) for c in find_stances(context_before(text), accept_all("actor"))
             if c.actor == "NOR"]
    assert found == [("oppose", [0]), ("support", [1])]


def test_a_reported_vote_decides_each_listed_actors_position(context_before) -> None:
    text = "Portugal and Chile voted against the resolution on sanctions, while Peru abstained."
    found = {c.actor: c.position for c in find_stances(context_before(text), accept_all())}
    assert found == {"PRT": "oppose", "CHL": "oppose", "PER": "open"}


def test_a_vote_outweighs_another_sentences_reading_when_merged(context_before) -> None:
    text = ("Chile voted against the resolution on sanctions.\n\n"
            "Chile has long discussed sanctions with its neighbours.")
    found = [c for c in find_stances(context_before(text), accept_all()) if c.actor == "CHL"]
    assert [c.position for c in found] == ["oppose"]


def test_a_sentence_with_no_position_word_is_no_candidate(context_before) -> None:
    text = ("Portugal rejected the proposal to send warships to the strait.\n\n"
            "Portugal and Chile held naval exercises near the strait last year.")
    ctx = context_before(text)
    assert {c.sentence for c in candidate_features(ctx, rule_candidates(ctx))} == {0}


def test_the_addressee_of_a_demand_is_no_candidate(context_before) -> None:
    ctx = context_before("Portugal urged Chile and Peru to back a ceasefire in the strait.")
    codes = {c.code for c in candidate_features(ctx, rule_candidates(ctx))}
    assert "PRT" in codes and not codes & {"CHL", "PER"}


def test_a_vow_of_a_response_is_no_candidate_of_the_model(context_before) -> None:
    ctx = context_before("Portugal vowed to respond to the sinking of its warship in the strait.")
    assert find_stances(ctx, accept_all()) == []


@pytest.mark.parametrize("text", [
    "Venezuela has vowed to annex the disputed Essequibo region and its oil fields, using force if necessary.",
    "Serbia vowed to keep fighting the rebels in the north until the last base falls.",
    "Serbia announced its intention to destroy the rebel bases with air strikes.",
])
def test_a_vow_of_force_is_no_candidate_of_the_model(context_before, text: str) -> None:
    assert find_stances(context_before(text), accept_all()) == []


def test_a_threats_shape_is_no_candidate_of_the_model(context_before) -> None:
    ctx = context_before("Chile said that if Peru backs the blockade of the strait, Peru would face consequences.")
    cands = candidate_features(ctx, rule_candidates(ctx))
    assert all((c.code, c.sentence) in {(r.actor, r.sentences[0]) for r in rule_candidates(ctx)} for c in cands)


def test_the_sponsors_of_a_text_are_candidates_that_support_it(context_before) -> None:
    text = ("The resolution on the blockade was adopted on Monday.\n\n"
            "Among the sponsors were Chile, Peru and Ghana.")
    found = {c.actor: c.position for c in find_stances(context_before(text), accept_all())}
    assert found == {"CHL": "support", "PER": "support", "GHA": "support"}


def test_two_votes_of_one_actor_that_went_different_ways_stay_two_stances(context_before) -> None:
    text = ("Chile voted for the first resolution on sanctions.\n\n"
            "Chile voted against the second resolution, on the blockade.")
    found = [c.position for c in find_stances(context_before(text), accept_all()) if c.actor == "CHL"]
    assert found == ["support", "oppose"]


def test_the_subject_of_anothers_demand_is_no_candidate(context_before) -> None:
    ctx = context_before('"Chile should withdraw its warships from the strait," the Peruvian foreign minister said.')
    assert "CHL" not in {c.code for c in candidate_features(ctx, rule_candidates(ctx))}


def test_a_proposal_carries_the_parties_its_own_words_name(extract_text: Callable[..., Extraction]) -> None:
    x = extract_text("Germany opposes sending troops to Estonia, its foreign minister said on Monday.\n\n"
                     "France said it supports sending troops to Moldova.")
    by_actor = {s.actor: s for s in x.stances}
    assert "EST" in by_actor["DEU"].proposal_targets and "DEU" not in by_actor["DEU"].proposal_targets
    assert "MDA" in by_actor["FRA"].proposal_targets and "EST" not in by_actor["FRA"].proposal_targets


def test_a_lone_model_reading_needs_the_surer_score(context_before) -> None:
    text = ("Portugal rejected the plan to send warships to the strait.\n\n"
            "Portugal also backed new sanctions on the junta. Chile's navy has sent a frigate to the strait.")
    sure = Binary({}, bias=1.0, threshold=0.5)   # every candidate at p = 0.73
    model = StanceModel(sure, Multiclass(("open",), {"open": {}}, {"open": 0.0}), "test", merge="actor",
                        rule_position=True, lone_threshold=0.8)
    found = {c.actor: c for c in find_stances(context_before(text), model)}
    assert "PRT" in found                              # read by the rules, and in two sentences
    assert "CHL" not in found                          # one sentence only the model read, under 0.8
    looser = StanceModel(sure, model.position, "test", merge="actor", rule_position=True, lone_threshold=0.7)
    assert "CHL" in {c.actor for c in find_stances(context_before(text), looser)}


def test_signs_of_something_are_no_position_word(context_before) -> None:
    assert find_stances(context_before("Chile's envoy saw signs of a troop build-up near the strait."),
                        accept_all()) == []
    assert find_stances(context_before("A sign of thaw between Chile and Peru over the strait."), accept_all()) == []
    assert [c.actor for c in find_stances(context_before("Chile signs the pact on warships in the strait."),
                                          accept_all())] == ["CHL"]


def test_a_party_named_inside_what_is_debated_is_no_candidate_of_the_model(context_before) -> None:
    found = {c.actor for c in find_stances(context_before("Chile rejected the Bolivian sanctions package on Monday."),
                                           accept_all())}
    assert "CHL" in found and "BOL" not in found


def test_what_a_move_would_bring_is_no_candidate_of_the_model(context_before) -> None:
    # A threat's shape without "if": the move is the subject, a response what it "would" be or bring.
    ctx = context_before("Chile said that sending warships to the strait would be an act of war.")
    assert candidate_features(ctx, []) == []


@pytest.mark.parametrize("text", [
    # The parse splits the move off as a clause of its own: the consequence verb has no subject.
    "Chile's envoy said Peruvian warships entering the strait would result in the certainty of a clash.",
    # A pronoun standing for the move under a verb that only says what something brings.
    "Chile said that if Peru sent warships to the strait it would lead to a collapse of their ties.",
])
def test_what_a_move_would_bring_is_found_however_its_move_is_parsed(context_before, text: str) -> None:
    assert candidate_features(context_before(text), []) == []


def test_a_pronoun_that_names_a_party_keeps_its_candidacy(context_before) -> None:
    # "it would send" is a party's move, and "send" says nothing of what a move brings.
    ctx = context_before("Chile said it would send two frigates to the strait.")
    assert {c.code for c in candidate_features(ctx, [])} == {"CHL"}


def test_a_model_read_stance_takes_the_position_of_a_fixed_phrase(context_before) -> None:
    # The model reads "open" (accept_all); "only if" makes the stance conditional, as the rules would read it.
    ctx = context_before("Peru's navy chief said the mission is welcome only if the warships stay out of the strait.")
    found = {c.actor: c.position for c in find_stances(ctx, accept_all())}
    assert found.get("PER") == "conditional"


def test_a_party_that_would_bring_something_keeps_its_candidacy(context_before) -> None:
    # "Chile would ..." names a party, not a move, as the subject: no consequence shape.
    ctx = context_before("Chile would support sending warships to the strait, its minister said.")
    assert {c.code for c in candidate_features(ctx, [])} == {"CHL"}


def test_the_move_of_a_reported_clause_leaves_out_its_holder_and_the_report(context_before) -> None:
    ctx = context_before("Chile said that Peru will send two frigates next month.")
    root = next(t for t in ctx.parsed[0] if t.dep_ == "ROOT")
    assert " ".join(t.text for t in move_tokens(root)) == "send two frigates"


def test_the_move_of_a_passive_clause_is_its_subject(context_before) -> None:
    ctx = context_before("The plan for a joint patrol was welcomed by Chile and Peru.")
    root = next(t for t in ctx.parsed[0] if t.dep_ == "ROOT")
    assert " ".join(t.text for t in move_tokens(root)) == "The plan for a joint patrol"


def test_a_headlines_conditional_warning_is_no_candidate_of_the_model(context_before) -> None:
    # A headline "X issues warning if Y": its one clause is the threat, a red line by FORMAT.md.
    ctx = context_before("Chile issues stark warning if Peru sends warships to the strait\n\n"
                         "Chile backs the plan to send monitors to the strait.")
    assert {c.sentence for c in candidate_features(ctx, [])} == {1}


def test_a_sentence_s_own_words_are_read_once_for_all_its_candidates() -> None:
    from redline.extract import stance_model
    from redline.extract.candidates import StanceCandidateFeatures

    text = "Chile and Peru said they would consider the pipeline plan."
    stance_model._cue_words.cache_clear()
    stance_model._threat_words.cache_clear()
    reads = [stance_model.cued(StanceCandidateFeatures(code, 0, {"bias": 1.0}), text, False)
             for code in ("CHL", "PER")]
    assert reads == [True, True]  # "consider": a position word
    assert stance_model._cue_words.cache_info().hits == 1
    assert stance_model._threat_words.cache_info().hits == 1
    assert not stance_model.cued(StanceCandidateFeatures("CHL", 0, {}), "If they attack, we will retaliate.", False)


def test_a_model_reading_with_no_position_word_needs_the_bare_threshold(context_before) -> None:
    # "announced" is a word the model reads, but no cue the rules know; "urged" is one
    text = ("Chile announced new naval patrols in the strait on Monday, and again on Tuesday.\n\n"
            "Peru urged a naval mission to the strait.")
    sure = Binary({}, bias=1.0, threshold=0.5)   # every candidate at p = 0.73
    model = StanceModel(sure, Multiclass(("open",), {"open": {}}, {"open": 0.0}), "test", merge="actor",
                        rule_position=True, bare_threshold=0.8)
    found = {c.actor for c in find_stances(context_before(text), model)}
    assert "PER" in found and "CHL" not in found
    looser = StanceModel(sure, model.position, "test", merge="actor", rule_position=True, bare_threshold=0.7)
    assert "CHL" in {c.actor for c in find_stances(context_before(text), looser)}


def test_the_target_of_a_criticism_is_no_candidate(context_before) -> None:
    ctx = context_before("Ecuador condemned Bolivia's decision to close the border crossings.")
    codes = {c.code for c in candidate_features(ctx, rule_candidates(ctx))}
    assert "ECU" in codes and "BOL" not in codes


def test_a_collective_addressee_stands_for_no_candidate(context_before) -> None:
    text = ("Ministers from Kenya, Uganda and Rwanda met in Nairobi on Monday.\n\n"
            "Ethiopia has long called for the three countries to support a regional peacekeeping force.")
    ctx = context_before(text)
    codes = {c.code for c in candidate_features(ctx, rule_candidates(ctx)) if c.sentence == 1}
    assert "ETH" in codes and not codes & {"KEN", "UGA", "RWA"}




def test_vow_and_consequence_gates_equal_the_token_walk(nlp, ungated) -> None:
    """``vows_response`` and ``consequence_shape`` answer the same with their word gates shut or open."""
    opened_words = VOWS | VOW_NOUNS | FUTURE | CONSEQUENCE_VERBS
    vows = shapes = 0
    for text in GATE_SENTENCES:
        gated, opened = nlp(text), ungated(nlp(text), opened_words)
        assert vows_response(gated) == vows_response(opened), text
        assert consequence_shape(gated) == consequence_shape(opened), text
        vows += vows_response(gated)
        shapes += consequence_shape(gated)
    assert 0 < vows < len(GATE_SENTENCES) and 0 < shapes < len(GATE_SENTENCES)


def test_a_photo_caption_gives_no_stance_only_the_model_read(context_before) -> None:
    text = ("Chile weighs new patrols\n\n"
            "Soldiers wave as Chile's president announces new drills at the border on Monday. (Photo: Jane Roe/Agency)"
            "\n\nPeru said on Tuesday it would send more warships to the strait.")
    ctx = context_before(text)
    caption = next(s.index for s in ctx.sentences if s.text.startswith("Soldiers"))
    assert any(c.sentence == caption and c.code == "CHL" for c in candidate_features(ctx, rule_candidates(ctx)))
    assert all(caption not in c.sentences for c in find_stances(ctx, accept_all()))


@pytest.mark.parametrize("model", [None, accept_all()])
def test_a_cross_link_line_gives_no_stance(context_before, model: StanceModel | None) -> None:
    text = ("Chile weighs new patrols\n\nChile said on Tuesday it would send more patrols to the border.\n\n"
            "Read more: Peru rejects the plan to send frigates to the strait\n\nThe patrols start in May.")
    ctx = context_before(text)
    teaser = next(s.index for s in ctx.sentences if s.text.startswith("Read more"))
    assert any(teaser in c.sentences for c in rule_candidates(ctx))   # read when the line is not set apart
    found = find_stances(ctx, model)
    assert all(teaser not in c.sentences for c in found) and "PER" not in {c.actor for c in found}


@pytest.mark.parametrize("text, qualifier", [
    ("Peru's allies called for more naval patrols in the strait.", "PER"),
    ("Chile ally Bolivia called for more naval patrols in the strait.", "CHL"),
])
def test_whose_allies_they_are_holds_no_stance_the_model_reads(context_before, text: str, qualifier: str) -> None:
    ctx = context_before(text)
    assert any(c.code == qualifier for c in stance_candidates(ctx, {}))   # named, and a candidate before the guard
    assert qualifier not in {c.code for c in candidate_features(ctx, [])}


@pytest.mark.parametrize("model", [None, accept_all()])
def test_a_party_named_only_in_the_dateline_holds_no_stance(context_before, model: StanceModel | None) -> None:
    ctx = context_before("Patrols in the strait\n\nLIMA, Peru — Chile and Bolivia agreed to send more warships.")
    assert {"CHL", "BOL"} <= {c.actor for c in find_stances(ctx, model)}
    assert "PER" not in {c.actor for c in find_stances(ctx, model)}


def test_a_kickers_parties_hold_no_stance_only_the_model_read(context_before) -> None:
    text = "Bolivian navy readies\n\nChile-Peru crisis: Bolivia to join the naval drills next month\n\nIt is set."
    found = {c.actor for c in find_stances(context_before(text), accept_all())}
    assert "BOL" in found and not found & {"CHL", "PER"}


@pytest.mark.parametrize("model", [None, accept_all()])
def test_not_ruling_out_another_partys_act_is_no_stance(context_before, model: StanceModel | None) -> None:
    ctx = context_before("Chile's defence minister said he would not rule out more missile launches by Peru.")
    assert find_stances(ctx, model) == []


def test_not_ruling_out_ones_own_move_is_an_open_stance(context_before) -> None:
    ctx = context_before("Chile's defence minister said he would not rule out sending troops to the border.")
    assert [(c.actor, c.position) for c in find_stances(ctx, None)] == [("CHL", "open")]


@pytest.mark.parametrize("text, described", [
    ("Aruba is a small island off the coast of Venezuela; Venezuela wants more naval patrols.", "ABW"),
    ("Aruba is a member of the regional coast guard pact, and Peru rejected the pact.", "ABW"),
])
def test_a_party_only_described_by_a_copula_holds_no_stance_the_model_reads(context_before, text: str,
                                                                               described: str) -> None:
    ctx = context_before(text)
    assert any(c.code == described for c in candidate_features(ctx, rule_candidates(ctx)))   # a candidate
    found = {c.actor for c in find_stances(ctx, accept_all())}
    assert described not in found and found   # the other party's stance is kept


def test_a_measure_in_the_main_clause_names_the_proposal_one_in_a_background_clause_does_not(nlp) -> None:
    main = "Lisbon said it would not back the proposed ban on Peruvian fishmeal."
    m = _main_clause_measure(nlp(main), main)
    assert m is not None and m.group(0) == "ban"
    background = "The ministers agreed to cap fishmeal imports after Lisbon opposed a total ban."
    assert _main_clause_measure(nlp(background), background) is None
    assert _main_clause_measure(nlp("The ferry left at noon."), "The ferry left at noon.") is None
