"""Who would cross a red line and against whom (trigger_parties); sentences written by us."""

from __future__ import annotations

from redline.extract.trigger_parties import commitments, role_of, without_commitments
from redline.models import RedLine


def only(extract_text, text: str) -> RedLine:
    found = extract_text(text).redlines
    assert len(found) == 1, [(r.holder, r.evidence[0].text) for r in found]
    return found[0]


def words(tokens) -> str:
    return " ".join(t.text for t in tokens)


# -- the roles the trigger's words give ---------------------------------------------------------------------


def test_the_subject_acts_and_the_object_of_on_is_the_target(nlp) -> None:
    doc = nlp("an attack by Caracas on Georgetown")
    tokens = list(doc)
    assert role_of(tokens, [doc[3]]) == "actor"
    assert role_of(tokens, [doc[5]]) == "target"


def test_whoever_owns_the_troops_acts(nlp) -> None:
    doc = nlp("if Chilean troops are sent to the border")
    assert role_of(list(doc), [doc[1], doc[2]]) == "actor"


# -- acts done to a commitment ------------------------------------------------------------------------------


def test_the_words_of_a_commitment_broken(nlp) -> None:
    doc = nlp("if Kinshasa breaches the Luanda accord")
    assert words(commitments(list(doc))) == "the Luanda accord"
    assert words(without_commitments(list(doc))) == "if Kinshasa breaches"


def test_making_a_deal_is_no_act_done_to_it(nlp) -> None:
    assert not commitments(list(nlp("if no accord is reached on the border")))


def test_breaking_a_truce_is_done_to_no_one(extract_text) -> None:
    # not to the holder by default: a truce broken has no victim named
    r = only(extract_text, "Seoul said it would retaliate if Pyongyang violates the truce.")
    assert r.trigger.actors == ("PRK",)
    assert r.trigger.targets == ()


def test_a_party_named_in_the_deal_is_not_the_target(extract_text) -> None:
    r = only(extract_text, "Rwanda warned it would respond if Kinshasa breached the Luanda accord.")
    assert r.trigger.actors == ("COD",)
    assert "AGO" not in r.trigger.actors + r.trigger.targets


def test_a_test_is_done_to_no_one(extract_text) -> None:
    r = only(extract_text, "Tokyo said it would impose sanctions if Pyongyang carries out another nuclear test.")
    assert r.trigger.action == "WMD"
    assert r.trigger.targets == ()


# -- pronouns -----------------------------------------------------------------------------------------------


def test_the_token_us_is_the_united_states_not_the_holder(extract_text) -> None:
    r = only(extract_text, "Beijing said it would respond if US troops are sent to Taiwan.")
    assert r.trigger.targets == ("TWN",)


def test_its_soil_is_the_state_named_not_the_adjective_of_the_missiles(extract_text) -> None:
    r = only(extract_text, "Estonia could be hit by Russian rockets if it agrees to station American warheads "
                           "on its soil, an Estonian official said.")
    assert r.holder == ("RUS",)
    assert r.trigger.targets == ("EST",)


def test_a_spending_target_missed_is_done_to_no_one(extract_text) -> None:
    r = only(extract_text, "The US warned it would not protect members that fail to spend enough on their forces, "
                           "the ambassador said.")
    assert r.trigger.targets == ()


def test_the_one_allowed_to_fire_the_weapons_is_armed_not_the_actor(extract_text) -> None:
    r = only(extract_text, "Gulf capitals have weighed long-range weapons for months. Tehran said it would regard "
                           "them as parties to the war if they permitted Israel to use their missiles against "
                           "Iranian cities.")
    assert r.trigger.action == "ARM"
    assert "ISR" in r.trigger.targets and "ISR" not in r.trigger.actors


# -- a standing order to intercept: the party named launching, else unknown -------------------------------


def test_a_projectile_with_no_party_named_stays_anyone(extract_text) -> None:
    r = only(extract_text, "Manila said its navy would destroy any missile that threatened the atolls.")
    assert r.holder == ("PHL",)
    assert r.trigger.action == "ATTACK" and r.trigger.actors == ("ANY",) and not r.trigger.actors_inferred
    assert r.consequence.action == "ATTACK"


def test_an_interceptions_trigger_party_is_the_one_named_launching(extract_text) -> None:
    found = extract_text("Iran plans to launch a satellite next week. The Emirati defence ministry ordered its "
                         "units to intercept any missile that endangered its territory.").redlines
    r = next(r for r in found if r.holder == ("ARE",))
    assert r.trigger.actors == ("IRN",) and r.trigger.actors_inferred


# -- the one who receives arms or forces ----------------------------------------------------------------------


def test_a_deployment_with_no_host_named_goes_to_the_other_party_around_it(extract_text) -> None:
    r = only(extract_text, "Beijing said the deployment of an American missile shield in the region would be met "
                           "with firm countermeasures, in a rebuke to Seoul.")
    assert r.holder == ("CHN",)
    assert r.trigger.actors == ("USA",)
    assert r.trigger.targets == ("KOR",)


def test_forces_sent_are_received_by_the_one_who_offered_to_host_them(extract_text) -> None:
    r = only(extract_text, "Pyongyang warned Washington that it would retaliate if more strategic bombers were "
                           "sent, after Tokyo offered to host them.")
    assert r.trigger.action == "DEPLOY"
    assert r.trigger.targets == ("JPN",)


def test_a_weapons_test_is_done_to_no_one_whoever_is_named_around_it(extract_text) -> None:
    r = only(extract_text, "Seoul said it would respond firmly if Pyongyang went ahead with another nuclear test, "
                           "a step Tokyo also fears.")
    assert r.trigger.action == "WMD"
    assert r.trigger.targets == ()
