"""Red lines (FORMAT.md §1): holder, trigger, consequence, with evidence.

For each parsed sentence: find its conditional frames (``frames``), keep those
whose consequence is a threatened response (or that use red-line wording),
attribute them to a holder (``attribution``), read trigger and consequence
actors and action classes, then merge the statements of one red line within
the article into one item with several evidence sentences.

Not red lines: frames nobody is reported to hold (the author's or analysts'
speculation), consequences that are no response ("if approved, the bill would
fund ..."), and red-line wording outside international security.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from redline.extract import attribution as attr
from redline.extract import clause_voice
from redline.extract import trigger_parties as tp
from redline.extract.actions import classify, token_class
from redline.extract.frame_tokens import Frame
from redline.extract.frames import find_frames, phrase_text
from redline.extract.lexicon import (
    EXPLICIT_RE,
    HIGH_RE,
    LOW_RE,
    MEDIUM_RE,
    NON_SECURITY_RE,
    REPORTING_VERBS,
    RESPONSE_RE,
    SECURITY_RE,
    STRONG_SECURITY_RE,
    WEAPON_WORDS,
)
from redline.extract.pipeline import Context, Resources, step
from redline.extract.redline_holder import holder_of
from redline.extract.redline_merge import Candidate, merge, trigger_words
from redline.extract.threats import is_threat, own_act
from redline.models import Consequence, Evidence, RedLine, Span, Trigger

CUES = re.compile(
    r"\b(?:if|unless|once|should|otherwise|or else|in the event|in case|red[- ]?lines?|line in the sand|"
    r"casus belli|cause of war|act of war|article (?:5|v)|would|will|means|mean|tantamount|regarded|considered|seen as|"
    r"met with|meet|warn\w*|threat\w*|ultimatums?|vow\w*|defend|or (?:face|suffer|pay|risk|incur))\b"
)
# A sentence's closing stop, perhaps inside a quote: what a headline lacks.
CLOSED = re.compile(r"[.!?…][\"”’')\]]*\s*$")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "another": 9, "other": 9}


def _text(tokens: Sequence[Token]) -> str:
    return phrase_text(tokens).strip(" ,;:\"“”'‘’")


def certainty_of(text: str) -> str:
    if HIGH_RE.search(text):
        return "high"
    if MEDIUM_RE.search(text):
        return "medium"
    if LOW_RE.search(text):
        return "low"
    return "high"




def _off_topic(ctx: Context, i: int) -> bool:
    """Red-line wording about transit, budgets, trade talks, sport: not international security."""
    text = ctx.sentences[i].text
    if NON_SECURITY_RE.search(text):
        return not STRONG_SECURITY_RE.search(text)
    near = " ".join(s.text for s in ctx.sentences[max(0, i - 2): i + 3])
    return bool(NON_SECURITY_RE.search(near)) and not SECURITY_RE.search(near)


def _ordinal(frame: Frame) -> int | None:
    if frame.head is None:
        return None
    for t in frame.head.doc:
        if t.lower_ in ORDINALS and t.i + 3 < len(t.doc) and "red" in t.doc[t.i: t.i + 4].text.lower():
            return ORDINALS[t.lower_]
    return None




# "by force if necessary": a condition that names no act is no trigger.
EMPTY_CONDITION = re.compile(r"^(?:it is |that is |deemed |absolutely |strictly )?(?:necessary|needed|required|"
                             r"possible|need be|appropriate|warranted)$", re.IGNORECASE)


BACKGROUND_MARKS = frozenset({"as", "while", "after", "since", "because", "although", "though", "whereas"})


def _foreground(tokens: list[Token]) -> list[Token]:
    """The consequence without background clauses ("..., as Washington continues to insist X")."""
    ids = {t.i for t in tokens}
    drop: set[int] = set()
    for t in tokens:
        if t.dep_ == "advcl" and t.head.i in ids and any(
                c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in t.children):
            drop.update(x.i for x in t.subtree)
    return [t for t in tokens if t.i not in drop] if drop else tokens


# Participles that comment on the act rather than extend it: "if X visits Taiwan, calling the trip a provocation".
COMMENT_VERBS = (REPORTING_VERBS - {"respond", "reply", "decide", "threaten", "demand", "urge", "signal", "post",
                                    "report", "promise", "pledge", "vow", "add"}) | {
    "call", "term", "brand", "label", "dub", "characterise", "characterize"}


def _without_comment(tokens: list[Token]) -> list[Token]:
    """The trigger without a trailing participle that judges it (", calling the trip a provocation"): the
    speaker's words on the act, whose verbs would otherwise class it (COERCE for "provocation")."""
    ids = {t.i for t in tokens}
    drop: set[int] = set()
    for t in tokens:
        if (t.tag_ == "VBG" and t.dep_ in {"advcl", "xcomp", "conj"} and t.head.i in ids and t.head.i < t.i
                and (t.lemma_.lower() in COMMENT_VERBS
                     # "adding new bases" extends the act; "adding that ..." comments on it
                     or (t.lemma_.lower() == "add" and any(c.dep_ == "ccomp" for c in t.children)))
                and t.left_edge.i > 0
                and t.doc[t.left_edge.i - 1].text == ","):
            drop.update(x.i for x in t.subtree)
            drop.add(t.left_edge.i - 1)
    return [t for t in tokens if t.i not in drop] if drop else tokens


def _candidate(ctx: Context, i: int, frame: Frame, voice: attr.Voice | None,
               recent: Candidate | None) -> Candidate | None:
    sentence = ctx.sentences[i]
    if frame.extra.get("warned") and i != 0:
        # "warned Belarus over X" in the body: the article's own lines tell what is threatened
        return None
    frame.consequence = _foreground(frame.consequence)
    frame.trigger = _without_comment(frame.trigger)
    if frame.kind == "if" and EMPTY_CONDITION.match(_text(frame.trigger)):
        return None
    trigger_tokens = frame.trigger
    previous = frame.kind == "otherwise" or frame.extra.get("ground") == "previous"
    if previous and not frame.trigger and i > 0 and (i - 1) in ctx.parsed:
        trigger_tokens = list(ctx.parsed[i - 1])
        t_actors, t_targets = tp.parties(ctx, i - 1, tp.without_commitments(trigger_tokens))
        t_class = classify(trigger_tokens)
    else:
        t_actors, t_targets = tp.parties(ctx, i, tp.without_commitments(trigger_tokens))
        t_class = classify(trigger_tokens)
    if t_class == "RESPOND":
        # "if they persist in their reckless actions": a trigger's generic act is no answer, it is unclassed
        t_class = "OTHER"
    if frame.kind == "defence":
        # a pledge to defend X: the line is an attack on X, whoever would make it; the defence is the answer
        t_actors, t_targets, t_class = [], t_targets + t_actors, "ATTACK"
    if frame.kind == "intercept":
        # "shoot down any rocket that threatens X": what would threaten or enter the territory strikes it (ATTACK);
        # a launch that only passes over it (OTHER) does not meet the line
        t_class = "ATTACK"
    c_text = _text(frame.consequence)
    c_class = classify(frame.consequence, answer=True) if frame.consequence else "RESPOND"
    if c_class != "WMD" and any(token_class(t, {x.i for x in frame.consequence}) == "WMD" for t in frame.consequence):
        # "bans denuclearisation, orders an automatic nuclear attack": a nuclear answer anywhere is the answer
        c_class = "WMD"
    if c_class in {"ATTACK", "ARM", "DEPLOY"} and _wmd_by_antecedent(ctx, i, frame.consequence):
        # "the use of such weapons", nuclear ones named just before: a nuclear answer
        c_class = "WMD"
    if t_class in {"ATTACK", "ARM", "DEPLOY"} and _wmd_by_antecedent(ctx, i, trigger_tokens):
        t_class = "WMD"
    if frame.kind == "intercept":
        # downing or stopping what comes is force used on it, whoever's forces do it ("troops would down")
        c_class = "ATTACK"
    if frame.extra.get("standing") and c_class in {"OTHER", "RESPOND"}:
        # an order to cut off, halt or bar the parties it describes: a penalty on them
        c_class = "SANCTION"
    if c_class == "OTHER" and (RESPONSE_RE.search(c_text) or frame.kind == "defence" or frame.extra.get("treaty")):
        c_class = "RESPOND"
    carried = frame.extra.get("carry") == "consequence"
    if carried:
        # "One of the conditions is X": a condition of the doctrine line just stated, for the same response
        if recent is None or i - recent.sentence > 4 or recent.frame.kind != "doctrine":
            return None
        c_text, c_class = recent.consequence.text, recent.consequence.action
    elif not is_threat(frame, c_text, c_class, t_class):
        return None
    if frame.explicit and _off_topic(ctx, i):
        return None
    attacked = t_targets if t_class == "ATTACK" else ()
    holder = _orderer(ctx, i, frame) or holder_of(ctx, i, frame, voice, recent, attacked)
    if holder is None or not holder.codes:
        return None
    pro_form = _pro_form(trigger_tokens)
    # "... if Seoul deploys the missiles. This would mean war": a bare pro-form just after a line names its act
    restated = recent if pro_form and recent is not None and recent.sentence == i - 1 and set(
        recent.holder) & set(holder.codes) and _bare(trigger_tokens) else None
    if restated is not None and restated.trigger.action not in {"OTHER", "RESPOND"}:
        t_class = restated.trigger.action
    elif t_class == "OTHER" and pro_form:
        # "if they fail to do so": the class of the act referred to (only once the frame is known to be a line)
        t_class = _referent_class(ctx, i, frame, trigger_tokens)
    elif (t_class == "OTHER" and recent is not None and recent.trigger.action == "JOIN" and i - recent.sentence <= 8
          and set(recent.holder) & set(holder.codes) and _bare_join(trigger_tokens)):
        # a bare "if it chose to join" after a line on joining: the bloc named by the line of its holder stated before
        t_class = "JOIN"
        t_targets = t_targets + [c for c in recent.trigger.targets if c not in t_targets and c not in holder.codes]
    c_actors, c_targets = tp.parties(ctx, i, frame.consequence) if frame.consequence else ([], [])
    hold = set(holder.codes)
    if own_act(ctx, i, trigger_tokens, hold) and frame.kind in {"if", "link", "event"}:
        # "if Poland shot the missiles down, it would mean war", said by Poland: a reason for restraint
        return None
    if frame.kind == "defence" and (not t_targets or set(t_targets) <= hold):
        # defending oneself, or no party named: no pledge to anyone
        return None
    t_actors, t_targets, inferred = tp.trigger_parties(
        ctx, i, trigger_tokens, t_class, holder, named=(t_actors, t_targets), answer=c_targets + c_actors,
        defence=frame.kind == "defence", intercept=frame.kind == "intercept")
    c_targets = [c for c in (c_targets + c_actors) if c not in hold] or [c for c in t_actors if c not in hold]
    return Candidate(
        sentence=i,
        holder=holder.codes,
        speaker=holder.speaker,
        frame=frame,
        trigger=Trigger(tuple(t_actors), t_class, tuple(t_targets), _text(trigger_tokens),
                        actors_inferred=inferred and any(c != "ANY" for c in t_actors)),
        consequence=Consequence(c_class if frame.consequence or carried else "RESPOND", tuple(dict.fromkeys(c_targets)),
                                c_text),
        certainty=certainty_of(c_text or sentence.text),
        explicit=frame.explicit or bool(EXPLICIT_RE.search(sentence.text)),
        ordinal=_ordinal(frame),
        sentences=[i],
        headline=not CLOSED.search(sentence.text),
        words=restated.words if restated is not None else trigger_words(
            ctx, i - 1 if previous and not frame.trigger and i > 0 else i, trigger_tokens, hold),
    )


def _orderer(ctx: Context, i: int, frame: Frame) -> attr.Voice | None:
    """Who orders or readies the forces of a standing order to intercept: the subject of "ordered units to stand
    ready to intercept", "readies jets to down"; the one ordered is not the holder."""
    order = frame.extra.get("order") if frame.kind == "intercept" else None
    if not order:
        return None
    # "ordered units to be ready to": the readiness has no subject of its own; the order's subject gives it
    token = ctx.parsed[i][int(order)]
    for t in [token, *token.ancestors][:4]:
        v = clause_voice.clause_subject_voice(ctx, i, t)
        if v is not None and v.codes:
            return v
    # a headline's "Country readies jets to ...", parsed as nouns: the party named just before the order word
    start = ctx.sentences[i].span.start + token.idx
    before = [m for m in ctx.mentions_in(ctx.sentences[i]) if m.span.end <= start and start - m.span.end <= 2]
    return attr.Voice(tuple(before[-1].codes), None, i) if before else None


ANAPHORIC_DETS = frozenset({"such", "these", "those", "this", "that"})
WMD_NAMED = re.compile(r"\b(?:nuclear|chemical|biological|atomic|radiological)\b|\bmass destruction\b",
                       re.IGNORECASE)


def _wmd_by_antecedent(ctx: Context, i: int, tokens: Sequence[Token]) -> bool:
    """ "such weapons", "these weapons": weapons of mass destruction when the words before them name them."""
    ref = next((t for t in tokens if t.lemma_.lower() in WEAPON_WORDS and t.dep_ != "compound"
                and any(c.lower_ in ANAPHORIC_DETS for c in t.children)), None)
    if ref is None:
        return False
    sentence = ctx.sentences[i]
    before = sentence.text[:ref.idx]
    if i > 0:
        before = ctx.sentences[i - 1].text + " " + before
    return bool(WMD_NAMED.search(before))


PRONOUNS = frozenset({"this", "that", "it"})


def _pro_form(tokens: Sequence[Token]) -> bool:
    """A trigger that names its act only by reference: "if they fail to do so", "if that happens", "This"."""
    if _bare(tokens):
        return True
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma == "do" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in PRONOUNS | {"so"} and (
                t.doc[t.i + 1].head.i != t.i or t.doc[t.i + 1].dep_ in {"advmod", "dobj"}):
            # "does so", "do it", "does so first" (where the parser hangs "so" on "first")
            return True
        if lemma in {"happen", "occur"} and any(c.dep_ == "nsubj" and c.lower_ in PRONOUNS for c in t.children):
            return True
    return False


JOIN_VERBS = frozenset({"join", "accede"})


def _bare_join(tokens: Sequence[Token]) -> bool:
    """ "decided to join", "if they join": a verb of joining that names no bloc (no object, nothing it joins)."""
    return any(t.lemma_.lower() in JOIN_VERBS and not any(c.dep_ in {"dobj", "prep", "pobj"} for c in t.children)
               for t in tokens)


def _bare(tokens: Sequence[Token]) -> bool:
    """A trigger that is nothing but a demonstrative: "This", "That"."""
    words = [t for t in tokens if not t.is_punct]
    return len(words) == 1 and words[0].lower_ in {"this", "that"}


def _referent_class(ctx: Context, i: int, frame: Frame, trigger: Sequence[Token]) -> str:
    """The class of the act a pro-form trigger stands for: in "resume testing if the US does so", the answer's
    own act; else what the sentence says before it outside the answer ("demanded it lift the sanctions,
    warning ... if it failed to do so"); else the act of the sentence before."""
    start = min(t.i for t in trigger)
    answer = {t.i for t in frame.consequence}
    mirrored = frame.consequence and max(answer) < start and any(t.lemma_.lower() == "do" for t in trigger)
    if mirrored and (cls := classify(frame.consequence)) not in {"OTHER", "RESPOND"}:
        return cls
    ids = {t.i for t in trigger}
    rest = [t for t in ctx.parsed[i] if t.i not in answer and t.i not in ids]
    # before it first; then after it ("if that happens, ..., an official said after X threatened to invade")
    for part in ([t for t in rest if t.i < start], [t for t in rest if t.i > start]):
        if part and (cls := classify(part)) not in {"OTHER", "RESPOND"}:
            return cls
    if i - 1 in ctx.parsed and (cls := classify(list(ctx.parsed[i - 1]))) not in {"OTHER", "RESPOND"}:
        return cls
    return "OTHER"


def _evidence(ctx: Context, indexes: list[int]) -> tuple[Evidence, ...]:
    out = []
    for i in indexes:
        s = ctx.sentences[i]
        out.append(Evidence(ctx.document.id, i, Span(s.span.start, s.span.end), s.text))
    return tuple(out)


def find_candidates(ctx: Context) -> list[Candidate]:
    cands: list[Candidate] = []
    voice: attr.Voice | None = None
    for i in sorted(ctx.parsed):
        voice = attr.find_voice(ctx, i, voice) or (voice if voice and i - voice.sentence <= attr.CARRY else None)
        own = voice if voice is not None and voice.sentence == i else None
        if own is None and voice is not None and voice.carried and voice.sentence == i:
            own = voice
        recent = cands[-1] if cands else None
        found: list[Candidate] = []
        # "anyone toying with fire gets scorched. Secession means war": the act named, first
        frames = sorted(find_frames(ctx.parsed[i]), key=_figure_of_anyone)
        for frame in frames:
            if found and not _another_condition(found, frame):
                continue
            c = _candidate(ctx, i, frame, own, recent)
            if c is not None:
                found.append(c)
        cands.extend(found)
    # a headline's bare warning ("X warns Y over Z") stands only where no other line of its holder does
    held = [set(c.holder) for c in cands if not c.frame.extra.get("warned")]
    return [c for c in cands if not c.frame.extra.get("warned") or not any(set(c.holder) & h for h in held)]


def _figure_of_anyone(frame: Frame) -> bool:
    """ "those who provoke us", "anyone who dares": a party described, not an act named."""
    return frame.kind == "anyone" and bool(frame.trigger) and frame.trigger[0].lower_ in {
        "those", "anyone", "anybody", "whoever", "whosoever", "everyone"}


def _another_condition(found: list[Candidate], frame: Frame) -> bool:
    """ "If they lay a mine, if they fly a drone across, we will strike": each condition its own red line; so is
    each item of a list of red lines ("the border, the ports and the fishing grounds are red lines")."""
    if "item" in frame.extra and all("item" in c.frame.extra for c in found):
        return True
    if frame.kind != "if" or any(c.frame.kind != "if" for c in found):
        return False
    ids = {t.i for t in frame.trigger}
    return all(not ids & {t.i for t in c.frame.trigger} for c in found)


@step("redlines", requires={"parsed", "entities"}, provides={"redlines"}, cues=CUES)
def redlines_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        cands = find_candidates(ctx)
        ctx.scratch["redline_sentences"] = {c.sentence for c in cands}
        ctx.redlines = [
            RedLine(holder=c.holder, trigger=c.trigger, consequence=c.consequence, certainty=c.certainty,
                    explicit=c.explicit, evidence=_evidence(ctx, c.sentences), speaker=c.speaker)
            for c in merge(cands)
        ]

