"""Merging decisions (pure): which line or proposal a statement joins, and the reasons recorded."""

from __future__ import annotations

from redline.store import merge
from redline.store.merge import LineSignature, ProposalSignature


def sig(holder: set[str], actors: set[str], action: str, targets: set[str], text: str) -> LineSignature:
    return LineSignature(frozenset(holder), frozenset(actors), action, frozenset(targets), text)


TROOPS = sig({"RUS"}, {"WEST", "NATO"}, "DEPLOY", {"UKR"}, "Western troops are sent to Ukraine")


def test_a_restatement_in_other_words_merges_and_says_why() -> None:
    again = sig({"RUS"}, {"NATO"}, "DEPLOY", {"UKR"}, "NATO deploys soldiers in Ukraine")
    d = merge.compare_lines(again, TROOPS, target_id=7)
    assert d.matched and d.target_id == 7
    assert d.fields["holder"] == "shared RUS"
    assert d.fields["actors"] == "shared NATO"
    assert d.fields["action"] == "same class DEPLOY"
    assert "merged into #7" in d.explain()


def test_another_holder_does_not_merge() -> None:
    d = merge.compare_lines(sig({"BLR"}, {"NATO"}, "DEPLOY", {"UKR"}, TROOPS.text), TROOPS)
    assert not d.matched
    assert d.fields["holder"] == "BLR vs RUS"


def test_another_action_class_or_target_does_not_merge() -> None:
    strike = sig({"RUS"}, {"NATO"}, "ATTACK", {"UKR"}, "Western troops are sent to Ukraine")
    assert not merge.compare_lines(strike, TROOPS).matched
    poland = sig({"RUS"}, {"NATO"}, "DEPLOY", {"POL"}, "Western troops are sent to Poland")
    d = merge.compare_lines(poland, TROOPS)
    assert not d.matched and d.fields["targets"] == "POL vs UKR"


def test_vague_actions_and_empty_code_sets_are_compatible() -> None:
    vague = sig({"RUS"}, set(), "OTHER", set(), "Western troops go to Ukraine")
    d = merge.compare_lines(vague, TROOPS)
    assert d.matched
    assert d.fields["actors"] == "one side unspecified"
    assert "unspecific" in d.fields["action"]


def test_group_membership_links_a_member_to_its_group() -> None:
    groups = {"POL": ["NATO", "EU"], "DEU": ["NATO", "EU"]}.get
    old = sig({"RUS"}, {"NATO"}, "ATTACK", {"RUS"}, "NATO strikes Russian territory")
    new = sig({"RUS"}, {"POL"}, "ATTACK", {"RUS"}, "strikes on Russian territory")
    assert not merge.compare_lines(new, old).matched
    d = merge.compare_lines(new, old, groups_of=lambda c: groups(c, []))
    assert d.matched and d.fields["actors"] == "POL is in NATO"
    # Two members of one group are not the same actor.
    other = sig({"RUS"}, {"DEU"}, "ATTACK", {"RUS"}, "strikes on Russian territory")
    assert not merge.compare_lines(other, new, groups_of=lambda c: groups(c, [])).matched


def test_match_line_picks_the_best_candidate_or_reports_the_closest_miss() -> None:
    candidates = [
        (1, sig({"RUS"}, {"NATO"}, "DEPLOY", {"UKR"}, "NATO sends instructors to Ukraine")),
        (2, TROOPS),
        (3, sig({"RUS"}, {"NATO"}, "ARM", {"UKR"}, "NATO supplies tanks")),
    ]
    new = sig({"RUS"}, {"NATO"}, "DEPLOY", {"UKR"}, "NATO deploys its soldiers in Ukraine")
    assert merge.match_line(new, candidates).target_id in (1, 2)
    miss = merge.match_line(sig({"RUS"}, {"USA"}, "WMD", {"BLR"}, "nuclear tests"), candidates)
    assert not miss.matched and miss.target_id is None
    assert miss.fields["closest"].startswith("#")
    assert merge.match_line(new, []).explain() == "new: no earlier candidate"


def test_proposals_merge_on_wording_action_and_targets() -> None:
    old = ProposalSignature("send Western troops to Ukraine", "DEPLOY", frozenset({"UKR"}))
    same = ProposalSignature("deploy NATO troops in Ukraine", "DEPLOY", frozenset({"UKR"}))
    arms = ProposalSignature("send Western tanks to Ukraine", "ARM", frozenset({"UKR"}))
    assert merge.match_proposal(same, [(4, old)]).target_id == 4
    assert not merge.compare_proposals(arms, old).matched


def test_codes_round_trip_as_stored() -> None:
    assert merge.codes_text(["UKR", "NATO", "UKR"]) == "NATO,UKR"
    assert merge.codes_set("NATO,UKR") == {"NATO", "UKR"}
    assert merge.codes_set("") == frozenset()
    assert merge.stronger_certainty("low", "high") == "high"


# -- meaning (sentence vectors) and dates of unknown order (issue 9) ------------------------------------


def with_vector(s: LineSignature, vector: object) -> LineSignature:
    from dataclasses import replace

    return replace(s, vector=vector)


def _unit(*xs: float) -> object:
    import numpy as np

    v = np.zeros(384, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def test_with_vectors_meaning_decides_and_the_verdict_says_cosine() -> None:
    a = sig({"RUS"}, {"NATO"}, "DEPLOY", {"UKR"}, "lifting limits on troop numbers")
    b = sig({"RUS"}, set(), "DEPLOY", {"UKR"}, "allowing allied battalions into the country")
    assert not merge.compare_lines(a, b).matched  # the wording alone is too far apart
    near = merge.compare_lines(with_vector(a, _unit(1, 0.2)), with_vector(b, _unit(1, 0.3)))
    assert near.matched and near.fields["text"].startswith(f"meaning 1.00 ≥ {merge.LINE_COSINE:.2f} (cosine)")
    far = merge.compare_lines(with_vector(a, _unit(1, 0)), with_vector(b, _unit(0, 1)))
    assert not far.matched and far.fields["text"] == f"meaning 0.00 < {merge.LINE_COSINE:.2f} (cosine)"


def _at(cos: float) -> object:
    """A unit vector at cosine ``cos`` with ``_unit(1, 0)``."""
    return _unit(cos, (1 - cos * cos) ** 0.5)


def test_agreement_on_named_parties_lowers_the_cosine_needed() -> None:
    first = with_vector(sig({"RUS"}, {"FIN"}, "JOIN", {"NATO"}, "Finland joins the alliance"), _unit(1, 0))
    assert merge.AGREED_LINE_COSINE < merge.NAMED_ACTOR_LINE_COSINE < merge.LINE_COSINE
    low = (merge.AGREED_LINE_COSINE + merge.NAMED_ACTOR_LINE_COSINE) / 2
    agreed = with_vector(sig({"RUS"}, {"NATO"}, "JOIN", {"FIN"}, "Helsinki's accession"), _at(low))
    d = merge.compare_lines(agreed, first)
    assert d.matched and d.threshold == 100 * merge.AGREED_LINE_COSINE and "≥" in d.fields["text"]
    # a side that names no one agrees with everything, so it lowers nothing
    unnamed = with_vector(sig({"RUS"}, set(), "JOIN", set(), "Helsinki's accession"), _at(low))
    d = merge.compare_lines(unnamed, first)
    assert not d.matched and d.threshold == 100 * merge.LINE_COSINE and "<" in d.fields["text"]
    # a vague class with the same named parties lowers it less
    vague = with_vector(sig({"RUS"}, {"FIN"}, "OTHER", {"NATO"}, "Helsinki's move"), _at(low))
    d = merge.compare_lines(vague, first)
    assert not d.matched and d.threshold == 100 * merge.NAMED_ACTOR_LINE_COSINE


def test_named_actors_lower_the_cosine_needed_less_than_full_agreement() -> None:
    between = (merge.NAMED_ACTOR_LINE_COSINE + merge.LINE_COSINE) / 2
    first = with_vector(sig({"AUS"}, {"ASEAN"}, "OTHER", set(), "members that skip the joint patrols"), _unit(1, 0))
    named = with_vector(sig({"AUS"}, {"ASEAN"}, "DEPLOY", set(), "states sending no ships to the patrol"),
                        _at(between))
    d = merge.compare_lines(named, first)
    assert d.matched and d.threshold == 100 * merge.NAMED_ACTOR_LINE_COSINE
    assert d.fields["actors"] == "shared ASEAN"
    # anyone ("any state that ...") is no named actor: the full bar
    anyone = with_vector(sig({"AUS"}, {"ANY"}, "DEPLOY", set(), "states sending no ships to the patrol"),
                         _at(between))
    d = merge.compare_lines(anyone, replace_actors(first, {"ANY"}))
    assert not d.matched and d.threshold == 100 * merge.LINE_COSINE
    # nor is a side that names no actor
    d = merge.compare_lines(replace_actors(named, set()), first)
    assert not d.matched and d.threshold == 100 * merge.LINE_COSINE


def replace_actors(s: LineSignature, actors: set[str]) -> LineSignature:
    from dataclasses import replace

    return replace(s, actors=frozenset(actors))


def test_arming_triggers_compare_their_parties_either_way_round() -> None:
    supplier = with_vector(sig({"RUS"}, {"NATO"}, "ARM", {"UKR"}, "restrictions on the missiles lifted"), _unit(1, 0))
    user = with_vector(sig({"RUS"}, {"UKR"}, "ARM", {"RUS"}, "Kyiv may fire them into Russia"), _at(0.65))
    d = merge.compare_lines(user, supplier)
    assert d.matched and d.fields["parties"] == "shared UKR"


def test_striking_with_supplied_weapons_is_related_to_supplying_them_and_needs_clearer_meaning() -> None:
    supply = with_vector(sig({"RUS"}, {"GBR"}, "ARM", {"UKR"}, "missiles supplied for strikes"), _unit(1, 0))
    strike = sig({"RUS"}, {"UKR"}, "ATTACK", {"RUS"}, "British missiles used to hit Russian soil")
    close = merge.compare_lines(with_vector(strike, _at(0.75)), supply)
    assert close.matched and close.fields["action"] == "ATTACK ~ ARM (related classes)"
    loose = merge.compare_lines(with_vector(strike, _at(0.65)), supply)
    assert not loose.matched and loose.fields["text"] == "meaning 0.65 < 0.72 (cosine)"
    unrelated = with_vector(sig({"RUS"}, {"UKR"}, "SANCTION", {"RUS"}, "British missiles"), _at(0.95))
    assert not merge.compare_lines(unrelated, supply).matched


def test_a_different_consequence_class_is_a_different_line() -> None:
    from dataclasses import replace

    war = replace(with_vector(sig({"RUS"}, {"USA"}, "ARM", {"UKR"}, "cruise missiles sent"), _unit(1, 0)),
                  consequence="ATTACK")
    ties = replace(war, vector=_at(0.9), consequence="SANCTION")
    d = merge.compare_lines(ties, war)
    assert not d.matched and d.fields["consequence"] == "SANCTION vs ATTACK"
    assert merge.compare_lines(replace(ties, consequence="RESPOND"), war).matched  # a vague one says nothing


def test_agreement_is_on_a_named_party_not_on_anyone() -> None:
    assert merge.codes_overlap({"ANY"}, {"ANY"}) == (True, "shared ANY")
    assert not merge.specific_agreement("shared ANY") and not merge.specific_agreement("one side unspecified")
    assert merge.specific_agreement("POL is in NATO") and merge.specific_agreement("shared PRK")


def test_without_a_vector_on_one_side_the_wording_decides() -> None:
    a = with_vector(TROOPS, _unit(1))
    d = merge.compare_lines(a, sig({"RUS"}, {"NATO"}, "DEPLOY", {"UKR"}, "NATO deploys soldiers in Ukraine"))
    assert d.matched and d.fields["text"].endswith("(lexical)")


def test_proposals_compare_by_meaning_too() -> None:
    a = ProposalSignature("boots on the ground", "DEPLOY", frozenset(), _unit(1, 0.1))
    b = ProposalSignature("a reassurance force", "DEPLOY", frozenset({"UKR"}), _unit(1, 0.2))
    assert merge.compare_proposals(a, b).matched
    c = ProposalSignature("a reassurance force", "DEPLOY", frozenset({"UKR"}), _unit(0, 1))
    assert not merge.compare_proposals(a, c).matched


def test_generic_proposals_are_never_the_same_by_wording_alone() -> None:
    a = ProposalSignature("the resolution", "OTHER", frozenset())
    b = ProposalSignature("the resolution", "OTHER", frozenset())
    d = merge.compare_proposals(a, b)
    assert not d.matched and d.fields["text"].startswith("generic wording")
    # with vectors (of their sentences, Store.vectors) meaning decides
    near = ProposalSignature("the resolution", "OTHER", frozenset(), _unit(1, 0.1))
    assert merge.compare_proposals(near, ProposalSignature("the resolution", "OTHER", frozenset(), _unit(1, 0))).matched


def test_a_vague_trigger_is_compared_by_its_sentence() -> None:
    from dataclasses import replace

    vague = replace(sig({"KOR"}, {"PRK"}, "RESPOND", set(), "such actions are repeated"), vector=_unit(1, 0))
    named = replace(sig({"KOR"}, {"PRK"}, "COERCE", set(), "the North floats more balloons over the border"),
                    vector=_unit(0, 1))
    assert not merge.compare_lines(vague, named).matched  # the wording says nothing alike
    d = merge.compare_lines(replace(vague, context=_unit(1, 1, 0.1)), replace(named, context=_unit(1, 1)))
    bar = f"{merge.LINE_CONTEXT_COSINE:.2f}"
    assert d.matched and f"the trigger is vague: sentence meaning 1.00 ≥ {bar}" in d.fields["text"]
    # two triggers that name their action are not joined by their sentences alone
    named2 = replace(named, text="the North fires a missile over Japan", vector=_unit(1, 0), context=_unit(1, 1, 0.1))
    assert not merge.compare_lines(named2, replace(named, context=_unit(1, 1))).matched


def test_a_restatement_is_compared_with_every_wording_of_the_line() -> None:
    from dataclasses import replace

    line = replace(sig({"RUS"}, {"NATO"}, "ARM", {"UKR"}, "long-range missiles supplied"), vector=_unit(1, 0),
                   restatements=(_unit(0, 1),))
    new = replace(sig({"RUS"}, {"NATO"}, "ARM", {"UKR"}, "weapons that reach Moscow"), vector=_unit(0.1, 1))
    d = merge.compare_lines(new, line)
    # the parties agree by name
    assert d.matched and d.fields["text"] == f"meaning 1.00 ≥ {merge.AGREED_LINE_COSINE:.2f} (cosine)"
    assert not merge.compare_lines(new, replace(line, restatements=())).matched


def test_join_triggers_compare_their_parties_either_way_round() -> None:
    a = sig({"RUS"}, {"GEO"}, "JOIN", {"NATO"}, "Georgia joins NATO")
    b = sig({"RUS"}, {"NATO"}, "JOIN", {"GEO"}, "Georgia's accession to NATO")
    d = merge.compare_lines(a, b)
    assert d.fields["parties"].startswith("shared")
    other = sig({"RUS"}, {"MDA"}, "JOIN", {"EU"}, "Moldova joins the EU")
    assert not merge.compare_lines(a, other).matched


def test_a_proposal_is_compared_with_every_wording_of_a_stored_one() -> None:
    from dataclasses import replace

    later = ("troops sent to Ukraine", _unit(0, 1))
    stored = ProposalSignature("a troop deployment to Ukraine", "DEPLOY", frozenset({"UKR"}), _unit(1, 0),
                               wordings=(later,))
    new = ProposalSignature("the idea of sending troops", "DEPLOY", frozenset(), _unit(0.1, 1))
    d = merge.compare_proposals(new, stored)
    assert d.matched and d.fields["text"] == "meaning 1.00 ≥ 0.65 (cosine)"  # the nearer, later wording
    assert not merge.compare_proposals(new, replace(stored, wordings=())).matched
    # a generic wording stands in by its sentence: votes on different resolutions read alike, so neither a
    # generic new text nor a generic stored wording links through the other wordings
    assert not merge.compare_proposals(new, replace(stored, wordings=(("the resolution", _unit(0, 1)),))).matched
    assert not merge.compare_proposals(replace(new, text="the resolution"), stored).matched
    assert merge.nearest(None, (None, _unit(0, 1))) is not None and merge.nearest(_unit(1), ()) is None


def test_anyone_meets_a_named_party_only_at_the_full_threshold() -> None:
    from dataclasses import replace

    anyone = replace(sig({"KOR"}, {"ANY"}, "COERCE", {"KOR"}, "further provocations across the border"),
                     vector=_unit(1, 0))
    named = replace(sig({"KOR"}, {"PRK"}, "COERCE", {"KOR"}, "the North keeps floating balloons"),
                    vector=_unit(1, 0.6))
    d = merge.compare_lines(anyone, named)  # cosine 0.86: over LINE_COSINE
    assert d.matched and d.fields["actors"] == "ANY vs PRK (anyone)"
    assert d.threshold == 100 * merge.LINE_COSINE  # no agreement on a named code: not the lower bar
    # a cosine over AGREED_LINE_COSINE and NAMED_ACTOR_LINE_COSINE, under LINE_COSINE
    far = replace(named, vector=_at((merge.NAMED_ACTOR_LINE_COSINE + merge.LINE_COSINE) / 2))
    assert not merge.compare_lines(anyone, far).matched
    assert merge.compare_lines(replace(anyone, actors=frozenset({"PRK"})), far).matched
    assert not merge.compare_lines(replace(anyone, actors=frozenset({"JPN"})), named).matched


def test_a_vague_proposal_is_compared_by_its_sentence_at_a_higher_threshold() -> None:
    vote = ProposalSignature("that opposed the resolution", "OTHER", frozenset(), _unit(1, 0.9))  # its sentence
    other = ProposalSignature("the resolution", "OTHER", frozenset(), _unit(1, 0))
    d = merge.compare_proposals(vote, other)  # cosine 0.74: a wording would pass, a vote's sentence must not
    assert not d.matched and d.threshold == 100 * merge.PROPOSAL_CONTEXT_COSINE
    assert d.fields["text"].endswith("the wording is vague: compared by its sentence")
    assert merge.compare_proposals(ProposalSignature("that opposed the resolution", "OTHER", frozenset(),
                                                     _unit(1, 0.1)), other).matched


def test_troops_to_keep_a_peace_and_troops_into_the_war_are_two_proposals() -> None:
    """The same words ("sending Zembian soldiers to Velmora") in an article about a force after a ceasefire
    and in one about joining the fighting: two moves. Unknown settings (older rows) are no evidence either way."""
    from dataclasses import replace

    war = ProposalSignature("sending Zembian soldiers to Velmora", "DEPLOY", frozenset({"VEL"}), peace_force=False)
    peace = ProposalSignature("sending Zembian troops to Velmora", "DEPLOY", frozenset({"VEL"}), peace_force=True)
    d = merge.compare_proposals(peace, war)
    assert not d.matched and d.fields["setting"] == "a force to keep a peace vs troops sent into the war"
    assert merge.compare_proposals(replace(peace, peace_force=None), war).matched
    assert merge.compare_proposals(replace(peace, peace_force=False), war).matched
    # a move that sends no one (an arms embargo) is not told apart by the article's setting
    ban = ProposalSignature("an arms embargo on Velmora", "SANCTION", frozenset({"VEL"}), peace_force=True)
    assert "setting" not in merge.compare_proposals(ban, replace(ban, peace_force=False)).fields


def test_a_trigger_aimed_at_other_targets_than_any_statement_named_is_another_line() -> None:
    """'An attack on Zembia and Quarra' (a line stated twice so) is not 'an attack on Zembia', whose
    wording reads alike; a statement naming no target, or the same targets, still restates it."""
    from dataclasses import replace

    both = replace(sig({"ZMB"}, {"ANY"}, "ATTACK", {"ZMB", "QRR"}, "an attack on Zembia and Quarra"),
                   stated_targets=(frozenset({"ZMB", "QRR"}),))
    alone = sig({"ZMB"}, {"ANY"}, "ATTACK", {"ZMB"}, "an attack on Zembia and its allies")
    d = merge.compare_lines(alone, both)
    assert not d.matched and d.fields["targets"] == "ZMB vs QRR,ZMB (other targets)"
    assert merge.compare_lines(replace(alone, targets=frozenset({"QRR", "ZMB"})), both).matched
    assert merge.compare_lines(replace(alone, targets=frozenset()), both).matched
    # a line restated once with Zembia alone takes it again
    assert merge.compare_lines(alone, replace(both, stated_targets=(*both.stated_targets, frozenset({"ZMB"})))).matched


def test_proposals_of_one_named_class_and_a_shared_named_target_need_less_meaning() -> None:
    first = ProposalSignature("handing jets to Taiwan", "ARM", frozenset({"TWN"}), _unit(1, 0))
    agreed = ProposalSignature("the fighter deliveries to Taipei", "ARM", frozenset({"TWN"}), _at(0.62))
    d = merge.compare_proposals(agreed, first)
    assert d.matched and d.fields["text"] == "meaning 0.62 ≥ 0.60 (cosine)"
    # a side that names no target agrees with every target, so it lowers nothing
    untargeted = ProposalSignature("the fighter deliveries", "ARM", frozenset(), _at(0.62))
    assert merge.compare_proposals(untargeted, first).fields["text"] == "meaning 0.62 < 0.65 (cosine)"
    # nor does a vague class on either side
    vague = ProposalSignature("the Taipei package", "OTHER", frozenset({"TWN"}), _at(0.62))
    assert not merge.compare_proposals(vague, first).matched


def test_a_trigger_naming_no_act_against_its_holder_restates_no_line_that_names_one() -> None:
    from dataclasses import replace

    # "aggression against Iran and its allies" says who is covered, not what is done: its wording reads like
    # every trigger aimed at Iran, and the sentences of two doctrines read alike
    no_act = replace(sig({"IRN"}, {"ANY"}, "ATTACK", {"IRN"}, "aggression against Iran and its allies"),
                     vector=_unit(1, 0), context=_unit(1, 0))
    named = replace(sig({"IRN"}, {"SAU"}, "ATTACK", {"IRN"}, "the Gulf states lend their air bases for raids"),
                    vector=_unit(1, 0.1), context=_unit(1, 0.1))
    for a, b in ((no_act, named), (named, no_act)):
        d = merge.compare_lines(a, b)
        assert not d.matched and "one trigger names no act, only the holder" in d.fields["text"]
    # two triggers that both name no act may be one line ("an attack on Iran" / "aggression against Iran")
    again = replace(sig({"IRN"}, {"ANY"}, "ATTACK", {"IRN"}, "any attack on Iran"), vector=_unit(1, 0.1))
    assert merge.compare_lines(again, no_act).matched
    # a party named beside the holder is a line of its own kind ("an attack on Iran and Iraq")
    both = replace(sig({"IRN"}, {"ANY"}, "ATTACK", {"IRN", "IRQ"}, "an attack on Iran and Iraq"), vector=_unit(1, 0))
    assert not merge.hostile_to_holder(both)
    assert merge.compare_lines(both, replace(named, targets=frozenset({"IRN", "IRQ"}))).matched


def test_a_measure_brought_back_is_not_a_new_measure() -> None:
    new_round = with_vector(sig({"QRR"}, {"ZMB"}, "SANCTION", {"QRR"}, "the newest tariffs are adopted"), _unit(1, 0))
    restored = with_vector(sig({"QRR"}, {"ZMB"}, "SANCTION", {"QRR"}, "the lifted tariffs are reinstated"),
                           _unit(1, 0.2))
    d = merge.compare_lines(restored, new_round)  # cosine 0.98: alike in meaning, but one returns to what was
    assert not d.matched and d.fields["text"].endswith("; one trigger brings back an earlier measure")
    again = with_vector(sig({"QRR"}, {"ZMB"}, "SANCTION", {"QRR"}, "a snapback of the tariffs"), _unit(1, 0.1))
    assert merge.compare_lines(again, restored).matched  # both bring it back


def test_another_class_joins_only_when_triggers_and_sentences_both_say_the_same() -> None:
    from dataclasses import replace

    moved = replace(sig({"AAA"}, {"BBB"}, "DEPLOY", {"AAA"}, "convoys moved up to the frontier"),
                    vector=_unit(1, 0), context=_unit(0, 0, 1))
    provoked = replace(sig({"AAA"}, {"BBB"}, "COERCE", {"AAA"}, "provocations such as moving convoys to the frontier"),
                       vector=_at(0.9), context=_unit(0, 0.1, 1))
    d = merge.compare_lines(provoked, moved)
    assert d.matched and f"(other classes, the sentences alike: 1.00 ≥ {merge.CROSS_CLASS_CONTEXT_COSINE:.2f})" \
        in d.fields["action"]
    assert d.threshold == 100 * merge.CROSS_CLASS_COSINE
    # the sentences differ: the classes decide
    apart = merge.compare_lines(replace(provoked, context=_unit(1, 0, 0)), moved)
    assert not apart.matched and apart.fields["action"] == "COERCE vs DEPLOY"
    # the sentences alike but the triggers not near enough
    assert not merge.compare_lines(replace(provoked, vector=_at(merge.CROSS_CLASS_COSINE - 0.05)), moved).matched
    # without vectors two classes stay two lines
    assert not merge.compare_lines(replace(provoked, vector=None, context=None),
                                   replace(moved, vector=None, context=None)).matched
    # a vague class is no disagreement to overrule: the ordinary bar applies
    vague = merge.compare_lines(replace(provoked, action="OTHER"), moved)
    assert vague.matched and "other classes" not in vague.fields["action"]


def test_a_vague_trigger_meets_the_nearest_sentence_of_the_line() -> None:
    from dataclasses import replace

    vague = replace(sig({"AAA"}, {"BBB"}, "RESPOND", set(), "if such steps go on"), vector=_unit(1, 0),
                    context=_unit(0, 1, 0.1))
    line = replace(sig({"AAA"}, {"BBB"}, "COERCE", set(), "the neighbour jams our navigation signals"),
                   vector=_unit(0, 0, 1), context=_unit(1, 0, 0))
    assert not merge.compare_lines(vague, line).matched  # the first statement's sentence is far
    restated = replace(line, contexts=(_unit(1, 0, 0), _unit(0, 1, 0)))
    d = merge.compare_lines(vague, restated)
    assert d.matched and "the trigger is vague: sentence meaning 1.00" in d.fields["text"]
