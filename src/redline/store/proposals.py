"""Proposals as records: the debated move, who stands where on it over time, and the red lines it would cross.

A proposal is what stances are about ("sending Western troops to Ukraine"):
its stances are linked to it when stored (:func:`redline.store.writer.add_stance`,
by meaning or wording, :mod:`redline.store.merge`). Here it is read back whole::

    {"id": 1, "label": "sending troops to Ukraine", "action": "DEPLOY", "targets": ["UKR"],
     "wordings": ["sending troops to Ukraine", "putting boots on the ground in Ukraine"],
     "first_seen": "2024-02-26", "last_seen": "2024-03-01",
     "parties": [{"actor": "FRA", "position": "open", "previous": "oppose", "shift": "oppose → open",
                  "changed": "2024-03-01", "count": 3}],
     "supporters": ["FRA"], "opponents": ["DEU", "POL"],
     "redlines": [{"id": 3, "holder": ["RUS"], "trigger": "Western troops are sent to Ukraine",
                   "consequence": "...", "why": "action: same class DEPLOY; targets: shared UKR; meaning 0.71 ≥ 0.60"}]}

``label`` is the wording the proposal was first stored with; ``wordings`` every
distinct wording of its stances, most frequent first (counted at ingest, in
``proposal_wordings``). A party is one stance cell, light: ``count`` stance
statements; its history of positions and their documents is the cell's own
(``redline stances``, ``/api/stances/{proposal_id}/{actor}``). ``redlines`` are the lines
whose trigger is the same move, decided as two proposals are
(:func:`redline.store.merge.compare_proposals`: action class, targets, then
meaning, or wording without vectors): "who supports the move Russia has called a
red line?" is ``supporters`` beside ``redlines``. Only lines of the proposal's
action whose targets can overlap its own are compared (:class:`LineIndex`), which
is every line the comparison could match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, and_, func, literal, or_, select

from redline.embed import from_bytes
from redline.store import merge
from redline.store.queries import CHUNK
from redline.store.schema import proposal_wordings, proposals, redlines, stance_cells, stances, statements

if TYPE_CHECKING:
    from redline.store.kb import Store

SUPPORT = frozenset({"support", "conditional"})
OPPOSE = frozenset({"oppose"})
LINE_COLUMNS = (
    redlines.c.id, redlines.c.holder, redlines.c.trigger_actors, redlines.c.trigger_action,
    redlines.c.trigger_targets, redlines.c.trigger_text, redlines.c.consequence_text, redlines.c.trigger_vector,
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def proposal_records(store: Store, *, text: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Every proposal with stances, most recently stated first (the shape is in the module docstring).

    ``text`` keeps proposals whose wording contains it (case-insensitive); ``limit`` the first so many.
    """
    return proposal_page(store, text=text, limit=limit)[1]


def proposal_page(store: Store, *, text: str | None = None, limit: int | None = None,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """How many proposals match, and the records of ``limit`` of them from ``offset``.

    Proposals are filtered and ordered on their own columns and counted wordings first, so only the
    page's cells, vectors and candidate red lines are read.
    """
    with store.reading() as conn:
        rows = conn.execute(select(proposals.c.id, proposals.c.text, proposals.c.action, proposals.c.targets,
                                   proposals.c.first_seen, proposals.c.last_seen)).all()
        stated = set(conn.execute(select(stance_cells.c.proposal_id).distinct()).scalars())
        words: dict[int, list[str]] = defaultdict(list)
        for pid, wording in conn.execute(
            select(proposal_wordings.c.proposal_id, proposal_wordings.c.wording).order_by(
                proposal_wordings.c.count.desc(), proposal_wordings.c.first_statement_id)
        ):
            words[pid].append(wording)
        chosen = []
        for p in rows:
            if p.id not in stated:
                continue
            variants = words[p.id] or [p.text]
            if text and not any(text.lower() in w.lower() for w in variants):
                continue
            chosen.append((p, variants))
        chosen.sort(key=lambda pv: (_iso(pv[0].last_seen) or "", -pv[0].id), reverse=True)  # undated last
        window = chosen[offset: offset + limit] if limit else chosen[offset:]
        ids = [p.id for p, _ in window]
        cells: dict[int, list[dict[str, Any]]] = defaultdict(list)
        vectors: dict[int, Any] = {}
        for chunk in _chunks(ids):
            query = select(stance_cells.c.proposal_id, stance_cells.c.actor, stance_cells.c.position,
                           stance_cells.c.previous, stance_cells.c.changed, stance_cells.c.count)
            for pid, actor, position, previous, changed, count in conn.execute(
                    query.where(stance_cells.c.proposal_id.in_(chunk)).order_by(stance_cells.c.actor)):
                cells[pid].append({"actor": actor, "position": position, "previous": previous,
                                   "shift": f"{previous} → {position}" if previous else None,
                                   "changed": _iso(changed), "count": count})
            vectors.update((r.id, r.vector) for r in conn.execute(
                select(proposals.c.id, proposals.c.vector).where(proposals.c.id.in_(chunk))))
        named = _named_actions(conn, [p.id for p, _ in window if not _specific(p.action)])
        sigs = [merge.ProposalSignature(p.text, p.action if _specific(p.action) else named.get(p.id, p.action),
                                        merge.codes_set(p.targets), from_bytes(vectors.get(p.id)))
                for p, _ in window]
        index = LineIndex.read(conn, sigs)
    return len(chosen), [
        _record(p, cells[p.id], variants, sig, index.candidates(sig))
        for (p, variants), sig in zip(window, sigs, strict=True)
    ]


def _specific(action: str | None) -> bool:
    return bool(action) and action not in merge.WILDCARD_ACTIONS


def _named_actions(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """For proposals first stored with a vague class (OTHER, RESPOND, none), the named class their stances
    give most often ("putting boots on the ground", OTHER, then "sending troops", DEPLOY): the move they are
    about, so the red lines drawn against it are found. Ties go to the class first in the alphabet."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for chunk in _chunks(ids):
        query = (select(stances.c.proposal_id, statements.c.trigger_action, func.count())
                 .join(stances, stances.c.id == statements.c.stance_id)
                 .where(stances.c.proposal_id.in_(chunk), statements.c.trigger_action.is_not(None),
                        statements.c.trigger_action.not_in(sorted(merge.WILDCARD_ACTIONS)))
                 .group_by(stances.c.proposal_id, statements.c.trigger_action))
        for pid, action, n in conn.execute(query):
            counts[pid][action] = n
    return {pid: min(by, key=lambda a: (-by[a], a)) for pid, by in counts.items()}


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    return (ids[i: i + CHUNK] for i in range(0, len(ids), CHUNK))


class LineIndex:
    """The red lines by trigger action and target code, so a proposal meets only lines it could match.

    :func:`same_move_lines` refuses a line of another action, and ``compare_proposals`` one whose
    targets do not overlap (neither side unspecified, no shared code): the candidates of a proposal
    are its action's lines with no targets or a target of its own, every one of them when it has none.
    """

    def __init__(self, rows: Iterable[Any]) -> None:
        self._all: dict[str, list[Any]] = defaultdict(list)
        self._untargeted: dict[str, list[Any]] = defaultdict(list)
        self._by_target: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for row in rows:
            self._all[row.trigger_action].append(row)
            codes = merge.codes_set(row.trigger_targets)
            if not codes:
                self._untargeted[row.trigger_action].append(row)
            for code in codes:
                self._by_target[row.trigger_action, code].append(row)

    @classmethod
    def read(cls, conn: Connection, sigs: Iterable[merge.ProposalSignature]) -> LineIndex:
        """The lines that are candidates of any of ``sigs``, read with one query.

        The database narrows by action and by target code (a code is matched inside the comma-joined
        list, ``,UKR,`` in ``,POL,UKR,``); the index then checks the codes exactly.
        """
        codes: dict[str, set[str]] = defaultdict(set)
        anywhere: set[str] = set()  # actions of a proposal with no targets: all their lines
        for sig in sigs:
            if not sig.action or sig.action in merge.WILDCARD_ACTIONS:
                continue
            if sig.targets:
                codes[sig.action] |= sig.targets
            else:
                anywhere.add(sig.action)
        listed = literal(",") + redlines.c.trigger_targets + literal(",")
        wanted: list[ColumnElement[bool]] = [redlines.c.trigger_action.in_(sorted(anywhere))] if anywhere else []
        for action, targets in sorted(codes.items()):
            if action not in anywhere:
                wanted.append(and_(redlines.c.trigger_action == action, or_(
                    redlines.c.trigger_targets == "", *(listed.like(f"%,{code},%") for code in sorted(targets)))))
        if not wanted:
            return cls(())
        return cls(conn.execute(select(*LINE_COLUMNS).where(or_(*wanted)).order_by(redlines.c.id)))

    def candidates(self, sig: merge.ProposalSignature) -> list[Any]:
        """The lines ``sig`` could be the same move as, in id order."""
        if not sig.action or sig.action in merge.WILDCARD_ACTIONS:
            return []
        if not sig.targets:
            return self._all.get(sig.action, [])
        found = {row.id: row for row in self._untargeted.get(sig.action, ())}
        for code in sig.targets:
            found.update((row.id, row) for row in self._by_target.get((sig.action, code), ()))
        return [found[i] for i in sorted(found)]


def _record(p: Any, parties: list[dict[str, Any]], variants: list[str], sig: merge.ProposalSignature,
            lines: Sequence[Any]) -> dict[str, Any]:
    return {
        "id": p.id,
        "label": p.text,
        "action": sig.action,
        "targets": sorted(sig.targets),
        "wordings": variants,
        "first_seen": _iso(p.first_seen),
        "last_seen": _iso(p.last_seen),
        "parties": parties,
        "supporters": [c["actor"] for c in parties if c["position"] in SUPPORT],
        "opponents": [c["actor"] for c in parties if c["position"] in OPPOSE],
        "redlines": same_move_lines(sig, lines),
    }


def same_move_lines(sig: merge.ProposalSignature, lines: Sequence[Any]) -> list[dict[str, Any]]:
    """The red lines among ``lines`` whose trigger is the move ``sig`` proposes, with why."""
    if not sig.action or sig.action in merge.WILDCARD_ACTIONS:
        return []  # a vague proposal names no move a line could be drawn against
    found = []
    for ln in lines:
        if ln.trigger_action != sig.action:
            continue
        trigger = merge.ProposalSignature(ln.trigger_text, ln.trigger_action, merge.codes_set(ln.trigger_targets),
                                          from_bytes(ln.trigger_vector))
        decision = merge.compare_proposals(sig, trigger, target_id=ln.id)
        if decision.matched:
            found.append(
                {
                    "id": ln.id,
                    "holder": sorted(merge.codes_set(ln.holder)),
                    "trigger": ln.trigger_text,
                    "consequence": ln.consequence_text,
                    "why": "; ".join(f"{k}: {v}" for k, v in decision.fields.items()),
                }
            )
    return found
