"""Alerts and events read back from the knowledge base, for ``redline alerts``, exports and the browser.

:mod:`redline.store.events` writes them with their document and decides which lines to match; this module only
reads. Alert dicts (:func:`alerts`)::

    {"id": 7, "status": "crossed", "date": "2024-11-19",        # the event's date
     "created": "2025-01-15T10:00:00+00:00",                    # when the alert was raised
     "redline": {"id": 3, "holder": ["RUS"], "trigger": {...}, "consequence": {...},
                 "certainty", "first_seen",
                 "evidence": [{"doc_id", "text", "span"}]},      # the line's statements, oldest first
     "event": {"id", "doc_id", "title", "published", "actors", "action", "targets", "status",
               "date", "text", "evidence": [{"text", "span", "sentence"}]},
     "explanation": ["actor USA ∈ NATO (trigger actor)", "action ARM (trigger action)", ...]}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from redline.store.events import CHUNK, chunks, codes, evidence_of_events, iso, line_dict
from redline.store.schema import alerts as alert_table
from redline.store.schema import documents, event_evidence, events, evidence, redlines, statements

if TYPE_CHECKING:
    from redline.store.kb import Store

LINE_EVIDENCE = 5  # statements shown with an alert's line, oldest first


def alerts(
    store: Store,
    *,
    since: date | None = None,
    status: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored alerts, the newest event first (the shape is in the module docstring).

    ``since`` keeps events on or after that date; ``status`` one status; ``ids`` those alerts.
    """
    query = (
        select(
            alert_table,
            events.c.actors,
            events.c.action,
            events.c.targets,
            events.c.status.label("event_status"),
            events.c.seen,
            events.c.text,
            documents.c.doc_key,
            documents.c.title,
            documents.c.published,
        )
        .join(events, events.c.id == alert_table.c.event_id)
        .join(documents, documents.c.id == events.c.document_id)
    )
    if since:
        query = query.where(events.c.seen >= since)
    if status:
        query = query.where(alert_table.c.status == status)
    if ids is not None:
        query = query.where(alert_table.c.id.in_(list(ids)[:CHUNK]))
    query = query.order_by(events.c.seen.desc(), alert_table.c.id.desc())
    if limit:
        query = query.limit(limit)
    with store.reading() as conn:
        rows = conn.execute(query).all()
        line_ids = sorted({r.redline_id for r in rows})
        lines = {r.id: r for chunk in chunks(line_ids) for r in conn.execute(
            select(redlines).where(redlines.c.id.in_(chunk)))}
        line_evidence = _line_evidence(conn, line_ids)
        ev = evidence_of_events(conn, sorted({r.event_id for r in rows}))
    out: list[dict[str, Any]] = []
    for r in rows:
        line = line_dict(lines[r.redline_id])
        del line["statements"], line["last_seen"]
        line["first_seen"] = iso(line["first_seen"])
        line["evidence"] = line_evidence.get(r.redline_id, [])
        out.append(
            {
                "id": r.id,
                "status": r.status,
                "date": iso(r.seen),
                # SQLite hands timestamps back without their zone; they were stored in UTC.
                "created": iso(r.created if r.created.tzinfo else r.created.replace(tzinfo=UTC)),
                "redline": line,
                "event": {
                    "id": r.event_id,
                    "doc_id": r.doc_key,
                    "title": r.title,
                    "published": iso(r.published),
                    "actors": codes(r.actors),
                    "action": r.action,
                    "targets": codes(r.targets),
                    "status": r.event_status,
                    "date": iso(r.seen),
                    "text": r.text,
                    "evidence": ev.get(r.event_id, []),
                },
                "explanation": json.loads(r.explanation),
            }
        )
    return out


def _line_evidence(conn: Connection, line_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in chunks(line_ids):
        for r in conn.execute(
            select(statements.c.redline_id, documents.c.doc_key, evidence.c.text, evidence.c.start, evidence.c.end)
            .join(evidence, evidence.c.statement_id == statements.c.id)
            .join(documents, documents.c.id == statements.c.document_id)
            .where(statements.c.redline_id.in_(chunk), statements.c.counted)
            .order_by(statements.c.redline_id, statements.c.seen, statements.c.id, evidence.c.start)
        ):
            if len(out[r.redline_id]) < LINE_EVIDENCE:
                out[r.redline_id].append({"doc_id": r.doc_key, "text": r.text, "span": [r.start, r.end]})
    return out


def event_rows(store: Store) -> list[dict[str, Any]]:
    """Every stored event, for export: ``{"doc_id", "published", "actors", "action", "targets", "status",
    "date", "text", "evidence": [{"text", "span"}]}`` (``date``: the event's, else its document's)."""
    with store.reading() as conn:
        rows = conn.execute(
            select(events, documents.c.doc_key, documents.c.published)
            .join(documents, documents.c.id == events.c.document_id)
            .order_by(events.c.document_id, events.c.ordinal)
        ).all()
        ev = evidence_of_events(conn, [r.id for r in rows])
    return [
        {
            "doc_id": r.doc_key,
            "published": iso(r.published),
            "actors": codes(r.actors),
            "action": r.action,
            "targets": codes(r.targets),
            "status": r.status,
            "date": iso(r.seen),
            "text": r.text,
            "evidence": [{"text": x["text"], "span": x["span"]} for x in ev.get(r.id, [])],
        }
        for r in rows
    ]


def event_evidence_mismatches(store: Store) -> list[int]:
    """Ids of event evidence whose text is not the document's text at its span (empty when consistent)."""
    with store.reading() as conn:
        rows = conn.execute(
            select(event_evidence.c.id, event_evidence.c.start, event_evidence.c.end, event_evidence.c.text,
                   documents.c.text.label("doc"))
            .join(events, events.c.id == event_evidence.c.event_id)
            .join(documents, documents.c.id == events.c.document_id)
        )
        return [r.id for r in rows if r.doc[r.start : r.end] != r.text]
