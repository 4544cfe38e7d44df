"""Whether a frame is a threat: a response promised to an act, not a pledge, advice, restraint or a view.

The red-line step finds frames (``frames``) and asks here whether each one's consequence answers its
trigger: wording that makes it a response ("will be met with", "threatens ... over"), a response or a
hostile class in the consequence, a warning verb above the frame, or protection withheld. It is not one
when the condition is a settlement ("if a peace deal is reached"), the consequence is advice ("should
enter the talks"), an impersonal view, a vow of what the holder will not do, or the trigger is the
holder's own act ("if we shot them down, it would mean war").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from redline.extract import attribution as attr
from redline.extract.actions import roots
from redline.extract.frame_tokens import Frame
from redline.extract.lexicon import RESPONSE_RE
from redline.extract.pipeline import Context

HOSTILE_CLASSES = frozenset({"ATTACK", "COERCE", "SANCTION", "ANNEX"})
THREAT_CLASSES = frozenset({"ATTACK", "WMD", "SANCTION", "RESPOND", "DEPLOY", "COERCE"})
ENTRY_LEMMAS = frozenset({"involve", "intervene", "enter", "join", "fight", "act"})
WARNING_LEMMAS = frozenset({"warn", "warning", "threat", "threaten", "ultimatum"})


PEACE_NOUNS = frozenset({"agreement", "deal", "ceasefire", "truce", "peace", "settlement", "accord", "armistice"})
SETTLE_VERBS = frozenset({"reach", "sign", "conclude", "achieve", "strike", "agree", "secure", "hold"})
ADVICE_MODALS = frozenset({"should", "ought"})


def _peace_condition(trigger: Sequence[Token]) -> bool:
    """ "once a durable truce has been signed": a settlement is the condition of a pledge, not a line.

    A settlement that fails or is not reached ("if no deal is signed") is a deadline, and stays a line.
    """
    if any(t.dep_ == "neg" or t.lower_ in {"no", "fail", "fails", "failed", "without"} for t in trigger):
        return False
    return any(t.lemma_.lower() in PEACE_NOUNS and t.head.lemma_.lower() in SETTLE_VERBS for t in trigger)


SHARE_VERBS = frozenset({"provide", "share", "give", "hand", "present", "supply", "furnish", "offer"})
EVIDENCE_NOUNS = frozenset({"intelligence", "evidence", "information", "proof", "details", "data", "list", "names"})


def _cooperative(trigger: Sequence[Token]) -> bool:
    """ "if Delhi provides actionable intelligence", "if they share evidence": a condition of cooperation."""
    return any(t.lemma_.lower() in SHARE_VERBS and any(
        d.lemma_.lower() in EVIDENCE_NOUNS for d in t.subtree if d.dep_ in {"dobj", "pobj"}) for t in trigger)


def _advice(consequence: Sequence[Token]) -> bool:
    """ "then in my view Portugal should join the talks": a recommendation answers nothing."""
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
    if frame.extra.get("ultimatum"):
        # a demand with a deadline: refusing it is the act the answer awaits, stated or not
        return True
    if frame.extra.get("standing") and frame.consequence:
        # "a decree ordering the utility to cut off buyers that refuse to pay": the order commits the answer
        return True
    if frame.extra.get("warned"):
        # "X warns Y over Z" (a headline): the warning itself is the line, its answer unsaid
        return True
    shaped = frame.kind in {"meet", "threat", "doctrine", "defence", "intercept"}
    if frame.explicit or (shaped and frame.consequence) or (
            frame.extra.get("mark") == "whoever" and frame.consequence):
        # "whoever extends his hand over X, we will cut it": the shape itself promises the answer
        # "X will be met with Y", "threatens Y over X": the wording itself makes Y a response.
        return True
    if frame.kind == "if" and _cooperative(frame.trigger):
        # "if India provides actionable intelligence, we will act": a pledge to act on evidence, not a line
        return False
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
        # "would not abandon its programme if ...", "will never build a bomb": a vow of what the holder
        # will not do answers nothing; withholding protection or refusing to tolerate does
        return _protection_withdrawn(frame.consequence)
    if any(r.lemma_.lower() in {"tolerate", "hesitate"} and any(c.dep_ == "neg" for c in r.children)
           for r in roots(frame.consequence)):
        # "will never tolerate any attempt to X", "would not hesitate to": the refusal is the warning
        return True
    above = list(frame.head.ancestors) if frame.head is not None and frame.kind in {"if", "anyone"} else []
    if any(t.lemma_.lower() in WARNING_LEMMAS for t in [*frame.consequence, *above]):
        # "Putin issues stark warning if ...", "warned it could expand the drills if ...": a conditional
        # warning, whatever it threatens.
        return True
    if consequence_class == "ARM" and (trigger_class in HOSTILE_CLASSES | {"WMD"} or _failure(frame.trigger)):
        # "could ship weapons to Armenia should the talks collapse": arming the other side answers the act;
        # "will send tanks if Sweden does" is a conditional pledge, a stance
        return True
    if _protection_withdrawn(frame.consequence):
        # "If they skip their dues, we won't be protecting them": protection withheld answers the act
        return True
    if _diplomatic_answer(frame.consequence):
        # "will suspend talks unless", "would recall its ambassador if": a diplomatic penalty answers the act
        return True
    return bool(RESPONSE_RE.search(consequence_text)) or consequence_class in THREAT_CLASSES


# A diplomatic penalty: a verb of breaking off with what is broken off ("suspend talks", "recall the envoy",
# "sever ties", "close its embassy"), or a boycott.
BREAKING_VERBS = frozenset({"suspend", "halt", "break", "freeze", "sever", "cut", "end", "recall", "expel",
                            "quit", "withdraw", "pull", "close", "downgrade"})
DIPLOMATIC_OBJECTS = frozenset({"talk", "talks", "negotiation", "negotiations", "relation", "relations", "tie",
                                "ties", "mediation", "contact", "contacts", "dialogue", "participation",
                                "ambassador", "envoy", "diplomat", "diplomats", "embassy", "consulate"})


def _diplomatic_answer(consequence: Sequence[Token]) -> bool:
    """ "suspend the talks", "pull out of the negotiations", "recall its envoy", "boycott the vote"."""
    within = {t.i for t in consequence}
    for r in roots(consequence):
        lemma = r.lemma_.lower()
        if lemma == "boycott" or (lemma in BREAKING_VERBS and any(
                x.i in within and x.i != r.i and x.lemma_.lower() in DIPLOMATIC_OBJECTS
                and r.i in {a.i for a in list(x.ancestors)[:3]} for x in r.subtree)):
            return True
    return False


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

SELF_SUBJECTS = frozenset({"we", "i", "you"})
UNDERGO_LEMMAS = frozenset({"face", "see", "suffer", "experience", "come", "get", "receive", "feel", "think",
                            "believe", "find", "be", "have", "learn", "know", "notice", "detect", "encounter",
                            "sense", "consider", "regard", "fear", "appear", "seem", "lose"})


def own_act(ctx: Context, i: int, trigger: Sequence[Token], hold: set[str]) -> bool:
    """Whether the trigger is the holder's own deliberate act: an active subject that is the holder, "we" or
    a generic "you" ("if you begin intercepting drones ..."); a failure or refusal is a deadline, not one."""
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
