"""Doctrine wording: the conditions a state names for using a weapon or force.

"The conditions for using nuclear weapons would be / include X", "among the conditions for X is Y",
"one of the conditions is Y", "Y is called a condition". What the conditions are is the trigger; what
they are conditions for is the consequence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from redline.extract.frame_tokens import Frame, minus

CONDITION_WORDS = frozenset({"condition", "conditions", "circumstance", "circumstances", "grounds", "trigger",
                             "triggers", "scenario", "scenarios"})


NAMING_LEMMAS = frozenset({"call", "name", "consider", "list", "define", "regard", "deem"})


def _listed_condition(t: Token) -> Token | None:
    """ "One of the conditions is X", "another condition is X", "X is called a condition": the verb that
    names the condition, where no "for ..." phrase says what it is a condition for."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in {"one", "another", "each"}:
        return t.head.head.head if t.head.head.dep_ in {"nsubj", "attr"} else None
    if any(c.dep_ == "det" and c.lower_ in {"another", "one"} for c in t.children) and t.dep_ in {"nsubj", "attr"}:
        return t.head
    if t.dep_ in {"oprd", "attr", "dobj"} and t.head.lemma_.lower() in NAMING_LEMMAS and any(
            c.dep_ == "nsubjpass" for c in t.head.children):
        return t.head
    return None


def doctrine_frames(doc: Doc) -> list[Frame]:
    """Doctrine wording: "the conditions for using nuclear weapons would be / include X".

    The "for ..." phrase is the consequence (the response the doctrine allows); what the conditions
    are said to be or include is the trigger. A condition listed without one ("One of the conditions is X")
    carries the response of the doctrine's line before it (``extra["carry"]``).
    """
    frames: list[Frame] = []
    for t in doc:
        if t.lower_ not in CONDITION_WORDS:
            continue
        fors = [c for c in t.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}]
        listed = None if fors else _listed_condition(t)
        if not fors and listed is None:
            continue
        response = minus(list(fors[0].subtree), [fors[0]]) if fors else []
        verb = t.head if t.dep_ in {"nsubj", "nsubjpass", "attr", "pobj"} else None
        if verb is not None and verb.dep_ == "prep":    # "among the conditions for X is Y"
            verb = verb.head
        if listed is not None:
            verb = listed
        if verb is None:
            continue
        named = t.head.head if listed is not None and t.head.lower_ == "of" else t
        skip = {x.i for x in named.subtree}
        objs = [c for c in verb.children if c.dep_ in {"attr", "dobj", "nsubj", "nsubjpass", "acomp", "oprd", "ccomp"}
                and c.i not in skip]
        if any(c.dep_ == "expl" for c in verb.children):
            # "there are grounds for using any weapons": grounds stated elsewhere, no condition named here
            if response:
                frames.append(Frame("doctrine", [], response, verb))
            continue
        if objs and (response or listed is not None):
            frames.append(Frame("doctrine", minus(list(objs[0].subtree)), response, verb,
                                extra={} if response else {"carry": "consequence"}))
    return frames
