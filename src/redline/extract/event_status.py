"""How far a reported action has got: its status, read from the words above its predicate.

"decided to send" is decided, "plans to send" planned, "is weighing whether to
send" considered, "ruled out sending" denied, "will continue to conduct" going on
(occurred); the weakest wording on the way up wins. A predicate under a condition
("if X sends troops"), a warning or threat ("warned that an attack would ..."),
or an unreported hypothetical ("sending troops would lead to war") has no status:
it is a red-line statement, not an event. :mod:`redline.extract.events` reads the
class and the parties; this module only the status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from redline.extract.event_words import (
    CLIMB_DEPS,
    CONDITION_MARKS,
    CONSIDERED,
    CONTINUING,
    DECIDED,
    DECIDING_PREDICATES,
    DENIED,
    HESITANT,
    MODALS,
    NOUN_STATUS,
    PERMISSION_GIVERS,
    PERMISSION_NOUNS,
    PLANNED,
    SPEECH,
    STRENGTH,
    THREATS,
    UNWILLING,
)

# A day named for the act itself: "on Wednesday", "on 13 November", "on November 13", "tomorrow".
_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2})\b",
    re.IGNORECASE,
)
# Words above an act that put it ahead: "will open", "is set to open", "is due to sign", "is going to send".
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_GOVERNORS = frozenset({"set", "schedule", "due", "go", "plan", "intend", "prepare", "expect", "poise"})


def _lemma(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def _words(tokens: Iterable[Token]) -> set[str]:
    return {w for t in tokens for w in (_lemma(t), t.text.lower())}


def _has_mark(t: Token) -> bool:
    return any(c.dep_ == "mark" and _lemma(c) in CONDITION_MARKS for c in t.children)


def _licence(v: Token) -> Token | None:
    """The act a permission licenses: "fire" in "gave Manila the go-ahead to fire the rockets"."""
    if _lemma(v) not in PERMISSION_GIVERS:
        return None
    for o in (c for c in v.children if c.dep_ == "dobj"):
        lemma = _lemma(o)
        if lemma in PERMISSION_NOUNS or (
            lemma == "light" and any(_lemma(m) == "green" for m in o.children)
        ):
            for c in (*v.children, *o.children):
                if c.dep_ in {"xcomp", "advcl", "acl", "relcl"} and c.pos_ == "VERB" and any(
                    a.dep_ == "aux" and a.text.lower() == "to" for a in c.children
                ):
                    return c
    return None


def _governor_status(g: Token, via: str) -> str | None:
    """What a governing word says of the action beneath it; ``skip`` when it is no event."""
    lemma = _lemma(g)
    if g.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"acomp", "oprd"} and _lemma(c) in HESITANT | UNWILLING for c in g.children
    ):
        # "appeared noncommittal on providing": the adjective sits beside the clause, not above it
        return "denied" if any(_lemma(c) in UNWILLING for c in g.children) else "considered"
    if g.pos_ in {"NOUN", "PROPN"}:
        status = NOUN_STATUS.get(lemma)
        if any(c.dep_ == "det" and _lemma(c) == "no" for c in g.children) and status in {
            "planned",
            "decided",
        }:
            return "denied"
        return status
    if lemma in THREATS:
        return "skip"
    if lemma in DENIED:
        return "considered" if any(c.dep_ == "neg" for c in g.children) else "denied"
    if lemma in CONSIDERED:
        return "considered"
    if lemma in PLANNED and not (lemma == "go" and via != "xcomp"):
        return "planned"
    if lemma in DECIDED:
        return "decided"
    return None


# Words before a noun of an act that make it one only spoken of, and the status they give it.
NOUN_PROSPECTS = {
    **dict.fromkeys("possible potential eventual hypothetical mooted threatened feared".split(), "considered"),
    **dict.fromkeys("planned proposed prospective future intended".split(), "planned"),
}


def _own_status(t: Token) -> str | None:
    """What a verb's own auxiliaries and negation say; ``would`` is resolved by the caller."""
    if any(c.dep_ == "neg" for c in t.children):
        return "denied"  # before the auxiliary: "will not send" is a refusal, not a plan
    if t.pos_ == "NOUN":
        # a named act only spoken of: "a possible deployment of troops", "the planned annexation"
        for c in t.children:
            if c.dep_ in {"amod", "compound"} and c.i < t.i and c.text.lower() in NOUN_PROSPECTS:
                return NOUN_PROSPECTS[c.text.lower()]
    for c in t.children:
        if (c.dep_ == "aux" and _lemma(c) == "would") or c.text.lower() == "would":
            return "would"
        if c.dep_ == "aux" and c.text.lower() in MODALS:
            return MODALS[c.text.lower()]
    return None


def given_day(v: Token) -> bool:
    """Whether the act headed by ``v`` is given its day ("will open the base on Wednesday", "tomorrow").

    In a reported clause a day before its subject is the report's, however it is parsed: "said on Thursday it
    will open"."""
    subjects = [c.i for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for c in v.children:
        if v.dep_ == "ccomp" and subjects and c.i < subjects[0]:
            continue
        on_day = (c.dep_ == "prep" and _lemma(c) == "on") or c.dep_ in {"npadvmod", "tmod"}
        if on_day and _DAY.search(" ".join(t.text for t in c.subtree)):
            return True
    return False


def tense(v: Token) -> str | None:
    """``future`` when the act headed by ``v`` is still to come ("will open", "is set to open", "said it would
    open"), ``past`` when its own verb is a past form ("opened", "has opened", "was opened"), else None (the
    present, a noun, a bare infinitive: the words do not say)."""
    t = v
    for _ in range(3):
        for c in t.children:
            if c.dep_ == "aux" and (c.text.lower() in FUTURE_AUX or (_lemma(c) == "would" and t is v)):
                return "future"
        if t is not v and _lemma(t) in FUTURE_GOVERNORS:
            return "future"
        if t.dep_ != "xcomp" or t.head.i == t.i:
            break
        t = t.head
    if v.tag_ == "VBD" or (v.tag_ == "VBN" and any(c.dep_ in {"aux", "auxpass"} for c in v.children)):
        return "past"
    return None


def event_status(v: Token) -> str | None:
    """The status of the action headed by ``v``, or None when it is not a reported event.

    A planned act given its day ("will open the base on Wednesday", "is set to sign the pact on 13 May") is
    decided: a day is set only for what has been decided; a plan with no day stays planned.
    """
    status = _status(v)
    if status == "planned" and given_day(v):
        return "decided"
    return status


def _status(v: Token) -> str | None:
    found: list[str] = []
    would = False
    reported = False  # under a speech verb, "would" is the future seen from the past
    ongoing = False
    t = v
    own = _own_status(v)
    if own == "would":
        would = True
    elif own:
        found.append(own)
    if _lemma(v) in DECIDING_PREDICATES or _licence(v) is not None:
        found.append("decided")
    while True:
        if any(c.dep_ == "advcl" and _has_mark(c) for c in t.children):
            return None  # "NATO may deploy troops if Russia ...": the consequence of a condition
        if t.dep_ in {"advcl", "csubj"} and (_has_mark(t) or t.dep_ == "csubj"):
            return None
        if t.dep_ == "ccomp" and any(c.dep_ == "mark" and _lemma(c) in {"if", "unless"} for c in t.children):
            return None  # "said that if Washington supplied ...", its consequence cut off: still a condition
        if t.dep_ == "relcl" and any(
            c.dep_ == "det" and _lemma(c) in {"any", "every", "no"} for c in t.head.children
        ):
            return None
        if t.dep_ not in CLIMB_DEPS or t.head.i == t.i:
            break
        via, g = t.dep_, t.head
        if via == "xcomp" and _lemma(g) in CONTINUING and not any(c.dep_ == "neg" for c in g.children):
            ongoing = True  # "will continue to conduct broadcasts": they are going on already
        if g.pos_ == "ADJ" and _lemma(g) in HESITANT | UNWILLING:
            found.append("denied" if _lemma(g) in UNWILLING else "considered")  # "hesitant on providing"
            break
        if via in {"dobj", "pobj", "prep"} and g.pos_ not in {"VERB", "NOUN", "ADP", "AUX"}:
            break
        if via != "conj":
            status = _governor_status(g, via)
            if status == "skip":
                return None
            if status:
                found.append(status)
            if _lemma(g) in SPEECH and g.tag_ == "VBD":
                reported = True
        if g.pos_ == "VERB" or g.pos_ == "AUX":
            own = _own_status(g)
            if own == "denied" and _lemma(g) in DENIED:
                own = "considered"  # "should not be ruled out": a denial denied leaves it open
            if own == "would":
                would = True
            elif own and via != "conj":
                found.append(own)
        if via == "relcl" and g.pos_ in {"NOUN", "PROPN"} and _lemma(g) not in NOUN_STATUS:
            break
        t = g
    if ongoing:
        return "denied" if "denied" in found else "occurred"
    if would:
        if not reported:
            return None
        found.append("planned")
    return min(found, key=STRENGTH.__getitem__) if found else "occurred"
