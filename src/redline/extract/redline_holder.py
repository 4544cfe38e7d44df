"""Who holds a red line: the frame's own speaker, the one whose answer it is, or the alliance that pledges it.

The sentence's voice (``attribution``) is the first guess; the frame's shape corrects it: a reporting
clause of the frame's own ("after Moscow warned that ..."), the agent of a passive threat ("could be
targeted by Russian missiles"), the subject of the clause that promises the answer, whoever set a
demand ("otherwise ..."), a collective-defence pledge's alliance, a doctrine's author, or the state that
owns the threatened answer when the speaker is not known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from redline.actors import load_registry
from redline.extract import attribution as attr
from redline.extract import clause_voice
from redline.extract.frame_tokens import Frame
from redline.extract.lexicon import ROLE_WORDS
from redline.extract.pipeline import Context
from redline.extract.redline_merge import Candidate


def holder_of(ctx: Context, i: int, frame: Frame, voice: attr.Voice | None,
            recent: Candidate | None, attacked: Sequence[str] = ()) -> attr.Voice | None:
    if frame.extra.get("standing") and frame.head is not None and (v := _order_giver(ctx, i, frame.head)):
        return v
    consequence_first = frame.head is not None and (
        frame.kind in {"if", "event", "anyone", "threat", "defence", "intercept"} or bool(frame.extra.get("inline")))
    if consequence_first and frame.head is not None and (v := _passive_agent(ctx, i, frame.head, voice)):
        return v
    if frame.head is not None and (v := clause_voice.governing_voice(ctx, i, frame.head)) is not None:
        # the line reported by a clause of its own ("after Moscow warned that ..."): its speaker holds it
        if consequence_first and v.codes and (body := _reported_commitment(ctx, i, frame, v)) is not None:
            return body
        return v if v.codes else None
    if voice is not None and not (voice.carried and consequence_first):
        if consequence_first and (body := _reported_commitment(ctx, i, frame, voice)) is not None:
            return body
        return voice
    if frame.extra.get("penalty"):
        # "X must stop or face sanctions": X would face the penalty; only a reported voice holds it, or the one
        # who gave the order ("Pretoria ordered Harare to pull back or face ...")
        return voice or _orderer(ctx, i, frame.trigger)
    if frame.kind == "otherwise" and frame.trigger and (v := _demand_voice(ctx, i, frame.trigger)) is not None:
        # "X have agreed to set a deadline, otherwise Tehran will face sanctions": who set the demand holds it;
        # the one who would face the response does not.
        return v
    # Only where the head is the consequence ("NATO may deploy troops if ..."): in "X would mean war"
    # the subject is the trigger, not the holder.
    passive = frame.head is not None and any(c.dep_ == "nsubjpass" for c in frame.head.children)
    if consequence_first and frame.head is not None and not (frame.kind == "threat" and passive):
        # ("facilities could be targeted in response to X": the ones targeted are not the holder)
        v = clause_voice.clause_subject_voice(ctx, i, frame.head)
        if v is not None:
            return v
    if voice is not None:
        return voice
    if recent is not None and i - recent.sentence <= 4 and (frame.explicit or frame.kind in {"otherwise", "doctrine"}):
        return attr.Voice(recent.holder, recent.speaker, i, carried=True)
    if _collective(frame):
        # "a strike on one ally counts as a strike on every ally": the alliance that pledges it
        for k in (i, i - 1):
            allies = [m for m in ctx.mentions_in(ctx.sentences[k]) if m.kind == "organisation"] if k >= 0 else []
            if allies:
                return attr.Voice(tuple(dict.fromkeys(allies[-1].codes)), None, i, carried=True)
    if frame.kind in {"doctrine", "event"} and frame.consequence:
        # Doctrine wording that quotes no one ("a nuclear reply should Belarus come under attack"): the one
        # attacked is the one who answers; else the doctrine's author, named just before.
        codes = tuple(c for c in attacked if c != "ANY")
        if codes:
            return attr.Voice(codes, None, i, carried=True)
        return attr.recent_person(ctx, i) or _doctrine_author(ctx, i)
    return _answer_owner(ctx, i, frame)


def _order_giver(ctx: Context, i: int, ordered: Token) -> attr.Voice | None:
    """Who gives a standing order: the subject of "ordered the utility to cut off ...", or of the clause that
    issues the decree which orders it ("the president signed a decree ordering ..."); not the one ordered."""
    for t in [ordered.head, *ordered.head.ancestors][:4]:
        if (v := clause_voice.clause_subject_voice(ctx, i, t)) is not None and v.codes:
            return v
    return None


SUFFERING_VERBS = frozenset({"face", "suffer", "regret", "risk", "pay", "lose", "receive", "get", "be", "become"})


def _reported_commitment(ctx: Context, i: int, frame: Frame, voice: attr.Voice) -> attr.Voice | None:
    """ "The AU would suspend its mediation if ..., the Senegalese minister said": the body that commits to
    the answer holds the line, not the state of the one who reports it.

    Only an organisation that is the active subject of the answer ("NATO would face ..." or "the UN would be
    targeted" are answers it suffers), and only one the speaker may speak for: a body with a member list must
    count the speaker's state among its members (a Russian saying NATO would strike is not NATO's pledge).
    """
    head = frame.head
    if head is None or frame.extra.get("penalty") or head.lemma_.lower() in SUFFERING_VERBS:
        return None
    verb = head
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    while not subj and verb.dep_ in {"xcomp", "conj"} and verb.head.i != verb.i:
        verb = verb.head
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    found = attr.tokens_mentions(ctx, i, list(subj[0].subtree))
    if not found or any(m.kind != "organisation" for m in found):
        return None
    codes = tuple(dict.fromkeys(c for m in found for c in m.codes))
    if not codes or set(codes) & set(voice.codes):
        return None
    registry = load_registry()
    for code in codes:
        members = registry.members(code)
        if members and not set(voice.codes) <= members:
            return None
    return attr.Voice(codes, voice.speaker, i, reporter=voice.codes)


DOCUMENT_WORDS = re.compile(r"\b(?:doctrine|law|decree|strategy|policy|guidelines|statute|document)\b", re.IGNORECASE)


def _doctrine_author(ctx: Context, i: int) -> attr.Voice | None:
    """ "Belarus published a new doctrine. The conditions for ... include X": the state that issued it, named first
    in the sentence before that speaks of the document."""
    if i == 0 or not DOCUMENT_WORDS.search(ctx.sentences[i - 1].text):
        return None
    states = [m for m in ctx.mentions_in(ctx.sentences[i - 1]) if m.kind == "state"]
    return attr.Voice(tuple(dict.fromkeys(states[0].codes)), None, i, carried=True) if states else None


ANSWER_NOUNS = frozenset({"response", "retaliation", "reply", "answer", "strike", "strikes", "action", "force",
                          "countermeasure", "countermeasures", "reprisal", "reprisals"})


def _answer_owner(ctx: Context, i: int, frame: Frame) -> attr.Voice | None:
    """ "an aide cautioned that X would bring a rapid French naval reply": whose answer it is.

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
    """ "Estonia might be hit by Russian rockets if ...": the agent answers, the subject suffers.

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
        if (found := clause_voice.clause_subject_voice(ctx, i, v)) is not None:
            return found
    return None


ORDER_VERBS = frozenset({"order", "tell", "demand", "urge", "warn", "ask", "instruct", "command", "call"})


def _orderer(ctx: Context, i: int, demand: Sequence[Token]) -> attr.Voice | None:
    """The subject of the verb that orders the demand ("Pretoria ordered Harare to pull back")."""
    ids = {t.i for t in demand}
    verbs = sorted((t for t in demand if t.pos_ in {"VERB", "AUX"}), key=attr.depth)
    if not verbs or verbs[0].head.i in ids or verbs[0].head.lemma_.lower() not in ORDER_VERBS:
        return None
    return clause_voice.clause_subject_voice(ctx, i, verbs[0].head)


def _collective(frame: Frame) -> bool:
    """A collective-defence pledge: an act against "one" (member, ally) answered as one against "all"."""
    return (frame.kind in {"regard", "link", "meet"} and any(t.lower_ == "one" for t in frame.trigger)
            and any(t.lower_ in {"all", "every"} for t in frame.consequence))
