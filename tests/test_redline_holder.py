"""Who holds a red line, read from the frame's shape; texts written by us, through the pipeline."""

from __future__ import annotations

from redline.models import RedLine


def only(extract_text, text: str) -> RedLine:
    found = extract_text(text).redlines
    assert len(found) == 1, [(r.holder, r.evidence[0].text) for r in found]
    return found[0]


def test_the_agent_of_a_passive_threat_holds_it(extract_text) -> None:
    r = only(extract_text, "The Latvian minister said Latvia might be hit by Russian rockets if it hosts the "
                           "new launchers.")
    assert r.holder == ("RUS",)


def test_the_subject_of_the_answer_holds_a_consequence_first_line(extract_text) -> None:
    r = only(extract_text, "Analysts say Turkey will launch strikes on the militia if it crosses the river.")
    assert r.holder == ("TUR",)


def test_a_collective_defence_pledge_is_held_by_the_alliance(extract_text) -> None:
    r = only(extract_text, "The NATO treaty says an attack on one member shall be considered an attack on all.")
    assert "NATO" in r.holder


def test_the_state_owning_the_answer_holds_an_unknown_official_s_warning(extract_text) -> None:
    r = only(extract_text, "Deputy Minister Arvo Kelmsaar warned that any attempt to close the canal would draw a "
                           "swift Egyptian military response.")
    assert r.holder == ("EGY",)


def test_the_antecedent_of_a_relative_clause_holds_its_warning(extract_text) -> None:
    r = only(extract_text, "The minister criticised France, which warned last week that it would expel diplomats "
                           "if the embassy was not reopened.")
    assert r.holder == ("FRA",)


def test_a_doctrine_quoting_no_one_is_held_by_the_state_that_issued_it(extract_text) -> None:
    r = only(extract_text, "Belarus published a new doctrine on nuclear weapons. The conditions for the use of such "
                           "weapons include an attack on critical state facilities.")
    assert r.holder == ("BLR",)


def test_a_body_s_commitment_reported_by_a_member_s_minister_is_the_body_s(extract_text) -> None:
    r = only(extract_text, "The African Union would suspend its mediation if the junta refuses to free the detained "
                           "ministers, the Senegalese foreign minister said.")
    assert r.holder == ("AU",)
    # the one who reports the pledge is no party to it
    assert "SEN" not in r.trigger.actors


def test_an_alliance_pledge_reported_by_a_member_state_s_minister_is_the_alliance_s(extract_text) -> None:
    r = only(extract_text, "NATO will send more battalions to the eastern flank if Russia masses troops near the "
                           "border, the Dutch defence minister told reporters.")
    assert r.holder == ("NATO",)


def test_an_outsider_s_claim_about_an_alliance_stays_the_outsider_s(extract_text) -> None:
    # Russia is no NATO member: what it says NATO would do is no NATO pledge
    r = only(extract_text, "NATO will send troops into Belarus if the border crisis grows, a Russian general claimed.")
    assert r.holder != ("NATO",)


def test_a_body_that_would_suffer_the_answer_does_not_hold_it(extract_text) -> None:
    r = only(extract_text, "The EU will face countermeasures if it adopts the new tariffs, the Chinese commerce "
                           "minister said.")
    assert r.holder == ("CHN",)


def test_he_who_tells_a_named_minister_is_not_that_minister(extract_text) -> None:
    r = only(extract_text, "The British foreign secretary met Indian Foreign Minister Ravi Menon in London on Friday. "
                           "He told Menon that if India provides drones to Iran, there will be consequences.")
    assert r.holder == ("GBR",)


def test_the_one_who_orders_holds_an_or_face_demand(extract_text) -> None:
    r = only(extract_text, "Pretoria ordered Harare to pull its troops back from the border or face serious "
                           "consequences.")
    assert r.holder == ("ZAF",)
    assert r.trigger.actors == ("ZWE",)



def test_the_one_who_issues_a_standing_order_holds_it_not_the_one_ordered(extract_text) -> None:
    r = only(extract_text, "Algeria's president signed a decree last week ordering the state gas firm to cut off "
                           "buyers from hostile states that refuse to pay in dinars.")
    assert r.holder == ("DZA",)
    assert "refuse to pay" in r.trigger.text
