"""Red-line extraction on sentences we wrote (FORMAT.md §1): every shape of issue 3, and the negatives."""

from __future__ import annotations

import pytest

from redline.models import RedLine


def only(extract_text, text: str) -> RedLine:
    found = extract_text(text).redlines
    assert len(found) == 1, [(r.holder, r.evidence[0].text) for r in found]
    return found[0]


# -- attribution ------------------------------------------------------------------------------------------


def test_reported_speech_with_outlet_attribution(extract_text) -> None:
    r = only(extract_text, "Dmitry Peskov said the deployment of foreign troops to Moldova would lead to a direct "
                           "confrontation with Moscow, according to RIA Novosti.")
    assert r.holder == ("RUS",)
    assert r.trigger.action == "DEPLOY"
    assert "MDA" in r.trigger.targets
    assert r.consequence.action == "ATTACK"
    assert r.speaker == "Dmitry Peskov"


def test_outlet_reporting_a_private_red_line_is_not_the_holder(extract_text) -> None:
    r = only(extract_text, "A Spanish newspaper reported that NATO has privately warned Moscow that any attack on "
                           "Finland would trigger a collective military response.")
    assert r.holder == ("NATO",)
    assert "FIN" in r.trigger.targets


def test_speaker_named_after_the_quote(extract_text) -> None:
    r = only(extract_text, '"If Manila sends warships to the shoal, Beijing will respond with force," Chinese Foreign '
                           "Ministry spokesman Wang Wenbin said.")
    assert r.holder == ("CHN",)
    assert r.trigger.actors == ("PHL",)
    assert r.trigger.action == "DEPLOY"


def test_he_added_carries_the_speaker(extract_text) -> None:
    r = only(extract_text, "Iranian Foreign Minister Abbas Araghchi spoke to reporters in Tehran on Sunday. He added "
                           "that any strike on Iranian nuclear facilities would be met with a crushing response.")
    assert r.holder == ("IRN",)
    assert r.trigger.action == "ATTACK"


# -- conditional shapes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "holder", "trigger_action"),
    [
        ("North Korea said that a naval blockade of its ports would be regarded as an act of war.",
         "PRK", "COERCE"),
        ("Turkey's defence minister said any Greek militarisation of the islands will be met with a firm response.",
         "TUR", None),
        ("Beijing's foreign ministry said Taiwanese independence is a red line that must not be crossed.",
         "CHN", "ANNEX"),
        ("Pakistan's army chief warned that if India strikes across the Line of Control again, Islamabad will "
         "retaliate.", "PAK", "ATTACK"),
        ("Russian officials warned that Western instructors in Ukraine would become legitimate targets.",
         "RUS", None),
        ("Should Athens extend its territorial waters to twelve miles, Ankara will consider it a cause for war, "
         "the Turkish foreign minister said.", "TUR", None),
        ("Hezbollah's leader warned that any Israeli strike inside Lebanon would bring certain retaliation.",
         "HEZBOLLAH", "ATTACK"),
    ],
)
def test_conditional_shapes(extract_text, text: str, holder: str, trigger_action: str | None) -> None:
    r = only(extract_text, text)
    assert holder in r.holder
    if trigger_action:
        assert r.trigger.action == trigger_action


def test_groups_and_metonyms(extract_text) -> None:
    r = only(extract_text, "The Kremlin warned that any NATO deployment in the Baltic states would be met with "
                           "countermeasures.")
    assert r.holder == ("RUS",)
    assert "NATO" in r.trigger.actors
    assert {"EST", "LVA", "LTU"} <= set(r.trigger.targets)


def test_western_troops_are_west(extract_text) -> None:
    r = only(extract_text, "Moscow warned that sending Western troops to Ukraine would mean war with the alliance.")
    assert "WEST" in r.trigger.actors
    assert "UKR" in r.trigger.targets
    assert r.trigger.action == "DEPLOY"


def test_certainty_follows_the_wording(extract_text) -> None:
    high = only(extract_text, "Beijing said any foreign warship entering the strait will be destroyed.")
    low = only(extract_text, "Seoul warned that a seventh nuclear test could lead to new sanctions.")
    assert high.certainty == "high"
    assert low.certainty == "low"


def test_title_case_headline_is_read_in_sentence_case_and_keeps_its_wording(extract_text) -> None:
    r = only(extract_text, "Tehran Warns of Consequences if Baku Joins the Pact")
    assert r.holder == ("IRN",)
    assert r.trigger.actors == ("AZE",)
    assert r.trigger.text == "Baku Joins the Pact"
    assert r.evidence[0].text == "Tehran Warns of Consequences if Baku Joins the Pact"


def test_headline_attribution_after_a_colon(extract_text) -> None:
    r = only(extract_text, "Any strike on the dam will be met with a crushing response: Addis Ababa")
    assert r.holder == ("ETH",)


def test_the_owner_of_a_threat_noun_holds_it(extract_text) -> None:
    r = only(extract_text, "Despite Caracas's threats to close its airspace if the exercises go ahead, "
                           "the ships sailed on.")
    assert r.holder == ("VEN",)
    assert r.consequence.action == "COERCE"


def test_threat_verb_with_its_ground(extract_text) -> None:
    r = only(extract_text, "Algeria threatened Morocco with sanctions over the new military bases.")
    assert (r.holder, r.trigger.action, r.consequence.action) == (("DZA",), "DEPLOY", "SANCTION")
    assert "MAR" in r.consequence.targets


def test_a_promised_answer_to_a_named_act(extract_text) -> None:
    r = only(extract_text, "Vladimir Putin said Russia would take firm measures in response to any missile deployment "
                           "in Finland.")
    assert r.holder == ("RUS",)
    assert r.trigger.action == "DEPLOY"
    assert "FIN" in r.trigger.targets


def test_doctrine_conditions_are_a_red_line(extract_text) -> None:
    r = only(extract_text, "Vladimir Putin said the conditions for using nuclear weapons would include an attack "
                           "on Belarus.")
    assert r.holder == ("RUS",)
    assert r.consequence.action == "WMD"
    assert "BLR" in r.trigger.targets


def test_a_conditional_warning_whatever_it_threatens(extract_text) -> None:
    r = only(extract_text, "Beijing warned that it would expand its patrols if Manila continued the deployments.")
    assert r.holder == ("CHN",)
    assert r.trigger.actors == ("PHL",)


def test_an_agentless_trigger_takes_the_other_side_named_around_it_marked_inferred(extract_text) -> None:
    r = only(extract_text, "Minsk warned Vilnius on Friday that if aggression is launched from its soil, "
                           "Belarus will respond with everything it has.")
    assert r.holder == ("BLR",)
    assert "LTU" in r.trigger.actors
    assert r.trigger.actors_inferred


def test_a_trigger_party_named_in_the_words_is_not_marked_inferred(extract_text) -> None:
    r = only(extract_text, "Moscow warned that if NATO sends troops to Ukraine, it will respond with force.")
    assert r.trigger.actors == ("NATO",) and not r.trigger.actors_inferred


def test_a_hostile_act_with_no_target_named_is_done_to_the_holder(extract_text) -> None:
    r = only(extract_text, "Moscow said any attempt at a blockade would be met with a military response.")
    assert r.trigger.action == "COERCE"
    assert r.trigger.targets == ("RUS",)


def test_or_else_after_a_demand_with_a_withdrawal_of_protection(extract_text) -> None:
    r = only(extract_text, "Washington told its allies to spend more on defence or else face losing American "
                           "security guarantees.")
    assert r.holder == ("USA",)
    assert r.trigger.text == "to spend more on defence"
    assert "guarantees" in r.consequence.text


def test_not_acting_unless_the_trigger_happens(extract_text) -> None:
    r = only(extract_text, "The Egyptian president said his country would not get involved in the war unless "
                           "its territory was attacked.")
    assert r.holder == ("EGY",)
    assert r.trigger.action == "ATTACK"


def test_a_line_naming_no_target_is_drawn_around_its_holder(extract_text) -> None:
    r = only(extract_text, "Seoul warned it would take strong retaliatory steps if Pyongyang continues on its "
                           "current course.")
    assert r.holder == ("KOR",)
    assert r.trigger.targets == ("KOR",)


def test_who_set_the_demand_holds_an_otherwise_threat(extract_text) -> None:
    r = only(extract_text, "Britain and France have fixed the end of May as the deadline for a deal with "
                           "Iran, otherwise Tehran will face harsh sanctions.")
    assert set(r.holder) & {"GBR", "FRA"}
    assert "IRN" not in r.holder
    assert r.consequence.action == "SANCTION"


def test_doctrine_quoting_no_one_is_held_by_the_state_it_protects(extract_text) -> None:
    text = ("Russian President Vladimir Putin approved the decree on nuclear deterrence.\n\n"
            "Only the head of state decides whether such weapons are used.\n\n"
            "Among the conditions for the use of nuclear weapons is credible data on a launch of "
            "ballistic missiles at the territory of Russia.\n\n"
            "One of the conditions is an enemy strike on the critical military facilities of Russia.")
    found = extract_text(text).redlines
    assert len(found) == 2, [r.trigger.text for r in found]
    assert all(r.holder == ("RUS",) for r in found)
    assert all(r.consequence.action == "WMD" for r in found)


def test_a_collective_defence_pledge_is_held_by_the_alliance(extract_text) -> None:
    text = ("Finland will be covered by NATO's security guarantees, by which a strike on one ally is "
            "regarded as a strike on all.")
    r = only(extract_text, text)
    assert r.holder == ("NATO",)
    assert r.trigger.action == "ATTACK"


def test_a_demand_or_a_penalty_is_held_by_who_demands_it(extract_text) -> None:
    r = only(extract_text, "Moscow's ultimatum to Chisinau: withdraw the troops or face the consequences")
    assert r.holder == ("RUS",)
    assert "withdraw" in r.trigger.text


def test_arming_the_other_side_if_talks_fail_is_a_threat(extract_text) -> None:
    r = only(extract_text, "Obama said the U.S. may send weapons to Georgia if the talks fail.")
    assert r.holder == ("USA",)
    assert r.consequence.action == "ARM"


def test_a_threat_relayed_by_the_one_threatened_is_held_by_the_agent(extract_text) -> None:
    r = only(extract_text, "Romania could be struck by Russian missiles if it hosts American nuclear warheads, "
                           "Romanian Foreign Minister Ion Popescu told a radio station.")
    assert r.holder == ("RUS",)
    assert r.consequence.action == "ATTACK"


def test_a_pledge_to_defend_another_state_is_a_line_against_attacking_it(extract_text) -> None:
    r = only(extract_text, "Australia and the US will defend Papua New Guinea, the Australian defence minister said.")
    assert "AUS" in r.holder
    assert r.trigger.action == "ATTACK"
    assert "PNG" in r.trigger.targets
    assert "PNG" not in r.trigger.actors
    assert r.consequence.action == "RESPOND"


def test_each_item_of_a_list_of_red_lines_is_a_red_line(extract_text) -> None:
    found = extract_text("Sovereignty, territorial integrity and national unity are red lines for Beijing, Chinese "
                         "Foreign Minister Wang Yi said.").redlines
    assert len(found) == 3
    assert all(r.holder == ("CHN",) for r in found)


# -- negatives --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The commander said his forces will crush the enemy.",
        "Analysts say a Chinese blockade of Taiwan could trigger a wider war.",
        "Such a move could provoke retaliation from Moscow.",
        "The transit agency said the Red Line extension will open in 2030 if the federal grant arrives.",
        "The finance minister said a deficit above three percent is a red line for the budget talks.",
        "Downing Street said a customs border in the Irish Sea is a red line in the Brexit negotiations.",
        "The coach said losing to the league leaders would be a red line for the club's owners.",
        # a condition that names no act
        "Hanoi has vowed to defend the reef, by force if necessary.",
        # a conditional pledge of support is a stance, not a threat
        "Reports said Norway will not deliver howitzers to Ukraine unless Sweden does the same.",
        # a settlement is the condition of a pledge; a recommendation answers nothing
        "The prime minister said Britain was ready to send troops to Ukraine once a durable truce is signed.",
        "The Dutch prime minister said that if the strikes continue, then NATO should deploy more troops to Poland.",
        # a view held by no one named
        "Supplying Western jets is broadly viewed as key if Ukraine hopes to beat Russia.",
        # defending oneself pledges nothing to anyone
        "Ukrainian President Volodymyr Zelensky said Ukraine will defend Kyiv.",
        # the ones who would be targeted do not hold the threat
        "The envoy was told that, as an answer to strikes with Danish drones, Danish bases could be targeted.",
    ],
)
def test_not_red_lines(extract_text, text: str) -> None:
    assert extract_text(text).redlines == ()


def test_evidence_points_into_the_document(extract_text) -> None:
    text = "Background paragraph.\n\nTehran warned that any strike on its nuclear sites would trigger a response."
    x = extract_text(text)
    for r in x.redlines:
        for e in r.evidence:
            assert x.document.text[e.span.start:e.span.end] == e.text


def test_trigger_and_consequence_text_keep_the_wording(extract_text) -> None:
    r = only(extract_text, "Ankara warned that if Athens arms the islands of Lesbos, Chios or Samos, Turkey will "
                           "respond with force.")
    assert "Lesbos, Chios or Samos" in r.trigger.text
    assert r.consequence.text.startswith("Turkey will respond")
    assert "if" not in r.consequence.text.split()


# -- protection withheld, penalties on a kind of party -------------------------------------------------------


def test_protection_withheld_if_a_condition_is_not_met_is_a_red_line(extract_text) -> None:
    r = only(extract_text, "\"If they do not spend more on their armies, we will not defend them,\" the Canadian "
                           "prime minister said of the alliance's members.")
    assert r.holder == ("CAN",)


def test_a_threatened_penalty_on_any_party_doing_something_is_a_red_line(extract_text) -> None:
    r = only(extract_text, "The Japanese government threatened to halt all trade with any state that sells oil "
                           "to North Korea.")
    assert r.holder == ("JPN",)
    assert r.consequence.action == "SANCTION"
    assert "sells" in r.trigger.text


def test_a_pledge_of_protection_is_no_red_line_by_itself(extract_text) -> None:
    assert extract_text("The Canadian prime minister said Canada will protect those who helped its soldiers.")\
        .redlines == ()


def test_a_trigger_s_generic_act_is_unclassed_not_a_response(extract_text) -> None:
    r = only(extract_text, "Pyongyang warned that it would fire missiles toward the island if Washington persists "
                           "in its reckless actions.")
    assert r.trigger.action == "OTHER"


# -- what the holder itself would do, or will not do -------------------------------------------------------------


def test_the_holder_named_in_its_own_trigger_is_not_the_one_who_crosses_it(extract_text) -> None:
    r = only(extract_text, "The Lithuanian president warned that any bid to blockade Lithuania's ports would "
                           "be met with force.")
    assert r.holder == ("LTU",)
    assert "LTU" not in r.trigger.actors


def test_a_nuclear_answer_anywhere_in_the_consequence_is_the_answer(extract_text) -> None:
    r = only(extract_text, "The Iranian foreign minister warned that Iran would expel the inspectors and launch a "
                           "nuclear strike if its leaders were harmed.")
    assert r.consequence.action == "WMD"


def test_a_threat_in_response_to_the_sentence_before_answers_it(extract_text) -> None:
    text = ("The Canadian government has threatened to impose new sanctions on Venezuela's oil exports.\n\n"
            "In response, Venezuelan officials have threatened to close the border to Canadian ships.")
    found = [r for r in extract_text(text).redlines if r.holder == ("VEN",)]
    assert len(found) == 1
    assert found[0].trigger.action == "SANCTION"


# -- restraint, the author's talk, the holder's own act: no red line ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # restraint over any weapon is no threat
        ("The Canadian prime minister said Canada will not send any missile that can reach "
         "Moscow."),
        # the author's talk of a state's response holds nothing
        ("Closing the canal would draw a swift Egyptian military response."),
        # the holder's own act leading to war is a reason for restraint
        ("The Dutch defence minister said that if the Netherlands shot down the drones over "
         "its neighbour, it would mean war."),
        # a generic you doing the act is restraint too
        ("The Dutch defence minister said that if you begin intercepting drones over the "
         "border, this might widen the conflict."),
        # a vow of what the holder will not do is no threat
        ("The Iranian foreign minister said Iran would not abandon its missile programme if the "
         "talks failed."),
        # an act named inside a negated clause is no threat
        ("The Dutch defence minister said the Netherlands would not agree to the request to shoot "
         "down drones over its neighbour if the alliance did not back it."),
    ],
)
def test_no_red_line(extract_text, text: str) -> None:
    assert extract_text(text).redlines == ()


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # a line reported in a clause of its own is its speaker's
        ("Canada said it would not sell the jets to Turkey after Greece warned that such a sale "
         "would cross a red line.",
         ("GRC",)),
        # an unknown official's warning is held by whose answer it threatens
        ("Deputy Minister Arvo Kelmsaar cautioned on Sunday that any effort to close the canal "
         "would draw a swift Egyptian military response.",
         ("EGY",)),
        # a holder that undergoes the trigger keeps its line
        ("The Belarusian president said the warheads would be fired if Belarus is attacked.",
         ("BLR",)),
        # whoever fronted before a threat is a red line
        ("\"Whoever sets foot on our islands, we will cut off his leg,\" the Sudanese defence "
         "minister said.",
         ("SDN",)),
    ],
)
def test_the_holder_read_from_the_frame(extract_text, text: str, holder: tuple[str, ...]) -> None:
    assert only(extract_text, text).holder == holder


def test_a_stationing_on_its_soil_targets_the_host_the_pronoun_names(extract_text) -> None:
    r = only(extract_text, "Moscow warned Warsaw that it would be targeted if it proceeds with deploying American "
                           "nuclear warheads on its soil.")
    assert r.trigger.targets == ("POL",)
    r = only(extract_text, "President Putin warned that Romania and Poland would be in Russia's sights if "
                           "they agree to the stationing of U.S. missile systems on their own territories.")
    assert set(r.trigger.targets) == {"POL", "ROU"}


def test_a_stationing_near_the_holder_s_own_soil_names_no_other_host(extract_text) -> None:
    r = only(extract_text, "The Kremlin warned it would respond if American missiles were deployed on its soil.")
    assert r.trigger.targets == ("RUS",)


def test_such_weapons_after_nuclear_ones_are_weapons_of_mass_destruction(extract_text) -> None:
    r = only(extract_text, "Belarus on Tuesday published a new military doctrine setting out when it may use "
                           "nuclear weapons. Among the conditions for using such weapons is "
                           "credible data on a launch of ballistic missiles against "
                           "Belarusian territory.")
    assert r.consequence.action == "WMD"


def test_the_state_joins_and_the_alliance_is_joined(extract_text) -> None:
    r = only(extract_text, "Russia will respond if Ukraine is accepted into NATO, the Kremlin said.")
    assert (r.trigger.action, r.trigger.actors, r.trigger.targets) == ("JOIN", ("UKR",), ("NATO",))


def test_any_attack_with_no_one_warned_is_any_party_and_the_other_side_named(extract_text) -> None:
    r = only(extract_text, "Russian troops massed near the border on Monday. NATO said any attack on the Baltic "
                           "states would be met with a collective response.")
    assert r.trigger.actors[0] == "ANY" and "RUS" in r.trigger.actors


@pytest.mark.parametrize("text, act", [
    ("China will take firm countermeasures if the Czech senate speaker visits Taiwan, calling the trip a grave "
     "provocation.", "the Czech senate speaker visits Taiwan"),
    ("Russia will respond if Norway hosts the American bombers, describing the move as a threat to its security.",
     "Norway hosts the American bombers"),
])
def test_a_participle_judging_the_act_is_no_part_of_the_trigger(extract_text, text: str, act: str) -> None:
    r = only(extract_text, text)
    assert r.trigger.text == act
    # "provocation", "threat" are the speaker's words on the act, not the act: they do not class it
    assert r.trigger.action == "OTHER"


def test_a_participle_extending_the_act_stays_in_the_trigger(extract_text) -> None:
    r = only(extract_text, "Egypt will respond if Ethiopia fills the dam again, cutting the river's flow downstream.")
    assert "cutting" in r.trigger.text


BODY = ("Algerian officials said on Tuesday that the construction near the border was a hostile act. "
        "The ministry summoned the Moroccan ambassador.")


def test_a_headline_s_bare_warning_is_a_line_with_its_answer_unsaid(extract_text) -> None:
    r = only(extract_text, "Algeria warns Morocco over border wall\n\n" + BODY)
    assert r.holder == ("DZA",) and "MAR" in r.trigger.actors and "wall" in r.trigger.text
    assert r.consequence.action == "RESPOND" and r.consequence.text == ""


def test_a_bare_warning_in_the_body_is_no_line(extract_text) -> None:
    assert not extract_text("Border tensions rise\n\nAlgeria warned Morocco over the border wall. " + BODY).redlines


def test_a_headline_s_bare_warning_yields_to_a_line_of_its_holder(extract_text) -> None:
    r = only(extract_text, "Algeria warns Morocco over border wall\n\nAlgeria will close its airspace to Moroccan "
                           "planes if the wall is extended, the foreign minister said.")
    assert r.holder == ("DZA",) and "airspace" in r.consequence.text


# -- pro-form triggers --------------------------------------------------------------------------------------


def test_does_so_takes_the_class_of_the_answer_it_mirrors(extract_text) -> None:
    r = only(extract_text, "Tehran said it would resume enrichment to weapons grade if Washington does so first.")
    assert r.trigger.action == "WMD"


def test_failing_to_do_so_takes_the_class_of_the_demand_before_it(extract_text) -> None:
    r = only(extract_text, "Beijing demanded that Canberra lift the new tariffs, warning that it would cut off trade "
                           "if Canberra failed to do so.")
    assert r.trigger.action == "SANCTION"


def test_a_bare_this_takes_the_class_of_the_act_just_reported(extract_text) -> None:
    r = only(extract_text, "Serbian troops moved into the northern villages overnight. This will mean war, the "
                           "Kosovo government said.")
    assert r.trigger.action == "DEPLOY"


def test_a_demand_told_to_a_party_or_face_consequences(extract_text) -> None:
    # no conditional word, no "warn": "told ... or face" is the cue
    r = only(extract_text, "Beijing told Manila to withdraw its ship from the shoal or face consequences.")
    assert r.holder == ("CHN",)
    assert r.trigger.actors == ("PHL",)


def test_a_bare_this_just_after_a_line_restates_it(extract_text) -> None:
    # the answers differ in kind (trade, war), yet "This" names the act of the line just stated
    text = ('Caracas said it would cut off all trade with Guyana if Georgetown lets US troops use its bases. '
            '"This would be a declaration of war," the Venezuelan foreign minister added.')
    r = only(extract_text, text)
    assert r.trigger.action == "DEPLOY"
    assert len(r.evidence) == 2


# -- standing orders to intercept (issues 8, 9) -----------------------------------------------------------


def test_an_order_to_be_ready_to_intercept_is_held_by_who_orders_it(extract_text) -> None:
    r = only(extract_text, "Vietnam's defence minister on Friday ordered coastal batteries to be ready to intercept "
                           "any Chinese drone that endangered its islands.")
    assert r.holder == ("VNM",)
    assert r.trigger.actors == ("CHN",) and r.trigger.action == "ATTACK" and r.trigger.targets == ("VNM",)
    assert r.consequence.action == "ATTACK" and r.consequence.targets == ("CHN",)



def test_an_ultimatum_is_a_red_line_of_the_one_who_gave_it(extract_text) -> None:
    r = only(extract_text, "Mali's interim president gave the Tuareg rebels a 24-hour ultimatum to leave Kidal "
                           "before the army launches an offensive on the town.")
    assert r.holder == ("MLI",)
    assert r.consequence.action == "ATTACK"
    assert "leave Kidal" in r.trigger.text


def test_an_attack_brought_under_a_defence_treaty_is_a_red_line(extract_text) -> None:
    r = only(extract_text, "The State Department said an armed attack on Philippine vessels would be covered by "
                           "Article IV of the mutual defence treaty.")
    assert r.holder == ("USA",)
    assert r.trigger.action == "ATTACK"
    assert "PHL" in r.trigger.targets


def test_joining_with_the_bloc_left_unsaid_joins_the_bloc_named_before(extract_text) -> None:
    text = ("Serbia warned of consequences if Montenegro joins NATO.\n\n"
            "Officials in Belgrade gave no details.\n\n"
            "Serbian President Aleksandar Vucic said Serbia would deploy new missiles on the border if Montenegro "
            "decided to join.")
    found = extract_text(text).redlines
    later = [r for r in found if "decided to join" in r.trigger.text]
    assert len(later) == 1, [(r.trigger.text, r.consequence.text) for r in found]
    assert later[0].trigger.action == "JOIN"
    assert "NATO" in later[0].trigger.targets


def test_a_standing_order_denying_parties_answers_with_a_penalty(extract_text) -> None:
    r = only(extract_text, "Algeria ordered its state gas firm to cut off any buyer that refuses to pay in dinars.")
    assert r.holder == ("DZA",)
    assert r.consequence.action == "SANCTION"
