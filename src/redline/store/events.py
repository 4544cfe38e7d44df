"""Events and alerts in the knowledge base: writing them with their document, and reading them back.

:meth:`redline.store.kb.Store.add` calls :func:`add_events` and
:func:`record_alerts` inside its one write transaction, so a document, its
events and the alerts they raise are stored together or not at all.

Which event crosses which line is not decided here: the store is given an
:class:`AlertMatcher` (``redline.monitor.match.LineMatcher``) and only fetches
the candidates, in both directions:

* the document's events against the lines known at each event's date
  (``first_seen`` ≤ the event's date; its own article's lines included);
* the lines the document stated or restated against every stored event (a line
  ingested after the event that crosses it still alerts, when the event is not
  older than the line's first statement; the matcher checks the dates).

An alert is one row per (line, event): re-ingesting or restating adds nothing,
and an ``approaching`` alert that later matches in full becomes ``crossed``.

Stored alerts and events are read back by :mod:`redline.store.alerts`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, Row, bindparam, insert, or_, select, update

from redline.models import ACTION_CLASSES, Alert, Event, Evidence, Span
from redline.store import merge
from redline.store.engine import after_commit
from redline.store.schema import alerts as alert_table
from redline.store.schema import documents, event_evidence, events, evidence, redlines, statements
from redline.store.txcache import EVENTS, LINE_SENTENCES, LINES, committed_cache, transaction_cache

if TYPE_CHECKING:
    from redline.store.kb import Store

# At most this many ids in one IN (...): far under every backend's parameter limit.
CHUNK = 500
# Evidence sentences shown per line in an alert: the first statements are the ones that drew the line.
STATUS_RANK = {"approaching": 0, "crossed": 1}


class AlertMatcher(Protocol):
    """What the store needs to raise alerts; ``redline.monitor.match.LineMatcher`` is one."""

    def match(
        self, events: Sequence[Event], lines: Sequence[Mapping[str, Any]], vectors: Sequence[Any] | None = None
    ) -> list[Alert]:
        """Every alert ``events`` raise against ``lines`` (dicts as :func:`redline.store.queries.lines`);
        ``vectors``, parallel to ``events``: their stored sentence vectors (bytes) or None."""
        ...

    def line_actions(self, action: str) -> Collection[str]:
        """The trigger classes an event of class ``action`` can cross or near."""
        ...


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def iso(d: date | datetime | None) -> str | None:
    return d.isoformat() if d else None


def codes(text: str | None) -> list[str]:
    return sorted(merge.codes_set(text))


# -- writing -------------------------------------------------------------------------------------------


# Built once: the statements the writer runs for every document (see _OWN_EVENTS below).
_INSERT_EVENTS = insert(events).returning(events.c.ordinal, events.c.id)
_INSERT_EVENT_EVIDENCE = insert(event_evidence)


def add_events(
    conn: Connection,
    doc_id: int,
    seen: date | None,
    items: Sequence[Event],
    counted: bool,
    vectors: Sequence[bytes | None] | None = None,
) -> None:
    """Store a document's events and their evidence; an event without a date takes its document's.

    ``vectors``, parallel to ``items``: each event's evidence-sentence vector (``redline.embed``), when embedded.
    The events go in one multi-row insert, their evidence in another (ids in the order of ``items``).
    """
    if not items:
        return
    rows = [
        {
            "document_id": doc_id, "ordinal": ordinal, "actors": merge.codes_text(e.actors), "action": e.action,
            "targets": merge.codes_text(e.targets), "status": e.status, "date": e.date, "seen": e.date or seen,
            "text": e.text, "counted": counted, "vector": vectors[ordinal] if vectors else None,
            "confidence": e.confidence,
        }
        for ordinal, e in enumerate(items)
    ]
    # Each returned id with its row's ordinal: RETURNING of a multi-row insert need not follow the rows' order.
    returned = conn.execute(_INSERT_EVENTS, rows)
    ids: dict[int, int] = {ordinal: event_id for ordinal, event_id in returned}
    proofs = [
        {"event_id": ids[ordinal], "sentence": x.sentence, "start": x.span.start, "end": x.span.end, "text": x.text}
        for ordinal, e in enumerate(items)
        for x in e.evidence
    ]
    if proofs:
        conn.execute(_INSERT_EVENT_EVIDENCE, proofs)


# What record_alerts selects, as ids in the order matched; built once (building a select per document, its IN
# lists coerced and its cache key made, cost more CPU than running it).
_EVENT_ORDER = (events.c.seen, events.c.id)
_OWN_EVENTS = select(events.c.id).where(events.c.document_id == bindparam("doc"), events.c.counted).order_by(
    *_EVENT_ORDER)
_OTHER_EVENTS = select(events.c.id).where(
    events.c.action.in_(bindparam("actions", expanding=True)), events.c.counted,
    events.c.document_id != bindparam("doc")).order_by(*_EVENT_ORDER)
_OTHER_EVENTS_FROM = _OTHER_EVENTS.where(or_(events.c.seen >= bindparam("first"), events.c.seen.is_(None)))
_LINES_OF_ACTIONS = select(redlines.c.id).where(or_(
    redlines.c.trigger_action.in_(bindparam("actions", expanding=True)),
    redlines.c.consequence_action.in_(bindparam("actions", expanding=True)))).order_by(redlines.c.id)
_LINES_OF_ACTIONS_BY = _LINES_OF_ACTIONS.where(
    or_(redlines.c.first_seen <= bindparam("last"), redlines.c.first_seen.is_(None)))
_LINES_OF_IDS = select(redlines.c.id).where(redlines.c.id.in_(bindparam("ids", expanding=True))).order_by(
    redlines.c.id)


def record_alerts(
    conn: Connection, matcher: AlertMatcher, doc_id: int, line_ids: Iterable[int], created: datetime
) -> tuple[int, ...]:
    """Match what document ``doc_id`` added (its events, the lines ``line_ids``) and store the alerts.

    Returns the ids of the alerts that are new, or that went from ``approaching`` to ``crossed``.
    """
    found: list[tuple[Alert, int]] = []
    own = _load_events(conn, _OWN_EVENTS, {"doc": doc_id})
    if own:
        actions = sorted({a for _, e, _ in own for a in matcher.line_actions(e.action)})
        # the trigger's class, or the consequence's: the holder may carry out what it warned of
        dates = [e.date for _, e, _ in own if e.date is not None]
        if len(dates) == len(own):  # an event of unknown date may meet any line
            lines = _load_lines(conn, _LINES_OF_ACTIONS_BY, {"actions": actions, "last": max(dates)})
        else:
            lines = _load_lines(conn, _LINES_OF_ACTIONS, {"actions": actions})
        found += _match(matcher, own, lines)
    touched = sorted(set(line_ids))
    if touched:
        lines = _load_lines(conn, _LINES_OF_IDS, {"ids": touched})
        wanted = {line["trigger"]["action"] for line in lines} | {line["consequence"]["action"] for line in lines}
        event_actions = sorted(a for a in ACTION_CLASSES if wanted & set(matcher.line_actions(a)))
        params: dict[str, Any] = {"actions": event_actions, "doc": doc_id}
        firsts = [line["first_seen"] for line in lines]
        if all(firsts):  # a line of unknown date may be met by any event
            others = _load_events(conn, _OTHER_EVENTS_FROM, {**params, "first": min(firsts)})
        else:
            others = _load_events(conn, _OTHER_EVENTS, params)
        found += _match(matcher, others, lines)
    return _upsert(conn, found, created)


def _match(
    matcher: AlertMatcher, items: list[tuple[int, Event, bytes | None]], lines: list[dict[str, Any]]
) -> list[tuple[Alert, int]]:
    if not items or not lines:
        return []
    # The matcher hands back the Event objects it was given: their identity leads back to the row.
    row_of = {id(e): row_id for row_id, e, _ in items}
    found = matcher.match([e for _, e, _ in items], lines, [v for _, _, v in items])
    return [(a, row_of[id(a.event)]) for a in found]


def _upsert(conn: Connection, found: list[tuple[Alert, int]], created: datetime) -> tuple[int, ...]:
    """Store the alerts found, one row per (line, event): new rows in one multi-row insert, upgrades in one
    executemany; the same rows, ids and statuses as storing them one at a time in the order found."""
    if not found:
        return ()
    # Alert.line_id is the matcher's string form of the store's integer id.
    pairs = [(int(alert.line_id), event_id) for alert, event_id in found]
    stored: dict[tuple[int, int], tuple[int, str]] = {}
    for chunk in chunks(sorted({e for _, e in pairs})):
        for row in conn.execute(_ALERTS_OF_EVENTS, {"ids": list(chunk)}):
            stored[(row.redline_id, row.event_id)] = (row.id, row.status)
    fresh: dict[tuple[int, int], dict[str, Any]] = {}  # rows to insert, in the order found
    upgraded: dict[int, dict[str, Any]] = {}  # stored id -> its new values
    raised: list[int | tuple[int, int]] = []  # stored ids, or the pair of a row not inserted yet
    for (alert, _), pair in zip(found, pairs, strict=True):
        explanation = json.dumps(list(alert.explanation), ensure_ascii=False)
        waiting = fresh.get(pair)
        if waiting is not None:  # found twice in one document: the second may raise the first
            if STATUS_RANK[alert.status] > STATUS_RANK.get(waiting["status"], 0):
                waiting.update(status=alert.status, explanation=explanation)
                raised.append(pair)
        elif pair not in stored:
            fresh[pair] = {"redline_id": pair[0], "event_id": pair[1], "status": alert.status,
                           "explanation": explanation, "created": created}
            raised.append(pair)
        elif STATUS_RANK[alert.status] > STATUS_RANK.get(stored[pair][1], 0):
            alert_id = stored[pair][0]
            upgraded[alert_id] = {"alert_id": alert_id, "status": alert.status, "explanation": explanation,
                                  "created": created}
            stored[pair] = (alert_id, alert.status)
            raised.append(alert_id)
    ids: dict[tuple[int, int], int] = {}
    if fresh:
        # RETURNING of a multi-row insert need not follow the rows' order: each id comes with its pair
        result = conn.execute(_INSERT_ALERTS, list(fresh.values()))
        ids = {(line_id, event_id): alert_id for line_id, event_id, alert_id in result}
    if upgraded:
        conn.execute(_UPGRADE_ALERT, list(upgraded.values()))
    return tuple(dict.fromkeys(ids[r] if isinstance(r, tuple) else r for r in raised))


_ALERTS_OF_EVENTS = select(alert_table.c.id, alert_table.c.redline_id, alert_table.c.event_id,
                           alert_table.c.status).where(alert_table.c.event_id.in_(bindparam("ids", expanding=True)))
_INSERT_ALERTS = insert(alert_table).returning(alert_table.c.redline_id, alert_table.c.event_id, alert_table.c.id)
_UPGRADE_ALERT = (
    update(alert_table)
    .where(alert_table.c.id == bindparam("alert_id"))
    .values(status=bindparam("status"), explanation=bindparam("explanation"), created=bindparam("created"))
)


_EVENTS_OF_IDS = select(events, documents.c.doc_key).join(documents, documents.c.id == events.c.document_id).where(
    events.c.id.in_(bindparam("ids", expanding=True)))


def _load_events(conn: Connection, query: Any, params: dict[str, Any]) -> list[tuple[int, Event, bytes | None]]:
    """The stored events ``query`` (a select of event ids, in date and id order) selects, with their sentence
    vectors.

    An event is never changed once stored: each is made (its row and evidence read) once per transaction, and
    taken from the transaction's cache when a later document of the batch matches against it again.
    """
    ids = list(conn.scalars(query, params))
    made = transaction_cache(conn, EVENTS)
    if not made:  # the events committed transactions stored are kept for the next ones (never changed)
        kept = committed_cache(conn, EVENTS)
        made.update(kept)
        after_commit(conn, EVENTS, lambda: kept.update(made))
    missing = [i for i in ids if i not in made]
    for chunk in chunks(missing):
        rows = conn.execute(_EVENTS_OF_IDS, {"ids": list(chunk)}).all()
        ev = evidence_of_events(conn, [r.id for r in rows])
        for r in rows:
            made[r.id] = (
                Event(
                    actors=tuple(codes(r.actors)),
                    action=r.action,
                    targets=tuple(codes(r.targets)),
                    status=r.status,
                    text=r.text,
                    evidence=tuple(
                        Evidence(r.doc_key, x["sentence"], Span(*x["span"]), x["text"]) for x in ev.get(r.id, [])
                    ),
                    date=r.seen,
                    confidence=r.confidence,
                ),
                r.vector,
            )
    return [(i, *made[i]) for i in ids]


_EVIDENCE_OF_EVENTS = select(event_evidence).where(event_evidence.c.event_id.in_(bindparam("ids", expanding=True))
                                                   ).order_by(event_evidence.c.event_id, event_evidence.c.start)


def evidence_of_events(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in chunks(event_ids):
        for x in conn.execute(_EVIDENCE_OF_EVENTS, {"ids": list(chunk)}):
            out[x.event_id].append({"text": x.text, "span": [x.start, x.end], "sentence": x.sentence})
    return out


def line_dict(r: Row[Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "holder": codes(r.holder),
        "trigger": {
            "actors": codes(r.trigger_actors),
            "action": r.trigger_action,
            "targets": codes(r.trigger_targets),
            "text": r.trigger_text,
        },
        "consequence": {
            "action": r.consequence_action,
            "targets": codes(r.consequence_targets),
            "text": r.consequence_text,
        },
        "certainty": r.certainty,
        "first_seen": r.first_seen,
        "last_seen": r.last_seen,
        "statements": [],
    }


def _matching_line(r: Row[Any]) -> dict[str, Any]:
    """A line as the matcher reads it: with its stored vectors (bytes; the matcher reads them)."""
    line = line_dict(r)
    line["trigger"]["vector"] = r.trigger_vector
    line["context_vector"] = r.context_vector
    return line


_LINES_BY_ID = select(redlines).where(redlines.c.id.in_(bindparam("ids", expanding=True)))
_SENTENCES_OF_LINES = (
    select(statements.c.redline_id, evidence.c.text)
    .join(evidence, evidence.c.statement_id == statements.c.id)
    .where(statements.c.redline_id.in_(bindparam("ids", expanding=True)))
    .order_by(statements.c.seen, statements.c.id, evidence.c.start)
)


def _load_lines(conn: Connection, query: Any | None, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Lines as the matcher reads them; ``statements`` holds their evidence sentences (never events).

    With a ``query`` (the writer's matching: a select of line ids in id order, bound with ``params``), every line
    it selects comes with its stored vectors, and each line's dict is made once per transaction and handed out
    again until a statement added to the line forgets it (txcache.forget_line: every change the writer makes to
    a line comes with a statement). Without one, every line, without vectors.
    """
    made: dict[int, dict[str, Any]] = transaction_cache(conn, LINES) if query is not None else {}
    if query is not None:
        ids = list(conn.scalars(query, params or {}))
        missing = [i for i in ids if i not in made]
        for chunk in chunks(missing):
            for r in conn.execute(_LINES_BY_ID, {"ids": list(chunk)}):
                made[r.id] = _matching_line(r)
        lines = [made[i] for i in ids]
    else:
        lines = [line_dict(r) for r in conn.execute(select(redlines).order_by(redlines.c.id))]
    # Each line's evidence sentences are read once per transaction (every document of a batch matches its
    # events against many of the same lines); a statement added to a line forgets them (txcache.forget_line).
    known = transaction_cache(conn, LINE_SENTENCES)
    missing = [line["id"] for line in lines if line["id"] not in known]
    for chunk in chunks(missing):
        found: dict[int, list[str]] = {i: [] for i in chunk}
        for r in conn.execute(_SENTENCES_OF_LINES, {"ids": list(chunk)}):
            found[r.redline_id].append(r.text)
        known.update(found)
    for line in lines:
        line["statements"] = list(known[line["id"]])
    return lines


# -- reading -------------------------------------------------------------------------------------------


def matching_lines(store: Store) -> list[dict[str, Any]]:
    """Every consolidated line with its evidence sentences, for what-if and the red-line graph."""
    with store.reading() as conn:
        return _load_lines(conn, None)
