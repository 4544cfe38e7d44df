"""Comparing the wording of triggers and proposals: a small synonym map, then rapidfuzz.

``normalise`` lower-cases, maps multi-word phrases and synonyms to one word
each (send/deploy/dispatch/station → deploy; troops/soldiers/forces/personnel/
boots on the ground → troops), drops function words and crude plurals, so
"send Western troops to Ukraine" and "deploy NATO soldiers in Ukraine" read
the same. ``text_similarity`` is rapidfuzz's ``token_set_ratio`` of the
normalised texts (0-100). The lists are about how news words security
actions in general, not about any one conflict.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

# fmt: off
# Multi-word phrases first, so "boots on the ground" is not read as boots + ground.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("boots on the ground", "troops"), ("ground troops", "troops"), ("ground forces", "troops"),
    ("military personnel", "troops"), ("armed forces", "troops"), ("no-fly zone", "nofly"),
    ("no fly zone", "nofly"), ("long range", "longrange"), ("long-range", "longrange"),
)
_GROUPS: dict[str, list[str]] = {
    # sending people or systems somewhere
    "deploy": ["send", "sends", "sent", "sending", "deploy", "deploys", "deployed", "deploying", "deployment",
               "deployments", "dispatch", "dispatches", "dispatched", "dispatching", "station", "stations",
               "stationed", "stationing", "put", "puts", "putting", "place", "places", "placed", "placing",
               "commit", "commits", "committed", "committing", "move", "moved", "moving"],
    "troops": ["troops", "troop", "soldiers", "soldier", "forces", "personnel", "servicemen", "contingent",
               "contingents", "boots", "instructors", "trainers"],
    "western": ["western", "west", "nato", "allied", "allies", "alliance"],
    # supplying arms
    "supply": ["supply", "supplies", "supplied", "supplying", "provide", "provides", "provided", "providing",
               "deliver", "delivers", "delivered", "delivering", "delivery", "deliveries", "give", "gives",
               "giving", "given", "transfer", "transfers", "transferred", "transferring", "arm", "arming"],
    "weapons": ["weapons", "weapon", "weaponry", "arms", "munitions"],
    "missiles": ["missiles", "missile", "rockets", "rocket"],
    # armed force
    "strike": ["strike", "strikes", "struck", "striking", "attack", "attacks", "attacked", "attacking", "hit",
               "hits", "hitting", "bomb", "bombs", "bombing", "shell", "shelling", "target", "targets",
               "targeting", "targeted"],
    "invade": ["invade", "invades", "invaded", "invading", "invasion", "offensive"],
    # alliances
    "join": ["join", "joins", "joined", "joining", "membership", "accession", "accede", "admit", "admits",
             "admitted", "admitting", "admission", "enlargement", "expansion", "expand"],
    # penalties, and the rest
    "sanction": ["sanction", "sanctions", "sanctioned", "sanctioning", "embargo", "embargoes"],
    "nuclear": ["nuclear", "atomic"],
    "ceasefire": ["ceasefire", "truce", "armistice"],
    "talks": ["negotiations", "negotiation", "talks", "negotiate", "negotiating"],
}
_STOPWORDS = frozenset((
    "a", "an", "the", "to", "in", "into", "inside", "within", "on", "onto", "of", "for", "at", "by",
    "with", "from", "any", "its", "their", "his", "her", "be", "is", "are", "was", "were", "been", "being",
    "would", "will", "could", "should", "may", "might", "must", "can", "if", "that", "this", "these",
    "those", "and", "or", "as", "it", "they", "them", "we", "us", "our", "there", "such", "some", "more",
    "further", "other", "soil", "territory", "country", "countries", "ground",
))
# fmt: on
_SYNONYMS: dict[str, str] = {word: canon for canon, words in _GROUPS.items() for word in words}
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=1 << 16)  # pure: ingest compares each stored proposal's words with every new stance's
def normalise(text: str) -> str:
    """Lower-cased content words, synonyms mapped to one word ("dispatch soldiers" → "deploy troops")."""
    t = " " + text.lower().replace("’", "'") + " "
    for phrase, word in _PHRASES:
        t = t.replace(f" {phrase} ", f" {word} ").replace(f" {phrase}", f" {word}")
    words = [_SYNONYMS.get(w, w) for w in _TOKEN.findall(t)]
    return " ".join(_singular(w) for w in words if w not in _STOPWORDS and len(w) > 1)


def _singular(word: str) -> str:
    # A crude plural strip, applied to both sides alike: "jets" ~ "jet", "f-16s" ~ "f-16".
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# fmt: off
# Words that name no particular action: "the resolution", "the plan", "it goes ahead", "such actions are repeated".
# A text of only these (or of one content word) says what is meant only in its sentence.
_GENERIC = frozenset(_singular(w) for w in (
    "resolution", "resolutions", "plan", "plans", "proposal", "proposals", "deal", "agreement", "measure",
    "measures", "bill", "move", "idea", "decision", "initiative", "offer", "request", "demand", "step", "steps",
    "package", "draft", "motion", "framework", "option", "principle", "favor", "favour", "adoption", "support",
    "issue", "matter", "question", "thing", "things", "way", "call", "calls", "no", "yes", "not", "action",
    "actions", "act", "acts", "repeat", "repeated", "repeats", "happen", "happens", "happened", "go", "goes",
    "going", "ahead", "make", "made", "do", "does", "done", "continue", "continues", "continued", "attempt",
    "attempts", "so", "again", "also", "which", "what", "who", "he", "she", "you", "i", "one", "ones",
    # how a vote or a position is reported, not what it is on: "that supported the resolution", "voted
    # against the draft", "the text must be applied without delay" (votes read voter by voter)
    "supported", "supporting", "supports", "oppose", "opposed", "opposes", "opposing", "opposition", "back",
    "backed", "backing", "backs", "vote", "voted", "votes", "voting", "abstain", "abstained", "abstention",
    "abstentions", "against", "reject", "rejected", "rejection", "adopt", "adopted", "approve", "approved",
    "approval", "endorse", "endorsed", "welcome", "welcomed", "implement", "implemented", "implementation",
    "full", "fully", "passed", "passage", "non-binding", "binding", "text", "amendment",
))
# fmt: on


@lru_cache(maxsize=1 << 16)
def is_generic(text: str) -> bool:
    """Whether a trigger or proposal text names nothing particular: empty, one content word, or only words
    like "the resolution" / "such actions are repeated". Its sentence, not its wording, says what it is."""
    words = normalise(text).split()
    return len(words) <= 1 or all(w in _GENERIC for w in words) or _forces_of(text, words)


def _forces_of(text: str, words: list[str]) -> bool:
    """Whether a text only names whose forces ("Ukrainian forces", "British troops"): parties, no move."""
    if words[-1:] != [_FORCES]:
        return False
    named = set(normalise(" ".join(w for w in re.findall(r"[\w'’-]+", text) if w[:1].isupper())).split())
    return all(w in named for w in words[:-1])


_FORCES = _singular("troops")


# Words that call an act hostile without saying which act it is ("aggression against ... and its allies",
# "any attack on us"): a trigger of only these and names says who is covered, not what is done.
_HOSTILE_ONLY = frozenset(normalise(w) for w in (
    "aggression", "aggressive", "attack", "armed", "military", "against", "allies", "act", "acts", "action",
    "actions", "hostile", "hostilities", "any", "us", "it",
))


def names_no_act(text: str) -> bool:
    """Whether a trigger says only that some act is hostile, and against whom ("aggression against Zembia and
    its allies"): no word but the hostile ones (:data:`_HOSTILE_ONLY`, :data:`_GENERIC`) and names."""
    words = normalise(text).split()
    named = set(normalise(" ".join(w for w in re.findall(r"[\w'’-]+", text) if w[:1].isupper())).split())
    return bool(words) and all(w in _HOSTILE_ONLY or w in _GENERIC or w in named for w in words)


# A trigger that points back ("such payments are not made", "this happens", "they cross it"): what it means
# is said in the sentence before.
_ANAPHORIC = re.compile(r"^\W*(?:if\s+|when\s+|should\s+)?(?:such|this|these|those|it|they)\b|\bsuch\b", re.I)


def is_anaphoric(text: str) -> bool:
    """Whether a trigger refers back to something named before it ("such payments", "this", "they")."""
    return bool(_ANAPHORIC.search(text))


# A trigger that brings back an earlier measure ("sanctions are reinstated", "the embargo is reimposed", "the
# snapback is triggered", "tariffs are brought back"): a return to what was, not a new act. "The latest
# sanctions are adopted" and "the sanctions are snapped back" are two triggers however alike they read.
_RESTORES = re.compile(
    r"\bre-?(?:instat|impos|introduc)\w*|\bsnap-?\s?back|\bsnap(?:s|ped|ping)?\s+back\b"
    r"|\b(?:bring|brings|bringing|brought)\s+back\b",
    re.I,
)


def restores_earlier(text: str) -> bool:
    """Whether a trigger brings back an earlier measure ("sanctions are reinstated", "snapped back")."""
    return bool(_RESTORES.search(text))


# An article about a force sent to keep a peace: troops "as peacekeepers", "a reassurance force" after a ceasefire
# or a peace deal. Sending troops into such a force and sending them into the war are two moves (issue 9).
_PEACE_FORCE = re.compile(
    r"\bpeace-?keep|\breassurance force|\bcease-?fire\b|\btruce\b|\bpeace (?:deal|agreement|settlement|accord)"
    r"|\bpost-?war\b",
    re.I,
)


def about_peace_force(text: str) -> bool:
    """Whether a text speaks of keeping a peace (peacekeepers, a reassurance force, a ceasefire or peace deal)."""
    return bool(_PEACE_FORCE.search(text))


def text_similarity(a: str, b: str) -> float:
    """0-100: how alike two texts are once normalised (rapidfuzz ``token_set_ratio``)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    return float(fuzz.token_set_ratio(na, nb))


# fmt: off
# Debates news words many ways that a sentence model does not read as one move. Each entry: the canonical
# wording a proposal is embedded from when its text words the move so, and the patterns of that move. Lifting
# range limits, letting a country's weapons be used against targets inside another, a named missile's use:
# one debate, whichever conflict (issue 9). Supplying the weapons is another move and is not matched here.
_MOVES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("permission to strike targets deep inside the enemy's territory with supplied long-range weapons", re.compile(
        r"\brange[- ](?:restriction|limit|limitation|cap)s?\b"
        r"|\b(?:restriction|limit|limitation|constraint)s? on (?:the |its |their |how \w+ )?use\b"
        r"|\b(?:use|using|fire|firing|launch|launching)\b[^.;]{0,60}\b(?:to strike|to hit|against)\b[^.;]{0,30}"
        r"\b(?:inside|deep into|deep in)\b"
        r"|\buse of [A-Z][\w-]+(?: [A-Z][\w-]+)? (?:missiles?|rockets?)\b",
    )),
)
# fmt: on


def debated_move(text: str) -> str | None:
    """The canonical wording of the debated move a proposal text words (:data:`_MOVES`), or None."""
    for canonical, pattern in _MOVES:
        if pattern.search(text):
            return canonical
    return None
