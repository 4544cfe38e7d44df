"""The words the event forms of :mod:`redline.extract.event_forms` read: verbs of meeting, arrival, receiving,
incursion and psychological operations, the nominalisations of a §4 action and the verbs that make them real."""

from __future__ import annotations

from redline.extract.event_words import ATTACK_NOUNS, MORE_WEAPONS, WEAPON_WORDS, _set

MEMBER_NOUNS = _set("member members ally allies")
MEETING_VERBS = _set("meet visit")
ARRIVAL_VERBS = _set("arrive reach land")
# The subject gets the thing moved from another: "received jets", "took delivery of tanks", "bought the system
# from Moscow" (the seller supplies it).
RECEIVING_VERBS = _set("receive take buy purchase acquire")
ARMS = WEAPON_WORDS | MORE_WEAPONS | _set("tank tanks system systems")  # what a delivery moves (ARM)
# Moved as arms when a name or kind stands before it ("Patriot batteries", "air defence batteries"); bare,
# a battery may hold electricity.
UNITS_OF_ARMS = _set("battery batteries")
ARMS_KINDS = _set("defence defense artillery interceptor")  # "air defence batteries", "artillery batteries"
# A party sent somewhere, named by its people: whose they are is read as a supplier's is ("a US congressional
# delegation ... the delegation arrived").
ENVOY_WORDS = _set("delegation delegations envoy envoys lawmakers legislators congressmen senators speaker minister "
                   "ministers official officials")
MEETING_NOUNS = _set("meeting visit trip talks")
INCURSION_VERBS = _set("stray enter violate breach cross intrude penetrate crash")
AIRSPACE_WORDS = _set("airspace waters border borders territory")
SCRAMBLE_VERBS = _set("scramble")
# Forces going over into another's land: "Turkish troops pushed into Syria", "troops crossed into Ukraine" (DEPLOY,
# the class the action lexicon gives troops moved).
CROSSING_VERBS = _set("push pour roll advance march cross enter")
PSYOPS_VERBS = _set("conduct resume launch send blare fly float scatter start stage carry broadcast")
PSYOPS_OBJECTS = _set("broadcast broadcasts broadcasting loudspeaker loudspeakers leaflet leaflets balloon balloons")
# Nominalisations of a §4 action; the class of each, when its agent is named.
NOMINAL_CLASSES = {
    **dict.fromkeys(_set("annexation occupation"), "ANNEX"),
    **dict.fromkeys(_set("invasion incursion offensive"), "ATTACK"),
    **dict.fromkeys(_set("accession"), "JOIN"),
    **dict.fromkeys(_set("deployment"), "DEPLOY"),
    **dict.fromkeys(ATTACK_NOUNS, "ATTACK"),
    **dict.fromkeys(_set("drill drills exercise exercises blockade"), "COERCE"),
    **dict.fromkeys(_set("sanction sanctions"), "SANCTION"),
}
# Named acts whose class is that of what they act on: "the seizure of Crimea" (ANNEX), "the seizure of a
# tanker" (COERCE), "a nuclear test" (WMD; "a missile test" is none of §4's).
TAKING_NOUNS = _set("seizure takeover capture")
TESTING_NOUNS = _set("test tests")
# Verbs that make penalties named as a noun real: "Washington announced new sanctions against Moscow". Sanctions
# are read as a noun only under one of these: in passing ("Western sanctions") they are most often old ones.
ANNOUNCING_VERBS = _set("announce unveil adopt approve order authorise authorize")
# Verbs whose object is an attack they decide or make happen: "ordered strikes on Syria".
ORDERING_VERBS = _set("order authorise authorize approve")
# Verbs whose subject, an attack, reaches what they govern: "the strikes hit three sites".
HITTING_VERBS = _set("hit target strike destroy damage")
AIRCRAFT_WORDS = _set("jet jets fighter fighters aircraft warplane warplanes plane planes")


# Between a party and the thing it moves, a verb of giving ("Germany promised Leopard tanks") or none: names,
# numbers, adjectives ("a Philippine parliamentary delegation"). Another verb ("Russia destroyed three tanks")
# makes the party no supplier.
GIVING_STEMS = ("promis", "pledg", "sen", "suppl", "deliver", "provid", "giv", "gave", "transfer", "ship", "donat",
                "sell", "sold", "offer", "approv", "commit", "dispatch", "deploy", "station", "-made", "-supplied",
                "-built")
OTHER_PAST_VERBS = _set("hit struck shot lost took sank beat fought met caught hid saw found")
