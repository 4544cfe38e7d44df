"""The document format of FORMAT.md §5: one JSON object per document."""

from __future__ import annotations

from typing import Any

from redline.models import Evidence, Extraction, RedLine, Stance


def _evidence(items: tuple[Evidence, ...]) -> dict[str, Any]:
    return {
        "evidence": [e.text for e in items],
        "spans": [[e.span.start, e.span.end] for e in items],
    }


def redline_json(r: RedLine) -> dict[str, Any]:
    return {
        "holder": list(r.holder),
        "speaker": r.speaker,
        "trigger": {
            "actors": list(r.trigger.actors),
            "action": r.trigger.action,
            "targets": list(r.trigger.targets),
            "text": r.trigger.text,
            **({"actors_inferred": True} if r.trigger.actors_inferred else {}),
        },
        "consequence": {
            "action": r.consequence.action,
            "targets": list(r.consequence.targets),
            "text": r.consequence.text,
        },
        "certainty": r.certainty,
        "explicit": r.explicit,
        **_evidence(r.evidence),
    }


def stance_json(s: Stance) -> dict[str, Any]:
    return {
        "actor": s.actor,
        "speaker": s.speaker,
        "proposal": s.proposal,
        "position": s.position,
        **_evidence(s.evidence),
    }


def document_json(x: Extraction) -> dict[str, Any]:
    """One line of `redline extract`'s output (FORMAT.md §5, plus document metadata)."""
    d = x.document
    return {
        "doc_id": d.id,
        "title": d.title,
        "published": d.published.isoformat() if d.published else None,
        "url": d.url,
        "source": d.source,
        "hash": d.hash,
        "redlines": [redline_json(r) for r in x.redlines],
        "stances": [stance_json(s) for s in x.stances],
        "events": [
            {
                "actors": list(e.actors), "action": e.action, "targets": list(e.targets),
                "status": e.status, "text": e.text, "date": e.date.isoformat() if e.date else None,
                **_evidence(e.evidence),
            }
            for e in x.events
        ],
        "sentences": [[s.span.start, s.span.end] for s in d.sentences],
        "actors": [
            {"code": c, "text": m.text, "span": [m.span.start, m.span.end],
             **({"person": m.person} if m.person else {})}
            for m in x.actors for c in m.codes
        ],
        "warnings": list(x.warnings),
    }
