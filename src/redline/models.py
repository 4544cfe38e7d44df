"""The values redline passes around: frozen dataclasses, no I/O.

Every claim carries its evidence: a document id, a sentence index and a
character span into ``Document.text``, with the invariant
``document.text[span.start:span.end] == evidence.text``.

This module imports nothing of redline's own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any, Literal, TypeVar

ActionClass = Literal[
    "ATTACK", "DEPLOY", "ARM", "WMD", "ANNEX", "SANCTION", "JOIN", "COERCE", "RESPOND", "OTHER"
]
ACTION_CLASSES: tuple[str, ...] = (
    "ATTACK", "DEPLOY", "ARM", "WMD", "ANNEX", "SANCTION", "JOIN", "COERCE", "RESPOND", "OTHER",
)
Position = Literal["support", "oppose", "open", "conditional"]
POSITIONS: tuple[str, ...] = ("support", "oppose", "open", "conditional")
Certainty = Literal["high", "medium", "low"]
CERTAINTIES: tuple[str, ...] = ("high", "medium", "low")
EventStatus = Literal["occurred", "decided", "planned", "considered", "denied"]
EVENT_STATUSES: tuple[str, ...] = ("occurred", "decided", "planned", "considered", "denied")


_T = TypeVar("_T")


def _compact_pickle(cls: type[_T]) -> type[_T]:
    """Pickle ``cls`` as its constructor and its field values in order: a frozen dataclass with slots otherwise
    pickles through ``dataclasses.fields`` for every object, both ways, which cost ingest's writing process some
    2 s per 1,000 articles to unpickle the extractions its workers send back. Apply it above ``@dataclass``."""
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text: how a re-run recognises what it has seen."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document: its position in the document and its text."""

    index: int
    span: Span
    text: str


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned. ``text`` is what every span points into."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    sentences: tuple[Sentence, ...] = ()

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim comes from: the sentence (or part of it) that states it."""

    doc_id: str
    sentence: int
    span: Span
    text: str


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Actor:
    """An entry of the actor registry: a state, organisation, group or person."""

    code: str
    name: str
    kind: Literal["state", "organisation", "group", "armed_group", "person"]
    members: tuple[str, ...] = ()
    role: str | None = None
    state: str | None = None


@_compact_pickle
@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch of text resolved to one or more actor codes.

    ``codes`` has several entries for a group coded as its members
    ("the Baltic states" is EST, LVA, LTU). ``person`` is the name of the
    person mentioned, when the mention is a person ("Dmitry Peskov").
    """

    codes: tuple[str, ...]
    text: str
    span: Span
    kind: str = "state"
    person: str | None = None


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Trigger:
    """What someone would have to do to cross a red line."""

    actors: tuple[str, ...]
    action: str
    targets: tuple[str, ...]
    text: str
    # True when the trigger's wording names no party and ``actors`` are the ones the article's
    # surrounding words point to (the other side named around the threat), not the trigger's own words.
    actors_inferred: bool = False


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Consequence:
    """What the holder says would follow."""

    action: str
    targets: tuple[str, ...]
    text: str


@_compact_pickle
@dataclass(frozen=True, slots=True)
class RedLine:
    """Who warned that which action would bring which response (FORMAT.md §1)."""

    holder: tuple[str, ...]
    trigger: Trigger
    consequence: Consequence
    certainty: str
    explicit: bool
    evidence: tuple[Evidence, ...]
    speaker: str | None = None


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Stance:
    """An actor's stated position on a debated action (FORMAT.md §2)."""

    actor: str
    proposal: str
    position: str
    evidence: tuple[Evidence, ...]
    speaker: str | None = None
    proposal_action: str | None = None
    proposal_targets: tuple[str, ...] = ()


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Event:
    """An action an article reports, with how far it has got."""

    actors: tuple[str, ...]
    action: str
    targets: tuple[str, ...]
    status: str
    text: str
    evidence: tuple[Evidence, ...]
    date: date | None = None
    # How sure extraction is (0-1): lower when the actor is inferred from the article, not the clause.
    confidence: float | None = None


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document."""

    document: Document
    actors: tuple[ActorMention, ...] = ()
    redlines: tuple[RedLine, ...] = ()
    stances: tuple[Stance, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())


@_compact_pickle
@dataclass(frozen=True, slots=True)
class Alert:
    """An event that crosses (``crossed``) or nears (``approaching``) a known red line, and why."""

    status: str
    line_id: str
    holder: tuple[str, ...]
    trigger: Trigger
    consequence: Consequence
    event: Event
    explanation: tuple[str, ...]
    line_evidence: tuple[str, ...] = ()

    @property
    def doc_id(self) -> str | None:
        return self.event.evidence[0].doc_id if self.event.evidence else None


@_compact_pickle
@dataclass(frozen=True, slots=True)
class WhatIfNode:
    """One step of a what-if cascade: an action, the red line it crosses and what its holder threatened.

    ``score`` is the product of the step weights (by certainty) from the root to here;
    ``children`` are the lines the holder's threatened response would cross in turn.
    """

    actor: tuple[str, ...]
    action: str
    targets: tuple[str, ...]
    line_id: str
    holder: tuple[str, ...]
    trigger: Trigger
    consequence: Consequence
    certainty: str
    score: float
    explanation: tuple[str, ...] = ()
    children: tuple[WhatIfNode, ...] = ()
