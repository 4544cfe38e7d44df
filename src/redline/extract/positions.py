"""How a position cue reads (FORMAT.md §2): what the verb governs decides, not the verb alone.

``stances.cue_verbs`` finds the position words of a sentence; the readings
here refine them from the parse around the cue: a verb of judging reads the
predicate it gives its object ("called the vote illegitimate" opposes), a verb
of support reads what it asks for (a move undone, a "whether", an exemption,
a condition attached to it), and a source's anonymity is no condition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from redline.extract.lexicon import CONDITIONAL_RE

# Verbs that give their object a predicate: "called the vote illegitimate", "considers the drills a threat".
JUDGING_LEMMAS = frozenset("call consider view see regard deem term describe label brand".split())
NEGATIVE_JUDGEMENT = re.compile(
    r"\b(?:threat\w*|provocat\w*|illegitimate|illegal|unlawful|unacceptable|dangerous|irresponsible|reckless|"
    r"escalat\w*|mistake|violation|destabili[sz]\w*|unjustified|blackmail|aggressi\w*|hostile|sham|farce|"
    r"shameful|invalid|interference|meddling|counterproductive|null and void|premature|unrealistic|unhelpful|"
    r"pointless|futile|unwise|ill-advised|absurd)\b",
    re.IGNORECASE,
)
POSITIVE_JUDGEMENT = re.compile(
    r"\b(?:necessary|legitimate|justified|essential|vital|crucial|welcome|positive|important|step forward)\b",
    re.IGNORECASE,
)


def judgement(verb: Token, negated: bool) -> str | None:
    """The position a verb of judging gives its object ("called the referendum illegitimate"), None when none.

    Only an object given a predicate is judged (an ``oprd``, a verbless ``ccomp``, "as" + noun); "considering
    sending troops" and "called for talks" are no judgement, and a predicate with no word of blame or
    approval reads nothing either.
    """
    preds = [c for c in verb.children if c.dep_ in {"oprd", "ccomp", "xcomp"} and c.pos_ in {"ADJ", "NOUN"}]
    # "views the blockade as a provocation": the "as" phrase hangs off the verb or off its object.
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    preds += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
              for p in c.children if p.dep_ == "pobj"]
    for p in preds:
        words = " ".join(t.text for t in p.subtree)
        if NEGATIVE_JUDGEMENT.search(words):
            return "open" if negated else "oppose"
        if POSITIVE_JUDGEMENT.search(words):
            return "oppose" if negated else "support"
    return None


# A demand that a move be undone opposes it: "urged Minsk to reconsider its decision".
REVERSAL_LEMMAS = frozenset("reconsider reverse rethink revoke rescind abandon scrap cancel annul repeal retract"
                            .split())
# A request for a limited form of the move, or for time: "asked for more time", "sought an opt-out" (not "agreed
# to defer it", which backs the deferral).
LIMITED_FORM = re.compile(
    r"\b(?:exemptions?|opt-?outs?|(?:more|additional|extra) time|waivers?|derogations?|carve-?outs?|"
    r"transition(?:al)? periods?|exceptions?)\b",
    re.IGNORECASE,
)
# Marks of a condition put on a position: lexicon.CONDITION_MARKS (the red-line frames') without "once",
# "should" and "whenever" (a time or an inversion there is rarely a price asked), with "provided"/"providing".
ACCEPTANCE_MARKS = frozenset({"if", "unless", "provided", "providing"})


def conditioned(verb: Token, position: str) -> str:
    """ "would back the force if the UN approved it": a clause of condition on the cue makes it conditional."""
    # The clause may hang off the verb or off the move it governs ("wants to join unless ...").
    for head in [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"})]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ACCEPTANCE_MARKS for m in c.children):
                return "conditional"
    return position


def support_reading(verb: Token, negated: bool, objects: Sequence[Token]) -> str:
    """The position a verb of support reads, from what it asks for.

    A negated verb or a negated complement opposes ("urged Delhi not to retaliate"); a complement that
    undoes a move opposes it ("urged Minsk to reconsider"); a "whether" complement is undecided ("will decide
    whether to join"); a request for an exemption or for time, or a condition attached to the
    verb, is conditional.
    """
    if negated != negated_complement(verb):
        return "oppose"
    comps = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    if any(c.lemma_.lower() in REVERSAL_LEMMAS for c in comps):
        return "oppose"
    if any(m.dep_ == "mark" and m.lower_ in {"whether", "if"} for c in comps for m in c.children):
        return "open"
    asked = [*objects, *(t for c in verb.children if c.dep_ == "prep" for t in c.subtree)]
    if LIMITED_FORM.search(" ".join(t.text for t in asked)):
        return "conditional"
    return conditioned(verb, "support")


def negated_complement(t: Token) -> bool:
    """Whether what a verb of support asks for is itself negated: "urged Delhi not to retaliate" opposes retaliating."""
    return any(c.dep_ in {"xcomp", "ccomp"} and any(d.dep_ == "neg" for d in c.children) for c in t.children)


# "spoke on condition of anonymity" states how a source spoke, not a condition on a move.
ANONYMITY = re.compile(r"\bon (?:the )?condition (?:of|that (?:he|she|they|it) (?:not|would not) be)\b", re.IGNORECASE)


def conditional_phrase(text: str) -> re.Match[str] | None:
    """Where a sentence words a condition ("only if", "provided that", "in exchange for"), anonymity left out."""
    text = ANONYMITY.sub(" ", text)
    return CONDITIONAL_RE.search(text) or TRADE_RE.search(text)


# Conditions CONDITIONAL_RE does not word: a price asked in return ("would lift its veto in exchange for ...").
TRADE_RE = re.compile(r"\b(?:in (?:exchange|return) for|so long as|on the condition)\b", re.IGNORECASE)


# Verbs that state an objection through what they govern: "cautioned Beijing against sending warships", "worry
# that the pact may spur an arms race". "Warned X against" is left to the red-line step (a warning of that shape
# is usually a threat); a concern voiced is no objection either: what it is about is often not the proposal debated
# ("expressed grave concern" at a clash, of one who calls for a ceasefire).
OBJECTION_VERBS = frozenset("caution worry".split())


def objection(verb: Token, negated: bool) -> str | None:
    """ "oppose" when a verb states an objection (a warning against a move, a worry), else None."""
    if negated:
        return None
    lemma = verb.lemma_.lower()
    if lemma == "caution":
        return "oppose" if any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children) else None
    return "oppose" if lemma == "worry" and verb.pos_ == "VERB" else None
