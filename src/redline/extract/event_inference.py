"""Who did an act the sentence names no one for, read from the sentence before (marked inferred).

The events step (:mod:`redline.extract.events`) reads each sentence on its own; a report of an attack often
names the attacker once and goes on in agentless passives ("A power station was struck and knocked offline").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from redline.extract.event_words import INFERRED
from redline.models import Event

# The classes whose agentless report is read as the attack of the sentence before.
ATTACKS = frozenset({"ATTACK", "WMD"})


def attacker_from(event: Event, previous: Sequence[Event], named: Iterable[str] = ()) -> Event:
    """An attack no one is named for ("a power plant was struck overnight"), given the attacker of the attack the
    sentence before reports, when that sentence names one attacker and the attack's sentence names no party
    (``named``: the codes of its actor mentions) but that attack's targets; marked inferred.

    "Ukraine struck Belgorod. A village near Kharkiv was shelled." infers nobody: the second sentence names
    another party than the first attack's target. A sentence between the two, or two attackers before, infers
    nobody either.
    """
    if event.actors or event.action not in ATTACKS or event.status != "occurred":
        return event
    before = [e for e in previous if e.actors and e.action in ATTACKS and e.status == "occurred"]
    if len({frozenset(e.actors) for e in before}) != 1:
        return event
    source = before[0]
    if not {*event.targets, *named} <= set(source.targets):
        return event
    return replace(event, actors=source.actors, targets=event.targets or source.targets, confidence=INFERRED)
