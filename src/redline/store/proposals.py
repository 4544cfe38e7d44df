"""Proposals as records: the debated move, who stands where on it over time, and the red lines it would cross.

A proposal is what stances are about ("sending Western troops to Ukraine"):
its stances are linked to it when stored (:func:`redline.store.writer.add_stance`,
by meaning or wording, :mod:`redline.store.merge`). Here it is read back whole::

    {"id": 1, "label": "sending troops to Ukraine", "action": "DEPLOY", "targets": ["UKR"],
     "wordings": ["sending troops to Ukraine", "putting boots on the ground in Ukraine"],
     "first_seen": "2024-02-26", "last_seen": "2024-03-01",
     "parties": [{"actor": "FRA", "position": "open", "previous": "oppose", "shift": "oppose → open",
                  "history": [{"position", "from", "to", "count", "doc_ids"}]}],
     "supporters": ["FRA"], "opponents": ["DEU", "POL"],
     "redlines": [{"id": 3, "holder": ["RUS"], "trigger": "Western troops are sent to Ukraine",
                   "consequence": "...", "why": "action: same class DEPLOY; targets: shared UKR; meaning 0.71 ≥ 0.60"}]}

``label`` is the wording the proposal was first stored with; ``wordings`` every
distinct wording of its stances, most frequent first. ``redlines`` are the lines
whose trigger is the same move, decided as two proposals are
(:func:`redline.store.merge.compare_proposals`: action class, targets, then
meaning, or wording without vectors): "who supports the move Russia has called a
red line?" is ``supporters`` beside ``redlines``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from redline.embed import from_bytes
from redline.store import merge
from redline.store.schema import proposals, redlines, stance_cells, stances, statements

if TYPE_CHECKING:
    from redline.store.kb import Store

SUPPORT = frozenset({"support", "conditional"})
OPPOSE = frozenset({"oppose"})


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

    Proposals are filtered and ordered on their own columns first, so only the page's records (and their
    comparison with every red line) are built.
    """
    with store.reading() as conn:
        rows = conn.execute(select(proposals)).all()
        cells = conn.execute(select(stance_cells).order_by(stance_cells.c.actor)).all()
        # The wordings of each proposal, counted by the database (one row per wording, not per statement).
        wordings = conn.execute(
            select(stances.c.proposal_id, statements.c.proposal, func.count(), func.min(statements.c.id))
            .join(stances, stances.c.id == statements.c.stance_id)
            .where(statements.c.kind == "stance")
            .group_by(stances.c.proposal_id, statements.c.proposal)
            .order_by(func.min(statements.c.id))
        ).all()
        lines = conn.execute(
            select(
                redlines.c.id, redlines.c.holder, redlines.c.trigger_actors, redlines.c.trigger_action,
                redlines.c.trigger_targets, redlines.c.trigger_text, redlines.c.consequence_text,
                redlines.c.trigger_vector,
            )
        ).all()
    by_proposal: dict[int, list[Any]] = defaultdict(list)
    for c in cells:
        by_proposal[c.proposal_id].append(c)
    words: dict[int, Counter[str]] = defaultdict(Counter)
    for pid, wording, n, _first in wordings:
        if pid is not None and wording:
            words[pid][wording] += n
    chosen = []
    for p in rows:
        if p.id not in by_proposal:
            continue
        variants = [w for w, _ in words[p.id].most_common()] or [p.text]
        if text and not any(text.lower() in w.lower() for w in variants):
            continue
        chosen.append((p, variants))
    chosen.sort(key=lambda pv: (_iso(pv[0].last_seen) or "", -pv[0].id), reverse=True)  # undated last
    window = chosen[offset: offset + limit] if limit else chosen[offset:]
    return len(chosen), [_record(p, by_proposal[p.id], variants, lines) for p, variants in window]


def _record(p: Any, cells: list[Any], variants: list[str], lines: Sequence[Any]) -> dict[str, Any]:
    parties = [
        {
            "actor": c.actor,
            "position": c.position,
            "previous": c.previous,
            "shift": f"{c.previous} → {c.position}" if c.previous else None,
            "changed": _iso(c.changed),
            "history": json.loads(c.history),
        }
        for c in cells
    ]
    sig = merge.ProposalSignature(p.text, p.action, merge.codes_set(p.targets), from_bytes(p.vector))
    return {
        "id": p.id,
        "label": p.text,
        "action": p.action,
        "targets": sorted(merge.codes_set(p.targets)),
        "wordings": variants,
        "first_seen": _iso(p.first_seen),
        "last_seen": _iso(p.last_seen),
        "parties": parties,
        "supporters": [c.actor for c in cells if c.position in SUPPORT],
        "opponents": [c.actor for c in cells if c.position in OPPOSE],
        "redlines": same_move_lines(sig, lines),
    }


def same_move_lines(sig: merge.ProposalSignature, lines: Sequence[Any]) -> list[dict[str, Any]]:
    """The red lines whose trigger is the move ``sig`` proposes, with why."""
    if not sig.action or sig.action in merge.WILDCARD_ACTIONS:
        return []  # a vague proposal names no move a line could be drawn against
    found = []
    for ln in lines:
        if ln.trigger_action != sig.action:
            continue
        targets = merge.codes_set(ln.trigger_targets)
        if not merge.codes_overlap(sig.targets, targets)[0]:
            continue  # the same refusal compare_proposals would give, before its wording comparison
        trigger = merge.ProposalSignature(ln.trigger_text, ln.trigger_action, targets, from_bytes(ln.trigger_vector))
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
