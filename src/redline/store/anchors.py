"""An article's own proposal, and the stances of it that do not say which move they are about (issue 9).

Extraction often words a stance's proposal as a fragment of its clause: "dropping the remaining limits",
"the plan", "greeted by the president", or a text it could give no named class. Two such stances on one move
in two articles then share no wording, and do not link. Most articles debate one move, named near the top
(headline and lead paragraph) and by at least one of the article's stances: that stance is the article's
*anchor* (:func:`article_anchor`), and a weak stance (:func:`weak_proposal`) is compared by the anchor's
wording instead of its own (:func:`redline.store.kb.proposal_inputs`). Its own wording is still what is stored
and shown.

On the training set (``scripts/fit_links.py``, proposals across articles against ``scripts/train_links.json``)
this took proposal F1 from 0.47 to 0.68. Merging an article's proposals by the cosine of their own wordings
instead lowered training precision before (one article's several moves became one): here only stances that
name no move of their own are resolved, and only to a stance that does and that the article's top is about.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.models import Document, Stance
from redline.store.merge import WILDCARD_ACTIONS
from redline.store.wording import is_generic, text_similarity

# How many of an article's first sentences (after its title) say what it is about.
TOP_SENTENCES = 3
# The least wording similarity (rapidfuzz token_set_ratio of normalised texts, 0-100) of an anchor to the
# article's top: a stance whose words are not mostly there is not what the article is about. On the training
# set 50 and 70 score alike (proposal F1 0.68).
ANCHOR_SIMILARITY = 50.0


def article_top(document: Document) -> str:
    """What an article says first: its title and its first :data:`TOP_SENTENCES` sentences."""
    parts = [document.title or "", *(s.text for s in document.sentences[:TOP_SENTENCES])]
    return " ".join(p for p in parts if p)


def weak_proposal(stance: Stance) -> bool:
    """Whether a stance's proposal does not say which move it is: its text names nothing particular
    (:func:`redline.store.wording.is_generic`), or extraction could give it no named class."""
    return is_generic(stance.proposal) or not stance.proposal_action or stance.proposal_action in WILDCARD_ACTIONS


def article_anchor(stances: Sequence[Stance], top: str) -> Stance | None:
    """Of an article's stances whose proposal names something particular, the one whose wording is nearest
    the article's ``top`` (:func:`article_top`), when at least :data:`ANCHOR_SIMILARITY`; else None. Ties go to
    the first stated (a subset of the top's words scores in full; preferring the wording nearer the title
    instead lowered training proposal F1 from 0.68 to 0.43)."""
    best: Stance | None = None
    score_of_best = ANCHOR_SIMILARITY
    for s in stances:
        if is_generic(s.proposal):
            continue
        score = text_similarity(s.proposal, top)
        if score > score_of_best or (best is None and score >= score_of_best):
            best, score_of_best = s, score
    return best


def resolved(stances: Sequence[Stance], document: Document) -> list[Stance | None]:
    """For each stance of ``document``, the anchor it is compared by (:func:`article_anchor`), or None when it
    is compared by its own wording: it names its move, it is the anchor, or the article has none."""
    anchor = article_anchor(stances, article_top(document))
    if anchor is None:
        return [None] * len(stances)
    return [anchor if s is not anchor and s.proposal != anchor.proposal and weak_proposal(s) else None
            for s in stances]
