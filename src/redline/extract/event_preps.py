"""What an act's prepositions say: where a launch is aimed or what it passes over, what bloc one is taken into.

Read by the events step (:mod:`redline.extract.events`) when it classes a predicate and finds its targets.
"""

from __future__ import annotations

from spacy.tokens import Token

from redline.extract.event_status import _lemma
from redline.extract.event_words import AIMING_PREPS, ALLIANCE_CODES, ALLIANCE_WORDS, OVER_CROSSED


def into_bloc(v: Token) -> bool:
    """Whether ``v`` takes someone "into" an alliance or bloc ("accepted into the alliance", "into NATO")."""
    return any(
        c.dep_ == "prep" and _lemma(c) == "into"
        and any(_lemma(g) in ALLIANCE_WORDS or g.text.upper() in ALLIANCE_CODES for g in c.children if g.dep_ == "pobj")
        for c in v.children
    )


def launch_preps(v: Token) -> list[Token]:
    """The prepositions of a launch: on the verb, or on what is launched ("fired a rocket over the island")."""
    objects = [c for c in v.children if c.dep_ in {"dobj", "nsubjpass"}]
    return [c for t in (v, *objects) for c in t.children if c.dep_ == "prep"]


def overflown(v: Token) -> set[int]:
    """The tokens of the places a launch passes over ("over Okinawa"; not "over the border", which is crossed)."""
    return {
        t.i for c in launch_preps(v) if _lemma(c) == "over"
        and not any(_lemma(g) in OVER_CROSSED for g in c.children if g.dep_ == "pobj") for t in c.subtree
    }


def aimed(v: Token) -> bool:
    """Whether a launch names what it is fired at: "at the city", "into Israel", "on the base"."""
    return any(
        _lemma(c) in AIMING_PREPS
        and not all(g.ent_type_ in {"DATE", "TIME"} for g in c.children if g.dep_ == "pobj")  # "on Sunday"
        for c in launch_preps(v)
    )
