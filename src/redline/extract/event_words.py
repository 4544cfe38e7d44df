"""The word lists event extraction reads: predicate verbs, status cues, object classes, dates.

General words of how news reports security actions (FORMAT.md §4), not of any one
conflict or article; :mod:`redline.extract.events` applies them to the parse.
"""

from __future__ import annotations

import re

from redline.extract.lexicon import ACTION_LEMMAS, CONDITION_MARKS, FORCE_WORDS, WEAPON_WORDS, WMD_MODIFIERS

__all__ = ["ACTION_LEMMAS", "CONDITION_MARKS", "FORCE_WORDS", "WEAPON_WORDS", "WMD_MODIFIERS"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Penalties on trade raised: "raised tariffs on Turkish steel", "doubled duties on imports" (SANCTION).
RAISING_VERBS = _set("raise hike increase double triple")
TARIFF_WORDS = _set("tariff tariffs duty duties levy levies")
# Force used to throw back an attacker: "repelled the militia threatening the town".
REPEL_VERBS = _set("repel repulse")
# Verbs that can head a reported action; the class still has to be found in
# the words they govern ("launched an investigation" is no event).
PREDICATE_LEMMAS = _set(
    "strike attack shell bomb bombard invade raid fire launch hit shoot pound storm assault deploy "
    "station send dispatch move mass position rush redeploy supply deliver provide give transfer ship "
    "sell donate hand equip approve authorise authorize allow permit greenlight green-light clear "
    "lift ease loosen remove relax scrap test conduct carry stage mount hold unleash begin start "
    "resume intensify escalate expand detonate enrich use annex seize capture occupy take sanction "
    "impose reimpose reinstate slap expel recall sever cut freeze ban blacklist join admit accede ratify sign apply "
    "accept welcome recognise recognize declare proclaim "
    "close blockade mobilise mobilize encircle hack halt suspend stop shut"
) | RAISING_VERBS | REPEL_VERBS | _set("open inaugurate establish")
# A base opened is forces stationed (DEPLOY, FORMAT.md §4): "will open an air defence base in Poland",
# "inaugurated a naval outpost"; opening anything else ("opened talks", "opened fire") is not read so.
OPENING_VERBS = _set("open inaugurate establish")
BASE_WORDS = _set("base bases garrison garrisons outpost outposts")
# Nouns of an act someone owns, whose owner does the infinitive hanging on them: "the US decision to supply".
OWNED_ACTS = _set("decision plan move order pledge promise offer commitment choice bid effort")
# Cutting off what one country sells another: "halted gas supplies to Poland" is coercion (COERCE).
CUTOFF_VERBS = _set("halt suspend stop cut shut")
SUPPLY_WORDS = _set(
    "supply supplies delivery deliveries export exports flow flows gas oil electricity power energy shipment "
    "shipments"
)
# Verbs of going on: what they govern is happening already ("will continue to conduct broadcasts").
CONTINUING = _set("continue keep")
# Penalties put back: "reimpose UN sanctions", "reinstated the embargo".
REIMPOSE_VERBS = _set("reimpose reinstate")
SANCTION_WORDS = _set("sanction sanctions embargo embargoes tariff tariffs penalties measures")
# Verbs that "deliver" an attack named by their object: "delivered a strike", "carried out strikes".
STRIKE_GIVERS = _set("deliver launch carry conduct mount unleash")
# What psychological operations are made of: coercion short of force (redline.extract.event_forms).
PSYOPS_OBJECTS = _set("broadcast broadcasts broadcasting loudspeaker loudspeakers leaflet leaflets balloon balloons")
# Verbs whose own meaning is a decision: the action they license is decided, not done.
DECIDING_PREDICATES = _set("approve authorise authorize allow permit greenlight green-light clear")
USE_LEMMAS = _set("use strike fire hit attack target launch")
RESTRICTION_WORDS = _set(
    "restriction restrictions limit limits limitation limitations curb curbs constraint constraints "
    "cap caps ban"
)
NOT_ARMS_WORDS = _set("sanction sanctions import imports trade travel visa export exports tariff tariffs")
TERRITORY_WORDS = _set(
    "territory territories town towns city cities village villages region regions island islands land "
    "area province oblast peninsula district settlement control"
)
SHIP_WORDS = _set("ship ships vessel vessels tanker tankers boat boats freighter")
ATTACK_NOUNS = _set(
    "attack attacks strike strikes airstrike airstrikes bombing bombardment shelling raid raids"
)
LIGHT_VERBS = _set("conduct carry stage mount hold unleash begin start resume intensify escalate expand")
ABSTRACT_WAR = _set(
    "conflict war warfare confrontation hostilities fighting aggression tension tensions crisis"
)
VERBAL_ATTACKS = _set("attack strike hit fire target")
NON_ATTACK_OBJECTS = _set("deal agreement tone balance note chord compromise bargain pose")
# Weapons the shared lexicon does not name; "send" governs ARM with these, DEPLOY with forces.
MORE_WEAPONS = _set(
    "howitzer howitzers interceptor interceptors launcher launchers warplane warplanes helicopter "
    "helicopters bomb bombs shell shells mortar mortars cannon cannons rifle rifles gun guns"
)
CLOSABLE = _set(
    "strait straits airspace border borders port ports crossing crossings sea channel route routes"
)
CHEMICAL_AGENTS = _set("sarin chlorine gas nerve mustard novichok vx")
ALLIANCE_WORDS = _set("alliance bloc union pact coalition treaty organisation organization")
# A territory's status changed (ANNEX, FORMAT.md §4): "recognised the independence of the regions", "declared
# independence", "recognised the region as an independent state".
STATUS_VERBS = _set("recognise recognize declare proclaim")
STATUS_WORDS = _set("independence sovereignty statehood secession annexation independent sovereign")
# Verbs of taking someone in, an accession only when they take it "into" a bloc (redline.extract.events).
INTAKE_VERBS = _set("accept welcome")
ALLIANCE_CODES = _set("NATO EU CSTO SCO BRICS ASEAN AUKUS QUAD AU GCC")

DECIDED = _set(
    "decide agree authorise authorize approve order allow permit vote resolve greenlight green-light "
    "clear sign choose opt"
)
PLANNED = _set("plan intend prepare set aim schedule pledge promise vow commit expect go")
CONSIDERED = _set(
    "consider weigh discuss explore mull debate contemplate study examine review propose suggest seek "
    "want hope urge ask call push press demand request eye float ponder evaluate assess"
)
DENIED = _set("deny rule reject refuse decline rebuff dismiss oppose veto abandon stop cease halt suspend")
THREATS = _set("warn threaten caution")
# Adjectives of hesitation: "appeared noncommittal on providing", "hesitant about sending".
HESITANT = _set(
    "hesitant noncommittal non-committal reluctant undecided unsure uncertain wary ambivalent cautious"
)
UNWILLING = _set("unwilling")
# "gave Manila the go-ahead to fire": a permission given is a decision on the act it licenses.
PERMISSION_GIVERS = _set("give grant")
PERMISSION_NOUNS = _set("go-ahead permission approval authorisation authorization clearance nod")
SPEECH = _set("say tell announce confirm state add insist indicate report claim note")
NOUN_STATUS = {
    **dict.fromkeys(_set("plan plans intention intent preparation preparations"), "planned"),
    **dict.fromkeys(
        _set("decision agreement deal approval authorisation authorization order go-ahead"),
        "decided",
    ),
    **dict.fromkeys(
        _set(
            "proposal idea possibility option prospect talk talks discussion consideration question "
            "call calls"
        ),
        "considered",
    ),
    **dict.fromkeys(_set("refusal denial"), "denied"),
    **dict.fromkeys(_set("capacity ability capability readiness"), "considered"),
    **dict.fromkeys(_set("threat warning ultimatum"), "skip"),
}
# Weakest wins: "is considering a decision to send" is considered.
STRENGTH = {"occurred": 4, "decided": 3, "planned": 2, "considered": 1, "denied": 0}
MODALS = {
    "will": "planned",
    "shall": "planned",
    "'ll": "planned",
    "could": "considered",
    "may": "considered",
    "might": "considered",
    "can": "considered",
    "should": "considered",
    "must": "considered",
}
CLIMB_DEPS = frozenset(
    {"xcomp", "ccomp", "conj", "acl", "pcomp", "csubjpass", "dobj", "pobj", "prep", "oprd", "amod"}
)
TARGET_PREPS = _set(
    "at on against into in inside to toward towards onto near across around along upon within over "
    "outside beyond off"
)
# What a launch is fired at ("at the city", "into Israel"); "over" a place it only passes over, unless what is
# "over" is a line crossed ("rockets fired over the border").
AIMING_PREPS = _set("at on against into onto toward towards upon")
OVER_CROSSED = _set("border borders frontier line boundary fence")
HEAD_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "conj", "cc", "appos", "poss", "det", "prt"})
SUBJECT_CLIMB = frozenset({"xcomp", "conj", "ccomp", "acl", "pcomp", "amod", "dobj", "pobj", "prep"})
PRONOUN_SUBJECTS = _set("it they he she we its their")

EVENT_CUES = re.compile(
    r"\b(?:strik|struck|attack|shell|bomb|fir(?:e|ed|es|ing)\b|launch|invad|raid|missile|rocket|drone|"
    r"deploy|station|sen[dt]|dispatch|troops|suppl|deliver|provid|weapon|arms\b|tank|approv|authori[sz]|"
    r"allow|permit|lift|eas(?:e|ed|ing)\b|restriction|nuclear|chemical|sarin|enrich|annex|seiz|captur|"
    r"occup|sanction|tariff|embargo|expel|diplomat|ambassador|join|admit|accession|blockad|cyber|"
    r"mobili[sz]|drill|exercise|ties\b|relations\b|member|meet|met\b|visit|arriv|reach|land(?:ed|s|ing)?\b|"
    r"airspace|stray|scrambl|incursion|broadcast|loudspeaker|leaflet|balloon|sanction|reimpos|reinstat|"
    r"airstrike|receiv|crash|fighter|jets?\b|tariff|dut(?:y|ies)\b|offensive|chlorine|nerve|novichok|mustard|"
    r"push|pour|advanc|cross|march|enter|bought|buy|purchas|acquir|batter(?:y|ies)\b|takeover|bases?\b|"
    r"garrison|outpost|withdr|pull(?:s|ed|ing)? (?:out|back)|accept|welcom|independen|sovereign|statehood)",
    re.IGNORECASE,
)

# The wording of a withdrawal of forces, in an event's or a line's text (redline.extract.event_withdrawal).
WITHDRAWAL = re.compile(r"\b(?:withdr[ae]w\w*|pull(?:s|ed|ing)?[- ](?:\w+ ){0,3}?(?:out|back)|pull-?outs?)\b",
                        re.IGNORECASE)


def is_withdrawal(text: str) -> bool:
    """Whether ``text`` words a withdrawal ("withdraw its troops", "pulled its forces out", "the pullout")."""
    return bool(WITHDRAWAL.search(text or ""))


CLAUSE = 1.0  # an event's confidence when its actor is in the clause
INFERRED = 0.6  # when the actor is inferred from the article

# Envoys that travel as a party, named with their state ("a German delegation", "US lawmakers"): officials and
# ministers are not, as often they only comment on the visit.
TRAVELLING_PARTIES = _set("delegation delegations lawmakers legislators congressmen senators parliamentarians")

# Where a sentence or a headline ends, inside a stretch of article text.
SENTENCE_END = re.compile(r"[.!?][\"'’”)]*(?:\s|$)|\n")
