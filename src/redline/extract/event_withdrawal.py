"""Withdrawals: forces pulled out of a place ("Canada is to pull its battalion out of Latvia").

A withdrawal moves forces, so its class is DEPLOY, as the shared lexicon reads a
threatened one ("would consider withdrawing its troops"); its target is the place
left (the ``from`` phrase), its actor the subject. It is the opposite of a
deployment: :mod:`redline.monitor.match` lets it meet only a trigger or a
consequence that itself words a withdrawal (``event_words.is_withdrawal``), so "pulled its
troops back from the border" never crosses "if it masses troops on the border",
while a holder that warned it would withdraw and then does is found carrying its
warning out.

Withdrawing from a treaty, a deal or talks is no withdrawal of forces: the act
needs forces as its object ("withdraw its troops", "pull out its soldiers"), or,
with no object, a named place left ("Russia withdrew from Kherson").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from redline.extract.event_status import _lemma
from redline.extract.event_words import ALLIANCE_CODES, FORCE_WORDS, TERRITORY_WORDS, _set, is_withdrawal
from redline.extract.events import _phrase
from redline.models import Event

__all__ = ["WITHDRAWING_VERBS", "is_withdrawal", "withdrawal"]

if TYPE_CHECKING:
    from redline.extract.event_forms import Reader

WITHDRAWING_VERBS = _set("withdraw pull")
# "pull out", "pull back": "pull" withdraws only with one of these particles
PULL_PARTICLES = _set("out back")
FORCES = FORCE_WORDS | _set("force forces contingents battalion battalions brigade brigades garrison")


def _from_places(v: Token) -> list[Token]:
    """The places left: "from Chad", "out of Chad" (the parser hangs "of" on "out", or beside it)."""
    preps = [c for c in v.children if c.dep_ == "prep" and _lemma(c) in {"from", "of"}]
    preps += [g for c in v.children if _lemma(c) == "out" for g in c.children if g.dep_ == "prep" and _lemma(g) == "of"]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def _particle(v: Token) -> bool:
    return any(c.dep_ in {"prt", "prep", "advmod"} and _lemma(c) in PULL_PARTICLES for c in v.children)


def withdrawal(reader: Reader, v: Token) -> Event | None:
    """The withdrawal headed by ``v`` (read by :class:`redline.extract.event_forms.Reader`), or None."""
    lemma = _lemma(v)
    if lemma not in WITHDRAWING_VERBS:
        return None
    if lemma == "pull" and not _particle(v):
        return None
    objects = [c for c in v.children if c.dep_ in {"dobj", "nsubjpass"}]
    places = _from_places(v)
    if objects:
        if not any(_lemma(o) in FORCES or o.text.lower() in FORCES for o in objects):
            return None  # "withdrew its ambassador", "withdrew the bill": no forces moved
    elif not any(p.pos_ == "PROPN" or _lemma(p) in TERRITORY_WORDS for p in places):
        return None  # "withdrew from the treaty": no place left
    left: list[str] = [c for c in reader.codes([t for p in places for t in p.subtree]) if c not in ALLIANCE_CODES]
    if not left:
        return None
    actors = _actors(reader, v, left)
    return reader.event(v, actors, "DEPLOY", left) if actors else None


def _actors(reader: Reader, v: Token, left: Sequence[str]) -> list[str]:
    """Who withdraws: the subject, else (a passive) whose forces are withdrawn."""
    from redline.extract.event_forms import _subject
    subj = _subject(v)
    actors = reader.subject_codes(v, subj, "DEPLOY") if subj is not None else []
    if not actors:
        moved = [c for c in v.children if c.dep_ == "nsubjpass"]
        actors = reader.codes([t for m in moved for t in _phrase(m)])
    return [a for a in actors if a not in left]
