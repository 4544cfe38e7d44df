"""Stance candidates: every actor of a parsed sentence, described by general features; sentences we wrote."""

from __future__ import annotations

from redline.extract.candidates import stance_candidates


def test_every_actor_of_a_parsed_sentence_is_a_candidate(context_before) -> None:
    ctx = context_before("Portugal and Chile rejected the proposal to send warships to the strait.")
    cands = stance_candidates(ctx, {})
    assert {c.code for c in cands} == {"PRT", "CHL"}
    feats = next(c.features for c in cands if c.code == "CHL")
    assert feats["s:oppose"] == 1.0 and feats["s:proposal"] == 1.0
    assert feats["m:listed"] == 1.0
    assert feats["rule=none"] == 1.0


def test_the_rules_reading_is_a_feature(context_before) -> None:
    ctx = context_before("Portugal rejected the proposal to send warships to the strait.")
    cands = stance_candidates(ctx, {("PRT", 0): "oppose"})
    assert cands[0].features["rule=oppose"] == 1.0
    assert cands[0].features["m:dep=nsubj"] == 1.0


def test_a_collective_subject_stands_for_the_actors_named_just_before(context_before) -> None:
    text = ("Ministers from Kenya, Uganda and Rwanda met in Nairobi on Monday.\n\n"
            "The three countries said they support a regional peacekeeping force.")
    ctx = context_before(text)
    second = [c for c in stance_candidates(ctx, {}) if c.sentence == 1]
    assert {c.code for c in second} == {"KEN", "UGA", "RWA"}
    assert all(c.features.get("m:collective") == 1.0 for c in second)


def test_a_sentence_with_no_actor_gives_no_candidate(context_before) -> None:
    ctx = context_before("Officials rejected the plan to send more troops.")
    assert stance_candidates(ctx, {}) == []


def test_the_object_of_a_demand_is_its_addressee(context_before) -> None:
    ctx = context_before("Portugal urged Chile to back a ceasefire, and called on Peru to join the talks.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["CHL"].get("m:addressee") == 1.0
    assert feats["PER"].get("m:addressee") == 1.0
    assert "m:addressee" not in feats["PRT"]


def test_the_addressees_of_a_demand_in_a_list_of_authorities(context_before) -> None:
    ctx = context_before("Mexico urged Chile and Peru's authorities to enter talks with Lima.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["CHL"].get("m:addressee") == 1.0
    assert feats["PER"].get("m:addressee") == 1.0
    assert "m:addressee" not in feats["MEX"]


def test_the_subject_of_a_reported_demand_is_marked(context_before) -> None:
    ctx = context_before('"Chile should withdraw its warships from the strait," the Peruvian foreign minister said.')
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["CHL"].get("m:demanded") == 1.0


def test_a_party_named_inside_what_is_debated_is_marked(context_before) -> None:
    ctx = context_before("Chile and Peru stalled the Bolivian sanctions package on Monday.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["BOL"].get("m:in_phrase") == 1.0
    assert "m:in_phrase" not in feats["CHL"]


def test_a_party_qualifying_the_subject_stays_a_holder(context_before) -> None:
    ctx = context_before("The Chilean foreign minister rejected the plan to send warships.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert "m:in_phrase" not in feats["CHL"]


def test_the_parties_of_a_noun_between_them_are_marked(context_before) -> None:
    ctx = context_before("Brazil welcomed the plan, which includes a truce between Chile and Peru in the strait.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["CHL"].get("m:in_phrase") == 1.0
    assert feats["PER"].get("m:in_phrase") == 1.0
    assert "m:in_phrase" not in feats["BRA"]


def test_the_parties_of_their_own_talks_or_deal_stay_holders(context_before) -> None:
    talks = context_before("Talks between Chilean and Peruvian envoys on the strait continue this week.")
    assert not any(c.features.get("m:in_phrase") for c in stance_candidates(talks, {}))
    deal = context_before("Brazil announced a pact to restore ties between Chile and Peru over the strait.")
    feats = {c.code: c.features for c in stance_candidates(deal, {})}
    assert "m:in_phrase" not in feats["CHL"] and "m:in_phrase" not in feats["PER"]


def test_tokens_of_finds_a_mentions_tokens_by_bisecting_the_sentence(nlp) -> None:
    from redline.extract import candidates
    from redline.models import ActorMention, Span

    text = "Yesterday the Chilean foreign ministry rebuked La Paz."
    tokens = list(nlp(text))
    start = text.index("Chilean")
    covering = ActorMention(codes=("CHL",), text="Chilean foreign", span=Span(100 + start, 100 + start + 10))
    got = candidates.tokens_of(tokens, 100, covering)
    assert [t.text for t in got] == ["Chilean", "foreign"]  # a part of a token takes the whole token
    assert candidates._EDGES[id(tokens)][0] is tokens  # the list's token edges, read once
    assert candidates.tokens_of(tokens[::-1], 100, covering)[0].text == "foreign"  # another order: scanned


def test_the_subject_of_a_clause_a_demand_opens_with_for_is_its_addressee(context_before) -> None:
    ctx = context_before("Portugal has long called for Chile and Peru to reopen the strait to shipping.")
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats["CHL"].get("m:addressee") == 1.0
    assert feats["PER"].get("m:addressee") == 1.0
    assert "m:addressee" not in feats["PRT"]
