"""Frames of warnings and demands: threat verbs with their ground, "otherwise" and "or face".

- threat verbs with their ground: "X threatens Y with war over Z", "threatened countermeasures in
  response to Z";
- a response promised to an act: "will respond to any provocation";
- a bare "otherwise, Y" after a demand (the trigger is the previous sentence);
- "correct the mistake or face the consequences": a demand whose refusal brings a penalty;
- an ultimatum: "handed the militia a two-day ultimatum to disarm, before troops move in".

Split from ``frames`` (which gathers every shape of frame) by concern: these read what a warning
answers, not a condition.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from redline.extract.event_words import RESTRICTION_WORDS, SANCTION_WORDS, TARIFF_WORDS
from redline.extract.frame_tokens import Frame, child, has_modal, minus
from redline.extract.lexicon import REPORTING_VERBS, RESPONSE_RE

__all__ = ["or_face_frame", "otherwise_frame", "response_frames", "threat_frames", "ultimatum_frames"]

def otherwise_frame(doc: Doc) -> Frame | None:
    """ "Otherwise, Y": after a demand in the same sentence, or in the sentence before (empty trigger)."""
    for t in doc:
        or_else = t.lower_ == "else" and t.i > 0 and doc[t.i - 1].lower_ == "or"
        if t.lower_ in {"otherwise", "else"} and (t.dep_ in {"advmod", "cc", "prep"} or or_else):
            before = [x for x in doc if x.i < t.i and not x.is_punct and not (or_else and x.i == t.i - 1)]
            after = [x for x in doc if x.i > t.i and not x.is_punct]
            if len(before) >= 4:
                root = next((x for x in doc if x.dep_ == "ROOT"), t.head)
                # "told the allies to spend more, or else ...": the demand, not who made it, is the trigger
                demand = next((c for c in root.children if c.dep_ in {"xcomp", "ccomp"} and c.i < t.i), None)
                if demand is not None and root.lemma_.lower() in REPORTING_VERBS | {"tell", "ask", "order"}:
                    before = [x for x in before if x.i >= min(y.i for y in demand.subtree)]
                return Frame("otherwise", before, after, root, extra={"inline": "1"})
            return Frame("otherwise", [], after, t.head)
    return None


# What a threat verb threatens when its object is no response word: "threaten further steps against X".
STEP_NOUNS = frozenset({"step", "measure", "countermeasure", "action", "reprisal", "punishment", "sanction"})
PENALTY_VERBS = frozenset({"face", "suffer", "pay", "risk", "bear", "incur"})


def or_face_frame(doc: Doc) -> Frame | None:
    """ "Correct the mistake or face the consequences": a demand whose refusal brings a penalty.

    The demand is the trigger (its refusal crosses the line); whoever must comply is the one who would
    face the penalty, never its holder (``extra["penalty"]``).
    """
    for t in doc:
        if t.lower_ != "or" or t.dep_ != "cc":
            continue
        demand = t.head
        penalty = next((c for c in demand.children if c.dep_ == "conj" and c.i > t.i
                        and c.lemma_.lower() in PENALTY_VERBS), None)
        if penalty is None or demand.pos_ not in {"VERB", "AUX"}:
            continue
        obj = child(penalty, {"dobj"})
        if obj is None or not RESPONSE_RE.search(" ".join(x.text for x in obj.subtree)):
            continue
        trigger = minus(list(demand.subtree), list(penalty.subtree), [t])
        return Frame("otherwise", trigger, minus(list(penalty.subtree)), penalty,
                     extra={"inline": "1", "penalty": "1"})
    return _or_face_words(doc)


TELLING_VERBS = REPORTING_VERBS | {"tell", "order", "ask", "urge", "demand", "call"}


def _or_face_words(doc: Doc) -> Frame | None:
    """ "warned Baku to stop shelling the villages or face consequences", where the parser hangs "or face" on
    a noun (and may tag "face" a noun): read from the words, the demand being the verb the warning governs."""
    for t in doc[1:-1]:
        nxt = doc[t.i + 1]
        if t.lower_ != "or" or nxt.lower_ not in PENALTY_VERBS:
            continue
        end = next((x.i for x in doc[nxt.i + 1:] if x.is_punct), len(doc))
        consequence = list(doc[nxt.i:end])
        if len(consequence) < 2 or not RESPONSE_RE.search(" ".join(x.text for x in consequence[1:])):
            continue
        demand = next((v for v in reversed(doc[:t.i]) if v.pos_ in {"VERB", "AUX"} and v.dep_ in {"xcomp", "ccomp"}
                       and v.head.lemma_.lower() in TELLING_VERBS and v.head.i < v.i), None)
        if demand is None:
            continue
        trigger = minus([x for x in demand.subtree if x.i < t.i])
        if trigger:
            return Frame("otherwise", trigger, consequence, nxt, extra={"inline": "1", "penalty": "1"})
    return None


THREAT_VERBS = frozenset({"threaten", "warn", "vow", "pledge", "promise"})
# "threatens Greece with war over its waters", "threatened countermeasures in response to the deployment".
GROUND_PREPS = frozenset({"over", "for", "against"})
# which of them names the ground first when the answer has several: "over" the act, then "for", then "against"
GROUND_RANK = {"over": 0, "for": 1, "against": 2}


def _prep_object(t: Token, preps: set[str]) -> Token | None:
    """The first object of a preposition in ``preps`` hanging on ``t`` ("response [to] X" -> X)."""
    for p in t.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            objs = [g for g in p.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return objs[0]
    return None


# Penalties whose "against X" names what they strike: "sanctions against", "restrictions against", "a ban against".
PENALTY_WORDS = SANCTION_WORDS | TARIFF_WORDS | RESTRICTION_WORDS


def _penalises(head: Token) -> bool:
    """Whether ``head`` (what "against" hangs on) is a penalty, or imposes one ("impose duties | against")."""
    if head.lemma_.lower() in PENALTY_WORDS or head.lower_ in PENALTY_WORDS:
        return True
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in PENALTY_WORDS or c.lower_ in PENALTY_WORDS)
               for c in head.children)


def _response_to(t: Token) -> Token | None:
    """The object of "in response to X" / "in retaliation for X" hanging on ``t``."""
    answers = [n for c in t.children if c.dep_ == "prep" and c.lower_ == "in" for n in c.children
               if n.dep_ == "pobj" and n.lemma_.lower() in {"response", "retaliation", "reply", "answer"}]
    return next((obj for n in answers if (obj := _prep_object(n, {"to", "for"})) is not None), None)


PRICE_NOUNS = frozenset({"consequence", "price", "cost", "response", "retaliation", "repercussion"})


def _consequence_ground(consequence: list[Token]) -> Token | None:
    """ "cautioned Tbilisi about the consequences of Georgia entering the bloc": what the consequences would be of.

    In "consequences for Athens over the drilling" the one who pays is named by "for" and the act by "over":
    the act is the ground, the party stays in the consequence as its target.
    """
    for x in consequence:
        if x.lemma_.lower() not in PRICE_NOUNS:
            continue
        if (obj := _prep_object(x, {"over"})) is not None:
            return obj
        if (obj := _prep_object(x, {"of", "for"})) is not None:
            return obj
    return None


def _ground_tokens(ground: Token) -> list[Token]:
    """The ground's words, with a clause the parser hung on the noun before it ("of Ukraine | joining NATO")."""
    tokens = list(ground.subtree)
    if ground.dep_ in {"pobj", "pcomp"}:
        # "over non-payment": the parser splits a hyphenated word into several objects of the preposition
        doc, end = ground.doc, ground.i
        for sib in sorted((c for c in ground.head.children if c.dep_ in {"pobj", "pcomp"} and c.i > end),
                          key=lambda c: c.i):
            if sib.i != end + 1 or doc[end].whitespace_ or not (doc[end].text == "-" or sib.text == "-"):
                break
            tokens += list(sib.subtree)
            end = max(x.i for x in sib.subtree) if sib.text != "-" else sib.i
    noun = ground.head.head
    if ground.head.dep_ == "prep" and noun.lemma_.lower() in PRICE_NOUNS:
        tokens += [x for c in noun.children if c.dep_ == "acl" and c.i > ground.i for x in c.subtree]
    return tokens


def response_frames(doc: Doc) -> list[Frame]:
    """ "Belgrade would adopt countermeasures in response to Kosovo's new army": a promised answer to a named act."""
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or not has_modal(t) or t.lemma_.lower() in THREAT_VERBS:
            continue
        ground = _response_to(t)
        if ground is None:
            continue
        trigger = minus(list(ground.subtree))
        lead = [a for a in ground.ancestors if a.i != t.i and a.i in {x.i for x in t.subtree}]
        consequence = minus(list(t.subtree), list(ground.subtree), lead)
        if trigger and consequence:
            frames.append(Frame("threat", trigger, consequence, t))
    return frames


def _bare_response(doc: Doc) -> bool:
    """A sentence opening "In response," / "In retaliation," with nothing said of what it answers."""
    words = [t.lower_ for t in doc[:3]]
    return words[:2] in (["in", "response"], ["in", "retaliation"]) and len(words) > 2 and words[2] == ","


def threat_frames(doc: Doc) -> list[Frame]:
    """A threat verb with what is threatened and what it answers: "X threatens Y with war over Z".

    The ground ("over Z", "for doing Z", "in response to Z") is the trigger; the threatened response
    ("with war", "to take countermeasures", "of consequences") the consequence.
    """
    frames: list[Frame] = []
    for t in doc:
        if t.lemma_.lower() not in THREAT_VERBS or t.pos_ not in {"VERB", "NOUN"}:
            continue
        consequence: list[Token] = []
        ground: Token | None = None
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "of"}:
                consequence = minus(list(c.subtree), [c])
            elif c.dep_ == "xcomp" and not consequence:
                consequence = list(c.subtree)
            elif c.dep_ == "dobj" and not consequence and (RESPONSE_RE.search(" ".join(x.text for x in c.subtree))
                                                           or c.lemma_.lower() in STEP_NOUNS):
                # "threatened sanctions over X"; not "warned Belarus over X", where the object is the one warned
                consequence = list(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in GROUND_PREPS and ground is None:
                objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                ground = objs[0] if objs else None
        for x in [t, *consequence]:
            if ground is None:
                ground = _response_to(x)
        # "with war over the islands": the ground hangs on the threatened response; in "steps against Minsk
        # over the landing", "against" names the target and "over" the ground, as in "consequences for Athens
        # over the drilling", where "for" names the one who would pay
        preps = sorted((x for x in consequence if x.dep_ == "prep" and x.lower_ in GROUND_PREPS),
                       key=lambda x: (GROUND_RANK.get(x.lower_, 1), x.i))
        for x in preps:
            objs = [g for g in x.children if g.dep_ in {"pobj", "pcomp"}]
            if x.lower_ == "against" and objs and (objs[0].pos_ == "PROPN" or _penalises(x.head)):
                # "to push its offensive against the militia", "to impose tariffs against foreign steel": whom or
                # what the answer strikes, not what it answers
                continue
            if ground is None and objs:
                ground = objs[0]
        if ground is None:
            ground = _consequence_ground(consequence)
        if ground is None and consequence and _bare_response(doc):
            # "In response, the junta has threatened to seal the border crossings": what it answers is the
            # sentence before (the red-line step reads it there)
            frames.append(Frame("threat", [], minus(consequence), t, extra={"ground": "previous"}))
            continue
        if ground is not None and not consequence and ground.head.lower_ == "over" and t.lemma_.lower() in {
                "warn", "threaten"} and any(
                c.dep_ == "dobj" and c.pos_ == "PROPN" for c in t.children):
            # "Minsk warns Vilnius over border drills": a warning to a party over an act, its answer
            # unsaid; the red-line step keeps it only as a headline that no other line of its holder explains.
            # Not "warns Turkey against an operation": a warning against an act objects to it, a stance
            trigger = minus(_ground_tokens(ground))
            if trigger:
                frames.append(Frame("threat", trigger, [], t, extra={"warned": "1"}))
            continue
        if ground is None or not consequence:
            continue
        trigger = minus(_ground_tokens(ground))
        # the ground and the words that introduce it ("over", "in response to") leave the consequence
        lead = [a for a in ground.ancestors if a.i in {x.i for x in consequence} and (
            a.dep_ == "prep" or a.lemma_.lower() in {"response", "retaliation", "reply", "answer"})]
        consequence = minus(consequence, trigger, lead)
        if trigger and consequence:
            frames.append(Frame("threat", trigger, consequence, t))
    return frames


# How far after "ultimatum" its demand may start: "its ultimatum for the militia to leave", "an ultimatum to Kosovo
# to remove its police".
ULTIMATUM_REACH = 6
# What an ultimatum's demand is followed by when its answer is stated: "to disarm before troops move in".
ANSWER_MARKS = frozenset({"before", "or"})
# Verbs whose other object is the one an ultimatum is given to: "handed the militia an ultimatum".
GIVING_VERBS = frozenset({"give", "issue", "hand", "deliver", "send", "present", "serve", "set"})


def ultimatum_frames(doc: Doc) -> list[Frame]:
    """An ultimatum: a demand (the trigger is its refusal) with a deadline, and the answer when it is stated.

    "handed the militia a two-day ultimatum to disarm, before troops move in": the trigger is the
    addressee with the demand ("the militia ... to disarm"), the consequence the clause after "before" (none
    in "after the expiry of its ultimatum for the militia to leave the port"). The holder is the subject of the
    verb the ultimatum hangs on (``extra["ultimatum"]``).
    """
    frames: list[Frame] = []
    for u in doc:
        if u.lemma_.lower() != "ultimatum":
            continue
        demand = next((v for v in doc[u.i + 1: u.i + 1 + ULTIMATUM_REACH] if v.pos_ in {"VERB", "AUX"}
                       and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)), None)
        if demand is None:
            continue
        answer = [x for c in demand.children if c.dep_ == "advcl" and any(
            m.dep_ in {"mark", "cc"} and m.lower_ in ANSWER_MARKS for m in c.children) for x in c.subtree]
        head = next((a for a in u.ancestors if a.pos_ in {"VERB", "AUX"}), u)
        if not answer and head is not u:
            # "handed the militia an ultimatum to disarm, before troops move in": the answer hung on the verb
            answer = [x for c in head.children if c.dep_ == "advcl" and c.i > demand.i and any(
                m.dep_ == "mark" and m.lower_ == "before" for m in c.children) for x in c.subtree]
        # "handed the militia an ultimatum" (the parser may call the militia a second object)
        addressee = [x for c in head.children if c.dep_ == "dative" or (c.dep_ == "dobj" and c.i < u.i)
                     for x in c.subtree] if head.lemma_.lower() in GIVING_VERBS else []
        end = max(x.i for x in demand.subtree)
        trigger = minus(addressee + list(doc[u.i + 1: end + 1]), answer)
        if trigger:
            # the answer without its "before" / "or"
            said = [x for x in answer if not (x.lower_ in ANSWER_MARKS and x.dep_ in {"mark", "cc"})]
            frames.append(Frame("threat", trigger, minus(said), head, extra={"ultimatum": "1"}))
    return frames
