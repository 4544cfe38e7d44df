"""What one document writes: statements, evidence, consolidated lines, proposals, stances, actors.

Called by :meth:`redline.store.kb.Store.add` inside its one write transaction;
every merging decision comes from :mod:`redline.store.merge` and is stored with
the statement (``merge_reason``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from redline.embed import from_bytes
from redline.models import Evidence, RedLine, Stance
from redline.store import merge
from redline.store.actor_tally import earliest, latest, touch_actors
from redline.store.blocking import SMALL, ProposalIndex
from redline.store.cells import add_stance_to_cell, cell_position
from redline.store.engine import before_commit
from redline.store.schema import (
    evidence,
    proposal_wordings,
    proposals,
    redline_holders,
    redlines,
    search_entries,
    stances,
    statements,
)
from redline.store.txcache import (
    DOC_STANCES,
    EVIDENCE,
    PROPOSAL_INDEX,
    SEARCH,
    WITH_WORDINGS,
    add_proposal_id,
    forget_line,
    forget_wordings,
    proposal_changed,
    proposal_ids,
    proposal_signatures,
    proposal_wordings_of,
    transaction_cache,
)


@dataclass(frozen=True)
class Shift:
    """An actor's position on a proposal changed (``oppose`` → ``open``)."""

    actor: str
    proposal_id: int
    proposal: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.actor} on “{self.proposal}”: {self.before} → {self.after}"


@dataclass
class Changes:
    """What one document changed, filled as its statements are written."""

    new_lines: list[int] = field(default_factory=list)
    restated: list[int] = field(default_factory=list)
    linked: list[int] = field(default_factory=list)
    # restated or linked lines whose parties or first date moved: only they can meet an event stored before
    reshaped: list[int] = field(default_factory=list)
    new_stances: int = 0
    new_proposals: int = 0
    shifts: list[Shift] = field(default_factory=list)


# What a restatement may change that the alert matcher reads (monitor.match): when none of it moves, every
# event stored before has already been matched against the line as it still is.
MATCHED_COLUMNS = ("trigger_actors", "trigger_targets", "holder", "first_seen", "certainty")


def _redline_columns(r: RedLine) -> dict[str, Any]:
    """The columns a consolidated line and each of its statements share."""
    return {
        "holder": merge.codes_text(r.holder),
        "speaker": r.speaker,
        "trigger_actors": merge.codes_text(r.trigger.actors),
        "trigger_action": r.trigger.action,
        "trigger_targets": merge.codes_text(r.trigger.targets),
        "trigger_text": r.trigger.text,
        "consequence_action": r.consequence.action,
        "consequence_targets": merge.codes_text(r.consequence.targets),
        "consequence_text": r.consequence.text,
        "certainty": r.certainty,
        "explicit": r.explicit,
    }


def add_redline(
    conn: Connection,
    groups_of: merge.GroupsOf | None,
    doc_id: int,
    seen: date | None,
    ordinal: int,
    r: RedLine,
    counted: bool,
    changes: Changes,
    vector: bytes | None = None,
    context_vector: bytes | None = None,
) -> None:
    sig = merge.LineSignature(
        frozenset(r.holder),
        frozenset(r.trigger.actors),
        r.trigger.action,
        frozenset(r.trigger.targets),
        r.trigger.text,
        from_bytes(vector),
        from_bytes(context_vector),
        consequence=r.consequence.action,
    )
    decision = merge.match_line(sig, line_candidates(conn, sig), groups_of=groups_of)
    if decision.matched and decision.target_id is not None:
        line_id = decision.target_id
        line = conn.execute(_LINE, {"line": line_id}).one()
        values: dict[str, Any] = {
            "trigger_actors": merge.codes_text(merge.codes_set(line.trigger_actors) | sig.actors),
            "trigger_targets": merge.codes_text(merge.codes_set(line.trigger_targets) | sig.targets),
            "holder": merge.codes_text(merge.codes_set(line.holder) | sig.holder),
        }
        if counted:
            values.update(
                first_seen=earliest(line.first_seen, seen),
                last_seen=latest(line.last_seen, seen),
                statement_count=line.statement_count + 1,
                explicit=line.explicit or r.explicit,
            )
            if seen and (line.last_seen is None or seen >= line.last_seen):  # the wording as last stated
                values["certainty"] = r.certainty
            if line_id not in changes.new_lines:
                changes.restated.append(line_id)
        else:
            changes.linked.append(line_id)
        if any(values[k] != getattr(line, k) for k in MATCHED_COLUMNS if k in values):
            changes.reshaped.append(line_id)
        conn.execute(_update_line(tuple(values)), {"line": line_id, **{f"v_{k}": v for k, v in values.items()}})
    else:
        line_id = conn.execute(_INSERT_LINE, {
            **_redline_columns(r), "first_seen": seen, "last_seen": seen, "statement_count": 1,
            "trigger_vector": vector, "context_vector": context_vector}).scalar_one()
        changes.new_lines.append(line_id)
        counted = True  # a line first seen in a copy is still news: it is counted once
    known = set(conn.scalars(_LINE_HOLDERS, {"line": line_id}))
    new_codes = sorted(set(r.holder) - known)
    if new_codes:
        conn.execute(_INSERT_HOLDER, [{"code": c, "redline_id": line_id} for c in new_codes])
    statement_id = conn.execute(_INSERT_STATEMENT, {
        "document_id": doc_id, "kind": "redline", "ordinal": ordinal, "redline_id": line_id, **_redline_columns(r),
        "seen": seen, "counted": counted, "merge_score": decision.score if decision.target_id else None,
        "merge_reason": _reason_json(decision), "vector": vector, "context_vector": context_vector}).scalar_one()
    forget_line(conn, line_id)
    add_evidence(conn, doc_id, statement_id, "redline", r.evidence, (r.trigger.text, r.consequence.text))
    touch_actors(conn, seen, [*r.holder, *r.trigger.actors, *r.trigger.targets, *r.consequence.targets])


_LINE = select(redlines).where(redlines.c.id == bindparam("line"))
_INSERT_LINE = insert(redlines).returning(redlines.c.id)
_UPDATE_LINES: dict[tuple[str, ...], Any] = {}


def _update_line(columns: tuple[str, ...]) -> Any:
    """The update of a line's ``columns`` (bound as ``v_<column>``, the line as ``line``), built once per set."""
    made = _UPDATE_LINES.get(columns)
    if made is None:
        made = _UPDATE_LINES[columns] = update(redlines).where(redlines.c.id == bindparam("line")).values(
            {c: bindparam(f"v_{c}") for c in columns})
    return made
_LINE_HOLDERS = select(redline_holders.c.code).where(redline_holders.c.redline_id == bindparam("line"))
_INSERT_HOLDER = insert(redline_holders)


# Built once, with expanding IN lists: building a select per call (coercing its lists, its cache key) cost more
# CPU than running it.
_CANDIDATES = (
    select(
        redlines.c.id,
        redlines.c.holder,
        redlines.c.trigger_actors,
        redlines.c.trigger_action,
        redlines.c.trigger_targets,
        redlines.c.trigger_text,
        redlines.c.trigger_vector,
        redlines.c.context_vector,
        redlines.c.consequence_action,
    )
    .join(redline_holders, redline_holders.c.redline_id == redlines.c.id)
    .where(redline_holders.c.code.in_(bindparam("codes", expanding=True)))
    .distinct()
)
_CANDIDATES_OF_ACTIONS = _CANDIDATES.where(redlines.c.trigger_action.in_(bindparam("actions", expanding=True)))
_LINE_STATEMENTS = select(statements.c.redline_id, statements.c.vector, statements.c.trigger_targets,
                          statements.c.context_vector).where(
    statements.c.redline_id.in_(bindparam("lines", expanding=True)))


def line_candidates(conn: Connection, sig: merge.LineSignature) -> Iterator[tuple[int, merge.LineSignature]]:
    if not sig.holder:
        return
    if sig.action in merge.WILDCARD_ACTIONS or (sig.vector is not None and sig.context is not None):
        # with vectors a line of another class may still be the same (merge.CROSS_CLASS_COSINE)
        rows = conn.execute(_CANDIDATES, {"codes": sorted(sig.holder)}).all()
    else:
        related = [c for pair in merge.RELATED_ACTIONS if sig.action in pair for c in pair]
        rows = conn.execute(_CANDIDATES_OF_ACTIONS, {
            "codes": sorted(sig.holder), "actions": list(dict.fromkeys([sig.action, *merge.WILDCARD_ACTIONS, *related]))
        }).all()
    restated: dict[int, list[Any]] = {}
    contexts: dict[int, list[Any]] = {}
    target_sets: dict[int, set[frozenset[str]]] = {}
    if rows:
        # every statement's trigger vector (a restatement may be nearer to a later wording than to the first)
        # and the parties each statement's trigger is aimed at
        found = conn.execute(_LINE_STATEMENTS, {"lines": [row.id for row in rows]})
        for line_id, data, targets, context in found:
            vec = from_bytes(data) if sig.vector is not None else None
            if vec is not None:
                restated.setdefault(line_id, []).append(vec)
            ctx = from_bytes(context) if sig.context is not None else None
            if ctx is not None:
                contexts.setdefault(line_id, []).append(ctx)
            target_sets.setdefault(line_id, set()).add(merge.codes_set(targets))
    for row in rows:
        yield (
            row.id,
            merge.LineSignature(
                merge.codes_set(row.holder),
                merge.codes_set(row.trigger_actors),
                row.trigger_action,
                merge.codes_set(row.trigger_targets),
                row.trigger_text,
                from_bytes(row.trigger_vector),
                from_bytes(row.context_vector),
                tuple(restated.get(row.id, ())),
                row.consequence_action,
                tuple(sorted(target_sets.get(row.id, ()), key=sorted)),
                tuple(contexts.get(row.id, ())),
            ),
        )


# Built once: a statement built per call cost more CPU than running it (SQLAlchemy's construction and cache key).
_PROPOSAL_DATES = select(proposals.c.first_seen, proposals.c.last_seen, proposals.c.action, proposals.c.targets).where(
    proposals.c.id == bindparam("proposal"))
_UPDATE_PROPOSAL = update(proposals).where(proposals.c.id == bindparam("proposal")).values(
    {c: bindparam(c) for c in ("first_seen", "last_seen", "action", "targets")})
_PROPOSAL_TEXT = select(proposals.c.text).where(proposals.c.id == bindparam("proposal"))
_INSERT_PROPOSAL = insert(proposals).returning(proposals.c.id)
_INSERT_STANCE = insert(stances).returning(stances.c.id)
_INSERT_STATEMENT = insert(statements).returning(statements.c.id)


def add_stance(
    conn: Connection,
    groups_of: merge.GroupsOf | None,
    doc_id: int,
    seen: date | None,
    ordinal: int,
    s: Stance,
    counted: bool,
    changes: Changes,
    vector: bytes | None = None,
    peace_force: bool | None = None,
    *,
    doc_key: str,
    anchor: str | None = None,
) -> None:
    """Write one stance statement of document ``doc_id`` (its key ``doc_key``), its proposal and its stance.

    ``anchor``: the wording of its article's anchor proposal when the stance was compared by it (it names no
    move of its own, :mod:`redline.store.anchors`); the merge reason then says so.
    """
    sig = merge.ProposalSignature(s.proposal, s.proposal_action, frozenset(s.proposal_targets), from_bytes(vector),
                                  peace_force=peace_force)
    decision = merge.match_proposal(sig, proposal_candidates(conn, sig), groups_of=groups_of)
    if anchor is not None:
        decision = replace(decision, fields={
            "compared as": f"its article's anchor proposal '{anchor}' (its own wording names no move)",
            **decision.fields})
    fresh = not (decision.matched and decision.target_id is not None)  # a proposal first stated here
    if decision.target_id is not None and not fresh:
        proposal_id = decision.target_id
        row = conn.execute(_PROPOSAL_DATES, {"proposal": proposal_id}).one()
        action = row.action or s.proposal_action
        targets = merge.codes_text(merge.codes_set(row.targets) | sig.targets)
        conn.execute(_UPDATE_PROPOSAL, {
            "proposal": proposal_id, "first_seen": earliest(row.first_seen, seen),
            "last_seen": latest(row.last_seen, seen), "action": action, "targets": targets})
        if (action, targets) != (row.action, row.targets):  # what merging reads of it changed (its dates aside)
            proposal_changed(conn, proposal_id, action)
    else:
        proposal_id = conn.execute(_INSERT_PROPOSAL, {
            "text": s.proposal, "key": merge.normalise(s.proposal), "action": s.proposal_action,
            "targets": merge.codes_text(s.proposal_targets), "first_seen": seen, "last_seen": seen,
            "vector": vector, "peace_force": peace_force}).scalar_one()
        add_proposal_id(conn, proposal_id, s.proposal_action)
        changes.new_proposals += 1
    # One actor's stance on one proposal in one article is one stance, however many statements (the document is
    # new to this transaction: its stances are all here).
    own = transaction_cache(conn, DOC_STANCES)
    stance_id = own.get((s.actor, proposal_id, doc_id))
    if stance_id is None:
        before = cell_position(conn, s.actor, proposal_id, new_proposal=fresh)
        stance_id = conn.execute(
            _INSERT_STANCE,
            {"actor": s.actor, "proposal_id": proposal_id, "document_id": doc_id, "position": s.position,
             "seen": seen, "counted": counted},
        ).scalar_one()
        own[(s.actor, proposal_id, doc_id)] = stance_id
        cell = add_stance_to_cell(conn, s.actor, proposal_id,
                                  (stance_id, seen, s.position, doc_key) if counted else None, new_proposal=fresh)
        if counted:
            changes.new_stances += 1
            # A shift is a change between two dated articles (stance_cell), never inside one article.
            if before is not None and cell is not None and cell.position != before and cell.previous is not None:
                text = conn.scalar(_PROPOSAL_TEXT, {"proposal": proposal_id}) or ""
                changes.shifts.append(Shift(s.actor, proposal_id, text, before, cell.position))
    statement_id = conn.execute(_INSERT_STATEMENT, {
        "document_id": doc_id, "kind": "stance", "ordinal": ordinal, "stance_id": stance_id, "holder": s.actor,
        "speaker": s.speaker, "proposal": s.proposal, "position": s.position, "seen": seen, "counted": counted,
        "trigger_action": s.proposal_action, "trigger_targets": merge.codes_text(s.proposal_targets),
        "merge_score": decision.score if decision.target_id else None, "merge_reason": _reason_json(decision),
        "vector": vector}).scalar_one()
    add_evidence(conn, doc_id, statement_id, "stance", s.evidence, (s.proposal,))
    count_wording(conn, proposal_id, s.proposal, statement_id)
    touch_actors(conn, seen, [s.actor, *s.proposal_targets])


_COUNT_WORDING = update(proposal_wordings).where(
    proposal_wordings.c.proposal_id == bindparam("w_proposal"), proposal_wordings.c.wording == bindparam("w_wording")
).values(count=proposal_wordings.c.count + 1)
_INSERT_WORDING = insert(proposal_wordings)


def count_wording(conn: Connection, proposal_id: int, wording: str, statement_id: int) -> None:
    """One more stance statement worded ``wording`` on the proposal (``proposal_wordings``)."""
    if not wording:
        return
    if conn.execute(_COUNT_WORDING, {"w_proposal": proposal_id, "w_wording": wording}).rowcount == 0:
        conn.execute(_INSERT_WORDING, {"proposal_id": proposal_id, "wording": wording, "count": 1,
                                       "first_statement_id": statement_id})
        forget_wordings(conn, proposal_id)


def proposal_candidates(
    conn: Connection, sig: merge.ProposalSignature
) -> Iterator[tuple[int, merge.ProposalSignature]]:
    # The ids whose class may match (read once per transaction, in SQLite's order); their rows too (txcache).
    specific = sig.action is not None and sig.action not in merge.WILDCARD_ACTIONS
    ids = proposal_ids(conn, [sig.action, *merge.WILDCARD_ACTIONS] if sig.action and specific else None)
    if sig.vector is None:
        return iter(proposal_signatures(conn, ids))
    if len(ids) < SMALL:
        return iter(_with_all_wordings(conn, ids))
    # only those that can decide the match (blocking: one matrix product over every proposal's vectors, kept
    # for the transaction), and only theirs are read in full
    held = transaction_cache(conn, PROPOSAL_INDEX)
    index: ProposalIndex = held.setdefault("index", ProposalIndex())
    for i, p in _with_all_wordings(conn, index.missing(ids)):
        index.put(i, p)
    return iter(_with_all_wordings(conn, [ids[k] for k in index.block(sig, ids)]))


def _with_all_wordings(conn: Connection, ids: Sequence[int]) -> list[tuple[int, merge.ProposalSignature]]:
    """The stored proposals ``ids``, in that order, each with every distinct wording that has a vector (a new
    wording may be nearer to a later one than to the first)."""
    found = proposal_signatures(conn, ids)
    wordings = proposal_wordings_of(conn, [i for i, _ in found])
    return [(i, _with_wordings(conn, i, p, wordings[i]) if wordings[i] else p) for i, p in found]


def _with_wordings(
    conn: Connection, proposal_id: int, p: merge.ProposalSignature, wordings: tuple[tuple[str, Any], ...]
) -> merge.ProposalSignature:
    """``p`` with its ``wordings``, made once per transaction while neither changes."""
    made = transaction_cache(conn, WITH_WORDINGS)
    held = made.get(proposal_id)
    if held is None or held[0] is not p or held[1] is not wordings:
        held = made[proposal_id] = (p, wordings, replace(p, wordings=wordings))
    result: merge.ProposalSignature = held[2]
    return result


def add_evidence(
    conn: Connection,
    doc_id: int,
    statement_id: int,
    kind: str,
    items: Sequence[Evidence],
    extra: Iterable[str],
) -> None:
    """A statement's evidence rows and its search entry, kept to be written a table at a time: the evidence
    by :func:`write_evidence` (before anything reads it back), the search entry when the transaction commits."""
    if items:
        pending = transaction_cache(conn, EVIDENCE).setdefault("rows", [])
        pending += [
            {"statement_id": statement_id, "sentence": e.sentence, "start": e.span.start, "end": e.span.end,
             "text": e.text}
            for e in items
        ]
        before_commit(conn, EVIDENCE, write_evidence)
    body = "\n".join([*(x for x in extra if x), *(e.text for e in items)])
    add_search_entry(conn, kind, doc_id, statement_id, body)


def write_evidence(conn: Connection) -> None:
    """The evidence rows :func:`add_evidence` kept, in one executemany; call it before reading evidence back."""
    pending = transaction_cache(conn, EVIDENCE).pop("rows", None)
    if pending:
        conn.execute(insert(evidence), pending)


def add_search_entry(conn: Connection, kind: str, doc_id: int, statement_id: int | None, body: str) -> None:
    """A full-text search entry, written with the transaction's others when it commits (in the order added:
    nothing reads the entries while a transaction writes)."""
    pending = transaction_cache(conn, SEARCH).setdefault("rows", [])
    pending.append({"kind": kind, "document_id": doc_id, "statement_id": statement_id, "body": body})
    before_commit(conn, SEARCH, _write_search_entries)


def _write_search_entries(conn: Connection) -> None:
    pending = transaction_cache(conn, SEARCH).pop("rows", None)
    if pending:
        conn.execute(insert(search_entries), pending)


def _reason_json(decision: merge.Decision) -> str:
    return json.dumps({**decision.as_json(), "explain": decision.explain()}, ensure_ascii=False)
