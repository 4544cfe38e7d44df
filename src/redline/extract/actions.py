"""Action classes (FORMAT.md §4) of a stretch of parsed text.

The head of a phrase decides first, its dependents after, in breadth-first
order from the phrase's root: "a move to lift the curbs on cruise
missiles to hit bases in Crimea" is read move → lift (+ curbs,
missiles) → ARM before the embedded "hit" is reached. A generic response
word ("respond", "measures") is only the answer when nothing more specific is
found beneath it: "respond with everything we have, including nuclear weapons"
is WMD.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Token

from redline.extract.lexicon import (
    ACTION_LEMMAS,
    FORCE_WORDS,
    PERMIT_WORDS,
    TRANSFER_VERBS,
    USE_VERBS,
    WEAPON_WORDS,
    WMD_MODIFIERS,
)

GENERIC = frozenset({"RESPOND"})
# Verbs of armed force the shared lexicon lacks: "we will purge them from the valley", "wipe out", "annihilate".
FORCE_VERBS = frozenset({"purge", "eliminate", "neutralise", "neutralize", "annihilate", "obliterate", "wipe",
                         "smash", "raze", "flatten", "rout"})
ALLIANCE_WORDS = frozenset(
    "alliance bloc pact nato eu union membership treaty organization organisation csto brics coalition "
    "accession".split()
)
STATIONING_WORDS = frozenset({"place", "placement", "host", "installation", "install", "base", "station",
                              "stationing"})
TERRITORY_WORDS = frozenset("territory territories peninsula region regions island islands land lands province "
                            "city cities town towns area areas oblast".split())
# what is cut in a diplomatic penalty: "sever ties", "cut off all diplomatic channels", "end contacts"
RELATION_WORDS = frozenset({"relation", "relations", "tie", "ties", "relationship", "channel", "channels",
                            "contact", "contacts"})
RECALL_VERBS = frozenset({"recall", "withdraw", "downgrade", "close", "shut", "expel"})
MISSION_WORDS = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "embassy",
                           "embassies", "consulate", "consulates", "mission"})
DAMAGE_WORDS = frozenset({"destroy", "destruction", "harm", "damage", "cut", "sever", "end", "ruin", "break"})
# What is cut off or halted in an economic penalty: "cut off trade with", "halt gas supplies to".
TRADE_WORDS = frozenset({"trade", "business", "export", "exports", "import", "imports", "aid", "gas", "oil",
                         "supplies", "investment", "investments", "credit", "loans"})
COMMODITY_WORDS = frozenset({"oil", "gas", "energy", "food", "grain", "water", "fuel", "power", "electricity",
                             "coal", "wheat"})
# Penalties short of force the shared lexicon lacks: "would face greater isolation", "a boycott".
ISOLATION_WORDS = frozenset({"isolation", "isolate", "boycott", "blacklist", "blacklisting", "ostracism"})
HALT_WORDS = frozenset({"cut", "halt", "suspend", "stop", "end", "freeze", "sever", "ban", "restrict"})


def _lemma(t: Token) -> str:
    return t.lemma_.lower() if t.lemma_ else t.text.lower()


def _words(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(_lemma(t))
        out.add(t.text.lower())
    return out


class _Below:
    """The words below a token (its subtree within ``within``, itself left out), read when a test first asks.

    Most tokens' tests never look below them (only certain lemmas do), so their subtrees go unwalked.
    """

    __slots__ = ("t", "within", "words")

    def __init__(self, t: Token, within: set[int] | None) -> None:
        self.t, self.within = t, within
        self.words: set[str] | None = None

    def __and__(self, other: AbstractSet[str]) -> set[str]:
        if self.words is None:
            t, within = self.t, self.within
            self.words = _words(d for d in t.subtree if d.i != t.i and (within is None or d.i in within))
        return self.words & other


def token_class(t: Token, within: set[int] | None = None) -> str | None:
    """The class a single token names, looking at its own dependents where it matters."""
    lemma = _lemma(t)
    below = _Below(t, within)
    if lemma in WMD_MODIFIERS or lemma in {"sarin", "warhead", "enrichment", "novichok"}:
        return "WMD"
    if lemma in DAMAGE_WORDS and below & RELATION_WORDS:
        return "SANCTION"
    if lemma in RECALL_VERBS and below & MISSION_WORDS:
        # "would recall its ambassador", "close the embassy": a diplomatic penalty (FORMAT.md §4)
        return "SANCTION"
    if lemma in HALT_WORDS and t.pos_ == "VERB" and below & TRADE_WORDS and not below & (WEAPON_WORDS | FORCE_WORDS):
        # "sever all trade with any state", "halt gas supplies": an economic penalty
        return "SANCTION"
    if lemma in {"supply", "delivery", "shipment", "flow"} and below & COMMODITY_WORDS and not below & WEAPON_WORDS:
        # "the world's oil supply", "gas deliveries": no arms; what is done to them decides
        return None
    if lemma in TRANSFER_VERBS or lemma in {"sale", "supply", "delivery", "transfer"}:
        if below & WMD_MODIFIERS and below & WEAPON_WORDS:
            return "WMD"
        if below & WEAPON_WORDS or lemma == "sale":
            return "ARM"
        if below & FORCE_WORDS:
            return "DEPLOY"
    if lemma in PERMIT_WORDS and below & (WEAPON_WORDS | {"strike", "use", "range", "long-range"}):
        return "ARM"
    if lemma in USE_VERBS and below & WMD_MODIFIERS:
        return "WMD"
    if lemma == "use" and below & WEAPON_WORDS:
        return "ATTACK"
    if lemma == "take" and not any(_lemma(c) in TERRITORY_WORDS for c in t.children if c.dep_ == "dobj"):
        # "takes any action against its territories" is no seizure; "take the island" is
        pass
    elif lemma in {"seize", "seizure", "capture", "take", "retake", "grab"} and below & TERRITORY_WORDS:
        # seizing a peninsula is annexation; seizing a tanker is coercion
        return "ANNEX"
    if lemma in {"bring", "smuggle", "ship", "truck", "ferry"} and below & (WEAPON_WORDS | {"rocket", "rockets"}):
        # "brings in a lorry loaded with rockets", "smuggles weapons into the zone": arming
        return "ARM"
    if lemma in {"launch", "fire"} and below & (WEAPON_WORDS | {"rocket", "rockets", "drone", "drones"}):
        # "launches a rocket", "fired missiles": firing a weapon is an attack (not "launched talks")
        return "ATTACK"
    if lemma in STATIONING_WORDS and below & (WEAPON_WORDS | FORCE_WORDS):
        # "nuclear weapons placed in Poland", "hosting the missile defence system"
        return "WMD" if below & WMD_MODIFIERS else "DEPLOY"
    if lemma in {"admit", "admission", "accept", "integrate", "integration", "enter", "entry"} and (
            below & ALLIANCE_WORDS):
        # "is accepted into NATO", "admission to the bloc"
        return "JOIN"
    if lemma in {"join", "joining"}:
        # joining an alliance is JOIN; "join military action" is whatever the action is.
        return "JOIN" if below & ALLIANCE_WORDS else None
    if lemma in WEAPON_WORDS and any(_lemma(c) in WMD_MODIFIERS for c in t.children):
        return "WMD"
    if ACTION_LEMMAS.get(lemma) in {"ATTACK", "RESPOND"} and any(
            _lemma(c) in WMD_MODIFIERS and c.dep_ in {"amod", "compound"} for c in t.children):
        # "nuclear retaliation", "a chemical attack", "a nuclear response"
        return "WMD"
    if lemma in ISOLATION_WORDS:
        return "SANCTION"
    if lemma == "zone" and below & {"fly", "no-fly", "exclusion", "buffer"}:
        # "imposing a no-fly zone", "an exclusion zone": coercion short of an attack
        return "COERCE"
    if lemma in {"involve", "involvement", "participation", "participate"} and below & FORCE_WORDS:
        return "DEPLOY"
    if lemma in FORCE_VERBS and t.pos_ == "VERB":
        return "ATTACK"
    if lemma in {"terror", "terrorism"} or (lemma == "terrorist" and below & {"attack", "strike", "act"}):
        # "any future act of terror", "a terror strike": an armed attack
        return "ATTACK"
    if lemma in {"cross", "violate", "breach"} and below & {"border", "frontier", "boundary"}:
        # "if troops cross the border": an incursion, not a red line crossed
        return "ATTACK"
    if lemma == "military" and t.i + 2 < len(t.doc) and t.nbor(1).text == "-" and t.nbor(2).lower_ == "technical":
        # "military-technical measures", the officialese of an unspecified answer: no armed attack named
        return None
    return ACTION_LEMMAS.get(lemma) or ACTION_LEMMAS.get(t.text.lower())


def roots(tokens: Sequence[Token]) -> list[Token]:
    """The tokens of a stretch whose head lies outside it (or that are their own head)."""
    ids = {t.i for t in tokens}
    return [t for t in tokens if t.head.i == t.i or t.head.i not in ids]


# Below a generic answer, what it answers or is for: "consequences over the deployment of X", "countermeasures
# to safeguard its sovereignty" are answers of no kind, not a deployment.
GROUND_PREPS = frozenset({"over", "for", "because", "after", "amid", "regarding", "concerning"})
PURPOSE_DEPS = frozenset({"acl", "relcl", "advcl", "xcomp"})


def _grounds(t: Token) -> set[int]:
    return {d.i for c in t.children
            if (c.dep_ == "prep" and c.lower_ in GROUND_PREPS) or c.dep_ in PURPOSE_DEPS for d in c.subtree}


def classify(tokens: Sequence[Token], answer: bool = False) -> str:
    """The action class of a stretch of tokens of one parsed sentence.

    ``answer``: the stretch is a threatened response, so below a generic answer ("measures", "consequences")
    only its manner counts ("with everything we have, including nuclear weapons"), not its ground or purpose.
    """
    if not tokens:
        return "OTHER"
    if any(t.lower_ == "legitimate" and t.head.lemma_.lower() == "target" for t in tokens):
        # "would become legitimate targets": a threat of attack, whatever noun comes first.
        return "ATTACK"
    ids = {t.i for t in tokens}
    queue: deque[Token] = deque(roots(tokens))
    seen: set[int] = set()
    fallback: str | None = None
    while queue:
        t = queue.popleft()
        if t.i in seen:
            continue
        seen.add(t.i)
        cls = token_class(t, ids)
        if cls is not None:
            if cls not in GENERIC:
                return cls
            fallback = fallback or cls
            if answer:
                seen |= _grounds(t)
        queue.extend(c for c in t.children if c.i in ids and c.i not in seen)
    return fallback or "OTHER"
