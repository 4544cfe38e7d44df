"""Questions to the knowledge base, answered as plain dicts (JSON-ready: dates as ISO strings).

The shapes are stable; the CLI's ``--json`` prints them as they are and the
export writers (``redline.export``) read them.

A **line** (:func:`lines`, :func:`line`)::

    {"id": 3, "holder": ["RUS"], "speaker": "Dmitry Peskov",
     "trigger": {"actors": ["NATO"], "action": "DEPLOY", "targets": ["UKR"], "text": "..."},
     "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "..."},
     "certainty": "high", "explicit": true,              # as last stated
     "first_seen": "2024-02-27", "last_seen": "2024-03-01",
     "statement_count": 2,                                # counted statements (syndicated copies are not)
     "statements": [{"id", "doc_id", "title", "source", "url", "published", "seen", "speaker",
                     "certainty", "trigger_text", "consequence_text", "counted",
                     "duplicate_of",                      # doc_id of the original for a syndicated copy
                     "evidence": [{"text": "...", "span": [start, end], "sentence": 4}]}]}

:func:`line` adds ``"merge"`` to each statement (``{"explain", "matched", "score", "threshold",
"fields", "target_id"}``: why it joined or opened the line), ``"sources"`` (one per document)
and ``"certainty_history"`` (``[{"date", "certainty", "doc_id"}]``).

A **stance cell** (:func:`stances`), the latest position of one actor on one proposal::

    {"actor": "FRA", "proposal_id": 1, "proposal": "send Western troops to Ukraine",
     "proposal_action": "DEPLOY", "proposal_targets": ["UKR"],
     "position": "open", "previous": "oppose", "shift": "oppose → open", "changed": "2024-02-27",
     "first_seen", "last_seen", "count",
     "history": [{"position", "from", "to", "count", "doc_ids": [...]}],   # runs, oldest first
     "latest": {"doc_id", "published", "speaker", "evidence": [{"text", "span", "sentence"}]}}

A **stance row** (:func:`stance_rows`, for export), one per stance statement::

    {"actor", "proposal_id", "proposal", "proposal_action", "proposal_targets", "position", "doc_id",
     "published", "speaker", "evidence": [{"text", "span"}]}

A **search hit** (:func:`search`)::

    {"kind": "document"|"redline"|"stance", "doc_id", "title", "published", "line_id",
     "statement_id", "snippet", "score"}
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, select, text
from sqlalchemy.orm import aliased

from redline.errors import NotFound
from redline.store import merge
from redline.store.kb import Store
from redline.store.schema import (
    documents,
    evidence,
    proposals,
    redline_holders,
    redlines,
    stance_cells,
    statements,
)
from redline.store.schema import stances as stance_table

RANKED_MATCHES = 10_000  # matches ranked by search(); the newest stored when more match
CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit
_original = aliased(documents)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _codes(text_: str | None) -> list[str]:
    return sorted(merge.codes_set(text_))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _evidence_for(conn: Connection, statement_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(statement_ids):
        for e in conn.execute(
            select(evidence)
            .where(evidence.c.statement_id.in_(chunk))
            .order_by(evidence.c.statement_id, evidence.c.start)
        ):
            out[e.statement_id].append({"text": e.text, "span": [e.start, e.end], "sentence": e.sentence})
    return out


def _statement_query() -> Any:
    return (
        select(
            statements,
            documents.c.doc_key,
            documents.c.title,
            documents.c.source,
            documents.c.url,
            documents.c.published,
            _original.c.doc_key.label("original_key"),
        )
        .join(documents, documents.c.id == statements.c.document_id)
        .outerjoin(_original, _original.c.id == documents.c.duplicate_of)
    )


def _line_json(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "holder": _codes(row.holder),
        "speaker": row.speaker,
        "trigger": {
            "actors": _codes(row.trigger_actors),
            "action": row.trigger_action,
            "targets": _codes(row.trigger_targets),
            "text": row.trigger_text,
        },
        "consequence": {
            "action": row.consequence_action,
            "targets": _codes(row.consequence_targets),
            "text": row.consequence_text,
        },
        "certainty": row.certainty,
        "explicit": bool(row.explicit),
        "first_seen": _iso(row.first_seen),
        "last_seen": _iso(row.last_seen),
        "statement_count": row.statement_count,
        "statements": [],
    }


def _statement_json(row: Row[Any], ev: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row.id,
        "doc_id": row.doc_key,
        "title": row.title,
        "source": row.source,
        "url": row.url,
        "published": _iso(row.published),
        "seen": _iso(row.seen),
        "speaker": row.speaker,
        "certainty": row.certainty,
        "trigger_text": row.trigger_text,
        "consequence_text": row.consequence_text,
        "counted": bool(row.counted),
        "duplicate_of": row.original_key,
        "evidence": ev,
    }


def _attach_statements(conn: Connection, items: list[dict[str, Any]], *, with_merge: bool = False) -> None:
    by_id = {item["id"]: item for item in items}
    rows: list[Row[Any]] = []
    for chunk in _chunks(list(by_id)):
        rows.extend(
            conn.execute(
                _statement_query()
                .where(statements.c.redline_id.in_(chunk))
                .order_by(statements.c.redline_id, statements.c.seen, statements.c.id)
            )
        )
    ev = _evidence_for(conn, [r.id for r in rows])
    for r in rows:
        s = _statement_json(r, ev.get(r.id, []))
        if with_merge:
            s["merge"] = json.loads(r.merge_reason) if r.merge_reason else None
        by_id[r.redline_id]["statements"].append(s)


def lines(
    store: Store, *, holder: str | None = None, since: date | None = None, limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[dict[str, Any]]:
    """Consolidated red lines, most recently stated first (the shape is in the module docstring).

    ``holder`` keeps lines held by that code; ``since`` keeps lines stated on or after that date;
    ``limit`` keeps the first so many lines; ``ids`` (at most ``CHUNK``) keeps those lines.
    """
    query = select(redlines)
    if ids is not None:
        query = query.where(redlines.c.id.in_(list(ids)))
    if holder:
        query = query.where(
            redlines.c.id.in_(select(redline_holders.c.redline_id).where(redline_holders.c.code == holder.upper()))
        )
    if since:
        query = query.where(redlines.c.last_seen >= since)
    query = query.order_by(redlines.c.last_seen.desc(), redlines.c.id.desc())
    if limit:
        query = query.limit(limit)
    with store.reading() as conn:
        items = [_line_json(r) for r in conn.execute(query)]
        _attach_statements(conn, items)
    return items


def line(store: Store, line_id: int) -> dict[str, Any]:
    """One line with its statements, why each was merged, its sources and its certainty over time."""
    with store.reading() as conn:
        row = conn.execute(select(redlines).where(redlines.c.id == line_id)).first()
        if row is None:
            raise NotFound(f"no red line #{line_id}; `redline lines` lists them")
        item = _line_json(row)
        _attach_statements(conn, [item], with_merge=True)
    sources: dict[str, dict[str, Any]] = {}
    for s in item["statements"]:
        sources.setdefault(
            s["doc_id"], {k: s[k] for k in ("doc_id", "title", "source", "url", "published", "duplicate_of")}
        )
    item["sources"] = list(sources.values())
    item["certainty_history"] = [
        {"date": s["seen"], "certainty": s["certainty"], "doc_id": s["doc_id"]}
        for s in item["statements"]
        if s["counted"]
    ]
    return item


def matching_proposals(store: Store, text_: str) -> list[int]:
    """Proposals whose text contains ``text_`` or that merging would take for the same proposal."""
    needle = text_.casefold().strip()
    with store.reading() as conn:
        rows = conn.execute(select(proposals.c.id, proposals.c.text)).all()
    return [
        r.id
        for r in rows
        if needle in r.text.casefold() or merge.text_similarity(text_, r.text) >= merge.PROPOSAL_TEXT_THRESHOLD
    ]


def stances(
    store: Store, *, proposal: str | None = None, actor: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The actor × proposal matrix: one cell per pair with its latest position and history.

    ``proposal`` keeps proposals like that text; ``actor`` keeps one actor code;
    ``limit`` keeps the most recently stated cells. Ordered by proposal, then actor.
    """
    wanted = matching_proposals(store, proposal) if proposal else None
    if wanted == []:
        return []
    query = select(stance_cells, proposals.c.text.label("proposal"), proposals.c.action, proposals.c.targets).join(
        proposals, proposals.c.id == stance_cells.c.proposal_id
    )
    if actor:
        query = query.where(stance_cells.c.actor == actor.upper())
    if wanted is not None:
        query = query.where(stance_cells.c.proposal_id.in_(wanted[:CHUNK]))
    if limit:
        query = query.order_by(stance_cells.c.last_seen.desc(), stance_cells.c.proposal_id).limit(limit)
    with store.reading() as conn:
        cells = conn.execute(query).all()
        latest = _latest_statements(conn, [c.latest_stance_id for c in cells if c.latest_stance_id])
    out = [_cell_json(c, latest.get(c.latest_stance_id)) for c in cells]
    out.sort(key=lambda c: (c["proposal_id"], c["actor"]))
    return out


def _latest_statements(conn: Connection, stance_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """For each stance, its document, speaker, evidence (all its statements' evidence) and ``linked``: why its
    first statement joined its proposal (or opened it), as ``redline stances --why`` shows it."""
    rows: list[Row[Any]] = []
    for chunk in _chunks(stance_ids):
        rows.extend(conn.execute(_statement_query().where(statements.c.stance_id.in_(chunk)).order_by(statements.c.id)))
    ev = _evidence_for(conn, [r.id for r in rows])
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        item = out.setdefault(
            r.stance_id, {"doc_id": r.doc_key, "published": _iso(r.published), "speaker": r.speaker, "evidence": []}
        )
        item["speaker"] = item["speaker"] or r.speaker
        item["evidence"].extend(ev.get(r.id, []))
        if r.merge_reason and "linked" not in item:  # why its first statement joined (or opened) the proposal
            item["linked"] = json.loads(r.merge_reason).get("explain")
    return out


def _cell_json(c: Row[Any], latest: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "actor": c.actor,
        "proposal_id": c.proposal_id,
        "proposal": c.proposal,
        "proposal_action": c.action,
        "proposal_targets": _codes(c.targets),
        "position": c.position,
        "previous": c.previous,
        "shift": f"{c.previous} → {c.position}" if c.previous else None,
        "changed": _iso(c.changed),
        "first_seen": _iso(c.first_seen),
        "last_seen": _iso(c.last_seen),
        "count": c.count,
        "history": json.loads(c.history),
        "latest": latest,
    }


def stance_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every stance statement, for export (the shape is in the module docstring)."""
    with store.reading() as conn:
        rows = conn.execute(
            select(
                statements.c.id,
                statements.c.holder,
                statements.c.proposal,
                statements.c.position,
                statements.c.speaker,
                stance_table.c.proposal_id,
                proposals.c.action,
                proposals.c.targets,
                documents.c.doc_key,
                documents.c.published,
            )
            .join(stance_table, stance_table.c.id == statements.c.stance_id)
            .join(proposals, proposals.c.id == stance_table.c.proposal_id)
            .join(documents, documents.c.id == statements.c.document_id)
            .where(statements.c.kind == "stance")
            .order_by(statements.c.id)
        ).all()
        ev = _evidence_for(conn, [r.id for r in rows])
    for r in rows:
        yield {
            "actor": r.holder,
            "proposal_id": r.proposal_id,
            "proposal": r.proposal,
            "proposal_action": r.action,
            "proposal_targets": _codes(r.targets),
            "position": r.position,
            "doc_id": r.doc_key,
            "published": _iso(r.published),
            "speaker": r.speaker,
            "evidence": [{"text": e["text"], "span": e["span"]} for e in ev.get(r.id, [])],
        }


_WORD = re.compile(r"\w+")


def search(store: Store, query: str, *, limit: int = 20, ranked: int = RANKED_MATCHES) -> list[dict[str, Any]]:
    """Full-text search over documents and statements: every word must occur (stemmed), best first.

    On SQLite, when more than ``ranked`` entries match, the best are taken among the newest
    stored that many (ranking every one of 100 000 matches costs more than a page may take).
    """
    words = _WORD.findall(query)
    if not words:
        return []
    if store.dialect == "sqlite":
        sql = text(
            "SELECT se.id, se.kind, se.document_id, se.statement_id, "
            "snippet(search_fts, 0, '[', ']', '…', 16) AS snippet, bm25(search_fts) AS score "
            "FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
            "WHERE search_fts MATCH :q AND search_fts.rowid >= :floor ORDER BY score LIMIT :n"
        )
        # Each word quoted: user text never reaches FTS5's query syntax.
        params: dict[str, Any] = {"q": " ".join('"' + w.replace('"', "") + '"' for w in words), "n": limit}
        # bm25 is computed for every match: a word in most entries is ranked among the newest stored matches.
        newest = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :k")
        with store.reading() as conn:
            params["floor"] = conn.scalar(newest, {"q": params["q"], "k": max(ranked, 1) - 1}) or 0
    else:
        sql = text(
            "SELECT se.id, se.kind, se.document_id, se.statement_id, "
            "ts_headline('english', se.body, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet, "
            "-ts_rank(to_tsvector('english', se.body), q) AS score "
            "FROM search_entries se, plainto_tsquery('english', :q) q "
            "WHERE to_tsvector('english', se.body) @@ q ORDER BY score LIMIT :n"
        )
        params = {"q": " ".join(words), "n": limit}
    with store.reading() as conn:
        hits = conn.execute(sql, params).all()
        doc_ids = sorted({h.document_id for h in hits})
        st_ids = sorted({h.statement_id for h in hits if h.statement_id})
        docs = {
            d.id: d
            for d in conn.execute(
                select(documents.c.id, documents.c.doc_key, documents.c.title, documents.c.published).where(
                    documents.c.id.in_(doc_ids)
                )
            )
        }
        lines_of: dict[int, int | None] = {
            r.id: r.redline_id
            for r in conn.execute(select(statements.c.id, statements.c.redline_id).where(statements.c.id.in_(st_ids)))
        }
    return [
        {
            "kind": h.kind,
            "doc_id": docs[h.document_id].doc_key,
            "title": docs[h.document_id].title,
            "published": _iso(docs[h.document_id].published),
            "line_id": lines_of.get(h.statement_id),
            "statement_id": h.statement_id,
            "snippet": " ".join(h.snippet.split()),
            "score": round(-float(h.score), 3),
        }
        for h in hits
    ]


def counts(store: Store) -> dict[str, int]:
    """How many documents, statements, lines, proposals, stances and matrix cells are stored."""
    from sqlalchemy import func

    tables = {
        "documents": documents,
        "statements": statements,
        "lines": redlines,
        "proposals": proposals,
        "stances": stance_table,
        "cells": stance_cells,
    }
    with store.reading() as conn:
        return {name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for name, t in tables.items()}


def check_integrity(store: Store) -> dict[str, Any]:
    """Invariants a consistent knowledge base keeps; the lists are empty when all hold.

    ``evidence_mismatches``: evidence ids whose text is not the document's text at the span;
    ``count_mismatches``: line ids whose ``statement_count`` is not the number of counted statements;
    """
    from sqlalchemy import func

    bad_evidence: list[int] = []
    checked = 0
    with store.reading() as conn:
        rows = conn.execute(
            select(
                evidence.c.id,
                evidence.c.start,
                evidence.c.end,
                evidence.c.text,
                documents.c.text.label("doc"),
            )
            .join(statements, statements.c.id == evidence.c.statement_id)
            .join(documents, documents.c.id == statements.c.document_id)
        )
        for r in rows:
            checked += 1
            if r.doc[r.start : r.end] != r.text:
                bad_evidence.append(r.id)
        counted = (
            select(statements.c.redline_id, func.count().label("n"))
            .where(statements.c.counted, statements.c.redline_id.is_not(None))
            .group_by(statements.c.redline_id)
            .subquery()
        )
        bad_counts = list(
            conn.scalars(
                select(redlines.c.id)
                .outerjoin(counted, counted.c.redline_id == redlines.c.id)
                .where(redlines.c.statement_count != func.coalesce(counted.c.n, 0))
            )
        )
    return {"evidence_checked": checked, "evidence_mismatches": bad_evidence, "count_mismatches": bad_counts}


def document_text(store: Store, doc_id: str) -> str:
    """The stored text of the document ``doc_id`` (the first stored under that id)."""
    with store.reading() as conn:
        found = conn.scalar(
            select(documents.c.text).where(documents.c.doc_key == doc_id).order_by(documents.c.id).limit(1)
        )
    if found is None:
        raise NotFound(f"no document {doc_id!r} in the knowledge base")
    return str(found)
