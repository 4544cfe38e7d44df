"""The documents behind each consolidated claim, for corroboration (``redline.sources``).

Each report is a plain dict ``{"doc_id", "document_id", "root", "url", "source", "text"}``:
``root`` is the original's id for a syndicated copy (near-duplicate), else the document's own;
``text`` is the opening of the document (``text_chars`` characters), where credits and
datelines are. Every statement counts, syndicated copies included: corroboration collapses
them onto their original.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select

from redline.store.kb import Store
from redline.store.queries import _chunks
from redline.store.schema import documents, statements
from redline.store.schema import stances as stance_table

Report = dict[str, Any]


def _document_columns(text_chars: int) -> list[Any]:
    return [
        documents.c.id.label("document_id"),
        documents.c.doc_key.label("doc_id"),
        func.coalesce(documents.c.duplicate_of, documents.c.id).label("root"),
        documents.c.url,
        documents.c.source,
        func.substr(documents.c.text, 1, text_chars).label("text"),
    ]


def _report(row: Any) -> Report:
    return {"doc_id": row.doc_id, "document_id": row.document_id, "root": row.root, "url": row.url,
            "source": row.source, "text": row.text or ""}


def line_reports(store: Store, line_ids: Sequence[int], *, text_chars: int = 3000) -> dict[int, list[Report]]:
    """For each red line, one report per document that states it, in the order they were stored."""
    out: dict[int, list[Report]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    with store.reading() as conn:
        for chunk in _chunks(list(line_ids)):
            rows = conn.execute(
                select(statements.c.redline_id, *_document_columns(text_chars))
                .join(documents, documents.c.id == statements.c.document_id)
                .where(statements.c.redline_id.in_(chunk))
                .order_by(statements.c.redline_id, documents.c.id)
            )
            for r in rows:
                if (r.redline_id, r.document_id) not in seen:
                    seen.add((r.redline_id, r.document_id))
                    out[r.redline_id].append(_report(r))
    return out


def stance_reports(store: Store, cells: Iterable[tuple[str, int]], *,
                   text_chars: int = 3000) -> dict[tuple[str, int, str], list[Report]]:
    """For each (actor, proposal id) cell, the reports of each position it was stated in: key (actor, id, position)."""
    wanted = set(cells)
    proposal_ids = sorted({p for _, p in wanted})
    out: dict[tuple[str, int, str], list[Report]] = defaultdict(list)
    seen: set[tuple[str, int, str, int]] = set()
    with store.reading() as conn:
        for chunk in _chunks(proposal_ids):
            rows = conn.execute(
                select(stance_table.c.actor, stance_table.c.proposal_id, stance_table.c.position,
                       *_document_columns(text_chars))
                .join(documents, documents.c.id == stance_table.c.document_id)
                .where(stance_table.c.proposal_id.in_(chunk))
                .order_by(documents.c.id)
            )
            for r in rows:
                key = (r.actor, r.proposal_id, r.position)
                if (r.actor, r.proposal_id) in wanted and (*key, r.document_id) not in seen:
                    seen.add((*key, r.document_id))
                    out[key].append(_report(r))
    return out
