"""More position cues (FORMAT.md §2): reported acts and nouns that state a position the core verbs miss.

``stances.cue_verbs`` reads the verbs of support, opposition and consideration. News states positions in
more ways: by a reported act ("refrained from new sanctions", "stopped short of backing the truce",
"denounced the plan", "applied to join"), by a demand ("insisted on a vote first"), and by a noun
("its support for", "the bloc's call for", "Rome's scepticism about"). Each reading
here needs the parse shape that makes it a position, not the word alone: "refrain" only with "from",
"stop" only with "short of", "insist" only with what is insisted on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

# Verbs of reported opposition, read only when not negated ("did not criticise" reads nothing).
DENOUNCE_VERBS = frozenset("denounce decry criticise criticize slam protest resist spurn shun rebuke deplore "
                           "lambast blast".split())
# Verbs of demand or insistence: the holder backs what it asks for (or opposes what it asks to be stopped).
# "ask" and "request" are left out: what they ask for is often another party's move, and reading them moved
# proposal texts that link stances across articles (make links proposals F1 .610 -> .193 with them).
DEMAND_VERBS = frozenset("insist demand".split())
# Verbs that back a move only through a complement: "applied to join", "offered to host talks".
STEP_VERBS = frozenset("apply offer volunteer".split())
EXTRA_VERBS = DENOUNCE_VERBS | DEMAND_VERBS | STEP_VERBS | frozenset({"refrain", "stop"})

# Nouns that carry a position, beyond stances.POSITION_NOUNS: "Oslo's support for", "the bloc's call for".
EXTRA_NOUNS = {
    **dict.fromkeys("support commitment insistence willingness readiness call push bid proposal offer demand "
                    "request pledge".split(), "support"),
    **dict.fromkeys("condemnation criticism veto resistance hesitancy hesitation hostility scepticism skepticism "
                    "misgiving misgivings reservation reservations".split(), "oppose"),
}
# Verbs through which a subject states a position noun as its own: "Peru signalled its opposition to",
# "threw its support behind", "lodged an objection", "renewed its call for".
STATING_VERBS = frozenset("express voice reiterate restate signal indicate declare reaffirm underline throw cast lend "
                          "offer pledge renew repeat confirm register lodge raise state show announce give make issue"
                          .split())
# Nouns that need a complement naming what they are about: "call" alone is a telephone call, "bid" a price.
NEEDS_COMPLEMENT = frozenset({"call", "push", "bid", "offer", "demand", "request", "proposal", "pledge"})


DEMANDING = frozenset({"should", "must", "ought"})
# Verbs under which a position noun is what one party asks of another or answers: "asked for Oslo's support",
# "rejected Rome's request", "would not give in to Lima's demands".
ASKED_NOUNS = frozenset("call push bid offer demand request proposal pledge support".split())


def _has_prep(t: Token, words: set[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in words for c in t.children)


def _has_complement(t: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in t.children) or _has_prep(t, {"for", "on"})


def extra_verb_reading(t: Token, negated: bool, support: Callable[[Token, bool], str]) -> str | None:
    """The position a reported-act verb gives, or None when its shape is not a position's.

    ``support`` reads a verb of demand the way a verb of support is read (a negated or undoing complement
    opposes: "demanded that Delhi not retaliate").
    """
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or any(c.dep_ in {"auxpass", "nsubjpass"} for c in t.children):
        return None   # "was denounced by X": the holder is the agent, not the subject
    if any(c.dep_ == "aux" and c.lower_ in DEMANDING for c in t.children):
        return None   # "Tokyo should refrain from ...": another's demand on the subject, not its position
    if lemma == "refrain":
        # "refrained from new sanctions": holding back from a move; "did not refrain" reads nothing.
        return None if negated or not _has_prep(t, {"from"}) else "oppose"
    if lemma == "stop":
        # "stopped short of backing the truce"; a plain "stop" is an act, not a position.
        return "oppose" if any(c.lower_ == "short" for c in t.children) and not negated else None
    if negated:
        return None
    if lemma in DENOUNCE_VERBS:
        if lemma == "protest" and not any(c.dep_ in {"dobj", "prep"} for c in t.children):
            return None   # "thousands protested": a crowd, not a position on a move
        return "oppose"
    if lemma in DEMAND_VERBS:
        if lemma == "insist" and not _has_prep(t, {"on", "upon"}):
            return None   # "insisted that the move was lawful" defends a claim; "insisted on talks" demands
        if not _has_complement(t):
            return None
        return support(t, negated)
    if lemma in STEP_VERBS:
        # "applied to join", "offered to host talks", "moved to trigger the sanctions": a complement clause.
        if lemma == "apply" and _has_prep(t, {"for"}):
            return "support"
        return "support" if any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in t.children) else None
    return None


def extra_noun_position(noun: Token) -> str | None:
    """The position a noun of :data:`EXTRA_NOUNS` carries, None when it names nothing a position is about."""
    position = EXTRA_NOUNS.get(noun.lemma_.lower()) or EXTRA_NOUNS.get(noun.lower_)
    if position is None or noun.pos_ != "NOUN":
        return None
    if noun.lemma_.lower() in ASKED_NOUNS and (noun.dep_ == "pobj" or (
            noun.dep_ == "dobj" and noun.head.lemma_.lower() not in STATING_VERBS)):
        return None   # someone else's stance on it is the sentence's, not the asker's
    if noun.lemma_.lower() in NEEDS_COMPLEMENT and not (
            _has_prep(noun, {"for", "to", "behind", "of"}) or any(c.dep_ in {"acl", "relcl"} for c in noun.children)):
        return None
    return position


def stating_holder(noun: Token, subject_of: Callable[[Token], list[Token]],
                   is_pronoun: Callable[[Sequence[Token]], bool]) -> list[Token]:
    """The subject of a verb that states a position noun as its own ("Chile threw its support behind")."""
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return []
    if noun.head.lemma_.lower() not in STATING_VERBS:
        return []
    subj = subject_of(noun.head)
    return subj if subj and not is_pronoun(subj) else []
