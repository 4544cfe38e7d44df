"""Conditional frames: where a sentence splits into a trigger and a consequence.

A frame is found on the dependency parse of one sentence, in any of the
shapes news uses for a threat:

- ``if`` / ``unless`` / ``once`` / inverted ``should`` clauses: "if X, Y";
- "in the event of X" / "in case of X", Y;
- link verbs: "X would lead to / mean / constitute / trigger Y";
- regard verbs: "X would be regarded / considered / seen as Y";
- "any X will be met with Y", "X would meet Y";
- a bare "otherwise, Y" after a demand (the trigger is the previous sentence);
- explicit red-line wording: "X is a red line", "the red line is X";
- threat verbs with their ground: "X threatens Y with war over Z", "threatened countermeasures in
  response to Z";
- doctrine wording: "the conditions for using nuclear weapons would be / include Z".

Each frame holds token lists; the red-line step decides whether the
consequence is a threat and who holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from redline.extract.defence_frames import defence_frames, intercept_frames, treaty_frames
from redline.extract.doctrine import doctrine_frames
from redline.extract.frame_gates import frame_gates, sentence_words
from redline.extract.frame_tokens import Frame, child, has_modal, minus, subject
from redline.extract.fulfilled_frames import fulfilled_frames
from redline.extract.lexicon import (
    CONDITION_MARKS,
    EXPLICIT_RE,
    LINK_LEMMAS,
    MEET_LEMMAS,
    REGARD_LEMMAS,
    REPORTING_VERBS,
    RESPONSE_RE,
)
from redline.extract.penalty_frames import paratactic_frames, penalty_object_frames, whoever_frames
from redline.extract.warning_frames import (
    or_face_frame,
    otherwise_frame,
    response_frames,
    threat_frames,
    ultimatum_frames,
)

COND_NOUNS = frozenset({"event", "case"})


def phrase_text(tokens: Sequence[Token]) -> str:
    """The words of a phrase as written; a clause left out of the middle is replaced by a space.

    Punctuation between kept tokens is kept ("Lesbos, Chios or Samos"); the
    condition cut out of a consequence ("..., if X, Turkey will ...") is not.
    """
    if not tokens:
        return ""
    ordered = sorted(tokens, key=lambda t: t.i)
    doc = ordered[0].doc
    # A headline parsed in sentence case keeps its own capitals here (``parse.sentence_case``).
    # (``doc.text`` is rebuilt from the tokens at every call: read only when no text is kept)
    text = doc.user_data.get("text")
    if text is None:
        text = doc.text
    runs: list[list[Token]] = [[ordered[0]]]
    for t in ordered[1:]:
        if all(g.is_punct for g in doc[runs[-1][-1].i + 1:t.i]):
            runs[-1].append(t)
        else:
            runs.append([t])
    return " ".join(text[r[0].idx:r[-1].idx + len(r[-1].text)].strip(" ,;:") for r in runs)


# Verbs whose object is the one spoken to, never the subject of what is said.
LISTENER_VERBS = frozenset({"tell", "warn", "inform", "remind", "caution", "assure", "notify", "advise"})


def _consequence_of(head: Token, cond: list[Token]) -> list[Token]:
    """The clause a condition hangs on, without the condition or its "that"; reporting verbs yield their complement."""
    if head.lemma_.lower() in REPORTING_VERBS:
        # what is said before whom it is said to: "warned Belgrade it would face sanctions should it ..."
        comps = sorted((c for c in head.children if c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i not in {
            t.i for t in cond}), key=lambda c: c.dep_ == "dobj")
        # the preposition may hang on the one threatened ("warned | Quito of consequences")
        holders = [head, *(c for c in head.children if c.dep_ == "dobj")]
        threatened = [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in {"with", "of"}
                      and head.lemma_.lower() in {"threaten", "warn"}]
        if threatened and not any(c.dep_ in {"ccomp", "xcomp"} for c in comps):
            # "threatened Fiji with further action if ...", "warned them of consequences if ...": what is
            # threatened is the answer, not the one threatened
            return minus(list(threatened[0].subtree), cond, [threatened[0]])
        if comps:
            head = comps[0]
    marks = [c for c in head.children if c.dep_ == "mark"]
    shared: list[Token] = []
    if head.dep_ == "conj" and subject(head) is None and (s := subject(head.head)) is not None:
        # "the warheads sit in Kaliningrad and would be fired if ...": the conjunct's subject is its head's
        shared = list(s.subtree)
    elif head.dep_ == "ccomp" and subject(head) is None and not any(c.dep_ == "expl" for c in head.children) and (
            head.head.lemma_.lower() not in LISTENER_VERBS) and (
            obj := next((c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i), None)) is not None:
        # "the decree states missiles will be fired if ...", the subject misread as the reporting
        # verb's object: it is the complement's subject; not the one told ("told Lima that there will be ...")
        shared = list(obj.subtree)
    return minus(shared + list(head.subtree), cond, marks)


def condition_frames(doc: Doc) -> list[Frame]:
    frames: list[Frame] = []
    found: list[tuple[Token, Token]] = []
    for t in doc:
        clause: Token | None = None
        # "should Belgrade recognise it, ...", "... would face sanctions should it recognise it" (which the
        # parser may read as a second complement of the reporting verb)
        inverted = (t.lower_ == "should" and t.dep_ == "aux" and t.head.dep_ in {"advcl", "ccomp"}
                    and (s := subject(t.head)) is not None and t.i < s.i)
        if (t.dep_ == "mark" and t.lower_ in CONDITION_MARKS) or inverted:
            clause = t.head
        if clause is None or clause.head.i == clause.i:
            continue
        answer = next((c for c in clause.children if inverted and c.i < t.i and c.dep_ in {"ccomp", "advcl"}
                       and has_modal(c)), None)
        if answer is not None:
            # "the EU would impose sanctions should it ...", parsed as the condition's own complement: the
            # answer hangs under the condition, not the other way round
            frames.append(Frame("if", minus(list(clause.subtree), list(answer.subtree), [t]),
                                minus(list(answer.subtree)), answer, extra={"mark": t.lower_}))
            continue
        found.append((t, clause))
    clauses = {c.i for _, c in found}
    for t, clause in found:
        # "if A, if B, or if C": a condition joined to another with its own "if" is a condition of its own,
        # of the first one's consequence; the first condition's words leave the others out
        root = clause
        while root.dep_ in {"conj", "advcl"} and root.head.i in clauses:
            root = root.head
        others = [c for c in clause.subtree if c.i in clauses and c.i != clause.i and c.dep_ in {"conj", "advcl"}]
        joints = [c for c in clause.children if c.dep_ == "cc"] if others else []
        trigger = minus(list(clause.subtree), [t], joints, *[list(o.subtree) for o in others])
        while others and trigger and trigger[-1].dep_ == "cc":
            trigger.pop()
        # "if A, if B, we will attack": the other conditions of the same clause leave the consequence too
        siblings = [x for _, c in found if c.head.i in {root.head.i, root.i} for x in c.subtree]
        frames.append(Frame("if", trigger, _consequence_of(root.head, siblings), root.head,
                            extra={"mark": t.lower_}))
    for t in doc:
        # "in the event of X" / "in case of X" / "in the case of X"
        if t.lower_ in COND_NOUNS and t.head.lower_ == "in" and t.head.dep_ == "prep":
            ofs = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
            if not ofs:
                continue
            trigger = minus(list(ofs[0].subtree), [ofs[0]])
            head = t.head.head
            frames.append(Frame("event", trigger, _consequence_of(head, list(t.head.subtree)), head))
    return frames


GENERIC_SUBJECTS = frozenset({"anyone", "anybody", "whoever", "those", "any", "everyone", "all"})


def _genericsubject(subj: Token) -> bool:
    return subj.lower_ in GENERIC_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ in {"any", "every", "all"} for c in subj.children
    )


def _met_with(t: Token) -> bool:
    """ "will be met with force" / "would meet a crushing response", not "would meet the mediator"."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children) and any(
            c.dep_ in {"auxpass", "nsubjpass", "csubjpass"} for c in t.children):
        return True
    obj = child(t, {"dobj"})
    return obj is not None and has_modal(t) and bool(RESPONSE_RE.search(" ".join(x.text for x in obj.subtree)))


def _as_phrase(t: Token) -> Token | None:
    return next((c for c in t.children if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd"), None)


def _any(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"any", "every"} for c in t.children)


# Reporting verbs that are not themselves a response ("respond", "counter" are).
SPEECH_VERBS = REPORTING_VERBS - {"respond", "reply", "counter", "answer"}


def any_object_frames(doc: Doc) -> list[Frame]:
    """ "will respond to any violation", "would crush any attempt at X": any X will be met with Y."""
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or not has_modal(t) or t.lemma_.lower() in SPEECH_VERBS:
            continue
        objs = [c for c in t.children if c.dep_ == "dobj"]
        objs += [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"to", "against"}
                 for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            if _any(o):
                rest = [x for x in t.subtree if x.i not in {y.i for y in o.subtree}]
                frames.append(Frame("anyone", minus(list(o.subtree)), minus(rest), t))
                break
    return frames


FOLLOW_LEMMAS = frozenset({"follow", "answer", "meet"})
# What an act "would be" when it is a cause of war: "a declaration of war", "an act of aggression".
WAR_ATTR = re.compile(r"\b(?:act of (?:war|aggression)|declaration of war|casus belli|cause (?:of|for) war|"
                      r"hostile act|(?:direct )?(?:participation|involvement) in the (?:war|conflict))\b")


# "would be the death knell for relations", "would be the end of our ties": relations broken off, a penalty
RUPTURE_ATTR = re.compile(r"\b(?:death knell|end|collapse|rupture|breakdown|destruction)\b(?: \w+){0,2} (?:of|for|to) "
                          r"(?:[\w-]+ ){0,5}(?:relations|ties|relationship)\b")


def _followed_by_response(t: Token) -> bool:
    """ "will be followed / answered by a response", passive with the response as its agent."""
    if not any(c.dep_ == "auxpass" for c in t.children):
        return False
    return any(c.dep_ == "agent" and RESPONSE_RE.search(" ".join(x.text for x in c.subtree)) for c in t.children)


# Link verbs that link only with a predicate: "would turn X into a party", "make X a target", "become a target";
# not "would turn to the Assembly", "would make every effort".
PREDICATE_LINKS = {"turn": {"into"}, "make": set(), "render": set(), "become": set()}
# What a present-tense link that describes, not threatens, ends in: "the sale constitutes a proliferation risk".
ASSESSMENT_NOUNS = frozenset({"risk", "danger", "challenge", "problem", "concern", "violation", "breach", "setback"})


def _links(t: Token) -> bool:
    lemma = t.lemma_.lower()
    if lemma in PREDICATE_LINKS:
        preps = PREDICATE_LINKS[lemma]
        return any(c.dep_ in {"ccomp", "oprd", "xcomp", "attr", "acomp"} or (c.dep_ == "prep" and c.lower_ in preps)
                   for c in t.children)
    if not has_modal(t) and lemma != "mean":
        obj = child(t, {"dobj", "attr"})
        return obj is None or obj.lemma_.lower() not in ASSESSMENT_NOUNS
    return True


def link_frames(doc: Doc) -> list[Frame]:
    frames: list[Frame] = []
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        subj = subject(t)
        if (subj is None and lemma in REGARD_LEMMAS and t.dep_ in {"acl", "relcl"}
                and (as_ := _as_phrase(t)) is not None):
            # A headline's "Future attacks to be treated as acts of war": the noun the clause describes.
            noun = t.head
            trigger = minus([x for x in noun.subtree if x.i not in {y.i for y in t.subtree}])
            frames.append(Frame("regard", trigger, minus(list(as_.subtree)), t))
            continue
        if subj is None and t.dep_ == "conj" and t.head.pos_ in {"VERB", "AUX"} and has_modal(t):
            # "would not change the front but would cause great harm to ties": the second verb shares the subject
            subj = subject(t.head)
            if subj is not None and (lemma not in LINK_LEMMAS or not _links(t)):
                continue
        if subj is None:
            continue
        rel = [c for c in subj.children if c.dep_ in {"relcl", "acl"}]
        if rel and _genericsubject(subj) and has_modal(t):
            # "Any company that sells arms to X will pay the price": the relative clause is the trigger.
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("anyone", minus(list(subj.subtree)), rest, t))
            continue
        present_mean = lemma == "mean" and t.tag_ in {"VBZ", "VBP"}
        if lemma in LINK_LEMMAS and (has_modal(t) or present_mean or t.tag_ == "VBZ") and _links(t):
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("link", minus(list(subj.subtree)), rest, t))
        elif lemma in REGARD_LEMMAS and has_modal(t) and (obj := child(t, {"dobj"})) is not None and (
                as_ := _as_phrase(t) or _as_phrase(obj)) is not None:
            # "Moscow would regard the transfer of jets as a direct threat": the object is the trigger.
            frames.append(Frame("regard", minus(list(obj.subtree), list(as_.subtree)), minus(list(as_.subtree)), t))
        elif lemma in REGARD_LEMMAS and subj.dep_ in {"nsubjpass", "csubjpass"} and (has_modal(t) or t.tag_ == "VBN"):
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("regard", minus(list(subj.subtree)), rest, t))
        elif lemma in MEET_LEMMAS and _met_with(t):
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("meet", minus(list(subj.subtree)), rest, t))
        elif lemma in FOLLOW_LEMMAS and _followed_by_response(t):
            # "every hostile step will be followed by a fitting answer"
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("meet", minus(list(subj.subtree)), rest, t))
        elif lemma == "be" and has_modal(t) and (a := child(t, {"attr"})) is not None and (
                WAR_ATTR.search(words := " ".join(x.lower_ for x in a.subtree)) or RUPTURE_ATTR.search(words)):
            # "imposing a no-fly zone would be a declaration of war"
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("link", minus(list(subj.subtree)), rest, t))
        elif lemma == "be" and any(c.lower_ in {"tantamount", "equivalent", "equal"} for c in t.children):
            rest = minus(list(t.subtree), list(subj.subtree))
            frames.append(Frame("link", minus(list(subj.subtree)), rest, t))
    return frames


def explicit_frames(doc: Doc, text: str | None = None) -> list[Frame]:
    """Sentences using red-line wording; the trigger is the other side of a copula when there is one.

    ``text`` is ``doc.text`` when the caller has it already (``frame_gates.sentence_words``)."""
    m = EXPLICIT_RE.search(doc.text if text is None else text)
    if not m:
        return []
    inside = [t for t in doc if t.idx < m.end() and t.idx + len(t.text) > m.start()]
    anchor = inside[-1] if inside else doc[0]
    # climb to the clause
    head = anchor
    while head.dep_ not in {"ROOT", "ccomp", "relcl", "advcl", "conj"} and head.head.i != head.i:
        head = head.head
    trigger: list[Token] = []
    if head.lemma_ == "be":
        subj = subject(head)
        attrs = [c for c in head.children if c.dep_ in {"attr", "acomp"}]
        phrase_ids = {t.i for t in inside}
        if subj is not None and attrs:
            subj_tokens, attr_tokens = list(subj.subtree), list(attrs[0].subtree)
            if phrase_ids & {t.i for t in attr_tokens}:
                trigger = minus(subj_tokens)
            elif phrase_ids & {t.i for t in subj_tokens}:
                trigger = minus(attr_tokens)
    for verb in (anchor.head, head):
        if not trigger and verb.lemma_.lower() in {"involve", "pertain", "concern", "include", "relate", "cover"}:
            objs = [c for c in verb.children if c.dep_ in {"dobj", "prep"}]
            if objs:
                trigger = minus(list(objs[0].subtree))
    items = _list_items(trigger)
    count = _stated_count(inside)
    if count is not None and len(items) > count:
        items = _comma_groups(items)
    if len(items) > 1:
        # "The border, the ports and the fishing grounds ... are red lines": one line per item
        return [Frame("explicit", item, [], head, explicit=True, extra={"item": str(k)})
                for k, item in enumerate(items)]
    return [Frame("explicit", trigger, [], head, explicit=True)]


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _stated_count(phrase: list[Token]) -> int | None:
    """ "four red lines": how many lines the holder says it draws."""
    if not phrase:
        return None
    before = phrase[0].doc[phrase[0].i - 1] if phrase[0].i > 0 else None
    if before is None:
        return None
    if before.lower_ in NUMBER_WORDS:
        return NUMBER_WORDS[before.lower_]
    return int(before.text) if before.text.isdigit() else None


def _comma_groups(items: list[list[Token]]) -> list[list[Token]]:
    """ "A, B and C, D and E" read as the commas group it, when the holder counts fewer lines than items:
    an item joined by "and" with no comma before it belongs with the item before."""
    out: list[list[Token]] = []
    for item in sorted(items, key=lambda x: x[0].i):
        first = item[0]
        doc = first.doc
        k = first.i - 1
        joined = k > 0 and doc[k].lower_ in {"and", "or"} and not doc[k - 1].is_punct
        if out and joined:
            out[-1] = sorted(out[-1] + item, key=lambda t: t.i)
        else:
            out.append(item)
    return out


def _list_items(tokens: list[Token]) -> list[list[Token]]:
    """The items of a phrase that is a list of nouns ("A, B and C"), each without the others; else [].

    Only a list at the phrase's head: in "attacks on Poland or Moldova" the list is of targets, one act.
    """
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if len(heads) != 1 or heads[0].pos_ not in {"NOUN", "PROPN"} or not heads[0].conjuncts:
        return []

    def own(t: Token) -> list[Token]:
        # the item's words: its dependents, not the items conjoined to it
        out = [t]
        for c in t.children:
            if c.dep_ not in {"conj", "cc"} and not c.is_punct:
                out += own(c)
        return out

    members = [heads[0], *[c for c in heads[0].conjuncts if c.i in ids]]
    return [sorted((t for t in own(m) if t.i in ids), key=lambda t: t.i) for m in members]


def find_frames(doc: Doc) -> list[Frame]:
    # A finder runs only on a sentence holding the words all its frames need (``frame_gates``).
    words = sentence_words(doc)
    gates = frame_gates(words)

    def run(finder: Callable[[Doc], list[Frame]]) -> list[Frame]:
        return finder(doc) if gates[finder.__name__] else []

    # "X did Y, following through on a warning that ...": the act done answers the warning's demand
    frames = [f for finder in (fulfilled_frames, condition_frames, link_frames, any_object_frames, threat_frames,
                               response_frames, doctrine_frames, defence_frames, whoever_frames, paratactic_frames)
              for f in run(finder)]
    # "would down any drone that crosses the border": a standing order to intercept, not any act's answer
    intercepts = run(intercept_frames)
    downed = {f.head.i for f in intercepts if f.head is not None}
    frames = [f for f in frames if not (f.kind == "anyone" and f.head is not None and f.head.i in downed)] + intercepts
    # "if you start X, this could lead to escalation": "this" is the condition; the if-frame alone decides
    conditioned = {t.i for f in frames if f.kind == "if" for t in f.consequence}
    conditions = {t.i for f in frames if f.kind == "if" for t in f.trigger}
    frames = [f for f in frames if not (f.kind == "link" and f.head is not None and (
        (f.head.i in conditioned and len(f.trigger) == 1 and f.trigger[0].pos_ in {"PRON", "DET"})
        # "if the guarantees mean that troops are needed, ...": a link inside a condition is part of it
        or f.head.i in conditions))]
    heads = {f.head.i for f in frames if f.kind == "anyone" and f.head is not None}
    frames += [f for f in run(penalty_object_frames) if f.head is not None and f.head.i not in heads]
    o = otherwise_frame(doc) if gates["otherwise_frame"] else None
    if o is None and gates["or_face_frame"]:
        o = or_face_frame(doc)
    if o is not None:
        frames.append(o)
    frames += run(ultimatum_frames) + run(treaty_frames)
    explicit = explicit_frames(doc, words.text)
    if explicit:
        if frames:
            for f in frames:
                f.explicit = True
        else:
            frames = explicit
    return frames
