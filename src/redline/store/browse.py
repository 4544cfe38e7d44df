"""Pages of the knowledge base for the workbench (``redline serve``): filters, ``limit``/``offset`` and a total.

Every function returns ``(total, items)``: ``total`` counts every row the filters keep,
``items`` the window ``offset .. offset + limit`` of them. Items keep the shapes of
:mod:`redline.store.queries` and :mod:`redline.store.events` (the CLI's ``--json``), so a
page with ``offset=0`` equals the CLI's output for the same filters and limit.

A **document** (:func:`documents_page`; :func:`document` adds ``text`` and its items)::

    {"doc_id", "title", "source", "url", "published", "seen", "duplicate_of", "length",
     "redlines", "stances", "events"}           # how many of each were extracted from it

An **event** (:func:`events_page`): the ``event`` of an alert (``redline.store.events``)
plus ``"alerts"``, the ids of the alerts it raised.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, literal, or_, select, text

from redline.errors import NotFound
from redline.store import alerts as stored_alerts
from redline.store import events as stored_events
from redline.store import queries
from redline.store.kb import Store
from redline.store.schema import alerts as alert_table
from redline.store.schema import (
    documents,
    events,
    proposals,
    redline_holders,
    redlines,
    stance_cells,
    statements,
)
from redline.store.schema import stances as stance_table

Page = tuple[int, list[dict[str, Any]]]
_CODE = re.compile(r"^[A-Z0-9_.-]{1,40}$")


def _has_code(column: Any, code: str) -> ColumnElement[bool]:
    """``column`` (comma-joined sorted codes) holds ``code``; a malformed code matches nothing."""
    code = code.upper()
    if not _CODE.match(code):
        return literal(False)
    return (literal(",") + column + literal(",")).contains(f",{code},", autoescape=True)


def _total(conn: Connection, query: Select[Any]) -> int:
    return int(conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


def _window(query: Select[Any], limit: int | None, offset: int) -> Select[Any]:
    if offset:
        query = query.offset(offset)
    return query.limit(limit) if limit else query


def lines_page(
    store: Store,
    *,
    holder: str | None = None,
    party: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text_: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """Consolidated lines, most recently stated first, as :func:`redline.store.queries.lines` gives them.

    ``party``: a trigger actor or target; ``action``: the trigger's class; ``since``/``until``:
    stated on or after / first stated on or before; ``text_``: in the trigger or consequence wording.
    """
    query = select(redlines)
    if holder:
        query = query.where(
            redlines.c.id.in_(select(redline_holders.c.redline_id).where(redline_holders.c.code == holder.upper()))
        )
    if party:
        query = query.where(or_(_has_code(redlines.c.trigger_actors, party),
                                _has_code(redlines.c.trigger_targets, party)))
    if action:
        query = query.where(redlines.c.trigger_action == action.upper())
    if since:
        query = query.where(redlines.c.last_seen >= since)
    if until:
        query = query.where(redlines.c.first_seen <= until)
    if text_:
        query = query.where(or_(redlines.c.trigger_text.icontains(text_, autoescape=True),
                                redlines.c.consequence_text.icontains(text_, autoescape=True)))
    query = query.order_by(redlines.c.last_seen.desc(), redlines.c.id.desc())
    with store.reading() as conn:
        total = _total(conn, query)
        items = [queries._line_json(r) for r in conn.execute(_window(query, limit, offset))]
        queries._attach_statements(conn, items)
    return total, items


def cells_page(
    store: Store,
    *,
    proposal: str | None = None,
    actor: str | None = None,
    actors: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    with_latest: bool = True,
) -> Page:
    """Stance-matrix cells as :func:`redline.store.queries.stances` gives them.

    The window is taken over the most recently stated cells (as the CLI's ``--limit``), then
    sorted by proposal and actor. ``actors`` keeps cells of those codes (an actor group's members);
    ``with_latest=False`` leaves out each cell's latest evidence (``latest`` is None), for the heatmap.
    """
    wanted = queries.matching_proposals(store, proposal) if proposal else None
    if wanted == [] or (actors is not None and not actors):
        return 0, []
    query = select(stance_cells, proposals.c.text.label("proposal"), proposals.c.action, proposals.c.targets).join(
        proposals, proposals.c.id == stance_cells.c.proposal_id
    )
    if actor:
        query = query.where(stance_cells.c.actor == actor.upper())
    if actors is not None:
        query = query.where(stance_cells.c.actor.in_(sorted(actors)[: queries.CHUNK]))
    if wanted is not None:
        query = query.where(stance_cells.c.proposal_id.in_(wanted[: queries.CHUNK]))
    if limit or offset:
        query = _window(query.order_by(stance_cells.c.last_seen.desc(), stance_cells.c.proposal_id), limit, offset)
    with store.reading() as conn:
        total = _total(conn, query.limit(None).offset(None))
        cells = conn.execute(query).all()
        latest = (queries._latest_statements(conn, [c.latest_stance_id for c in cells if c.latest_stance_id])
                  if with_latest else {})
    out = [queries._cell_json(c, latest.get(c.latest_stance_id)) for c in cells]
    out.sort(key=lambda c: (c["proposal_id"], c["actor"]))
    return total, out


def alerts_page(
    store: Store, *, since: date | None = None, status: str | None = None, limit: int | None = None, offset: int = 0
) -> Page:
    """Alerts, the newest event first, as :func:`redline.store.alerts.alerts` gives them."""
    query = select(alert_table.c.id).join(events, events.c.id == alert_table.c.event_id)
    if since:
        query = query.where(events.c.seen >= since)
    if status:
        query = query.where(alert_table.c.status == status)
    with store.reading() as conn:
        total = _total(conn, query)
    items = stored_alerts.alerts(store, since=since, status=status, limit=offset + limit if limit else None)
    return total, items[offset:]


def _event_json(r: Any, ev: list[dict[str, Any]], alert_ids: list[int]) -> dict[str, Any]:
    return {
        "id": r.id, "doc_id": r.doc_key, "title": r.title, "published": queries._iso(r.published),
        "actors": queries._codes(r.actors), "action": r.action, "targets": queries._codes(r.targets),
        "status": r.status, "date": queries._iso(r.seen), "text": r.text, "evidence": ev, "alerts": alert_ids,
    }


def _alerts_of(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for chunk in queries._chunks(list(event_ids)):
        for aid, eid in conn.execute(select(alert_table.c.id, alert_table.c.event_id)
                                     .where(alert_table.c.event_id.in_(chunk)).order_by(alert_table.c.id)):
            out[eid].append(aid)
    return out


def _event_query() -> Select[Any]:
    return select(events, documents.c.doc_key, documents.c.title, documents.c.published).join(
        documents, documents.c.id == events.c.document_id)


def events_page(
    store: Store,
    *,
    actor: str | None = None,
    action: str | None = None,
    status: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """Stored events, the newest first; ``actor`` is one of the event's actors."""
    query = _event_query()
    if actor:
        query = query.where(_has_code(events.c.actors, actor))
    if action:
        query = query.where(events.c.action == action.upper())
    if status:
        query = query.where(events.c.status == status)
    if since:
        query = query.where(events.c.seen >= since)
    if until:
        query = query.where(events.c.seen <= until)
    query = query.order_by(events.c.seen.desc(), events.c.id.desc())
    with store.reading() as conn:
        total = _total(conn, query)
        rows = conn.execute(_window(query, limit, offset)).all()
        ev = stored_events.evidence_of_events(conn, [r.id for r in rows])
        raised = _alerts_of(conn, [r.id for r in rows])
    return total, [_event_json(r, ev.get(r.id, []), raised.get(r.id, [])) for r in rows]


def _document_json(r: Any, counts: dict[str, dict[int, int]]) -> dict[str, Any]:
    return {
        "doc_id": r.doc_key, "title": r.title, "source": r.source, "url": r.url,
        "published": queries._iso(r.published), "seen": queries._iso(r.seen), "duplicate_of": r.original_key,
        "length": r.length, **{k: v.get(r.id, 0) for k, v in counts.items()},
    }


def _document_query() -> Select[Any]:
    return select(
        documents.c.id, documents.c.doc_key, documents.c.title, documents.c.source, documents.c.url,
        documents.c.published, documents.c.seen, func.length(documents.c.text).label("length"),
        queries._original.c.doc_key.label("original_key"),
    ).outerjoin(queries._original, queries._original.c.id == documents.c.duplicate_of)


def _item_counts(conn: Connection, doc_ids: Sequence[int]) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = {"redlines": {}, "stances": {}, "events": {}}
    for chunk in queries._chunks(list(doc_ids)):
        for doc, kind, n in conn.execute(
            select(statements.c.document_id, statements.c.kind, func.count())
            .where(statements.c.document_id.in_(chunk)).group_by(statements.c.document_id, statements.c.kind)
        ):
            counts["redlines" if kind == "redline" else "stances"][doc] = n
        counts["events"].update((doc, n) for doc, n in conn.execute(
            select(events.c.document_id, func.count()).where(events.c.document_id.in_(chunk))
            .group_by(events.c.document_id)))
    return counts


def documents_page(
    store: Store,
    *,
    text_: str | None = None,
    source: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """Stored documents, the newest first; ``text_`` is in the title or id, ``source`` the outlet's name."""
    query = _document_query()
    if text_:
        query = query.where(or_(documents.c.title.icontains(text_, autoescape=True),
                                documents.c.doc_key.icontains(text_, autoescape=True)))
    if source:
        query = query.where(documents.c.source == source)
    if since:
        query = query.where(documents.c.seen >= since)
    if until:
        query = query.where(documents.c.seen <= until)
    query = query.order_by(documents.c.seen.desc(), documents.c.id.desc())
    with store.reading() as conn:
        total = _total(conn, query)
        rows = conn.execute(_window(query, limit, offset)).all()
        counts = _item_counts(conn, [r.id for r in rows])
    return total, [_document_json(r, counts) for r in rows]


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """One document (the first stored under ``doc_id``) with its text and every item extracted from it.

    Adds ``text``, ``redlines`` [{``statement_id``, ``line_id``, ``holder``, ``speaker``, ``trigger``,
    ``consequence``, ``certainty``, ``evidence``}], ``stances`` [{``statement_id``, ``actor``,
    ``proposal_id``, ``proposal``, ``position``, ``speaker``, ``evidence``}] and ``events`` (as
    :func:`events_page`) to the fields of :func:`documents_page`.
    """
    with store.reading() as conn:
        row = conn.execute(_document_query().add_columns(documents.c.text)
                           .where(documents.c.doc_key == doc_id).order_by(documents.c.id).limit(1)).first()
        if row is None:
            raise NotFound(f"no document {doc_id!r} in the knowledge base; /api/documents lists them")
        item = _document_json(row, _item_counts(conn, [row.id]))
        item["text"] = row.text
        st = conn.execute(
            select(statements, stance_table.c.proposal_id)
            .outerjoin(stance_table, stance_table.c.id == statements.c.stance_id)
            .where(statements.c.document_id == row.id).order_by(statements.c.ordinal, statements.c.id)
        ).all()
        ev = queries._evidence_for(conn, [s.id for s in st])
        ev_rows = conn.execute(_event_query().where(events.c.document_id == row.id)
                               .order_by(events.c.ordinal, events.c.id)).all()
        event_ev = stored_events.evidence_of_events(conn, [r.id for r in ev_rows])
        raised = _alerts_of(conn, [r.id for r in ev_rows])
    item["redlines"] = [
        {"statement_id": s.id, "line_id": s.redline_id, "holder": queries._codes(s.holder), "speaker": s.speaker,
         "trigger": {"actors": queries._codes(s.trigger_actors), "action": s.trigger_action,
                     "targets": queries._codes(s.trigger_targets), "text": s.trigger_text},
         "consequence": {"action": s.consequence_action, "targets": queries._codes(s.consequence_targets),
                         "text": s.consequence_text},
         "certainty": s.certainty, "evidence": ev.get(s.id, [])}
        for s in st if s.kind == "redline"
    ]
    item["stances"] = [
        {"statement_id": s.id, "actor": s.holder, "proposal_id": s.proposal_id, "proposal": s.proposal,
         "position": s.position, "speaker": s.speaker, "evidence": ev.get(s.id, [])}
        for s in st if s.kind == "stance"
    ]
    item["events"] = [_event_json(r, event_ev.get(r.id, []), raised.get(r.id, [])) for r in ev_rows]
    return item


def search_total(store: Store, words: Sequence[str]) -> int:
    """How many search entries hold every one of ``words`` (as :func:`redline.store.queries.search` finds)."""
    if not words:
        return 0
    if store.dialect == "sqlite":
        sql = text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q")
        params = {"q": " ".join('"' + w.replace('"', "") + '"' for w in words)}
    else:
        sql = text("SELECT count(*) FROM search_entries se, plainto_tsquery('english', :q) q "
                   "WHERE to_tsvector('english', se.body) @@ q")
        params = {"q": " ".join(words)}
    with store.reading() as conn:
        return int(conn.scalar(sql, params) or 0)


def week(store: Store, days: int = 7) -> dict[str, Any]:
    """What changed in the ``days`` up to the newest date stored: new and restated lines, shifts, alerts.

    The window ends at the newest ``seen`` date in the knowledge base (not today: an archive of
    old news still has a last week); ``end`` is None for an empty knowledge base.
    """
    with store.reading() as conn:
        end = conn.scalar(select(func.max(documents.c.seen)))
        if end is None:
            return {"start": None, "end": None, "new_lines": [], "restated_lines": [], "shifts": [], "alerts": 0}
        start = end - timedelta(days=days - 1)
        new = conn.execute(select(redlines).where(redlines.c.first_seen >= start)
                           .order_by(redlines.c.first_seen.desc(), redlines.c.id.desc()).limit(20)).all()
        restated = conn.execute(select(redlines).where(redlines.c.first_seen < start, redlines.c.last_seen >= start)
                                .order_by(redlines.c.last_seen.desc(), redlines.c.id.desc()).limit(20)).all()
        shifts = conn.execute(
            select(stance_cells, proposals.c.text.label("proposal"), proposals.c.action, proposals.c.targets)
            .join(proposals, proposals.c.id == stance_cells.c.proposal_id)
            .where(stance_cells.c.changed >= start, stance_cells.c.previous.is_not(None))
            .order_by(stance_cells.c.changed.desc()).limit(20)).all()
        n_alerts = conn.scalar(select(func.count()).select_from(alert_table)
                               .join(events, events.c.id == alert_table.c.event_id).where(events.c.seen >= start))
    return {
        "start": start.isoformat(), "end": end.isoformat(),
        "new_lines": [queries._line_json(r) for r in new],
        "restated_lines": [queries._line_json(r) for r in restated],
        "shifts": [queries._cell_json(c, None) for c in shifts],
        "alerts": int(n_alerts or 0),
    }


def most_restated(store: Store, limit: int = 5) -> list[dict[str, Any]]:
    """The lines stated most often (without their statements)."""
    with store.reading() as conn:
        rows = conn.execute(select(redlines).order_by(redlines.c.statement_count.desc(), redlines.c.last_seen.desc(),
                                                      redlines.c.id).limit(limit)).all()
    return [queries._line_json(r) for r in rows]


def totals(store: Store) -> dict[str, int]:
    """:func:`redline.store.queries.counts` plus events and alerts."""
    out = queries.counts(store)
    with store.reading() as conn:
        out["events"] = int(conn.scalar(select(func.count()).select_from(events)) or 0)
        out["alerts"] = int(conn.scalar(select(func.count()).select_from(alert_table)) or 0)
    return out


def matrix_cells(store: Store, *, proposal: str | None = None, actors: Collection[str] | None = None
                 ) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Every matrix cell, light for the heatmap, by proposal then actor, with the proposals' texts:
    ``(cells, {proposal_id: text})``; a cell is {actor, proposal_id, position, previous, shift, changed,
    last_seen, count} (no history, no evidence)."""
    wanted = queries.matching_proposals(store, proposal) if proposal else None
    if wanted == [] or (actors is not None and not actors):
        return [], {}
    c = stance_cells.c
    query = (select(c.actor, c.proposal_id, proposals.c.text.label("proposal"), c.position, c.previous, c.changed,
                    c.last_seen, c.count)
             .join(proposals, proposals.c.id == c.proposal_id).order_by(c.proposal_id, c.actor))
    if actors is not None:
        query = query.where(c.actor.in_(sorted(actors)[: queries.CHUNK]))
    if wanted is not None:
        query = query.where(c.proposal_id.in_(wanted[: queries.CHUNK]))
    with store.reading() as conn:
        rows = conn.execute(query).all()
    return [{"actor": r.actor, "proposal_id": r.proposal_id, "position": r.position,
             "previous": r.previous, "shift": f"{r.previous} → {r.position}" if r.previous else None,
             "changed": queries._iso(r.changed), "last_seen": queries._iso(r.last_seen), "count": r.count}
            for r in rows], {r.proposal_id: r.proposal for r in rows}


def lines_version(store: Store) -> tuple[int, int]:
    """Changes whenever a statement is stored (a line stated, restated or merged): a key for caches.

    The newest statement's and line's ids: two index look-ups, not a count (nothing stored is deleted).
    """
    with store.reading() as conn:
        row = conn.execute(select(select(func.coalesce(func.max(statements.c.id), 0)).scalar_subquery(),
                                  select(func.coalesce(func.max(redlines.c.id), 0)).scalar_subquery())).one()
    return int(row[0]), int(row[1])
