"""Cue words: action classes (FORMAT.md §4), attribution, conditionals, positions.

Everything here is general news vocabulary, keyed by lemma. Action classes are
read from the head of a phrase first and its dependents after, so "a move to
lift restrictions on missiles" is ARM (lift + restrictions), not ATTACK.
"""

from __future__ import annotations

import re

# Lemmas that name an action class on their own.
ACTION_LEMMAS: dict[str, str] = {}


def _add(cls: str, words: str) -> None:
    """Words of one class. Every reader looks a word up by one token's lemma or text, so an entry is one token,
    and a word belongs to one class (a second one would be dropped without a word)."""
    for w in words.split():
        if ACTION_LEMMAS.setdefault(w, cls) != cls:
            raise ValueError(f"action word {w!r} is listed as {ACTION_LEMMAS[w]} and as {cls}")


_add("WMD", "nuclear nuke nukes warhead warheads chemical sarin chlorine biological enrichment enrich "
            "radiological atomic thermonuclear novichok")
_add("ARM", "arm arms supply supplies deliver delivery deliveries transfer provide weapon weapons missile missiles "
            "tomahawk tomahawks atacms taurus himars tank tanks f-16 f-16s jet jets munition munitions ammunition "
            "artillery armament armaments sale sales")
_add("DEPLOY", "deploy deployment send station stationing troop troops soldier soldiers boots personnel "
               "contingent garrison base bases forces peacekeeper peacekeepers presence militarise militarize "
               "militarisation militarization")
_add("JOIN", "join membership accession admit admission enlargement")
_add("ANNEX", "annex annexation independence secede secession occupy occupation reunification "
              "retake partition status")
_add("SANCTION", "sanction sanctions embargo tariff tariffs expel expulsion boycott freeze ban bans blacklist "
                 "relation relations tie ties")
_add("COERCE", "blockade quarantine cyberattack cyber-attack hack mobilise mobilize mobilisation mobilization "
               "drill drills exercise exercises close closure seize seizure intercept provocation provocations "
               "pressure")
_add("ATTACK", "attack attacks strike strikes invade invasion aggression offensive war warfare shell shelling "
               "bomb bombing fire hit assault incursion intervention intervene conflict confrontation combat fight "
               "fighting retaliation retaliate destroy destruction defeat hostilities encroachment encroach raid "
               "shoot bombard bombardment kill target military crush")
_add("RESPOND", "respond response consequence consequences measure measures countermeasure countermeasures "
                "counter counteraction reaction react answer price regret retribution punish punishment revenge "
                "action actions step steps decision decisions")

# Dependents that turn a generic verb into a class: send troops (DEPLOY) vs send weapons (ARM).
WEAPON_WORDS = frozenset(
    "weapon weapons missile missiles arms tank tanks jet jets munition munitions ammunition artillery "
    "tomahawk tomahawks atacms taurus himars drone drones system systems f-16 f-16s aircraft rocket rockets "
    "armament armaments".split()
)
FORCE_WORDS = frozenset(
    "troop troops soldier soldiers boots personnel forces contingent peacekeeper peacekeepers unit units "
    "instructor instructors trainer trainers mission army".split()
)
TRANSFER_VERBS = frozenset("send supply deliver provide transfer give hand ship dispatch equip sell".split())
PERMIT_WORDS = frozenset("allow permit authorise authorize lift restriction restrictions limit limits "
                         "green-light greenlight approve".split())
WMD_MODIFIERS = frozenset("nuclear chemical biological atomic radiological".split())
USE_VERBS = frozenset("use employ launch deploy fire".split())

# Attribution: verbs whose subject voices the sentence.
REPORTING_VERBS = frozenset(
    "say tell warn threaten state add stress note declare announce claim vow insist caution emphasise emphasize "
    "write indicate argue pledge reiterate signal assert accuse urge demand reply respond confirm explain "
    "underline underscore suggest describe remark tweet post caution promise repeat clarify highlight "
    "affirm reaffirm reconfirm maintain proclaim report stipulate specify decide".split()
)

# Subordinators that open a condition.
CONDITION_MARKS = frozenset("if unless once should whenever".split())
CONDITION_PHRASES = re.compile(
    r"\b(?:in the event (?:of|that)|in case of|in that case|as soon as|the moment|otherwise|or else|"
    r"provided that|on condition that)\b",
    re.IGNORECASE,
)

# Predicates that tie a trigger to its consequence: "X would lead to Y".
LINK_LEMMAS = frozenset(
    "lead mean constitute result trigger provoke cause spark bring amount equal entail invite prompt "
    "make become render turn".split()
)
# Role nouns: "the minister said" carries the voice of the official named before.
ROLE_WORDS = frozenset(
    "spokesman spokeswoman spokesperson minister president premier chancellor ambassador envoy official officials "
    "general commander chief leader adviser advisor aide secretary representative head director diplomat "
    "lawmaker senator deputy governor admiral colonel marshal king prince emir ayatollah speaker mayor "
    "negotiator attaché attache consul ministry".split()
)
REGARD_LEMMAS = frozenset("regard consider see view treat deem perceive interpret construe".split())
MEET_LEMMAS = frozenset("meet answer".split())

# Wording of a threatened response (the consequence side).
RESPONSE_RE = re.compile(
    r"\b(?:respon(?:d|se|ses|ding)|retaliat\w*|counter(?:measures?|action|ed|ing)?|consequences?|"
    r"act of (?:war|aggression)|declaration of war|casus belli|cause of war|at war|"
    r"(?:direct|military|armed) (?:conflict|confrontation|clash|response|intervention|action)|"
    r"war\b|world war|nuclear|any weapons?|all means|entire arsenal|every means|"
    r"pay (?:a|the) (?:heavy |high )?price|regret|self-destruction|destroy\w*|destruction|burn\w*|"
    r"punish\w*|legitimate targets?|sanctions?|tariffs?|appropriate (?:measures|decisions|steps|action)|"
    r"necessary (?:measures|steps)|decisive(?:ly)?|resolute(?:ly)?|defeat|crush\w*|inevitab\w*|"
    r"self-defen[cs]e|will not (?:tolerate|stand idly|sit idly)|not (?:tolerate|remain indifferent)|"
    r"escalat\w*|aggression|harm|intervention|provocation|(?:with|by|use of|overwhelming|military) force|"
    r"do (?:what(?:ever)? is|everything|all that is) (?:necessary|needed|required)|whatever it takes|"
    r"(?:all|every) necessary|pay (?:dearly|heavily)|(?:military|corresponding|reciprocal) (?:action|measures)|"
    # withdrawing protection or help is a response too: "or they stand to lose American protection"
    r"los(?:e|es|ing) (?:\w+ ){0,3}(?:protection|guarantees?|support|aid|backing|assistance)|"
    r"(?:withdraw\w*|cut\w*|end\w*|suspend\w*) (?:\w+ ){0,2}(?:protection|guarantees?|aid|assistance|cooperation))\b",
    re.IGNORECASE,
)

# Explicit red-line wording.
EXPLICIT_RE = re.compile(
    r"\b(?:red[- ]lines?|redlines?|line in the sand|casus belli|cause of war|point of no return|"
    r"(?:an? )?act of war|crossed? (?:a|the|our|any) line)\b",
    re.IGNORECASE,
)
# Contexts in which "red line" is not about international security.
NON_SECURITY_RE = re.compile(
    r"\b(?:metro|subway|transit|train|trains|rail|station|stations|commuter|bus|fare|CTA|MBTA|"
    r"budget|budgetary|brexit|fiscal|deficit|tax|taxes|salary|wage|wages|pension|union contract|coalition talks|"
    r"customs|single market|funding|"
    r"football|soccer|league|match|tournament|cricket|referee|"
    r"fashion|lipstick|makeup|recipe|wine|song|album|film|movie|novel|box office|"
    r"shareholders?|merger|earnings|IPO|stock market)\b",
    re.IGNORECASE,
)
# Words that make a sentence about international security even beside a budget or transit word.
STRONG_SECURITY_RE = re.compile(
    r"\b(?:war|wars|military|troops|soldiers|army|armed|weapons?|missiles?|nuclear|attack\w*|invasion|invade\w*|"
    r"aggression|warships?|drones?|airstrikes?|chemical|biological)\b",
    re.IGNORECASE,
)
SECURITY_RE = re.compile(
    r"\b(?:war|wars|military|troops|soldiers|army|armed|weapons?|missiles?|nuclear|attack\w*|strikes?|invasion|"
    r"sovereignty|territor\w*|border|defen[cs]e|sanctions?|conflict|aggression|forces|NATO|Kremlin|"
    r"Pentagon|regime|independence|chemical|drills?|alliance)\b",
    re.IGNORECASE,
)

# Certainty from the holder's strongest wording (FORMAT.md §5).
HIGH_RE = re.compile(
    r"\b(?:will|shall|won't|inevitab\w*|certainly|definitely|surely|absolutely|means|is|are|must|immediately|"
    r"instantaneous\w*|no doubt)\b", re.IGNORECASE,
)
MEDIUM_RE = re.compile(r"\b(?:would|wouldn't|should|likely)\b", re.IGNORECASE)
LOW_RE = re.compile(r"\b(?:could|may|might|can|possibly|potentially)\b", re.IGNORECASE)

# Stance positions.
OPPOSE_RE = re.compile(
    r"\b(?:reject\w*|rule[sd]? out|ruling out|oppos\w*|refus\w*|den(?:y|ies|ied)|veto\w*|"
    r"(?:would|will|does|do|did|could|can)(?: not|n't) (?:support|accept|allow|agree|back|send|consider|"
    r"tolerate|permit|participate|join|take part|deploy|provide|supply|use)|"
    r"no (?:plans?|intention|desire|question of)|not (?:necessary|needed|planning|going to)|dismiss\w*|"
    r"condemn\w*|against (?:the|such|any|sending|deploying)|objects? to|objected|blocked|block)\b",
    re.IGNORECASE,
)
OPEN_RE = re.compile(
    r"\b(?:(?:should|must|could|would|will|cannot|can't|can not)(?: not)? be (?:excluded|ruled out)|"
    r"not (?:be )?(?:exclud\w*|rul\w* out)|nothing (?:should|can|is) (?:be )?(?:excluded|ruled out)|"
    r"(?:all|every) options?|options? (?:remain|are|is|should be) (?:open|on the table)|on the table|"
    r"consider\w*|weigh\w*|mull\w*|explor\w*|open to|not reject\w*|did not reject|undecided|"
    r"will decide|(?:has|have) not decided|does not say|did not say|studying|reviewing|discussing|"
    r"possibility|may|might|could)\b",
    re.IGNORECASE,
)
CONDITIONAL_RE = re.compile(
    r"\b(?:only (?:if|for|to|as|in|on|when|after|under|training|non-combat|defensive)|"
    r"provided (?:that)?|on condition|as long as|not on the front ?line|not (?:in|on) (?:the )?front|"
    r"unless|limited to|"
    r"not (?:directly|in combat)|(?:only|purely) (?:a )?(?:training|support|defensive|non-combat))\b",
    re.IGNORECASE,
)
SUPPORT_RE = re.compile(
    r"\b(?:support\w*|back\w*|calls? for|called for|urg\w*|favou?r\w*|endors\w*|welcom\w*|push\w* for|"
    r"propos\w*|pledg\w*|agree[sd]? to|decided to|decides to|approv\w*|green[- ]?l\w*|announc\w*|"
    r"will (?:send|provide|supply|deliver|deploy|lift|join|impose)|plans? to|ready to|willing to|"
    r"wants?|press\w* for|insist\w*|necessary to|need to|must)\b",
    re.IGNORECASE,
)

# What a stance is about: debated moves in international security.
PROPOSAL_RE = re.compile(
    r"\b(?:troops?|soldiers?|boots on the ground|forces|personnel|mission|deploy\w*|send\w*|weapons?|missiles?|"
    r"bases?|military presence|warships?|"
    r"arms|tanks?|jets?|aircraft|munitions?|air defen[cs]e|long-range|restrictions?|sanctions?|embargo|tariffs?|"
    r"ceasefire|cease-fire|truce|peace|talks|negotiat\w*|dialogue|membership|join\w*|accession|"
    r"independence|reunification|strike\w*|attack\w*|military (?:aid|action|force|intervention|support|engagement)|"
    r"aid|resolution|deal|agreement|shoot\w* down|no-fly zone|blockade|annex\w*|nuclear|enrichment|"
    # Moves outside weapons and troops: a force or mission of a purpose, frozen assets, a treaty, a vote ...
    r"(?:peace-?keeping|reassurance|stabili[sz]ation|monitoring|observer|protection|security|multinational) "
    r"(?:force|mission)|peace-?keep\w*|(?:frozen|seized|immobili[sz]ed) (?:\w+ )?assets|treat(?:y|ies)|"
    r"referend(?:um|a)|corridors?|Article \d+|consultations?)\b",
    re.IGNORECASE,
)
# Measures of trade and diplomacy that name a stance's proposal ("refrained from backing the proposed ban on
# ...") where PROPOSAL_RE names none: they label a stance found, they do not make one (the stance scorer was
# fitted on the sentences PROPOSAL_RE finds).
MEASURE_RE = re.compile(
    r"\b(?:(?:import |export |travel |oil |gas )?bans?|boycotts?|price caps?|export controls|expulsions?)\b",
    re.IGNORECASE,
)
