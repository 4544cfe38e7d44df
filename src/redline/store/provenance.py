"""The documents behind each consolidated claim, for corroboration (``redline.sources``).

Claims map to the ids of the documents that state them (every statement counts, syndicated
copies included: corroboration collapses them onto their original). Each document is then
read once as a report ``{"doc_id", "document_id", "root", "url", "source", "text"}``:
``root`` is the original's id for a syndicated copy (near-duplicate), else the document's
own; ``text`` is the opening of the document (``text_chars`` characters), where credits and
datelines are, read only for the reports ``needs_text(report)`` keeps (those not identified yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, tuple_

from redline.store.kb import Store
from redline.store.queries import CHUNK
from redline.store.schema import documents, redline_holders, redlines, statements
from redline.store.schema import stances as stance_table

Report = dict[str, Any]


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def line_ids(store: Store, *, holder: str | None = None, since: date | None = None) -> list[int]:
    """Every line id, in the order of ``queries.lines`` (most recently stated first), with its filters."""
    query = select(redlines.c.id)
    if holder:
        query = query.where(
            redlines.c.id.in_(select(redline_holders.c.redline_id).where(redline_holders.c.code == holder.upper())))
    if since:
        query = query.where(redlines.c.last_seen >= since)
    with store.reading() as conn:
        return list(conn.scalars(query.order_by(redlines.c.last_seen.desc(), redlines.c.id.desc())))


def line_documents(store: Store, ids: Sequence[int]) -> dict[int, list[int]]:
    """For each red line, the ids of the documents that state it, in the order they were stored."""
    out: dict[int, list[int]] = defaultdict(list)
    with store.reading() as conn:
        for chunk in _chunks(list(ids)):
            rows = conn.execute(
                select(statements.c.redline_id, statements.c.document_id).distinct()
                .where(statements.c.redline_id.in_(chunk))
                .order_by(statements.c.redline_id, statements.c.document_id)
            )
            for line_id, document_id in rows:
                out[line_id].append(document_id)
    return out


def stance_documents(store: Store, cells: Iterable[tuple[str, int]]) -> dict[tuple[str, int, str], list[int]]:
    """For each (actor, proposal id) cell, the documents of each position it was stated in, by (actor, id, position)."""
    out: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    with store.reading() as conn:
        for chunk in _chunks(sorted(set(cells))):
            rows = conn.execute(
                select(stance_table.c.actor, stance_table.c.proposal_id, stance_table.c.position,
                       stance_table.c.document_id).distinct()
                .where(tuple_(stance_table.c.actor, stance_table.c.proposal_id).in_(chunk))
                .order_by(stance_table.c.document_id)
            ).all()  # fetched at once (row by row: 22 ms against 19 ms for a page of 200 cells)
            for actor, proposal_id, position, document_id in rows:
                out[actor, proposal_id, position].append(document_id)
    return out


def document_reports(store: Store, ids: Iterable[int], *, text_chars: int = 3000,
                     needs_text: Callable[[Report], bool] | None = None) -> dict[int, Report]:
    """One report per document id; the opening of the text only for the reports ``needs_text`` keeps (default: all)."""
    wanted = sorted(set(ids))
    out: dict[int, Report] = {}
    with store.reading() as conn:
        for chunk in _chunks(wanted):
            for r in conn.execute(
                select(documents.c.id, documents.c.doc_key, documents.c.url, documents.c.source,
                       func.coalesce(documents.c.duplicate_of, documents.c.id).label("root"))
                .where(documents.c.id.in_(chunk))
            ):
                out[r.id] = {"doc_id": r.doc_key, "document_id": r.id, "root": r.root, "url": r.url,
                             "source": r.source, "text": ""}
        reading = [i for i in out if needs_text is None or needs_text(out[i])]
        for chunk in _chunks(reading):
            for i, opening in conn.execute(
                select(documents.c.id, func.substr(documents.c.text, 1, text_chars)).where(documents.c.id.in_(chunk))
            ):
                out[i]["text"] = opening or ""
    return out
