"""Guards on how a position cue reads (``redline.extract.cue_guards``), on sentences we wrote."""

from __future__ import annotations

import pytest

from redline.extract.candidates import stance_candidates
from redline.extract.cue_guards import (
    caption_sentences,
    dateline_parties,
    described,
    foreseen_agents,
    kicker_parties,
    qualifies_others,
    teaser_lines,
    teaser_sentences,
    topic_label,
)
from redline.extract.stances import cue_verbs, rule_candidates


@pytest.mark.parametrize("text", [
    "Italy backed away from the plan to send warships to the strait.",
    "Greece backed off its support for the sanctions on Ankara.",
])
def test_backing_away_from_a_move_is_no_support_of_it(context_before, text: str) -> None:
    ctx = context_before(text)
    assert {c.position for c in rule_candidates(ctx)} == {"oppose"}


def test_backing_a_move_is_still_support(nlp) -> None:
    doc = nlp("Italy backed the plan to send warships to the strait.")
    assert [(t.lower_, position) for t, position in cue_verbs(doc)] == [("backed", "support")]


@pytest.mark.parametrize("text, actor", [
    ("The Spanish refusal to join the peacekeeping force angered Paris.", "ESP"),
    ("Why is there Italian reluctance to send frigates to Libya?", "ITA"),
])
def test_a_nationality_before_a_position_noun_is_its_holder(context_before, text: str, actor: str) -> None:
    assert [(c.actor, c.position) for c in rule_candidates(context_before(text))] == [(actor, "oppose")]


def test_a_capitalised_word_opening_the_sentence_is_no_nationality(nlp) -> None:
    doc = nlp("Strong reluctance to join the peacekeeping force persisted.")
    assert cue_verbs(doc) == []


def test_that_opening_a_clause_points_back_to_no_proposal(context_before) -> None:
    ctx = context_before("Norway proposed a maritime ceasefire in the gulf. Chile agreed that the region needed calm.")
    assert [c.actor for c in rule_candidates(ctx)] == ["NOR"]


@pytest.mark.parametrize("second", ["Chile rejected that idea.", "Chile rejected it."])
def test_that_and_it_as_pronouns_still_point_back(context_before, second: str) -> None:
    ctx = context_before(f"Norway proposed a maritime ceasefire in the gulf. {second}")
    chile = [c for c in rule_candidates(ctx) if c.actor == "CHL"]
    assert [(c.position, c.anaphoric) for c in chile] == [("oppose", True)]


@pytest.mark.parametrize("text, asker", [
    ("Kenya called for a ceasefire, with mediation from Uganda and Tanzania.", "KEN"),
    ("Brazil sought troops from Argentina and Chile for the peacekeeping force.", "BRA"),
])
def test_the_one_something_is_asked_from_holds_no_stance(extract_text, text: str, asker: str) -> None:
    assert {s.actor for s in extract_text(text).stances} == {asker}


@pytest.mark.parametrize("text, planner", [
    ("Ankara said Tehran will join the naval mission in the strait.", "IRN"),
    ("Iran will join us, - Assad", "IRN"),
])
def test_who_reports_another_partys_plan_holds_no_stance_on_it(extract_text, text: str, planner: str) -> None:
    assert {s.actor for s in extract_text(text).stances} == {planner}


def test_a_reporter_announcing_its_own_plan_keeps_its_stance(extract_text) -> None:
    text = "Germany will send tanks to the peacekeeping force, Chancellor Olaf Scholz said."
    assert {s.actor for s in extract_text(text).stances} == {"DEU"}


def test_a_headlines_topic_label_names_no_holder(extract_text) -> None:
    found = extract_text("Chile and Peru: why is there Bolivian reluctance to join the naval mission?").stances
    assert [(s.actor, s.position) for s in found] == [("BOL", "oppose")]


def test_one_party_before_a_headlines_colon_is_its_source(context_before) -> None:
    assert topic_label(context_before("Kremlin: no plans to send troops to the border"), 0) == set()


def test_the_subject_of_an_obligation_is_no_holder(extract_text) -> None:
    assert not extract_text("“Peru has to refrain from sending warships to the strait.").stances


@pytest.mark.parametrize("text, target", [
    ("Ecuador condemned Bolivia's decision to close the border crossings.", "BOL"),
    ("Kenya denounced the naval pact between Somalia and Ethiopia on Sunday.", "SOM"),
    ("Algeria criticised the plans of Morocco to fence the border.", "MAR"),
])
def test_a_party_inside_what_is_criticised_is_its_target(context_before, text: str, target: str) -> None:
    ctx = context_before(text)
    feats = {c.code: c.features for c in stance_candidates(ctx, {})}
    assert feats[target].get("m:criticised") == 1.0
    assert all("m:criticised" not in f for code, f in feats.items() if code in {"ECU", "KEN", "DZA"})



@pytest.mark.parametrize("caption", [
    "Chile's president greets soldiers at the border post on Monday. (Photo: Jane Roe/Southern Agency)",
    "In this photo released by the palace, Chile's president greets soldiers at the border post.",
    "Chile's president greets soldiers at the border post on Monday. Jane Roe/Getty Images",
    "FILE PHOTO: Chile's president greets soldiers at the border post.",
])
def test_a_line_with_a_photo_credit_or_what_a_photo_shows_is_a_caption(context_before, caption: str) -> None:
    ctx = context_before(f"Chile weighs new patrols\n\n{caption}\n\nChile said on Tuesday it would send more patrols.")
    captions = {ctx.sentences[i].text for i in caption_sentences(ctx)}
    assert captions and all(t in caption for t in captions)


def test_body_text_that_mentions_a_photo_in_passing_is_no_caption(context_before) -> None:
    ctx = context_before("Chile said the photos of the border post were taken on Monday.\n\n"
                         "It said it would send more patrols.")
    assert caption_sentences(ctx) == set()


@pytest.mark.parametrize("line, label", [
    ("Chile-Peru crisis: Bolivia to join the naval drills next month", {"CHL", "PER"}),
    ("Peru war: Bolivia to join the naval drills next month", {"PER"}),
])
def test_a_kickers_parties_are_the_storys_subject(context_before, line: str, label: set[str]) -> None:
    ctx = context_before(f"Bolivian navy readies\n\n{line}\n\nBolivia said it would take part.")
    i = next(s.index for s in ctx.sentences if s.text.startswith(line[:10]))
    assert kicker_parties(ctx, i) == label


def test_a_lone_source_before_a_colon_is_no_kicker(context_before) -> None:
    ctx = context_before("Kremlin: no plans to send troops to the border")
    assert kicker_parties(ctx, 0) == set()


@pytest.mark.parametrize("text, agent", [
    ("The minister said he would not rule out the possibility of further missile launches by Peru.", "Peru"),
    ("The minister did not rule out the possibility that Peru would close the border.", "Peru"),
    ("The minister did not exclude that Peru could close the border.", "Peru"),
])
def test_not_ruling_out_another_partys_act_foresees_it(nlp, text: str, agent: str) -> None:
    cue = next(t for t in nlp(text) if t.lemma_ in {"rule", "exclude"})
    assert " ".join(t.text for t in foreseen_agents(cue)) == agent


@pytest.mark.parametrize("text", [
    "The minister would not rule out the possibility of sending troops to the border.",
    "We will not exclude the possibility of resuming the broadcasts.",
    "Chile did not rule out sending warships.",
])
def test_not_ruling_out_ones_own_move_foresees_no_other_party(nlp, text: str) -> None:
    cue = next(t for t in nlp(text) if t.lemma_ in {"rule", "exclude"})
    assert foreseen_agents(cue) == []


@pytest.mark.parametrize("teaser", [
    "Read more: Peru rejects the plan to send frigates to the strait",
    "RELATED: Bolivia backs sanctions on Lima",
    "Also read: Chile will join the naval drills, says its navy chief",
    "Peru vows to block the corridor [ANALYSIS]",
])
def test_a_cross_link_line_is_a_teaser(context_before, teaser: str) -> None:
    ctx = context_before(f"Chile weighs new patrols\n\nChile said on Tuesday it would send more patrols.\n\n"
                         f"{teaser}\n\nChile's navy chief said the patrols would start in May.")
    teasers = {ctx.sentences[i].text for i in teaser_sentences(ctx)}
    assert teasers and all(t in teaser for t in teasers)


def test_a_lead_alone_heads_a_list_of_headlines_until_the_body_resumes() -> None:
    text = ("Chile said it would send more patrols.\nRELATED STORIES:\n\nPeru rejects the corridor plan\n"
            "Bolivia backs sanctions on Lima\nChile's navy chief said the patrols would start in May.\n")
    [(start, end)] = teaser_lines(text)
    assert text[start:end] == "RELATED STORIES:\n\nPeru rejects the corridor plan\nBolivia backs sanctions on Lima"


@pytest.mark.parametrize("text", [
    "Chile said it would read more reports before it decided: the patrols would wait.",
    "Related talks between Chile and Peru resumed on Monday.",
    "Chile's navy [the second largest in the region] will join the drills.",
])
def test_body_text_is_no_teaser(text: str) -> None:
    assert teaser_lines(f"Chile weighs new patrols\n\n{text}\n") == []


@pytest.mark.parametrize("text, word, expected", [
    ("Peru's allies backed the plan.", "Peru", True),
    ("Chile ally Bolivia backed the plan.", "Chile", True),
    ("Peru's navy backed the plan.", "Peru", False),
    ("Peru and its allies backed the plan.", "Peru", False),
])
def test_the_possessor_of_allies_is_told_apart(nlp, text: str, word: str, expected: bool) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert qualifies_others(token) is expected


@pytest.mark.parametrize("dateline", ["LIMA, Peru — ", "LIMA, Peru (Southern Agency) - ", "CUSCO, Peru: "])
def test_a_party_named_only_in_a_dateline_is_no_holder(context_before, dateline: str) -> None:
    ctx = context_before(f"Chile weighs new patrols\n\n{dateline}Chile said on Tuesday it would send more patrols.")
    i = next(s.index for s in ctx.sentences if "Tuesday" in s.text)
    assert dateline_parties(ctx, i) == {"PER"}


def test_a_party_named_again_after_the_dateline_is_kept(context_before) -> None:
    ctx = context_before("Peru weighs new patrols\n\nLIMA, Peru — Peru said on Tuesday it would send more patrols.")
    i = next(s.index for s in ctx.sentences if "Tuesday" in s.text)
    assert dateline_parties(ctx, i) == set()


@pytest.mark.parametrize("text", ["NATO - and Peru with it - will send patrols.", "NATO — Peru will send patrols."])
def test_a_party_in_capitals_opening_a_line_is_no_dateline(context_before, text: str) -> None:
    ctx = context_before(f"Peru weighs new patrols\n\n{text}")
    i = next(s.index for s in ctx.sentences if "patrols" in s.text and s.index > 0)
    assert "NATO" in {c for x in ctx.mentions_in(ctx.sentences[i]) for c in x.codes}
    assert dateline_parties(ctx, i) == set()


@pytest.mark.parametrize("text", [
    "Aruba is an autonomous island of the Netherlands.",
    "Aruba was a member of the regional coast guard pact.",
    "Aruba and Curacao are small islands off the coast.",
    "Aruba is a small island and hosts a coast guard base, which opened in 1990.",
    "Aruba is a member of the coast guard pact, and Peru rejected the pact.",
])
def test_the_subject_of_a_copula_with_a_noun_is_described(nlp, text: str) -> None:
    doc = nlp(text)
    cues = frozenset(t.i for t, _ in cue_verbs(doc))
    assert described(doc[0], cues)


@pytest.mark.parametrize("text", [
    "Aruba is a strong supporter of more naval patrols.",
    "Aruba is the first island to call for more naval patrols.",
    "Aruba is a member of the pact and rejected the plan for more patrols.",
    "Aruba is ready to send more patrols.",
    "Aruba rejected the plan for more naval patrols.",
])
def test_a_copula_that_carries_a_position_describes_no_one(nlp, text: str) -> None:
    doc = nlp(text)
    cues = frozenset(t.i for t, _ in cue_verbs(doc))
    assert not described(doc[0], cues)
