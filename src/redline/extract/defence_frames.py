"""Pledges to defend another party: the unstated trigger is an attack on the one defended.

"X and Y will defend Z", a headline's "Country to defend its islands", "would side with Japan in a
clash". The red-line step reads the trigger as an attack on the defended party, whoever would make it,
and the defence as the answer.

A collective-defence clause invoked: "any assault on the atoll falls under the pact's Article 5",
"would trigger the alliance's mutual-defence clause". The attack is the trigger, the clause the answer.

Standing orders to intercept ("ordered its batteries to stand ready to down any rocket that threatens
X", "troops would down any drone that crosses the border"): what would threaten or enter the territory
is the trigger, an attack on it; the interception, ordered by the holder, is the answer.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from redline.extract.frame_tokens import Frame, child, has_modal, minus

DEFEND_LEMMAS = frozenset({"defend", "protect"})


def defence_frames(doc: Doc) -> list[Frame]:
    """A pledge to defend another party: "X and Y will defend Z", "Country to defend its islands",
    "would side with Japan in a clash". An attack on the one defended, unstated, brings the defence.

    The trigger holds the defended party's words only; the red-line step reads the act as an attack on it.
    """
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or any(c.dep_ == "neg" for c in t.children):
            continue
        # a headline's "Country to defend its islands": "to" with the verb's own subject before it
        to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        headline_to = to is not None and any(c.dep_ in {"nsubj", "dep"} and c.i < to.i for c in t.children)
        if not (has_modal(t) or headline_to):
            continue
        lemma = t.lemma_.lower()
        obj: Token | None = None
        if lemma in DEFEND_LEMMAS:
            obj = child(t, {"dobj"})
        elif lemma == "side":
            obj = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in {"PROPN", "NOUN"}:
            frames.append(Frame("defence", [obj, *[c for c in obj.conjuncts]], minus(list(t.subtree)), t))
    return frames


# A defence clause: "Article 5", "Article V", "the mutual-defence clause", "the security treaty", "the defence pact".
TREATY_CLAUSE = re.compile(r"\barticle (?:5|v|five|4|iv|four)\b|\b(?:mutual|collective)[- ]?(?:defen[cs]e|security)\b|"
                           r"\b(?:security|defen[cs]e) (?:treaty|pact|clause|guarantee|commitment)s?\b", re.IGNORECASE)
INVOKE_LEMMAS = frozenset({"cover", "fall", "trigger", "invoke", "activate", "come", "apply"})


def treaty_frames(doc: Doc) -> list[Frame]:
    """An act said to bring a defence clause into play: "a strike on the reef would come under Article 5",
    "a strike on a member would trigger the mutual-defence clause" (``extra["treaty"]``)."""
    frames: list[Frame] = []
    for t in doc:
        if t.lemma_.lower() not in INVOKE_LEMMAS or not has_modal(t) or any(c.dep_ == "neg" for c in t.children):
            continue
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None:
            continue
        rest = minus(list(t.subtree), list(subj.subtree))
        # the clause is what the act falls under or sets off ("by Article 5", "under the pact", "trigger Article 5")
        named = [c for c in t.children if c.dep_ in {"agent", "prep", "dobj"} and c.i > t.i]
        if any(TREATY_CLAUSE.search(" ".join(x.text for x in c.subtree)) for c in named):
            frames.append(Frame("meet", minus(list(subj.subtree)), rest, t, extra={"treaty": "1"}))
    return frames


# Standing orders to intercept (issues 8, 9): "ordered its destroyers to intercept any projectile that endangered
# its islands", "troops would down any drone that crossed the border". Whatever threatens or enters the territory
# is the trigger (an attack on it); the interception is the answer. A report of something shot down is none.
INTERCEPT_LEMMAS = frozenset({"intercept", "down", "destroy", "neutralise", "neutralize"})
# "shoot down", "bring down", "take out": the verb with its particle
PARTICLE_VERBS = {"shoot": "down", "bring": "down", "take": "out", "knock": "down"}
PROJECTILE_WORDS = frozenset(
    "missile missiles rocket rockets projectile projectiles drone drones uav uavs aircraft plane planes jet jets "
    "warplane warplanes helicopter helicopters balloon balloons vessel vessels ship ships boat boats warship "
    "warships submarine submarines fighter fighters bomber bombers object objects".split())
# Who gives the order or readies the forces: "ordered units to intercept", "readies jets to down".
ORDER_LEMMAS = frozenset({"order", "instruct", "authorize", "authorise", "direct", "command", "ready", "prepare",
                          "empower", "permit", "allow", "mandate"})
HEADLINE_ORDERS = frozenset({"readies", "orders", "prepares", "authorises", "authorizes", "instructs"})
STANDING_DETS = frozenset({"any", "every", "all"})


def _intercepts(t: Token) -> bool:
    lemma = t.lemma_.lower()
    if lemma in INTERCEPT_LEMMAS:
        return True
    part = PARTICLE_VERBS.get(lemma)
    return part is not None and any(c.dep_ == "prt" and c.lower_ == part for c in t.children)


def _ordered(t: Token) -> Token | None:
    """The order or readiness the interception is under: "ordered units to (stand ready to) intercept",
    "readies jets to shoot down", "are ready to intercept"; None for a report of what was intercepted."""
    cur = t
    for _ in range(3):
        if cur.dep_ not in {"xcomp", "ccomp", "acomp", "advcl"} or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in ORDER_LEMMAS and not any(c.dep_ == "neg" for c in cur.children):
            return cur
    to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None:
        # a headline's "Country readies jets to shoot down drones", often parsed as nouns before the verb
        near = [x for x in t.doc[max(0, to.i - 4): to.i] if x.lower_ in HEADLINE_ORDERS]
        if near:
            return near[-1]
    return None


def _standing_object(o: Token) -> bool:
    """ "any drone", "every vessel", "missiles that enter its airspace": what the order covers, not one act."""
    return any(c.dep_ == "det" and c.lower_ in STANDING_DETS for c in o.children) or any(
        c.dep_ in {"relcl", "acl"} for c in o.children)


def intercept_frames(doc: Doc) -> list[Frame]:
    """A standing order to intercept: "will shoot down any rocket that threatens X", "ordered units to be ready
    to intercept any drone entering its airspace", a headline's "X readies jets to down Y drones". The object
    (what would threaten or enter) is the trigger, read by the red-line step as an attack on the territory; the
    interception is the answer."""
    frames: list[Frame] = []
    for t in doc:
        # "troops would down any drone": the parser may read a modal's "down" as a preposition
        verb = t.pos_ == "VERB" or (t.lower_ == "down" and has_modal(t))
        if not verb or not _intercepts(t) or any(c.dep_ == "neg" for c in t.children):
            continue
        passive = any(c.dep_ == "auxpass" for c in t.children)
        obj = child(t, {"nsubjpass"} if passive else {"dobj"})
        if obj is None or obj.lemma_.lower() not in PROJECTILE_WORDS:
            continue
        order = _ordered(t)
        # readiness is standing whatever the object ("readies its military to shoot down Ruritanian rockets")
        standing = _standing_object(obj) or (order is not None and order.lemma_.lower() in {"ready", "prepare"})
        if not standing or not (has_modal(t) or order is not None):
            continue
        trigger = minus(list(obj.subtree))
        frames.append(Frame("intercept", trigger, minus(list(t.subtree), trigger), t,
                            extra={"order": str(order.i) if order is not None else ""}))
    return frames
