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
from redline.extract.actions import classify, roots
from redline.extract.frame_tokens import Frame
from redline.extract.frames import find_frames, phrase_text
from redline.extract.lexicon import (
    EXPLICIT_RE,
    FORCE_WORDS,
    HIGH_RE,
    LOW_RE,
    MEDIUM_RE,
    NON_SECURITY_RE,
    RESPONSE_RE,
    ROLE_WORDS,
    SECURITY_RE,
    STRONG_SECURITY_RE,
    WEAPON_WORDS,
)
from redline.extract.pipeline import Context, Resources, step
from redline.extract.redline_merge import Candidate, merge, trigger_words
from redline.models import Consequence, Evidence, RedLine, Span, Trigger

CUES = re.compile(
    r"\b(?:if|unless|once|should|otherwise|or else|in the event|in case|red[- ]?lines?|line in the sand|"
    r"casus belli|cause of war|act of war|would|will|means|mean|tantamount|regarded|considered|seen as|"
    r"met with|meet|warn\w*|threat\w*|vow\w*|defend)\b"
)
HOSTILE_CLASSES = frozenset({"ATTACK", "COERCE", "SANCTION", "ANNEX"})
THREAT_CLASSES = frozenset({"ATTACK", "WMD", "SANCTION", "RESPOND", "DEPLOY", "COERCE"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "amod", "compound", "agent", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "to", "into", "in", "inside", "over", "at", "toward", "towards",
                          "across", "within", "onto", "upon"})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "another": 9, "other": 9}


def _text(tokens: Sequence[Token]) -> str:
    return phrase_text(tokens).strip(" ,;:\"“”'‘’")


def _role(tokens: Sequence[Token], mention_tokens: list[Token]) -> str:
    """'actor' or 'target' for the mention, read from its head token's dependency."""
    ids = {t.i for t in tokens}
    head = mention_tokens[-1]
    for t in mention_tokens:
        if t.head.i not in {m.i for m in mention_tokens}:
            head = t
            break
    while head.dep_ == "conj" and head.head.i != head.i:
        # "attacks on the Baltic states, Poland or Moldova": a list item plays its list's role.
        head = head.head
    dep = head.dep_
    if len(mention_tokens) > 1 and head.lemma_.lower() in FORCE_WORDS | WEAPON_WORDS:
        # "Western troops", "Polish jets": whoever's troops they are acts, wherever they are sent.
        return "actor"
    if dep == "pobj":
        prep = head.head
        if prep.lower_ == "by" or (prep.lower_ == "from" and prep.head.lemma_ in {"launch", "come", "attack"}):
            return "actor"
        if prep.lower_ in TARGET_PREPS or (prep.lower_ == "of" and prep.head.lemma_ in {"invasion", "attack"}):
            return "target"
        return "target" if prep.head.i in ids else "other"
    if dep in {"dobj", "attr"}:
        return "target"
    if dep in ACTOR_DEPS:
        # "an attack on Belarus by NATO" vs "NATO's attack"; an adjective on an object noun is a target.
        if dep in {"amod", "compound", "poss"} and head.head.dep_ == "pobj" and head.head.head.lower_ in TARGET_PREPS:
            return "target"
        return "actor"
    return "other"


def _parties(ctx: Context, i: int, tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
    doc = ctx.parsed[i]
    base = ctx.sentences[i].span.start
    actors: list[str] = []
    targets: list[str] = []
    for m in attr.tokens_mentions(ctx, i, tokens):
        mtoks = [t for t in doc if base + t.idx < m.span.end and base + t.idx + len(t.text) > m.span.start]
        if not mtoks:
            continue
        role = _role(tokens, mtoks)
        bucket = targets if role == "target" else actors if role == "actor" else None
        if bucket is None:
            bucket = actors if not actors else targets
        for c in m.codes:
            if c not in bucket:
                bucket.append(c)
    return actors, targets


def certainty_of(text: str) -> str:
    if HIGH_RE.search(text):
        return "high"
    if MEDIUM_RE.search(text):
        return "medium"
    if LOW_RE.search(text):
        return "low"
    return "high"


ENTRY_LEMMAS = frozenset({"involve", "intervene", "enter", "join", "fight", "act"})
WARNING_LEMMAS = frozenset({"warn", "warning", "threat", "threaten", "ultimatum"})


PEACE_NOUNS = frozenset({"agreement", "deal", "ceasefire", "truce", "peace", "settlement", "accord", "armistice"})
SETTLE_VERBS = frozenset({"reach", "sign", "conclude", "achieve", "strike", "agree", "secure", "hold"})
ADVICE_MODALS = frozenset({"should", "ought"})


def _peace_condition(trigger: Sequence[Token]) -> bool:
    """ "if a lasting peace agreement is reached": a settlement is the condition of a pledge, not a line.

    A settlement that fails or is not reached ("if no deal is signed") is a deadline, and stays a line.
    """
    if any(t.dep_ == "neg" or t.lower_ in {"no", "fail", "fails", "failed", "without"} for t in trigger):
        return False
    return any(t.lemma_.lower() in PEACE_NOUNS and t.head.lemma_.lower() in SETTLE_VERBS for t in trigger)


def _advice(consequence: Sequence[Token]) -> bool:
    """ "then I think the Netherlands should enter the discussion": a recommendation answers nothing."""
    return any(c.dep_ == "aux" and c.lower_ in ADVICE_MODALS
               for r in roots(consequence) for v in (r, *[x for x in r.children if x.dep_ == "ccomp"])
               for c in v.children)


VIEW_LEMMAS = frozenset({"see", "view", "regard", "consider", "expect", "believe", "think", "deem", "perceive"})


def _impersonal_view(head: Token) -> bool:
    """ "X is widely seen as decisive if Y": a view held by no one named, with no would, is commentary."""
    return (head.lemma_.lower() in VIEW_LEMMAS and any(c.dep_ == "auxpass" for c in head.children)
            and not any(c.dep_ in {"agent", "aux"} for c in head.children))


def _failure(trigger: Sequence[Token]) -> bool:
    """ "if an agreement isn't reached", "if no progress is made", "if they fail to withdraw"."""
    return any(t.dep_ == "neg" or t.lower_ in {"no", "fail", "fails", "failed", "refuse", "refuses"}
               for t in trigger)


# "will not tolerate / allow / accept any X": a refusal that is itself the warning
REFUSAL_LEMMAS = frozenset({"tolerate", "allow", "accept", "permit", "stand", "ignore", "hesitate"})


def is_threat(frame: Frame, consequence_text: str, consequence_class: str, trigger_class: str = "OTHER") -> bool:
    if (frame.kind == "anyone" and frame.head is not None and frame.head.lemma_.lower() not in REFUSAL_LEMMAS
            and any(c.dep_ == "neg" for c in frame.head.children)):
        # "will not send any missile that can hit X": restraint, not a threat, unless protection is withheld
        return _protection_withdrawn(frame.consequence)
    if frame.explicit or (frame.kind in {"meet", "threat", "doctrine", "defence"} and frame.consequence):
        # "X will be met with Y", "threatens Y over X": the wording itself makes Y a response.
        return True
    if not frame.consequence or (frame.kind == "if" and _peace_condition(frame.trigger)) or _advice(frame.consequence):
        return False
    if frame.kind in {"if", "event"} and frame.head is not None and _impersonal_view(frame.head):
        return False
    if frame.extra.get("mark") == "unless" and any(t.dep_ == "neg" for t in frame.consequence) and (
            consequence_class in HOSTILE_CLASSES | {"WMD", "RESPOND"}
            or any(t.lemma_.lower() in ENTRY_LEMMAS for t in frame.consequence)):
        # "would not get involved unless its territory is attacked": if it is, the holder acts.
        return True
    if _negated(frame.consequence) or (frame.head is not None and _negated_above(frame.head)):
        # "would not abandon its programme if ...", "will not become a nuclear power": a vow of what the holder
        # will not do answers nothing; withholding protection or refusing to tolerate does
        return _protection_withdrawn(frame.consequence)
    above = list(frame.head.ancestors) if frame.head is not None and frame.kind in {"if", "anyone"} else []
    if any(t.lemma_.lower() in WARNING_LEMMAS for t in [*frame.consequence, *above]):
        # "Putin issues stark warning if ...", "warned it could expand the drills if ...": a conditional
        # warning, whatever it threatens.
        return True
    if consequence_class == "ARM" and (trigger_class in HOSTILE_CLASSES | {"WMD"} or _failure(frame.trigger)):
        # "may supply arms to Ukraine if an agreement isn't reached": arming the other side answers the act;
        # "will send tanks if Sweden does" is a conditional pledge, a stance
        return True
    if _protection_withdrawn(frame.consequence):
        # "If they don't pay, I'm not going to defend them": protection withheld answers the act
        return True
    return bool(RESPONSE_RE.search(consequence_text)) or consequence_class in THREAT_CLASSES


PROTECT_LEMMAS = frozenset({"defend", "protect"})


def _negated_above(head: Token) -> bool:
    """ "would not comply with the request to shoot them down if ...": an act named inside a negated clause."""
    t = head
    for _ in range(6):
        if t.dep_ not in {"acl", "xcomp", "pobj", "prep", "dobj"} or t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"acl", "xcomp"}:
            return any(c.dep_ == "neg" for c in t.children) and t.lemma_.lower() not in REFUSAL_LEMMAS
    return False


def _negated(consequence: Sequence[Token]) -> bool:
    """A consequence whose main verb is negated ("will not abandon"), not "will not tolerate", "not only"."""
    for r in roots(consequence):
        neg = [c for c in r.children if c.dep_ == "neg"]
        if neg and r.lemma_.lower() not in REFUSAL_LEMMAS and not any(
                c.lower_ in {"just", "only", "merely", "simply"} for c in r.children):
            return True
    return False


def _protection_withdrawn(consequence: Sequence[Token]) -> bool:
    """ "will not defend them", "would not protect countries that ...": a guarantee withheld."""
    return any(t.lemma_.lower() in PROTECT_LEMMAS and (
        any(c.dep_ == "neg" for c in t.children)
        or (t.dep_ == "xcomp" and any(c.dep_ == "neg" for c in t.head.children)))
        for t in consequence)


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


def _holder(ctx: Context, i: int, frame: Frame, voice: attr.Voice | None,
            recent: Candidate | None, attacked: Sequence[str] = ()) -> attr.Voice | None:
    consequence_first = frame.head is not None and (
        frame.kind in {"if", "event", "anyone", "threat", "defence"} or bool(frame.extra.get("inline")))
    if consequence_first and frame.head is not None and (v := _passive_agent(ctx, i, frame.head, voice)):
        return v
    if frame.head is not None and (v := attr.governing_voice(ctx, i, frame.head)) is not None:
        # the line reported by a clause of its own ("after Moscow warned that ..."): its speaker holds it
        return v if v.codes else None
    if voice is not None and not (voice.carried and consequence_first):
        return voice
    if frame.extra.get("penalty"):
        # "X must stop or face sanctions": X would face the penalty; only a reported voice holds it
        return voice
    if frame.kind == "otherwise" and frame.trigger and (v := _demand_voice(ctx, i, frame.trigger)) is not None:
        # "X have agreed to set a deadline, otherwise Tehran will face sanctions": who set the demand holds it;
        # the one who would face the response does not.
        return v
    # Only where the head is the consequence ("NATO may deploy troops if ..."): in "X would mean war"
    # the subject is the trigger, not the holder.
    passive = frame.head is not None and any(c.dep_ == "nsubjpass" for c in frame.head.children)
    if consequence_first and frame.head is not None and not (frame.kind == "threat" and passive):
        # ("facilities could be targeted in response to X": the ones targeted are not the holder)
        v = attr.clause_subject_voice(ctx, i, frame.head)
        if v is not None:
            return v
    if voice is not None:
        return voice
    if recent is not None and i - recent.sentence <= 4 and (frame.explicit or frame.kind in {"otherwise", "doctrine"}):
        return attr.Voice(recent.holder, recent.speaker, i, carried=True)
    if _collective(frame):
        # "an attack on one member is considered an attack on all": the alliance that pledges it
        for k in (i, i - 1):
            allies = [m for m in ctx.mentions_in(ctx.sentences[k]) if m.kind == "organisation"] if k >= 0 else []
            if allies:
                return attr.Voice(tuple(dict.fromkeys(allies[-1].codes)), None, i, carried=True)
    if frame.kind in {"doctrine", "event"} and frame.consequence:
        # Doctrine wording that quotes no one ("retaliation in the event of aggression against Russia"): the one
        # attacked is the one who answers; else the doctrine's author, named just before.
        codes = tuple(c for c in attacked if c != "ANY")
        return attr.Voice(codes, None, i, carried=True) if codes else attr.recent_person(ctx, i)
    return _answer_owner(ctx, i, frame)


ANSWER_NOUNS = frozenset({"response", "retaliation", "reply", "answer", "strike", "strikes", "action", "force",
                          "countermeasure", "countermeasures", "reprisal", "reprisals"})


def _answer_owner(ctx: Context, i: int, frame: Frame) -> attr.Voice | None:
    """ "an official warned that X would draw a quick U.S. military response": whose answer it is.

    Only where someone not named as an actor is reported to speak (a reporting verb with a person or
    role as its subject); the author's "X could trigger a Russian response" holds nothing.
    """
    doc = ctx.parsed[i]
    speaking = any(
        (subj := attr.subject_of(v)) and not attr.is_pronoun_subject(subj) and not attr.is_media(subj)
        and any(t.pos_ == "PROPN" or t.lemma_.lower() in ROLE_WORDS for t in subj)
        for v in attr.reporting_verbs(doc))
    if not speaking:
        return None
    owners = [t for t in frame.consequence if t.dep_ in {"amod", "compound", "poss"}
              and t.head.lemma_.lower() in ANSWER_NOUNS]
    for m in attr.tokens_mentions(ctx, i, owners):
        if m.kind == "state" and m.codes:
            return attr.Voice(tuple(dict.fromkeys(m.codes)), None, i, carried=True)
    return None


def _passive_agent(ctx: Context, i: int, head: Token, voice: attr.Voice | None) -> attr.Voice | None:
    """ "Poland could be targeted by Russian missiles if ...": the agent answers, the subject suffers.

    Taken over the sentence's voice only when that voice is the one who would suffer (a Polish minister
    relaying the threat to Poland), or when there is none.
    """
    subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in head.children if c.dep_ == "agent"), None)
    if subj is None or agent is None:
        return None
    by = attr.voice_of_tokens(ctx, i, list(agent.subtree))
    if by is None:
        return None
    suffers = attr.voice_of_tokens(ctx, i, list(subj.subtree))
    if voice is None or (suffers is not None and set(suffers.codes) & set(voice.codes)):
        return attr.Voice(by.codes, None, i)
    return None


def _demand_voice(ctx: Context, i: int, demand: Sequence[Token]) -> attr.Voice | None:
    """The subject of the clause that states a demand, its top verb first."""
    verbs = sorted((t for t in demand if t.pos_ in {"VERB", "AUX"}), key=attr.depth)
    for v in verbs:
        if (found := attr.clause_subject_voice(ctx, i, v)) is not None:
            return found
    return None


def _collective(frame: Frame) -> bool:
    """A collective-defence pledge: an act against "one" (member, ally) answered as one against "all"."""
    return (frame.kind in {"regard", "link", "meet"} and any(t.lower_ == "one" for t in frame.trigger)
            and any(t.lower_ in {"all", "every"} for t in frame.consequence))


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


def _candidate(ctx: Context, i: int, frame: Frame, voice: attr.Voice | None,
               recent: Candidate | None) -> Candidate | None:
    sentence = ctx.sentences[i]
    frame.consequence = _foreground(frame.consequence)
    if frame.kind == "if" and EMPTY_CONDITION.match(_text(frame.trigger)):
        return None
    trigger_tokens = frame.trigger
    if frame.kind == "otherwise" and not frame.trigger and i > 0 and (i - 1) in ctx.parsed:
        trigger_tokens = list(ctx.parsed[i - 1])
        t_actors, t_targets = _parties(ctx, i - 1, trigger_tokens)
        t_class = classify(trigger_tokens)
    else:
        t_actors, t_targets = _parties(ctx, i, trigger_tokens)
        t_class = classify(trigger_tokens)
    if t_class == "RESPOND":
        # "if they persist in their reckless actions": a trigger's generic act is no answer, it is unclassed
        t_class = "OTHER"
    if frame.kind == "defence":
        # a pledge to defend X: the line is an attack on X, whoever would make it; the defence is the answer
        t_actors, t_targets, t_class = [], t_targets + t_actors, "ATTACK"
    c_text = _text(frame.consequence)
    c_class = classify(frame.consequence) if frame.consequence else "RESPOND"
    if c_class == "OTHER" and (RESPONSE_RE.search(c_text) or frame.kind == "defence"):
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
    holder = _holder(ctx, i, frame, voice, recent, t_targets if t_class == "ATTACK" else ())
    if holder is None or not holder.codes:
        return None
    c_actors, c_targets = _parties(ctx, i, frame.consequence) if frame.consequence else ([], [])
    hold = set(holder.codes)
    if _own_act(ctx, i, trigger_tokens, hold) and frame.kind in {"if", "link", "event"}:
        # "if Poland shot the missiles down, it would mean war", said by Poland: a reason for restraint
        return None
    if frame.kind == "defence" and (not t_targets or set(t_targets) <= hold):
        # defending oneself, or no party named: no pledge to anyone
        return None
    t_actors = [c for c in t_actors if c not in hold] or t_actors
    if t_class == "ARM":
        # "Ukraine's use of long-range missiles": for a supply, the one armed is the target, not the supplier.
        t_targets += [c for c in t_actors if c in _possessors(ctx, i, trigger_tokens) and c not in t_targets]
        t_actors = [c for c in t_actors if c not in t_targets]
    # Parties the trigger's own words do not name (the one warned, a pronoun's antecedent, the other side
    # named around the threat) are marked inferred; "any country" is in the words.
    inferred = not t_actors
    if not t_actors and frame.kind != "defence":
        # (the one a pledge defends is in its consequence too, and is not the one who would attack it)
        t_actors = _implied_actors(ctx, i, trigger_tokens, hold, c_targets + c_actors)
    if not t_actors:
        t_actors = _other_side(ctx, i, hold, t_targets)
    if not t_actors:
        # an agentless trigger with no other side named around it ("aggression against Russia", "a massive
        # missile launch"): whoever would do it, the unspecified party of FORMAT.md §3
        t_actors = ["ANY"]
    if _first_person(trigger_tokens) or not t_targets:
        # "aggression against us", "an attack", "a blockade", "sanctions" with no target named: the holder is
        # the one it is done to.
        t_targets = t_targets + [c for c in holder.codes if c not in t_targets]
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
        words=trigger_words(ctx, i if frame.kind != "otherwise" or frame.trigger else i - 1, trigger_tokens, hold),
    )


FIRST_PERSON = frozenset({"us", "our", "we", "ours", "ourselves"})
SELF_SUBJECTS = frozenset({"we", "i", "you"})
UNDERGO_LEMMAS = frozenset({"face", "see", "suffer", "experience", "come", "get", "receive", "feel", "think",
                            "believe", "find", "be", "have", "learn", "know", "notice", "detect", "encounter",
                            "sense", "consider", "regard", "fear"})


def _own_act(ctx: Context, i: int, trigger: Sequence[Token], hold: set[str]) -> bool:
    """Whether the trigger is the holder's own deliberate act: an active subject that is the holder, "we" or
    a generic "you" ("if you start shooting down missiles ..."); a failure or refusal is a deadline, not one."""
    if not trigger or _failure(trigger):
        return False
    ids = {t.i for t in trigger}
    heads = [t for t in trigger if t.head.i not in ids or t.head.i == t.i]
    verbs = [h for h in heads if h.pos_ in {"VERB", "AUX"}]
    act = verbs[0] if verbs else None
    while act is not None and act.lemma_.lower() in {"start", "begin", "continue", "keep"} and (
            x := next((c for c in act.children if c.dep_ == "xcomp"), None)) is not None:
        act = x  # "if we start seeing weapons moving": what is started decides
    if act is None or act.lemma_.lower() in UNDERGO_LEMMAS:
        # "if Belarus faces aggression", "if we see weapons moving": the subject undergoes, it does not act
        return False
    subj = next((c for c in verbs[0].children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.lower_ in SELF_SUBJECTS:
        return True
    found = attr.tokens_mentions(ctx, i, list(subj.subtree))
    return bool(found) and all(set(m.codes) <= hold for m in found)
GENERIC_PARTY = re.compile(
    r"\b(?:any(?:one|body)?|whoever|third (?:party|parties|country|countries)|foreign|outside|external|"
    r"other (?:countries|states|nations)|every (?:country|state|nation))\b", re.IGNORECASE)
THIRD_PERSON = frozenset({"they", "them", "their", "it", "its"})


def _possessors(ctx: Context, i: int, tokens: Sequence[Token]) -> set[str]:
    """Codes of mentions that modify a noun in ``tokens`` ("Ukraine's use", "Ukraine long-range missiles")."""
    out: set[str] = set()
    mods = [t for t in tokens if t.dep_ in {"poss", "compound", "nmod", "amod"}]
    for m in attr.tokens_mentions(ctx, i, mods):
        out.update(m.codes)
    return out


def _implied_actors(ctx: Context, i: int, trigger: Sequence[Token], hold: set[str],
                    consequence: list[str]) -> list[str]:
    """Who would cross the line when the trigger names nobody: "they", "any country", the one warned."""
    def others(codes: list[str]) -> list[str]:
        return [c for c in dict.fromkeys(codes) if c not in hold]

    if any(t.lower_ in THIRD_PERSON and t.dep_ in {"nsubj", "nsubjpass", "poss"} for t in trigger):
        # the nearest actor before the pronoun that is not the holder: "sanctions on Ankara if they ..."
        start = trigger[0].idx + ctx.sentences[i].span.start if trigger else ctx.sentences[i].span.start
        lo = ctx.sentences[max(0, i - 2)].span.start
        before = [c for m in ctx.mentions if lo <= m.span.start < start for c in m.codes]
        if found := others(before[::-1]):
            return found[:1]
    generic = ["ANY"] if GENERIC_PARTY.search(" ".join(t.text for t in trigger)) else []
    return generic + (others(_addressees(ctx, i)) or others(consequence))


def _other_side(ctx: Context, i: int, hold: set[str], targets: list[str]) -> list[str]:
    """An agentless trigger ("if aggression is launched"): the parties named around the threat, not its holder.

    The actors of the threat's own sentence first, else of the sentence before; marked as inferred.
    """
    for k in (i, i - 1):
        if k < 0:
            continue
        codes = [c for m in ctx.mentions_in(ctx.sentences[k]) for c in m.codes]
        found = [c for c in dict.fromkeys(codes) if c not in hold and c not in targets]
        if found:
            return found
    return []


def _first_person(tokens: Sequence[Token]) -> bool:
    return any(t.lower_ in FIRST_PERSON for t in tokens)


def _addressees(ctx: Context, i: int) -> list[str]:
    """Who a warning is addressed to: "warned NATO that ...", "told Washington ..."."""
    doc = ctx.parsed[i]
    out: list[str] = []
    for verb in attr.reporting_verbs(doc):
        objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        for o in objs:
            for m in attr.tokens_mentions(ctx, i, list(o.subtree)):
                out.extend(c for c in m.codes if c not in out)
    return out


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
        for frame in find_frames(ctx.parsed[i]):
            if found and not _another_condition(found, frame):
                continue
            c = _candidate(ctx, i, frame, own, recent)
            if c is not None:
                found.append(c)
        cands.extend(found)
    return cands


def _another_condition(found: list[Candidate], frame: Frame) -> bool:
    """ "If it fires a rocket, if it digs a tunnel, we will attack": each condition its own red line; so is
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

