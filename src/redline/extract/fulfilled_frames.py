"""Threats carried out: an act reported as the fulfilment of a warning stated inside a participle phrase.

"The navy sank the boats, acting on an earlier warning, which told the smugglers to stop their runs";
"the army shelled the positions, carrying out its threat to strike if the militia kept firing". The act
reported is the answer (the consequence); the warning's demand, refused, or its condition is the trigger.
The threat is named only in the subordinate phrase, so no other frame finder sees the main clause as its answer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from redline.extract.frame_tokens import Frame, minus
from redline.extract.lexicon import CONDITION_MARKS, REPORTING_VERBS

# What is fulfilled: the threat, not a promise of aid.
THREAT_NOUNS = frozenset({"threat", "threats", "warning", "warnings", "ultimatum"})
# "follow through on", "make good on", "deliver on", "act on" the threat; "carry out", "execute" it.
ON_VERBS = frozenset({"follow", "make", "deliver", "act"})
OBJECT_VERBS = frozenset({"carry", "execute", "implement", "fulfil", "fulfill"})
DEMAND_VERBS = frozenset({"demand", "urge", "tell", "order", "call", "ask", "insist", "warn"})
# "that X stop sending drones": the verb of stopping is not part of the line.
CEASE_VERBS = frozenset({"stop", "halt", "cease", "end", "quit"})


def _threat_noun(verb: Token) -> Token | None:
    """The threat a participle fulfils: "following through on a warning", "carrying out its threat"."""
    lemma = verb.lemma_.lower()
    if lemma in ON_VERBS:
        for p in verb.children:
            if p.dep_ == "prep" and p.lower_ == "on":
                noun = next((g for g in p.children if g.dep_ == "pobj"), None)
                if noun is not None and noun.lower_ in THREAT_NOUNS:
                    return noun
        return None
    if lemma in OBJECT_VERBS:
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return noun if noun is not None and noun.lower_ in THREAT_NOUNS else None
    return None


def _demanded(noun: Token) -> list[Token]:
    """What the warning demanded or on what condition it threatened: "a warning that demands X stop Y" gives
    "X stop Y"; "its threat to strike if X kept firing" gives "X kept firing"."""
    for t in noun.subtree:
        if t.dep_ == "mark" and t.lower_ in CONDITION_MARKS and t.head.i != t.i:
            return minus(list(t.head.subtree), [t])
    for t in noun.subtree:
        if t.lemma_.lower() in DEMAND_VERBS and t.i != noun.i:
            comp = next((c for c in t.children if c.dep_ in {"ccomp", "xcomp"}), None)
            if comp is not None:
                return minus(list(comp.subtree), [c for c in comp.children if c.dep_ == "mark"], _stop_word(comp))
    return []



def _stop_word(comp: Token) -> list[Token]:
    """In "that X stop sending drones" the line is X sending them on: the verb of stopping is left out."""
    if comp.lemma_.lower() in CEASE_VERBS and any(c.dep_ in {"xcomp", "dobj"} for c in comp.children):
        return [comp, *(c for c in comp.children if c.dep_ == "aux")]
    return []


def fulfilled_frames(doc: Doc) -> list[Frame]:
    frames: list[Frame] = []
    for t in doc:
        # ("following" may be parsed as a preposition)
        if t.tag_ != "VBG" or t.dep_ not in {"advcl", "xcomp", "conj", "prep"} or (noun := _threat_noun(t)) is None:
            continue
        trigger = _demanded(noun)
        head = t.head
        if head.lemma_.lower() in REPORTING_VERBS:
            # "X restarted the broadcasts, its army said, following through on ...": the act is the one reported
            head = next((c for c in head.children if c.dep_ == "ccomp"), head)
        if not trigger or head.i == t.i or head.pos_ not in {"VERB", "AUX"}:
            continue
        consequence = minus(list(head.subtree), list(t.subtree),
                            *[list(c.subtree) for c in head.children if c.lemma_.lower() in REPORTING_VERBS])
        if consequence:
            frames.append(Frame("threat", trigger, consequence, head, extra={"fulfilled": "1"}))
    return frames
