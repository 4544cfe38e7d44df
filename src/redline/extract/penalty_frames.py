"""Threats whose trigger is a clause on the party they would fall on, or stands beside the answer.

"threatened to halt all trade with any state that buys from X", "will not protect those that
fail to meet the targets", "would sanction companies that sell arms to Y": the one penalised is named
by what it does, and what it does is the trigger. The frame's trigger is that party with its clause;
the consequence is the rest of the threatened act. "Whoever attacks us, we will ..." fronts that clause;
"they might hit our convoys once more, and we will hit back" sets the act and its answer side by side.
Whether the act is a threat (a penalty, a response, protection withdrawn) is the red-line step's
question, as for every frame.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from redline.extract.frame_tokens import Frame, has_modal, minus
from redline.extract.lexicon import REPORTING_VERBS

THREAT_VERBS = frozenset({"threaten", "warn", "vow", "pledge", "promise"})
GENERIC_PARTIES = frozenset({"those", "anyone", "anybody", "whoever", "everyone", "all"})
# Nouns that name a party by its kind: "any country doing business with X", "companies that sell arms".
PARTY_NOUNS = frozenset({"country", "state", "nation", "government", "company", "firm", "entity", "bank",
                         "individual", "person", "buyer", "member", "ally", "partner", "supplier", "party",
                         "shipper", "vessel", "ship", "organisation", "organization", "group", "regime"})
OBJECT_PREPS = frozenset({"to", "against", "with", "from", "on", "for"})
# Reporting verbs that are not themselves a response.
SPEECH_VERBS = REPORTING_VERBS - {"respond", "reply", "counter", "answer"}


def _future(t: Token) -> bool:
    """ "will cut", "would not defend", "(threatened) to cut", "(is not) going to defend"."""
    if has_modal(t):
        return True
    if t.dep_ != "xcomp":
        return False
    head = t.head
    # "a decree ordering the utility to cut off buyers that ...": a standing order is an answer committed to
    return head.lemma_.lower() in THREAT_VERBS or (head.lower_ == "going" and head.tag_ == "VBG") or _standing(t)


STANDING_ORDER_VERBS = frozenset({"order", "instruct", "direct", "mandate"})
# What a standing order may deny a party: "cut off", "halt deliveries to", "turn away", "freeze the assets of".
DENIAL_VERBS = frozenset({"cut", "halt", "stop", "suspend", "ban", "bar", "deny", "block", "turn", "freeze",
                          "seize", "refuse", "expel", "blacklist", "sanction", "embargo"})


def _standing(t: Token) -> bool:
    """ "a decree ordering the utility to cut off buyers that ...": an order to deny a party something is an
    answer committed to in advance; an order to help or pay is none."""
    return (t.dep_ == "xcomp" and t.head.lemma_.lower() in STANDING_ORDER_VERBS
            and t.lemma_.lower() in DENIAL_VERBS)


def _described(o: Token) -> bool:
    """A party named by a clause about what it does: "any country doing X", "those that fail to Y"; or one of
    such parties: "buyers from states that refuse to pay"."""
    if o.lemma_.lower() in PARTY_NOUNS and any(
            p.dep_ == "prep" and p.lower_ in {"from", "in", "of"} and _described(g)
            for p in o.children for g in p.children if g.dep_ == "pobj"):
        return True
    clause = any(c.dep_ in {"relcl", "acl"} and c.pos_ in {"VERB", "AUX"} for c in o.children)
    if not clause:
        return False
    if o.lower_ in GENERIC_PARTIES:
        return True
    if o.lemma_.lower() not in PARTY_NOUNS:
        return False
    dets = [c for c in o.children if c.dep_ == "det"]
    if any(d.lower_ in {"any", "every", "all"} for d in dets):
        return True
    # a bare plural: "states that fall short on spending", not "the countries that signed"
    return o.tag_ == "NNS" and not dets and not any(c.dep_ == "poss" for c in o.children)


def _objects(t: Token) -> list[Token]:
    objs = [c for c in t.children if c.dep_ == "dobj"]
    preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS]
    # "halt all trade with any state": the preposition may hang on the object
    preps += [p for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ in OBJECT_PREPS]
    return objs + [g for p in preps for g in p.children if g.dep_ == "pobj"]


def whoever_frames(doc: Doc) -> list[Frame]:
    """ "Whoever attacks our ships, we will destroy them", "anyone who crosses the border, our army will
    crush": a clause fronted on a generic party is the condition of the threat that follows."""
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ not in {"VERB", "AUX"} or not has_modal(t):
            continue
        for c in t.children:
            fronted = c.i < t.i and (
                (c.dep_ == "advcl" and any(s.dep_ == "nsubj" and s.lower_ in {"whoever", "whosoever"}
                                           for s in c.children))
                or (c.dep_ in {"npadvmod", "dep"} and c.lower_ in {"anyone", "anybody", "whoever"}
                    and any(r.dep_ == "relcl" for r in c.children)))
            if fronted:
                clause = {x.i for x in c.subtree}
                frames.append(Frame("if", minus(list(c.subtree)),
                                    minus([x for x in t.subtree if x.i not in clause]), t, extra={"mark": "whoever"}))
                break
    return frames


HOSTILE_VERBS = frozenset({"attack", "strike", "invade", "hit", "bomb", "fire", "shell", "attempt", "cross", "enter"})
ANSWER_VERBS = frozenset({"respond", "retaliate", "answer", "reply"})
BACK_VERBS = frozenset({"strike", "hit", "fight"})


def _answers(c: Token) -> bool:
    """ "we will respond", "we will strike back"."""
    lemma = c.lemma_.lower()
    return lemma in ANSWER_VERBS or (lemma in BACK_VERBS and any(x.lower_ == "back" for x in c.children))


def paratactic_frames(doc: Doc) -> list[Frame]:
    """ "They might hit our convoys once more, and we will hit back": an act and the answer to it, side by side."""
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or not has_modal(t) or t.lemma_.lower() not in HOSTILE_VERBS:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        for c in t.children:
            if c.dep_ != "conj" or c.pos_ != "VERB" or not has_modal(c) or not _answers(c):
                continue
            other = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is None or other is None or subj.lower_ == other.lower_:
                continue
            answer = {x.i for x in c.subtree}
            act = [x for x in t.subtree if x.i not in answer and not (x.dep_ == "cc" and x.head.i == t.i)]
            frames.append(Frame("if", minus(act), minus(list(c.subtree)), c, extra={"mark": "and"}))
            break
    return frames


def penalty_object_frames(doc: Doc) -> list[Frame]:
    """ "would cut off X with any country doing Y": the party's clause is the trigger."""
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or t.lemma_.lower() in SPEECH_VERBS or not _future(t):
            continue
        for o in _objects(t):
            if not _described(o):
                continue
            party = {x.i for x in o.subtree}
            rest = [x for x in t.subtree if x.i not in party]
            frames.append(Frame("anyone", minus(list(o.subtree)), minus(rest), t,
                                extra={"standing": "1"} if _standing(t) else {}))
            break
    return frames
