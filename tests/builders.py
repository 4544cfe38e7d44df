"""Extraction values built by hand: the fixtures of the knowledge-base tests, and demo data.

Texts are written for these tests (no sentence comes from the samples or the
evaluation sets). ``story()`` is a small invented news story over a few weeks:
a red line stated, restated in other words by another official, reported by a
syndicated copy, plus stances that shift.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from redline.models import (
    Consequence,
    Document,
    Event,
    Evidence,
    Extraction,
    RedLine,
    Sentence,
    Span,
    Stance,
    Trigger,
)


def document(
    doc_id: str,
    sentences: list[str],
    *,
    published: date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Document:
    """A document whose text is the sentences joined by spaces, with its sentence spans."""
    text = " ".join(sentences)
    spans, pos = [], 0
    for i, s in enumerate(sentences):
        spans.append(Sentence(i, Span(pos, pos + len(s)), s))
        pos += len(s) + 1
    return Document(
        id=doc_id, text=text, title=title, published=published, source=source, url=url, sentences=tuple(spans)
    )


def evidence(doc: Document, sentence: str) -> Evidence:
    """The evidence for a sentence of ``doc`` (which must contain it)."""
    start = doc.text.index(sentence)
    index = next((s.index for s in doc.sentences if s.span.start <= start < s.span.end), 0)
    return Evidence(doc.id, index, Span(start, start + len(sentence)), sentence)


def redline(
    doc: Document,
    sentence: str,
    *,
    holder: tuple[str, ...],
    action: str,
    trigger: str,
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    response: str = "ATTACK",
    response_targets: tuple[str, ...] = (),
    consequence: str = "a military response",
    certainty: str = "medium",
    speaker: str | None = None,
    explicit: bool = False,
) -> RedLine:
    return RedLine(
        holder=holder,
        trigger=Trigger(actors, action, targets, trigger),
        consequence=Consequence(response, response_targets, consequence),
        certainty=certainty,
        explicit=explicit,
        evidence=(evidence(doc, sentence),),
        speaker=speaker,
    )


def stance(
    doc: Document,
    sentence: str,
    *,
    actor: str,
    proposal: str,
    position: str,
    action: str | None = None,
    targets: tuple[str, ...] = (),
    speaker: str | None = None,
) -> Stance:
    return Stance(
        actor=actor,
        proposal=proposal,
        position=position,
        evidence=(evidence(doc, sentence),),
        speaker=speaker,
        proposal_action=action,
        proposal_targets=targets,
    )


def event(
    doc: Document,
    sentence: str,
    *,
    actors: tuple[str, ...],
    action: str,
    targets: tuple[str, ...] = (),
    status: str = "occurred",
    text: str | None = None,
    when: date | None = None,
) -> Event:
    """An event stated by ``sentence`` of ``doc``, dated ``when`` (else undated: its document's date)."""
    return Event(actors, action, targets, status, text or sentence, (evidence(doc, sentence),), when)


def plain(doc_id: str, body: str, published: date | None = None) -> Extraction:
    """A document with nothing extracted from it."""
    return Extraction(document=document(doc_id, [body], published=published))


# -- the story --------------------------------------------------------------------------------------

S1 = [
    "Ostravia's foreign ministry warned on Monday that any deployment of Western troops to Velmora would "
    "be treated as a declaration of war.",
    "The warning came as allied ministers met in the capital to discuss aid.",
    "Deputy minister Arto Keskin said that sending NATO soldiers to Velmora is out of the question for "
    "his government.",
    "Analysts said the talks would continue into next week.",
]
S2 = [
    "A senior Ostravian official said that if the alliance dispatches soldiers into Velmora, Ostravia "
    "will strike them.",
    "France said all options should remain open regarding troops in Velmora.",
    "The official spoke to reporters after a closed meeting of the security council.",
]
S3 = [
    "Ostravia said it would cut gas supplies if the bloc imposes new sanctions on its banks.",
    "France ruled out sending troops to Velmora for now.",
    "Officials did not say when the next round of talks would take place.",
]


def story() -> list[Extraction]:
    """Four documents: a red line, its restatement, a syndicated copy, and a different red line."""
    d1 = document(
        "ostravia-warns",
        S1,
        published=date(2031, 3, 2),
        title="Ostravia warns the alliance",
        source="Example Wire",
        url="https://news.example/ostravia-warns",
    )
    d2 = document(
        "ostravia-repeats",
        S2,
        published=date(2031, 3, 9),
        title="Ostravia repeats its warning",
        source="Daily Example",
    )
    # The same story as d1, reprinted with a new headline and a footer: a near-duplicate.
    d1_copy = document(
        "ostravia-warns-reprint",
        [*S1, "Reporting by the Example Wire desk."],
        published=date(2031, 3, 2),
        title="Ostravia issues warning",
        source="Other Paper",
    )
    d3 = document("ostravia-gas", S3, published=date(2031, 3, 20), title="Gas threat", source="Example Wire")

    def first(d: Document, holder_sentence: str, speaker: str | None = None) -> RedLine:
        return redline(
            d,
            holder_sentence,
            holder=("OST",),
            actors=("WEST", "NATO"),
            action="DEPLOY",
            targets=("VEL",),
            trigger="Western troops are deployed to Velmora",
            consequence="a declaration of war",
            certainty="medium",
            speaker=speaker,
            explicit=True,
        )

    x1 = Extraction(
        d1,
        redlines=(first(d1, S1[0]),),
        stances=(
            stance(
                d1,
                S1[2],
                actor="OST",
                proposal="send NATO soldiers to Velmora",
                position="oppose",
                action="DEPLOY",
                targets=("VEL",),
                speaker="Arto Keskin",
            ),
        ),
    )
    x1_copy = Extraction(
        d1_copy,
        redlines=(first(d1_copy, S1[0]),),
        stances=(
            stance(
                d1_copy,
                S1[2],
                actor="OST",
                proposal="send NATO soldiers to Velmora",
                position="oppose",
                action="DEPLOY",
                targets=("VEL",),
            ),
        ),
    )
    x2 = Extraction(
        d2,
        redlines=(
            redline(
                d2,
                S2[0],
                holder=("OST",),
                actors=("NATO",),
                action="DEPLOY",
                targets=("VEL",),
                trigger="the alliance dispatches soldiers into Velmora",
                consequence="Ostravia will strike them",
                certainty="high",
            ),
        ),
        stances=(
            stance(
                d2,
                S2[1],
                actor="FRA",
                proposal="troops in Velmora",
                position="open",
                action="DEPLOY",
                targets=("VEL",),
            ),
        ),
    )
    x3 = Extraction(
        d3,
        redlines=(
            redline(
                d3,
                S3[0],
                holder=("OST",),
                actors=("EU",),
                action="SANCTION",
                targets=("OST",),
                trigger="the bloc imposes new sanctions on its banks",
                response="SANCTION",
                consequence="cut gas supplies",
                certainty="medium",
            ),
        ),
        stances=(
            stance(
                d3,
                S3[1],
                actor="FRA",
                proposal="sending troops to Velmora",
                position="oppose",
                action="DEPLOY",
                targets=("VEL",),
            ),
        ),
    )
    return [x1, x2, x1_copy, x3]


def store_story(db: str, extractions: list[Extraction] | None = None) -> str:
    """``db`` (a file or URL) holding :func:`story` (or ``extractions``), stored through the service as ingest does."""
    from redline import service

    store = service.open_store(service.Settings(db=db))
    try:
        service.store_extractions(story() if extractions is None else extractions, store, service.IngestSummary())
    finally:
        store.close()
    return db


class AxisEmbedder:
    """A sentence model for tests: every text's vector is the unit vector on one axis."""

    model_id = "axis"

    def __init__(self, axis: int) -> None:
        self.axis = axis

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        out[:, self.axis] = 1.0
        return out
