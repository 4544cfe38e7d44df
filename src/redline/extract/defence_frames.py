"""Pledges to defend another party: the unstated trigger is an attack on the one defended.

"X and Y will defend Z", a headline's "Country to defend its islands", "would side with Japan in a
clash". The red-line step reads the trigger as an attack on the defended party, whoever would make it,
and the defence as the answer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from redline.extract.frame_tokens import Frame, child, has_modal, minus

DEFEND_LEMMAS = frozenset({"defend", "protect"})


def defence_frames(doc: Doc) -> list[Frame]:
    """A pledge to defend another party: "X and Y will defend Z", "Country to defend its islands",
    "would side with Japan in a clash". An attack on the one defended, unstated, brings the defence.

    The trigger holds the defended party's words only; the red-line step reads the act as an attack on it.
    """
    frames: list[Frame] = []
    for t in doc:
        if t.pos_ != "VERB" or any(c.dep_ == "neg" for c in t.children):
            continue
        # a headline's "Country to defend its islands": "to" with the verb's own subject before it
        to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        headline_to = to is not None and any(c.dep_ in {"nsubj", "dep"} and c.i < to.i for c in t.children)
        if not (has_modal(t) or headline_to):
            continue
        lemma = t.lemma_.lower()
        obj: Token | None = None
        if lemma in DEFEND_LEMMAS:
            obj = child(t, {"dobj"})
        elif lemma == "side":
            obj = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in {"PROPN", "NOUN"}:
            frames.append(Frame("defence", [obj, *[c for c in obj.conjuncts]], minus(list(t.subtree)), t))
    return frames
