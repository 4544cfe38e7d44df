"""Events in the forms a verb-and-subject reading misses (redline.extract.event_forms); sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.event_forms import BACKGROUND, CLAUSE, INFERRED
from test_events import events


def _one(nlp, text: str, action: str):
    found = [e for e in events(nlp, text) if e.action == action]
    assert len(found) == 1, (text, events(nlp, text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "actors", "action", "targets", "status"),
    [
        # accession, with the alliance named or read from the article
        ("Finland became the 31st member of NATO on Tuesday.", {"FIN"}, "JOIN", {"NATO"}, "occurred"),
        ("Sweden is now a full member of NATO, its prime minister said.", {"SWE"}, "JOIN", {"NATO"}, "occurred"),
        # a meeting or a visit: the parties are each other's targets
        ("Taiwan's president met a delegation from the United States in Taipei.", {"TWN", "USA"}, "OTHER",
         {"TWN", "USA"}, "occurred"),
        # psychological operations are coercion short of force
        ("South Korea resumed loudspeaker broadcasts toward North Korea on Sunday.", {"KOR"}, "COERCE", {"PRK"},
         "occurred"),
        ("Seoul said it will continue to stage loudspeaker broadcasts toward Pyongyang.", {"KOR"}, "COERCE",
         {"PRK"}, "occurred"),
        # an incursion: the owner of what strayed, against the owner of the airspace
        ("Russian drones strayed into Polish airspace overnight.", {"RUS"}, "COERCE", {"POL"}, "occurred"),
        # the crossing as background, with its agent
        ("The sanctions have been in place since Moscow's annexation of Crimea in Ukraine.", {"RUS"}, "ANNEX",
         {"UKR"}, "occurred"),
        # a seizure takes the class of what is seized; a test is WMD when it is a nuclear one
        ("Trade fell after Moscow's seizure of Odesa.", {"RUS"}, "ANNEX", {"UKR"}, "occurred"),
        ("Oil prices rose after Iran's seizure of an Israeli tanker.", {"IRN"}, "COERCE", {"ISR"}, "occurred"),
        ("Aid has been frozen since Pyongyang's fourth nuclear test.", {"PRK"}, "WMD", set(), "occurred"),
        # a strike "delivered", and penalties put back
        ("Russian forces delivered a strike on a Patriot battery in Kyiv.", {"RUS"}, "ATTACK", {"UKR"},
         "occurred"),
        ("France and Germany reimposed sanctions on Iran on Thursday.", {"FRA", "DEU"}, "SANCTION", {"IRN"},
         "occurred"),
        # strikes whose agent hangs on a participle, or that a leader ordered; tariffs raised
        ("The Israeli prime minister ordered air strikes on Syria overnight.", {"ISR"}, "ATTACK", {"SYR"},
         "decided"),
        ("Washington raised tariffs on Chinese steel to 50 percent.", {"USA"}, "SANCTION", {"CHN"}, "occurred"),
        # a delivery whose receiver is the subject, or whose supplier hangs on the thing moved
        ("Ukraine has received the first fighter jets from Sweden and Britain.", {"SWE", "GBR"}, "ARM", {"UKR"},
         "occurred"),
        ("The first batch of howitzers from France arrived in Ukraine on Monday.", {"FRA"}, "ARM", {"UKR"},
         "occurred"),
        ("Kyiv took delivery of the first howitzers from Germany.", {"DEU"}, "ARM", {"UKR"}, "occurred"),
        # a purchase: the seller supplies the buyer, also as background
        ("Relations soured after India bought the coastal missile system from Moscow.", {"RUS"}, "ARM", {"IND"},
         "occurred"),
        # batteries moved are weapons when a kind or a name stands before them
        ("Two air defence batteries from Germany arrived in Poland.", {"DEU"}, "ARM", {"POL"}, "occurred"),
        ("The first Patriot batteries from the United States reached Taiwan.", {"USA"}, "ARM", {"TWN"}, "occurred"),
        # forces going over into another's land
        ("Russian troops pushed into northern Ukraine on Thursday.", {"RUS"}, "DEPLOY", {"UKR"}, "occurred"),
        ("Israeli forces crossed into Syria overnight.", {"ISR"}, "DEPLOY", {"SYR"}, "occurred"),
        # penalties named as a noun under a verb that makes them real
        ("Washington announced new sanctions against Tehran on Friday.", {"USA"}, "SANCTION", {"IRN"}, "occurred"),
        # drills aimed at someone, as background; a drone come down on another's territory
        ("Tensions rose after China's naval drills around Taiwan in April.", {"CHN"}, "COERCE", {"TWN"},
         "occurred"),
        ("A Russian drone crashed in Polish territory overnight.", {"RUS"}, "COERCE", {"POL"}, "occurred"),
        # "airstrikes" is a cue of its own (no word boundary before "strik")
        ("Israel carried out airstrikes on Iranian military sites on Saturday.", {"ISR"}, "ATTACK", {"IRN"},
         "occurred"),
    ],
)
def test_forms(nlp, text: str, actors: set[str], action: str, targets: set[str], status: str) -> None:
    e = _one(nlp, text, action)
    assert (set(e.actors), set(e.targets), e.status) == (actors, targets, status)
    assert e.evidence[0].text == text


def test_an_arrival_takes_its_supplier_from_the_moved_thing(nlp) -> None:
    e = _one(nlp, "The first German tanks reached Ukraine last week.", "ARM")
    assert (e.actors, e.targets, e.status, e.confidence) == (("DEU",), ("UKR",), "occurred", CLAUSE)


def test_an_arrival_without_its_supplier_reads_it_from_the_article_and_says_so(nlp) -> None:
    text = "Kyiv thanked the German-made Gepard crews. The first Gepard systems arrived in Ukraine on Monday."
    e = _one(nlp, text, "ARM")
    assert (e.actors, e.targets, e.confidence) == (("DEU",), ("UKR",), INFERRED)


def test_background_nominalisations_are_less_sure_and_need_their_agent(nlp) -> None:
    e = _one(nlp, "Talks stalled after the Russian invasion of Ukraine.", "ATTACK")
    assert (e.actors, e.targets, e.confidence) == (("RUS",), ("UKR",), BACKGROUND)
    assert not [x for x in events(nlp, "Talks stalled after the invasion.") if x.action == "ATTACK"]


@pytest.mark.parametrize(
    "text",
    [
        "If Sweden becomes a member of NATO, Moscow will respond.",  # a condition, not an event
        "Sweden is a member of the EU.",  # a standing fact, no change reported
        "Moscow threatened an invasion of Ukraine.",  # a threat is no event
        "Russia warned that if Seoul resumes loudspeaker broadcasts it will answer.",
        "Analysts said strikes carried out overnight hit two sites.",  # no agent named
        "Beijing threatened to raise tariffs if Washington did not back down.",  # a threat, not an event
        "NATO's annual exercises began in Norway.",  # drills aimed at no one
        "Western sanctions on Russia have hurt its economy.",  # sanctions in passing: most often old ones
        "Russian troops could cross into Ukraine if talks fail.",  # a condition
        "Ukraine hopes to receive more fighter jets from Sweden.",  # hoped for: not occurred
        "Germany bought lithium batteries from China.",  # a battery without a kind of arms is no weapon
    ],
)
def test_no_event(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text)
                if e.action in {"JOIN", "ATTACK", "COERCE", "SANCTION", "DEPLOY"} and e.status == "occurred"]


def test_strikes_whose_agent_hangs_on_a_participle(nlp) -> None:
    found = events(nlp, "Strikes carried out by Israeli and American jets hit two sites in Iran.")
    assert [(set(e.actors), e.targets, e.status) for e in found if e.actors] == [({"ISR", "USA"}, ("IRN",),
                                                                                   "occurred")]


def test_a_supplier_named_on_a_participle_of_the_thing_moved(nlp) -> None:
    found = events(nlp, "The howitzers, supplied by France, arrived at the front in Ukraine last week.")
    assert ({"FRA"}, ("UKR",), "occurred") in [(set(e.actors), e.targets, e.status) for e in found if e.action == "ARM"]


def test_who_supplied_a_weapon_is_no_target_of_its_use(nlp) -> None:
    found = events(nlp, "Ukraine fired US-supplied missiles at a target in Russia's Kursk region.")
    assert [(e.actors, e.targets) for e in found if e.action == "ATTACK"] == [(("UKR",), ("RUS",))]
    assert [(e.actors, e.targets) for e in found if e.action == "ARM"] == [(("USA",), ("UKR",))]


def test_a_delegation_without_its_party_is_the_one_the_article_named(extract_text) -> None:
    text = ("A Philippine parliamentary delegation left Manila on Friday.\n\n"
            "The delegation landed in Taipei the next day, ignoring Beijing's protests.")
    found = [e for e in extract_text(text).events if e.action == "OTHER"]
    assert [(e.actors, e.targets, e.confidence) for e in found] == [(("PHL",), ("TWN",), INFERRED)]
    assert not [e for e in extract_text("Reporters said the delegation landed in Taipei.").events
                if e.action == "OTHER"]


def test_a_delegation_is_never_the_party_that_ends_the_sentence_before(extract_text) -> None:
    # "... Chinese objections.\n\nThe delegation": the name and the envoys are in two sentences
    text = "Lawmakers flew to Asia despite Chinese objections.\n\nThe delegation landed in Taipei on Monday."
    assert [e.actors for e in extract_text(text).events if e.action == "OTHER"] == []


def test_a_delegation_named_only_as_lawmakers_before_is_theirs(extract_text) -> None:
    text = ("Australian senators travel to Taiwan amid Chinese objections\n\n"
            "Beijing's officials protested on Friday. The delegation landed in Taipei on Saturday.")
    found = [e for e in extract_text(text).events if e.action == "OTHER" and "landed" in e.text]
    assert [(e.actors, e.targets, e.confidence) for e in found] == [(("AUS",), ("TWN",), INFERRED)]


def test_a_visitor_the_gazetteer_does_not_know_takes_the_party_named_with_them(extract_text) -> None:
    text = ("Canadian House Speaker Jane Holloway flew to Asia on Monday.\n\n"
            "Holloway visited Taiwan on Wednesday despite China's objections.")
    found = [e for e in extract_text(text).events if e.action == "OTHER"]
    assert [(set(e.actors), e.confidence) for e in found] == [({"CAN", "TWN"}, INFERRED)]
    # a verb between the party and the name: the party is not the visitor's
    text = "China warned Holloway against the trip.\n\nHolloway visited Taiwan on Wednesday."
    assert not [e for e in extract_text(text).events if e.action == "OTHER"]


def test_an_agentless_passive_delivery_takes_the_supplier_the_article_named(extract_text) -> None:
    text = "Norway pledged Leopard tanks to Poland in May.\n\nThe tanks were delivered to Poland in August."
    found = [e for e in extract_text(text).events if e.action == "ARM" and e.status == "occurred"]
    assert [(e.actors, e.targets, e.confidence) for e in found] == [(("NOR",), ("POL",), INFERRED)]


def test_a_party_that_did_something_else_to_the_thing_is_no_supplier(extract_text) -> None:
    text = "Serbia destroyed three tanks near the border.\n\nThe first new tanks arrived in Kosovo in August."
    found = [e for e in extract_text(text).events if e.action == "ARM" and e.status == "occurred"]
    assert not [e for e in found if "SRB" in e.actors]


@pytest.mark.parametrize(
    "text",
    [
        "Markets fell after the seizure of power by the army in Pakistan.",  # neither land nor a ship
        "Pyongyang's missile test alarmed Seoul.",  # a test of no weapon of mass destruction
        "Pyongyang threatened a nuclear test.",  # a threat, not an event
    ],
)
def test_a_named_act_is_no_event_of_the_class_of_nothing_it_acts_on(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.action in {"ANNEX", "COERCE", "WMD"}]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # the owner of the airspace answers, even when the intruder is named first
        ("Russian drones strayed into Polish airspace and fighters were scrambled.", ("POL",)),
        ("After Iranian missiles flew into Israeli airspace, interceptor jets were scrambled.", ("ISR",)),
        # nothing entered is named: the first party of the sentence, as before
        ("Polish jets were scrambled on Friday.", ("POL",)),
    ],
)
def test_jets_scrambled_are_the_answer_of_the_airspace_owner(nlp, text: str, owner: tuple[str, ...]) -> None:
    e = _one(nlp, text, "DEPLOY")
    assert (e.actors, e.confidence) == (owner, INFERRED)


def test_an_incursion_with_no_owner_takes_the_state_the_article_names_most_and_none_on_a_tie(extract_text) -> None:
    text = ("Belarus massed troops near the border, Belarus said, and Belarus held drills.\n\n"
            "Drones strayed into Lithuanian airspace on Sunday.")
    found = [e for e in extract_text(text).events if e.action == "COERCE" and "strayed" in e.text]
    assert [(e.actors, e.targets, e.confidence) for e in found] == [(("BLR",), ("LTU",), INFERRED)]
    tie = "Finland and Estonia held talks.\n\nDrones strayed into Lithuanian airspace on Sunday."
    assert not [e for e in extract_text(tie).events if e.action == "COERCE" and "strayed" in e.text]


def test_a_deployment_named_as_a_noun_is_of_the_forces_owner(extract_text) -> None:
    text = "Estonia raised its alert level after the deployment of Belarusian troops to Russia."
    found = [e for e in extract_text(text).events if e.action == "DEPLOY"]
    assert [(e.actors, e.targets, e.status) for e in found] == [(("BLR",), ("RUS",), "occurred")]


@pytest.mark.parametrize(("word", "status"), [("possible", "considered"), ("proposed", "planned")])
def test_a_named_act_only_spoken_of_is_no_act_done(extract_text, word: str, status: str) -> None:
    text = f"A {word} deployment of Italian troops to Libya worries officials in Rome."
    found = [e for e in extract_text(text).events if e.action == "DEPLOY"]
    assert [(e.actors, e.status) for e in found] == [(("ITA",), status)]
