"""Stances (FORMAT.md §2): an actor's stated position on a debated move.

A stance needs three things in one parsed sentence: a position cue (a verb of
support, opposition or consideration, a negation of one, or a fixed phrase
such as "nothing should be excluded"), an actor that holds it (the cue's
subject, else the sentence's voice; a list of countries gives one stance
each), and a proposal in international security (troops, weapons, sanctions,
a ceasefire, talks, membership ...). "Such a plan" and "the idea" point back
to the last proposal of the article. The author's speculation ("Ukraine
would likely welcome ...") has no voice and is not a stance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from redline.extract import attribution as attr
from redline.extract.actions import classify
from redline.extract.lexicon import CONDITIONAL_RE, PROPOSAL_RE
from redline.extract.pipeline import Context, Resources, step
from redline.models import Evidence, Span, Stance

SUPPORT_LEMMAS = frozenset(
    "support back call urge favour favor endorse welcome push propose pledge agree decide approve announce "
    "plan want press seek vow promise commit insist advocate authorize authorise greenlight green-light "
    "send provide deliver supply deploy lift impose".split()
)
OPPOSE_LEMMAS = frozenset("reject oppose refuse deny veto dismiss condemn block object exclude rule".split())
OPEN_LEMMAS = frozenset("consider weigh mull explore study discuss review examine contemplate".split())
NEGATORS = frozenset({"not", "n't", "never", "no"})
ANAPHORA = re.compile(
    r"\b(?:such (?:a |an )?(?:plan|step|move|idea|proposal|deployment|option|decision|request)|the (?:idea|plan|"
    r"proposal|move|step|possibility|option|request|suggestion)|this (?:plan|idea|proposal|step|move|option)|"
    r"it|that)\b",
    re.IGNORECASE,
)
OPEN_PHRASES = re.compile(
    r"\b(?:nothing (?:should|can|could|must|will) be (?:excluded|ruled out)|"
    r"(?:should|must|could|can|cannot|can't|would)(?: not)? be (?:excluded|ruled out)|"
    r"(?:all|every) options?|options? (?:remain|are|is|should be|stay) (?:open|on the table)|"
    r"not rul\w* out|did not reject\w*|did not rule out|does not rule out|not exclud\w*|"
    r"open to|increasingly open|undecided|will decide whether|has not decided|does not say (?:if|whether))\b",
    re.IGNORECASE,
)
OPPOSE_PHRASES = re.compile(
    r"\b(?:no (?:plans?|intention|question)|not (?:necessary|needed)|"
    r"(?:would|will|does|do|did|could|can|is|are)(?: not|n't) (?:support|accept|allow|agree|back|send|deploy|"
    r"consider|tolerate|permit|participate|join|take part|provide|supply|use|going to|planning)|"
    r"against (?:the|such|any|sending|deploying|supplying))\b",
    re.IGNORECASE,
)
SPECULATION = re.compile(r"\b(?:would likely|will likely|likely to|probably|is expected to)\b", re.IGNORECASE)


@dataclass
class StanceCandidate:
    actor: str
    speaker: str | None
    proposal: str
    action: str
    position: str
    sentences: list[int] = field(default_factory=list)
    anaphoric: bool = False


def _negated(t: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in t.children):
        return True
    # "would not support" parses the negation on the auxiliary's head; "not rule out" on the particle.
    return t.head.i != t.i and t.dep_ in {"xcomp", "conj"} and any(c.dep_ == "neg" for c in t.head.children)


def _cue_verbs(doc: Doc) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ not in {"VERB", "NOUN"}:
            continue
        neg = _negated(t)
        if lemma in OPPOSE_LEMMAS:
            if lemma == "rule" and not any(c.lower_ == "out" for c in t.children):
                continue
            out.append((t, "open" if neg else "oppose"))
        elif lemma in OPEN_LEMMAS and t.pos_ == "VERB":
            out.append((t, "oppose" if neg else "open"))
        elif lemma in SUPPORT_LEMMAS and t.pos_ == "VERB":
            out.append((t, "oppose" if neg else "support"))
    return out


def _object_tokens(verb: Token) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "attr", "oprd", "prt", "advcl", "acomp", "pobj"}:
            out.extend(c.subtree)
    return sorted(out, key=lambda t: t.i)


def _text(tokens: Sequence[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip(" ,;:.\"“”'‘’")


def _listed(ctx: Context, i: int, doc: Doc) -> list[tuple[str, str | None]]:
    """Actors named in an "including A, B and C" list."""
    for t in doc:
        if t.lower_ == "including" or (t.lower_ == "such" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "as"):
            objs = [d for c in t.children if c.dep_ == "pobj" for d in c.subtree]
            if not objs and t.i + 1 < len(doc):
                objs = list(doc[t.i + 1:])
            found = attr.tokens_mentions(ctx, i, objs)
            if len(found) >= 2:
                return [(c, m.person) for m in found for c in m.codes]
    return []


def _actors(ctx: Context, i: int, doc: Doc, verb: Token, voice: attr.Voice | None) -> list[tuple[str, str | None]]:
    subj = attr.subject_of(verb)
    listed = _listed(ctx, i, doc)
    if listed:
        return listed
    if subj and not attr.is_pronoun_subject(subj):
        found = attr.tokens_mentions(ctx, i, subj)
        if found:
            people = [m for m in found if m.kind == "person"]
            if people and len(found) == len(people):
                return [(c, m.person) for m in people for c in m.codes]
            return [(c, m.person) for m in found for c in m.codes]
        if voice is None:
            return []
    if voice is not None:
        return [(c, voice.speaker) for c in voice.codes]
    return []


def position_of(text: str, verb_position: str) -> str:
    if CONDITIONAL_RE.search(text) and verb_position in {"support", "open"}:
        return "conditional"
    if OPEN_PHRASES.search(text) and verb_position != "support":
        return "open"
    return verb_position


def sentence_stances(ctx: Context, i: int, voice: attr.Voice | None,
                     last_proposal: str | None) -> list[StanceCandidate]:
    doc = ctx.parsed[i]
    text = ctx.sentences[i].text
    if SPECULATION.search(text) and voice is None:
        return []
    cues = _cue_verbs(doc)
    phrase_position = ("open" if OPEN_PHRASES.search(text) else "oppose" if OPPOSE_PHRASES.search(text) else None)
    if not cues and phrase_position is None:
        return []
    out: list[StanceCandidate] = []
    if cues:
        cues.sort(key=lambda c: attr._depth(c[0]))
        verb, position = cues[0]
        obj = _object_tokens(verb)
    else:
        root = next(t for t in doc if t.dep_ == "ROOT")
        verb, position, obj = root, phrase_position or "open", list(doc)
    if phrase_position and position == "support":
        position = phrase_position
    proposal_text = _text(obj)
    anaphoric = False
    if not PROPOSAL_RE.search(proposal_text):
        if ANAPHORA.search(proposal_text or text) and last_proposal:
            proposal_text, anaphoric = last_proposal, True
        elif PROPOSAL_RE.search(text):
            proposal_text = text
        else:
            return []
    actors = _actors(ctx, i, doc, verb, voice)
    position = position_of(text, position)
    action = classify(obj) if obj else "OTHER"
    for code, speaker in dict.fromkeys(actors):
        out.append(StanceCandidate(code, speaker, proposal_text[:200], action, position, [i], anaphoric))
    return out


def _same_proposal(a: StanceCandidate, b: StanceCandidate) -> bool:
    if a.anaphoric or b.anaphoric:
        return True
    if a.action == b.action and a.action != "OTHER":
        return True
    return fuzz.token_set_ratio(a.proposal.lower(), b.proposal.lower()) >= 60


def merge(cands: list[StanceCandidate]) -> list[StanceCandidate]:
    merged: list[StanceCandidate] = []
    for c in cands:
        for m in merged:
            if m.actor == c.actor and _same_proposal(m, c):
                m.sentences = sorted(set(m.sentences + c.sentences))
                m.speaker = m.speaker or c.speaker
                if c.position == "conditional" and m.position in {"open", "support"}:
                    m.position = "conditional"
                break
        else:
            merged.append(c)
    return merged


def find_stances(ctx: Context) -> list[StanceCandidate]:
    cands: list[StanceCandidate] = []
    voice: attr.Voice | None = None
    last_proposal: str | None = None
    for i in sorted(ctx.parsed):
        voice = attr.find_voice(ctx, i, voice) or (voice if voice and i - voice.sentence <= attr.CARRY else None)
        own = voice if voice is not None and voice.sentence == i else None
        found = sentence_stances(ctx, i, own, last_proposal)
        for c in found:
            if not c.anaphoric:
                last_proposal = c.proposal
        cands.extend(found)
    return merge(cands)


CUES = re.compile(
    r"\b(?:reject\w*|rul\w* out|oppos\w*|refus\w*|den(?:y|ies|ied)|veto\w*|support\w*|back\w*|call\w* for|urg\w*|"
    r"favou?r\w*|endors\w*|welcom\w*|propos\w*|pledg\w*|agree\w*|decid\w*|approv\w*|announc\w*|plan\w*|"
    r"consider\w*|weigh\w*|mull\w*|explor\w*|exclud\w*|options?|open to|no plans|not necessary|want\w*|"
    r"press\w*|seek\w*|insist\w*|condemn\w*|dismiss\w*|block\w*)\b"
)


@step("stances", requires={"parsed", "mentions"}, provides={"stances"}, cues=CUES)
def stances_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        stances = []
        for c in find_stances(ctx):
            ev = tuple(
                Evidence(ctx.document.id, i, Span(ctx.sentences[i].span.start, ctx.sentences[i].span.end),
                         ctx.sentences[i].text)
                for i in c.sentences
            )
            stances.append(Stance(actor=c.actor, proposal=c.proposal, position=c.position, evidence=ev,
                                  speaker=c.speaker, proposal_action=c.action))
        ctx.stances = stances
